/* The SQLite engine (store/engine.h): a county's database in one file,
 * WAL, one writer at a time.  The only file that calls SQLite. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/engine.h"
#include "store/errlog.h"
#include "store/schema.h"
#include "store/waiters.h"

struct checkpointer;

struct lite {
	sqlite3 *h;
	struct waiters *waiters;  /* saves waiting, told to imports (store/waiters.h) */
	struct checkpointer *cp;  /* store_own_checkpoints */
	int wait_sleep_ms;        /* between tries: WAIT_SLEEP_MS, longer for store_wait_behind */
	long long wait_start;     /* when this wait began (ms, monotonic) */
};

static struct lite *L(struct store *db) { return db->conn; }
static sqlite3 *H(struct store *db) { return L(db)->h; }

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
	long long now = store_now_ms();
	if (count == 0)
		L(db)->wait_start = now;
	int waited = (int)(now - L(db)->wait_start);
	if (waited >= db->wait_limit_ms)
		return 0;
	if (db->on_wait && waited >= WAIT_TELL_MS && !db->on_wait(db->wait_arg, waited))
		return 0;
	sqlite3_sleep(L(db)->wait_sleep_ms);
	return 1;
}

static int pragma_setup(struct store *db)
{
	L(db)->wait_sleep_ms = WAIT_SLEEP_MS;
	sqlite3_busy_handler(H(db), busy_wait, db);
	return sqlite3_exec(H(db),
		"PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
		"PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
		NULL, NULL, NULL);
}

static int lite_exec(struct store *db, const char *sql)
{
	return sqlite3_exec(H(db), sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int lite_version(struct store *db)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(H(db), "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Each migration runs in one transaction with the version bump, so a crash
 * leaves the database at the old version, never half-way. */
static int lite_migrate(struct store *db, int upto, struct jerr *e)
{
	if (lite_exec(db, "BEGIN IMMEDIATE") != 0) {
		store_seterr(e, db, "无法开始迁移");
		return -1;
	}
	/* read again under the lock: another process may have migrated meanwhile */
	for (int v = lite_version(db); v < upto; v++) {
		if (lite_exec(db, schema_migrations[v].sql) != 0) {
			jerr_set(e, "", "数据库迁移 %s 失败: %s", schema_migrations[v].name,
			         sqlite3_errmsg(H(db)));
			lite_exec(db, "ROLLBACK");
			return -1;
		}
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
		lite_exec(db, sql);
	}
	if (lite_exec(db, "COMMIT") != 0) {
		store_seterr(e, db, "迁移无法提交");
		lite_exec(db, "ROLLBACK");
		return -1;
	}
	return 0;
}

/* data_version does not move for this connection's own commits, so they
 * are counted by the face: every write transaction that commits, the
 * autocommit ones included (SQLite calls the hook for writes only). */
static int count_commit(void *arg)
{
	((struct store *)arg)->own_commits++;
	return 0;     /* 0: let it commit */
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
	sqlite3 *h = L(db)->h;
	int code = h ? sqlite3_errcode(h) : SQLITE_CANTOPEN;
	if (code == SQLITE_NOTADB)
		jerr_set(e, "", "%s 不是 jiance 数据库（也不是 SQLite 数据库）", path);
	else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
		jerr_set(e, "", "无法以读写方式打开数据库 %s: %s（请系统管理员运行 jiance doctor）", path,
		         h ? sqlite3_errmsg(h) : "无法打开");
	else
		store_seterr(e, db, path);
}

/* An SQLite file of another program has tables but no version. */
static int foreign_database(struct store *db)
{
	sqlite3_stmt *st;
	int tables = 0;
	if (sqlite3_prepare_v2(H(db), "SELECT count(*) FROM sqlite_master", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		tables = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return lite_version(db) == 0 && tables > 0;
}

/* Opens and sets up the connection.  SQLITE_READONLY_DIRECTORY is
 * tried again for up to a second: see shared_side_files() for why it came,
 * and this stays for a side file another program made with a narrow mode. */
static int open_handle(struct store *db, const char *path, int create)
{
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	for (int tries = 0;; tries++) {
		int rc = sqlite3_open_v2(path, &L(db)->h, flags, NULL);
		if (rc == SQLITE_OK)
			rc = pragma_setup(db);
		if (rc == SQLITE_OK || tries == 20 ||
		    sqlite3_extended_errcode(H(db)) != SQLITE_READONLY_DIRECTORY)
			return rc;
		sqlite3_close(H(db));
		L(db)->h = NULL;
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
	if (pages >= AUTO_CHECKPOINT_PAGES && !L(db)->cp &&
	    !waiters_someone_checkpoints(L(db)->waiters))
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

static int lite_open(struct store *db, const char *path, int create, struct jerr *e)
{
	if (check_file(path, create, e) != 0)
		return -1;
	db->conn = calloc(1, sizeof(struct lite));
	if (!db->conn)
		return jerr_set(e, "", "内存不足");
	shared_side_files();
	if (open_handle(db, path, create) != SQLITE_OK) {
		open_failed(db, path, e);
		return -1;
	}
	if (foreign_database(db))
		return jerr_set(e, "", "%s 是别的程序的 SQLite 数据库，不是 jiance 的", path);
	sqlite3_commit_hook(H(db), count_commit, db);
	L(db)->waiters = waiters_open(path);
	sqlite3_wal_hook(H(db), after_commit, db);
	return 0;
}

static void lite_own_checkpoints(struct store *db, int on);

/* the file has no rows an officer cannot see */
static int64_t lite_max_id(struct store *db, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) FROM %s", table);
	struct stmt *s = store_prepd(db, sql);
	int64_t v = s && stmt_step(s) == 1 ? stmt_int(s, 0) : -1;
	stmt_done(s);
	return v;
}

static int lite_exists(const char *path, struct jerr *e)
{
	(void)e;
	struct stat sb;
	return stat(path, &sb) == 0 && sb.st_size > 0;
}

static void lite_wipe(const char *path)
{
	static const char *const side[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
		char p[640];
		snprintf(p, sizeof p, "%s%s", path, side[i]);
		remove(p);
	}
}

static void lite_close(struct store *db)
{
	if (!L(db))
		return;
	if (L(db)->cp)
		lite_own_checkpoints(db, 0);
	sqlite3_close(H(db));
	waiters_close(L(db)->waiters);
	free(db->conn);
	db->conn = NULL;
}

static void *lite_prepare(struct store *db, const char *sql)
{
	sqlite3_stmt *raw;
	if (sqlite3_prepare_v3(H(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, NULL) != SQLITE_OK)
		return NULL;
	return raw;
}

static void lite_finalize(void *h) { sqlite3_finalize(h); }

/* Parameters from ?901 up are bound by index after store_prep (the flag
 * dates of register/flags.h); a statement that has them numbers its own
 * (?1, ?2 …), so the highest numbered one below says how many are its own. */
#define BY_INDEX_FIRST 901

static int lite_params(void *h)
{
	int count = sqlite3_bind_parameter_count(h);
	if (count < BY_INDEX_FIRST)
		return count;
	int i = BY_INDEX_FIRST - 1;
	while (i > 0 && !sqlite3_bind_parameter_name(h, i))
		i--;                /* unused numbers between ?N and ?901 */
	return i;
}

static int ok(int rc) { return rc == SQLITE_OK ? 0 : -1; }
static int lite_bind_int(void *h, int i, int64_t v) { return ok(sqlite3_bind_int64(h, i, v)); }
static int lite_bind_double(void *h, int i, double v) { return ok(sqlite3_bind_double(h, i, v)); }
static int lite_bind_null(void *h, int i) { return ok(sqlite3_bind_null(h, i)); }

static int lite_bind_text(void *h, int i, const char *v, int copy)
{
	return ok(sqlite3_bind_text(h, i, v, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC));
}

static int lite_step(void *h)
{
	int rc = sqlite3_step(h);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int64_t lite_col_int(void *h, int c) { return sqlite3_column_int64(h, c); }
static double lite_col_double(void *h, int c) { return sqlite3_column_double(h, c); }
static const char *lite_col_text(void *h, int c) { return (const char *)sqlite3_column_text(h, c); }
static int lite_col_isnull(void *h, int c) { return sqlite3_column_type(h, c) == SQLITE_NULL; }

static void lite_reset(void *h)
{
	sqlite3_reset(h);
	sqlite3_clear_bindings(h);
}

static int lite_in_tx(struct store *db) { return !sqlite3_get_autocommit(H(db)); }
static const char *lite_errmsg(struct store *db) { return sqlite3_errmsg(H(db)); }
static int64_t lite_last_id(struct store *db) { return sqlite3_last_insert_rowid(H(db)); }
static int lite_changes(struct store *db) { return sqlite3_changes(H(db)); }

static enum engine_fault lite_fault(struct store *db)
{
	int rc = sqlite3_extended_errcode(H(db)) & 0xff;
	switch (rc) {
	case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return FAULT_NONE;
	case SQLITE_CONSTRAINT: return FAULT_CONSTRAINT;
	case SQLITE_BUSY: case SQLITE_LOCKED: return FAULT_BUSY;
	case SQLITE_FULL: case SQLITE_READONLY: case SQLITE_IOERR: case SQLITE_CANTOPEN:
	case SQLITE_PERM: return FAULT_UNWRITABLE;
	case SQLITE_INTERRUPT: return FAULT_INTERRUPT;
	default: return FAULT_OTHER;
	}
}

static int64_t lite_change_mark(struct store *db)
{
	sqlite3_stmt *st;
	int64_t v = 0;
	if (sqlite3_prepare_v2(H(db), "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* How long an import lets saves go first before it writes anyway: a save
 * takes milliseconds, so only a stuck process holds it up this long. */
#define LET_PASS_MS 2000

/* BEGIN IMMEDIATE waits for the write lock: a save says it waits, so an
 * import ends its transaction and lets it in; an import first lets every
 * waiting save go. */
static int lite_lock_write(struct store *db)
{
	if (db->behind)
		waiters_let_pass(L(db)->waiters, LET_PASS_MS);
	else
		waiters_say(L(db)->waiters, 1);
	int rc = lite_exec(db, "BEGIN IMMEDIATE");
	waiters_say(L(db)->waiters, 0);
	return rc;
}

/* SQLite hands a freed lock to whichever waiter tries first.  Saves that
 * say they wait (DB-wait) go first anyway: a long writer starts only when
 * none waits, and then tries as often as they do, or it sleeps 10 ms after
 * each save it gave way to.  Without the file, a writer that tries five
 * times less often lets the saves waiting meanwhile go first. */
#define WAIT_BEHIND_MS 10
#define GIVE_WAY_MS 3    /* without DB-wait: a save trying every 2 ms gets in */

static void lite_wait_behind(struct store *db, int on)
{
	L(db)->wait_sleep_ms = on && !L(db)->waiters ? WAIT_BEHIND_MS : WAIT_SLEEP_MS;
}

static void lite_give_way(struct store *db)
{
	if (!L(db)->waiters)
		sqlite3_sleep(GIVE_WAY_MS);
}

static int lite_writers_waiting(struct store *db) { return waiters_any(L(db)->waiters); }
static void lite_say_waiting(struct store *db, int on) { waiters_say(L(db)->waiters, on); }

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

static void lite_own_checkpoints(struct store *db, int on)
{
	struct lite *l = L(db);
	if (on && !l->cp && !db->bulk)
		l->cp = checkpointer_start(db->path);
	if (!on && l->cp) {
		checkpointer_stop(l->cp);
		l->cp = NULL;
	}
	waiters_checkpointing(l->waiters, l->cp != NULL);
}

static void lite_checkpoint(struct store *db)
{
	sqlite3_wal_checkpoint_v2(H(db), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

static int lite_backup(struct store *db, const char *path, struct jerr *e)
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
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", H(db), "main");
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
	lite_exec(db, "PRAGMA mmap_size = 2147418112");
	return was;
}

static void map_again(struct store *db, int64_t was)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA mmap_size = %lld", (long long)was);
	lite_exec(db, sql);
}

/* quick_check, not integrity_check: the latter also matches every index
 * entry to its row, ~10 s on a county of 200,000 households, against 2 s
 * (issue 2: `jiance check` under 5 s). */
static int lite_integrity(struct store *db, void (*report)(void *, const char *), void *arg)
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

static int lite_schema_check(struct store *db, void (*report)(void *, const char *), void *arg)
{
	sqlite3 *mem = expected_schema(lite_version(db));
	if (!mem)
		return say(report, arg, "无法建立本程序的数据库结构以作对照");
	int n = schema_diff(mem, H(db), 1, report, arg) + schema_diff(H(db), mem, 0, report, arg);
	sqlite3_close(mem);
	return n;
}

static void lite_bulk(struct store *db, int on)
{
	/* a big transaction spills a small page cache to the file again and
	 * again: give it up to 2 GB while it runs (the demo of 200,000
	 * households is 800 MB: past 512 MB every page it touched was written
	 * out and read back) */
	/* and the indexes built at its end sort on a second core; one big
	 * transaction keeps a memory journal instead of the WAL (nothing to
	 * copy twice; the caller builds a new file), WAL again at the end */
	lite_exec(db, on ? "PRAGMA synchronous=OFF; PRAGMA cache_size=-2097152; PRAGMA threads=2;"
	                   " PRAGMA journal_mode=MEMORY"
	                 : "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-2000; PRAGMA threads=0;"
	                   " PRAGMA journal_mode=WAL");
}

/* Console: measured on a 200,000-household demo (600 MB file), the first
 * search for a common surname (张) after start took 75-157 ms reading with
 * read() into the default 2 MB cache, 14-24 ms mapped; later ones 12 and
 * 7 ms.  The file only grows, so the map never points past its end.
 * Import: a county's indexes touched by 100,000 lookups: 32 MB instead of
 * SQLite's 2 MB, so pages are read once, not once per row. */
static void lite_tune(struct store *db, enum store_use use)
{
	lite_exec(db, use == STORE_USE_CONSOLE ? "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -16384"
	                                       : "PRAGMA cache_size = -32768");
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

static void lite_yield_to(struct store *db, int on)
{
	sqlite3_progress_handler(H(db), on ? YIELD_STEPS : 0, on ? yield_check : NULL, db);
}

/* The catalog (engine.h).  A full-text table's rowid is the key the
 * program writes (member_names: the member's id), shown as its first
 * column, as PostgreSQL's plain table has it. */
static const char lite_tables[] =
	"SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual')"
	" AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name";
static const char lite_columns[] =
	"SELECT 'rowid', 'INTEGER', 1, -1 FROM pragma_table_list"
	"  WHERE schema = 'main' AND name = ?1 AND type = 'virtual'"
	" UNION ALL SELECT name, upper(type), pk, cid FROM pragma_table_info(?1) ORDER BY 4";
static const char lite_fkeys[] =
	"SELECT f.\"from\", f.\"table\" FROM pragma_foreign_key_list(?1) f"
	" JOIN pragma_table_info(?1) c ON c.name = f.\"from\" ORDER BY c.cid";

const struct engine sqlite_engine = {
	.open = lite_open, .close = lite_close, .exists = lite_exists, .wipe = lite_wipe, .version = lite_version, .migrate = lite_migrate,
	.prepare = lite_prepare, .finalize = lite_finalize, .params = lite_params,
	.bind_int = lite_bind_int, .bind_double = lite_bind_double, .bind_text = lite_bind_text,
	.bind_null = lite_bind_null, .step = lite_step, .col_int = lite_col_int,
	.col_double = lite_col_double, .col_text = lite_col_text, .col_isnull = lite_col_isnull,
	.reset = lite_reset,
	.exec = lite_exec, .begin_write = "BEGIN IMMEDIATE", .begin_read = "BEGIN DEFERRED",
	.sql_tables = lite_tables, .sql_columns = lite_columns, .sql_fkeys = lite_fkeys,
	.lock_write = lite_lock_write, .in_tx = lite_in_tx, .errmsg = lite_errmsg,
	.fault = lite_fault, .last_id = lite_last_id, .changes = lite_changes,
	.change_mark = lite_change_mark,
	.wait_behind = lite_wait_behind, .writers_waiting = lite_writers_waiting,
	.say_waiting = lite_say_waiting,
	.give_way = lite_give_way, .own_checkpoints = lite_own_checkpoints,
	.checkpoint = lite_checkpoint, .backup = lite_backup, .integrity = lite_integrity,
	.schema_check = lite_schema_check, .yield_to = lite_yield_to, .bulk = lite_bulk,
	.tune = lite_tune, .max_id = lite_max_id,
	.names_match = { "member_names MATCH ", "" },
	.index_sql = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
};
