/* The print screen: a list of the documents (print_kind_info); Enter opens
 * a document's filters as a form (村/乡镇 completing from the officer's
 * area by name or pinyin initials; from/to where the document takes a
 * period); F2 lays the document out (print_prepare) and a box shows its
 * title and page count before anything is printed; there s saves it and p
 * sends it to the configured print command (print_out.c). */
#include "print_screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kit/app.h"
#include "register/choices.h"
#include "kit/fields.h"
#include "kit/form.h"
#include "kit/listview.h"
#include "kit/pathcomp.h"
#include "print/print.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "base/text.h"
#include "kit/ui.h"

#define FORM_TOP 5

/* --- the list of documents ------------------------------------------------ */

struct doc_list {
	struct listview lv;
};

static long pl_count(void *arg)
{
	(void)arg;
	return PRINT_KIND_COUNT;
}

static int pl_fetch(void *arg, long off, int n)
{
	(void)arg;
	long left = PRINT_KIND_COUNT - off;
	return left <= 0 ? 0 : left < n ? (int)left : n;
}

static void pl_cell(void *arg, long i, int col, char *buf, size_t n)
{
	(void)arg;
	const struct print_kind_info *k = print_kind_info((enum print_kind)i);
	if (col == 0)
		snprintf(buf, n, "%s", k->title);
	else
		snprintf(buf, n, "%s", k->period ? k->period : "不按期间选取");
}

static const struct lv_column pl_cols[] = {
	{ "文档", 18, 0, 0, 0, 0 }, { "按期间选取", 0, 0, 0, 0, 0 },
};

static void doc_push(struct app *app, enum print_kind kind);

static int pl_enter(struct app *app, void *arg)
{
	(void)arg;
	struct doc_list *dl = calloc(1, sizeof *dl);
	if (!dl)
		return -1;
	struct lv_source src = { pl_count, pl_fetch, pl_cell, NULL, dl };
	lv_init(&dl->lv, pl_cols, 2, &src);
	app_set_data(app, dl);
	return 0;
}

static void pl_leave(struct app *app)
{
	free(app_data(app));
	print_shutdown();   /* the font caches: nothing else lays out PDFs */
}

static void pl_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct doc_list *dl = app_data(app);
	const struct config *cfg = app_session(app)->cfg;
	char line[384];
	ui_put(w, 0, 1, cols - 2, "选择要打印的文档，按 Enter 设定村（社区）和期间，生成后可保存或打印。",
	       UI_NORMAL);
	lv_draw(&dl->lv, w, 2, 1, PRINT_KIND_COUNT + 1, cols - 2);
	if (cfg && *cfg->print_command)
		snprintf(line, sizeof line, "打印命令：%s", cfg->print_command);
	else
		snprintf(line, sizeof line, "未配置打印命令（print.command）：文档只能保存为 PDF 文件");
	ui_put(w, PRINT_KIND_COUNT + 4, 1, cols - 2, line, UI_DIM);
	ui_put(w, PRINT_KIND_COUNT + 5, 1, cols - 2,
	       "公示和公告不显示身份证号、电话和健康情况；台账中的身份证号按配置遮蔽。", UI_DIM);
	(void)rows;
}

static int pl_key(struct app *app, int key, int code)
{
	struct doc_list *dl = app_data(app);
	enum action_id act = app_action(app, key, code);
	if (lv_key(&dl->lv, act))
		return HANDLED;
	if (act == ACT_OPEN && lv_selected(&dl->lv) >= 0) {
		doc_push(app, (enum print_kind)lv_selected(&dl->lv));
		return HANDLED;
	}
	return UNHANDLED;
}

static const enum action_id pl_actions[] = { LV_ACTIONS, ACT_OPEN, ACT_NONE };

static const struct screen print_list_screen = {
	.name = "print",
	.title = "打印",
	.enter = pl_enter,
	.leave = pl_leave,
	.draw = pl_draw,
	.key = pl_key,
	.actions = pl_actions,
};

void print_screen_push(struct app *app)
{
	app_push(app, &print_list_screen, NULL);
}

/* --- one document's filters ----------------------------------------------- */

struct doc {
	enum print_kind kind;
	struct form *f;
	struct choice *areas;        /* townships, then villages, in the scope */
	struct form_option *opts;
	int nareas;
	char hint[160];
};

/* Townships and villages of the officer's area (choices.h), as options. */
static int load_areas(struct session *s, struct doc *d)
{
	int cap = 512;
	for (;;) {
		free(d->areas);
		d->areas = calloc((size_t)cap, sizeof *d->areas);
		if (!d->areas)
			return -1;
		int nt = choice_areas(s, LEVEL_TOWNSHIP, d->areas, cap);
		d->nareas = nt + choice_areas(s, LEVEL_VILLAGE, d->areas + nt, cap - nt);
		if (d->nareas < cap)
			break;
		cap *= 2;
	}
	d->opts = calloc((size_t)d->nareas + 1, sizeof *d->opts);
	if (!d->opts)
		return -1;
	for (int i = 0; i < d->nareas; i++)
		d->opts[i] = (struct form_option){ d->areas[i].text, d->areas[i].initials,
		                                   d->areas[i].pinyin };
	return 0;
}

/* The place, and for a document of a period its first and last day. */
static void add_fields(struct doc *d, int period)
{
	form_add(d->f, (struct form_field){ .name = "area", .label = "村（社区）或乡镇",
	                                    .kind = FORM_CHOICE, .width = 24, .options = d->opts,
	                                    .noptions = d->nareas, .hint = d->hint });
	if (!period)
		return;
	form_add(d->f, (struct form_field){ .name = "from", .label = "期间从", .width = 12,
	                                    .maxbytes = 16, .validate = field_any_date,
	                                    .hint = "如 2026-01-01；空则按默认" });
	form_add(d->f, (struct form_field){ .name = "to", .label = "到", .width = 12,
	                                    .maxbytes = 16, .validate = field_any_date,
	                                    .hint = "如 2026-06-30；空则到今天" });
}

struct doc_arg {
	enum print_kind kind;
};

static void doc_free(struct doc *d)
{
	if (!d)
		return;
	form_free(d->f);
	free(d->areas);
	free(d->opts);
	free(d);
}

static int doc_enter(struct app *app, void *arg)
{
	const struct doc_arg *a = arg;
	struct session *s = app_session(app);
	struct doc *d = calloc(1, sizeof *d);
	if (!d)
		return -1;
	d->kind = a->kind;
	snprintf(d->hint, sizeof d->hint, "空：全辖区（%s）", s->me.area_name);
	if (load_areas(s, d) != 0) {
		doc_free(d);
		return -1;
	}
	d->f = form_new(d);
	if (d->f)
		add_fields(d, print_kind_info(a->kind)->period != NULL);
	if (!d->f || form_failed(d->f)) {
		doc_free(d);
		return -1;
	}
	/* one place only: nothing to choose */
	if (d->nareas == 1)
		form_set(d->f, "area", d->areas[0].text);
	app_set_title(app, "打印：%s", print_kind_info(a->kind)->title);
	app_set_data(app, d);
	return 0;
}

static void doc_leave(struct app *app)
{
	doc_free(app_data(app));
}

static void doc_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct doc *d = app_data(app);
	const struct print_kind_info *k = print_kind_info(d->kind);
	char line[384];
	ui_put(w, 0, 1, cols - 2, k->title, UI_HEADER);
	snprintf(line, sizeof line, "期间：%s", k->period ? k->period : "不按期间选取");
	ui_put(w, 1, 1, cols - 2, line, UI_DIM);
	ui_put(w, 2, 1, cols - 2, "村（社区）或乡镇可输入名称或拼音首字母，按 F4 列出全部。", UI_DIM);
	ui_put(w, 3, 1, cols - 2, "按 F2 生成文档；看过页数，再保存为文件或送打印机。", UI_DIM);
	form_draw(d->f, app, w, FORM_TOP, 1, rows - FORM_TOP, cols - 2);
}

/* The filters as print options; -1 with the reason on the message line. */
static int read_opts(struct app *app, struct doc *d, struct print_opts *o)
{
	const char *area = form_value(d->f, "area");
	const char *from = form_value(d->f, "from"), *to = form_value(d->f, "to");
	*o = (struct print_opts){ d->kind, 0, JDAY_NONE, JDAY_NONE };
	for (int i = 0; *area && i < d->nareas && !o->area_id; i++)
		if (!strcmp(d->areas[i].text, area))
			o->area_id = d->areas[i].id;
	if (*area && !o->area_id) {
		app_msg(app, MSG_ERROR, "“%s”不是您辖区内的村（社区）或乡镇", area);
		return -1;
	}
	if (from && *from)
		o->from = date_parse(from);
	if (to && *to)
		o->to = date_parse(to);
	return 0;
}

/* --- the document laid out: save or print --------------------------------- */

struct job_box {
	struct print_job *j;
	enum print_kind kind;
};

/* What print_count() counts, per document; the summary's rows are
 * villages or groups, not worth a number here. */
static const char *const UNITS[PRINT_KIND_COUNT] = {
	"户", "户", "户", "户", "项措施", "户", NULL,
};

static void jb_draw(void *state, struct app *app, int lines, int cols)
{
	struct job_box *b = state;
	const struct config *cfg = app_session(app)->cfg;
	char line[384];
	int w = cols - 2 < 68 ? cols - 2 : 68, h = 10;
	WINDOW *win = ui_box_open(lines, cols, h, w, "文档已生成");
	if (!win)
		return;
	getmaxyx(win, h, w);
	ui_put(win, 2, 2, w - 4, print_title(b->j), UI_HEADER);
	char count[64] = "";
	if (UNITS[b->kind])
		snprintf(count, sizeof count, "%ld %s，", print_count(b->j), UNITS[b->kind]);
	snprintf(line, sizeof line, "共 %d 页，%sA4 %s", print_pages(b->j), count,
	         print_is_landscape(b->j) ? "横向" : "纵向");
	ui_put(win, 3, 2, w - 4, line, UI_NORMAL);
	ui_put(win, 5, 2, w - 4, "s    保存为 PDF 文件", UI_NORMAL);
	if (cfg && *cfg->print_command)
		snprintf(line, sizeof line, "p    送打印机%s%s（打印命令 %s）", *cfg->printer ? " " : "",
		         cfg->printer, cfg->print_command);
	else
		snprintf(line, sizeof line, "p    未配置打印命令：只能保存为文件");
	ui_put(win, 6, 2, w - 4, line, UI_NORMAL);
	ui_put(win, 7, 2, w - 4, "Esc  返回修改条件", UI_NORMAL);
	ui_box_close(win);
}

/* The working directory and the document's own name, not a file already
 * there (print_save never overwrites: offer one it will take). */
static void default_path(const struct print_job *j, char *out, size_t n)
{
	char cwd[2048], name[512];
	print_file_name(j, name, sizeof name);
	if (!getcwd(cwd, sizeof cwd))
		snprintf(cwd, sizeof cwd, ".");
	size_t stem = strlen(name) > 4 ? strlen(name) - 4 : strlen(name);
	for (int i = 1; i < 100; i++) {
		if (i == 1)
			snprintf(out, n, "%s/%s", strcmp(cwd, "/") ? cwd : "", name);
		else
			snprintf(out, n, "%s/%.*s-%d.pdf", strcmp(cwd, "/") ? cwd : "", (int)stem, name, i);
		if (access(out, F_OK) != 0)
			return;
	}
}

/* Tells where the file went, and offers to send it home: with
 * ForceCommand the server's disk is out of the officer's reach. */
static void tell_saved(struct app *app, const char *why, const char *path, int pages)
{
	char text[4096 + 256];
	app_msg(app, MSG_OK, "%s已保存：%s（共 %d 页）", why, path, pages);
	snprintf(text, sizeof text, "%s文档已保存为：\n%s\n共 %d 页。", why, path, pages);
	prompt_file_ready(app, "已保存", text, path);
}

static int save_job(struct app *app, struct job_box *b, const char *why)
{
	char typed[4096], path[4096], saved[4096];
	char label[256];
	default_path(b->j, typed, sizeof typed);
	snprintf(label, sizeof label, "%s保存到（不会覆盖已有的文件）：", why);
	if (!prompt_line(app, "保存为 PDF 文件", label, typed, sizeof typed) || !*typed)
		return -1;
	pathcomp_expand(typed, path, sizeof path);
	struct jerr e = { 0 };
	if (print_save(b->j, path, saved, sizeof saved, &e) != 0) {
		app_msg(app, MSG_ERROR, "没有保存：%s", e.msg);
		return -1;
	}
	tell_saved(app, why, saved, print_pages(b->j));
	return 0;
}

static int send_job(struct app *app, struct job_box *b)
{
	const struct config *cfg = app_session(app)->cfg;
	char said[512];
	if (!cfg || !*cfg->print_command)
		return save_job(app, b, "未配置打印命令，不能直接打印；");
	app_msg(app, MSG_INFO, "正在送打印，请稍候");
	app_flush(app);
	struct jerr e = { 0 };
	if (print_send(b->j, NULL, NULL, said, sizeof said, &e) != 0) {
		app_msg(app, MSG_ERROR, "没有打印：%s", e.msg);
		return -1;
	}
	app_msg(app, MSG_OK, "已送打印：%s，共 %d 页%s%s", print_title(b->j), print_pages(b->j),
	        *said ? "。打印命令回复：" : "", said);
	return 0;
}

static int jb_key(void *state, struct app *app, int key, int code)
{
	struct job_box *b = state;
	if (action_matches(ACT_CANCEL, key, code) || action_matches(ACT_BACK, key, code))
		return MODAL_DONE;
	if (action_matches(ACT_SAVE_PDF, key, code))
		return save_job(app, b, "") == 0 ? MODAL_DONE : MODAL_CONTINUE;
	if (action_matches(ACT_PRINT, key, code))
		return send_job(app, b) == 0 ? MODAL_DONE : MODAL_CONTINUE;
	return MODAL_CONTINUE;
}

static const enum action_id jb_actions[] = { ACT_SAVE_PDF, ACT_PRINT, ACT_CANCEL, ACT_NONE };
static const struct modal job_modal = { jb_draw, jb_key, jb_actions, 0 };

static void make(struct app *app, struct doc *d)
{
	struct print_opts o;
	if (read_opts(app, d, &o) != 0)
		return;
	app_msg(app, MSG_INFO, "正在生成%s，请稍候", print_kind_info(d->kind)->title);
	app_flush(app);
	struct jerr e = { 0 };
	struct print_job *j = print_prepare(app_session(app), &o, &e);
	if (!j) {
		app_msg(app, MSG_ERROR, "没有生成：%s", e.msg);
		return;
	}
	app_msg(app, MSG_INFO, "已生成：%s，共 %d 页", print_title(j), print_pages(j));
	struct job_box b = { j, d->kind };
	app_modal(app, &job_modal, &b);
	print_free(j);
}

/* The form says 未保存 of a bad field; nothing is saved here, the
 * document is not made: said so, with the same reason (issue 16). */
static void not_made(struct app *app, struct doc *d)
{
	const char *focus = form_focused(d->f), *label = "", *why = "";
	int nbad = 0;
	for (int i = 0; i < form_count(d->f); i++) {
		const char *name = form_name(d->f, i), *e = form_error(d->f, name);
		if (!e || !*e)
			continue;
		nbad++;
		if (focus && !strcmp(focus, name)) {
			label = form_field(d->f, name)->label;
			why = e;
		}
	}
	app_msg(app, MSG_ERROR, "有 %d 项需要改正，未生成：%s %s", nbad, label, why);
}

static int doc_key(struct app *app, int key, int code)
{
	struct doc *d = app_data(app);
	switch (form_key(d->f, app, key, code)) {
	case FORM_SAVE:
		make(app, d);
		return HANDLED;
	case FORM_INVALID:
		not_made(app, d);
		return HANDLED;
	case FORM_UNHANDLED:
		return UNHANDLED;
	default:
		return HANDLED;
	}
}

static const enum action_id doc_actions[] = {
	ACT_MAKE, ACT_CHOICES, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_NONE
};

static const struct screen doc_screen = {
	.name = "print_document",
	.title = "打印",
	.enter = doc_enter,
	.leave = doc_leave,
	.draw = doc_draw,
	.key = doc_key,
	.actions = doc_actions,
	.flags = SCREEN_TYPING,
};

static void doc_push(struct app *app, enum print_kind kind)
{
	struct doc_arg a = { kind };
	app_push(app, &doc_screen, &a);
}
