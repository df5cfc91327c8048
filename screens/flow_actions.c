/* What can be done to a household's standing besides the step in hand
 * (SPEC §5): start risk elimination -- refused with the engine's full list
 * of unmet conditions --, and for county officers roll an elimination back
 * or dissolve the household, each with a reason.  A menu of what fits the
 * household's status and the officer's role, then boxes; no screen. */
#include <stdio.h>
#include <string.h>

#include "kit/app.h"
#include "flow/flow.h"
#include "register/household.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "work.h"
#include "workui.h"

enum fa { FA_STEP, FA_ELIMINATE, FA_ROLLBACK, FA_DISSOLVE, FA_LEAD, FA_COUNT };

static const char *const labels[FA_COUNT] = {
	"办理进行中的流程", "启动风险消除", "回退风险消除（县级）", "注销户（县级）", "登记风险线索",
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
static void county_act(struct app *app, const struct household *h, enum fa what)
{
	struct session *s = app_session(app);
	char reason[256] = "", q[300];
	struct jerr e = { 0 };
	const char *name = what == FA_ROLLBACK ? "回退风险消除" : "注销户";
	if (!ask_reason(app, name, what == FA_ROLLBACK ? "回退的理由（如风险返回）：" :
	                "注销的理由（如家庭成员全部去世、迁出）：", reason, sizeof reason))
		return;
	snprintf(q, sizeof q, what == FA_ROLLBACK ? "把%s（%s）从“风险已消除”回退为“监测中”？" :
	         "注销%s（%s）？注销后不再监测，记录仍保留。", h->head_name, h->hh_no);
	if (prompt_confirm(app, q) != 1)
		return;
	int rc = what == FA_ROLLBACK ? flow_rollback(s, h->id, reason, &e)
	                             : household_dissolve(s, h->id, reason, &e);
	if (rc != 0)
		show_refusal(app, name, e.msg);
	else
		app_msg(app, MSG_OK, "%s：%s %s", what == FA_ROLLBACK ? "已回退为监测中" : "已注销",
		        h->head_name, h->hh_no);
}

/* The actions that fit: by status, and the county's own. */
static int offered(struct session *s, const struct household *h, int64_t run, enum fa out[])
{
	int n = 0, county = s->me.role == ROLE_COUNTY;
	if (run)
		out[n++] = FA_STEP;
	if (h->status == STATUS_MONITORED && !run)
		out[n++] = FA_ELIMINATE;
	if (county && h->status == STATUS_ELIMINATED)
		out[n++] = FA_ROLLBACK;
	if (h->status == STATUS_LEAD || h->status == STATUS_REJECTED ||
	    h->status == STATUS_ELIMINATED)
		out[n++] = FA_LEAD;
	if (county && h->status != STATUS_DISSOLVED)
		out[n++] = FA_DISSOLVE;
	return n;
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
	int64_t run = flow_open_run(s, household_id);
	enum fa acts[FA_COUNT];
	const char *items[FA_COUNT];
	int n = offered(s, &h, run, acts);
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
	case FA_STEP: step_form_push(app, run); break;
	case FA_ELIMINATE: eliminate(app, &h); break;
	case FA_ROLLBACK: case FA_DISSOLVE: county_act(app, &h, acts[k]); break;
	case FA_LEAD: lead_form_push(app, household_id); break;
	default: break;
	}
}
