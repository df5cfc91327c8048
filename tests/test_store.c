/* The store: migrations, refusal of newer schemas, the append-only audit
 * table, nested transactions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/store.h"

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "/tmp/jiance-store-XXXXXX");
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char p[80];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	unsetenv("JIANCE_SCHEMA_UPTO");
	return 0;
}

static void test_new_database_has_current_version_and_wal(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	assert_non_null(db);
	assert_int_equal(store_version(db), schema_version);
	char mode[16];
	store_text(db, mode, sizeof mode, "PRAGMA journal_mode", "");
	assert_string_equal(mode, "wal");
	assert_int_equal(store_int(db, 0, "PRAGMA foreign_keys", ""), 1);
	store_close(db);
}

static void test_missing_database_not_created_without_create(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	assert_null(store_open(path, 0, &e));
	assert_non_null(strstr(e.msg, "不存在"));
	assert_int_not_equal(access(path, F_OK), 0);
}

static void test_older_database_is_migrated_keeping_data(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	setenv("JIANCE_SCHEMA_UPTO", "1", 1);
	struct store *db = store_open(path, 1, &e);
	assert_non_null(db);
	assert_int_equal(store_version(db), 1);
	assert_int_equal(store_exec(db, "INSERT INTO areas(code, name, level) VALUES ('500243000000', '彭水', 1)", ""), 0);
	/* schema 2's tables are not there yet */
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM sqlite_master WHERE name = 'flow_runs'", ""), 0);
	store_close(db);
	unsetenv("JIANCE_SCHEMA_UPTO");
	db = store_open(path, 0, &e);
	assert_non_null(db);
	assert_int_equal(store_version(db), schema_version);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM sqlite_master WHERE name = 'flow_runs'", ""), 1);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM areas WHERE name = '彭水'", ""), 1);
	store_close(db);
}

static void test_newer_database_is_refused(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	assert_non_null(db);
	/* PRAGMA takes no parameters; 99 is far above any version we will ship */
	assert_true(schema_version < 99);
	assert_int_equal(store_exec(db, "PRAGMA user_version=99", ""), 0);
	store_close(db);
	db = store_open(path, 0, &e);
	assert_null(db);
	assert_non_null(strstr(e.msg, "比本程序支持的版本"));
}

static void test_audit_table_refuses_update_and_delete(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	assert_int_equal(store_exec(db, "INSERT INTO audit(tbl, rec, field, old, new) VALUES ('x', 1, 'f', 'a', 'b')", ""), 0);
	assert_int_equal(store_exec(db, "UPDATE audit SET new = 'c'", ""), -1);
	assert_non_null(strstr(store_errmsg(db), "只能追加"));
	assert_int_equal(store_exec(db, "DELETE FROM audit", ""), -1);
	assert_int_equal(store_int(db, 0, "SELECT count(*) FROM audit WHERE new = 'b'", ""), 1);
	store_close(db);
}

static void test_inner_rollback_dooms_outer_transaction(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	assert_int_equal(store_begin(db), 0);
	store_exec(db, "INSERT INTO areas(code, name, level) VALUES ('500243000000', '彭水', 1)", "");
	assert_int_equal(store_begin(db), 0);
	store_rollback(db);
	assert_int_equal(store_commit(db), -1);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM areas", ""), 0);
	store_close(db);
}

static void test_bound_text_is_never_sql(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	const char *evil = "x'); DROP TABLE areas; --";
	assert_int_equal(store_exec(db, "INSERT INTO areas(code, name, level) VALUES ('500243000000', ?, 1)", "t", evil), 0);
	char back[64];
	assert_int_equal(store_text(db, back, sizeof back, "SELECT name FROM areas", ""), 1);
	assert_string_equal(back, evil);
	store_close(db);
}

/* The change mark moves for every committed write, this connection's own
 * (which PRAGMA data_version ignores) and another's, and not for reads or
 * a rolled-back write: screens reload on it (issue 16: own changes show). */
static void test_change_mark_moves_on_every_commit(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	struct store *db = store_open(path, 1, &e);
	struct store *other = store_open(path, 0, &e);
	assert_non_null(other);
	int64_t m = store_change_mark(db);
	assert_int_equal(store_int(db, -1, "SELECT count(*) FROM areas", ""), 0);
	assert_true(store_change_mark(db) == m);
	assert_int_equal(store_exec(db, "INSERT INTO areas(code, name, level) VALUES ('500243000000', '彭水', 1)", ""), 0);
	assert_true(store_change_mark(db) != m);              /* autocommit, own */
	m = store_change_mark(db);
	assert_int_equal(store_begin(db), 0);
	store_exec(db, "UPDATE areas SET name = '彭水县'", "");
	store_rollback(db);
	assert_true(store_change_mark(db) == m);              /* nothing committed */
	assert_int_equal(store_begin(db), 0);
	store_exec(db, "UPDATE areas SET name = '彭水县'", "");
	assert_int_equal(store_commit(db), 0);
	assert_true(store_change_mark(db) != m);              /* a transaction, own */
	m = store_change_mark(db);
	assert_int_equal(store_exec(other, "UPDATE areas SET name = '彭水'", ""), 0);
	assert_true(store_change_mark(db) != m);              /* another connection */
	store_close(other);
	store_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_database_has_current_version_and_wal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_database_not_created_without_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_older_database_is_migrated_keeping_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_database_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_table_refuses_update_and_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inner_rollback_dooms_outer_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bound_text_is_never_sql, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_mark_moves_on_every_commit, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
