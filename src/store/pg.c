/* The PostgreSQL engine (store/engine.h), through libpq: many counties on
 * a database server.  The guarantees the program was written against are
 * SQLite's, and kept: writes are one at a time (a transaction-scoped
 * advisory lock, so every read-then-write of the domain modules stays
 * safe), a read snapshot is one snapshot (REPEATABLE READ), a change by
 * anyone is seen by the next look (a NOTIFY sent at commit, by a trigger
 * on every table), and a key typed meanwhile stops work nobody asked for
 * (the query is cancelled). */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "store/engine.h"
#include "store/errlog.h"
#include "store/pg_sql.h"
#include "store/schema.h"

/* pg_advisory locks: the write lock, and "a save waits for it" (the
 * DB-wait file of SQLite: an import ends its transaction early). */
#define WRITE_KEY 74017
#define WAIT_KEY 74018
#define WAIT_SLEEP_MS 2
#define WAIT_TELL_MS 250
#define LET_PASS_MS 2000

#define OID_INT8 20
#define OID_FLOAT8 701
#define OID_TEXT 25
/* A NULL fits a parameter of any type: it never asks for a new prepare
 * (a multi-row INSERT's NULLs fall in other places each time). */
#define OID_ANY ((Oid)-1)

struct pgc {
	PGconn *c;
	char err[512];
	char state[6];            /* SQLSTATE of the last failure */
	int64_t last_id, notified;
	int changes;
	char **id_tables;         /* tables with an id column: an INSERT returns it */
	int n_id_tables;
	unsigned names;           /* prepared statements named s1, s2 … */
};

struct pgstmt {
	struct store *db;
	struct pg_sql q;
	int want_id;              /* RETURNING id was added: the rows are the store's */
	char **vals;
	Oid *types;
	Oid *prepared_types;      /* NULL before the first prepare */
	Oid *bound_types;         /* the values' types that prepare was for */
	char name[16];
	PGresult *res;
	int row, nrows;
};

static struct pgc *C(struct store *db) { return db->conn; }

static void fail_with(struct store *db, const char *state, const char *msg)
{
	snprintf(C(db)->state, sizeof C(db)->state, "%s", state ? state : "XX000");
	snprintf(C(db)->err, sizeof C(db)->err, "%s", msg ? msg : "");
	size_t n = strlen(C(db)->err);
	while (n && C(db)->err[n - 1] == '\n')
		C(db)->err[--n] = 0;
}

static void fail_res(struct store *db, const PGresult *r)
{
	fail_with(db, r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : "08006",
	          r ? PQresultErrorMessage(r) : PQerrorMessage(C(db)->c));
}

static void ok_now(struct store *db)
{
	C(db)->state[0] = 0;
	C(db)->err[0] = 0;
}

/* Runs sql (no parameters, perhaps several statements); the last result
 * is given back when keep is set, else cleared.  0 or -1. */
static int run(struct store *db, const char *sql, PGresult **keep)
{
	PGresult *r = PQexec(C(db)->c, sql);
	ExecStatusType st = PQresultStatus(r);
	int good = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
	if (good)
		ok_now(db);
	else
		fail_res(db, r);
	if (keep && good)
		*keep = r;
	else
		PQclear(r);
	return good ? 0 : -1;
}

static int pg_exec(struct store *db, const char *sql) { return run(db, sql, NULL); }

/* The first column of the first row of sql as a number; dflt if none. */
static int64_t run_int(struct store *db, const char *sql, int64_t dflt)
{
	PGresult *r = NULL;
	if (run(db, sql, &r) != 0)
		return dflt;
	int64_t v = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? strtoll(PQgetvalue(r, 0, 0), NULL, 10)
	                                                       : dflt;
	PQclear(r);
	return v;
}

static int pg_version(struct store *db)
{
	if (run_int(db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
	                " AND tablename = 'jiance_schema'", 0) == 0)
		return 0;
	return (int)run_int(db, "SELECT version FROM jiance_schema", -1);
}

/* Every table tells the listeners when a statement changed it; the
 * message goes out at commit, never for what is rolled back. */
static const char ensure_notify[] =
	"CREATE OR REPLACE FUNCTION jiance_notify() RETURNS trigger LANGUAGE plpgsql AS"
	" $f$ BEGIN PERFORM pg_notify('jiance_change', ''); RETURN NULL; END $f$;"
	"DO $d$ DECLARE t text; BEGIN"
	" FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
	"  WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'jiance_schema'"
	"  AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid"
	"                  AND g.tgname = 'jiance_notify')"
	" LOOP EXECUTE format('CREATE TRIGGER jiance_notify AFTER INSERT OR UPDATE OR DELETE"
	"  ON %I FOR EACH STATEMENT EXECUTE FUNCTION jiance_notify()', t);"
	" END LOOP; END $d$;";

/* Each migration with its version bump in one transaction, under the
 * write lock, read again under it (another front end may have done it). */
static int pg_migrate(struct store *db, int upto, struct jerr *e)
{
	if (schema_pg_version != schema_version)
		return jerr_set(e, "", "本程序的 PostgreSQL 数据库结构（%d 版）与 SQLite 的（%d 版）不一致",
		                schema_pg_version, schema_version);
	char lock[96];
	snprintf(lock, sizeof lock, "BEGIN; SELECT pg_advisory_xact_lock(%d)", WRITE_KEY);
	if (run(db, lock, NULL) != 0 ||
	    run(db, "CREATE TABLE IF NOT EXISTS jiance_schema (version integer NOT NULL);"
	            "INSERT INTO jiance_schema SELECT 0 WHERE NOT EXISTS"
	            " (SELECT 1 FROM jiance_schema)", NULL) != 0) {
		store_seterr(e, db, "无法开始迁移");
		run(db, "ROLLBACK", NULL);
		return -1;
	}
	for (int v = pg_version(db); v >= 0 && v < upto; v++) {
		char bump[64];
		snprintf(bump, sizeof bump, "UPDATE jiance_schema SET version = %d", v + 1);
		if (run(db, schema_pg_migrations[v].sql, NULL) != 0 || run(db, bump, NULL) != 0) {
			jerr_set(e, "", "数据库迁移 %s 失败: %s", schema_pg_migrations[v].name, C(db)->err);
			run(db, "ROLLBACK", NULL);
			return -1;
		}
	}
	if (run(db, ensure_notify, NULL) != 0 || run(db, "COMMIT", NULL) != 0) {
		store_seterr(e, db, "迁移无法提交");
		run(db, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

/* The tables an INSERT returns the new id of (store_last_id). */
static void load_id_tables(struct store *db)
{
	struct pgc *p = C(db);
	for (int i = 0; i < p->n_id_tables; i++)
		free(p->id_tables[i]);
	free(p->id_tables);
	p->id_tables = NULL;
	p->n_id_tables = 0;
	PGresult *r = NULL;
	if (run(db, "SELECT table_name FROM information_schema.columns"
	            " WHERE table_schema = current_schema() AND column_name = 'id'", &r) != 0)
		return;
	p->id_tables = calloc((size_t)PQntuples(r) + 1, sizeof *p->id_tables);
	for (int i = 0; p->id_tables && i < PQntuples(r); i++)
		p->id_tables[p->n_id_tables++] = strdup(PQgetvalue(r, i, 0));
	PQclear(r);
}

static int has_id(struct store *db, const char *table)
{
	if (!C(db)->id_tables)
		load_id_tables(db);
	for (int i = 0; i < C(db)->n_id_tables; i++)
		if (!strcmp(C(db)->id_tables[i], table))
			return 1;
	return 0;
}

/* A database with tables of its own but no jiance_schema is another
 * program's. */
static int foreign_database(struct store *db)
{
	return pg_version(db) == 0 &&
	       run_int(db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", 0) > 0;
}

/* The URL as the log and messages may show it: without a password. */
static void url_shown(struct store *db, const char *url)
{
	const char *at = strchr(url, '@'), *scheme = strstr(url, "://");
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (at && colon && colon < at)
		snprintf(db->path, sizeof db->path, "%.*s%s", (int)(colon - url), url, at);
	else
		snprintf(db->path, sizeof db->path, "%s", url);
}

/* SQLite's 'localtime' is the process's zone; db/pg's strftime takes the
 * session's: the system's zone, by name where /etc/localtime links into the
 * zone files, else by today's offset.  Not the officer's TZ: the server
 * writes audit times with it, and an officer must not move them. */
static void local_zone(char *out, size_t n)
{
	char link[256];
	ssize_t k = readlink("/etc/localtime", link, sizeof link - 1);
	const char *z;
	if (k > 0) {
		link[k] = 0;
		if ((z = strstr(link, "zoneinfo/")) && strlen(z + 9) < n && strspn(z + 9,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") == strlen(z + 9)) {
			snprintf(out, n, "%.*s", (int)(n - 1), z + 9);
			return;
		}
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	long off = tm.tm_gmtoff;
	/* POSIX offsets count west: UTC+8 is "<+08>-08" */
	snprintf(out, n, "<%+03ld%02ld>%+03ld:%02ld", off / 3600, labs(off) % 3600 / 60,
	         -off / 3600, labs(off) % 3600 / 60);
}

static int pg_open(struct store *db, const char *url, int create, struct jerr *e)
{
	(void)create;   /* a server's database is made by its administrator (createdb) */
	url_shown(db, url);
	db->conn = calloc(1, sizeof(struct pgc));
	if (!db->conn)
		return jerr_set(e, "", "内存不足");
	C(db)->c = PQconnectdb(url);
	if (PQstatus(C(db)->c) != CONNECTION_OK)
		return jerr_set(e, "", "无法连接数据库 %s: %s", db->path, PQerrorMessage(C(db)->c));
	char zone[128], set[256];
	local_zone(zone, sizeof zone);
	char *quoted = PQescapeLiteral(C(db)->c, zone, strlen(zone));
	snprintf(set, sizeof set, "SET TimeZone = %s", quoted ? quoted : "'UTC'");
	PQfreemem(quoted);
	if (run(db, "SET client_min_messages = warning; SET client_encoding = 'UTF8';"
	            " SET DateStyle = 'ISO'; LISTEN jiance_change", NULL) != 0 ||
	    run(db, set, NULL) != 0)
		return jerr_set(e, "", "无法设置数据库连接 %s: %s", db->path, C(db)->err);
	if (foreign_database(db))
		return jerr_set(e, "", "%s 是别的程序的数据库，不是 jiance 的", db->path);
	return 0;
}

static void pg_close(struct store *db)
{
	struct pgc *p = C(db);
	if (!p)
		return;
	PQfinish(p->c);
	for (int i = 0; i < p->n_id_tables; i++)
		free(p->id_tables[i]);
	free(p->id_tables);
	free(p);
	db->conn = NULL;
}

/* A connection of its own for a question asked before any store is open. */
static PGconn *connect_to(const char *url, struct jerr *e)
{
	PGconn *c = PQconnectdb(url);
	if (PQstatus(c) == CONNECTION_OK)
		return c;
	if (e) {
		struct store shown = { 0 };
		url_shown(&shown, url);
		jerr_set(e, "", "无法连接数据库 %s: %s", shown.path, PQerrorMessage(c));
	}
	PQfinish(c);
	return NULL;
}

/* A database with tables is there, unless it is jiance's schema with no
 * area in it: what a demo or init killed after migrating leaves (its own
 * transaction undone), which the next may take. */
static int count_of(PGconn *c, const char *sql, struct jerr *e)
{
	PGresult *r = PQexec(c, sql);
	int n = PQresultStatus(r) == PGRES_TUPLES_OK ? atoi(PQgetvalue(r, 0, 0)) : -1;
	if (n < 0)
		jerr_set(e, "", "无法读取数据库: %s", PQerrorMessage(c));
	PQclear(r);
	return n;
}

static int pg_exists(const char *url, struct jerr *e)
{
	PGconn *c = connect_to(url, e);
	if (!c)
		return -1;
	int n = count_of(c, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", e);
	if (n > 0 && count_of(c, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
	                         " AND tablename IN ('jiance_schema', 'areas')", e) == 2)
		n = count_of(c, "SELECT count(*) FROM (SELECT 1 FROM areas LIMIT 1) a", e);
	PQfinish(c);
	return n < 0 ? -1 : n > 0;
}

/* Everything in the schema the failed run filled, which was empty before. */
static void pg_wipe(const char *url)
{
	PGconn *c = connect_to(url, NULL);
	if (!c)
		return;
	/* a routine dropped by an earlier one's CASCADE is looked for again */
	PQclear(PQexec(c, "SET client_min_messages = warning;"
	                  "DO $d$ DECLARE t text; o oid; BEGIN"
	                  " FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
	                  " LOOP EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t); END LOOP;"
	                  " FOR o IN SELECT p.oid FROM pg_proc p"
	                  "  WHERE p.pronamespace = current_schema()::regnamespace"
	                  " LOOP IF EXISTS (SELECT 1 FROM pg_proc WHERE oid = o) THEN"
	                  "  EXECUTE 'DROP ROUTINE ' || o::regprocedure::text || ' CASCADE'; END IF;"
	                  " END LOOP; END $d$"));
	PQfinish(c);
}

static void *pg_prepare(struct store *db, const char *sql)
{
	struct pgstmt *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->db = db;
	if (pg_sql_translate(sql, &s->q) != 0) {
		fail_with(db, "42601", "语句的参数或引号不完整");
		free(s);
		return NULL;
	}
	s->want_id = s->q.table[0] && !s->q.returning && has_id(db, s->q.table);
	if (s->want_id) {
		char *t = realloc(s->q.text, strlen(s->q.text) + 16);
		if (t)
			strcat(t, " RETURNING id");
		s->q.text = t;
	}
	int n = s->q.nparams ? s->q.nparams : 1;
	s->vals = calloc((size_t)n, sizeof *s->vals);
	s->types = calloc((size_t)n, sizeof *s->types);
	snprintf(s->name, sizeof s->name, "s%u", ++C(db)->names);
	if (!s->q.text || !s->vals || !s->types) {
		fail_with(db, "53200", "内存不足");
		free(s->vals);
		free(s->types);
		pg_sql_free(&s->q);
		free(s);
		return NULL;
	}
	return s;
}

static void clear_values(struct pgstmt *s)
{
	for (int i = 0; i < s->q.nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
		s->types[i] = 0;
	}
}

static void pg_reset(void *h)
{
	struct pgstmt *s = h;
	PQclear(s->res);
	s->res = NULL;
	s->row = s->nrows = 0;
	clear_values(s);
}

static void pg_finalize(void *h)
{
	struct pgstmt *s = h;
	if (!s)
		return;
	pg_reset(s);
	if (s->prepared_types && s->db->conn && PQstatus(C(s->db)->c) == CONNECTION_OK) {
		char sql[48];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		PQclear(PQexec(C(s->db)->c, sql));
	}
	free(s->prepared_types);
	free(s->bound_types);
	free(s->vals);
	free(s->types);
	pg_sql_free(&s->q);
	free(s);
}

static int pg_params(void *h) { return ((struct pgstmt *)h)->q.own; }

/* The value for SQLite's parameter idx; -1 (out of range) as SQLite does
 * for a number past the statement's highest. */
static int put(struct pgstmt *s, int idx, char *v, Oid type)
{
	if (idx < 1 || idx > s->q.maxidx || !s->q.slot[idx]) {
		free(v);
		/* a number below the highest that the text does not use (?3 and
		 * ?1 without ?2) takes its value and drops it, as SQLite does */
		return idx >= 1 && idx <= s->q.maxidx ? 0 : -1;
	}
	int k = s->q.slot[idx] - 1;
	free(s->vals[k]);
	s->vals[k] = v;
	s->types[k] = type;
	return 0;
}

static int pg_bind_int(void *h, int idx, int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	return put(h, idx, strdup(buf), OID_INT8);
}

static int pg_bind_double(void *h, int idx, double v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.17g", v);
	return put(h, idx, strdup(buf), OID_FLOAT8);
}

/* Text goes untyped: PostgreSQL gives it the type of what it is compared
 * with or stored in, as SQLite's affinity does. */
static int pg_bind_text(void *h, int idx, const char *v, int copy)
{
	(void)copy;   /* libpq sends at the step: a copy is kept either way */
	return v ? put(h, idx, strdup(v), 0) : put(h, idx, NULL, OID_ANY);   /* NULL as SQLite binds it */
}

static int pg_bind_null(void *h, int idx) { return put(h, idx, NULL, OID_ANY); }

/* (Re)prepares when the types of the values differ from the last prepare's:
 * a call site binds the same letters each time, so this is once. */
static int prepare_for(struct pgstmt *s, const Oid *types)
{
	int n = s->q.nparams;
	if (s->prepared_types && !memcmp(s->prepared_types, types, (size_t)n * sizeof *types))
		return 0;
	struct pgc *p = C(s->db);
	if (s->prepared_types) {
		char sql[48];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		PQclear(PQexec(p->c, sql));
		free(s->prepared_types);
		s->prepared_types = NULL;
	}
	PGresult *r = PQprepare(p->c, s->name, s->q.text, n, types);
	int good = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!good)
		fail_res(s->db, r);
	PQclear(r);
	if (!good)
		return -1;
	s->prepared_types = malloc((size_t)(n ? n : 1) * sizeof *types);
	if (s->prepared_types)
		memcpy(s->prepared_types, types, (size_t)n * sizeof *types);
	return 0;
}

/* A statement not yet prepared for these types of values. */
static int unprepared(const struct pgstmt *s)
{
	if (!s->bound_types)
		return 1;
	for (int i = 0; i < s->q.nparams; i++)
		if (s->types[i] != OID_ANY && s->types[i] != s->bound_types[i])
			return 1;
	return 0;
}

/* After a failed try inside a transaction (which PostgreSQL has doomed):
 * back to the savepoint execute() set, so the next try can run. */
static void undo_try(struct store *db)
{
	if (PQtransactionStatus(C(db)->c) == PQTRANS_INERROR)
		PQclear(PQexec(C(db)->c, "ROLLBACK TO SAVEPOINT jiance_stmt"));
}

static int retry_prepare(struct pgstmt *s, Oid *t, int n)
{
	const char *st = C(s->db)->state;
	if (!strcmp(st, "42883") || !strcmp(st, "42804")) {
		undo_try(s->db);
		memset(t, 0, (size_t)(n ? n : 1) * sizeof *t);   /* bigint = text: let it infer */
		if (prepare_for(s, t) == 0)
			return 0;
	}
	/* "could not determine data type": 42P18, or 42P08 in a comparison */
	if (!strcmp(C(s->db)->state, "42P18") || !strcmp(C(s->db)->state, "42P08")) {
		undo_try(s->db);
		for (int i = 0; i < n; i++)
			if (!t[i])
				t[i] = OID_TEXT;                        /* $1 IS NULL: text */
		return prepare_for(s, t);
	}
	return -1;
}

/* Prepares with the values' types; where PostgreSQL cannot take a
 * number's type or cannot type a parameter, the values go untyped or as
 * text, the way SQLite would have taken them. */
static int prepare_typed(struct pgstmt *s)
{
	int n = s->q.nparams;
	if (!unprepared(s))
		return 0;
	Oid *t = calloc((size_t)(n ? n : 1), sizeof *t);
	if (!t)
		return -1;
	for (int i = 0; i < n; i++)   /* a NULL keeps the type the slot was prepared with */
		t[i] = s->types[i] != OID_ANY ? s->types[i] : s->bound_types ? s->bound_types[i] : 0;
	int rc = prepare_for(s, t);
	if (rc != 0)
		rc = retry_prepare(s, t, n);
	free(t);
	if (rc == 0) {
		Oid *b = malloc((size_t)(n ? n : 1) * sizeof *t);
		for (int i = 0; b && i < n; i++)
			b[i] = s->types[i] != OID_ANY ? s->types[i] : s->bound_types ? s->bound_types[i] : 0;
		free(s->bound_types);
		s->bound_types = b;
	}
	return rc;
}


static int elapsed_ms(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int)((t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000);
}

/* Waits for the answer; while the officer may type (store_yield_to), a
 * key pending cancels the query: it then fails as interrupted. */
static PGresult *await(struct store *db)
{
	PGconn *c = C(db)->c;
	while (db->pending && PQisBusy(c)) {
		struct pollfd fd = { PQsocket(c), POLLIN, 0 };
		if (poll(&fd, 1, 5) > 0 && !PQconsumeInput(c))
			break;
		if (PQisBusy(c) && db->pending(db->pending_arg)) {
			PGcancel *k = PQgetCancel(c);
			char why[128];
			if (k) {
				PQcancel(k, why, sizeof why);
				PQfreeCancel(k);
			}
			db->interrupted = 1;
			break;
		}
	}
	PGresult *r = PQgetResult(c), *more;
	while ((more = PQgetResult(c)))
		PQclear(more);
	return r;
}

static void take_result(struct pgstmt *s, PGresult *r)
{
	struct pgc *p = C(s->db);
	s->res = r;
	s->row = 0;
	s->nrows = PQntuples(r);
	const char *tuples = PQcmdTuples(r);
	p->changes = tuples && *tuples ? atoi(tuples) : 0;
	if (s->want_id) {
		if (s->nrows > 0)
			p->last_id = strtoll(PQgetvalue(r, s->nrows - 1, 0), NULL, 10);
		s->nrows = 0;        /* the ids are the store's, not the caller's rows */
	}
	ok_now(s->db);
}

static int execute_bare(struct pgstmt *s)
{
	if (prepare_typed(s) != 0)
		return -1;
	PGconn *c = C(s->db)->c;
	if (!PQsendQueryPrepared(c, s->name, s->q.nparams, (const char *const *)s->vals, NULL,
	                         NULL, 0)) {
		fail_with(s->db, "08006", PQerrorMessage(c));
		return -1;
	}
	PGresult *r = await(s->db);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		fail_res(s->db, r);
		PQclear(r);
		return -1;
	}
	take_result(s, r);
	return 0;
}

/* SQLite undoes a failed statement and the transaction goes on (a
 * refused save inside a larger one, then the next try); PostgreSQL
 * dooms the whole transaction.  A write inside a transaction, and the
 * first run of any statement (its prepare may be tried again with other
 * types), is wrapped in a savepoint so a failure undoes it only.  Not in
 * a bulk write (the demo's one transaction): it is whole or nothing, and
 * the savepoints were half its time (16 s against 35 s for 300 households,
 * a round trip each). */
static int guarded(struct pgstmt *s)
{
	return !s->db->bulk && (s->q.writes || unprepared(s)) && PQtransactionStatus(C(s->db)->c) == PQTRANS_INTRANS;
}

static void guard_end(struct store *db, int failed)
{
	char keep[512], state[6];
	snprintf(keep, sizeof keep, "%s", C(db)->err);
	snprintf(state, sizeof state, "%s", C(db)->state);
	PQclear(PQexec(C(db)->c, failed ? "ROLLBACK TO SAVEPOINT jiance_stmt; RELEASE SAVEPOINT jiance_stmt"
	                                 : "RELEASE SAVEPOINT jiance_stmt"));
	if (failed)
		fail_with(db, state, keep);
}

static int execute(struct pgstmt *s)
{
	int guard = guarded(s);
	if (guard && run(s->db, "SAVEPOINT jiance_stmt", NULL) != 0)
		return -1;
	int rc = execute_bare(s);
	if (guard)
		guard_end(s->db, rc != 0);
	return rc;
}

static int pg_step(void *h)
{
	struct pgstmt *s = h;
	if (!s->res && execute(s) != 0)
		return -1;
	if (s->row < s->nrows) {
		s->row++;
		return 1;
	}
	return 0;
}

/* Columns of the row the last step gave. */
static const char *cell(struct pgstmt *s, int col)
{
	int r = s->row - 1;
	if (!s->res || r < 0 || r >= PQntuples(s->res) || col < 0 || col >= PQnfields(s->res) ||
	    PQgetisnull(s->res, r, col))
		return NULL;
	return PQgetvalue(s->res, r, col);
}

static int64_t pg_col_int(void *h, int col)
{
	const char *v = cell(h, col);
	if (!v)
		return 0;
	if (!strcmp(v, "t") || !strcmp(v, "f"))
		return *v == 't';        /* a comparison: SQLite gives 1 or 0 */
	if (strpbrk(v, ".eE"))
		return (int64_t)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

static double pg_col_double(void *h, int col)
{
	const char *v = cell(h, col);
	return v ? strtod(v, NULL) : 0.0;
}

static const char *pg_col_text(void *h, int col) { return cell(h, col); }
static int pg_col_isnull(void *h, int col) { return cell(h, col) == NULL; }

static int pg_in_tx(struct store *db)
{
	return PQtransactionStatus(C(db)->c) != PQTRANS_IDLE;
}

/* Said while waiting for the write lock: an import sees it between its
 * chunks and ends its transaction (store_writers_waiting). */
static void say_waiting(struct store *db, int on)
{
	char sql[64];
	snprintf(sql, sizeof sql, on ? "SELECT pg_advisory_lock_shared(%d)"
	                             : "SELECT pg_advisory_unlock_shared(%d)", WAIT_KEY);
	run(db, sql, NULL);
}

static int writers_waiting_now(struct store *db)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
	         " AND objid = %d AND pid <> pg_backend_pid()", WAIT_KEY);
	return run_int(db, sql, 0) > 0;
}

static int pg_writers_waiting(struct store *db) { return writers_waiting_now(db); }

static void let_pass(struct store *db)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (writers_waiting_now(db) && elapsed_ms(&t0) < LET_PASS_MS)
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
}

/* One writer at a time, as on SQLite: the domain modules read and then
 * write (the next household number, the open flow) on that promise.  The
 * wait is the same as SQLite's: short tries up to the limit, told to the
 * console after a quarter second, stopped when it says so. */
static int try_lock(struct store *db)
{
	char sql[64];
	snprintf(sql, sizeof sql, "SELECT pg_try_advisory_xact_lock(%d)", WRITE_KEY);
	PGresult *r = NULL;
	if (run(db, sql, &r) != 0)
		return -1;
	int got = PQntuples(r) == 1 && !strcmp(PQgetvalue(r, 0, 0), "t");
	PQclear(r);
	return got;
}

static int pg_lock_write(struct store *db)
{
	if (db->behind)
		let_pass(db);
	if (run(db, "BEGIN", NULL) != 0)
		return -1;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int said = 0, got;
	while ((got = try_lock(db)) == 0) {
		int waited = elapsed_ms(&t0);
		if (!said && !db->behind)
			say_waiting(db, said = 1);
		if (waited >= db->wait_limit_ms ||
		    (db->on_wait && waited >= WAIT_TELL_MS && !db->on_wait(db->wait_arg, waited)))
			break;
		nanosleep(&(struct timespec){ 0, WAIT_SLEEP_MS * 1000000L }, NULL);
	}
	if (said)
		say_waiting(db, 0);
	if (got == 1)
		return 0;
	if (got == 0)
		fail_with(db, "55P03", "数据库正忙：其他操作员的保存尚未结束");
	char keep[512], state[6];
	snprintf(keep, sizeof keep, "%s", C(db)->err);
	snprintf(state, sizeof state, "%s", C(db)->state);
	run(db, "ROLLBACK", NULL);
	fail_with(db, state, keep);
	return -1;
}

static const char *pg_errmsg(struct store *db)
{
	return C(db)->err[0] ? C(db)->err : "没有错误";
}

static enum engine_fault pg_fault(struct store *db)
{
	const char *st = C(db)->state;
	if (!st[0])
		return FAULT_NONE;
	if (!strncmp(st, "23", 2))
		return FAULT_CONSTRAINT;
	if (!strcmp(st, "55P03") || !strcmp(st, "40001") || !strcmp(st, "40P01"))
		return FAULT_BUSY;
	if (!strcmp(st, "57014"))
		return FAULT_INTERRUPT;
	if (!strncmp(st, "53", 2) || !strncmp(st, "08", 2) || !strcmp(st, "25006") ||
	    PQstatus(C(db)->c) != CONNECTION_OK)
		return FAULT_UNWRITABLE;
	return FAULT_OTHER;
}

static int64_t pg_last_id(struct store *db) { return C(db)->last_id; }
static int pg_changes(struct store *db) { return C(db)->changes; }

/* Commits anyone made since this connection started listening.  The
 * server sends what was committed before it answers a query, so an empty
 * one first: a change committed before this call is always counted. */
static int64_t pg_change_mark(struct store *db)
{
	struct pgc *p = C(db);
	PQclear(PQexec(p->c, ""));
	PQconsumeInput(p->c);
	PGnotify *n;
	while ((n = PQnotifies(p->c))) {
		p->notified++;
		PQfreemem(n);
	}
	return p->notified;
}

static void pg_wait_behind(struct store *db, int on) { (void)db; (void)on; }
/* The writer lets waiting saves in at its next BEGIN (pg_lock_write). */
static void pg_give_way(struct store *db) { (void)db; }
/* The server copies its own log: nothing for a writer to help with. */
static void pg_own_checkpoints(struct store *db, int on) { (void)db; (void)on; }
static void pg_checkpoint(struct store *db) { (void)db; }

static int pg_backup(struct store *db, const char *path, struct jerr *e)
{
	return jerr_set(e, "", "PostgreSQL 上的数据库由服务器备份：请系统管理员运行"
	                " pg_dump -Fc -d '%s' -f %s（恢复用 pg_restore）", db->path, path);
}

/* PostgreSQL keeps foreign keys and indexes itself; what can still be
 * wrong is a constraint added NOT VALID and never checked, or an index
 * left invalid by a failed CREATE INDEX CONCURRENTLY. */
static int pg_integrity(struct store *db, void (*report)(void *, const char *), void *arg)
{
	PGresult *r = NULL;
	if (run(db, "SELECT format('约束 %s（表 %s）未经检验', conname, conrelid::regclass)"
	            " FROM pg_constraint WHERE NOT convalidated AND connamespace = current_schema()::regnamespace"
	            " UNION ALL SELECT format('索引 %s 无效', indexrelid::regclass) FROM pg_index"
	            " WHERE NOT indisvalid", &r) != 0) {
		if (report)
			report(arg, C(db)->err);
		return 1;
	}
	int n = PQntuples(r);
	for (int i = 0; report && i < n; i++)
		report(arg, PQgetvalue(r, i, 0));
	PQclear(r);
	return n;
}

/* Tables, columns, indexes and triggers compared with what the migrations
 * make, built in a schema of their own inside a transaction that is
 * rolled back: nothing of it stays. */
static const char schema_objects[] =
	"SELECT 'table ' || table_name || '.' || column_name || ' ' || data_type || ' '"
	"  || is_nullable || ' ' || coalesce(column_default, '')"
	" FROM information_schema.columns WHERE table_schema = $1 AND table_name <> 'jiance_schema'"
	" UNION ALL SELECT 'index ' || indexname || ' ' || replace(indexdef, $1 || '.', '')"
	" FROM pg_indexes WHERE schemaname = $1"
	" UNION ALL SELECT 'trigger ' || c.relname || '.' || t.tgname FROM pg_trigger t"
	" JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE n.nspname = $1 AND NOT t.tgisinternal AND t.tgname <> 'jiance_notify'";

/* What schema from has that schema other has not, or has otherwise. */
static int schema_diff(struct store *db, const char *from, const char *other, int missing,
                       void (*report)(void *, const char *), void *arg)
{
	/* each half whole in its parentheses: EXCEPT binds as tightly as the
	 * UNION ALLs inside them */
	static const char head[] = "SELECT * FROM (";
	size_t half = strlen(head) + strlen(schema_objects);
	char *sql = malloc(2 * half + 32);
	if (!sql)
		return 1;
	sprintf(sql, "%s%s) a EXCEPT %s%s) b", head, schema_objects, head, schema_objects);
	for (char *p = sql + half; (p = strstr(p, "$1")); p++)
		p[1] = '2';             /* the second half reads the other schema */
	const char *names[2] = { from, other };
	PGresult *r = PQexecParams(C(db)->c, sql, 2, NULL, names, NULL, NULL, 0);
	free(sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		fail_res(db, r);
		PQclear(r);
		if (report)
			report(arg, C(db)->err);
		return 1;
	}
	int n = PQntuples(r);
	for (int i = 0; report && i < n; i++) {
		char line[480];
		snprintf(line, sizeof line, "数据库结构：%s %.400s", missing ? "缺少或不同" : "多出",
		         PQgetvalue(r, i, 0));
		report(arg, line);
	}
	PQclear(r);
	return n;
}

static int pg_schema_check(struct store *db, void (*report)(void *, const char *), void *arg)
{
	int version = pg_version(db), n = 0;
	if (run(db, "BEGIN; CREATE SCHEMA jiance_expected; SET LOCAL search_path = jiance_expected",
	        NULL) != 0) {
		run(db, "ROLLBACK", NULL);
		if (report)
			report(arg, "无法建立本程序的数据库结构以作对照");
		return 1;
	}
	for (int v = 0; v < version && n == 0; v++)
		if (run(db, schema_pg_migrations[v].sql, NULL) != 0)
			n = 1;
	PGresult *r = NULL;
	char mine[128] = "public";
	if (run(db, "SELECT nspname FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid"
	            " WHERE c.relname = 'jiance_schema' LIMIT 1", &r) == 0 && PQntuples(r) == 1)
		snprintf(mine, sizeof mine, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	if (n == 0)
		n = schema_diff(db, "jiance_expected", mine, 1, report, arg) +
		    schema_diff(db, mine, "jiance_expected", 0, report, arg);
	else if (report)
		report(arg, "无法建立本程序的数据库结构以作对照");
	run(db, "ROLLBACK", NULL);
	return n;
}

static void pg_yield_to(struct store *db, int on) { (void)db; (void)on; }   /* see await() */

static void pg_bulk(struct store *db, int on)
{
	run(db, on ? "SET synchronous_commit = off" : "SET synchronous_commit = on", NULL);
}

/* The identity's sequence has passed every id of the table, seen or not
 * (db/pg: explicit ids move it too); max(id) covers a table without one. */
static int64_t pg_max_id(struct store *db, const char *table)
{
	char sql[320];
	snprintf(sql, sizeof sql, "SELECT coalesce(greatest((SELECT max(id) FROM %s),"
	         " pg_sequence_last_value(pg_get_serial_sequence('%s', 'id'))), 0)", table, table);
	struct stmt *s = store_prepd(db, sql);
	int64_t v = s && stmt_step(s) == 1 ? stmt_int(s, 0) : -1;
	stmt_done(s);
	return v;
}

/* The server keeps its own cache for everyone. */
static void pg_tune(struct store *db, enum store_use use) { (void)db; (void)use; }
/* The catalog (engine.h), in the schema the connection works in. */
#define IN_SCHEMA "relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
static const char pg_tables[] =
	"SELECT relname FROM pg_class WHERE " IN_SCHEMA " AND relkind IN ('r', 'p')"
	" AND relname <> 'jiance_schema' ORDER BY relname";
static const char pg_columns[] =
	"SELECT a.attname, CASE WHEN t.typname IN ('int2', 'int4', 'int8') THEN 'INTEGER'"
	"  WHEN t.typname IN ('float4', 'float8', 'numeric') THEN 'REAL'"
	"  WHEN t.typname IN ('text', 'varchar', 'bpchar') THEN 'TEXT' ELSE upper(t.typname) END,"
	" coalesce((SELECT k.n FROM unnest(i.indkey) WITH ORDINALITY k(num, n) WHERE k.num = a.attnum), 0)"
	" FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid JOIN pg_type t ON t.oid = a.atttypid"
	" LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary"
	" WHERE c.relname = ? AND c." IN_SCHEMA " AND a.attnum > 0 AND NOT a.attisdropped"
	" ORDER BY a.attnum";
static const char pg_fkeys[] =
	"SELECT a.attname, p.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
	" JOIN pg_class p ON p.oid = k.confrelid"
	" JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]"
	" WHERE k.contype = 'f' AND c.relname = ? AND c." IN_SCHEMA " ORDER BY a.attnum, k.conname";

/* The identity's sequence past the largest id and at_least (never back:
 * ids it gave to rows since removed are not given again). */
static int pg_ids_follow(struct store *db, const char *table, int64_t at_least)
{
	char sql[480];
	snprintf(sql, sizeof sql, "SELECT setval(s, greatest((SELECT max(id) FROM %s),"
	         " pg_sequence_last_value(s::regclass), %lld, 1), (SELECT max(id) FROM %s) IS NOT NULL"
	         " OR pg_sequence_last_value(s::regclass) IS NOT NULL OR %lld > 0)"
	         " FROM pg_get_serial_sequence('%s', 'id') AS s WHERE s IS NOT NULL",
	         table, (long long)at_least, table, (long long)at_least, table);
	return run(db, sql, NULL);
}

const struct engine pg_engine = {
	.open = pg_open, .close = pg_close, .exists = pg_exists, .wipe = pg_wipe, .version = pg_version, .migrate = pg_migrate,
	.prepare = pg_prepare, .finalize = pg_finalize, .params = pg_params,
	.bind_int = pg_bind_int, .bind_double = pg_bind_double, .bind_text = pg_bind_text,
	.bind_null = pg_bind_null, .step = pg_step, .col_int = pg_col_int,
	.col_double = pg_col_double, .col_text = pg_col_text, .col_isnull = pg_col_isnull,
	.reset = pg_reset,
	.exec = pg_exec, .begin_write = "BEGIN",
	/* not READ ONLY: an import's checks fill temporary tables inside
	 * their snapshot, as SQLite lets them */
	.begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ",
	.lock_write = pg_lock_write, .in_tx = pg_in_tx, .errmsg = pg_errmsg,
	.fault = pg_fault, .last_id = pg_last_id, .changes = pg_changes,
	.change_mark = pg_change_mark,
	.wait_behind = pg_wait_behind, .writers_waiting = pg_writers_waiting,
	.say_waiting = say_waiting,
	.give_way = pg_give_way, .own_checkpoints = pg_own_checkpoints,
	.checkpoint = pg_checkpoint, .backup = pg_backup, .integrity = pg_integrity,
	.schema_check = pg_schema_check, .yield_to = pg_yield_to, .bulk = pg_bulk,
	.tune = pg_tune, .max_id = pg_max_id,
	.role_sql = "SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid"
	            " JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = current_user"
	            " AND g.rolname = 'jiance_officer' AND NOT r.rolsuper",
	/* as the index member_names_words is written (db/pg/001_register.sql) */
	.names_match = { "to_tsvector('simple', chars) @@ phraseto_tsquery('simple', ", ")" },
	.index_sql = "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
	             " AND indexname = ?",
	.sql_tables = pg_tables, .sql_columns = pg_columns, .sql_fkeys = pg_fkeys,
	.ids_follow = pg_ids_follow,
};
