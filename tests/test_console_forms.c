/* End-to-end tests of the console's forms: validation beside the field and
 * nothing saved, a draft kept across a dropped connection, another
 * officer's save shown in a list, a stale save resolved in place field by
 * field, and an audited ID reveal.  The real binary on a pty; the
 * database read back through the library. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/config.h"
#include "console_fixture.h"
#include "register/household.h"
#include "base/idcard.h"
#include "access/session.h"
#include "store/store.h"

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

/* Tab from the first field of the new-household form to field n. */
static void tab_to(struct pty *p, int n)
{
	for (int i = 0; i < n; i++)
		pty_send_key(p, VTERM_KEY_TAB);
}

/* fields of a village officer's new-household form: no 户编号 (jiance
 * numbers the household) and no national number (not theirs to type) */
enum { F_NAME = 16, F_ID = 17 };

static void new_household_form(struct pty *p)
{
	cf_home(p);
	pty_send_text(p, "n");
	EXPECT(p, pty_wait_row(p, 0, "新建户", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 23, "F2保存", CF_WAIT_MS));
}

/* A valid ID for a person born 1990-01-01 with sequence seq. */
static void valid_id(int seq, char out[20])
{
	snprintf(out, 20, "50024319900101%03d", seq);
	out[17] = (char)idcard_check_digit(out);
	out[18] = 0;
}

static void test_invalid_id_refused(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "v101201", 24, 80);
	new_household_form(p);
	tab_to(p, F_NAME);
	pty_send_text(p, "测试户主");
	pty_send_key(p, VTERM_KEY_TAB);
	char id[20];
	valid_id(123, id);
	id[17] = id[17] == '1' ? '2' : '1';          /* a wrong check character */
	pty_send_text(p, id);
	EXPECT(p, pty_wait_text(p, "校验位错误", CF_WAIT_MS));
	/* beside the field: on its row, or the row under it when narrow */
	int field = pty_row_of(p, id), why = pty_row_of(p, "校验位错误");
	EXPECT(p, why == field || why == field + 1);
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_row(p, 22, "未保存", CF_WAIT_MS));
	EXPECT(p, pty_row_of(p, "新建户") == 0);      /* still the form, text kept */
	EXPECT(p, pty_row_of(p, "测试户主") >= 0);
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_text(p, "放弃已填写的内容", CF_WAIT_MS));
	pty_send_text(p, "y");
	assert_int_equal(cf_quit(p), 0);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM members WHERE name = ?", "测试户主"), 0);
}

/* The same form with a good ID saves, and the new household is there,
 * numbered by jiance after the village's last number: nobody typed one. */
static void test_new_household_saved(void **state)
{
	(void)state;
	char id[20], next[24];
	valid_id(457, id);
	snprintf(next, sizeof next, "%lld", (long long)cf_int(db,
		"SELECT max(CAST(hh_no AS BIGINT)) + 1 FROM households"
		" WHERE hh_no LIKE '500243101201____' AND ltrim(substr(hh_no, 13), '0123456789') = ''",
		NULL));
	struct pty *p = cf_start(db, "v101201", 24, 80);
	new_household_form(p);
	tab_to(p, F_NAME);
	pty_send_text(p, "测试新户");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, id);
	EXPECT(p, pty_wait_text(p, id, CF_WAIT_MS));
	pty_send_ctrl(p, 's');
	EXPECT(p, pty_wait_text(p, "已新建户", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, next, CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM households WHERE hh_no = ?", next), 1);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM members WHERE id_no = ?", id), 1);
}

/* SIGHUP in the middle of a form: the console ends, the form is a draft,
 * and the next start offers it back with what was typed. */
static void test_hangup_offers_draft(void **state)
{
	(void)state;
	const char *no = "5002431012019903";
	struct pty *p = cf_start(db, "demo_county", 24, 80);
	new_household_form(p);
	pty_send_text(p, no);
	EXPECT(p, pty_wait_text(p, no, CF_WAIT_MS));
	pty_hangup(p);
	assert_int_equal(pty_finish(p), 128 + SIGHUP);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM drafts WHERE payload LIKE '%' || ? || '%'",
	                        no), 1);
	p = cf_start(db, "demo_county", 24, 80);
	EXPECT(p, pty_wait_text(p, "未保存的表单", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "新建户", CF_WAIT_MS));
	pty_send_text(p, "y");
	EXPECT(p, pty_wait_row(p, 0, "新建户", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, no, CF_WAIT_MS));
	/* given up on purpose: the draft goes too */
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_text(p, "放弃已填写的内容", CF_WAIT_MS));
	pty_send_text(p, "y");
	EXPECT(p, pty_wait_row(p, 0, "主菜单", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM drafts", NULL), 0);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* From the first screen to the detail of the household found by search. */
static void open_detail(struct pty *p, const char *search, const char *head)
{
	cf_open_list(p);
	pty_send_text(p, "/");
	EXPECT(p, pty_wait_row(p, 23, "Esc返回", CF_WAIT_MS));
	pty_send_text(p, search);
	EXPECT(p, pty_wait_row(p, 1, "第 1/1 行", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_row(p, 0, head, CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "户信息与收入", CF_WAIT_MS));
}

/* Two sessions: one renames a member, the other's list shows it. */
static void test_two_sessions(void **state)
{
	(void)state;
	struct pty *a = cf_start(db, "v101201", 24, 80);
	cf_open_list(a);
	EXPECT(a, pty_wait_text(a, "王五", CF_WAIT_MS));
	struct pty *b = cf_start(db, "demo_county", 24, 80);
	open_detail(b, "5002431012010003", "王五");
	pty_send_text(b, "2");                      /* 成员: the head first */
	EXPECT(b, pty_wait_row(b, 4, "户主", CF_WAIT_MS));
	pty_send_key(b, VTERM_KEY_ENTER);
	EXPECT(b, pty_wait_row(b, 0, "修改成员", CF_WAIT_MS));
	EXPECT(b, pty_wait_text(b, "王五", CF_WAIT_MS));
	pty_send_key(b, VTERM_KEY_END);
	pty_send_text(b, "福");
	EXPECT(b, pty_wait_text(b, "王五福", CF_WAIT_MS));
	pty_send_key(b, VTERM_KEY_FUNCTION(2));
	long long saved = now_ms();
	EXPECT(b, pty_wait_text(b, "已保存成员", CF_WAIT_MS));
	EXPECT(a, pty_wait_text(a, "王五福", CF_WAIT_MS));
	long long seen = now_ms() - saved;
	assert_int_equal(cf_quit(b), 0);
	assert_int_equal(cf_quit(a), 0);
	if (seen > 3000)
		fail_msg("the other list showed the change after %lld ms", seen);
}

/* Another officer saves the household while this one edits it: the save
 * opens the conflict box instead of a dead end.  Both changed 自然村 and 地址
 * (this officer keeps the 地址 typed, takes the other's 自然村); only the
 * other changed the phone (taken without asking).  Three keys after the
 * refused F2 -- one per conflicting field and F2 -- and nothing retyped. */
static void test_stale_save_resolved_in_place(void **state)
{
	(void)state;
	struct pty *p = cf_start(db, "v101201", 24, 80);
	open_detail(p, "5002431012010006", "单雄信");
	pty_send_text(p, "e");
	EXPECT(p, pty_wait_row(p, 0, "修改户", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 23, "F2保存", CF_WAIT_MS));
	tab_to(p, 2);                                /* 自然村 (no 户编号 when editing) */
	pty_send_ctrl(p, 'u');
	pty_send_text(p, "上湾");
	pty_send_key(p, VTERM_KEY_TAB);              /* 地址 */
	pty_send_ctrl(p, 'u');
	pty_send_text(p, "龙阳村九组新房");
	EXPECT(p, pty_wait_text(p, "龙阳村九组新房", CF_WAIT_MS));
	/* meanwhile the township officer saves the same household */
	static struct config cfg;
	static struct session s;
	struct jerr e = { 0 };
	config_defaults(&cfg);
	struct store *st = store_open(db, 0, &e);
	assert_non_null(st);
	assert_int_equal(session_login(&s, st, &cfg, "t101", &e), 0);
	struct household h;
	int64_t id = household_by_no(&s, "5002431012010006");
	assert_int_equal(household_get(&s, id, &h, &e), 0);
	snprintf(h.natural_village, sizeof h.natural_village, "新村");
	snprintf(h.address, sizeof h.address, "龙阳村八组");
	snprintf(h.phone, sizeof h.phone, "13912345678");
	assert_int_equal(household_update(&s, &h, &e), 0);
	store_close(st);
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_text(p, "已被其他操作员修改", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "还有 2 项待您选择", CF_WAIT_MS));
	EXPECT(p, pty_wait_text(p, "13912345678", CF_WAIT_MS));   /* the phone: taken, shown */
	EXPECT(p, pty_wait_text(p, "对方的(自动)", CF_WAIT_MS));
	int keys = 0;
	pty_send_text(p, "2");                       /* 自然村: the other's */
	keys++;
	EXPECT(p, pty_wait_text(p, "还有 1 项待您选择", CF_WAIT_MS));
	pty_send_text(p, "1");                       /* 地址: mine */
	keys++;
	EXPECT(p, pty_wait_text(p, "还有 0 项待您选择", CF_WAIT_MS));
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	keys++;
	EXPECT(p, pty_wait_text(p, "已保存户", CF_WAIT_MS));
	assert_int_equal(keys, 3);
	assert_int_equal(cf_quit(p), 0);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM households WHERE address = ?"
	                        " AND natural_village = '新村' AND phone = '13912345678'",
	                        "龙阳村九组新房"), 1);
}

/* IDs are masked; v shows the selected member's in full and audits it. */
static void test_reveal_is_audited(void **state)
{
	(void)state;
	int64_t before = cf_int(db, "SELECT count(*) FROM audit WHERE field = ?", "reveal_id_no");
	struct pty *p = cf_start(db, "demo_county", 24, 80);
	open_detail(p, "5002431012010001", "张三丰");
	pty_send_text(p, "2");
	EXPECT(p, pty_wait_row(p, 4, "张三丰", CF_WAIT_MS));
	EXPECT(p, pty_wait_row(p, 4, "********", CF_WAIT_MS));
	pty_send_text(p, "v");
	EXPECT(p, pty_wait_text(p, "已记入审计日志", CF_WAIT_MS));
	char row[512], id[20];
	pty_row(p, 4, row, sizeof row);
	EXPECT(p, strstr(row, "********") == NULL);
	EXPECT(p, sscanf(strstr(row, "500243"), "%18s", id) == 1 && strlen(id) == 18);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM members WHERE id_no = ?", id), 1);
	pty_send_key(p, VTERM_KEY_TAB);              /* another tab: masked again */
	pty_send_key(p, VTERM_KEY_LEFT);
	EXPECT(p, pty_wait_row(p, 4, "********", CF_WAIT_MS));
	assert_int_equal(cf_quit(p), 0);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM audit WHERE field = ?", "reveal_id_no"),
	                 before + 1);
}

/* A newcomer added as a life event: 出生 with its day and reason, saved
 * through member_join; the form then waits, empty, for the next member, and
 * the detail's 成员变动 lists the birth with its day. */
static void test_member_born_on_screen(void **state)
{
	(void)state;
	char id[20], row[512];
	snprintf(id, sizeof id, "50024320260501%03d", 124);
	id[17] = (char)idcard_check_digit(id);
	id[18] = 0;
	struct pty *p = cf_start(db, "v101201", 24, 80);
	open_detail(p, "5002431012010003", "王五");
	pty_send_text(p, "2");                      /* 成员 */
	EXPECT(p, pty_wait_row(p, 4, "户主", CF_WAIT_MS));
	pty_send_text(p, "n");
	EXPECT(p, pty_wait_row(p, 0, "新增成员", CF_WAIT_MS));
	EXPECT(p, pty_row_of(p, "在册") < 0);       /* presence follows the events */
	pty_send_text(p, "cs");                     /* 变动: 出生 */
	pty_send_key(p, VTERM_KEY_TAB);
	EXPECT(p, pty_wait_text(p, "出生", CF_WAIT_MS));
	pty_send_text(p, "2026-05-01");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "新生儿落户");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "王小宝");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, id);
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "之孙女");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_text(p, "已登记出生 王小宝", CF_WAIT_MS));
	EXPECT(p, pty_row_of(p, "新增成员") == 0);   /* ready for the next member */
	EXPECT(p, pty_row_of(p, id) < 0);
	pty_send_key(p, VTERM_KEY_ESCAPE);           /* nothing typed: straight back */
	EXPECT(p, pty_wait_text(p, "成员变动", CF_WAIT_MS));
	int at = pty_row_of(p, "成员变动") + 1;        /* the latest change first */
	EXPECT(p, pty_wait_row(p, at, "新生儿落户", CF_WAIT_MS));
	pty_row(p, at, row, sizeof row);
	EXPECT(p, strstr(row, "王小宝") && strstr(row, "出生") && strstr(row, "2026-05-01"));
	assert_int_equal(cf_quit(p), 0);
	assert_int_equal(cf_int(db, "SELECT count(*) FROM member_events x JOIN members m"
	                        " ON m.id = x.member_id WHERE m.id_no = ? AND x.kind = '出生'"
	                        " AND x.on_date = '2026-05-01'", id), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invalid_id_refused),
		cmocka_unit_test(test_new_household_saved),
		cmocka_unit_test(test_hangup_offers_draft),
		cmocka_unit_test(test_two_sessions),
		cmocka_unit_test(test_stale_save_resolved_in_place),
		cmocka_unit_test(test_reveal_is_audited),
		cmocka_unit_test(test_member_born_on_screen),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
