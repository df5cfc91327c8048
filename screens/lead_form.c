/* Entering a lead (SPEC §4): channel, department, whom it names (a
 * household found by the search box, or a person by ID number and name in
 * a village), the reason and the date.  The engine merges it into the open
 * lead of the same household or person; the message says which happened.
 * As the officer types, each field shows what lead_check() -- the check
 * lead_create() makes -- says of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "register/choices.h"
#include "drafts.h"
#include "kit/fields.h"
#include "kit/formscreen.h"
#include "kit/options.h"
#include "register/hhlist.h"
#include "register/household.h"
#include "base/idcard.h"
#include "flow/lead.h"
#include "access/session.h"
#include "kit/ui.h"
#include "work.h"
#include "workui.h"

#define MAX_VILLAGES 2000

struct lead_state {
	const struct config *cfg;
	int64_t household;           /* chosen with F4, 0 none */
	char hh_label[256];          /* the text the field shows for it */
	struct choice *villages;
	int nvillages;
	struct form_option *village_opts;
};

static const char *household_ok(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	struct lead_state *st = ((struct formscreen *)arg)->rec;
	(void)f;
	(void)why;
	(void)n;
	return st->household && !strcmp(v, st->hh_label) ? NULL : "按 F4 查找并选择户（或清空此项，填写身份证号）";
}

static void add_fields(struct lead_state *st, struct form *f)
{
	int n;
	const struct form_option *channels = fields_vocab(&VOCAB_CHANNEL, &n);
	form_add(f, (struct form_field){ .name = "channel", .label = "线索来源", .kind = FORM_CHOICE,
	                                 .width = 14, .required = 1, .options = channels,
	                                 .noptions = n, .hint = "如 bm（部门筛查预警）" });
	const struct form_option *depts = fields_departments(st->cfg, &n);
	form_add(f, (struct form_field){ .name = "department", .label = "预警部门",
	                                 .kind = FORM_CHOICE, .width = 10, .options = depts,
	                                 .noptions = n, .resolve = field_department,
	                                 .hint = "部门筛查预警时填写" });
	form_add(f, (struct form_field){ .name = "household", .label = "户", .width = 36,
	                                 .maxbytes = 300, .validate = household_ok,
	                                 .hint = "姓名、拼音或户编号后 Enter" });
	form_add(f, (struct form_field){ .name = "id_no", .label = "身份证号", .width = 20,
	                                 .maxbytes = 40, .validate = field_id_no,
	                                 .hint = "未建户的人填写" });
	form_add(f, (struct form_field){ .name = "name", .label = "姓名", .width = 12,
	                                 .maxbytes = 60 });
	form_add(f, (struct form_field){ .name = "village", .label = "所在村", .kind = FORM_CHOICE,
	                                 .width = 20, .options = st->village_opts,
	                                 .noptions = st->nvillages, .hint = "未建户的人填写" });
	form_add(f, (struct form_field){ .name = "reason", .label = "原因", .width = 40,
	                                 .maxbytes = 240, .required = 1,
	                                 .hint = "如 住院自付3万元" });
	form_add(f, (struct form_field){ .name = "found_on", .label = "发现日期", .width = 12,
	                                 .maxbytes = 20, .required = 1, .validate = field_any_date,
	                                 .hint = "如 2026-05-03 或 5-3" });
}

static int64_t village_id(const struct lead_state *st, const char *text)
{
	for (int i = 0; i < st->nvillages; i++)
		if (!strcmp(st->villages[i].text, text))
			return st->villages[i].id;
	return 0;
}

/* The lead as typed; id_no (>= 20 bytes) holds the ID number, normalised
 * when it can be. */
static struct lead_input lead_of(struct formscreen *fs, char *id_no)
{
	struct lead_state *st = fs->rec;
	struct form *f = fs->form;
	struct jerr e = { 0 };
	if (!*form_value(f, "id_no") || idcard_normalize(form_value(f, "id_no"), id_no, &e) != 0)
		snprintf(id_no, 20, "%.19s", form_value(f, "id_no"));
	return (struct lead_input){
		.household_id = *form_value(f, "household") ? st->household : 0, .id_no = id_no,
		.name = form_value(f, "name"), .village_id = village_id(st, form_value(f, "village")),
		.channel = form_value(f, "channel"), .department = form_value(f, "department"),
		.found_on = date_parse(form_value(f, "found_on")), .reason = form_value(f, "reason"),
	};
}

static int lead_check_typed(struct formscreen *fs, struct jerr *e)
{
	char id_no[20];
	struct lead_input in = lead_of(fs, id_no);
	return lead_check(app_session(fs->app), &in, NULL, e);
}

static void set_household(struct lead_state *st, struct app *app, struct form *f, int64_t hh)
{
	struct household h;
	if (household_get(app_session(app), hh, &h, NULL) != 0)
		return;
	st->household = hh;
	snprintf(st->hh_label, sizeof st->hh_label, "%s %s %s%s", h.head_name, h.hh_no,
	         h.village_name, h.group_name);
	form_set(f, "household", st->hh_label);
	form_set(f, "village", "");
}

static void lead_free(struct formscreen *fs)
{
	struct lead_state *st = fs->rec;
	free(st->village_opts);
	free(st->villages);
	free(st);
}

/* key: "hh12" (a lead on that household), "hh0" (on a person). */
static int lead_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct session *s = app_session(app);
	long long hh = 0;
	char today[11];
	struct lead_state *st = calloc(1, sizeof *st);
	(void)e;
	if (!st)
		return -1;
	fs->rec = st;
	st->cfg = s->cfg;
	st->villages = calloc(MAX_VILLAGES, sizeof *st->villages);
	if (!st->villages)
		return -1;
	st->nvillages = choice_areas(s, LEVEL_VILLAGE, st->villages, MAX_VILLAGES);
	st->village_opts = fields_choices(st->villages, st->nvillages);
	add_fields(st, fs->form);
	form_set(fs->form, "found_on", date_fmt(clock_today(), today));
	if (st->nvillages == 1)
		form_set(fs->form, "village", st->villages[0].text);
	sscanf(fs->key, "hh%lld", &hh);
	if (hh)
		set_household(st, app, fs->form, hh);
	form_focus(fs->form, "channel");
	snprintf(fs->title, sizeof fs->title, "登记风险线索%s%.200s", hh ? " " : "", hh ? st->hh_label : "");
	return 0;
}

static void lead_draw(struct app *app, struct formscreen *fs, WINDOW *w, int rows, int cols)
{
	ui_put(w, 0, 0, cols, "同一户或同一人的线索会合并为一条（保留每个来源）。", UI_DIM);
	form_draw(fs->form, app, w, 2, 0, rows - 2, cols);
}

static int lead_save(struct app *app, struct formscreen *fs, struct jerr *e)
{
	char id_no[20];
	struct lead_input in = lead_of(fs, id_no);
	int64_t id = 0;
	int merged = 0;
	if (lead_create(app_session(app), &in, &id, &merged, e) != 0)
		return -1;
	if (merged)
		app_msg(app, MSG_OK, "已并入该户（此人）已有的线索，作为又一个来源");
	else
		app_msg(app, MSG_OK, "已登记线索");
	return 0;
}

/* Leaving the 户 field with a name typed looks it up: "sxx" Enter. */
static int lead_key(struct app *app, struct formscreen *fs, int key, int code)
{
	struct lead_state *st = fs->rec;
	const char *focus = form_focused(fs->form);
	const char *typed = form_value(fs->form, "household");
	int in_hh = focus && !strcmp(focus, "household");
	int search = in_hh && *typed && strcmp(typed, st->hh_label) &&
	             (key == '\r' || key == '\t' || (code && key == KEY_ENTER));
	if (!in_hh || !(search || action_matches(ACT_CHOICES, key, code)))
		return fs_key(app, fs, key, code);
	struct hh_filter f;
	int64_t hh;
	memset(&f, 0, sizeof f);
	snprintf(f.search, sizeof f.search, "%s", strcmp(typed, st->hh_label) ? typed : "");
	if (pick_household(app, "选择线索所指的户", &f, &hh)) {
		set_household(st, app, fs->form, hh);
		form_focus(fs->form, "reason");   /* 身份证号, 姓名, 村 are for a person only */
	}
	return HANDLED;
}

static const struct screen lead_screen = { .name = "lead_form", .title = "登记风险线索", FS_SCREEN };

const struct form_ops lead_form_ops = {
	.screen = &lead_screen,
	.build = lead_build,
	.free = lead_free,
	.save = lead_save,
	.check = lead_check_typed,
	.draw = lead_draw,
	.key = lead_key,
	.restored = "已恢复上次未保存的线索",
};

void lead_form_push(struct app *app, int64_t household_id)
{
	char key[32];
	snprintf(key, sizeof key, "hh%lld", (long long)household_id);
	fs_push(app, &lead_form_ops, key);
}
