/* The stored words of the policy (roles, household status, flow kind, step
 * outcome, run state) each have one conversion to and from their enum:
 * every value goes out and comes back the same, and text that names
 * nothing is refused rather than taken for something. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/vocab.h"
#include "config/role.h"
#include "flow/flow.h"
#include "register/status.h"

static void test_roles_round_trip(void **state)
{
	(void)state;
	static const char *const stored[] = { "village", "township", "county", "admin" };
	static const char *const shown[] = { "村级", "乡镇", "县级", "系统管理员" };
	for (int i = 0; i < 4; i++) {
		enum role r = ROLE_NONE;
		assert_int_equal(role_from_text(stored[i], &r), 0);
		assert_int_equal(r, ROLE_VILLAGE + i);
		assert_string_equal(role_text(r), stored[i]);
		assert_string_equal(role_label(r), shown[i]);
	}
}

static void test_unknown_role_refused(void **state)
{
	(void)state;
	static const char *const bad[] = { "", "Village", "county ", "村级", "boss" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum role r = ROLE_COUNTY;
		assert_int_equal(role_from_text(bad[i], &r), -1);
		assert_int_equal(r, ROLE_COUNTY);   /* untouched */
	}
	enum role r = ROLE_COUNTY;
	assert_int_equal(role_from_text(NULL, &r), -1);
	assert_string_equal(role_text(ROLE_NONE), "");
	assert_string_equal(role_text(ROLE_COUNT), "");
}

static void test_statuses_round_trip(void **state)
{
	(void)state;
	static const char *const stored[STATUS_COUNT] = {
		[STATUS_LEAD] = "线索", [STATUS_IDENTIFYING] = "识别中",
		[STATUS_MONITORED] = "监测中", [STATUS_ELIMINATING] = "消除中",
		[STATUS_ELIMINATED] = "风险已消除", [STATUS_REJECTED] = "未纳入",
		[STATUS_DISSOLVED] = "已注销",
	};
	assert_int_equal(VOCAB_STATUS.n, STATUS_COUNT);   /* the filters offer every one */
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum hh_status st = STATUS_COUNT;
		assert_int_equal(hh_status_from_text(stored[i], &st), 0);
		assert_int_equal(st, i);
		assert_string_equal(hh_status_text(st), stored[i]);
		assert_string_equal(VOCAB_STATUS.items[i], stored[i]);
	}
}

static void test_unknown_status_refused(void **state)
{
	(void)state;
	static const char *const bad[] = { "", "监测", "监测中 ", "已消除", "monitored" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum hh_status st = STATUS_DISSOLVED;
		assert_int_equal(hh_status_from_text(bad[i], &st), -1);
		assert_int_equal(st, STATUS_DISSOLVED);
	}
	enum hh_status st = STATUS_DISSOLVED;
	assert_int_equal(hh_status_from_text(NULL, &st), -1);
	assert_string_equal(hh_status_text(STATUS_COUNT), "");
}

static void test_flow_words_round_trip(void **state)
{
	(void)state;
	static const char *const kinds[] = { "识别纳入", "风险消除" };
	for (int i = 0; i < FLOW_KIND_COUNT; i++) {
		enum flow_kind k = FLOW_KIND_COUNT;
		assert_int_equal(flow_kind_from_text(kinds[i], &k), 0);
		assert_int_equal(k, i);
		assert_string_equal(flow_kind_text(k), kinds[i]);
	}
	static const char *const outcomes[] = { "通过", "退回", "不通过" };
	for (int i = 0; i < 3; i++) {
		enum step_outcome o = OUT_NONE;
		assert_int_equal(outcome_from_text(outcomes[i], &o), 0);
		assert_int_equal(o, OUT_PASS + i);
		assert_string_equal(outcome_text(o), outcomes[i]);
	}
	static const char *const states[] = { "进行中", "通过", "不通过" };
	for (int i = 0; i < RUN_STATE_COUNT; i++) {
		enum run_state st = RUN_STATE_COUNT;
		assert_int_equal(run_state_from_text(states[i], &st), 0);
		assert_int_equal(st, i);
		assert_string_equal(run_state_text(st), states[i]);
	}
}

static void test_unknown_flow_words_refused(void **state)
{
	(void)state;
	static const char *const bad[] = { "", "识别", "通过 ", "已通过", "pass" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum flow_kind k = FLOW_ELIMINATE;
		enum step_outcome o = OUT_FAIL;
		enum run_state st = RUN_FAILED;
		assert_int_equal(flow_kind_from_text(bad[i], &k), -1);
		assert_int_equal(outcome_from_text(bad[i], &o), -1);
		assert_int_equal(run_state_from_text(bad[i], &st), -1);
		assert_int_equal(k, FLOW_ELIMINATE);
		assert_int_equal(o, OUT_FAIL);
		assert_int_equal(st, RUN_FAILED);
	}
	/* the words of one list are not taken for another's */
	enum step_outcome o = OUT_FAIL;
	enum flow_kind k = FLOW_ELIMINATE;
	assert_int_equal(outcome_from_text("进行中", &o), -1);
	assert_int_equal(flow_kind_from_text("通过", &k), -1);
	assert_int_equal(outcome_from_text(NULL, &o), -1);
	assert_string_equal(outcome_text(OUT_NONE), "");
	assert_string_equal(outcome_text(OUT_COUNT), "");
	assert_string_equal(flow_kind_text(FLOW_KIND_COUNT), "");
	assert_string_equal(run_state_text(RUN_STATE_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_round_trip),
		cmocka_unit_test(test_unknown_role_refused),
		cmocka_unit_test(test_statuses_round_trip),
		cmocka_unit_test(test_unknown_status_refused),
		cmocka_unit_test(test_flow_words_round_trip),
		cmocka_unit_test(test_unknown_flow_words_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
