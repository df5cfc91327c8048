/* The visit grid records findings too (issue 16 items 5 and 6): F4 on its
 * 新增风险 and 三保障/饮水问题 cells opens the same checklist as the forms,
 * and a row that finds 住房安全 in trouble and a new risk asks, when it is
 * saved, to set the guarantee to 有问题 and add the risk -- y writes all
 * three at once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "assist/assist.h"
#include "store/store.h"
#include "work_fixture.h"

#define DAY date_from_ymd(2026, 6, 15)

static struct wdemo w;

static int setup(void **state)
{
	(void)state;
	wdemo_open(&w, DAY, NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	wdemo_close(&w);
	return 0;
}

static void test_grid_checklist_and_offer(void **state)
{
	(void)state;
	int64_t hh = wdemo_monitored(&w, "禤勾选", DAY - 60);
	struct jerr e = { 0 };
	clock_pin(DAY);
	struct contact c = { .area_id = w.village, .active = 1 };
	snprintf(c.name, sizeof c.name, "禤网格");
	snprintf(c.kind, sizeof c.kind, "驻村干部");
	assert_int_equal(contact_save(&w.v, &c, &e), 0);
	assert_int_equal(contact_bulk_assign(&w.v, &hh, 1, c.id, JDAY_NONE, &e), 0);
	assert_int_equal(store_int(w.db, 0, "SELECT g_house FROM households WHERE id = ?", "l", hh), 1);

	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	pty_send_text(p, "w");
	wdemo_expect(p, "录入谁的走访");
	pty_send_key(p, VTERM_KEY_ENTER);
	pty_send_text(p, "禤网格");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "本月待走访1户");
	pty_send_key(p, VTERM_KEY_ENTER);             /* the date as given */
	pty_send_text(p, "房屋漏雨");
	pty_send_key(p, VTERM_KEY_ENTER);
	pty_send_key(p, VTERM_KEY_ENTER);             /* 收入变化: none */
	pty_send_key(p, VTERM_KEY_FUNCTION(4));        /* 新增风险 */
	wdemo_expect(p, "[ ] 因学");
	pty_send_text(p, "yx ");
	wdemo_expect(p, "[x] 因学");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect_gone(p, "已选");
	pty_send_key(p, VTERM_KEY_ENTER);
	pty_send_key(p, VTERM_KEY_FUNCTION(4));        /* 三保障/饮水问题 */
	wdemo_expect(p, "[ ] 住房安全");
	pty_send_text(p, "zf ");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect_gone(p, "已选");
	pty_send_key(p, VTERM_KEY_ENTER);             /* the last cell: the row is saved */
	wdemo_expect(p, "住房安全改为“有问题”");
	wdemo_expect(p, "风险类型加上“因学”");
	pty_send_text(p, "y");
	wdemo_expect(p, "已保存");
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_quit(p);
	assert_int_equal(store_int(w.db, 0, "SELECT count(*) FROM visits WHERE household_id = ?"
	                           " AND new_risks = '因学' AND guarantee_problems = '住房安全'",
	                           "l", hh), 1);
	assert_int_equal(store_int(w.db, 0, "SELECT g_house FROM households WHERE id = ?", "l", hh), 0);
	assert_int_equal(store_int(w.db, 0, "SELECT count(*) FROM household_risks"
	                           " WHERE household_id = ? AND risk = '因学'", "l", hh), 1);
	assert_int_equal(store_int(w.db, 0, "SELECT count(*) FROM audit WHERE household_id = ?"
	                           " AND field = 'g_house' AND new = '0'", "l", hh), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid_checklist_and_offer),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
