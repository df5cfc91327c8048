/* One visit (入户走访, SPEC §6), new or edited, from the household detail:
 * the day it happened (paper first: a back-dated visit clears the overdue
 * flag it covers), who went, what was found.  The bulk grid is for many. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "assist/assist.h"
#include "assist/visit_offer.h"
#include "kit/prompt.h"
#include "register/choices.h"
#include "drafts.h"
#include "kit/fields.h"
#include "kit/formscreen.h"
#include "register/household.h"
#include "access/session.h"
#include "kit/ui.h"
#include "work.h"

#define MAX_CONTACTS 2000

struct vstate {
	struct visit v;              /* as read; id 0 new */
	struct household h;
	struct choice *contacts;
	int ncontacts;
	struct form_option *contact_opts;
};

static void add_fields(const struct session *s, struct vstate *st, struct form *f)
{
	int nr, ng;
	const struct form_option *risks = fields_risks(s->cfg, &nr);
	const struct form_option *areas = fields_guarantee_areas(&ng);
	form_add(f, (struct form_field){ .name = "visited_on", .label = "走访日期", .width = 12,
	                                 .maxbytes = 20, .required = 1, .validate = field_any_date,
	                                 .hint = "如 2026-05-03 或 5-3" });
	form_add(f, (struct form_field){ .name = "contact", .label = "走访人", .kind = FORM_CHOICE,
	                                 .width = 20, .options = st->contact_opts,
	                                 .noptions = st->ncontacts, .hint = "帮扶联系人" });
	form_add(f, (struct form_field){ .name = "findings", .label = "情况", .width = 40,
	                                 .maxbytes = 500, .hint = "如 生活稳定、在家务农" });
	form_add(f, (struct form_field){ .name = "income_change", .label = "收入变化", .width = 30,
	                                 .maxbytes = 120, .hint = "如 务工收入增加约3000元" });
	form_add(f, (struct form_field){ .name = "new_risks", .label = "新增风险", .kind = FORM_MULTI,
	                                 .width = 30, .maxbytes = 250, .options = risks,
	                                 .noptions = nr, .max = HH_MAX_RISKS,
	                                 .hint = "如 yb（因病）；没有则空着" });
	form_add(f, (struct form_field){ .name = "guarantee_problems", .label = "三保障/饮水问题",
	                                 .kind = FORM_MULTI, .width = 30, .maxbytes = 250,
	                                 .options = areas, .noptions = ng,
	                                 .hint = "如 ys（饮水安全）；没有则空着" });
}

static const char *contact_text(const struct vstate *st, int64_t id)
{
	for (int i = 0; i < st->ncontacts; i++)
		if (st->contacts[i].id == id)
			return st->contacts[i].text;
	return "";
}

static int64_t contact_id(const struct vstate *st, const char *text)
{
	for (int i = 0; i < st->ncontacts; i++)
		if (!strcmp(st->contacts[i].text, text))
			return st->contacts[i].id;
	return 0;
}

static void load(struct vstate *st, struct form *f)
{
	form_set(f, "visited_on", st->v.visited_on);
	form_set(f, "contact", contact_text(st, st->v.contact_id));
	form_set(f, "findings", st->v.findings);
	form_set(f, "income_change", st->v.income_change);
	form_set(f, "new_risks", st->v.new_risks);
	form_set(f, "guarantee_problems", st->v.guarantee_problems);
}

static void visit_free(struct formscreen *fs)
{
	struct vstate *st = fs->rec;
	free(st->contact_opts);
	free(st->contacts);
	free(st);
}

/* key: "hh12-v0" (new) or "hh12-v34". */
static int visit_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct session *s = app_session(app);
	long long hh = 0, id = 0;
	struct vstate *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	fs->rec = st;
	fs->version = &st->v.version;
	sscanf(fs->key, "hh%lld-v%lld", &hh, &id);
	st->v.household_id = hh;
	if (id && visit_get(s, id, &st->v) != 1)
		return jerr_set(e, "", "找不到这次走访，或不在您的辖区");
	if (household_get(s, st->v.household_id, &st->h, e) != 0)
		return -1;
	st->contacts = calloc(MAX_CONTACTS, sizeof *st->contacts);
	if (!st->contacts)
		return -1;
	st->ncontacts = choice_contacts(s, st->contacts, MAX_CONTACTS);
	st->contact_opts = fields_choices(st->contacts, st->ncontacts);
	if (!st->v.id) {
		date_fmt(clock_today(), st->v.visited_on);
		st->v.contact_id = st->h.contact_id;
	}
	add_fields(s, st, fs->form);
	load(st, fs->form);
	snprintf(fs->title, sizeof fs->title, "%s走访 %s %s", st->v.id ? "修改" : "登记",
	         st->h.head_name, st->h.hh_no);
	return 0;
}

static void visit_draw(struct app *app, struct formscreen *fs, WINDOW *w, int rows, int cols)
{
	struct vstate *st = fs->rec;
	char line[300];
	snprintf(line, sizeof line, "户主 %s  户编号 %s  %s  上次走访 %s", st->h.head_name,
	         st->h.hh_no, st->h.village_name, *st->h.last_visit_on ? st->h.last_visit_on : "无");
	ui_put(w, 0, 0, cols, line, UI_NORMAL);
	form_draw(fs->form, app, w, 2, 0, rows - 2, cols);
}

/* The visit as typed, on top of the one read when the form opened. */
static struct visit form_to_visit(struct formscreen *fs)
{
	struct vstate *st = fs->rec;
	struct form *f = fs->form;
	struct visit v = st->v;
	field_date_iso(form_value(f, "visited_on"), v.visited_on);
	v.contact_id = contact_id(st, form_value(f, "contact"));
	snprintf(v.findings, sizeof v.findings, "%s", form_value(f, "findings"));
	snprintf(v.income_change, sizeof v.income_change, "%s", form_value(f, "income_change"));
	snprintf(v.new_risks, sizeof v.new_risks, "%s", form_value(f, "new_risks"));
	snprintf(v.guarantee_problems, sizeof v.guarantee_problems, "%s",
	         form_value(f, "guarantee_problems"));
	return v;
}

static int visit_check_typed(struct formscreen *fs, struct jerr *e)
{
	struct visit v = form_to_visit(fs);
	return visit_check(app_session(fs->app), &v, e);
}

/* The offer src/ makes of the findings (visit_offer.h), as a y/n line. */
static int ask_offer(struct app *app, const struct visit_offer *o)
{
	char q[700];
	snprintf(q, sizeof q, "按这次走访的发现，一并修改本户：\n%s。\n（y 一并修改，n 只保存走访）",
	         o->text);
	return prompt_confirm(app, q);
}

static int visit_save(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct vstate *st = fs->rec;
	struct visit v = form_to_visit(fs);
	struct session *s = app_session(app);
	struct visit_offer o;
	if (visit_check(s, &v, e) != 0)
		return -1;
	if (visit_offer_of(s, &v, &o))
		v.apply = ask_offer(app, &o);
	if ((v.id ? visit_update(s, &v, e) : visit_add(s, &v, e)) != 0)
		return -1;
	st->v = v;
	app_msg(app, MSG_OK, "已保存 %s %s 的走访%s", st->h.head_name, v.visited_on,
	        v.apply ? "，并已修改本户的保障和风险" : "");
	return 0;
}

/* The visit as another officer saved it, for the conflict box. */
static int visit_reload(struct app *app, struct formscreen *fs, struct form *into,
                        struct jerr *e)
{
	struct vstate *st = fs->rec;
	if (!st->v.id)
		return 0;
	if (visit_get(app_session(app), st->v.id, &st->v) != 1)
		return jerr_set(e, "", "找不到这次走访，或不在您的辖区");
	load(st, into);
	return 1;
}

/* One key for the usual finding: nothing to type when nothing changed. */
static int visit_key(struct app *app, struct formscreen *fs, int key, int code)
{
	if (app_action(app, key, code) == ACT_NO_CHANGE) {
		const char *now = form_value(fs->form, "findings");
		if (now && *now && strcmp(now, VISIT_NORMAL))   /* what was written stays */
			app_msg(app, MSG_WARN, "走访情况已填写，Ctrl-N 不会覆盖；要改为“%s”请先清空",
			        VISIT_NORMAL);
		else
			form_set(fs->form, "findings", VISIT_NORMAL);
		form_focus(fs->form, "findings");
		return HANDLED;
	}
	return fs_key(app, fs, key, code);
}

static const enum action_id visit_actions[] = { FORM_ACTIONS, ACT_NO_CHANGE, ACT_NONE };

static const struct screen visit_screen = {
	.name = "visit_form", .title = "走访", .enter = fs_screen_enter, .leave = fs_screen_leave,
	.draw = fs_screen_draw, .key = fs_screen_key, .actions = visit_actions,
	.flags = SCREEN_TYPING,
};

const struct form_ops visit_form_ops = {
	.screen = &visit_screen,
	.build = visit_build,
	.free = visit_free,
	.save = visit_save,
	.check = visit_check_typed,
	.draw = visit_draw,
	.key = visit_key,
	.reload = visit_reload,
};

void visit_form_push(struct app *app, int64_t household_id, int64_t visit_id)
{
	char key[48];
	snprintf(key, sizeof key, "hh%lld-v%lld", (long long)household_id, (long long)visit_id);
	fs_push(app, &visit_form_ops, key);
}
