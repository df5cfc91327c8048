/* End-to-end tests of the import and print screens: the real binary on a
 * pty at 80x24 over a small demo database made here, driven from the home
 * menu with keys as a terminal encodes them.  The import reads a GBK
 * warning list with one bad row; the print screen lays out a village's
 * ledger and saves it as a PDF that pdftotext reads back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import_fixture.h"
#include "pty.h"

#define WAIT_MS 20000     /* generous: ASan builds laying out a PDF under load */
#define TODAY "2026-06-15"

#define EXPECT(p, cond) \
	do { \
		if (!(cond)) { \
			pty_dump(p); \
			fail_msg("%s", #cond); \
		} \
	} while (0)

static char dir[64];       /* the test's own directory, also the console's cwd */
static char db[128];

/* Output of a shell command, as one string (the caller frees). */
static char *run(const char *cmd)
{
	FILE *in = popen(cmd, "r");
	if (!in)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	size_t n;
	while (out && (n = fread(out + len, 1, cap - 1 - len, in)) > 0) {
		len += n;
		if (len + 1 >= cap) {
			char *bigger = realloc(out, cap *= 2);
			if (!bigger)
				break;
			out = bigger;
		}
	}
	pclose(in);
	if (out)
		out[len] = 0;
	return out;
}

static int setup(void **state)
{
	(void)state;
	const char *bin = getenv("JIANCE_BIN");
	char cmd[512];
	snprintf(dir, sizeof dir, "/tmp/jiance-io-XXXXXX");
	if (!bin || !*bin || !mkdtemp(dir) || chdir(dir) != 0)
		return -1;
	snprintf(db, sizeof db, "%s/demo.db", dir);
	/* the console children and the commands below all see the same day */
	setenv("JIANCE_TODAY", TODAY, 1);
	snprintf(cmd, sizeof cmd, "'%s' --db '%s' demo --households 300 --seed 7 >/dev/null 2>&1",
	         bin, db);
	return system(cmd) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	if (chdir("/") != 0)
		return -1;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The console as the township officer of 保家镇, on its first screen,
 * with one more environment variable (or NULL). */
static struct pty *start_env(const char *login, const char *config, const char *more)
{
	char *argv[8];
	int n = 0;
	argv[n++] = getenv("JIANCE_BIN");
	if (config) {
		argv[n++] = "-c";
		argv[n++] = (char *)config;
	}
	argv[n++] = "--db";
	argv[n++] = db;
	argv[n++] = "--as";
	argv[n++] = (char *)login;
	argv[n] = NULL;
	char env[] = "JIANCE_TODAY=" TODAY;
	char *envv[] = { env, (char *)more, NULL };
	struct pty *p = pty_start(24, 80, argv, envv);
	assert_non_null(p);
	/* keys sent before the program is in raw/keypad mode arrive mangled;
	 * the key line is drawn after the title, so row 0 is final then */
	EXPECT(p, pty_wait_row(p, 23, "F1帮助", WAIT_MS));
	/* village and township officers start on their to-do queue, above
	 * the home menu: one step back */
	if (pty_wait_row(p, 0, "待办事项", 0)) {
		pty_send_key(p, VTERM_KEY_ESCAPE);
		EXPECT(p, pty_wait_row(p, 0, "主菜单", WAIT_MS));
	}
	return p;
}

static struct pty *start(const char *login, const char *config)
{
	return start_env(login, config, NULL);
}

/* Opens a home menu entry by the key printed before its label ("i  导入"). */
static void open_home(struct pty *p, const char *label, const char *arrived)
{
	char row[1024], key[16] = "";
	EXPECT(p, pty_wait_text(p, label, WAIT_MS));
	int r = pty_row_of(p, label);
	pty_row(p, r, row, sizeof row);
	char *at = strstr(row, label), *end = at;
	while (end > row && end[-1] == ' ')
		end--;
	char *begin = end;
	while (begin > row && begin[-1] != ' ')
		begin--;
	snprintf(key, sizeof key, "%.*s", (int)(end - begin), begin);
	EXPECT(p, strlen(key) == 1);
	pty_send_text(p, key);
	EXPECT(p, pty_wait_text(p, arrived, WAIT_MS));
}

static void quit(struct pty *p)
{
	pty_send_key(p, VTERM_KEY_FUNCTION(10));
	EXPECT(p, pty_wait_text(p, "退出监测系统", WAIT_MS));
	pty_send_text(p, "y");
	assert_int_equal(pty_finish(p), 0);
}

/* --- import ---------------------------------------------------------------- */

/* A department's list as Excel on Chinese Windows saves it: GBK, CRLF, a
 * title row above the header; line 5 has a 17-character ID. */
static void write_warning_list(const char *path)
{
	char a[19], b[19], c[19], text[2048];
	ifx_id("19650312", 41, a);
	ifx_id("19800101", 51, b);
	ifx_id("19721103", 62, c);
	snprintf(text, sizeof text,
		"医保局参保预警名单（2026年5月）\r\n"
		"序号,姓名,身份证号码,所属乡镇,所属村(社区),预警原因,预警日期\r\n"
		"1,杨秀梅,%s,保家镇,龙阳村,大病自付费用较高,2026-05-10\r\n"
		"2,冉光明,%s,保家镇,龙阳村,未参加基本医疗保险,2026-05-11\r\n"
		"3,何小军,50024319900101003,保家镇,龙阳村,大病自付费用较高,2026-05-12\r\n"
		"4,田玉兰,%s,保家镇,龙阳村,慢性病长期用药,2026-05-13\r\n", a, b, c);
	assert_int_equal(ifx_write_gbk(path, text), 0);
}

/* How often each name is in the officer's leads (jiance export leads). */
static int leads_named(const char *name)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "'%s' --db '%s' --as t101 export leads --format csv",
	         getenv("JIANCE_BIN"), db);
	char *out = run(cmd);
	assert_non_null(out);
	int n = 0;
	for (const char *s = out; (s = strstr(s, name)) != NULL; s += strlen(name))
		n++;
	free(out);
	return n;
}

/* From the home menu to a report of warn.csv, the path typed with Tab. */
static void check_file(struct pty *p)
{
	char typed[128];
	open_home(p, "导入", "列映射");
	/* the mapping by its Chinese title, not its name in the file (warning) */
	EXPECT(p, pty_wait_row(p, pty_row_of(p, "列映射"), "部门预警名单", WAIT_MS));
	EXPECT(p, pty_row_of(p, "warning") < 0);
	pty_send_ctrl(p, 'u');
	snprintf(typed, sizeof typed, "%s/warn.c", dir);   /* warn.rejected.csv is there too */
	pty_send_text(p, typed);
	pty_send_key(p, VTERM_KEY_TAB);
	EXPECT(p, pty_wait_text(p, "warn.csv", WAIT_MS));
	/* the department by its pinyin initials: 医保 from yb */
	for (int i = 0; i < 4; i++)
		pty_send_key(p, VTERM_KEY_DOWN);
	pty_send_text(p, "yb");
	EXPECT(p, pty_wait_text(p, "医保", WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_text(p, "导入报告", WAIT_MS));
	EXPECT(p, pty_wait_row(p, 23, "g只导通过的", WAIT_MS));
}

static void test_import_report_and_partial(void **state)
{
	(void)state;
	char path[128], row[1024];
	snprintf(path, sizeof path, "%s/warn.csv", dir);
	write_warning_list(path);
	struct pty *p = start("t101", NULL);
	check_file(p);
	EXPECT(p, pty_row_of(p, "新增 3") >= 0 && pty_row_of(p, "未通过 1") >= 0);
	/* the bad row: its line number, verdict and reason */
	int r = pty_row_of(p, "何小军");
	EXPECT(p, r >= 0);
	pty_row(p, r, row, sizeof row);
	EXPECT(p, strstr(row, "    5 未通过") && strstr(row, "身份证号码应为18位"));
	/* the whole reason, which the row cuts, under the list once the row is
	 * selected; Enter shows it in a box too */
	for (int i = 0; i < 2; i++)
		pty_send_key(p, VTERM_KEY_DOWN);
	EXPECT(p, pty_wait_text(p, "说明（第 3 行）", WAIT_MS));
	EXPECT(p, pty_wait_text(p, "身份证号码应为18位，现为17位", WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_row(p, 23, "Enter确定", WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_row(p, 23, "g只导通过的", WAIT_MS));
	/* all or nothing is refused while a row is bad: nothing written */
	pty_send_text(p, "a");
	EXPECT(p, pty_wait_text(p, "不能全部导入", WAIT_MS));
	assert_int_equal(leads_named("杨秀梅"), 0);
	/* the good rows only, after a confirm naming what is skipped */
	pty_send_text(p, "g");
	EXPECT(p, pty_wait_text(p, "跳过未通过的 1 行", WAIT_MS));
	pty_send_text(p, "y");
	EXPECT(p, pty_wait_text(p, "已导入：新增 3", WAIT_MS));
	/* the rejected row, written out to fix and import again */
	pty_send_text(p, "w");
	EXPECT(p, pty_wait_text(p, "已把未通过检查的 1 行写入", WAIT_MS));
	EXPECT(p, pty_wait_text(p, "warn.rejected.csv", WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	quit(p);
	assert_int_equal(leads_named("杨秀梅"), 1);
	assert_int_equal(leads_named("冉光明"), 1);
	assert_int_equal(leads_named("田玉兰"), 1);
	assert_int_equal(leads_named("何小军"), 0);
	char *rej = run("cat warn.rejected.csv");
	assert_non_null(rej);
	assert_non_null(strstr(rej, "何小军"));
	assert_non_null(strstr(rej, "第5行：身份证号码应为18位"));
	free(rej);
}

/* The same file again adds nothing: every good row is already there. */
static void test_import_twice_adds_nothing(void **state)
{
	(void)state;
	struct pty *p = start("t101", NULL);
	check_file(p);
	EXPECT(p, pty_row_of(p, "新增 0") >= 0 && pty_row_of(p, "已有 3") >= 0);
	EXPECT(p, pty_row_of(p, "已有线索（合并） 3") >= 0);
	pty_send_text(p, "g");
	EXPECT(p, pty_wait_text(p, "没有需要新增的内容", WAIT_MS));
	quit(p);
	assert_int_equal(leads_named("杨秀梅"), 1);
}

/* A Tab that cannot extend the path lists what is there.  张 and 式 share
 * their first two bytes: the path must not take them. */
static void test_path_listing(void **state)
{
	(void)state;
	char typed[128], row[1024];
	snprintf(typed, sizeof typed, "%s/u", dir);
	assert_int_equal(mkdir(typed, 0755), 0);
	snprintf(typed, sizeof typed, "%s/u/张三.csv", dir);
	assert_int_equal(ifx_write(typed, "x\n", 2), 0);
	snprintf(typed, sizeof typed, "%s/u/式样.csv", dir);
	assert_int_equal(ifx_write(typed, "x\n", 2), 0);
	struct pty *p = start("t101", NULL);
	open_home(p, "导入", "列映射");
	pty_send_ctrl(p, 'u');
	snprintf(typed, sizeof typed, "%s/", dir);
	pty_send_text(p, typed);
	pty_send_text(p, "u");
	pty_send_key(p, VTERM_KEY_TAB);        /* a single directory: completed */
	snprintf(typed, sizeof typed, "%s/u/", dir);
	EXPECT(p, pty_wait_text(p, typed, WAIT_MS));
	pty_send_key(p, VTERM_KEY_TAB);
	EXPECT(p, pty_wait_text(p, "可选的文件和目录（共 2 项", WAIT_MS));
	EXPECT(p, pty_wait_text(p, "式样.csv", WAIT_MS));
	EXPECT(p, pty_wait_text(p, "张三.csv", WAIT_MS));
	pty_row(p, pty_row_of(p, "*文件"), row, sizeof row);
	EXPECT(p, strstr(row, typed) && !strchr(row, '?'));
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_gone(p, "列映射", WAIT_MS));
	quit(p);
}

/* --- print ------------------------------------------------------------------ */

/* From the home menu to the box showing 龙阳村's ledger laid out. */
static void make_ledger(struct pty *p)
{
	open_home(p, "打印", "监测户台账");
	EXPECT(p, pty_wait_text(p, "监测帮扶汇总报告", WAIT_MS));   /* the list's last row */
	int from = pty_row_of(p, "监测对象识别公示"), to = pty_row_of(p, "监测户台账");
	for (int i = from; i < to; i++)
		pty_send_key(p, VTERM_KEY_DOWN);
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_text(p, "村（社区）或乡镇", WAIT_MS));
	pty_send_text(p, "lyc");             /* 龙阳村 by its pinyin initials */
	EXPECT(p, pty_wait_text(p, "龙阳村", WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_text(p, "文档已生成", WAIT_MS));
	EXPECT(p, pty_wait_text(p, "保家镇龙阳村监测户台账", WAIT_MS));
	EXPECT(p, pty_wait_text(p, "共 1 页，3 户", WAIT_MS));
	EXPECT(p, pty_wait_text(p, "返回修改条件", WAIT_MS));
}

static void expect_pdf_title(const char *pdf)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "pdftotext '%s' -", pdf);
	char *text = run(cmd);
	assert_non_null(text);
	if (!strstr(text, "保家镇龙阳村监测户台账"))
		fail_msg("%s: no title in\n%s", pdf, text);
	free(text);
}

/* The file's bytes as a terminal's ZMODEM receiver (rz, as Xshell and
 * SecureCRT do by themselves) takes them into its download folder. */
static void receive_by_zmodem(struct pty *p, const char *into)
{
	static const char zrqinit[] = "**\x18" "B00";   /* sz asks the receiver to start */
	EXPECT(p, pty_wait_bytes(p, zrqinit, sizeof zrqinit - 1, WAIT_MS));
	char *rz[] = { "rz", "-b", "-y", NULL };
	assert_int_equal(pty_hand_over(p, rz, into), 0);
}

static void expect_same_file(const char *a, const char *b)
{
	char cmd[1400];
	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
	if (system(cmd) != 0)
		fail_msg("%s and %s differ", a, b);
}

/* Saved on the server, then sent home over the same terminal (issue 13:
 * with ForceCommand the server's disk is out of the officer's reach). */
static void test_print_ledger_save(void **state)
{
	(void)state;
	struct pty *p = start("t101", NULL);
	make_ledger(p);
	EXPECT(p, pty_wait_text(p, "未配置打印命令", WAIT_MS));
	pty_send_text(p, "s");
	EXPECT(p, pty_wait_text(p, "不会覆盖已有的文件", WAIT_MS));
	pty_send_key(p, VTERM_KEY_ENTER);
	EXPECT(p, pty_wait_text(p, "文档已保存为", WAIT_MS));
	EXPECT(p, pty_wait_text(p, "共 1 页。", WAIT_MS));
	EXPECT(p, pty_wait_row(p, 23, "s发送到本机", WAIT_MS));
	char home[128], pdf[256], got[640];
	snprintf(home, sizeof home, "%s/pc", dir);
	assert_int_equal(mkdir(home, 0700), 0);
	pty_send_text(p, "s");
	receive_by_zmodem(p, home);
	EXPECT(p, pty_wait_text(p, "已发送 保家镇龙阳村监测户台账_" TODAY ".pdf", WAIT_MS));
	EXPECT(p, pty_wait_gone(p, "文档已保存为", WAIT_MS));
	EXPECT(p, pty_wait_gone(p, "文档已生成", WAIT_MS));
	quit(p);
	snprintf(pdf, sizeof pdf, "%s/保家镇龙阳村监测户台账_" TODAY ".pdf", dir);
	struct stat st;
	assert_int_equal(stat(pdf, &st), 0);
	expect_pdf_title(pdf);
	snprintf(got, sizeof got, "%s/保家镇龙阳村监测户台账_" TODAY ".pdf", home);
	expect_same_file(pdf, got);
}

/* A library's complaint on stderr (fontconfig without its configuration
 * file) goes to the log, not onto the console's screen. */
static void test_library_complaint_stays_off_the_screen(void **state)
{
	(void)state;
	struct pty *p = start_env("t101", NULL, "FONTCONFIG_FILE=/nonexistent/fonts.conf");
	make_ledger(p);
	EXPECT(p, pty_wait_text(p, "未配置打印命令", WAIT_MS));
	EXPECT(p, pty_row_of(p, "Fontconfig") < 0);
	EXPECT(p, pty_row_of(p, "config file") < 0);
	pty_send_key(p, VTERM_KEY_ESCAPE);
	quit(p);
}

/* With a print command configured, p hands the PDF to it. */
static void test_print_ledger_send(void **state)
{
	(void)state;
	char conf[128], text[256], sent[128];
	snprintf(conf, sizeof conf, "%s/print.conf", dir);
	snprintf(sent, sizeof sent, "%s/sent.pdf", dir);
	snprintf(text, sizeof text, "print = { command = \"cp {file} %s\"; };\n", sent);
	assert_int_equal(ifx_write(conf, text, strlen(text)), 0);
	struct pty *p = start("t101", conf);
	make_ledger(p);
	EXPECT(p, pty_wait_text(p, "送打印机", WAIT_MS));
	pty_send_text(p, "p");
	EXPECT(p, pty_wait_text(p, "已送打印", WAIT_MS));
	quit(p);
	expect_pdf_title(sent);
}

/* A bad date on the print screen: the document is not made, and the
 * message says so (未生成), not 未保存 (issue 16, item 10). */
static void test_print_bad_date(void **state)
{
	(void)state;
	struct pty *p = start("t101", NULL);
	open_home(p, "打印", "监测户台账");
	pty_send_key(p, VTERM_KEY_ENTER);          /* the first document */
	EXPECT(p, pty_wait_text(p, "期间从", WAIT_MS));
	pty_send_key(p, VTERM_KEY_TAB);
	pty_send_text(p, "abc");
	pty_send_key(p, VTERM_KEY_FUNCTION(2));
	EXPECT(p, pty_wait_row(p, 22, "有 1 项需要改正，未生成：期间从 日期无效", WAIT_MS));
	EXPECT(p, pty_row_of(p, "未保存") < 0);
	EXPECT(p, pty_row_of(p, "文档已生成") < 0);
	pty_send_key(p, VTERM_KEY_ESCAPE);
	EXPECT(p, pty_wait_gone(p, "期间从", WAIT_MS));
	quit(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_report_and_partial),
		cmocka_unit_test(test_import_twice_adds_nothing),
		cmocka_unit_test(test_path_listing),
		cmocka_unit_test(test_print_ledger_save),
		cmocka_unit_test(test_print_ledger_send),
		cmocka_unit_test(test_library_complaint_stays_off_the_screen),
		cmocka_unit_test(test_print_bad_date),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
