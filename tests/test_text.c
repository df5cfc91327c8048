/* Display width: Han characters take two columns, nothing is split inside a
 * character, bad bytes show as '?', and a cut is marked with '>'. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/text.h"

static int setup_locale(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* The module must agree with the C library that curses also asks. */
static int libc_width(const char *s)
{
	wchar_t w[256];
	size_t n = mbstowcs(w, s, 256);
	assert_true(n != (size_t)-1 && n < 256);
	return wcswidth(w, n);
}

static void test_width_of_names(void **state)
{
	(void)state;
	assert_int_equal(text_width("张三"), 4);
	assert_int_equal(text_width("Tom张"), 5);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
	/* U+00B7 is ambiguous width; glibc's UTF-8 locales say 1 */
	assert_int_equal(text_width("·"), 1);
	assert_int_equal(text_width("阿依古丽·买买提"), 15);
	assert_int_equal(text_width("阿依古丽·买买提"), libc_width("阿依古丽·买买提"));
	assert_int_equal(text_width("𠮷"), 2);   /* U+20BB7, four bytes */
	assert_int_equal(text_width("𠮷"), libc_width("𠮷"));
	assert_int_equal(text_width("e\xcc\x81"), 1);   /* e + combining acute */
	assert_int_equal(text_width("１２"), 4);   /* full-width digits */
}

static void test_bad_bytes_are_one_column_each(void **state)
{
	(void)state;
	assert_int_equal(text_width("a\xff" "b"), 3);
	assert_int_equal(text_width("\xe5\xbc"), 2);        /* 张 missing its last byte */
	assert_int_equal(text_width("\xe5\xbc" "a"), 3);
	assert_int_equal(text_width("\xc0\x80"), 2);        /* overlong NUL */
	assert_int_equal(text_width("\xed\xa0\x80"), 3);    /* a surrogate */
	assert_int_equal(text_width("a\tb\x7f\n"), 5);
	assert_int_equal(text_width("\xc2\x85"), 1);        /* C1 control, one char */
}

static void test_sanitize(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_sanitize("张\xff三\t", out, sizeof out), 2);
	assert_string_equal(out, "张?三?");
	assert_int_equal(text_sanitize("\xe5\xbc", out, sizeof out), 2);
	assert_string_equal(out, "??");
	assert_int_equal(text_sanitize("a\xc2\x85" "b", out, sizeof out), 1);
	assert_string_equal(out, "a?b");
	assert_int_equal(text_sanitize("阿依古丽·买买提", out, sizeof out), 0);
	assert_string_equal(out, "阿依古丽·买买提");
	/* too small: stops before a character, never inside one */
	assert_int_equal(text_sanitize("张三", out, 6), 0);
	assert_string_equal(out, "张");
}

static void test_cut_never_splits(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_cut("张三丰", 5, out, sizeof out), 6);
	assert_string_equal(out, "张三");
	assert_int_equal(text_width(out), 4);
	assert_int_equal(text_cut("张三丰", 6, out, sizeof out), 9);
	assert_string_equal(out, "张三丰");
	assert_int_equal(text_cut("a张b", 2, out, sizeof out), 1);
	assert_string_equal(out, "a");
	assert_int_equal(text_cut("张", 1, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_cut("ab\xff" "cd", 4, out, sizeof out), 4);
	assert_string_equal(out, "ab?c");
	assert_int_equal(text_cut("x𠮷y", 3, out, sizeof out), 5);
	assert_string_equal(out, "x𠮷");
	/* the buffer, not the columns, is the limit */
	assert_int_equal(text_cut("张三丰", 80, out, 7), 6);
	assert_string_equal(out, "张三");
	assert_int_equal(text_cut("张三丰", -1, out, sizeof out), 0);
}

static void test_fit_pads_and_marks_cut(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_fit("张三", 6, out, sizeof out), 0);
	assert_string_equal(out, "张三  ");
	assert_int_equal(text_fit("张三", 4, out, sizeof out), 0);
	assert_string_equal(out, "张三");
	/* 张三丰 in 5: cut to 4 columns, the wide 丰 does not fit, '>' */
	assert_int_equal(text_fit("张三丰", 5, out, sizeof out), 1);
	assert_string_equal(out, "张三>");
	assert_int_equal(text_width(out), 5);
	/* in 4: the '>' takes a column, so only 张 and a pad remain */
	assert_int_equal(text_fit("张三丰", 4, out, sizeof out), 1);
	assert_string_equal(out, "张 >");
	assert_int_equal(text_fit("abcdef", 4, out, sizeof out), 1);
	assert_string_equal(out, "abc>");
	assert_int_equal(text_fit("张", 1, out, sizeof out), 1);
	assert_string_equal(out, ">");
	assert_int_equal(text_fit("", 3, out, sizeof out), 0);
	assert_string_equal(out, "   ");
	assert_int_equal(text_fit("ab", 0, out, sizeof out), 1);
	assert_string_equal(out, "");
	assert_int_equal(text_fit("阿依古丽·买买提", 16, out, sizeof out), 0);
	assert_string_equal(out, "阿依古丽·买买提 ");
	assert_int_equal(text_fit("a\x01" "b", 4, out, sizeof out), 0);
	assert_string_equal(out, "a?b ");
}

/* A cut falls at a word's edge: never inside a date or a number, never
 * inside brackets, else after a pause near the end (issue 16). */
static void test_fit_cuts_at_word_edges(void **state)
{
	(void)state;
	char out[128];
	assert_int_equal(text_fit("识别纳入 自2026-11-28", 19, out, sizeof out), 1);
	assert_string_equal(out, "识别纳入 自       >");
	assert_int_equal(text_fit("农户自主申报 2026-05-14 因病", 20, out, sizeof out), 1);
	assert_string_equal(out, "农户自主申报       >");
	assert_int_equal(text_fit("最多5项，如 yb yx（因病、因学）", 24, out, sizeof out), 1);
	assert_string_equal(out, "最多5项，如 yb yx      >");
	assert_int_equal(text_fit("待我办理的步骤、超期走访、无联系人", 28, out, sizeof out), 1);
	assert_string_equal(out, "待我办理的步骤、超期走访、 >");
	/* one word from the start: cut where it must */
	assert_int_equal(text_fit("5002431012010005", 8, out, sizeof out), 1);
	assert_string_equal(out, "5002431>");
	assert_int_equal(text_fit("阿依古丽·买买提", 10, out, sizeof out), 1);
	assert_string_equal(out, "阿依古丽·>");
	/* a pause far from the end is not worth what it would drop */
	assert_int_equal(text_fit("本户：边缘易致贫户或突发严重困难户", 24, out, sizeof out), 1);
	assert_string_equal(out, "本户：边缘易致贫户或突 >");
}

static void test_fit_respects_the_buffer(void **state)
{
	(void)state;
	char out[8];
	assert_int_equal(text_fit("ab", 8, out, sizeof out), -1);
	assert_string_equal(out, "");
	/* 张三 plus a pad needs 8 bytes: with 7 it is cut, with 6 even 张 goes */
	assert_int_equal(text_fit("张三", 5, out, 7), 1);
	assert_string_equal(out, "张  >");
	assert_int_equal(text_fit("张三", 5, out, 6), 1);
	assert_string_equal(out, "    >");
	assert_int_equal(text_width(out), 5);
	assert_int_equal(text_fit("张三", 5, out, 8), 0);
	assert_string_equal(out, "张三 ");
}

static void test_pad_left_for_numbers(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_pad_left("1234", 8, out, sizeof out), 0);
	assert_string_equal(out, "    1234");
	assert_int_equal(text_pad_left("张三", 5, out, sizeof out), 0);
	assert_string_equal(out, " 张三");
	assert_int_equal(text_pad_left("123456", 6, out, sizeof out), 0);
	assert_string_equal(out, "123456");
	assert_int_equal(text_pad_left("1234567", 6, out, sizeof out), 1);
	assert_string_equal(out, "12345>");
	assert_int_equal(text_pad_left("12", 3, out, 3), -1);
	assert_int_equal(text_pad_left("张三", 5, out, 7), 1);
	assert_string_equal(out, "张  >");
}

static void test_char_boundaries(void **state)
{
	(void)state;
	const char *s = "a张𠮷\xff" "b";   /* a=0, 张=1..3, 𠮷=4..7, ff=8, b=9 */
	assert_int_equal(text_next_char(s, 0), 1);
	assert_int_equal(text_next_char(s, 1), 4);
	assert_int_equal(text_next_char(s, 4), 8);
	assert_int_equal(text_next_char(s, 8), 9);
	assert_int_equal(text_next_char(s, 9), 10);
	assert_int_equal(text_next_char(s, 10), 10);
	assert_int_equal(text_prev_char(s, 10), 9);
	assert_int_equal(text_prev_char(s, 9), 8);
	assert_int_equal(text_prev_char(s, 8), 4);
	assert_int_equal(text_prev_char(s, 4), 1);
	assert_int_equal(text_prev_char(s, 1), 0);
	assert_int_equal(text_prev_char(s, 0), 0);
	/* Backspace at the end of 张三 removes 三 whole */
	char line[16] = "张三";
	line[text_prev_char(line, strlen(line))] = 0;
	assert_string_equal(line, "张");
}

static void test_classify(void **state)
{
	(void)state;
	assert_true(text_is_han(0x5F20));     /* 张 */
	assert_true(text_is_han(0x20BB7));    /* 𠮷 */
	assert_true(text_is_han(0x3400));
	assert_false(text_is_han(0xB7));
	assert_false(text_is_han(0x3000));
	assert_false(text_is_han('a'));
	assert_true(text_has_han("Tom张"));
	assert_true(text_has_han("𠮷"));
	assert_false(text_has_han("zsf"));
	assert_false(text_has_han("\xe5\xbc"));
	assert_false(text_has_han(""));
	assert_true(text_all_digits("0123456789"));
	assert_false(text_all_digits(""));
	assert_false(text_all_digits("12a"));
	assert_false(text_all_digits("１２"));
	assert_true(text_all_latin("zsf"));
	assert_true(text_all_latin("ZhangSan"));
	assert_false(text_all_latin(""));
	assert_false(text_all_latin("zhang san"));
	assert_false(text_all_latin("z1"));
	assert_false(text_all_latin("张"));
}

static void test_fullwidth_to_ascii(void **state)
{
	(void)state;
	char out[64];
	text_fullwidth_to_ascii("１１０１０５　１９４９ｘＸ", out, sizeof out);
	assert_string_equal(out, "110105 1949xX");
	text_fullwidth_to_ascii("张三ａｂｚＡＺ９０", out, sizeof out);
	assert_string_equal(out, "张三abzAZ90");
	text_fullwidth_to_ascii("（１）", out, sizeof out);   /* only what was asked */
	assert_string_equal(out, "（1）");
	text_fullwidth_to_ascii("a\xff", out, sizeof out);
	assert_string_equal(out, "a\xff");
	text_fullwidth_to_ascii("张三", out, 5);
	assert_string_equal(out, "张");
}

/* Every string that starts with the prefix sorts below the end, and the
 * end is the least such (a prefix search walks exactly [prefix, end)). */
static void test_prefix_end(void **state)
{
	(void)state;
	char out[32];
	assert_int_equal(text_prefix_end("3205", out, sizeof out), 1);
	assert_string_equal(out, "3206");
	assert_int_equal(text_prefix_end("zhang", out, sizeof out), 1);
	assert_string_equal(out, "zhanh");
	assert_int_equal(text_prefix_end("2025-", out, sizeof out), 1);
	assert_string_equal(out, "2025.");
	/* Han: the next code point, still valid UTF-8 (PostgreSQL checks) */
	assert_int_equal(text_prefix_end("张三", out, sizeof out), 1);
	assert_string_equal(out, "张上");                /* U+4E09 → U+4E0A */
	assert_int_equal(text_prefix_end("产业帮扶", out, sizeof out), 1);
	assert_string_equal(out, "产业帮扷");
	assert_true(strcmp("产业帮扶资金", out) < 0 && strcmp("产业帮扶", out) < 0);
	/* a character whose next one is longer in UTF-8 */
	assert_int_equal(text_prefix_end("a\x7f", out, sizeof out), 1);
	assert_string_equal(out, "a\xc2\x80");
	assert_int_equal(text_prefix_end("\xef\xbf\xbf", out, sizeof out), 1);   /* U+FFFF */
	assert_string_equal(out, "\xf0\x90\x80\x80");
	assert_int_equal(text_prefix_end("\xed\x9f\xbf", out, sizeof out), 1);   /* U+D7FF */
	assert_string_equal(out, "\xee\x80\x80");                              /* U+E000 */
	/* the highest character has no successor: the one before it steps */
	assert_int_equal(text_prefix_end("b\xf4\x8f\xbf\xbf", out, sizeof out), 1);
	assert_string_equal(out, "c");
	assert_int_equal(text_prefix_end("\xf4\x8f\xbf\xbf", out, sizeof out), 0);
	assert_int_equal(text_prefix_end("", out, sizeof out), 0);
	/* invalid bytes step one at a time; 0xFF is dropped like U+10FFFF */
	assert_int_equal(text_prefix_end("a\xff\xff", out, sizeof out), 1);
	assert_string_equal(out, "b");
	assert_int_equal(text_prefix_end("a\x80", out, sizeof out), 1);
	assert_string_equal(out, "a\x81");
	assert_int_equal(text_prefix_end("\xff", out, sizeof out), 0);
	/* room for a result one byte longer than the prefix */
	assert_int_equal(text_prefix_end("abc", out, 4), -1);
	assert_int_equal(text_prefix_end("abc", out, 5), 1);
	assert_string_equal(out, "abd");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_of_names),
		cmocka_unit_test(test_bad_bytes_are_one_column_each),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_cut_never_splits),
		cmocka_unit_test(test_fit_pads_and_marks_cut),
		cmocka_unit_test(test_fit_cuts_at_word_edges),
		cmocka_unit_test(test_fit_respects_the_buffer),
		cmocka_unit_test(test_pad_left_for_numbers),
		cmocka_unit_test(test_char_boundaries),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_fullwidth_to_ascii),
		cmocka_unit_test(test_prefix_end),
	};
	return cmocka_run_group_tests(tests, setup_locale, NULL);
}
