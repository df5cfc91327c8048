#include "kit/conflict.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "kit/app.h"
#include "kit/prompt.h"
#include "base/text.h"
#include "kit/ui.h"

#define BOX_MAXW 110
#define PICK_W 12

struct cbox {
	const char *title;
	struct conflict_field *cf;
	int n, sel, top, ok;
};

int conflict_open(const struct conflict_field *cf, int n)
{
	int open = 0;
	for (int i = 0; i < n; i++)
		open += !cf[i].automatic && cf[i].pick == PICK_NONE;
	return open;
}

const char *conflict_value(const struct conflict_field *cf)
{
	switch (cf->pick) {
	case PICK_THEIRS: return cf->theirs;
	case PICK_MINE: return cf->mine;
	case PICK_EDITED: return cf->edited;
	default: return cf->automatic ? cf->theirs : cf->mine;
	}
}

static const char *pick_text(const struct conflict_field *cf, enum ui_role *role)
{
	*role = UI_OK;
	switch (cf->pick) {
	case PICK_THEIRS: return "对方的";
	case PICK_MINE: return "您的";
	case PICK_EDITED: return "重新填写的";
	default: break;
	}
	if (cf->automatic)
		return *role = UI_DIM, "对方的(自动)";
	return *role = UI_WARN, "待选择";
}

/* --- drawing --------------------------------------------------------------------- */

struct wrapped {
	WINDOW *win;
	int y, x, cols, rows, used;
};

static void detail_line(void *arg, int index, const char *text)
{
	struct wrapped *wr = arg;
	(void)index;
	if (wr->used < wr->rows)
		ui_put(wr->win, wr->y + wr->used, wr->x, wr->cols, text, UI_NORMAL);
	wr->used++;
}

/* The selected field's three values in full, wrapped: a table cell cuts. */
static void draw_detail(const struct cbox *b, WINDOW *win, int y, int rows, int iw)
{
	const struct conflict_field *cf = &b->cf[b->sel];
	const char *what[] = { "打开时", "对方保存的", "您填写的" };
	const char *vals[] = { cf->base, cf->theirs, cf->mine };
	struct wrapped wr = { win, y, 2, iw, rows, 0 };
	for (int i = 0; i < 3; i++) {
		char line[LE_MAX + 64];
		snprintf(line, sizeof line, "%s %s：%s", cf->label, what[i], *vals[i] ? vals[i] : "（空）");
		ui_wrap(line, iw, detail_line, &wr);
	}
}

static void draw_row(const struct cbox *b, WINDOW *win, int y, int i, int iw, int lw, int vw)
{
	const struct conflict_field *cf = &b->cf[i];
	const char *vals[] = { cf->base, cf->theirs, cf->mine };
	enum ui_role role, row = i == b->sel ? UI_SELECTED : UI_NORMAL;
	if (i == b->sel)
		ui_fill(win, y, 2, iw, row);
	ui_put(win, y, 2, lw, cf->label, row);
	for (int k = 0; k < 3; k++)
		ui_put(win, y, 2 + lw + 1 + k * (vw + 1), vw, *vals[k] ? vals[k] : "（空）", row);
	const char *p = pick_text(cf, &role);
	ui_put(win, y, 2 + iw - PICK_W, PICK_W, p, i == b->sel ? row : role);
}

static void cbox_draw(void *st, struct app *app, int lines, int cols)
{
	struct cbox *b = st;
	WINDOW *win = ui_box_open(lines, cols, lines - 2, BOX_MAXW, b->title);
	if (!win)
		return;
	int w = getmaxx(win), h = getmaxy(win), iw = w - 4, lw = 8;
	for (int i = 0; i < b->n; i++)
		lw = text_width(b->cf[i].label) > lw ? text_width(b->cf[i].label) : lw;
	lw = lw > 16 ? 16 : lw;
	int vw = (iw - lw - PICK_W - 4) / 3;
	char line[200];
	snprintf(line, sizeof line, "这条记录已被其他操作员修改：%d 项不同，还有 %d 项待您选择",
	         b->n, conflict_open(b->cf, b->n));
	ui_put(win, 1, 2, iw, line, conflict_open(b->cf, b->n) ? UI_WARN : UI_OK);
	ui_put(win, 2, 2, iw, "1 保留我的  2 采用对方的  3 重新填写；选好后 F2 保存，Esc 回到表单",
	       UI_DIM);
	ui_fill(win, 3, 2, iw, UI_HEADER);
	const char *heads[] = { "打开时", "对方保存的", "您填写的" };
	ui_put(win, 3, 2, lw, "项目", UI_HEADER);
	for (int k = 0; k < 3; k++)
		ui_put(win, 3, 2 + lw + 1 + k * (vw + 1), vw, heads[k], UI_HEADER);
	ui_put(win, 3, 2 + iw - PICK_W, PICK_W, "保存为", UI_HEADER);
	int detail = 4, page = h - 5 - detail;
	page = page < 1 ? 1 : page;
	if (b->sel < b->top)
		b->top = b->sel;
	if (b->sel >= b->top + page)
		b->top = b->sel - page + 1;
	for (int r = 0; r < page && b->top + r < b->n; r++)
		draw_row(b, win, 4 + r, b->top + r, iw, lw, vw);
	draw_detail(b, win, h - 1 - detail, detail, iw);
	(void)app;
	ui_box_close(win);
}

/* --- keys ------------------------------------------------------------------------ */

/* After a choice: the next field still to decide, else stay. */
static void next_open(struct cbox *b)
{
	for (int k = 1; k <= b->n; k++) {
		int i = (b->sel + k) % b->n;
		if (!b->cf[i].automatic && b->cf[i].pick == PICK_NONE) {
			b->sel = i;
			return;
		}
	}
}

static void edit(struct app *app, struct cbox *b)
{
	struct conflict_field *cf = &b->cf[b->sel];
	char title[160], label[LE_MAX + 32], text[LE_MAX];
	snprintf(title, sizeof title, "重新填写 %s", cf->label);
	snprintf(label, sizeof label, "对方保存的：%s", *cf->theirs ? cf->theirs : "（空）");
	snprintf(text, sizeof text, "%s", conflict_value(cf));
	if (!prompt_line(app, title, label, text, sizeof text))
		return;
	snprintf(cf->edited, sizeof cf->edited, "%s", text);
	cf->pick = PICK_EDITED;
	next_open(b);
}

static int cbox_key(void *st, struct app *app, int key, int code)
{
	struct cbox *b = st;
	if (action_matches(ACT_UP, key, code) && b->sel > 0)
		b->sel--;
	else if (action_matches(ACT_DOWN, key, code) && b->sel + 1 < b->n)
		b->sel++;
	else if (action_matches(ACT_KEEP_MINE, key, code) || action_matches(ACT_TAKE_THEIRS, key, code)) {
		b->cf[b->sel].pick = action_matches(ACT_KEEP_MINE, key, code) ? PICK_MINE : PICK_THEIRS;
		next_open(b);
	} else if (action_matches(ACT_EDIT_VALUE, key, code)) {
		edit(app, b);
	} else if (action_matches(ACT_SAVE, key, code)) {
		int open = conflict_open(b->cf, b->n);
		if (!open)
			return b->ok = 1, MODAL_DONE;
		app_msg(app, MSG_WARN, "还有 %d 项未选择：按 1 保留您的，按 2 采用对方的", open);
	} else if (action_matches(ACT_CANCEL, key, code)) {
		return MODAL_DONE;
	}
	return MODAL_CONTINUE;
}

static const enum action_id cbox_actions[] = {
	ACT_KEEP_MINE, ACT_TAKE_THEIRS, ACT_EDIT_VALUE, ACT_SAVE, ACT_CANCEL, ACT_NONE
};
static const struct modal cbox_modal = { cbox_draw, cbox_key, cbox_actions, 0 };

int conflict_resolve(struct app *app, const char *title, struct conflict_field *cf, int n)
{
	struct cbox b = { title, cf, n, 0, 0, 0 };
	if (n <= 0)
		return 1;
	for (int i = 0; i < n; i++)      /* the first one to decide */
		if (!cf[i].automatic && cf[i].pick == PICK_NONE) {
			b.sel = i;
			break;
		}
	if (app_modal(app, &cbox_modal, &b) != 0)
		return 0;
	return b.ok;
}
