/* The yearly income form (SPEC §2): the four incomes, 生产经营性支出 and
 * 合规自付支出 in 元.  纯收入 and 人均纯收入 are never typed: they are shown
 * below the form as the officer types, against that year's monitoring line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "config/config.h"
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
                                     "business_cost", "out_of_pocket", "claims" };
static const char *const labels[] = { "工资性收入", "生产经营性收入", "财产性收入", "转移性收入",
                                      "生产经营性支出", "合规自付支出", "理赔收入" };

static int64_t *part_of(struct income *in, int i)
{
	int64_t *p[] = { &in->wage, &in->business, &in->property, &in->transfer,
	                 &in->business_cost, &in->out_of_pocket, &in->claims };
	return p[i];
}

/* The form's amounts; a field that does not parse counts 0 (it shows why). */
static void form_to_income(struct form *f, struct income *in)
{
	for (int i = 0; i < 7; i++) {
		int64_t v = money_parse(form_value(f, parts[i]));
		*part_of(in, i) = v < 0 ? 0 : v;
	}
}

static int inf_check(struct formscreen *fs, struct jerr *e)
{
	struct income_rec *r = fs->rec;
	struct income in = r->in;
	form_to_income(fs->form, &in);
	return income_check(&in, e);
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

static struct income_rec *new_rec(struct session *s, int64_t household_id, int year,
                                  struct jerr *e)
{
	struct income_rec *r = calloc(1, sizeof *r);
	struct household h;
	if (!r)
		return NULL;
	r->s = s;
	if (household_get(s, household_id, &h, e) != 0) {
		free(r);
		return NULL;
	}
	income_get(s, household_id, year, &r->in);
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
	for (int i = 0; i < 7 && r->in.version > 0; i++)
		form_set(f, parts[i], money_fmt(*part_of(&r->in, i), buf, sizeof buf));
}

/* The year's income as another officer saved it, for the conflict box. */
static int inf_reload(struct app *app, struct formscreen *fs, struct form *into, struct jerr *e)
{
	struct income_rec *r = fs->rec;
	(void)app;
	(void)e;
	income_get(r->s, r->in.household_id, r->in.year, &r->in);
	load_income(r, into);
	return 1;
}

static void inf_free(struct formscreen *fs)
{
	free(fs->rec);
}

/* key: the household's id and the year, "12:2025". */
static int inf_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	long long hh = 0;
	int year = 0;
	if (sscanf(fs->key, "%lld:%d", &hh, &year) != 2)
		return jerr_set(e, "", "无法打开表单（不知是哪一户哪一年）");
	struct income_rec *r = new_rec(app_session(app), hh, year, e);
	if (!r)
		return -1;
	fs->rec = r;
	fs->version = &r->in.version;
	for (int i = 0; i < 7; i++)
		form_add(fs->form, (struct form_field){ .name = parts[i], .label = labels[i],
		                                        .width = 14, .maxbytes = 16,
		                                        .validate = field_money,
		                                        .hint = "元，如 12345.60" });
	load_income(r, fs->form);
	snprintf(fs->title, sizeof fs->title, "%d年收入 %s %s", year, r->hh_no, r->head_name);
	return 0;
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

static void inf_draw(struct app *app, struct formscreen *fs, WINDOW *w, int rows, int cols)
{
	struct income_rec *r = fs->rec;
	char head[200];
	snprintf(head, sizeof head, "户编号 %s  户主 %s  %d年，单位：元%s", r->hh_no,
	         r->head_name, r->in.year, r->in.version ? "" : "（尚未登记）");
	ui_put(w, 0, 1, cols - 2, head, UI_DIM);
	form_draw(fs->form, app, w, 2, 1, 7, cols - 2);
	draw_derived(r, fs->form, w, 10, cols);
	(void)rows;
}

static const struct screen inf_screen = { .name = "income_form", .title = "年度收入", FS_SCREEN };

const struct form_ops income_form_ops = {
	.screen = &inf_screen,
	.build = inf_build,
	.free = inf_free,
	.save = inf_save,
	.check = inf_check,
	.draw = inf_draw,
	.reload = inf_reload,
};

void income_form_push(struct app *app, int64_t household_id, int year)
{
	char key[48];
	snprintf(key, sizeof key, "%lld:%d", (long long)household_id, year);
	fs_push(app, &income_form_ops, key);
}
