/* The five-step flows of SPEC §5: identification (识别纳入) and risk
 * elimination (风险消除), rollback and dissolution.  Household status changes
 * only through the functions here. */
#ifndef JIANCE_FLOW_H
#define JIANCE_FLOW_H

#include <stdint.h>

#include "base/clock.h"
#include "access/session.h"
#include "register/household.h"

#define STEP_MAX_KV 16

/* The words the flows store (flow_runs.kind and .state, flow_steps.outcome),
 * compared everywhere as these enums.  Each x_from_text/x_text pair is the
 * only conversion, used where runs and steps are read and written;
 * x_from_text refuses text that names no value (-1, *out untouched). */
enum flow_kind { FLOW_IDENTIFY, FLOW_ELIMINATE, FLOW_KIND_COUNT };  /* 识别纳入 | 风险消除 */
enum step_outcome { OUT_NONE, OUT_PASS, OUT_RETURN, OUT_FAIL, OUT_COUNT };  /* 通过 | 退回 | 不通过 */
enum run_state { RUN_OPEN, RUN_PASSED, RUN_FAILED, RUN_STATE_COUNT };  /* 进行中 | 通过 | 不通过 */

int flow_kind_from_text(const char *text, enum flow_kind *out);
const char *flow_kind_text(enum flow_kind k);
int outcome_from_text(const char *text, enum step_outcome *out);   /* OUT_NONE is never text */
const char *outcome_text(enum step_outcome o);                     /* "" for OUT_NONE */
int run_state_from_text(const char *text, enum run_state *out);
const char *run_state_text(enum run_state st);

struct flow_run {
	int64_t id, household_id, lead_id;
	enum flow_kind kind;
	int step;                /* the step waiting to be completed, 1..5 */
	enum run_state state;
	char started_on[11], closed_on[11];
	char hh_type[24];        /* identification: the type proposed/decided */
	char risks[256];         /* '、'-separated */
	char disaster[HH_DISASTER_BYTES];   /* 因自然灾害子项 with that risk (disaster.c) */
	char elim_method[16];    /* elimination: 帮扶消除 | 自然消除 */
	int overdue;             /* identification past identification_deadline_days */
	int version;
	/* the monitoring line the run is judged against (kept with the
	 * decision; line_year 0: a run decided before lines were kept) */
	int line_year, line_yuan;
	char line_from[11];
	char head_name[64], hh_no[32], village_name[64];   /* for lists */
};

struct step_record {
	int64_t id;
	int step;
	int64_t officer_id;
	char officer_name[64];
	char done_on[11];
	enum step_outcome outcome;
	int back_to;
	char reason[256];
	int nkv;
	char keys[STEP_MAX_KV][32];
	char values[STEP_MAX_KV][256];
};

/* What an officer submits for the current step.  Step data keys (SPEC §5):
 *  1 入户核实: visit_date, verifiers, income_found, expenses, risks_found,
 *    guarantees, commitment (须为 "是"), hh_type, risks and disaster (the
 *    因自然灾害子项, required with that risk; identification), elim_method
 *    (elimination); step 5 of identification may decide hh_type, risks
 *    and disaster again
 *  2 信息比对: sent_on, returned_on, result (无异常|有异常), findings
 *  3 民主评议+公示: meeting_date, participants, result (posting and
 *    objections are recorded with flow_post / objection_*)
 *  4 乡镇审核: decision
 *  5 县级审定: decision */
struct step_input {
	jday done_on;            /* JDAY_NONE: today */
	enum step_outcome outcome;
	int back_to;             /* 退回: the earlier step to redo */
	const char *reason;      /* required for 退回 and 不通过 */
	int nkv;
	const char *keys[STEP_MAX_KV];
	const char *values[STEP_MAX_KV];
};

/* Step 1's income fields as the household's record of the year already
 * holds them (the income grid, an earlier flow): fn(arg, key, value) for
 * each, amounts in 元 as the fields take them, so the visit verifies the
 * figures instead of typing them again.  The year is the one the step
 * would record for a visit on `visit`.  1 if recorded, 0 if not (or the
 * run is not at step 1). */
int flow_step1_known_income(struct session *s, const struct flow_run *r, jday visit,
                            void (*fn)(void *arg, const char *key, const char *value), void *arg);
const char *flow_step_name(int step);
/* 帮扶消除 or 自然消除, required (step data, the national import) */
int elim_method_check(const char *method, struct jerr *e);   /* 入户核实 … */

int flow_get(struct session *s, int64_t run_id, struct flow_run *r, struct jerr *e);
/* the open run of a household, 0 if none */
int64_t flow_open_run(struct session *s, int64_t household_id);
/* step records in order; returns the count */
int flow_steps(struct session *s, int64_t run_id, struct step_record *out, int max);
/* runs of a household, newest first */
int flow_runs_of(struct session *s, int64_t household_id, struct flow_run *out, int max);

/* What an officer may do about a household's standing now (SPEC §4, §5),
 * in the order a menu lists them. */
enum flow_action {
	FLOW_ACT_STEP,        /* open the run in progress (its step, or to read it) */
	FLOW_ACT_ELIMINATE,   /* start risk elimination: a 监测中 household without a run */
	FLOW_ACT_ROLLBACK,    /* county: 风险已消除 back to 监测中 */
	FLOW_ACT_LEAD,        /* register a lead: no run, not monitored, not dissolved */
	FLOW_ACT_DISSOLVE,    /* county: 注销 */
	FLOW_ACT_COUNT
};
/* The actions this officer may take on the household now, by the same
 * preconditions the engine checks when they are taken (role, status, an
 * open run); elimination's conditions are left to elimination_check, so
 * the officer offered it is told every one that fails.  Returns how many
 * (0 for a household out of scope); *run_id (may be NULL) gets the open
 * run, 0 if none. */
int flow_offered_actions(struct session *s, int64_t household_id,
                         enum flow_action out[FLOW_ACT_COUNT], int64_t *run_id);
/* 1 if the officer's role is the one configured for step 1..5 (it does
 * not say the officer may: area and four eyes are flow_may_complete's). */
int flow_role_does_step(const struct session *s, int step);
/* 0 if this officer may complete the run's current step now; else -1 with
 * the reason (role, area, four eyes). */
int flow_may_complete(struct session *s, const struct flow_run *r, struct jerr *e);
/* What a step screen offers this officer on run r now (issue 16: a screen
 * shows only keys that work): nothing on a step they may only read
 * (flow_may_complete refuses); 退回 only from step 2 on, there being an
 * earlier step; objections from step 3 on, the posting they answer. */
enum {
	FLOW_OFFER_PASS = 1, FLOW_OFFER_RETURN = 2, FLOW_OFFER_REJECT = 4, FLOW_OFFER_OBJECTION = 8,
};
unsigned flow_offers(struct session *s, const struct flow_run *r);
/* The rule flow_complete applies to one step data value that needs nothing
 * but the values (participants, elim_method, step 2's result with its
 * findings), for a form to call while the officer types.  0 (also for an
 * empty value or a key without such a rule), or -1 with e. */
int flow_step_value_check(int step, const struct step_input *in, const char *key,
                          struct jerr *e);
/* The order of a run's dates (SPEC §5): lead ≤ 入户核实 ≤ 比对发出 ≤ 比对返回
 * ≤ step 2's day ≤ 评议会议 ≤ 公示开始, each step's day after its own dates,
 * none in the future.  For a form to call while the officer types one of
 * the step's dates (key visit_date, sent_on, returned_on, meeting_date,
 * done_on, or the posting's post_start, post_end; in carries the form's
 * other values -- the posting as typed under those two keys -- and
 * done_on, JDAY_NONE = today): the refusal flow_complete (or flow_post,
 * for the posting) would make of that date, naming both dates.  Step 3's
 * wait for the posting's end is not a date typed wrong: the save says it.
 * 0, or -1 with e. */
int flow_step_date_check(struct session *s, int64_t run_id, const struct step_input *in,
                         const char *key, struct jerr *e);
/* The posting's dates as flow_post judges them: started by today, not
 * before step 2's day, ending no earlier than start + posting_days.  Step 3
 * then passes only after the posting's last day.  0, or -1 with e. */
int flow_posting_check(struct session *s, int64_t run_id, jday start, jday end, struct jerr *e);
/* Completes (通过), returns (退回) or ends (不通过) the current step. */
int flow_complete(struct session *s, int64_t run_id, const struct step_input *in,
                  struct jerr *e);

/* Step 3's posting: place and period (must precede completing step 3). */
int flow_post(struct session *s, int64_t run_id, const char *place, jday start, jday end,
              struct jerr *e);
/* Objections belong to the posting: recorded only while the run is open at
 * step 3 with its posting registered (SPEC §5), received no earlier than
 * the posting's first day and not after today, by an officer who works on
 * flows.  0 if this officer
 * may record one on the run now, else -1 with the reason (objection_add
 * applies it). */
int objection_may_add(const struct session *s, const struct flow_run *r, struct jerr *e);
/* 1 if the objection key has work on this run: recording one, or resolving
 * one still open (received before this rule, or at an earlier pass of step 3). */
int objection_offered(struct session *s, const struct flow_run *r);
int objection_add(struct session *s, int64_t run_id, jday received, const char *content,
                  int64_t *out_id, struct jerr *e);
int objection_resolve(struct session *s, int64_t objection_id, const char *resolution,
                      struct jerr *e);

/* Elimination may start only when every condition holds; the refusal names
 * every one that fails.  Returns the number failing (0 = may start). */
int elimination_check(struct session *s, int64_t household_id, struct jerr *e);
int flow_start_elimination(struct session *s, int64_t household_id, const char *method,
                           int64_t *run_id, struct jerr *e);
/* County only, with reason: 风险已消除 → 监测中. */
int flow_rollback(struct session *s, int64_t household_id, const char *reason, struct jerr *e);
/* County only, with reason: → 已注销. */
int household_dissolve(struct session *s, int64_t household_id, const char *reason,
                       struct jerr *e);

/* Batch decisions (SPEC §7): completes `step` for every run in ids with 通过,
 * except those in exceptions (each 退回 or 不通过 with its own reason), in
 * one transaction: all of it or nothing (e names the run that failed). */
struct batch_exception {
	int64_t run_id;
	enum step_outcome outcome;   /* OUT_RETURN or OUT_FAIL */
	int back_to;
	const char *reason;
};
int flow_batch(struct session *s, int step, const int64_t *ids, int n,
               const struct batch_exception *ex, int nex, jday done_on, struct jerr *e);

/* ---- additions for the console ---- */

struct posting { char place[128]; char start_on[11], end_on[11]; };
/* 1 if the run has a posting (filled into p), 0 if none or not visible */
int flow_posting(struct session *s, int64_t run_id, struct posting *p);
/* The first day step 3 may pass with this posting: the day after its last
 * day (JDAY_NONE without one). */
jday flow_posting_over_on(const struct posting *p);

struct objection {
	int64_t id;
	char received_on[11], resolved_on[11];
	char content[256], resolution[256];
	int resolved;
};
/* objections of a run in the order received; returns the count */
int objection_list(struct session *s, int64_t run_id, struct objection *out, int max);

#endif
