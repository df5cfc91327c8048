/* Contact persons (监测帮扶联系人, SPEC §6, issue 5): who they are, how many
 * households each looks after and how many of those are overdue for a
 * visit.  Enter lists a person's households (for reassigning), w opens the
 * visit grid for them, n / e add or edit one, a assigns households. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "assist/assist.h"
#include "register/choices.h"
#include "kit/fields.h"
#include "register/hhlist.h"
#include "kit/listview.h"
#include "kit/pagelist.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "kit/ui.h"
#include "workq.h"
#include "workui.h"

#define MAX_AREAS 2000

/* --- the contact form -------------------------------------------------------- */

struct cform {
	struct contact c;            /* as read; id 0 new */
	struct choice *areas;
	int nareas;
	struct form_option *area_opts;
	struct form_field defs[6];
	struct form *form;
};

static const struct form_field cf_templates[] = {
	{ .name = "name", .label = "姓名", .kind = FORM_TEXT, .width = 12, .maxbytes = 60,
	  .required = 1 },
	{ .name = "kind", .label = "类别", .kind = FORM_CHOICE, .width = 10, .required = 1,
	  .hint = "乡镇干部、驻村干部或村干部" },
	{ .name = "unit", .label = "单位", .kind = FORM_TEXT, .width = 30, .maxbytes = 90,
	  .hint = "如 县农业农村委驻村工作队" },
	{ .name = "phone", .label = "电话", .kind = FORM_TEXT, .width = 12, .maxbytes = 20,
	  .validate = field_phone },
	{ .name = "area", .label = "服务的乡镇或村", .kind = FORM_CHOICE, .width = 24,
	  .required = 1 },
	{ .name = "active", .label = "在岗", .kind = FORM_CHOICE, .width = 4, .required = 1,
	  .hint = "停用后不能再安排新的户" },
};
#define CF_N (int)(sizeof cf_templates / sizeof cf_templates[0])

static int cform_build(struct app *app, struct cform *st)
{
	struct session *s = app_session(app);
	int n = 0;
	st->areas = calloc(MAX_AREAS, sizeof *st->areas);
	if (!st->areas)
		return -1;
	if (s->scope.level < LEVEL_TOWNSHIP)
		st->nareas = choice_areas(s, LEVEL_TOWNSHIP, st->areas, MAX_AREAS);
	if (s->scope.level < LEVEL_VILLAGE)
		st->nareas += choice_areas(s, LEVEL_VILLAGE, st->areas + st->nareas,
		                           MAX_AREAS - st->nareas);
	else
		st->nareas = choice_areas(s, LEVEL_VILLAGE, st->areas, MAX_AREAS);
	st->area_opts = fields_choices(st->areas, st->nareas);
	memcpy(st->defs, cf_templates, sizeof cf_templates);
	st->defs[1].options = fields_vocab(&VOCAB_CONTACT_KIND, &n);
	st->defs[1].noptions = n;
	st->defs[4].options = st->area_opts;
	st->defs[4].noptions = st->nareas;
	st->defs[5].options = fields_yesno(&n);
	st->defs[5].noptions = n;
	st->form = form_new(st->defs, CF_N, st);
	return st->form ? 0 : -1;
}

static void cform_enter(struct app *app, void *arg)
{
	struct session *s = app_session(app);
	struct cform *st = calloc(1, sizeof *st);
	if (!st)
		return;
	app_set_data(app, st);
	if (cform_build(app, st) != 0)
		return;
	int64_t id = *(const int64_t *)arg;
	st->c.active = 1;
	if (id && contact_get(s, id, &st->c) != 1)
		app_msg(app, MSG_ERROR, "找不到这名联系人，或不在您的辖区");
	form_set(st->form, "name", st->c.name);
	form_set(st->form, "kind", st->c.kind);
	form_set(st->form, "unit", st->c.unit);
	form_set(st->form, "phone", st->c.phone);
	form_set(st->form, "active", st->c.active ? "是" : "否");
	for (int i = 0; i < st->nareas; i++)
		if (st->areas[i].id == st->c.area_id || (!id && st->nareas == 1))
			form_set(st->form, "area", st->areas[i].text);
	app_set_title(app, "%s帮扶联系人%s%s", id ? "修改" : "新增", id ? " " : "", st->c.name);
}

static void cform_leave(struct app *app)
{
	struct cform *st = app_data(app);
	if (!st)
		return;
	form_free(st->form);
	free(st->area_opts);
	free(st->areas);
	free(st);
}

static void cform_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct cform *st = app_data(app);
	if (st && st->form)
		form_draw(st->form, app, w, 1, 0, rows - 1, cols);
}

static int cform_save(struct app *app, struct cform *st)
{
	struct contact c = st->c;
	struct form *f = st->form;
	struct jerr e = { 0 };
	snprintf(c.name, sizeof c.name, "%s", form_value(f, "name"));
	snprintf(c.kind, sizeof c.kind, "%s", form_value(f, "kind"));
	snprintf(c.unit, sizeof c.unit, "%s", form_value(f, "unit"));
	snprintf(c.phone, sizeof c.phone, "%s", form_value(f, "phone"));
	c.active = field_yes(form_value(f, "active"));
	for (int i = 0; i < st->nareas; i++)
		if (!strcmp(st->areas[i].text, form_value(f, "area")))
			c.area_id = st->areas[i].id;
	if (contact_save(app_session(app), &c, &e) != 0) {
		if (*e.field)
			form_focus(f, e.field);
		show_refusal(app, "未保存", e.msg);
		return HANDLED;
	}
	form_saved(f);
	app_msg(app, MSG_OK, "已保存帮扶联系人 %s", c.name);
	return POP;
}

static int cform_key(struct app *app, int key, int code)
{
	struct cform *st = app_data(app);
	if (!st || !st->form)
		return UNHANDLED;
	switch (form_key(st->form, app, key, code)) {
	case FORM_SAVE: return cform_save(app, st);
	case FORM_UNHANDLED: break;
	default: return HANDLED;
	}
	if (action_matches(ACT_BACK, key, code) && form_dirty(st->form) &&
	    prompt_confirm(app, "放弃已填写的内容？") != 1)
		return HANDLED;
	return UNHANDLED;
}

static const enum action_id cform_actions[] = { FORM_ACTIONS, ACT_NONE };

static const struct screen cform_screen = {
	.name = "contact_form",
	.title = "帮扶联系人",
	.enter = cform_enter,
	.leave = cform_leave,
	.draw = cform_draw,
	.key = cform_key,
	.actions = cform_actions,
	.flags = SCREEN_TYPING,
};

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
	{ "姓名", 12, 0, 16, 0 }, { "类别", 8, 0, 0, 0 }, { "电话", 11, 0, 0, 0 },
	{ "联系户数", 8, 1, 0, 0 }, { "走访超期", 8, 1, 0, 0 }, { "单位", 0, 0, 0, 0 },
};

static void clist_enter(struct app *app, void *arg)
{
	(void)arg;
	struct lv_source src = { .cell = c_cell, .row_role = c_role };
	pagelist_new(app, sizeof(struct contact), c_read, &src, c_columns, 6,
	             "还没有帮扶联系人；按 n 新增");
}

static void clist_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct pagelist *l = app_data(app);
	if (!l)
		return;
	ui_put(w, 0, 0, cols, "Enter 查看并调整其联系的户；w 录入其走访；a 为没有联系人的户批量安排",
	       UI_DIM);
	lv_draw(&l->lv, w, 1, 0, rows - 1, cols);
}

static void open_form(struct app *app, int64_t id)
{
	app_push(app, &cform_screen, &id);
}

static int clist_key(struct app *app, int key, int code)
{
	struct pagelist *l = app_data(app);
	if (!l)
		return UNHANDLED;
	enum action_id act = app_action(app, key, code);
	if (lv_key(&l->lv, act))
		return HANDLED;
	const struct contact *c = pagelist_selected(l);
	int64_t id = c ? c->id : 0;
	struct hh_filter f;
	switch (act) {
	case ACT_NEW: open_form(app, 0); return HANDLED;
	case ACT_EDIT: if (id) open_form(app, id); return HANDLED;
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
