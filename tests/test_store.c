/* The store: migrations, refusal of newer schemas, the append-only audit
 * table, nested transactions; what it tells the log (errors with their
 * call site, transactions left open, bind formats that do not fit). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "access/session.h"
#include "store/errlog.h"
#include "store/schema.h"
#include "store/store.h"
#include "testdb.h"

/* a file, or under make check-pg a database of the cluster: the store's
 * promises are the same on both engines */
static char path[256];
static char logdir[64], logpath[96];

static int setup(void **state)
{
	(void)state;
	testdb_fresh(path, sizeof path, "/tmp/jiance-store");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_drop(path);
	return 0;
}

/* A fresh database and an empty log directory; the log is not open. */
static int setup_log(void **state)
{
	setup(state);
	snprintf(logdir, sizeof logdir, "/tmp/jiance-log-XXXXXX");
	assert_non_null(mkdtemp(logdir));
	snprintf(logpath, sizeof logpath, "%s/jiance.log", logdir);
	return 0;
}

static int teardown_log(void **state)
{
	errlog_close();
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", logdir);
	assert_int_equal(system(cmd), 0);
	return teardown(state);
}

/* The whole of a small file, "" if there is none. */
static char *slurp(const char *file)
{
	static char buf[8192];
	buf[0] = 0;
	FILE *f = fopen(file, "r");
	if (f) {
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = 0;
		fclose(f);
	}
	return buf;
}

/* stderr into a file until stderr_back(), to see what went there. */
static int stderr_to(const char *file)
{
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, STDERR_FILENO);
	close(fd);
	return saved;
}

static void stderr_back(int saved)
{
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
}

static struct store *open_logged(void)
{
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	assert_non_null(db);
	assert_int_equal(errlog_open(logpath, "tester", &e), 0);
	return db;
}

static void test_new_database_has_current_version_and_wal(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	assert_non_null(db);
	assert_int_equal(store_version(db), schema_version);
	if (!testdb_pg()) {
		char mode[16];
		store_text(db, mode, sizeof mode, "PRAGMA journal_mode", "");
		assert_string_equal(mode, "wal");
		assert_int_equal(store_int(db, 0, "PRAGMA foreign_keys", ""), 1);
	}
	/* foreign keys are kept on either engine */
	assert_int_equal(store_exec(db, "INSERT INTO areas(code, name, level, parent_id)"
	                            " VALUES ('500243100000', '保家镇', 2, 9999)", ""), -1);
	assert_true(store_constraint_failed(db));
	store_close(db);
}

static void test_missing_database_not_created_without_create(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	if (testdb_pg()) {
		/* a server's databases are made by its administrator, never by jiance */
		char gone[300];
		snprintf(gone, sizeof gone, "%s", path);
		testdb_drop(gone);
		assert_null(store_open(gone, 1, &e));
		assert_non_null(strstr(e.msg, "无法连接数据库"));
		testdb_fresh(path, sizeof path, "");
		return;
	}
	assert_null(store_open(path, 0, &e));
	assert_non_null(strstr(e.msg, "不存在"));
	assert_int_not_equal(access(path, F_OK), 0);
}

static void test_older_database_is_migrated_keeping_data(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open_upto(path, 1, 1, &e);
	assert_non_null(db);
	assert_int_equal(store_version(db), 1);
	assert_int_equal(store_exec(db, "INSERT INTO areas(code, name, level) VALUES ('500243000000', '彭水', 1)", ""), 0);
	/* schema 2's tables are not there yet */
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM flow_runs", ""), -1);
	store_close(db);
	db = store_open(path, 0, &e);
	assert_non_null(db);
	assert_int_equal(store_version(db), schema_version);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM flow_runs", ""), 0);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM areas WHERE name = '彭水'", ""), 1);
	store_close(db);
}

static void test_newer_database_is_refused(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	assert_non_null(db);
	/* PRAGMA takes no parameters; 99 is far above any version we will ship */
	assert_true(schema_version < 99);
	assert_int_equal(testdb_pg() ? store_exec(db, "UPDATE jiance_schema SET version = 99", "")
	                             : store_exec(db, "PRAGMA user_version=99", ""), 0);
	store_close(db);
	db = store_open(path, 0, &e);
	assert_null(db);
	assert_non_null(strstr(e.msg, "比本程序支持的版本"));
}

static void test_audit_table_refuses_update_and_delete(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	assert_int_equal(store_exec(db, "INSERT INTO audit(tbl, rec, field, old, new) VALUES ('x', 1, 'f', 'a', 'b')", ""), 0);
	assert_int_equal(store_exec(db, "UPDATE audit SET new = 'c'", ""), -1);
	assert_non_null(strstr(store_errmsg(db), "只能追加"));
	assert_int_equal(store_exec(db, "DELETE FROM audit", ""), -1);
	assert_int_equal(store_int(db, 0, "SELECT count(*) FROM audit WHERE new = 'b'", ""), 1);
	store_close(db);
}

static void test_inner_rollback_dooms_outer_transaction(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	assert_int_equal(store_begin(db), 0);
	store_exec(db, "INSERT INTO areas(code, name, level) VALUES ('500243000000', '彭水', 1)", "");
	assert_int_equal(store_begin(db), 0);
	store_rollback(db);
	assert_int_equal(store_commit(db), -1);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM areas", ""), 0);
	store_close(db);
}

static void test_bound_text_is_never_sql(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	const char *evil = "x'); DROP TABLE areas; --";
	assert_int_equal(store_exec(db, "INSERT INTO areas(code, name, level) VALUES ('500243000000', ?, 1)", "t", evil), 0);
	char back[64];
	assert_int_equal(store_text(db, back, sizeof back, "SELECT name FROM areas", ""), 1);
	assert_string_equal(back, evil);
	store_close(db);
}

/* JIANCE_SCHEMA_UPTO=999 once read past the array of migrations (ASan:
 * global-buffer-overflow); now a version outside 0..schema_version is
 * refused before any is read (the sanitizer build runs this too). */
static void test_migration_target_outside_the_schema_is_refused(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	assert_null(store_open_upto(path, 1, 999, &e));
	assert_non_null(strstr(e.msg, "999"));
	assert_null(store_open_upto(path, 1, -1, &e));
	struct store *db = store_open_upto(path, 1, 0, &e);
	assert_non_null(db);
	assert_int_equal(store_version(db), 0);
	assert_int_equal(store_migrate(db, schema_version + 1, &e), -1);
	assert_int_equal(store_version(db), 0);
	assert_int_equal(store_migrate(db, schema_version, &e), 0);
	assert_int_equal(store_version(db), schema_version);
	store_close(db);
}

/* An SQL error goes to the log file with the line that ran the statement,
 * and nothing to stderr (the console's screen). */
static void test_sql_error_is_logged_with_its_call_site_not_on_stderr(void **state)
{
	(void)state;
	struct store *db = open_logged();
	char errfile[128], site[64];
	snprintf(errfile, sizeof errfile, "%s/stderr", logdir);
	int saved = stderr_to(errfile);
	int line = __LINE__ + 1;
	int rc = store_exec(db, "SELECT x FROM no_such_table", "");
	snprintf(site, sizeof site, "tests/test_store.c:%d: ", line);
	int bad_step = __LINE__ + 1;
	struct stmt *st = store_prep(db, "INSERT INTO areas(code, name, level) VALUES (?, ?, ?)",
	                             "tti", "500243000000", "彭水", 1);
	assert_non_null(st);
	assert_int_equal(stmt_step(st), 0);
	stmt_done(st);
	st = store_prep(db, "SELECT abs(-9223372036854775807 - ?)", "i", 1);   /* integer overflow */
	assert_int_equal(stmt_step(st), -1);
	stmt_done(st);
	stderr_back(saved);
	assert_int_equal(rc, -1);
	const char *log = slurp(logpath);
	assert_non_null(strstr(log, site));
	/* each engine's own words for what went wrong */
	assert_non_null(strstr(log, testdb_pg() ? "relation \"no_such_table\" does not exist"
	                                        : "no such table: no_such_table"));
	assert_non_null(strstr(log, " tester["));
	assert_non_null(strstr(log, testdb_pg() ? "bigint out of range" : "integer overflow"));
	snprintf(site, sizeof site, "tests/test_store.c:%d: ", bad_step);
	assert_null(strstr(log, site));           /* a statement that worked is not logged */
	assert_string_equal(slurp(errfile), "");
	struct stat sb;
	assert_int_equal(stat(logpath, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	store_close(db);
}

/* The log is never opened through a link planted at its path, nor is a
 * file of another account appended to. */
static void test_log_refuses_a_symlink_and_another_owners_file(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	char target[128];
	snprintf(target, sizeof target, "%s/target", logdir);
	FILE *f = fopen(target, "w");
	fclose(f);
	assert_int_equal(symlink(target, logpath), 0);
	assert_int_equal(errlog_open(logpath, "tester", &e), -1);
	assert_non_null(strstr(e.msg, "符号链接"));
	errlog_quiet(1);
	errlog_write(__FILE__, __LINE__, "不应写入");   /* the log stayed closed */
	errlog_quiet(0);
	assert_string_equal(slurp(target), "");
	if (geteuid() != 0) {
		print_message("skipped: another owner's file needs root to make\n");
		return;
	}
	unlink(logpath);
	f = fopen(logpath, "w");
	fclose(f);
	assert_int_equal(chown(logpath, 65534, 65534), 0);
	assert_int_equal(errlog_open(logpath, "tester", &e), -1);
	assert_non_null(strstr(e.msg, "不是本账号的普通文件"));
}

/* A bind format with one value too few or too many is refused at its call
 * site and logged; a debug build (make test) stops right there.  Runs in
 * a child, which the debug build aborts. */
static void bind_misfit(const char *sql, const char *fmt, const char *why)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *db = open_logged();
		int rc = store_exec(db, sql, fmt, 1, 2);
		_exit(rc == -1 ? 3 : 4);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
#ifdef JIANCE_DEBUG
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
#else
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 3);
#endif
	const char *log = slurp(logpath);
	assert_non_null(strstr(log, "tests/test_store.c:"));
	assert_non_null(strstr(log, why));
	unlink(logpath);
}

static void test_bind_format_that_does_not_fit_is_caught(void **state)
{
	(void)state;
	bind_misfit("SELECT ?1 + ?2", "i", "绑定格式 \"i\" 有 1 个值，语句有 2 个参数");
	bind_misfit("SELECT ?", "ii", "绑定格式 \"ii\" 有 2 个值，语句有 1 个参数");
	bind_misfit("SELECT ?1, ?901", "ii", "绑定格式 \"ii\" 有 2 个值，语句有 1 个参数");
	/* ?901 and above are bound by index afterwards (the flag dates) */
	struct store *db = open_logged();
	struct stmt *st = store_prep(db, "SELECT ?1 + ?901", "i", 1);
	assert_non_null(st);
	assert_int_equal(stmt_bind_int(st, 901, 2), 0);
	assert_int_equal(stmt_step(st), 1);
	assert_int_equal(stmt_int(st, 0), 3);
	stmt_done(st);
	store_close(db);
	assert_string_equal(slurp(logpath), "");
}

/* The outermost begin's file and line are kept while it is open. */
static void test_transaction_knows_where_it_began(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	char want[64];
	assert_false(store_tx_open(db));
	assert_string_equal(store_tx_where(db), "");
	snprintf(want, sizeof want, "tests/test_store.c:%d", __LINE__ + 1);
	assert_int_equal(store_begin(db), 0);
	assert_int_equal(store_begin(db), 0);      /* nested: the outer one is where */
	assert_true(store_tx_open(db));
	assert_string_equal(store_tx_where(db), want);
	assert_int_equal(store_commit(db), 0);
	assert_string_equal(store_tx_where(db), want);
	assert_int_equal(store_commit(db), 0);
	assert_false(store_tx_open(db));
	assert_string_equal(store_tx_where(db), "");
	snprintf(want, sizeof want, "tests/test_store.c:%d", __LINE__ + 1);
	assert_int_equal(store_read_begin(db), 0);
	assert_string_equal(store_tx_where(db), want);
	store_read_end(db);
	assert_false(store_tx_open(db));
	store_close(db);
}

/* What the console asks after every key: a transaction left open is
 * reported with where it began, logged, and its writes undone. */
static void test_transaction_left_open_is_reported_with_its_origin(void **state)
{
	(void)state;
	struct store *db = open_logged();
	struct session s = { .db = db };
	char where[160], want[64];
	assert_int_equal(session_tx_left_open(&s, where, sizeof where), 0);
	snprintf(want, sizeof want, "tests/test_store.c:%d", __LINE__ + 1);
	assert_int_equal(store_begin(db), 0);
	store_exec(db, "INSERT INTO areas(code, name, level) VALUES ('500243000000', '彭水', 1)", "");
	assert_int_equal(session_tx_left_open(&s, where, sizeof where), 1);
	assert_string_equal(where, want);
	assert_false(store_tx_open(db));
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM areas", ""), 0);
	assert_non_null(strstr(slurp(logpath), want));
	/* the store works on afterwards */
	assert_int_equal(store_begin(db), 0);
	assert_int_equal(store_commit(db), 0);
	assert_int_equal(session_tx_left_open(&s, where, sizeof where), 0);
	store_close(db);
}

/* The change mark moves for every committed write, this connection's own
 * (which PRAGMA data_version ignores) and another's, and not for reads or
 * a rolled-back write: screens reload on it (issue 16: own changes show). */
static void test_change_mark_moves_on_every_commit(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	struct store *other = store_open(path, 0, &e);
	assert_non_null(other);
	int64_t m = store_change_mark(db);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM areas", ""), 0);
	assert_true(store_change_mark(db) == m);
	assert_int_equal(store_exec(db, "INSERT INTO areas(code, name, level) VALUES ('500243000000', '彭水', 1)", ""), 0);
	assert_true(store_change_mark(db) != m);              /* autocommit, own */
	m = store_change_mark(db);
	assert_int_equal(store_begin(db), 0);
	store_exec(db, "UPDATE areas SET name = '彭水县'", "");
	store_rollback(db);
	assert_true(store_change_mark(db) == m);              /* nothing committed */
	assert_int_equal(store_begin(db), 0);
	store_exec(db, "UPDATE areas SET name = '彭水县'", "");
	assert_int_equal(store_commit(db), 0);
	assert_true(store_change_mark(db) != m);              /* a transaction, own */
	m = store_change_mark(db);
	assert_int_equal(store_exec(other, "UPDATE areas SET name = '彭水'", ""), 0);
	assert_true(store_change_mark(db) != m);              /* another connection */
	store_close(other);
	store_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_database_has_current_version_and_wal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_database_not_created_without_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_older_database_is_migrated_keeping_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_database_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_table_refuses_update_and_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inner_rollback_dooms_outer_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bound_text_is_never_sql, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_mark_moves_on_every_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_target_outside_the_schema_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sql_error_is_logged_with_its_call_site_not_on_stderr, setup_log, teardown_log),
		cmocka_unit_test_setup_teardown(test_log_refuses_a_symlink_and_another_owners_file, setup_log, teardown_log),
		cmocka_unit_test_setup_teardown(test_bind_format_that_does_not_fit_is_caught, setup_log, teardown_log),
		cmocka_unit_test_setup_teardown(test_transaction_knows_where_it_began, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transaction_left_open_is_reported_with_its_origin, setup_log, teardown_log),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
