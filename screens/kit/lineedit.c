#include "kit/lineedit.h"

#include <limits.h>
#include <string.h>
#include <wchar.h>

#include "base/text.h"
#include "kit/ui.h"

#define CTRL(c) ((c) & 0x1f)

const struct le_keyhelp le_keyhelp[] = {
	{ "Left Right", "光标左右移动一个字" },
	{ "Home End Ctrl-A Ctrl-E", "光标移到开头、末尾" },
	{ "Backspace", "删除光标前的一个字" },
	{ "Del Ctrl-D", "删除光标处的一个字" },
	{ "Ctrl-W", "删除光标前的一个词" },
	{ "Ctrl-U Ctrl-K", "删除光标前、光标后的全部内容" },
	{ NULL, NULL },
};

void le_init(struct lineedit *le, const char *text, size_t maxbytes)
{
	memset(le, 0, sizeof *le);
	le->max = maxbytes == 0 || maxbytes >= LE_MAX ? LE_MAX - 1 : maxbytes;
	le_set(le, text);
}

void le_set(struct lineedit *le, const char *text)
{
	size_t n = 0;
	while (text && text[n]) {
		size_t next = text_next_char(text, n);
		if (next > le->max)
			break;
		n = next;
	}
	memcpy(le->buf, text ? text : "", n);
	le->buf[n] = 0;
	le->len = le->cur = n;
	le->first = 0;
}

const char *le_text(const struct lineedit *le)
{
	return le->buf;
}

static void delete_range(struct lineedit *le, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(le->buf + from, le->buf + to, le->len - to + 1);
	le->len -= to - from;
	le->cur = from;
	if (le->first > from)
		le->first = from;
}

static int insert_char(struct lineedit *le, wchar_t wc)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, wc, &st);
	if (n == (size_t)-1 || wcwidth(wc) < 0)
		return LE_UNHANDLED;   /* not text: let the screen see the key */
	if (le->len + n > le->max)
		return LE_FULL;
	memmove(le->buf + le->cur + n, le->buf + le->cur, le->len - le->cur + 1);
	memcpy(le->buf + le->cur, mb, n);
	le->len += n;
	le->cur += n;
	return LE_CHANGED;
}

static int is_space(const struct lineedit *le, size_t at)
{
	return le->buf[at] == ' ';
}

/* Ctrl-W: the spaces before the cursor, then the word before them. */
static void delete_word(struct lineedit *le)
{
	size_t at = le->cur;
	while (at > 0 && is_space(le, text_prev_char(le->buf, at)))
		at = text_prev_char(le->buf, at);
	while (at > 0 && !is_space(le, text_prev_char(le->buf, at)))
		at = text_prev_char(le->buf, at);
	delete_range(le, at, le->cur);
}

static int moved(struct lineedit *le, size_t to)
{
	le->cur = to;
	return LE_MOVED;
}

static int code_key(struct lineedit *le, int key)
{
	switch (key) {
	case KEY_LEFT: return moved(le, text_prev_char(le->buf, le->cur));
	case KEY_RIGHT: return moved(le, text_next_char(le->buf, le->cur));
	case KEY_HOME: return moved(le, 0);
	case KEY_END: return moved(le, le->len);
	case KEY_BACKSPACE:
		delete_range(le, text_prev_char(le->buf, le->cur), le->cur);
		return LE_CHANGED;
	case KEY_DC:
		delete_range(le, le->cur, text_next_char(le->buf, le->cur));
		return LE_CHANGED;
	default: return LE_UNHANDLED;
	}
}

static int control_key(struct lineedit *le, int key)
{
	switch (key) {
	case CTRL('A'): return code_key(le, KEY_HOME);
	case CTRL('E'): return code_key(le, KEY_END);
	case CTRL('B'): return code_key(le, KEY_LEFT);
	case CTRL('F'): return code_key(le, KEY_RIGHT);
	case CTRL('D'): return code_key(le, KEY_DC);
	case CTRL('H'): case 127: return code_key(le, KEY_BACKSPACE);
	case CTRL('K'): delete_range(le, le->cur, le->len); return LE_CHANGED;
	case CTRL('U'): delete_range(le, 0, le->cur); return LE_CHANGED;
	case CTRL('W'): delete_word(le); return LE_CHANGED;
	default: return LE_UNHANDLED;
	}
}

int le_key(struct lineedit *le, int key, int is_key_code)
{
	if (is_key_code)
		return code_key(le, key);
	if (key < ' ' || key == 127)
		return control_key(le, key);
	return insert_char(le, (wchar_t)key);
}

/* Columns taken by buf[from, to). */
static int span(const struct lineedit *le, size_t from, size_t to)
{
	char part[LE_MAX];
	memcpy(part, le->buf + from, to - from);
	part[to - from] = 0;
	return text_width(part);
}

/* Columns the cursor needs: the character under it, or one at the end. */
static int cursor_cells(const struct lineedit *le)
{
	return le->cur < le->len ? span(le, le->cur, text_next_char(le->buf, le->cur)) : 1;
}

/* Whether the view starting at byte first shows the cursor: all the text
 * (and the cursor after it) fits, or the cursor's character fits within
 * cols-1 columns, so the '>' marking hidden text never covers it. */
static int view_ok(const struct lineedit *le, size_t first, int cols)
{
	if (span(le, first, le->len) + (le->cur == le->len) <= cols)
		return 1;
	return span(le, first, le->cur) + cursor_cells(le) <= cols - 1;
}

/* Scrolls as little as possible; shows more on the left after deletions. */
static void le_scroll(struct lineedit *le, int cols)
{
	if (le->first > le->cur)
		le->first = le->cur;
	while (le->first < le->cur && !view_ok(le, le->first, cols))
		le->first = text_next_char(le->buf, le->first);
	while (le->first > 0) {
		size_t prev = text_prev_char(le->buf, le->first);
		if (span(le, prev, le->len) + (le->cur == le->len) > cols)
			break;
		le->first = prev;
	}
}

int le_draw(struct lineedit *le, WINDOW *w, int y, int x, int cols, enum ui_role role)
{
	if (cols <= 0)
		return 0;
	if (cols < 2)
		cols = 2;
	le_scroll(le, cols);
	ui_put(w, y, x, cols, le->buf + le->first, role);
	int at = span(le, le->first, le->cur);
	return at < cols ? at : cols - 1;
}
