/* End-to-end tests of the console's list, search and dashboard: the real
 * binary ($JIANCE_BIN) on a pty at 80x24 over a 300-household demo county,
 * read through libvterm as an officer would see it (NOTES.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
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

/* Rows of 2-, 3-, 4-character names and one with ·: the next column (the
 * village) starts at the same display column on every one of them. */
static void test_list_columns_aligned(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "v101201", 24, 80);
	cf_open_list(p);
	const char *names[] = { "李四", "张三丰", "欧阳娜娜", "阿依古丽·买买提" };
	int village_col = -1, name_col = -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		EXPECT(p, pty_wait_text(p, names[i], CF_WAIT_MS));
		int row = pty_row_of(p, names[i]);
		int nc = pty_col_of(p, row, names[i]), vc = pty_col_of(p, row, "龙阳村");
		EXPECT(p, vc > nc);
		if (village_col < 0) {
			village_col = vc;
			name_col = nc;
		}
		EXPECT(p, vc == village_col);
		EXPECT(p, nc == name_col);
	}
	/* the header's columns sit over them */
	EXPECT(p, pty_col_of(p, 2, "村/组") == village_col);
	EXPECT(p, pty_col_of(p, 2, "户主") == name_col);
	/* the village officer's list: the six households of 龙阳村 */
	EXPECT(p, pty_wait_row(p, 1, "第 1/6 行", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
}

/* 1 if text is in a row of results (not in the search box). */
static int in_results(struct pty *p, const char *text)
{
	for (int r = 2; r < 22; r++)
		if (pty_col_of(p, r, text) >= 0)
			return 1;
	return 0;
}

static void open_search(struct pty *p)
{
	pty_send_text(p, "/");
	EXPECT(p, pty_wait_row(p, 0, "搜索", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 23, "Esc返回", CF_WAIT_MS));
}

static void test_search_pinyin_initials(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "demo_county", 24, 80);
	cf_open_list(p);
	open_search(p);
	pty_send_text(p, "zsf");
	EXPECT(p, pty_wait_row(p, 1, "zsf", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "张三丰", CF_WAIT_MS));
	EXPECT(p, pty_wait_gone(p, "李四", CF_WAIT_MS));
	/* full pinyin too */
	pty_send_ctrl(p, 'u');
	pty_send_text(p, "zhangsanfeng");
	EXPECT(p, pty_wait_row(p, 1, "zhangsanfeng", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "张三丰", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
}

/* Chinese typed as UTF-8 (an input method sends the characters). */
static void test_search_chinese_input(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "demo_county", 24, 80);
	cf_open_list(p);
	open_search(p);
	pty_send_text(p, "娜娜");
	EXPECT(p, pty_wait_row(p, 1, "娜娜", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "欧阳娜娜", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 1, "第 1/1 行", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_row(p, 0, "户详情 欧阳娜娜", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "户信息与收入", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ESCAPE);      /* back to the search, text kept */
	EXPECT(p, pty_wait_row(p, 1, "娜娜", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 23, "Esc返回", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
}

/* Backspace removes a whole character: no stray byte, the cursor two
 * columns back, and the results follow. */
static void test_backspace_over_chinese(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "demo_county", 24, 80);
	cf_open_list(p);
	open_search(p);
	pty_send_text(p, "张三丰");
	EXPECT(p, pty_wait_row(p, 1, "张三丰", CF_WAIT_MS));
	int col = pty_col_of(p, 1, "张三丰");
	EXPECT(p, pty_wait_cursor(p, 1, col + 6, CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_BACKSPACE);
	/* the text first: the cursor passes that column while curses erases 丰 */
	EXPECT(p, pty_wait_row(p, 1, "张三 ", CF_WAIT_MS));
	EXPECT(p, pty_col_of(p, 1, "张三 ") == col);
	EXPECT(p, pty_wait_cursor(p, 1, col + 4, CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "张三丰", CF_WAIT_MS));   /* 张三 still finds him */
	pty_send_key(p, VTERM_KEY_BACKSPACE);
	pty_send_key(p, VTERM_KEY_BACKSPACE);
	EXPECT(p, pty_wait_row(p, 1, "第 1/300 行", CF_WAIT_MS));
	EXPECT(p, pty_col_of(p, 1, "张") < 0);
	EXPECT(p, pty_wait_cursor(p, 1, col, CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
}

static void test_resize(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "v101201", 24, 80);
	cf_open_list(p);
	EXPECT(p, pty_wait_text(p, "张三丰", CF_WAIT_MS));
	/* 80 columns: short type names; 100: the full ones, and more rows */
	EXPECT(p, pty_row_of(p, "脱贫不稳定户") < 0);
	pty_resize(p, 30, 100);
	EXPECT(p, pty_wait_row(p, 29, "q返回", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "脱贫不稳定户", CF_WAIT_MS));
	pty_resize(p, 24, 80);
	EXPECT(p, pty_wait_row(p, 23, "q返回", CF_WAIT_MS));
	EXPECT(p, pty_wait_gone(p, "脱贫不稳定户", CF_WAIT_MS));
	pty_resize(p, 20, 60);
	EXPECT(p, pty_wait_text(p, "终端窗口太小", CF_WAIT_MS));
	EXPECT(p, pty_row_of(p, "张三丰") < 0);
	pty_resize(p, 24, 80);
	EXPECT(p, pty_wait_gone(p, "终端窗口太小", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "张三丰", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 23, "q返回", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
}

/* 毛小梅 lives in 金竹村, the next village: not in the list of 龙阳村's
 * officer, not found by name, initials or household number. */
static void test_village_officer_scope(void **state)
{
	(void)state;
	assert_int_equal(cf_int(db, "SELECT count(*) FROM households WHERE head_name = ?", "毛小梅"), 1);
	struct pty *p = cf_start(db, "v101201", 24, 80);
	cf_open_list(p);
	EXPECT(p, pty_wait_row(p, 1, "第 1/6 行", CF_WAIT_MS));
	EXPECT(p, pty_row_of(p, "毛小梅") < 0);
	open_search(p);
	const char *tries[] = { "毛小梅", "mxm", "5002431012020001" };
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		pty_send_ctrl(p, 'u');
		pty_send_text(p, tries[i]);
		EXPECT(p, pty_wait_row(p, 1, tries[i], CF_WAIT_MS));
		EXPECT(p, pty_wait_text(p, "没有符合条件的户", CF_WAIT_MS));
		EXPECT(p, !in_results(p, "毛小梅"));
	}
	assert_int_equal(cf_quit(p), 0);
	/* the county officer finds her */
	p = cf_start(db, "demo_county", 24, 80);
	cf_open_list(p);
	open_search(p);
	pty_send_text(p, "mxm");
	EXPECT(p, pty_wait_text(p, "毛小梅", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
}

static void test_dashboard(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "demo_county", 24, 80);
	cf_home(p);
	pty_send_text(p, "0");
	EXPECT(p, pty_wait_text(p, "按状态（共 300 户）", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 23, "q返回", CF_WAIT_MS));     /* drawn to the end */
	int row = pty_row_of(p, "监测中");
	char text[1024];
	pty_row(p, row, text, sizeof text);
	EXPECT(p, strstr(text, "█") || strstr(text, "▏") || strstr(text, "▌"));
	/* the counts right-aligned in one column, whatever the label's width */
	int a = pty_col_of(p, pty_row_of(p, "风险已消除"), "风险已消除");
	EXPECT(p, a == pty_col_of(p, row, "监测中"));
	assert_int_equal(cf_quit(p), 0);
}

/* 1 if any row of the screen holds text. */
static int shown(struct pty *p, const char *text)
{
	return pty_row_of(p, text) >= 0;
}

/* The dashboard says when there is more than a page and where the officer
 * is; its help lists scrolling, not selecting, and only when there is
 * something to scroll; every count has its column title, no brackets; a
 * wide terminal shows two columns of sections (issue 16, items 2, 10). */
static void test_dashboard_pages(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "demo_county", 24, 80);
	cf_home(p);
	pty_send_text(p, "0");
	EXPECT(p, pty_wait_row(p, 21, "第 1-20 行，共", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 21, "PgDn 下一页", CF_WAIT_MS));
	int heads = pty_row_of(p, "监测对象类型");
	EXPECT(p, heads > 0 && pty_col_of(p, heads, "未消除") > 0 && pty_col_of(p, heads, "已消除") > 0);
	for (int r = 1; r < 21; r++) {
		char text[1024];
		pty_row(p, r, text, sizeof text);
		EXPECT(p, !strchr(text, '(') && !strchr(text, '['));
	}
	pty_send_key(p, VTERM_KEY_PAGEDOWN);
	EXPECT(p, pty_wait_row(p, 21, "第 20-39 行", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 21, "PgUp 上一页", CF_WAIT_MS));   /* the row may be mid-redraw */
	pty_send_key(p, VTERM_KEY_END);
	EXPECT(p, pty_wait_gone(p, "PgDn 下一页", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 21, "PgUp 上一页", CF_WAIT_MS));
	pty_send_text(p, "?");
	EXPECT(p, pty_wait_text(p, "向下滚动一行", CF_WAIT_MS));
	EXPECT(p, !shown(p, "选择下一行"));
	pty_send_text(p, "q");
	EXPECT(p, pty_wait_text(p, "PgUp 上一页", CF_WAIT_MS));
	/* wide: the months beside the counts, and all of it on one page */
	pty_resize(p, 60, 160);
	EXPECT(p, pty_wait_row(p, 59, "F10退出", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "识别纳入（按月", CF_WAIT_MS));
	int top = pty_row_of(p, "按状态");
	EXPECT(p, top >= 0 && pty_col_of(p, top, "识别纳入（按月") >= 80);
	EXPECT(p, !shown(p, "下一页") && !shown(p, "上一页"));
	pty_send_text(p, "?");
	EXPECT(p, pty_wait_text(p, "重新读取数据", CF_WAIT_MS));
	EXPECT(p, !shown(p, "向下滚动一行") && !shown(p, "向下翻一页"));
	assert_int_equal(cf_quit(p), 0);
}

/* 1 if the row holding name also holds text. */
static int row_has(struct pty *p, const char *name, const char *text)
{
	int row = pty_row_of(p, name);
	return row >= 0 && pty_col_of(p, row, text) >= 0;
}

/* A bulk assignment made from the list shows on it at once, without F5:
 * the officer's own commit moves the change mark the list watches
 * (issue 16, item 7).  Before, the old contact stayed until F5. */
static void test_own_assignment_shows_at_once(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "v101201", 24, 80);
	cf_open_list(p);
	EXPECT(p, pty_wait_text(p, "阿依古丽·买买提", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "李四", CF_WAIT_MS));
	EXPECT(p, !row_has(p, "阿依古丽·买买提", "邹海燕") && !row_has(p, "李四", "邹海燕"));
	pty_send_text(p, "  ");                 /* the first two rows, by pinyin */
	EXPECT(p, pty_wait_text(p, "已标记 2 户", CF_WAIT_MS));
	pty_send_text(p, "a");
	EXPECT(p, pty_wait_text(p, "为2户选择帮扶联系人", CF_WAIT_MS));
	pty_send_text(p, "邹海燕");
	EXPECT(p, pty_wait_text(p, "邹海燕（", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_text(p, "为2户安排帮扶联系人", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "邹海燕（保家镇）（自今天起", CF_WAIT_MS));
	pty_send_text(p, "y");
	EXPECT(p, pty_wait_text(p, "已为2户安排帮扶联系人", CF_WAIT_MS));
	/* the rows stay where they were: the order (by pinyin) did not change */
	EXPECT(p, pty_wait_row(p, pty_row_of(p, "阿依古丽·买买提"), "邹海燕", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, pty_row_of(p, "李四"), "邹海燕", CF_WAIT_MS));
	assert_int_equal(cf_int(db, "SELECT count(*) FROM households h JOIN contacts c"
	                        " ON c.id = h.contact_id WHERE c.name = ?", "邹海燕") >= 2, 1);
	assert_int_equal(cf_quit(p), 0);
}

/* The same from a household's detail: its contact tab shows the person
 * just assigned there (before, it showed the old one until F5). */
static void test_own_assignment_shows_in_detail(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "v101201", 24, 80);
	cf_open_list(p);
	EXPECT(p, pty_wait_text(p, "单雄信", CF_WAIT_MS));
	int downs = pty_row_of(p, "单雄信") - 3;
	for (int i = 0; i < downs; i++)
		pty_send_key(p, VTERM_KEY_DOWN);
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_row(p, 0, "户详情 单雄信", CF_WAIT_MS));
	pty_send_text(p, "4");                       /* the contact tab */
	EXPECT(p, pty_wait_text(p, "帮扶联系人", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "未安排过帮扶", CF_WAIT_MS));
	pty_send_text(p, "a");
	EXPECT(p, pty_wait_text(p, "为1户选择帮扶联系人", CF_WAIT_MS));
	pty_send_text(p, "邹海燕");
	EXPECT(p, pty_wait_text(p, "邹海燕（", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_text(p, "为1户安排帮扶联系人", CF_WAIT_MS));
	pty_send_text(p, "y");
	EXPECT(p, pty_wait_text(p, "已为1户安排帮扶联系人", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 4, "邹海燕", CF_WAIT_MS));
	EXPECT(p, pty_wait_gone(p, "未安排过帮扶", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
}

/* q and Esc on the main menu ask before quitting, as F10 does; n keeps
 * the officer there (issue 16, item 4: three accidental quits a month). */
static void test_quit_from_menu_asks(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "demo_county", 24, 80);
	cf_home(p);
	EXPECT(p, pty_wait_row(p, 23, "q退出", CF_WAIT_MS));
	pty_send_text(p, "q");
	EXPECT(p, pty_wait_text(p, "退出监测系统？", CF_WAIT_MS));
	pty_send_text(p, "n");
	EXPECT(p, pty_wait_gone(p, "退出监测系统？", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 0, "主菜单", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_text(p, "退出监测系统？", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ESCAPE);          /* Esc in the box: stay */
	EXPECT(p, pty_wait_gone(p, "退出监测系统？", CF_WAIT_MS));
	pty_send_text(p, "?");                      /* the help says so */
	EXPECT(p, pty_wait_text(p, "在主菜单时退出（会先确认）", CF_WAIT_MS));
	pty_send_text(p, "q");
	EXPECT(p, pty_wait_row(p, 0, "主菜单", CF_WAIT_MS));
	pty_send_text(p, "q");
	EXPECT(p, pty_wait_text(p, "退出监测系统？", CF_WAIT_MS));
	pty_send_text(p, "y");
	assert_int_equal(pty_finish(p), 0);
}

/* A wider terminal shows more columns: at 80 the list has none of the
 * last visit, the phone, the size and the township; at 160 all of them,
 * and the to-do list the household numbers (issue 16, item 2). */
static void test_wide_lists_show_more(void **state)
{
	(void)state;
	static const char *const more[] = { "最近走访", "电话", "人口", "乡镇" };
	struct pty *p = cf_start(db, "demo_county", 24, 80);
	cf_open_list(p);
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		EXPECT(p, pty_col_of(p, 2, more[i]) < 0);
	pty_resize(p, 30, 160);
	EXPECT(p, pty_wait_row(p, 29, "F10退出", CF_WAIT_MS));
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		EXPECT(p, pty_wait_row(p, 2, more[i], CF_WAIT_MS));
	int row = pty_row_of(p, "阿依古丽·买买提");
	EXPECT(p, row > 2 && pty_col_of(p, row, "13775253781") > 0);     /* her phone */
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_row(p, 0, "主菜单", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 29, "q退出", CF_WAIT_MS));
	pty_send_text(p, "1");
	EXPECT(p, pty_wait_row(p, 0, "待办事项", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "第5步 县级审定", CF_WAIT_MS));
	row = pty_row_of(p, "第5步 县级审定");
	EXPECT(p, row > 0 && pty_col_of(p, row, "500243") > 0);
	pty_resize(p, 24, 80);
	EXPECT(p, pty_wait_row(p, 23, "F10退出", CF_WAIT_MS));
	EXPECT(p, pty_wait_gone(p, "500243", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_columns_aligned),
		cmocka_unit_test(test_search_pinyin_initials),
		cmocka_unit_test(test_search_chinese_input),
		cmocka_unit_test(test_backspace_over_chinese),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_village_officer_scope),
		cmocka_unit_test(test_dashboard),
		cmocka_unit_test(test_dashboard_pages),
		cmocka_unit_test(test_wide_lists_show_more),
		cmocka_unit_test(test_quit_from_menu_asks),
		cmocka_unit_test(test_own_assignment_shows_at_once),
		cmocka_unit_test(test_own_assignment_shows_in_detail),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
