/* The XLSX export sink (issue 6), read back: the workbook is unzipped
 * (unzip -p) and its sheet XML parsed here, so what Excel would show is
 * compared cell by cell: text, real numbers, dates as date serials, the
 * bold frozen header, widths fitted to Chinese text. */
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

#include "base/clock.h"
#include "io/export.h"
#include "import_fixture.h"

static char path[80];

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	snprintf(path, sizeof path, "/tmp/jiance-xlsx-XXXXXX");
	close(mkstemp(path));
	unlink(path);
	strcat(path, ".xlsx");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

/* ---- a small reader of what libxlsxwriter writes ---- */

static char *unzip(const char *member)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s' 2>/dev/null", path, member);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap + 1);
	while ((got = fread(buf + n, 1, cap - n, p)) > 0)
		if ((n += got) == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	buf[n] = 0;
	pclose(p);
	return buf;
}

static void unescape(const char *in, size_t n, char *out, size_t size)
{
	static const char *const ent[][2] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&apos;", "'" },
	};
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < size;) {
		size_t k = 0;
		while (k < 5 && strncmp(in + i, ent[k][0], strlen(ent[k][0])) != 0)
			k++;
		if (in[i] == '&' && k < 5) {
			out[o++] = ent[k][1][0];
			i += strlen(ent[k][0]);
		} else {
			out[o++] = in[i++];
		}
	}
	out[o] = 0;
}

/* The text between <tag ...> and </tag> from p on, or NULL. */
static const char *inner(const char *p, const char *tag, size_t *len)
{
	char open[32], close[32];
	snprintf(open, sizeof open, "<%s", tag);
	snprintf(close, sizeof close, "</%s>", tag);
	const char *a = strstr(p, open);
	if (!a || !(a = strchr(a, '>')))
		return NULL;
	const char *b = strstr(++a, close);
	if (!b)
		return NULL;
	*len = (size_t)(b - a);
	return a;
}

static const char *shared_string(const char *sst, long idx, size_t *len)
{
	const char *p = sst;
	for (long i = 0; p && i <= idx; i++) {
		p = strstr(p, "<si>");
		if (p && i < idx)
			p += 4;
	}
	return p ? inner(p, "t", len) : NULL;
}

/* The cell ref of the sheet: its shown text (or the number as written) in
 * out, its kind ('s' text, 'n' number, 0 missing) returned, its style in *style. */
static int cell(const char *sheet, const char *sst, const char *ref, char *out, size_t n, int *style)
{
	char key[32];
	snprintf(key, sizeof key, "<c r=\"%s\"", ref);
	const char *c = strstr(sheet, key), *end;
	out[0] = 0;
	if (!c || !(end = strstr(c, "</c>")))
		return 0;
	const char *s = strstr(c, " s=\"");
	*style = s && s < end ? atoi(s + 4) : 0;
	const char *t = strstr(c, " t=\"");
	int text = t && t < end;
	size_t len;
	const char *v = text && !strncmp(t + 4, "s\"", 2) ? inner(c, "v", &len) : NULL;
	if (v) {
		v = shared_string(sst, atol(v), &len);
	} else if (text) {
		v = inner(c, "t", &len);
	} else {
		v = inner(c, "v", &len);
	}
	assert_non_null(v);
	unescape(v, len, out, n);
	return text ? 's' : 'n';
}

static double col_width(const char *sheet, int col)
{
	char key[48];
	snprintf(key, sizeof key, "<col min=\"%d\" max=\"%d\" width=\"", col, col);
	const char *w = strstr(sheet, key);
	return w ? atof(w + strlen(key)) : 0;
}

/* The column letter whose header (row 1) reads name; 0 if none. */
static char column(const char *sheet, const char *sst, const char *name)
{
	char ref[4], v[256];
	int style;
	for (char c = 'A'; c <= 'Z'; c++) {
		snprintf(ref, sizeof ref, "%c1", c);
		if (cell(sheet, sst, ref, v, sizeof v, &style) && !strcmp(v, name))
			return c;
	}
	return 0;
}

/* ---- the sink alone ---- */

static void write_book(void)
{
	struct export_sink k;
	struct jerr e = { 0 };
	assert_int_equal(export_xlsx_sink(&k, path, "监测户/台账[2026]", &e), 0);
	const char *names[] = { "户主姓名", "身份证号码", "纳入日期", "家庭人口", "人均纯收入（元）", "备注" };
	enum col_type types[] = { COL_TEXT, COL_TEXT, COL_DATE, COL_INT, COL_MONEY, COL_TEXT };
	assert_int_equal(k.header(k.ctx, 6, names, types), 0);
	const char *r1[] = { "欧阳张三丰", "500243199001011234", "2026-05-03", "4", "6123.50", "a<b & \"c\"" };
	const char *r2[] = { "Li", "50024319900101123X", "", "", "", "第一行\n第二行" };
	const char *r3[] = { "王五", "", "不详", "约3", "1,200", "" };
	assert_int_equal(k.row(k.ctx, 6, r1), 0);
	assert_int_equal(k.row(k.ctx, 6, r2), 0);
	assert_int_equal(k.row(k.ctx, 6, r3), 0);
	assert_int_equal(k.finish(k.ctx), 0);
	export_xlsx_done(&k);
}

static void test_cells_read_back_as_written(void **state)
{
	(void)state;
	write_book();
	char *sheet = unzip("xl/worksheets/sheet1.xml"), *sst = unzip("xl/sharedStrings.xml");
	char v[256];
	int style, head_style;
	assert_int_equal(cell(sheet, sst, "A1", v, sizeof v, &head_style), 's');
	assert_string_equal(v, "户主姓名");
	assert_int_not_equal(head_style, 0);
	assert_int_equal(cell(sheet, sst, "E1", v, sizeof v, &style), 's');
	assert_string_equal(v, "人均纯收入（元）");
	assert_int_equal(style, head_style);
	assert_int_equal(cell(sheet, sst, "A2", v, sizeof v, &style), 's');
	assert_string_equal(v, "欧阳张三丰");
	/* an ID number stays text: a number would lose its last digits */
	assert_int_equal(cell(sheet, sst, "B2", v, sizeof v, &style), 's');
	assert_string_equal(v, "500243199001011234");
	/* 2026-05-03 is day 46145 of Excel's calendar */
	assert_int_equal(cell(sheet, sst, "C2", v, sizeof v, &style), 'n');
	assert_string_equal(v, "46145");
	int date_style = style;
	assert_int_not_equal(date_style, 0);
	assert_int_equal(cell(sheet, sst, "D2", v, sizeof v, &style), 'n');
	assert_string_equal(v, "4");
	assert_int_equal(cell(sheet, sst, "E2", v, sizeof v, &style), 'n');
	assert_string_equal(v, "6123.5");
	assert_int_equal(cell(sheet, sst, "F2", v, sizeof v, &style), 's');
	assert_string_equal(v, "a<b & \"c\"");
	/* empty cells are blank, not empty strings */
	assert_int_equal(cell(sheet, sst, "C3", v, sizeof v, &style), 0);
	assert_int_equal(cell(sheet, sst, "D3", v, sizeof v, &style), 0);
	assert_int_equal(cell(sheet, sst, "F3", v, sizeof v, &style), 's');
	assert_string_equal(v, "第一行\n第二行");
	/* what is not a date or a number is kept as the text it was */
	assert_int_equal(cell(sheet, sst, "C4", v, sizeof v, &style), 's');
	assert_string_equal(v, "不详");
	assert_int_equal(cell(sheet, sst, "D4", v, sizeof v, &style), 's');
	assert_string_equal(v, "约3");
	assert_int_equal(cell(sheet, sst, "E4", v, sizeof v, &style), 's');
	assert_string_equal(v, "1,200");
	assert_int_equal(cell(sheet, sst, "A5", v, sizeof v, &style), 0);
	free(sheet);
	free(sst);
}

static void test_header_bold_frozen_and_widths_fit_chinese(void **state)
{
	(void)state;
	write_book();
	char *sheet = unzip("xl/worksheets/sheet1.xml"), *styles = unzip("xl/styles.xml");
	char *book = unzip("xl/workbook.xml");
	assert_non_null(strstr(sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\""));
	assert_non_null(strstr(sheet, "state=\"frozen\""));
	assert_non_null(strstr(styles, "<b/>"));
	assert_non_null(strstr(styles, "yyyy"));
	/* 欧阳张三丰: five Han characters, ten columns, plus a margin of two */
	assert_true(col_width(sheet, 1) >= 12 && col_width(sheet, 1) < 14);
	/* 人均纯收入（元）: eight full-width characters in the header, sixteen columns */
	assert_true(col_width(sheet, 5) >= 18);
	/* 18 digits */
	assert_true(col_width(sheet, 2) >= 20);
	/* the sheet name, cut of the characters Excel refuses */
	assert_non_null(strstr(book, "name=\"监测户台账2026\""));
	free(sheet);
	free(styles);
	free(book);
}

static void test_unfinished_export_leaves_no_file(void **state)
{
	(void)state;
	struct export_sink k;
	struct jerr e = { 0 };
	assert_int_equal(export_xlsx_sink(&k, path, NULL, &e), 0);
	const char *names[] = { "a" };
	enum col_type types[] = { COL_TEXT };
	assert_int_equal(k.header(k.ctx, 1, names, types), 0);
	export_xlsx_done(&k);   /* as after a failed query */
	assert_int_not_equal(access(path, F_OK), 0);
}

/* ---- a real export of the register ---- */

static void test_household_export_through_scope(void **state)
{
	(void)state;
	struct ifx fx;
	struct session s;
	struct jerr e = { 0 };
	assert_int_equal(ifx_open(&fx), 0);
	assert_int_equal(ifx_login(&fx, &s, "baojia"), 0);
	struct export_sink k;
	assert_int_equal(export_xlsx_sink(&k, path, "监测户", &e), 0);
	long rows = export_run(&s, "households", NULL, NULL, &k, &e);
	export_xlsx_done(&k);
	assert_int_equal(rows, 3);   /* 王外乡 of 郁山镇 is not in 保家镇's export */
	char *sheet = unzip("xl/worksheets/sheet1.xml"), *sst = unzip("xl/sharedStrings.xml");
	char v[256], ref[8];
	int style, found_monitored = 0;
	char name = column(sheet, sst, "户主姓名"), id = column(sheet, sst, "户主身份证号码");
	char size = column(sheet, sst, "家庭人口"), since = column(sheet, sst, "纳入日期");
	assert_true(name && id && size && since);
	assert_int_equal(cell(sheet, sst, "A1", v, sizeof v, &style), 's');
	assert_string_equal(v, "户编号");
	assert_int_equal(cell(sheet, sst, "A5", v, sizeof v, &style), 0);
	for (int r = 2; r <= 4; r++) {
		snprintf(ref, sizeof ref, "%c%d", name, r);
		cell(sheet, sst, ref, v, sizeof v, &style);
		assert_string_not_equal(v, "王外乡");
		if (strcmp(v, "张监测") != 0)
			continue;
		found_monitored = 1;
		snprintf(ref, sizeof ref, "%c%d", id, r);   /* masked, and text */
		assert_int_equal(cell(sheet, sst, ref, v, sizeof v, &style), 's');
		assert_string_equal(v, "500243********0114");
		snprintf(ref, sizeof ref, "%c%d", size, r);
		assert_int_equal(cell(sheet, sst, ref, v, sizeof v, &style), 'n');
		assert_string_equal(v, "1");
		snprintf(ref, sizeof ref, "%c%d", since, r);   /* 2025-09-01 */
		assert_int_equal(cell(sheet, sst, ref, v, sizeof v, &style), 'n');
		assert_string_equal(v, "45901");
	}
	assert_true(found_monitored);
	free(sheet);
	free(sst);
	ifx_close(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cells_read_back_as_written, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_bold_frozen_and_widths_fit_chinese, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unfinished_export_leaves_no_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_household_export_through_scope, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
