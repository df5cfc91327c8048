/* The catalog on both engines (store.h store_tables …): each engine gives
 * its queries (engine.h), and the answers are put in the same words. */
#include <string.h>

#include "store/engine.h"
#include "store/errlog.h"

int store_tables(struct store *db, void (*fn)(void *arg, const char *table), void *arg)
{
	struct stmt *st = store_prep_at(STORE_HERE, db, db->eng->sql_tables, "");
	if (!st)
		return -1;
	int rc;
	while ((rc = stmt_step(st)) == 1)
		fn(arg, stmt_text(st, 0));
	stmt_done(st);
	return rc < 0 ? -1 : 0;
}

static char kind_of(const char *declared)
{
	if (!strcmp(declared, "INTEGER"))
		return 'i';
	if (!strcmp(declared, "REAL"))
		return 'd';
	return 't';   /* TEXT, and SQLite's untyped full-text column */
}

int store_columns(struct store *db, const char *table,
                  void (*fn)(void *arg, const char *column, char kind, int pk), void *arg)
{
	struct stmt *st = store_prep_at(STORE_HERE, db, db->eng->sql_columns, "t", table);
	if (!st)
		return -1;
	int rc;
	while ((rc = stmt_step(st)) == 1)
		fn(arg, stmt_text(st, 0), kind_of(stmt_text(st, 1)), (int)stmt_int(st, 2));
	stmt_done(st);
	return rc < 0 ? -1 : 0;
}

int store_foreign_keys(struct store *db, const char *table,
                       void (*fn)(void *arg, const char *column, const char *parent), void *arg)
{
	struct stmt *st = store_prep_at(STORE_HERE, db, db->eng->sql_fkeys, "t", table);
	if (!st)
		return -1;
	int rc;
	while ((rc = stmt_step(st)) == 1)
		fn(arg, stmt_text(st, 0), stmt_text(st, 1));
	stmt_done(st);
	return rc < 0 ? -1 : 0;
}

/* A table's name goes into the engine's statement: only a plain name. */
static int plain_name(const char *s)
{
	if (!*s || strlen(s) > 63)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

int store_ids_follow(struct store *db, const char *table, int64_t at_least)
{
	if (!db->eng->ids_follow)
		return 0;
	return plain_name(table) ? db->eng->ids_follow(db, table, at_least) : -1;
}
