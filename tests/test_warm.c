/* Warming the console's pages in idle time (src/console_db.c) and the
 * store's giving way to a key (store_yield_to): the officer's key always
 * wins, a part cut short is read again, and warming comes to an end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "access/console_db.h"
#include "fixture.h"
#include "store/store.h"

static const char *const count_to_a_million =
	"WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000000)"
	" SELECT count(*) FROM c";

static int calls;

/* A key arrives after the statement has run for a while. */
static int key_after_a_while(void *arg)
{
	(void)arg;
	return ++calls > 20;
}

static int no_key(void *arg)
{
	(void)arg;
	calls++;
	return 0;
}

static int key_waiting(void *arg)
{
	(void)arg;
	return 1;
}

static void test_a_waiting_key_stops_the_statement(void **state)
{
	(void)state;
	struct fixture f;
	fixture_open(&f, 0);
	calls = 0;
	store_yield_to(f.db, key_after_a_while, NULL);
	assert_int_equal(store_int(f.db, -1, count_to_a_million, ""), -1);
	assert_int_equal(store_interrupted(f.db), 1);
	assert_int_equal(store_interrupted(f.db), 0);    /* said once */
	assert_in_range(calls, 21, 21);
	store_yield_to(f.db, NULL, NULL);
	assert_int_equal(store_int(f.db, -1, count_to_a_million, ""), 1000000);
	assert_int_equal(store_interrupted(f.db), 0);
	fixture_close(&f);
}

static void test_no_key_lets_the_statement_finish(void **state)
{
	(void)state;
	struct fixture f;
	fixture_open(&f, 0);
	calls = 0;
	store_yield_to(f.db, no_key, NULL);
	assert_int_equal(store_int(f.db, -1, count_to_a_million, ""), 1000000);
	assert_true(calls > 100);     /* it was asked all along */
	assert_int_equal(store_interrupted(f.db), 0);
	store_yield_to(f.db, NULL, NULL);
	fixture_close(&f);
}

/* Households whose members share pinyin initials: parts end inside runs
 * of equal keys. */
static void households(struct fixture *f)
{
	static const char *const heads[] = { "张三丰", "张思丰", "赵深复", "李四", "王五", "欧阳娜娜" };
	for (int i = 0; i < 6; i++) {
		int64_t h = fixture_household(f, f->village1, heads[i], 0, "普通劳动力");
		fixture_member(f, h, "张小三", "之子", 1, "普通劳动力");
		fixture_member(f, h, "张小四", "之女", 2, "普通劳动力");
	}
}

static void test_warming_goes_through_every_stage_and_ends(void **state)
{
	(void)state;
	struct fixture f;
	fixture_open(&f, 0);
	households(&f);
	struct console_warm w = { .rows = 2 };
	int parts = 0, last_stage = 0;
	while (console_db_warm(&f.admin, &w)) {
		assert_true(w.stage >= last_stage);    /* never goes back */
		last_stage = w.stage;
		assert_true(++parts < 200);
	}
	assert_int_equal(w.stage, console_db_warm_stages());
	/* 18 members two at a time: more parts than stages */
	assert_true(parts > console_db_warm_stages() + 9);
	assert_int_equal(console_db_warm(&f.admin, &w), 0);   /* done stays done */
	fixture_close(&f);
}

/* Enough members that a part runs long enough to be asked about keys. */
static void many_members(struct fixture *f)
{
	int64_t h = fixture_household(f, f->village1, "张三丰", 0, "普通劳动力");
	assert_int_equal(store_exec(f->db, "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1"
	                            " FROM c WHERE i < 5000) INSERT INTO members(household_id, name,"
	                            " pinyin, initials, id_no, sex, birth, relation) SELECT ?1, '张小三',"
	                            " 'zhangxiaosan' || i, 'zxs' || i,"
	                            " substr('000000000000000000' || i, length(CAST(i AS TEXT)) + 1), 1,"
	                            " '2000-01-01', '之子' FROM c", "l", h), 0);
}

static void test_a_part_cut_short_by_a_key_is_read_again(void **state)
{
	(void)state;
	struct fixture f;
	fixture_open(&f, 0);
	many_members(&f);
	struct console_warm w = { .rows = 0 };
	assert_int_equal(console_db_warm(&f.admin, &w), 1);     /* the initials, at once */
	assert_int_equal(w.stage, 1);
	struct console_warm before = w;
	store_yield_to(f.db, key_waiting, NULL);
	assert_int_equal(console_db_warm(&f.admin, &w), 1);
	store_yield_to(f.db, NULL, NULL);
	assert_memory_equal(&before, &w, sizeof w);     /* nothing skipped */
	assert_int_equal(console_db_warm(&f.admin, &w), 1);
	assert_int_equal(w.stage, 2);                    /* the pinyin, read in full */
	fixture_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_waiting_key_stops_the_statement),
		cmocka_unit_test(test_no_key_lets_the_statement_finish),
		cmocka_unit_test(test_warming_goes_through_every_stage_and_ends),
		cmocka_unit_test(test_a_part_cut_short_by_a_key_is_read_again),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
