/* Output is true (issue 13): a PDF, CSV or XLSX is the officer's own
 * (0600), written whole under a temporary name and renamed only when
 * complete; a full disk gives a clear message, a non-zero exit and no
 * file at all; a link planted at the target is never followed; `print`
 * never aborts at exit.  A full disk is a file-size limit on the real
 * binary (RLIMIT_FSIZE, SIGXFSZ ignored): writes past it fail as on a
 * full disk (EFBIG), without needing a small file system. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/zmodem.h"
#include "runbin.h"
#include "store/store.h"

static char dir[64], db[96];

/* Runs jiance --db db --as demo_county args... in dir; limit_kb > 0 caps
 * the size of any file it writes. */
static void run(long limit_kb, const char *const *args, struct ran *r)
{
	const char *argv[24] = { "--db", db, "--as", "demo_county" };
	for (int i = 0, n = 4; args[i] && n < 22; i++)
		argv[n++] = args[i];
	struct runbin o = { .files = dir, .cwd = dir, .limit_kb = limit_kb,
	                    .env = "JIANCE_TODAY=2026-05-20" };
	runbin(&o, argv, r);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/jiance-out-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof db, "%s.db", dir);
	runbin_demo(db);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' '%s-wal' '%s-shm'", dir, db, db, db);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void assert_mine_0600(const char *name)
{
	char p[160];
	struct stat sb;
	snprintf(p, sizeof p, "%s/%s", dir, name);
	assert_int_equal(lstat(p, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_uid, getuid());
}

/* A PDF that does not fit used to be reported saved ("已保存 … 共 10 页",
 * exit 0) with no trailer; now: refused, and nothing is left. */
static void test_full_disk_leaves_no_pdf(void **state)
{
	(void)state;
	struct ran r;
	char names[1024];
	run(40, (const char *[]){ "print", "ledger", "-o", "台账.pdf", NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "磁盘已满"));
	assert_null(strstr(r.err, "已保存"));
	runbin_listing(dir, names, sizeof names);
	assert_string_equal(names, "");
	run(0, (const char *[]){ "print", "ledger", "-o", "台账.pdf", NULL }, &r);
	assert_int_equal(r.status, 0);
	assert_mine_0600("台账.pdf");
}

static void test_full_disk_leaves_no_export(void **state)
{
	(void)state;
	struct ran r;
	char names[1024];
	run(40, (const char *[]){ "export", "members", "-o", "成员.csv", NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "磁盘已满"));
	/* a workbook is small (zipped): the limit is below the 32 KB of the
	 * database's shared-memory file, which is kept open here meanwhile so
	 * the program need not make it */
	struct jerr e = { 0 };
	struct store *keep = store_open(db, 0, &e);
	assert_non_null(keep);
	store_int(keep, 0, "SELECT count(*) FROM households", "");
	run(6, (const char *[]){ "export", "members", "--format", "xlsx", "-o", "成员.xlsx", NULL }, &r);
	store_close(keep);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "成员.xlsx"));
	runbin_listing(dir, names, sizeof names);
	assert_string_equal(names, "");
	run(0, (const char *[]){ "export", "members", "-o", "成员.csv", NULL }, &r);
	assert_int_equal(r.status, 0);
	run(0, (const char *[]){ "export", "members", "--format", "xlsx", "-o", "成员.xlsx", NULL }, &r);
	assert_int_equal(r.status, 0);
	assert_mine_0600("成员.csv");
	assert_mine_0600("成员.xlsx");
	/* never over an existing file */
	run(0, (const char *[]){ "export", "members", "-o", "成员.csv", NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "已存在"));
}

/* A link planted at the target by someone else is not written through:
 * the export and the PDF refuse the name, the import's rejected rows
 * (full ID numbers) take the next free name beside it, and the file it
 * points to is untouched. */
static void test_planted_link_is_not_followed(void **state)
{
	(void)state;
	char victim[128], link[128], csv[128];
	struct ran r;
	snprintf(victim, sizeof victim, "%s/私人笔记.txt", dir);
	FILE *f = fopen(victim, "w");
	fputs("不能被覆盖\n", f);
	fclose(f);
	const char *targets[] = { "a.csv", "a.pdf", "名单.rejected.csv" };
	for (int i = 0; i < 3; i++) {
		snprintf(link, sizeof link, "%s/%s", dir, targets[i]);
		assert_int_equal(symlink(victim, link), 0);
	}
	run(0, (const char *[]){ "export", "households", "-o", "a.csv", NULL }, &r);
	assert_int_equal(r.status, 1);
	run(0, (const char *[]){ "print", "ledger", "-o", "a.pdf", NULL }, &r);
	assert_int_equal(r.status, 1);
	snprintf(csv, sizeof csv, "%s/名单.csv", dir);
	f = fopen(csv, "w");
	fputs("身份证号码,姓名,预警原因\r\n500243199001010000,张三,大病\r\n", f);
	fclose(f);
	run(0, (const char *[]){ "import", "--kind", "leads", "--department", "医保", "名单.csv", NULL }, &r);
	assert_int_equal(r.status, 1);
	char back[64];
	f = fopen(victim, "r");
	assert_non_null(fgets(back, sizeof back, f));
	fclose(f);
	assert_string_equal(back, "不能被覆盖\n");
	assert_mine_0600("名单.rejected-2.csv");
}

/* pdf_shutdown reset cairo's static data while a pango worker thread
 * could still destroy a scaled font: 3 to 12 runs in 20 aborted (134). */
static void test_print_never_aborts_at_exit(void **state)
{
	(void)state;
	struct ran r;
	for (int i = 0; i < 20; i++) {
		char name[32];
		snprintf(name, sizeof name, "s%d.pdf", i);
		run(0, (const char *[]){ "print", "summary", "-o", name, NULL }, &r);
		assert_int_equal(r.status, 0);
	}
}

/* Sending a file home refuses, before sz starts, what the officer could
 * not send: a missing file, a folder, a link (never followed). */
static void test_send_home_refuses_what_is_not_a_file(void **state)
{
	(void)state;
	struct jerr e = { "", "" };
	char path[160];
	snprintf(path, sizeof path, "%s/none.pdf", dir);
	assert_int_equal(zmodem_send(path, &e), -1);
	assert_non_null(strstr(e.msg, "无法读取"));
	assert_int_equal(zmodem_send(dir, &e), -1);
	assert_non_null(strstr(e.msg, "不是普通文件"));
	snprintf(path, sizeof path, "%s/link.pdf", dir);
	assert_int_equal(symlink("/etc/passwd", path), 0);
	assert_int_equal(zmodem_send(path, &e), -1);
	assert_non_null(strstr(e.msg, "无法读取"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_disk_leaves_no_pdf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_disk_leaves_no_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_planted_link_is_not_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_print_never_aborts_at_exit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_home_refuses_what_is_not_a_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
