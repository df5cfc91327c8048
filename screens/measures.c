/* The measures of the officer's area (issue 5): filtered by village,
 * category and state, paged; n adds one for a household found by search,
 * Enter edits, c marks one finished. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "register/hhlist.h"
#include "register/household.h"
#include "kit/listview.h"
#include "kit/pagelist.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "kit/ui.h"
#include "work.h"
#include "workq.h"
#include "workui.h"
#include "flow/worklist.h"

/* Begins with its pagelist: pagelist_idle and pagelist_resume serve it. */
struct mlist {
	struct pagelist pl;
	struct measure_filter f;
	char area_name[160];
};

static long m_count(void *arg)
{
	struct mlist *l = arg;
	return (long)measure_area_count(l->pl.s, &l->f);
}

static int m_read(void *arg, long off, int n, void *page)
{
	struct mlist *l = arg;
	return measure_area_list(l->pl.s, &l->f, (int)off, page, n);
}

static void m_cell(void *arg, long i, int col, char *buf, size_t n)
{
	const struct measure_row *r = pagelist_row(arg, i);
	char money[32] = "";
	if (!r) {
		buf[0] = 0;
		return;
	}
	switch (col) {
	case 0: snprintf(buf, n, "%s", r->head_name); break;
	case 1: snprintf(buf, n, "%s", r->village); break;
	case 2: snprintf(buf, n, "%s%s%s", r->m.category, *r->m.item ? "：" : "", r->m.item); break;
	case 3: snprintf(buf, n, "%s", r->m.state); break;
	case 4: snprintf(buf, n, "%s", r->m.start_on); break;
	default:
		if (r->m.amount >= 0)
			money_fmt(r->m.amount, money, sizeof money);
		snprintf(buf, n, "%s%s%s%s", r->m.content, *money ? " " : "", money, *money ? "元" : "");
		break;
	}
}

static const struct lv_column m_columns[] = {
	{ "户主", 8, 0, 16, 0, 0 }, { "村", 8, 0, 12, 0, 0 }, { "类别", 16, 0, 24, 0, 0 },
	{ "状态", 6, 0, 0, 0, 0 }, { "开始", 10, 0, 0, 0, 0 }, { "内容", 0, 0, 0, 0, 1 },
};

/* --- filters ----------------------------------------------------------------- */

static void choose_category(struct app *app, struct mlist *l)
{
	const struct config *cfg = app_session(app)->cfg;
	const char *items[65];
	items[0] = "全部类别";
	for (int i = 0; i < cfg->codes.ncats && i < 64; i++)
		items[i + 1] = cfg->codes.cats[i].label;
	int k = pick_text(app, "按措施类别筛选", items, cfg->codes.ncats + 1, 0);
	if (k >= 0)
		snprintf(l->f.category, sizeof l->f.category, "%s", k ? items[k] : "");
}

static void choose_state(struct mlist *l, struct app *app)
{
	static const char *const items[] = { "全部状态", "计划", "实施中", "已完成" };
	int k = pick_text(app, "按措施状态筛选", items, 4, 0);
	if (k >= 0)
		snprintf(l->f.state, sizeof l->f.state, "%s", k ? items[k] : "");
}

static void choose_filter(struct app *app, struct mlist *l)
{
	static const char *const what[] = { "按村筛选", "按措施类别筛选", "按状态筛选", "清除全部筛选" };
	int k = pick_text(app, "筛选帮扶措施", what, 4, 0);
	int64_t id;
	switch (k) {
	case 0:
		if (pick_area(app, "选择村（乡镇）", LEVEL_VILLAGE, &id, l->area_name,
		              sizeof l->area_name))
			l->f.area_id = id;
		break;
	case 1: choose_category(app, l); break;
	case 2: choose_state(l, app); break;
	case 3: memset(&l->f, 0, sizeof l->f); l->area_name[0] = 0; break;
	default: return;
	}
	lv_reload(&l->pl.lv);
	lv_select(&l->pl.lv, 0);
}

/* --- actions ------------------------------------------------------------------- */

static void add(struct app *app)
{
	struct hh_filter f;
	int64_t hh;
	memset(&f, 0, sizeof f);
	snprintf(f.status, sizeof f.status, "%s", hh_status_text(STATUS_MONITORED));
	if (pick_household(app, "为哪一户登记措施（监测中的户）", &f, &hh))
		measure_form_push(app, hh, 0);
}

static void finish(struct app *app, struct mlist *l, const struct measure_row *r)
{
	char day[24], label[200];
	struct jerr e = { 0 };
	date_fmt(clock_today(), day);
	snprintf(label, sizeof label, "%s %s 的结束日期：", r->head_name, r->m.category);
	if (!prompt_line(app, "措施完成", label, day, sizeof day))
		return;
	if (measure_finish(app_session(app), r->m.id, date_parse(day), &e) != 0) {
		show_refusal(app, "未完成", e.msg);
		return;
	}
	app_msg(app, MSG_OK, "已完成：%s %s", r->head_name, r->m.category);
	lv_reload(&l->pl.lv);
}

/* --- the screen ------------------------------------------------------------------ */

static int mlist_enter(struct app *app, void *arg)
{
	(void)arg;
	struct mlist *l = calloc(1, sizeof *l);
	struct lv_source src = { .count = m_count, .cell = m_cell };
	if (!l || pagelist_init(&l->pl, app, sizeof(struct measure_row), m_read, &src, m_columns, 6,
	                        "没有相符的帮扶措施；按 n 新增，f 改筛选") != 0) {
		free(l);
		return -1;
	}
	app_set_data(app, l);
	return 0;
}

static void mlist_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct mlist *l = app_data(app);
	char line[400], pos[64];
	lv_draw(&l->pl.lv, w, 1, 0, rows - 1, cols);   /* first: it learns the count */
	lv_position(&l->pl.lv, pos, sizeof pos);
	snprintf(line, sizeof line, "%s  %s  %s  %s", *l->area_name ? l->area_name : "全部村",
	         *l->f.category ? l->f.category : "全部类别", *l->f.state ? l->f.state : "全部状态",
	         pos);
	ui_put(w, 0, 0, cols, line, UI_DIM);
}

static int mlist_key(struct app *app, int key, int code)
{
	struct mlist *l = app_data(app);
	enum action_id act = app_action(app, key, code);
	if (lv_key(&l->pl.lv, act))
		return HANDLED;
	const struct measure_row *sel = pagelist_selected(&l->pl);
	struct measure_row r;
	if (sel)
		r = *sel;
	switch (act) {
	case ACT_FILTER: choose_filter(app, l); return HANDLED;
	case ACT_NEW: add(app); return HANDLED;
	case ACT_REFRESH: lv_reload(&l->pl.lv); return HANDLED;
	case ACT_OPEN: case ACT_EDIT:
		if (sel)
			measure_form_push(app, r.m.household_id, r.m.id);
		return HANDLED;
	case ACT_FINISH:
		if (sel)
			finish(app, l, &r);
		return HANDLED;
	case ACT_HOUSEHOLD:
		if (sel)
			hh_detail_push(app, r.m.household_id);
		return HANDLED;
	default: return UNHANDLED;
	}
}

static const enum action_id mlist_actions[] = {
	LV_ACTIONS, ACT_OPEN, ACT_NEW, ACT_FINISH, ACT_FILTER, ACT_HOUSEHOLD, ACT_EDIT, ACT_REFRESH,
	ACT_NONE
};

static const struct screen mlist_screen = {
	.name = "measures",
	.title = "帮扶措施",
	.enter = mlist_enter,
	.leave = pagelist_leave,
	.draw = mlist_draw,
	.key = mlist_key,
	.actions = mlist_actions,
	.idle = pagelist_idle,
	.resume = pagelist_resume,
};

void measures_push(struct app *app)
{
	app_push(app, &mlist_screen, NULL);
}
