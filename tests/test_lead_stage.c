/* An import's leads written in short transactions (flow/lead_stage.c,
 * issues 13 and 14): between two chunks another officer can save; a run
 * whose importer died is finished by the next start once it was decided,
 * thrown away before; a row another import stored meanwhile is not
 * stored twice. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/idcard.h"
#include "fixture.h"
#include "flow/lead.h"
#include "store/store.h"

static struct fixture F;

static int setup(void **state)
{
	(void)state;
	fixture_open(&F, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fixture_close(&F);
	return 0;
}

#define N 2500                 /* chunks of about 500 */

static char ids[N][20], names[N][16], keys[N][24];

/* The i-th of N different people (fixture_id repeats after 1,000). */
static void person_id(int i, char out[20])
{
	char first[18];
	snprintf(first, sizeof first, "500243%04d%02d%02d%03d", 1950 + i / 336, 1 + i / 28 % 12,
	         1 + i % 28, 101 + i % 2);
	snprintf(out, 20, "%s%c", first, idcard_check_digit(first));
}

/* n rows naming new people of village1, each planned as lead_plan plans it. */
static struct lead_stage_row *rows_of(struct session *s, int n)
{
	struct lead_stage_row *r = calloc((size_t)n, sizeof *r);
	assert_non_null(r);
	for (int i = 0; i < n; i++) {
		struct jerr e = { 0 };
		person_id(i, ids[i]);
		snprintf(names[i], sizeof names[i], "预警%d", i);
		snprintf(keys[i], sizeof keys[i], "stage-key-%d", i);
		r[i].idx = i;
		r[i].in = (struct lead_input){ .id_no = ids[i], .name = names[i], .village_id = F.village1,
		                               .channel = "部门筛查预警", .department = "医保",
		                               .found_on = FIXTURE_DAY, .reason = "住院自付费用高",
		                               .import_key = keys[i], .id_unregistered = 1 };
		assert_int_equal(lead_plan(s, &r[i].in, &r[i].plan, &e), 0);
	}
	return r;
}

static int64_t count(const char *sql) { return fixture_count(&F, sql, 0); }

static void made_count(void *arg, long idx, enum lead_made made, const char *refusal)
{
	(void)idx;
	(void)refusal;
	((long *)arg)[made]++;
}

/* The run belongs to a process that has exited. */
static void orphan(int64_t run)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	assert_int_equal(store_exec(F.db, "UPDATE import_runs SET owner_pid = ? WHERE id = ?", "ll",
	                            (int64_t)pid, run), 0);
}

static void test_chunks_leave_the_lock_free_between_them(void **state)
{
	(void)state;
	struct lead_stage_row *r = rows_of(&F.v1a, N);
	struct jerr e = { 0 };
	int64_t run = lead_stage_put(&F.v1a, r, N, 0, &e);
	assert_true(run > 0);
	assert_int_equal(count("SELECT count(*) FROM leads WHERE ?1 = 0"), 0);   /* staged only */
	long made[4] = { 0 };
	int steps = 0, rc;
	struct lead_stage_pass *p = lead_stage_begin(&F.v1a, run);
	lead_stage_tx_ms(p, 0);
	while ((rc = lead_stage_step(p, made_count, made, &e)) > 0) {
		steps++;
		/* another officer's save gets the lock at once */
		struct store *other = store_open(F.path, 0, &e);
		assert_non_null(other);
		store_wait_limit(other, 1);
		assert_int_equal(store_begin(other), 0);
		store_rollback(other);
		store_close(other);
	}
	lead_stage_end(p);
	assert_int_equal(rc, 0);
	assert_true(steps >= 3);
	assert_int_equal(made[LEAD_MADE_NEW], N);
	assert_int_equal(count("SELECT count(*) FROM leads WHERE ?1 = 0"), N);
	assert_int_equal(count("SELECT count(*) FROM import_plan WHERE ?1 = 0"), 0);
	assert_int_equal(count("SELECT count(*) FROM import_runs WHERE ?1 = 0"), 0);
	free(r);
}

/* Another officer starts waiting for the lock while the first chunk is
 * written (as the done callback runs inside the transaction). */
struct waiting { struct store *other; long rows; };

static void start_waiting(void *arg, long idx, enum lead_made made, const char *refusal)
{
	(void)idx;
	(void)made;
	(void)refusal;
	struct waiting *wt = arg;
	if (wt->rows++ == 0)
		store_say_waiting(wt->other, 1);
}

static void test_a_waiting_save_ends_the_transaction_after_its_chunk(void **state)
{
	(void)state;
	struct lead_stage_row *r = rows_of(&F.v1a, N);
	struct jerr e = { 0 };
	int64_t run = lead_stage_put(&F.v1a, r, N, 0, &e);
	struct waiting wt = { store_open(F.path, 0, &e), 0 };
	assert_non_null(wt.other);
	struct lead_stage_pass *p = lead_stage_begin(&F.v1a, run);
	lead_stage_tx_ms(p, 600000);   /* time would let it write everything */
	assert_int_equal(lead_stage_step(p, start_waiting, &wt, &e), 1);
	assert_int_equal(wt.rows, 500);
	assert_int_equal(count("SELECT count(*) FROM leads WHERE ?1 = 0"), 500);
	store_say_waiting(wt.other, 0);   /* the save is done: the rest in one transaction */
	assert_int_equal(lead_stage_step(p, NULL, NULL, &e), 0);
	assert_int_equal(count("SELECT count(*) FROM leads WHERE ?1 = 0"), N);
	lead_stage_end(p);
	store_close(wt.other);
	free(r);
}

static void test_a_decided_run_is_finished_by_the_next_start(void **state)
{
	(void)state;
	struct lead_stage_row *r = rows_of(&F.v1a, N);
	struct jerr e = { 0 };
	int64_t run = lead_stage_put(&F.v1a, r, N, 0, &e);
	struct lead_stage_pass *p = lead_stage_begin(&F.v1a, run);
	lead_stage_tx_ms(p, 0);
	assert_int_equal(lead_stage_step(p, NULL, NULL, &e), 1);   /* then killed */
	lead_stage_end(p);
	orphan(run);
	int64_t part = count("SELECT count(*) FROM leads WHERE ?1 = 0");
	assert_true(part > 0 && part < N);
	assert_int_equal(lead_stage_resume(&F.ca, &e), 1);
	assert_int_equal(count("SELECT count(*) FROM leads WHERE ?1 = 0"), N);
	assert_int_equal(count("SELECT count(*) FROM import_runs WHERE ?1 = 0"), 0);
	/* written as the importer's, not the resuming officer's */
	assert_int_equal(fixture_count(&F, "SELECT count(*) FROM lead_sources WHERE officer_id <> ?",
	                               F.v1a.me.id), 0);
	free(r);
}

static void test_an_undecided_run_is_thrown_away(void **state)
{
	(void)state;
	struct lead_stage_row *r = rows_of(&F.v1a, N);
	struct jerr e = { 0 };
	int64_t run = lead_stage_put(&F.v1a, r, N, 0, &e);
	assert_int_equal(store_exec(F.db, "UPDATE import_runs SET state = 'staging'", ""), 0);
	orphan(run);
	assert_int_equal(lead_stage_resume(&F.ca, &e), 1);
	assert_int_equal(count("SELECT count(*) FROM leads WHERE ?1 = 0"), 0);
	assert_int_equal(count("SELECT count(*) FROM import_plan WHERE ?1 = 0"), 0);
	assert_int_equal(count("SELECT count(*) FROM import_runs WHERE ?1 = 0"), 0);
	free(r);
}

static void test_a_live_importers_run_is_left_alone(void **state)
{
	(void)state;
	struct lead_stage_row *r = rows_of(&F.v1a, 10);
	struct jerr e = { 0 };
	int64_t run = lead_stage_put(&F.v1a, r, 10, 0, &e);
	assert_int_equal(lead_stage_resume(&F.ca, &e), 0);   /* this process still runs */
	assert_int_equal(count("SELECT count(*) FROM leads WHERE ?1 = 0"), 0);
	assert_int_equal(lead_stage_finish(&F.v1a, run, NULL, NULL, &e), 0);
	assert_int_equal(count("SELECT count(*) FROM leads WHERE ?1 = 0"), 10);
	free(r);
}

/* Two officers import the same list at the same moment: the second run,
 * staged before the first was written, stores nothing twice. */
static void test_rows_stored_meanwhile_by_another_import_are_the_same(void **state)
{
	(void)state;
	struct lead_stage_row *r = rows_of(&F.v1a, N);
	struct jerr e = { 0 };
	int64_t mark = lead_changes_mark(&F.v1a);
	int64_t a = lead_stage_put(&F.v1a, r, N, mark, &e);
	int64_t b = lead_stage_put(&F.v1b, r, N, mark, &e);
	long made_a[4] = { 0 }, made_b[4] = { 0 };
	assert_int_equal(lead_stage_finish(&F.v1a, a, made_count, made_a, &e), 0);
	assert_int_equal(lead_stage_finish(&F.v1b, b, made_count, made_b, &e), 0);
	assert_int_equal(made_a[LEAD_MADE_NEW], N);
	assert_int_equal(made_b[LEAD_MADE_SAME], N);
	assert_int_equal(count("SELECT count(*) FROM leads WHERE ?1 = 0"), N);
	assert_int_equal(count("SELECT count(*) FROM lead_sources WHERE ?1 = 0"), N);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_chunks_leave_the_lock_free_between_them, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_waiting_save_ends_the_transaction_after_its_chunk, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_a_decided_run_is_finished_by_the_next_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_undecided_run_is_thrown_away, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_live_importers_run_is_left_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_stored_meanwhile_by_another_import_are_the_same,
		                                setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
