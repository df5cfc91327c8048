/* 数据疑点 on the console (issue 15): the to-do queue lists each finding
 * with its rule's code, Enter opens the household where it is fixed (here
 * the household form at 义务教育), and the household's detail names it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "flow/quality.h"
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

/* 义务教育 typed 有问题 with no child out of school: JC-06, the last rule,
 * so the household is the queue's last row once the village's other JC-06
 * findings are put right (typed as the members say). */
static void test_finding_opens_the_field_to_fix(void **state)
{
	(void)state;
	const struct quality_rule *jc06 = quality_find("JC-06");
	struct quality_hit hits[64];
	assert_ptr_equal(jc06, quality_rule_at(quality_count() - 1));
	clock_pin(DAY);
	int n = quality_list(&w.v, jc06, 0, hits, 64);
	for (int i = 0; i < n; i++)
		store_exec(w.db, "UPDATE households SET g_edu = 1 - g_edu WHERE id = ?", "l",
		           hits[i].household_id);
	int64_t hh = wdemo_monitored(&w, "祖疑点", DAY - 60);
	store_exec(w.db, "UPDATE households SET g_edu = 0 WHERE id = ?", "l", hh);
	clock_pin(DAY);
	assert_int_equal(quality_list(&w.v, jc06, 0, hits, 64), 1);

	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	wdemo_expect(p, "数据疑点");
	pty_send_key(p, VTERM_KEY_END);
	wdemo_expect(p, "JC-06");
	/* the row is drawn left to right: wait for its sentence, not its code */
	wdemo_expect(p, "义务教育保障与成员在校情况不符");
	int row = pty_row_of(p, "JC-06");
	if (pty_col_of(p, row, "祖疑点") < 0)
		pty_dump(p);
	assert_true(pty_col_of(p, row, "祖疑点") >= 0);
	/* the sentence whole at 80 columns: its bracketed explanation gives
	 * way (it was cut with '>' at a pause) */
	char line[256];
	pty_row(p, row, line, sizeof line);
	if (!strstr(line, "义务教育保障与成员在校情况不符") || strchr(line, '>')) {
		pty_dump(p);
		fail_msg("row %d: %s", row, line);
	}
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "修改户");
	wdemo_expect(p, "义务教育");
	int crow = -1, ccol, on = 0;
	for (int waited = 0; !on && waited < WORK_WAIT_MS; waited += 50) {
		pty_wait_text(p, "\x01", 50);      /* lets the screen catch up */
		pty_cursor(p, &crow, &ccol);
		on = pty_col_of(p, crow, "义务教育") >= 0;
	}
	if (!on)
		pty_dump(p);
	assert_true(on);
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "数据疑点");
	wdemo_quit(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finding_opens_the_field_to_fix),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
