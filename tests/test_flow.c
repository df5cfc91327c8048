/* Leads and the five-step flow (SPEC §4, §5): one test per rule, named
 * after it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "assist/assist.h"
#include "fixture.h"
#include "register/flags.h"
#include "flow/contradictions.h"
#include "flow/flow.h"
#include "register/household.h"
#include "flow/lead.h"
#include "flow/todo.h"
#include "io/export.h"
#include "store/store.h"

static struct fixture F;

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

static int64_t new_household(void)
{
	return fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
}

static int64_t lead_for(struct session *s, int64_t hh, const char *channel, const char *dept,
                        int *merged, struct jerr *e)
{
	struct lead_input in = { .household_id = hh, .channel = channel, .department = dept,
	                         .found_on = JDAY_NONE, .reason = "因病支出大" };
	int64_t id = 0;
	return lead_create(s, &in, &id, merged, e) == 0 ? id : -1;
}

static int64_t start_run(int64_t hh)
{
	struct jerr e = { 0 };
	int merged;
	int64_t run = 0, lead = lead_for(&F.v1a, hh, "农户自主申报", NULL, &merged, &e);
	assert_true(lead > 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	return run;
}

static int act(struct session *s, int64_t run, enum step_outcome outcome, int back_to,
               const char *reason, struct jerr *e)
{
	struct step_input in = { .done_on = JDAY_NONE, .outcome = outcome, .back_to = back_to,
	                         .reason = reason };
	return flow_complete(s, run, &in, e);
}

static struct flow_run run_of(int64_t run)
{
	struct flow_run r;
	struct jerr e = { 0 };
	assert_int_equal(flow_get(&F.ca, run, &r, &e), 0);
	return r;
}

static void status_is(int64_t hh, const char *status)
{
	char now[16];
	store_text(F.db, now, sizeof now, "SELECT status FROM households WHERE id = ?", "l", hh);
	assert_string_equal(now, status);
}

/* ---- leads (SPEC §4) ---- */

static void test_leads_for_same_household_merge(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct lead l;
	int merged = -1;
	int64_t hh = new_household();
	int64_t a = lead_for(&F.v1a, hh, "农户自主申报", NULL, &merged, &e);
	assert_int_equal(merged, 0);
	int64_t b = lead_for(&F.ta, hh, "部门筛查预警", "医保", &merged, &e);
	assert_int_equal(b, a);
	assert_int_equal(merged, 1);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM leads WHERE household_id = ?", hh), 1);
	assert_int_equal(lead_get(&F.v1a, a, &l, &e), 0);
	assert_int_equal(l.nsources, 2);
	assert_non_null(strstr(l.sources, "医保"));
	assert_non_null(strstr(l.sources, "农户自主申报"));
}

static void test_leads_for_same_person_merge_and_learn_household(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	char id[20];
	int merged;
	int64_t a, b, run;
	fixture_id(&F, 1980, 2, id);
	struct lead_input in = { .id_no = id, .name = "李梅", .village_id = F.village1,
	                         .channel = "部门筛查预警", .department = "民政",
	                         .found_on = JDAY_NONE, .reason = "低保边缘" };
	assert_int_equal(lead_create(&F.v1a, &in, &a, &merged, &e), 0);
	assert_int_equal(merged, 0);
	in.department = "残联";
	assert_int_equal(lead_create(&F.v1a, &in, &b, &merged, &e), 0);
	assert_int_equal(b, a);
	assert_int_equal(merged, 1);
	/* a person-only lead cannot start until the person has a household */
	assert_int_equal(lead_start(&F.v1a, a, 0, &run, &e), -1);
	assert_non_null(strstr(e.msg, "建户"));
	struct household h;
	struct member m;
	household_init(&h);
	strcpy(h.hh_no, "500243109999");
	h.village_id = F.village1;
	member_init(&m);
	strcpy(m.name, "李梅");
	strcpy(m.id_no, id);
	assert_int_equal(household_create(&F.v1a, &h, &m, &e), 0);
	/* a lead naming her household merges into her lead, which learns the household */
	in.id_no = NULL;
	in.household_id = h.id;
	in.channel = "农户自主申报";
	assert_int_equal(lead_create(&F.v1a, &in, &b, &merged, &e), 0);
	assert_int_equal(b, a);
	assert_int_equal(merged, 1);
	assert_int_equal(lead_start(&F.v1a, a, 0, &run, &e), 0);
	status_is(h.id, "识别中");
}

static void test_import_key_adds_nothing_twice(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	int64_t a, b, hh = new_household();
	struct lead_input in = { .household_id = hh, .channel = "部门筛查预警", .department = "医保",
	                         .found_on = JDAY_NONE, .reason = "大额医疗支出",
	                         .import_key = "0123456789abcdef:7" };
	assert_int_equal(lead_create(&F.v1a, &in, &a, &merged, &e), 0);
	assert_int_equal(lead_create(&F.v1a, &in, &b, &merged, &e), 0);
	assert_int_equal(merged, 2);
	assert_int_equal(b, a);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM lead_sources WHERE lead_id = ?", a), 1);
}

static void test_warning_lead_needs_department(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	assert_int_equal(lead_for(&F.v1a, new_household(), "部门筛查预警", "", &merged, &e), -1);
	assert_string_equal(e.field, "department");
	assert_int_equal(lead_for(&F.v1a, new_household(), "随便说说", NULL, &merged, &e), -1);
	assert_string_equal(e.field, "channel");
}

static void test_lead_outside_area_refused(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	assert_int_equal(lead_for(&F.v2, new_household(), "基层干部排查", NULL, &merged, &e), -1);
	assert_non_null(strstr(e.msg, "辖区"));
}

static void test_lead_dismissed_with_reason_only(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct lead l;
	int merged;
	int64_t run, lead = lead_for(&F.v1a, new_household(), "农户自主申报", NULL, &merged, &e);
	assert_int_equal(lead_dismiss(&F.v1a, lead, "", &e), -1);
	assert_string_equal(e.field, "reason");
	assert_int_equal(lead_dismiss(&F.v1a, lead, "核实无风险：子女已就业", &e), 0);
	assert_int_equal(lead_get(&F.v1a, lead, &l, &e), 0);
	assert_string_equal(l.state, "已排除");
	assert_string_equal(l.close_reason, "核实无风险：子女已就业");
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), -1);
}

static void test_lead_start_creates_identification_run(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct lead l;
	int merged;
	int64_t run, hh = new_household();
	int64_t lead = lead_for(&F.v1a, hh, "农户自主申报", NULL, &merged, &e);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	struct flow_run r = run_of(run);
	assert_int_equal(r.kind, FLOW_IDENTIFY);
	assert_int_equal(r.step, 1);
	assert_int_equal(r.state, RUN_OPEN);
	assert_int_equal(r.lead_id, lead);
	status_is(hh, "识别中");
	assert_int_equal(lead_get(&F.v1a, lead, &l, &e), 0);
	assert_string_equal(l.state, "已启动识别");
	assert_int_equal(l.run_id, run);
	assert_int_equal(flow_open_run(&F.v1a, hh), run);
}

struct shown { char wage[32], claims[32]; int n; };

static void put_shown(void *arg, const char *key, const char *value)
{
	struct shown *sh = arg;
	sh->n++;
	if (!strcmp(key, "wage"))
		snprintf(sh->wage, sizeof sh->wage, "%s", value);
	if (!strcmp(key, "claims"))
		snprintf(sh->claims, sizeof sh->claims, "%s", value);
}

/* Step 1 shows the year's income already recorded (keyed in the income
 * grid): the visit verifies it instead of typing it again. */
static void test_step1_shows_the_income_already_recorded(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	int64_t run, hh = new_household();
	int64_t lead = lead_for(&F.v1a, hh, "农户自主申报", NULL, &merged, &e);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	struct flow_run r = run_of(run);
	struct shown sh = { .n = 0 };
	assert_int_equal(flow_step1_known_income(&F.v1a, &r, clock_today(), put_shown, &sh), 0);
	assert_int_equal(sh.n, 0);
	int year = date_year(clock_today());
	for (int y = year - 1; y <= year; y++) {
		struct income in = { .household_id = hh, .year = y, .wage = 1200000 + (y - year) * 100,
		                     .claims = 50050 };
		assert_int_equal(income_save(&F.v1a, &in, &e), 0);
	}
	struct income shown;
	assert_int_equal(income_shown(&F.v1a, hh, &shown), 1);   /* the year the line of today is */
	char want[32];
	money_fmt(shown.wage, want, sizeof want);
	assert_int_equal(flow_step1_known_income(&F.v1a, &r, clock_today(), put_shown, &sh), 1);
	assert_int_equal(sh.n, 7);
	assert_string_equal(sh.wage, want);
	assert_string_equal(sh.claims, money_fmt(50050, want, sizeof want));
}

static void test_lead_for_monitored_household_refused(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	int64_t hh = new_household();
	fixture_identify(&F, hh, FIXTURE_DAY);
	assert_int_equal(lead_for(&F.v1a, hh, "农户自主申报", NULL, &merged, &e), -1);
	assert_non_null(strstr(e.msg, "监测中"));
}

/* ---- who may complete a step (SPEC §1, §5) ---- */

/* Which steps an officer's role does: the configured step_roles, nothing
 * for the admin or outside steps 1..5. */
static void test_role_does_step_as_configured(void **state)
{
	(void)state;
	static const int village[] = { 0, 1, 0, 1, 0, 0, 0 };    /* steps 0..6 */
	static const int township[] = { 0, 0, 1, 0, 1, 0, 0 };
	static const int county[] = { 0, 0, 0, 0, 0, 1, 0 };
	for (int k = 0; k <= 6; k++) {
		assert_int_equal(flow_role_does_step(&F.v1a, k), village[k]);
		assert_int_equal(flow_role_does_step(&F.ta, k), township[k]);
		assert_int_equal(flow_role_does_step(&F.ca, k), county[k]);
		assert_int_equal(flow_role_does_step(&F.admin, k), 0);
	}
	F.cfg.step_roles[0] = ROLE_TOWNSHIP;
	F.cfg.step_roles[4] = ROLE_TOWNSHIP;
	assert_false(flow_role_does_step(&F.v1a, 1));
	assert_true(flow_role_does_step(&F.ta, 1));
	assert_true(flow_role_does_step(&F.ta, 5));
	assert_false(flow_role_does_step(&F.ca, 5));
	struct session nobody = F.v1a;
	nobody.me.role = ROLE_NONE;
	for (int k = 1; k <= 5; k++)
		assert_false(flow_role_does_step(&nobody, k));
}

static void test_step_role_from_configuration(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = start_run(new_household());
	struct flow_run r = run_of(run);
	assert_int_equal(flow_may_complete(&F.ta, &r, &e), -1);
	assert_non_null(strstr(e.msg, "村级"));
	assert_int_equal(flow_may_complete(&F.ca, &r, &e), -1);
	assert_int_equal(flow_may_complete(&F.admin, &r, &e), -1);
	assert_int_equal(flow_may_complete(&F.v1a, &r, &e), 0);
	F.cfg.step_roles[0] = ROLE_TOWNSHIP;   /* a county where the township verifies */
	assert_int_equal(flow_may_complete(&F.ta, &r, &e), 0);
	assert_int_equal(flow_may_complete(&F.v1a, &r, &e), -1);
}

static void test_officer_area_enforced(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct flow_run r;
	int64_t run = start_run(new_household());
	assert_int_equal(flow_get(&F.v2, run, &r, &e), -1);
	r = run_of(run);
	assert_int_equal(flow_may_complete(&F.v2, &r, &e), -1);
	assert_non_null(strstr(e.msg, "辖区"));
	assert_int_equal(act(&F.v2, run, OUT_PASS, 0, NULL, &e), -1);
}

static void test_four_eyes_same_officer_refused(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	F.cfg.step_roles[1] = ROLE_VILLAGE;   /* the village also does the cross-check */
	int64_t run = start_run(new_household());
	fixture_drive(&F, run, 2);                  /* v1a completed step 1 */
	assert_int_equal(act(&F.v1a, run, OUT_PASS, 0, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "四眼"));
	assert_int_equal(act(&F.v1a, run, OUT_RETURN, 1, "再核实", &e), -1);
	assert_int_equal(act(&F.v1b, run, OUT_PASS, 0, NULL, &e), 0);
	assert_int_equal(run_of(run).step, 3);
}

static void test_four_eyes_looks_at_latest_pass(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	F.cfg.step_roles[1] = ROLE_VILLAGE;
	int64_t run = start_run(new_household());
	fixture_drive(&F, run, 2);                               /* step 1: v1a */
	assert_int_equal(act(&F.v1b, run, OUT_RETURN, 1, "收入未核清", &e), 0);
	fixture_pass(&F.v1b, run, "commitment", "是", NULL);   /* step 1 again: v1b */
	assert_int_equal(act(&F.v1b, run, OUT_PASS, 0, NULL, &e), -1);
	assert_int_equal(act(&F.v1a, run, OUT_PASS, 0, NULL, &e), 0);
}

/* ---- what each step needs (SPEC §5 table) ---- */

static void test_step1_requires_signed_commitment(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = start_run(new_household());
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 2,
	                         .keys = { "hh_type", "risks" }, .values = { "边缘易致贫户", "因病" } };
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_string_equal(e.field, "commitment");
	in.keys[2] = "commitment";
	in.values[2] = "否";
	in.nkv = 3;
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	in.values[2] = "是";
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), 0);
}

static void test_identification_needs_type_and_risks(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = start_run(new_household());
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 3,
	                         .keys = { "commitment", "hh_type", "risks" },
	                         .values = { "是", "", "因病" } };
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_string_equal(e.field, "hh_type");
	in.values[1] = "脱贫不稳定户";               /* not a 脱贫户 */
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_string_equal(e.field, "hh_type");
	assert_string_equal(e.msg, "这一户不是脱贫户，不能认定为脱贫不稳定户");   /* as the register says */
	in.values[1] = "边缘易致贫户";
	in.values[2] = "因病、因火星";
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_non_null(strstr(e.msg, "因火星"));
	in.values[2] = "因病、因学、因残、缺劳动力、其他、因意外事故";
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_non_null(strstr(e.msg, "最多"));
	in.values[2] = "因病、因学";
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), 0);
	assert_string_equal(run_of(run).risks, "因病、因学");
}

/* A 脱贫户 is identified as 脱贫不稳定户 (or 突发严重困难户), never
 * 边缘易致贫户: hh_type_check's rule and message, as in the register. */
static void test_tuopin_household_type_from_the_register_rule(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = fixture_household(&F, F.village1, "李四", 1, "普通劳动力");
	int64_t run = start_run(hh);
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 3,
	                         .keys = { "commitment", "hh_type", "risks" },
	                         .values = { "是", "边缘易致贫户", "因病" } };
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_string_equal(e.field, "hh_type");
	assert_string_equal(e.msg, "这一户是脱贫户，应认定为脱贫不稳定户，不是边缘易致贫户");
	assert_int_equal(hh_type_check("边缘易致贫户", 1, &e), -1);
	assert_string_equal(e.msg, "这一户是脱贫户，应认定为脱贫不稳定户，不是边缘易致贫户");
	in.values[1] = "脱贫不稳定户";
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), 0);
	assert_string_equal(run_of(run).hh_type, "脱贫不稳定户");
}

/* The checks a step form makes while typing are flow_complete's own. */
static void test_step_values_checked_as_typed(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct step_input in = { .nkv = 2, .keys = { "result", "findings" },
	                         .values = { "有异常", "" } };
	assert_int_equal(flow_step_value_check(2, &in, "result", &e), -1);
	assert_string_equal(e.msg, "比对有异常时须写明发现的问题");
	assert_string_equal(e.field, "findings");
	assert_int_equal(flow_step_value_check(3, &in, "result", &e), 0);   /* 评议结果 is free text */
	in.values[1] = "有商品房";
	assert_int_equal(flow_step_value_check(2, &in, "result", &e), 0);
	in.values[0] = "没问题";
	assert_int_equal(flow_step_value_check(2, &in, "result", &e), -1);
	assert_string_equal(e.msg, "比对结果应为无异常或有异常");
	struct step_input p = { .nkv = 1, .keys = { "participants" }, .values = { "0" } };
	assert_int_equal(flow_step_value_check(3, &p, "participants", &e), -1);
	assert_string_equal(e.msg, "参会人数应为正整数");
	p.values[0] = "12人";
	assert_int_equal(flow_step_value_check(3, &p, "participants", &e), -1);
	p.values[0] = "12";
	assert_int_equal(flow_step_value_check(3, &p, "participants", &e), 0);
	struct step_input m = { .nkv = 1, .keys = { "elim_method" }, .values = { "自动消除" } };
	assert_int_equal(flow_step_value_check(1, &m, "elim_method", &e), -1);
	assert_string_equal(e.msg, "消除方式应为帮扶消除或自然消除");
	/* and flow_complete refuses with the same words */
	int64_t run = start_run(new_household());
	fixture_drive(&F, run, 3);
	struct step_input s3 = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 1,
	                         .keys = { "participants" }, .values = { "0" } };
	assert_int_equal(flow_complete(&F.v1a, run, &s3, &e), -1);
	assert_string_equal(e.msg, "参会人数应为正整数");
}

static void test_lead_source_checked_as_typed(void **state)
{
	(void)state;
	struct jerr e = { 0 }, saved = { 0 };
	int merged;
	assert_int_equal(lead_source_check("部门筛查预警", "", &e), -1);
	assert_string_equal(e.field, "department");
	assert_int_equal(lead_for(&F.v1a, new_household(), "部门筛查预警", "", &merged, &saved), -1);
	assert_string_equal(saved.msg, e.msg);
	assert_int_equal(lead_source_check("部门筛查预警", "医保", &e), 0);
	assert_int_equal(lead_source_check("邻居举报", "", &e), -1);
	assert_string_equal(e.field, "channel");
	assert_int_equal(lead_source_check("农户自主申报", "", &e), 0);
}

static void test_step_data_dates_checked(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct step_record recs[4];
	int64_t run = start_run(new_household());
	fixture_drive(&F, run, 2);
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 3,
	                         .keys = { "sent_on", "returned_on", "result" },
	                         .values = { "2026-01-05", "上周", "无异常" } };
	assert_int_equal(flow_complete(&F.ta, run, &in, &e), -1);
	assert_string_equal(e.field, "returned_on");
	in.values[1] = "2026-01-04";                       /* before it was sent */
	assert_int_equal(flow_complete(&F.ta, run, &in, &e), -1);
	in.values[0] = "1/5";                              /* typed short: stored as ISO */
	in.values[1] = "2026.1.5";
	assert_int_equal(flow_complete(&F.ta, run, &in, &e), 0);
	assert_int_equal(flow_steps(&F.ta, run, recs, 4), 2);
	assert_string_equal(recs[1].keys[0], "result");
	assert_string_equal(recs[1].values[1], "2026-01-05");   /* returned_on */
	assert_string_equal(recs[1].values[2], "2026-01-05");   /* sent_on */
}

static void test_step3_refused_without_posting(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = start_run(new_household());
	fixture_drive(&F, run, 3);
	assert_int_equal(act(&F.v1a, run, OUT_PASS, 0, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "公示"));
	assert_int_equal(flow_post(&F.v1a, run, "", clock_today(), clock_today() + 5, &e), -1);
	assert_string_equal(e.field, "place");
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", clock_today(), clock_today() - 1, &e), -1);
}

static void test_step3_on_last_posting_day_refused_day_after_accepted(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = start_run(new_household());
	fixture_drive(&F, run, 3);
	jday start = clock_today();
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", start, start + 4, &e), -1);
	assert_non_null(strstr(e.msg, "公示须满5天"));      /* ends before start + posting_days */
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", start, start + 7, &e), 0);
	clock_pin(start + 7);                         /* the last posting day */
	assert_int_equal(act(&F.v1a, run, OUT_PASS, 0, NULL, &e), -1);
	assert_string_equal(e.field, "posting");
	assert_non_null(strstr(e.msg, "办理日期2026-01-12"));
	assert_non_null(strstr(e.msg, "公示结束日期2026-01-12"));
	clock_pin(start + 8);                         /* the day after: accepted */
	assert_int_equal(act(&F.v1a, run, OUT_PASS, 0, NULL, &e), 0);
	assert_int_equal(run_of(run).step, 4);
}

/* ---- verifying leads (SPEC §4, issue 12) ---- */

static int64_t warning(struct session *s, int64_t hh, const char *dept, jday found)
{
	struct jerr e = { 0 };
	int merged;
	int64_t id = 0;
	struct lead_input in = { .household_id = hh, .channel = "部门筛查预警", .department = dept,
	                         .found_on = found, .reason = "医疗自付超2万元" };
	assert_int_equal(lead_create(s, &in, &id, &merged, &e), 0);
	return id;
}

/* Friday 13 February 2026 before a week of Spring Festival holidays,
 * Saturday 14 a make-up working day (调休): two working days run to
 * Monday 23. */
static void test_lead_deadline_across_holiday_and_tiaoxiu_saturday(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct lead l;
	for (int d = 16; d <= 20; d++)
		F.cfg.holidays[F.cfg.nholidays++] = date_from_ymd(2026, 2, d);
	assert_int_equal(config_workdays_after(&F.cfg, date_from_ymd(2026, 2, 13), 2),
	                 date_from_ymd(2026, 2, 24));          /* no 调休 yet: Mon 23, Tue 24 */
	F.cfg.workdays[F.cfg.nworkdays++] = date_from_ymd(2026, 2, 14);
	assert_true(config_is_workday(&F.cfg, date_from_ymd(2026, 2, 14)));
	assert_false(config_is_workday(&F.cfg, date_from_ymd(2026, 2, 15)));
	assert_false(config_is_workday(&F.cfg, date_from_ymd(2026, 2, 18)));
	clock_pin(date_from_ymd(2026, 2, 13));
	int64_t id = warning(&F.v1a, new_household(), "医保局", JDAY_NONE);
	assert_int_equal(lead_get(&F.v1a, id, &l, &e), 0);
	assert_string_equal(l.verify_by, "2026-02-23");
	assert_int_equal(config_workdays_after(&F.cfg, date_from_ymd(2026, 1, 8), 2),
	                 date_from_ymd(2026, 1, 12));          /* Thursday: Friday, then Monday */
}

static void test_lead_overdue_after_verify_by(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct lead l;
	int64_t id = warning(&F.v1a, new_household(), "医保局", JDAY_NONE);   /* Mon 01-05 */
	clock_pin(date_from_ymd(2026, 1, 7));                  /* the verify-by day */
	assert_int_equal(lead_get(&F.v1a, id, &l, &e), 0);
	assert_string_equal(l.verify_by, "2026-01-07");
	assert_int_equal(l.overdue, 0);
	assert_int_equal(todo_overdue_leads_count(&F.v1a), 0);
	clock_pin(date_from_ymd(2026, 1, 8));
	assert_int_equal(lead_get(&F.v1a, id, &l, &e), 0);
	assert_int_equal(l.overdue, 1);
	assert_int_equal(todo_overdue_leads_count(&F.v1a), 1);
	assert_int_equal(lead_dismiss(&F.v1a, id, "入户核实，收入稳定", &e), 0);
	assert_int_equal(todo_overdue_leads_count(&F.v1a), 0);
}

static void test_lead_result_recorded_with_who_and_when(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct lead l;
	int64_t run, monitored = new_household();
	int64_t a = warning(&F.v1a, new_household(), "医保局", JDAY_NONE);
	int64_t b = warning(&F.v1a, new_household(), "医保局", JDAY_NONE);
	int64_t c = warning(&F.v1a, monitored, "医保局", JDAY_NONE);
	clock_pin(FIXTURE_DAY + 1);
	assert_int_equal(lead_dismiss(&F.v1b, a, "入户核实，住院费用已报销", &e), 0);
	assert_int_equal(lead_get(&F.v1a, a, &l, &e), 0);
	assert_string_equal(l.result, "核实无风险");
	assert_string_equal(l.result_by, "龙阳村乙");
	assert_string_equal(l.result_on, "2026-01-06");
	assert_string_equal(l.result_note, "入户核实，住院费用已报销");
	assert_int_equal(lead_start(&F.v1a, b, 0, &run, &e), 0);
	assert_int_equal(lead_get(&F.v1a, b, &l, &e), 0);
	assert_string_equal(l.result, "启动识别");
	assert_string_equal(l.result_by, "龙阳村甲");
	assert_int_equal(lead_already_monitored(&F.v1a, c, NULL, &e), -1);   /* it is not */
	assert_non_null(strstr(e.msg, "不是监测对象"));
	/* the household came in monitored from the national system meanwhile */
	assert_int_equal(store_exec(F.db, "UPDATE households SET status = '监测中' WHERE id = ?",
	                            "l", monitored), 0);
	assert_int_equal(lead_already_monitored(&F.v1a, c, NULL, &e), 0);
	assert_int_equal(lead_get(&F.v1a, c, &l, &e), 0);
	assert_string_equal(l.result, "已在监测");
	assert_string_equal(l.state, "已排除");
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE tbl = 'leads'"
	                               " AND field = 'result' AND rec = ?", c), 1);
}

static void test_lead_assigned_to_an_officer_of_its_village(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct lead l;
	struct officer who[8];
	int64_t id = warning(&F.ta, new_household(), "医保局", JDAY_NONE);
	assert_int_equal(lead_get(&F.ta, id, &l, &e), 0);
	assert_string_equal(l.owner, "龙阳村村级");            /* by default */
	int n = lead_assignees(&F.ta, id, who, 8);
	assert_int_equal(n, 4);                                /* v1a v1b ta tb, not v2 */
	assert_int_equal(lead_assign(&F.ta, id, F.v2.me.id, &e), -1);
	assert_string_equal(e.field, "assigned_to");
	assert_int_equal(lead_assign(&F.ta, id, F.v1b.me.id, &e), 0);
	assert_int_equal(lead_get(&F.ta, id, &l, &e), 0);
	assert_string_equal(l.owner, "龙阳村乙");
	assert_int_equal(lead_assign(&F.ta, id, 0, &e), 0);    /* back to the village */
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE tbl = 'leads'"
	                               " AND field = 'assigned_to' AND rec = ?", id), 2);
}

struct collected { int rows; char cells[8][16][64]; };

static int collect_header(void *ctx, int n, const char *const *names, const enum col_type *t)
{
	(void)ctx; (void)n; (void)names; (void)t;
	return 0;
}

static int collect_row(void *ctx, int n, const char *const *v)
{
	struct collected *c = ctx;
	for (int i = 0; i < n && i < 16 && c->rows < 8; i++)
		snprintf(c->cells[c->rows][i], sizeof c->cells[0][0], "%s", v[i]);
	c->rows++;
	return 0;
}

/* `jiance export lead-results --department 医保局`: the department's own
 * warnings and what was found, in the officer's area. */
static void test_lead_results_exported_for_department(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t a = warning(&F.v1a, new_household(), "医保局", JDAY_NONE);
	warning(&F.v1a, new_household(), "民政局", JDAY_NONE);
	warning(&F.v2, fixture_household(&F, F.village2, "外村", 0, "普通劳动力"), "医保局",
	        JDAY_NONE);
	clock_pin(FIXTURE_DAY + 3);                            /* past a's verify-by day */
	assert_int_equal(lead_dismiss(&F.v1a, a, "已报销", &e), 0);
	struct collected c = { 0 };
	struct export_sink sink = { &c, collect_header, collect_row, NULL };
	assert_int_equal(export_lead_results(&F.ca, "医保局", NULL, &sink, &e), 2);
	assert_string_equal(c.cells[0][0], "医保局");
	assert_string_equal(c.cells[0][8], "核实无风险");
	assert_string_equal(c.cells[0][9], "龙阳村甲");
	assert_string_equal(c.cells[0][10], "2026-01-08");
	assert_string_equal(c.cells[0][12], "是");              /* answered after 01-07 */
	assert_string_equal(c.cells[1][8], "待核实");
	c.rows = 0;
	assert_int_equal(export_lead_results(&F.v1a, "医保局", NULL, &sink, &e), 1);   /* scoped */
	assert_int_equal(export_run(&F.ca, "lead-results", NULL, NULL, &sink, &e), -1);
	assert_int_equal(export_lead_results(&F.ca, "", NULL, &sink, &e), -1);
}

/* ---- dates in the order things happen (SPEC §5, issue 12) ---- */

/* The case: a lead of 11-28, the cross-check done on 12-03, and a
 * posting typed as 11-20 to 11-26. */
static int64_t run_at_step3_on(jday lead_day, jday step2_day)
{
	struct jerr e = { 0 };
	int merged;
	int64_t lead, run, hh = new_household();
	clock_pin(step2_day);
	struct lead_input in = { .household_id = hh, .channel = "基层干部排查",
	                         .found_on = lead_day, .reason = "走访发现" };
	assert_int_equal(lead_create(&F.v1a, &in, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	fixture_pass(&F.v1a, run, "commitment", "是", "hh_type", "边缘易致贫户", "risks", "因病",
	             "visit_date", "2026-11-30", NULL);
	fixture_pass(&F.ta, run, "result", "无异常", NULL);
	return run;
}

static void test_back_dated_posting_refused_with_both_dates_named(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = run_at_step3_on(date_from_ymd(2026, 11, 28), date_from_ymd(2026, 12, 3));
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", date_from_ymd(2026, 11, 20),
	                           date_from_ymd(2026, 11, 26), &e), -1);
	assert_string_equal(e.field, "post_start");
	assert_non_null(strstr(e.msg, "公示开始日期2026-11-20"));
	assert_non_null(strstr(e.msg, "信息比对完成日期2026-12-03"));
	assert_int_equal(flow_posting_check(&F.v1a, run, date_from_ymd(2026, 11, 20),
	                                    date_from_ymd(2026, 11, 26), &e), -1);   /* as typed */
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM postings WHERE run_id = ?", run), 0);
	/* nor can step 3 pass on such dates: there is no posting */
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 1,
	                         .keys = { "meeting_date" }, .values = { "2026-12-03" } };
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_int_equal(run_of(run).step, 3);
}

static void test_posting_start_in_future_refused(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = run_at_step3_on(date_from_ymd(2026, 11, 28), date_from_ymd(2026, 12, 3));
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", date_from_ymd(2026, 12, 4),
	                           date_from_ymd(2026, 12, 10), &e), -1);
	assert_non_null(strstr(e.msg, "公示开始日期2026-12-04晚于今天2026-12-03"));
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", date_from_ymd(2026, 12, 3),
	                           date_from_ymd(2026, 12, 8), &e), 0);   /* ends in the future */
}

static void test_meeting_before_step2_refused(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = run_at_step3_on(date_from_ymd(2026, 11, 28), date_from_ymd(2026, 12, 3));
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", date_from_ymd(2026, 12, 4),
	                           date_from_ymd(2026, 12, 9), &e), -1);   /* still 12-03 */
	clock_pin(date_from_ymd(2026, 12, 4));
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", date_from_ymd(2026, 12, 4),
	                           date_from_ymd(2026, 12, 9), &e), 0);
	clock_pin(date_from_ymd(2026, 12, 10));
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 2,
	                         .keys = { "meeting_date", "participants" },
	                         .values = { "2026-12-02", "20" } };
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_string_equal(e.field, "meeting_date");
	assert_non_null(strstr(e.msg, "评议会议日期2026-12-02"));
	assert_non_null(strstr(e.msg, "信息比对完成日期2026-12-03"));
	assert_int_equal(flow_step_date_check(&F.v1a, run, &in, "meeting_date", &e), -1);
	in.values[0] = "2026-12-05";                           /* after the posting went up */
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_non_null(strstr(e.msg, "公示开始日期2026-12-04早于评议会议日期2026-12-05"));
	in.values[0] = "12-3";
	assert_int_equal(flow_step_date_check(&F.v1a, run, &in, "meeting_date", &e), 0);
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), 0);
}

/* The step form asks of each date as it is typed what the save would
 * refuse: the posting as typed (before flow_post registers it), the
 * meeting against that posting, the step's day against the last step,
 * and a step date in the future; each refusal names both dates and
 * belongs to the field asked about. */
static void test_date_asked_as_typed_gives_the_save_refusal(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = run_at_step3_on(date_from_ymd(2026, 11, 28), date_from_ymd(2026, 12, 3));
	struct step_input in = { .done_on = JDAY_NONE, .nkv = 3,
	                         .keys = { "meeting_date", "post_start", "post_end" },
	                         .values = { "2026-12-03", "2026-11-20", "2026-11-26" } };
	assert_int_equal(flow_step_date_check(&F.v1a, run, &in, "post_start", &e), -1);
	assert_string_equal(e.field, "post_start");
	assert_string_equal(e.msg, "公示开始日期2026-11-20早于信息比对完成日期2026-12-03："
	                           "比对和评议之后才能公示");
	jerr_clear(&e);
	assert_int_equal(flow_step_date_check(&F.v1a, run, &in, "post_end", &e), 0);
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", date_from_ymd(2026, 11, 20),
	                           date_from_ymd(2026, 11, 26), &e), -1);
	assert_string_equal(e.msg, "公示开始日期2026-11-20早于信息比对完成日期2026-12-03："
	                           "比对和评议之后才能公示");    /* the save says the same */
	in.values[1] = "12-3";
	in.values[2] = "12-5";                                  /* short of posting_days */
	assert_int_equal(flow_step_date_check(&F.v1a, run, &in, "post_start", &e), 0);
	assert_int_equal(flow_step_date_check(&F.v1a, run, &in, "post_end", &e), -1);
	assert_non_null(strstr(e.msg, "公示结束日期2026-12-05早于开始日期2026-12-03"));
	in.values[0] = "2026-12-04";                            /* met after the posting went up */
	assert_int_equal(flow_step_date_check(&F.v1a, run, &in, "meeting_date", &e), -1);
	assert_non_null(strstr(e.msg, "晚于今天2026-12-03"));
	clock_pin(date_from_ymd(2026, 12, 4));
	assert_int_equal(flow_step_date_check(&F.v1a, run, &in, "meeting_date", &e), -1);
	assert_string_equal(e.msg, "公示开始日期2026-12-03早于评议会议日期2026-12-04：先评议，后公示");
	in.done_on = date_from_ymd(2026, 12, 2);                /* before the run began */
	assert_int_equal(flow_step_date_check(&F.v1a, run, &in, "done_on", &e), -1);
	assert_string_equal(e.msg, "办理日期2026-12-02早于流程开始的日期2026-12-03");
	in.outcome = OUT_PASS;
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_string_equal(e.msg, "办理日期2026-12-02早于流程开始的日期2026-12-03");
}

static void test_visit_before_lead_and_check_before_visit_refused(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	int64_t lead, run, hh = new_household();
	struct lead_input li = { .household_id = hh, .channel = "农户自主申报",
	                         .found_on = FIXTURE_DAY - 3, .reason = "看病" };
	assert_int_equal(lead_create(&F.v1a, &li, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 4,
	                         .keys = { "commitment", "hh_type", "risks", "visit_date" },
	                         .values = { "是", "边缘易致贫户", "因病", "2026-01-01" } };
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_string_equal(e.field, "visit_date");
	assert_non_null(strstr(e.msg, "入户核实日期2026-01-01早于线索日期2026-01-02"));
	in.values[3] = "2026-01-03";
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), 0);
	struct step_input two = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 2,
	                          .keys = { "sent_on", "result" }, .values = { "1-2", "无异常" } };
	assert_int_equal(flow_complete(&F.ta, run, &two, &e), -1);
	assert_non_null(strstr(e.msg, "比对发出日期2026-01-02早于入户核实日期2026-01-03"));
	two.values[0] = "1-3";
	assert_int_equal(flow_complete(&F.ta, run, &two, &e), 0);
}

/* A run sent back to step 1 does steps 1-3 again in order: the posting of
 * the first round is older than the new cross-check and must be posted again. */
static void test_redone_steps_of_returned_run_follow_the_order(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = start_run(new_household());
	fixture_drive(&F, run, 4);                    /* step 3 passed on 01-11 */
	clock_pin(FIXTURE_DAY + 8);
	assert_int_equal(act(&F.ta, run, OUT_RETURN, 1, "收入核实不准，重新入户", &e), 0);
	struct step_input in = { .done_on = FIXTURE_DAY + 7, .outcome = OUT_PASS, .nkv = 1,
	                         .keys = { "commitment" }, .values = { "是" } };
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);   /* before the return */
	assert_non_null(strstr(e.msg, "办理日期2026-01-12早于上一步的办理日期2026-01-13"));
	in.done_on = JDAY_NONE;
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), 0);
	clock_pin(FIXTURE_DAY + 9);
	fixture_pass(&F.ta, run, "result", "无异常", NULL);
	clock_pin(FIXTURE_DAY + 20);
	assert_int_equal(act(&F.v1a, run, OUT_PASS, 0, NULL, &e), -1);   /* the old posting */
	assert_non_null(strstr(e.msg, "公示开始日期2026-01-05早于信息比对完成日期2026-01-14"));
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", FIXTURE_DAY + 9, FIXTURE_DAY + 14,
	                           &e), 0);
	assert_int_equal(act(&F.v1a, run, OUT_PASS, 0, NULL, &e), 0);
}

struct found { char what[16][128]; int64_t n[16]; int k; };

static void found_one(void *arg, const char *what, int64_t n)
{
	struct found *f = arg;
	if (f->k < 16) {
		snprintf(f->what[f->k], sizeof f->what[0], "%s", what);
		f->n[f->k++] = n;
	}
}

static int64_t found_count(const struct found *f, const char *part)
{
	for (int i = 0; i < f->k; i++)
		if (strstr(f->what[i], part))
			return f->n[i];
	return -1;
}

/* Records from before these rules (or written around them) are found by
 * `jiance check`: a posting older than the cross-check, a visit without
 * findings, a decision without its line. */
static void test_check_finds_records_that_contradict_the_rules(void **state)
{
	(void)state;
	struct found f = { 0 };
	int64_t run = start_run(new_household());
	fixture_drive(&F, run, 3);
	assert_int_equal(contradictions_each(&F.ca, found_one, &f), 0);
	for (int i = 0; i < f.k; i++)
		assert_int_equal(f.n[i], 0);
	/* as an older version wrote them */
	assert_int_equal(store_exec(F.db, "INSERT INTO postings(run_id, place, start_on, end_on)"
	                            " VALUES (?, '村务公开栏', '2026-01-01', '2026-01-03')", "l", run), 0);
	int64_t hh = store_int(F.db, 0, "SELECT household_id FROM flow_runs WHERE id = ?", "l", run);
	assert_int_equal(store_exec(F.db, "INSERT INTO visits(household_id, visited_on, entered_on)"
	                            " VALUES (?, '2026-01-05', '2026-01-05')", "l", hh), 0);
	assert_int_equal(store_exec(F.db, "UPDATE flow_runs SET state = '不通过', line_year = NULL"
	                            " WHERE id = ?", "l", run), 0);
	f.k = 0;
	assert_int_equal(contradictions_each(&F.ca, found_one, &f), 0);
	assert_int_equal(found_count(&f, "公示开始早于信息比对完成"), 1);
	assert_int_equal(found_count(&f, "没有走访情况"), 1);
	assert_int_equal(found_count(&f, "未记下所依据监测范围"), 1);
	f.k = 0;
	assert_int_equal(contradictions_each(&F.v2, found_one, &f), 0);   /* not in 新田村 */
	assert_int_equal(found_count(&f, "没有走访情况"), 0);
}

/* More records `jiance check` finds as the saves define them: a visit whose
 * findings are an ideographic space, a posting short of posting_days, a
 * meeting before the cross-check, a step and a visit dated after today,
 * and member events before the birth or off the ID's birth date. */
static void test_check_finds_blank_visits_short_postings_and_member_dates(void **state)
{
	(void)state;
	struct found f = { 0 };
	struct jerr e = { 0 };
	int64_t run = start_run(new_household());
	fixture_drive(&F, run, 3);
	int64_t hh = store_int(F.db, 0, "SELECT household_id FROM flow_runs WHERE id = ?", "l", run);
	int64_t son = fixture_member(&F, hh, "张一", "之子", 1, "普通劳动力");
	assert_int_equal(visit_findings_check("\xE3\x80\x80", &e), -1);   /* the save refuses it */
	assert_int_equal(store_exec(F.db, "INSERT INTO visits(household_id, visited_on, entered_on,"
	                            " findings) VALUES (?, '2026-01-05', '2026-01-05', ?)", "lt", hh,
	                            "\xE3\x80\x80"), 0);
	assert_int_equal(store_exec(F.db, "INSERT INTO visits(household_id, visited_on, entered_on,"
	                            " findings) VALUES (?, '2099-01-01', '2026-01-05', '正常')", "l",
	                            hh), 0);
	char today[11];
	date_fmt(clock_today(), today);
	assert_int_equal(store_exec(F.db, "INSERT INTO postings(run_id, place, start_on, end_on)"
	                            " VALUES (?, '村务公开栏', ?, ?)", "ltt", run, today, today), 0);
	assert_int_equal(store_exec(F.db, "INSERT INTO flow_steps(run_id, step, officer_id, done_on,"
	                            " outcome) VALUES (?, 3, ?, '2099-01-01', '通过')", "ll", run,
	                            F.v1a.me.id), 0);
	assert_int_equal(store_exec(F.db, "INSERT INTO step_data(step_id, key, value)"
	                            " SELECT max(id), 'meeting_date', '2026-01-01' FROM flow_steps"
	                            " WHERE run_id = ?", "l", run), 0);
	assert_int_equal(store_exec(F.db, "INSERT INTO member_events(member_id, kind, on_date,"
	                            " to_household, reason) VALUES (?, '出生', '1900-01-01', ?, '出生')",
	                            "ll", son, hh), 0);
	assert_int_equal(contradictions_each(&F.ca, found_one, &f), 0);
	assert_int_equal(found_count(&f, "没有走访情况"), 1);
	assert_int_equal(found_count(&f, "走访日期晚于今天"), 1);
	assert_int_equal(found_count(&f, "公示不满规定天数"), 1);
	assert_int_equal(found_count(&f, "评议会议早于信息比对完成"), 1);
	assert_int_equal(found_count(&f, "办理日期晚于今天"), 1);
	assert_int_equal(found_count(&f, "早于本人出生日期"), 1);
	assert_int_equal(found_count(&f, "出生登记的日期与身份证"), 1);
	f.k = 0;
	assert_int_equal(contradictions_each(&F.v2, found_one, &f), 0);   /* not in 新田村 */
	for (int i = 0; i < f.k; i++)
		assert_int_equal(f.n[i], 0);
}

static void test_step3_refused_with_unresolved_objection(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t obj, run = start_run(new_household());
	fixture_drive(&F, run, 3);
	jday start = clock_today();
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", start, start + 5, &e), 0);
	clock_pin(start + 3);
	assert_int_equal(objection_add(&F.v1a, run, JDAY_NONE, "村民反映其子女在城里有房", &obj, &e), 0);
	clock_pin(start + 6);
	assert_int_equal(act(&F.v1a, run, OUT_PASS, 0, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "异议"));
	assert_int_equal(objection_resolve(&F.v1a, obj, "", &e), -1);
	assert_int_equal(objection_resolve(&F.v1a, obj, "经核实房屋为子女所有，不影响认定", &e), 0);
	assert_int_equal(act(&F.v1a, run, OUT_PASS, 0, NULL, &e), 0);
}

static void test_objection_key_refused_outside_step3(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t obj, run = start_run(new_household());
	struct flow_run r = run_of(run);
	assert_int_equal(objection_may_add(&F.v1a, &r, &e), -1);
	assert_int_equal(objection_add(&F.v1a, run, JDAY_NONE, "村民反映收入高", &obj, &e), -1);
	assert_non_null(strstr(e.msg, "第3步"));
	assert_non_null(strstr(e.msg, "现在在第1步"));
	assert_false(objection_offered(&F.v1a, &r));
	fixture_drive(&F, run, 3);
	r = run_of(run);
	assert_false(objection_offered(&F.v1a, &r));              /* nothing posted yet */
	assert_int_equal(objection_add(&F.v1a, run, JDAY_NONE, "村民反映收入高", &obj, &e), -1);
	assert_non_null(strstr(e.msg, "尚未登记公示"));
	jday posted = clock_today();
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", posted, posted + 5, &e), 0);
	assert_true(objection_offered(&F.v1a, &r));
	assert_false(objection_offered(&F.admin, &r));
	char want[128], a[11], b[11];
	snprintf(want, sizeof want, "收到异议的日期%s早于公示开始日期%s", date_fmt(posted - 1, a),
	         date_fmt(posted, b));
	assert_int_equal(objection_add(&F.v1a, run, posted - 1, "村民反映收入高", &obj, &e), -1);
	assert_non_null(strstr(e.msg, want));                    /* it answers the posting */
	assert_int_equal(objection_add(&F.v1a, run, JDAY_NONE, "村民反映收入高", &obj, &e), 0);
	assert_int_equal(objection_resolve(&F.v1a, obj, "经核实不属实", &e), 0);
	clock_pin(clock_today() + 6);
	assert_int_equal(act(&F.v1a, run, OUT_PASS, 0, NULL, &e), 0);
	r = run_of(run);
	assert_int_equal(objection_add(&F.ta, run, JDAY_NONE, "又有人反映", &obj, &e), -1);
	assert_non_null(strstr(e.msg, "现在在第4步"));
	assert_false(objection_offered(&F.ta, &r));
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM objections WHERE run_id = ?", run), 1);
}

static void test_return_keeps_records_and_redoes_step(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct step_record recs[16];
	int64_t run = start_run(new_household());
	fixture_drive(&F, run, 4);
	assert_int_equal(act(&F.ta, run, OUT_RETURN, 2, "", &e), -1);            /* a reason is required */
	assert_int_equal(act(&F.ta, run, OUT_RETURN, 4, "理由", &e), -1);        /* only to an earlier step */
	assert_int_equal(act(&F.ta, run, OUT_RETURN, 2, "车辆信息需复核", &e), 0);
	struct flow_run r = run_of(run);
	assert_int_equal(r.step, 2);
	assert_int_equal(r.state, RUN_OPEN);
	int n = flow_steps(&F.ta, run, recs, 16);
	assert_int_equal(n, 4);                        /* steps 1-3 and the return: nothing erased */
	assert_int_equal(recs[3].outcome, OUT_RETURN);
	assert_int_equal(recs[3].back_to, 2);
	assert_string_equal(recs[3].reason, "车辆信息需复核");
	fixture_drive(&F, run, 4);                      /* steps 2 and 3 done again */
	assert_int_equal(flow_steps(&F.ta, run, recs, 16), 6);
}

static void test_fail_ends_identification_not_included(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = new_household(), run = start_run(hh);
	fixture_drive(&F, run, 4);
	assert_int_equal(act(&F.ta, run, OUT_FAIL, 0, NULL, &e), -1);
	assert_string_equal(e.field, "reason");
	assert_int_equal(act(&F.ta, run, OUT_FAIL, 0, "家有商品房两套", &e), 0);
	struct flow_run r = run_of(run);
	assert_int_equal(r.state, RUN_FAILED);
	assert_string_equal(r.closed_on, "2026-01-11");   /* step 3 passed a posting later */
	status_is(hh, "未纳入");
	assert_int_equal(act(&F.ca, run, OUT_PASS, 0, NULL, &e), -1);
	assert_int_equal(flow_open_run(&F.ta, hh), 0);
}

static void test_one_open_run_per_household(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	int64_t run2, hh = new_household(), run = start_run(hh);
	/* a second source for the household joins the started lead */
	int64_t lead = lead_for(&F.ta, hh, "部门筛查预警", "医保", &merged, &e);
	assert_int_equal(merged, 1);
	assert_int_equal(run_of(run).lead_id, lead);
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run2, &e), -1);
	assert_int_equal(store_exec(F.db, "INSERT INTO flow_runs(household_id, kind, started_on,"
	                            " counted_from) VALUES (?, '风险消除', '2026-01-05', '2026-01-05')",
	                            "l", hh), -1);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM flow_runs WHERE household_id = ?", hh), 1);
}

static void test_identification_overdue_after_deadline(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	int64_t run, hh = new_household();
	struct lead_input in = { .household_id = hh, .channel = "农户自主申报",
	                         .found_on = FIXTURE_DAY - 10, .reason = "看病" };
	int64_t lead;
	assert_int_equal(lead_create(&F.v1a, &in, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	clock_pin(FIXTURE_DAY + 5);                     /* 15 days from the lead: still in time */
	assert_int_equal(run_of(run).overdue, 0);
	assert_false(flags_of(&F.v1a, hh) & FLAG_RUN_OVERDUE);
	clock_pin(FIXTURE_DAY + 6);                     /* 16 days */
	assert_int_equal(run_of(run).overdue, 1);
	assert_true(flags_of(&F.v1a, hh) & FLAG_RUN_OVERDUE);
	fixture_drive(&F, run, 6);
	assert_false(flags_of(&F.v1a, hh) & FLAG_RUN_OVERDUE);
}

static void test_identification_pass_sets_monitored_type_risks_date(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct household h;
	int64_t hh = fixture_household(&F, F.village1, "王五", 1, "普通劳动力");
	int64_t run = start_run(hh);
	fixture_drive(&F, run, 5);                    /* step 3 passed on FIXTURE_DAY + 6 */
	clock_pin(FIXTURE_DAY + 8);
	fixture_pass(&F.ca, run, "decision", "同意纳入", "risks", "因病、因学", NULL);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	assert_int_equal(h.status, STATUS_MONITORED);
	assert_string_equal(h.hh_type, "脱贫不稳定户");
	assert_string_equal(h.identified_on, "2026-01-13");
	assert_int_equal(h.nrisks, 2);
	assert_string_equal(h.risks[1], "因学");
	assert_int_equal(run_of(run).state, RUN_PASSED);
}

/* Choosing 因自然灾害 at identification names which sub-item(s) struck the
 * household (100A271): refused without one, refused beside other risks
 * only, and once the county decides, the household carries them, as the
 * national system's queue does. */
static void test_disaster_risk_names_its_subitems(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct household h;
	int64_t hh = new_household();
	int64_t run = start_run(hh);
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS, .nkv = 4,
	                         .keys = { "commitment", "hh_type", "risks", "disaster" },
	                         .values = { "是", "边缘易致贫户", "因病、因自然灾害", "" } };
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_string_equal(e.field, "disaster");
	assert_non_null(strstr(e.msg, "须选择因自然灾害子项"));
	in.values[2] = "因病";
	in.values[3] = "旱灾";
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_string_equal(e.field, "disaster");
	assert_non_null(strstr(e.msg, "风险类型中没有因自然灾害"));
	in.values[2] = "因病、因自然灾害";
	in.values[3] = "火山喷发";
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_non_null(strstr(e.msg, "火山喷发"));
	in.values[3] = "旱灾，洪涝灾害";               /* typed in any order */
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), 0);
	assert_string_equal(run_of(run).disaster, "洪涝灾害、旱灾");   /* the table's order */
	fixture_drive(&F, run, 5);
	clock_pin(clock_today() + 1);
	fixture_pass(&F.ca, run, "decision", "同意", NULL);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	assert_int_equal(h.status, STATUS_MONITORED);
	assert_string_equal(h.disaster, "洪涝灾害、旱灾");
	assert_int_equal(store_int(F.db, 0, "SELECT count(*) FROM upstream WHERE household_id = ?"
	                           " AND instr(fields, '因自然灾害子项\t洪涝灾害,旱灾') > 0",
	                           "l", hh), 1);
}

/* The county may take the risk away at step 5: its sub-items go with it. */
static void test_disaster_subitems_leave_with_the_risk(void **state)
{
	(void)state;
	struct household h;
	struct jerr e = { 0 };
	int64_t hh = new_household();
	int64_t run = start_run(hh);
	fixture_pass(&F.v1a, run, "commitment", "是", "hh_type", "边缘易致贫户", "risks",
	             "因自然灾害", "disaster", "地震灾害", NULL);
	fixture_drive(&F, run, 5);
	clock_pin(clock_today() + 1);
	fixture_pass(&F.ca, run, "decision", "同意", "risks", "因病", NULL);
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	assert_string_equal(h.risks[0], "因病");
	assert_string_equal(h.disaster, "");
}

static void test_step_dates_not_future_nor_before_previous(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t run = start_run(new_household());
	struct step_input in = { .done_on = FIXTURE_DAY + 1, .outcome = OUT_PASS, .nkv = 3,
	                         .keys = { "commitment", "hh_type", "risks" },
	                         .values = { "是", "边缘易致贫户", "因病" } };
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	assert_string_equal(e.field, "done_on");
	in.done_on = FIXTURE_DAY - 1;                   /* before the run started */
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), -1);
	in.done_on = FIXTURE_DAY;
	assert_int_equal(flow_complete(&F.v1a, run, &in, &e), 0);
}

static void test_refusal_inside_caller_transaction_keeps_it_usable(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int merged;
	int64_t hh = new_household(), run = start_run(hh);
	assert_int_equal(store_begin(F.db), 0);           /* e.g. the demo generator */
	assert_int_equal(act(&F.ta, run, OUT_PASS, 0, NULL, &e), -1);
	assert_true(lead_for(&F.v1a, new_household(), "农户自主申报", NULL, &merged, &e) > 0);
	assert_int_equal(store_commit(F.db), 0);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM leads WHERE id > ?", 0), 2);
	assert_int_equal(store_begin(F.db), 0);           /* and a caller's rollback undoes ours */
	fixture_drive(&F, run, 3);
	store_rollback(F.db);
	assert_int_equal(run_of(run).step, 1);
}

/* A step screen offers its actions only to the officer who may do the
 * step: not to another role, not past four eyes; 退回 needs an earlier
 * step and objections a registered posting (issue 16, item 10). */
static void test_step_actions_offered_only_to_who_may_act(void **state)
{
	(void)state;
	const unsigned all = FLOW_OFFER_PASS | FLOW_OFFER_RETURN | FLOW_OFFER_REJECT |
	                     FLOW_OFFER_OBJECTION;
	int64_t run = start_run(new_household());
	struct flow_run r = run_of(run);
	assert_int_equal(flow_offers(&F.v1a, &r), FLOW_OFFER_PASS | FLOW_OFFER_REJECT);
	assert_int_equal(flow_offers(&F.ta, &r), 0);          /* step 1 is the village's */
	assert_int_equal(flow_offers(&F.ca, &r), 0);
	fixture_drive(&F, run, 2);
	r = run_of(run);
	assert_int_equal(flow_offers(&F.ta, &r), FLOW_OFFER_PASS | FLOW_OFFER_RETURN | FLOW_OFFER_REJECT);
	assert_int_equal(flow_offers(&F.v1a, &r), 0);
	fixture_drive(&F, run, 3);
	r = run_of(run);
	assert_int_equal(flow_offers(&F.v1a, &r), all & ~FLOW_OFFER_OBJECTION);   /* no posting */
	struct jerr e = { 0 };
	assert_int_equal(flow_post(&F.v1a, run, "村务公开栏", clock_today(), clock_today() + 5, &e), 0);
	assert_int_equal(flow_offers(&F.v1a, &r), all);
	assert_int_equal(flow_offers(&F.v2, &r), 0);           /* another village */
	fixture_drive(&F, run, 6);
	r = run_of(run);
	assert_int_equal(flow_offers(&F.ca, &r), 0);          /* closed */
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_leads_for_same_household_merge),
		T(test_leads_for_same_person_merge_and_learn_household),
		T(test_import_key_adds_nothing_twice),
		T(test_warning_lead_needs_department),
		T(test_lead_outside_area_refused),
		T(test_lead_dismissed_with_reason_only),
		T(test_lead_start_creates_identification_run),
		T(test_step1_shows_the_income_already_recorded),
		T(test_lead_for_monitored_household_refused),
		T(test_role_does_step_as_configured),
		T(test_step_role_from_configuration),
		T(test_tuopin_household_type_from_the_register_rule),
		T(test_step_values_checked_as_typed),
		T(test_lead_source_checked_as_typed),
		T(test_officer_area_enforced),
		T(test_four_eyes_same_officer_refused),
		T(test_four_eyes_looks_at_latest_pass),
		T(test_step1_requires_signed_commitment),
		T(test_identification_needs_type_and_risks),
		T(test_step_data_dates_checked),
		T(test_step3_refused_without_posting),
		T(test_step3_on_last_posting_day_refused_day_after_accepted),
		T(test_step3_refused_with_unresolved_objection),
		T(test_lead_deadline_across_holiday_and_tiaoxiu_saturday),
		T(test_lead_overdue_after_verify_by),
		T(test_lead_result_recorded_with_who_and_when),
		T(test_lead_assigned_to_an_officer_of_its_village),
		T(test_lead_results_exported_for_department),
		T(test_back_dated_posting_refused_with_both_dates_named),
		T(test_check_finds_records_that_contradict_the_rules),
		T(test_check_finds_blank_visits_short_postings_and_member_dates),
		T(test_posting_start_in_future_refused),
		T(test_meeting_before_step2_refused),
		T(test_date_asked_as_typed_gives_the_save_refusal),
		T(test_visit_before_lead_and_check_before_visit_refused),
		T(test_redone_steps_of_returned_run_follow_the_order),
		T(test_objection_key_refused_outside_step3),
		T(test_return_keeps_records_and_redoes_step),
		T(test_fail_ends_identification_not_included),
		T(test_one_open_run_per_household),
		T(test_identification_overdue_after_deadline),
		T(test_identification_pass_sets_monitored_type_risks_date),
		T(test_disaster_risk_names_its_subitems),
		T(test_disaster_subitems_leave_with_the_risk),
		T(test_step_dates_not_future_nor_before_previous),
		T(test_refusal_inside_caller_transaction_keeps_it_usable),
		T(test_step_actions_offered_only_to_who_may_act),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
