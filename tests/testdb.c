#include "testdb.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *base(void)
{
	const char *url = getenv("JIANCE_TEST_PG");
	return url && *url ? url : NULL;
}

int testdb_pg(void) { return base() != NULL; }

/* The maintenance URL with another database name: postgresql:///NAME?… */
static void url_of(const char *name, char *out, size_t n)
{
	const char *q = strchr(base(), '?');
	snprintf(out, n, "postgresql:///%s%s", name, q ? q : "");
}

static void admin(const char *sql)
{
	PGconn *c = PQconnectdb(base());
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "testdb: %s: %s", base(), PQerrorMessage(c));
		exit(2);
	}
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "testdb: %s: %s", sql, PQerrorMessage(c));
		exit(2);
	}
	PQclear(r);
	PQfinish(c);
}

void testdb_fresh(char *where, size_t n, const char *stem)
{
	if (!base()) {
		snprintf(where, n, "%s-XXXXXX", stem);
		int fd = mkstemp(where);
		close(fd);
		unlink(where);
		return;
	}
	static int count;
	char name[64], sql[128];
	snprintf(name, sizeof name, "jt_%ld_%d", (long)getpid(), ++count);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0", name);
	admin(sql);
	url_of(name, where, n);
}

void testdb_drop(const char *where)
{
	if (!base()) {
		static const char *side[] = { "", "-wal", "-shm", "-wait" };
		for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
			char p[600];
			snprintf(p, sizeof p, "%s%s", where, side[i]);
			unlink(p);
		}
		return;
	}
	/* the name is between the last '/' before the query and the query:
	 * the query's host=/tmp/… has slashes of its own */
	const char *q = strchr(where, '?'), *slash = NULL;
	for (const char *p = where; q && p < q; p++)
		if (*p == '/')
			slash = p;
	if (!slash || !q)
		return;
	char sql[160];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %.*s WITH (FORCE)", (int)(q - slash - 1),
	         slash + 1);
	admin(sql);
}
