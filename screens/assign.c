/* Bulk assignment of contact persons (SPEC §6, issue 5): a filtered list
 * of households, Space marks rows (* all of them), a chooses the contact
 * person and commits every marked household in one transaction.  Also
 * assign_contact_push() for one household from anywhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "assist/assist.h"
#include "register/flags.h"
#include "register/hhlist.h"
#include "register/status.h"
#include "kit/listview.h"
#include "kit/pagelist.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "kit/ui.h"
#include "work.h"
#include "workq.h"
#include "workui.h"

#define MARK_MAX 20000

void assign_contact_push(struct app *app, const int64_t *households, int n)
{
	int64_t contact;
	char name[160], q[300];
	struct jerr e = { 0 };
	if (n <= 0) {
		app_msg(app, MSG_INFO, "请先用 Space 标记要安排的户");
		return;
	}
	snprintf(q, sizeof q, "为%d户选择帮扶联系人", n);
	if (!pick_contact(app, q, &contact, name, sizeof name))
		return;
	snprintf(q, sizeof q, "为%d户安排帮扶联系人 %s（自今天起；原联系人的记录保留）？", n, name);
	if (prompt_confirm(app, q) != 1)
		return;
	if (contact_bulk_assign(app_session(app), households, n, contact, JDAY_NONE, &e) != 0) {
		show_refusal(app, "未安排", e.msg);
		return;
	}
	app_msg(app, MSG_OK, "已为%d户安排帮扶联系人 %s", n, name);
}

/* --- the marking list -------------------------------------------------------- */

/* Begins with its pagelist: pagelist_idle and pagelist_resume serve it. */
struct alist {
	struct pagelist pl;
	struct hh_filter f;
	char what[160];              /* what the filter shows, in words */
	int64_t *marks;
	int nmarks;
};

static long a_count(void *arg)
{
	struct alist *l = arg;
	return (long)hhlist_count(l->pl.s, &l->f);
}

static int a_read(void *arg, long off, int n, void *page)
{
	struct alist *l = arg;
	return hhlist_page(l->pl.s, &l->f, off, n, page);
}

static int marked(const struct alist *l, int64_t id)
{
	for (int i = 0; i < l->nmarks; i++)
		if (l->marks[i] == id)
			return i;
	return -1;
}

static void a_cell(void *arg, long i, int col, char *buf, size_t n)
{
	struct alist *l = arg;
	const struct hh_row *r = pagelist_row(&l->pl, i);
	if (!r) {
		buf[0] = 0;
		return;
	}
	const char *cells[] = { marked(l, r->id) >= 0 ? "*" : "", r->head_name, r->hh_no, r->village,
	                        r->status, *r->contact ? r->contact : "（无）", r->last_visit_on };
	snprintf(buf, n, "%s", col >= 0 && col < 7 ? cells[col] : "");
}

static enum ui_role a_role(void *arg, long i)
{
	struct alist *l = arg;
	const struct hh_row *r = pagelist_row(&l->pl, i);
	return r && marked(l, r->id) >= 0 ? UI_OK : UI_NORMAL;
}

static const struct lv_column a_columns[] = {
	{ "选", 2, 0, 0, 0, 0 }, { "户主", 8, 0, 16, 0, 0 }, { "户编号", 16, 0, 0, 0, 0 },
	{ "村", 8, 0, 12, 0, 0 }, { "状态", 10, 0, 0, 0, 0 }, { "联系人", 8, 0, 16, 0, 0 },
	{ "最近走访", 0, 0, 0, 0, 0 },
};

static void toggle(struct alist *l, int64_t id)
{
	int at = marked(l, id);
	if (at >= 0)
		l->marks[at] = l->marks[--l->nmarks];
	else if (l->nmarks < MARK_MAX)
		l->marks[l->nmarks++] = id;
}

static int mark_one(void *arg, const struct hh_row *r)
{
	struct alist *l = arg;
	if (marked(l, r->id) < 0 && l->nmarks < MARK_MAX)
		l->marks[l->nmarks++] = r->id;
	return 0;
}

static void mark_all(struct app *app, struct alist *l)
{
	if (l->nmarks > 0) {
		l->nmarks = 0;
		app_msg(app, MSG_INFO, "已取消全部标记");
		return;
	}
	hhlist_each(l->pl.s, &l->f, mark_one, l);
	app_msg(app, MSG_INFO, "已标记列表中的全部%d户", l->nmarks);
}

static void describe(struct alist *l, const char *what)
{
	snprintf(l->what, sizeof l->what, "%s", what);
	lv_reload(&l->pl.lv);
	lv_select(&l->pl.lv, 0);
}

static void choose_filter(struct app *app, struct alist *l)
{
	static const char *const what[] = { "没有帮扶联系人的监测户", "全部监测中的户",
	                                    "全部消除中的户", "按村", "按姓名、户编号查找" };
	int k = pick_text(app, "列出哪些户", what, 5, 0);
	int64_t id;
	char name[160], text[160] = "";
	switch (k) {
	case 0: memset(&l->f, 0, sizeof l->f); l->f.flags = FLAG_NO_CONTACT; break;
	case 1: case 2:
		memset(&l->f, 0, sizeof l->f);
		snprintf(l->f.status, sizeof l->f.status, "%s",
		         hh_status_text(k == 1 ? STATUS_MONITORED : STATUS_ELIMINATING));
		break;
	case 3:
		if (!pick_area(app, "选择村（乡镇）", LEVEL_VILLAGE, &id, name, sizeof name))
			return;
		memset(&l->f, 0, sizeof l->f);
		l->f.village_id = id;
		snprintf(text, sizeof text, "%s", name);
		break;
	case 4:
		if (!prompt_line(app, "查找", "姓名、拼音首字母、户编号或证件号后几位：", text, sizeof text))
			return;
		memset(&l->f, 0, sizeof l->f);
		snprintf(l->f.search, sizeof l->f.search, "%s", text);
		break;
	default: return;
	}
	describe(l, k < 3 ? what[k] : text);
}

static void assign(struct app *app, struct alist *l)
{
	const struct hh_row *r = pagelist_selected(&l->pl);
	if (l->nmarks == 0 && r) {
		int64_t one = r->id;
		assign_contact_push(app, &one, 1);
	} else {
		int before = l->nmarks;
		assign_contact_push(app, l->marks, l->nmarks);
		if (before)
			l->nmarks = 0;       /* done; or kept when the commit was refused */
	}
	lv_reload(&l->pl.lv);
}

/* --- the screen ------------------------------------------------------------------ */

static struct alist *alist_new(struct app *app)
{
	struct alist *l = calloc(1, sizeof *l);
	struct lv_source src = { .count = a_count, .cell = a_cell, .row_role = a_role };
	if (!l)
		return NULL;
	l->marks = calloc(MARK_MAX, sizeof *l->marks);
	if (l->marks && pagelist_init(&l->pl, app, sizeof(struct hh_row), a_read, &src, a_columns,
	                              7, "没有相符的户；按 f 换一个范围") == 0)
		return l;
	free(l->marks);
	free(l);
	return NULL;
}

static int alist_enter(struct app *app, void *arg)
{
	const struct hh_filter *f = arg;
	struct alist *l = alist_new(app);
	if (!l)
		return -1;
	if (f)
		l->f = *f;
	else
		l->f.flags = FLAG_NO_CONTACT;
	struct contact c;
	if (f && f->contact_id > 0 && contact_get(l->pl.s, f->contact_id, &c) == 1)
		snprintf(l->what, sizeof l->what, "%s联系的户", c.name);
	else
		snprintf(l->what, sizeof l->what, "%s", f ? "所选的户" : "没有帮扶联系人的监测户");
	app_set_data(app, l);
	return 0;
}

static void alist_leave(struct app *app)
{
	struct alist *l = app_data(app);
	if (l) {
		pagelist_free(&l->pl);
		free(l->marks);
	}
	free(l);
}

static void alist_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct alist *l = app_data(app);
	char line[300], pos[64];
	lv_draw(&l->pl.lv, w, 1, 0, rows - 1, cols);   /* first: it learns the count */
	lv_position(&l->pl.lv, pos, sizeof pos);
	snprintf(line, sizeof line, "%s  %s  已标记%d户（Space 标记，* 全部，a 安排联系人）", l->what,
	         pos, l->nmarks);
	ui_put(w, 0, 0, cols, line, UI_DIM);
}

static int alist_key(struct app *app, int key, int code)
{
	struct alist *l = app_data(app);
	enum action_id act = app_action(app, key, code);
	if (lv_key(&l->pl.lv, act))
		return HANDLED;
	const struct hh_row *r = pagelist_selected(&l->pl);
	switch (act) {
	case ACT_MARK:
		if (r) {
			toggle(l, r->id);
			lv_key(&l->pl.lv, ACT_DOWN);   /* marking runs down the list */
		}
		return HANDLED;
	case ACT_MARK_ALL: mark_all(app, l); return HANDLED;
	case ACT_ASSIGN: assign(app, l); return HANDLED;
	case ACT_FILTER: choose_filter(app, l); return HANDLED;
	case ACT_OPEN: case ACT_HOUSEHOLD:
		if (r)
			hh_detail_push(app, r->id);
		return HANDLED;
	case ACT_FLOW:
		if (r) {
			int64_t id = r->id;
			flow_actions_push(app, id);
			lv_reload(&l->pl.lv);
		}
		return HANDLED;
	case ACT_REFRESH: lv_reload(&l->pl.lv); return HANDLED;
	default: break;
	}
	if (action_matches(ACT_BACK, key, code) && l->nmarks > 0 &&
	    prompt_confirm(app, "已标记的户尚未安排联系人，离开后标记不保留。离开？") != 1)
		return HANDLED;
	return UNHANDLED;
}

static const enum action_id alist_actions[] = {
	LV_ACTIONS, ACT_MARK, ACT_MARK_ALL, ACT_ASSIGN, ACT_FILTER, ACT_OPEN, ACT_FLOW, ACT_REFRESH,
	ACT_NONE
};

static const struct screen alist_screen = {
	.name = "assign_list",
	.title = "标记户 安排联系人",
	.enter = alist_enter,
	.leave = alist_leave,
	.draw = alist_draw,
	.key = alist_key,
	.actions = alist_actions,
	.idle = pagelist_idle,
	.resume = pagelist_resume,
};

void assign_list_push(struct app *app, const struct hh_filter *f)
{
	app_push(app, &alist_screen, (void *)f);
}
