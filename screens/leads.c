/* Open leads (SPEC §4, issues 5 and 12): each with its verify-by date, who
 * verifies it and its merged sources, late ones marked; Enter shows them
 * all, i starts identification (and opens step 1 when it is this
 * officer's), x records the other results (核实无风险, 已在监测), a assigns
 * it to an officer, n enters a new lead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "register/hhlist.h"
#include "flow/flow.h"
#include "flow/lead.h"
#include "kit/listview.h"
#include "kit/pagelist.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "kit/ui.h"
#include "work.h"
#include "workq.h"
#include "workui.h"

static int l_read(void *arg, long off, int n, void *page)
{
	struct pagelist *l = arg;
	return lead_list_open(l->s, (int)off, page, n);
}

static void l_cell(void *arg, long i, int col, char *buf, size_t n)
{
	const struct lead *x = pagelist_row(arg, i);
	if (!x) {
		buf[0] = 0;
		return;
	}
	switch (col) {
	case 0: snprintf(buf, n, "%s", x->created_on); break;
	case 1: snprintf(buf, n, "%s", *x->verify_by ? x->verify_by : "-"); break;
	case 2: snprintf(buf, n, "%s", x->name); break;
	case 3: snprintf(buf, n, "%s", x->village_name); break;
	case 4: snprintf(buf, n, "%s", x->owner); break;
	case 5: snprintf(buf, n, "%d", x->nsources); break;
	default: snprintf(buf, n, "%s%s", x->overdue ? "核实超期 " : "", x->sources); break;
	}
}

static enum ui_role l_role(void *arg, long i)
{
	const struct lead *x = pagelist_row(arg, i);
	return x && x->overdue ? UI_WARN : UI_NORMAL;
}

/* Names and villages whole (阿依古丽·买买提 takes 15 columns); the
 * sources give way. */
static const struct lv_column l_columns[] = {
	{ "日期", 10, 0, 0, 0, 0 }, { "核实期限", 10, 0, 0, 0, 0 }, { "姓名", 8, 0, 16, 0, 0 },
	{ "村", 8, 0, 12, 0, 0 }, { "核实人", 10, 0, 16, 0, 0 }, { "来源", 4, 1, 0, 0, 0 },
	{ "来源明细", 0, 0, 0, 0, 1 },   /* Enter shows each merged source whole */
};

/* --- actions on a lead ------------------------------------------------------- */

static void show_sources(struct app *app, const struct lead *x)
{
	struct lead_source src[32];
	char text[8192];
	int n = lead_sources(app_session(app), x->id, src, 32);
	size_t len = (size_t)snprintf(text, sizeof text, "%s %s %s，%s，登记于%s，由%s在%s前核实%s\n\n",
	                              x->name, *x->hh_no ? x->hh_no : "（未建户）", x->village_name,
	                              x->state, x->created_on, x->owner,
	                              *x->verify_by ? x->verify_by : "识别期限",
	                              x->overdue ? "（已超期）" : "");
	for (int i = 0; i < n && len < sizeof text; i++)
		/* no spaces: ui_wrap breaks lines at spaces, Chinese needs none */
		len += (size_t)snprintf(text + len, sizeof text - len, "第%d条：%s，%s%s%s%s：%s%s%s\n",
		                        i + 1, src[i].found_on, src[i].channel,
		                        *src[i].department ? "（" : "", src[i].department,
		                        *src[i].department ? "）" : "", src[i].reason,
		                        *src[i].officer ? "，登记人" : "", src[i].officer);
	prompt_message(app, "线索来源", text);
}

/* A lead naming only a person needs the household they belong to. */
static int household_for(struct app *app, const struct lead *x, int64_t *hh)
{
	static const char *const how[] = { "选择此人所在的户", "为此人新建户（保存即启动识别）" };
	int k = pick_text(app, "这条线索只登记了个人", how, 2, 0);
	if (k == 1)
		hh_form_push_for_lead(app, x->id);
	if (k != 0)
		return 0;
	struct hh_filter f;
	memset(&f, 0, sizeof f);
	snprintf(f.search, sizeof f.search, "%s", x->id_no);
	return pick_household(app, "选择此人所在的户", &f, hh);
}

static void start(struct app *app, struct pagelist *l, const struct lead *x)
{
	struct session *s = app_session(app);
	int64_t hh = 0, run = 0;
	struct jerr e = { 0 };
	if (!x->household_id && !household_for(app, x, &hh))
		return;
	char who[64];
	snprintf(who, sizeof who, "%s", x->name);
	if (lead_start(s, x->id, hh, &run, &e) != 0) {
		show_refusal(app, "不能启动识别", e.msg);
		return;
	}
	lv_reload(&l->lv);
	app_msg(app, MSG_OK, "已对%s启动识别纳入，流程在第1步“入户核实”", who);
	if (flow_role_does_step(s, 1))
		step_form_push(app, run);   /* straight to the work */
}

/* The results that end a lead without identification; 启动识别 is i. */
static void dismiss(struct app *app, struct pagelist *l, const struct lead *x)
{
	const char *items[] = { lead_result_text(LEAD_NO_RISK), lead_result_text(LEAD_MONITORED) };
	char reason[256] = "", label[160];
	struct jerr e = { 0 };
	int k = pick_text(app, "核实结果（启动识别请按 i）", items, 2, 0);
	if (k < 0)
		return;
	snprintf(label, sizeof label, "%s：%s，说明：", x->name, items[k]);
	if (!ask_reason(app, "核实结果", label, reason, sizeof reason))
		return;
	struct session *s = app_session(app);
	if ((k == 0 ? lead_dismiss(s, x->id, reason, &e)
	            : lead_already_monitored(s, x->id, reason, &e)) != 0) {
		show_refusal(app, "不能记录核实结果", e.msg);
		return;
	}
	lv_reload(&l->lv);
	app_msg(app, MSG_OK, "已记录%s的线索核实结果：%s", x->name, items[k]);
}

static void assign(struct app *app, struct pagelist *l, const struct lead *x)
{
	struct officer who[32];
	char names[33][96];
	const char *items[33];
	struct session *s = app_session(app);
	int n = lead_assignees(s, x->id, who, 32);
	snprintf(names[0], sizeof names[0], "%s村级（默认）", x->village_name);
	items[0] = names[0];
	for (int i = 0; i < n; i++) {
		snprintf(names[i + 1], sizeof names[0], "%s（%s）", who[i].name, role_label(who[i].role));
		items[i + 1] = names[i + 1];
	}
	int k = pick_text(app, "分派给谁核实", items, n + 1, 0);
	struct jerr e = { 0 };
	if (k < 0)
		return;
	if (lead_assign(s, x->id, k ? who[k - 1].id : 0, &e) != 0) {
		show_refusal(app, "不能分派", e.msg);
		return;
	}
	lv_reload(&l->lv);
	app_msg(app, MSG_OK, "%s的线索已分派给%s", x->name, items[k]);
}

/* --- the screen ------------------------------------------------------------------ */

static int leads_enter(struct app *app, void *arg)
{
	(void)arg;
	struct lv_source src = { .cell = l_cell, .row_role = l_role };
	return pagelist_new(app, sizeof(struct lead), l_read, &src, l_columns, 7,
	                    "没有待核实的线索；按 n 登记新线索") ? 0 : -1;
}

static void leads_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct pagelist *l = app_data(app);
	char pos[64];
	lv_draw(&l->lv, w, 0, 0, rows - 1, cols);
	lv_position(&l->lv, pos, sizeof pos);
	ui_put(w, rows - 1, 0, cols, pos, UI_DIM);
}

static int leads_key(struct app *app, int key, int code)
{
	struct pagelist *l = app_data(app);
	enum action_id act = app_action(app, key, code);
	if (lv_key(&l->lv, act))
		return HANDLED;
	if (act == ACT_NEW_LEAD) {
		lead_form_push(app, 0);
		return HANDLED;
	}
	if (act == ACT_REFRESH) {
		lv_reload(&l->lv);
		return HANDLED;
	}
	const struct lead *sel = pagelist_selected(l);
	if (!sel || act == ACT_NONE)
		return act == ACT_NONE ? UNHANDLED : HANDLED;
	struct lead x = *sel;      /* the page is fetched again behind a box */
	switch (act) {
	case ACT_OPEN: show_sources(app, &x); return HANDLED;
	case ACT_START_ID: start(app, l, &x); return HANDLED;
	case ACT_DISMISS: dismiss(app, l, &x); return HANDLED;
	case ACT_LEAD_ASSIGN: assign(app, l, &x); return HANDLED;
	case ACT_HOUSEHOLD:
		if (x.household_id)
			hh_detail_push(app, x.household_id);
		else
			app_msg(app, MSG_INFO, "这条线索还没有对应的户");
		return HANDLED;
	default: return UNHANDLED;
	}
}

static const enum action_id leads_actions[] = {
	LV_ACTIONS, ACT_OPEN, ACT_START_ID, ACT_DISMISS, ACT_LEAD_ASSIGN, ACT_NEW_LEAD, ACT_HOUSEHOLD,
	ACT_REFRESH, ACT_NONE
};

static const struct screen leads_screen = {
	.name = "leads",
	.title = "风险线索（待核实）",
	.enter = leads_enter,
	.leave = pagelist_leave,
	.draw = leads_draw,
	.key = leads_key,
	.actions = leads_actions,
	.idle = pagelist_idle,
	.resume = pagelist_resume,
};

void leads_push(struct app *app)
{
	app_push(app, &leads_screen, NULL);
}
