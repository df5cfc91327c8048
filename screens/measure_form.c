/* A measure (帮扶措施, SPEC §6): category from the configuration (开发式
 * follows from it), content, responsible department, start and end, amount
 * and state.  New or edited; a second officer's save in between is refused
 * by the engine and the typed values stay in the form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "assist/assist.h"
#include "access/draft.h"
#include "drafts.h"
#include "kit/fields.h"
#include "register/household.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "kit/ui.h"
#include "work.h"
#include "workui.h"

#define SCREEN_NAME "measure_form"

struct mstate {
	struct measure m;            /* as read (id 0: new) */
	struct household h;
	char others[400];            /* the household's other measures, one line */
	struct optlist categories, departments;
	struct form_field defs[7];
	struct form *form;
	char key[48];
};

/* A start after today is only for a planned measure (measure.c's rule). */
static const char *start_ok(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)arg;
	jday d = date_parse(v);
	if (d == JDAY_NONE)
		return "日期无效；可写 2026-05-03、20260503 或 5-3";
	struct jerr e = { 0 };
	if (measure_start_check(v, form_value(f, "state"), &e) == 0)
		return NULL;
	return snprintf(why, n, "%s", e.msg), why;
}

static const char *end_ok(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)arg;
	(void)f;
	(void)why;
	(void)n;
	return date_parse(v) == JDAY_NONE ? "日期无效；可写 2026-05-03、20260503 或 5-3" : NULL;
}

static const struct form_field templates[] = {
	{ .name = "category", .label = "措施类别", .kind = FORM_CHOICE, .width = 20, .required = 1,
	  .hint = "如 cy（产业帮扶）" },
	{ .name = "content", .label = "帮扶内容", .kind = FORM_TEXT, .width = 40, .maxbytes = 240,
	  .required = 1, .hint = "如 发放中蜂10箱" },
	{ .name = "department", .label = "责任部门", .kind = FORM_CHOICE, .width = 12 },
	{ .name = "start_on", .label = "开始日期", .kind = FORM_TEXT, .width = 12, .maxbytes = 20,
	  .required = 1, .validate = start_ok, .hint = "如 2026-05-03 或 5-3" },
	{ .name = "end_on", .label = "结束日期", .kind = FORM_TEXT, .width = 12, .maxbytes = 20,
	  .validate = end_ok, .hint = "已完成时必填" },
	{ .name = "amount", .label = "金额(元)", .kind = FORM_TEXT, .width = 12, .maxbytes = 20,
	  .validate = field_money, .hint = "可不填" },
	{ .name = "state", .label = "状态", .kind = FORM_CHOICE, .width = 8, .required = 1 },
};
#define NFIELDS (int)(sizeof templates / sizeof templates[0])

static void list_others(struct app *app, struct mstate *st)
{
	struct measure ms[16];
	int n = measure_list(app_session(app), st->h.id, ms, 16);
	size_t len = (size_t)snprintf(st->others, sizeof st->others, "已有措施：%s", n ? "" : "无");
	for (int i = 0; i < n && len < sizeof st->others; i++)
		if (ms[i].id != st->m.id)
			len += (size_t)snprintf(st->others + len, sizeof st->others - len, "%s（%s）",
			                        ms[i].category, ms[i].state);
}

static void fill(struct mstate *st)
{
	char money[32];
	const struct measure *m = &st->m;
	form_set(st->form, "category", m->category);
	form_set(st->form, "content", m->content);
	form_set(st->form, "department", m->department);
	form_set(st->form, "start_on", m->start_on);
	form_set(st->form, "end_on", m->end_on);
	form_set(st->form, "amount", m->amount >= 0 ? money_fmt(m->amount, money, sizeof money) : "");
	form_set(st->form, "state", m->state);
}

static int build(struct app *app, struct mstate *st)
{
	const struct config *cfg = app_session(app)->cfg;
	int n = 0;
	for (int i = 0; i < cfg->ncategories; i++)
		optlist_add(&st->categories, cfg->categories[i].name);
	for (int i = 0; i < cfg->ndepartments; i++)
		optlist_add(&st->departments, cfg->departments[i]);
	memcpy(st->defs, templates, sizeof templates);
	st->defs[0].options = st->categories.opts;
	st->defs[0].noptions = st->categories.n;
	st->defs[2].options = st->departments.opts;
	st->defs[2].noptions = st->departments.n;
	st->defs[6].options = fields_vocab(&VOCAB_MEASURE_STATE, &n);
	st->defs[6].noptions = n;
	st->form = form_new(st->defs, NFIELDS, st);
	return st->form ? 0 : -1;
}

struct margs { int64_t household, measure; };

static void measure_enter(struct app *app, void *arg)
{
	const struct margs *a = arg;
	struct session *s = app_session(app);
	struct mstate *st = calloc(1, sizeof *st);
	if (!st)
		return;
	app_set_data(app, st);
	if (build(app, st) != 0)
		return;
	st->m.household_id = a->household;
	if (a->measure && measure_get(s, a->measure, &st->m) != 1)
		app_msg(app, MSG_ERROR, "找不到这项措施，或不在您的辖区");
	household_get(s, st->m.household_id, &st->h, NULL);
	if (!st->m.id) {
		date_fmt(clock_today(), st->m.start_on);
		snprintf(st->m.state, sizeof st->m.state, "实施中");
		st->m.amount = -1;
	}
	fill(st);
	list_others(app, st);
	char payload[DRAFT_MAX];
	snprintf(st->key, sizeof st->key, "hh%lld-m%lld", (long long)st->m.household_id,
	         (long long)st->m.id);
	if (draft_load(s, SCREEN_NAME, st->key, payload, sizeof payload)) {
		fields_from_payload(st->form, payload);
		app_msg(app, MSG_WARN, "已恢复上次未保存的内容");
	}
	app_set_title(app, "%s帮扶措施 %s %s", st->m.id ? "修改" : "新增", st->h.head_name,
	              st->h.hh_no);
}

static void measure_leave(struct app *app)
{
	struct mstate *st = app_data(app);
	if (!st)
		return;
	if (app_hungup(app) && st->form && form_dirty(st->form)) {
		char payload[DRAFT_MAX] = "", title[160];
		fields_to_payload(st->form, payload, sizeof payload);
		snprintf(title, sizeof title, "帮扶措施 %s", st->h.head_name);
		draft_save(app_session(app), SCREEN_NAME, st->key, title, payload, NULL);
	}
	form_free(st->form);
	optlist_free(&st->categories);
	optlist_free(&st->departments);
	free(st);
}

static void measure_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct mstate *st = app_data(app);
	if (!st || !st->form)
		return;
	char line[300];
	snprintf(line, sizeof line, "户主 %s  户编号 %s  %s  %s", st->h.head_name, st->h.hh_no,
	         st->h.village_name, hh_status_text(st->h.status));
	ui_put(w, 0, 0, cols, line, UI_NORMAL);
	ui_put(w, 1, 0, cols, st->others, UI_DIM);
	form_draw(st->form, app, w, 3, 0, rows - 3, cols);
}

static int save(struct app *app, struct mstate *st)
{
	struct form *f = st->form;
	struct measure m = st->m;
	struct jerr e = { 0 };
	const char *amount = form_value(f, "amount");
	snprintf(m.category, sizeof m.category, "%s", form_value(f, "category"));
	snprintf(m.content, sizeof m.content, "%s", form_value(f, "content"));
	snprintf(m.department, sizeof m.department, "%s", form_value(f, "department"));
	field_date_iso(form_value(f, "start_on"), m.start_on);
	field_date_iso(form_value(f, "end_on"), m.end_on);
	snprintf(m.state, sizeof m.state, "%s", form_value(f, "state"));
	m.amount = *amount ? money_parse(amount) : -1;
	if (measure_save(app_session(app), &m, &e) != 0) {
		if (*e.field)
			form_focus(f, e.field);
		show_refusal(app, "未保存", e.msg);
		return HANDLED;
	}
	draft_discard(app_session(app), SCREEN_NAME, st->key);
	form_saved(f);
	app_msg(app, MSG_OK, "已保存帮扶措施：%s %s（%s）", st->h.head_name, m.category, m.state);
	return POP;
}

static int measure_key(struct app *app, int key, int code)
{
	struct mstate *st = app_data(app);
	if (!st || !st->form)
		return UNHANDLED;
	switch (form_key(st->form, app, key, code)) {
	case FORM_SAVE: return save(app, st);
	case FORM_UNHANDLED: break;
	default: return HANDLED;
	}
	return form_back(app, st->form, key, code, SCREEN_NAME, st->key);
}

static const enum action_id measure_actions[] = { FORM_ACTIONS, ACT_NONE };

static const struct screen measure_screen = {
	.name = SCREEN_NAME,
	.title = "帮扶措施",
	.enter = measure_enter,
	.leave = measure_leave,
	.draw = measure_draw,
	.key = measure_key,
	.actions = measure_actions,
	.flags = SCREEN_TYPING,
};

void measure_form_push(struct app *app, int64_t household_id, int64_t measure_id)
{
	struct margs a = { household_id, measure_id };
	app_push(app, &measure_screen, &a);
}

void measure_form_resume(struct app *app, const char *key, const char *payload)
{
	long long hh, id;
	(void)payload;
	if (sscanf(key, "hh%lld-m%lld", &hh, &id) == 2)
		measure_form_push(app, hh, id);
}
