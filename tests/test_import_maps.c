/* Mappings that fit the files departments really send (issue 14): the
 * department column under its many names, each row keeping its own
 * department matched to the configured list, --department only for rows
 * without one; a mapping shown with --show-map; a misspelt field in a
 * mapping or template reported when the configuration loads, FILE:LINE. */
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

#include "io/import.h"
#include "import_fixture.h"
#include "store/store.h"

static struct ifx fx;
static char file[80];

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	assert_int_equal(ifx_open(&fx), 0);
	snprintf(file, sizeof file, "%s.csv", fx.path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(file);
	ifx_close(&fx);
	return 0;
}

static struct import *load(const char *department, struct jerr *e)
{
	static struct session s;
	assert_int_equal(ifx_login(&fx, &s, "baojia"), 0);
	struct import_opts o = { .kind = "leads", .department = department };
	return import_load(&s, file, &o, e);
}

static char *report(const struct import *im)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	import_print(im, f, 1);
	fclose(f);
	return out;
}

static const char *department_of(const char *id)
{
	static char d[64];
	d[0] = 0;
	store_text(fx.db, d, sizeof d, "SELECT s.department FROM lead_sources s JOIN leads l"
	           " ON l.id = s.lead_id WHERE l.id_no = ?", "t", id);
	return d;
}

/* Each department's header as they write it is known without --department. */
static void test_department_column_under_its_many_names(void **state)
{
	(void)state;
	static const char *const heads[] = { "预警部门", "推送部门", "预警单位", "来源部门", "数据来源",
	                                     "报送单位", "部门", NULL };
	for (int i = 0; heads[i]; i++) {
		char id[19], text[512];
		ifx_id("19800101", 101 + 2 * i, id);
		snprintf(text, sizeof text, "姓名,身份证号码,乡镇,村,预警原因,%s\n某%d,%s,保家镇,龙阳村,住院,医保局\n",
		         heads[i], i, id);
		assert_int_equal(ifx_write(file, text, strlen(text)), 0);
		struct jerr e = { 0 };
		struct import *im = load(NULL, &e);
		if (!im)
			fail_msg("%s: %s", heads[i], e.msg);
		struct jerr ce = { 0 };
		if (import_commit(im, 0, &ce) != 0)
			fail_msg("%s: %s", heads[i], ce.msg);
		import_free(im);
		assert_string_equal(department_of(id), "医保");
	}
}

/* Every row keeps its own department, matched to the configured list by
 * name; --department fills only the rows without one; a name the list does
 * not know is kept as written and listed in the report. */
static void test_each_row_keeps_its_department(void **state)
{
	(void)state;
	char id[6][19], text[2048];
	for (int i = 0; i < 6; i++)
		ifx_id("19810101", 201 + 2 * i, id[i]);
	snprintf(text, sizeof text, "姓名,身份证号码,乡镇,村,预警原因,预警部门\n"
	         "甲,%s,保家镇,龙阳村,住院,县医疗保障局\n"
	         "乙,%s,保家镇,龙阳村,低保边缘,民政局\n"
	         "丙,%s,保家镇,龙阳村,失业,人力资源和社会保障局\n"
	         "丁,%s,保家镇,龙阳村,其他,县乡村振兴局\n"
	         "戊,%s,保家镇,龙阳村,住院,\n"
	         "己,%s,保家镇,龙阳村,危房,住建\n", id[0], id[1], id[2], id[3], id[4], id[5]);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct jerr e = { 0 };
	struct import *im = load("医保", &e);
	assert_non_null(im);
	char *out = report(im);
	assert_non_null(strstr(out, "不在配置的部门列表中、按原样记下的部门：县乡村振兴局（1 行）"));
	free(out);
	assert_int_equal(import_commit(im, 0, &e), 0);
	import_free(im);
	assert_string_equal(department_of(id[0]), "医保");
	assert_string_equal(department_of(id[1]), "民政");
	assert_string_equal(department_of(id[2]), "人社");
	assert_string_equal(department_of(id[3]), "县乡村振兴局");
	assert_string_equal(department_of(id[4]), "医保");      /* the empty row, from --department */
	assert_string_equal(department_of(id[5]), "住建");
}

static void test_show_map_lists_fields_and_headers(void **state)
{
	(void)state;
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	struct jerr e = { 0 };
	assert_int_equal(import_show_map(&fx.cfg, "warning", f, &e), 0);
	fclose(f);
	assert_non_null(strstr(out, "导入映射“warning”（leads）"));
	assert_non_null(strstr(out, "预警部门"));
	assert_true(strstr(out, "id_no") < strstr(out, "身份证号码*"));
	free(out);
	f = open_memstream(&out, &n);
	assert_int_equal(import_show_map(&fx.cfg, "nope", f, &e), -1);
	fclose(f);
	free(out);
	assert_non_null(strstr(e.msg, "没有名为“nope”的导入映射"));
}

static int load_conf(const char *text, struct jerr *e)
{
	char path[96];
	snprintf(path, sizeof path, "%s.conf", fx.path);
	assert_int_equal(ifx_write(path, text, strlen(text)), 0);
	struct config c;
	config_defaults(&c);
	int rc = config_load(&c, path, e);
	unlink(path);
	return rc;
}

/* A misspelt field stops the program at load with the file and line, not
 * on the first import that happens to use the mapping. */
static void test_unknown_field_reported_at_load(void **state)
{
	(void)state;
	config_set_field_check(import_config_fields);
	struct jerr e = { 0 };
	assert_int_equal(load_conf("import = ( { name = \"a\"; kind = \"leads\";\n"
	                           "  columns = ( { header = \"证件号\"; field = \"id_no\"; },\n"
	                           "              { header = \"名字\"; field = \"nmae\"; } ); } );\n", &e), -1);
	assert_non_null(strstr(e.msg, ".conf:3: 'import[1].columns[2].field' 的字段 \"nmae\" 不存在"));
	assert_non_null(strstr(e.msg, "id_no、name、"));
	assert_int_equal(load_conf("templates = ( { name = \"t\"; kind = \"households\";\n"
	                           "  columns = ( { header = \"户编号\"; field = \"hh_no\"; },\n\n"
	                           "              { header = \"户主\"; field = \"head\"; } ); } );\n", &e), -1);
	assert_non_null(strstr(e.msg, ".conf:4: 'templates[1].columns[2].field' 的字段 \"head\" 不存在"));
	assert_non_null(strstr(e.msg, "head_name"));
	assert_int_equal(load_conf("import = ( { name = \"a\"; kind = \"visits\";\n"
	                           "  columns = ( { header = \"户号\"; field = \"hh_no\"; } ); } );\n", &e), 0);
	config_set_field_check(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_department_column_under_its_many_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_row_keeps_its_department, setup, teardown),
		cmocka_unit_test_setup_teardown(test_show_map_lists_fields_and_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_field_reported_at_load, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
