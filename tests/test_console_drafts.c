/* End-to-end tests of what every form now does the same way: a hang-up
 * keeps what was typed as a draft (the contact form kept none before), the
 * next login offers it and it restores every field by name, a form opened
 * again for the same record restores it too, a stale draft or save is
 * resolved field by field rather than saved over another officer's change
 * (in every form), a refused save keeps the typed input, and the rules of src/ show beside their
 * field as the officer types.  The real binary on a pty; state prepared
 * and checked through the library. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/draft.h"
#include "assist/assist.h"
#include "register/household.h"
#include "store/store.h"
#include "work_fixture.h"

#define DAY date_from_ymd(2026, 6, 15)
#define HEAD "禤稿户"        /* the drafts' household */
#define HEAD2 "禤拒户"       /* the refusals' household */

static struct wdemo w;
static int64_t hh, hh2;

static int setup(void **state)
{
	(void)state;
	wdemo_open(&w, DAY, NULL);
	hh = wdemo_monitored(&w, HEAD, DAY - 60);
	hh2 = wdemo_monitored(&w, HEAD2, DAY - 60);
	clock_pin(DAY);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	wdemo_close(&w);
	return 0;
}

static int64_t count(const char *sql, const char *text)
{
	return store_int(w.db, 0, sql, "t", text);
}

static int64_t drafts_left(void)
{
	return store_int(w.db, 0, "SELECT count(*) FROM drafts", "");
}

/* Each test starts without drafts: one left over would be offered first. */
static int no_drafts(void **state)
{
	(void)state;
	return store_exec(w.db, "DELETE FROM drafts", "");
}

/* The payload of the officer's one draft of screen ("" when none). */
static void draft_of(const char *screen, char *out, size_t n)
{
	out[0] = 0;
	store_text(w.db, out, n, "SELECT payload FROM drafts WHERE screen = ?", "t", screen);
}

static void hang_up(struct pty *p)
{
	pty_hangup(p);
	assert_int_equal(pty_finish(p), 128 + SIGHUP);
}

/* From the first screen (the to-do list) to the detail of the household
 * whose head's name starts so. */
static void open_detail(struct pty *p, const char *head)
{
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "主菜单");
	pty_send_text(p, "2");
	wdemo_expect(p, "第 1/");
	pty_send_text(p, "/");
	pty_send_text(p, head);
	wdemo_expect(p, "第 1/1 行");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "户信息与收入");
}

/* A refusal too long for the message line opens a box: closed here. */
static void close_box(struct pty *p)
{
	if (pty_wait_row(p, 23, "确定", 300)) {
		pty_send_key(p, VTERM_KEY_ENTER);
		wdemo_expect_gone(p, "Enter确定");
	}
}

/* --- a hang-up keeps a draft, offered and restored by name ---------------- */

static void test_contact_draft_on_hangup(void **state)
{
	(void)state;
	char payload[DRAFT_MAX];
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "主菜单");
	pty_send_text(p, "6");
	wdemo_expect(p, "帮扶联系人");
	pty_send_text(p, "n");
	wdemo_expect(p, "新增帮扶联系人");
	pty_send_text(p, "禤稿联");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "zc");                       /* 驻村干部 */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "县农业农村委");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "13800000001");
	wdemo_expect(p, "13800000001");
	hang_up(p);
	draft_of("contact_form", payload, sizeof payload);
	assert_non_null(strstr(payload, "name=禤稿联\n"));
	assert_non_null(strstr(payload, "kind=驻村干部\n"));
	assert_non_null(strstr(payload, "unit=县农业农村委\n"));
	assert_non_null(strstr(payload, "phone=13800000001\n"));

	p = wdemo_console(&w, "v101201", DAY, NULL);
	wdemo_expect(p, "新增帮扶联系人");            /* the draft list names it */
	pty_send_text(p, "y");
	wdemo_expect(p, "已恢复上次未保存的内容");
	wdemo_expect(p, "县农业农村委");
	assert_true(pty_row_of(p, "禤稿联") > 0);
	assert_true(pty_row_of(p, "驻村干部") > 0);
	assert_true(pty_row_of(p, "13800000001") > 0);
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "已保存帮扶联系人 禤稿联");
	wdemo_quit(p);
	assert_int_equal(count("SELECT count(*) FROM contacts WHERE name = ? AND unit = '县农业农村委'"
	                       " AND phone = '13800000001' AND kind = '驻村干部'", "禤稿联"), 1);
	assert_int_equal(drafts_left(), 0);
}

/* The member form kept no draft on reopening before: the draft was only
 * offered at login.  Kept for later, it comes back when the form opens. */
static void test_member_draft_restored_on_reopen(void **state)
{
	(void)state;
	char payload[DRAFT_MAX];
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	open_detail(p, HEAD);
	pty_send_text(p, "2");
	wdemo_expect(p, "户主");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "修改成员");
	pty_send_key(p, VTERM_KEY_END);
	pty_send_text(p, "乙");
	wdemo_keys(p, VTERM_KEY_TAB, 10);            /* 务工地点 */
	pty_send_text(p, "浙江宁波");
	wdemo_expect(p, "浙江宁波");
	hang_up(p);
	draft_of("member_form", payload, sizeof payload);
	assert_non_null(strstr(payload, "name=" HEAD "乙\n"));
	assert_non_null(strstr(payload, "migrant_place=浙江宁波\n"));
	assert_non_null(strstr(payload, "@version="));

	p = wdemo_console(&w, "v101201", DAY, NULL);
	wdemo_expect(p, "现在恢复并继续填写吗");
	pty_send_text(p, "n");
	wdemo_expect(p, "删除这份草稿吗");
	pty_send_text(p, "n");                        /* kept for later */
	wdemo_expect(p, "待办事项");
	open_detail(p, HEAD);
	pty_send_text(p, "2");
	wdemo_expect(p, "户主");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "已恢复上次未保存的内容");
	wdemo_expect(p, HEAD "乙");
	wdemo_expect(p, "浙江宁波");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "已保存成员 " HEAD "乙");
	wdemo_quit(p);
	assert_int_equal(count("SELECT count(*) FROM members WHERE name = ?"
	                       " AND migrant_place = '浙江宁波'", HEAD "乙"), 1);
	assert_int_equal(drafts_left(), 0);
}

/* A measure's draft keeps the version it was typed against and what the
 * field was read as: another officer's save since then is not overwritten
 * but shown beside it (打开时 from the draft), and the officer types the
 * field again from what they had typed (3). */
static void test_stale_measure_draft_resolved(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct measure m = { .household_id = hh, .amount = -1 };
	snprintf(m.category, sizeof m.category, "%s", w.cfg.codes.cats[0].label);
	snprintf(m.item, sizeof m.item, "%s", w.cfg.codes.cats[0].items[0].label);
	snprintf(m.content, sizeof m.content, "发放鸡苗");
	date_fmt(DAY, m.start_on);
	snprintf(m.state, sizeof m.state, "实施中");
	assert_int_equal(measure_save(&w.v, &m, &e), 0);

	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	open_detail(p, HEAD);
	pty_send_text(p, "5");
	wdemo_expect(p, "发放鸡苗");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "修改帮扶措施");
	wdemo_keys(p, VTERM_KEY_TAB, 2);             /* past 措施类别 and 子项 */
	pty_send_key(p, VTERM_KEY_END);
	pty_send_text(p, "丙");
	wdemo_expect(p, "发放鸡苗丙");
	hang_up(p);

	assert_int_equal(measure_get(&w.t, m.id, &m), 1);
	snprintf(m.content, sizeof m.content, "发放鸡苗二百只");
	assert_int_equal(measure_save(&w.t, &m, &e), 0);
	p = wdemo_console(&w, "v101201", DAY, NULL);
	wdemo_expect(p, "帮扶措施");                  /* offered */
	pty_send_text(p, "y");
	wdemo_expect(p, "发放鸡苗丙");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "已被其他操作员修改");
	wdemo_expect(p, "帮扶内容 打开时：发放鸡苗");
	wdemo_expect(p, "帮扶内容 对方保存的：发放鸡苗二百只");
	wdemo_expect(p, "帮扶内容 您填写的：发放鸡苗丙");
	pty_send_text(p, "3");                        /* typed again, from what was typed */
	wdemo_expect(p, "重新填写 帮扶内容");
	pty_send_key(p, VTERM_KEY_BACKSPACE);
	pty_send_text(p, "二百一十只");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "重新填写的");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "已保存帮扶措施");
	wdemo_quit(p);
	assert_int_equal(count("SELECT count(*) FROM measures WHERE content = ?", "发放鸡苗二百一十只"),
	                 1);
	assert_int_equal(count("SELECT count(*) FROM measures WHERE content = ?", "发放鸡苗丙"), 0);
	assert_int_equal(drafts_left(), 0);
}

/* --- a stale save merged, in every form; a refused one keeps the input ------ */

struct stale_case {
	const char *title;                      /* the form's top line */
	void (*prepare)(void);                  /* the record the form edits */
	void (*open)(struct pty *p);            /* from the first screen */
	const char *typed;                      /* keys typed into the form */
	const char *shown;                      /* what the field then shows */
	void (*meanwhile)(void);                /* another officer */
	const char *refusal;                    /* keys deciding the conflicts */
	const char *saved_sql;                  /* counts rows holding `shown` */
};

static int64_t member_id, measure_id, visit_id, contact_id;

static void prepare_nothing(void) {}

static void open_member(struct pty *p)
{
	open_detail(p, HEAD2);
	pty_send_text(p, "2");
	wdemo_expect(p, "户主");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "修改成员");
	pty_send_key(p, VTERM_KEY_END);
	pty_send_ctrl(p, 'u');                        /* a new name in place of the old */
}

static void member_changed(void)
{
	struct member m;
	struct jerr e = { 0 };
	member_id = store_int(w.db, 0, "SELECT id FROM members WHERE household_id = ?", "l", hh2);
	assert_int_equal(member_get(&w.t, member_id, &m), 1);
	snprintf(m.phone, sizeof m.phone, "13900000002");
	assert_int_equal(member_update(&w.t, &m, &e), 0);
}

static void open_income(struct pty *p)
{
	open_detail(p, HEAD2);
	pty_send_text(p, "i");
	wdemo_expect(p, "填写哪一年的收入");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "2026年收入");
}

static void income_changed(void)
{
	struct income in;
	struct jerr e = { 0 };
	income_get(&w.t, hh2, 2026, &in);
	in.wage = 800000;
	assert_int_equal(income_save(&w.t, &in, &e), 0);
}

static void prepare_measure(void)
{
	struct jerr e = { 0 };
	struct measure m = { .household_id = hh2, .amount = -1 };
	snprintf(m.category, sizeof m.category, "%s", w.cfg.codes.cats[0].label);
	snprintf(m.item, sizeof m.item, "%s", w.cfg.codes.cats[0].items[0].label);
	snprintf(m.content, sizeof m.content, "发放中蜂");
	date_fmt(DAY, m.start_on);
	snprintf(m.state, sizeof m.state, "实施中");
	assert_int_equal(measure_save(&w.v, &m, &e), 0);
	measure_id = m.id;
}

static void open_measure(struct pty *p)
{
	open_detail(p, HEAD2);
	pty_send_text(p, "5");
	wdemo_expect(p, "发放中蜂");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "修改帮扶措施");
	wdemo_keys(p, VTERM_KEY_TAB, 2);             /* past 措施类别 and 子项 */
	pty_send_key(p, VTERM_KEY_END);
}

static void measure_changed(void)
{
	struct measure m;
	struct jerr e = { 0 };
	assert_int_equal(measure_get(&w.t, measure_id, &m), 1);
	snprintf(m.department, sizeof m.department, "%s", w.cfg.departments[0]);
	assert_int_equal(measure_save(&w.t, &m, &e), 0);
}

static void prepare_visit(void)
{
	struct jerr e = { 0 };
	struct visit v = { .household_id = hh2 };
	snprintf(v.visited_on, sizeof v.visited_on, "2026-06-01");
	snprintf(v.findings, sizeof v.findings, "在家务农");
	assert_int_equal(visit_add(&w.v, &v, &e), 0);
	visit_id = v.id;
}

static void open_visit(struct pty *p)
{
	open_detail(p, HEAD2);
	pty_send_text(p, "6");
	wdemo_expect(p, "在家务农");
	if (pty_row_of(p, "缺走访月份") >= 0)     /* the calendar rule's row comes first */
		pty_send_key(p, VTERM_KEY_DOWN);
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "修改走访");
	wdemo_keys(p, VTERM_KEY_TAB, 2);
	pty_send_key(p, VTERM_KEY_END);
}

static void visit_changed(void)
{
	struct visit v;
	struct jerr e = { 0 };
	assert_int_equal(visit_get(&w.t, visit_id, &v), 1);
	snprintf(v.income_change, sizeof v.income_change, "无变化");
	assert_int_equal(visit_update(&w.t, &v, &e), 0);
}

static void prepare_contact(void)
{
	struct jerr e = { 0 };
	struct contact c = { .area_id = w.village, .active = 1 };
	snprintf(c.name, sizeof c.name, "禤稿员");
	snprintf(c.kind, sizeof c.kind, "村干部");
	assert_int_equal(contact_save(&w.v, &c, &e), 0);
	contact_id = c.id;
}

static void open_contact(struct pty *p)
{
	struct contact list[200];
	int n = contact_list(&w.v, 0, list, 200), at = 0;
	while (at < n && list[at].id != contact_id)
		at++;
	assert_true(at < n);
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "主菜单");
	pty_send_text(p, "6");
	wdemo_expect(p, "禤稿员");
	wdemo_keys(p, VTERM_KEY_DOWN, at);
	pty_send_text(p, "e");
	wdemo_expect(p, "修改帮扶联系人");
	pty_send_key(p, VTERM_KEY_END);
}

static void contact_changed(void)
{
	struct contact c;
	struct jerr e = { 0 };
	assert_int_equal(contact_get(&w.t, contact_id, &c), 1);
	snprintf(c.unit, sizeof c.unit, "保家镇政府");
	assert_int_equal(contact_save(&w.t, &c, &e), 0);
}

/* A lead on a household already monitored: the engine says no. */
static void open_lead(struct pty *p)
{
	open_detail(p, HEAD2);
	pty_send_text(p, "l");
	wdemo_expect(p, "线索来源");
	pty_send_text(p, "jc");                       /* 基层干部排查 */
	wdemo_keys(p, VTERM_KEY_TAB, 6);             /* 原因 */
}

/* Another officer saved the record while this one typed: in every form
 * the save opens the conflict box; what only the other changed is taken,
 * a field both changed is decided with one key (`picks`), and F2 saves
 * both officers' work. */
static const struct stale_case stale_cases[] = {
	{ "2026年收入", prepare_nothing, open_income, "12345", "12345", income_changed, "1",
	  "SELECT count(*) FROM incomes WHERE wage = 1234500 AND ? <> ''" },
	{ "修改帮扶措施", prepare_measure, open_measure, "甲", "发放中蜂甲", measure_changed, "",
	  "SELECT count(*) FROM measures WHERE content = ? AND department <> ''" },
	{ "修改走访", prepare_visit, open_visit, "甲", "在家务农甲", visit_changed, "",
	  "SELECT count(*) FROM visits WHERE findings = ? AND income_change = '无变化'" },
	{ "修改帮扶联系人", prepare_contact, open_contact, "甲", "禤稿员甲", contact_changed, "",
	  "SELECT count(*) FROM contacts WHERE name = ? AND unit = '保家镇政府'" },
	/* last: it renames the head the others find the household by */
	{ "修改成员", prepare_nothing, open_member, "禤新名", "禤新名", member_changed, "",
	  "SELECT count(*) FROM members WHERE name = ? AND phone = '13900000002'" },
};

static void test_stale_save_merged_in_every_form(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof stale_cases / sizeof stale_cases[0]; i++) {
		const struct stale_case *c = &stale_cases[i];
		c->prepare();
		struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
		c->open(p);
		pty_send_text(p, c->typed);
		wdemo_expect(p, c->shown);
		c->meanwhile();
		pty_send_key(p, VTERM_KEY_FUNCTION(2));
		wdemo_expect(p, "已被其他操作员修改");
		wdemo_expect(p, "对方保存的");
		pty_send_text(p, c->refusal);             /* one key per field both changed */
		wdemo_expect(p, "还有 0 项待您选择");
		pty_send_key(p, VTERM_KEY_FUNCTION(2));
		wdemo_expect(p, "已保存");
		wdemo_quit(p);
		if (count(c->saved_sql, c->shown) != 1)
			fail_msg("%s: not saved with both officers' changes", c->title);
	}
	struct member m;                   /* the household is found by its head's name */
	struct jerr e = { 0 };
	assert_int_equal(member_get(&w.t, member_id, &m), 1);
	snprintf(m.name, sizeof m.name, "%s", HEAD2);
	assert_int_equal(member_update(&w.t, &m, &e), 0);
}

/* A save src/ refuses for a reason of its own keeps the typed input. */
static void test_refused_save_keeps_input(void **state)
{
	(void)state;
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	open_lead(p);
	pty_send_text(p, "走访发现住院");
	wdemo_expect(p, "走访发现住院");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "不必再登记线索");
	close_box(p);
	if (pty_col_of(p, 0, "登记风险线索") < 0 || pty_row_of(p, "走访发现住院") < 0) {
		pty_dump(p);
		fail_msg("the form or what was typed is gone");
	}
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "放弃已填写的内容");
	pty_send_text(p, "y");
	wdemo_quit(p);
	assert_int_equal(count("SELECT count(*) FROM lead_sources WHERE reason = ?", "走访发现住院"), 0);
}

/* --- the rules of src/ beside the field, as the officer types ---------------- */

/* The member form asks member_validate() and the lead form lead_check():
 * a rule of theirs shows beside the field it names before F2. */
static void test_rules_from_src_while_typing(void **state)
{
	(void)state;
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	open_detail(p, HEAD2);
	pty_send_text(p, "2");
	wdemo_expect(p, "户主");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "修改成员");
	wdemo_keys(p, VTERM_KEY_TAB, 4);             /* 文化程度 */
	pty_send_key(p, VTERM_KEY_END);
	pty_send_ctrl(p, 'u');
	pty_send_text(p, "xx");                       /* 小学 */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "qnj");                      /* 在校生状况 七年级 */
	pty_send_key(p, VTERM_KEY_TAB);
	wdemo_expect(p, "在校生状况与文化程度只能填一项");
	int row = pty_row_of(p, "在校生状况与文化程度只能填一项");
	assert_true(pty_col_of(p, row, "七年级") >= 0 || pty_col_of(p, row - 1, "七年级") >= 0);
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "放弃已填写的内容");
	pty_send_text(p, "y");
	wdemo_expect(p, "户信息与收入");

	pty_send_text(p, "l");
	wdemo_expect(p, "线索来源");
	pty_send_text(p, "bm");                       /* 部门筛查预警 */
	wdemo_keys(p, VTERM_KEY_TAB, 2);             /* past an empty 预警部门 */
	wdemo_expect(p, "部门筛查预警须写明预警部门");
	row = pty_row_of(p, "部门筛查预警须写明预警部门");
	assert_true(pty_col_of(p, row, "预警部门") >= 0 || pty_col_of(p, row - 1, "预警部门") >= 0);
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "放弃已填写的内容");
	pty_send_text(p, "y");
	wdemo_quit(p);
}

/* The measure and contact forms ask src/ about the whole record as it is
 * typed (measure_check, contact_check): the save's own words, beside the
 * field, before F2. */
static void test_record_checks_while_typing(void **state)
{
	(void)state;
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	open_detail(p, HEAD2);
	pty_send_text(p, "5");
	pty_send_text(p, "n");
	wdemo_expect(p, "新增帮扶措施");
	pty_send_text(p, "cy");
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "yzy");                      /* 子项 养殖业 */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "发放鸭苗");
	wdemo_keys(p, VTERM_KEY_TAB, 5);             /* to 状态 */
	pty_send_ctrl(p, 'u');
	pty_send_text(p, "ywc");                      /* 已完成, with no 结束日期 */
	pty_send_key(p, VTERM_KEY_TAB);
	wdemo_expect(p, "已完成的措施须填写结束日期");
	int row = pty_row_of(p, "已完成的措施须填写结束日期");
	assert_true(pty_col_of(p, row, "结束日期") >= 0);
	assert_int_equal(pty_row_of(p, "未保存"), -1);        /* said before any save */
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "放弃已填写的内容");
	pty_send_text(p, "y");
	wdemo_expect(p, "户信息与收入");
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "户列表：搜索");
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "/搜索");
	pty_send_text(p, "q");
	wdemo_expect(p, "主菜单");
	pty_send_text(p, "6");
	wdemo_expect(p, "帮扶联系人");
	pty_send_text(p, "n");
	wdemo_expect(p, "新增帮扶联系人");
	pty_send_text(p, "禤核联");
	wdemo_keys(p, VTERM_KEY_TAB, 3);             /* 电话 */
	pty_send_text(p, "123");
	pty_send_key(p, VTERM_KEY_TAB);
	wdemo_expect(p, "联系电话应为11位手机号码");    /* src's words, not the form's */
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "放弃已填写的内容");
	pty_send_text(p, "y");
	wdemo_quit(p);
}

/* A form that cannot open (its record is gone or out of the officer's
 * area) refuses the push: the officer stays where they were, told why,
 * instead of landing on an empty form that only Esc leaves. */
static void test_form_that_cannot_open_is_not_pushed(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	char key[48];
	snprintf(key, sizeof key, "hh%lld-m987654", (long long)hh);
	assert_int_equal(draft_save(&w.v, "measure_form", key, "帮扶措施 " HEAD, "content=发放鸭苗\n",
	                            &e), 0);
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	wdemo_expect(p, "现在恢复并继续填写吗");
	pty_send_text(p, "y");
	wdemo_expect(p, "找不到这项措施，或不在您的辖区");
	wdemo_expect(p, "待办事项");
	assert_int_equal(pty_row_of(p, "无法打开表单"), -1);
	assert_int_equal(pty_row_of(p, "开始日期"), -1);    /* no form under the message */
	wdemo_quit(p);
	assert_int_equal(drafts_left(), 1);                 /* the typed text is not thrown away */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_contact_draft_on_hangup, no_drafts),
		cmocka_unit_test_setup(test_member_draft_restored_on_reopen, no_drafts),
		cmocka_unit_test_setup(test_stale_measure_draft_resolved, no_drafts),
		cmocka_unit_test_setup(test_stale_save_merged_in_every_form, no_drafts),
		cmocka_unit_test_setup(test_refused_save_keeps_input, no_drafts),
		cmocka_unit_test_setup(test_rules_from_src_while_typing, no_drafts),
		cmocka_unit_test_setup(test_record_checks_while_typing, no_drafts),
		cmocka_unit_test_setup(test_form_that_cannot_open_is_not_pushed, no_drafts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
