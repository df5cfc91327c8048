/* A measure (帮扶措施, SPEC §6): category and sub-item from the national
 * code tables in the configuration (开发式 follows from them), content,
 * responsible department, start and end, amount and state.  New or edited
 * (a second officer's save in between opens the conflict box), or one
 * measure given to many marked households at once, each getting its own
 * record (measure_give_many). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "access/draft.h"
#include "assist/assist.h"
#include "drafts.h"
#include "kit/fields.h"
#include "kit/formscreen.h"
#include "kit/options.h"
#include "kit/prompt.h"
#include "register/household.h"
#include "access/session.h"
#include "kit/ui.h"
#include "work.h"

struct mstate {
	struct measure m;            /* as read (id 0: new) */
	struct household h;
	char others[400];            /* the household's other measures, one line */
	struct optlist categories;
	struct optlist items[CODES_MAX_CATS];   /* each category's sub-items */
	const struct config *cfg;
	int64_t *many;               /* one measure for these households (m.household_id:
	                                the first that may have one, for the checks) */
	int nmany;
	int *marks_left;             /* the list's marks, cleared once given */
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
	int n, nd;
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
	const struct form_option *depts = fields_departments(st->cfg, &nd);
	form_add(f, (struct form_field){ .name = "department", .label = "责任部门",
	                                 .kind = FORM_CHOICE, .width = 12, .options = depts,
	                                 .noptions = nd, .resolve = field_department });
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
	free(st->many);
	for (int i = 0; i < CODES_MAX_CATS; i++)
		optlist_free(&st->items[i]);
	free(st);
}

static void load_options(struct session *s, struct mstate *st)
{
	for (int i = 0; i < s->cfg->codes.ncats; i++) {
		const struct cfg_measure_cat *c = &s->cfg->codes.cats[i];
		optlist_add(&st->categories, c->label);
		for (int j = 0; j < c->nitems; j++)
			optlist_add(&st->items[i], c->items[j].label);
	}
	st->cfg = s->cfg;
}

static void new_measure(struct mstate *st)
{
	date_fmt(clock_today(), st->m.start_on);
	snprintf(st->m.state, sizeof st->m.state, "实施中");
	st->m.amount = -1;
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
	load_options(s, st);
	if (!st->m.id)
		new_measure(st);
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

/* The measure as another officer saved it, for the conflict box. */
static int measure_reload(struct app *app, struct formscreen *fs, struct form *into,
                          struct jerr *e)
{
	struct mstate *st = fs->rec;
	struct session *s = app_session(app);
	if (!st->m.id)
		return 0;
	if (measure_get(s, st->m.id, &st->m) != 1)
		return jerr_set(e, "", "找不到这项措施，或不在您的辖区");
	load(st, into);
	list_others(s, st);
	return 1;
}

static const struct screen measure_screen = { .name = "measure_form", .title = "帮扶措施", FS_SCREEN };

const struct form_ops measure_form_ops = {
	.screen = &measure_screen,
	.build = measure_build,
	.free = measure_free,
	.save = save_measure,
	.check = measure_check_typed,
	.draw = measure_draw,
	.reload = measure_reload,
};

void measure_form_push(struct app *app, int64_t household_id, int64_t measure_id)
{
	char key[48];
	snprintf(key, sizeof key, "hh%lld-m%lld", (long long)household_id, (long long)measure_id);
	fs_push(app, &measure_form_ops, key);
}

/* --- one measure for many households (issue 16) ------------------------------ */

#define MANY_MAX 500         /* marked households one entry gives a measure to */
#define MANY_NAMES 6         /* named on the form's first line */

/* Who gets it, named: 张三、李四……等40户. */
static void name_many(struct session *s, struct mstate *st)
{
	size_t len = (size_t)snprintf(st->others, sizeof st->others, "为 ");
	for (int i = 0; i < st->nmany && i < MANY_NAMES && len < sizeof st->others; i++) {
		struct household h;
		struct jerr e = { 0 };
		if (household_get(s, st->many[i], &h, &e) == 0)
			len += (size_t)snprintf(st->others + len, sizeof st->others - len, "%s%s",
			                        i ? "、" : "", h.head_name);
	}
	if (len < sizeof st->others)
		snprintf(st->others + len, sizeof st->others - len, "%s 共%d户各登记一条",
		         st->nmany > MANY_NAMES ? "等" : "", st->nmany);
}

/* key: "many:N:hash" -- a draft is for the same marked households. */
static void many_key(const int64_t *ids, int n, char *key, size_t size)
{
	unsigned h = 2166136261u;
	for (int i = 0; i < n; i++)
		h = (h ^ (unsigned)ids[i]) * 16777619u;
	snprintf(key, size, "many:%d:%08x", n, h);
}

static int many_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct session *s = app_session(app);
	struct mstate *st = fs->rec;
	(void)e;
	load_options(s, st);
	new_measure(st);
	/* the checks while typing ask about the first household that may have one */
	st->m.household_id = st->many[0];
	for (int i = 0; i < st->nmany; i++)
		if (assist_household_ok(s, st->many[i], "帮扶措施", NULL) == 0) {
			st->m.household_id = st->many[i];
			break;
		}
	add_fields(st, fs->form);
	load(st, fs->form);
	name_many(s, st);
	snprintf(fs->title, sizeof fs->title, "为%d户登记同一帮扶措施", st->nmany);
	return 0;
}

static void many_draw(struct app *app, struct formscreen *fs, WINDOW *w, int rows, int cols)
{
	struct mstate *st = fs->rec;
	ui_put(w, 0, 0, cols, st->others, UI_NORMAL);
	ui_put(w, 1, 0, cols, "每户一条记录，与逐户登记相同；不能登记的户列出原因，由您决定是否只登记其余的户",
	       UI_DIM);
	form_draw(fs->form, app, w, 3, 0, rows - 3, cols);
}

/* The households refused, one a line: 张三 5002…：reason. */
static void list_refused(struct session *s, const struct measure_refusal *no, int nno,
                         char *out, size_t n)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < nno && len < n; i++) {
		struct household h;
		struct jerr e = { 0 };
		if (household_get(s, no[i].household_id, &h, &e) != 0)
			snprintf(h.head_name, sizeof h.head_name, "（不在您辖区的户）"), h.hh_no[0] = 0;
		len += (size_t)snprintf(out + len, n - len, "%s %s：%s\n", h.head_name, h.hh_no,
		                        no[i].msg);
	}
}

/* Refused households are named; the officer decides whether the others
 * get theirs (nothing is written for the refused ones either way). */
static int many_confirm(struct app *app, struct mstate *st, const struct measure_refusal *no,
                        int nno, int ok, struct jerr *e)
{
	char *text = malloc(16384);
	if (!text)
		return jerr_set(e, "", "内存不足");
	int n = snprintf(text, 16384, "%d户可以登记，%d户不能：\n", ok, nno);
	list_refused(app_session(app), no, nno, text + n, 16384 - (size_t)n);
	if (!ok) {
		prompt_message(app, "都不能登记", text);
		free(text);
		return jerr_set(e, "", "标记的%d户都不能登记这项措施", st->nmany);
	}
	n = (int)strlen(text);
	snprintf(text + n, 16384 - (size_t)n, "\n只为这%d户登记（不能登记的户不写任何记录）吗？", ok);
	int yes = prompt_confirm(app, text) == 1;
	free(text);
	return yes ? 0 : jerr_set(e, "", "未登记；可改正标记后再按 F2");
}

static int many_save(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct mstate *st = fs->rec;
	struct session *s = app_session(app);
	struct measure m = form_to_measure(fs);
	struct measure_refusal *no = calloc((size_t)st->nmany, sizeof *no);
	int nno = 0;
	if (!no)
		return jerr_set(e, "", "内存不足");
	int ok = measure_give_many(s, &m, st->many, st->nmany, 1, no, &nno, e);
	if (ok >= 0 && nno > 0 && many_confirm(app, st, no, nno, ok, e) != 0)
		ok = -1;
	if (ok >= 0)
		ok = measure_give_many(s, &m, st->many, st->nmany, 0, no, &nno, e);
	free(no);
	if (ok < 0)
		return -1;
	if (st->marks_left)
		*st->marks_left = 0;
	app_msg(app, MSG_OK, "已为%d户各登记一条帮扶措施：%s%s", ok, m.category,
	        nno ? "（其余的户未登记）" : "");
	return 0;
}

/* The draft names the households: @households=12,34,... */
static void many_draft_put(struct formscreen *fs, char *buf, size_t n)
{
	struct mstate *st = fs->rec;
	char *list = malloc(DRAFT_MAX);
	size_t len = 0;
	if (!list)
		return;
	list[0] = 0;
	for (int i = 0; i < st->nmany && len + 24 < DRAFT_MAX / 2; i++)
		len += (size_t)snprintf(list + len, DRAFT_MAX - len, "%s%lld", i ? "," : "",
		                        (long long)st->many[i]);
	draft_put(buf, n, "@households", list);
	free(list);
}

static void many_resume(struct app *app, const char *key);

static const struct screen many_screen;

const struct form_ops measure_many_ops = {
	.screen = &many_screen,
	.build = many_build,
	.free = measure_free,
	.save = many_save,
	.check = measure_check_typed,
	.draw = many_draw,
	.draft_put = many_draft_put,
	.resume = many_resume,
};

struct many_arg {
	const int64_t *households;
	int n, *marks_left;
};

static int many_enter(struct app *app, void *arg)
{
	const struct many_arg *a = arg;
	struct mstate *st = calloc(1, sizeof *st);
	char key[64];
	struct jerr e = { 0 };
	if (!st || !(st->many = calloc((size_t)a->n, sizeof *st->many))) {
		free(st);
		return -1;
	}
	memcpy(st->many, a->households, (size_t)a->n * sizeof *st->many);
	st->nmany = a->n;
	st->marks_left = a->marks_left;
	many_key(st->many, st->nmany, key, sizeof key);
	struct formscreen *fs = fs_open(app, &measure_many_ops, key, st, &e);
	if (!fs) {
		app_msg(app, MSG_ERROR, "%s", e.msg[0] ? e.msg : "无法打开表单（内存不足）");
		return -1;
	}
	app_set_data(app, fs);
	app_set_title(app, "%s", fs->title);
	return 0;
}

static const struct screen many_screen = {
	.name = "measure_many", .title = "批量登记帮扶措施", .enter = many_enter,
	.leave = fs_screen_leave, .draw = fs_screen_draw, .key = fs_screen_key,
	.actions = fs_actions, .flags = SCREEN_TYPING,
};

void measure_many_push(struct app *app, const int64_t *households, int n, int *marks_left)
{
	if (n <= 0) {
		app_msg(app, MSG_INFO, "请先用 Space 标记要登记措施的户");
		return;
	}
	if (n > MANY_MAX) {
		app_msg(app, MSG_WARN, "一次最多为%d户登记同一措施（已标记%d户）", MANY_MAX, n);
		return;
	}
	struct many_arg a = { households, n, marks_left };
	app_push(app, &many_screen, &a);
}

/* From the draft list: the households the draft names. */
static void many_resume(struct app *app, const char *key)
{
	char *payload = malloc(DRAFT_MAX), *list = malloc(DRAFT_MAX);
	int64_t *ids = calloc(MANY_MAX, sizeof *ids);
	int n = 0;
	if (payload && list && ids &&
	    draft_load(app_session(app), many_screen.name, key, payload, DRAFT_MAX) &&
	    draft_get(payload, "@households", list, DRAFT_MAX))
		for (char *p = list; *p && n < MANY_MAX; p += strcspn(p, ","), p += *p == ',')
			ids[n++] = atoll(p);
	measure_many_push(app, ids, n, NULL);
	free(payload);
	free(list);
	free(ids);
}
