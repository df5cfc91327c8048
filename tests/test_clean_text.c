/* Clean text (issue 14): control characters are refused with a reason in
 * every text field, from forms (the save functions) and imports alike, and
 * never reach a terminal; CSV exports open in Excel and WPS as the text
 * they hold: no formula is evaluated, no ID number rounded. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/area.h"
#include "access/officer.h"
#include "assist/assist.h"
#include "base/text.h"
#include "flow/lead.h"
#include "io/csvread.h"
#include "io/csvwrite.h"
#include "io/export.h"
#include "io/import.h"
#include "register/household.h"
#include "import_fixture.h"

static struct ifx fx;
static struct session s;
static char file[80];

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	assert_int_equal(ifx_open(&fx), 0);
	assert_int_equal(ifx_login(&fx, &s, "baojia"), 0);
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

static void test_control_characters_found_and_hidden(void **state)
{
	(void)state;
	size_t at;
	assert_int_equal(text_control("张三", 0, NULL), 0);
	assert_int_equal(text_control("张\x1b[31m三", 0, &at), 0x1B);
	assert_int_equal(at, 3);
	assert_int_equal(text_control("a\x07", 0, NULL), 7);
	assert_int_equal(text_control("x\xC2\x9B" "31m", 0, NULL), 0x9B);   /* C1 CSI */
	assert_int_equal(text_control("x\x7F", 0, NULL), 0x7F);
	/* free text may hold tab and newline, a name may not */
	assert_int_equal(text_control("收入稳定\n\t无风险\r\n", 1, NULL), 0);
	assert_int_equal(text_control("张\n三", 0, NULL), '\n');
	assert_int_equal(text_control("a\rb", 1, NULL), '\r');
	char out[64];
	text_visible("张\x1b[31m三\xC2\x9B", out, sizeof out);
	assert_string_equal(out, "张?[31m三?");
	text_visible("张三丰", out, 5);                 /* never half a character */
	assert_string_equal(out, "张");
	struct jerr e = { 0 };
	assert_int_equal(text_check_clean("李\x07四", 0, "name", "姓名", &e), -1);
	assert_string_equal(e.field, "name");
	assert_non_null(strstr(e.msg, "姓名含有控制字符 U+0007（BEL）"));
}

/* Forms save through these functions: each refuses a control character
 * with the field it is in, and stores nothing. */
static void test_save_functions_refuse_control_characters(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct member m;
	member_init(&m);
	snprintf(m.name, sizeof m.name, "王\x1b[31m五");
	ifx_id("19900101", 11, m.id_no);
	m.household_id = fx.hh_monitored;
	assert_int_equal(member_validate(&s, &m, &e), -1);
	assert_string_equal(e.field, "name");
	long members = ifx_count(&fx, "members");
	assert_int_equal(member_add(&s, &m, &e), -1);
	assert_int_equal(ifx_count(&fx, "members"), members);

	struct household h;
	household_init(&h);
	snprintf(h.hh_no, sizeof h.hh_no, "5002431002019999");
	h.village_id = fx.longyang;
	snprintf(h.address, sizeof h.address, "龙阳村\x07三组");
	assert_int_equal(household_validate(&s, &h, &e), -1);
	assert_string_equal(e.field, "address");

	char id[19];
	ifx_id("19880808", 21, id);
	struct lead_input in = { .id_no = id, .name = "赵六", .village_id = fx.longyang,
		.channel = "基层干部排查", .found_on = JDAY_NONE, .reason = "看病\x1b]0;x\x07" };
	long leads = ifx_count(&fx, "leads");
	assert_int_equal(lead_create(&s, &in, NULL, NULL, &e), -1);
	assert_string_equal(e.field, "reason");
	assert_int_equal(ifx_count(&fx, "leads"), leads);
	in.reason = "看病\n花费大";                      /* a reason may have lines */
	int64_t lead = 0;
	assert_int_equal(lead_create(&s, &in, &lead, NULL, &e), 0);
	assert_int_equal(lead_dismiss(&s, lead, "核实无风险\x1b[0m", &e), -1);   /* flow's texts too */
	assert_string_equal(e.field, "reason");

	struct visit v = { .household_id = fx.hh_monitored };
	snprintf(v.visited_on, sizeof v.visited_on, "2026-05-02");
	snprintf(v.findings, sizeof v.findings, "正常\x1b[2J");
	assert_int_equal(visit_add(&s, &v, &e), -1);
	assert_string_equal(e.field, "findings");

	struct measure x = { .household_id = fx.hh_monitored, .amount = -1 };
	snprintf(x.category, sizeof x.category, "健康帮扶");
	snprintf(x.item, sizeof x.item, "医疗救助");
	snprintf(x.content, sizeof x.content, "医疗救助\xC2\x85");
	snprintf(x.start_on, sizeof x.start_on, "2026-05-01");
	assert_int_equal(measure_save(&s, &x, &e), -1);
	assert_string_equal(e.field, "content");
	assert_int_equal(ifx_count(&fx, "visits"), 0);
	assert_int_equal(ifx_count(&fx, "measures"), 0);
}

/* From a file: the row is refused, naming the column; the report shown on
 * a terminal carries no control character whatever the file held. */
/* Officers' and areas' names are shown on every screen, report and
 * printed form: an ESC or BEL in one is refused by the writer, with the
 * field named, and nothing is written. */
static void test_officer_and_area_names_refuse_control_characters(void **state)
{
	(void)state;
	struct session sys = { .db = fx.db, .cfg = &fx.cfg };
	struct jerr e = { 0 };
	long officers = ifx_count(&fx, "officers"), areas = ifx_count(&fx, "areas");
	assert_int_equal(officer_add(&sys, "hong", "红\x1b[31m字", "village", fx.longyang, NULL, &e), -1);
	assert_string_equal(e.field, "name");
	assert_non_null(strstr(e.msg, "控制字符"));
	assert_int_equal(officer_add(&sys, "hong", "响\x07铃", "village", fx.longyang, NULL, &e), -1);
	assert_int_equal(area_add(&sys, fx.longyang, "500243100201009", "九组\x1b[2J", NULL, &e), -1);
	assert_string_equal(e.field, "name");
	assert_non_null(strstr(e.msg, "区划名称"));
	assert_int_equal(area_add(&sys, fx.longyang, "500243100201009", "九\xC2\x9B组", NULL, &e), -1);
	assert_int_equal(ifx_count(&fx, "officers"), officers);
	assert_int_equal(ifx_count(&fx, "areas"), areas);
	/* the same names without the control characters are taken */
	assert_int_equal(officer_add(&sys, "hong", "红字", "village", fx.longyang, NULL, &e), 0);
	assert_int_equal(area_add(&sys, fx.longyang, "500243100201009", "九组", NULL, &e), 0);
}

static void test_import_refuses_control_characters_per_row(void **state)
{
	(void)state;
	char a[19], b[19], c[19], text[1024];
	ifx_id("19700101", 31, a);
	ifx_id("19700101", 33, b);
	ifx_id("19700101", 35, c);
	snprintf(text, sizeof text, "姓名,身份证号码,乡镇,村,预警原因\n"
	         "\x1b[31m红字,%s,保家镇,龙阳村,住院\n"
	         "响铃,%s,保家镇,龙阳村,\"住院\x07\"\n"
	         "换行,%s,保家镇,龙阳村,\"住院\n\t自付5万\"\n", a, b, c);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import_opts o = { .kind = "leads", .department = "医保" };
	struct jerr e = { 0 };
	struct import *im = import_load(&s, file, &o, &e);
	assert_non_null(im);
	const struct import_row *r = import_row(im, 0);
	assert_int_equal(r->verdict, IMPORT_REJECT);
	assert_non_null(strstr(r->note, "“姓名”一栏含有控制字符 U+001B"));
	r = import_row(im, 1);
	assert_int_equal(r->verdict, IMPORT_REJECT);
	assert_non_null(strstr(r->note, "“预警原因”一栏含有控制字符 U+0007"));
	assert_int_equal(import_row(im, 2)->verdict, IMPORT_NEW);   /* newline and tab in free text */
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	import_print(im, f, 1);
	fclose(f);
	assert_int_equal(text_control(out, 1, NULL), 0);
	free(out);
	import_free(im);
}

static char *export_csv(const char *kind)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	struct export_sink sink;
	struct jerr e = { 0 };
	struct session county;
	assert_int_equal(ifx_login(&fx, &county, "xian"), 0);
	export_csv_sink(&sink, f);
	long rows = export_run(&county, kind, NULL, NULL, &sink, &e);
	fclose(f);
	if (rows < 0)
		fail_msg("export: %s", e.msg);
	return buf;
}

/* A name like =1+2 or +SUM(1) is data, not a formula Excel evaluates; 户编号
 * and ID numbers keep every digit when the CSV is opened in Excel or WPS. */
static void test_csv_export_is_safe_in_spreadsheets(void **state)
{
	(void)state;
	static const char *const names[] = { "=1+2", "+SUM(1)", "-2+3", "@cmd", NULL };
	struct session county;
	assert_int_equal(ifx_login(&fx, &county, "xian"), 0);
	fx.cfg.nfull_id_roles = 1;
	fx.cfg.full_id_roles[0] = ROLE_COUNTY;
	for (int i = 0; names[i]; i++) {
		struct household h;
		struct member m;
		struct jerr e = { 0 };
		household_init(&h);
		snprintf(h.hh_no, sizeof h.hh_no, "50024310020190%02d", i);
		h.village_id = fx.longyang;
		member_init(&m);
		snprintf(m.name, sizeof m.name, "%s", names[i]);
		ifx_id("19750505", 41 + 2 * i, m.id_no);
		if (household_create(&county, &h, &m, &e) != 0)
			fail_msg("%s: %s", names[i], e.msg);
	}
	char *csv = export_csv("members");
	assert_non_null(strstr(csv, "\"'=1+2\""));
	assert_non_null(strstr(csv, "\"'+SUM(1)\""));
	assert_non_null(strstr(csv, "\"'-2+3\""));
	assert_non_null(strstr(csv, "\"'@cmd\""));
	assert_null(strstr(csv, ",\"=1+2\""));
	char id[19], want[40];
	ifx_id("19750505", 41, id);
	snprintf(want, sizeof want, "\"=\"\"%s\"\"\"", id);
	assert_non_null(strstr(csv, want));                    /* the full ID, as text */
	assert_non_null(strstr(csv, "\"=\"\"5002431002019000\"\"\""));
	assert_non_null(strstr(csv, ",\"1975-05-05\","));       /* dates as they were */
	free(csv);
	csv = export_csv("households");
	assert_non_null(strstr(csv, ",\"3\",") || strstr(csv, ",\"1\","));   /* counts stay numbers */
	free(csv);
}

/* Free text may start with a tab or CR (findings): guarded too; our own
 * numbers, negative amounts included, stay numbers. */
static void test_cells_starting_like_formulas(void **state)
{
	(void)state;
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	csvwrite_cell(f, 1, "\t=1", 1);
	csvwrite_cell(f, 0, "\r=1", 1);
	csvwrite_cell(f, 0, "-250.00", 1);
	csvwrite_cell(f, 0, "-", 0);
	csvwrite_cell(f, 0, "0233456789", 0);
	fclose(f);
	assert_string_equal(out, "\"'\t=1\",\"'\r=1\",\"-250.00\",-,\"=\"\"0233456789\"\"\"");
	free(out);
}

/* What csvwrite guards, csvread gives back: a written file imports again. */
static int head(void *arg, const char *cell) { (void)arg; return !strcmp(cell, "a") || !strcmp(cell, "b"); }
static int on_head(void *arg, long line, int n, char **cells) { (void)arg; (void)line; (void)n; (void)cells; return 0; }
static char got[4][64];
static int on_row(void *arg, long line, int n, char **cells, const char *problem,
                  const unsigned char *rounded)
{
	(void)arg; (void)line; (void)problem; (void)rounded;
	for (int i = 0; i < n && i < 4; i++)
		snprintf(got[i], sizeof got[i], "%s", cells[i]);
	return 0;
}

static void test_guarded_cells_read_back(void **state)
{
	(void)state;
	const char *text = "a,b,c,d\n\"=\"\"500243199001010011\"\"\",\"'=1+2\",'abc,\"'-\"\n";
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct csvread_opts o = { head, on_head, on_row, NULL };
	struct csvread_info info;
	struct jerr e = { 0 };
	assert_int_equal(csvread_file(file, &o, &info, &e), 0);
	assert_string_equal(got[0], "500243199001010011");
	assert_string_equal(got[1], "=1+2");
	assert_string_equal(got[2], "'abc");                 /* not a guard: kept */
	assert_string_equal(got[3], "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_control_characters_found_and_hidden),
		cmocka_unit_test_setup_teardown(test_save_functions_refuse_control_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_officer_and_area_names_refuse_control_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_refuses_control_characters_per_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_export_is_safe_in_spreadsheets, setup, teardown),
		cmocka_unit_test(test_cells_starting_like_formulas),
		cmocka_unit_test_setup_teardown(test_guarded_cells_read_back, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
