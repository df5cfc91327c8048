/* The console while another officer writes (issue 13): a save waits for
 * the running write with a visible notice instead of failing, and a
 * hangup meanwhile keeps the typed form in the officer's private folder,
 * offered back and moved into the database at the next start.  The other
 * officer's write is this test holding the write lock on its own
 * connection. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/idcard.h"
#include "console_fixture.h"
#include "store/store.h"

static char db[CF_DB_LEN], state_dir[64], xdg[96];

static int setup(void **state)
{
	(void)state;
	cf_demo(db);
	snprintf(state_dir, sizeof state_dir, "/tmp/jiance-cstate-XXXXXX");
	assert_non_null(mkdtemp(state_dir));
	snprintf(xdg, sizeof xdg, "XDG_STATE_HOME=%s", state_dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	cf_remove(db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", state_dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static struct pty *start(const char *login)
{
	char *argv[] = { getenv("JIANCE_BIN"), "--db", db, "--as", (char *)login, NULL };
	char *env[] = { "JIANCE_TODAY=" CF_TODAY, xdg, NULL };
	assert_non_null(argv[0]);
	struct pty *p = pty_start(24, 80, argv, env);
	assert_non_null(p);
	for (int waited = 0; waited < CF_WAIT_MS; waited += 50)
		if (pty_wait_row(p, 23, "F10退出", 50) || pty_wait_row(p, 23, "q退出", 1) ||
		    pty_wait_row(p, 23, "y是", 1))
			return p;
	EXPECT(p, !"the first screen appeared");
	return p;
}

static struct store *hold_write_lock(void)
{
	struct jerr e = { 0 };
	struct store *other = store_open(db, 0, &e);
	assert_non_null(other);
	assert_int_equal(store_begin(other), 0);
	assert_int_equal(store_exec(other, "INSERT INTO audit(tbl, rec, field) VALUES ('x', 1, 'y')", ""), 0);
	return other;
}

static void new_household_form(struct pty *p)
{
	cf_home(p);
	pty_send_text(p, "n");
	EXPECT(p, pty_wait_row(p, 0, "新建户", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 23, "F2保存", CF_WAIT_MS));
}

enum { F_NAME = 16 };   /* the head's name, from the first field of the form */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Saved while another write runs: "正在等待其他操作员的保存…" shows, and the
 * save goes through once the other write ends. */
static void test_save_waits_for_another_write_with_a_notice(void **state)
{
	(void)state;
	char id[20];
	snprintf(id, sizeof id, "50024319900101%03d", 931);
	id[17] = (char)idcard_check_digit(id);
	id[18] = 0;
	struct pty *p = start("v101201");
	new_household_form(p);
	for (int i = 0; i < F_NAME; i++)
		pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "等待户");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, id);
	EXPECT(p, pty_wait_text(p, id, CF_WAIT_MS));
	struct store *other = hold_write_lock();
	pty_send_ctrl(p, 's');
	EXPECT(p, pty_wait_text(p, "正在等待其他操作员的保存", CF_WAIT_MS));
	store_commit(other);
	store_close(other);
	EXPECT(p, pty_wait_text(p, "已新建户", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM households WHERE head_name = ?", "等待户"), 1);
}

/* The connection drops while another officer's write holds the lock: the
 * console ends at once, the form is kept in the private folder (0600),
 * and the next start offers it back and moves it into the database. */
static void test_hangup_while_another_writes_keeps_the_draft(void **state)
{
	(void)state;
	const char *no = "5002431012019932";
	struct pty *p = start("demo_county");
	new_household_form(p);
	pty_send_text(p, no);
	EXPECT(p, pty_wait_text(p, no, CF_WAIT_MS));
	struct store *other = hold_write_lock();
	long long t0 = now_ms();
	pty_hangup(p);
	assert_int_equal(pty_finish(p), 128 + SIGHUP);
	assert_true(now_ms() - t0 < 4000);
	char file[256];
	struct stat sb;
	snprintf(file, sizeof file, "%s/jiance/drafts/demo_county~household_form~new.draft", state_dir);
	assert_int_equal(stat(file, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	store_rollback(other);
	store_close(other);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM drafts", NULL), 0);
	p = start("demo_county");
	EXPECT(p, pty_wait_text(p, "未保存的表单", CF_WAIT_MS));
	pty_send_text(p, "y");
	EXPECT(p, pty_wait_row(p, 0, "新建户", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, no, CF_WAIT_MS));
	assert_int_equal(cf_int(db, "SELECT count(*) FROM drafts WHERE payload LIKE '%' || ? || '%'", no), 1);
	assert_int_not_equal(stat(file, &sb), 0);
	pty_hangup(p);
	pty_finish(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_waits_for_another_write_with_a_notice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hangup_while_another_writes_keeps_the_draft, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
