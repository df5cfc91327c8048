/* Shared inside src/flow/ by the flow modules (flow.c, flow_run.c,
 * flow_outcome.c), lead.c and todo.c; not for screens. */
#ifndef JIANCE_FLOW_IMPL_H
#define JIANCE_FLOW_IMPL_H

#include <stdint.h>

#include "flow/flow.h"
#include "register/hh_state.h"
#include "register/household.h"
#include "register/rules_sql.h"

/* Creates a run at step 1, in the caller's transaction, after checking that
 * the household has no open run. */
int flow_create_run(struct session *s, int64_t household_id, enum flow_kind kind,
                    int64_t lead_id, const char *counted_from, const char *method,
                    enum hh_status prior_status, int64_t *run_id, struct jerr *e);

/* The household side of a run that has just closed (通过 at step 5 or
 * 不通过 at any step), in the caller's transaction. */
int flow_close_effects(struct session *s, const struct flow_run *r, enum step_outcome outcome,
                       const char *done_on, struct jerr *e);

/* The elimination conditions of SPEC §5 without the status precondition:
 * the number failing, each appended to e. */
int elimination_conditions(struct session *s, int64_t household_id, struct jerr *e);

/* The columns flow_get reads, for other lists of runs (to-do queues):
 * embed RUN_COLS RUN_FROM, bind ?904 with flags_bind, read with
 * flow_read_page (which drops rows outside the scope). */
#define RUN_COLS \
	"r.id, r.household_id, coalesce(r.lead_id, 0), r.kind, r.step, r.state, r.started_on," \
	" coalesce(r.closed_on, ''), coalesce(r.hh_type, ''), r.risks, r.disaster," \
	" coalesce(r.elim_method, '')," \
	" CASE WHEN " SQL_RUN_OVERDUE " THEN 1 ELSE 0 END, r.version," \
	" coalesce(r.line_year, 0), coalesce(r.line_yuan, 0), coalesce(r.line_from, '')," \
	" h.head_name, h.hh_no, v.name," \
	" h.county_id, h.township_id, h.village_id"
#define RUN_FROM \
	" FROM flow_runs r JOIN households h ON h.id = r.household_id" \
	" JOIN areas v ON v.id = h.village_id"
int flow_read_page(struct session *s, struct stmt *st, struct flow_run *out, int max);

/* Keeps with the run the line in effect on `day` (config_line_at), in the
 * caller's transaction: at its start and when it is decided. */
int flow_keep_line(struct session *s, int64_t run_id, int64_t household_id, jday day);

/* flow_upstream.c: the decision of a step (r as it was, now as it is
 * after the decision) queued for the national system, in the caller's
 * transaction.  0, or -1 on a database error. */
int flow_queue_decision(struct session *s, const struct flow_run *r, const struct flow_run *now,
                        const struct step_input *in, const char *day);

/* Ends the open (待核实) leads of a household with a reason (lead.c). */
int lead_close_for_household(struct session *s, int64_t household_id, const char *reason);


/* The preconditions the engine checks and flow_offered_actions asks (one
 * place each): 1 if the officer's role works on flows and leads (every
 * role but the admin); 1 if it may roll back or dissolve (the county). */
int flow_role_works(const struct session *s);
int flow_role_decides_standing(const struct session *s);
/* 1 if a household of this status may start risk elimination (监测中) */
int status_may_eliminate(enum hh_status st);
/* 0 if a household of this status may have a new lead; else -1 with e */
int lead_status_check(enum hh_status st, struct jerr *e);
/* 0 if the household may be rolled back (风险已消除) / dissolved (not yet
 * 已注销); else -1 with e */
int rollback_status_check(enum hh_status st, struct jerr *e);
int dissolve_status_check(enum hh_status st, struct jerr *e);

/* flow_run.c: the step's own day (not in the future, not before the run
 * or the step before), *done set; the dates in the step data (valid, not in
 * the future), written as ISO dates into norm. */
int flow_check_done_on(struct session *s, const struct flow_run *r, const struct step_input *in,
                       jday *done, struct jerr *e);
int flow_check_data_dates(const struct step_input *in, struct step_input *norm,
                          char iso[STEP_MAX_KV][11], struct jerr *e);

/* flow_dates.c: the dates of the step being saved (values ISO, done its
 * day) in order with the run's recorded ones, and for 通过 at step 3 the
 * posting over; the posting's own dates for flow_post. */
int flow_dates_check(struct session *s, const struct flow_run *r, const struct step_input *in,
                     jday done, struct jerr *e);
int flow_posting_dates_check(struct session *s, const struct flow_run *r, jday start, jday end,
                             struct jerr *e);

/* flow_income.c: step 1's amounts (工资性收入 … 大额教育支出, keys wage,
 * business, property, transfer, business_cost, out_of_pocket,
 * rigid_medical, rigid_education) in 元.  step_money_key: 1 if key is one;
 * step_money_check: 0 or -1 with e for a value as typed; step_income_year:
 * the year they are recorded for (the line in effect on the visit date);
 * flow_step1_records writes them as the household's record, in the
 * caller's transaction (0 when step 1 gave none). */
int step_money_key(const char *key);
int step_money_check(const char *key, const char *value, struct jerr *e);
int step_income_year(const struct config *cfg, const struct step_input *in, jday done);
int flow_step1_records(struct session *s, const struct flow_run *r, const struct step_input *in,
                       jday done, struct jerr *e);

/* the step's value for key, NULL if not given */
const char *step_value(const struct step_input *in, const char *key);

#endif
