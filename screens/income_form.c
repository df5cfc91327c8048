/* The yearly income form (SPEC §2): the four incomes, 生产经营性支出 and
 * 合规自付支出 in 元.  纯收入 and 人均纯收入 are never typed: they are shown
 * below the form as the officer types, against that year's monitoring line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "config/config.h"
#include "access/draft.h"
#include "drafts.h"
#include "kit/fields.h"
#include "kit/formscreen.h"
#include "register/household.h"
#include "access/session.h"
#include "kit/ui.h"

struct income_rec {
	struct session *s;
	struct income in;          /* as read: its version guards the save */
	int size;
	char hh_no[32], head_name[64];
};

static const char *const parts[] = { "wage", "business", "property", "transfer",
                                     "business_cost", "out_of_pocket" };

static const char *v_money(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	/* the engine names the component it refused; any amount field shows it */
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		const char *r = fs_refused(arg, parts[i], v);
		if (r && !strcmp(form_value(f, parts[i]), v))
			return r;
	}
	return field_money(arg, f, v, why, n);
}

#define MONEY(nm, lb) { .name = nm, .label = lb, .kind = FORM_TEXT, .width = 14, \
                        .maxbytes = 16, .validate = v_money, .hint = "元，如 12345.60" }

static const struct form_field income_fields[] = {
	MONEY("wage", "工资性收入"),
	MONEY("business", "生产经营性收入"),
	MONEY("property", "财产性收入"),
	MONEY("transfer", "转移性收入"),
	MONEY("business_cost", "生产经营性支出"),
	MONEY("out_of_pocket", "合规自付支出"),
};

#undef MONEY

static int64_t *part_of(struct income *in, int i)
{
	int64_t *p[] = { &in->wage, &in->business, &in->property, &in->transfer,
	                 &in->business_cost, &in->out_of_pocket };
	return p[i];
}

/* The form's amounts; a field that does not parse counts 0 (it shows why). */
static void form_to_income(struct form *f, struct income *in)
{
	for (int i = 0; i < 6; i++) {
		int64_t v = money_parse(form_value(f, parts[i]));
		*part_of(in, i) = v < 0 ? 0 : v;
	}
}

static int inf_save(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct income_rec *r = fs->rec;
	struct income in = r->in;         /* the version read when the form opened */
	form_to_income(fs->form, &in);
	if (income_save(r->s, &in, e) != 0)
		return -1;
	r->in = in;
	app_msg(app, MSG_OK, "已保存 %d 年收入", in.year);
	return 0;
}

static void inf_meta(struct formscreen *fs, char *buf, size_t n)
{
	struct income_rec *r = fs->rec;
	char v[32];
	snprintf(v, sizeof v, "%d", r->in.version);
	draft_put(buf, n, "@version", v);
}

static const struct fs_ops inf_ops = { "income_form", inf_save, inf_meta };

struct inf_arg {
	int64_t household_id;
	int year;
	const char *payload;
};

static struct income_rec *new_rec(struct session *s, const struct inf_arg *a, struct jerr *e)
{
	struct income_rec *r = calloc(1, sizeof *r);
	struct household h;
	if (!r)
		return NULL;
	r->s = s;
	if (household_get(s, a->household_id, &h, e) != 0) {
		free(r);
		return NULL;
	}
	income_get(s, a->household_id, a->year, &r->in);
	r->size = h.size;
	snprintf(r->hh_no, sizeof r->hh_no, "%s", h.hh_no);
	snprintf(r->head_name, sizeof r->head_name, "%s", h.head_name);
	return r;
}

/* A year not recorded yet starts empty (empty counts 0), not as zeros to
 * type after. */
static void load_income(struct income_rec *r, struct form *f)
{
	char buf[32];
	for (int i = 0; i < 6 && r->in.version > 0; i++)
		form_set(f, parts[i], money_fmt(*part_of(&r->in, i), buf, sizeof buf));
}

static void inf_enter(struct app *app, void *arg)
{
	const struct inf_arg *a = arg;
	struct jerr e = { 0 };
	struct income_rec *r = new_rec(app_session(app), a, &e);
	char key[64];
	snprintf(key, sizeof key, "%lld:%d", (long long)a->household_id, a->year);
	struct formscreen *fs = r ? fs_new(&inf_ops, income_fields, 6, r, key) : NULL;
	if (!fs) {
		free(r);
		app_msg(app, MSG_ERROR, "%s", e.msg[0] ? e.msg : "无法打开表单（内存不足）");
		return;
	}
	app_set_data(app, fs);
	load_income(r, fs->form);
	if (a->payload) {
		char v[32];
		if (draft_get(a->payload, "@version", v, sizeof v))
			r->in.version = atoi(v);
		fs_resume(fs, a->payload);
	}
	snprintf(fs->title, sizeof fs->title, "%d年收入 %s %s", a->year, r->hh_no, r->head_name);
	app_set_title(app, "%s", fs->title);
}

static void inf_leave(struct app *app)
{
	struct formscreen *fs = app_data(app);
	struct income_rec *r = fs ? fs->rec : NULL;
	fs_leave(app, fs);
	free(r);
}

/* 纯收入 and 人均纯收入 from what is typed now, against the year's line. */
static void draw_derived(struct income_rec *r, struct form *f, WINDOW *w, int y, int cols)
{
	struct income in = r->in;
	char net[32], per[32], line[200];
	form_to_income(f, &in);
	int64_t pc = income_per_capita(&in, r->size);
	int yuan = config_line(r->s->cfg, in.year);
	snprintf(line, sizeof line, "家庭纯收入 %s 元   家庭人口 %d 人   人均纯收入 %s 元",
	         money_fmt(income_net(&in), net, sizeof net), r->size,
	         money_fmt(pc, per, sizeof per));
	ui_put(w, y, 2, cols - 4, line, UI_HEADER);
	if (yuan <= 0) {
		ui_put(w, y + 1, 2, cols - 4, "配置中没有这一年的监测范围", UI_WARN);
		return;
	}
	int above = pc > (int64_t)yuan * 100;
	snprintf(line, sizeof line, "%d年监测范围 %d 元：人均纯收入%s", in.year, yuan,
	         above ? "高于监测范围" : "在监测范围内（低于）");
	ui_put(w, y + 1, 2, cols - 4, line, above ? UI_OK : UI_WARN);
}

static void inf_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct formscreen *fs = app_data(app);
	if (!fs) {
		ui_put(w, 1, 2, cols - 4, "无法打开表单，按 Esc 返回。", UI_ERROR);
		return;
	}
	struct income_rec *r = fs->rec;
	char head[200];
	snprintf(head, sizeof head, "户编号 %s  户主 %s  %d年，单位：元%s", r->hh_no,
	         r->head_name, r->in.year, r->in.version ? "" : "（尚未登记）");
	ui_put(w, 0, 1, cols - 2, head, UI_DIM);
	fs_draw(app, fs, w, 2, 7, cols);
	draw_derived(r, fs->form, w, 10, cols);
	(void)rows;
}

static int inf_key(struct app *app, int key, int code)
{
	struct formscreen *fs = app_data(app);
	return fs ? fs_key(app, fs, key, code) : UNHANDLED;
}

static const enum action_id inf_actions[] = { FORM_ACTIONS, ACT_NONE };

static const struct screen inf_screen = {
	.name = "income_form",
	.title = "年度收入",
	.enter = inf_enter,
	.leave = inf_leave,
	.draw = inf_draw,
	.key = inf_key,
	.actions = inf_actions,
	.flags = SCREEN_TYPING,
};

void income_form_push(struct app *app, int64_t household_id, int year)
{
	struct inf_arg a = { household_id, year, NULL };
	app_push(app, &inf_screen, &a);
}

void income_form_resume(struct app *app, const char *key, const char *payload)
{
	long long hh = 0;
	int year = 0;
	if (sscanf(key, "%lld:%d", &hh, &year) != 2)
		return;
	struct inf_arg a = { hh, year, payload };
	app_push(app, &inf_screen, &a);
}
