/* Contact persons (监测帮扶联系人, SPEC §6, issue 5): who they are, how many
 * households each looks after and how many of those are overdue for a
 * visit.  Enter lists a person's households (for reassigning), w opens the
 * visit grid for them, n / e add or edit one (contact_form.c), a assigns
 * households. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "assist/assist.h"
#include "register/hhlist.h"
#include "kit/listview.h"
#include "kit/pagelist.h"
#include "access/session.h"
#include "kit/ui.h"
#include "workq.h"
#include "work.h"
#include "workui.h"

/* --- the list ----------------------------------------------------------------- */

/* The list's data is its pagelist alone. */
static int c_read(void *arg, long off, int n, void *page)
{
	struct pagelist *l = arg;
	return contact_list(l->s, (int)off, page, n);
}

static void c_cell(void *arg, long i, int col, char *buf, size_t n)
{
	const struct contact *c = pagelist_row(arg, i);
	if (!c) {
		buf[0] = 0;
		return;
	}
	switch (col) {
	case 0: snprintf(buf, n, "%s%s", c->name, c->active ? "" : "（停用）"); break;
	case 1: snprintf(buf, n, "%s", c->kind); break;
	case 2: snprintf(buf, n, "%s", c->phone); break;
	case 3: snprintf(buf, n, "%d", c->households); break;
	case 4: snprintf(buf, n, "%d", c->overdue); break;
	default: snprintf(buf, n, "%s", c->unit); break;
	}
}

static enum ui_role c_role(void *arg, long i)
{
	const struct contact *c = pagelist_row(arg, i);
	return !c ? UI_NORMAL : !c->active ? UI_DIM : c->overdue ? UI_WARN : UI_NORMAL;
}

static const struct lv_column c_columns[] = {
	{ "姓名", 12, 0, 16, 0, 0 }, { "类别", 8, 0, 0, 0, 0 }, { "电话", 11, 0, 0, 0, 0 },
	{ "联系户数", 8, 1, 0, 0, 0 }, { "走访超期", 8, 1, 0, 0, 0 }, { "单位", 0, 0, 0, 0, 1 },
};

static int clist_enter(struct app *app, void *arg)
{
	(void)arg;
	struct lv_source src = { .cell = c_cell, .row_role = c_role };
	return pagelist_new(app, sizeof(struct contact), c_read, &src, c_columns, 6,
	                    "还没有帮扶联系人；按 n 新增") ? 0 : -1;
}

static void clist_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct pagelist *l = app_data(app);
	ui_put(w, 0, 0, cols, "Enter 查看并调整其联系的户；w 录入其走访；a 为没有联系人的户批量安排",
	       UI_DIM);
	lv_draw(&l->lv, w, 1, 0, rows - 1, cols);
}

static int clist_key(struct app *app, int key, int code)
{
	struct pagelist *l = app_data(app);
	enum action_id act = app_action(app, key, code);
	if (lv_key(&l->lv, act))
		return HANDLED;
	const struct contact *c = pagelist_selected(l);
	int64_t id = c ? c->id : 0;
	struct hh_filter f;
	switch (act) {
	case ACT_NEW: contact_form_push(app, 0); return HANDLED;
	case ACT_EDIT: if (id) contact_form_push(app, id); return HANDLED;
	case ACT_ASSIGN: assign_list_push(app, NULL); return HANDLED;
	case ACT_VISITS: if (id) visit_grid_push(app, id, 0); return HANDLED;
	case ACT_REFRESH: lv_reload(&l->lv); return HANDLED;
	case ACT_OPEN:
		if (!id)
			return HANDLED;
		memset(&f, 0, sizeof f);
		f.contact_id = id;
		assign_list_push(app, &f);
		return HANDLED;
	default: return UNHANDLED;
	}
}

static const enum action_id clist_actions[] = {
	LV_ACTIONS, ACT_OPEN, ACT_VISITS, ACT_ASSIGN, ACT_NEW, ACT_EDIT, ACT_REFRESH, ACT_NONE
};

static const struct screen clist_screen = {
	.name = "contacts",
	.title = "帮扶联系人",
	.enter = clist_enter,
	.leave = pagelist_leave,
	.draw = clist_draw,
	.key = clist_key,
	.actions = clist_actions,
	.idle = pagelist_idle,
	.resume = pagelist_resume,
};

void contacts_push(struct app *app)
{
	app_push(app, &clist_screen, NULL);
}
