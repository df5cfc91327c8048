/* Entering a lead (SPEC §4): channel, department, whom it names (a
 * household found by the search box, or a person by ID number and name in
 * a village), the reason and the date.  The engine merges it into the open
 * lead of the same household or person; the message says which happened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "register/choices.h"
#include "access/draft.h"
#include "drafts.h"
#include "kit/fields.h"
#include "register/hhlist.h"
#include "register/household.h"
#include "base/idcard.h"
#include "flow/lead.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "kit/ui.h"
#include "work.h"
#include "workui.h"

#define SCREEN_NAME "lead_form"
#define MAX_VILLAGES 2000

struct lead_state {
	int64_t household;           /* chosen with F4, 0 none */
	char hh_label[256];          /* the text the field shows for it */
	struct optlist departments;
	struct choice *villages;
	int nvillages;
	struct form_option *village_opts;
	struct form_field defs[8];
	struct form *form;
	char key[32];
};

static const char *channel_ok(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)arg;
	const char *dept = form_value(f, "department");
	struct jerr e = { 0 };
	if (lead_source_check(v, dept ? dept : "", &e) == 0)
		return NULL;
	return snprintf(why, n, "%s", e.msg), why;
}

static const char *household_ok(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	struct lead_state *st = arg;
	(void)f;
	(void)why;
	(void)n;
	return st->household && !strcmp(v, st->hh_label) ? NULL : "按 F4 查找并选择户（或清空此项，填写身份证号）";
}

static const struct form_field templates[] = {
	{ .name = "channel", .label = "线索来源", .kind = FORM_CHOICE, .width = 14, .required = 1,
	  .validate = channel_ok, .hint = "如 bm（部门筛查预警）" },
	{ .name = "department", .label = "预警部门", .kind = FORM_CHOICE, .width = 10,
	  .hint = "部门筛查预警时填写" },
	{ .name = "household", .label = "户", .kind = FORM_TEXT, .width = 36, .maxbytes = 300,
	  .validate = household_ok, .hint = "姓名、拼音首字母或户编号，Enter 查找" },
	{ .name = "id_no", .label = "身份证号", .kind = FORM_TEXT, .width = 20, .maxbytes = 40,
	  .validate = field_id_no, .hint = "未建户的人填写" },
	{ .name = "name", .label = "姓名", .kind = FORM_TEXT, .width = 12, .maxbytes = 60 },
	{ .name = "village", .label = "所在村", .kind = FORM_CHOICE, .width = 20,
	  .hint = "未建户的人填写" },
	{ .name = "reason", .label = "原因", .kind = FORM_TEXT, .width = 40, .maxbytes = 240,
	  .required = 1, .hint = "如 住院自付3万元" },
	{ .name = "found_on", .label = "发现日期", .kind = FORM_TEXT, .width = 12, .maxbytes = 20,
	  .required = 1, .validate = field_date, .hint = "如 2026-05-03 或 5-3" },
};
#define NFIELDS (int)(sizeof templates / sizeof templates[0])

static void set_household(struct lead_state *st, struct app *app, int64_t hh)
{
	struct household h;
	if (household_get(app_session(app), hh, &h, NULL) != 0)
		return;
	st->household = hh;
	snprintf(st->hh_label, sizeof st->hh_label, "%s %s %s%s", h.head_name, h.hh_no,
	         h.village_name, h.group_name);
	form_set(st->form, "household", st->hh_label);
	form_set(st->form, "village", "");
}

static int build(struct app *app, struct lead_state *st)
{
	struct session *s = app_session(app);
	int n = 0;
	for (int i = 0; i < s->cfg->ndepartments; i++)
		optlist_add(&st->departments, s->cfg->departments[i]);
	st->villages = calloc(MAX_VILLAGES, sizeof *st->villages);
	if (!st->villages)
		return -1;
	st->nvillages = choice_areas(s, LEVEL_VILLAGE, st->villages, MAX_VILLAGES);
	st->village_opts = fields_choices(st->villages, st->nvillages);
	memcpy(st->defs, templates, sizeof templates);
	st->defs[0].options = fields_vocab(&VOCAB_CHANNEL, &n);
	st->defs[0].noptions = n;
	st->defs[1].options = st->departments.opts;
	st->defs[1].noptions = st->departments.n;
	st->defs[5].options = st->village_opts;
	st->defs[5].noptions = st->nvillages;
	st->form = form_new(st->defs, NFIELDS, st);
	return st->form ? 0 : -1;
}

static void lead_enter(struct app *app, void *arg)
{
	struct lead_state *st = calloc(1, sizeof *st);
	if (!st)
		return;
	app_set_data(app, st);
	if (build(app, st) != 0)
		return;
	int64_t hh = *(const int64_t *)arg;
	char today[11], payload[DRAFT_MAX];
	form_set(st->form, "found_on", date_fmt(clock_today(), today));
	if (st->nvillages == 1)
		form_set(st->form, "village", st->villages[0].text);
	if (hh)
		set_household(st, app, hh);
	snprintf(st->key, sizeof st->key, "hh%lld", (long long)hh);
	if (draft_load(app_session(app), SCREEN_NAME, st->key, payload, sizeof payload)) {
		fields_from_payload(st->form, payload);
		app_msg(app, MSG_WARN, "已恢复上次未保存的线索");
	}
	form_focus(st->form, "channel");
	app_set_title(app, "登记风险线索%s%s", hh ? " " : "", hh ? st->hh_label : "");
}

static void lead_leave(struct app *app)
{
	struct lead_state *st = app_data(app);
	if (!st)
		return;
	if (app_hungup(app) && st->form && form_dirty(st->form)) {
		char payload[DRAFT_MAX] = "";
		fields_to_payload(st->form, payload, sizeof payload);
		draft_save(app_session(app), SCREEN_NAME, st->key, "登记风险线索", payload, NULL);
	}
	form_free(st->form);
	optlist_free(&st->departments);
	free(st->village_opts);
	free(st->villages);
	free(st);
}

static void lead_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct lead_state *st = app_data(app);
	if (!st || !st->form)
		return;
	ui_put(w, 0, 0, cols, "同一户或同一人的线索会合并为一条（保留每个来源）。", UI_DIM);
	form_draw(st->form, app, w, 2, 0, rows - 2, cols);
}

static int64_t village_id(const struct lead_state *st, const char *text)
{
	for (int i = 0; i < st->nvillages; i++)
		if (!strcmp(st->villages[i].text, text))
			return st->villages[i].id;
	return 0;
}

static int save(struct app *app, struct lead_state *st)
{
	struct form *f = st->form;
	char id_no[20] = "";
	struct jerr e = { 0 };
	if (!*form_value(f, "household"))
		st->household = 0;
	if (*form_value(f, "id_no") && idcard_normalize(form_value(f, "id_no"), id_no, &e) != 0) {
		form_focus(f, "id_no");
		show_refusal(app, "不能登记", e.msg);
		return HANDLED;
	}
	struct lead_input in = {
		.household_id = st->household, .id_no = id_no, .name = form_value(f, "name"),
		.village_id = village_id(st, form_value(f, "village")),
		.channel = form_value(f, "channel"), .department = form_value(f, "department"),
		.found_on = date_parse(form_value(f, "found_on")), .reason = form_value(f, "reason"),
	};
	int64_t id = 0;
	int merged = 0;
	if (lead_create(app_session(app), &in, &id, &merged, &e) != 0) {
		if (*e.field)
			form_focus(f, !strcmp(e.field, "village") ? "village" : e.field);
		show_refusal(app, "不能登记", e.msg);
		return HANDLED;
	}
	draft_discard(app_session(app), SCREEN_NAME, st->key);
	form_saved(f);
	if (merged)
		app_msg(app, MSG_OK, "已并入该户（此人）已有的线索，作为又一个来源");
	else
		app_msg(app, MSG_OK, "已登记线索");
	return POP;
}

static int lead_key(struct app *app, int key, int code)
{
	struct lead_state *st = app_data(app);
	if (!st || !st->form)
		return UNHANDLED;
	const char *focus = form_focused(st->form);
	const char *typed = form_value(st->form, "household");
	int in_hh = focus && !strcmp(focus, "household");
	/* leaving the 户 field with a name typed looks it up: "sxx" Enter */
	int search = in_hh && *typed && strcmp(typed, st->hh_label) &&
	             (key == '\r' || key == '\t' || (code && key == KEY_ENTER));
	if (in_hh && (search || action_matches(ACT_CHOICES, key, code))) {
		struct hh_filter f;
		int64_t hh;
		memset(&f, 0, sizeof f);
		snprintf(f.search, sizeof f.search, "%s",
		         strcmp(form_value(st->form, "household"), st->hh_label) ?
		         form_value(st->form, "household") : "");
		if (pick_household(app, "选择线索所指的户", &f, &hh)) {
			set_household(st, app, hh);
			form_focus(st->form, "reason");   /* 身份证号, 姓名, 村 are for a person only */
		}
		return HANDLED;
	}
	switch (form_key(st->form, app, key, code)) {
	case FORM_SAVE: return save(app, st);
	case FORM_UNHANDLED: break;
	default: return HANDLED;
	}
	return form_back(app, st->form, key, code, SCREEN_NAME, st->key);
}

static const enum action_id lead_actions[] = { FORM_ACTIONS, ACT_NONE };

static const struct screen lead_screen = {
	.name = SCREEN_NAME,
	.title = "登记风险线索",
	.enter = lead_enter,
	.leave = lead_leave,
	.draw = lead_draw,
	.key = lead_key,
	.actions = lead_actions,
	.flags = SCREEN_TYPING,
};

void lead_form_push(struct app *app, int64_t household_id)
{
	app_push(app, &lead_screen, &household_id);
}

void lead_form_resume(struct app *app, const char *key, const char *payload)
{
	long long hh;
	(void)payload;
	if (sscanf(key, "hh%lld", &hh) == 1)
		lead_form_push(app, hh);
}
