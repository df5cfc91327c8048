#include "fixture.h"
#include "testdb.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/area.h"
#include "flow/flow.h"
#include "register/household.h"
#include "assist/assist.h"
#include "base/idcard.h"
#include "flow/lead.h"
#include "access/officer.h"
#include "base/pinyin.h"

static void die(const char *what, const struct jerr *e)
{
	fprintf(stderr, "fixture: %s: %s\n", what, e->msg);
	abort();
}

static void areas(struct fixture *f)
{
	struct session sys = { .db = f->db, .cfg = &f->cfg };
	struct jerr e = { 0 };
	if (area_add(&sys, 0, "500243000000", "彭水苗族土家族自治县", &f->county, &e) ||
	    area_add(&sys, f->county, "500243100000", "保家镇", &f->township, &e) ||
	    area_add(&sys, f->township, "500243100201", "龙阳村", &f->village1, &e) ||
	    area_add(&sys, f->township, "500243100202", "新田村", &f->village2, &e) ||
	    area_add(&sys, f->village1, "500243100201001", "一组", &f->group1, &e) ||
	    area_add(&sys, f->village2, "500243100202001", "一组", &f->group2, &e))
		die("areas", &e);
}

static const struct { const char *login, *name, *role; int where; } officers[] = {
	{ "admin", "管理员", "admin", 0 },
	{ "v1a", "龙阳村甲", "village", 2 }, { "v1b", "龙阳村乙", "village", 2 },
	{ "v2", "新田村甲", "village", 3 },
	{ "ta", "保家镇甲", "township", 1 }, { "tb", "保家镇乙", "township", 1 },
	{ "ca", "县甲", "county", 0 }, { "cb", "县乙", "county", 0 },
};

static void people(struct fixture *f)
{
	struct session sys = { .db = f->db, .cfg = &f->cfg };
	struct session *mine[] = { &f->admin, &f->v1a, &f->v1b, &f->v2, &f->ta, &f->tb, &f->ca, &f->cb };
	int64_t where[] = { f->county, f->township, f->village1, f->village2 };
	struct jerr e = { 0 };
	for (size_t i = 0; i < sizeof officers / sizeof officers[0]; i++) {
		if (officer_add(&sys, officers[i].login, officers[i].name, officers[i].role,
		                where[officers[i].where], NULL, &e) != 0)
			die(officers[i].login, &e);
		if (session_login(mine[i], f->db, &f->cfg, officers[i].login, &e) != 0)
			die(officers[i].login, &e);
	}
}

void fixture_open(struct fixture *f, int file)
{
	memset(f, 0, sizeof *f);
	struct jerr e = { 0 };
	clock_pin(FIXTURE_DAY);
	config_defaults(&f->cfg);
	/* on PostgreSQL every fixture is a database of the cluster */
	if (file || testdb_pg())
		testdb_fresh(f->path, sizeof f->path, "/tmp/jiance-test");
	f->db = store_open(file ? f->path : ":memory:", 1, &e);
	if (!f->db)
		die("store_open", &e);
	areas(f);
	people(f);
	f->next_hh = 1;
	f->next_id = 1;
}

void fixture_close(struct fixture *f)
{
	store_close(f->db);
	f->db = NULL;
	if (*f->path)
		testdb_drop(f->path);
	pinyin_close();
	clock_pin(JDAY_NONE);
}

void fixture_id(struct fixture *f, int year, int sex, char out[20])
{
	char first[18];
	/* the sequence's last digit is odd for men, even for women */
	int seq = f->next_id++ * 2 + (sex == 1 ? 1 : 0);
	snprintf(first, sizeof first, "500243%04u0315%03u", (unsigned)year % 10000u, (unsigned)seq % 1000u);
	snprintf(out, 20, "%s%c", first, idcard_check_digit(first));
}

struct session *fixture_village_officer(struct fixture *f, int64_t household)
{
	int64_t v = store_int(f->db, 0, "SELECT village_id FROM households WHERE id = ?", "l", household);
	return v == f->village2 ? &f->v2 : &f->v1a;
}

int64_t fixture_household(struct fixture *f, int64_t village, const char *head, int tuopin,
                          const char *labour)
{
	struct household h;
	struct member m;
	struct jerr e = { 0 };
	household_init(&h);
	snprintf(h.hh_no, sizeof h.hh_no, "50024310%04d", f->next_hh++);
	h.village_id = village;
	h.group_id = village == f->village2 ? f->group2 : f->group1;
	h.is_tuopin = tuopin;
	member_init(&m);
	snprintf(m.name, sizeof m.name, "%s", head);
	snprintf(m.labour, sizeof m.labour, "%s", labour);
	fixture_id(f, 1970, 1, m.id_no);
	if (household_create(village == f->village2 ? &f->v2 : &f->v1a, &h, &m, &e) != 0)
		die("household", &e);
	return h.id;
}

int64_t fixture_member(struct fixture *f, int64_t household, const char *name,
                       const char *relation, int sex, const char *labour)
{
	struct member m;
	struct jerr e = { 0 };
	member_init(&m);
	m.household_id = household;
	snprintf(m.name, sizeof m.name, "%s", name);
	snprintf(m.relation, sizeof m.relation, "%s", relation);
	snprintf(m.labour, sizeof m.labour, "%s", labour);
	fixture_id(f, 1972, sex, m.id_no);
	if (member_add(fixture_village_officer(f, household), &m, &e) != 0)
		die("member", &e);
	return m.id;
}

void fixture_pass(struct session *s, int64_t run, ...)
{
	struct step_input in = { .done_on = JDAY_NONE, .outcome = OUT_PASS };
	struct jerr e = { 0 };
	va_list ap;
	va_start(ap, run);
	const char *k;
	while (in.nkv < STEP_MAX_KV && (k = va_arg(ap, const char *)) != NULL) {
		in.keys[in.nkv] = k;
		in.values[in.nkv++] = va_arg(ap, const char *);
	}
	va_end(ap);
	if (flow_complete(s, run, &in, &e) != 0)
		die("flow_complete", &e);
}

int64_t fixture_identify(struct fixture *f, int64_t household, jday start)
{
	struct session *v = fixture_village_officer(f, household);
	struct lead_input li = { .household_id = household, .channel = "基层干部排查",
	                         .found_on = JDAY_NONE, .reason = "走访发现因病支出大" };
	struct jerr e = { 0 };
	int64_t lead, run;
	int merged;
	clock_pin(start);
	if (lead_create(v, &li, &lead, &merged, &e) != 0 || lead_start(v, lead, 0, &run, &e) != 0)
		die("lead", &e);
	int tuopin = (int)store_int(f->db, 0, "SELECT is_tuopin FROM households WHERE id = ?", "l",
	                            household);
	char day[11];
	date_fmt(start, day);
	fixture_pass(v, run, "commitment", "是", "hh_type", tuopin ? "脱贫不稳定户" : "边缘易致贫户",
	             "risks", "因病", "visit_date", day, NULL);
	fixture_pass(&f->ta, run, "result", "无异常", NULL);
	jday end = start + f->cfg.posting_days;
	if (flow_post(v, run, "村务公开栏", start, end, &e) != 0)
		die("flow_post", &e);
	clock_pin(end + 1);
	fixture_pass(v, run, "meeting_date", day, "participants", "12", "result", "同意", NULL);
	fixture_pass(&f->ta, run, "decision", "同意", NULL);
	fixture_pass(&f->ca, run, "decision", "同意", NULL);
	return run;
}

void fixture_drive(struct fixture *f, int64_t run, int step)
{
	struct flow_run r;
	struct jerr e = { 0 };
	while (flow_get(&f->ca, run, &r, &e) == 0 && r.state == RUN_OPEN && r.step < step) {
		struct session *v = fixture_village_officer(f, r.household_id);
		int identify = r.kind == FLOW_IDENTIFY;
		int tuopin = (int)store_int(f->db, 0, "SELECT is_tuopin FROM households WHERE id = ?",
		                            "l", r.household_id);
		const char *type = !identify ? NULL : tuopin ? "脱贫不稳定户" : "边缘易致贫户";
		switch (r.step) {
		case 1: fixture_pass(v, run, "commitment", "是", "hh_type", type, "risks",
		                     identify ? "因病" : NULL, NULL); break;
		case 2: fixture_pass(&f->ta, run, "result", "无异常", NULL); break;
		case 3:   /* posted today, passed the day after it has run its days */
			if (flow_post(v, run, "村务公开栏", clock_today(),
			              clock_today() + f->cfg.posting_days, &e) != 0)
				die("flow_post", &e);
			clock_pin(clock_today() + f->cfg.posting_days + 1);
			fixture_pass(v, run, "result", "同意", NULL);
			break;
		case 4: fixture_pass(&f->ta, run, "decision", "同意", NULL); break;
		case 5: fixture_pass(&f->ca, run, "decision", "同意", NULL); break;
		}
	}
}

void fixture_ready(struct fixture *f, int64_t household)
{
	struct session *v = fixture_village_officer(f, household);
	struct jerr e = { 0 };
	struct measure m = { .household_id = household, .amount = 500000 };
	snprintf(m.category, sizeof m.category, "产业帮扶");
	snprintf(m.item, sizeof m.item, "养殖业");
	snprintf(m.content, sizeof m.content, "发展中蜂养殖");
	snprintf(m.department, sizeof m.department, "农业农村");
	store_text(f->db, m.start_on, sizeof m.start_on, "SELECT identified_on FROM households"
	           " WHERE id = ?", "l", household);
	if (measure_save(v, &m, &e) != 0)
		die("measure", &e);
	/* 缺啥补啥: the fixture's households are identified 因病 */
	m.id = 0;
	snprintf(m.category, sizeof m.category, "健康帮扶");
	snprintf(m.item, sizeof m.item, "医疗救助");
	snprintf(m.content, sizeof m.content, "落实医疗救助");
	snprintf(m.department, sizeof m.department, "医保");
	if (measure_save(v, &m, &e) != 0)
		die("measure", &e);
	struct income in = { .household_id = household, .year = date_year(clock_today()),
	                     .wage = 4000000, .business = 1000000 };
	if (income_save(v, &in, &e) != 0)
		die("income", &e);
}

int64_t fixture_count(struct fixture *f, const char *sql, int64_t arg)
{
	return store_int(f->db, -1, sql, "l", arg);
}
