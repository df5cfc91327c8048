/* XLSX and XLS read directly (issue 14), with the header search, mappings,
 * checks and reports of CSV: an .xlsx written here with libxlsxwriter
 * (title rows above the header, a date cell, an ID typed as text and one
 * typed as a number), and tests/data/warning.xls, the same kind of list
 * as WPS saves it (made with tests/data/make_warning_xls.py). */
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
#include <xlsxwriter.h>

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
	file[0] = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -f '%s'.*", fx.path);
	if (system(cmd) != 0)
		fprintf(stderr, "teardown: %s failed\n", cmd);
	ifx_close(&fx);
	return 0;
}

static struct import *load(const char *path, struct jerr *e)
{
	static struct session s;
	assert_int_equal(ifx_login(&fx, &s, "baojia"), 0);
	struct import_opts o = { .kind = "leads" };
	return import_load(&s, path, &o, e);
}

static const struct import_row *at_line(const struct import *im, long line)
{
	for (long i = 0; i < import_nrows(im); i++)
		if (import_row(im, i)->line == line)
			return import_row(im, i);
	fail_msg("no row at line %ld", line);
	return NULL;
}

static void expect(const struct import *im, long line, enum import_verdict v, const char *part)
{
	const struct import_row *r = at_line(im, line);
	if (r->verdict != v || !strstr(r->note, part))
		fail_msg("line %ld: %s “%s”; wanted %s with “%s”", line, import_verdict_label(r->verdict),
		         r->note, import_verdict_label(v), part);
}

static const char *found_on(const char *id)
{
	static char d[16];
	d[0] = 0;
	store_text(fx.db, d, sizeof d, "SELECT s.found_on FROM lead_sources s JOIN leads l"
	           " ON l.id = s.lead_id WHERE l.id_no = ?", "t", id);
	return d;
}

static char ids[4][19];

/* A department's list as Excel saves it: a title, a blank row, the header
 * on row 3; 序号 as numbers, a real date cell, IDs as text but one typed
 * as a number, a reason spread over two lines in its cell. */
static void write_xlsx(const char *path, int constant_memory)
{
	lxw_workbook_options opt = { .constant_memory = (uint8_t)constant_memory };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "预警名单");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
	static const char *const head[] = { "序号", "姓名", "身份证号码", "所属乡镇", "所属村（社区）",
	                                     "预警原因", "预警日期", "预警部门" };
	ifx_id("19800101", 41, ids[0]);
	ifx_id("19800101", 43, ids[1]);
	ifx_id("19800101", 45, ids[2]);
	worksheet_write_string(ws, 0, 0, "彭水县医疗保障局高额医疗费用预警名单", NULL);
	for (int c = 0; c < 8; c++)
		worksheet_write_string(ws, 2, (lxw_col_t)c, head[c], NULL);
	static const char *const names[] = { "冉一", "冉二", "冉三" };
	for (int r = 0; r < 3; r++) {
		lxw_row_t row = (lxw_row_t)(3 + r);
		lxw_datetime when = { 2026, 5, 3 + r, 0, 0, 0 };
		worksheet_write_number(ws, row, 0, r + 1, NULL);
		worksheet_write_string(ws, row, 1, names[r], NULL);
		if (r == 1)   /* typed as a number: Excel keeps 15 digits */
			worksheet_write_number(ws, row, 2, strtod(ids[r], NULL), NULL);
		else
			worksheet_write_string(ws, row, 2, ids[r], NULL);
		worksheet_write_string(ws, row, 3, "保家镇", NULL);
		worksheet_write_string(ws, row, 4, "龙阳村", NULL);
		worksheet_write_string(ws, row, 5, r == 2 ? "住院\n自付5万" : "住院", NULL);
		worksheet_write_datetime(ws, row, 6, &when, date);
		worksheet_write_string(ws, row, 7, "县医疗保障局", NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void check_xlsx(int constant_memory)
{
	snprintf(file, sizeof file, "%s.xlsx", fx.path);
	write_xlsx(file, constant_memory);
	struct jerr e = { 0 };
	struct import *im = load(file, &e);
	if (!im)
		fail_msg("%s", e.msg);
	assert_string_equal(import_encoding(im), "XLSX 工作簿");
	assert_int_equal(import_nrows(im), 3);
	expect(im, 4, IMPORT_NEW, "新线索");                 /* Excel's row 4 */
	expect(im, 5, IMPORT_REJECT, "“身份证号码”一栏存的是数字");
	expect(im, 6, IMPORT_NEW, "新线索");
	assert_int_equal(import_commit(im, 1, &e), 0);
	/* the rows to fix go beside the workbook, as CSV */
	char rej[128], want[128];
	assert_int_equal(import_save_rejected(im, file, rej, sizeof rej, &e), 1);
	snprintf(want, sizeof want, "%s.rejected.csv", fx.path);
	assert_string_equal(rej, want);
	import_free(im);
	assert_string_equal(found_on(ids[0]), "2026-05-03");    /* the date cell */
	assert_string_equal(found_on(ids[2]), "2026-05-05");
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM lead_sources WHERE department = '医保'"
	                           " AND reason = '住院\n自付5万'", ""), 1);
}

static void test_xlsx_with_shared_strings(void **state)
{
	(void)state;
	check_xlsx(0);
}

/* libxlsxwriter's constant-memory mode writes inline strings, as some
 * systems do: read the same. */
static void test_xlsx_with_inline_strings(void **state)
{
	(void)state;
	check_xlsx(1);
}

/* The .xls of tests/data: rows as in the workbook above. */
static void test_xls_as_wps_saves_it(void **state)
{
	(void)state;
	const char *src = getenv("JIANCE_SRC");
	char path[512];
	snprintf(path, sizeof path, "%s/tests/data/warning.xls", src ? src : ".");
	snprintf(file, sizeof file, "%s.xls", fx.path);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, file);
	assert_int_equal(system(cmd), 0);
	struct jerr e = { 0 };
	struct import *im = load(file, &e);
	if (!im)
		fail_msg("%s", e.msg);
	assert_string_equal(import_encoding(im), "XLS 工作簿");
	assert_int_equal(import_nrows(im), 3);
	expect(im, 4, IMPORT_NEW, "新线索");
	expect(im, 5, IMPORT_REJECT, "“身份证号码”一栏存的是数字");
	expect(im, 6, IMPORT_NEW, "新线索");
	assert_int_equal(import_commit(im, 1, &e), 0);
	import_free(im);
	char a[19], c[19];
	ifx_id("19800101", 31, a);   /* the IDs make_warning_xls.py computes */
	ifx_id("19800101", 35, c);
	assert_string_equal(found_on(a), "2026-05-03");
	assert_string_equal(found_on(c), "2026-05-05");
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM lead_sources WHERE department = '民政'",
	                           ""), 2);
}

/* Not a workbook after all: said so, not read as text. */
static void test_damaged_workbook(void **state)
{
	(void)state;
	snprintf(file, sizeof file, "%s.xlsx", fx.path);
	assert_int_equal(ifx_write(file, "PK\3\4broken", 10), 0);
	struct jerr e = { 0 };
	assert_null(load(file, &e));
	assert_non_null(strstr(e.msg, "XLSX"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_xlsx_with_shared_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_with_inline_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xls_as_wps_saves_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_workbook, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
