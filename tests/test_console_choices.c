/* End-to-end tests of choosing and of one Enter doing the work (issue 16
 * items 5 and 6): F4's checklist picking two risk types on the household
 * form, zn taken as 之女, a new household landing on its members with the
 * member form open, a visit that finds 住房安全 setting that guarantee to
 * 有问题 in the same save, and Enter on the detail opening the selected
 * member.  The real binary on a pty; the database read back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/idcard.h"
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

static void tabs(struct pty *p, int n)
{
	for (int i = 0; i < n; i++)
		pty_send_key(p, VTERM_KEY_TAB);
}

/* A valid ID for a person born on birth (YYYYMMDD) with sequence seq. */
static void valid_id(const char *birth, int seq, char out[20])
{
	snprintf(out, 20, "500243%s%03d", birth, seq);
	out[17] = (char)idcard_check_digit(out);
	out[18] = 0;
}

enum { F_RISKS = 9, F_NAME = 16 };   /* fields of the new-household form */

/* The household form: 风险类型 by F4's checklist (two marked, one by its
 * initials typed in the box), saved; the officer then lands on the new
 * household's 成员 tab with the new-member form open. */
static void test_checklist_and_landing_on_members(void **state)
{
	(void)state;
	const char *no = "勾选测试";       /* the head: jiance numbers the household */
	char id[20];
	valid_id("19700101", 951, id);
	struct pty *p = cf_start(db, "v101201", 24, 80);
	cf_home(p);
	pty_send_text(p, "n");
	EXPECT(p, pty_wait_row(p, 0, "新建户", CF_WAIT_MS));
	tabs(p, F_RISKS);
	EXPECT(p, pty_wait_text(p, "F4 列出", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_FUNCTION(4));
	EXPECT(p, pty_wait_text(p, "已选 0 项（最多5项）", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "[ ] 因病", CF_WAIT_MS));
	pty_send_text(p, " ");                        /* the first: 因病 */
	EXPECT(p, pty_wait_text(p, "[x] 因病", CF_WAIT_MS));
	pty_send_text(p, "yx");                       /* narrows to 因学 */
	EXPECT(p, pty_wait_gone(p, "因病", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "[ ] 因学", CF_WAIT_MS));
	pty_send_text(p, " ");
	EXPECT(p, pty_wait_text(p, "已选 2 项", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_gone(p, "已选", CF_WAIT_MS));      /* the box is closed */
	EXPECT(p, pty_wait_text(p, "因病、因学", CF_WAIT_MS));
	tabs(p, F_NAME - F_RISKS);
	pty_send_text(p, no);
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, id);
	EXPECT(p, pty_wait_text(p, id, CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_row(p, 0, "新增成员（户主 勾选测试）", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "请登记其他成员", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ESCAPE);             /* nothing typed: straight back */
	EXPECT(p, pty_wait_row(p, 0, "户详情 勾选测试", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "户主", CF_WAIT_MS));   /* the 成员 tab: the head's row */
	EXPECT(p, pty_wait_row(p, 3, "公民身份号码", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM household_risks r JOIN households h"
	                        " ON h.id = r.household_id WHERE h.head_name = ?"
	                        " AND r.risk IN ('因病', '因学')", no), 2);
}

/* Typed initials: yb alone on the household form (step 1 took it, the
 * household form refused it), zn for 之女 on the member form though 之女婿
 * starts with zn too. */
static void test_initials_taken_alike(void **state)
{
	(void)state;
	const char *no = "首字测试";
	char head[20], daughter[20];
	valid_id("19700202", 952, head);
	valid_id("20000303", 954, daughter);
	struct pty *p = cf_start(db, "v101201", 24, 80);
	cf_home(p);
	pty_send_text(p, "n");
	EXPECT(p, pty_wait_row(p, 0, "新建户", CF_WAIT_MS));
	tabs(p, F_RISKS);
	pty_send_text(p, "yb");
	EXPECT(p, pty_wait_text(p, "yb", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_TAB);
	EXPECT(p, pty_wait_text(p, "因病", CF_WAIT_MS));
	EXPECT(p, pty_row_of(p, "不在") < 0);
	tabs(p, F_NAME - F_RISKS - 1);
	pty_send_text(p, no);
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, head);
	EXPECT(p, pty_wait_text(p, head, CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_row(p, 0, "新增成员", CF_WAIT_MS));
	pty_send_text(p, "cs");                      /* 变动: 出生, dated by the ID */
	tabs(p, 2);
	pty_send_text(p, "出生登记");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "首字女");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, daughter);
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "zn");
	EXPECT(p, pty_wait_text(p, "之女婿", CF_WAIT_MS));   /* both listed as typed */
	pty_send_key(p, VTERM_KEY_TAB);
	EXPECT(p, pty_wait_gone(p, "之女婿", CF_WAIT_MS));   /* left: the whole reading */
	EXPECT(p, pty_wait_text(p, "之女", CF_WAIT_MS));
	EXPECT(p, pty_row_of(p, "请从选项中选择") < 0);
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_text(p, "已登记出生 首字女", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM members WHERE relation = '之女'"
	                        " AND id_no = ?", daughter), 1);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM household_risks r JOIN households h"
	                        " ON h.id = r.household_id WHERE h.head_name = ? AND r.risk = '因病'",
	                        no), 1);
}

/* The detail of the household numbered no, from the list's search. */
static void open_detail(struct pty *p, const char *no)
{
	cf_open_list(p);
	pty_send_text(p, "/");
	EXPECT(p, pty_wait_row(p, 23, "Esc返回", CF_WAIT_MS));
	pty_send_text(p, no);
	EXPECT(p, pty_wait_row(p, 1, "第 1/1 行", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_row(p, 0, "户详情", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "户信息与收入", CF_WAIT_MS));
}

#define MONITORED_HOUSED \
	"SELECT min(h.hh_no) FROM households h JOIN areas v ON v.id = h.village_id" \
	" WHERE v.code = ? AND h.status = '监测中' AND h.g_house = 1"

/* A visit that finds 住房安全 in trouble, picked with F4 on the visit form:
 * the save asks, y, and the guarantee is 有问题 with its audit row. */
static void test_visit_sets_guarantee(void **state)
{
	(void)state;
	char no[32];
	int64_t n = cf_int(db, MONITORED_HOUSED, "500243101201");
	assert_true(n > 0);
	snprintf(no, sizeof no, "%lld", (long long)n);
	struct pty *p = cf_start(db, "v101201", 24, 80);
	open_detail(p, no);
	pty_send_text(p, "w");
	EXPECT(p, pty_wait_row(p, 0, "登记走访", CF_WAIT_MS));
	tabs(p, 2);
	pty_send_text(p, "房屋漏雨，墙体开裂");
	tabs(p, 3);                                    /* 三保障/饮水问题 */
	pty_send_key(p, VTERM_KEY_FUNCTION(4));
	EXPECT(p, pty_wait_text(p, "[ ] 住房安全", CF_WAIT_MS));
	pty_send_text(p, "zf ");
	EXPECT(p, pty_wait_text(p, "[x] 住房安全", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_gone(p, "已选", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_text(p, "住房安全改为“有问题”", CF_WAIT_MS));
	pty_send_text(p, "y");
	EXPECT(p, pty_wait_text(p, "并已修改本户", CF_WAIT_MS));
	pty_send_text(p, "3");                          /* 风险与保障 */
	EXPECT(p, pty_wait_text(p, "有问题", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
	assert_int_equal(cf_int(db, "SELECT g_house FROM households WHERE hh_no = ?", no), 0);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM audit a JOIN households h"
	                        " ON h.id = a.household_id WHERE h.hh_no = ? AND a.field = 'g_house'"
	                        " AND a.old = '1' AND a.new = '0'", no), 1);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM visits v JOIN households h"
	                        " ON h.id = v.household_id WHERE h.hh_no = ?"
	                        " AND v.guarantee_problems = '住房安全'", no), 1);
}

/* Enter on the 成员 tab opens the selected member, not the household form;
 * e edits the household. */
static void test_enter_on_detail_opens_member(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "v101201", 24, 80);
	open_detail(p, "5002431012010003");
	EXPECT(p, pty_wait_row(p, 23, "e修改户", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);              /* 户信息: no item to open */
	EXPECT(p, pty_wait_text(p, "修改户信息请按 e", CF_WAIT_MS));
	EXPECT(p, pty_row_of(p, "修改户 ") != 0);
	pty_send_text(p, "2");
	EXPECT(p, pty_wait_text(p, "户主", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_row(p, 0, "修改成员", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_row(p, 0, "户详情", CF_WAIT_MS));
	pty_send_text(p, "e");
	EXPECT(p, pty_wait_row(p, 0, "修改户", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_row(p, 0, "户详情", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checklist_and_landing_on_members),
		cmocka_unit_test(test_initials_taken_alike),
		cmocka_unit_test(test_visit_sets_guarantee),
		cmocka_unit_test(test_enter_on_detail_opens_member),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
