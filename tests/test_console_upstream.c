/* The console's 待录入国家系统 screen (issue 15): the village's entries
 * listed with the values to key, two marked with Space and marked as
 * entered with c, and the dashboard counting what is left.  The real
 * binary on a pty; the database read back through the library. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "console_fixture.h"

static char db[CF_DB_LEN];

static int setup(void **state)
{
	(void)state;
	cf_demo(db);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	cf_remove(db);
	return 0;
}

static int64_t pending(void)
{
	return cf_int(db, "SELECT count(*) FROM upstream u JOIN areas a ON a.id = u.village_id"
	                  " WHERE u.entered_at IS NULL AND a.code = ?", "500243101201");
}

static void test_marked_entries_leave_the_queue(void **state)
{
	(void)state;
	int64_t before = pending();
	assert_true(before > 2);
	struct pty *p = cf_start(db, "v101201", 24, 80);
	cf_home(p);
	pty_send_text(p, "u");
	EXPECT(p, pty_wait_row(p, 0, "待录入国家系统", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "应录入的内容", CF_WAIT_MS));
	char count[32];
	snprintf(count, sizeof count, "/%lld", (long long)before);
	EXPECT(p, pty_wait_text(p, count, CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);             /* the first entry, whole */
	EXPECT(p, pty_wait_text(p, "国家系统户编号", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_gone(p, "国家系统户编号", CF_WAIT_MS));
	pty_send_text(p, " ");
	pty_send_text(p, " ");
	EXPECT(p, pty_wait_text(p, "已标记2条", CF_WAIT_MS));
	pty_send_text(p, "c");
	EXPECT(p, pty_wait_text(p, "这2条已在国家系统录入", CF_WAIT_MS));
	pty_send_text(p, "y");
	EXPECT(p, pty_wait_text(p, "已标记2条为已录入国家系统", CF_WAIT_MS));
	assert_int_equal(pending(), before - 2);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM upstream u JOIN officers o"
	                            " ON o.id = u.entered_by WHERE o.login = ?", "v101201"), 2);
	/* the dashboard counts what is left */
	pty_send_text(p, "q");
	EXPECT(p, pty_wait_row(p, 0, "主菜单", CF_WAIT_MS));
	pty_send_text(p, "0");
	EXPECT(p, pty_wait_text(p, "需要处理的标记", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_PAGEDOWN);          /* below the flags */
	EXPECT(p, pty_wait_text(p, "尚未录入", CF_WAIT_MS));
	/* the page may still be drawing: wait for the row to hold the count */
	char row[400] = "";
	snprintf(count, sizeof count, " %lld ", (long long)(before - 2));
	for (int waited = 0; waited < CF_WAIT_MS; waited += 50) {
		int at = pty_row_of(p, "尚未录入");
		if (at >= 0 && pty_wait_row(p, at, count, 50))
			break;
	}
	pty_row(p, pty_row_of(p, "尚未录入"), row, sizeof row);
	EXPECT(p, strstr(row, count) != NULL);
	assert_int_equal(cf_quit(p), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marked_entries_leave_the_queue),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
