/* Import (SPEC §9, issue 6) through its public API, with files made here:
 * GBK with CRLF and a title row, UTF-8 with BOM, quoted cells holding a
 * comma and a line break, IDs typed full-width, every kind of bad row, a
 * file cut inside a GBK character.  For each: which rows are accepted and
 * which rejected and why; all or nothing; --partial; a second import adds
 * nothing; the rejected rows, fixed, import again. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "io/csvread.h"
#include "base/idcard.h"
#include "assist/assist.h"
#include "io/import.h"
#include "flow/lead.h"
#include "register/household.h"
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
	char p[128];
	glob_t g;
	snprintf(p, sizeof p, "%s.rejected*.csv", fx.path);
	if (glob(p, 0, NULL, &g) == 0)
		for (size_t i = 0; i < g.gl_pathc; i++)
			unlink(g.gl_pathv[i]);
	globfree(&g);
	unlink(file);
	ifx_close(&fx);
	return 0;
}

static struct import *load_as(const char *who, const char *kind, struct jerr *e)
{
	static struct session s;
	assert_int_equal(ifx_login(&fx, &s, who), 0);
	struct import_opts o = { .kind = kind, .department = "医保局" };
	return import_load(&s, file, &o, e);
}

static struct import *load(const char *who, const char *kind)
{
	struct jerr e = { 0 };
	struct import *im = load_as(who, kind, &e);
	if (!im)
		fail_msg("import_load: %s", e.msg);
	return im;
}

static const struct import_row *at_line(const struct import *im, long line)
{
	for (long i = 0; i < import_nrows(im); i++)
		if (import_row(im, i)->line == line)
			return import_row(im, i);
	fail_msg("no row at line %ld", line);
	return NULL;
}

/* The row at line has this verdict and its note holds part. */
static void expect(const struct import *im, long line, enum import_verdict v, const char *part)
{
	const struct import_row *r = at_line(im, line);
	if (r->verdict != v || !strstr(r->note, part))
		fail_msg("line %ld: verdict %s, note “%s”; wanted %s with “%s”", line,
		         import_verdict_label(r->verdict), r->note, import_verdict_label(v), part);
}

static void commit_ok(struct import *im, int partial)
{
	struct jerr e = { 0 };
	if (import_commit(im, partial, &e) != 0)
		fail_msg("import_commit: %s", e.msg);
}

static void expect_triage(const struct import *im, long line, enum import_triage t)
{
	assert_string_equal(import_triage_label(at_line(im, line)->triage), import_triage_label(t));
}

static long sources_of(const char *id_no)
{
	return store_int(fx.db, -1, "SELECT count(*) FROM lead_sources s JOIN leads l ON l.id = s.lead_id"
	                 " WHERE l.id_no = ?", "t", id_no);
}

/* ---- a department warning list: GBK, CRLF, a title row ---- */

static char id_new[19], id_new2[19];

/* Lines 4-9 as below; with_bad adds line 10, a 17-character ID. */
static void write_list(int with_bad)
{
	ifx_id("19800202", 21, id_new);
	ifx_id("19810303", 23, id_new2);
	char text[2048];
	snprintf(text, sizeof text,
		"彭水县医疗保障局2026年5月高额医疗费用预警名单\r\n"
		"\r\n"
		"序号,姓名,身份证号码,所属乡镇,所属村（社区）,预警原因,预警日期\r\n"
		"1,孙新,%s,保家镇,龙阳村,住院自付费用超过2万元,2026-05-10\r\n"
		"2,张监测,%s,保家镇,龙阳村,慢性病门诊,2026/5/11\r\n"
		"3,赵线索,%s,保家镇,龙阳村,大病,2026年5月12日\r\n"
		"4,李消除,%s,,新田村,住院,20260513\r\n"
		"5,王外乡,%s,郁山镇,中井村,住院,2026-05-14\r\n"
		"6,钱外村,%s,郁山镇,龙阳村,住院,2026-05-14\r\n"
		"%s",
		id_new, fx.id_monitored, fx.id_lead, fx.id_eliminated, fx.id_outside, id_new2,
		with_bad ? "7,错号码,50024319900101003,保家镇,龙阳村,住院,2026-05-15\r\n" : "");
	assert_int_equal(ifx_write_gbk(file, text), 0);
}

static void write_warning_list(void) { write_list(0); }

static void test_gbk_warning_list_is_triaged_row_by_row(void **state)
{
	(void)state;
	write_warning_list();
	struct import *im = load("baojia", "leads");
	assert_string_equal(import_encoding(im), "GB18030");
	assert_int_equal(import_nrows(im), 6);
	expect(im, 4, IMPORT_NEW, "新线索");
	expect_triage(im, 4, TRIAGE_NEW);
	expect(im, 5, IMPORT_SAME, "已在监测（监测中）");
	expect_triage(im, 5, TRIAGE_MONITORED);
	expect(im, 6, IMPORT_MERGE, "已有待核实的线索");
	expect_triage(im, 6, TRIAGE_LEAD);
	expect(im, 7, IMPORT_NEW, "此前已消除风险（2025-12-01）");
	expect_triage(im, 7, TRIAGE_ELIMINATED);
	/* outside the area: a triage outcome, skipped, not an error */
	expect(im, 8, IMPORT_SKIP, "不在您的辖区");
	expect_triage(im, 8, TRIAGE_OUTSIDE);
	expect(im, 9, IMPORT_SKIP, "郁山镇龙阳村不在您的辖区");
	expect_triage(im, 9, TRIAGE_OUTSIDE);
	const struct import_counts *c = import_counts(im);
	assert_int_equal(c->rows, 6);
	assert_int_equal(c->rejected, 0);
	assert_int_equal(c->skipped, 2);
	assert_int_equal(c->triage[TRIAGE_OUTSIDE], 2);
	/* the officer sees masked IDs */
	assert_non_null(strstr(at_line(im, 4)->who, "孙新 500243********"));
	import_free(im);
}

static void test_all_or_nothing_leaves_database_unchanged(void **state)
{
	(void)state;
	write_list(1);
	char before[256], after[256];
	ifx_snapshot(&fx, before, sizeof before);
	struct import *im = load("baojia", "leads");
	struct jerr e = { 0 };
	assert_int_equal(import_commit(im, 0, &e), -1);
	assert_non_null(strstr(e.msg, "有 1 行未通过检查，整个文件都没有导入（数据库未改变）"));
	assert_true(import_refused(im));
	ifx_snapshot(&fx, after, sizeof after);
	assert_string_equal(before, after);
	import_free(im);
}

static char *slurp(const char *path)
{
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	static char text[16384];
	size_t n = fread(text, 1, sizeof text - 1, in);
	fclose(in);
	text[n] = 0;
	return text;
}

/* The officer does what the refusal says: fixes the rows with a reason in
 * the file written beside the list and imports that file.  Every row of
 * the list is then imported exactly once (before, only the fixed rows
 * were, and the good ones silently never). */
static void test_fixing_the_file_of_a_refused_import_imports_every_row(void **state)
{
	(void)state;
	write_list(1);
	struct import *im = load("baojia", "leads");
	struct jerr e = { 0 };
	assert_int_equal(import_commit(im, 0, &e), -1);
	char rej[128];
	assert_int_equal(import_save_rejected(im, file, rej, sizeof rej, &e), 7);
	assert_true(import_rejected_all_rows(im));
	import_free(im);
	char want[128];
	snprintf(want, sizeof want, "%s.rejected.csv", fx.path);
	assert_string_equal(rej, want);
	char *text = slurp(rej);
	assert_non_null(strstr(text, "孙新"));                      /* a good row is there too */
	assert_non_null(strstr(text, "第10行：身份证号码应为18位"));
	/* the fix: the 17-character ID made whole */
	char good[19];
	ifx_id("19900101", 3, good);
	char *at = strstr(text, "50024319900101003");
	assert_non_null(at);
	memmove(at + 18, at + 17, strlen(at + 17) + 1);
	memcpy(at, good, 18);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	long leads = ifx_count(&fx, "leads");
	im = load("baojia", "leads");
	assert_int_equal(import_counts(im)->rejected, 0);
	commit_ok(im, 0);
	import_free(im);
	/* 孙新, 李消除 and the fixed row: new leads; 赵线索's lead merged */
	assert_int_equal(ifx_count(&fx, "leads"), leads + 3);
	assert_int_equal(sources_of(id_new), 1);
	assert_int_equal(sources_of(good), 1);
	assert_int_equal(sources_of(fx.id_lead), 2);
	/* the original list again: nothing twice */
	write_list(0);
	char before[256], after[256];
	ifx_snapshot(&fx, before, sizeof before);
	im = load("baojia", "leads");
	commit_ok(im, 0);
	import_free(im);
	ifx_snapshot(&fx, after, sizeof after);
	assert_string_equal(before, after);
}

/* Each refusal writes a new file: the second never overwrites the first,
 * never follows a link someone left at its name, and is the officer's
 * alone (0600). */
static void test_rejected_files_never_overwrite_one_another(void **state)
{
	(void)state;
	write_list(1);
	char first[128], second[128], third[128], link_to[128], want[160];
	struct jerr e = { 0 };
	struct import *im = load("baojia", "leads");
	assert_int_equal(import_save_rejected(im, file, first, sizeof first, &e), 7);
	assert_int_equal(import_save_rejected(im, file, second, sizeof second, &e), 7);
	snprintf(want, sizeof want, "%s.rejected-2.csv", fx.path);
	assert_string_equal(second, want);
	/* a link at the next name, pointing at a file of someone else's */
	snprintf(link_to, sizeof link_to, "%s.victim", fx.path);
	assert_int_equal(ifx_write(link_to, "keep", 4), 0);
	snprintf(want, sizeof want, "%s.rejected-3.csv", fx.path);
	assert_int_equal(symlink(link_to, want), 0);
	assert_int_equal(import_save_rejected(im, file, third, sizeof third, &e), 7);
	snprintf(want, sizeof want, "%s.rejected-4.csv", fx.path);
	assert_string_equal(third, want);
	assert_string_equal(slurp(link_to), "keep");
	struct stat sb;
	assert_int_equal(stat(first, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* importing a rejected file names the next one after the list, not after it */
	assert_int_equal(import_save_rejected(im, first, third, sizeof third, &e), 7);
	snprintf(want, sizeof want, "%s.rejected-5.csv", fx.path);
	assert_string_equal(third, want);
	import_free(im);
	unlink(link_to);
}

/* A village officer imports the county's list as it came: rows of other
 * villages are triaged (不在辖区) and skipped; the file is not refused. */
static void test_village_officer_imports_county_list_without_partial(void **state)
{
	(void)state;
	write_warning_list();
	long leads = ifx_count(&fx, "leads");
	struct import *im = load("longyang", "leads");
	const struct import_counts *c = import_counts(im);
	assert_int_equal(c->rejected, 0);
	expect(im, 7, IMPORT_SKIP, "此人登记的户不在您的辖区");    /* 新田村 */
	expect(im, 8, IMPORT_SKIP, "不在您的辖区");
	commit_ok(im, 0);
	assert_int_equal(ifx_count(&fx, "leads"), leads + 1);       /* 孙新 of 龙阳村 */
	import_free(im);
}

/* An ID registered under another name is not matched silently. */
static void test_name_differs_from_registered_holder(void **state)
{
	(void)state;
	char text[512];
	snprintf(text, sizeof text, "姓名,身份证号码,乡镇,村,预警原因\n张冒名,%s,保家镇,龙阳村,住院\n"
	         "王外乡,%s,保家镇,龙阳村,住院\n", fx.id_lead, fx.id_outside);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("baojia", "leads");
	expect(im, 2, IMPORT_REJECT, "姓名与登记不符：这个身份证号码登记的姓名是“赵线索”");
	import_free(im);
	/* in another township the registered name is not told */
	snprintf(text, sizeof text, "姓名,身份证号码,乡镇,村,预警原因\n王冒名,%s,保家镇,龙阳村,住院\n",
	         fx.id_outside);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	im = load("baojia", "leads");
	expect(im, 2, IMPORT_REJECT, "姓名与登记不符");
	assert_null(strstr(at_line(im, 2)->note, "王外乡"));
	import_free(im);
	/* households: the person already in the household, another name */
	snprintf(text, sizeof text, "户编号,姓名,身份证号码,与户主关系,村\n"
	         "5002431002010001,张别名,%s,户主,保家镇龙阳村\n", fx.id_monitored);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	im = load("baojia", "households");
	expect(im, 2, IMPORT_REJECT, "姓名与登记不符");
	import_free(im);
}

/* A refused import says so on every row: nothing reads as created. */
static void test_refused_report_does_not_say_created(void **state)
{
	(void)state;
	write_list(1);
	struct import *im = load("baojia", "leads");
	struct jerr e = { 0 };
	assert_int_equal(import_commit(im, 0, &e), -1);
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	import_print(im, f, 1);
	fclose(f);
	assert_non_null(strstr(out, "第4行  未导入  新线索"));
	assert_non_null(strstr(out, "（未导入）"));
	assert_null(strstr(out, "新建"));
	assert_null(strstr(out, "（新增"));
	assert_non_null(strstr(out, "可新增 2"));
	free(out);
	import_free(im);
}

static void test_partial_imports_exactly_the_good_rows_and_twice_adds_nothing(void **state)
{
	(void)state;
	write_list(1);
	long leads = ifx_count(&fx, "leads"), sources = ifx_count(&fx, "lead_sources");
	struct import *im = load("baojia", "leads");
	commit_ok(im, 1);
	import_free(im);
	/* two new leads (孙新, 李消除); 赵线索's lead gets a second source */
	assert_int_equal(ifx_count(&fx, "leads"), leads + 2);
	assert_int_equal(ifx_count(&fx, "lead_sources"), sources + 3);
	assert_int_equal(sources_of(id_new), 1);
	assert_int_equal(sources_of(fx.id_lead), 2);
	assert_int_equal(sources_of(fx.id_monitored), 0);
	assert_int_equal(sources_of(fx.id_outside), 0);
	assert_int_equal(sources_of(id_new2), 0);
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM lead_sources WHERE department = '医保'"
	                           " AND channel = '部门筛查预警' AND import_key IS NOT NULL", ""), 3);
	char before[256], after[256];
	ifx_snapshot(&fx, before, sizeof before);
	im = load("baojia", "leads");
	expect(im, 4, IMPORT_SAME, "已导入过");
	expect(im, 6, IMPORT_SAME, "已导入过");
	expect(im, 7, IMPORT_SAME, "已导入过");
	assert_int_equal(import_counts(im)->created + import_counts(im)->merged, 0);
	commit_ok(im, 1);
	import_free(im);
	ifx_snapshot(&fx, after, sizeof after);
	assert_string_equal(before, after);
}

static void test_county_officer_sees_whole_county(void **state)
{
	(void)state;
	write_warning_list();
	struct import *im = load("xian", "leads");
	expect(im, 8, IMPORT_NEW, "新线索");
	expect(im, 9, IMPORT_NEW, "新线索");
	assert_int_equal(import_counts(im)->rejected, 0);
	import_free(im);
}

/* ---- quoted cells, dates, names ---- */

static void test_quoted_comma_and_newline_keep_lines_right(void **state)
{
	(void)state;
	char text[1024], a[19], b[19];
	ifx_id("19900505", 31, a);
	ifx_id("19910606", 33, b);
	snprintf(text, sizeof text,
		"姓名,身份证号码,村,预警原因,日期\r\n"
		"周一,%s,保家镇龙阳村,\"住院费用高，自付超过5万,\r\n需核实\",2026-05-20\r\n"
		"吴二,%s,保家镇龙阳村,\"他说\"\"没钱看病\"\"\",2026-05-21\r\n", a, b);
	assert_int_equal(ifx_write_gbk(file, text), 0);
	struct import *im = load("baojia", "leads");
	assert_int_equal(import_nrows(im), 2);
	expect(im, 2, IMPORT_NEW, "新线索");
	expect(im, 4, IMPORT_NEW, "新线索");   /* the quoted line break: line 3 belongs to row 2 */
	commit_ok(im, 0);
	import_free(im);
	char reason[128];
	store_text(fx.db, reason, sizeof reason, "SELECT s.reason FROM lead_sources s JOIN leads l"
	           " ON l.id = s.lead_id WHERE l.id_no = ?", "t", a);
	assert_string_equal(reason, "住院费用高，自付超过5万,\n需核实");
	store_text(fx.db, reason, sizeof reason, "SELECT s.reason FROM lead_sources s JOIN leads l"
	           " ON l.id = s.lead_id WHERE l.id_no = ?", "t", b);
	assert_string_equal(reason, "他说\"没钱看病\"");
}

static void test_future_and_bad_dates_rejected(void **state)
{
	(void)state;
	char text[1024], a[19], b[19], c[19];
	ifx_id("19900505", 41, a);
	ifx_id("19900505", 43, b);
	ifx_id("19900505", 45, c);
	snprintf(text, sizeof text, "姓名,身份证号码,村,日期,原因\n甲,%s,龙阳村,2026-05-02,病\n"
	         "乙,%s,新田村,2026-02-30,病\n丙,%s,新田村,2026-06-01 00:00:00,病\n", a, b, c);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("baojia", "leads");
	/* 龙阳村 alone is two villages in the county, but one in 保家镇?  No: the
	 * name is looked up county-wide, so the officer must write the township */
	expect(im, 2, IMPORT_REJECT, "不唯一");
	expect(im, 3, IMPORT_REJECT, "日期“2026-02-30”不是有效的日期");
	expect(im, 4, IMPORT_NEW, "新线索");
	import_free(im);
	snprintf(text, sizeof text, "姓名,身份证号码,乡镇,村,日期,原因\n甲,%s,保家镇,龙阳村,2026-06-02,病\n", a);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	im = load("baojia", "leads");
	expect(im, 2, IMPORT_REJECT, "日期“2026-06-02”晚于今天");
	import_free(im);
}

/* Rows lead_create would refuse are triage outcomes, skipped with the
 * reason, not errors: a dissolved household, and a person whose open lead
 * is kept by another township.  The file imports without --partial. */
static void test_warning_rows_the_engine_would_refuse(void **state)
{
	(void)state;
	char far[19], fresh[19], text[1024];
	ifx_id("19850606", 51, far);
	ifx_id("19850606", 53, fresh);
	assert_int_equal(store_exec(fx.db, "UPDATE households SET status = '已注销' WHERE id = ?", "l",
	                            fx.hh_eliminated), 0);
	assert_int_equal(store_exec(fx.db, "INSERT INTO leads(id_no, name, village_id, township_id,"
	                            " created_on) VALUES (?, '韦远方', ?, ?, '2026-05-01')", "tll", far,
	                            fx.zhongjing, fx.yushan), 0);
	snprintf(text, sizeof text, "姓名,身份证号码,乡镇,村,日期,原因\n"
	         "李消除,%s,保家镇,新田村,2026-05-20,住院\n"
	         "韦远方,%s,保家镇,龙阳村,2026-05-20,住院\n"
	         "韦新来,%s,保家镇,龙阳村,2026-05-20,住院\n", fx.id_eliminated, far, fresh);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("baojia", "leads");
	expect(im, 2, IMPORT_SKIP, "户已注销");
	expect_triage(im, 2, TRIAGE_DISSOLVED);
	expect(im, 3, IMPORT_SKIP, "此人已有一条线索登记在其他地方");
	expect_triage(im, 3, TRIAGE_OUTSIDE);
	expect(im, 4, IMPORT_NEW, "新线索");
	assert_int_equal(import_counts(im)->rejected, 0);
	long before = ifx_count(&fx, "leads");
	struct jerr e = { 0 };
	assert_int_equal(import_commit(im, 0, &e), 0);
	assert_int_equal(ifx_count(&fx, "leads"), before + 1);     /* the good row alone */
	import_free(im);
}

/* ---- households with members: UTF-8 with BOM ---- */

/* An ID whose check character is X, written with a lower-case x and
 * full-width digits, as a Chinese input method in full-width mode types it. */
static void id_with_x(char norm[19], char *typed, size_t n)
{
	for (int seq = 100; seq < 999; seq += 2) {
		char first[18];
		snprintf(first, sizeof first, "50024319920707%03d", seq);
		if (idcard_check_digit(first) == 'X') {
			snprintf(norm, 19, "%sX", first);
			break;
		}
	}
	size_t o = 0;
	for (int i = 0; i < 17 && o + 4 < n; i++) {
		if (i < 6) {   /* "５００２４３" */
			typed[o++] = (char)0xEF;
			typed[o++] = (char)0xBC;
			typed[o++] = (char)(0x90 + norm[i] - '0');
		} else {
			typed[o++] = norm[i];
		}
	}
	snprintf(typed + o, n - o, " x");
}

static char head[19], wife[19], son[19], xid[19];

static void write_households(const char *extra_rows)
{
	char typed[96], text[4096];
	ifx_id("19650101", 51, head);
	ifx_id("19670202", 52, wife);
	ifx_id("19900303", 53, son);
	id_with_x(xid, typed, sizeof typed);
	snprintf(text, sizeof text,
		"\xEF\xBB\xBF户编号,姓名,公民身份号码,与户主关系,所属村(社区),村民小组,联系电话\n"
		"5002431002019001,陈大山,%s,户主,保家镇龙阳村,一组,13900000001\n"
		"5002431002019001,刘小英,%s,配偶,保家镇龙阳村,一组,\n"
		"5002431002019001,\"陈'); DROP TABLE members;--\",%s,之子,保家镇龙阳村,一组,\n"
		"5002431002019002,林全角,%s,户主,保家镇新田村,,\n"
		"%s",
		head, wife, son, typed, extra_rows ? extra_rows : "");
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
}

static void test_utf8_bom_households_with_fullwidth_ids(void **state)
{
	(void)state;
	write_households(NULL);
	long households = ifx_count(&fx, "households");
	struct import *im = load("baojia", "households");
	assert_string_equal(import_encoding(im), "UTF-8（带 BOM）");
	expect(im, 2, IMPORT_NEW, "新建户 5002431002019001");
	expect(im, 3, IMPORT_NEW, "新建户");
	expect(im, 4, IMPORT_NEW, "新建户");
	expect(im, 5, IMPORT_NEW, "新建户 5002431002019002");
	commit_ok(im, 0);
	import_free(im);
	assert_int_equal(ifx_count(&fx, "households"), households + 2);
	/* the ID typed full-width with a lower-case x is stored normalised */
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM members WHERE id_no = ? AND name = '林全角'",
	                           "t", xid), 1);
	/* the name is stored as written; the table is still there */
	char name[64];
	store_text(fx.db, name, sizeof name, "SELECT name FROM members WHERE id_no = ?", "t", son);
	assert_string_equal(name, "陈'); DROP TABLE members;--");
	assert_int_equal(store_int(fx.db, 0, "SELECT size FROM households WHERE hh_no = '5002431002019001'", ""), 3);
	assert_int_equal(store_int(fx.db, 0, "SELECT group_id FROM households WHERE hh_no = '5002431002019001'", ""),
	                 fx.group1);
	char phone[16];
	store_text(fx.db, phone, sizeof phone, "SELECT phone FROM households WHERE hh_no = '5002431002019001'", "");
	assert_string_equal(phone, "13900000001");
	/* a second import matches every household and person: nothing new */
	char before[256], after[256];
	ifx_snapshot(&fx, before, sizeof before);
	im = load("baojia", "households");
	for (long line = 2; line <= 5; line++)
		expect(im, line, IMPORT_SAME, "已登记在户");
	commit_ok(im, 0);
	import_free(im);
	ifx_snapshot(&fx, after, sizeof after);
	assert_string_equal(before, after);
}

static char bad_check[19];

static void write_bad_rows(void)
{
	char rows[2048], twin[19], birth[19], ok1[19], ok2[19];
	ifx_id("19700808", 61, ok1);
	ifx_id("19720909", 62, ok2);
	ifx_id("19990231", 63, birth);         /* a 31 February */
	ifx_id("19800101", 65, bad_check);
	bad_check[17] = bad_check[17] == '1' ? '2' : '1';
	ifx_id("19850101", 67, twin);
	snprintf(rows, sizeof rows,
		"5002431002019003,错校验,%s,户主,保家镇龙阳村,,\n"
		"5002431002019004,短号码,%.17s,户主,保家镇龙阳村,,\n"
		"5002431002019005,无此日,%s,户主,保家镇龙阳村,,\n"
		"5002431002019006,,%s,户主,保家镇龙阳村,,\n"
		"5002431002019007,何无村,%s,户主,保家镇不存在村,,\n"
		"5002431002019008,双胞,%s,户主,保家镇新田村,,\n"
		"5002431002019009,双胞,%s,户主,保家镇新田村,,\n"
		"5002431002019010,外乡人,%s,户主,郁山镇中井村,,\n",
		bad_check, ok1, birth, ok1, ok2, twin, twin, ok2);
	write_households(rows);
}

static void test_each_bad_row_rejected_with_its_reason(void **state)
{
	(void)state;
	write_bad_rows();
	struct import *im = load("baojia", "households");
	for (long line = 2; line <= 5; line++)
		expect(im, line, IMPORT_NEW, "新建户");
	expect(im, 6, IMPORT_REJECT, "身份证号码校验位错误");
	expect(im, 7, IMPORT_REJECT, "身份证号码应为18位，现为17位");
	expect(im, 8, IMPORT_REJECT, "身份证号码出生日期无效");
	expect(im, 9, IMPORT_REJECT, "姓名不能为空");
	expect(im, 10, IMPORT_REJECT, "找不到村（社区）“保家镇不存在村”");
	expect(im, 11, IMPORT_NEW, "新建户 5002431002019008");
	expect(im, 12, IMPORT_REJECT, "与第11行是同一人（身份证号码相同）");
	expect(im, 13, IMPORT_SKIP, "郁山镇中井村不在您的辖区");
	expect_triage(im, 13, TRIAGE_OUTSIDE);
	const struct import_counts *c = import_counts(im);
	assert_int_equal(c->rows, 12);
	assert_int_equal(c->rejected, 6);
	assert_int_equal(c->skipped, 1);
	assert_int_equal(c->created, 5);
	import_free(im);
}

static void test_partial_writes_good_rows_and_fixed_rejects_import_again(void **state)
{
	(void)state;
	write_bad_rows();
	long members = ifx_count(&fx, "members");
	struct import *im = load("baojia", "households");
	struct jerr e = { 0 };
	char rejected[128];
	commit_ok(im, 1);
	assert_int_equal(import_save_rejected(im, file, rejected, sizeof rejected, &e), 6);
	import_free(im);
	assert_int_equal(ifx_count(&fx, "members"), members + 5);
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM members WHERE name = '双胞'", ""), 1);

	/* the rejected file: BOM, the same columns plus the reason */
	FILE *in = fopen(rejected, "rb");
	assert_non_null(in);
	static char text[8192];
	size_t n = fread(text, 1, sizeof text - 1, in);
	fclose(in);
	text[n] = 0;
	assert_memory_equal(text, "\xEF\xBB\xBF户编号,姓名,公民身份号码,与户主关系,所属村(社区),村民小组,联系电话,未导入原因\r\n", 96);
	/* 户编号 and ID numbers as Excel keeps them: text, every digit */
	assert_non_null(strstr(text, "\"=\"\"5002431002019003\"\"\",错校验,"));
	assert_non_null(strstr(text, "第6行：身份证号码校验位错误"));

	/* fix the check digit and import the rejected file as it is */
	char good[19];
	snprintf(good, sizeof good, "%s", bad_check);
	good[17] = (char)idcard_check_digit(bad_check);
	char *at = strstr(text, bad_check);
	assert_non_null(at);
	memcpy(at, good, 18);
	assert_int_equal(ifx_write(file, text, n), 0);
	im = load("baojia", "households");
	expect(im, 2, IMPORT_NEW, "新建户 5002431002019003");
	assert_int_equal(import_counts(im)->created, 1);
	assert_int_equal(import_counts(im)->rejected, 5);
	commit_ok(im, 1);
	import_free(im);
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM members WHERE id_no = ?", "t", good), 1);
	assert_int_equal(ifx_count(&fx, "members"), members + 6);
}

static void test_household_rules_checked_across_rows(void **state)
{
	(void)state;
	char a[19], b[19], c[19], d[19], text[1024];
	ifx_id("19600101", 71, a);
	ifx_id("19610101", 73, b);   /* a man as 配偶 of a man */
	ifx_id("19620101", 75, c);
	ifx_id("19630101", 76, d);
	snprintf(text, sizeof text,
		"户编号,姓名,身份证号码,与户主关系,村\n"
		"5002431002019101,甲,%s,户主,保家镇龙阳村\n"
		"5002431002019101,乙,%s,配偶,保家镇龙阳村\n"
		"5002431002019102,丙,%s,之子,保家镇龙阳村\n"
		"5002431002010001,丁,%s,之女,保家镇龙阳村\n", a, b, c, d);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("baojia", "households");
	expect(im, 2, IMPORT_REJECT, "配偶乙与户主甲性别相同");
	expect(im, 3, IMPORT_REJECT, "配偶乙与户主甲性别相同");
	expect(im, 4, IMPORT_REJECT, "这户没有户主");
	expect(im, 5, IMPORT_NEW, "加入已登记的户 5002431002010001");
	commit_ok(im, 1);
	import_free(im);
	assert_int_equal(store_int(fx.db, 0, "SELECT size FROM households WHERE id = ?", "l", fx.hh_monitored), 2);
}

/* ---- damaged files ---- */

static void test_file_cut_inside_gbk_character_is_reported(void **state)
{
	(void)state;
	char a[19], b[19], text[512];
	ifx_id("19700101", 81, a);
	ifx_id("19700101", 83, b);
	snprintf(text, sizeof text, "姓名,身份证号码,原因,乡镇,村\r\n郑好,%s,病,保家镇,龙阳村\r\n冯断,%s,病,保家镇,龙阳", a, b);
	assert_int_equal(ifx_write_gbk(file, text), 0);
	/* cut the last character (阳, two bytes in GBK) in half */
	FILE *f = fopen(file, "rb");
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fclose(f);
	assert_int_equal(truncate(file, size - 1), 0);
	struct import *im = load("baojia", "leads");
	expect(im, 2, IMPORT_NEW, "新线索");
	expect(im, 3, IMPORT_REJECT, "文件在第3行中途截断");
	assert_int_equal(import_counts(im)->rejected, 1);
	import_free(im);
}

static void test_invalid_bytes_reported_with_line_never_stored(void **state)
{
	(void)state;
	char a[19], b[19], text[512];
	ifx_id("19700101", 85, a);
	ifx_id("19700101", 87, b);
	snprintf(text, sizeof text, "姓名,身份证号码,乡镇,村,原因\n卫好,%s,保家镇,龙阳村,病\n蒋\xFF坏,%s,保家镇,龙阳村,病\n", a, b);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("baojia", "leads");
	assert_string_equal(import_encoding(im), "UTF-8");
	expect(im, 2, IMPORT_NEW, "新线索");
	expect(im, 3, IMPORT_REJECT, "第3行含有无法识别的字符");
	commit_ok(im, 1);
	import_free(im);
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM leads WHERE id_no = ?", "t", b), 0);
}

/* ---- the file as a whole ---- */

static void test_missing_required_column_lists_headers(void **state)
{
	(void)state;
	const char *text = "户编号,姓名,身份证号码,村\n5002431002019201,甲,500243197001010011,龙阳村\n";
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct jerr e = { 0 };
	assert_null(load_as("baojia", "households", &e));
	assert_non_null(strstr(e.msg, "缺少必需的列“与户主关系”"));
	assert_non_null(strstr(e.msg, "文件中的表头是：户编号、姓名、身份证号码、村"));
}

static void test_no_header_row_and_unknown_mapping(void **state)
{
	(void)state;
	const char *text = "甲,乙,丙\n1,2,3\n";
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct jerr e = { 0 };
	assert_null(load_as("baojia", "leads", &e));
	assert_non_null(strstr(e.msg, "找不到表头行"));
	assert_non_null(strstr(e.msg, "甲、乙、丙"));
	struct session s;
	assert_int_equal(ifx_login(&fx, &s, "baojia"), 0);
	struct import_opts o = { .kind = "leads", .map = "households" };
	assert_null(import_load(&s, file, &o, &e));
	assert_non_null(strstr(e.msg, "用于 households，不能导入 leads"));
	o = (struct import_opts){ .kind = "leads" };
	text = "姓名,身份证号码,预警原因\n甲,500243197001010011,病\n";
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	assert_null(import_load(&s, file, &o, &e));
	assert_non_null(strstr(e.msg, "须指明部门"));
}

static void test_village_officer_scope_and_people_without_village(void **state)
{
	(void)state;
	char a[19], text[1024];
	ifx_id("19750101", 91, a);
	snprintf(text, sizeof text, "姓名,身份证号码,预警原因\n李消除,%s,住院\n张监测,%s,门诊\n新人,%s,住院\n",
	         fx.id_eliminated, fx.id_monitored, a);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("longyang", "leads");
	expect(im, 2, IMPORT_SKIP, "此人登记的户不在您的辖区");   /* 新田村 */
	expect(im, 3, IMPORT_SAME, "已在监测（监测中）");
	expect(im, 4, IMPORT_REJECT, "文件中也没有村（社区）列");
	import_free(im);
}

static void test_same_person_twice_in_a_warning_list_merges(void **state)
{
	(void)state;
	char a[19], text[1024];
	ifx_id("19760101", 93, a);
	snprintf(text, sizeof text, "姓名,身份证号码,乡镇,村,预警原因,预警日期\n"
	         "韩甲,%s,保家镇,龙阳村,住院,2026-05-01\n"
	         "韩甲,%s,保家镇,龙阳村,残疾,2026-05-01\n"
	         "韩甲,%s,保家镇,龙阳村,住院,2026-05-01\n", a, a, a);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("baojia", "leads");
	expect(im, 2, IMPORT_NEW, "新线索");
	expect(im, 3, IMPORT_MERGE, "与第2行是同一人，合并为一条线索");
	expect(im, 4, IMPORT_SAME, "与第2行相同，未重复添加");
	commit_ok(im, 0);
	import_free(im);
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM leads WHERE id_no = ?", "t", a), 1);
	assert_int_equal(sources_of(a), 2);
}

/* Two people of one household in one list: one lead with two sources,
 * whether the rows are written as planned or checked again. */
static void test_two_members_of_one_household_make_one_lead(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	struct member m;
	assert_int_equal(ifx_login(&fx, &s, "baojia"), 0);
	member_init(&m);
	m.household_id = fx.hh_eliminated;
	snprintf(m.name, sizeof m.name, "李儿子");
	snprintf(m.relation, sizeof m.relation, "之子");
	ifx_id("19990909", 71, m.id_no);
	assert_int_equal(member_add(&s, &m, &e), 0);
	char text[512];
	snprintf(text, sizeof text, "姓名,身份证号码,预警原因\n李儿子,%s,辍学\n李消除,%s,住院\n",
	         m.id_no, fx.id_eliminated);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	long leads = ifx_count(&fx, "leads");
	struct import *im = load("baojia", "leads");
	commit_ok(im, 0);
	import_free(im);
	assert_int_equal(ifx_count(&fx, "leads"), leads + 1);
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM lead_sources s JOIN leads l ON"
	                           " l.id = s.lead_id WHERE l.household_id = ?", "l", fx.hh_eliminated), 2);
}

/* A lead made for a person before they were registered joins the lead of
 * their household: lead_open_for's third lookup (person-only leads of the
 * household's members), which once walked every lead without a household. */
static void test_lead_of_a_member_found_through_the_household(void **state)
{
	(void)state;
	struct session s;
	struct jerr e = { 0 };
	struct member m;
	assert_int_equal(ifx_login(&fx, &s, "baojia"), 0);
	member_init(&m);
	m.household_id = fx.hh_eliminated;
	snprintf(m.name, sizeof m.name, "李女儿");
	snprintf(m.relation, sizeof m.relation, "之女");
	ifx_id("19980808", 72, m.id_no);
	assert_int_equal(store_exec(fx.db, "INSERT INTO leads(id_no, name, village_id, township_id,"
	                            " created_on) VALUES (?, '李女儿', ?, ?, '2026-05-01')", "tll", m.id_no,
	                            fx.xintian, fx.baojia), 0);
	int64_t lead = store_last_id(fx.db);
	assert_int_equal(member_add(&s, &m, &e), 0);
	char text[256];
	snprintf(text, sizeof text, "姓名,身份证号码,预警原因\n李消除,%s,住院\n", fx.id_eliminated);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("baojia", "leads");
	expect(im, 2, IMPORT_MERGE, "已有待核实的线索");
	commit_ok(im, 0);
	import_free(im);
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM lead_sources WHERE lead_id = ?", "l",
	                           lead), 1);
}

/* What an import wrote: its leads, sources and audit records, without ids
 * and times. */
static char *dump(struct ifx *f)
{
	char *out = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&out, &n);
	static const char *const sql[] = {
		"SELECT coalesce(CAST(household_id AS TEXT), 'NULL'), coalesce(id_no, 'NULL'), name,"
		" village_id, township_id, created_on, state || '/' || coalesce(verify_by, 'NULL')"
		" FROM leads ORDER BY id_no, id",
		"SELECT l.id_no, s.channel, s.department, s.found_on, s.reason,"
		" coalesce(CAST(s.officer_id AS TEXT), 'NULL'), coalesce(s.import_key, 'NULL')"
		" FROM lead_sources s JOIN leads l ON l.id = s.lead_id ORDER BY l.id_no, s.import_key",
		"SELECT tbl, field, coalesce(old, 'NULL'), coalesce(new, 'NULL'),"
		" coalesce(CAST(household_id AS TEXT), 'NULL'), officer_id FROM audit"
		" WHERE tbl LIKE 'lead%'"
		" ORDER BY tbl, field, old, new, household_id",
	};
	for (size_t q = 0; q < sizeof sql / sizeof sql[0]; q++) {
		struct stmt *st = store_prepd(f->db, sql[q]);
		while (st && stmt_step(st) == 1) {
			for (int c = 0; c < 7 && *stmt_text(st, 0); c++)
				fprintf(m, "%s|", stmt_text(st, c));
			fputc('\n', m);
		}
		stmt_done(st);
	}
	fclose(m);
	return out;
}

/* Written at once as planned (nothing changed since the check) or row by
 * row, checked again (another officer wrote meanwhile): the same leads,
 * sources and audit records. */
static void test_planned_write_is_the_same_as_checked_one(void **state)
{
	(void)state;
	write_warning_list();
	struct import *im = load("xian", "leads");
	commit_ok(im, 0);
	import_free(im);
	char *planned = dump(&fx);
	struct ifx other;
	assert_int_equal(ifx_open(&other), 0);
	struct session s;
	struct jerr e = { 0 };
	assert_int_equal(ifx_login(&other, &s, "xian"), 0);
	struct import_opts o = { .kind = "leads", .department = "医保局" };
	im = import_load(&s, file, &o, &e);
	assert_non_null(im);
	struct store *db = store_open(other.db_where, 0, &e);   /* someone writes meanwhile */
	assert_int_equal(store_exec(db, "INSERT INTO audit(tbl, rec) VALUES (?, 0)", "t", "test"), 0);
	store_close(db);
	assert_int_equal(import_commit(im, 0, &e), 0);
	import_free(im);
	char *checked = dump(&other);
	ifx_close(&other);
	clock_pin(date_from_ymd(2026, 6, 1));   /* ifx_close unpinned it */
	assert_true(strlen(planned) > 200);
	assert_string_equal(planned, checked);
	free(planned);
	free(checked);
}

/* ---- visits ---- */

/* A visit is the same visit when household, day and findings are the
 * same: a second visit on one day with other findings is kept; the same
 * one twice is stored once. */
static void test_visits_matched_by_household_day_and_findings(void **state)
{
	(void)state;
	char text[1024];
	snprintf(text, sizeof text, "户编号,户主身份证号,走访日期,走访情况\n"
	         "5002431002010001,,2026-05-03,\"收入稳定，\n无新增风险\"\n"
	         ",%s,2026-05-04,已入户\n"
	         "5002431012020001,,2026-05-04,外乡\n"
	         "5002431002010001,,2026-05-03,下午再访：户主住院\n"
	         "5002431002010009,,2026-05-03,无此户\n"
	         "5002431002010001,,2026-07-01,未来\n"
	         "5002431002010002,,2026-05-05,只是线索\n"
	         "5002431002010001,,2026-05-03,下午再访：户主住院\n", fx.id_eliminated);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("baojia", "visits");
	expect(im, 2, IMPORT_NEW, "2026-05-03 的走访记录");
	expect(im, 4, IMPORT_NEW, "2026-05-04");
	expect(im, 5, IMPORT_SKIP, "这一户不在您的辖区");
	expect(im, 6, IMPORT_NEW, "2026-05-03 的走访记录");    /* the same day, other findings */
	expect(im, 7, IMPORT_REJECT, "找不到户编号 5002431002010009");
	expect(im, 8, IMPORT_REJECT, "晚于今天");
	expect(im, 9, IMPORT_REJECT, "这一户现在是“线索”，不能登记走访");
	expect(im, 10, IMPORT_SAME, "与第6行是同一次走访");
	commit_ok(im, 1);
	import_free(im);
	assert_int_equal(ifx_count(&fx, "visits"), 3);
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM visits WHERE household_id = ?"
	                           " AND visited_on = '2026-05-03'", "l", fx.hh_monitored), 2);
	char findings[64];
	store_text(fx.db, findings, sizeof findings, "SELECT findings FROM visits WHERE household_id = ?"
	           " ORDER BY id", "l", fx.hh_monitored);
	assert_string_equal(findings, "收入稳定，\n无新增风险");
	im = load("baojia", "visits");
	expect(im, 2, IMPORT_SAME, "已经登记过");
	expect(im, 4, IMPORT_SAME, "已经登记过");
	expect(im, 6, IMPORT_SAME, "已经登记过");
	import_free(im);
}

/* A row whose 户编号 and ID number belong to different households is not
 * taken for either: the officer must say which household was visited. */
static void test_visit_with_number_and_id_of_two_households_rejected(void **state)
{
	(void)state;
	char text[512];
	snprintf(text, sizeof text, "户编号,户主身份证号,走访日期,走访情况\n"
	         "5002431002010001,%s,2026-05-03,情况正常\n"
	         "5002431002010001,%s,2026-05-04,情况正常\n", fx.id_eliminated, fx.id_monitored);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("baojia", "visits");
	expect(im, 2, IMPORT_REJECT, "不是同一户");
	expect(im, 3, IMPORT_NEW, "2026-05-04 的走访记录");
	commit_ok(im, 1);
	import_free(im);
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM visits WHERE household_id = ?", "l",
	                           fx.hh_eliminated), 0);
}

/* A second officer, on a connection of their own. */
static struct store *db2;
static struct session s2;

static struct import *load_other(const char *who, const char *kind)
{
	struct jerr e = { 0 };
	if (!db2)
		db2 = store_open(fx.db_where, 0, &e);
	assert_non_null(db2);
	assert_int_equal(session_login(&s2, db2, &fx.cfg, who, &e), 0);
	struct import_opts o = { .kind = kind, .department = "医保局" };
	struct import *im = import_load(&s2, file, &o, &e);
	if (!im)
		fail_msg("import_load: %s", e.msg);
	return im;
}

static void close_other(void)
{
	store_close(db2);
	db2 = NULL;
}

/* Two officers import the same visits file at the same moment: both check
 * it before either writes.  Every visit is stored once, and each report
 * counts what that import itself created. */
static void test_same_visits_imported_by_two_officers_at_once(void **state)
{
	(void)state;
	const char *text = "户编号,走访日期,走访情况\n"
		"5002431002010001,2026-05-03,情况正常\n"
		"5002431002020001,2026-05-04,户主住院\n";
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *a = load("baojia", "visits");
	struct import *b = load_other("xian", "visits");
	assert_int_equal(import_counts(b)->created, 2);   /* its check saw nothing yet */
	commit_ok(a, 0);
	commit_ok(b, 0);
	assert_int_equal(ifx_count(&fx, "visits"), 2);
	assert_int_equal(import_counts(a)->created, 2);
	assert_int_equal(import_counts(b)->created, 0);
	assert_int_equal(import_counts(b)->same, 2);
	expect(b, 2, IMPORT_SAME, "刚由其他导入写入");
	import_free(a);
	import_free(b);
	close_other();
	/* and the database itself refuses a second copy of an imported visit */
	assert_int_equal(store_exec(fx.db, "INSERT INTO visits(household_id, visited_on, entered_on,"
	                            " import_key) SELECT household_id, visited_on, entered_on, import_key"
	                            " FROM visits LIMIT 1", ""), -1);
}

/* The same, for a warning list: leads are created once; the second report
 * says it created nothing (it said 新增 for every row before). */
static void test_same_leads_imported_by_two_officers_at_once(void **state)
{
	(void)state;
	write_warning_list();
	long leads = ifx_count(&fx, "leads"), sources = ifx_count(&fx, "lead_sources");
	struct import *a = load("baojia", "leads");
	struct import *b = load_other("baojia", "leads");
	commit_ok(a, 0);
	commit_ok(b, 0);
	assert_int_equal(ifx_count(&fx, "leads"), leads + 2);
	assert_int_equal(ifx_count(&fx, "lead_sources"), sources + 3);
	assert_int_equal(import_counts(a)->created, 2);
	assert_int_equal(import_counts(a)->merged, 1);
	assert_int_equal(import_counts(b)->created, 0);
	assert_int_equal(import_counts(b)->merged, 0);
	import_free(a);
	import_free(b);
	close_other();
}

/* Between the check and the write another officer registers a lead for a
 * person on the list, and saves a visit elsewhere: the write decides that
 * row again (it joins the new lead, no second open lead for one person),
 * and writes every other row as planned. */
static void test_person_given_a_lead_meanwhile_is_merged_not_doubled(void **state)
{
	(void)state;
	write_warning_list();
	struct import *im = load("baojia", "leads");
	expect(im, 4, IMPORT_NEW, "新线索");
	struct session other;
	struct jerr e = { 0 };
	assert_int_equal(ifx_login(&fx, &other, "xian"), 0);
	struct lead_input in = { .id_no = id_new, .name = "孙新", .village_id = fx.longyang,
	                         .channel = "基层干部排查", .reason = "走访发现住院",
	                         .found_on = date_from_ymd(2026, 5, 20) };
	int64_t lead;
	int merged;
	assert_int_equal(lead_create(&other, &in, &lead, &merged, &e), 0);
	struct visit v = { .household_id = fx.hh_monitored };
	snprintf(v.visited_on, sizeof v.visited_on, "2026-05-21");
	snprintf(v.findings, sizeof v.findings, "情况正常");
	assert_int_equal(visit_add(&other, &v, &e), 0);
	commit_ok(im, 0);
	expect(im, 4, IMPORT_MERGE, "刚登记的线索");
	expect(im, 7, IMPORT_NEW, "此前已消除风险");
	assert_int_equal(import_counts(im)->created, 1);
	assert_int_equal(import_counts(im)->merged, 2);
	import_free(im);
	assert_int_equal(store_int(fx.db, -1, "SELECT count(*) FROM leads WHERE id_no = ?"
	                           " AND state = '待核实'", "t", id_new), 1);
	assert_int_equal(sources_of(id_new), 2);
	assert_int_equal(store_int(fx.db, -1, "SELECT count(*) FROM leads l JOIN members m"
	                           " ON m.household_id = l.household_id WHERE m.id_no = ?", "t",
	                           fx.id_eliminated), 1);
}

/* The same two imports from two processes started together. */
static void test_same_visits_from_two_processes(void **state)
{
	(void)state;
	const char *text = "户编号,走访日期,走访情况\n"
		"5002431002010001,2026-05-06,情况正常\n"
		"5002431002020001,2026-05-06,无变化\n";
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	int go[2];
	assert_int_equal(pipe(go), 0);
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		if ((kids[k] = fork()) == 0) {
			char c;
			struct import *im = load_other("xian", "visits");
			if (read(go[0], &c, 1) != 1)   /* both checked: now both write */
				_exit(3);
			struct jerr e = { 0 };
			int rc = import_commit(im, 0, &e);
			_exit(rc != 0 ? 2 : 10 + (int)import_counts(im)->created);
		}
	}
	usleep(200000);
	assert_int_equal(write(go[1], "gg", 2), 2);
	int created = 0;
	for (int k = 0; k < 2; k++) {
		int st;
		waitpid(kids[k], &st, 0);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) >= 10);
		created += WEXITSTATUS(st) - 10;
	}
	close(go[0]);
	close(go[1]);
	assert_int_equal(created, 2);
	assert_int_equal(ifx_count(&fx, "visits"), 2);
}

/* Two officers import the same households file at the same moment (two
 * processes, both checked before either writes): every household and
 * person is stored once, neither import fails, and the reports' counts
 * of what each created add up to the file (it failed as a whole on the
 * household number before). */
static void test_same_households_from_two_processes(void **state)
{
	(void)state;
	write_households(NULL);
	long households = ifx_count(&fx, "households"), members = ifx_count(&fx, "members");
	int go[2], told[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(told), 0);
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		if ((kids[k] = fork()) == 0) {
			char c;
			struct import *im = load_other("baojia", "households");
			if (read(go[0], &c, 1) != 1)   /* both checked: now both write */
				_exit(3);
			struct jerr e = { 0 };
			int rc = import_commit(im, 0, &e);
			long same = import_counts(im)->same;
			const struct import_row *r = import_row(im, 0);
			if (same && (r->verdict != IMPORT_SAME || !strstr(r->note, "刚由其他导入写入")))
				_exit(4);
			if (write(told[1], &same, sizeof same) != sizeof same)
				_exit(5);
			_exit(rc != 0 ? 2 : 10 + (int)import_counts(im)->created);
		}
	}
	usleep(300000);
	assert_int_equal(write(go[1], "gg", 2), 2);
	int created = 0;
	long same = 0, s;
	for (int k = 0; k < 2; k++) {
		int st;
		waitpid(kids[k], &st, 0);
		assert_true(WIFEXITED(st));
		assert_true(WEXITSTATUS(st) >= 10);
		created += WEXITSTATUS(st) - 10;
		assert_int_equal(read(told[0], &s, sizeof s), sizeof s);
		same += s;
	}
	for (int k = 0; k < 2; k++) {
		close(go[k]);
		close(told[k]);
	}
	assert_int_equal(created, 4);
	assert_int_equal(same, 4);
	assert_int_equal(ifx_count(&fx, "households"), households + 2);
	assert_int_equal(ifx_count(&fx, "members"), members + 4);
}

/* A visit is a visit: a row with nothing in 走访情况 is rejected with the
 * save's own reason, and nothing is written for it. */
static void test_visit_rows_without_findings_rejected(void **state)
{
	(void)state;
	const char *text = "户编号,走访日期,走访情况\n"
	                   "5002431002010001,2026-05-03,\n"
	                   "5002431002010001,2026-05-04,\"  \"\n"
	                   "5002431002010001,2026-05-05," VISIT_NORMAL "\n";
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct import *im = load("baojia", "visits");
	expect(im, 2, IMPORT_REJECT, "请填写走访发现的情况");
	expect(im, 3, IMPORT_REJECT, "请填写走访发现的情况");
	expect(im, 4, IMPORT_NEW, "2026-05-05 的走访记录");
	commit_ok(im, 1);
	import_free(im);
	assert_int_equal(ifx_count(&fx, "visits"), 1);
}

static void test_a_write_refused_at_commit_rolls_back_everything(void **state)
{
	(void)state;
	write_households(NULL);
	struct import *im = load("baojia", "households");
	assert_int_equal(import_counts(im)->rejected, 0);
	/* meanwhile another officer registers the second household's number */
	struct session other;
	assert_int_equal(ifx_login(&fx, &other, "xian"), 0);
	struct household h;
	struct member m;
	struct jerr e = { 0 };
	household_init(&h);
	snprintf(h.hh_no, sizeof h.hh_no, "5002431002019002");
	h.village_id = fx.xintian;
	member_init(&m);
	snprintf(m.name, sizeof m.name, "抢先");
	ifx_id("19771111", 97, m.id_no);
	assert_int_equal(household_create(&other, &h, &m, &e), 0);
	char before[256], after[256];
	ifx_snapshot(&fx, before, sizeof before);
	assert_int_equal(import_commit(im, 0, &e), -1);
	assert_non_null(strstr(e.msg, "第5行保存失败：户编号 5002431002019002 已存在。整个文件都没有导入"));
	ifx_snapshot(&fx, after, sizeof after);
	assert_string_equal(before, after);
	assert_int_equal(import_commit(im, 0, &e), -1);
	assert_non_null(strstr(e.msg, "请重新读取文件"));
	import_free(im);
}

/* ---- mappings are configuration; the reader on its own ---- */

static void add_map(const char *name, const char *kind, const char *const *pairs)
{
	struct cfg_map *m = &fx.cfg.maps[fx.cfg.nmaps++];
	memset(m, 0, sizeof *m);
	snprintf(m->name, sizeof m->name, "%s", name);
	snprintf(m->kind, sizeof m->kind, "%s", kind);
	for (; pairs[0]; pairs += 2, m->ncols++) {
		snprintf(m->cols[m->ncols].header, sizeof m->cols[0].header, "%s", pairs[0]);
		snprintf(m->cols[m->ncols].field, sizeof m->cols[0].field, "%s", pairs[1]);
	}
}

static void test_a_new_layout_is_a_mapping_not_code(void **state)
{
	(void)state;
	static const char *const cols[] = { "证件号", "id_no", "名字", "name", "村居", "village",
		"情况说明", "reason", "报送单位", "department", NULL };
	add_map("minzheng", "leads", cols);
	char a[19], text[512];
	ifx_id("19880808", 95, a);
	snprintf(text, sizeof text, "报送单位,名字,证件号,村居,情况说明\n民政局,蒋新,%s,保家镇 新田村,低保边缘\n", a);
	assert_int_equal(ifx_write(file, text, strlen(text)), 0);
	struct session s;
	assert_int_equal(ifx_login(&fx, &s, "baojia"), 0);
	struct import_opts o = { .kind = "leads", .map = "minzheng" };
	struct jerr e = { 0 };
	struct import *im = import_load(&s, file, &o, &e);
	assert_non_null(im);
	assert_string_equal(import_map_name(im), "minzheng");
	expect(im, 2, IMPORT_NEW, "新线索");
	commit_ok(im, 0);
	import_free(im);
	assert_int_equal(store_int(fx.db, 0, "SELECT count(*) FROM lead_sources WHERE department = '民政'"
	                           " AND reason = '低保边缘'", ""), 1);
	static const char *const bad[] = { "户主", "head", NULL };
	add_map("bad", "leads", bad);
	o.map = "bad";
	assert_null(import_load(&s, file, &o, &e));
	assert_non_null(strstr(e.msg, "字段 head 不能用于 leads"));
}

static long progress_seen[4];
static void on_progress(void *arg, const char *what, long rows)
{
	(void)arg;
	if (!strcmp(what, "已检查") && rows / 10000 < 4)
		progress_seen[rows / 10000] = rows;
}

static void test_progress_every_ten_thousand_rows(void **state)
{
	(void)state;
	size_t cap = 30000 * 64, len = 0;
	char *text = malloc(cap);
	len += (size_t)snprintf(text, cap, "姓名,身份证号码,乡镇,村,预警原因\n");
	for (long i = 0; i < 25000; i++) {
		char id[19], birth[9];
		snprintf(birth, sizeof birth, "1950%02ld%02ld", 1 + i / 800 % 12, 1 + i / 32 % 25);
		ifx_id(birth, (int)(i % 32) * 2 + 1, id);
		len += (size_t)snprintf(text + len, cap - len, "某%ld,%s,保家镇,龙阳村,病\n", i, id);
	}
	assert_int_equal(ifx_write(file, text, len), 0);
	free(text);
	struct session s;
	assert_int_equal(ifx_login(&fx, &s, "baojia"), 0);
	struct import_opts o = { .kind = "leads", .department = "医保局", .on_progress = on_progress };
	struct jerr e = { 0 };
	memset(progress_seen, 0, sizeof progress_seen);
	struct import *im = import_load(&s, file, &o, &e);
	assert_non_null(im);
	assert_int_equal(import_counts(im)->rows, 25000);
	assert_int_equal(progress_seen[1], 10000);
	assert_int_equal(progress_seen[2], 25000);   /* 20000, then the last count */
	import_free(im);
}

struct rows { int n; long line[8]; char cell[8][64]; char problem[8][160]; };

static int any_header(void *arg, const char *cell) { (void)arg; return !strcmp(cell, "a") || !strcmp(cell, "b"); }
static int on_head(void *arg, long line, int n, char **cells) { (void)arg; (void)line; (void)n; (void)cells; return 0; }
static int on_cells(void *arg, long line, int n, char **cells, const char *problem,
                    const unsigned char *rounded)
{
	(void)rounded;
	struct rows *r = arg;
	if (r->n < 8) {
		r->line[r->n] = line;
		snprintf(r->cell[r->n], sizeof r->cell[0], "%s", n > 1 ? cells[1] : "");
		snprintf(r->problem[r->n], sizeof r->problem[0], "%s", problem ? problem : "");
		r->n++;
	}
	return 0;
}

static void test_reader_line_ends_quotes_and_utf16(void **state)
{
	(void)state;
	struct rows r = { 0 };
	struct csvread_opts o = { any_header, on_head, on_cells, &r };
	struct csvread_info info;
	struct jerr e = { 0 };
	const char *cr = "title\ra,b\r1,\"x\ry\"\r\r2,\u3000z\u3000\r";   /* old Mac: CR only */
	assert_int_equal(ifx_write(file, cr, strlen(cr)), 0);
	assert_int_equal(csvread_file(file, &o, &info, &e), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.line[0], 3);
	assert_string_equal(r.cell[0], "x\ry");
	assert_int_equal(r.line[1], 6);
	assert_string_equal(r.cell[1], "z");
	assert_int_equal(info.title_rows, 1);
	memset(&r, 0, sizeof r);
	const char *open = "a,b\n1,\"never closed\n2,3\n";
	assert_int_equal(ifx_write(file, open, strlen(open)), 0);
	assert_int_equal(csvread_file(file, &o, &info, &e), 0);
	assert_int_equal(r.n, 1);
	assert_non_null(strstr(r.problem[0], "从第2行开始的引号没有结束"));
	const char utf16[] = "\xFF\xFE" "a\0,\0b\0";
	assert_int_equal(ifx_write(file, utf16, sizeof utf16 - 1), 0);
	assert_int_equal(csvread_file(file, &o, &info, &e), -1);
	assert_non_null(strstr(e.msg, "UTF-16"));
	assert_int_equal(csvread_file("/nonexistent/x.csv", &o, &info, &e), -1);
	assert_non_null(strstr(e.msg, "无法打开文件"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_gbk_warning_list_is_triaged_row_by_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing_leaves_database_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fixing_the_file_of_a_refused_import_imports_every_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejected_files_never_overwrite_one_another, setup, teardown),
		cmocka_unit_test_setup_teardown(test_village_officer_imports_county_list_without_partial, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_differs_from_registered_holder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_report_does_not_say_created, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_imports_exactly_the_good_rows_and_twice_adds_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_county_officer_sees_whole_county, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quoted_comma_and_newline_keep_lines_right, setup, teardown),
		cmocka_unit_test_setup_teardown(test_future_and_bad_dates_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warning_rows_the_engine_would_refuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8_bom_households_with_fullwidth_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_bad_row_rejected_with_its_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_writes_good_rows_and_fixed_rejects_import_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_household_rules_checked_across_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_cut_inside_gbk_character_is_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_bytes_reported_with_line_never_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_required_column_lists_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_header_row_and_unknown_mapping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_village_officer_scope_and_people_without_village, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_person_twice_in_a_warning_list_merges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_members_of_one_household_make_one_lead, setup, teardown),
		cmocka_unit_test_setup_teardown(test_planned_write_is_the_same_as_checked_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lead_of_a_member_found_through_the_household, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visits_matched_by_household_day_and_findings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visit_with_number_and_id_of_two_households_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_visits_imported_by_two_officers_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_leads_imported_by_two_officers_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_person_given_a_lead_meanwhile_is_merged_not_doubled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_households_from_two_processes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_visits_from_two_processes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visit_rows_without_findings_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_write_refused_at_commit_rolls_back_everything, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_new_layout_is_a_mapping_not_code, setup, teardown),
		cmocka_unit_test_setup_teardown(test_progress_every_ten_thousand_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_line_ends_quotes_and_utf16, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
