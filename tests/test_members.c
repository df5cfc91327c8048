/* Members' life events (SPEC §2, issue 12): births, deaths and transfers
 * with a day and a reason, nothing deleted, one person in one household at
 * every date, and the size of a year's household used for its per-capita
 * income.  One test per rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/idcard.h"
#include "fixture.h"
#include "flow/flow.h"
#include "register/household.h"
#include "register/income_round.h"
#include "register/member_events.h"
#include "store/store.h"

static struct fixture F;

/* a call that must succeed: its refusal, if any, is the failure message */
#define OK(call) do { jerr_clear(&e); if ((call) != 0) fail_msg("%s", e.msg); } while (0)

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

static int64_t per_capita(int64_t hh, int year)
{
	struct income in;
	assert_int_equal(income_get(&F.ta, hh, year, &in), 1);
	return income_per_capita_of(&F.ta, &in);
}

static void save_income(int64_t hh, int year, int64_t wage)
{
	struct jerr e = { 0 };
	struct income in = { .household_id = hh, .year = year, .wage = wage };
	assert_int_equal(income_save(fixture_village_officer(&F, hh), &in, &e), 0);
}

/* A birth, a death and a move to a household of another village: the
 * household's size for each year counts who was there, the per-capita
 * income follows, and the person moved is seen only by the officers of
 * the new village afterwards. */
static void test_birth_death_and_transfer_recompute_per_capita(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member baby, m;
	int64_t a = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	int64_t wife = fixture_member(&F, a, "李梅", "配偶", 2, "普通劳动力");
	int64_t mother = fixture_member(&F, a, "张母", "之母", 2, "无劳动力");
	int64_t b = fixture_household(&F, F.village2, "王五", 0, "普通劳动力");
	save_income(a, 2025, 3000000);
	save_income(a, 2026, 3000000);
	assert_int_equal(per_capita(a, 2026), 1000000);          /* 30,000 for 3 */

	clock_pin(date_from_ymd(2026, 3, 20));
	member_init(&baby);
	baby.household_id = a;
	snprintf(baby.name, sizeof baby.name, "张小");
	snprintf(baby.relation, sizeof baby.relation, "之子");
	snprintf(baby.labour, sizeof baby.labour, "无劳动力");
	fixture_id(&F, 2026, 1, baby.id_no);                      /* born 2026-03-15 */
	assert_int_equal(member_join(&F.v1a, &baby, MEV_BIRTH, date_from_ymd(2026, 3, 16), "出生",
	                             &e), -1);                    /* not the ID's birth date */
	assert_string_equal(e.field, "on");
	OK(member_join(&F.v1a, &baby, MEV_BIRTH, date_from_ymd(2026, 3, 15),
	                             "新生儿落户", &e));
	assert_int_equal(per_capita(a, 2026), 750000);            /* 4 people */

	clock_pin(date_from_ymd(2026, 4, 10));
	OK(member_leave(&F.v1a, mother, MEV_DEATH, date_from_ymd(2026, 4, 2), "病故",
	                              &e));
	assert_int_equal(per_capita(a, 2026), 1000000);           /* 3 again */

	clock_pin(date_from_ymd(2026, 5, 6));
	assert_int_equal(member_transfer(&F.v1a, wife, "50024310%04d", "配偶",
	                                 date_from_ymd(2026, 5, 1), "改嫁", &e), -1);
	char b_no[32];
	store_text(F.db, b_no, sizeof b_no, "SELECT hh_no FROM households WHERE id = ?", "l", b);
	OK(member_transfer(&F.v1a, wife, b_no, "配偶", date_from_ymd(2026, 5, 1),
	                                 "与王五结婚，户口迁入新田村", &e));
	assert_int_equal(per_capita(a, 2026), 1500000);           /* 张三 and 张小 */
	assert_int_equal(per_capita(a, 2025), 1000000);           /* 2025: the three of then */
	assert_int_equal(household_size_in(&F.ta, b, 2026), 2);
	assert_int_equal(household_size_in(&F.ta, b, 2025), 1);

	assert_int_equal(member_get(&F.v1a, wife, &m), 0);        /* out of 龙阳村's sight */
	assert_int_equal(member_get(&F.v2, wife, &m), 1);
	assert_int_equal(m.household_id, b);
	assert_string_equal(m.relation, "配偶");
	assert_int_equal(member_get(&F.v2, mother, &m), 0);
	/* nothing deleted: five people, the mother no longer active */
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM members WHERE id > ?", 0), 5);
	assert_int_equal(fixture_count(&F, "SELECT active FROM members WHERE id = ?", mother), 0);
	assert_int_equal(fixture_count(&F, "SELECT size FROM households WHERE id = ?", a), 2);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE tbl = 'member_events'"
	                               " AND household_id = ?", a), 3);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE tbl = 'member_events'"
	                               " AND household_id = ?", b), 1);
}

/* The household's history: each event once, in order, the other household
 * named only to an officer who may see it. */
/* A household registered with all its members at once (the demo's roster):
 * size, head and audit as one by one; a member whose ID is taken refuses
 * the whole household, nothing of it written. */
static void test_household_created_with_members(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct household h;
	struct member ms[3];
	static const char *const names[] = { "赵一", "钱二", "孙三" };
	static const char *const relations[] = { "户主", "配偶", "之子" };
	household_init(&h);
	snprintf(h.hh_no, sizeof h.hh_no, "500243109001");
	h.village_id = F.village1;
	h.group_id = F.group1;
	for (int i = 0; i < 3; i++) {
		member_init(&ms[i]);
		snprintf(ms[i].name, sizeof ms[i].name, "%s", names[i]);
		snprintf(ms[i].relation, sizeof ms[i].relation, "%s", relations[i]);
		fixture_id(&F, i == 2 ? 2000 : 1975, i == 1 ? 2 : 1, ms[i].id_no);
	}
	OK(household_create_with(&F.v1a, &h, ms, 3, &e));
	assert_int_equal(fixture_count(&F, "SELECT size FROM households WHERE id = ?", h.id), 3);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM households WHERE id = ?"
	                                   " AND head_name = '赵一' AND head_pinyin <> ''", h.id), 1);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM audit WHERE tbl = 'members'"
	                                   " AND household_id = ?", h.id), 6);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM members WHERE household_id = ?"
	                                   " AND pinyin <> '' AND length(id_tail) = 6", h.id), 3);

	struct household h2;
	struct member again[2];
	household_init(&h2);
	snprintf(h2.hh_no, sizeof h2.hh_no, "500243109002");
	h2.village_id = F.village1;
	h2.group_id = F.group1;
	member_init(&again[0]);
	member_init(&again[1]);
	snprintf(again[0].name, sizeof again[0].name, "周四");
	snprintf(again[0].relation, sizeof again[0].relation, "户主");
	fixture_id(&F, 1980, 1, again[0].id_no);
	snprintf(again[1].name, sizeof again[1].name, "钱二");
	snprintf(again[1].relation, sizeof again[1].relation, "配偶");
	snprintf(again[1].id_no, sizeof again[1].id_no, "%s", ms[1].id_no);   /* taken */
	assert_int_equal(household_create_with(&F.v1a, &h2, again, 2, &e), -1);
	assert_string_equal(e.field, "id_no");
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM households WHERE id > ?", h.id), 0);
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM members WHERE name = '周四'"
	                                   " AND id > ?", 0), 0);
}

static void test_history_of_a_household(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member_change c[8];
	int64_t a = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	int64_t son = fixture_member(&F, a, "张一", "之子", 1, "普通劳动力");
	int64_t b = fixture_household(&F, F.village2, "王五", 0, "普通劳动力");
	char b_no[32];
	store_text(F.db, b_no, sizeof b_no, "SELECT hh_no FROM households WHERE id = ?", "l", b);
	OK(member_transfer(&F.ta, son, b_no, "之子", FIXTURE_DAY - 3, "过继", &e));
	assert_int_equal(member_changes(&F.v1a, a, c, 8), 1);
	assert_string_equal(c[0].kind, "转移");
	assert_string_equal(c[0].on, "2026-01-02");
	assert_int_equal(c[0].joined, 0);
	assert_string_equal(c[0].other_hh, "");                  /* 新田村 is not v1a's */
	assert_string_equal(c[0].officer, "保家镇甲");
	assert_int_equal(member_changes(&F.ta, b, c, 8), 1);
	assert_int_equal(c[0].joined, 1);
	assert_string_equal(c[0].name, "张一");
	assert_int_equal(member_changes(&F.v2, a, c, 8), 0);     /* not v2's household */
}

/* One person, one household at every date: history is appended in order. */
static void test_events_keep_one_household_at_every_date(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t a = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	int64_t son = fixture_member(&F, a, "张一", "之子", 1, "普通劳动力");
	int64_t b = fixture_household(&F, F.village1, "李四", 0, "普通劳动力");
	char b_no[32], a_no[32];
	store_text(F.db, b_no, sizeof b_no, "SELECT hh_no FROM households WHERE id = ?", "l", b);
	store_text(F.db, a_no, sizeof a_no, "SELECT hh_no FROM households WHERE id = ?", "l", a);
	OK(member_transfer(&F.v1a, son, b_no, "其他", FIXTURE_DAY - 1, "务工同住", &e));
	/* back to A before he left it: a second place on 01-03 */
	assert_int_equal(member_transfer(&F.v1a, son, a_no, "之子", FIXTURE_DAY - 2, "回家", &e), -1);
	assert_non_null(strstr(e.msg, "早于此人上一次变动的日期2026-01-04"));
	assert_int_equal(household_size_on(&F.v1a, a, FIXTURE_DAY - 2), 2);
	assert_int_equal(household_size_on(&F.v1a, b, FIXTURE_DAY - 2), 1);
	assert_int_equal(household_size_on(&F.v1a, a, FIXTURE_DAY - 1), 1);
	assert_int_equal(household_size_on(&F.v1a, b, FIXTURE_DAY - 1), 2);
	assert_int_equal(member_transfer(&F.v1a, son, b_no, "其他", FIXTURE_DAY, "又去", &e), -1);
	assert_non_null(strstr(e.msg, "已在这一户"));
	assert_int_equal(member_leave(&F.v1a, son, MEV_MOVE_OUT, FIXTURE_DAY + 1, "外出", &e), -1);
	assert_string_equal(e.field, "on");                      /* not in the future */
}

static void test_member_events_refused_with_reasons(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member m, again;
	int64_t a = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	int64_t son = fixture_member(&F, a, "张一", "之子", 1, "普通劳动力");
	int64_t head = store_int(F.db, 0, "SELECT id FROM members WHERE household_id = ? AND"
	                         " relation = '户主'", "l", a);
	assert_int_equal(member_leave(&F.v1a, head, MEV_DEATH, FIXTURE_DAY, "病故", &e), -1);
	assert_non_null(strstr(e.msg, "户主"));                 /* another becomes 户主 first */
	assert_int_equal(member_leave(&F.v1a, son, MEV_DEATH, FIXTURE_DAY, "", &e), -1);
	assert_string_equal(e.field, "reason");
	assert_int_equal(member_leave(&F.v1a, son, MEV_TRANSFER, FIXTURE_DAY, "走了", &e), -1);
	assert_int_equal(member_leave(&F.v2, son, MEV_DEATH, FIXTURE_DAY, "病故", &e), -1);
	assert_int_equal(member_get(&F.v1a, son, &m), 1);
	m.active = 0;                                            /* not by editing the member */
	assert_int_equal(member_update(&F.v1a, &m, &e), -1);
	assert_string_equal(e.field, "active");
	/* one already registered joins by transfer, not as a newcomer */
	int64_t b = fixture_household(&F, F.village1, "李四", 0, "普通劳动力");
	member_init(&again);
	again.household_id = b;
	snprintf(again.name, sizeof again.name, "张一");
	snprintf(again.relation, sizeof again.relation, "之子");
	snprintf(again.id_no, sizeof again.id_no, "%s", m.id_no);
	assert_int_equal(member_join(&F.v1a, &again, MEV_MOVE_IN, FIXTURE_DAY, "迁入", &e), -1);
	assert_non_null(strstr(e.msg, "转移"));
	OK(member_leave(&F.v1a, son, MEV_MARRY_OUT, FIXTURE_DAY, "外嫁", &e));
	assert_int_equal(member_leave(&F.v1a, son, MEV_MOVE_OUT, FIXTURE_DAY, "又走", &e), -1);
	assert_non_null(strstr(e.msg, "已不在册"));
}

/* A newcomer for household hh, with a fresh ID of someone born in `year`. */
static void newcomer(struct member *m, int64_t hh, const char *name, int year)
{
	member_init(m);
	m->household_id = hh;
	snprintf(m->name, sizeof m->name, "%s", name);
	snprintf(m->relation, sizeof m->relation, "之子");
	snprintf(m->labour, sizeof m->labour, "无劳动力");
	fixture_id(&F, year, 1, m->id_no);
}

/* A birth is dated by the ID when no day is typed (typed once); a move in
 * needs its day; the check the form asks gives the save's refusal and
 * writes nothing. */
static void test_birth_dated_by_the_id(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member baby, late;
	int64_t a = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	newcomer(&baby, a, "张小", 2025);                      /* born 2025-03-15 */
	OK(member_join(&F.v1a, &baby, MEV_BIRTH, JDAY_NONE, "新生儿落户", &e));
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM member_events WHERE member_id = ?"
	                               " AND on_date = '2025-03-15' AND kind = '出生'", baby.id), 1);
	newcomer(&late, a, "张迁", 1990);
	assert_int_equal(member_join_check(&F.v1a, &late, MEV_MOVE_IN, JDAY_NONE, "迁入", &e), -1);
	assert_string_equal(e.field, "on");
	assert_string_equal(e.msg, "请填写变动的日期");
	jerr_clear(&e);
	assert_int_equal(member_join_check(&F.v1a, &late, MEV_MOVE_IN, FIXTURE_DAY + 1, "迁入", &e),
	                 -1);
	assert_string_equal(e.msg, "变动日期2026-01-06晚于今天2026-01-05");
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM members WHERE household_id = ?", a),
	                 2);
	OK(member_join_check(&F.v1a, &late, MEV_MOVE_IN, FIXTURE_DAY, "投亲", &e));
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM members WHERE household_id = ?", a),
	                 2);                                     /* a check writes nothing */
}

/* A dissolved household (全家迁出) takes no newcomer, by a life event or
 * by the plain add an import makes. */
static void test_dissolved_household_takes_no_member(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member m;
	int64_t a = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	OK(household_dissolve(&F.ca, a, "全家迁往外省", &e));
	newcomer(&m, a, "张小", 2025);
	assert_int_equal(member_join(&F.v1a, &m, MEV_BIRTH, JDAY_NONE, "出生", &e), -1);
	assert_non_null(strstr(e.msg, "已注销"));
	assert_int_equal(member_add(&F.v1a, &m, &e), -1);
	assert_non_null(strstr(e.msg, "已注销"));
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM members WHERE household_id = ?", a),
	                 1);
}

/* An ID of another birth date (a woman's), with its check digit. */
static void id_born(const char *ymd, char out[20])
{
	char first[18];
	snprintf(first, sizeof first, "500243%s124", ymd);   /* a woman */
	snprintf(out, 20, "%s%c", first, idcard_check_digit(first));
}

/* Correcting a member's ID keeps the history true: not to a birth after
 * the member's first event, nor away from the day of a recorded birth. */
static void test_corrected_id_keeps_events_in_order(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member baby, wife;
	int64_t a = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	newcomer(&baby, a, "张小", 2025);
	OK(member_join(&F.v1a, &baby, MEV_BIRTH, JDAY_NONE, "出生", &e));
	id_born("20250316", baby.id_no);
	assert_int_equal(member_update(&F.v1a, &baby, &e), -1);
	assert_string_equal(e.field, "id_no");
	assert_string_equal(e.msg, "身份证上的出生日期2025-03-16与登记的出生日期2025-03-15不符");

	newcomer(&wife, a, "李梅", 1995);
	snprintf(wife.relation, sizeof wife.relation, "配偶");
	fixture_id(&F, 1995, 2, wife.id_no);
	OK(member_join(&F.v1a, &wife, MEV_MARRY_IN, FIXTURE_DAY - 30, "结婚", &e));
	id_born("20251210", wife.id_no);                        /* born after she married in */
	assert_int_equal(member_update(&F.v1a, &wife, &e), -1);
	assert_string_equal(e.msg, "身份证上的出生日期2025-12-10晚于此人的成员变动日期2025-12-06");
	id_born("19960101", wife.id_no);                        /* a plain correction */
	OK(member_update(&F.v1a, &wife, &e));
}

/* A person who moved out comes back (迁入, to another household): the row
 * they left, not a second one; away in between, counted where they are
 * at each date; not dated before they left; one who died does not come
 * back. */
static void test_one_who_left_comes_back_on_the_same_row(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member back, m;
	int64_t a = fixture_household(&F, F.village1, "张三", 0, "普通劳动力");
	int64_t son = fixture_member(&F, a, "张一", "之子", 1, "普通劳动力");
	int64_t mother = fixture_member(&F, a, "张母", "之母", 2, "无劳动力");
	int64_t b = fixture_household(&F, F.village1, "李四", 0, "普通劳动力");
	OK(member_leave(&F.v1a, son, MEV_MOVE_OUT, FIXTURE_DAY - 20, "外出落户", &e));
	assert_int_equal(member_get(&F.v1a, son, &m), 1);
	back = m;
	back.id = 0;
	back.household_id = b;
	snprintf(back.relation, sizeof back.relation, "其他");
	assert_int_equal(member_join(&F.v1a, &back, MEV_MOVE_IN, FIXTURE_DAY - 21, "回乡", &e), -1);
	assert_string_equal(e.msg, "变动日期2025-12-15早于此人上一次变动的日期2025-12-16");
	assert_int_equal(member_join(&F.v1a, &back, MEV_BIRTH, JDAY_NONE, "出生", &e), -1);
	OK(member_join(&F.v1a, &back, MEV_MOVE_IN, FIXTURE_DAY - 5, "回乡务农", &e));
	assert_int_equal(back.id, son);                          /* the same person, one row */
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM members WHERE id_no ="
	                               " (SELECT id_no FROM members WHERE id = ?)", son), 1);
	assert_int_equal(member_get(&F.v1a, son, &m), 1);
	assert_int_equal(m.household_id, b);
	assert_int_equal(m.active, 1);
	assert_int_equal(household_size_on(&F.v1a, a, FIXTURE_DAY - 21), 3);   /* still home */
	assert_int_equal(household_size_on(&F.v1a, b, FIXTURE_DAY - 10), 1);   /* away */
	assert_int_equal(household_size_on(&F.v1a, a, FIXTURE_DAY - 10), 2);
	assert_int_equal(household_size_on(&F.v1a, b, FIXTURE_DAY), 2);

	OK(member_leave(&F.v1a, mother, MEV_DEATH, FIXTURE_DAY - 3, "病故", &e));
	assert_int_equal(member_get(&F.v1a, mother, &m), 1);
	m.id = 0;
	m.household_id = b;
	assert_int_equal(member_join(&F.v1a, &m, MEV_MOVE_IN, FIXTURE_DAY, "投亲", &e), -1);
	assert_string_equal(e.msg, "此身份证号码登记的人已于2026-01-02去世");
}

/* December's collection (issue 16): the village's monitored households
 * with the year's income, divided among the members present that year --
 * a wife who married in in June counts -- and judged against the year's
 * line; `jiance check` counts those not above it. */
static void test_income_round_of_a_village(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member wife;
	struct income_row rows[8];
	int64_t rec = 0;
	F.cfg.lines[0] = (struct cfg_line){ 2026, 8000, date_from_ymd(2026, 3, 1) };
	F.cfg.nlines = 1;
	int64_t a = fixture_household(&F, F.village1, "赵一", 0, "普通劳动力");
	fixture_member(&F, a, "赵母", "之母", 2, "无劳动力");
	int64_t b = fixture_household(&F, F.village1, "钱二", 0, "普通劳动力");
	fixture_household(&F, F.village1, "孙三", 0, "普通劳动力");     /* a lead: not collected */
	int64_t d = fixture_household(&F, F.village2, "李四", 0, "普通劳动力");
	fixture_identify(&F, a, FIXTURE_DAY);
	fixture_identify(&F, b, FIXTURE_DAY);
	fixture_identify(&F, d, FIXTURE_DAY);
	clock_pin(date_from_ymd(2026, 6, 25));
	member_init(&wife);
	wife.household_id = a;
	wife.sex = 2;
	snprintf(wife.name, sizeof wife.name, "周梅");
	snprintf(wife.relation, sizeof wife.relation, "配偶");
	snprintf(wife.labour, sizeof wife.labour, "普通劳动力");
	fixture_id(&F, 1996, 2, wife.id_no);
	OK(member_join(&F.v1a, &wife, MEV_MARRY_IN, date_from_ymd(2026, 6, 20), "婚入", &e));
	clock_pin(date_from_ymd(2026, 12, 5));
	assert_int_equal(income_round_year(clock_today()), 2026);
	assert_int_equal(income_round_year(date_from_ymd(2026, 5, 20)), 2025);
	save_income(a, 2026, 2000000);       /* 20,000: 10,000 each for two, 6,666 for three */
	save_income(b, 2026, 900000);        /* 9,000 for one */
	assert_int_equal(income_round_season(clock_today()), 1);
	assert_int_equal(income_round_season(date_from_ymd(2026, 6, 1)), 0);
	assert_int_equal(income_unrecorded_count(&F.ta, 2026), 1);      /* 李四, in 新田村 */
	assert_int_equal(income_round_count(&F.v1a, F.village1), 2);
	assert_int_equal(income_round(&F.v1a, F.village1, 2026, rows, 8), 2);
	int ia = rows[0].household_id == a ? 0 : 1;
	assert_int_equal(rows[ia].household_id, a);
	assert_int_equal(rows[1 - ia].household_id, b);
	assert_int_equal(rows[ia].size, 3);
	assert_int_equal(rows[ia].in.wage, 2000000);
	assert_true(rows[ia].in.version > 0);
	assert_int_equal(income_below_line(&F.cfg, &rows[ia].in, rows[ia].size), 1);
	assert_int_equal(income_below_line(&F.cfg, &rows[ia].in, 2), 0);   /* before June: above */
	assert_int_equal(income_below_line(&F.cfg, &rows[1 - ia].in, rows[1 - ia].size), 0);
	assert_int_equal(income_below_line_count(&F.ta, 2026, &rec), 1);
	assert_int_equal(rec, 2);
	F.cfg.nlines = 0;
	assert_int_equal(income_below_line(&F.cfg, &rows[ia].in, rows[ia].size), -1);
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_birth_death_and_transfer_recompute_per_capita),
		T(test_history_of_a_household),
		T(test_events_keep_one_household_at_every_date),
		T(test_member_events_refused_with_reasons),
		T(test_birth_dated_by_the_id),
		T(test_dissolved_household_takes_no_member),
		T(test_corrected_id_keeps_events_in_order),
		T(test_one_who_left_comes_back_on_the_same_row),
		T(test_income_round_of_a_village),
		T(test_household_created_with_members),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
