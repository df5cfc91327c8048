/* The smaller bad inputs of issue 13, each given to the real binary: one
 * clear line, a non-zero exit, and nothing changed.  A full disk is a
 * file-size limit (RLIMIT_FSIZE with SIGXFSZ ignored), as in
 * test_outputs.c. */
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
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "runbin.h"
#include "store/store.h"

static char dir[64], db[96];

/* jiance --db dbfile --as demo_county args... in dir, killed after 10 s. */
static void run(const char *dbfile, long limit_kb, const char *const *args, struct ran *r)
{
	const char *argv[24] = { "--db", dbfile, "--as", "demo_county" };
	for (int i = 0, n = 4; args[i] && n < 22; i++)
		argv[n++] = args[i];
	struct runbin o = { .files = dir, .cwd = dir, .limit_kb = limit_kb, .seconds = 10,
	                    .env = "JIANCE_TODAY=2026-05-20" };
	runbin(&o, argv, r);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/jiance-bad-XXXXXX");
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

/* A 0-byte file given as the database got a schema written into it. */
static void test_empty_file_as_database_is_named_and_left_empty(void **state)
{
	(void)state;
	char empty[128], names[512];
	struct ran r;
	struct stat sb;
	snprintf(empty, sizeof empty, "%s/空.db", dir);
	close(open(empty, O_WRONLY | O_CREAT | O_TRUNC, 0600));
	run(empty, 0, (const char *[]){ "check", NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "空文件"));
	assert_int_equal(stat(empty, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	runbin_listing(dir, names, sizeof names);
	assert_string_equal(names, "空.db\n");    /* no -wal, no -shm */
}

/* check reported a sound database after the drafts table was dropped. */
static void test_check_compares_the_schema(void **state)
{
	(void)state;
	struct ran r;
	run(db, 0, (const char *[]){ "check", NULL }, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "数据库完整性：正常"));
	struct jerr e = { 0 };
	struct store *s = store_open(db, 0, &e);
	assert_non_null(s);
	assert_int_equal(store_exec(s, "DROP TABLE drafts", ""), 0);
	assert_int_equal(store_exec(s, "DROP TRIGGER audit_no_delete", ""), 0);
	store_close(s);
	run(db, 0, (const char *[]){ "check", NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "缺少表 drafts"));
	assert_non_null(strstr(r.out, "缺少触发器 audit_no_delete"));
}

/* officer add and area add given a name holding an escape sequence: one
 * line naming the control character (never the raw sequence on the
 * terminal), exit 1, nothing added. */
static void test_officer_and_area_names_with_control_characters(void **state)
{
	(void)state;
	char village[16] = "", group[24];
	struct jerr e = { 0 };
	struct store *s = store_open(db, 0, &e);
	assert_non_null(s);
	assert_int_equal(store_text(s, village, sizeof village, "SELECT code FROM areas WHERE level = 3"
	                            " ORDER BY code LIMIT 1", ""), 1);
	store_close(s);
	snprintf(group, sizeof group, "%s099", village);
	struct runbin o = { .files = dir, .cwd = dir, .seconds = 10 };
	struct ran r;
	runbin(&o, (const char *[]){ "--db", db, "--as", "demo_admin", "officer", "add", "hong",
	                             "红\x1b[31m字", "village", village, NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "控制字符 U+001B"));
	assert_null(strchr(r.err, '\x1b'));
	runbin(&o, (const char *[]){ "--db", db, "--as", "demo_admin", "area", "add", village, group,
	                             "九组\x07", NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "区划名称含有控制字符"));
	s = store_open(db, 0, &e);
	assert_int_equal(store_int(s, -1, "SELECT count(*) FROM officers WHERE login = 'hong'", ""), 0);
	assert_int_equal(store_int(s, -1, "SELECT count(*) FROM areas WHERE code = ?", "t", group), 0);
	store_close(s);
}

static long long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* import /dev/zero grew without bound, a FIFO with no writer hung. */
static void test_import_refuses_devices_and_pipes(void **state)
{
	(void)state;
	struct ran r;
	char fifo[128];
	long long t0 = ms_now();
	run(db, 0, (const char *[]){ "import", "--kind", "leads", "--department", "医保", "/dev/zero", NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "不是普通文件（是设备）"));
	snprintf(fifo, sizeof fifo, "%s/名单.csv", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	run(db, 0, (const char *[]){ "import", "--kind", "leads", "--department", "医保", "名单.csv", NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "不是普通文件（是管道）"));
	run(db, 0, (const char *[]){ "import", "--kind", "leads", "--department", "医保", ".", NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "是文件夹"));
	assert_true(ms_now() - t0 < 8000);
}

/* A backup that does not fit left a -journal behind.  The database's
 * shared-memory file is kept open here so the limit hits the copy only. */
static void test_backup_on_full_disk_leaves_nothing(void **state)
{
	(void)state;
	struct ran r;
	char names[512];
	struct jerr e = { 0 };
	struct store *keep = store_open(db, 0, &e);
	assert_non_null(keep);
	store_int(keep, 0, "SELECT count(*) FROM households", "");
	run(db, 200, (const char *[]){ "backup", "副本.db", NULL }, &r);
	store_close(keep);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "磁盘已满"));
	runbin_listing(dir, names, sizeof names);
	assert_string_equal(names, "");
	run(db, 0, (const char *[]){ "backup", "副本.db", NULL }, &r);
	assert_int_equal(r.status, 0);
	runbin_listing(dir, names, sizeof names);
	assert_string_equal(names, "副本.db\n");
	struct stat sb;
	char copy[128];
	snprintf(copy, sizeof copy, "%s/副本.db", dir);
	assert_int_equal(stat(copy, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	run(copy, 0, (const char *[]){ "check", NULL }, &r);
	assert_int_equal(r.status, 0);
}

static void test_seed_out_of_range_is_refused(void **state)
{
	(void)state;
	struct ran r;
	char fresh[128], names[512];
	snprintf(fresh, sizeof fresh, "%s/新.db", dir);
	run(fresh, 0, (const char *[]){ "demo", "--seed", "99999999999999999999999", NULL }, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "--seed 应为 0 到 18446744073709551615 之间的整数"));
	run(fresh, 0, (const char *[]){ "demo", "--seed", "-1", NULL }, &r);
	assert_int_equal(r.status, 1);
	runbin_listing(dir, names, sizeof names);
	assert_string_equal(names, "");
}

/* sscanf's %d took a space, a newline or a sign inside a date (make
 * fuzz found "2026-\n5-03"): JIANCE_TODAY and every stored date are read
 * with date_iso, so it takes YYYY-MM-DD and nothing else. */
static void test_iso_date_is_exactly_yyyy_mm_dd(void **state)
{
	(void)state;
	assert_int_equal(date_iso("2026-05-03"), date_from_ymd(2026, 5, 3));
	const char *bad[] = { "2026-\n5-03", "2026- 5-03", "2026-+5-03", " 026-05-03", "2026-05- 3",
	                      "2026/05/03", "2026-02-30", "20260503", "2026-05-031" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (date_iso(bad[i]) != JDAY_NONE)
			fail_msg("date_iso took \"%s\"", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_file_as_database_is_named_and_left_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_compares_the_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_officer_and_area_names_with_control_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_refuses_devices_and_pipes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_on_full_disk_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seed_out_of_range_is_refused, setup, teardown),
		cmocka_unit_test(test_iso_date_is_exactly_yyyy_mm_dd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
