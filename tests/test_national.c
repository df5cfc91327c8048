/* The national system beside jiance (issue 15): jiance numbers its own
 * households and keeps the national 户编号 apart. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "register/household.h"
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

/* A household of village1 given no number, created by s; 0 on refusal. */
static int64_t unnumbered(struct session *s, const char *head, struct jerr *e)
{
	struct household h;
	struct member m;
	household_init(&h);
	h.village_id = F.village1;
	member_init(&m);
	snprintf(m.name, sizeof m.name, "%s", head);
	fixture_id(&F, 1980, 1, m.id_no);
	return household_create(s, &h, &m, e) == 0 ? h.id : 0;
}

static void no_of(int64_t id, char *out, size_t n)
{
	store_text(F.db, out, n, "SELECT hh_no FROM households WHERE id = ?", "l", id);
}

/* The officer types no number: the village's code and the next sequence. */
static void test_new_household_numbered_by_village(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	char no[32];
	no_of(unnumbered(&F.v1a, "甲一", &e), no, sizeof no);
	assert_string_equal(no, "5002431002010001");
	no_of(unnumbered(&F.v1a, "甲二", &e), no, sizeof no);
	assert_string_equal(no, "5002431002010002");
	/* a number of that form given by an import counts; one with letters
	 * in it does not */
	assert_int_equal(store_exec(F.db, "UPDATE households SET hh_no = '5002431002010041'"
	                            " WHERE hh_no = '5002431002010002'", ""), 0);
	assert_int_equal(store_exec(F.db, "UPDATE households SET hh_no = '500243100201X999'"
	                            " WHERE hh_no = '5002431002010001'", ""), 0);
	no_of(unnumbered(&F.v1a, "甲三", &e), no, sizeof no);
	assert_string_equal(no, "5002431002010042");
}

/* Two officers saving new households at the same moment, each in its own
 * process and connection: every household gets its own number, and the
 * numbers run on without a gap. */
static void test_numbers_unique_when_saved_at_once(void **state)
{
	(void)state;
	enum { EACH = 20 };
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		if ((kids[k] = fork()) == 0) {
			struct jerr e = { 0 };
			struct store *db = store_open(F.path, 0, &e);
			struct session s;
			if (!db || session_login(&s, db, &F.cfg, k ? "v1b" : "v1a", &e) != 0)
				_exit(2);
			F.next_id = 100 + k * 50;       /* IDs apart from the other's */
			for (int i = 0; i < EACH; i++)
				if (!unnumbered(&s, k ? "乙" : "甲", &e)) {
					fprintf(stderr, "%s\n", e.msg);
					_exit(1);
				}
			store_close(db);
			_exit(0);
		}
	}
	for (int k = 0; k < 2; k++) {
		int st = -1;
		waitpid(kids[k], &st, 0);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	assert_int_equal(store_int(F.db, 0, "SELECT count(DISTINCT hh_no) FROM households"
	                           " WHERE village_id = ?", "l", F.village1), 2 * EACH);
	assert_int_equal(store_int(F.db, 0, "SELECT max(hh_no) FROM households"
	                           " WHERE village_id = ?", "l", F.village1),
	                 5002431002010000LL + 2 * EACH);
}

/* The national number: empty until known, typed only by a county officer
 * or an administrator, never the same on two households. */
static void test_national_number_its_own_field(void **state)
{
	(void)state;
	struct jerr e = { 0 };
	int64_t a = unnumbered(&F.v1a, "甲", &e), b = unnumbered(&F.v1a, "乙", &e);
	struct household h;
	assert_int_equal(household_get(&F.v1a, a, &h, &e), 0);
	assert_string_equal(h.nat_no, "");
	snprintf(h.nat_no, sizeof h.nat_no, "522729000000123456");
	assert_int_equal(household_update(&F.v1a, &h, &e), -1);
	assert_string_equal(e.field, "nat_no");
	assert_int_equal(household_get(&F.ca, a, &h, &e), 0);
	snprintf(h.nat_no, sizeof h.nat_no, "522729000000123456");
	assert_int_equal(household_update(&F.ca, &h, &e), 0);
	assert_int_equal(household_get(&F.v1a, a, &h, &e), 0);
	assert_string_equal(h.nat_no, "522729000000123456");
	/* the village officer edits other fields; the number stays */
	snprintf(h.address, sizeof h.address, "龙阳村一组");
	assert_int_equal(household_update(&F.v1a, &h, &e), 0);
	struct household o;
	assert_int_equal(household_get(&F.ca, b, &o, &e), 0);
	snprintf(o.nat_no, sizeof o.nat_no, "522729000000123456");
	assert_int_equal(household_update(&F.ca, &o, &e), -1);
	assert_string_equal(e.msg, "国家系统户编号 522729000000123456 已属于户编号 5002431002010001");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_new_household_numbered_by_village),
		T(test_numbers_unique_when_saved_at_once),
		T(test_national_number_its_own_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
