#include "kit/checklist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "kit/lineedit.h"
#include "kit/ui.h"
#include "base/text.h"

#define CL_W 48

struct checklist {
	const char *title;
	const struct form_option *o;
	int n, max;
	unsigned char *on;      /* n marks */
	int *shown;             /* the options the typed text fits */
	int nshown, sel, top, rows;
	struct lineedit filter;
	int accepted;
};

static int marked(const struct checklist *c)
{
	int k = 0;
	for (int i = 0; i < c->n; i++)
		k += c->on[i];
	return k;
}

static void narrow(struct checklist *c)
{
	int keep = c->nshown > 0 ? c->shown[c->sel] : -1;
	c->nshown = c->sel = c->top = 0;
	for (int i = 0; i < c->n; i++)
		if (option_matches(&c->o[i], le_text(&c->filter))) {
			if (i == keep)
				c->sel = c->nshown;
			c->shown[c->nshown++] = i;
		}
}

static void cl_draw(void *st, struct app *app, int lines, int cols)
{
	struct checklist *c = st;
	int h = c->n + 4, w = CL_W;
	h = h > lines - 4 ? lines - 4 : h;
	WINDOW *win = ui_box_open(lines, cols, h, w, c->title);
	if (!win)
		return;
	getmaxyx(win, h, w);
	ui_put(win, 1, 2, 6, "查找：", UI_NORMAL);
	int cx = le_draw(&c->filter, win, 1, 8, w - 10, UI_FIELD);
	c->rows = h - 4 > 1 ? h - 4 : 1;
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + c->rows)
		c->top = c->sel - c->rows + 1;
	for (int r = 0; r < c->rows && c->top + r < c->nshown; r++) {
		int i = c->shown[c->top + r];
		char row[200];
		snprintf(row, sizeof row, " [%s] %s", c->on[i] ? "x" : " ", c->o[i].text);
		ui_put(win, 2 + r, 1, w - 2, row, c->top + r == c->sel ? UI_SELECTED : UI_NORMAL);
	}
	if (c->nshown == 0)
		ui_put(win, 2, 2, w - 4, "（没有相符的，按退格键改一改）", UI_DIM);
	char foot[96];
	int len = snprintf(foot, sizeof foot, "已选 %d 项", marked(c));
	if (c->max > 0)
		snprintf(foot + len, sizeof foot - (size_t)len, "（最多%d项）", c->max);
	ui_put(win, h - 2, 2, w - 4, foot, UI_DIM);
	app_cursor(app, win, 1, 8 + cx);
	ui_box_close(win);
}

static void toggle(struct checklist *c, struct app *app)
{
	if (c->nshown == 0)
		return;
	int i = c->shown[c->sel];
	if (!c->on[i] && c->max > 0 && marked(c) >= c->max) {
		app_msg(app, MSG_WARN, "最多选%d项；先按空格取消一项", c->max);
		return;
	}
	c->on[i] = !c->on[i];
	if (c->sel + 1 < c->nshown)     /* on to the next, as in a paper list */
		c->sel++;
}

static int cl_key(void *st, struct app *app, int key, int code)
{
	struct checklist *c = st;
	int page = c->rows > 1 ? c->rows - 1 : 1;
	if (action_matches(ACT_OK, key, code)) {
		c->accepted = 1;
		return MODAL_DONE;
	}
	if (action_matches(ACT_CANCEL, key, code))
		return MODAL_DONE;
	if (!code && key == ' ')
		toggle(c, app);
	else if (action_matches(ACT_UP, key, code))
		c->sel = c->sel > 0 ? c->sel - 1 : 0;
	else if (action_matches(ACT_DOWN, key, code))
		c->sel = c->sel + 1 < c->nshown ? c->sel + 1 : c->sel;
	else if (action_matches(ACT_PGUP, key, code))
		c->sel = c->sel > page ? c->sel - page : 0;
	else if (action_matches(ACT_PGDN, key, code))
		c->sel = c->sel + page < c->nshown ? c->sel + page : (c->nshown ? c->nshown - 1 : 0);
	else if (le_key(&c->filter, key, code) == LE_CHANGED)
		narrow(c);
	return MODAL_CONTINUE;
}

static const enum action_id cl_actions[] = { ACT_MARK, ACT_OK, ACT_CANCEL, ACT_NONE };
static const struct modal cl_modal = { cl_draw, cl_key, cl_actions, 0 };

static void marks_text(const struct checklist *c, char *out, size_t outsz)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < c->n; i++)
		if (c->on[i] && len < outsz)
			len += (size_t)snprintf(out + len, outsz - len, "%s%s", len ? "、" : "",
			                        c->o[i].text);
}

int checklist_run(struct app *app, const char *title, const struct form_option *o, int n,
                  int max, const char *current, char *out, size_t outsz)
{
	struct checklist c = { .title = title, .o = o, .n = n, .max = max };
	c.on = calloc((size_t)(n > 0 ? n : 1), 1);
	c.shown = calloc((size_t)(n > 0 ? n : 1), sizeof *c.shown);
	int ok = 0;
	if (c.on && c.shown) {
		options_picked(o, n, current, c.on);
		le_init(&c.filter, "", 40);
		narrow(&c);
		ok = app_modal(app, &cl_modal, &c) == 0 && c.accepted;
		if (ok)
			marks_text(&c, out, outsz);
	}
	free(c.on);
	free(c.shown);
	return ok;
}
