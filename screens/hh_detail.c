/* The household detail (SPEC §7): tabs for the household and its income,
 * members, risks and guarantees, contact persons, measures, visits, flow
 * runs with each step's record, and the audit history.  From here the
 * officer edits the household and its members and opens the work forms
 * (measures, visits, steps, leads, contact persons, flow actions).  IDs
 * are masked; v reveals the selected member's, and the reveal is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "base/clock.h"
#include "drafts.h"
#include "register/flags.h"
#include "flow/flow.h"
#include "hh_detail.h"
#include "access/history.h"
#include "register/member_events.h"
#include "register/privacy.h"
#include "base/vocab.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "step_fields.h"
#include "base/text.h"
#include "kit/ui.h"
#include "work.h"
#include "workui.h"

static const char *const tab_names[T_COUNT] = {
	"户信息与收入", "成员", "风险与保障", "联系人", "帮扶措施", "走访", "流程", "审计",
};

/* Reads the household again (after a save here or elsewhere) and rebuilds
 * the tab, keeping the selection. */
static void reload(struct hd *d)
{
	struct jerr e = { 0 };
	watch_reset(&d->watch, d->s);
	d->ok = household_get(d->s, d->id, &d->h, &e) == 0;
	snprintf(d->why, sizeof d->why, "%s", e.msg);
	d->flags = d->ok ? flags_of(d->s, d->id) : 0;
	d->open_run = d->ok ? flow_open_run(d->s, d->id) : 0;
	long sel = d->lv.sel;
	hd_build_tab(d);
	lv_select(&d->lv, sel);
}

static void show_tab(struct hd *d, enum hd_tab t)
{
	d->tab = (enum hd_tab)((t + T_COUNT) % T_COUNT);
	d->revealed_member = 0;     /* a revealed ID shows until the tab changes */
	hd_build_tab(d);
	lv_select(&d->lv, 0);
	d->lv.top = 0;
}

/* What hd_enter is given: the household, and the tab to show first. */
struct hd_open {
	int64_t id;
	enum hd_tab tab;
};

static int hd_enter(struct app *app, void *arg)
{
	struct hd *d = calloc(1, sizeof *d);
	app_set_data(app, d);
	if (!d) {
		app_msg(app, MSG_ERROR, "内存不足，无法打开户详情");
		return -1;
	}
	const struct hd_open *o = arg;
	d->s = app_session(app);
	d->id = o->id;
	d->tab = o->tab;
	struct lv_source none = { 0 };
	lv_init(&d->lv, d->cols, 0, &none);
	reload(d);
	if (d->ok)
		app_set_title(app, "户详情 %s %s", d->h.head_name, d->h.hh_no);
	return 0;
}

static void hd_leave(struct app *app)
{
	struct hd *d = app_data(app);
	if (d) {
		free(d->rows);
		free(d->audit);
		free(d);
	}
}

/* --- drawing --------------------------------------------------------------- */

static void draw_tabs(struct hd *d, WINDOW *w, int cols)
{
	int x = 0;
	ui_fill(w, 0, 0, cols, UI_STATUS);
	for (int t = 0; t < T_COUNT && x < cols; t++) {
		char label[64];
		snprintf(label, sizeof label, " %s ", tab_names[t]);
		x += ui_text(w, 0, x, cols - x, label, t == (int)d->tab ? UI_SELECTED : UI_STATUS);
	}
}

static void draw_summary(struct hd *d, WINDOW *w, int cols)
{
	char line[400];
	snprintf(line, sizeof line, "%s  户主 %s  %s%s  %d人  %s%s%s", d->h.hh_no, d->h.head_name,
	         d->h.village_name, d->h.group_name, d->h.size, hh_status_text(d->h.status),
	         d->h.hh_type[0] ? "  " : "", d->h.hh_type);
	ui_put(w, 1, 0, cols, line, d->flags ? UI_WARN : UI_HEADER);
}

/* Keys that seldom fit on the bottom line, from the one action table. */
static void draw_more_keys(WINDOW *w, int y, int cols)
{
	static const enum action_id more[] = {
		ACT_ADD_MEASURE, ACT_ADD_VISIT, ACT_ADD_LEAD, ACT_ASSIGN, ACT_FLOW, ACT_MEMBER_EVENT,
		ACT_NONE
	};
	char line[512] = "更多：";
	for (const enum action_id *a = more; *a != ACT_NONE; a++) {
		char keys[32];
		size_t len = strlen(line);
		action_keys_text(*a, 0, keys, sizeof keys);
		snprintf(line + len, sizeof line - len, "%s%s ", keys, action_label(*a, 0));
	}
	strncat(line, " 1-8切换栏目", sizeof line - strlen(line) - 1);
	ui_put(w, y, 0, cols, line, UI_DIM);
}

static void hd_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct hd *d = app_data(app);
	if (!d->ok) {
		ui_put(w, 1, 2, cols - 4, d->why[0] ? d->why : "找不到这一户", UI_ERROR);
		ui_put(w, 2, 2, cols - 4, "按 Esc 返回。", UI_DIM);
		return;
	}
	draw_tabs(d, w, cols);
	draw_summary(d, w, cols);
	lv_draw(&d->lv, w, 2, 0, rows - 3, cols);
	draw_more_keys(w, rows - 1, cols);
}

/* --- actions --------------------------------------------------------------- */

static const struct hd_row *selected_row(struct hd *d)
{
	long i = lv_selected(&d->lv);
	return d->tab != T_AUDIT && i >= 0 && i < d->nrows ? &d->rows[i] : NULL;
}

static void reveal(struct app *app, struct hd *d)
{
	const struct hd_row *r = selected_row(d);
	if (!r || r->kind != R_MEMBER) {
		app_msg(app, MSG_INFO, "请在“成员”栏选中一名成员，再按 v 显示其完整证件号码");
		return;
	}
	struct jerr e = { 0 };
	char id[20];
	if (privacy_reveal(d->s, r->id, id, &e) != 0) {
		app_msg(app, MSG_ERROR, "%s", e.msg);
		return;
	}
	d->revealed_member = r->id;
	snprintf(d->revealed, sizeof d->revealed, "%s", id);
	app_msg(app, MSG_OK, "已显示 %s 的完整证件号码（已记入审计日志；切换栏目后隐藏）", r->cell[0]);
	reload(d);
}

static void ask_income(struct app *app, struct hd *d)
{
	char year[16];
	snprintf(year, sizeof year, "%d", date_year(clock_today()));
	if (!prompt_line(app, "年度收入", "填写哪一年的收入？", year, sizeof year))
		return;
	int y = atoi(year);
	if (y < 2013 || y > date_year(clock_today())) {
		app_msg(app, MSG_ERROR, "年度应在2013至%d之间", date_year(clock_today()));
		return;
	}
	income_form_push(app, d->id, y);
}

static void do_step(struct app *app, struct hd *d)
{
	if (d->open_run)
		step_form_push(app, d->open_run);
	else
		app_msg(app, MSG_INFO, "本户没有进行中的流程（新线索按 l，风险消除按 g）");
}

/* A recorded step in full: the list shows one line of it. */
static void show_step(struct app *app, struct hd *d, const struct hd_row *row)
{
	static struct step_record st[40];
	static char text[4096];
	int n = flow_steps(d->s, row->id, st, 40);
	if (row->sub >= n)
		return;
	const struct step_record *r = &st[row->sub];
	int len = snprintf(text, sizeof text, "办理日期：%s\n经办：%s\n办理结果：%s\n", r->done_on,
	                   r->officer_name, outcome_text(r->outcome));
	if (r->reason[0] && len < (int)sizeof text)
		len += snprintf(text + len, sizeof text - len, "理由：%s\n", r->reason);
	for (int i = 0; i < r->nkv && len < (int)sizeof text; i++)
		len += snprintf(text + len, sizeof text - len, "%s：%s\n", step_key_label(r->keys[i]),
		                r->values[i]);
	char title[64];
	snprintf(title, sizeof title, "第%d步 %s", r->step, flow_step_name(r->step));
	prompt_message(app, title, text);
}

/* Enter on a row opens what the row is; the household itself is edited
 * with its own key (ACT_EDIT_HH), so a stray Enter lands in no form. */
static void open_row(struct app *app, struct hd *d)
{
	const struct hd_row *r = selected_row(d);
	enum hd_kind k = r ? r->kind : R_TEXT;
	switch (k) {
	case R_MEMBER: member_form_push(app, d->id, r->id); break;
	case R_MEASURE: measure_form_push(app, d->id, r->id); break;
	case R_VISIT: visit_form_push(app, d->id, r->id); break;
	case R_INCOME: ask_income(app, d); break;
	case R_STEP: show_step(app, d, r); break;
	case R_RUN:
		if (r->id == d->open_run)
			step_form_push(app, r->id);
		else
			app_msg(app, MSG_INFO, "这一流程已结束，记录只能查看");
		break;
	default: {
		char keys[32];
		action_keys_text(ACT_EDIT_HH, 0, keys, sizeof keys);
		app_msg(app, MSG_INFO, "这一行没有可打开的内容；修改户信息请按 %s", keys);
	}
	}
}

static void new_item(struct app *app, struct hd *d)
{
	switch (d->tab) {
	case T_MEASURES: measure_form_push(app, d->id, 0); break;
	case T_VISITS: visit_form_push(app, d->id, 0); break;
	case T_MEMBERS: member_form_push(app, d->id, 0); break;
	default:
		app_msg(app, MSG_INFO, "在“成员”“帮扶措施”“走访”栏按 n 新增；或按 m 加措施、w 加走访");
	}
}

/* The other household of a transfer and the relation to its head. */
static int ask_destination(struct app *app, char *hh_no, size_t n, const char **relation)
{
	if (!prompt_line(app, "转到另一户", "转入户的户编号：", hh_no, n))
		return 0;
	const struct vocab *rel = config_codes(app_session(app)->cfg, CT_RELATION);
	int k = pick_text(app, "与转入户户主的关系", rel->items, rel->n, 1);
	*relation = k >= 0 ? rel->items[k] : NULL;
	return k >= 0;
}

/* A life event of the selected member (SPEC §2), with its day and reason;
 * newcomers (出生、婚入、迁入) are added on this tab with n. */
static void member_event(struct app *app, struct hd *d)
{
	static const enum member_event kinds[] = { MEV_DEATH, MEV_MARRY_OUT, MEV_MOVE_OUT,
	                                           MEV_TRANSFER };
	const struct hd_row *r = selected_row(d);
	if (d->tab != T_MEMBERS || !r || r->kind != R_MEMBER) {
		app_msg(app, MSG_INFO, "在“成员”栏选中一名成员，按 c 登记其死亡、婚出、迁出或转移");
		return;
	}
	int64_t member = r->id;
	const char *items[4], *relation = NULL;
	for (int i = 0; i < 4; i++)
		items[i] = member_event_text(kinds[i]);
	char day[24], reason[256] = "", hh_no[32] = "";
	int k = pick_text(app, "成员变动", items, 4, 0);
	date_fmt(clock_today(), day);
	if (k < 0 || !prompt_line(app, items[k], "变动日期：", day, sizeof day) ||
	    !ask_reason(app, items[k], "原因：", reason, sizeof reason) ||
	    (kinds[k] == MEV_TRANSFER && !ask_destination(app, hh_no, sizeof hh_no, &relation)))
		return;
	struct jerr e = { 0 };
	int rc = kinds[k] == MEV_TRANSFER
	         ? member_transfer(d->s, member, hh_no, relation, date_parse(day), reason, &e)
	         : member_leave(d->s, member, kinds[k], date_parse(day), reason, &e);
	if (rc != 0) {
		show_refusal(app, "不能登记成员变动", e.msg);
		return;
	}
	reload(d);
	app_msg(app, MSG_OK, "已登记成员变动：%s", items[k]);
}

static int hd_action(struct app *app, struct hd *d, enum action_id act)
{
	switch (act) {
	case ACT_TAB_NEXT: show_tab(d, d->tab + 1); break;
	case ACT_TAB_PREV: show_tab(d, d->tab - 1); break;
	case ACT_OPEN: open_row(app, d); break;
	case ACT_EDIT_HH: hh_form_push(app, d->id); break;
	case ACT_NEW: new_item(app, d); break;
	case ACT_REVEAL: reveal(app, d); break;
	case ACT_INCOME: ask_income(app, d); break;
	case ACT_ADD_MEASURE: measure_form_push(app, d->id, 0); break;
	case ACT_ADD_VISIT: visit_form_push(app, d->id, 0); break;
	case ACT_DO_STEP: do_step(app, d); break;
	case ACT_ADD_LEAD: lead_form_push(app, d->id); break;
	case ACT_ASSIGN: assign_contact_push(app, &d->id, 1); break;
	case ACT_FLOW: flow_actions_push(app, d->id); break;
	case ACT_MEMBER_EVENT: member_event(app, d); break;
	case ACT_REFRESH: reload(d); break;
	default: return UNHANDLED;
	}
	return HANDLED;
}

static int hd_key(struct app *app, int key, int code)
{
	struct hd *d = app_data(app);
	if (!d->ok)
		return UNHANDLED;
	/* 1-8 jump to a tab */
	if (!code && key >= '1' && key < '1' + T_COUNT) {
		show_tab(d, (enum hd_tab)(key - '1'));
		return HANDLED;
	}
	enum action_id act = app_action(app, key, code);
	if (lv_key(&d->lv, act))
		return HANDLED;
	return hd_action(app, d, act);
}

/* Another officer saved: what is shown follows within a tick. */
static int hd_idle(struct app *app)
{
	struct hd *d = app_data(app);
	if (!watch_changed(&d->watch, d->s))
		return HANDLED;
	reload(d);
	return REDRAW;
}

static void hd_resume(struct app *app)
{
	struct hd *d = app_data(app);
	if (d) {
		reload(d);
		if (d->ok)
			app_set_title(app, "户详情 %s %s", d->h.head_name, d->h.hh_no);
	}
}

static const enum action_id hd_actions[] = {
	LV_ACTIONS, ACT_TAB_NEXT, ACT_TAB_PREV, ACT_OPEN, ACT_EDIT_HH, ACT_NEW, ACT_INCOME,
	ACT_REVEAL, ACT_DO_STEP, ACT_ADD_MEASURE, ACT_ADD_VISIT, ACT_ADD_LEAD, ACT_ASSIGN,
	ACT_FLOW, ACT_MEMBER_EVENT, ACT_REFRESH, ACT_NONE
};

static const struct screen hd_screen = {
	.name = "household_detail",
	.title = "户详情",
	.enter = hd_enter,
	.leave = hd_leave,
	.draw = hd_draw,
	.key = hd_key,
	.actions = hd_actions,
	.idle = hd_idle,
	.resume = hd_resume,
};

void hh_detail_push(struct app *app, int64_t household_id)
{
	struct hd_open o = { household_id, T_INFO };
	app_push(app, &hd_screen, &o);
}

void hh_detail_push_members(struct app *app, int64_t household_id)
{
	struct hd_open o = { household_id, T_MEMBERS };
	if (app_push(app, &hd_screen, &o) == 0)
		member_form_push(app, household_id, 0);
}
