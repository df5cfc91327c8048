/* Name readings: initials and full pinyin for search, surnames read as
 * surnames, and a sort key that puts 李 before 王 before 张. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/pinyin.h"

static int teardown(void **state)
{
	(void)state;
	pinyin_close();
	return 0;
}

static void reads(const char *name, const char *full, const char *initials)
{
	char f[256], i[64];
	assert_int_equal(pinyin_name(name, f, sizeof f, i, sizeof i), 0);
	if (strcmp(f, full) != 0 || strcmp(i, initials) != 0)
		fail_msg("%s: got %s/%s, wanted %s/%s", name, f, i, full, initials);
}

static void test_han_names(void **state)
{
	(void)state;
	reads("张三丰", "zhangsanfeng", "zsf");
	reads("李四", "lisi", "ls");
	reads("王秀英", "wangxiuying", "wxy");
	reads("秀英", "xiuying", "xy");
	reads("吕布", "lubu", "lb");   /* ü loses its dots */
	reads("𠮷", "", "");           /* ICU has no reading: dropped */
}

static void test_surnames_read_as_surnames(void **state)
{
	(void)state;
	reads("单雄信", "shanxiongxin", "sxx");
	reads("曾国藩", "zengguofan", "zgf");
	reads("仇英", "qiuying", "qy");
	reads("解缙", "xiejin", "xj");
	reads("查良镛", "zhaliangyong", "zly");
	reads("乐毅", "yueyi", "yy");
	reads("尉迟恭", "yuchigong", "ycg");
	/* only the first character is a surname */
	reads("张单", "zhangdan", "zd");
}

static void test_surname_overrides(void **state)
{
	(void)state;
	reads("朴槿惠", "piaojinhui", "pjh");
	reads("朴", "piao", "p");
	reads("覃明", "qinming", "qm");
	reads("缪明", "miaoming", "mm");
	reads("阚明", "kanming", "km");
	reads("尉明", "weiming", "wm");
	reads("单于明", "chanyuming", "cym");
	reads(" 覃明", "qinming", "qm");
	/* not at the start: ICU's reading stands */
	reads("李朴", "lipu", "lp");
}

static void test_mixed_and_empty(void **state)
{
	(void)state;
	reads("阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt");
	reads("Tom张", "tomzhang", "tz");
	reads("张Tom", "zhangtom", "zt");
	reads("John Smith", "johnsmith", "js");
	reads("José", "jose", "j");
	reads("张3", "zhang", "z");
	reads("", "", "");
	reads("·", "", "");
	char f[8] = "x", i[8] = "x";
	assert_int_equal(pinyin_name(NULL, f, sizeof f, i, sizeof i), 0);
	assert_string_equal(f, "");
	assert_string_equal(i, "");
	/* invalid UTF-8 is read around, not refused */
	reads("张\xff三", "zhangsan", "zs");
}

static void test_small_outputs(void **state)
{
	(void)state;
	char f[8], i[3];
	/* cut at a syllable, never inside one */
	assert_int_equal(pinyin_name("张三丰", f, sizeof f, i, sizeof i), -1);
	assert_string_equal(f, "zhang");
	assert_string_equal(i, "zs");
	assert_int_equal(pinyin_name("张三", NULL, 0, i, sizeof i), 0);
	assert_string_equal(i, "zs");
}

static int by_key(const void *a, const void *b)
{
	char ka[256], kb[256];
	pinyin_sortkey(*(const char *const *)a, ka, sizeof ka);
	pinyin_sortkey(*(const char *const *)b, kb, sizeof kb);
	return strcmp(ka, kb);
}

static void test_sort_by_reading(void **state)
{
	(void)state;
	const char *names[] = { "张三丰", "王五", "李四", "阿依古丽·买买提", "张三", "林一", "张山" };
	qsort(names, 7, sizeof names[0], by_key);
	const char *want[] = { "阿依古丽·买买提", "李四", "林一", "王五", "张三", "张三丰", "张山" };
	for (int k = 0; k < 7; k++)
		assert_string_equal(names[k], want[k]);
	char key[64];
	pinyin_sortkey("张三丰", key, sizeof key);
	assert_string_equal(key, "zhang san feng\x01张三丰");
	pinyin_sortkey("朴槿惠", key, sizeof key);
	assert_string_equal(key, "piao jin hui\x01朴槿惠");
	pinyin_sortkey("", key, sizeof key);
	assert_string_equal(key, "");
	/* cut inside the name: never half a character */
	pinyin_sortkey("张三", key, 14);
	assert_string_equal(key, "zhang san\x01张");
	pinyin_sortkey("张三", key, 13);
	assert_string_equal(key, "zhang san\x01");
}

static void test_close_and_reopen(void **state)
{
	(void)state;
	pinyin_close();
	pinyin_close();
	reads("张三丰", "zhangsanfeng", "zsf");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_han_names),
		cmocka_unit_test(test_surnames_read_as_surnames),
		cmocka_unit_test(test_surname_overrides),
		cmocka_unit_test(test_mixed_and_empty),
		cmocka_unit_test(test_small_outputs),
		cmocka_unit_test(test_sort_by_reading),
		cmocka_unit_test(test_close_and_reopen),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
