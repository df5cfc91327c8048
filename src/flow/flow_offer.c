/* What an officer may do about a household now: the engine's own
 * preconditions (flow_impl.h), asked before the menu is shown, so a screen
 * offers what the engine will take up and decides nothing itself. */
#include "flow/flow_impl.h"

int flow_offered_actions(struct session *s, int64_t household_id,
                         enum flow_action out[FLOW_ACT_COUNT], int64_t *run_id)
{
	struct hh_state st;
	int n = 0;
	if (run_id)
		*run_id = 0;
	if (hh_state_get(s, household_id, &st, NULL) != 0)
		return 0;
	int64_t run = flow_open_run(s, household_id);
	if (run_id)
		*run_id = run;
	int county = flow_role_decides_standing(s), works = flow_role_works(s);
	if (run)
		out[n++] = FLOW_ACT_STEP;
	if (works && !run && status_may_eliminate(st.status))
		out[n++] = FLOW_ACT_ELIMINATE;
	if (county && rollback_status_check(st.status, NULL) == 0)
		out[n++] = FLOW_ACT_ROLLBACK;
	/* a run in progress is the household's lead at work: new sources go to it */
	if (works && !run && lead_status_check(st.status, NULL) == 0)
		out[n++] = FLOW_ACT_LEAD;
	if (county && dissolve_status_check(st.status, NULL) == 0)
		out[n++] = FLOW_ACT_DISSOLVE;
	return n;
}

/* The step keys follow the engine: flow_complete refuses every outcome
 * where flow_may_complete does, and 退回 at step 1 (flow_run.c); an
 * objection is offered where objection_add takes one (while step 3 is
 * open) or one is left to resolve. */
unsigned flow_offers(struct session *s, const struct flow_run *r)
{
	unsigned o = objection_offered(s, r) ? FLOW_OFFER_OBJECTION : 0;
	if (flow_may_complete(s, r, NULL) != 0)
		return o;
	return o | FLOW_OFFER_PASS | FLOW_OFFER_REJECT | (r->step > 1 ? FLOW_OFFER_RETURN : 0);
}
