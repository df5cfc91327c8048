/* Outcomes of the flows (SPEC §5): the elimination conditions, elimination,
 * rollback, dissolution and batch decisions.  One test per rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "assist/assist.h"
#include "fixture.h"
#include "flow/flow.h"
#include "register/household.h"
#include "flow/lead.h"
#include "io/export.h"
#include "store/store.h"

static struct fixture F;

/* identified on 2026-01-11 (FIXTURE_DAY + posting_days + 1) */
#define IDENTIFIED date_from_ymd(2026, 1, 11)
#define SIX_MONTHS date_from_ymd(2026, 7, 11)

static int setup(void **state)
{
	(void)state;
	fixture_open(&F, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fixture_close(&F);
	return 0;
}

static int act(struct session *s, int64_t run, enum step_outcome outcome, int back_to,
               const char *reason, struct jerr *e)
{
	struct step_input in = { .done_on = JDAY_NONE, .outcome = outcome, .back_to = back_to,
	                         .reason = reason };
	return flow_complete(s, run, &in, e);
}

static void status_is(int64_t hh, const char *status)
{
	char now[16];
	store_text(F.db, now, sizeof now, "SELECT status FROM households WHERE id = ?", "l", hh);
	assert_string_equal(now, status);
}

/* a monitored household of two able members, identified 2026-01-11 */
static int64_t monitored(void)
{
	int64_t hh = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	fixture_member(&F, hh, "李梅", "配偶", 2, "普通劳动力");
	fixture_identify(&F, hh, FIXTURE_DAY);
	return hh;
}

/* monitored six months and meeting every condition */
static int64_t ready(void)
{
	int64_t hh = monitored();
	clock_pin(SIX_MONTHS);
	fixture_ready(&F, hh);
	return hh;
}

static int64_t eliminated(void)
{
	struct jerr e = { 0 };
	int64_t run, hh = ready();
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run, &e), 0);
	fixture_drive(&F, run, 6);
	status_is(hh, "风险已消除");
	return hh;
}

/* ---- the elimination conditions ---- */

static void test_elimination_refused_lists_all_failed_conditions(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct household h;
	int64_t run, hh = monitored();
	clock_pin(IDENTIFIED + 30);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	h.g_house = 0;
	assert_int_equal(household_update(&F.v1a, &h, &e), 0);
	assert_int_equal(rigid_add(&F.v1a, hh, "医疗", 3000000, 2026, 0, "住院", &e), 0);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 7);
	assert_non_null(strstr(e.msg, "风险“因病”没有对应的帮扶措施"));
	assert_non_null(strstr(e.msg, "未满6个月"));
	assert_non_null(strstr(e.msg, "尚未登记帮扶措施"));
	assert_non_null(strstr(e.msg, "住房安全有问题"));
	assert_non_null(strstr(e.msg, "开发式"));
	assert_non_null(strstr(e.msg, "未登记2026年收入"));
	assert_non_null(strstr(e.msg, "大额刚性支出"));
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run, &e), -1);
	assert_non_null(strstr(e.msg, "未满6个月"));
	assert_non_null(strstr(e.msg, "大额刚性支出"));
	status_is(hh, "监测中");
}

static void test_elimination_needs_six_months_monitored(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = monitored();
	clock_pin(SIX_MONTHS - 1);
	fixture_ready(&F, hh);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 1);
	assert_non_null(strstr(e.msg, "未满6个月"));
	clock_pin(SIX_MONTHS);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 0);
}

static void test_elimination_needs_income_above_line(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = ready();
	struct income in = { .household_id = hh, .year = 2026, .wage = 1500000, .version = 1 };
	assert_int_equal(income_save(&F.v1a, &in, &e), 0);   /* 15000 元 for 2: 7500 < 7600 */
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 1);
	assert_non_null(strstr(e.msg, "未高于"));
	in.wage = 1540000;                                       /* 7700 */
	assert_int_equal(income_save(&F.v1a, &in, &e), 0);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 0);
}

/* Income of the right year: incomes of 2023 and 2024 do not answer for
 * 2026, whose line is in effect. */
static void test_elimination_refused_for_missing_current_year_income(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = ready();
	assert_int_equal(store_exec(F.db, "DELETE FROM incomes WHERE household_id = ?", "l", hh), 0);
	for (int year = 2023; year <= 2024; year++) {
		struct income in = { .household_id = hh, .year = year, .wage = 9000000 };
		assert_int_equal(income_save(&F.v1a, &in, &e), 0);
	}
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 1);
	assert_non_null(strstr(e.msg, "未登记2026年收入"));
	struct income now = { .household_id = hh, .year = 2026, .wage = 9000000 };
	assert_int_equal(income_save(&F.v1a, &now, &e), 0);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 0);
}

struct ledger_row { int n; char head[24][32], cell[24][64]; int rows; };

static int ledger_header(void *ctx, int ncols, const char *const *names,
                         const enum col_type *types)
{
	struct ledger_row *r = ctx;
	(void)types;
	r->n = ncols < 24 ? ncols : 24;
	for (int i = 0; i < r->n; i++)
		snprintf(r->head[i], sizeof r->head[i], "%s", names[i]);
	return 0;
}

static int ledger_cells(void *ctx, int ncols, const char *const *values)
{
	struct ledger_row *r = ctx;
	for (int i = 0; i < ncols && i < 24; i++)
		snprintf(r->cell[i], sizeof r->cell[i], "%s", values[i]);
	r->rows++;
	return 0;
}

static const char *ledger_cell(const struct ledger_row *r, const char *head)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->head[i], head))
			return r->cell[i];
	return "(no such column)";
}

/* What step 1 verified (18,500 for five people) is the household's 2026
 * income: the elimination check, the ledger (with its year) and the audit
 * (with the step as source) read it. */
static void test_step1_income_appears_as_years_income_and_in_ledger(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct income in;
	int merged;
	int64_t lead, run, hh = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	const char *kin[][2] = { { "李梅", "配偶" }, { "张一", "之子" }, { "张二", "之女" },
	                         { "张母", "之母" } };
	for (int i = 0; i < 4; i++)
		fixture_member(&F, hh, kin[i][0], kin[i][1], i == 0 || i >= 2 ? 2 : 1, "普通劳动力");
	struct income old = { .household_id = hh, .year = 2024, .wage = 3000000 };
	assert_int_equal(income_save(&F.v1a, &old, &e), 0);
	struct lead_input li = { .household_id = hh, .channel = "基层干部排查",
	                         .found_on = JDAY_NONE, .reason = "因病支出大" };
	assert_int_equal(lead_create(&F.v1a, &li, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	struct step_input bad = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 1,
	                          .keys = { "wage" }, .values = { "一万二" } };
	assert_int_equal(flow_step_value_check(1, &bad, "wage", &e), -1);
	assert_int_equal(flow_complete(&F.v1a, run, &bad, &e), -1);
	assert_string_equal(e.field, "wage");
	fixture_pass(&F.v1a, run, "commitment", "是", "hh_type", "边缘易致贫户", "risks", "因病",
	             "wage", "12000", "business", "8000", "business_cost", "1500",
	             "out_of_pocket", "30000", "claims", "4200", "rigid_medical", "30000", NULL);
	assert_int_equal(income_get(&F.v1a, hh, 2026, &in), 1);
	assert_int_equal(income_net(&in), 1850000);     /* 理赔收入 is kept, not counted */
	assert_int_equal(in.out_of_pocket, 3000000);
	assert_int_equal(in.claims, 420000);
	assert_int_equal(income_shown(&F.v1a, hh, &in), 1);
	assert_int_equal(in.year, 2026);
	assert_int_equal(rigid_unresolved(&F.v1a, hh), 1);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE household_id = ?"
	                               " AND tbl = 'incomes' AND field = '2026.source'"
	                               " AND new LIKE '识别纳入第1步入户核实%'", hh), 1);
	/* money is entered at step 1 only */
	fixture_pass(&F.ta, run, "result", "无异常", NULL);
	struct step_input late = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 1,
	                           .keys = { "wage" }, .values = { "1" } };
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", clock_today(), clock_today() + 5, &e), 0);
	clock_pin(clock_today() + 6);
	assert_int_equal(flow_complete(&F.v1a, run, &late, &e), -1);
	assert_non_null(strstr(e.msg, "第1步"));
	fixture_drive(&F, run, 6);
	struct ledger_row r = { 0 };
	struct export_sink sink = { &r, ledger_header, ledger_cells, NULL };
	assert_int_equal(export_run(&F.ca, "ledger", NULL, NULL, &sink, &e), 1);
	assert_string_equal(ledger_cell(&r, "人均纯收入（元）"), "3700");
	assert_string_equal(ledger_cell(&r, "收入年度"), "2026");
}

/* Each decision keeps the line it was judged against: editing the
 * configuration afterwards changes no past decision. */
static void test_line_edit_leaves_old_decisions_unchanged(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct flow_run r;
	int64_t hh = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	int64_t run = fixture_identify(&F, hh, FIXTURE_DAY);
	assert_int_equal(flow_get(&F.ca, run, &r, &e), 0);
	assert_int_equal(r.line_year, 2026);
	assert_int_equal(r.line_yuan, 7600);
	assert_string_equal(r.line_from, "2026-01-01");
	for (int i = 0; i < F.cfg.nlines; i++)
		if (F.cfg.lines[i].year == 2026)
			F.cfg.lines[i].yuan = 8000;             /* the county raises its line */
	assert_int_equal(flow_get(&F.ca, run, &r, &e), 0);
	assert_int_equal(r.line_yuan, 7600);              /* read back as decided */
	int64_t other = fixture_household(&F, F.village1, "李四", 0, "普通劳动力");
	int64_t later = fixture_identify(&F, other, FIXTURE_DAY + 7);
	assert_int_equal(flow_get(&F.ca, later, &r, &e), 0);
	assert_int_equal(r.line_yuan, 8000);              /* a new decision: the new line */
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE tbl = 'flow_runs'"
	                               " AND field = 'line' AND rec = ?", run), 2);   /* start, decision */
}

/* A line issued on 15 March: a decision in February is judged against
 * last year's line, and step 1's income is recorded for last year. */
static void test_decision_before_new_line_keeps_last_years(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct flow_run r;
	struct income in;
	for (int i = 0; i < F.cfg.nlines; i++)
		if (F.cfg.lines[i].year == 2026)
			F.cfg.lines[i].from = date_from_ymd(2026, 3, 15);
	int64_t lead, run, hh = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	int merged;
	struct lead_input li = { .household_id = hh, .channel = "基层干部排查",
	                         .found_on = JDAY_NONE, .reason = "因病" };
	assert_int_equal(lead_create(&F.v1a, &li, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	fixture_pass(&F.v1a, run, "commitment", "是", "hh_type", "边缘易致贫户", "risks", "因病",
	             "wage", "6000", NULL);
	assert_int_equal(income_get(&F.v1a, hh, 2025, &in), 1);
	assert_int_equal(income_get(&F.v1a, hh, 2026, &in), 0);
	fixture_drive(&F, run, 6);
	assert_int_equal(flow_get(&F.ca, run, &r, &e), 0);
	assert_int_equal(r.line_year, 2025);
	assert_int_equal(r.line_yuan, 7300);
}

static void test_elimination_needs_four_guarantees(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct household h;
	int64_t hh = ready();
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	h.g_edu = h.g_water = 0;
	assert_int_equal(household_update(&F.v1a, &h, &e), 0);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 1);
	assert_non_null(strstr(e.msg, "义务教育、饮水安全有问题"));
}

static void test_elimination_needs_rigid_expenses_resolved(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = ready();
	assert_int_equal(rigid_add(&F.v1a, hh, "教育", 800000, 2026, 0, "大学学费", &e), 0);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 1);
	int64_t id = store_int(F.db, 0, "SELECT max(id) FROM rigid_expenses", "");
	assert_int_equal(rigid_resolve(&F.v1a, id, &e), 0);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 0);
}

static void test_labour_household_needs_developmental_measure(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = monitored();
	clock_pin(SIX_MONTHS);
	struct measure m = { .household_id = hh, .amount = -1 };
	strcpy(m.category, "健康帮扶");
	strcpy(m.item, "医疗救助");
	strcpy(m.content, "家庭医生签约");
	strcpy(m.start_on, "2026-02-01");
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
	struct income in = { .household_id = hh, .year = 2026, .wage = 5000000 };
	assert_int_equal(income_save(&F.v1a, &in, &e), 0);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 1);
	assert_non_null(strstr(e.msg, "开发式"));
	memset(&m, 0, sizeof m);
	m.household_id = hh;
	strcpy(m.category, "公益岗位帮扶");
	strcpy(m.item, "护林员");
	strcpy(m.content, "护林员");
	strcpy(m.start_on, "2026-03-01");
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 0);
}

static void test_whole_household_without_labour_not_eliminated(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct household h;
	int64_t hh = fixture_household(&F, F.village1, "赵老汉", 0, "丧失劳动力");
	fixture_member(&F, hh, "钱老太", "配偶", 2, "无劳动力");
	fixture_identify(&F, hh, FIXTURE_DAY);
	clock_pin(SIX_MONTHS);
	fixture_ready(&F, hh);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 1);
	assert_non_null(strstr(e.msg, "暂不标注风险消除，持续跟踪"));
	assert_null(strstr(e.msg, "开发式"));   /* no labour: no 开发式 measure is asked for */
	/* marked 整户无劳动能力 although a member could work: the same */
	int64_t other = ready();
	assert_int_equal(household_get(&F.v1a, other, &h, &e), 0);
	h.whole_no_labour = 1;
	assert_int_equal(household_update(&F.v1a, &h, &e), 0);
	assert_int_equal(elimination_check(&F.v1a, other, &e), 1);
	assert_non_null(strstr(e.msg, "持续跟踪"));
}

/* ---- elimination, rollback, dissolution ---- */

static void test_elimination_start_and_county_pass(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct household h;
	int64_t run, hh = ready();
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "随便消除", &run, &e), -1);
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "自然消除", &run, &e), 0);
	status_is(hh, "消除中");
	fixture_drive(&F, run, 5);
	status_is(hh, "消除中");
	clock_pin(SIX_MONTHS + 7);           /* the day after step 3 passed (posting: 6 days) */
	fixture_pass(&F.ca, run, "decision", "同意", NULL);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	assert_int_equal(h.status, STATUS_ELIMINATED);
	assert_string_equal(h.elim_method, "自然消除");
	assert_string_equal(h.eliminated_on, "2026-07-18");
	assert_string_equal(h.identified_on, "2026-01-11");   /* history stays */
}

static void test_elimination_fail_returns_to_monitored(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run, hh = ready();
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run, &e), 0);
	fixture_drive(&F, run, 2);
	assert_int_equal(act(&F.ta, run, OUT_FAIL, 0, "比对发现收入不实", &e), 0);
	status_is(hh, "监测中");
}

static void test_elimination_rechecked_at_county_decision(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run, hh = ready();
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run, &e), 0);
	fixture_drive(&F, run, 5);
	assert_int_equal(rigid_add(&F.v1a, hh, "医疗", 5000000, 2026, 0, "突发重病", &e), 0);
	assert_int_equal(act(&F.ca, run, OUT_PASS, 0, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "大额刚性支出"));
	status_is(hh, "消除中");
}

static void test_rollback_county_only(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct household h;
	int64_t hh = eliminated();
	assert_int_equal(flow_rollback(&F.ta, hh, "返贫风险再现", &e), -1);
	assert_int_equal(flow_rollback(&F.v1a, hh, "返贫风险再现", &e), -1);
	assert_int_equal(flow_rollback(&F.ca, hh, "", &e), -1);
	assert_string_equal(e.field, "reason");
	status_is(hh, "风险已消除");
	assert_int_equal(flow_rollback(&F.ca, hh, "核查发现收入计算有误", &e), 0);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	assert_int_equal(h.status, STATUS_MONITORED);
	assert_string_equal(h.eliminated_on, "");
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE household_id = ?"
	                 " AND field = 'rollback' AND new = '核查发现收入计算有误'", hh), 1);
	assert_int_equal(flow_rollback(&F.ca, hh, "再来一次", &e), -1);   /* only from 风险已消除 */
}

static void test_dissolve_county_only_with_reason(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	int64_t lead, run, hh = fixture_household(&F, F.village1, "孙一", 0, "普通劳动力");
	struct lead_input in = { .household_id = hh, .channel = "农户自主申报",
	                         .found_on = JDAY_NONE, .reason = "看病" };
	assert_int_equal(lead_create(&F.v1a, &in, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	assert_int_equal(household_dissolve(&F.ta, hh, "全家迁出", &e), -1);
	assert_int_equal(household_dissolve(&F.ca, hh, "", &e), -1);
	assert_int_equal(household_dissolve(&F.ca, hh, "全家迁往外省", &e), 0);
	status_is(hh, "已注销");
	assert_int_equal(flow_open_run(&F.ca, hh), 0);   /* its open run ended */
	assert_int_equal(household_dissolve(&F.ca, hh, "again", &e), -1);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM households WHERE id = ?", hh), 1);
}

static void test_failed_reidentification_keeps_elimination(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	int64_t lead, run, hh = eliminated();
	struct lead_input in = { .household_id = hh, .channel = "部门筛查预警", .department = "医保",
	                         .found_on = JDAY_NONE, .reason = "大额医疗费用" };
	assert_int_equal(lead_create(&F.v1a, &in, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	status_is(hh, "识别中");
	fixture_drive(&F, run, 2);
	assert_int_equal(act(&F.ta, run, OUT_FAIL, 0, "医保已报销，无风险", &e), 0);
	status_is(hh, "风险已消除");
}

/* ---- what an officer is offered (flow_offered_actions) ---- */

/* The actions offered, as letters in menu order: S the run in progress,
 * E start elimination, R roll back, L register a lead, D dissolve. */
static const char *offered(struct session *s, int64_t hh)
{
	static const char letter[FLOW_ACT_COUNT] = {
		[FLOW_ACT_STEP] = 'S', [FLOW_ACT_ELIMINATE] = 'E', [FLOW_ACT_ROLLBACK] = 'R',
		[FLOW_ACT_LEAD] = 'L', [FLOW_ACT_DISSOLVE] = 'D',
	};
	static char out[FLOW_ACT_COUNT + 1];
	enum flow_action a[FLOW_ACT_COUNT];
	int64_t run = -1;
	int n = flow_offered_actions(s, hh, a, &run);
	for (int i = 0; i < n; i++)
		out[i] = letter[a[i]];
	out[n] = 0;
	assert_int_equal(run != 0, strchr(out, 'S') != NULL);   /* the run comes with S */
	if (run)
		assert_int_equal(run, flow_open_run(s, hh));
	return out;
}

/* a lead on the household, started: the run at step 1 */
static int64_t identification_started(int64_t hh)
{
	struct jerr e = { 0 };
	int merged;
	int64_t lead, run;
	struct lead_input in = { .household_id = hh, .channel = "农户自主申报",
	                         .found_on = JDAY_NONE, .reason = "看病" };
	assert_int_equal(lead_create(&F.v1a, &in, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	return run;
}

/* L is offered exactly when the engine would take a new lead. */
static void lead_taken_as_offered(struct session *s, int64_t hh)
{
	struct lead_input in = { .household_id = hh, .channel = "基层干部排查",
	                         .found_on = JDAY_NONE, .reason = "走访发现" };
	struct jerr e = { 0 };
	int64_t open = 0;
	int taken = lead_check(s, &in, &open, &e) == 0 && !open;
	assert_int_equal(taken, strchr(offered(s, hh), 'L') != NULL);
}

static void test_offered_on_a_lead_and_during_identification(void **state)
{
	(void)state;
	int64_t hh = fixture_household(&F, F.village1, "周一", 0, "普通劳动力");
	assert_string_equal(offered(&F.v1a, hh), "L");         /* 线索 */
	assert_string_equal(offered(&F.ta, hh), "L");
	assert_string_equal(offered(&F.ca, hh), "LD");
	assert_string_equal(offered(&F.admin, hh), "");        /* the admin does no flow work */
	assert_string_equal(offered(&F.v2, hh), "");           /* another village's household */
	lead_taken_as_offered(&F.v1a, hh);
	lead_taken_as_offered(&F.admin, hh);
	identification_started(hh);
	assert_string_equal(offered(&F.v1a, hh), "S");         /* 识别中: the run decides */
	lead_taken_as_offered(&F.v1a, hh);                     /* a lead would join the run's */
	assert_string_equal(offered(&F.ca, hh), "SD");
	assert_string_equal(offered(&F.admin, hh), "S");       /* to read it */
}

static void test_offered_while_monitored_and_eliminating(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run, hh = monitored();
	assert_string_equal(offered(&F.v1a, hh), "E");         /* 监测中 */
	assert_string_equal(offered(&F.ta, hh), "E");
	assert_string_equal(offered(&F.ca, hh), "ED");
	assert_string_equal(offered(&F.admin, hh), "");
	lead_taken_as_offered(&F.v1a, hh);
	/* offered before the conditions are met: starting says what is missing */
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run, &e), -1);
	assert_null(strstr(e.msg, "只有监测中的户"));
	assert_non_null(strstr(e.msg, "未满6个月"));
	assert_int_equal(flow_start_elimination(&F.admin, hh, "帮扶消除", &run, &e), -1);
	clock_pin(SIX_MONTHS);
	fixture_ready(&F, hh);
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run, &e), 0);
	assert_string_equal(offered(&F.v1a, hh), "S");         /* 消除中 */
	assert_string_equal(offered(&F.ca, hh), "SD");
	lead_taken_as_offered(&F.v1a, hh);
}

static void test_offered_when_eliminated_rejected_or_dissolved(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = eliminated();
	assert_string_equal(offered(&F.v1a, hh), "L");         /* 风险已消除 */
	assert_string_equal(offered(&F.ta, hh), "L");
	assert_string_equal(offered(&F.ca, hh), "RLD");
	lead_taken_as_offered(&F.ta, hh);
	assert_int_equal(flow_rollback(&F.ta, hh, "返贫风险再现", &e), -1);   /* R: county only */
	int64_t no = fixture_household(&F, F.village1, "吴二", 0, "普通劳动力");
	int64_t run = identification_started(no);
	fixture_drive(&F, run, 2);
	assert_int_equal(act(&F.ta, run, OUT_FAIL, 0, "比对发现收入不实", &e), 0);
	status_is(no, "未纳入");
	assert_string_equal(offered(&F.v1a, no), "L");
	assert_string_equal(offered(&F.ca, no), "LD");
	assert_int_equal(household_dissolve(&F.ca, no, "全家迁往外省", &e), 0);
	assert_string_equal(offered(&F.v1a, no), "");          /* 已注销 */
	assert_string_equal(offered(&F.ca, no), "");
	lead_taken_as_offered(&F.v1a, no);
}

/* ---- batch decisions ---- */

static int64_t at_step(int step)
{
	int64_t hh = fixture_household(&F, F.village1, "周某", 0, "普通劳动力"), run, lead;
	struct jerr e = { 0 };
	int merged;
	struct lead_input in = { .household_id = hh, .channel = "农户自主申报",
	                         .found_on = JDAY_NONE, .reason = "看病" };
	assert_int_equal(lead_create(&F.v1a, &in, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	fixture_drive(&F, run, step);
	return run;
}

static int step_of(int64_t run)
{
	return (int)store_int(F.db, 0, "SELECT step FROM flow_runs WHERE id = ?", "l", run);
}

static void test_batch_decision_all_or_nothing(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t ids[3] = { at_step(2), at_step(2), at_step(1) };
	char no[32];
	store_text(F.db, no, sizeof no, "SELECT h.hh_no FROM flow_runs r JOIN households h"
	           " ON h.id = r.household_id WHERE r.id = ?", "l", ids[2]);
	int64_t steps_before = fixture_count(&F, "SELECT count(*) FROM flow_steps WHERE id > ?", 0);
	assert_int_equal(flow_batch(&F.ta, 2, ids, 3, NULL, 0, JDAY_NONE, &e), -1);
	assert_non_null(strstr(e.msg, no));             /* names the run that failed */
	assert_int_equal(step_of(ids[0]), 2);           /* none of it was written */
	assert_int_equal(step_of(ids[1]), 2);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM flow_steps WHERE id > ?", 0),
	                 steps_before);
	assert_int_equal(flow_batch(&F.ta, 2, ids, 2, NULL, 0, JDAY_NONE, &e), 0);
	assert_int_equal(step_of(ids[0]), 3);
	assert_int_equal(step_of(ids[1]), 3);
}

static void test_batch_exceptions_each_with_reason(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t ids[3] = { at_step(4), at_step(4), at_step(4) };
	struct batch_exception ex[2] = {
		{ ids[1], OUT_RETURN, 2, "需重新比对车辆信息" },
		{ ids[2], OUT_FAIL, 0, "" },
	};
	assert_int_equal(flow_batch(&F.ta, 4, ids, 3, ex, 2, JDAY_NONE, &e), -1);
	assert_int_equal(step_of(ids[0]), 4);
	ex[1].reason = "有财政供养人员";
	assert_int_equal(flow_batch(&F.ta, 4, ids, 3, ex, 2, JDAY_NONE, &e), 0);
	assert_int_equal(step_of(ids[0]), 5);
	assert_int_equal(step_of(ids[1]), 2);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM flow_runs WHERE id = ?"
	                 " AND state = '不通过'", ids[2]), 1);
	assert_int_equal(flow_batch(&F.v1a, 5, ids, 1, NULL, 0, JDAY_NONE, &e), -1);   /* role */
	assert_int_equal(flow_batch(&F.ca, 5, ids, 1, NULL, 0, JDAY_NONE, &e), 0);
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_elimination_refused_lists_all_failed_conditions),
		T(test_elimination_needs_six_months_monitored),
		T(test_elimination_needs_income_above_line),
		T(test_elimination_refused_for_missing_current_year_income),
		T(test_step1_income_appears_as_years_income_and_in_ledger),
		T(test_line_edit_leaves_old_decisions_unchanged),
		T(test_decision_before_new_line_keeps_last_years),
		T(test_elimination_needs_four_guarantees),
		T(test_elimination_needs_rigid_expenses_resolved),
		T(test_labour_household_needs_developmental_measure),
		T(test_whole_household_without_labour_not_eliminated),
		T(test_elimination_start_and_county_pass),
		T(test_elimination_fail_returns_to_monitored),
		T(test_elimination_rechecked_at_county_decision),
		T(test_rollback_county_only),
		T(test_dissolve_county_only_with_reason),
		T(test_failed_reidentification_keeps_elimination),
		T(test_offered_on_a_lead_and_during_identification),
		T(test_offered_while_monitored_and_eliminating),
		T(test_offered_when_eliminated_rejected_or_dissolved),
		T(test_batch_decision_all_or_nothing),
		T(test_batch_exceptions_each_with_reason),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
