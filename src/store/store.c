#include "store/store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

#include "store/errlog.h"
#include "store/schema.h"
#include "store/waiters.h"

/* A cached statement.  Statements are keyed by the address of their SQL
 * literal, so the same call site reuses one prepared statement. */
struct stmt {
	struct store *db;
	const char *sql;
	char *dyn;        /* owned copy of run-time SQL, compared by content */
	sqlite3_stmt *st;
	int busy;
	const char *file; /* the call site that prepared it last, for the log */
	int line;
};

struct store {
	sqlite3 *h;
	char path[512];
	int depth;        /* transaction nesting */
	int doomed;       /* a nested rollback happened */
	char tx_where[160];   /* file:line of the outermost begin */
	struct stmt **cache;
	int ncache, capcache;
	int (*pending)(void *);   /* store_yield_to */
	void *pending_arg;
	int interrupted;
	int64_t own_commits;  /* writes this connection committed (store_change_mark) */
	int (*on_wait)(void *, int);   /* store_on_wait */
	void *wait_arg;
	int wait_limit_ms;
	int wait_sleep_ms;        /* between tries: WAIT_SLEEP_MS, longer for store_wait_behind */
	long long wait_start;     /* when this wait began (ms, monotonic) */
	long long tx_start;       /* when the outermost transaction began */
	int reading;              /* it is a read snapshot (store_read_begin) */
	int bulk;                 /* store_bulk: a new file nobody else opens */
	struct checkpointer *cp;  /* store_own_checkpoints */
	struct waiters *waiters;  /* saves waiting, told to imports (store/waiters.h) */
	int behind;               /* store_wait_behind: this writer lets saves go first */
};

static void seterr(struct jerr *e, struct store *db, const char *what)
{
	jerr_set(e, "", "%s: %s", what, db && db->h ? sqlite3_errmsg(db->h) : "无法打开");
}

/* SQL is logged whole but on one line and at most this long. */
#define LOG_SQL "%.300s"

/* A call that does not fit its statement is a bug at the call site: in a
 * debug build (make test, make test-san) it stops the program there, so
 * a test finds it; the installed program refuses the statement. */
static void misuse(void)
{
#ifdef JIANCE_DEBUG
	abort();
#endif
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Another connection holds the write lock (or a checkpoint is running):
 * wait in short sleeps up to the limit, telling whoever asked after the
 * first quarter second, and stop early when they say so (a hangup).  The
 * sleeps are short because an import pauses only a few milliseconds
 * between its transactions (flow/lead_stage.c) for a save to get in. */
#define WAIT_SLEEP_MS 2
#define WAIT_TELL_MS 250

static int busy_wait(void *arg, int count)
{
	struct store *db = arg;
	long long now = now_ms();
	if (count == 0)
		db->wait_start = now;
	int waited = (int)(now - db->wait_start);
	if (waited >= db->wait_limit_ms)
		return 0;
	if (db->on_wait && waited >= WAIT_TELL_MS && !db->on_wait(db->wait_arg, waited))
		return 0;
	sqlite3_sleep(db->wait_sleep_ms);
	return 1;
}

static int pragma_setup(struct store *db)
{
	db->wait_limit_ms = STORE_WAIT_MS;
	db->wait_sleep_ms = WAIT_SLEEP_MS;
	sqlite3_busy_handler(db->h, busy_wait, db);
	return sqlite3_exec(db->h,
		"PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
		"PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
		NULL, NULL, NULL);
}

int store_version(struct store *db)
{
	return (int)store_int(db, -1, "PRAGMA user_version", "");
}

/* Each migration runs in one transaction with the version bump, so a crash
 * leaves the database at the old version, never half-way. */
static int migrate_locked(struct store *db, int upto, struct jerr *e)
{
	if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		seterr(e, db, "无法开始迁移");
		return -1;
	}
	/* read again under the lock: another process may have migrated meanwhile */
	for (int v = store_version(db); v < upto; v++) {
		if (sqlite3_exec(db->h, schema_migrations[v].sql, NULL, NULL, NULL) != SQLITE_OK) {
			jerr_set(e, "", "数据库迁移 %s 失败: %s", schema_migrations[v].name,
			         sqlite3_errmsg(db->h));
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
		sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	}
	if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		seterr(e, db, "迁移无法提交");
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* data_version does not move for this connection's own commits, so they
 * are counted here: every write transaction that commits, the autocommit
 * ones included (SQLite calls the hook for writes only). */
static int count_commit(void *arg)
{
	((struct store *)arg)->own_commits++;
	return 0;     /* 0: let it commit */
}

/* The version is read first, without a lock: a start with nothing to
 * migrate never waits for another officer's write (issue 13: every start
 * used to take the write lock, and failed while an import wrote). */
int store_migrate(struct store *db, int upto, struct jerr *e)
{
	if (upto < 0 || upto > schema_version)   /* beyond the array of migrations */
		return jerr_set(e, "", "迁移目标版本 %d 不在 0 到 %d 之间", upto, schema_version);
	int v = store_version(db);
	if (v < 0) {
		seterr(e, db, "无法读取数据库版本");
		return -1;
	}
	if (v > schema_version)
		return jerr_set(e, "", "数据库版本 %d 比本程序支持的版本 %d 新，请升级 jiance 后再打开",
		                v, schema_version);
	return v >= upto ? 0 : migrate_locked(db, upto, e);
}

struct store *store_open(const char *path, int create, struct jerr *e)
{
	return store_open_upto(path, create, schema_version, e);
}

/* What is at path, before SQLite is let near it: a missing file, one this
 * program may not reach, or an empty one is said in words, and an empty
 * file is never given a schema unless asked to create (issue 13: `--db`
 * naming a 0-byte file wrote a schema into it). */
static int check_file(const char *path, int create, struct jerr *e)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno == EACCES)
			return jerr_set(e, "", "无权访问数据库 %s：jiance 没有以数据库所属的组运行"
			                "（安装不完整？请系统管理员运行 jiance doctor）", path);
		if (create && errno == ENOENT)
			return 0;
		return jerr_set(e, "", "数据库 %s 不存在（先运行 jiance init 或 jiance demo）", path);
	}
	if (!S_ISREG(sb.st_mode))
		return jerr_set(e, "", "%s 不是普通文件，不是 jiance 数据库", path);
	if (sb.st_size == 0 && !create)
		return jerr_set(e, "", "%s 是空文件（0 字节），不是 jiance 数据库；"
		                "要在这里建库请用 jiance init", path);
	return 0;
}

/* A file SQLite opens may still be something else: its words, in ours. */
static void open_failed(struct store *db, const char *path, struct jerr *e)
{
	int code = db->h ? sqlite3_errcode(db->h) : SQLITE_CANTOPEN;
	if (code == SQLITE_NOTADB)
		jerr_set(e, "", "%s 不是 jiance 数据库（也不是 SQLite 数据库）", path);
	else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
		jerr_set(e, "", "无法以读写方式打开数据库 %s: %s（请系统管理员运行 jiance doctor）", path,
		         db->h ? sqlite3_errmsg(db->h) : "无法打开");
	else
		seterr(e, db, path);
}

/* An SQLite file of another program has tables but no version. */
static int foreign_database(struct store *db)
{
	return store_version(db) == 0 &&
	       store_int(db, 0, "SELECT count(*) FROM sqlite_master", "") > 0;
}

/* Opens and sets up the connection.  SQLITE_READONLY_DIRECTORY is
 * tried again for up to a second: see shared_side_files() for why it came,
 * and this stays for a side file another program made with a narrow mode. */
static int open_handle(struct store *db, const char *path, int create)
{
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	for (int tries = 0;; tries++) {
		int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
		if (rc == SQLITE_OK)
			rc = pragma_setup(db);
		if (rc == SQLITE_OK || tries == 20 ||
		    sqlite3_extended_errcode(db->h) != SQLITE_READONLY_DIRECTORY)
			return rc;
		sqlite3_close(db->h);
		db->h = NULL;
		usleep(50 * 1000);
	}
}

/* SQLite makes the -wal and -shm files through the umask and only then
 * gives them the database's mode (0660 on a county server).  In between,
 * another officer's process (its own uid, the same group) cannot open them:
 * its open failed with SQLITE_READONLY_DIRECTORY, or its first write with
 * "attempt to write a readonly database" (deployment test: 1 run in 8 with
 * no retry; 0 in 8 with this).  With the group's bits out of the umask the
 * files are made group-writable at once.  Everything jiance writes for the
 * officer names its own mode (0600, 0700), so nothing else widens. */
static void shared_side_files(void)
{
	mode_t mask = umask(0);
	umask(mask & ~(mode_t)060);
}

/* SQLite's own checkpoint, after a commit that leaves the log at 1000
 * pages or more, but not while another process's thread copies the log
 * (an import's): a save's commit paid for copying the import's pages, and
 * that was the slowest 1% of saves during county imports (soak: commit
 * p99 66 ms, worst 0.7 s; 1 ms without). */
#define AUTO_CHECKPOINT_PAGES 1000   /* SQLite's default */

static int after_commit(void *arg, sqlite3 *h, const char *name, int pages)
{
	struct store *db = arg;
	if (pages >= AUTO_CHECKPOINT_PAGES && !db->cp && !waiters_someone_checkpoints(db->waiters))
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

struct store *store_open_upto(const char *path, int create, int upto, struct jerr *e)
{
	if (upto < 0 || upto > schema_version) {
		jerr_set(e, "", "迁移目标版本 %d 不在 0 到 %d 之间", upto, schema_version);
		return NULL;
	}
	if (check_file(path, create, e) != 0)
		return NULL;
	struct store *db = calloc(1, sizeof *db);
	snprintf(db->path, sizeof db->path, "%s", path);
	shared_side_files();
	if (open_handle(db, path, create) != SQLITE_OK) {
		open_failed(db, path, e);
		store_close(db);
		return NULL;
	}
	if (foreign_database(db)) {
		jerr_set(e, "", "%s 是别的程序的 SQLite 数据库，不是 jiance 的", path);
		store_close(db);
		return NULL;
	}
	sqlite3_commit_hook(db->h, count_commit, db);
	db->waiters = waiters_open(path);
	sqlite3_wal_hook(db->h, after_commit, db);
	if (store_migrate(db, upto, e) != 0) {
		store_close(db);
		return NULL;
	}
	return db;
}

void store_close(struct store *db)
{
	if (!db)
		return;
	if (db->cp)
		store_own_checkpoints(db, 0);
	for (int i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i]->st);
		free(db->cache[i]->dyn);
		free(db->cache[i]);
	}
	free(db->cache);
	sqlite3_close(db->h);
	waiters_close(db->waiters);
	free(db);
}

const char *store_path(const struct store *db) { return db->path; }

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
	sqlite3_stmt *raw;
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, NULL) != SQLITE_OK) {
		errlog_write(file, line, "SQL 错误（准备）: %s: " LOG_SQL, sqlite3_errmsg(db->h), sql);
		return NULL;
	}
	if (db->ncache == db->capcache) {
		db->capcache = db->capcache ? db->capcache * 2 : 64;
		db->cache = realloc(db->cache, (size_t)db->capcache * sizeof *db->cache);
	}
	s = calloc(1, sizeof *s);
	*s = (struct stmt){ db, sql, dynamic ? strdup(sql) : NULL, raw, 1, file, line };
	if (dynamic)
		s->sql = s->dyn;
	db->cache[db->ncache++] = s;
	return s;
}

static int bindv(struct stmt *s, const char *fmt, va_list ap)
{
	int idx = 1, rc = SQLITE_OK;
	for (const char *f = fmt; *f && rc == SQLITE_OK; f++, idx++) {
		switch (*f) {
		case 'i': rc = sqlite3_bind_int(s->st, idx, va_arg(ap, int)); break;
		case 'l': rc = sqlite3_bind_int64(s->st, idx, va_arg(ap, int64_t)); break;
		case 'L': {  /* an optional reference: 0 binds NULL */
			int64_t v = va_arg(ap, int64_t);
			rc = v ? sqlite3_bind_int64(s->st, idx, v) : sqlite3_bind_null(s->st, idx);
			break;
		}
		case 'd': rc = sqlite3_bind_double(s->st, idx, va_arg(ap, double)); break;
		case 'n': rc = sqlite3_bind_null(s->st, idx); break;
		case 't':
		case 'T': {
			const char *v = va_arg(ap, const char *);
			if (!v || (*f == 'T' && !*v))
				rc = sqlite3_bind_null(s->st, idx);
			else
				rc = sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT);
			break;
		}
		default:
			errlog_write(s->file, s->line, "绑定格式中有未知字母 '%c': " LOG_SQL, *f, s->sql);
			misuse();
			return -1;
		}
	}
	return rc == SQLITE_OK ? 0 : -1;
}

/* Parameters from ?901 up are bound by index after store_prep (the flag
 * dates of register/flags.h); a statement that has them numbers its own
 * (?1, ?2 …), so the highest numbered one below says how many are its own. */
#define BY_INDEX_FIRST 901

static int own_params(sqlite3_stmt *st)
{
	int count = sqlite3_bind_parameter_count(st);
	if (count < BY_INDEX_FIRST)
		return count;
	int i = BY_INDEX_FIRST - 1;
	while (i > 0 && !sqlite3_bind_parameter_name(st, i))
		i--;                /* unused numbers between ?N and ?901 */
	return i;
}

/* One letter of fmt per parameter: a value missing would bind NULL and
 * one too many would be dropped, both silently (issue 11: a 23-for-24). */
static int fits(struct stmt *s, const char *fmt)
{
	int want = own_params(s->st);
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
		errlog_write(file, line, "绑定参数失败: %s: " LOG_SQL, sqlite3_errmsg(db->h), sql);
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
	return sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

int stmt_bind_static(struct stmt *s, int idx, const char *v)
{
	return sqlite3_bind_text(s->st, idx, v, -1, SQLITE_STATIC) == SQLITE_OK ? 0 : -1;
}

int stmt_bind_int(struct stmt *s, int idx, int64_t v)
{
	return sqlite3_bind_int64(s->st, idx, v) == SQLITE_OK ? 0 : -1;
}

int stmt_step(struct stmt *s)
{
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	/* a refused constraint is the caller's to explain to the officer, and
	 * an interrupt is a key typed meanwhile (store_yield_to): not faults */
	if ((rc & 0xff) != SQLITE_CONSTRAINT && rc != SQLITE_INTERRUPT)
		errlog_write(s->file, s->line, "SQL 错误: %s（%d）: " LOG_SQL, sqlite3_errmsg(s->db->h),
		             rc, s->sql);
	return -1;
}

int64_t stmt_int(struct stmt *s, int col) { return sqlite3_column_int64(s->st, col); }
double stmt_double(struct stmt *s, int col) { return sqlite3_column_double(s->st, col); }
int stmt_isnull(struct stmt *s, int col) { return sqlite3_column_type(s->st, col) == SQLITE_NULL; }

const char *stmt_text(struct stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s->st, col);
	return t ? (const char *)t : "";
}

void stmt_done(struct stmt *s)
{
	if (!s)
		return;
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
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

int64_t store_last_id(struct store *db) { return sqlite3_last_insert_rowid(db->h); }
int store_changes(struct store *db) { return sqlite3_changes(db->h); }
const char *store_errmsg(struct store *db) { return sqlite3_errmsg(db->h); }
int store_constraint_failed(struct store *db)
{
	return (sqlite3_extended_errcode(db->h) & 0xff) == SQLITE_CONSTRAINT;
}

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

/* SQLite hands a freed lock to whichever waiter tries first.  Saves that
 * say they wait (DB-wait) go first anyway: a long writer starts only when
 * none waits, and then tries as often as they do, or it sleeps 10 ms after
 * each save it gave way to.  Without the file, a writer that tries five
 * times less often lets the saves waiting meanwhile go first. */
#define WAIT_BEHIND_MS 10
#define GIVE_WAY_MS 3    /* without DB-wait: a save trying every 2 ms gets in */

void store_wait_behind(struct store *db, int on)
{
	db->wait_sleep_ms = on && !db->waiters ? WAIT_BEHIND_MS : WAIT_SLEEP_MS;
	db->behind = on;
}

void store_give_way(struct store *db)
{
	if (!db->waiters)
		sqlite3_sleep(GIVE_WAY_MS);
}

int store_writers_waiting(struct store *db)
{
	return waiters_any(db->waiters);
}

/* A thread with a connection of its own that copies the log into the
 * database every few milliseconds while a long writer runs: the copy and
 * its fsyncs overlap the writer's next transaction instead of following
 * each commit, and a save's commit finds little left to copy. */
struct checkpointer {
	pthread_t t;
	sqlite3 *h;
	atomic_int stop;
};

#define CHECKPOINT_EVERY_MS 20

static void *checkpoint_loop(void *arg)
{
	struct checkpointer *c = arg;
	while (!atomic_load(&c->stop)) {
		sqlite3_wal_checkpoint_v2(c->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		sqlite3_sleep(CHECKPOINT_EVERY_MS);
	}
	return NULL;
}

static struct checkpointer *checkpointer_start(const char *path)
{
	struct checkpointer *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	if (sqlite3_open_v2(path, &c->h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    pthread_create(&c->t, NULL, checkpoint_loop, c) != 0) {
		sqlite3_close(c->h);
		free(c);
		return NULL;
	}
	return c;
}

static void checkpointer_stop(struct checkpointer *c)
{
	atomic_store(&c->stop, 1);
	pthread_join(c->t, NULL);
	sqlite3_close(c->h);
	free(c);
}

void store_own_checkpoints(struct store *db, int on)
{
	if (on && !db->cp && !db->bulk)
		db->cp = checkpointer_start(db->path);
	if (!on && db->cp) {
		checkpointer_stop(db->cp);
		db->cp = NULL;
	}
	waiters_checkpointing(db->waiters, db->cp != NULL);
}

void store_checkpoint(struct store *db)
{
	sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

int store_busy(struct store *db)
{
	int rc = sqlite3_extended_errcode(db->h) & 0xff;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

int store_unwritable(struct store *db)
{
	int rc = sqlite3_extended_errcode(db->h) & 0xff;
	return store_busy(db) || rc == SQLITE_FULL || rc == SQLITE_READONLY || rc == SQLITE_IOERR ||
	       rc == SQLITE_CANTOPEN || rc == SQLITE_PERM;
}

/* How long an import lets saves go first before it writes anyway: a save
 * takes milliseconds, so only a stuck process holds it up this long. */
#define LET_PASS_MS 2000

/* BEGIN IMMEDIATE waits for the write lock: a save says it waits, so an
 * import ends its transaction and lets it in; an import first lets every
 * waiting save go. */
static int begin_write(struct store *db, const char *sql)
{
	if (db->behind)
		waiters_let_pass(db->waiters, LET_PASS_MS);
	else
		waiters_say(db->waiters, 1);
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	waiters_say(db->waiters, 0);
	return rc;
}

/* The outermost BEGIN of either kind, remembering who asked. */
static int tx_begin(const char *file, int line, struct store *db, const char *sql)
{
	if (db->depth++ > 0)
		return 0;
	db->doomed = 0;
	int rc = db->reading ? sqlite3_exec(db->h, sql, NULL, NULL, NULL) : begin_write(db, sql);
	if (rc != SQLITE_OK) {
		errlog_write(file, line, "%s: %s", sql, sqlite3_errmsg(db->h));
		db->depth = 0;
		return -1;
	}
	db->tx_start = now_ms();   /* held from here: the wait for the lock is not holding it */
	snprintf(db->tx_where, sizeof db->tx_where, "%s:%d", file, line);
	return 0;
}

/* The outermost end: the transaction is over whatever happens. */
static int tx_end(const char *file, int line, struct store *db, const char *sql)
{
	int rollback = !strcmp(sql, "ROLLBACK"), rc = 0;
	db->depth = 0;
	long long held = now_ms() - db->tx_start;
	if (held > STORE_LONG_TX_MS && !sqlite3_get_autocommit(db->h) && !db->reading &&
	    !db->bulk)
		errlog_write(file, line, "写事务持有 %.1f 秒（始于 %s）", held / 1000.0, db->tx_where);
	/* some errors (a full disk) end the transaction by themselves */
	if (!(rollback && sqlite3_get_autocommit(db->h)) &&
	    sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK) {
		errlog_write(file, line, "%s（事务始于 %s）: %s", sql, db->tx_where,
		             sqlite3_errmsg(db->h));
		if (!rollback)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		rc = -1;
	}
	db->tx_where[0] = 0;
	return rc;
}

int store_begin_at(const char *file, int line, struct store *db)
{
	if (db->depth == 0)
		db->reading = 0;
	return tx_begin(file, line, db, "BEGIN IMMEDIATE");
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
		tx_end(file, line, db, "ROLLBACK");
		return -1;
	}
	return tx_end(file, line, db, "COMMIT");
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
	tx_end(file, line, db, "ROLLBACK");
}

int store_read_begin_at(const char *file, int line, struct store *db)
{
	/* one snapshot for all the reads: each query alone would take and
	 * drop the WAL read lock (measured: a quarter of an import's checks) */
	if (db->depth == 0)
		db->reading = 1;
	return tx_begin(file, line, db, "BEGIN DEFERRED");
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
		tx_end(STORE_HERE, db, "ROLLBACK");
}

int64_t store_change_mark(struct store *db)
{
	/* both only grow, so their sum changes whenever either does */
	return store_int(db, 0, "PRAGMA data_version", "") + db->own_commits;
}

int store_backup(struct store *db, const char *path, struct jerr *e)
{
	sqlite3 *dst;
	if (sqlite3_open(path, &dst) != SQLITE_OK) {
		jerr_set(e, "", "无法创建备份文件 %s: %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return -1;
	}
	/* the copy's own journal in memory: a failed copy (a full disk) leaves
	 * no -journal beside it, only the file the caller removes */
	sqlite3_exec(dst, "PRAGMA journal_mode=MEMORY", NULL, NULL, NULL);
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->h, "main");
	int rc = SQLITE_ERROR;
	if (b) {
		/* copy in slices so writers in other sessions are not held off */
		while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(rc == SQLITE_OK ? 0 : 20);
		sqlite3_backup_finish(b);
	}
	if (rc != SQLITE_DONE)
		jerr_set(e, "", "备份失败: %s", rc == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR
		         ? "磁盘已满或无法写入" : sqlite3_errmsg(dst));
	sqlite3_close(dst);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The checks read every page once: through the system's map of the file
 * rather than copied into the page cache, a quarter less time on the
 * 700 MB demo county (PRAGMA quick_check 2.1 s instead of 2.8). */
static int64_t map_whole_file(struct store *db)
{
	int64_t was = store_int(db, 0, "PRAGMA mmap_size", "");
	sqlite3_exec(db->h, "PRAGMA mmap_size = 2147418112", NULL, NULL, NULL);
	return was;
}

static void map_again(struct store *db, int64_t was)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA mmap_size = %lld", (long long)was);
	sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

int store_integrity(struct store *db, void (*report)(void *, const char *), void *arg)
{
	int problems = 0;
	int64_t mapped = map_whole_file(db);
	struct stmt *s = store_prep(db, "PRAGMA quick_check", "");
	while (s && stmt_step(s) == 1) {
		if (strcmp(stmt_text(s, 0), "ok") != 0) {
			problems++;
			if (report)
				report(arg, stmt_text(s, 0));
		}
	}
	stmt_done(s);
	s = store_prep(db, "PRAGMA foreign_key_check", "");
	while (s && stmt_step(s) == 1) {
		char line[256];
		snprintf(line, sizeof line, "外键不一致: 表 %s 第 %lld 行 → %s",
		         stmt_text(s, 0), (long long)stmt_int(s, 1), stmt_text(s, 2));
		problems++;
		if (report)
			report(arg, line);
	}
	stmt_done(s);
	map_again(db, mapped);
	return problems;
}

static const char *kind_word(const char *type)
{
	if (!strcmp(type, "table")) return "表";
	if (!strcmp(type, "index")) return "索引";
	if (!strcmp(type, "trigger")) return "触发器";
	if (!strcmp(type, "view")) return "视图";
	return type;
}

#define SCHEMA_OBJECTS "SELECT type, name, coalesce(sql, '') FROM sqlite_master" \
	" WHERE name NOT GLOB 'sqlite_*' ORDER BY type, name"

/* The schema the migrations up to version make, in memory. */
static sqlite3 *expected_schema(int version)
{
	sqlite3 *mem;
	if (sqlite3_open(":memory:", &mem) != SQLITE_OK) {
		sqlite3_close(mem);
		return NULL;
	}
	for (int v = 0; v < version; v++)
		if (sqlite3_exec(mem, schema_migrations[v].sql, NULL, NULL, NULL) != SQLITE_OK) {
			sqlite3_close(mem);
			return NULL;
		}
	return mem;
}

static int say(void (*report)(void *, const char *), void *arg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int say(void (*report)(void *, const char *), void *arg, const char *fmt, ...)
{
	char line[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (report)
		report(arg, line);
	return 1;
}

/* Objects of one schema that the other lacks or has otherwise. */
static int schema_diff(sqlite3 *from, sqlite3 *other, int expected_side,
                       void (*report)(void *, const char *), void *arg)
{
	sqlite3_stmt *all, *one;
	int n = 0;
	if (sqlite3_prepare_v2(from, SCHEMA_OBJECTS, -1, &all, NULL) != SQLITE_OK)
		return say(report, arg, "无法读取数据库结构");
	if (sqlite3_prepare_v2(other, "SELECT coalesce(sql, '') FROM sqlite_master"
	                       " WHERE type = ?1 AND name = ?2", -1, &one, NULL) != SQLITE_OK) {
		sqlite3_finalize(all);
		return say(report, arg, "无法读取数据库结构");
	}
	while (sqlite3_step(all) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(all, 0);
		const char *name = (const char *)sqlite3_column_text(all, 1);
		sqlite3_bind_text(one, 1, type, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(one, 2, name, -1, SQLITE_TRANSIENT);
		int found = sqlite3_step(one) == SQLITE_ROW;
		if (!found)
			n += say(report, arg, "数据库结构：%s%s %s", expected_side ? "缺少" : "多出",
			         kind_word(type), name);
		else if (expected_side && strcmp((const char *)sqlite3_column_text(one, 0),
		                                 (const char *)sqlite3_column_text(all, 2)) != 0)
			n += say(report, arg, "数据库结构：%s %s 的定义与本程序的不同", kind_word(type), name);
		sqlite3_reset(one);
	}
	sqlite3_finalize(one);
	sqlite3_finalize(all);
	return n;
}

int store_schema_check(struct store *db, void (*report)(void *, const char *), void *arg)
{
	sqlite3 *mem = expected_schema(store_version(db));
	if (!mem)
		return say(report, arg, "无法建立本程序的数据库结构以作对照");
	int n = schema_diff(mem, db->h, 1, report, arg) + schema_diff(db->h, mem, 0, report, arg);
	sqlite3_close(mem);
	return n;
}

int store_bulk_on(const struct store *db) { return db->bulk; }

void store_bulk(struct store *db, int on)
{
	db->bulk = on;
	/* a big transaction spills a small page cache to the file again and
	 * again: give it up to 2 GB while it runs (the demo of 200,000
	 * households is 800 MB: past 512 MB every page it touched was written
	 * out and read back) */
	/* and the indexes built at its end sort on a second core */
	sqlite3_exec(db->h, on ? "PRAGMA synchronous=OFF; PRAGMA cache_size=-2097152; PRAGMA threads=2"
	                       : "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-2000; PRAGMA threads=0",
	             NULL, NULL, NULL);
}

/* Asked every few thousand virtual machine steps: some tens of
 * microseconds of work, so a key waits no longer than that. */
#define YIELD_STEPS 2000

static int yield_check(void *arg)
{
	struct store *db = arg;
	if (!db->pending(db->pending_arg))
		return 0;
	db->interrupted = 1;
	return 1;
}

void store_yield_to(struct store *db, int (*pending)(void *), void *arg)
{
	db->pending = pending;
	db->pending_arg = arg;
	sqlite3_progress_handler(db->h, pending ? YIELD_STEPS : 0, pending ? yield_check : NULL, db);
}

int store_interrupted(struct store *db)
{
	int r = db->interrupted;
	db->interrupted = 0;
	return r;
}
