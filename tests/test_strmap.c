/* The import's bookkeeping map: every key put is found again with its
 * latest value, through any number of growths, and a key never put is
 * not found, however alike it looks (ID numbers differ in one digit). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "base/strmap.h"

#define N 200000   /* a county list's rows and their keys */

static void id_of(long i, char *out, size_t n)
{
	snprintf(out, n, "5002431960%08ld", i);
}

static void test_every_key_found_after_growth(void **state)
{
	(void)state;
	struct strmap m;
	strmap_init(&m);
	char key[32];
	for (long i = 0; i < N; i++) {
		id_of(i, key, sizeof key);
		assert_int_equal(strmap_put(&m, key, i), 0);
	}
	assert_int_equal(m.n, N);
	for (long i = 0; i < N; i++) {
		id_of(i, key, sizeof key);
		int64_t *v = strmap_get(&m, key);
		assert_non_null(v);
		assert_int_equal(*v, i);
	}
	strmap_free(&m);
}

static void test_absent_keys_and_replacement(void **state)
{
	(void)state;
	struct strmap m;
	strmap_init(&m);
	assert_null(strmap_get(&m, "anything"));   /* an empty map has no table yet */
	char key[32];
	for (long i = 0; i < 1000; i += 2) {
		id_of(i, key, sizeof key);
		assert_int_equal(strmap_put(&m, key, i), 0);
	}
	for (long i = 1; i < 1000; i += 2) {
		id_of(i, key, sizeof key);
		assert_null(strmap_get(&m, key));
	}
	id_of(10, key, sizeof key);
	assert_int_equal(strmap_put(&m, key, -7), 0);
	assert_int_equal(*strmap_get(&m, key), -7);
	assert_int_equal(m.n, 500);   /* replaced, not added */
	assert_null(strmap_get(&m, ""));
	assert_int_equal(strmap_put(&m, "", 3), 0);
	assert_int_equal(*strmap_get(&m, ""), 3);
	strmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key_found_after_growth),
		cmocka_unit_test(test_absent_keys_and_replacement),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
