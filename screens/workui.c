#include "workui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "access/area.h"
#include "register/choices.h"
#include "register/hhlist.h"
#include "kit/lineedit.h"
#include "kit/options.h"
#include "base/pinyin.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "base/text.h"
#include "kit/ui.h"

#define PICK_MAX 2000         /* rows a box lists (a county's villages); typing narrows them */
#define PICK_W 72

/* --- the picking box --------------------------------------------------------- */

struct picker {
	const char *title;
	struct lineedit le;
	/* narrows the rows to the typed text; returns how many */
	int (*fill)(struct picker *p);
	void (*row)(struct picker *p, int i, char *buf, size_t n);
	void *arg;
	const char *initial;         /* text in the box at first */
	int n, sel, top, shown, chosen;
	int rows;                    /* rows at first: the box's height */
};

static void picker_draw(void *st, struct app *app, int lines, int cols)
{
	struct picker *p = st;
	int w = cols - 4 < PICK_W ? cols - 4 : PICK_W;
	int h = p->rows + 3;             /* as tall as the list first was */
	h = h < 6 ? 6 : h > 22 ? 22 : h;
	h = h > lines - 4 ? lines - 4 : h;
	WINDOW *win = ui_box_open(lines, cols, h, w, p->title);
	if (!win)
		return;
	getmaxyx(win, h, w);
	ui_put(win, 1, 2, 6, "查找：", UI_NORMAL);
	int cx = le_draw(&p->le, win, 1, 8, w - 10, UI_FIELD);
	p->shown = h - 3;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + p->shown)
		p->top = p->sel - p->shown + 1;
	for (int r = 0; r < p->shown && p->top + r < p->n; r++) {
		char buf[256];
		p->row(p, p->top + r, buf, sizeof buf);
		ui_put(win, 2 + r, 1, w - 2, buf, p->top + r == p->sel ? UI_SELECTED : UI_NORMAL);
	}
	if (p->n == 0)
		ui_put(win, 2, 2, w - 4, "（没有相符的，请改一改查找的文字）", UI_DIM);
	app_cursor(app, win, 1, 8 + cx);
	ui_box_close(win);
}

static int picker_key(void *st, struct app *app, int key, int code)
{
	struct picker *p = st;
	int page = p->shown > 1 ? p->shown - 1 : 1;
	(void)app;
	if (action_matches(ACT_OK, key, code)) {
		p->chosen = p->n > 0 ? p->sel : -1;
		return p->n > 0 ? MODAL_DONE : MODAL_CONTINUE;
	}
	if (action_matches(ACT_CANCEL, key, code))
		return MODAL_DONE;
	if (action_matches(ACT_UP, key, code))
		p->sel = p->sel > 0 ? p->sel - 1 : 0;
	else if (action_matches(ACT_DOWN, key, code))
		p->sel = p->sel + 1 < p->n ? p->sel + 1 : p->sel;
	else if (action_matches(ACT_PGUP, key, code))
		p->sel = p->sel > page ? p->sel - page : 0;
	else if (action_matches(ACT_PGDN, key, code))
		p->sel = p->sel + page < p->n ? p->sel + page : (p->n > 0 ? p->n - 1 : 0);
	else if (le_key(&p->le, key, code) == LE_CHANGED) {
		p->n = p->fill(p);
		p->sel = p->top = 0;
	}
	return MODAL_CONTINUE;
}

static const enum action_id picker_actions[] = {
	ACT_OK, ACT_CANCEL, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_NONE
};
static const struct modal picker_modal = { picker_draw, picker_key, picker_actions, 1 };

static int picker_run(struct app *app, struct picker *p, int sel)
{
	le_init(&p->le, p->initial ? p->initial : "", 60);
	p->chosen = -1;
	p->n = p->fill(p);
	p->rows = p->n;
	p->sel = sel >= 0 && sel < p->n ? sel : 0;
	if (app_modal(app, &picker_modal, p) != 0)
		return -1;
	return p->chosen;
}

/* --- choices: texts with their readings ------------------------------------ */

struct choice_pick {
	const struct choice *c;
	int n;
	int cand[PICK_MAX];
};

static int choice_fill(struct picker *p)
{
	struct choice_pick *t = p->arg;
	int n = 0;
	const char *typed = le_text(&p->le);
	for (int i = 0; i < t->n && n < PICK_MAX; i++)
		if (option_matches(&(struct form_option){ t->c[i].text, t->c[i].initials,
		                                          t->c[i].pinyin }, typed))
			t->cand[n++] = i;
	return n;
}

static void choice_row(struct picker *p, int i, char *buf, size_t n)
{
	struct choice_pick *t = p->arg;
	snprintf(buf, n, " %s", t->c[t->cand[i]].text);
}

int pick_choice(struct app *app, const char *title, const struct choice *c, int n, int sel)
{
	struct choice_pick *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	t->c = c;
	t->n = n < PICK_MAX ? n : PICK_MAX;
	struct picker p = { .title = title, .fill = choice_fill, .row = choice_row, .arg = t };
	int got = picker_run(app, &p, sel);
	int chosen = got >= 0 ? t->cand[got] : -1;
	free(t);
	return chosen;
}

int pick_text(struct app *app, const char *title, const char *const *items, int n, int sel)
{
	struct choice *c = calloc((size_t)(n > 0 ? n : 1), sizeof *c);
	if (!c)
		return -1;
	for (int i = 0; i < n; i++) {
		snprintf(c[i].text, sizeof c[i].text, "%s", items[i]);
		if (pinyin_name(items[i], c[i].pinyin, sizeof c[i].pinyin, c[i].initials,
		                sizeof c[i].initials) != 0)
			c[i].pinyin[0] = c[i].initials[0] = 0;
	}
	int got = pick_choice(app, title, c, n, sel);
	free(c);
	return got;
}

/* --- households ------------------------------------------------------------ */

struct hh_pick {
	struct session *s;
	struct hh_filter f;
	struct hh_row rows[60];
	int name_w;           /* the widest head's name listed: 阿依古丽·买买提 whole */
};

static int hh_fill(struct picker *p)
{
	struct hh_pick *h = p->arg;
	snprintf(h->f.search, sizeof h->f.search, "%s", le_text(&p->le));
	int n = hhlist_page(h->s, &h->f, 0, (int)(sizeof h->rows / sizeof h->rows[0]), h->rows);
	h->name_w = 6;
	for (int i = 0; i < n; i++)
		if (text_width(h->rows[i].head_name) > h->name_w)
			h->name_w = text_width(h->rows[i].head_name);
	return n;
}

static void hh_row(struct picker *p, int i, char *buf, size_t n)
{
	const struct hh_pick *h = p->arg;
	const struct hh_row *r = &h->rows[i];
	char name[80];
	text_fit(r->head_name, h->name_w < 16 ? h->name_w : 16, name, sizeof name);
	snprintf(buf, n, " %s %s %s%s %d人 %s", name, r->hh_no, r->village, r->group, r->size,
	         r->status);
}

int pick_household(struct app *app, const char *title, const struct hh_filter *base,
                   int64_t *id)
{
	struct hh_pick *h = calloc(1, sizeof *h);
	if (!h)
		return 0;
	h->s = app_session(app);
	if (base)
		h->f = *base;
	struct picker p = { .title = title, .fill = hh_fill, .row = hh_row, .arg = h,
	                    .initial = base ? base->search : NULL };
	int got = picker_run(app, &p, 0);
	if (got >= 0)
		*id = h->rows[got].id;
	free(h);
	return got >= 0;
}

/* --- contact persons and areas ---------------------------------------------- */

static int pick_listed(struct app *app, const char *title, struct choice *c, int n, int64_t *id,
                       char *name, size_t namesz)
{
	int got = pick_choice(app, title, c, n, 0);
	if (got >= 0) {
		*id = c[got].id;
		if (name)
			snprintf(name, namesz, "%s", c[got].text);
	}
	return got >= 0;
}

int pick_contact(struct app *app, const char *title, int64_t *id, char *name, size_t n)
{
	struct choice *c = calloc(PICK_MAX, sizeof *c);
	if (!c)
		return 0;
	int k = choice_contacts(app_session(app), c, PICK_MAX);
	int ok = pick_listed(app, title, c, k, id, name, n);
	free(c);
	return ok;
}

int pick_area(struct app *app, const char *title, int max_level, int64_t *id, char *name,
              size_t n)
{
	struct session *s = app_session(app);
	struct choice *c = calloc(PICK_MAX, sizeof *c);
	if (!c)
		return 0;
	int k = 0;
	if (max_level >= LEVEL_VILLAGE && s->scope.level < LEVEL_TOWNSHIP)
		k = choice_areas(s, LEVEL_TOWNSHIP, c, PICK_MAX);
	if (max_level >= LEVEL_VILLAGE && s->scope.level < LEVEL_VILLAGE)
		k += choice_areas(s, LEVEL_VILLAGE, c + k, PICK_MAX - k);
	int ok = k > 0 ? pick_listed(app, title, c, k, id, name, n) : 0;
	if (k == 0)
		app_msg(app, MSG_WARN, "您的辖区只有一个村，不必选择");
	free(c);
	return ok;
}

/* --- reasons ------------------------------------------------------------------- */

int ask_reason(struct app *app, const char *title, const char *label, char *buf, size_t n)
{
	for (;;) {
		if (!prompt_line(app, title, label, buf, n))
			return 0;
		if (*buf)
			return 1;
		app_msg(app, MSG_ERROR, "须填写理由");
	}
}

/* --- this month ---------------------------------------------------------------- */

jday month_first(void)
{
	int y, m, d;
	date_to_ymd(clock_today(), &y, &m, &d);
	return date_from_ymd(y, m, 1);
}
