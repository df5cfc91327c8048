#include "kit/help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "kit/lineedit.h"
#include "kit/listview.h"
#include "kit/ui.h"

#define HELP_MAXROWS (ACT_COUNT * 3 + 48)
#define HELP_KEYS 22          /* the key column */
#define HELP_LABEL 14         /* the label column: 消除/回退/注销 whole */

struct help_row {
	char keys[64];
	const char *label;
	char help[160];       /* one line of the explanation */
	int heading;
};

struct help {
	struct help_row rows[HELP_MAXROWS];
	int nrows;
	enum action_id acts[ACT_COUNT + 1];   /* what the screen below offered */
	int flags;
	int built_for;        /* the width the explanations were wrapped to */
	struct listview lv;
};

/* What help is about: the screen below it and the actions it offers now. */
struct about {
	const struct screen *scr;
	const enum action_id *actions;
};

static void add_row(struct help *h, const char *keys, const char *label, const char *help,
                    int heading)
{
	if (h->nrows >= HELP_MAXROWS)
		return;
	struct help_row *r = &h->rows[h->nrows++];
	snprintf(r->keys, sizeof r->keys, "%s", keys);
	r->label = label;
	snprintf(r->help, sizeof r->help, "%s", help);
	r->heading = heading;
}

/* An explanation too long for its column goes on under itself: help
 * that is cut explains nothing (issue 16). */
static void add_line(void *arg, int index, const char *text)
{
	struct help *h = arg;
	if (index > 0)
		add_row(h, "", "", text, 0);
	else if (h->nrows > 0)
		snprintf(h->rows[h->nrows - 1].help, sizeof h->rows[0].help, "%s", text);
}

static void add_wrapped(struct help *h, const char *keys, const char *label, const char *help,
                        int width)
{
	add_row(h, keys, label, "", 0);
	ui_wrap(help, width, add_line, h);
}

static void add_action(struct help *h, enum action_id id, int width)
{
	char keys[64];
	const struct action *a = action_get(id);
	action_keys_text(id, h->flags, keys, sizeof keys);
	if (a && keys[0])
		add_wrapped(h, keys, action_label(id, h->flags), a->help, width);
}

/* The rows for a list of cols columns: the explanations wrapped to what
 * is left of it. */
static void build(struct help *h, int cols)
{
	int width = cols - HELP_KEYS - HELP_LABEL - 2;
	h->nrows = 0;
	if (h->acts[0] != ACT_NONE) {
		add_row(h, "本屏幕", "", "", 1);
		for (const enum action_id *a = h->acts; *a != ACT_NONE; a++)
			if (!action_in(action_globals, *a))
				add_action(h, *a, width);
	}
	if (h->flags & ACTION_TYPING) {
		add_row(h, "填写文字时", "", "", 1);
		for (const struct le_keyhelp *k = le_keyhelp; k->keys; k++)
			add_wrapped(h, k->keys, "编辑", k->help, width);
	}
	add_row(h, "任何屏幕", "", "", 1);
	for (const enum action_id *g = action_globals; *g != ACT_NONE; g++)
		add_action(h, *g, width);
	h->built_for = cols;
	lv_reload(&h->lv);
}

/* --- the list's data source: the rows built above -------------------------- */

static long help_count(void *arg)
{
	return ((struct help *)arg)->nrows;
}

static int help_fetch(void *arg, long off, int n)
{
	long left = ((struct help *)arg)->nrows - off;
	return left <= 0 ? 0 : left < n ? (int)left : n;
}

static void help_cell(void *arg, long i, int col, char *buf, size_t n)
{
	const struct help_row *r = &((struct help *)arg)->rows[i];
	const char *text[] = { r->keys, r->label, r->help };
	snprintf(buf, n, "%s", col >= 0 && col < 3 ? text[col] : "");
}

static enum ui_role help_role(void *arg, long i)
{
	return ((struct help *)arg)->rows[i].heading ? UI_HEADER : UI_NORMAL;
}

/* A label such as 消除/回退/注销 whole. */
static const struct lv_column help_columns[] = {
	{ "按键", HELP_KEYS, 0, 0, 0, 0 }, { "功能", HELP_LABEL, 0, 0, 0, 0 }, { "说明", 0, 0, 0, 0, 1 },
};

/* --- the screen ------------------------------------------------------------ */

static int help_enter(struct app *app, void *arg)
{
	const struct about *ab = arg;
	const struct screen *about = ab ? ab->scr : NULL;
	struct help *h = calloc(1, sizeof *h);
	if (!h)
		return -1;
	h->flags = about && (about->flags & SCREEN_TYPING) ? ACTION_TYPING : 0;
	if (app_depth(app) <= 2)
		h->flags |= ACTION_ROOT;    /* below help is the last screen */
	int n = 0;
	for (const enum action_id *a = ab ? ab->actions : NULL; a && *a != ACT_NONE && n < ACT_COUNT; a++)
		h->acts[n++] = *a;
	h->acts[n] = ACT_NONE;
	struct lv_source src = { help_count, help_fetch, help_cell, help_role, h };
	lv_init(&h->lv, help_columns, 3, &src);
	app_set_data(app, h);
	if (about && about->title)
		app_set_title(app, "帮助：%s", about->title);
	return 0;
}

static void help_leave(struct app *app)
{
	free(app_data(app));
}

static void help_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct help *h = app_data(app);
	if (h->built_for != cols)
		build(h, cols);
	lv_draw(&h->lv, w, 0, 0, rows, cols);
}

static int help_key(struct app *app, int key, int code)
{
	struct help *h = app_data(app);
	if (lv_key(&h->lv, app_action(app, key, code)))
		return HANDLED;
	return UNHANDLED;
}

static const enum action_id help_actions[] = { LV_ACTIONS, ACT_NONE };

const struct screen help_screen = {
	.name = "help",
	.title = "帮助",
	.enter = help_enter,
	.leave = help_leave,
	.draw = help_draw,
	.key = help_key,
	.actions = help_actions,
};

void help_push(struct app *app)
{
	struct about ab = { app_screen(app, 0), app_actions(app) };
	if (ab.scr != &help_screen)
		app_push(app, &help_screen, ab.scr ? &ab : NULL);
}
