/* The register through its public API: households and members, the
 * one-person-one-household rule, scope, audit, optimistic saves, pinyin
 * order and the one search box. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/area.h"
#include "io/export.h"
#include "register/hh_state.h"
#include "register/hhlist.h"
#include "register/household.h"
#include "base/idcard.h"
#include "access/officer.h"
#include "base/pinyin.h"

static char path[64];
static struct config cfg;
static struct store *db;
static int64_t village_a, village_b, group_a;

/* A valid ID: Pengshui area code, the birth date, a sequence (odd: man). */
static void make_id(char *out, const char *birth8, int seq)
{
	char first[18];
	snprintf(first, sizeof first, "500243%s%03d", birth8, seq);
	snprintf(out, 19, "%s%c", first, idcard_check_digit(first));
}

static void login(struct session *s, const char *who)
{
	struct jerr e = { 0 };
	assert_int_equal(session_login(s, db, &cfg, who, &e), 0);
}

static void build_areas(void)
{
	struct session sys = { .db = db, .cfg = &cfg };
	struct jerr e = { 0 };
	int64_t county, town;
	assert_int_equal(area_add(&sys, 0, "500243000000", "彭水苗族土家族自治县", &county, &e), 0);
	assert_int_equal(area_add(&sys, county, "500243101000", "保家镇", &town, &e), 0);
	assert_int_equal(area_add(&sys, town, "500243101201", "龙阳村", &village_a, &e), 0);
	assert_int_equal(area_add(&sys, town, "500243101202", "鹿角村", &village_b, &e), 0);
	assert_int_equal(area_add(&sys, village_a, "500243101201001", "一组", &group_a, &e), 0);
	assert_int_equal(officer_add(&sys, "admin", "管理员", "admin", county, NULL, &e), 0);
	assert_int_equal(officer_add(&sys, "county", "县干部", "county", county, NULL, &e), 0);
	assert_int_equal(officer_add(&sys, "vila", "龙阳村干部", "village", village_a, NULL, &e), 0);
	assert_int_equal(officer_add(&sys, "vilb", "鹿角村干部", "village", village_b, NULL, &e), 0);
}

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	snprintf(path, sizeof path, "/tmp/jiance-reg-XXXXXX");
	close(mkstemp(path));
	unlink(path);
	config_defaults(&cfg);
	struct jerr e = { 0 };
	db = store_open(path, 1, &e);
	assert_non_null(db);
	build_areas();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(db);
	char p[80];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	pinyin_close();
	return 0;
}

static int64_t add_household(struct session *s, const char *no, int64_t village, const char *head,
                             const char *birth8, int seq, struct jerr *e)
{
	struct household h;
	struct member m;
	household_init(&h);
	member_init(&m);
	snprintf(h.hh_no, sizeof h.hh_no, "%s", no);
	h.village_id = village;
	snprintf(m.name, sizeof m.name, "%s", head);
	make_id(m.id_no, birth8, seq);
	return household_create(s, &h, &m, e) == 0 ? h.id : 0;
}

static void test_household_created_with_its_head(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	login(&s, "vila");
	int64_t id = add_household(&s, "5002431012010001", village_a, "张三丰", "19600312", 11, &e);
	assert_true(id > 0);
	struct household h;
	assert_int_equal(household_get(&s, id, &h, &e), 0);
	assert_string_equal(h.head_name, "张三丰");
	assert_int_equal(h.status, STATUS_LEAD);
	assert_string_equal(h.village_name, "龙阳村");
	assert_int_equal(h.size, 1);
	struct member ms[4];
	assert_int_equal(member_list(&s, id, ms, 4), 1);
	assert_string_equal(ms[0].birth, "1960-03-12");
	assert_int_equal(ms[0].sex, 1);
	/* the audit names who created it */
	assert_int_equal(store_int(db, 0, "SELECT count(*) FROM audit WHERE tbl = 'households' AND rec = ? AND officer_id = ?",
	                           "ll", id, s.me.id), 1);
}

static void test_person_in_one_household_only(void **state)
{
	(void)state;
	struct session a, b;
	struct jerr e = { 0 };
	login(&a, "vila");
	login(&b, "vilb");
	assert_true(add_household(&a, "A1", village_a, "张三丰", "19600312", 11, &e) > 0);
	assert_int_equal(add_household(&a, "A2", village_a, "张三", "19600312", 11, &e), 0);
	assert_non_null(strstr(e.msg, "已登记在其他户"));
	assert_non_null(strstr(e.msg, "A1"));
	/* an officer of another village is not told where */
	assert_int_equal(add_household(&b, "B1", village_b, "张三", "19600312", 11, &e), 0);
	assert_non_null(strstr(e.msg, "已在其他地方登记"));
	assert_null(strstr(e.msg, "A1"));
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM households", ""), 1);
}

static void test_village_officer_sees_only_own_village(void **state)
{
	(void)state;
	struct session a, b, c;
	struct jerr e = { 0 };
	login(&a, "vila");
	login(&b, "vilb");
	login(&c, "county");
	int64_t ha = add_household(&a, "A1", village_a, "李四", "19700101", 21, &e);
	int64_t hb = add_household(&b, "B1", village_b, "王五", "19710101", 31, &e);
	assert_true(ha && hb);
	struct household h;
	assert_int_equal(household_get(&a, hb, &h, &e), -1);
	assert_int_equal(household_get(&a, ha, &h, &e), 0);
	struct hh_filter f = { 0 };
	assert_int_equal(hhlist_count(&a, &f), 1);
	assert_int_equal(hhlist_count(&c, &f), 2);
	snprintf(f.search, sizeof f.search, "王五");
	assert_int_equal(hhlist_count(&a, &f), 0);
	assert_int_equal(hhlist_count(&b, &f), 1);
	/* nor may it write there */
	assert_int_equal(add_household(&a, "A9", village_b, "赵六", "19720101", 41, &e), 0);
	assert_non_null(strstr(e.msg, "不在您的辖区"));
}

static int count_rows(void *arg, int n, const char *const *v)
{
	(void)n;
	(void)v;
	(*(int *)arg)++;
	return 0;
}

static int no_header(void *arg, int n, const char *const *names, const enum col_type *t)
{
	(void)arg; (void)n; (void)names; (void)t;
	return 0;
}

static void test_export_is_scoped(void **state)
{
	(void)state;
	struct session a, b;
	struct jerr e = { 0 };
	login(&a, "vila");
	login(&b, "vilb");
	add_household(&a, "A1", village_a, "李四", "19700101", 21, &e);
	add_household(&b, "B1", village_b, "王五", "19710101", 31, &e);
	add_household(&b, "B2", village_b, "赵六", "19720101", 41, &e);
	int rows = 0;
	struct export_sink sink = { &rows, no_header, count_rows, NULL };
	assert_int_equal(export_run(&a, "members", NULL, NULL, &sink, &e), 1);
	assert_int_equal(rows, 1);
	rows = 0;
	assert_int_equal(export_run(&b, "households", NULL, NULL, &sink, &e), 2);
}

static void test_list_sorts_by_pinyin(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	login(&s, "vila");
	add_household(&s, "A1", village_a, "张三丰", "19600312", 11, &e);
	add_household(&s, "A2", village_a, "王五", "19710101", 31, &e);
	add_household(&s, "A3", village_a, "李四", "19700101", 21, &e);
	add_household(&s, "A4", village_a, "阿依古丽·买买提", "19800101", 22, &e);
	struct hh_filter f = { 0 };
	struct hh_row rows[8];
	assert_int_equal(hhlist_page(&s, &f, 0, 8, rows), 4);
	assert_string_equal(rows[0].head_name, "阿依古丽·买买提");
	assert_string_equal(rows[1].head_name, "李四");
	assert_string_equal(rows[2].head_name, "王五");
	assert_string_equal(rows[3].head_name, "张三丰");
	/* and pages */
	assert_int_equal(hhlist_page(&s, &f, 3, 8, rows), 1);
	assert_string_equal(rows[0].head_name, "张三丰");
}

static int64_t find_one(struct session *s, const char *text)
{
	struct hh_filter f = { 0 };
	struct hh_row r[4];
	snprintf(f.search, sizeof f.search, "%s", text);
	return hhlist_page(s, &f, 0, 4, r) == 1 ? r[0].id : 0;
}

static void test_one_search_box(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	login(&s, "vila");
	int64_t zsf = add_household(&s, "5002431012010007", village_a, "张三丰", "19600312", 11, &e);
	add_household(&s, "5002431012010008", village_a, "李秀英", "19700101", 22, &e);
	char id[20];
	make_id(id, "19600312", 11);
	assert_int_equal(find_one(&s, "zsf"), zsf);
	assert_int_equal(find_one(&s, "zhangsan"), zsf);
	assert_int_equal(find_one(&s, "ZSF"), zsf);
	assert_int_equal(find_one(&s, "三丰"), zsf);
	assert_int_equal(find_one(&s, id), zsf);
	assert_int_equal(find_one(&s, id + 14), zsf);  /* last 4 */
	assert_int_equal(find_one(&s, id + 12), zsf);  /* last 6 */
	assert_int_equal(find_one(&s, "5002431012010007"), zsf);
	assert_true(find_one(&s, "秀英") > 0);
	assert_int_equal(find_one(&s, "丰三"), 0);
	assert_int_equal(find_one(&s, "x'); DROP TABLE households; --"), 0);
	assert_int_equal(store_int(db, 0, "SELECT count(*) FROM households", ""), 2);
}

/* The next number follows the village code and the highest 4 to 9 digits
 * after it: numbers with letters, too short or too long, or of another
 * village do not count. */
static void test_next_number_counts_only_digits(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	char no[32];
	login(&s, "county");
	assert_int_equal(household_next_no(&s, village_a, no, sizeof no), 0);
	assert_string_equal(no, "5002431012010001");
	static const char *const numbers[] = {
		"5002431012010041", "5002431012019999x", "500243101201999", "5002431012019999999999",
		"5002431012020500", "500243101201A9999",
	};
	for (int i = 0; i < 6; i++) {
		int64_t hh = add_household(&s, "", village_a, "王五", "19800101", 30 + i, &e);
		assert_true(hh > 0);
		assert_int_equal(store_exec(db, "UPDATE households SET hh_no = ? WHERE id = ?", "tl",
		                            numbers[i], hh), 0);
	}
	assert_int_equal(household_next_no(&s, village_a, no, sizeof no), 0);
	assert_string_equal(no, "5002431012010042");
	assert_int_equal(household_next_no(&s, village_b, no, sizeof no), 0);
	assert_string_equal(no, "5002431012020501");
}

static void test_stale_save_refused_input_kept(void **state)
{
	(void)state;
	struct session a, c;
	struct jerr e = { 0 };
	login(&a, "vila");
	login(&c, "county");
	int64_t id = add_household(&a, "A1", village_a, "李四", "19700101", 21, &e);
	struct household mine, theirs;
	household_get(&a, id, &mine, &e);
	household_get(&c, id, &theirs, &e);
	snprintf(theirs.address, sizeof theirs.address, "龙阳村三组");
	assert_int_equal(household_update(&c, &theirs, &e), 0);
	snprintf(mine.address, sizeof mine.address, "龙阳村一组12号");
	assert_int_equal(household_update(&a, &mine, &e), -1);
	assert_non_null(strstr(e.msg, "已被其他操作员修改"));
	assert_string_equal(mine.address, "龙阳村一组12号");
	household_get(&a, id, &theirs, &e);
	assert_string_equal(theirs.address, "龙阳村三组");
	assert_int_equal(store_int(db, 0, "SELECT count(*) FROM audit WHERE field = 'address' AND new = '龙阳村三组'", ""), 1);
}

static void test_member_rules_on_save(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	login(&s, "vila");
	int64_t id = add_household(&s, "A1", village_a, "张三丰", "19600312", 11, &e);
	struct member m;
	member_init(&m);
	m.household_id = id;
	snprintf(m.name, sizeof m.name, "李梅");
	snprintf(m.relation, sizeof m.relation, "配偶");
	make_id(m.id_no, "19620101", 13);  /* odd: a man, same sex as the head */
	assert_int_equal(member_add(&s, &m, &e), -1);
	assert_non_null(strstr(e.msg, "性别相同"));
	make_id(m.id_no, "19620101", 14);
	snprintf(m.education, sizeof m.education, "初中");
	snprintf(m.schooling, sizeof m.schooling, "普通高中一年级");
	assert_int_equal(member_add(&s, &m, &e), -1);
	assert_string_equal(e.field, "schooling");
	m.schooling[0] = 0;
	snprintf(m.phone, sizeof m.phone, "1380013800");
	assert_int_equal(member_add(&s, &m, &e), -1);
	assert_string_equal(e.field, "phone");
	snprintf(m.phone, sizeof m.phone, "13800138000");
	struct member m2 = m;
	make_id(m2.id_no, "19620101", 14);
	m2.id_no[17] = m2.id_no[17] == 'X' ? 'x' : m2.id_no[17];  /* lower-case x is accepted */
	assert_int_equal(member_add(&s, &m2, &e), 0);
	struct household h;
	household_get(&s, id, &h, &e);
	assert_int_equal(h.size, 2);
	/* a second 户主 is refused */
	struct member m3;
	member_init(&m3);
	m3.household_id = id;
	snprintf(m3.name, sizeof m3.name, "张小");
	snprintf(m3.relation, sizeof m3.relation, "户主");
	make_id(m3.id_no, "19900101", 15);
	assert_int_equal(member_add(&s, &m3, &e), -1);
	assert_non_null(strstr(e.msg, "户主只能有一人"));
}

static void test_duplicate_head_in_village_shown(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	login(&s, "vila");
	add_household(&s, "A1", village_a, "李四", "19700101", 21, &e);
	char other[20];
	make_id(other, "19700101", 23);
	assert_int_equal(household_duplicates(&s, "李四", village_a, other, &e), 1);
	assert_non_null(strstr(e.msg, "A1"));
	make_id(other, "19700102", 23);
	assert_int_equal(household_duplicates(&s, "李四", village_a, other, &e), 0);
	assert_int_equal(household_duplicates(&s, "李四", village_b, other, &e), 0);
}

static void test_income_derived_never_typed(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	login(&s, "vila");
	int64_t id = add_household(&s, "A1", village_a, "李四", "19700101", 21, &e);
	clock_pin(date_from_ymd(2026, 11, 23));
	struct income in = { .household_id = id, .year = 2026, .wage = 500000, .business = 300000,
	                     .property = 10000, .transfer = 200000, .business_cost = 100000 };
	assert_int_equal(income_save(&s, &in, &e), 0);
	assert_int_equal(income_net(&in), 910000);
	assert_int_equal(income_per_capita(&in, 2), 455000);
	in.wage = -1;
	assert_int_equal(income_save(&s, &in, &e), -1);
	in.wage = 500000;
	in.year = 2027;
	assert_int_equal(income_save(&s, &in, &e), -1);
	assert_string_equal(e.field, "year");
	clock_pin(JDAY_NONE);
}

/* Each field's check says what the save says: the form asks the first
 * while the officer types, household_create applies the same. */
static void expect_field(struct session *s, const struct household *h, const char *field,
                         const char *msg)
{
	struct jerr e = { 0 }, saved = { 0 };
	struct household copy = *h;
	struct member head;
	member_init(&head);
	snprintf(head.name, sizeof head.name, "王五");
	make_id(head.id_no, "19750505", 31);
	assert_int_equal(household_check_field(s, h, field, &e), -1);
	assert_string_equal(e.msg, msg);
	assert_int_equal(household_create(s, &copy, &head, &saved), -1);
	assert_string_equal(saved.msg, msg);
	assert_string_equal(saved.field, e.field);
}

static void test_household_field_checks_are_the_save_checks(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	login(&s, "vila");
	struct household h;
	household_init(&h);
	h.village_id = village_a;
	snprintf(h.hh_no, sizeof h.hh_no, "a-1");
	expect_field(&s, &h, "hh_no", "户编号只能含数字、大写字母和-");
	snprintf(h.hh_no, sizeof h.hh_no, "A-1");
	assert_int_equal(household_check_field(&s, &h, "hh_no", &e), 0);
	h.village_id = village_b;
	expect_field(&s, &h, "village", "鹿角村不在您的辖区内");
	h.village_id = 0;
	expect_field(&s, &h, "village", "请选择所属村（社区）");
	h.village_id = village_a;
	snprintf(h.phone, sizeof h.phone, "0571123");
	expect_field(&s, &h, "phone", "联系电话应为11位手机号码，如 13812345678");
	h.phone[0] = 0;
	h.relocated = 1;
	expect_field(&s, &h, "settlement", "易地扶贫搬迁户须填写安置点");
	snprintf(h.settlement, sizeof h.settlement, "县城安置点");
	snprintf(h.hh_type, sizeof h.hh_type, "一般户");
	expect_field(&s, &h, "hh_type", "监测对象类型应为脱贫不稳定户、边缘易致贫户或突发严重困难户");
	h.hh_type[0] = 0;
	assert_int_equal(household_risks_read(&h, "因病、因火星", &e), 0);
	expect_field(&s, &h, "risks", "风险类型“因火星”不在配置的列表中");
	assert_int_equal(household_risks_read(&h, "因病 因学 因病", &e), 0);
	expect_field(&s, &h, "risks", "风险类型“因病”重复");
	assert_int_equal(household_risks_read(&h, "因病、因学", &e), 0);
	assert_int_equal(household_check_field(&s, &h, "risks", &e), 0);
	assert_int_equal(household_check_field(&s, &h, "natural_village", &e), 0);  /* no rule */
}

/* Risk types as typed: any of the separators, and no character's bytes
 * taken for one ("缺" holds the byte 0xBC of "，"). */
static void test_risks_read_as_typed(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	login(&s, "vila");
	struct household h;
	household_init(&h);
	assert_int_equal(household_risks_read(&h, "因病，缺劳动力, 因学 、因残", &e), 0);
	assert_int_equal(h.nrisks, 4);
	assert_string_equal(h.risks[0], "因病");
	assert_string_equal(h.risks[1], "缺劳动力");
	assert_string_equal(h.risks[2], "因学");
	assert_string_equal(h.risks[3], "因残");
	assert_int_equal(household_check_field(&s, &h, "risks", &e), 0);
	assert_int_equal(household_risks_read(&h, "", &e), 0);
	assert_int_equal(h.nrisks, 0);
	assert_int_equal(household_risks_read(&h, "因病、因学、因残、缺劳动力、其他、因意外事故", &e), -1);
	assert_string_equal(e.msg, "风险类型最多选5项");
	assert_string_equal(e.field, "risks");
	/* the flows read risks the same way and apply the same checks */
	char out[HH_MAX_RISKS][48];
	int n;
	assert_int_equal(risks_parse(&s, "因病，缺劳动力", out, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(risks_parse(&s, "因病、因病", out, &n, &e), -1);
	assert_string_equal(e.msg, "风险类型“因病”重复");
}

/* The one rule tying the type to 脱贫户, with one message wherever it is
 * applied (the register here, the flows in test_flow.c). */
static void test_type_fits_tuopin(void **state)
{
	(void)state;
	struct session s;
	login(&s, "vila");
	struct jerr e = { 0 };
	assert_int_equal(hh_type_check("脱贫不稳定户", 1, &e), 0);
	assert_int_equal(hh_type_check("突发严重困难户", 1, &e), 0);
	assert_int_equal(hh_type_check("突发严重困难户", 0, &e), 0);
	assert_int_equal(hh_type_check("边缘易致贫户", 0, &e), 0);
	struct household h;
	household_init(&h);
	h.village_id = village_a;
	snprintf(h.hh_no, sizeof h.hh_no, "A9");
	snprintf(h.hh_type, sizeof h.hh_type, "脱贫不稳定户");
	expect_field(&s, &h, "hh_type", "这一户不是脱贫户，不能认定为脱贫不稳定户");
	assert_int_equal(hh_type_check("脱贫不稳定户", 0, &e), -1);
	assert_string_equal(e.msg, "这一户不是脱贫户，不能认定为脱贫不稳定户");
	h.is_tuopin = 1;
	snprintf(h.hh_type, sizeof h.hh_type, "边缘易致贫户");
	expect_field(&s, &h, "hh_type", "这一户是脱贫户，应认定为脱贫不稳定户，不是边缘易致贫户");
	assert_int_equal(hh_type_check("边缘易致贫户", 1, &e), -1);
	assert_string_equal(e.msg, "这一户是脱贫户，应认定为脱贫不稳定户，不是边缘易致贫户");
}

static void expect_member_field(struct session *s, const struct member *m, const char *field,
                                const char *msg)
{
	struct jerr e = { 0 }, saved = { 0 };
	struct member copy = *m;
	assert_int_equal(member_check_field(s, m, field, &e), -1);
	assert_string_equal(e.msg, msg);
	assert_string_equal(e.field, field);
	assert_int_equal(member_validate(s, &copy, &saved), -1);
	assert_string_equal(saved.msg, msg);
}

static void test_member_field_checks_are_the_save_checks(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	login(&s, "vila");
	struct member m;
	member_init(&m);
	snprintf(m.relation, sizeof m.relation, "之子");
	make_id(m.id_no, "20100101", 17);
	expect_member_field(&s, &m, "name", "姓名不能为空");
	snprintf(m.name, sizeof m.name, "张小");
	snprintf(m.education, sizeof m.education, "小学");
	snprintf(m.schooling, sizeof m.schooling, "七年级");
	expect_member_field(&s, &m, "schooling", "在校生状况与文化程度只能填一项");
	m.education[0] = 0;
	snprintf(m.disability, sizeof m.disability, "肢体残疾");
	expect_member_field(&s, &m, "disability", "健康状况不是“残疾”时不填残疾类别");
	snprintf(m.health, sizeof m.health, "残疾");
	assert_int_equal(member_check_field(&s, &m, "disability", &e), 0);
	m.disability[0] = 0;
	expect_member_field(&s, &m, "disability", "请填写残疾类别");
	snprintf(m.disability, sizeof m.disability, "肢体残疾");
	m.migrant_months = 13;
	expect_member_field(&s, &m, "migrant_months", "务工时间应为0–12个月");
	m.migrant_months = 12;
	m.public_job_months = -1;
	expect_member_field(&s, &m, "public_job_months", "公益岗位时间应为0–12个月");
	m.public_job_months = 0;
	/* the ID is checked as it would be saved, and the record is not changed */
	char typed[20];
	snprintf(typed, sizeof typed, "%s", m.id_no);
	typed[17] = typed[17] == '0' ? '1' : '0';   /* a wrong check digit */
	snprintf(m.id_no, sizeof m.id_no, "%s", typed);
	assert_int_equal(member_check_field(&s, &m, "id_no", &e), -1);
	assert_string_equal(e.field, "id_no");
	assert_string_equal(m.id_no, typed);
	make_id(m.id_no, "20100101", 17);
	assert_int_equal(member_validate(&s, &m, &e), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_household_created_with_its_head),
		T(test_person_in_one_household_only),
		T(test_village_officer_sees_only_own_village),
		T(test_export_is_scoped),
		T(test_list_sorts_by_pinyin),
		T(test_one_search_box),
		T(test_next_number_counts_only_digits),
		T(test_stale_save_refused_input_kept),
		T(test_member_rules_on_save),
		T(test_duplicate_head_in_village_shown),
		T(test_income_derived_never_typed),
		T(test_household_field_checks_are_the_save_checks),
		T(test_risks_read_as_typed),
		T(test_type_fits_tuopin),
		T(test_member_field_checks_are_the_save_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
