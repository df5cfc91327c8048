/* A measure (帮扶措施, SPEC §6): category and sub-item from the national
 * code tables in the configuration (开发式 follows from them), content, responsible department, start and end, amount
 * and state.  New or edited; a second officer's save in between is refused
 * by the engine and the typed values stay in the form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "assist/assist.h"
#include "drafts.h"
#include "kit/fields.h"
#include "kit/formscreen.h"
#include "kit/options.h"
#include "register/household.h"
#include "access/session.h"
#include "kit/ui.h"
#include "work.h"

struct mstate {
	struct measure m;            /* as read (id 0: new) */
	struct household h;
	char others[400];            /* the household's other measures, one line */
	struct optlist categories, departments;
	struct optlist items[CODES_MAX_CATS];   /* each category's sub-items */
	const struct config *cfg;
};

/* The sub-item field offers the items of the category typed. */
static void offer_items(struct mstate *st, struct form *f, const char *category)
{
	struct form_field *item = form_field(f, "item");
	const struct config *cfg = st->cfg;
	if (!item)
		return;
	item->options = NULL;
	item->noptions = 0;
	for (int i = 0; i < cfg->codes.ncats; i++)
		if (!strcmp(cfg->codes.cats[i].label, category)) {
			item->options = st->items[i].opts;
			item->noptions = st->items[i].n;
		}
}

static const char *category_ok(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	struct formscreen *fs = arg;
	(void)why;
	(void)n;
	offer_items(fs->rec, f, v);
	return NULL;
}

/* measure.c's rule, once the category is known */
static const char *item_ok(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	struct formscreen *fs = arg;
	struct jerr e = { 0 };
	if (measure_item_check(app_session(fs->app)->cfg, form_value(f, "category"), v, &e) == 0 ||
	    strcmp(e.field, "item") != 0)
		return NULL;
	return snprintf(why, n, "%s", e.msg), why;
}

/* A start after today is only for a planned measure (measure.c's rule). */
static const char *start_ok(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	const char *r = field_any_date(arg, f, v, why, n);
	if (r)
		return r;
	struct jerr e = { 0 };
	if (measure_start_check(v, form_value(f, "state"), &e) == 0)
		return NULL;
	return snprintf(why, n, "%s", e.msg), why;
}

static void add_fields(struct mstate *st, struct form *f)
{
	int n;
	const struct form_option *states = fields_vocab(&VOCAB_MEASURE_STATE, &n);
	form_add(f, (struct form_field){ .name = "category", .label = "措施类别", .kind = FORM_CHOICE,
	                                 .width = 20, .required = 1, .options = st->categories.opts,
	                                 .noptions = st->categories.n, .validate = category_ok,
	                                 .hint = "如 cy（产业帮扶）" });
	form_add(f, (struct form_field){ .name = "item", .label = "子项", .kind = FORM_CHOICE,
	                                 .width = 20, .required = 1, .validate = item_ok,
	                                 .hint = "F4 列出本类子项" });
	form_add(f, (struct form_field){ .name = "content", .label = "帮扶内容", .width = 40,
	                                 .maxbytes = 240, .required = 1, .hint = "如 发放中蜂10箱" });
	form_add(f, (struct form_field){ .name = "department", .label = "责任部门",
	                                 .kind = FORM_CHOICE, .width = 12,
	                                 .options = st->departments.opts,
	                                 .noptions = st->departments.n });
	form_add(f, (struct form_field){ .name = "start_on", .label = "开始日期", .width = 12,
	                                 .maxbytes = 20, .required = 1, .validate = start_ok,
	                                 .hint = "如 2026-05-03 或 5-3" });
	form_add(f, (struct form_field){ .name = "end_on", .label = "结束日期", .width = 12,
	                                 .maxbytes = 20, .validate = field_any_date,
	                                 .hint = "已完成时必填" });
	form_add(f, (struct form_field){ .name = "amount", .label = "金额(元)", .width = 12,
	                                 .maxbytes = 20, .validate = field_money, .hint = "可不填" });
	form_add(f, (struct form_field){ .name = "state", .label = "状态", .kind = FORM_CHOICE,
	                                 .width = 8, .required = 1, .options = states,
	                                 .noptions = n });
}

static void list_others(struct session *s, struct mstate *st)
{
	struct measure ms[16];
	int n = measure_list(s, st->h.id, ms, 16);
	size_t len = (size_t)snprintf(st->others, sizeof st->others, "已有措施：%s", n ? "" : "无");
	for (int i = 0; i < n && len < sizeof st->others; i++)
		if (ms[i].id != st->m.id)
			len += (size_t)snprintf(st->others + len, sizeof st->others - len, "%s%s%s（%s）",
			                        ms[i].category, *ms[i].item ? "：" : "", ms[i].item,
			                        ms[i].state);
}

static void load(struct mstate *st, struct form *f)
{
	char money[32];
	const struct measure *m = &st->m;
	form_set(f, "category", m->category);
	offer_items(st, f, m->category);
	form_set(f, "item", m->item);
	form_set(f, "content", m->content);
	form_set(f, "department", m->department);
	form_set(f, "start_on", m->start_on);
	form_set(f, "end_on", m->end_on);
	form_set(f, "amount", m->amount >= 0 ? money_fmt(m->amount, money, sizeof money) : "");
	form_set(f, "state", m->state);
}

static void measure_free(struct formscreen *fs)
{
	struct mstate *st = fs->rec;
	optlist_free(&st->categories);
	optlist_free(&st->departments);
	for (int i = 0; i < CODES_MAX_CATS; i++)
		optlist_free(&st->items[i]);
	free(st);
}

/* key: "hh12-m0" (new) or "hh12-m34". */
static int measure_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct session *s = app_session(app);
	long long hh = 0, id = 0;
	struct mstate *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	fs->rec = st;
	fs->version = &st->m.version;
	st->cfg = s->cfg;
	sscanf(fs->key, "hh%lld-m%lld", &hh, &id);
	st->m.household_id = hh;
	if (id && measure_get(s, id, &st->m) != 1)
		return jerr_set(e, "", "找不到这项措施，或不在您的辖区");
	if (household_get(s, st->m.household_id, &st->h, e) != 0)
		return -1;
	for (int i = 0; i < s->cfg->codes.ncats; i++) {
		const struct cfg_measure_cat *c = &s->cfg->codes.cats[i];
		optlist_add(&st->categories, c->label);
		for (int j = 0; j < c->nitems; j++)
			optlist_add(&st->items[i], c->items[j].label);
	}
	for (int i = 0; i < s->cfg->ndepartments; i++)
		optlist_add(&st->departments, s->cfg->departments[i]);
	if (!st->m.id) {
		date_fmt(clock_today(), st->m.start_on);
		snprintf(st->m.state, sizeof st->m.state, "实施中");
		st->m.amount = -1;
	}
	add_fields(st, fs->form);
	load(st, fs->form);
	list_others(s, st);
	snprintf(fs->title, sizeof fs->title, "%s帮扶措施 %s %s", st->m.id ? "修改" : "新增",
	         st->h.head_name, st->h.hh_no);
	return 0;
}

static void measure_draw(struct app *app, struct formscreen *fs, WINDOW *w, int rows, int cols)
{
	struct mstate *st = fs->rec;
	char line[300];
	snprintf(line, sizeof line, "户主 %s  户编号 %s  %s  %s", st->h.head_name, st->h.hh_no,
	         st->h.village_name, hh_status_text(st->h.status));
	ui_put(w, 0, 0, cols, line, UI_NORMAL);
	ui_put(w, 1, 0, cols, st->others, UI_DIM);
	form_draw(fs->form, app, w, 3, 0, rows - 3, cols);
}

/* The measure as typed, on top of the one read when the form opened. */
static struct measure form_to_measure(struct formscreen *fs)
{
	struct mstate *st = fs->rec;
	struct form *f = fs->form;
	struct measure m = st->m;
	const char *amount = form_value(f, "amount");
	snprintf(m.category, sizeof m.category, "%s", form_value(f, "category"));
	snprintf(m.item, sizeof m.item, "%s", form_value(f, "item"));
	snprintf(m.content, sizeof m.content, "%s", form_value(f, "content"));
	snprintf(m.department, sizeof m.department, "%s", form_value(f, "department"));
	field_date_iso(form_value(f, "start_on"), m.start_on);
	field_date_iso(form_value(f, "end_on"), m.end_on);
	snprintf(m.state, sizeof m.state, "%s", form_value(f, "state"));
	m.amount = *amount ? money_parse(amount) : -1;
	return m;
}

static int measure_check_typed(struct formscreen *fs, struct jerr *e)
{
	struct measure m = form_to_measure(fs);
	return measure_check(app_session(fs->app), &m, e);
}

static int save_measure(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct mstate *st = fs->rec;
	struct measure m = form_to_measure(fs);
	if (measure_save(app_session(app), &m, e) != 0)
		return -1;
	st->m = m;
	app_msg(app, MSG_OK, "已保存帮扶措施：%s %s：%s（%s）", st->h.head_name, m.category, m.item,
	        m.state);
	return 0;
}

static const struct screen measure_screen = { .name = "measure_form", .title = "帮扶措施", FS_SCREEN };

const struct form_ops measure_form_ops = {
	.screen = &measure_screen,
	.build = measure_build,
	.free = measure_free,
	.save = save_measure,
	.check = measure_check_typed,
	.draw = measure_draw,
};

void measure_form_push(struct app *app, int64_t household_id, int64_t measure_id)
{
	char key[48];
	snprintf(key, sizeof key, "hh%lld-m%lld", (long long)household_id, (long long)measure_id);
	fs_push(app, &measure_form_ops, key);
}
