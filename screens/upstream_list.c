/* 待录入国家系统 (issue 15): the changes of the officer's area still to be
 * keyed into the national system, household by household, each with the
 * values to key.  Enter shows an entry whole; Space marks entries (* all
 * of them), c marks the selected or marked ones as entered; h opens the
 * household. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "kit/listview.h"
#include "kit/pagelist.h"
#include "kit/prompt.h"
#include "kit/ui.h"
#include "register/upstream.h"
#include "work.h"
#include "workq.h"

#define MARK_MAX 5000

/* Begins with its pagelist: pagelist_idle and pagelist_resume serve it. */
struct ulist {
	struct pagelist pl;
	int64_t *marks;
	int nmarks;
};

static long u_count(void *arg)
{
	struct ulist *l = arg;
	return (long)upstream_pending_count(l->pl.s);
}

static int u_read(void *arg, long off, int n, void *page)
{
	struct ulist *l = arg;
	return upstream_pending(l->pl.s, (int)off, page, n);
}

static int marked(const struct ulist *l, int64_t id)
{
	for (int i = 0; i < l->nmarks; i++)
		if (l->marks[i] == id)
			return i;
	return -1;
}

static void u_cell(void *arg, long i, int col, char *buf, size_t n)
{
	struct ulist *l = arg;
	const struct upstream_entry *u = pagelist_row(&l->pl, i);
	if (!u) {
		buf[0] = 0;
		return;
	}
	switch (col) {
	case 0: snprintf(buf, n, "%s", marked(l, u->id) >= 0 ? "*" : ""); break;
	case 1: snprintf(buf, n, "%s", u->head_name); break;
	case 2: snprintf(buf, n, "%s", u->village); break;
	case 3: snprintf(buf, n, "%s", u->on); break;
	case 4: snprintf(buf, n, "%s", u->what); break;
	default: upstream_fields_line(u, buf, n); break;
	}
}

static enum ui_role u_role(void *arg, long i)
{
	struct ulist *l = arg;
	const struct upstream_entry *u = pagelist_row(&l->pl, i);
	return u && marked(l, u->id) >= 0 ? UI_OK : UI_NORMAL;
}

static const struct lv_column u_columns[] = {
	{ "选", 2, 0, 0, 0, 0 }, { "户主", 8, 0, 16, 0, 0 }, { "村", 8, 0, 12, 0, 0 },
	{ "日期", 10, 0, 0, 0, 0 }, { "事项", 12, 0, 24, 0, 0 }, { "应录入的内容", 0, 0, 0, 0, 1 },
};

static void toggle(struct ulist *l, int64_t id)
{
	int at = marked(l, id);
	if (at >= 0)
		l->marks[at] = l->marks[--l->nmarks];
	else if (l->nmarks < MARK_MAX)
		l->marks[l->nmarks++] = id;
}

static void mark_all(struct app *app, struct ulist *l)
{
	if (l->nmarks > 0) {
		l->nmarks = 0;
		app_msg(app, MSG_INFO, "已取消全部标记");
		return;
	}
	struct upstream_entry *page = malloc(100 * sizeof *page);
	for (int off = 0; page && l->nmarks < MARK_MAX; off += 100) {
		int n = upstream_pending(l->pl.s, off, page, 100);
		for (int i = 0; i < n && l->nmarks < MARK_MAX; i++)
			l->marks[l->nmarks++] = page[i].id;
		if (n < 100)
			break;
	}
	free(page);
	app_msg(app, MSG_INFO, "已标记全部%d条", l->nmarks);
}

static void show(struct app *app, const struct upstream_entry *u)
{
	char text[3000], col[128], val[512];
	int len = snprintf(text, sizeof text, "户编号 %s  国家系统户编号 %s\n%s  %s\n\n",
	                   u->hh_no, *u->nat_no ? u->nat_no : "未知", u->on, u->what);
	for (const char *p = u->fields; len > 0 && (size_t)len < sizeof text &&
	     upstream_field_next(&p, col, sizeof col, val, sizeof val);)
		len += snprintf(text + len, sizeof text - (size_t)len, "%s：%s\n", col, val);
	char title[160];
	snprintf(title, sizeof title, "待录入国家系统：%s", u->head_name);
	prompt_message(app, title, text);
}

static void entered(struct app *app, struct ulist *l, const struct upstream_entry *sel)
{
	int64_t one = sel ? sel->id : 0;
	int n = l->nmarks ? l->nmarks : sel ? 1 : 0, done = 0;
	const int64_t *ids = l->nmarks ? l->marks : &one;
	char q[200];
	struct jerr e = { 0 };
	if (n == 0)
		return;
	snprintf(q, sizeof q, "这%d条已在国家系统录入？标记后不再列出（记下您的姓名和时间）。", n);
	if (prompt_confirm(app, q) != 1)
		return;
	if (upstream_mark(app_session(app), ids, n, &done, &e) != 0) {
		show_refusal(app, "未标记", e.msg);
		return;
	}
	l->nmarks = 0;
	app_msg(app, MSG_OK, "已标记%d条为已录入国家系统", done);
	lv_reload(&l->pl.lv);
}

static int ulist_enter(struct app *app, void *arg)
{
	(void)arg;
	struct ulist *l = calloc(1, sizeof *l);
	struct lv_source src = { .count = u_count, .cell = u_cell, .row_role = u_role };
	if (!l)
		return -1;
	l->marks = calloc(MARK_MAX, sizeof *l->marks);
	if (!l->marks || pagelist_init(&l->pl, app, sizeof(struct upstream_entry), u_read, &src,
	                               u_columns, 6, "没有待录入国家系统的变更") != 0) {
		free(l->marks);
		free(l);
		return -1;
	}
	app_set_data(app, l);
	return 0;
}

static void ulist_leave(struct app *app)
{
	struct ulist *l = app_data(app);
	if (l) {
		pagelist_free(&l->pl);
		free(l->marks);
	}
	free(l);
}

static void ulist_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct ulist *l = app_data(app);
	char line[300], pos[64];
	lv_draw(&l->pl.lv, w, 1, 0, rows - 1, cols);   /* first: it learns the count */
	lv_position(&l->pl.lv, pos, sizeof pos);
	snprintf(line, sizeof line, "%s  已标记%d条（Enter 看全部内容，Space 标记，c 已录入）", pos,
	         l->nmarks);
	ui_put(w, 0, 0, cols, line, UI_DIM);
}

static int ulist_key(struct app *app, int key, int code)
{
	struct ulist *l = app_data(app);
	enum action_id act = app_action(app, key, code);
	if (lv_key(&l->pl.lv, act))
		return HANDLED;
	const struct upstream_entry *sel = pagelist_selected(&l->pl);
	struct upstream_entry u;
	if (sel)
		u = *sel;
	switch (act) {
	case ACT_MARK:
		if (sel) {
			toggle(l, u.id);
			lv_key(&l->pl.lv, ACT_DOWN);
		}
		return HANDLED;
	case ACT_MARK_ALL: mark_all(app, l); return HANDLED;
	case ACT_ENTERED: entered(app, l, sel ? &u : NULL); return HANDLED;
	case ACT_OPEN:
		if (sel)
			show(app, &u);
		return HANDLED;
	case ACT_HOUSEHOLD:
		if (sel && u.household_id)
			hh_detail_push(app, u.household_id);
		return HANDLED;
	case ACT_REFRESH: lv_reload(&l->pl.lv); return HANDLED;
	default: return UNHANDLED;
	}
}

static const enum action_id ulist_actions[] = {
	LV_ACTIONS, ACT_OPEN, ACT_MARK, ACT_MARK_ALL, ACT_ENTERED, ACT_HOUSEHOLD, ACT_REFRESH,
	ACT_NONE
};

static const struct screen ulist_screen = {
	.name = "upstream",
	.title = "待录入国家系统",
	.enter = ulist_enter,
	.leave = ulist_leave,
	.draw = ulist_draw,
	.key = ulist_key,
	.actions = ulist_actions,
	.idle = pagelist_idle,
	.resume = pagelist_resume,
};

void upstream_list_push(struct app *app)
{
	app_push(app, &ulist_screen, NULL);
}
