/* The test hooks of the real binary are for root and the database's owner
 * only (issue 11): as an ordinary officer, JIANCE_TODAY does not move the
 * date rules and JIANCE_SCHEMA_UPTO does nothing; a schema version past
 * the migrations is refused without reading past them (this runs under the
 * sanitizers too); and the SQL detail of a failing subcommand goes to the
 * log file, not to stderr.  The officer is run as another Unix account, so
 * these tests need root (the machine's tests run as root). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "access/officer.h"
#include "fixture.h"
#include "runbin.h"
#include "flow/lead.h"
#include "store/schema.h"

#define OFFICER "jiance-officer"   /* the ordinary user's account */
#define FUTURE "JIANCE_TODAY=2030-01-01"

static char dir[64], db[96], conf[96];
static uid_t officer_uid;
static gid_t officer_gid;

/* Runs the binary with args (NULL-terminated), env (one variable or
 * NULL), as the officer's account or as root. */
static void run(int as_officer, const char *env, const char *const *args, struct ran *r)
{
	char files[96];
	snprintf(files, sizeof files, "%s/std", dir);
	struct runbin o = { .files = files, .env = env, .uid = as_officer ? officer_uid : 0,
	                    .gid = officer_gid };
	runbin(&o, args, r);
}

/* The account of an ordinary officer: made once, a system user with no
 * home and no shell. */
static int officer_account(void)
{
	struct passwd *pw = getpwnam(OFFICER);
	if (!pw && system("useradd --system --no-create-home --shell /usr/sbin/nologin "
	                  OFFICER " 2>/dev/null") == 0)
		pw = getpwnam(OFFICER);
	if (!pw)
		return -1;
	officer_uid = pw->pw_uid;
	officer_gid = pw->pw_gid;
	return 0;
}

static void chown_group(const char *path, mode_t mode)
{
	assert_int_equal(chown(path, 0, officer_gid), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* A county whose one lead was found today (the real today): open for 0
 * days now, overdue as of 2030.  The officer's account is a county
 * officer; the file belongs to root and the officer's group may write it,
 * as an installation shares one database. */
static void make_county(void)
{
	struct fixture f;
	struct jerr e = { 0 };
	fixture_open(&f, 0);
	assert_int_equal(officer_add(&f.admin, OFFICER, "普通操作员", "county", f.county, NULL, &e), 0);
	clock_pin(JDAY_NONE);
	int64_t hh = fixture_household(&f, f.village1, "张三", 0, "普通劳动力");
	struct lead_input in = { .household_id = hh, .channel = "农户自主申报",
	                         .found_on = clock_today(), .reason = "因病支出大" };
	int64_t lead;
	int merged;
	assert_int_equal(lead_create(&f.v1a, &in, &lead, &merged, &e), 0);
	assert_int_equal(store_backup(f.db, db, &e), 0);
	fixture_close(&f);
	chown_group(db, 0660);
}

static int setup(void **state)
{
	(void)state;
	if (geteuid() != 0) {
		print_message("skipped: running jiance as an ordinary officer needs root "
		              "(to switch to the account " OFFICER ")\n");
		return 0;
	}
	if (officer_account() != 0)
		fail_msg("cannot find or create the account " OFFICER);
	snprintf(dir, sizeof dir, "/tmp/jiance-hooks-XXXXXX");
	assert_non_null(mkdtemp(dir));
	chown_group(dir, 0770);
	snprintf(db, sizeof db, "%s/county.db", dir);
	snprintf(conf, sizeof conf, "%s/jiance.conf", dir);
	FILE *c = fopen(conf, "w");
	fprintf(c, "log = { path = \"%s/{login}.log\"; };\n", dir);
	fclose(c);
	chmod(conf, 0644);
	make_county();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (dir[0]) {
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		assert_int_equal(system(cmd), 0);
	}
	return 0;
}

static int lines(const char *text)
{
	int n = 0;
	for (; *text; text++)
		n += *text == '\n';
	return n;
}

#define NEED_ROOT() do { if (geteuid() != 0) { skip(); } } while (0)

static const char *overdue_leads(const char *out)
{
	const char *p = strstr(out, "识别超期的风险线索：");
	assert_non_null(p);
	return p;
}

/* The Done-when line of issue 11: as an ordinary user (not root, not the
 * file's owner), JIANCE_TODAY=2030-01-01 jiance check counts as of the
 * real date; root still moves the date (the comparison can fail). */
static void test_ordinary_officer_counts_as_of_the_real_date(void **state)
{
	(void)state;
	NEED_ROOT();
	const char *args[] = { "-c", conf, "--db", db, "check", NULL };
	static struct ran real, moved, as_root;
	run(1, NULL, args, &real);
	assert_int_equal(real.status, 0);
	assert_string_equal(real.err, "");
	assert_non_null(strstr(overdue_leads(real.out), "0条"));
	run(1, FUTURE, args, &moved);
	assert_int_equal(moved.status, 0);
	assert_string_equal(moved.out, real.out);
	assert_non_null(strstr(moved.err, "忽略 JIANCE_TODAY"));
	assert_int_equal(lines(moved.err), 1);
	const char *root_args[] = { "-c", conf, "--db", db, "--as", OFFICER, "check", NULL };
	run(0, FUTURE, root_args, &as_root);
	assert_int_equal(as_root.status, 0);
	assert_non_null(strstr(overdue_leads(as_root.out), "1条"));
	assert_string_equal(as_root.err, "");
}

/* The owner of the database file may pin the date, as they may use --as. */
static void test_owner_of_the_database_may_pin_the_date(void **state)
{
	(void)state;
	NEED_ROOT();
	char own[128];
	snprintf(own, sizeof own, "%s/own.db", dir);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", db, own);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(chown(own, officer_uid, officer_gid), 0);
	const char *args[] = { "-c", conf, "--db", own, "check", NULL };
	static struct ran r;
	run(1, FUTURE, args, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(overdue_leads(r.out), "1条"));
	assert_string_equal(r.err, "");
}

/* JIANCE_SCHEMA_UPTO=999 once read past the migrations; now anything
 * outside 0..schema_version is refused before a database is touched. */
static void test_schema_version_out_of_range_is_refused(void **state)
{
	(void)state;
	NEED_ROOT();
	static const char *const bad[] = { "JIANCE_SCHEMA_UPTO=999", "JIANCE_SCHEMA_UPTO=-1",
	                                   "JIANCE_SCHEMA_UPTO=2x", "JIANCE_SCHEMA_UPTO=99999999999999999999" };
	char fresh[128], want[96];
	snprintf(fresh, sizeof fresh, "%s/fresh.db", dir);
	snprintf(want, sizeof want, "JIANCE_SCHEMA_UPTO 应为 0 到 %d 之间的整数", schema_version);
	const char *args[] = { "-c", conf, "--db", fresh, "init", NULL };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		static struct ran r;
		run(0, bad[i], args, &r);
		assert_int_equal(r.status, 2);
		assert_non_null(strstr(r.err, want));
		assert_int_not_equal(access(fresh, F_OK), 0);
	}
}

/* For root it still builds an old database with the real binary; for an
 * ordinary officer it is ignored and the database used as it is. */
static void test_schema_version_for_root_only(void **state)
{
	(void)state;
	NEED_ROOT();
	char old[128];
	snprintf(old, sizeof old, "%s/old.db", dir);
	const char *init[] = { "-c", conf, "--db", old, "init", NULL };
	static struct ran r;
	run(0, "JIANCE_SCHEMA_UPTO=1", init, &r);
	assert_int_equal(r.status, 0);
	struct jerr e = { 0 };
	struct store *s = store_open_upto(old, 0, 1, &e);
	assert_non_null(s);
	assert_int_equal(store_version(s), 1);
	store_close(s);
	const char *check[] = { "-c", conf, "--db", db, "check", NULL };
	run(1, "JIANCE_SCHEMA_UPTO=1", check, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "忽略 JIANCE_SCHEMA_UPTO"));
	assert_non_null(strstr(r.out, "数据库完整性：正常"));
}

/* A subcommand that meets an SQL error says so in one line; the detail,
 * with the line of code that ran the statement, is in the officer's log
 * (log.path with {login}), created 0600. */
static void test_sql_detail_goes_to_the_log(void **state)
{
	(void)state;
	NEED_ROOT();
	char old[128], log[128];
	snprintf(old, sizeof old, "%s/v1.db", dir);
	snprintf(log, sizeof log, "%s/root.log", dir);
	unlink(log);
	const char *init[] = { "-c", conf, "--db", old, "init", NULL };
	const char *check[] = { "-c", conf, "--db", old, "check", NULL };
	static struct ran r;
	run(0, "JIANCE_SCHEMA_UPTO=1", init, &r);
	assert_int_equal(r.status, 0);
	/* schema 1 has no flow runs: the count of overdue runs fails */
	run(0, "JIANCE_SCHEMA_UPTO=1", check, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "jiance check: "));
	assert_int_equal(lines(r.err), 1);
	static char text[4096];
	runbin_slurp(log, text, sizeof text);
	assert_non_null(strstr(text, " root["));
	assert_non_null(strstr(text, "no such table"));
	assert_non_null(strstr(text, "src/"));
	assert_null(strstr(r.err, "src/"));
	struct stat sb;
	assert_int_equal(lstat(log, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ordinary_officer_counts_as_of_the_real_date),
		cmocka_unit_test(test_owner_of_the_database_may_pin_the_date),
		cmocka_unit_test(test_schema_version_out_of_range_is_refused),
		cmocka_unit_test(test_schema_version_for_root_only),
		cmocka_unit_test(test_sql_detail_goes_to_the_log),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
