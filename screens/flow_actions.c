/* What can be done to a household's standing besides the step in hand
 * (SPEC §5): start risk elimination -- refused with the engine's full list
 * of unmet conditions --, and for county officers roll an elimination back
 * or dissolve the household, each with a reason.  A menu of what the
 * engine offers this officer (flow_offered_actions), then boxes; no screen. */
#include <stdio.h>

#include "kit/app.h"
#include "flow/flow.h"
#include "register/household.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "work.h"
#include "workui.h"

static const char *const labels[FLOW_ACT_COUNT] = {
	[FLOW_ACT_STEP] = "办理进行中的流程", [FLOW_ACT_ELIMINATE] = "启动风险消除",
	[FLOW_ACT_ROLLBACK] = "回退风险消除（县级）", [FLOW_ACT_DISSOLVE] = "注销户（县级）",
	[FLOW_ACT_LEAD] = "登记风险线索",
};

static void eliminate(struct app *app, const struct household *h)
{
	struct session *s = app_session(app);
	struct jerr e = { 0 };
	if (elimination_check(s, h->id, &e) != 0) {
		show_refusal(app, "不能启动风险消除", e.msg);
		return;
	}
	static const char *const methods[] = { "帮扶消除", "自然消除" };
	int m = pick_text(app, "消除方式", methods, 2, 0);
	char q[256];
	snprintf(q, sizeof q, "对%s（%s）启动风险消除（%s）？", h->head_name, h->hh_no,
	         m >= 0 ? methods[m] : "");
	if (m < 0 || prompt_confirm(app, q) != 1)
		return;
	int64_t run = 0;
	if (flow_start_elimination(s, h->id, methods[m], &run, &e) != 0) {
		show_refusal(app, "不能启动风险消除", e.msg);
		return;
	}
	app_msg(app, MSG_OK, "已启动风险消除，流程在第1步“入户核实”");
	if (flow_role_does_step(s, 1))
		step_form_push(app, run);
}

/* Rollback and dissolution: a reason, a last question, the engine. */
static void county_act(struct app *app, const struct household *h, enum flow_action what)
{
	struct session *s = app_session(app);
	char reason[256] = "", q[300];
	struct jerr e = { 0 };
	const char *name = what == FLOW_ACT_ROLLBACK ? "回退风险消除" : "注销户";
	if (!ask_reason(app, name, what == FLOW_ACT_ROLLBACK ? "回退的理由（如风险返回）：" :
	                "注销的理由（如家庭成员全部去世、迁出）：", reason, sizeof reason))
		return;
	snprintf(q, sizeof q, what == FLOW_ACT_ROLLBACK ? "把%s（%s）从“风险已消除”回退为“监测中”？" :
	         "注销%s（%s）？注销后不再监测，记录仍保留。", h->head_name, h->hh_no);
	if (prompt_confirm(app, q) != 1)
		return;
	int rc = what == FLOW_ACT_ROLLBACK ? flow_rollback(s, h->id, reason, &e)
	                                   : household_dissolve(s, h->id, reason, &e);
	if (rc != 0)
		show_refusal(app, name, e.msg);
	else
		app_msg(app, MSG_OK, "%s：%s %s", what == FLOW_ACT_ROLLBACK ? "已回退为监测中" : "已注销",
		        h->head_name, h->hh_no);
}

void flow_actions_push(struct app *app, int64_t household_id)
{
	struct session *s = app_session(app);
	struct household h;
	struct jerr e = { 0 };
	if (household_get(s, household_id, &h, &e) != 0) {
		show_refusal(app, "找不到这一户", e.msg);
		return;
	}
	int64_t run = 0;
	enum flow_action acts[FLOW_ACT_COUNT];
	const char *items[FLOW_ACT_COUNT];
	int n = flow_offered_actions(s, household_id, acts, &run);
	if (n == 0) {
		app_msg(app, MSG_INFO, "%s现在是“%s”，没有可办理的流程事项", h.head_name,
		        hh_status_text(h.status));
		return;
	}
	for (int i = 0; i < n; i++)
		items[i] = labels[acts[i]];
	char title[160];
	snprintf(title, sizeof title, "%s %s（%s）", h.head_name, h.hh_no, hh_status_text(h.status));
	int k = pick_text(app, title, items, n, 0);
	if (k < 0)
		return;
	switch (acts[k]) {
	case FLOW_ACT_STEP: step_form_push(app, run); break;
	case FLOW_ACT_ELIMINATE: eliminate(app, &h); break;
	case FLOW_ACT_ROLLBACK: case FLOW_ACT_DISSOLVE: county_act(app, &h, acts[k]); break;
	case FLOW_ACT_LEAD: lead_form_push(app, household_id); break;
	default: break;
	}
}
