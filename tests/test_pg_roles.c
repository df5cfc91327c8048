/* On PostgreSQL the database itself keeps each officer to their area
 * (db/pg/017): an officer connected as their own role sees only their
 * area's households and what hangs off them, may not act as anyone else
 * through the program, and cannot change the audit trail.  Without
 * make check-pg (JIANCE_TEST_PG) there is no server: the tests skip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "access/session.h"
#include "fixture.h"
#include "store/store.h"
#include "testdb.h"

static struct fixture F;

static int setup(void **state)
{
	(void)state;
	if (!testdb_pg())
		return 0;
	fixture_open(&F, 1);
	fixture_household(&F, F.village1, "龙阳甲", 0, "普通劳动力");
	fixture_household(&F, F.village1, "龙阳乙", 0, "普通劳动力");
	fixture_household(&F, F.village2, "新田甲", 0, "普通劳动力");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (testdb_pg())
		fixture_close(&F);
	return 0;
}

/* The fixture's database reached as login (user=login in the URL). */
static struct store *as(const char *login)
{
	char url[400];
	snprintf(url, sizeof url, "%s&user=%s", F.path, login);
	struct jerr e = { 0 };
	struct store *db = store_open(url, 0, &e);
	if (!db)
		fail_msg("%s: %s", login, e.msg);
	return db;
}

static void test_a_village_role_sees_its_village_only(void **state)
{
	(void)state;
	if (!testdb_pg())
		skip();
	struct store *v1 = as("v1a"), *v2 = as("v2"), *t = as("ta");
	assert_int_equal(store_int(v1, -1, "SELECT count(*) FROM households", ""), 2);
	assert_int_equal(store_int(v1, -1, "SELECT count(*) FROM members m JOIN households h"
	                           " ON h.id = m.household_id WHERE h.village_id <> ?", "l",
	                           F.village1), 0);
	assert_int_equal(store_int(v2, -1, "SELECT count(*) FROM households", ""), 1);
	assert_int_equal(store_int(t, -1, "SELECT count(*) FROM households", ""), 3);
	/* the owner, who runs the migrations and the administration, sees all */
	assert_int_equal(store_int(F.db, -1, "SELECT count(*) FROM households", ""), 3);
	store_close(v1);
	store_close(v2);
	store_close(t);
}

static void test_a_role_logs_in_as_itself_only(void **state)
{
	(void)state;
	if (!testdb_pg())
		skip();
	struct store *v1 = as("v1a");
	struct session s;
	struct jerr e = { 0 };
	assert_int_equal(session_login(&s, v1, &F.cfg, "v1a", &e), 0);
	assert_int_not_equal(session_login(&s, v1, &F.cfg, "ta", &e), 0);
	assert_non_null(strstr(e.msg, "不能以操作员 ta 的身份登录"));
	store_close(v1);
}

static void test_the_audit_trail_takes_inserts_only(void **state)
{
	(void)state;
	if (!testdb_pg())
		skip();
	struct store *v1 = as("v1a");
	int64_t before = store_int(F.db, -1, "SELECT count(*) FROM audit WHERE tbl <> 'x'", "");
	assert_true(before > 0);
	assert_int_not_equal(store_exec(v1, "UPDATE audit SET tbl = 'x'", ""), 0);
	assert_int_not_equal(store_exec(v1, "DELETE FROM audit", ""), 0);
	assert_int_equal(store_int(F.db, -1, "SELECT count(*) FROM audit WHERE tbl <> 'x'", ""),
	                 before);
	store_close(v1);
}

static void test_a_role_cannot_write_outside_its_area(void **state)
{
	(void)state;
	if (!testdb_pg())
		skip();
	struct store *v1 = as("v1a");
	/* the other village's household is not there for it to change */
	assert_int_equal(store_exec(v1, "UPDATE households SET head_name = '改' WHERE village_id = ?",
	                            "l", F.village2), 0);
	assert_int_equal(store_changes(v1), 0);
	assert_int_equal(store_int(F.db, -1, "SELECT count(*) FROM households WHERE head_name = '改'",
	                           ""), 0);
	store_close(v1);
}

/* An import as the officer numbers its leads after every lead there is,
 * not after the largest the officer can see (which another village's
 * lead already holds). */
static void test_the_largest_id_counts_rows_out_of_sight(void **state)
{
	(void)state;
	if (!testdb_pg())
		skip();
	assert_int_equal(store_exec(F.db, "INSERT INTO leads(id, name, village_id, township_id,"
	                            " created_on) VALUES (500, '新田线索', ?, ?, '2026-05-01')", "ll",
	                            F.village2, F.township), 0);
	struct store *v1 = as("v1a");
	assert_int_equal(store_int(v1, -1, "SELECT coalesce(max(id), 0) FROM leads", ""), 0);
	assert_true(store_max_id(v1, "leads") >= 500);
	assert_int_equal(store_max_id(v1, "leads; DROP TABLE leads"), -1);
	store_close(v1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_village_role_sees_its_village_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_role_logs_in_as_itself_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_audit_trail_takes_inserts_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_role_cannot_write_outside_its_area, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_largest_id_counts_rows_out_of_sight, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
