/* The one face of the store (store.h): what is the same on SQLite and on
 * PostgreSQL.  Each engine (store/engine.h) does the rest its own way. */
#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/engine.h"
#include "store/errlog.h"
#include "store/schema.h"

long long store_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void store_seterr(struct jerr *e, struct store *db, const char *what)
{
	jerr_set(e, "", "%s: %s", what, db && db->conn ? db->eng->errmsg(db) : "无法打开");
}

int engine_is_url(const char *where)
{
	return !strncmp(where, "postgresql://", 13) || !strncmp(where, "postgres://", 11);
}

int store_is_server(const char *where) { return engine_is_url(where); }

static const struct engine *engine_of(const char *where)
{
	return engine_is_url(where) ? &pg_engine : &sqlite_engine;
}

int store_exists(const char *where, struct jerr *e) { return engine_of(where)->exists(where, e); }
void store_wipe(const char *where) { engine_of(where)->wipe(where); }

/* A call that does not fit its statement is a bug at the call site: in a
 * debug build (make test, make test-san) it stops the program there, so
 * a test finds it; the installed program refuses the statement. */
static void misuse(void)
{
#ifdef JIANCE_DEBUG
	abort();
#endif
}

int store_version(struct store *db) { return db->eng->version(db); }

/* The version is read first, without a lock: a start with nothing to
 * migrate never waits for another officer's write (issue 13: every start
 * used to take the write lock, and failed while an import wrote). */
int store_migrate(struct store *db, int upto, struct jerr *e)
{
	if (upto < 0 || upto > schema_version)   /* beyond the array of migrations */
		return jerr_set(e, "", "迁移目标版本 %d 不在 0 到 %d 之间", upto, schema_version);
	int v = store_version(db);
	if (v < 0) {
		store_seterr(e, db, "无法读取数据库版本");
		return -1;
	}
	if (v > schema_version)
		return jerr_set(e, "", "数据库版本 %d 比本程序支持的版本 %d 新，请升级 jiance 后再打开",
		                v, schema_version);
	return v >= upto ? 0 : db->eng->migrate(db, upto, e);
}

struct store *store_open(const char *path, int create, struct jerr *e)
{
	return store_open_upto(path, create, schema_version, e);
}

struct store *store_open_upto(const char *path, int create, int upto, struct jerr *e)
{
	if (upto < 0 || upto > schema_version) {
		jerr_set(e, "", "迁移目标版本 %d 不在 0 到 %d 之间", upto, schema_version);
		return NULL;
	}
	struct store *db = calloc(1, sizeof *db);
	if (!db) {
		jerr_set(e, "", "内存不足");
		return NULL;
	}
	db->eng = engine_of(path);
	db->wait_limit_ms = STORE_WAIT_MS;
	snprintf(db->path, sizeof db->path, "%s", path);
	if (db->eng->open(db, path, create, e) != 0 || store_migrate(db, upto, e) != 0) {
		store_close(db);
		return NULL;
	}
	return db;
}

void store_close(struct store *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->ncache; i++) {
		db->eng->finalize(db->cache[i]->h);
		free(db->cache[i]->dyn);
		free(db->cache[i]);
	}
	free(db->cache);
	if (db->conn)
		db->eng->close(db);
	free(db);
}

const char *store_path(const struct store *db) { return db->path; }
int store_on_server(const struct store *db) { return db->eng == &pg_engine; }
int store_names_server(const char *where) { return engine_is_url(where); }

static struct stmt *cache_find(struct store *db, const char *sql, int dynamic)
{
	for (int i = 0; i < db->ncache; i++) {
		struct stmt *s = db->cache[i];
		int same = dynamic ? s->dyn && !strcmp(s->dyn, sql) : s->sql == sql;
		if (same && !s->busy)
			return s;
	}
	return NULL;
}

static struct stmt *cache_get(const char *file, int line, struct store *db, const char *sql,
                              int dynamic)
{
	struct stmt *s = cache_find(db, sql, dynamic);
	if (s) {
		s->busy = 1;
		s->file = file;
		s->line = line;
		return s;
	}
	void *h = db->eng->prepare(db, sql);
	if (!h) {
		errlog_write(file, line, "SQL 错误（准备）: %s: " LOG_SQL, db->eng->errmsg(db), sql);
		return NULL;
	}
	if (db->ncache == db->capcache) {
		db->capcache = db->capcache ? db->capcache * 2 : 64;
		db->cache = realloc(db->cache, (size_t)db->capcache * sizeof *db->cache);
	}
	s = calloc(1, sizeof *s);
	*s = (struct stmt){ db, sql, dynamic ? strdup(sql) : NULL, h, 1, file, line };
	if (dynamic)
		s->sql = s->dyn;
	db->cache[db->ncache++] = s;
	return s;
}

static int bind_one(struct stmt *s, int idx, char f, va_list *ap)
{
	const struct engine *g = s->db->eng;
	switch (f) {
	case 'i': return g->bind_int(s->h, idx, va_arg(*ap, int));
	case 'l': return g->bind_int(s->h, idx, va_arg(*ap, int64_t));
	case 'L': {  /* an optional reference: 0 binds NULL */
		int64_t v = va_arg(*ap, int64_t);
		return v ? g->bind_int(s->h, idx, v) : g->bind_null(s->h, idx);
	}
	case 'd': return g->bind_double(s->h, idx, va_arg(*ap, double));
	case 'n': return g->bind_null(s->h, idx);
	case 't':
	case 'T': {
		const char *v = va_arg(*ap, const char *);
		return !v || (f == 'T' && !*v) ? g->bind_null(s->h, idx) : g->bind_text(s->h, idx, v, 1);
	}
	default:
		errlog_write(s->file, s->line, "绑定格式中有未知字母 '%c': " LOG_SQL, f, s->sql);
		misuse();
		return -1;
	}
}

static int bindv(struct stmt *s, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int idx = 1, rc = 0;
	for (const char *f = fmt; *f && rc == 0; f++, idx++)
		rc = bind_one(s, idx, *f, &aq);
	va_end(aq);
	return rc;
}

/* One letter of fmt per parameter: a value missing would bind NULL and
 * one too many would be dropped, both silently (issue 11: a 23-for-24). */
static int fits(struct stmt *s, const char *fmt)
{
	int want = s->db->eng->params(s->h);
	if ((int)strlen(fmt) == want)
		return 1;
	errlog_write(s->file, s->line, "绑定格式 \"%s\" 有 %d 个值，语句有 %d 个参数: " LOG_SQL,
	             fmt, (int)strlen(fmt), want, s->sql);
	misuse();
	return 0;
}

static struct stmt *prepv(const char *file, int line, struct store *db, const char *sql,
                          const char *fmt, va_list ap)
{
	struct stmt *s = cache_get(file, line, db, sql, 0);
	if (!s)
		return NULL;
	if (!fits(s, fmt)) {
		stmt_done(s);
		return NULL;
	}
	if (bindv(s, fmt, ap) != 0) {
		errlog_write(file, line, "绑定参数失败: %s: " LOG_SQL, db->eng->errmsg(db), sql);
		stmt_done(s);
		return NULL;
	}
	return s;
}

struct stmt *store_prep_at(const char *file, int line, struct store *db, const char *sql,
                           const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct stmt *s = prepv(file, line, db, sql, fmt, ap);
	va_end(ap);
	return s;
}

struct stmt *store_prepd_at(const char *file, int line, struct store *db, const char *sql)
{
	return cache_get(file, line, db, sql, 1);
}

struct stmt *store_prep_kept_at(const char *file, int line, struct store *db, const char *sql)
{
	return cache_get(file, line, db, sql, 0);
}

int stmt_bind_text(struct stmt *s, int idx, const char *v)
{
	return s->db->eng->bind_text(s->h, idx, v, 1);
}

int stmt_bind_static(struct stmt *s, int idx, const char *v)
{
	return s->db->eng->bind_text(s->h, idx, v, 0);
}

int stmt_bind_int(struct stmt *s, int idx, int64_t v)
{
	return s->db->eng->bind_int(s->h, idx, v);
}

int stmt_bind_double(struct stmt *s, int idx, double v)
{
	return s->db->eng->bind_double(s->h, idx, v);
}

int stmt_bind_null(struct stmt *s, int idx)
{
	return s->db->eng->bind_null(s->h, idx);
}

int stmt_step(struct stmt *s)
{
	int rc = s->db->eng->step(s->h);
	if (rc >= 0)
		return rc;
	/* a refused constraint is the caller's to explain to the officer, and
	 * an interrupt is a key typed meanwhile (store_yield_to): not faults */
	enum engine_fault f = s->db->eng->fault(s->db);
	if (f != FAULT_CONSTRAINT && f != FAULT_INTERRUPT)
		errlog_write(s->file, s->line, "SQL 错误: %s（%d）: " LOG_SQL, s->db->eng->errmsg(s->db),
		             (int)f, s->sql);
	return -1;
}

int64_t stmt_int(struct stmt *s, int col) { return s->db->eng->col_int(s->h, col); }
double stmt_double(struct stmt *s, int col) { return s->db->eng->col_double(s->h, col); }
int stmt_isnull(struct stmt *s, int col) { return s->db->eng->col_isnull(s->h, col); }

const char *stmt_text(struct stmt *s, int col)
{
	const char *t = s->db->eng->col_text(s->h, col);
	return t ? t : "";
}

void stmt_done(struct stmt *s)
{
	if (!s)
		return;
	s->db->eng->reset(s->h);
	s->busy = 0;
}

int store_exec_at(const char *file, int line, struct store *db, const char *sql,
                  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct stmt *s = prepv(file, line, db, sql, fmt, ap);
	va_end(ap);
	if (!s)
		return -1;
	int rc;
	while ((rc = stmt_step(s)) == 1)
		;
	stmt_done(s);
	return rc;
}

int64_t store_int_at(const char *file, int line, struct store *db, int64_t dflt,
                     const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct stmt *s = prepv(file, line, db, sql, fmt, ap);
	va_end(ap);
	if (!s)
		return dflt;
	int64_t v = dflt;
	if (stmt_step(s) == 1 && !stmt_isnull(s, 0))
		v = stmt_int(s, 0);
	stmt_done(s);
	return v;
}

int store_text_at(const char *file, int line, struct store *db, char *out, size_t n,
                  const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct stmt *s = prepv(file, line, db, sql, fmt, ap);
	va_end(ap);
	if (n)
		out[0] = 0;
	if (!s)
		return -1;
	int rc = stmt_step(s);
	if (rc == 1)
		snprintf(out, n, "%s", stmt_text(s, 0));
	stmt_done(s);
	return rc;
}

int64_t store_last_id(struct store *db) { return db->eng->last_id(db); }
int store_changes(struct store *db) { return db->eng->changes(db); }
const char *store_errmsg(struct store *db) { return db->eng->errmsg(db); }
int store_constraint_failed(struct store *db) { return db->eng->fault(db) == FAULT_CONSTRAINT; }

void store_on_wait(struct store *db, int (*fn)(void *, int), void *arg, int limit_ms)
{
	db->on_wait = fn;
	db->wait_arg = arg;
	if (limit_ms > 0)
		db->wait_limit_ms = limit_ms;
}

int store_wait_limit(struct store *db, int limit_ms)
{
	int was = db->wait_limit_ms;
	db->wait_limit_ms = limit_ms;
	return was;
}

void store_wait_behind(struct store *db, int on)
{
	db->behind = on;
	db->eng->wait_behind(db, on);
}

void store_give_way(struct store *db) { db->eng->give_way(db); }
int store_writers_waiting(struct store *db) { return db->eng->writers_waiting(db); }
void store_say_waiting(struct store *db, int on) { db->eng->say_waiting(db, on); }
void store_own_checkpoints(struct store *db, int on) { db->eng->own_checkpoints(db, on); }
void store_checkpoint(struct store *db) { db->eng->checkpoint(db); }
int store_busy(struct store *db) { return db->eng->fault(db) == FAULT_BUSY; }

int store_unwritable(struct store *db)
{
	enum engine_fault f = db->eng->fault(db);
	return f == FAULT_BUSY || f == FAULT_UNWRITABLE;
}

/* The outermost BEGIN of either kind, remembering who asked. */
static int tx_begin(const char *file, int line, struct store *db)
{
	if (db->depth++ > 0)
		return 0;
	db->doomed = 0;
	const struct engine *g = db->eng;
	int rc = db->reading ? g->exec(db, g->begin_read)
	       : g->lock_write ? g->lock_write(db) : g->exec(db, g->begin_write);
	if (rc != 0) {
		errlog_write(file, line, "%s: %s", db->reading ? g->begin_read : g->begin_write,
		             g->errmsg(db));
		db->depth = 0;
		return -1;
	}
	db->tx_start = store_now_ms();   /* held from here: the wait for the lock is not holding it */
	snprintf(db->tx_where, sizeof db->tx_where, "%s:%d", file, line);
	return 0;
}

/* The outermost end: the transaction is over whatever happens. */
static int tx_end(const char *file, int line, struct store *db, int rollback)
{
	const char *sql = rollback ? "ROLLBACK" : "COMMIT";
	const struct engine *g = db->eng;
	int rc = 0;
	db->depth = 0;
	long long held = store_now_ms() - db->tx_start;
	if (held > STORE_LONG_TX_MS && g->in_tx(db) && !db->reading && !db->bulk)
		errlog_write(file, line, "写事务持有 %.1f 秒（始于 %s）", held / 1000.0, db->tx_where);
	/* some errors (a full disk) end the transaction by themselves */
	if (!(rollback && !g->in_tx(db)) && g->exec(db, sql) != 0) {
		errlog_write(file, line, "%s（事务始于 %s）: %s", sql, db->tx_where, g->errmsg(db));
		if (!rollback)
			g->exec(db, "ROLLBACK");
		rc = -1;
	}
	db->tx_where[0] = 0;
	return rc;
}

int store_begin_at(const char *file, int line, struct store *db)
{
	if (db->depth == 0)
		db->reading = 0;
	return tx_begin(file, line, db);
}

int store_commit_at(const char *file, int line, struct store *db)
{
	if (db->depth == 0)
		return -1;
	if (db->depth > 1) {
		db->depth--;
		return db->doomed ? -1 : 0;
	}
	if (db->doomed) {
		tx_end(file, line, db, 1);
		return -1;
	}
	return tx_end(file, line, db, 0);
}

void store_rollback_at(const char *file, int line, struct store *db)
{
	if (db->depth == 0)
		return;
	if (db->depth > 1) {
		db->depth--;
		db->doomed = 1;
		return;
	}
	tx_end(file, line, db, 1);
}

int store_read_begin_at(const char *file, int line, struct store *db)
{
	/* one snapshot for all the reads: each query alone would take and
	 * drop the WAL read lock (measured: a quarter of an import's checks) */
	if (db->depth == 0)
		db->reading = 1;
	return tx_begin(file, line, db);
}

void store_read_end_at(const char *file, int line, struct store *db)
{
	store_rollback_at(file, line, db);   /* nothing was written: ending it either way is the same */
}

int store_tx_open(struct store *db) { return db->depth > 0; }
const char *store_tx_where(struct store *db) { return db->depth > 0 ? db->tx_where : ""; }

void store_tx_abandon(struct store *db)
{
	if (db->depth > 0)
		tx_end(STORE_HERE, db, 1);
}

int64_t store_change_mark(struct store *db)
{
	/* both only grow, so their sum changes whenever either does */
	return db->eng->change_mark(db) + db->own_commits;
}

int store_backup(struct store *db, const char *path, struct jerr *e)
{
	return db->eng->backup(db, path, e);
}

int store_integrity(struct store *db, void (*report)(void *, const char *), void *arg)
{
	return db->eng->integrity(db, report, arg);
}

int store_schema_check(struct store *db, void (*report)(void *, const char *), void *arg)
{
	return db->eng->schema_check(db, report, arg);
}

int store_bulk_on(const struct store *db) { return db->bulk; }

int store_index_sql(struct store *db, const char *name, char *out, size_t n)
{
	struct stmt *s = store_prepd(db, db->eng->index_sql);
	if (n)
		out[0] = 0;
	if (!s || stmt_bind_text(s, 1, name) != 0) {
		stmt_done(s);
		return -1;
	}
	int rc = stmt_step(s);
	if (rc == 1)
		snprintf(out, n, "%s", stmt_text(s, 0));
	stmt_done(s);
	return rc;
}

void store_tune(struct store *db, enum store_use use) { db->eng->tune(db, use); }

const char *store_names_match(struct store *db, const char *param, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s", db->eng->names_match[0], param, db->eng->names_match[1]);
	return out;
}

int store_local(const struct store *db) { return db->eng == &sqlite_engine; }

int64_t store_max_id(struct store *db, const char *table)
{
	if (!*table || strspn(table, "abcdefghijklmnopqrstuvwxyz_") != strlen(table) ||
	    strlen(table) > 48)
		return -1;                           /* a name, never SQL */
	return db->eng->max_id(db, table);
}

int store_role(struct store *db, char *out, size_t n)
{
	if (n)
		out[0] = 0;
	if (!db->eng->role_sql)
		return 0;
	return store_text(db, out, n, db->eng->role_sql, "") == 1 && out[0];
}

void store_bulk(struct store *db, int on)
{
	db->bulk = on;
	db->eng->bulk(db, on);
}

void store_yield_to(struct store *db, int (*pending)(void *), void *arg)
{
	db->pending = pending;
	db->pending_arg = arg;
	db->eng->yield_to(db, pending != NULL);
}

int store_interrupted(struct store *db)
{
	int r = db->interrupted;
	db->interrupted = 0;
	return r;
}
