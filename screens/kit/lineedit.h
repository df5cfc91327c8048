/* A one-line text editor for UTF-8: the cursor moves and deletes whole
 * characters (Backspace removes a whole 丰, never a byte of it), and a text
 * longer than its field scrolls sideways by display width. */
#ifndef JIANCE_LINEEDIT_H
#define JIANCE_LINEEDIT_H

#include <stddef.h>

#include <curses.h>

#include "kit/theme.h"

#define LE_MAX 512        /* bytes, NUL included */

struct lineedit {
	char buf[LE_MAX];
	size_t len, cur;      /* bytes; cur is always on a character boundary */
	size_t first;         /* first byte shown when scrolled sideways */
	size_t max;           /* most bytes the text may take (< LE_MAX) */
};

/* What le_key did. */
enum { LE_UNHANDLED = 0, LE_MOVED, LE_CHANGED, LE_FULL };

/* Keys the editor knows, for the help screen: { keys, help }, NULL-ended. */
struct le_keyhelp {
	const char *keys;
	const char *help;
};
extern const struct le_keyhelp le_keyhelp[];

/* maxbytes 0 or too large means LE_MAX - 1. */
void le_init(struct lineedit *le, const char *text, size_t maxbytes);
/* Replaces the text (cut at a character boundary to fit); cursor at the end. */
void le_set(struct lineedit *le, const char *text);
const char *le_text(const struct lineedit *le);
/* Characters insert; Left/Right, Home/End (Ctrl-A/E), Backspace, Delete
 * (Ctrl-D), Ctrl-K/U kill to the end/start, Ctrl-W the word before. */
int le_key(struct lineedit *le, int key, int is_key_code);
/* Draws the text in exactly cols columns at (y, x), scrolled so the cursor
 * shows; returns the cursor's column relative to x. */
int le_draw(struct lineedit *le, WINDOW *w, int y, int x, int cols, enum ui_role role);

#endif
