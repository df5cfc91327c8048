/* Reads never wait for writes, saves wait for a running write and say so,
 * and typed work survives a database that cannot take it (issue 13).
 * Another officer's write is a second connection to the same file, held
 * open by a thread or by the test itself. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "access/draft.h"
#include "fixture.h"
#include "testdb.h"
#include "store/errlog.h"
#include "store/schema.h"
#include "store/store.h"

static struct fixture F;
static char state_dir[64];

static long long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int setup(void **state)
{
	(void)state;
	fixture_open(&F, 1);
	snprintf(state_dir, sizeof state_dir, "/tmp/jiance-state-XXXXXX");
	assert_non_null(mkdtemp(state_dir));
	setenv("XDG_STATE_HOME", state_dir, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	fixture_close(&F);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", state_dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* Another officer's connection in the middle of a write. */
static struct store *writer_holding_lock(void)
{
	struct jerr e = { 0 };
	struct store *other = store_open(F.path, 0, &e);
	assert_non_null(other);
	assert_int_equal(store_begin(other), 0);
	assert_int_equal(store_exec(other, "INSERT INTO audit(tbl, rec, field) VALUES ('x', 1, 'y')", ""), 0);
	return other;
}

/* A start with nothing to migrate used to BEGIN IMMEDIATE and wait 5 s
 * for the lock, then fail ("无法开始迁移: database is locked"). */
static void test_open_and_read_do_not_wait_for_a_write(void **state)
{
	(void)state;
	struct store *other = writer_holding_lock();
	struct jerr e = { 0 };
	long long t0 = ms_now();
	struct store *db = store_open(F.path, 0, &e);
	assert_non_null(db);
	assert_int_equal(store_version(db), schema_version);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM officers", ""), 8);
	assert_true(ms_now() - t0 < 1000);
	store_close(db);
	store_rollback(other);
	store_close(other);
}

/* An older database is still migrated, under the lock, by the first
 * program that opens it. */
static void test_older_database_is_still_migrated(void **state)
{
	(void)state;
	char p[300];
	struct jerr e = { 0 };
	if (testdb_pg())
		testdb_fresh(p, sizeof p, "");
	else
		snprintf(p, sizeof p, "%s.old", F.path);
	struct store *db = store_open_upto(p, 1, 1, &e);
	assert_non_null(db);
	store_close(db);
	db = store_open(p, 0, &e);
	assert_non_null(db);
	assert_int_equal(store_version(db), schema_version);
	store_close(db);
	testdb_drop(p);
	if (testdb_pg())
		return;
	snprintf(p, sizeof p, "%s.old-wal", F.path);
	unlink(p);
	snprintf(p, sizeof p, "%s.old-shm", F.path);
	unlink(p);
}

struct held {
	struct store *db;
	int ms;
};

static void *release_later(void *arg)
{
	struct held *h = arg;
	struct timespec ts = { h->ms / 1000, (h->ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
	store_commit(h->db);
	return NULL;
}

struct told {
	int calls, longest, stop_at;
};

static int on_wait(void *arg, int waited)
{
	struct told *t = arg;
	t->calls++;
	if (waited > t->longest)
		t->longest = waited;
	return !(t->stop_at && waited >= t->stop_at);
}

/* A save begun while another write runs waits for it (saying so) and
 * then goes through, instead of failing. */
static void test_save_waits_for_a_running_write_and_says_so(void **state)
{
	(void)state;
	struct held h = { writer_holding_lock(), 1200 };
	struct told t = { 0 };
	store_on_wait(F.v1a.db, on_wait, &t, 0);
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, release_later, &h), 0);
	long long t0 = ms_now();
	assert_int_equal(store_begin(F.v1a.db), 0);
	long long waited = ms_now() - t0;
	assert_int_equal(store_exec(F.v1a.db, "INSERT INTO audit(tbl, rec, field) VALUES ('x', 2, 'y')", ""), 0);
	assert_int_equal(store_commit(F.v1a.db), 0);
	pthread_join(th, NULL);
	store_on_wait(F.v1a.db, NULL, NULL, 0);
	store_close(h.db);
	assert_true(waited >= 1000);
	assert_true(t.calls > 0);
	assert_true(t.longest >= 250);
	assert_int_equal(store_int(F.v1a.db, 0, "SELECT count(*) FROM audit WHERE tbl = 'x'", ""), 2);
}

/* Whoever waits may stop waiting (the terminal is gone): the statement
 * fails as busy at once, not after the limit. */
static void test_wait_stops_when_told(void **state)
{
	(void)state;
	struct store *other = writer_holding_lock();
	struct told t = { .stop_at = 300 };
	store_on_wait(F.v1a.db, on_wait, &t, 0);
	long long t0 = ms_now();
	assert_int_equal(store_begin(F.v1a.db), -1);
	assert_true(ms_now() - t0 < 1000);
	assert_true(store_busy(F.v1a.db));
	store_on_wait(F.v1a.db, NULL, NULL, 0);
	store_rollback(other);
	store_close(other);
}

/* A write held past a second is logged with where it began. */
static void test_long_write_is_logged(void **state)
{
	(void)state;
	char dir[64], log[96], buf[2048] = "";
	struct jerr e = { 0 };
	snprintf(dir, sizeof dir, "/tmp/jiance-txlog-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(log, sizeof log, "%s/log", dir);
	assert_int_equal(errlog_open(log, "tester", &e), 0);
	int line = __LINE__ + 1;
	assert_int_equal(store_begin(F.v1a.db), 0);
	struct timespec ts = { 1, 100000000L };
	nanosleep(&ts, NULL);
	assert_int_equal(store_commit(F.v1a.db), 0);
	assert_int_equal(store_begin(F.v1a.db), 0);   /* a short one is not */
	assert_int_equal(store_commit(F.v1a.db), 0);
	errlog_close();
	FILE *f = fopen(log, "r");
	assert_non_null(f);
	buf[fread(buf, 1, sizeof buf - 1, f)] = 0;
	fclose(f);
	char want[64];
	snprintf(want, sizeof want, "（始于 tests/test_waits.c:%d）", line);
	assert_non_null(strstr(buf, "写事务持有 1."));
	assert_non_null(strstr(buf, want));
	assert_null(strchr(strchr(buf, '\n') + 1, '\n'));   /* one line only */
	unlink(log);
	rmdir(dir);
}

/* A 0-byte file named as the database is said to be one, and stays one. */
static void test_empty_file_is_not_given_a_schema(void **state)
{
	(void)state;
	char p[300];
	struct jerr e = { 0 };
	struct stat sb;
	if (testdb_pg())
		skip();   /* a file's promise: on a server jiance never makes the database */
	snprintf(p, sizeof p, "%s.empty", F.path);
	close(open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600));
	assert_null(store_open(p, 0, &e));
	assert_non_null(strstr(e.msg, "空文件"));
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	/* nor is a text file or another program's SQLite file taken for ours */
	FILE *f = fopen(p, "w");
	fputs("这不是数据库，这是一份很长的说明文字。这不是数据库，这是一份很长的说明文字。"
	      "这不是数据库，这是一份很长的说明文字。这不是数据库，这是一份很长的说明文字。\n", f);
	fclose(f);
	assert_null(store_open(p, 0, &e));
	assert_non_null(strstr(e.msg, "不是 jiance 数据库"));
	unlink(p);
}

static void draft_files(char *out, size_t n)
{
	char cmd[160];
	snprintf(cmd, sizeof cmd, "ls %s/jiance/drafts 2>/dev/null", state_dir);
	FILE *p = popen(cmd, "r");
	size_t got = fread(out, 1, n - 1, p);
	out[got] = 0;
	pclose(p);
}

/* A draft the database cannot take while another officer writes goes to
 * the officer's private folder (0700, file 0600), is offered back, and
 * moves into the database once it can take it. */
static void test_draft_kept_aside_while_database_is_locked(void **state)
{
	(void)state;
	struct store *other = writer_holding_lock();
	struct told t = { .stop_at = 1 };     /* the terminal is gone: do not wait */
	store_on_wait(F.v1a.db, on_wait, &t, 0);
	struct jerr e = { 0 };
	assert_int_equal(draft_save(&F.v1a, "visit_form", "hh/12", "走访 张三", "findings=情况正常\n", &e), 0);
	store_on_wait(F.v1a.db, NULL, NULL, 0);
	char names[512], p[256];
	draft_files(names, sizeof names);
	assert_non_null(strstr(names, "v1a~visit_form~hh%2F12.draft"));
	struct stat sb;
	snprintf(p, sizeof p, "%s/jiance/drafts", state_dir);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	snprintf(p, sizeof p, "%s/jiance/drafts/v1a~visit_form~hh%%2F12.draft", state_dir);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* still locked: offered from the folder */
	struct draft d[4];
	char payload[DRAFT_MAX];
	assert_int_equal(draft_list(&F.v1a, d, 4), 1);
	assert_string_equal(d[0].title, "走访 张三");
	assert_int_equal(draft_load(&F.v1a, "visit_form", "hh/12", payload, sizeof payload), 1);
	assert_string_equal(payload, "findings=情况正常\n");
	/* another officer sees none of it */
	assert_int_equal(draft_list(&F.v1b, d, 4), 0);
	store_rollback(other);
	store_close(other);
	/* the next start: into the database, out of the folder */
	assert_int_equal(draft_list(&F.v1a, d, 4), 1);
	assert_true(d[0].id > 0);
	draft_files(names, sizeof names);
	assert_string_equal(names, "");
	assert_int_equal(store_int(F.db, 0, "SELECT count(*) FROM drafts WHERE payload = ?", "t",
	                           "findings=情况正常\n"), 1);
	assert_int_equal(draft_discard(&F.v1a, "visit_form", "hh/12"), 0);
	assert_int_equal(draft_list(&F.v1a, d, 4), 0);
}

/* A read-only database file: the draft is kept aside too. */
static void test_draft_kept_aside_when_database_is_read_only(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	/* each engine's read-only database */
	assert_int_equal(testdb_pg() ? store_exec(F.db, "SET default_transaction_read_only = on", "")
	                             : store_exec(F.db, "PRAGMA query_only = 1", ""), 0);
	assert_int_equal(draft_save(&F.v2, "lead_form", "new", "登记风险线索", "name=李四\n", &e), 0);
	assert_int_equal(testdb_pg() ? store_exec(F.db, "SET default_transaction_read_only = off", "")
	                             : store_exec(F.db, "PRAGMA query_only = 0", ""), 0);
	char names[512];
	draft_files(names, sizeof names);
	assert_non_null(strstr(names, "v2~lead_form~new.draft"));
	/* discarded while still aside: gone from the folder too */
	assert_int_equal(draft_discard(&F.v2, "lead_form", "new"), 0);
	draft_files(names, sizeof names);
	assert_string_equal(names, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_and_read_do_not_wait_for_a_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_older_database_is_still_migrated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_waits_for_a_running_write_and_says_so, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wait_stops_when_told, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_write_is_logged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_file_is_not_given_a_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_kept_aside_while_database_is_locked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_kept_aside_when_database_is_read_only, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
