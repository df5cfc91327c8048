/* The report of an import's dry run, scrollable row by row: counts on top,
 * then every row of the file with its line number, verdict, triage, the
 * person (ID masked as this officer must see it) and the note; rejected
 * rows in the error colour.  Nothing is written until the officer says:
 * a imports all (only when no row was rejected), g only the good rows
 * (after a confirm naming what is skipped), w writes the rows to fix to a
 * new CSV beside the file (every row before the commit, the rejected ones
 * after g): fixed and imported, it brings in every row exactly once; q goes
 * back without importing. */
#include "import_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "io/import.h"
#include "kit/listview.h"
#include "kit/prompt.h"
#include "base/text.h"
#include "kit/ui.h"

#define HEAD_ROWS 5          /* file, counts, triage, what to do, blank */
#define PATH_MAXLEN 4096

struct review {
	struct import *im;
	char path[PATH_MAXLEN];
	char kind_label[64];
	int leads;
	struct listview lv;
	char done[768];          /* what a commit did, or "" */
	enum ui_role done_role;
	char rejected_path[PATH_MAXLEN];
};

/* --- the list's data: the rows import_load kept --------------------------- */

static long rv_count(void *arg)
{
	return import_nrows(((struct review *)arg)->im);
}

static int rv_fetch(void *arg, long off, int n)
{
	long left = import_nrows(((struct review *)arg)->im) - off;
	return left <= 0 ? 0 : left < n ? (int)left : n;
}

/* Columns: line, verdict, [triage,] who, note. */
static void rv_cell(void *arg, long i, int col, char *buf, size_t n)
{
	struct review *rv = arg;
	const struct import_row *r = import_row(rv->im, i);
	if (!r) {
		buf[0] = 0;
		return;
	}
	if (!rv->leads && col >= 2)
		col++;               /* no triage column */
	switch (col) {
	case 0: snprintf(buf, n, "%ld", r->line); break;
	case 1: snprintf(buf, n, "%s", import_state_label(rv->im, r)); break;
	case 2: snprintf(buf, n, "%s", import_triage_label(r->triage)); break;
	case 3: snprintf(buf, n, "%s", r->who); break;
	default: snprintf(buf, n, "%s", r->note); break;
	}
}

static enum ui_role rv_role(void *arg, long i)
{
	const struct import_row *r = import_row(((struct review *)arg)->im, i);
	return r && r->verdict == IMPORT_REJECT ? UI_ERROR : UI_NORMAL;
}

static const struct lv_column lead_cols[] = {
	{ "行号", 5, 1, 0, 0, 0 }, { "结果", 6, 0, 0, 0, 0 }, { "分诊", 16, 0, 0, 0, 0 },
	{ "人员", 25, 0, 0, 0, 0 }, { "说明", 0, 0, 0, 0, 1 },
};
static const struct lv_column other_cols[] = {
	{ "行号", 5, 1, 0, 0, 0 }, { "结果", 6, 0, 0, 0, 0 }, { "人员", 25, 0, 0, 0, 0 }, { "说明", 0, 0, 0, 0, 1 },
};

/* --- committing ----------------------------------------------------------- */

static void commit(struct app *app, struct review *rv, int partial)
{
	const struct import_counts *c = import_counts(rv->im);
	struct jerr e = { 0 };
	app_msg(app, MSG_INFO, "正在写入数据库，请稍候");
	app_flush(app);
	if (import_commit(rv->im, partial, &e) != 0) {
		snprintf(rv->done, sizeof rv->done, "导入失败，数据库没有改变：%s", e.msg);
		rv->done_role = UI_ERROR;
		app_msg(app, MSG_ERROR, "导入失败，数据库没有改变");
		prompt_message(app, "导入失败", e.msg);
		return;
	}
	rv->done_role = UI_OK;
	if (c->created + c->merged == 0)
		snprintf(rv->done, sizeof rv->done, "没有需要新增的内容（文件中的记录都已登记），数据库未改变");
	else
		snprintf(rv->done, sizeof rv->done, "已导入：新增 %ld，合并 %ld%s", c->created, c->merged,
		         c->rejected ? "；未通过检查的行没有导入（按 w 写出，改正后再导入）" : "");
	app_msg(app, MSG_OK, "%s", rv->done);
}

static int refuse_again(struct app *app, struct review *rv)
{
	if (!import_committed(rv->im))
		return 0;
	app_msg(app, MSG_WARN, "这个文件已经导入过了；再次导入请按 q 返回后重新检查");
	return 1;
}

static void commit_all(struct app *app, struct review *rv)
{
	const struct import_counts *c = import_counts(rv->im);
	if (refuse_again(app, rv))
		return;
	if (c->rejected) {
		app_msg(app, MSG_ERROR, "有 %ld 行未通过检查，不能全部导入：按 g 只导入通过的 %ld 行，"
		        "或按 w 写出未通过的行", c->rejected, c->accepted);
		return;
	}
	commit(app, rv, 0);
}

static void commit_good(struct app *app, struct review *rv)
{
	const struct import_counts *c = import_counts(rv->im);
	char q[256];
	if (refuse_again(app, rv))
		return;
	if (c->accepted == 0) {
		app_msg(app, MSG_ERROR, "没有通过检查的行，没有可导入的内容");
		return;
	}
	/* nothing new: nothing is written, so there is nothing to confirm */
	if (c->rejected && c->created + c->merged > 0) {
		snprintf(q, sizeof q, "只导入通过检查的 %ld 行，跳过未通过的 %ld 行（这些行不导入）？",
		         c->accepted, c->rejected);
		if (!prompt_confirm(app, q))
			return;
	}
	commit(app, rv, 1);
}

/* --- the rejected rows ---------------------------------------------------- */

/* A new file beside the one imported, never over an earlier one.  Before
 * the commit it holds every row, the reason beside the bad ones, so the
 * fixed file brings the whole list in; after "g" only the rejected rows. */
static void write_rejected(struct app *app, struct review *rv)
{
	const struct import_counts *c = import_counts(rv->im);
	char path[PATH_MAXLEN], text[PATH_MAXLEN + 512];
	if (c->rejected == 0) {
		app_msg(app, MSG_INFO, "没有未通过检查的行");
		return;
	}
	struct jerr e = { 0 };
	long n = import_save_rejected(rv->im, rv->path, path, sizeof path, &e);
	if (n < 0) {
		app_msg(app, MSG_ERROR, "%s", e.msg);
		return;
	}
	snprintf(rv->rejected_path, sizeof rv->rejected_path, "%s", path);
	if (import_rejected_all_rows(rv->im))
		snprintf(text, sizeof text, "文件的全部 %ld 行已写入：\n%s\n\n未通过的 %ld 行在最后一列写明原因。"
		         "改正这些行后导入这个文件，全部行都会导入（已有的不会重复）。", n, path, c->rejected);
	else
		snprintf(text, sizeof text, "已把未通过检查的 %ld 行写入：\n%s\n\n最后一列是原因；改正后导入这个文件。",
		         n, path);
	app_msg(app, MSG_OK, "已写入 %s", path);
	prompt_file_ready(app, "已写出要改正的行", text, path);
}

/* n: the next rejected row after the selected one, from the top again at
 * the end (30 bad rows among 30,000 are found without paging). */
static void next_bad(struct app *app, struct review *rv)
{
	long n = import_nrows(rv->im), from = lv_selected(&rv->lv);
	for (long k = 1; k <= n; k++) {
		long i = (from + k) % n;
		if (import_row(rv->im, i)->verdict == IMPORT_REJECT) {
			lv_select(&rv->lv, i);
			return;
		}
	}
	app_msg(app, MSG_INFO, "没有未通过检查的行");
}

/* Enter: the whole of a row, the note not cut. */
static void show_row(struct app *app, struct review *rv)
{
	const struct import_row *r = import_row(rv->im, lv_selected(&rv->lv));
	char title[64], text[1024];
	if (!r)
		return;
	snprintf(title, sizeof title, "第 %ld 行", r->line);
	snprintf(text, sizeof text, "结果：%s%s%s\n人员：%s\n说明：%s", import_state_label(rv->im, r),
	         r->triage != TRIAGE_NONE ? "　分诊：" : "", import_triage_label(r->triage),
	         r->who, r->note);
	prompt_message(app, title, text);
}

/* --- the screen ----------------------------------------------------------- */

struct review_arg {
	struct import *im;
	const char *path, *kind_label;
};

static int rv_enter(struct app *app, void *arg)
{
	struct review_arg *a = arg;
	struct review *rv = calloc(1, sizeof *rv);
	if (!rv) {
		import_free(a->im);
		return -1;
	}
	rv->im = a->im;
	snprintf(rv->path, sizeof rv->path, "%s", a->path);
	snprintf(rv->kind_label, sizeof rv->kind_label, "%s", a->kind_label);
	rv->leads = !strcmp(a->kind_label, "部门预警名单");
	struct lv_source src = { rv_count, rv_fetch, rv_cell, rv_role, rv };
	if (rv->leads)
		lv_init(&rv->lv, lead_cols, 5, &src);
	else
		lv_init(&rv->lv, other_cols, 4, &src);
	rv->lv.empty = "（文件中没有数据行）";
	const char *base = strrchr(rv->path, '/');
	app_set_title(app, "导入报告 %s", base ? base + 1 : rv->path);
	app_set_data(app, rv);
	return 0;
}

static void rv_leave(struct app *app)
{
	struct review *rv = app_data(app);
	import_free(rv->im);
	free(rv);
}

/* "label N" pieces in a row; the count in role when it is not zero. */
static int put_count(WINDOW *w, int y, int x, int cols, const char *label, long n,
                     enum ui_role role)
{
	char num[32];
	snprintf(num, sizeof num, " %ld  ", n);
	x += ui_text(w, y, x, cols - x, label, UI_NORMAL);
	return x + ui_text(w, y, x, cols - x, num, n ? role : UI_NORMAL);
}

static void draw_counts(struct review *rv, WINDOW *w, int cols)
{
	const struct import_counts *c = import_counts(rv->im);
	char line[PATH_MAXLEN + 128];
	/* the path last: a long one is cut, the rest stays readable */
	snprintf(line, sizeof line, "%s  编码 %s  列映射 %s  文件 %s", rv->kind_label,
	         import_encoding(rv->im), import_map_name(rv->im), rv->path);
	ui_put(w, 0, 0, cols, line, UI_HEADER);
	snprintf(line, sizeof line, "共 %ld 行：", c->rows);
	int x = ui_text(w, 1, 0, cols, line, UI_NORMAL);
	x = put_count(w, 1, x, cols, "新增", c->created, UI_NORMAL);
	x = put_count(w, 1, x, cols, "合并", c->merged, UI_NORMAL);
	x = put_count(w, 1, x, cols, "已有", c->same, UI_NORMAL);
	x = put_count(w, 1, x, cols, "跳过", c->skipped, UI_NORMAL);
	put_count(w, 1, x, cols, "未通过", c->rejected, UI_ERROR);
	if (!rv->leads)
		return;
	x = ui_text(w, 2, 0, cols, "分诊：", UI_NORMAL);
	for (int t = TRIAGE_MONITORED; t < TRIAGE_COUNT; t++)
		x = put_count(w, 2, x, cols, import_triage_label(t), c->triage[t], UI_NORMAL);
}

/* What the officer can do now, or what was done. */
static void draw_advice(struct review *rv, WINDOW *w, int y, int cols)
{
	const struct import_counts *c = import_counts(rv->im);
	char line[512];
	enum ui_role role = UI_WARN;
	if (rv->done[0]) {
		ui_put(w, y, 0, cols, rv->done, rv->done_role);
		return;
	}
	if (c->accepted == 0) {
		snprintf(line, sizeof line, "没有一行通过检查，不能导入：按 w 写出要改正的行，改正后导入那个文件");
	} else if (c->rejected && c->created + c->merged == 0) {
		snprintf(line, sizeof line, "%ld 行未通过（红色，按 n 逐个查看）；其余都已登记，导入不会新增"
		         "内容", c->rejected);
	} else if (c->rejected) {
		snprintf(line, sizeof line, "%ld 行未通过（红色，按 n 逐个查看）：g 只导入通过的 %ld 行，"
		         "或 w 写出全部行去改正", c->rejected, c->accepted);
	} else if (c->created + c->merged == 0) {
		snprintf(line, sizeof line, "文件中的记录都已登记，导入不会新增任何内容");
		role = UI_DIM;
	} else {
		snprintf(line, sizeof line, "全部通过检查：按 a 导入；按 q 返回则不导入");
		role = UI_OK;
	}
	ui_put(w, y, 0, cols, line, role);
}

static void rv_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct review *rv = app_data(app);
	char pos[64];
	draw_counts(rv, w, cols);
	draw_advice(rv, w, 3, cols);
	lv_draw(&rv->lv, w, HEAD_ROWS, 0, rows - HEAD_ROWS, cols);
	lv_position(&rv->lv, pos, sizeof pos);
	ui_put_right(w, 4, cols - 24, 24, pos, UI_DIM);
}

static int rv_key(struct app *app, int key, int code)
{
	struct review *rv = app_data(app);
	enum action_id act = app_action(app, key, code);
	if (lv_key(&rv->lv, act))
		return HANDLED;
	switch (act) {
	case ACT_OPEN: show_row(app, rv); return HANDLED;
	case ACT_COMMIT_ALL: commit_all(app, rv); return HANDLED;
	case ACT_COMMIT_GOOD: commit_good(app, rv); return HANDLED;
	case ACT_WRITE_REJECTED: write_rejected(app, rv); return HANDLED;
	case ACT_NEXT_BAD: next_bad(app, rv); return HANDLED;
	default: return UNHANDLED;
	}
}

static const enum action_id rv_actions[] = {
	LV_ACTIONS, ACT_OPEN, ACT_COMMIT_ALL, ACT_COMMIT_GOOD, ACT_WRITE_REJECTED, ACT_NEXT_BAD,
	ACT_NONE
};

static const struct screen review_screen = {
	.name = "import_review",
	.title = "导入报告",
	.enter = rv_enter,
	.leave = rv_leave,
	.draw = rv_draw,
	.key = rv_key,
	.actions = rv_actions,
};

void import_review_push(struct app *app, struct import *im, const char *path,
                        const char *kind_label)
{
	struct review_arg a = { im, path, kind_label };
	if (app_push(app, &review_screen, &a) != 0)
		import_free(im);
}
