/* 公民身份号码: what officers type is normalised, what cannot be a number is
 * refused with a reason, and sex, birth date and age come from the digits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/idcard.h"

/* The two examples printed in GB 11643-1999. */
#define WOMAN "11010519491231002X"
#define MAN "440524188001010014"

static int setup(void **state)
{
	(void)state;
	clock_pin(date_from_ymd(2026, 11, 23));
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	clock_pin(JDAY_NONE);
	return 0;
}

/* Normalises in, expecting success, and compares with want. */
static void accepts(const char *in, const char *want)
{
	char out[19];
	struct jerr e = { "", "" };
	int rc = idcard_normalize(in, out, &e);
	if (rc != 0)
		fail_msg("%s refused: %s", in, e.msg);
	assert_string_equal(out, want);
}

/* Expects a refusal on field id_no whose message contains reason. */
static void refuses(const char *in, const char *reason)
{
	char out[19] = "junk";
	struct jerr e = { "", "" };
	assert_int_equal(idcard_normalize(in, out, &e), -1);
	assert_string_equal(out, "");
	assert_string_equal(e.field, "id_no");
	if (!strstr(e.msg, reason))
		fail_msg("%s: got \"%s\", wanted \"%s\"", in, e.msg, reason);
}

static void test_check_digit(void **state)
{
	(void)state;
	assert_int_equal(idcard_check_digit("11010519491231002"), 'X');
	assert_int_equal(idcard_check_digit("44052418800101001"), '4');
	assert_int_equal(idcard_check_digit("1101051949123100"), -1);
	assert_int_equal(idcard_check_digit("1101051949123100a"), -1);
}

static void test_valid_numbers(void **state)
{
	(void)state;
	accepts(WOMAN, WOMAN);
	accepts(MAN, MAN);
	accepts("11010519491231002x", WOMAN);
	accepts("１１０１０５１９４９１２３１００２Ｘ", WOMAN);
	accepts("１１０１０５１９４９１２３１００２ｘ", WOMAN);
	accepts(" 110105 19491231 002X ", WOMAN);
	accepts("110105　1949　1231　002X", WOMAN);   /* U+3000 */
	accepts("4405\t2418800101 0014", MAN);
}

static void test_length(void **state)
{
	(void)state;
	refuses("11010519491231002", "身份证号码应为18位，现为17位");
	refuses("11010519491231002X1", "身份证号码应为18位，现为19位");
	refuses("１１０１０５１９４９１２３１００２", "现为17位");
	refuses("张三", "现为2位");
	refuses("", "请填写身份证号码");
	refuses("  　", "请填写身份证号码");
	refuses(NULL, "请填写身份证号码");
}

static void test_not_digits(void **state)
{
	(void)state;
	refuses("1101051949A231002X", "身份证号码前17位应为数字，第11位是“A”");
	refuses("X10105194912310020", "前17位应为数字，第1位是“X”");
	refuses("11010519491231002张", "最后一位应为数字或X，现为“张”");
	refuses("11010519491231002Y", "最后一位应为数字或X");
	refuses("110105194912\xff" "1002X", "第13位是“?”");
	refuses("110105194912\x01" "1002X", "第13位是“?”");
}

static void test_impossible_birth_dates(void **state)
{
	(void)state;
	/* check digits are right, so only the date can be blamed */
	char id[19] = "11010520000230001";
	id[17] = (char)idcard_check_digit(id);
	refuses(id, "身份证号码出生日期无效（2000-02-30）");
	strcpy(id, "11010519491301002");
	id[17] = (char)idcard_check_digit(id);
	refuses(id, "身份证号码出生日期无效（1949-13-01）");
	strcpy(id, "11010519490001002");
	id[17] = (char)idcard_check_digit(id);
	refuses(id, "出生日期无效（1949-00-01）");
	strcpy(id, "11010518791231002");
	id[17] = (char)idcard_check_digit(id);
	refuses(id, "早于1880年");
	strcpy(id, "11010520000229002");   /* a leap day is fine */
	id[17] = (char)idcard_check_digit(id);
	accepts(id, id);
}

static void test_future_birth_date(void **state)
{
	(void)state;
	char id[19] = "11010520261124002";
	id[17] = (char)idcard_check_digit(id);
	refuses(id, "出生日期（2026-11-24）晚于今天");
	clock_pin(date_from_ymd(2026, 11, 24));
	accepts(id, id);   /* born today */
	clock_pin(date_from_ymd(2026, 11, 23));
}

static void test_wrong_check_digit(void **state)
{
	(void)state;
	refuses("110105194912310021", "身份证号码校验位错误，应为X");
	refuses("440524188001010015", "身份证号码校验位错误，应为4");
	refuses("11010519491231003X", "校验位错误");   /* a typo in the sequence */
}

static void test_derived_fields(void **state)
{
	(void)state;
	assert_int_equal(idcard_sex(WOMAN), 2);
	assert_int_equal(idcard_sex(MAN), 1);
	assert_int_equal(idcard_sex("123"), 0);
	assert_int_equal(idcard_birth(WOMAN), date_from_ymd(1949, 12, 31));
	assert_int_equal(idcard_birth(MAN), date_from_ymd(1880, 1, 1));
	assert_int_equal(idcard_birth("1101051949123"), JDAY_NONE);
	assert_int_equal(idcard_age(WOMAN, date_from_ymd(2026, 11, 23)), 76);
	assert_int_equal(idcard_age(WOMAN, date_from_ymd(2025, 12, 30)), 75);
	assert_int_equal(idcard_age(WOMAN, date_from_ymd(2025, 12, 31)), 76);
	assert_int_equal(idcard_age(WOMAN, date_from_ymd(1949, 12, 31)), 0);
	assert_int_equal(idcard_age(WOMAN, date_from_ymd(1949, 12, 30)), -1);
	assert_int_equal(idcard_age(MAN, date_from_ymd(1980, 1, 1)), 100);
	/* a leap-day baby comes of age on 1 March in other years */
	char leap[19] = "11010520000229002";
	leap[17] = (char)idcard_check_digit(leap);
	assert_int_equal(idcard_age(leap, date_from_ymd(2018, 2, 28)), 17);
	assert_int_equal(idcard_age(leap, date_from_ymd(2018, 3, 1)), 18);
}

static void test_mask(void **state)
{
	(void)state;
	char out[19];
	idcard_mask(WOMAN, out);
	assert_string_equal(out, "110105********002X");
	idcard_mask(MAN, out);
	assert_string_equal(out, "440524********0014");
	idcard_mask("1101051949", out);
	assert_string_equal(out, "******");
	idcard_mask("", out);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_digit),
		cmocka_unit_test(test_valid_numbers),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_not_digits),
		cmocka_unit_test(test_impossible_birth_dates),
		cmocka_unit_test(test_future_birth_date),
		cmocka_unit_test(test_wrong_check_digit),
		cmocka_unit_test(test_derived_fields),
		cmocka_unit_test(test_mask),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
