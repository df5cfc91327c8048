#include "kit/form.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "kit/lineedit.h"
#include "base/text.h"
#include "kit/ui.h"

#define FORM_WHY 192
#define FORM_DEFAULT_WIDTH 20
#define FORM_BESIDE_MIN 16     /* columns a reason needs to go beside its field */
#define FORM_DROP_ROWS 8

struct field_state {
	struct lineedit le;
	char why[FORM_WHY];
	int touched;               /* edited, left or saved: its reason may show */
};

/* The option list under a choice field. */
struct dropdown {
	int open;
	int *cand;                 /* indices into the field's options */
	int ncand, sel, top;
};

struct form {
	const struct form_field *defs;
	struct field_state *st;
	int n, focus, top;         /* top: first field shown when scrolled */
	void *arg;
	int dirty;
	struct dropdown dd;
};

struct form *form_new(const struct form_field *fields, int n, void *arg)
{
	struct form *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	int maxopt = 1;
	for (int i = 0; i < n; i++)
		if (fields[i].noptions > maxopt)
			maxopt = fields[i].noptions;
	f->st = calloc((size_t)(n > 0 ? n : 1), sizeof *f->st);
	f->dd.cand = calloc((size_t)maxopt, sizeof *f->dd.cand);
	if (!f->st || !f->dd.cand) {
		form_free(f);
		return NULL;
	}
	f->defs = fields;
	f->n = n;
	f->arg = arg;
	for (int i = 0; i < n; i++)
		le_init(&f->st[i].le, "", fields[i].maxbytes);
	return f;
}

void form_free(struct form *f)
{
	if (!f)
		return;
	free(f->st);
	free(f->dd.cand);
	free(f);
}

static int field_index(const struct form *f, const char *name)
{
	for (int i = 0; f && i < f->n; i++)
		if (!strcmp(f->defs[i].name, name))
			return i;
	return -1;
}

/* --- choices -------------------------------------------------------------- */

static int exact_option(const struct form_field *d, const char *v)
{
	for (int i = 0; i < d->noptions; i++)
		if (!strcmp(d->options[i].text, v))
			return i;
	return -1;
}

static int prefix_nocase(const char *whole, const char *start)
{
	if (!whole)
		return 0;
	for (; *start; start++, whole++)
		if (tolower((unsigned char)*start) != tolower((unsigned char)*whole))
			return 0;
	return 1;
}

/* Chinese typed matches anywhere in the option; latin letters match the
 * start of its pinyin initials or full pinyin. */
static int option_matches(const struct form_option *o, const char *typed)
{
	char ascii[LE_MAX];
	text_fullwidth_to_ascii(typed, ascii, sizeof ascii);
	if (!*ascii || strstr(o->text, typed))
		return 1;
	return text_all_latin(ascii) &&
	       (prefix_nocase(o->initials, ascii) || prefix_nocase(o->pinyin, ascii));
}

static void dd_fill(struct form *f)
{
	const struct form_field *d = &f->defs[f->focus];
	const char *typed = le_text(&f->st[f->focus].le);
	f->dd.ncand = 0;
	for (int i = 0; i < d->noptions; i++)
		if (option_matches(&d->options[i], typed))
			f->dd.cand[f->dd.ncand++] = i;
	f->dd.sel = f->dd.top = 0;
	f->dd.open = f->dd.ncand > 0;
}

/* --- validation ----------------------------------------------------------- */

static void field_check(struct form *f, int i)
{
	const struct form_field *d = &f->defs[i];
	struct field_state *s = &f->st[i];
	const char *v = le_text(&s->le);
	s->why[0] = 0;
	if (!*v) {
		if (d->required)
			snprintf(s->why, sizeof s->why, "不能为空");
		return;
	}
	if (d->kind == FORM_CHOICE && exact_option(d, v) < 0) {
		snprintf(s->why, sizeof s->why, "请从选项中选择（按 F4 列出）");
		return;
	}
	if (d->validate) {
		char why[FORM_WHY] = "";
		const char *r = d->validate(f->arg, f, v, why, sizeof why);
		if (r)
			snprintf(s->why, sizeof s->why, "%s", r);
	}
}

int form_check(struct form *f)
{
	int first = -1;
	for (int i = 0; i < f->n; i++) {
		f->st[i].touched = 1;
		field_check(f, i);
		if (f->st[i].why[0] && first < 0)
			first = i;
	}
	return first;
}

/* --- moving between fields ------------------------------------------------ */

/* A choice field left with text that fits exactly one option takes it. */
static void complete_choice(struct form *f)
{
	const struct form_field *d = &f->defs[f->focus];
	struct lineedit *le = &f->st[f->focus].le;
	if (d->kind != FORM_CHOICE || !*le_text(le) || exact_option(d, le_text(le)) >= 0)
		return;
	dd_fill(f);
	if (f->dd.ncand == 1) {
		le_set(le, d->options[f->dd.cand[0]].text);
		f->dirty = 1;
	}
	f->dd.open = 0;
}

static void leave_field(struct form *f)
{
	complete_choice(f);
	f->dd.open = 0;
	f->st[f->focus].touched = 1;
	field_check(f, f->focus);
}

static void move_focus(struct form *f, int to)
{
	if (f->n == 0)
		return;
	leave_field(f);
	f->focus = (to % f->n + f->n) % f->n;
	struct lineedit *le = &f->st[f->focus].le;
	le->cur = le->len;      /* ready to append, as officers expect */
}

static void accept_choice(struct form *f)
{
	const struct form_field *d = &f->defs[f->focus];
	le_set(&f->st[f->focus].le, d->options[f->dd.cand[f->dd.sel]].text);
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

static int save_key(struct form *f, struct app *app)
{
	leave_field(f);
	int bad = form_check(f);
	if (bad < 0)
		return FORM_SAVE;
	int nbad = 0;
	for (int i = 0; i < f->n; i++)
		nbad += f->st[i].why[0] != 0;
	f->focus = bad;
	app_msg(app, MSG_ERROR, "有 %d 项需要改正，未保存：%s %s", nbad, f->defs[bad].label,
		f->st[bad].why);
	return FORM_INVALID;
}

static int edit_key(struct form *f, struct app *app, int key, int code)
{
	struct field_state *s = &f->st[f->focus];
	int r = le_key(&s->le, key, code);
	if (r == LE_UNHANDLED)
		return FORM_UNHANDLED;
	if (r == LE_FULL)
		app_msg(app, MSG_WARN, "%s 已达到最大长度", f->defs[f->focus].label);
	if (r == LE_CHANGED) {
		f->dirty = s->touched = 1;
		field_check(f, f->focus);
		if (f->defs[f->focus].kind == FORM_CHOICE) {
			dd_fill(f);
			if (!*le_text(&s->le) || exact_option(&f->defs[f->focus], le_text(&s->le)) >= 0)
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
	if (action_matches(ACT_CHOICES, key, code) && f->defs[f->focus].kind == FORM_CHOICE) {
		dd_fill(f);
		if (!f->dd.open)
			app_msg(app, MSG_WARN, "没有与所填内容相符的选项");
		return FORM_HANDLED;
	}
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
};

static int input_width(const struct form *f, int i, const struct layout *lo)
{
	int w = f->defs[i].width > 0 ? f->defs[i].width : FORM_DEFAULT_WIDTH;
	int room = lo->cols - lo->fieldx;
	return w < room ? w : (room > 1 ? room : 1);
}

/* A reason shows once the field was touched; not while its options are
 * listed (no "choose an option" nagging during the choosing). */
static int shows_why(const struct form *f, int i)
{
	const struct field_state *s = &f->st[i];
	return s->touched && s->why[0] && !(i == f->focus && f->dd.open);
}

/* Rows field i takes: one, two when its reason goes below it. */
static int field_rows(const struct form *f, int i, const struct layout *lo)
{
	const struct field_state *s = &f->st[i];
	if (!shows_why(f, i))
		return 1;
	int beside = lo->cols - lo->fieldx - input_width(f, i, lo) - 2;
	return beside >= FORM_BESIDE_MIN && beside >= text_width(s->why) ? 1 : 2;
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
	const struct field_state *s = &f->st[i];
	int iw = input_width(f, i, lo);
	int bx = lo->fieldx + iw + 2, room = lo->cols - bx;
	const char *hint = f->defs[i].hint;
	if (shows_why(f, i)) {
		if (field_rows(f, i, lo) == 1)
			ui_put(w, y, x + bx, room, s->why, UI_ERROR);
		else
			ui_put(w, y + 1, x + lo->fieldx, lo->cols - lo->fieldx, s->why, UI_ERROR);
	} else if (hint && !*le_text(&s->le) && room > 0) {
		ui_put(w, y, x + bx, room, hint, UI_DIM);
	}
}

/* Draws field i at row y; returns the cursor column if it has the focus. */
static int draw_field(struct form *f, int i, WINDOW *w, int y, int x, const struct layout *lo)
{
	const struct form_field *d = &f->defs[i];
	char label[160];
	snprintf(label, sizeof label, "%s%s", d->required ? "*" : "", d->label);
	ui_put_right(w, y, x, lo->labelw, label, i == f->focus ? UI_HEADER : UI_NORMAL);
	int iw = input_width(f, i, lo), cx = 0;
	/* only the focused field scrolls; the others show their beginning */
	if (i == f->focus)
		cx = le_draw(&f->st[i].le, w, y, x + lo->fieldx, iw, UI_FIELD);
	else
		ui_put(w, y, x + lo->fieldx, iw, le_text(&f->st[i].le), UI_FIELD);
	draw_note(f, i, w, y, x, lo);
	return lo->fieldx + cx;
}

static void draw_dropdown(struct form *f, WINDOW *w, int y, int x, int fy,
                          const struct layout *lo)
{
	const struct form_field *d = &f->defs[f->focus];
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
	struct layout lo = { 0, 0, rows, cols };
	for (int i = 0; i < f->n; i++) {
		int lw = text_width(f->defs[i].label) + (f->defs[i].required ? 1 : 0);
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
	return i < 0 ? NULL : le_text(&f->st[i].le);
}

int form_set(struct form *f, const char *name, const char *value)
{
	int i = field_index(f, name);
	if (i < 0)
		return -1;
	le_set(&f->st[i].le, value);
	field_check(f, i);
	return 0;
}

int form_count(const struct form *f) { return f->n; }

const char *form_name(const struct form *f, int index)
{
	return index >= 0 && index < f->n ? f->defs[index].name : NULL;
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
	return f->n > 0 ? f->defs[f->focus].name : NULL;
}

const char *form_error(const struct form *f, const char *name)
{
	int i = field_index(f, name);
	return i < 0 || !f->st[i].touched ? "" : f->st[i].why;
}

int form_dirty(const struct form *f) { return f->dirty; }
void form_saved(struct form *f) { f->dirty = 0; }
