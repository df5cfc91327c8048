/* The import form: which file, what it holds, which mapping reads it, and
 * for warning lists the channel and department.  F2 reads and checks the
 * file without writing (import_load) and opens the report on top, so going
 * back from the report finds the form as it was: change the mapping and
 * check again. */
#include "import_screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kit/app.h"
#include "kit/fields.h"
#include "kit/form.h"
#include "io/import.h"
#include "import_review.h"
#include "kit/lineedit.h"
#include "kit/pathcomp.h"
#include "base/pinyin.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "base/text.h"
#include "kit/ui.h"

#define NKINDS 5
#define FORM_TOP 2

/* The kinds as officers name them; import.h names them in ASCII. */
static const struct form_option KIND_OPTS[NKINDS] = {
	{ "部门预警名单", "bmyjmd", "bumenyujingmingdan" },
	{ "户和成员", "hhcy", "huhechengyuan" },
	{ "走访记录", "zfjl", "zoufangjilu" },
	{ "民政救助名单", "mzjzmd", "minzhengjiuzhumingdan" },
	{ "国家系统导出", "gjxtdc", "guojiaxitongdaochu" },
};
static const char *const KIND_NAMES[NKINDS] = { "leads", "households", "visits", "assistance",
                                                "national" };

/* Warning lists come from departments: that channel first, as the default. */
static const struct form_option CHANNEL_OPTS[] = {
	{ "部门筛查预警", "bmscyj", "bumenshaichayujing" },
	{ "基层干部排查", "jcgbpc", "jicengganbupaicha" },
	{ "农户自主申报", "nhzzsb", "nonghuzizhushenbao" },
};

struct dept_opt {
	char initials[16], pinyin[64];
};

struct import_form {
	struct session *s;
	struct form *f;
	int leads;                     /* the form has the channel and department */
	struct form_option maps[CFG_MAX_MAPS];    /* by title: 部门预警名单, not warning */
	struct dept_opt map_py[CFG_MAX_MAPS];
	int nmaps;
	const struct form_option *depts;
	int ndepts;
	char kind_seen[64];            /* the kind the mapping was last set for */
	struct pathcomp cands;         /* listed after a Tab that could not extend */
	int listing;
};

static int kind_index(const char *label)
{
	for (int i = 0; i < NKINDS; i++)
		if (!strcmp(KIND_OPTS[i].text, label))
			return i;
	return -1;
}

static const char *kind_label_of(const char *ascii)
{
	for (int i = 0; i < NKINDS; i++)
		if (!strcmp(KIND_NAMES[i], ascii))
			return KIND_OPTS[i].text;
	return ascii;
}

/* --- validators ---------------------------------------------------------- */

static const char *path_ok(void *arg, struct form *f, const char *value, char *why, size_t n)
{
	(void)arg;
	(void)f;
	char path[LE_MAX + 256];
	struct stat st;
	pathcomp_expand(value, path, sizeof path);
	if (stat(path, &st) != 0)
		return "找不到这个文件（按 Tab 补全文件名）";
	if (S_ISDIR(st.st_mode))
		return "这是一个目录：输入文件名，或按 Tab 列出其中的文件";
	if (access(path, R_OK) != 0) {
		snprintf(why, n, "没有读取这个文件的权限");
		return why;
	}
	return NULL;
}

static const char *map_ok(void *arg, struct form *f, const char *value, char *why, size_t n)
{
	struct import_form *st = arg;
	const struct cfg_map *m = config_map(st->s->cfg, value);
	int k = kind_index(form_value(f, "kind"));
	if (!m || k < 0 || !strcmp(m->kind, KIND_NAMES[k]))
		return NULL;
	snprintf(why, n, "映射“%s”用于%s，不能读%s", m->title, kind_label_of(m->kind),
	         KIND_OPTS[k].text);
	return why;
}

/* --- the fields ---------------------------------------------------------- */

/* A form with the fields of a file of households (path, kind, map) or,
 * for leads, also channel and department; NULL when out of memory. */
static struct form *new_form(struct import_form *st, int leads)
{
	struct form *f = form_new(st);
	if (!f)
		return NULL;
	form_add(f, (struct form_field){ .name = "path", .label = "文件", .width = 60,
	                                 .required = 1, .validate = path_ok,
	                                 .hint = "按 Tab 补全" });
	form_add(f, (struct form_field){ .name = "kind", .label = "类别", .kind = FORM_CHOICE,
	                                 .width = 14, .required = 1, .options = KIND_OPTS,
	                                 .noptions = NKINDS, .hint = "可输入拼音首字母，如 bm" });
	form_add(f, (struct form_field){ .name = "map", .label = "列映射", .kind = FORM_CHOICE,
	                                 .width = 16, .required = 1, .validate = map_ok,
	                                 .options = st->maps, .noptions = st->nmaps,
	                                 .hint = "配置文件中的表头对应关系" });
	if (leads) {
		form_add(f, (struct form_field){ .name = "channel", .label = "线索来源",
		                                 .kind = FORM_CHOICE, .width = 14, .required = 1,
		                                 .options = CHANNEL_OPTS,
		                                 .noptions = (int)(sizeof CHANNEL_OPTS /
		                                                   sizeof CHANNEL_OPTS[0]) });
		form_add(f, (struct form_field){ .name = "department", .label = "部门",
		                                 .kind = FORM_CHOICE, .width = 14,
		                                 .options = st->depts, .noptions = st->ndepts,
		                                 .resolve = field_department, .hint = "文件中没有“部门”列时必选" });
	}
	if (form_failed(f)) {
		form_free(f);
		return NULL;
	}
	return f;
}

/* Options read from the configuration: mappings and departments. */
static void load_options(struct import_form *st)
{
	const struct config *cfg = st->s->cfg;
	for (int i = 0; i < cfg->nmaps && i < CFG_MAX_MAPS; i++) {
		struct dept_opt *p = &st->map_py[i];
		if (pinyin_name(cfg->maps[i].title, p->pinyin, sizeof p->pinyin, p->initials,
		                sizeof p->initials) != 0)
			p->pinyin[0] = p->initials[0] = 0;
		st->maps[st->nmaps++] = (struct form_option){ cfg->maps[i].title, p->initials,
		                                              p->pinyin };
	}
	st->depts = fields_departments(cfg, &st->ndepts);
}

/* The first mapping of a kind: the default, as `jiance import` takes it. */
static const char *default_map(const struct import_form *st, int k)
{
	const struct config *cfg = st->s->cfg;
	for (int i = 0; i < cfg->nmaps; i++)
		if (!strcmp(cfg->maps[i].kind, KIND_NAMES[k]))
			return cfg->maps[i].title;
	return "";
}

/* A new form for the other field set, keeping what was typed. */
static void rebuild(struct import_form *st, int leads)
{
	static const char *const keep[] = { "path", "kind", "map", "channel", "department" };
	struct form *old = st->f;
	char vals[5][LE_MAX];
	const char *focus = form_focused(old);
	char focused[32];
	snprintf(focused, sizeof focused, "%s", focus ? focus : "kind");
	for (int i = 0; i < 5; i++)
		snprintf(vals[i], sizeof vals[i], "%s", form_value(old, keep[i]) ? form_value(old, keep[i]) : "");
	struct form *f = new_form(st, leads);
	if (!f)
		return;                /* out of memory: keep the old form */
	st->leads = leads;
	for (int i = 0; i < (leads ? 5 : 3); i++)
		form_set(f, keep[i], vals[i]);
	if (leads && !*vals[3])
		form_set(f, "channel", CHANNEL_OPTS[0].text);
	form_focus(f, focused);
	form_free(old);
	st->f = f;
}

/* The kind changed: the mapping follows it, the lead fields come or go. */
static void kind_changed(struct import_form *st)
{
	const char *kind = form_value(st->f, "kind");
	int k = kind_index(kind);
	if (k < 0 || !strcmp(kind, st->kind_seen))
		return;
	snprintf(st->kind_seen, sizeof st->kind_seen, "%s", kind);
	const struct cfg_map *m = config_map(st->s->cfg, form_value(st->f, "map"));
	if (!m || strcmp(m->kind, KIND_NAMES[k]) != 0)
		form_set(st->f, "map", default_map(st, k));
	if ((k == 0) != st->leads)
		rebuild(st, k == 0);
}

/* --- path completion ------------------------------------------------------ */

static void complete_path(struct app *app, struct import_form *st)
{
	const char *typed = form_value(st->f, "path");
	char out[LE_MAX];
	pathcomp_free(&st->cands);
	st->listing = 0;
	long n = pathcomp_complete(typed, out, sizeof out, &st->cands);
	int changed = strcmp(out, typed) != 0;
	if (n < 0)
		app_msg(app, MSG_ERROR, "无法读取这个目录（不存在或没有权限）");
	else if (n == 0)
		app_msg(app, MSG_WARN, "没有以此开头的文件或目录");
	if (n <= 0) {
		pathcomp_free(&st->cands);
		return;
	}
	if (changed)
		form_set(st->f, "path", out);
	if (n == 1) {
		if (out[0] && out[strlen(out) - 1] == '/')
			app_msg(app, MSG_INFO, "这是一个目录：再按 Tab 列出其中的文件");
		pathcomp_free(&st->cands);
	} else if (changed) {
		app_msg(app, MSG_INFO, "有 %ld 项以此开头；再按 Tab 列出", n);
		pathcomp_free(&st->cands);
	} else {
		st->listing = 1;        /* nothing to add: show what there is */
	}
}

/* --- checking (the dry run) ---------------------------------------------- */

static void on_progress(void *arg, const char *what, long rows)
{
	struct app *app = arg;
	app_msg(app, MSG_INFO, "%s %ld 行，请稍候", what, rows);
	app_flush(app);
}

/* Why import_load refused, in the console's words where the library's
 * speak of command-line options. */
static void show_import_refusal(struct app *app, struct import_form *st, const struct jerr *e)
{
	const char *msg = e->msg;
	if (!strcmp(e->field, "department"))
		msg = "部门筛查预警须指明部门：请在“部门”一栏选择，或在文件中加上“部门”列。";
	if (e->field[0] && form_value(st->f, e->field))
		form_focus(st->f, e->field);
	prompt_message(app, "无法检查这个文件", msg);
}

static void run_check(struct app *app, struct import_form *st)
{
	const struct form *f = st->f;
	int k = kind_index(form_value(f, "kind"));
	char path[LE_MAX + 256];
	pathcomp_expand(form_value(f, "path"), path, sizeof path);
	const char *dept = st->leads ? form_value(f, "department") : NULL;
	struct import_opts o = {
		.kind = KIND_NAMES[k < 0 ? 0 : k],
		.map = form_value(f, "map"),
		.channel = st->leads ? form_value(f, "channel") : NULL,
		.department = dept && *dept ? dept : NULL,
		.on_progress = on_progress,
		.progress_arg = app,
	};
	app_msg(app, MSG_INFO, "正在读取并检查文件，请稍候");
	app_flush(app);
	struct jerr e = { 0 };
	struct import *im = import_load(app_session(app), path, &o, &e);
	if (!im) {
		show_import_refusal(app, st, &e);
		return;
	}
	app_msg(app, MSG_INFO, "检查完毕，数据库还没有改变");
	import_review_push(app, im, path, KIND_OPTS[k < 0 ? 0 : k].text);
}

/* --- the screen ----------------------------------------------------------- */

static int imf_enter(struct app *app, void *arg)
{
	(void)arg;
	struct import_form *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	st->s = app_session(app);
	load_options(st);
	st->leads = 1;
	st->f = new_form(st, 1);
	if (!st->f) {
		free(st);
		return -1;
	}
	/* start where the officer is: Tab lists the files there */
	char cwd[LE_MAX - 1];
	if (getcwd(cwd, sizeof cwd - 1))
		form_set(st->f, "path", strcat(cwd, strcmp(cwd, "/") ? "/" : ""));
	form_set(st->f, "kind", KIND_OPTS[0].text);
	form_set(st->f, "channel", CHANNEL_OPTS[0].text);
	kind_changed(st);
	app_set_data(app, st);
	return 0;
}

static void imf_leave(struct app *app)
{
	struct import_form *st = app_data(app);
	pathcomp_free(&st->cands);
	form_free(st->f);
	free(st);
}

struct grid {
	int cols, colw, per_row;
};

/* The listed names in columns, as many rows as fit; the rest counted. */
static void draw_candidates(struct import_form *st, WINDOW *w, int y, int rows, int cols)
{
	char line[160];
	struct grid g = { cols, 4, 1 };
	for (int i = 0; i < st->cands.nkept; i++) {
		int tw = text_width(st->cands.names[i]) + 2;
		g.colw = tw > g.colw ? tw : g.colw;
	}
	g.colw = g.colw > cols ? cols : g.colw;
	g.per_row = cols / g.colw > 0 ? cols / g.colw : 1;
	snprintf(line, sizeof line, "可选的文件和目录（共 %ld 项，目录以 / 结尾）：", st->cands.n);
	ui_put(w, y, 1, cols, line, UI_HEADER);
	int shown = 0;
	for (int r = 0; r < rows - 1; r++)
		for (int c = 0; c < g.per_row && shown < st->cands.nkept; c++, shown++) {
			if (r == rows - 2 && c == g.per_row - 1 && st->cands.n > shown + 1)
				break;
			ui_put(w, y + 1 + r, 1 + c * g.colw, g.colw - 2, st->cands.names[shown],
			       UI_NORMAL);
		}
	if (st->cands.n > shown) {
		snprintf(line, sizeof line, "还有 %ld 项未列出：多输入几个字再按 Tab",
		         st->cands.n - shown);
		ui_put(w, y + rows - 1, 1, cols, line, UI_DIM);
	}
}

static void draw_help(WINDOW *w, int y, int rows, int cols)
{
	static const char *const lines[] = {
		"文件一栏按 Tab 补全文件名，补不全时再按 Tab 列出可选的文件。",
		"类别、列映射等可输入文字或拼音首字母，按 F4 列出全部选项。",
		"按 F2 检查：逐行检查并显示报告，这时还不写入数据库；",
		"看过报告再决定全部导入、只导入通过的行，或返回不导入。",
	};
	for (int i = 0; i < 4 && i < rows; i++)
		ui_put(w, y + i, 1, cols, lines[i], UI_DIM);
}

static void imf_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct import_form *st = app_data(app);
	ui_put(w, 0, 1, cols - 2, "导入部门预警名单、户和成员表或走访记录：CSV（UTF-8 或 GBK）、XLSX 或 XLS 文件。",
	       UI_NORMAL);
	int below = FORM_TOP + 2 * form_count(st->f) + 1;
	if (st->listing)
		draw_candidates(st, w, below, rows - below, cols - 2);
	else
		draw_help(w, below, rows - below, cols - 2);
	form_draw(st->f, app, w, FORM_TOP, 1, rows - FORM_TOP, cols - 2);
}

static int imf_key(struct app *app, int key, int code)
{
	struct import_form *st = app_data(app);
	const char *focus = form_focused(st->f);
	if (!code && key == '\t' && focus && !strcmp(focus, "path")) {
		complete_path(app, st);
		return HANDLED;
	}
	st->listing = 0;
	switch (form_key(st->f, app, key, code)) {
	case FORM_SAVE:
		run_check(app, st);
		return HANDLED;
	case FORM_UNHANDLED:
		return UNHANDLED;
	default:
		kind_changed(st);
		return HANDLED;
	}
}

static const enum action_id imf_actions[] = {
	ACT_CHECK, ACT_COMPLETE, ACT_CHOICES, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_NONE
};

static const struct screen import_form_screen = {
	.name = "import",
	.title = "导入",
	.enter = imf_enter,
	.leave = imf_leave,
	.draw = imf_draw,
	.key = imf_key,
	.actions = imf_actions,
	.flags = SCREEN_TYPING,
};

void import_screen_push(struct app *app)
{
	app_push(app, &import_form_screen, NULL);
}
