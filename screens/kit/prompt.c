#include "kit/prompt.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "kit/app.h"
#include "kit/lineedit.h"
#include "kit/sendfile.h"
#include "base/text.h"
#include "kit/ui.h"

#define BOX_MAXW 72

/* --- one-line input -------------------------------------------------------- */

struct line_box {
	const char *title, *label;
	struct lineedit le;
	int ok;
};

static void line_draw(void *st, struct app *app, int lines, int cols)
{
	struct line_box *b = st;
	int w = BOX_MAXW;
	WINDOW *win = ui_box_open(lines, cols, 4, w, b->title);
	if (!win)
		return;
	w = getmaxx(win);
	ui_put(win, 1, 2, w - 4, b->label, UI_NORMAL);
	int cx = le_draw(&b->le, win, 2, 2, w - 4, UI_FIELD);
	app_cursor(app, win, 2, 2 + cx);
	ui_box_close(win);
}

static int line_key(void *st, struct app *app, int key, int code)
{
	struct line_box *b = st;
	if (action_matches(ACT_OK, key, code)) {
		b->ok = 1;
		return MODAL_DONE;
	}
	if (action_matches(ACT_CANCEL, key, code))
		return MODAL_DONE;
	if (le_key(&b->le, key, code) == LE_FULL)
		app_msg(app, MSG_WARN, "已达到最大长度");
	return MODAL_CONTINUE;
}

static const enum action_id line_actions[] = { ACT_OK, ACT_CANCEL, ACT_NONE };
static const struct modal line_modal = { line_draw, line_key, line_actions, 1 };

int prompt_line(struct app *app, const char *title, const char *label, char *buf, size_t n)
{
	struct line_box b = { title, label, { { 0 }, 0, 0, 0, 0 }, 0 };
	if (n == 0)
		return 0;
	le_init(&b.le, buf, n - 1);
	if (app_modal(app, &line_modal, &b) != 0 || !b.ok)
		return 0;
	snprintf(buf, n, "%s", le_text(&b.le));
	return 1;
}

/* --- yes / no --------------------------------------------------------------- */

struct confirm_box {
	const char *question;
	int yes;          /* the chosen button */
	int answer;
};

struct wrapped {
	WINDOW *win;
	int y, x, cols, from, upto;   /* draw lines [from, upto) at row y */
};

static void wrapped_line(void *arg, int index, const char *text)
{
	struct wrapped *wr = arg;
	if (index >= wr->from && index < wr->upto)
		ui_put(wr->win, wr->y + index - wr->from, wr->x, wr->cols, text, UI_NORMAL);
}

static int box_width(const char *text, int cols)
{
	int w = text_width(text) + 4;
	w = w < 36 ? 36 : w;
	w = w > BOX_MAXW ? BOX_MAXW : w;
	return w > cols - 2 ? cols - 2 : w;
}

static void confirm_draw(void *st, struct app *app, int lines, int cols)
{
	struct confirm_box *b = st;
	int w = box_width(b->question, cols);
	int n = ui_wrap(b->question, w - 4, NULL, NULL);
	n = n > lines - 8 ? lines - 8 : n;
	WINDOW *win = ui_box_open(lines, cols, n + 4, w, "请确认");
	if (!win)
		return;
	w = getmaxx(win);
	struct wrapped wr = { win, 1, 2, w - 4, 0, n };
	ui_wrap(b->question, w - 4, wrapped_line, &wr);
	int bx = (w - 16) / 2;
	ui_put(win, n + 2, bx, 6, " 是(y)", b->yes ? UI_SELECTED : UI_NORMAL);
	ui_put(win, n + 2, bx + 10, 6, " 否(n)", b->yes ? UI_NORMAL : UI_SELECTED);
	app_cursor(app, win, n + 2, b->yes ? bx : bx + 10);
	ui_box_close(win);
}

static int confirm_key(void *st, struct app *app, int key, int code)
{
	struct confirm_box *b = st;
	(void)app;
	if (action_matches(ACT_YES, key, code) || (key == 0x662f && !code)) {   /* 是 */
		b->answer = 1;
		return MODAL_DONE;
	}
	if (action_matches(ACT_NO, key, code) || action_matches(ACT_CANCEL, key, code) ||
	    (key == 0x5426 && !code)) {                                        /* 否 */
		b->answer = 0;
		return MODAL_DONE;
	}
	if (action_matches(ACT_OK, key, code)) {
		b->answer = b->yes;
		return MODAL_DONE;
	}
	if (action_matches(ACT_LEFT, key, code) || action_matches(ACT_RIGHT, key, code) ||
	    key == '\t' || (code && key == KEY_BTAB))
		b->yes = !b->yes;
	return MODAL_CONTINUE;
}

static const enum action_id confirm_actions[] = { ACT_YES, ACT_NO, ACT_OK, ACT_CANCEL, ACT_NONE };
static const struct modal confirm_modal = { confirm_draw, confirm_key, confirm_actions, 0 };

int prompt_confirm(struct app *app, const char *question)
{
	struct confirm_box b = { question, 0, 0 };
	if (app_modal(app, &confirm_modal, &b) != 0)
		return 0;
	return b.answer;
}

/* --- message ---------------------------------------------------------------- */

struct message_box {
	const char *title, *text;
	int top, shown, nlines;   /* first line shown, lines that fit, lines in all */
	const char *send;         /* a file the officer may send home, or NULL */
};

static void message_draw(void *st, struct app *app, int lines, int cols)
{
	struct message_box *b = st;
	(void)app;
	int w = BOX_MAXW > cols - 2 ? cols - 2 : BOX_MAXW;
	b->nlines = ui_wrap(b->text, w - 4, NULL, NULL);
	WINDOW *win = ui_box_open(lines, cols, b->nlines + 2, w, b->title);
	if (!win)
		return;
	b->shown = getmaxy(win) - 2;
	if (b->top > b->nlines - b->shown)
		b->top = b->nlines - b->shown;
	if (b->top < 0)
		b->top = 0;
	struct wrapped wr = { win, 1, 2, getmaxx(win) - 4, b->top, b->top + b->shown };
	ui_wrap(b->text, getmaxx(win) - 4, wrapped_line, &wr);
	if (b->nlines > b->shown) {
		char pos[64];
		snprintf(pos, sizeof pos, " %d/%d ", b->top + b->shown, b->nlines);
		ui_text(win, getmaxy(win) - 1, getmaxx(win) - 2 - text_width(pos), 20, pos, UI_DIM);
	}
	ui_box_close(win);
}

static int message_key(void *st, struct app *app, int key, int code)
{
	struct message_box *b = st;
	int page = b->shown > 1 ? b->shown - 1 : 1;
	if (action_matches(ACT_OK, key, code) || action_matches(ACT_CANCEL, key, code) ||
	    action_matches(ACT_BACK, key, code))
		return MODAL_DONE;
	if (b->send && action_matches(ACT_SEND_FILE, key, code)) {
		file_send(app, b->send);
		return MODAL_DONE;
	}
	if (action_matches(ACT_UP, key, code))
		b->top--;
	else if (action_matches(ACT_DOWN, key, code))
		b->top++;
	else if (action_matches(ACT_PGUP, key, code))
		b->top -= page;
	else if (action_matches(ACT_PGDN, key, code) || key == ' ')
		b->top += page;
	else if (action_matches(ACT_HOME, key, code))
		b->top = 0;
	else if (action_matches(ACT_END, key, code))
		b->top = b->nlines;
	if (b->top < 0)
		b->top = 0;       /* draw() clamps the other end */
	return MODAL_CONTINUE;
}

static const enum action_id message_actions[] = {
	ACT_OK, ACT_CANCEL, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_NONE
};
static const struct modal message_modal = { message_draw, message_key, message_actions, 0 };
static const enum action_id file_actions[] = {
	ACT_OK, ACT_SEND_FILE, ACT_UP, ACT_DOWN, ACT_NONE
};
static const struct modal file_modal = { message_draw, message_key, file_actions, 0 };

void prompt_message(struct app *app, const char *title, const char *text)
{
	struct message_box b = { title, text, 0, 1, 0, NULL };
	app_modal(app, &message_modal, &b);
}

void prompt_file_ready(struct app *app, const char *title, const char *text, const char *path)
{
	struct message_box b = { title, text, 0, 1, 0, path };
	app_modal(app, &file_modal, &b);
}

/* --- a refusal --------------------------------------------------------------- */

void show_refusal(struct app *app, const char *title, const char *msg)
{
	static const char sep[] = "；", colon_text[] = "：";
	int rows, cols;
	app_body_size(app, &rows, &cols);
	if (text_width(msg) <= cols) {
		app_msg(app, MSG_ERROR, "%s", msg);
		return;
	}
	const char *first = strstr(msg, sep);
	if (!first) {              /* one long reason: the box wraps it */
		app_msg(app, MSG_ERROR, "%s", msg);
		prompt_message(app, title, msg);
		return;
	}
	char text[2048];
	size_t len = 0;
	int k = 0;
	const char *colon = strstr(msg, colon_text), *p = msg;
	if (colon && colon < first) {   /* "不能启动风险消除：" heads the list */
		p = colon + strlen(colon_text);
		len = (size_t)snprintf(text, sizeof text, "%.*s\n", (int)(p - msg), msg);
	}
	while (*p && len < sizeof text) {
		const char *q = strstr(p, sep);
		int w = q ? (int)(q - p) : (int)strlen(p);
		len += (size_t)snprintf(text + len, sizeof text - len, "%d. %.*s\n", ++k, w, p);
		p = q ? q + strlen(sep) : p + w;
	}
	/* the message line keeps the heading; the box has the list */
	app_msg(app, MSG_ERROR, "%.*s", colon && colon < first ? (int)(colon - msg) : (int)(first - msg),
	        msg);
	prompt_message(app, title, text);
}
