/* One visit (入户走访, SPEC §6), new or edited, from the household detail:
 * the day it happened (paper first: a back-dated visit clears the overdue
 * flag it covers), who went, what was found.  The bulk grid is for many. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "assist/assist.h"
#include "register/choices.h"
#include "access/draft.h"
#include "drafts.h"
#include "kit/fields.h"
#include "register/household.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "kit/ui.h"
#include "work.h"
#include "workui.h"

#define SCREEN_NAME "visit_form"
#define MAX_CONTACTS 2000

struct vstate {
	struct visit v;              /* as read; id 0 new */
	struct household h;
	struct optlist risks, guar;
	struct choice *contacts;
	int ncontacts;
	struct form_option *contact_opts;
	struct form_field defs[6];
	struct tidy tidy[2];
	struct form *form;
	char key[48];
};

static const char *risks_ok(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	struct vstate *st = arg;
	char out[512];
	(void)f;
	return optlist_normalize(&st->risks, v, 5, out, sizeof out, why, n);
}

static const char *guar_ok(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	struct vstate *st = arg;
	char out[512];
	(void)f;
	return optlist_normalize(&st->guar, v, 4, out, sizeof out, why, n);
}

static const struct form_field templates[] = {
	{ .name = "visited_on", .label = "走访日期", .kind = FORM_TEXT, .width = 12, .maxbytes = 20,
	  .required = 1, .validate = field_date, .hint = "如 2026-05-03 或 5-3" },
	{ .name = "contact", .label = "走访人", .kind = FORM_CHOICE, .width = 20,
	  .hint = "帮扶联系人" },
	{ .name = "findings", .label = "情况", .kind = FORM_TEXT, .width = 40, .maxbytes = 500,
	  .hint = "如 生活稳定、在家务农" },
	{ .name = "income_change", .label = "收入变化", .kind = FORM_TEXT, .width = 30,
	  .maxbytes = 120, .hint = "如 务工收入增加约3000元" },
	{ .name = "new_risks", .label = "新增风险", .kind = FORM_TEXT, .width = 30,
	  .maxbytes = 250, .validate = risks_ok, .hint = "如 yb（因病）；没有则空着" },
	{ .name = "guarantee_problems", .label = "三保障/饮水问题", .kind = FORM_TEXT, .width = 30,
	  .maxbytes = 250, .validate = guar_ok, .hint = "如 ys（饮水安全）；没有则空着" },
};
#define NFIELDS (int)(sizeof templates / sizeof templates[0])

static const char *contact_text(const struct vstate *st, int64_t id)
{
	for (int i = 0; i < st->ncontacts; i++)
		if (st->contacts[i].id == id)
			return st->contacts[i].text;
	return "";
}

static int build(struct app *app, struct vstate *st)
{
	struct session *s = app_session(app);
	static const char *const g[] = { "义务教育", "基本医疗", "住房安全", "饮水安全" };
	for (int i = 0; i < s->cfg->nrisks; i++)
		optlist_add(&st->risks, s->cfg->risks[i]);
	for (int i = 0; i < 4; i++)
		optlist_add(&st->guar, g[i]);
	st->contacts = calloc(MAX_CONTACTS, sizeof *st->contacts);
	if (!st->contacts)
		return -1;
	st->ncontacts = choice_contacts(s, st->contacts, MAX_CONTACTS);
	st->contact_opts = fields_choices(st->contacts, st->ncontacts);
	memcpy(st->defs, templates, sizeof templates);
	st->defs[1].options = st->contact_opts;
	st->defs[1].noptions = st->ncontacts;
	st->tidy[0] = (struct tidy){ "new_risks", &st->risks, 5 };
	st->tidy[1] = (struct tidy){ "guarantee_problems", &st->guar, 4 };
	st->form = form_new(st->defs, NFIELDS, st);
	return st->form ? 0 : -1;
}

struct vargs { int64_t household, visit; };

static void visit_enter(struct app *app, void *arg)
{
	const struct vargs *a = arg;
	struct session *s = app_session(app);
	struct vstate *st = calloc(1, sizeof *st);
	if (!st)
		return;
	app_set_data(app, st);
	if (build(app, st) != 0)
		return;
	st->v.household_id = a->household;
	if (a->visit && visit_get(s, a->visit, &st->v) != 1)
		app_msg(app, MSG_ERROR, "找不到这次走访，或不在您的辖区");
	household_get(s, st->v.household_id, &st->h, NULL);
	if (!st->v.id) {
		date_fmt(clock_today(), st->v.visited_on);
		st->v.contact_id = st->h.contact_id;
	}
	form_set(st->form, "visited_on", st->v.visited_on);
	form_set(st->form, "contact", contact_text(st, st->v.contact_id));
	form_set(st->form, "findings", st->v.findings);
	form_set(st->form, "income_change", st->v.income_change);
	form_set(st->form, "new_risks", st->v.new_risks);
	form_set(st->form, "guarantee_problems", st->v.guarantee_problems);
	snprintf(st->key, sizeof st->key, "hh%lld-v%lld", (long long)st->v.household_id,
	         (long long)st->v.id);
	char payload[DRAFT_MAX];
	if (draft_load(s, SCREEN_NAME, st->key, payload, sizeof payload)) {
		fields_from_payload(st->form, payload);
		app_msg(app, MSG_WARN, "已恢复上次未保存的内容");
	}
	app_set_title(app, "%s走访 %s %s", st->v.id ? "修改" : "登记", st->h.head_name, st->h.hh_no);
}

static void visit_leave(struct app *app)
{
	struct vstate *st = app_data(app);
	if (!st)
		return;
	if (app_hungup(app) && st->form && form_dirty(st->form)) {
		char payload[DRAFT_MAX] = "", title[160];
		fields_to_payload(st->form, payload, sizeof payload);
		snprintf(title, sizeof title, "走访 %s", st->h.head_name);
		draft_save(app_session(app), SCREEN_NAME, st->key, title, payload, NULL);
	}
	form_free(st->form);
	optlist_free(&st->risks);
	optlist_free(&st->guar);
	free(st->contact_opts);
	free(st->contacts);
	free(st);
}

static void visit_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct vstate *st = app_data(app);
	if (!st || !st->form)
		return;
	char line[300];
	snprintf(line, sizeof line, "户主 %s  户编号 %s  %s  上次走访 %s", st->h.head_name,
	         st->h.hh_no, st->h.village_name, *st->h.last_visit_on ? st->h.last_visit_on : "无");
	ui_put(w, 0, 0, cols, line, UI_NORMAL);
	form_draw(st->form, app, w, 2, 0, rows - 2, cols);
}

static int save(struct app *app, struct vstate *st)
{
	struct form *f = st->form;
	struct visit v = st->v;
	struct jerr e = { 0 };
	form_tidy(f, st->tidy, 2);
	field_date_iso(form_value(f, "visited_on"), v.visited_on);
	v.contact_id = 0;
	for (int i = 0; i < st->ncontacts; i++)
		if (!strcmp(st->contacts[i].text, form_value(f, "contact")))
			v.contact_id = st->contacts[i].id;
	snprintf(v.findings, sizeof v.findings, "%s", form_value(f, "findings"));
	snprintf(v.income_change, sizeof v.income_change, "%s", form_value(f, "income_change"));
	snprintf(v.new_risks, sizeof v.new_risks, "%s", form_value(f, "new_risks"));
	snprintf(v.guarantee_problems, sizeof v.guarantee_problems, "%s",
	         form_value(f, "guarantee_problems"));
	struct session *s = app_session(app);
	if ((v.id ? visit_update(s, &v, &e) : visit_add(s, &v, &e)) != 0) {
		if (*e.field)
			form_focus(f, e.field);
		show_refusal(app, "未保存", e.msg);
		return HANDLED;
	}
	draft_discard(s, SCREEN_NAME, st->key);
	form_saved(f);
	app_msg(app, MSG_OK, "已保存 %s %s 的走访", st->h.head_name, v.visited_on);
	return POP;
}

static int visit_key(struct app *app, int key, int code)
{
	struct vstate *st = app_data(app);
	if (!st || !st->form)
		return UNHANDLED;
	if (app_action(app, key, code) == ACT_NO_CHANGE) {   /* one key, nothing typed */
		form_set(st->form, "findings", VISIT_NORMAL);
		form_focus(st->form, "findings");
		return HANDLED;
	}
	switch (form_key_tidy(st->form, app, key, code, st->tidy, 2)) {
	case FORM_SAVE: return save(app, st);
	case FORM_UNHANDLED: break;
	default: return HANDLED;
	}
	return form_back(app, st->form, key, code, SCREEN_NAME, st->key);
}

static const enum action_id visit_actions[] = { FORM_ACTIONS, ACT_NO_CHANGE, ACT_NONE };

static const struct screen visit_screen = {
	.name = SCREEN_NAME,
	.title = "走访",
	.enter = visit_enter,
	.leave = visit_leave,
	.draw = visit_draw,
	.key = visit_key,
	.actions = visit_actions,
	.flags = SCREEN_TYPING,
};

void visit_form_push(struct app *app, int64_t household_id, int64_t visit_id)
{
	struct vargs a = { household_id, visit_id };
	app_push(app, &visit_screen, &a);
}

void visit_form_resume(struct app *app, const char *key, const char *payload)
{
	long long hh, id;
	(void)payload;
	if (sscanf(key, "hh%lld-v%lld", &hh, &id) == 2)
		visit_form_push(app, hh, id);
}
