/* Where a test's database lives: a file in /tmp, or, under make check-pg,
 * a fresh database of the throwaway PostgreSQL cluster (JIANCE_TEST_PG,
 * the URL of its maintenance database). */
#ifndef JIANCE_TESTDB_H
#define JIANCE_TESTDB_H

#include <stddef.h>

/* 1 when the tests run against PostgreSQL */
int testdb_pg(void);
/* A new, empty database: a path that does not exist yet (stem names it:
 * "/tmp/jiance-test") or the URL of a database just created. */
void testdb_fresh(char *where, size_t n, const char *stem);
/* Under make check-pg: a new database copied from the one at from (which
 * nobody may be connected to), its URL in where.  A demo made once per
 * test binary is copied for each test instead of generated again. */
void testdb_copy(const char *from, char *where, size_t n);
/* Removes what testdb_fresh made: the file and its -wal, -shm and DB-wait,
 * or the database. */
void testdb_drop(const char *where);

#endif
