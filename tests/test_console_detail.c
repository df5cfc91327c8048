/* Free text cut in a list is readable whole at 80x24 without leaving the
 * list (issue 16): the focused row's 来源明细 on the leads list and a
 * step's 理由/要点 in the step form's history are shown under the list,
 * wrapped by display width, a date never split across two lines.  The real
 * binary on a pty over a demo county; the texts seeded through the
 * library. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "flow/flow.h"
#include "flow/lead.h"
#include "store/store.h"
#include "work_fixture.h"

#define DAY date_from_ymd(2026, 6, 15)
#define ROWS 24
#define COLS 80

/* Longer than two lines of 80 columns, with a date and a name inside. */
#define LONG_REASON "走访发现户主禤长文于2026-06-01突发脑梗住院治疗，自付医疗费用约四万三千元，" \
	"两个孩子分别在读初中和高中，妻子在家照料无法外出务工，家庭收入骤减，申请纳入监测"
#define RETURN_REASON "入户核实记录的家庭人口与户籍不一致，请核对禤长文之女于2026-03-12迁出的情况，" \
	"补充迁出证明后重新核实收入，并由户主在承诺授权书上签字"

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

/* The rows from `from` to the key lines, trailing spaces dropped, joined:
 * the text a band shows, whatever its line breaks. */
static void joined_rows(struct pty *p, int from, char *out, size_t n)
{
	size_t len = 0;
	out[0] = 0;
	for (int r = from; r < ROWS - 2 && len < n; r++) {
		char row[1024];
		pty_row(p, r, row, sizeof row);
		size_t k = strlen(row);
		while (k > 0 && row[k - 1] == ' ')
			row[--k] = 0;
		len += (size_t)snprintf(out + len, n - len, "%s", row);
	}
}

/* The text is on screen whole from the row holding `from` on (below = 1:
 * from the row under it), and the date in it is on one row (polled,
 * reading on: the rows under the title arrive after it). */
static void expect_whole_at(struct pty *p, const char *from, int below, const char *text,
                            const char *date)
{
	char all[8192] = "";
	for (int waited = 0; waited < WORK_WAIT_MS; waited += 50) {
		int at = pty_row_of(p, from);
		if (at >= 0 && pty_row_of(p, date) >= 0) {
			joined_rows(p, at + below, all, sizeof all);
			if (strstr(all, text))
				return;
		}
		pty_wait_text(p, "\x01 never shown", 50);
	}
	pty_dump(p);
	fail_msg("not shown whole at %s: %s", from, text);
}

/* The text is on screen whole under the title row. */
static void expect_whole(struct pty *p, const char *title, const char *text, const char *date)
{
	expect_whole_at(p, title, 1, text, date);
}

/* Where lead sits on the leads list of s: the Downs from the first row. */
static int lead_index(struct session *s, int64_t lead)
{
	static struct lead page[200];
	int n = lead_list_open(s, 0, page, 200);
	for (int i = 0; i < n; i++)
		if (page[i].id == lead)
			return i;
	fail_msg("lead %lld is not on the list", (long long)lead);
	return -1;
}

/* The village officer's leads list, on DAY. */
static struct pty *leads_list(void)
{
	struct pty *p = wdemo_console(&w, "v101201", DAY, NULL);
	wdemo_expect(p, "待办事项");
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "主菜单");
	pty_send_text(p, "3");
	wdemo_expect(p, "来源明细");
	return p;
}

/* The step form of the household headed by `head`, found by search, as
 * the village officer on `day`. */
static struct pty *step_form(const char *head, jday day)
{
	char search[64];
	struct pty *p = wdemo_console(&w, "v101201", day, NULL);
	wdemo_expect(p, "待办事项");
	pty_send_key(p, VTERM_KEY_ESCAPE);
	wdemo_expect(p, "主菜单");
	pty_send_text(p, "2");
	wdemo_expect(p, "户列表");
	snprintf(search, sizeof search, "/%s", head);
	pty_send_text(p, search);
	assert_true(pty_wait_row(p, 3, head, WORK_WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	wdemo_expect(p, "户详情");
	pty_send_text(p, "s");
	return p;
}

static void test_lead_sources_whole(void **state)
{
	(void)state;
	int64_t hh = wdemo_household(&w, "禤长文", 0), lead;
	int merged;
	struct jerr e = { 0 };
	struct lead_input li = { .household_id = hh, .channel = "基层干部排查", .found_on = JDAY_NONE,
	                         .reason = LONG_REASON };
	clock_pin(DAY);
	assert_int_equal(lead_create(&w.v, &li, &lead, &merged, &e), 0);
	int at = lead_index(&w.v, lead);
	struct pty *p = leads_list();
	wdemo_keys(p, VTERM_KEY_DOWN, at);
	char pos[32];
	snprintf(pos, sizeof pos, "第 %d/", at + 1);
	assert_true(pty_wait_text(p, pos, WORK_WAIT_MS));
	expect_whole(p, "来源明细（第", LONG_REASON, "2026-06-01");
	wdemo_quit(p);
}

/* The officer a lead is given to is a name: whole, as far as the
 * 来源明细 column can give room ("团山社区村级" was cut to "团山社区 >"). */
static void test_lead_owner_whole(void **state)
{
	(void)state;
	int64_t hh = wdemo_household(&w, "禤长文", 0), lead;
	int merged;
	struct jerr e = { 0 };
	struct lead_input li = { .household_id = hh, .channel = "基层干部排查", .found_on = JDAY_NONE,
	                         .reason = "突发重病" };
	char was[64] = "";
	clock_pin(DAY);
	assert_int_equal(lead_create(&w.v, &li, &lead, &merged, &e), 0);
	store_text(w.db, was, sizeof was, "SELECT name FROM officers WHERE id = ?", "l", w.v.me.id);
	assert_int_equal(store_exec(w.db, "UPDATE officers SET name = '阿依古丽·买买提' WHERE id = ?", "l",
	                            w.v.me.id), 0);
	assert_int_equal(store_exec(w.db, "UPDATE leads SET assigned_to = ? WHERE household_id = ?", "ll",
	                            w.v.me.id, hh), 0);
	assert_true(store_changes(w.db) > 0);
	struct pty *p = leads_list();
	/* on a row of 禤长文's: the title bar names the officer too, and a
	 * demo person bears the name */
	int found = 0;
	for (int waited = 0; waited < WORK_WAIT_MS && !found; waited += 50) {
		for (int r = 1; r < ROWS - 2 && !found; r++) {
			char row[1024];
			pty_row(p, r, row, sizeof row);
			found = strstr(row, "禤长文") && strstr(row, "阿依古丽·买买提");
		}
		pty_wait_text(p, "\x01 never shown", 50);
	}
	if (!found) {
		pty_dump(p);
		fail_msg("the lead's officer is cut");
	}
	wdemo_quit(p);
	assert_int_equal(store_exec(w.db, "UPDATE officers SET name = ? WHERE id = ?", "tl", was,
	                            w.v.me.id), 0);
}

static void test_step_reason_whole(void **state)
{
	(void)state;
	int64_t hh = wdemo_household(&w, "禤退回", 0);
	int64_t run = wdemo_start(&w, hh, DAY);
	wdemo_drive(&w, run, 2, DAY);
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_RETURN, .back_to = 1,
	                         .reason = RETURN_REASON };
	struct jerr e = { 0 };
	clock_pin(DAY);
	assert_int_equal(flow_complete(&w.t, run, &in, &e), 0);
	struct pty *p = step_form("禤退回", DAY);
	wdemo_expect(p, "本步：第1步 入户核实");
	/* the commitment's hint reads as a hint, not as a value filled in */
	wdemo_expect(p, "户主已签字填 是（按 s）");
	/* the latest step, the return, is the one shown */
	expect_whole(p, "理由/要点（第", RETURN_REASON, "2026-03-12");
	/* PgUp: step 1 as first done; the form keeps the focus */
	pty_send_key(p, VTERM_KEY_PAGEUP);
	assert_true(pty_wait_text(p, "理由/要点（第 1 行）", WORK_WAIT_MS));
	wdemo_expect_gone(p, "2026-03-12");     /* the return's reason gave way */
	pty_send_key(p, VTERM_KEY_PAGEDOWN);
	expect_whole(p, "理由/要点（第 2 行）", RETURN_REASON, "2026-03-12");
	wdemo_quit(p);
}

/* Step 3 with a posting under way: the line above the form says from
 * which day the step may pass, whole, though the place is long (it was
 * cut off at 80 columns, walked in tmux). */
static void test_posting_day_whole(void **state)
{
	(void)state;
	int64_t hh = wdemo_household(&w, "禤公示", 0);
	int64_t run = wdemo_start(&w, hh, DAY);
	wdemo_drive(&w, run, 3, DAY);
	struct jerr e = { 0 };
	clock_pin(DAY + 2);
	assert_int_equal(flow_post(&w.v, run, "龙阳村村委会公开栏及各组公示栏", DAY + 2, DAY + 7, &e), 0);
	struct posting po;
	char over[11], want[64];
	assert_int_equal(flow_posting(&w.v, run, &po), 1);
	snprintf(want, sizeof want, "%s起可完成本步", date_fmt(flow_posting_over_on(&po), over));
	struct pty *p = step_form("禤公示", DAY + 4);
	wdemo_expect(p, "本步：第3步");
	wdemo_expect(p, want);
	wdemo_quit(p);
}

/* Step 3 passed before its posting has run: once the refusal's box is
 * closed, the refusal under the field it names is whole, wrapped -- the
 * day the step may pass included (it was cut at 80 columns). */
static void test_step3_refusal_whole(void **state)
{
	(void)state;
	int64_t hh = wdemo_household(&w, "禤期满", 0);
	int64_t run = wdemo_start(&w, hh, DAY);
	wdemo_drive(&w, run, 3, DAY);
	struct pty *p = step_form("禤期满", DAY + 3);
	wdemo_expect(p, "本步：第3步");
	wdemo_expect(p, "*参会人数");
	wdemo_keys(p, VTERM_KEY_TAB, 2);
	pty_send_text(p, "35");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));    /* the posting is registered, the step refused */
	wdemo_expect(p, "不能办理");
	pty_send_key(p, VTERM_KEY_ENTER);
	assert_true(pty_wait_row(p, 23, "F2通过", WORK_WAIT_MS));
	struct posting po;
	char over[11], want[64];
	assert_int_equal(flow_posting(&w.v, run, &po), 1);
	snprintf(want, sizeof want, "%s起）才能完成这一步", date_fmt(flow_posting_over_on(&po), over));
	wdemo_expect(p, want);
	wdemo_quit(p);
}

/* The step form's line of the lead the run came from is whole, wrapped,
 * however long the sources are (it was cut at 80 columns). */
static void test_step_lead_whole(void **state)
{
	(void)state;
	int64_t hh = wdemo_household(&w, "禤线索", 0), lead, run;
	int merged;
	struct jerr e = { 0 };
	struct lead_input li = { .household_id = hh, .channel = "基层干部排查", .found_on = JDAY_NONE,
	                         .reason = LONG_REASON };
	clock_pin(DAY);
	assert_int_equal(lead_create(&w.v, &li, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&w.v, lead, 0, &run, &e), 0);
	struct pty *p = step_form("禤线索", DAY);
	wdemo_expect(p, "本步：第1步 入户核实");
	expect_whole_at(p, "线索：", 0, LONG_REASON, "2026-06-01");
	wdemo_quit(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lead_sources_whole),
		cmocka_unit_test(test_lead_owner_whole),
		cmocka_unit_test(test_step_reason_whole),
		cmocka_unit_test(test_posting_day_whole),
		cmocka_unit_test(test_step_lead_whole),
		cmocka_unit_test(test_step3_refusal_whole),   /* last: it leaves a draft */
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
