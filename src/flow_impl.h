/* Shared inside src/ by the flow modules (flow.c, flow_run.c,
 * flow_outcome.c), lead.c and the assistance modules; not for screens.  Household status, type, risks and the
 * identification/elimination dates are written only through hh_state_set. */
#ifndef JIANCE_FLOW_IMPL_H
#define JIANCE_FLOW_IMPL_H

#include <stdint.h>

#include "flow.h"
#include "household.h"
#include "rules_sql.h"

#define STATUS_LEAD "线索"
#define STATUS_IDENTIFYING "识别中"
#define STATUS_MONITORED "监测中"
#define STATUS_ELIMINATING "消除中"
#define STATUS_ELIMINATED "风险已消除"
#define STATUS_REJECTED "未纳入"
#define STATUS_DISSOLVED "已注销"

#define OUT_PASS "通过"
#define OUT_RETURN "退回"
#define OUT_FAIL "不通过"

#define MSG_BUSY "数据库忙，请稍后再试"

/* What the flows decide about a household. */
struct hh_state {
	char status[16];
	char hh_type[24];
	char risks[256];          /* '、'-separated */
	char identified_on[11], eliminated_on[11], elim_method[16];
};

/* 0 found and in scope; -1 with e otherwise */
int hh_state_get(struct session *s, int64_t household_id, struct hh_state *st, struct jerr *e);
/* Writes what differs from the stored state, audits each change, bumps the
 * household's version (an open form must not overwrite a flow's decision).
 * In the caller's transaction. */
int hh_state_set(struct session *s, int64_t household_id, const struct hh_state *st);

/* Splits and checks a '、'-separated list of risk types (1..5 configured,
 * no repeats); n = 0 for "". */
int risks_parse(struct session *s, const char *text, char out[HH_MAX_RISKS][48], int *n,
                struct jerr *e);

/* Creates a run at step 1, in the caller's transaction, after checking that
 * the household has no open run. */
int flow_create_run(struct session *s, int64_t household_id, const char *kind,
                    int64_t lead_id, const char *counted_from, const char *method,
                    const char *prior_status, int64_t *run_id, struct jerr *e);

/* The household side of a run that has just closed (通过 at step 5 or
 * 不通过 at any step), in the caller's transaction. */
int flow_close_effects(struct session *s, const struct flow_run *r, const char *outcome,
                       const char *done_on, struct jerr *e);

/* The elimination conditions of SPEC §5 without the status precondition:
 * the number failing, each appended to e. */
int elimination_conditions(struct session *s, int64_t household_id, struct jerr *e);

/* The columns flow_get reads, for other lists of runs (to-do queues):
 * embed RUN_COLS RUN_FROM, bind ?904 with flags_bind, read with
 * flow_read_page (which drops rows outside the scope). */
#define RUN_COLS \
	"r.id, r.household_id, coalesce(r.lead_id, 0), r.kind, r.step, r.state, r.started_on," \
	" coalesce(r.closed_on, ''), coalesce(r.hh_type, ''), r.risks, coalesce(r.elim_method, '')," \
	" CASE WHEN " SQL_RUN_OVERDUE " THEN 1 ELSE 0 END, r.version, h.head_name, h.hh_no, v.name," \
	" h.county_id, h.township_id, h.village_id"
#define RUN_FROM \
	" FROM flow_runs r JOIN households h ON h.id = r.household_id" \
	" JOIN areas v ON v.id = h.village_id"
int flow_read_page(struct session *s, struct stmt *st, struct flow_run *out, int max);

/* Ends the open (待核实) leads of a household with a reason (lead.c). */
int lead_close_for_household(struct session *s, int64_t household_id, const char *reason);

/* the step's value for key, NULL if not given */
const char *step_value(const struct step_input *in, const char *key);

#endif
