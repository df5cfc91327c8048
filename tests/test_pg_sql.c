/* The program's statements as PostgreSQL gets them: SQLite's ? and ?N
 * become $1…$n without gaps, quotes and comments are left alone, and an
 * INSERT names the table whose new id the store may be asked for.  A
 * wrong number here binds an officer's value to another column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "store/pg_sql.h"

static void check(const char *sqlite, const char *want, int own)
{
	struct pg_sql q;
	assert_int_equal(pg_sql_translate(sqlite, &q), 0);
	assert_string_equal(q.text, want);
	assert_int_equal(q.own, own);
	pg_sql_free(&q);
}

static void test_plain_marks_count_up(void **state)
{
	(void)state;
	check("SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2", 2);
	check("INSERT INTO t(a, b, c) VALUES (?,?,?)", "INSERT INTO t(a, b, c) VALUES ($1,$2,$3)", 3);
}

static void test_numbered_marks_keep_their_order(void **state)
{
	(void)state;
	check("SELECT ?2, ?1, ?2", "SELECT $2, $1, $2", 2);
	/* SQLite: a bare ? after ?3 is ?4; ?2 is not used, so no $ is */
	check("SELECT ?3, ?, ?1", "SELECT $2, $3, $1", 4);
}

static void test_flag_dates_follow_the_own_parameters(void **state)
{
	(void)state;
	struct pg_sql q;
	assert_int_equal(pg_sql_translate("SELECT x FROM t WHERE a = ?1 AND d < ?902 AND e > ?901"
	                                  " AND f = ?2 AND g = ?902", &q), 0);
	assert_string_equal(q.text, "SELECT x FROM t WHERE a = $1 AND d < $4 AND e > $3"
	                            " AND f = $2 AND g = $4");
	assert_int_equal(q.own, 2);
	assert_int_equal(q.nparams, 4);
	assert_int_equal(q.slot[902], 4);
	assert_int_equal(q.slot[901], 3);
	assert_int_equal(q.slot[900], 0);
	pg_sql_free(&q);
}

/* The quality rules bind ?801, ?803 … by index: no $2…$800 PostgreSQL
 * could not type. */
static void test_gaps_are_closed(void **state)
{
	(void)state;
	struct pg_sql q;
	assert_int_equal(pg_sql_translate("SELECT json_type(?801, '$.a') WHERE h.id = ?1 AND d > ?803",
	                                  &q), 0);
	assert_string_equal(q.text, "SELECT json_type($2, '$.a') WHERE h.id = $1 AND d > $3");
	assert_int_equal(q.nparams, 3);
	assert_int_equal(q.slot[803], 3);
	pg_sql_free(&q);
}

static void test_quotes_and_comments_are_not_parameters(void **state)
{
	(void)state;
	check("SELECT '?', \"a?b\", 'it''s ?' -- why?\n, ? /* ?3 */ FROM t",
	      "SELECT '?', \"a?b\", 'it''s ?' -- why?\n, $1 /* ?3 */ FROM t", 1);
	check("SELECT '名字？' || ?", "SELECT '名字？' || $1", 1);
}

static void test_broken_statements_are_refused(void **state)
{
	(void)state;
	struct pg_sql q;
	assert_int_equal(pg_sql_translate("SELECT 'unended ?", &q), -1);
	assert_int_equal(pg_sql_translate("SELECT ?0", &q), -1);
	assert_int_equal(pg_sql_translate("SELECT ?99999", &q), -1);
	assert_int_equal(pg_sql_translate("SELECT 1 /* unended", &q), -1);
}

static void test_insert_names_its_table(void **state)
{
	(void)state;
	struct pg_sql q;
	assert_int_equal(pg_sql_translate("  insert into households (a) VALUES (?)", &q), 0);
	assert_string_equal(q.table, "households");
	assert_int_equal(q.returning, 0);
	pg_sql_free(&q);
	assert_int_equal(pg_sql_translate("INSERT INTO audit(a) VALUES (?) RETURNING id", &q), 0);
	assert_string_equal(q.table, "audit");
	assert_int_equal(q.returning, 1);
	pg_sql_free(&q);
	assert_int_equal(pg_sql_translate("UPDATE t SET returning_on = ? WHERE 'RETURNING' = ?",
	                                  &q), 0);
	assert_string_equal(q.table, "");
	assert_int_equal(q.returning, 0);
	pg_sql_free(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_marks_count_up),
		cmocka_unit_test(test_numbered_marks_keep_their_order),
		cmocka_unit_test(test_flag_dates_follow_the_own_parameters),
		cmocka_unit_test(test_gaps_are_closed),
		cmocka_unit_test(test_quotes_and_comments_are_not_parameters),
		cmocka_unit_test(test_broken_statements_are_refused),
		cmocka_unit_test(test_insert_names_its_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
