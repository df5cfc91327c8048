/* How typing picks options (base/complete.h), the one rule every form, the
 * visit grid and the checklists use: an exact reading wins before a prefix
 * is ambiguous (zn is 之女, not "之女 or 之女婿"), and the same tokens are
 * accepted for a list of several wherever it is typed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "base/complete.h"
#include "base/pinyin.h"

/* Readings as pinyin.h works them out, so the test also holds ICU to them. */
static char py[8][64], ini[8][24];
static struct form_option relations[3];
static const char *const relation_texts[] = { "之女", "之女婿", "之子" };

static int setup(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return -1;
	for (int i = 0; i < 3; i++) {
		if (pinyin_name(relation_texts[i], py[i], sizeof py[i], ini[i], sizeof ini[i]) != 0)
			return -1;
		relations[i] = (struct form_option){ relation_texts[i], ini[i], py[i] };
	}
	return 0;
}

static void test_exact_initials_before_ambiguity(void **state)
{
	(void)state;
	assert_string_equal(relations[0].initials, "zn");
	assert_string_equal(relations[1].initials, "znx");
	assert_int_equal(option_find(relations, 3, "zn"), 0);
	assert_int_equal(option_find(relations, 3, "ZN"), 0);        /* caps lock on */
	assert_int_equal(option_find(relations, 3, "ｚｎ"), 0);      /* full-width */
	assert_int_equal(option_find(relations, 3, "znx"), 1);
	assert_int_equal(option_find(relations, 3, relations[1].pinyin), 1);
}

/* A prefix that is no option's whole reading still says "several". */
static void test_prefix_ambiguous(void **state)
{
	(void)state;
	assert_int_equal(option_find(relations, 3, "z"), -2);
	assert_int_equal(option_find(relations, 3, "之"), -2);
	assert_int_equal(option_find(relations, 3, "xx"), -1);
	assert_int_equal(option_find(relations, 3, "之女"), 0);     /* the text itself */
}

static const struct form_option risks[] = {
	{ "因病", "yb", "yinbing" }, { "因学", "yx", "yinxue" }, { "因残", "yc", "yincan" },
	{ "因产业项目失败", "ycyxmsb", "yinchanyexiangmushibai" },
};

/* What step 1 accepted and the household form refused: yb alone, yb yx. */
static void test_tidy_tokens(void **state)
{
	(void)state;
	char out[128], why[128];
	assert_null(options_tidy(risks, 4, 5, "yb", out, sizeof out, why, sizeof why));
	assert_string_equal(out, "因病");
	assert_null(options_tidy(risks, 4, 5, "yb yx", out, sizeof out, why, sizeof why));
	assert_string_equal(out, "因病、因学");
	assert_null(options_tidy(risks, 4, 5, "因学，yb、yb", out, sizeof out, why, sizeof why));
	assert_string_equal(out, "因学、因病");
	assert_null(options_tidy(risks, 4, 5, "yc", out, sizeof out, why, sizeof why));
	assert_string_equal(out, "因残");
	assert_non_null(options_tidy(risks, 4, 5, "y", out, sizeof out, why, sizeof why));
	assert_non_null(strstr(why, "可指多项"));
	assert_non_null(options_tidy(risks, 4, 5, "qq", out, sizeof out, why, sizeof why));
	assert_non_null(strstr(why, "“qq”不在可选项中"));
	assert_non_null(options_tidy(risks, 4, 1, "yb yx", out, sizeof out, why, sizeof why));
	assert_non_null(strstr(why, "最多1项"));
}

/* The checklist opens with what the field holds marked. */
static void test_picked(void **state)
{
	(void)state;
	unsigned char on[4];
	assert_int_equal(options_picked(risks, 4, "因学、yb 不知道", on), 2);
	assert_int_equal(on[0], 1);
	assert_int_equal(on[1], 1);
	assert_int_equal(on[2], 0);
	assert_int_equal(options_picked(risks, 4, "", on), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_initials_before_ambiguity),
		cmocka_unit_test(test_prefix_ambiguous),
		cmocka_unit_test(test_tidy_tokens),
		cmocka_unit_test(test_picked),
	};
	int rc = cmocka_run_group_tests(tests, setup, NULL);
	pinyin_close();
	return rc;
}
