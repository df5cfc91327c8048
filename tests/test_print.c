/* Printing (SPEC §8, issue 7): every document is generated from a pinned
 * database and read back with poppler-utils: the CJK font embedded as a
 * subset, titles, every expected household head and the page numbers;
 * notices without IDs, phones or health words; ledgers with masked IDs;
 * the header on every page of a long ledger; CSV; the print command.
 *
 * JIANCE_PRINT_PNG=DIR also renders page 1 of every document into DIR;
 * JIANCE_PRINT_BENCH=1 times a 5,000-household ledger. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "print/print.h"
#include "print_fixture.h"
#include "store/store.h"

static struct print_fixture F;
static char dir[64];

/* ---- helpers ---- */

static char *run_cmd(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *run_cmd(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += r;
		if (cap - n < 4096)
			buf = realloc(buf, cap *= 2);
	}
	buf[n] = 0;
	pclose(p);
	return buf;
}

/* pdftotext, with every kind of white space removed: a name wrapped in its
 * cell still reads as one word */
static char *squeezed(const char *text)
{
	char *out = malloc(strlen(text) + 1), *o = out;
	for (const char *p = text; *p; p++)
		if (*p != ' ' && *p != '\n' && *p != '\f' && *p != '\t' && *p != '\r')
			*o++ = *p;
	*o = 0;
	return out;
}

static int matches(const char *text, const char *re)
{
	regex_t rx;
	assert_int_equal(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0);
	int hit = regexec(&rx, text, 0, NULL, 0) == 0;
	regfree(&rx);
	return hit;
}

static void make(struct session *s, enum print_kind k, int64_t area, const char *from,
                 const char *to, const char *name, char *path, int *pages)
{
	struct print_opts o = { k, area, from ? date_iso(from) : JDAY_NONE, to ? date_iso(to) : JDAY_NONE };
	struct jerr e = { 0 };
	struct print_job *j = print_prepare(s, &o, &e);
	if (!j)
		fail_msg("print_prepare: %s", e.msg);
	snprintf(path, 256, "%s/%s.pdf", dir, name);
	unlink(path);
	if (print_save(j, path, NULL, 0, &e) != 0)
		fail_msg("print_save: %s", e.msg);
	*pages = print_pages(j);
	print_free(j);
	const char *png = getenv("JIANCE_PRINT_PNG");
	if (png && *png)
		free(run_cmd("pdftoppm -png -r 60 -f 1 -l 1 '%s' '%s/%s'", path, png, name));
}

static void assert_fonts(const char *path)
{
	char *out = run_cmd("pdffonts '%s'", path);
	assert_non_null(strstr(out, "NotoSansCJKsc"));
	/* every font line (after the two header lines) embedded and subset */
	char *line = strchr(strchr(out, '\n') + 1, '\n') + 1;
	int fonts = 0;
	for (char *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = 0;
		assert_true(matches(line, "yes +yes +yes"));
		fonts++;
	}
	assert_true(fonts >= 1);
	free(out);
}

static char *text_of(const char *path) { return run_cmd("pdftotext -enc UTF-8 '%s' -", path); }

/* "第 1 页 共 N 页": pdftotext drops the narrow spaces of the CJK font */
static void assert_pages(const char *text, int pages)
{
	char want[64], *sq = squeezed(text);
	snprintf(want, sizeof want, "第1页共%d页", pages);
	assert_non_null(strstr(sq, want));
	free(sq);
}

/* No ID number, no 11-digit phone, no health word. */
static void assert_public(const char *text)
{
	assert_false(matches(text, "(^|[^0-9])[0-9]{17}[0-9X]([^0-9]|$)"));
	assert_false(matches(text, "(^|[^0-9])[0-9]{11}([^0-9]|$)"));
	assert_false(matches(text, "\\*{4}"));
	assert_null(strstr(text, "长期慢性病"));
	assert_null(strstr(text, "患有大病"));
	assert_null(strstr(text, "残疾"));
}

/* Every head the query names appears; returns how many. */
static int assert_heads(const char *text, const char *sql, int64_t v1, int64_t v2)
{
	char *sq = squeezed(text);
	struct stmt *st = store_prepd(F.db, sql);
	assert_non_null(st);
	stmt_bind_int(st, 1, v1);
	stmt_bind_int(st, 2, v2);
	int n = 0;
	while (stmt_step(st) == 1) {
		if (!strstr(sq, stmt_text(st, 0)))
			fail_msg("户主“%s”不在文档中", stmt_text(st, 0));
		n++;
	}
	stmt_done(st);
	free(sq);
	return n;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/jiance-print-test-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return pf_open(&F, 60, 0);
}

static int teardown(void **state)
{
	(void)state;
	pf_close(&F);
	free(run_cmd("rm -rf '%s'", dir));
	print_shutdown();
	return 0;
}

/* ---- the notices ---- */

static void test_identification_notice(void **state)
{
	(void)state;
	char path[256];
	int pages;
	make(&F.village_s, PRINT_ID_NOTICE, 0, NULL, NULL, "id-notice", path, &pages);
	assert_fonts(path);
	char *t = text_of(path), *sq = squeezed(t);
	/* three earlier postings this year in 龙阳村 make this the fourth batch */
	assert_non_null(strstr(sq, "龙阳村2026年第四批拟纳入监测对象公示"));
	assert_pages(t, pages);
	int n = assert_heads(t, "SELECT h.head_name FROM households h JOIN flow_runs r ON r.household_id = h.id"
	                        " JOIN postings p ON p.run_id = r.id WHERE r.kind = '识别纳入' AND r.state = '进行中'"
	                        " AND r.step = 3 AND h.village_id = ?1 AND ?2 = 0", F.longyang, 0);
	assert_true(n >= 3);
	char line[64];
	snprintf(line, sizeof line, "%d元", config_line(&F.cfg, 2026));
	assert_non_null(strstr(sq, line));                          /* the monitoring line */
	assert_non_null(strstr(sq, "公示时间：2026年5月18日至2026年5月24日"));
	assert_non_null(strstr(sq, "023-78441234"));                /* supervision phones */
	assert_non_null(strstr(sq, "12317"));
	assert_non_null(strstr(sq, "龙阳村村民委员会"));
	assert_non_null(strstr(sq, "村民小组户主姓名家庭人口监测对象类型"));
	assert_public(t);
	free(sq);
	free(t);
}

static void test_elimination_notice_per_village(void **state)
{
	(void)state;
	char path[256];
	int pages;
	make(&F.township_s, PRINT_ELIM_NOTICE, 0, NULL, NULL, "elim-notice", path, &pages);
	assert_fonts(path);
	char *t = text_of(path), *sq = squeezed(t);
	assert_non_null(strstr(sq, "龙阳村2026年第"));
	assert_non_null(strstr(sq, "石板村2026年第"));
	assert_non_null(strstr(sq, "批拟标注风险消除监测对象公示"));
	assert_null(strstr(sq, "中井社区"));                        /* another township */
	assert_non_null(strstr(sq, "石板村村民委员会"));
	assert_non_null(strstr(sq, "风险消除方式"));
	/* each village's notice numbers its own pages */
	assert_true(pages >= 2);
	assert_pages(t, 1);
	assert_heads(t, "SELECT h.head_name FROM households h JOIN flow_runs r ON r.household_id = h.id"
	                " WHERE r.kind = '风险消除' AND r.state = '进行中' AND h.township_id = ?1 AND ?2 = 0",
	             F.baojia, 0);
	assert_public(t);
	free(sq);
	free(t);
}

static void test_county_announcement(void **state)
{
	(void)state;
	char path[256];
	int pages;
	make(&F.county_s, PRINT_ANNOUNCEMENT, 0, NULL, NULL, "announcement", path, &pages);
	assert_fonts(path);
	char *t = text_of(path), *sq = squeezed(t);
	assert_non_null(strstr(sq, "保家镇关于龙阳村防止返贫监测对象审定结果的公告"));
	assert_non_null(strstr(sq, "郁山镇关于中井社区防止返贫监测对象审定结果的公告"));
	assert_non_null(strstr(sq, "保家镇人民政府"));
	assert_non_null(strstr(sq, "纳入监测对象"));
	assert_non_null(strstr(sq, "标注风险消除"));
	assert_pages(t, 1);
	assert_heads(t, "SELECT h.head_name FROM households h JOIN flow_runs r ON r.household_id = h.id"
	                " JOIN flow_steps s ON s.run_id = r.id WHERE s.step = 5 AND s.outcome = '通过'"
	                " AND s.done_on BETWEEN '2026-04-20' AND '2026-05-20' AND ?1 = ?2", 0, 0);
	assert_public(t);
	free(sq);
	free(t);
}

static void test_notice_for_a_past_period(void **state)
{
	(void)state;
	char path[256];
	int pages;
	/* the batch posted in February, reprinted */
	make(&F.village_s, PRINT_ID_NOTICE, 0, "2026-02-01", "2026-02-28", "id-notice-feb", path, &pages);
	char *t = text_of(path), *sq = squeezed(t);
	assert_non_null(strstr(sq, "龙阳村2026年第一批拟纳入监测对象公示"));
	assert_public(t);
	free(sq);
	free(t);
}

/* ---- the ledgers ---- */

static const char MONITORED_HEADS[] = "SELECT head_name FROM households WHERE status IN"
	" ('监测中','消除中','风险已消除') AND (?1 = 0 OR village_id = ?1) AND ?2 = 0";

static void test_ledger_masks_ids(void **state)
{
	(void)state;
	char path[256];
	int pages;
	make(&F.county_s, PRINT_LEDGER, 0, NULL, NULL, "ledger", path, &pages);
	assert_fonts(path);
	char *t = text_of(path), *sq = squeezed(t);
	assert_non_null(strstr(sq, "彭水苗族土家族自治县监测户台账"));
	assert_pages(t, pages);
	assert_true(matches(t, "500243\\*{8}[0-9]{3}[0-9X]"));
	assert_false(matches(t, "(^|[^0-9])[0-9]{17}[0-9X]([^0-9]|$)"));
	assert_non_null(strstr(sq, "身份证号码只显示前6位和后4位"));
	assert_heads(t, MONITORED_HEADS, 0, 0);
	free(sq);
	free(t);
}

static void test_ledger_full_ids_when_configured(void **state)
{
	(void)state;
	struct config saved = F.cfg;
	F.cfg.full_id_roles[F.cfg.nfull_id_roles++] = ROLE_COUNTY;
	char path[256];
	int pages;
	make(&F.county_s, PRINT_LEDGER, F.zhongjing, NULL, NULL, "ledger-full", path, &pages);
	F.cfg = saved;
	char *t = text_of(path);
	assert_true(matches(t, "500243[0-9]{11}[0-9X]"));
	assert_null(strstr(t, "********"));
	free(t);
}

/* A village officer's ledger holds their village and nothing else. */
static void test_ledger_scope(void **state)
{
	(void)state;
	char path[256];
	int pages;
	make(&F.village_s, PRINT_LEDGER, 0, NULL, NULL, "ledger-village", path, &pages);
	char *t = text_of(path);
	struct stmt *st = store_prepd(F.db, "SELECT hh_no, village_id FROM households"
	                              " WHERE status IN ('监测中','消除中','风险已消除')");
	int own = 0;
	while (stmt_step(st) == 1) {
		int shown = strstr(t, stmt_text(st, 0)) != NULL;
		int mine = stmt_int(st, 1) == F.longyang;
		assert_int_equal(shown, mine);
		own += mine;
	}
	stmt_done(st);
	assert_true(own > 0);
	char *sq = squeezed(t);
	assert_non_null(strstr(sq, "保家镇龙阳村监测户台账"));
	free(sq);
	free(t);
}

static void test_measures_ledger(void **state)
{
	(void)state;
	char path[256];
	int pages;
	make(&F.township_s, PRINT_MEASURES, 0, NULL, NULL, "measures", path, &pages);
	assert_fonts(path);
	char *t = text_of(path), *sq = squeezed(t);
	assert_non_null(strstr(sq, "保家镇帮扶措施台账"));
	assert_non_null(strstr(sq, "发展中蜂养殖20箱"));
	assert_pages(t, pages);
	assert_heads(t, "SELECT DISTINCT h.head_name FROM households h JOIN measures x ON x.household_id = h.id"
	                " WHERE h.township_id = ?1 AND ?2 = 0", F.baojia, 0);
	free(sq);
	free(t);
}

static void test_visit_forms(void **state)
{
	(void)state;
	char path[256];
	int pages;
	make(&F.village_s, PRINT_VISIT_FORMS, 0, NULL, NULL, "visit-forms", path, &pages);
	assert_fonts(path);
	int forms = (int)store_int(F.db, 0, "SELECT count(*) FROM households WHERE village_id = ?"
	                           " AND status IN ('监测中','消除中')", "l", F.longyang);
	assert_true(pages >= forms);
	char *t = text_of(path), *sq = squeezed(t);
	assert_pages(t, pages);
	assert_heads(t, "SELECT head_name FROM households WHERE village_id = ?1 AND ?2 = 0"
	                " AND status IN ('监测中','消除中')", F.longyang, 0);
	assert_non_null(strstr(sq, "防止返贫监测对象入户走访记录表"));
	assert_non_null(strstr(sq, "走访人签字"));
	assert_false(matches(t, "(^|[^0-9])[0-9]{17}[0-9X]([^0-9]|$)"));   /* IDs masked here too */
	free(sq);
	free(t);
}

static void test_summary(void **state)
{
	(void)state;
	char path[256];
	int pages;
	make(&F.county_s, PRINT_SUMMARY, 0, NULL, NULL, "summary", path, &pages);
	assert_fonts(path);
	char *t = text_of(path), *sq = squeezed(t);
	assert_non_null(strstr(sq, "彭水苗族土家族自治县防止返贫监测帮扶情况汇总"));
	assert_non_null(strstr(sq, "龙阳村"));
	assert_non_null(strstr(sq, "石板村"));
	assert_non_null(strstr(sq, "中井社区"));
	assert_non_null(strstr(sq, "识别纳入和标注风险消除户数（按月）"));
	assert_non_null(strstr(sq, "2025-06"));       /* twelve months back from 2026-05 */
	assert_non_null(strstr(sq, "2026-05"));
	char total[64];
	snprintf(total, sizeof total, "共有监测对象%lld户",
	         (long long)store_int(F.db, 0, "SELECT count(*) FROM households WHERE status IN"
	                              " ('监测中','消除中','风险已消除')", ""));
	assert_non_null(strstr(sq, total));
	assert_pages(t, pages);
	free(sq);
	free(t);
}

/* The header row is repeated on every page of a 300-household ledger. */
static void test_long_ledger_repeats_header(void **state)
{
	(void)state;
	pf_close(&F);
	assert_int_equal(pf_open(&F, 300, 1), 0);
	char path[256];
	int pages;
	make(&F.county_s, PRINT_LEDGER, 0, NULL, NULL, "ledger-300", path, &pages);
	assert_true(pages >= 5);
	char *t = text_of(path);
	assert_int_equal(assert_heads(t, MONITORED_HEADS, 0, 0), 300);
	int page = 0;
	for (char *p = t, *ff; p && *p; p = ff ? ff + 1 : NULL) {
		ff = strchr(p, '\f');
		if (ff)
			*ff = 0;
		if (!*p)
			continue;
		char *sq = squeezed(p), want[64];
		page++;
		assert_non_null(strstr(sq, "户主身份证号码"));
		assert_non_null(strstr(sq, "返贫致贫风险类型"));
		snprintf(want, sizeof want, "第%d页共%d页", page, pages);
		assert_non_null(strstr(sq, want));
		free(sq);
	}
	assert_int_equal(page, pages);
	free(t);
	pf_close(&F);
	assert_int_equal(pf_open(&F, 60, 0), 0);
}

/* ---- CSV, saving, sending, refusals ---- */

static char *csv_of(struct session *s, enum print_kind k, long *rows)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	struct print_opts o = { k, 0, JDAY_NONE, JDAY_NONE };
	struct jerr e = { 0 };
	*rows = print_csv(s, &o, f, &e);
	fclose(f);
	if (*rows < 0)
		fail_msg("print_csv: %s", e.msg);
	return buf;
}

static int lines_of(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_csv_is_the_same_table(void **state)
{
	(void)state;
	long rows;
	char *csv = csv_of(&F.county_s, PRINT_LEDGER, &rows);
	assert_true(rows > 0);
	assert_int_equal(rows, store_int(F.db, 0, "SELECT count(*) FROM households WHERE status IN"
	                                 " ('监测中','消除中','风险已消除')", ""));
	assert_int_equal(lines_of(csv), rows + 1);
	assert_non_null(strstr(csv, "\"户编号\",\"户主姓名\",\"户主身份证号码\",\"乡镇\",\"村（社区）\",\"村民小组\""));
	assert_true(matches(csv, "500243\\*{8}[0-9]{3}[0-9X]"));
	free(csv);
	csv = csv_of(&F.village_s, PRINT_ID_NOTICE, &rows);
	assert_non_null(strstr(csv, "\"村（社区）\",\"序号\",\"村民小组\",\"户主姓名\",\"家庭人口\",\"监测对象类型\""));
	assert_int_equal(lines_of(csv), rows + 1);
	assert_public(csv);
	free(csv);
	for (int k = 0; k < PRINT_KIND_COUNT; k++) {
		csv = csv_of(&F.county_s, (enum print_kind)k, &rows);
		assert_true(lines_of(csv) >= 2);
		free(csv);
	}
}

static void test_never_overwrites(void **state)
{
	(void)state;
	struct print_opts o = { PRINT_SUMMARY, 0, JDAY_NONE, JDAY_NONE };
	struct jerr e = { 0 };
	struct print_job *j = print_prepare(&F.township_s, &o, &e);
	assert_non_null(j);
	char path[256], saved[256], cwd[512];
	snprintf(path, sizeof path, "%s/exists.pdf", dir);
	FILE *f = fopen(path, "w");
	fputs("keep me", f);
	fclose(f);
	assert_int_equal(print_save(j, path, saved, sizeof saved, &e), -1);
	assert_non_null(strstr(e.msg, "已存在"));
	char *kept = run_cmd("cat '%s'", path);
	assert_string_equal(kept, "keep me");
	free(kept);
	/* without a path: the document's own name, then -2 */
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(print_save(j, NULL, saved, sizeof saved, &e), 0);
	assert_string_equal(saved, "保家镇防止返贫监测帮扶情况汇总_2026-05-20.pdf");
	assert_int_equal(print_save(j, NULL, saved, sizeof saved, &e), 0);
	assert_string_equal(saved, "保家镇防止返贫监测帮扶情况汇总_2026-05-20-2.pdf");
	assert_int_equal(chdir(cwd), 0);
	print_free(j);
}

static void test_print_command_words(void **state)
{
	(void)state;
	char buf[512], *argv[16];
	struct jerr e = { 0 };
	int n = print_command_argv("lp -d {printer} -o 'fit-to-page' {file}", "办公室 打印机",
	                           "/tmp/a b;rm -rf x.pdf", argv, 16, buf, sizeof buf, &e);
	assert_int_equal(n, 6);
	assert_string_equal(argv[2], "办公室 打印机");    /* one word, whatever it holds */
	assert_string_equal(argv[4], "fit-to-page");
	assert_string_equal(argv[5], "/tmp/a b;rm -rf x.pdf");
	assert_null(argv[6]);
	n = print_command_argv("lp -d office", "", "/tmp/x.pdf", argv, 16, buf, sizeof buf, &e);
	assert_int_equal(n, 4);
	assert_string_equal(argv[3], "/tmp/x.pdf");         /* no {file}: the file goes last */
	assert_int_equal(print_command_argv("lp -d {printer}", "", "f", argv, 16, buf, sizeof buf, &e), -1);
	assert_non_null(strstr(e.msg, "--printer"));
	assert_int_equal(print_command_argv("lp 'open", "p", "f", argv, 16, buf, sizeof buf, &e), -1);
}

static void test_send_to_print_command(void **state)
{
	(void)state;
	struct config saved = F.cfg;
	snprintf(F.cfg.print_command, sizeof F.cfg.print_command, "cp {file} '%s/{printer}.pdf'", dir);
	snprintf(F.cfg.printer, sizeof F.cfg.printer, "office");
	struct print_opts o = { PRINT_LEDGER, F.longyang, JDAY_NONE, JDAY_NONE };
	struct jerr e = { 0 };
	struct print_job *j = print_prepare(&F.village_s, &o, &e);
	assert_non_null(j);
	char said[256], path[256];
	assert_int_equal(print_send(j, "二楼 打印机", NULL, said, sizeof said, &e), 0);
	snprintf(path, sizeof path, "%s/二楼 打印机.pdf", dir);
	char *t = text_of(path), *sq = squeezed(t);
	assert_non_null(strstr(sq, "监测户台账"));
	free(sq);
	free(t);
	snprintf(F.cfg.print_command, sizeof F.cfg.print_command, "false");
	assert_int_equal(print_send(j, NULL, NULL, said, sizeof said, &e), -1);
	assert_non_null(strstr(e.msg, "退出码 1"));
	snprintf(F.cfg.print_command, sizeof F.cfg.print_command, "/nonexistent/lp");
	assert_int_equal(print_send(j, NULL, NULL, said, sizeof said, &e), -1);
	assert_non_null(strstr(e.msg, "无法运行"));
	F.cfg = saved;
	assert_int_equal(print_send(j, NULL, NULL, said, sizeof said, &e), -1);   /* none configured */
	print_free(j);
}

static void test_refusals(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t id;
	assert_int_equal(print_find_area(&F.village_s, "石板村", &id, &e), -1);
	assert_non_null(strstr(e.msg, "不在您的辖区"));
	assert_int_equal(print_find_area(&F.county_s, "保家镇龙阳村", &id, &e), 0);
	assert_int_equal(id, F.longyang);
	assert_int_equal(print_find_area(&F.county_s, "郁山镇", &id, &e), 0);
	assert_int_equal(id, F.yushan);
	struct print_opts o = { PRINT_ID_NOTICE, 0, date_iso("2020-01-01"), date_iso("2020-01-31") };
	assert_null(print_prepare(&F.county_s, &o, &e));
	assert_non_null(strstr(e.msg, "没有"));
	o = (struct print_opts){ PRINT_LEDGER, 0, date_iso("2026-01-01"), JDAY_NONE };
	assert_null(print_prepare(&F.county_s, &o, &e));
	assert_non_null(strstr(e.msg, "不按期间"));
	o = (struct print_opts){ PRINT_SUMMARY, 0, date_iso("2026-05-01"), date_iso("2026-01-01") };
	assert_null(print_prepare(&F.county_s, &o, &e));
	assert_non_null(strstr(e.msg, "晚于"));
	o = (struct print_opts){ PRINT_LEDGER, F.shiban, JDAY_NONE, JDAY_NONE };
	assert_null(print_prepare(&F.village_s, &o, &e));
	assert_non_null(strstr(e.msg, "辖区"));
}

static void test_kind_names(void **state)
{
	(void)state;
	for (int k = 0; k < PRINT_KIND_COUNT; k++) {
		const struct print_kind_info *i = print_kind_info((enum print_kind)k);
		assert_int_equal(print_kind_find(i->name), k);
		assert_int_equal(print_kind_find(i->zh), k);
		assert_int_equal(print_kind_find(i->title), k);
	}
	assert_int_equal(print_kind_find("识别公示"), PRINT_ID_NOTICE);
	assert_int_equal(print_kind_find("ledger"), PRINT_LEDGER);
	assert_int_equal(print_kind_find("no-such"), -1);
}

/* ---- the command ---- */

static void test_command_line(void **state)
{
	(void)state;
	const char *bin = getenv("JIANCE_BIN");
	if (!bin || access(bin, X_OK) != 0) {
		skip();
		return;
	}
	char *help = run_cmd("'%s' print --help 2>&1", bin);
	assert_non_null(strstr(help, "identification-notice"));
	assert_non_null(strstr(help, "走访记录表"));
	free(help);
	char *out = run_cmd("cd '%s' && JIANCE_TODAY=%s '%s' --db '%s' --as pf_township print 台账"
	                    " --village 龙阳村 2>&1", dir, PF_TODAY, bin, F.path);
	assert_non_null(strstr(out, "保家镇龙阳村监测户台账_2026-05-20.pdf"));
	free(out);
	out = run_cmd("JIANCE_TODAY=%s '%s' --db '%s' --as pf_county print elimination-notice"
	              " --format csv 2>&1", PF_TODAY, bin, F.path);
	assert_non_null(strstr(out, "风险消除方式"));
	assert_public(out);
	free(out);
	out = run_cmd("'%s' --db '%s' --as pf_village print ledger --village 石板村 2>&1; echo rc=$?", bin, F.path);
	assert_non_null(strstr(out, "不在您的辖区"));
	assert_non_null(strstr(out, "rc=1"));
	free(out);
}

/* JIANCE_PRINT_BENCH=1: the done-when of issue 7 (under 3 s, under 2 MB). */
static void test_bench_5000(void **state)
{
	(void)state;
	if (!getenv("JIANCE_PRINT_BENCH")) {
		skip();
		return;
	}
	pf_close(&F);
	assert_int_equal(pf_open(&F, 5000, 1), 0);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	char path[256];
	int pages;
	make(&F.county_s, PRINT_LEDGER, 0, NULL, NULL, "ledger-5000", path, &pages);
	clock_gettime(CLOCK_MONOTONIC, &b);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("5,000-household ledger: %d pages, %.2f s, %.2f MB\n", pages, secs,
	       (double)st.st_size / 1048576.0);
	assert_true(st.st_size < 2 * 1048576);
	pf_close(&F);
	assert_int_equal(pf_open(&F, 60, 0), 0);
}

/* The name of the monitored object comes from the configuration (names.
 * object, names.object_title): the documents of 2026 say 防止返贫致贫对象. */
static void test_notices_speak_the_configured_name(void **state)
{
	(void)state;
	char path[256];
	int pages;
	struct config saved = F.cfg;
	snprintf(F.cfg.object_name, sizeof F.cfg.object_name, "防止返贫致贫对象");
	snprintf(F.cfg.object_title, sizeof F.cfg.object_title, "防止返贫致贫对象");
	make(&F.village_s, PRINT_ID_NOTICE, 0, "2026-02-01", "2026-02-28", "id-notice-2026", path, &pages);
	char *t = text_of(path), *sq = squeezed(t);
	assert_non_null(strstr(sq, "龙阳村2026年第一批拟纳入防止返贫致贫对象公示"));
	assert_non_null(strstr(sq, "按程序识别纳入防止返贫致贫对象"));
	assert_non_null(strstr(sq, "防止返贫致贫对象类型"));         /* the table's column */
	assert_null(strstr(sq, "监测对象公示"));
	free(sq);
	free(t);
	make(&F.county_s, PRINT_ANNOUNCEMENT, 0, NULL, NULL, "announcement-2026", path, &pages);
	t = text_of(path), sq = squeezed(t);
	assert_non_null(strstr(sq, "保家镇关于龙阳村防止返贫致贫对象审定结果的公告"));
	assert_non_null(strstr(sq, "纳入防止返贫致贫对象"));
	free(sq);
	free(t);
	F.cfg = saved;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_identification_notice),
		cmocka_unit_test(test_elimination_notice_per_village),
		cmocka_unit_test(test_county_announcement),
		cmocka_unit_test(test_notice_for_a_past_period),
		cmocka_unit_test(test_notices_speak_the_configured_name),
		cmocka_unit_test(test_ledger_masks_ids),
		cmocka_unit_test(test_ledger_full_ids_when_configured),
		cmocka_unit_test(test_ledger_scope),
		cmocka_unit_test(test_measures_ledger),
		cmocka_unit_test(test_visit_forms),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_long_ledger_repeats_header),
		cmocka_unit_test(test_csv_is_the_same_table),
		cmocka_unit_test(test_never_overwrites),
		cmocka_unit_test(test_print_command_words),
		cmocka_unit_test(test_send_to_print_command),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_command_line),
		cmocka_unit_test(test_bench_5000),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
