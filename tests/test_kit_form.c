/* Unit tests of the console's form (screens/kit/form.c) without a
 * terminal: fields declared by name through the builder, options given
 * after a field was added, a field of several options written back tidy,
 * and the record's checks shown beside the field they name.  Keys go in as
 * curses hands them over (a character, or a KEY_ code). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "kit/app.h"
#include "kit/form.h"

static struct app *app;

static int setup(void **state)
{
	(void)state;
	app = app_new(NULL);
	return setlocale(LC_ALL, "C.UTF-8") && app ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	app_free(app);
	return 0;
}

static void type(struct form *f, const char *ascii)
{
	for (; *ascii; ascii++)
		assert_int_equal(form_key(f, app, (unsigned char)*ascii, 0), FORM_HANDLED);
}

static int tab(struct form *f) { return form_key(f, app, '\t', 0); }
static int save(struct form *f) { return form_key(f, app, KEY_F(2), 1); }

static void test_fields_by_name(void **state)
{
	(void)state;
	struct form *f = form_new(NULL);
	assert_non_null(form_add(f, (struct form_field){ .name = "name", .label = "姓名",
	                                                 .required = 1 }));
	assert_non_null(form_add(f, (struct form_field){ .name = "phone", .label = "电话" }));
	assert_int_equal(form_count(f), 2);
	assert_string_equal(form_name(f, 1), "phone");
	assert_string_equal(form_field(f, "phone")->label, "电话");
	assert_null(form_field(f, "amount"));
	assert_null(form_value(f, "amount"));
	assert_int_equal(form_set(f, "amount", "1"), -1);
	/* typed into the focused field, the first, and found by its name */
	type(f, "wang");
	assert_string_equal(form_value(f, "name"), "wang");
	assert_string_equal(form_value(f, "phone"), "");
	assert_true(form_dirty(f));
	assert_int_equal(tab(f), FORM_HANDLED);
	assert_string_equal(form_focused(f), "phone");
	assert_false(form_failed(f));
	form_free(f);
}

/* A field's options may come after it was added (the groups of the
 * village chosen); F4 then lists them all. */
static void test_options_after_add(void **state)
{
	(void)state;
	static const struct form_option groups[] = {
		{ "一组", "yz", "yizu" }, { "二组", "ez", "erzu" }, { "三组", "sz", "sanzu" },
	};
	struct form *f = form_new(NULL);
	form_add(f, (struct form_field){ .name = "group", .label = "村民小组", .kind = FORM_CHOICE });
	type(f, "ez");
	assert_int_equal(save(f), FORM_INVALID);          /* no options yet: 二组 is none */
	struct form_field *d = form_field(f, "group");
	d->options = groups;
	d->noptions = 3;
	form_set(f, "group", "");
	assert_int_equal(form_key(f, app, KEY_F(4), 1), FORM_HANDLED);
	assert_int_equal(form_key(f, app, KEY_DOWN, 1), FORM_HANDLED);
	assert_int_equal(form_key(f, app, '\r', 0), FORM_HANDLED);
	assert_string_equal(form_value(f, "group"), "二组");
	assert_int_equal(save(f), FORM_SAVE);
	form_free(f);
}

static const struct form_option risks[] = {
	{ "因病", "yb", "yinbing" }, { "因学", "yx", "yinxue" }, { "因残", "yc", "yincan" },
	{ "因产业项目失败", "ycyxmsb", "yinchanyexiangmushibai" },
};

/* "yb yx" is written back as 因病、因学 when the focus leaves the field;
 * a token that is no option, or one too many, is said beside it. */
static void test_several_options(void **state)
{
	(void)state;
	struct form *f = form_new(NULL);
	form_add(f, (struct form_field){ .name = "risks", .label = "风险类型", .kind = FORM_MULTI,
	                                 .options = risks, .noptions = 4, .max = 2 });
	form_add(f, (struct form_field){ .name = "note", .label = "备注" });
	type(f, "yb yx");
	assert_int_equal(tab(f), FORM_HANDLED);
	assert_string_equal(form_value(f, "risks"), "因病、因学");
	assert_string_equal(form_error(f, "risks"), "");
	form_focus(f, "risks");
	type(f, " yc");                       /* exactly the initials of 因残 */
	assert_int_equal(save(f), FORM_INVALID);
	assert_string_equal(form_error(f, "risks"), "最多2项");
	form_set(f, "risks", "yb zz");
	assert_int_equal(save(f), FORM_INVALID);
	assert_non_null(strstr(form_error(f, "risks"), "“zz”不在可选项中"));
	form_set(f, "risks", "yc yb yc");     /* typed twice: once is meant */
	assert_int_equal(save(f), FORM_SAVE);
	assert_string_equal(form_value(f, "risks"), "因残、因病");
	form_free(f);
}

/* The record's check: given every field's name and value, it says which
 * one a rule is about; the form shows it there and will not save. */
static const char *no_x_without_y(void *arg, struct form *f, const char *field,
                                  const char *value, char *why, size_t n)
{
	int *calls = arg;
	(void)value;
	(void)why;
	(void)n;
	++*calls;
	if (!strcmp(field, "y") && !strcmp(form_value(f, "x"), "1") && !*form_value(f, "y"))
		return "填了 x 就须填 y";
	return NULL;
}

static void test_record_check_by_field(void **state)
{
	(void)state;
	int calls = 0;
	struct form *f = form_new(&calls);
	form_add(f, (struct form_field){ .name = "x", .label = "x" });
	form_add(f, (struct form_field){ .name = "y", .label = "y" });
	form_set_checker(f, no_x_without_y);
	type(f, "1");
	assert_true(calls > 0);
	assert_int_equal(save(f), FORM_INVALID);      /* y is empty: checked all the same */
	assert_string_equal(form_focused(f), "y");
	assert_string_equal(form_error(f, "y"), "填了 x 就须填 y");
	assert_string_equal(form_error(f, "x"), "");
	type(f, "2");
	assert_string_equal(form_error(f, "y"), "");
	assert_int_equal(save(f), FORM_SAVE);
	form_free(f);
}

/* A choice left with typing that is one option's whole reading takes it,
 * though another option starts the same way (zn: 之女, not 之女婿); a name
 * a resolver knows (县医保局) becomes the option it stands for, and two it
 * could be are refused naming both. */
static const struct form_option kin[] = {
	{ "之女", "zn", "zhinv" }, { "之女婿", "znx", "zhinvxu" }, { "之子", "zz", "zhizi" },
};
static const struct form_option depts[] = {
	{ "医保", "yb", "yibao" }, { "卫健", "wj", "weijian" },
};

static const char *stands_for(void *arg, const char *typed, char *out, size_t outsz,
                              char *why, size_t whysz)
{
	(void)arg;
	if (strstr(typed, "医保") && strstr(typed, "卫健"))
		return snprintf(why, whysz, "“%s”可指 医保、卫健", typed), NULL;
	if (strstr(typed, "医保"))
		return snprintf(out, outsz, "医保"), out;
	return NULL;
}

static void test_choice_exact_first(void **state)
{
	(void)state;
	struct form *f = form_new(NULL);
	form_add(f, (struct form_field){ .name = "relation", .label = "与户主关系",
	                                 .kind = FORM_CHOICE, .options = kin, .noptions = 3 });
	form_add(f, (struct form_field){ .name = "dept", .label = "部门", .kind = FORM_CHOICE,
	                                 .options = depts, .noptions = 2, .resolve = stands_for });
	type(f, "zn");
	assert_int_equal(tab(f), FORM_HANDLED);
	assert_string_equal(form_value(f, "relation"), "之女");
	form_set(f, "dept", "县医保局");
	assert_int_equal(save(f), FORM_SAVE);
	assert_string_equal(form_value(f, "dept"), "医保");
	form_set(f, "dept", "医保卫健联合办");
	assert_int_equal(save(f), FORM_INVALID);
	assert_non_null(strstr(form_error(f, "dept"), "医保、卫健"));
	form_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_by_name),
		cmocka_unit_test(test_options_after_add),
		cmocka_unit_test(test_several_options),
		cmocka_unit_test(test_choice_exact_first),
		cmocka_unit_test(test_record_check_by_field),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
