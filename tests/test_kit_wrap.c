/* ui_wrap (screens/kit/ui.c), which lays out free text shown whole under a
 * list and in boxes: lines fit their width, nothing is lost, and a line
 * never breaks inside a date or a number (issue 16). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "kit/ui.h"

struct lines {
	char text[32][256];
	int n;
};

static void keep(void *arg, int index, const char *text)
{
	struct lines *l = arg;
	if (index < 32)
		snprintf(l->text[index], sizeof l->text[index], "%s", text);
	l->n = index + 1;
}

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* 自2026-11-28 at the end of a 20-column line goes down whole. */
static void test_date_not_split(void **state)
{
	(void)state;
	struct lines l = { .n = 0 };
	int n = ui_wrap("核实期限延至自2026-11-28止", 20, keep, &l);
	assert_int_equal(n, 2);
	assert_string_equal(l.text[0], "核实期限延至自");
	assert_string_equal(l.text[1], "2026-11-28止");
}

/* Every line fits, and the lines put back together are the text. */
static void test_fits_and_keeps_everything(void **state)
{
	(void)state;
	static const char text[] = "退回第1步：入户核实记录的家庭人口与户籍不一致，请核对禤长文之女于"
	                           "2026-03-12迁出的情况，补充迁出证明后重新核实收入";
	for (int cols = 12; cols <= 40; cols += 7) {
		struct lines l = { .n = 0 };
		char joined[1024] = "";
		int n = ui_wrap(text, cols, keep, &l);
		assert_true(n <= 32);
		for (int i = 0; i < n; i++) {
			assert_true(text_width(l.text[i]) <= cols);
			strcat(joined, l.text[i]);
			/* the date is on one line or not begun */
			const char *d = strstr(l.text[i], "2026");
			if (d)
				assert_non_null(strstr(d, "2026-03-12"));
		}
		assert_string_equal(joined, text);
	}
}

/* A break after a Chinese pause near the line's end rather than inside
 * the words after it. */
static void test_pause_in_last_third(void **state)
{
	(void)state;
	struct lines l = { .n = 0 };
	ui_wrap("家中生活正常，户主姜家福务工", 16, keep, &l);
	assert_string_equal(l.text[0], "家中生活正常，");
	assert_string_equal(l.text[1], "户主姜家福务工");
}

/* A space early in the line is no place to break: "1." would stand alone. */
static void test_early_space_kept(void **state)
{
	(void)state;
	struct lines l = { .n = 0 };
	ui_wrap("1. 有劳动能力但没有开发式帮扶措施（产业、就业、金融）", 30, keep, &l);
	assert_int_equal(strncmp(l.text[0], "1. 有劳动能力", strlen("1. 有劳动能力")), 0);
}

/* The step form's posting line at 80 columns: the day step 3 may pass goes
 * down whole, the dates before it stay on the first line. */
static void test_posting_line(void **state)
{
	(void)state;
	struct lines l = { .n = 0 };
	int n = ui_wrap("公示：龙阳村村务公开栏，2026-11-27 至 2026-12-03，已公示6天，"
	                "2026-12-04起可完成本步", 80, keep, &l);
	assert_int_equal(n, 2);
	assert_string_equal(l.text[0], "公示：龙阳村村务公开栏，2026-11-27 至 2026-12-03，已公示6天，");
	assert_string_equal(l.text[1], "2026-12-04起可完成本步");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_not_split),
		cmocka_unit_test(test_fits_and_keeps_everything),
		cmocka_unit_test(test_pause_in_last_third),
		cmocka_unit_test(test_early_space_kept),
		cmocka_unit_test(test_posting_line),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
