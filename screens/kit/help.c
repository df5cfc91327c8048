#include "kit/help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "kit/lineedit.h"
#include "kit/listview.h"

#define HELP_MAXROWS (ACT_COUNT + 24)

struct help_row {
	char keys[64];
	const char *label, *help;
	int heading;
};

struct help {
	struct help_row rows[HELP_MAXROWS];
	int nrows;
	struct listview lv;
};

static void add_row(struct help *h, const char *keys, const char *label, const char *help,
                    int heading)
{
	if (h->nrows >= HELP_MAXROWS)
		return;
	struct help_row *r = &h->rows[h->nrows++];
	snprintf(r->keys, sizeof r->keys, "%s", keys);
	r->label = label;
	r->help = help;
	r->heading = heading;
}

static void add_action(struct help *h, enum action_id id, int flags)
{
	char keys[64];
	const struct action *a = action_get(id);
	action_keys_text(id, flags, keys, sizeof keys);
	if (a && keys[0])
		add_row(h, keys, action_label(id, flags), a->help, 0);
}

/* What help is about: the screen below it and the actions it offers now. */
struct about {
	const struct screen *scr;
	const enum action_id *actions;
};

static void build(struct help *h, const enum action_id *list, int flags)
{
	if (list && *list != ACT_NONE) {
		add_row(h, "本屏幕", "", "", 1);
		for (; *list != ACT_NONE; list++)
			if (!action_in(action_globals, *list))
				add_action(h, *list, flags);
	}
	if (flags & ACTION_TYPING) {
		add_row(h, "填写文字时", "", "", 1);
		for (const struct le_keyhelp *k = le_keyhelp; k->keys; k++)
			add_row(h, k->keys, "编辑", k->help, 0);
	}
	add_row(h, "任何屏幕", "", "", 1);
	for (const enum action_id *g = action_globals; *g != ACT_NONE; g++)
		add_action(h, *g, flags);
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

static const struct lv_column help_columns[] = {
	{ "按键", 22, 0 }, { "功能", 10, 0 }, { "说明", 0, 0 },
};

/* --- the screen ------------------------------------------------------------ */

static void help_enter(struct app *app, void *arg)
{
	const struct about *ab = arg;
	const struct screen *about = ab ? ab->scr : NULL;
	struct help *h = calloc(1, sizeof *h);
	if (!h)
		return;
	int flags = about && (about->flags & SCREEN_TYPING) ? ACTION_TYPING : 0;
	if (app_depth(app) <= 2)
		flags |= ACTION_ROOT;    /* below help is the last screen */
	build(h, ab ? ab->actions : NULL, flags);
	struct lv_source src = { help_count, help_fetch, help_cell, help_role, h };
	lv_init(&h->lv, help_columns, 3, &src);
	app_set_data(app, h);
	if (about && about->title)
		app_set_title(app, "帮助：%s", about->title);
}

static void help_leave(struct app *app)
{
	free(app_data(app));
}

static void help_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct help *h = app_data(app);
	if (h)
		lv_draw(&h->lv, w, 0, 0, rows, cols);
}

static int help_key(struct app *app, int key, int code)
{
	struct help *h = app_data(app);
	if (h && lv_key(&h->lv, app_action(app, key, code)))
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
