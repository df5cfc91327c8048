/* Assistance (SPEC §6): contact persons, measures, visits, the derived
 * flags, the to-do queues and `jiance check`.  One test per rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assist/assist.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "fixture.h"
#include "register/flags.h"
#include "flow/flow.h"
#include "register/household.h"
#include "flow/lead.h"
#include "store/store.h"
#include "flow/todo.h"

static struct fixture F;

#define IDENTIFIED date_from_ymd(2026, 1, 10)

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

static int64_t monitored(int64_t village)
{
	int64_t hh = fixture_household(&F, village, "张三", 0, "普通劳动力");
	fixture_identify(&F, hh, FIXTURE_DAY);
	return hh;
}

static int64_t contact(struct session *s, const char *name, int64_t area)
{
	struct jerr e = { 0 };
	struct contact c = { .area_id = area, .active = 1 };
	snprintf(c.name, sizeof c.name, "%s", name);
	snprintf(c.kind, sizeof c.kind, "乡镇干部");
	snprintf(c.unit, sizeof c.unit, "保家镇人民政府");
	snprintf(c.phone, sizeof c.phone, "13800138000");
	assert_int_equal(contact_save(s, &c, &e), 0);
	return c.id;
}

static int has(int64_t hh, enum flag f) { return (flags_of(&F.ta, hh) & f) != 0; }

static int64_t count_flag(enum flag f)
{
	int64_t counts[FLAG_COUNT];
	assert_int_equal(flags_count(&F.ta, counts), 0);
	for (int i = 0; i < FLAG_COUNT; i++)
		if ((1 << i) == (int)f)
			return counts[i];
	return -1;
}

static int visit_on(int64_t hh, jday day, struct jerr *e)
{
	struct visit v = { .household_id = hh };
	date_fmt(day, v.visited_on);
	snprintf(v.findings, sizeof v.findings, "家中情况稳定");
	return visit_add(&F.v1a, &v, e);
}

static struct measure measure_of(int64_t hh, const char *category, const char *start)
{
	struct measure m = { .household_id = hh, .amount = -1 };
	snprintf(m.category, sizeof m.category, "%s", category);
	snprintf(m.content, sizeof m.content, "帮扶内容");
	snprintf(m.start_on, sizeof m.start_on, "%s", start);
	return m;
}

/* ---- contact persons ---- */

static void test_contact_assignment_keeps_history(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct contact_assignment hist[8];
	int64_t hh = monitored(F.village1);
	int64_t a = contact(&F.ta, "刘干部", F.township), b = contact(&F.ta, "陈书记", F.village1);
	assert_int_equal(contact_assign(&F.ta, hh, a, IDENTIFIED, &e), 0);
	clock_pin(IDENTIFIED + 40);
	assert_int_equal(contact_assign(&F.ta, hh, b, IDENTIFIED - 1, &e), -1);   /* before a's start */
	assert_int_equal(contact_assign(&F.ta, hh, b, JDAY_NONE, &e), 0);
	assert_int_equal(contact_history(&F.ta, hh, hist, 8), 2);
	assert_int_equal(hist[0].contact_id, a);
	assert_string_equal(hist[0].from_on, "2026-01-10");
	assert_string_equal(hist[0].to_on, "2026-02-19");
	assert_int_equal(hist[1].contact_id, b);
	assert_string_equal(hist[1].to_on, "");
	assert_int_equal(fixture_count(&F, "SELECT contact_id FROM households WHERE id = ?", hh), b);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM contact_assignments"
	                 " WHERE household_id = ? AND to_on IS NULL", hh), 1);
	assert_true(fixture_count(&F, "SELECT count(*) FROM audit WHERE household_id = ?"
	            " AND field = 'contact'", hh) >= 3);
}

static void test_contact_must_serve_the_household(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = monitored(F.village1);
	int64_t other = contact(&F.ta, "外村干部", F.village2);
	assert_int_equal(contact_assign(&F.ta, hh, other, JDAY_NONE, &e), -1);
	assert_non_null(strstr(e.msg, "范围"));
	assert_int_equal(contact_assign(&F.v2, hh, other, JDAY_NONE, &e), -1);   /* not their village */
}

static void test_bulk_assign_one_transaction(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t ids[3] = { monitored(F.village1), monitored(F.village1), monitored(F.village2) };
	int64_t c = contact(&F.ta, "吴驻村", F.village1);
	assert_int_equal(contact_bulk_assign(&F.ta, ids, 3, c, JDAY_NONE, &e), -1);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM contact_assignments WHERE contact_id = ?",
	                               c), 0);
	assert_int_equal(contact_bulk_assign(&F.ta, ids, 2, c, JDAY_NONE, &e), 0);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM households WHERE contact_id = ?", c), 2);
}

static void test_monitored_without_contact_flagged(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = monitored(F.village1);
	int64_t lead_only = fixture_household(&F, F.village1, "线索户", 0, "普通劳动力");
	assert_true(has(hh, FLAG_NO_CONTACT));
	assert_false(has(lead_only, FLAG_NO_CONTACT));
	assert_int_equal(count_flag(FLAG_NO_CONTACT), 1);
	assert_int_equal(contact_assign(&F.ta, hh, contact(&F.ta, "刘干部", F.township), JDAY_NONE, &e), 0);
	assert_false(has(hh, FLAG_NO_CONTACT));
	assert_int_equal(count_flag(FLAG_NO_CONTACT), 0);
}

/* ---- measures ---- */

static void test_measure_category_from_configuration(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = monitored(F.village1);
	struct measure m = measure_of(hh, "发红包", "2026-01-08");
	assert_int_equal(measure_save(&F.v1a, &m, &e), -1);
	assert_string_equal(e.field, "category");
	m = measure_of(hh, "产业帮扶", "2026-01-08");
	m.developmental = 0;                          /* typed wrongly: derived anyway */
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
	assert_int_equal(m.developmental, 1);
	m = measure_of(hh, "健康帮扶", "2026-01-08");
	m.developmental = 1;
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
	assert_int_equal(m.developmental, 0);
	strcpy(F.cfg.categories[4].name, "光伏收益");   /* a county's own category */
	F.cfg.categories[4].developmental = 1;
	m = measure_of(hh, "光伏收益", "2026-01-08");
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
	assert_int_equal(m.developmental, 1);
}

static void test_measure_edit_and_finish(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct measure list[4];
	int64_t hh = monitored(F.village1);
	struct measure m = measure_of(hh, "就业帮扶", "2026-01-09");
	m.amount = 120000;
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
	assert_string_equal(m.entered_on, "2026-01-10");
	assert_string_equal(m.state, "实施中");
	struct measure stale = m;
	strcpy(m.content, "介绍到县城工业园区务工");
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
	assert_int_equal(measure_save(&F.v1a, &stale, &e), -1);   /* someone saved since */
	assert_int_equal(measure_finish(&F.v1a, m.id, IDENTIFIED + 1, &e), -1);   /* future */
	clock_pin(IDENTIFIED + 30);
	assert_int_equal(measure_finish(&F.v1a, m.id, JDAY_NONE, &e), 0);
	assert_int_equal(measure_list(&F.v1a, hh, list, 4), 1);
	assert_string_equal(list[0].state, "已完成");
	assert_string_equal(list[0].end_on, "2026-02-09");
	assert_string_equal(list[0].content, "介绍到县城工业园区务工");
	assert_int_equal(list[0].amount, 120000);
	m = measure_of(hh, "产业帮扶", "2026-03-01");   /* a future start is only a plan */
	assert_int_equal(measure_save(&F.v1a, &m, &e), -1);
	assert_string_equal(e.field, "start_on");
	char saved[sizeof e.msg];
	snprintf(saved, sizeof saved, "%s", e.msg);
	/* the form's check while typing is the save's */
	assert_int_equal(measure_start_check("2026-03-01", "实施中", &e), -1);
	assert_string_equal(e.msg, saved);
	assert_int_equal(measure_start_check("2026-03-01", "计划", &e), 0);
	assert_int_equal(measure_start_check("2026-02-09", "实施中", &e), 0);
	assert_int_equal(measure_start_check("三月", "计划", &e), -1);
	assert_string_equal(e.field, "start_on");
	strcpy(m.state, "计划");
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
}

static void test_no_measure_after_grace_days_flagged(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = monitored(F.village1);
	clock_pin(IDENTIFIED + 30);
	assert_false(has(hh, FLAG_NO_MEASURE));
	clock_pin(IDENTIFIED + 31);
	assert_true(has(hh, FLAG_NO_MEASURE));
	assert_int_equal(count_flag(FLAG_NO_MEASURE), 1);
	struct measure m = measure_of(hh, "健康帮扶", "2026-02-01");
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
	assert_false(has(hh, FLAG_NO_MEASURE));
}

static void test_no_developmental_measure_flagged_after_six_months(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = monitored(F.village1);
	int64_t weak = fixture_household(&F, F.village1, "无劳力", 0, "无劳动力");
	fixture_identify(&F, weak, FIXTURE_DAY);
	struct measure m = measure_of(hh, "健康帮扶", "2026-01-10");
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
	clock_pin(date_from_ymd(2026, 7, 9));
	assert_false(has(hh, FLAG_NO_DEV_MEASURE));
	clock_pin(date_from_ymd(2026, 7, 10));
	assert_true(has(hh, FLAG_NO_DEV_MEASURE));
	assert_false(has(weak, FLAG_NO_DEV_MEASURE));    /* no labour: not asked for */
	m = measure_of(hh, "金融帮扶(小额信贷)", "2026-07-01");
	assert_int_equal(measure_save(&F.v1a, &m, &e), 0);
	assert_false(has(hh, FLAG_NO_DEV_MEASURE));
}

/* ---- visits ---- */

static void test_visit_overdue_after_interval(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = monitored(F.village1);
	clock_pin(IDENTIFIED + 31);                   /* counted from identification */
	assert_false(has(hh, FLAG_VISIT_OVERDUE));
	clock_pin(IDENTIFIED + 32);
	assert_true(has(hh, FLAG_VISIT_OVERDUE));
	assert_int_equal(visit_on(hh, IDENTIFIED + 32, &e), 0);
	clock_pin(IDENTIFIED + 32 + 31);
	assert_false(has(hh, FLAG_VISIT_OVERDUE));
	clock_pin(IDENTIFIED + 32 + 32);
	assert_true(has(hh, FLAG_VISIT_OVERDUE));
	assert_int_equal(count_flag(FLAG_VISIT_OVERDUE), 1);
}

static void test_late_visit_clears_overdue(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct visit vs[4];
	int64_t hh = monitored(F.village1);
	jday may = date_from_ymd(2026, 5, 20), july = date_from_ymd(2026, 7, 15);
	clock_pin(date_from_ymd(2026, 4, 20));
	assert_int_equal(visit_on(hh, date_from_ymd(2026, 4, 20), &e), 0);
	clock_pin(july);
	assert_true(has(hh, FLAG_VISIT_OVERDUE));
	assert_int_equal(visit_on(hh, may, &e), 0);        /* May's paper form, typed in July */
	assert_true(has(hh, FLAG_VISIT_OVERDUE));        /* May covers until June 20 only */
	assert_int_equal(visit_on(hh, date_from_ymd(2026, 6, 25), &e), 0);
	assert_false(has(hh, FLAG_VISIT_OVERDUE));
	assert_int_equal(visit_on(hh, date_from_ymd(2026, 3, 1), &e), 0);   /* older: no step back */
	assert_false(has(hh, FLAG_VISIT_OVERDUE));
	assert_int_equal(visit_list(&F.v1a, hh, vs, 4), 4);
	assert_string_equal(vs[0].visited_on, "2026-06-25");
	assert_string_equal(vs[0].entered_on, "2026-07-15");
	char last[11];
	store_text(F.db, last, sizeof last, "SELECT last_visit_on FROM households WHERE id = ?", "l", hh);
	assert_string_equal(last, "2026-06-25");
}

static void test_visit_in_future_refused(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = monitored(F.village1);
	assert_int_equal(visit_on(hh, clock_today() + 1, &e), -1);
	assert_string_equal(e.field, "visited_on");
	int64_t lead_only = fixture_household(&F, F.village1, "线索户", 0, "普通劳动力");
	assert_int_equal(visit_on(lead_only, clock_today(), &e), -1);
}

static void test_visit_edit_moves_last_visit(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t hh = monitored(F.village1);
	clock_pin(date_from_ymd(2026, 3, 1));
	struct visit v = { .household_id = hh };
	strcpy(v.visited_on, "2026-02-28");
	assert_int_equal(visit_add(&F.v1a, &v, &e), 0);
	strcpy(v.visited_on, "2026-02-10");               /* the date was mistyped */
	assert_int_equal(visit_update(&F.v1a, &v, &e), 0);
	char last[11];
	store_text(F.db, last, sizeof last, "SELECT last_visit_on FROM households WHERE id = ?", "l", hh);
	assert_string_equal(last, "2026-02-10");
}

static void test_visit_clock_starts_at_identification(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t lead, run, hh = fixture_household(&F, F.village1, "李四", 0, "普通劳动力");
	int merged;
	struct lead_input in = { .household_id = hh, .channel = "基层干部排查",
	                         .found_on = JDAY_NONE, .reason = "走访发现" };
	assert_int_equal(lead_create(&F.v1a, &in, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	assert_int_equal(visit_on(hh, FIXTURE_DAY, &e), 0);     /* visited while being identified */
	clock_pin(FIXTURE_DAY + 20);
	fixture_drive(&F, run, 6);                                  /* 纳入 on day 20 */
	clock_pin(FIXTURE_DAY + 45);                                /* 45 days since the visit */
	assert_false(has(hh, FLAG_VISIT_OVERDUE));
	assert_int_equal(count_flag(FLAG_VISIT_OVERDUE), 0);
	clock_pin(FIXTURE_DAY + 52);
	assert_true(has(hh, FLAG_VISIT_OVERDUE));
	assert_int_equal(count_flag(FLAG_VISIT_OVERDUE), 1);
}

/* ---- one definition per flag; to-do queues ---- */

static void test_flags_same_in_lists_counts_and_one_household(void **state)
{
	(void)state;
	struct todo_row rows[8];
	int64_t a = monitored(F.village1), b = monitored(F.village1), c = monitored(F.village2);
	(void)b;
	clock_pin(IDENTIFIED + 40);
	for (int i = 0; i < FLAG_COUNT; i++) {
		enum flag f = (enum flag)(1 << i);
		int64_t n = todo_households_count(&F.ta, f, 0);
		assert_int_equal(n, count_flag(f));
		int got = todo_households(&F.ta, f, 0, 0, rows, 8);
		assert_int_equal(got, n);
		for (int j = 0; j < got; j++)
			assert_true(flags_of(&F.ta, rows[j].household_id) & f);
	}
	assert_int_equal(todo_households_count(&F.v1a, FLAG_VISIT_OVERDUE, 0), 2);   /* scoped */
	assert_int_equal(flags_of(&F.v2, a), 0);                                      /* not visible */
	assert_true(flags_of(&F.v2, c) & FLAG_VISIT_OVERDUE);
}

static void test_overdue_visits_listed_per_contact_person(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct todo_row rows[8];
	struct contact cs[4];
	int64_t a = monitored(F.village1), b = monitored(F.village1), c = monitored(F.village1);
	int64_t liu = contact(&F.ta, "刘干部", F.township), chen = contact(&F.ta, "陈书记", F.village1);
	int64_t two[2] = { a, b };
	assert_int_equal(contact_bulk_assign(&F.ta, two, 2, liu, JDAY_NONE, &e), 0);
	assert_int_equal(contact_assign(&F.ta, c, chen, JDAY_NONE, &e), 0);
	clock_pin(IDENTIFIED + 40);
	assert_int_equal(visit_on(b, IDENTIFIED + 35, &e), 0);
	assert_int_equal(todo_households_count(&F.ta, FLAG_VISIT_OVERDUE, liu), 1);
	assert_int_equal(todo_households(&F.ta, FLAG_VISIT_OVERDUE, liu, 0, rows, 8), 1);
	assert_int_equal(rows[0].household_id, a);
	assert_int_equal(rows[0].days_since_visit, 40);
	assert_string_equal(rows[0].contact_name, "刘干部");
	assert_int_equal(todo_households(&F.ta, FLAG_VISIT_OVERDUE, 0, 0, rows, 8), 2);
	assert_string_equal(rows[0].contact_name, "陈书记");   /* by contact person, pinyin */
	assert_int_equal(contact_list(&F.ta, 0, cs, 4), 2);
	assert_string_equal(cs[0].name, "陈书记");
	assert_int_equal(cs[1].households, 2);
	assert_int_equal(cs[1].overdue, 1);
	assert_int_equal(contact_list(&F.v2, 0, cs, 4), 1);   /* the township's cadre serves every village */
}

static void test_todo_steps_respect_role_and_four_eyes(void **state)
{
	(void)state;
	struct flow_run runs[8];
	F.cfg.step_roles[1] = ROLE_VILLAGE;
	int64_t hh = fixture_household(&F, F.village1, "待办户", 0, "普通劳动力");
	int64_t hh2 = fixture_household(&F, F.village2, "外村户", 0, "普通劳动力");
	struct jerr e = { 0 };
	int merged;
	int64_t lead, run;
	struct lead_input in = { .household_id = hh, .channel = "农户自主申报",
	                         .found_on = JDAY_NONE, .reason = "看病" };
	assert_int_equal(lead_create(&F.v1a, &in, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v1a, lead, 0, &run, &e), 0);
	in.household_id = hh2;
	assert_int_equal(lead_create(&F.v2, &in, &lead, &merged, &e), 0);
	assert_int_equal(lead_start(&F.v2, lead, 0, NULL, &e), 0);
	assert_int_equal(todo_steps_count(&F.v1a), 1);       /* step 1 of its own village only */
	assert_int_equal(todo_steps_count(&F.ta), 0);
	fixture_drive(&F, run, 2);                             /* v1a did step 1 */
	assert_int_equal(todo_steps_count(&F.v1a), 0);       /* four eyes: not v1a's to do */
	assert_int_equal(todo_steps(&F.v1b, 0, runs, 8), 1);
	assert_int_equal(runs[0].id, run);
	assert_int_equal(runs[0].step, 2);
	clock_pin(FIXTURE_DAY + 16);
	assert_int_equal(todo_overdue_runs_count(&F.ta), 2);
	assert_int_equal(todo_overdue_runs(&F.v1a, 0, runs, 8), 1);
}

/* ---- jiance check ---- */

static void test_check_command_counts_every_flag(void **state)
{
	(void)state;
	fixture_close(&F);
	fixture_open(&F, 1);                                   /* a file the command opens again */
	monitored(F.village1);
	clock_pin(IDENTIFIED + 40);
	char out[] = "/tmp/jiance-check-XXXXXX";
	int fd = mkstemp(out), saved = dup(1);
	static struct cli c;
	memset(&c, 0, sizeof c);
	config_defaults(&c.cfg);
	c.db_path = F.path;
	c.as_login = "ta";
	char *argv[] = { "check", NULL };
	fflush(stdout);
	dup2(fd, 1);
	int rc = cmd_check(&c, 1, argv);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	cli_close(&c);
	char text[2048] = "";
	ssize_t n = pread(fd, text, sizeof text - 1, 0);
	close(fd);
	unlink(out);
	assert_int_equal(rc, 0);
	assert_true(n > 0);
	assert_non_null(strstr(text, "数据库完整性：正常"));
	assert_non_null(strstr(text, "没有帮扶联系人的户：1户"));
	assert_non_null(strstr(text, "仍没有帮扶措施的户：1户"));
	assert_non_null(strstr(text, "超过31天未走访的户：1户"));
	assert_non_null(strstr(text, "未办结的户：0户"));
	assert_non_null(strstr(text, "开发式帮扶措施的户：0户"));
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_contact_assignment_keeps_history),
		T(test_contact_must_serve_the_household),
		T(test_bulk_assign_one_transaction),
		T(test_monitored_without_contact_flagged),
		T(test_measure_category_from_configuration),
		T(test_measure_edit_and_finish),
		T(test_no_measure_after_grace_days_flagged),
		T(test_no_developmental_measure_flagged_after_six_months),
		T(test_visit_overdue_after_interval),
		T(test_late_visit_clears_overdue),
		T(test_visit_in_future_refused),
		T(test_visit_edit_moves_last_visit),
		T(test_visit_clock_starts_at_identification),
		T(test_flags_same_in_lists_counts_and_one_household),
		T(test_overdue_visits_listed_per_contact_person),
		T(test_todo_steps_respect_role_and_four_eyes),
		T(test_check_command_counts_every_flag),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
