#include "kit/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "kit/checklist.h"
#include "kit/lineedit.h"
#include "base/text.h"
#include "kit/ui.h"

#define FORM_WHY 192
#define FORM_DEFAULT_WIDTH 20
#define FORM_BESIDE_MIN 16     /* columns a reason needs to go beside its field */
#define FORM_WHY_ROWS 3        /* lines a reason below its field may take */
#define FORM_DROP_ROWS 8

/* A field: as declared, and as typed. */
struct field {
	struct form_field def;
	struct lineedit le;
	char why[FORM_WHY];
	int touched;               /* edited, left or saved: its reason may show */
};

/* The option list under a choice field. */
struct dropdown {
	int open;
	int *cand;                 /* indices into the field's options */
	int cap, ncand, sel, top;
};

struct form {
	struct field **fields;
	int n, cap, failed;
	int focus, top;            /* top: first field shown when scrolled */
	void *arg;
	form_checker check;
	int dirty;
	struct dropdown dd;
};

struct form *form_new(void *arg)
{
	struct form *f = calloc(1, sizeof *f);
	if (f)
		f->arg = arg;
	return f;
}

void form_free(struct form *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->n; i++)
		free(f->fields[i]);
	free(f->fields);
	free(f->dd.cand);
	free(f);
}

struct form_field *form_add(struct form *f, struct form_field def)
{
	if (f->n == f->cap) {
		int cap = f->cap ? f->cap * 2 : 16;
		struct field **fields = realloc(f->fields, (size_t)cap * sizeof *fields);
		if (!fields) {
			f->failed = 1;
			return NULL;
		}
		f->fields = fields;
		f->cap = cap;
	}
	struct field *d = calloc(1, sizeof *d);
	if (!d) {
		f->failed = 1;
		return NULL;
	}
	d->def = def;
	le_init(&d->le, "", def.maxbytes);
	f->fields[f->n++] = d;
	return &d->def;
}

int form_failed(const struct form *f) { return f->failed; }
void form_set_checker(struct form *f, form_checker check) { f->check = check; }

static int field_index(const struct form *f, const char *name)
{
	for (int i = 0; f && name && i < f->n; i++)
		if (!strcmp(f->fields[i]->def.name, name))
			return i;
	return -1;
}

struct form_field *form_field(struct form *f, const char *name)
{
	int i = field_index(f, name);
	return i < 0 ? NULL : &f->fields[i]->def;
}

/* The definition, the editor and the text of field i. */
static const struct form_field *def_of(const struct form *f, int i)
{
	return &f->fields[i]->def;
}

static struct lineedit *le_of(struct form *f, int i)
{
	return &f->fields[i]->le;
}

static const char *text_of(const struct form *f, int i)
{
	return le_text(&f->fields[i]->le);
}

/* --- choices -------------------------------------------------------------- */

static int exact_option(const struct form_field *d, const char *v)
{
	for (int i = 0; i < d->noptions; i++)
		if (!strcmp(d->options[i].text, v))
			return i;
	return -1;
}

/* The options the typed text fits (all of them for all); the list grows
 * with the options, which a screen may change after the field was added
 * (groups follow a village). */
static void dd_fill_from(struct form *f, int all)
{
	const struct form_field *d = def_of(f, f->focus);
	const char *typed = all ? "" : text_of(f, f->focus);
	f->dd.ncand = f->dd.sel = f->dd.top = f->dd.open = 0;
	if (d->noptions > f->dd.cap) {
		int *cand = realloc(f->dd.cand, (size_t)d->noptions * sizeof *cand);
		if (!cand)
			return;
		f->dd.cand = cand;
		f->dd.cap = d->noptions;
	}
	for (int i = 0; i < d->noptions; i++)
		if (option_matches(&d->options[i], typed)) {
			if (all && !strcmp(d->options[i].text, text_of(f, f->focus)))
				f->dd.sel = f->dd.ncand;
			f->dd.cand[f->dd.ncand++] = i;
		}
	f->dd.open = f->dd.ncand > 0;
}

static void dd_fill(struct form *f)
{
	dd_fill_from(f, 0);
}

/* --- validation ----------------------------------------------------------- */

/* A check's answer into why: "" for NULL, else its reason. */
static void keep_reason(const char *r, char *why, size_t n)
{
	if (!r)
		why[0] = 0;
	else if (r != why)
		snprintf(why, n, "%s", r);
}

/* The field's own checks: required, its options, its validator. */
static void own_check(struct form *f, struct field *fd, const char *v, char *why, size_t n)
{
	const struct form_field *d = &fd->def;
	char out[LE_MAX];
	if (!*v) {
		if (d->required)
			snprintf(why, n, "不能为空");
		return;
	}
	if (d->kind == FORM_CHOICE && exact_option(d, v) < 0) {
		char stands[LE_MAX];
		why[0] = 0;
		if (d->resolve && d->resolve(f->arg, v, stands, sizeof stands, why, n))
			return;      /* it stands for one: taken when the field is left */
		if (!why[0])
			snprintf(why, n, "请从选项中选择（按 F4 列出）");
		return;
	}
	if (d->kind == FORM_MULTI &&
	    options_tidy(d->options, d->noptions, d->max, v, out, sizeof out, why, n)) {
		size_t len = strlen(why);
		if (strstr(why, "“"))     /* a token not known: the list helps */
			snprintf(why + len, n - len, "（按 F4 列出）");
		return;
	}
	if (d->validate)   /* several options: the validator reads them tidy */
		keep_reason(d->validate(f->arg, f, d->kind == FORM_MULTI ? out : v, why, n), why, n);
}

static void field_check(struct form *f, int i)
{
	struct field *fd = f->fields[i];
	const char *v = le_text(&fd->le);
	char why[FORM_WHY] = "";
	own_check(f, fd, v, why, sizeof why);
	if (!why[0] && f->check)
		keep_reason(f->check(f->arg, f, fd->def.name, v, why, sizeof why), why, sizeof why);
	snprintf(fd->why, sizeof fd->why, "%s", why);
}

/* Several options typed as tokens are written back as their texts. */
static void tidy(struct form *f, int i)
{
	const struct form_field *d = def_of(f, i);
	const char *v = text_of(f, i);
	char out[LE_MAX], why[FORM_WHY];
	if (d->kind == FORM_MULTI && *v &&
	    !options_tidy(d->options, d->noptions, d->max, v, out, sizeof out, why, sizeof why) &&
	    strcmp(out, v) != 0) {
		le_set(le_of(f, i), out);
		f->dirty = 1;
	}
}

int form_check(struct form *f)
{
	int first = -1;
	for (int i = 0; i < f->n; i++) {
		f->fields[i]->touched = 1;
		field_check(f, i);
		if (f->fields[i]->why[0] && first < 0)
			first = i;
	}
	return first;
}

/* --- moving between fields ------------------------------------------------ */

/* A choice field left with text that stands for one option takes it
 * (base/complete.h: "zn" is 之女 though 之女婿 starts so too), or what the
 * field's resolver says the text stands for (县医保局 is 医保). */
static void complete_choice(struct form *f, int at)
{
	const struct form_field *d = def_of(f, at);
	struct lineedit *le = le_of(f, at);
	f->dd.open = 0;
	if (d->kind != FORM_CHOICE || !*le_text(le) || exact_option(d, le_text(le)) >= 0)
		return;
	int i = option_find(d->options, d->noptions, le_text(le));
	char stands[LE_MAX], why[FORM_WHY];
	const char *to = i >= 0 ? d->options[i].text : NULL;
	if (!to && d->resolve)
		to = d->resolve(f->arg, le_text(le), stands, sizeof stands, why, sizeof why);
	if (to) {
		le_set(le, to);
		f->dirty = 1;
	}
}

static void leave_field(struct form *f)
{
	complete_choice(f, f->focus);
	tidy(f, f->focus);
	f->dd.open = 0;
	f->fields[f->focus]->touched = 1;
	field_check(f, f->focus);
	/* the record's check may now say something of another field (已完成
	 * makes an empty 结束日期 wrong): those already passed are asked again */
	for (int i = 0; f->check && i < f->n; i++)
		if (i != f->focus && f->fields[i]->touched)
			field_check(f, i);
}

static void move_focus(struct form *f, int to)
{
	if (f->n == 0)
		return;
	leave_field(f);
	f->focus = (to % f->n + f->n) % f->n;
	struct lineedit *le = le_of(f, f->focus);
	le->cur = le->len;      /* ready to append, as officers expect */
}

static void accept_choice(struct form *f)
{
	const struct form_field *d = def_of(f, f->focus);
	le_set(le_of(f, f->focus), d->options[f->dd.cand[f->dd.sel]].text);
	f->dd.open = 0;
	f->dirty = 1;
	field_check(f, f->focus);
}

/* Keys while the option list is open: it takes the arrows, Enter, Tab, Esc. */
static int dropdown_key(struct form *f, int key, int code)
{
	if (action_matches(ACT_UP, key, code)) {
		f->dd.sel = f->dd.sel > 0 ? f->dd.sel - 1 : f->dd.ncand - 1;
		return FORM_HANDLED;
	}
	if (action_matches(ACT_DOWN, key, code)) {
		f->dd.sel = (f->dd.sel + 1) % f->dd.ncand;
		return FORM_HANDLED;
	}
	if (action_matches(ACT_CANCEL, key, code)) {
		f->dd.open = 0;
		return FORM_HANDLED;
	}
	if (action_matches(ACT_OK, key, code) || key == '\t') {
		accept_choice(f);
		move_focus(f, f->focus + 1);
		return FORM_HANDLED;
	}
	return FORM_UNHANDLED;
}

/* The checklist of a field of several options (kit/checklist.h). */
static void pick_several(struct form *f, struct app *app)
{
	const struct form_field *d = def_of(f, f->focus);
	char out[LE_MAX];
	if (!checklist_run(app, d->label, d->options, d->noptions, d->max, text_of(f, f->focus),
	                   out, sizeof out))
		return;
	le_set(le_of(f, f->focus), out);
	f->dirty = f->fields[f->focus]->touched = 1;
	field_check(f, f->focus);
}

/* F4: the options of the field -- a checklist for several, a list for
 * one (what was typed narrows it; a chosen option lists them all). */
static int choices_key(struct form *f, struct app *app)
{
	const struct form_field *d = def_of(f, f->focus);
	if (d->kind == FORM_MULTI) {
		pick_several(f, app);
	} else if (d->kind == FORM_CHOICE) {
		dd_fill_from(f, exact_option(d, text_of(f, f->focus)) >= 0);
		if (!f->dd.open)
			dd_fill_from(f, 1);
		if (!f->dd.open)
			app_msg(app, MSG_WARN, "%s 暂无可选项", d->label);
	} else {
		app_msg(app, MSG_INFO, "%s 请直接填写（没有可选项）", d->label);
	}
	return FORM_HANDLED;
}

static int save_key(struct form *f, struct app *app)
{
	leave_field(f);
	for (int i = 0; i < f->n; i++) {
		complete_choice(f, i);
		tidy(f, i);
	}
	int bad = form_check(f);
	if (bad < 0)
		return FORM_SAVE;
	int nbad = 0;
	for (int i = 0; i < f->n; i++)
		nbad += f->fields[i]->why[0] != 0;
	f->focus = bad;
	/* a reason that names its field already ("办理日期…晚于今天…") is not named twice */
	const char *label = def_of(f, bad)->label, *why = f->fields[bad]->why;
	int named = !strncmp(why, label, strlen(label));
	app_msg(app, MSG_ERROR, "有 %d 项需要改正，未保存：%s%s%s", nbad, named ? "" : label,
	        named ? "" : " ", why);
	return FORM_INVALID;
}

static int edit_key(struct form *f, struct app *app, int key, int code)
{
	struct field *fd = f->fields[f->focus];
	int r = le_key(&fd->le, key, code);
	if (r == LE_UNHANDLED)
		return FORM_UNHANDLED;
	if (r == LE_FULL)
		app_msg(app, MSG_WARN, "%s 已达到最大长度", fd->def.label);
	if (r == LE_CHANGED) {
		f->dirty = fd->touched = 1;
		field_check(f, f->focus);
		if (fd->def.kind == FORM_CHOICE) {
			dd_fill(f);
			if (!*le_text(&fd->le) || exact_option(&fd->def, le_text(&fd->le)) >= 0)
				f->dd.open = 0;
		}
	}
	return FORM_HANDLED;
}

int form_key(struct form *f, struct app *app, int key, int code)
{
	if (f->n == 0)
		return FORM_UNHANDLED;
	if (f->dd.open) {
		int r = dropdown_key(f, key, code);
		if (r != FORM_UNHANDLED)
			return r;
	}
	if (action_matches(ACT_SAVE, key, code))
		return save_key(f, app);
	if (action_matches(ACT_CHOICES, key, code))
		return choices_key(f, app);
	if (action_matches(ACT_NEXT_FIELD, key, code)) {
		if (key == '\r' && f->focus == f->n - 1) {
			leave_field(f);
			/* F2 is 保存, 通过, 检查 or 生成 by screen: say which */
			enum action_id f2 = app_action(app, KEY_F(2), 1);
			app_msg(app, MSG_INFO, "已是最后一项；按 F2 %s",
			        f2 != ACT_NONE ? action_label(f2, 0) : "保存");
			return FORM_HANDLED;
		}
		move_focus(f, f->focus + 1);
		return FORM_HANDLED;
	}
	if (action_matches(ACT_PREV_FIELD, key, code)) {
		move_focus(f, f->focus - 1);
		return FORM_HANDLED;
	}
	return edit_key(f, app, key, code);
}

/* --- drawing -------------------------------------------------------------- */

struct layout {
	int labelw, fieldx, rows, cols;
	int left;          /* rows left for the field being drawn and those below */
};

static int input_width(const struct form *f, int i, const struct layout *lo)
{
	int w = def_of(f, i)->width > 0 ? def_of(f, i)->width : FORM_DEFAULT_WIDTH;
	int room = lo->cols - lo->fieldx;
	return w < room ? w : (room > 1 ? room : 1);
}

/* A reason shows once the field was touched; not while its options are
 * listed (no "choose an option" nagging during the choosing). */
static int shows_why(const struct form *f, int i)
{
	const struct field *fd = f->fields[i];
	return fd->touched && fd->why[0] && !(i == f->focus && f->dd.open);
}

/* Rows field i takes: one, more when its reason goes below it, wrapped
 * (a refusal naming two dates and the day the step may pass is read
 * whole, issue 16). */
static int field_rows(const struct form *f, int i, const struct layout *lo)
{
	if (!shows_why(f, i))
		return 1;
	const char *why = f->fields[i]->why;
	int beside = lo->cols - lo->fieldx - input_width(f, i, lo) - 2;
	if (beside >= FORM_BESIDE_MIN && beside >= text_width(why))
		return 1;
	int lines = ui_wrap(why, lo->cols - lo->fieldx, NULL, NULL);
	return 1 + (lines < FORM_WHY_ROWS ? lines : FORM_WHY_ROWS);
}

static void scroll_to_focus(struct form *f, const struct layout *lo)
{
	if (f->top > f->focus)
		f->top = f->focus;
	for (;;) {
		int used = 0;
		for (int i = f->top; i <= f->focus; i++)
			used += field_rows(f, i, lo);
		if (used <= lo->rows || f->top == f->focus)
			break;
		f->top++;
	}
}

static void draw_note(const struct form *f, int i, WINDOW *w, int y, int x,
                      const struct layout *lo)
{
	const char *why = f->fields[i]->why, *hint = def_of(f, i)->hint;
	int iw = input_width(f, i, lo);
	int bx = lo->fieldx + iw + 2, room = lo->cols - bx;
	int rows = field_rows(f, i, lo);
	if (rows > lo->left)
		rows = lo->left;          /* the bottom of the form */
	if (shows_why(f, i)) {
		if (field_rows(f, i, lo) == 1)
			ui_put(w, y, x + bx, room, why, UI_ERROR);
		else
			ui_put_wrapped(w, y + 1, x + lo->fieldx, lo->cols - lo->fieldx, rows - 1, why,
			               UI_ERROR);
	} else if (hint && !*text_of(f, i) && room > 0) {
		ui_put(w, y, x + bx, room, hint, UI_DIM);
	}
}

/* Draws field i at row y; returns the cursor column if it has the focus. */
static int draw_field(struct form *f, int i, WINDOW *w, int y, int x, const struct layout *lo)
{
	const struct form_field *d = def_of(f, i);
	char label[160];
	snprintf(label, sizeof label, "%s%s", d->required ? "*" : "", d->label);
	ui_put_right(w, y, x, lo->labelw, label, i == f->focus ? UI_HEADER : UI_NORMAL);
	int iw = input_width(f, i, lo), cx = 0;
	/* only the focused field scrolls; the others show their beginning */
	if (i == f->focus)
		cx = le_draw(le_of(f, i), w, y, x + lo->fieldx, iw, UI_FIELD);
	else
		ui_put(w, y, x + lo->fieldx, iw, text_of(f, i), UI_FIELD);
	draw_note(f, i, w, y, x, lo);
	return lo->fieldx + cx;
}

static void draw_dropdown(struct form *f, WINDOW *w, int y, int x, int fy,
                          const struct layout *lo)
{
	const struct form_field *d = def_of(f, f->focus);
	int width = input_width(f, f->focus, lo);
	for (int i = 0; i < f->dd.ncand; i++) {
		int tw = text_width(d->options[f->dd.cand[i]].text) + 2;
		width = tw > width ? tw : width;
	}
	if (width > lo->cols - lo->fieldx)
		width = lo->cols - lo->fieldx;
	/* under the field when it fits there, else above it */
	int n = f->dd.ncand < FORM_DROP_ROWS ? f->dd.ncand : FORM_DROP_ROWS;
	int below = lo->rows - fy - 1, above = fy, dy;
	if (below >= n || below >= above) {
		n = n < below ? n : below;
		dy = fy + 1;
	} else {
		n = n < above ? n : above;
		dy = fy - n;
	}
	if (f->dd.sel < f->dd.top)
		f->dd.top = f->dd.sel;
	if (f->dd.sel >= f->dd.top + n)
		f->dd.top = f->dd.sel - n + 1;
	for (int r = 0; r < n; r++) {
		int c = f->dd.top + r;
		char item[160];
		snprintf(item, sizeof item, " %s", d->options[f->dd.cand[c]].text);
		ui_put(w, y + dy + r, x + lo->fieldx, width, item,
		       c == f->dd.sel ? UI_SELECTED : UI_STATUS);
	}
}

void form_draw(struct form *f, struct app *app, WINDOW *w, int y, int x, int rows, int cols)
{
	struct layout lo = { 0, 0, rows, cols, rows };
	for (int i = 0; i < f->n; i++) {
		int lw = text_width(def_of(f, i)->label) + (def_of(f, i)->required ? 1 : 0);
		lo.labelw = lw > lo.labelw ? lw : lo.labelw;
	}
	if (lo.labelw > cols / 3)
		lo.labelw = cols / 3;
	lo.fieldx = lo.labelw + 2;
	if (rows <= 0 || f->n == 0 || cols <= lo.fieldx)
		return;
	scroll_to_focus(f, &lo);
	int fy = -1, fx = 0;
	for (int i = f->top, at = 0; i < f->n && at < rows; i++) {
		lo.left = rows - at;
		int cx = draw_field(f, i, w, y + at, x, &lo);
		if (i == f->focus) {
			fy = at;
			fx = cx;
		}
		at += field_rows(f, i, &lo);
	}
	if (fy < 0)
		return;
	if (f->dd.open)
		draw_dropdown(f, w, y, x, fy, &lo);
	app_cursor(app, w, y + fy, x + fx);
}

/* --- values --------------------------------------------------------------- */

const char *form_value(const struct form *f, const char *name)
{
	int i = field_index(f, name);
	return i < 0 ? NULL : text_of(f, i);
}

int form_set(struct form *f, const char *name, const char *value)
{
	int i = field_index(f, name);
	if (i < 0)
		return -1;
	le_set(le_of(f, i), value);
	field_check(f, i);
	return 0;
}

int form_count(const struct form *f) { return f->n; }

const char *form_name(const struct form *f, int index)
{
	return index >= 0 && index < f->n ? def_of(f, index)->name : NULL;
}

int form_focus(struct form *f, const char *name)
{
	int i = field_index(f, name);
	if (i < 0)
		return -1;
	f->dd.open = 0;
	f->focus = i;
	return 0;
}

const char *form_focused(const struct form *f)
{
	return f->n > 0 ? def_of(f, f->focus)->name : NULL;
}

const char *form_error(const struct form *f, const char *name)
{
	int i = field_index(f, name);
	return i < 0 || !f->fields[i]->touched ? "" : f->fields[i]->why;
}

int form_dirty(const struct form *f) { return f->dirty; }
void form_saved(struct form *f) { f->dirty = 0; }

void form_untouch(struct form *f)
{
	for (int i = 0; i < f->n; i++)
		f->fields[i]->touched = 0;
	f->dd.open = 0;
}
