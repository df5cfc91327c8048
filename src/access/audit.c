#include "access/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The wall-clock time of a row, as SQLite's strftime(…,'now','localtime')
 * gives it, made at most once a second: the table's default made it for
 * every row, and a demo county writes three million. */
static const char *now_text(void)
{
	static char text[24];
	static time_t made = (time_t)-1;
	time_t t = time(NULL);
	struct tm tm;
	if (t != made && localtime_r(&t, &tm)) {
		strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
		made = t;
	}
	return text;
}

/* ---- gathered rows (audit_gather) ---- */

#define GATHER_ROWS 64         /* 64 x 8 values: far below SQLite's limit */
#define GATHER_COLS 8

struct gathered {
	int64_t officer, rec, household;
	char at[24];
	char *tbl, *field, *old, *new_value;
};

static struct {
	struct store *db;          /* gathering for this connection, or NULL */
	int n, failed;
	struct gathered rows[GATHER_ROWS];
	char sql[GATHER_ROWS * 20 + 128];
} gather;

static char *dup_or_null(const char *v)
{
	return v ? strdup(v) : NULL;
}

static void clear_rows(void)
{
	for (int i = 0; i < gather.n; i++) {
		struct gathered *g = &gather.rows[i];
		free(g->tbl);
		free(g->field);
		free(g->old);
		free(g->new_value);
	}
	gather.n = 0;
}

static int write_one(struct store *db, int64_t officer, const char *at, const char *tbl,
                     int64_t rec, const char *field, const char *old, const char *new_value,
                     int64_t household_id)
{
	return store_exec(db,
		"INSERT INTO audit(at, officer_id, tbl, rec, field, old, new, household_id)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		"tltltttl", at, officer, tbl, rec, field, old, new_value, household_id);
}

static const char *full_sql(void)
{
	if (!gather.sql[0]) {
		size_t len = (size_t)snprintf(gather.sql, sizeof gather.sql, "INSERT INTO audit(at,"
		                              " officer_id, tbl, rec, field, old, new, household_id) VALUES ");
		for (int i = 0; i < GATHER_ROWS; i++)
			len += (size_t)snprintf(gather.sql + len, sizeof gather.sql - len,
			                        "%s(?,?,?,?,?,?,?,?)", i ? "," : "");
	}
	return gather.sql;
}

static int write_full(void)
{
	struct stmt *st = store_prepd(gather.db, full_sql());
	if (!st)
		return -1;
	for (int i = 0; i < GATHER_ROWS; i++) {
		const struct gathered *g = &gather.rows[i];
		int c = i * GATHER_COLS + 1;
		stmt_bind_static(st, c, g->at);
		stmt_bind_int(st, c + 1, g->officer);
		stmt_bind_static(st, c + 2, g->tbl);
		stmt_bind_int(st, c + 3, g->rec);
		stmt_bind_static(st, c + 4, g->field);
		stmt_bind_static(st, c + 5, g->old);
		stmt_bind_static(st, c + 6, g->new_value);
		stmt_bind_int(st, c + 7, g->household);
	}
	int rc = stmt_step(st);
	stmt_done(st);
	return rc == 0 ? 0 : -1;
}

static int flush(void)
{
	int rc = 0;
	if (gather.n == GATHER_ROWS)
		rc = write_full();
	else
		for (int i = 0; i < gather.n && rc == 0; i++) {
			const struct gathered *g = &gather.rows[i];
			rc = write_one(gather.db, g->officer, g->at, g->tbl, g->rec, g->field, g->old,
			               g->new_value, g->household);
		}
	clear_rows();
	gather.failed |= rc != 0;
	return rc;
}

void audit_gather(struct store *db)
{
	clear_rows();
	gather.db = db;
	gather.failed = 0;
}

int audit_gather_end(void)
{
	int rc = gather.db ? flush() : 0;
	gather.db = NULL;
	return rc != 0 || gather.failed ? -1 : 0;
}

/* ---- writing ---- */

int audit_write(struct session *s, const char *tbl, int64_t rec, int64_t household_id,
                const char *field, const char *old, const char *new_value)
{
	if (gather.db != s->db)
		return write_one(s->db, s->me.id, now_text(), tbl, rec, field ? field : "", old,
		                 new_value, household_id);
	struct gathered *g = &gather.rows[gather.n++];
	*g = (struct gathered){ s->me.id, rec, household_id, "", dup_or_null(tbl),
	                        dup_or_null(field ? field : ""), dup_or_null(old),
	                        dup_or_null(new_value) };
	snprintf(g->at, sizeof g->at, "%s", now_text());
	return gather.n == GATHER_ROWS ? flush() : 0;
}

int audit_diff(struct session *s, const char *tbl, int64_t rec, int64_t household_id,
               const char *field, const char *old, const char *new_value)
{
	const char *a = old ? old : "", *b = new_value ? new_value : "";
	if (!strcmp(a, b))
		return 0;
	audit_write(s, tbl, rec, household_id, field, old, new_value);
	return 1;
}

int audit_diff_int(struct session *s, const char *tbl, int64_t rec, int64_t household_id,
                   const char *field, int64_t old, int64_t new_value)
{
	if (old == new_value)
		return 0;
	char a[32], b[32];
	snprintf(a, sizeof a, "%" PRId64, old);
	snprintf(b, sizeof b, "%" PRId64, new_value);
	audit_write(s, tbl, rec, household_id, field, a, b);
	return 1;
}
