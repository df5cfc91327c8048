#include "workui.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kit/app.h"
#include "access/area.h"
#include "register/choices.h"
#include "access/draft.h"
#include "kit/form.h"
#include "register/hhlist.h"
#include "kit/lineedit.h"
#include "base/pinyin.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "base/text.h"
#include "kit/ui.h"

#define PICK_MAX 2000         /* rows a box lists (a county's villages); typing narrows them */
#define PICK_W 72

/* --- option lists ---------------------------------------------------------- */

static char *dup_text(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

void optlist_add(struct optlist *o, const char *text)
{
	if (o->n == o->cap) {
		int cap = o->cap ? o->cap * 2 : 16;
		struct form_option *opts = realloc(o->opts, (size_t)cap * sizeof *opts);
		char **texts = opts ? realloc(o->texts, (size_t)cap * 3 * sizeof *texts) : NULL;
		if (!opts || !texts) {
			if (opts)
				o->opts = opts;
			return;
		}
		o->opts = opts;
		o->texts = texts;
		o->cap = cap;
	}
	char full[256], ini[64];
	if (pinyin_name(text, full, sizeof full, ini, sizeof ini) != 0)
		full[0] = ini[0] = 0;
	char **t = &o->texts[o->n * 3];
	t[0] = dup_text(text);
	t[1] = dup_text(ini);
	t[2] = dup_text(full);
	if (!t[0] || !t[1] || !t[2]) {
		free(t[0]);
		free(t[1]);
		free(t[2]);
		return;
	}
	o->opts[o->n++] = (struct form_option){ t[0], t[1], t[2] };
}

void optlist_free(struct optlist *o)
{
	for (int i = 0; i < o->n * 3; i++)
		free(o->texts[i]);
	free(o->texts);
	free(o->opts);
	memset(o, 0, sizeof *o);
}

static int prefix_nocase(const char *whole, const char *start)
{
	for (; *start; start++, whole++)
		if (!*whole || tolower((unsigned char)*start) != tolower((unsigned char)*whole))
			return 0;
	return 1;
}

/* Chinese anywhere in the text; latin letters at the start of the pinyin. */
static int text_matches(const char *text, const char *ini, const char *full, const char *typed)
{
	char ascii[256];
	text_fullwidth_to_ascii(typed, ascii, sizeof ascii);
	if (!*ascii || strstr(text, typed))
		return 1;
	return text_all_latin(ascii) && (prefix_nocase(ini, ascii) || prefix_nocase(full, ascii));
}

/* An option whose initials or pinyin are exactly the token ("yc" is 因残,
 * not also 因产业项目失败), else -1. */
static int exact_reading(const struct optlist *o, const char *token)
{
	char ascii[128];
	text_fullwidth_to_ascii(token, ascii, sizeof ascii);
	int found = -1;
	for (int i = 0; text_all_latin(ascii) && i < o->n; i++)
		if (!strcasecmp(o->opts[i].initials, ascii) || !strcasecmp(o->opts[i].pinyin, ascii))
			found = found == -1 ? i : -2;
	return found;
}

int optlist_match(const struct optlist *o, const char *token)
{
	int found = -1;
	for (int i = 0; i < o->n; i++)
		if (!strcmp(o->opts[i].text, token))
			return i;
	int exact = exact_reading(o, token);
	if (exact >= 0)
		return exact;
	for (int i = 0; i < o->n; i++)
		if (text_matches(o->opts[i].text, o->opts[i].initials, o->opts[i].pinyin, token))
			found = found == -1 ? i : -2;
	return found;
}

/* The next token of in at *pos (separators: 、，, ; ；and spaces). */
static int next_token(const char *in, size_t *pos, char *tok, size_t n)
{
	static const char *const seps[] = { "、", "，", "；", ",", ";", " ", "\xe3\x80\x80" };
	size_t i = *pos, len = 0;
	for (;;) {
		size_t skip = 0;
		for (size_t k = 0; k < sizeof seps / sizeof seps[0] && !skip; k++)
			if (!strncmp(in + i, seps[k], strlen(seps[k])))
				skip = strlen(seps[k]);
		if (!skip && in[i]) {
			size_t next = text_next_char(in, i);
			if (len + (next - i) < n) {
				memcpy(tok + len, in + i, next - i);
				len += next - i;
			}
			i = next;
			continue;
		}
		if (len || !in[i])
			break;
		i += skip;
	}
	tok[len] = 0;
	*pos = i;
	return len > 0;
}

const char *optlist_normalize(const struct optlist *o, const char *in, int max, char *out,
                              size_t n, char *why, size_t whysz)
{
	char tok[128];
	size_t pos = 0, len = 0;
	int count = 0, seen[64] = { 0 };
	out[0] = 0;
	while (next_token(in, &pos, tok, sizeof tok)) {
		int i = optlist_match(o, tok);
		if (i < 0) {
			snprintf(why, whysz, i == -2 ? "“%s”可指多项，请多写几个字" : "“%s”不在可选项中（F4 列出）",
			         tok);
			return why;
		}
		if (i < 64 && seen[i]++)
			continue;           /* typed twice: once is meant */
		if (++count > max) {
			snprintf(why, whysz, "最多%d项", max);
			return why;
		}
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", len ? "、" : "",
		                        o->opts[i].text);
	}
	return NULL;
}

static void tidy_one(struct form *f, const struct tidy *t)
{
	const char *v = form_value(f, t->field);
	char out[512], why[200];
	if (v && *v && !optlist_normalize(t->o, v, t->max, out, sizeof out, why, sizeof why) &&
	    strcmp(out, v) != 0)
		form_set(f, t->field, out);
}

void form_tidy(struct form *f, const struct tidy *t, int nt)
{
	for (int i = 0; i < nt; i++)
		tidy_one(f, &t[i]);
}

int form_key_tidy(struct form *f, struct app *app, int key, int code, const struct tidy *t,
                  int nt)
{
	char before[48];
	const char *b = form_focused(f);
	snprintf(before, sizeof before, "%s", b ? b : "");
	int r = form_key(f, app, key, code);
	const char *after = form_focused(f);
	for (int i = 0; i < nt; i++)
		if (!strcmp(before, t[i].field) && (r == FORM_SAVE || !after || strcmp(after, before)))
			tidy_one(f, &t[i]);
	return r;
}

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
		if (text_matches(t->c[i].text, t->c[i].initials, t->c[i].pinyin, typed))
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

/* --- reasons and refusals ---------------------------------------------------- */

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

/* --- other officers' changes ------------------------------------------------- */

jday month_first(void)
{
	int y, m, d;
	date_to_ymd(clock_today(), &y, &m, &d);
	return date_from_ymd(y, m, 1);
}

int form_back(struct app *app, struct form *f, int key, int code, const char *screen,
              const char *draft_key)
{
	if (!action_matches(ACT_BACK, key, code) || !form_dirty(f))
		return UNHANDLED;
	if (prompt_confirm(app, "放弃已填写的内容？") != 1)
		return HANDLED;
	draft_discard(app_session(app), screen, draft_key);
	return POP;
}
