/* One household through the whole procedure on pinned dates: a lead,
 * identification to 监测中, a contact person, measures and visits over six
 * months, elimination to 风险已消除, rollback, elimination again, the risk
 * returning and re-identification; then the audit trail is read back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "assist/assist.h"
#include "fixture.h"
#include "register/flags.h"
#include "flow/flow.h"
#include "register/household.h"
#include "flow/lead.h"
#include "store/store.h"

static struct fixture F;

static jday day(int m, int d) { return date_from_ymd(2026, m, d); }

static void status_is(int64_t hh, const char *status)
{
	char now[16];
	store_text(F.db, now, sizeof now, "SELECT status FROM households WHERE id = ?", "l", hh);
	assert_string_equal(now, status);
}

/* Steps 1-5 on pinned days from `d`: the visit on d, the cross-check sent
 * and done the next day, the meeting then and the posting from then for
 * five days, step 3 the day after it, steps 4 and 5 a day apart. */
static jday five_steps(int64_t run, jday d, const char *risks)
{
	struct jerr e = { 0 };
	char visit[11], sent[11];
	clock_pin(d);
	fixture_pass(&F.v1a, run, "commitment", "是", "visit_date", date_fmt(d, visit), "risks", risks,
	             "hh_type", risks ? "边缘易致贫户" : NULL, "disaster",
	             risks && strstr(risks, "因自然灾害") ? "洪涝灾害" : NULL, NULL);
	clock_pin(++d);
	fixture_pass(&F.ta, run, "sent_on", date_fmt(d, sent), "result", "无异常", NULL);
	assert_int_equal(flow_post(&F.v1a, run, "龙阳村村务公开栏", d, d + 5, &e), 0);
	clock_pin(d += 6);
	fixture_pass(&F.v1a, run, "meeting_date", sent, "participants", "15", NULL);
	clock_pin(++d);
	fixture_pass(&F.ta, run, "decision", "同意", NULL);
	clock_pin(++d);
	fixture_pass(&F.ca, run, "decision", "同意", NULL);
	return d;
}

static int64_t lead(int64_t hh, const char *channel, const char *dept, const char *reason)
{
	struct lead_input in = { .household_id = hh, .channel = channel, .department = dept,
	                         .found_on = JDAY_NONE, .reason = reason };
	struct jerr e = { 0 };
	int64_t id;
	int merged;
	assert_int_equal(lead_create(&F.v1a, &in, &id, &merged, &e), 0);
	return id;
}

static void visit(int64_t hh, jday happened, jday entered)
{
	struct jerr e = { 0 };
	struct visit v = { .household_id = hh };
	clock_pin(entered);
	date_fmt(happened, v.visited_on);
	snprintf(v.findings, sizeof v.findings, "养蜂收入稳定");
	assert_int_equal(visit_add(&F.v1a, &v, &e), 0);
}

static void measure(int64_t hh, const char *category, jday start)
{
	struct jerr e = { 0 };
	struct measure m = { .household_id = hh, .amount = -1 };
	clock_pin(start);
	snprintf(m.category, sizeof m.category, "%s", category);
	snprintf(m.item, sizeof m.item, "%s", config_measure_cat(&F.cfg, category)->items[0].label);
	snprintf(m.content, sizeof m.content, "%s措施", category);
	date_fmt(start, m.start_on);
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
}

static void eliminate(int64_t hh, jday d)
{
	struct jerr e = { 0 };
	int64_t run;
	clock_pin(d);
	assert_int_equal(elimination_check(&F.v1a, hh, &e), 0);
	assert_int_equal(flow_start_elimination(&F.v1a, hh, "帮扶消除", &run, &e), 0);
	status_is(hh, "消除中");
	five_steps(run, d, NULL);
	status_is(hh, "风险已消除");
}

/* the household's status changes, in order, from the audit log */
static void status_trail(int64_t hh, char *out, size_t n)
{
	struct stmt *st = store_prep(F.db, "SELECT coalesce(old, ''), new FROM audit"
		" WHERE household_id = ? AND tbl = 'households' AND field = 'status' ORDER BY id",
		"l", hh);
	out[0] = 0;
	while (st && stmt_step(st) == 1) {
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s>%s ", stmt_text(st, 0), stmt_text(st, 1));
	}
	stmt_done(st);
}

static void identify(int64_t hh)
{
	struct jerr e = { 0 };
	struct household h;
	int64_t run, first = lead(hh, "基层干部排查", NULL, "走访发现户主患病");
	assert_int_equal(lead(hh, "部门筛查预警", "医保", "年度医疗自付超2万元"), first);
	assert_int_equal(lead_start(&F.v1a, first, 0, &run, &e), 0);
	status_is(hh, "识别中");
	assert_int_equal(five_steps(run, day(1, 5), "因病"), day(1, 14));
	assert_int_equal(household_get(&F.v1a, hh, &h, &e), 0);
	assert_int_equal(h.status, STATUS_MONITORED);
	assert_string_equal(h.identified_on, "2026-01-14");
	assert_string_equal(h.hh_type, "边缘易致贫户");
}

static void six_months_of_assistance(int64_t hh)
{
	struct jerr e = { 0 };
	struct contact c = { .area_id = F.township, .active = 1 };
	strcpy(c.name, "刘干部");
	strcpy(c.kind, "乡镇干部");
	assert_int_equal(contact_save(&F.ta, &c, &e), 0);
	assert_int_equal(contact_assign(&F.ta, hh, c.id, JDAY_NONE, &e), 0);
	measure(hh, "产业帮扶", day(1, 20));
	visit(hh, day(1, 20), day(1, 20));
	measure(hh, "健康帮扶", day(2, 1));
	jday seen[] = { day(2, 18), day(3, 18), day(4, 15), day(5, 14), day(6, 12), day(7, 10) };
	for (int i = 0; i < 6; i++) {
		/* April's form comes back on paper and is typed in May */
		visit(hh, seen[i], i == 2 ? day(5, 3) : seen[i]);
		assert_int_equal(flags_of(&F.ta, hh), 0);
	}
	struct income in = { .household_id = hh, .year = 2026, .wage = 2400000, .business = 600000 };
	assert_int_equal(income_save(&F.v1a, &in, &e), 0);
}

static void test_full_run_lead_to_elimination_rollback_and_reidentification(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct flow_run runs[8];
	int64_t hh = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	fixture_member(&F, hh, "李梅", "配偶", 2, "弱劳动力或半劳动力");
	identify(hh);
	six_months_of_assistance(hh);
	eliminate(hh, day(7, 14));     /* six months from 01-14 */
	clock_pin(day(8, 1));
	assert_int_equal(flow_rollback(&F.ca, hh, "抽查发现务工收入未实际到账", &e), 0);
	status_is(hh, "监测中");
	visit(hh, day(8, 2), day(8, 2));
	eliminate(hh, day(8, 10));
	clock_pin(day(10, 1));                                  /* the risk returns */
	int64_t again = lead(hh, "部门筛查预警", "应急", "房屋受洪灾损毁"), run;
	assert_int_equal(lead_start(&F.v1a, again, 0, &run, &e), 0);
	five_steps(run, day(10, 1), "因病、因自然灾害");
	status_is(hh, "监测中");
	char risks[64];
	store_text(F.db, risks, sizeof risks, "SELECT group_concat(risk, '、') FROM"
	           " (SELECT risk FROM household_risks WHERE household_id = ? ORDER BY ord)", "l", hh);
	assert_string_equal(risks, "因病、因自然灾害");
	store_text(F.db, risks, sizeof risks, "SELECT disaster FROM households WHERE id = ?", "l", hh);
	assert_string_equal(risks, "洪涝灾害");

	/* the history: four runs, every step recorded, every change audited */
	assert_int_equal(flow_runs_of(&F.ca, hh, runs, 8), 4);
	assert_int_equal(runs[0].kind, FLOW_IDENTIFY);
	assert_int_equal(runs[1].kind, FLOW_ELIMINATE);
	assert_int_equal(runs[2].kind, FLOW_ELIMINATE);
	assert_int_equal(runs[3].kind, FLOW_IDENTIFY);
	for (int i = 0; i < 4; i++)
		assert_int_equal(runs[i].state, RUN_PASSED);
	char trail[1024];
	status_trail(hh, trail, sizeof trail);
	assert_string_equal(trail, "线索>识别中 识别中>监测中 监测中>消除中 消除中>风险已消除 "
	                    "风险已消除>监测中 监测中>消除中 消除中>风险已消除 风险已消除>识别中 "
	                    "识别中>监测中 ");
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE household_id = ?"
	                 " AND tbl = 'flow_steps'", hh), 20);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE household_id = ?"
	                 " AND officer_id IS NULL", hh), 0);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE household_id = ?"
	                 " AND field = 'rollback'", hh), 1);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE household_id = ?"
	                 " AND tbl = 'visits' AND field = 'visited_on'", hh), 8);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE household_id = ?"
	                 " AND tbl = 'measures' AND field = 'category'", hh), 2);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE household_id = ?"
	                 " AND tbl = 'lead_sources'", hh), 3);
	/* who completed step 5 of every run: a county officer */
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM flow_steps f JOIN flow_runs r"
	                 " ON r.id = f.run_id JOIN officers o ON o.id = f.officer_id"
	                 " WHERE r.household_id = ? AND f.step = 5 AND o.role = 'county'", hh), 4);
}

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_full_run_lead_to_elimination_rollback_and_reidentification, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
