/* kill -9 at random moments during an import, a demo and a save, three
 * times each (make soak does twenty and more): the database stays sound
 * and each write is all there or not at all (tests/crash.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "crash.h"

static char dir[64];
static struct crash_env env;

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/jiance-crash-XXXXXX");
	assert_non_null(mkdtemp(dir));
	env.bin = getenv("JIANCE_BIN");
	env.dir = dir;
	env.seed = (unsigned)time(NULL);
	assert_non_null(env.bin);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void test_kill_during_import(void **state)
{
	(void)state;
	print_message("seed %u\n", env.seed);
	assert_int_equal(crash_import(&env, 3, 3000), 0);
}

static void test_kill_during_demo(void **state)
{
	(void)state;
	assert_int_equal(crash_demo(&env, 3), 0);
}

static void test_kill_during_save(void **state)
{
	(void)state;
	assert_int_equal(crash_save(&env, 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kill_during_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kill_during_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kill_during_save, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
