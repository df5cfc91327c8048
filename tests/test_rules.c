/* The register's pure rules: dates as officers type them, money, phone
 * numbers and the household composition checks of SPEC §2. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/clock.h"
#include "register/household.h"

static void test_dates_typed_three_ways(void **state)
{
	(void)state;
	clock_pin(date_from_ymd(2026, 11, 23));
	jday want = date_from_ymd(2026, 5, 3);
	assert_int_equal(date_parse("2026-05-03"), want);
	assert_int_equal(date_parse("20260503"), want);
	assert_int_equal(date_parse("5-3"), want);
	assert_int_equal(date_parse("2026/5/3"), want);
	assert_int_equal(date_parse(" 5.3 "), want);
	clock_pin(JDAY_NONE);
}

static void test_impossible_dates_refused(void **state)
{
	(void)state;
	assert_int_equal(date_parse("2026-02-30"), JDAY_NONE);
	assert_int_equal(date_parse("2025-02-29"), JDAY_NONE);
	assert_int_not_equal(date_parse("2024-02-29"), JDAY_NONE);
	assert_int_equal(date_parse("2026-13-01"), JDAY_NONE);
	assert_int_equal(date_parse("五月三日"), JDAY_NONE);
	assert_int_equal(date_parse("2026-5-3x"), JDAY_NONE);
	assert_int_equal(date_parse(""), JDAY_NONE);
	assert_int_equal(date_iso("2026-5-3"), JDAY_NONE);
}

static void test_date_round_trip_and_months(void **state)
{
	(void)state;
	char buf[11];
	for (jday d = date_from_ymd(1900, 1, 1); d < date_from_ymd(2101, 1, 1); d += 37)
		assert_int_equal(date_iso(date_fmt(d, buf)), d);
	assert_int_equal(date_months_between(date_from_ymd(2026, 1, 31), date_from_ymd(2026, 7, 30)), 5);
	assert_int_equal(date_months_between(date_from_ymd(2026, 1, 31), date_from_ymd(2026, 7, 31)), 6);
}

static void test_money_in_fen(void **state)
{
	(void)state;
	char buf[32];
	assert_int_equal(money_parse("1234.5"), 123450);
	assert_int_equal(money_parse("7600"), 760000);
	assert_int_equal(money_parse("0.05"), 5);
	assert_int_equal(money_parse("12元"), 1200);
	assert_int_equal(money_parse("-5"), -1);
	assert_int_equal(money_parse("12a"), -1);
	assert_int_equal(money_parse("1."), -1);
	assert_string_equal(money_fmt(123450, buf, sizeof buf), "1234.50");
	assert_string_equal(money_fmt(760000, buf, sizeof buf), "7600");
}

static void test_phone_has_11_digits(void **state)
{
	(void)state;
	assert_true(phone_valid("13800138000"));
	assert_false(phone_valid("1380013800"));
	assert_false(phone_valid("138001380001"));
	assert_false(phone_valid("23800138000"));
	assert_false(phone_valid("1380013800a"));
	assert_false(phone_valid(""));
}

static struct member person(const char *name, const char *rel, int sex, const char *labour)
{
	struct member m;
	member_init(&m);
	strcpy(m.name, name);
	strcpy(m.relation, rel);
	strcpy(m.labour, labour);
	m.sex = sex;
	return m;
}

static void test_exactly_one_head(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member none[] = { person("李四", "配偶", 2, "普通劳动力") };
	assert_int_equal(household_check_members(NULL, none, 1, &e), -1);
	assert_non_null(strstr(e.msg, "没有户主"));
	struct member two[] = { person("张三", "户主", 1, "普通劳动力"), person("张四", "户主", 1, "普通劳动力") };
	assert_int_equal(household_check_members(NULL, two, 2, &e), -1);
	assert_non_null(strstr(e.msg, "户主只能有一人"));
	struct member one[] = { person("张三", "户主", 1, "普通劳动力"), person("张四", "之子", 1, "普通劳动力") };
	assert_int_equal(household_check_members(NULL, one, 2, &e), 0);
}

static void test_spouse_of_other_sex(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member same[] = { person("张三", "户主", 1, "普通劳动力"), person("王五", "配偶", 1, "普通劳动力") };
	assert_int_equal(household_check_members(NULL, same, 2, &e), -1);
	assert_non_null(strstr(e.msg, "性别相同"));
	same[1].sex = 2;
	assert_int_equal(household_check_members(NULL, same, 2, &e), 0);
}

static void test_unstable_work_risk_needs_a_worker(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct household h;
	household_init(&h);
	h.nrisks = 1;
	strcpy(h.risks[0], "因务工就业不稳");
	struct member ms[] = { person("张三", "户主", 1, "丧失劳动力"), person("李梅", "配偶", 2, "无劳动力") };
	assert_int_equal(household_check_members(&h, ms, 2, &e), -1);
	assert_non_null(strstr(e.msg, "因务工就业不稳"));
	strcpy(ms[1].labour, "弱劳动力或半劳动力");
	assert_int_equal(household_check_members(&h, ms, 2, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_typed_three_ways),
		cmocka_unit_test(test_impossible_dates_refused),
		cmocka_unit_test(test_date_round_trip_and_months),
		cmocka_unit_test(test_money_in_fen),
		cmocka_unit_test(test_phone_has_11_digits),
		cmocka_unit_test(test_exactly_one_head),
		cmocka_unit_test(test_spouse_of_other_sex),
		cmocka_unit_test(test_unstable_work_risk_needs_a_worker),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
