/* The right message for each file an officer may be sent (issue 14): a
 * long first line without a newline is not "empty"; a header without rows
 * says so and fails; a tab-separated file is read and named; a file mixing
 * UTF-8 and GBK is refused naming the lines; a Western (Windows-1252) word
 * is never silently read as Chinese. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
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

static struct import *load(struct jerr *e)
{
	static struct session s;
	assert_int_equal(ifx_login(&fx, &s, "baojia"), 0);
	struct import_opts o = { .kind = "leads", .department = "医保" };
	return import_load(&s, file, &o, e);
}

static const char *refusal(void)
{
	static struct jerr e;
	memset(&e, 0, sizeof e);
	struct import *im = load(&e);
	if (im) {
		import_free(im);
		fail_msg("the file was accepted");
	}
	return e.msg;
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

/* One line of 400 bytes and no newline at all: not a header, and not empty. */
static void test_long_line_without_newline_is_not_empty(void **state)
{
	(void)state;
	char text[1024] = "";
	for (int i = 0; i < 130; i++)
		strcat(text, "名");
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	const char *msg = refusal();
	assert_non_null(strstr(msg, "找不到表头行"));
	assert_non_null(strstr(msg, "第一行是：名名名"));
	assert_non_null(strstr(msg, "…"));
	assert_null(strstr(msg, "文件是空的"));
	assert_int_equal(ifx_write(file, "\n\n", 2), 0);
	assert_non_null(strstr(refusal(), "文件是空的"));
}

/* A header and nothing under it: an error, not a quiet success. */
static void test_header_only_file_fails_with_no_data_rows(void **state)
{
	(void)state;
	const char *text = "预警名单\n姓名,身份证号码,乡镇,村,预警原因\n\n";
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	assert_non_null(strstr(refusal(), "文件只有表头（第2行），没有数据行"));
	/* and the command exits non-zero saying so */
	const char *bin = getenv("JIANCE_BIN");
	if (!bin)
		skip();
	char cmd[512];
	snprintf(cmd, sizeof cmd, "'%s' --db '%s' --as baojia import --kind leads --department 医保 '%s'"
	         " >/dev/null 2>'%s.err'", bin, fx.db_where, file, fx.path);
	int st = system(cmd);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) != 0);
	char path[96], err[512] = "";
	snprintf(path, sizeof path, "%s.err", fx.path);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(err, 1, sizeof err - 1, f);
	err[n] = 0;
	fclose(f);
	unlink(path);
	assert_non_null(strstr(err, "没有数据行"));
}

/* Copied from a web page or saved as Excel's "文本文件（制表符分隔）". */
static void test_tab_separated_file_is_read_and_named(void **state)
{
	(void)state;
	char a[19], b[19], text[512];
	ifx_id("19700101", 51, a);
	ifx_id("19700101", 53, b);
	snprintf(text, sizeof text, "姓名\t身份证号码\t乡镇\t村\t预警原因\n"
	         "甲\t%s\t保家镇\t龙阳村\t住院, 自付高\n乙\t%s\t保家镇\t龙阳村\t慢性病\n", a, b);
	assert_int_equal(ifx_write_gbk(file, text), 0);
	struct jerr e = { 0 };
	struct import *im = load(&e);
	if (!im)
		fail_msg("%s", e.msg);
	assert_int_equal(import_counts(im)->created, 2);
	char *out = report(im);
	assert_non_null(strstr(out, "编码 GB18030，制表符分隔"));
	free(out);
	assert_int_equal(import_commit(im, 0, &e), 0);
	import_free(im);
	char reason[64];
	store_text(fx.db, reason, sizeof reason, "SELECT s.reason FROM lead_sources s JOIN leads l"
	           " ON l.id = s.lead_id WHERE l.id_no = ?", "t", a);
	assert_string_equal(reason, "住院, 自付高");
}

/* A UTF-8 header typed over GBK rows (or the other way round) was read as
 * mojibake: now the file is refused naming the odd lines. */
static void test_mixed_encodings_refused_with_the_line(void **state)
{
	(void)state;
	char rows[1024], a[19], b[19], c[19];
	ifx_id("19700101", 61, a);
	ifx_id("19700101", 63, b);
	ifx_id("19700101", 65, c);
	snprintf(rows, sizeof rows, "张三丰,%s,保家镇,龙阳村,住院治疗\n李秀英,%s,保家镇,龙阳村,慢性病门诊\n"
	         "王建华,%s,保家镇,龙阳村,大病救助\n", a, b, c);
	FILE *f = fopen(file, "wb");
	fputs("姓名,身份证号码,乡镇,村,预警原因\n", f);     /* UTF-8 */
	fclose(f);
	char tmp[96];
	snprintf(tmp, sizeof tmp, "%s.gbk", fx.path);
	assert_int_equal(ifx_write_gbk(tmp, rows), 0);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "cat '%s' >> '%s'", tmp, file);
	assert_int_equal(system(cmd), 0);
	const char *msg = refusal();
	assert_non_null(strstr(msg, "文件混用了两种编码：第1行是 UTF-8，其余各行是 GBK"));
	/* the other way round: a GBK line among UTF-8 ones */
	f = fopen(file, "wb");
	fputs("姓名,身份证号码,乡镇,村,预警原因\n", f);
	fputs(rows, f);
	fclose(f);
	assert_int_equal(ifx_write_gbk(tmp, "赵六,500243197001010011,保家镇,龙阳村,住院治疗\n"), 0);
	snprintf(cmd, sizeof cmd, "cat '%s' >> '%s'", tmp, file);
	assert_int_equal(system(cmd), 0);
	msg = refusal();
	assert_non_null(strstr(msg, "第5行是 GBK，其余各行是 UTF-8"));
	unlink(tmp);
}

/* "Müller" in a Western Windows file is not read as "M黮ler". */
static void test_windows_1252_word_is_not_read_as_chinese(void **state)
{
	(void)state;
	char a[19], b[19], text[512];
	ifx_id("19700101", 71, a);
	ifx_id("19700101", 73, b);
	snprintf(text, sizeof text, "姓名,身份证号码,乡镇,村,预警原因\n甲,%s,保家镇,龙阳村,住院\n"
	         "Anna M\xFCller,%s,保家镇,龙阳村,住院\n", a, b);
	/* the Chinese in GBK, the ü as Windows-1252 writes it */
	char tmp[96], cmd[256];
	snprintf(tmp, sizeof tmp, "%s.part", fx.path);
	char *cut = strstr(text, "Anna");
	*cut = 0;
	assert_int_equal(ifx_write_gbk(file, text), 0);
	snprintf(text, sizeof text, "Anna M\xFCller,%s,", b);
	assert_int_equal(ifx_write(tmp, text, strlen(text)), 0);
	snprintf(cmd, sizeof cmd, "cat '%s' >> '%s'", tmp, file);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(ifx_write_gbk(tmp, "保家镇,龙阳村,住院\n"), 0);
	assert_int_equal(system(cmd), 0);
	unlink(tmp);
	struct jerr e = { 0 };
	struct import *im = load(&e);
	if (!im)
		fail_msg("%s", e.msg);
	assert_int_equal(import_row(im, 0)->verdict, IMPORT_NEW);
	const struct import_row *r = import_row(im, 1);
	assert_int_equal(r->verdict, IMPORT_REJECT);
	assert_non_null(strstr(r->note, "“Müller”是西文（Windows-1252）编码，按中文 GBK 读会成为“M黮ler”"));
	import_free(im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_long_line_without_newline_is_not_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_only_file_fails_with_no_data_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tab_separated_file_is_read_and_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mixed_encodings_refused_with_the_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_windows_1252_word_is_not_read_as_chinese, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
