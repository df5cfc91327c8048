/* End-to-end tests of the flow screens (issue 5) on a demo county: the real
 * binary on a pty, each officer a separate console session on a pinned
 * day; state prepared and checked through the library. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/idcard.h"
#include "flow/flow.h"
#include "flow/lead.h"
#include "store/store.h"
#include "flow/todo.h"
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

/* Where run sits in s's to-do list: the Downs from the first item. */
static int todo_index(struct session *s, int64_t run)
{
	struct flow_run runs[200];
	int n = todo_steps(s, 0, runs, 200);
	for (int i = 0; i < n; i++)
		if (runs[i].id == run)
			return i;
	fail_msg("run %lld is not waiting for %s", (long long)run, s->me.login);
	return -1;
}

/* From the to-do list, the step form of run (the list is the first screen
 * of village and township officers; county officers open it with 1). */
static void open_step(struct pty *p, struct session *s, int64_t run, jday day)
{
	clock_pin(day);
	if (s->me.role == ROLE_COUNTY)
		pty_send_text(p, "1");
	wdemo_expect(p, "待我办理的步骤");
	wdemo_keys(p, VTERM_KEY_DOWN, todo_index(s, run));
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "本步：");
}

static void step1_fields(struct pty *p)
{
	wdemo_keys(p, VTERM_KEY_TAB, 2);
	pty_send_text(p, "王平");                  /* 核实人 */
	wdemo_keys(p, VTERM_KEY_TAB, 3);
	pty_send_text(p, "s");                     /* 承诺授权书: 是 */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "b");                     /* 边缘易致贫户 */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "yb");                    /* 因病 */
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
}

/* A condition on the screen, or the test fails with the screen printed. */
#define EXPECT_ROW(p, cond) do { if (!(cond)) { pty_dump(p); fail_msg("%s", #cond); } } while (0)

static int64_t run_of(int64_t hh)
{
	return store_int(w.db, 0, "SELECT max(id) FROM flow_runs WHERE household_id = ?", "l", hh);
}

/* Step 1 asks the 因自然灾害子项: 因自然灾害 chosen without one is refused
 * naming the field; F4 lists the sub-items, two are marked, and the step
 * passes with them on the run. */
static void test_step1_asks_the_disaster_subitem(void **state)
{
	(void)state;
	int64_t hh = wdemo_household(&w, "禤灾害", 0);
	int64_t run = wdemo_start(&w, hh, DAY);
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	open_step(p, &w.v, run, DAY);
	wdemo_keys(p, VTERM_KEY_TAB, 2);
	pty_send_text(p, "王平");                  /* 核实人 */
	wdemo_keys(p, VTERM_KEY_TAB, 3);
	pty_send_text(p, "s");                     /* 承诺授权书: 是 */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "b");                     /* 边缘易致贫户 */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "yzrzh");                 /* 因自然灾害 */
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "须选择因自然灾害子项");
	EXPECT_ROW(p, store_int(w.db, 0, "SELECT step FROM flow_runs WHERE id = ?", "l", run) == 1);
	pty_send_key(p, VTERM_KEY_FUNCTION(4));    /* the refusal put the cursor on the field */
	wdemo_expect(p, "[ ] 洪涝灾害");
	pty_send_text(p, " ");                     /* the first: 洪涝灾害 */
	wdemo_expect(p, "[x] 洪涝灾害");
	pty_send_text(p, "hz");                    /* narrows to 旱灾 */
	wdemo_expect(p, "[ ] 旱灾");
	pty_send_text(p, " ");
	wdemo_expect(p, "已选 2 项");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "洪涝灾害、旱灾");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "第1步已通过：转到第2步");
	wdemo_quit(p);
	char d[128] = "";
	store_text(w.db, d, sizeof d, "SELECT disaster FROM flow_runs WHERE id = ?", "l", run);
	assert_string_equal(d, "洪涝灾害、旱灾");
}

/* A lead entered on screen, started, and taken through the five steps by
 * the village, township and county officers; step 3 is refused until the
 * posting has run its days. */
static void test_five_steps(void **state)
{
	(void)state;
	wdemo_clear_step(&w, &w.v, 3);   /* no other posting to share at step 3 */
	int64_t hh = wdemo_household(&w, "禤五步", 0);
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	wdemo_expect(p, "待办事项");
	pty_send_text(p, "l");
	wdemo_expect(p, "风险线索");
	pty_send_text(p, "n");
	wdemo_expect(p, "线索来源");
	pty_send_text(p, "jc");
	pty_send_key(p, VTERM_KEY_TAB);            /* 基层干部排查 */
	wdemo_keys(p, VTERM_KEY_TAB, 1);
	pty_send_text(p, "禤五步");
	pty_send_key(p, VTERM_KEY_ENTER);          /* looks the name up */
	wdemo_expect(p, "选择线索所指的户");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect_gone(p, "选择线索所指的户");
	pty_send_text(p, "走访发现因病住院");       /* the cursor is on 原因 */
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "已登记线索");
	pty_send_key(p, VTERM_KEY_END);
	pty_send_text(p, "i");
	wdemo_expect(p, "本步：第1步 入户核实");
	char keys[256];
	pty_row(p, 23, keys, sizeof keys);
	assert_null(strstr(keys, "异议"));           /* objections belong to step 3 */
	pty_send_ctrl(p, 'o');
	wdemo_keys(p, VTERM_KEY_TAB, 2);
	pty_send_text(p, "王平");                  /* 核实人 */
	wdemo_keys(p, VTERM_KEY_TAB, 3);
	pty_send_text(p, "s");                     /* 承诺授权书: 是 */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "b");                     /* 边缘易致贫户 */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "yb");                    /* 因病 */
	wdemo_keys(p, VTERM_KEY_TAB, 2);
	pty_send_text(p, "6000");                  /* the year's income, as found */
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "2000");
	wdemo_keys(p, VTERM_KEY_TAB, 3);
	pty_send_text(p, "800");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "第1步已通过：转到第2步");
	wdemo_quit(p);
	int64_t run = run_of(hh);
	assert_true(run > 0);

	p = wdemo_console(&w, "t101", DAY, NULL);
	open_step(p, &w.t, run, DAY);
	/* step 1's line says who verified and what was decided before the
	 * figures, which give way at 80 columns (they came first, and cut it) */
	wdemo_expect(p, "核实人 王平；类型 边缘易致贫户");
	wdemo_keys(p, VTERM_KEY_TAB, 3);
	pty_send_text(p, "w");                     /* 无异常 */
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "第2步已通过：转到第3步");
	wdemo_quit(p);

	/* step 3 on the day of posting: registered, refused */
	p = wdemo_console(&w, "v101201", DAY, NULL);
	open_step(p, &w.v, run, DAY);
	wdemo_keys(p, VTERM_KEY_TAB, 2);
	pty_send_text(p, "25");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "未晚于公示结束日期2026-06-20");
	wdemo_expect(p, "2026-06-21起");
	wdemo_expect(p, "公示已登记");
	wdemo_expect(p, "所填已存草稿");
	pty_send_key(p, VTERM_KEY_ENTER);            /* the refusal read */
	wdemo_expect_gone(p, "所填已存草稿");
	assert_true(pty_wait_row(p, 23, "Ctrl-O异议", WORK_WAIT_MS));   /* offered at step 3 */
	pty_send_key(p, VTERM_KEY_ESCAPE);           /* kept: nothing to ask */
	wdemo_expect(p, "待办事项");
	wdemo_quit(p);
	assert_int_equal(store_int(w.db, 0, "SELECT step FROM flow_runs WHERE id = ?", "l", run), 3);

	/* the day after the posting's last day it goes through, nothing typed again */
	p = wdemo_console(&w, "v101201", DAY + 6, NULL);
	wdemo_expect(p, "民主评议和公示 禤五步");       /* offered at login */
	pty_send_text(p, "y");
	wdemo_expect(p, "已恢复上次未办完时填写的内容");
	wdemo_expect(p, "已公示6天，已期满");
	char row[256];
	pty_row(p, pty_row_of(p, "参会人数"), row, sizeof row);
	assert_non_null(strstr(row, "25"));
	wdemo_keys(p, VTERM_KEY_TAB, 6);
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "已是最后一项；按 F2 通过");    /* what F2 does here */
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "第3步已通过：转到第4步");
	wdemo_quit(p);

	p = wdemo_console(&w, "t101", DAY + 6, NULL);
	open_step(p, &w.t, run, DAY + 6);
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "第4步已通过：转到第5步");
	wdemo_quit(p);

	p = wdemo_console(&w, "demo_county", DAY + 6, NULL);
	open_step(p, &w.c, run, DAY + 6);
	wdemo_expect(p, "第4步 乡镇审核");             /* the run so far */
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "现为“监测中”");
	wdemo_quit(p);
	char status[16];
	store_text(w.db, status, sizeof status, "SELECT status FROM households WHERE id = ?", "l", hh);
	assert_string_equal(status, "监测中");
	assert_int_equal(store_int(w.db, 0, "SELECT count(DISTINCT officer_id) FROM flow_steps"
	                           " WHERE run_id = ?", "l", run), 3);
	clock_pin(DAY);
}

/* A county where the village does steps 1 and 2: the officer who passed
 * step 1 is refused step 2 on screen (four eyes). */
static void test_four_eyes(void **state)
{
	(void)state;
	char conf[] = "/tmp/jiance-4eyes-XXXXXX";
	int fd = mkstemp(conf);
	FILE *out = fdopen(fd, "w");
	assert_non_null(out);
	fprintf(out, "flow = { step_roles = [ \"village\", \"village\", \"village\", \"township\","
	        " \"county\" ]; };\n");
	fclose(out);
	struct config cfg;
	struct session s;
	struct jerr e = { 0 };
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, conf, &e), 0);
	assert_int_equal(session_login(&s, w.db, &cfg, "v101201", &e), 0);
	int64_t run = wdemo_start(&w, wdemo_household(&w, "禤四眼", 0), DAY);

	struct pty *p = wdemo_console(&w, "v101201", DAY, conf);
	open_step(p, &s, run, DAY);
	step1_fields(p);
	wdemo_expect(p, "本步：第2步 信息比对");
	wdemo_expect(p, "四眼原则");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	assert_true(pty_wait_row(p, 22, "四眼原则", WORK_WAIT_MS));
	wdemo_quit(p);
	assert_int_equal(store_int(w.db, 0, "SELECT step FROM flow_runs WHERE id = ?", "l", run), 2);
	unlink(conf);
}

/* n runs of new households waiting for the township at step 4, in the
 * order the batch lists them. */
static void batch_runs(int64_t *runs, int n, const char *prefix)
{
	char name[64];
	wdemo_clear_step(&w, &w.t, 2);   /* only step 4 has work: b goes straight in */
	clock_pin(DAY + 30);   /* runs an earlier batch deferred carry dates after DAY */
	wdemo_clear_step(&w, &w.t, 4);
	for (int i = 0; i < n; i++) {
		wdemo_name(prefix, i + 1, name, sizeof name);
		runs[i] = wdemo_start(&w, wdemo_household(&w, name, 0), DAY - 10);
		wdemo_drive(&w, runs[i], 4, DAY - 10);
	}
	clock_pin(DAY);
}

/* The selected row returned to step 3 with reason; the cursor moves on. */
static void batch_return(struct pty *p, const char *reason)
{
	pty_send_text(p, " ");
	wdemo_expect(p, "改为");
	pty_send_key(p, VTERM_KEY_ENTER);          /* 退回, offered first */
	wdemo_expect(p, "退回到哪一步");
	pty_send_key(p, VTERM_KEY_ENTER);          /* 第3步, chosen first */
	wdemo_expect(p, "退回的理由");
	pty_send_text(p, reason);
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect_gone(p, "退回的理由");
}

static int64_t run_step(int64_t run)
{
	return store_int(w.db, 0, "SELECT step FROM flow_runs WHERE id = ?", "l", run);
}

static void last_reason(int64_t run, char *out, size_t n)
{
	store_text(w.db, out, n, "SELECT reason FROM flow_steps WHERE run_id = ?"
	           " ORDER BY id DESC LIMIT 1", "l", run);
}

/* Ten runs at step 4: two left undecided (暂缓), three returned with
 * reasons, five approved; the counts shown before the one commit, the
 * two deferred still waiting afterwards (issue 16, item 3). */
static void test_batch(void **state)
{
	(void)state;
	int64_t runs[10];
	batch_runs(runs, 10, "禤批");
	struct pty *p = wdemo_console(&w, "t101", DAY, NULL);
	wdemo_expect(p, "待办事项");
	pty_send_text(p, "b");
	wdemo_expect(p, "共10户：通过10户，退回0户，不通过0户，暂缓0户");
	pty_send_text(p, "zz");                    /* rows 1 and 2 */
	wdemo_expect(p, "暂缓2户");
	batch_return(p, "公示材料不全");
	batch_return(p, "须重新入户核实收入");
	batch_return(p, "评议记录缺签字");
	wdemo_expect(p, "共10户：通过5户，退回3户，不通过0户，暂缓2户");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "通过5户，退回3户，不通过0户；暂缓2户不提交？");
	pty_send_text(p, "y");
	wdemo_expect(p, "已提交");
	wdemo_expect(p, "暂缓2户仍在待办中");
	pty_send_key(p, VTERM_KEY_ENTER);
	/* the two deferred are still there, still deferred */
	wdemo_expect(p, "共2户：通过0户，退回0户，不通过0户，暂缓2户");
	wdemo_quit(p);
	const char *reasons[] = { "公示材料不全", "须重新入户核实收入", "评议记录缺签字" };
	for (int i = 0; i < 10; i++) {
		char reason[256] = "";
		last_reason(runs[i], reason, sizeof reason);
		if (i < 2) {
			assert_int_equal(run_step(runs[i]), 4);
		} else if (i < 5) {
			assert_int_equal(run_step(runs[i]), 3);
			assert_string_equal(reason, reasons[i - 2]);
		} else {
			assert_int_equal(run_step(runs[i]), 5);
		}
	}
}

/* A posting typed as having started before the cross-check finished is
 * refused on screen with both dates as it is typed, before any save; F2
 * is refused too, and nothing is registered. */
static void test_back_dated_posting_refused_on_screen(void **state)
{
	(void)state;
	wdemo_clear_step(&w, &w.v, 3);   /* no other posting to share at step 3 */
	int64_t run = wdemo_start(&w, wdemo_household(&w, "禤倒签", 0), DAY - 1);
	wdemo_drive(&w, run, 3, DAY - 1);          /* step 2 passed on DAY */
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	open_step(p, &w.v, run, DAY);
	wdemo_keys(p, VTERM_KEY_TAB, 2);
	pty_send_text(p, "20");                    /* 参会人数 */
	wdemo_keys(p, VTERM_KEY_TAB, 3);           /* 公示开始日期 */
	pty_send_key(p, VTERM_KEY_END);
	pty_send_ctrl(p, 'u');
	pty_send_text(p, "2026-06-10");
#define POSTING_WHY "公示开始日期2026-06-10早于信息比对完成日期2026-06-15"
	wdemo_expect(p, POSTING_WHY);                 /* as typed: no key pressed yet */
	int field = pty_row_of(p, "*公示开始日期"), under = pty_row_of(p, POSTING_WHY);
	EXPECT_ROW(p, under == field || under == field + 1);
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	/* refused: the posting, and the meeting it would now precede */
	EXPECT_ROW(p, pty_wait_row(p, 22, "有 2 项需要改正，未保存：评议会议日期 公示开始日期"
	                                  "2026-06-10早于评议会议日期", WORK_WAIT_MS));
	wdemo_expect(p, POSTING_WHY);                 /* still under its field */
	EXPECT_ROW(p, pty_row_of(p, POSTING_WHY) - pty_row_of(p, "*公示开始日期") == under - field);
#undef POSTING_WHY
	wdemo_quit(p);
	assert_int_equal(store_int(w.db, -1, "SELECT count(*) FROM postings WHERE run_id = ?", "l",
	                           run), 0);
	assert_int_equal(store_int(w.db, 0, "SELECT step FROM flow_runs WHERE id = ?", "l", run), 3);
	/* what was typed is kept as a draft; the next tests are not offered it */
	assert_int_equal(store_exec(w.db, "DELETE FROM drafts WHERE screen = 'step_form'", ""), 0);
}

/* A marked subset decided alone: * defers every row, then one is
 * approved (z) and one refused (Space, 不通过); the other two stay. */
static void test_batch_subset(void **state)
{
	(void)state;
	int64_t runs[4];
	batch_runs(runs, 4, "禤选");
	struct pty *p = wdemo_console(&w, "t101", DAY, NULL);
	wdemo_expect(p, "待办事项");
	pty_send_text(p, "b");
	wdemo_expect(p, "共4户：通过4户");
	pty_send_text(p, "*");
	wdemo_expect(p, "共4户：通过0户，退回0户，不通过0户，暂缓4户");
	pty_send_key(p, VTERM_KEY_DOWN);
	pty_send_text(p, "z");                     /* row 2: back to 通过 */
	wdemo_expect(p, "通过1户");
	pty_send_text(p, " ");                     /* row 3 */
	wdemo_expect(p, "改为");
	pty_send_key(p, VTERM_KEY_DOWN);
	pty_send_key(p, VTERM_KEY_ENTER);          /* 不通过 */
	wdemo_expect(p, "不通过的理由");
	pty_send_text(p, "经核实收入高于标准");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "共4户：通过1户，退回0户，不通过1户，暂缓2户");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "通过1户，退回0户，不通过1户；暂缓2户不提交？");
	pty_send_text(p, "y");
	wdemo_expect(p, "已提交");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "共2户：通过0户，退回0户，不通过0户，暂缓2户");
	wdemo_quit(p);
	assert_int_equal(run_step(runs[0]), 4);
	assert_int_equal(run_step(runs[1]), 5);
	char state_text[16] = "";
	store_text(w.db, state_text, sizeof state_text, "SELECT state FROM flow_runs WHERE id = ?",
	           "l", runs[2]);
	assert_string_equal(state_text, "不通过");
	assert_int_equal(run_step(runs[3]), 4);
}

/* Elimination refused on screen with every unmet condition listed. */
static void test_elimination_refused(void **state)
{
	(void)state;
	wdemo_monitored(&w, "禤消除", DAY - 20);
	clock_pin(DAY);
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	wdemo_expect(p, "待办事项");
	pty_send_text(p, "a");
	wdemo_expect(p, "没有帮扶联系人的监测户");
	pty_send_text(p, "f");
	wdemo_expect(p, "列出哪些户");
	wdemo_keys(p, VTERM_KEY_DOWN, 4);
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "证件号后几位");
	pty_send_text(p, "禤消除");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "第 1/1 行");
	pty_send_text(p, "g");
	wdemo_expect(p, "启动风险消除");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "不能启动风险消除");
	wdemo_expect(p, "1. 纳入监测未满6个月");
	wdemo_expect(p, "尚未登记帮扶措施");
	wdemo_expect(p, "有劳动能力但没有开发式帮扶措施");
	wdemo_expect(p, "未登记2026年收入");
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_quit(p);
}

/* The step form of run's household, from the household list's search. */
static void open_step_from_list(struct pty *p, const char *name)
{
	if (pty_col_of(p, 0, "待办事项") >= 0)
		pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "主菜单");
	pty_send_text(p, "2");
	wdemo_expect(p, "户列表");
	pty_send_text(p, "/");
	pty_send_text(p, name);
	assert_true(pty_wait_row(p, 3, name, WORK_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "户详情");
	pty_send_text(p, "s");
	wdemo_expect(p, "本步：第1步 入户核实");
}

/* 1 if the bottom line shows text. */
static int on_keyline(struct pty *p, const char *text)
{
	return pty_col_of(p, 23, text) >= 0;
}

/* A step the officer may only read shows none of the step's keys, on the
 * bottom line or in the help; the officer who may do it sees those that
 * work there (no 退回 at step 1, no 异议 before the posting). */
static void test_read_only_step_shows_no_step_keys(void **state)
{
	(void)state;
	int64_t hh = wdemo_household(&w, "禤只读", 0);
	wdemo_start(&w, hh, DAY);
	clock_pin(DAY);
	struct pty *p = wdemo_console(&w, "t101", DAY, NULL);
	wdemo_expect(p, "待办事项");
	open_step_from_list(p, "禤只读");
	wdemo_expect(p, "只能查看，不能办理");
	assert_true(pty_wait_row(p, 23, "F10退出", WORK_WAIT_MS));
	assert_false(on_keyline(p, "通过") || on_keyline(p, "退回") || on_keyline(p, "异议") ||
	             on_keyline(p, "F4选项"));
	pty_send_key(p, VTERM_KEY_FUNCTION(1));
	wdemo_expect(p, "帮助");
	wdemo_expect(p, "任何屏幕");
	assert_int_equal(pty_row_of(p, "以“通过”办结本步骤"), -1);
	assert_int_equal(pty_row_of(p, "以“不通过”结束"), -1);
	assert_int_equal(pty_row_of(p, "登记公示期间收到的异议"), -1);
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "只能查看，不能办理");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));    /* not shown; pressed, it says why */
	assert_true(pty_wait_row(p, 22, "应由村级操作员办理", WORK_WAIT_MS));
	wdemo_quit(p);

	p = wdemo_console(&w, "v101201", DAY, NULL);
	wdemo_expect(p, "待办事项");
	open_step_from_list(p, "禤只读");
	assert_true(pty_wait_row(p, 23, "F2通过", WORK_WAIT_MS));
	assert_true(on_keyline(p, "Ctrl-X不通过"));
	assert_false(on_keyline(p, "退回") || on_keyline(p, "异议"));
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "户详情");
	wdemo_quit(p);
}

/* A date after today names the field once, in the engine's words:
 * 办理日期2026-06-20晚于今天2026-06-15, not 办理日期 办理日期… (issue 16,
 * item 10). */
static void test_future_date_message(void **state)
{
	(void)state;
	wdemo_clear_step(&w, &w.v, 1);
	int64_t run = wdemo_start(&w, wdemo_household(&w, "禤未来", 0), DAY);
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	open_step(p, &w.v, run, DAY);
	pty_send_ctrl(p, 'u');                     /* 办理日期, the first field */
	pty_send_text(p, "2026-06-20");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	assert_true(pty_wait_row(p, 22, "未保存：办理日期2026-06-20晚于今天2026-06-15", WORK_WAIT_MS));
	assert_int_equal(pty_row_of(p, "办理日期 办理日期"), -1);
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "放弃已填写的内容");
	pty_send_text(p, "y");
	wdemo_expect(p, "待办事项");
	wdemo_quit(p);
	assert_int_equal(run_step(run), 1);
}

/* A lead naming only a person: i offers a new household for them, which
 * comes with the lead's name, ID number and village (nothing typed again)
 * and, saved, starts the identification and lands on its members. */
static void test_lead_person_gets_a_household_and_its_identification(void **state)
{
	(void)state;
	char first[18], id[20];
	snprintf(first, sizeof first, "50024319860214%03d", 751);
	snprintf(id, sizeof id, "%s%c", first, idcard_check_digit(first));
	clock_pin(DAY);
	struct lead_input in = { .id_no = id, .name = "禤新户", .village_id = w.village,
	                         .channel = "基层干部排查", .found_on = DAY, .reason = "因病致贫风险" };
	int64_t lead;
	int merged;
	struct jerr e = { 0 };
	assert_int_equal(lead_create(&w.v, &in, &lead, &merged, &e), 0);
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	pty_send_text(p, "l");
	wdemo_expect(p, "禤新户");
	pty_send_key(p, VTERM_KEY_END);              /* the newest lead */
	pty_send_text(p, "i");
	wdemo_expect(p, "这条线索只登记了个人");
	pty_send_key(p, VTERM_KEY_DOWN);
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "新建一户及其户主");
	wdemo_expect(p, id);                         /* the ID, not typed */
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	wdemo_expect(p, "并启动识别");
	wdemo_expect(p, "新增成员（户主 禤新户）");
	wdemo_quit(p);
	int64_t hh = store_int(w.db, 0, "SELECT household_id FROM members WHERE id_no = ?", "t", id);
	assert_true(hh > 0);
	assert_int_equal(store_int(w.db, 0, "SELECT count(*) FROM leads WHERE id = ? AND"
	                           " state = '已启动识别' AND household_id = ?", "ll", lead, hh), 1);
	assert_true(run_of(hh) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_five_steps),
		cmocka_unit_test(test_step1_asks_the_disaster_subitem),
		cmocka_unit_test(test_four_eyes),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_back_dated_posting_refused_on_screen),
		cmocka_unit_test(test_batch_subset),
		cmocka_unit_test(test_elimination_refused),
		cmocka_unit_test(test_read_only_step_shows_no_step_keys),
		cmocka_unit_test(test_future_date_message),
		cmocka_unit_test(test_lead_person_gets_a_household_and_its_identification),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
