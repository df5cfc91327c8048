#include "kit/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/text.h"

/* Enough bytes for UI_MAXCOLS columns of 4-byte characters. */
#define UI_BUF (UI_MAXCOLS * 4 + 16)

static int clamp_cols(int cols)
{
	return cols < 0 ? 0 : cols > UI_MAXCOLS ? UI_MAXCOLS : cols;
}

/* s has been through text.h, so it is valid UTF-8 without control bytes. */
static void put_utf8(WINDOW *w, int y, int x, const char *s, attr_t a)
{
	static wchar_t wide[UI_BUF];
	size_t n = mbstowcs(wide, s, UI_BUF - 1);
	if (n == (size_t)-1 || n == 0)
		return;
	wattrset(w, (int)a);
	/* ERR at the window's last cell only means the cursor could not advance */
	(void)mvwaddnwstr(w, y, x, wide, (int)n);
	wattrset(w, A_NORMAL);
}

/* fit is text_fit or text_pad_left: pads or cuts s to exactly cols. */
static void put_fitted(WINDOW *w, int y, int x, int cols, const char *s, enum ui_role role,
                       int (*fit)(const char *, int, char *, size_t))
{
	char buf[UI_BUF];
	cols = clamp_cols(cols);
	if (cols == 0 || fit(s ? s : "", cols, buf, sizeof buf) < 0)
		return;
	put_utf8(w, y, x, buf, theme_attr(role));
}

void ui_put(WINDOW *w, int y, int x, int cols, const char *s, enum ui_role role)
{
	put_fitted(w, y, x, cols, s, role, text_fit);
}

void ui_put_right(WINDOW *w, int y, int x, int cols, const char *s, enum ui_role role)
{
	put_fitted(w, y, x, cols, s, role, text_pad_left);
}

int ui_text(WINDOW *w, int y, int x, int maxcols, const char *s, enum ui_role role)
{
	char buf[UI_BUF];
	maxcols = clamp_cols(maxcols);
	if (maxcols == 0 || !s)
		return 0;
	text_cut(s, maxcols, buf, sizeof buf);
	put_utf8(w, y, x, buf, theme_attr(role));
	return text_width(buf);
}

void ui_fill(WINDOW *w, int y, int x, int cols, enum ui_role role)
{
	ui_put(w, y, x, cols, "", role);
}

/* One line being assembled by ui_wrap. */
struct wrap {
	char buf[UI_BUF];
	size_t len;
	int width;
	size_t space;          /* byte after the last space in buf, 0 = none */
	int space_width;       /* columns up to there */
	size_t pause;          /* byte after the last Chinese pause (，、；：。), 0 = none */
	int pause_width;       /* columns up to there */
	int soft;              /* buf continues a line broken by width */
	int lines;
	void (*line)(void *arg, int index, const char *text);
	void *arg;
};

static void wrap_emit(struct wrap *wr, size_t upto, int soft)
{
	char keep[UI_BUF];
	size_t rest = wr->len - upto;
	memcpy(keep, wr->buf + upto, rest);
	wr->buf[upto] = 0;
	/* a line broken at a space does not show the space */
	while (upto > 0 && wr->buf[upto - 1] == ' ')
		wr->buf[--upto] = 0;
	if (wr->line)
		wr->line(wr->arg, wr->lines, wr->buf);
	wr->lines++;
	memcpy(wr->buf, keep, rest);
	wr->len = rest;
	wr->buf[rest] = 0;
	wr->width = text_width(wr->buf);
	wr->space = wr->pause = 0;
	wr->soft = soft;
}

/* Chinese punctuation that never begins a line: the character before it
 * goes down with it. */
static int no_line_start(const char *ch)
{
	static const char *const marks[] = { "，", "。", "、", "；", "：", "）", "！", "？", "”" };
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (!strcmp(ch, marks[i]))
			return 1;
	return 0;
}

/* Where to break buf[0, at) so that the next line begins with a character
 * that may (the one before a run of such marks), or at itself. */
static size_t line_start_before(const char *buf, size_t at)
{
	size_t p = at;
	while (p > 0) {
		size_t q = text_prev_char(buf, p);
		char ch[8] = "";
		if (p - q < sizeof ch)
			memcpy(ch, buf + q, p - q);
		p = q;
		if (!no_line_start(ch))
			break;
	}
	return p > 0 ? p : at;
}

/* Part of a number, a date, a code or a Latin word ("2026-11-28", "yb"):
 * a line never breaks inside one. */
static int word_byte(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '-' || c == ':' || c == '.' || c == '/';
}

static int is_pause(const char *ch)
{
	static const char *const pauses[] = { "，", "、", "；", "：", "。" };
	for (size_t i = 0; i < sizeof pauses / sizeof pauses[0]; i++)
		if (!strcmp(ch, pauses[i]))
			return 1;
	return 0;
}

/* Where a line too full for `one` breaks (issue 16: never inside a date or,
 * as far as can be told, a name): after a space in the last third of the
 * line (one earlier would leave "1." alone on a line); else before a
 * number or Latin word `one` continues; else after a Chinese pause in the
 * last third; else before `one`, keeping marks that never begin a line
 * with the character before them. */
static size_t wrap_at(const struct wrap *wr, const char *one, int cols)
{
	if (wr->space && wr->space_width * 3 >= cols * 2)
		return wr->space;
	if (word_byte(one[0]) && word_byte(wr->buf[wr->len - 1])) {
		size_t p = wr->len;
		while (p > 0 && word_byte(wr->buf[p - 1]))
			p--;
		if (p > 0)
			return p;
	}
	if (wr->pause && wr->pause_width * 3 >= cols * 2)
		return wr->pause;
	return no_line_start(one) ? line_start_before(wr->buf, wr->len) : wr->len;
}

static void wrap_char(struct wrap *wr, const char *ch, size_t n, int cols)
{
	char one[8];
	memcpy(one, ch, n);
	one[n] = 0;
	int w = text_width(one);
	if (wr->width + w > cols && wr->len > 0)
		wrap_emit(wr, wrap_at(wr, one, cols), 1);
	if (wr->len + n >= sizeof wr->buf)
		wrap_emit(wr, wr->len, 1);
	if (wr->len == 0 && wr->soft && *ch == ' ')
		return;          /* no leading space on a wrapped line */
	memcpy(wr->buf + wr->len, ch, n);
	wr->len += n;
	wr->buf[wr->len] = 0;
	wr->width += w;
	if (*ch == ' ') {
		wr->space = wr->len;
		wr->space_width = wr->width;
	} else if (is_pause(one)) {
		wr->pause = wr->len;
		wr->pause_width = wr->width;
	}
}

int ui_wrap(const char *s, int cols, void (*line)(void *arg, int index, const char *text),
            void *arg)
{
	static struct wrap wr;   /* large; the console is single-threaded */
	memset(&wr, 0, sizeof wr);
	wr.line = line;
	wr.arg = arg;
	cols = clamp_cols(cols);
	if (cols < 2)
		cols = 2;
	for (size_t i = 0; s && s[i];) {
		size_t next = text_next_char(s, i);
		if (s[i] == '\n')
			wrap_emit(&wr, wr.len, 0);
		else if (next - i < 8)
			wrap_char(&wr, s + i, next - i, cols);
		i = next;
	}
	if (wr.len > 0 || wr.lines == 0)
		wrap_emit(&wr, wr.len, 0);
	return wr.lines;
}

struct wrapped {
	WINDOW *w;
	int y, x, cols;
	int rows, total;       /* room for lines; lines the text takes */
	enum ui_role role;
};

static void wrapped_line(void *arg, int index, const char *text)
{
	struct wrapped *b = arg;
	if (index >= b->rows)
		return;
	if (index < b->rows - 1 || b->total <= b->rows) {
		ui_put(b->w, b->y + index, b->x, b->cols, text, b->role);
		return;
	}
	ui_put(b->w, b->y + index, b->x, b->cols - 1, text, b->role);   /* more than fits */
	ui_put(b->w, b->y + index, b->x + b->cols - 1, 1, ">", b->role);
}

int ui_put_wrapped(WINDOW *w, int y, int x, int cols, int rows, const char *s,
                   enum ui_role role)
{
	if (rows <= 0 || cols < 2)
		return 0;
	struct wrapped b = { w, y, x, cols, rows, ui_wrap(s, cols, NULL, NULL), role };
	ui_wrap(s, cols, wrapped_line, &b);
	return b.total < rows ? b.total : rows;
}

WINDOW *ui_box_open(int lines, int cols, int h, int w, const char *title)
{
	if (w > cols - 2)
		w = cols - 2;
	if (h > lines - 2)
		h = lines - 2;
	if (h < 3 || w < 8)
		return NULL;
	WINDOW *win = newwin(h, w, (lines - h) / 2, (cols - w) / 2);
	if (!win)
		return NULL;
	werase(win);
	box(win, 0, 0);     /* ACS lines: never an ambiguous-width character */
	if (title && *title) {
		char t[256];
		snprintf(t, sizeof t, " %s ", title);
		ui_text(win, 0, 2, w - 4, t, UI_HEADER);
	}
	return win;
}

void ui_box_close(WINDOW *win)
{
	wnoutrefresh(win);
	delwin(win);
}
