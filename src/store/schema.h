/* The schema as compiled in from the db/ folder (see the Makefile). */
#ifndef JIANCE_SCHEMA_H
#define JIANCE_SCHEMA_H

struct migration { const char *name; const char *sql; };

/* migration i brings a database from version i to version i+1 */
extern const struct migration schema_migrations[];
extern const int schema_version;
/* the same migrations for PostgreSQL (db/pg/), file for file */
extern const struct migration schema_pg_migrations[];
extern const int schema_pg_version;

#endif
