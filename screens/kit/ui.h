/* Drawing UTF-8 text in curses windows.  Every width goes through src/text.h,
 * so a Han character takes two columns and nothing is split inside a
 * character; these are the only functions screens use to put text. */
#ifndef JIANCE_UI_H
#define JIANCE_UI_H

#include <curses.h>

#include "kit/theme.h"

/* Widest text a single call draws; wider windows are drawn in pieces. */
#define UI_MAXCOLS 1000

/* Exactly cols columns at (y, x): padded with spaces, or cut with a '>'. */
void ui_put(WINDOW *w, int y, int x, int cols, const char *s, enum ui_role role);
/* The same, right-aligned (numbers, amounts). */
void ui_put_right(WINDOW *w, int y, int x, int cols, const char *s, enum ui_role role);
/* At most maxcols columns, not padded, cut without a marker.  Returns the
 * columns drawn, so callers can draw pieces one after another. */
int ui_text(WINDOW *w, int y, int x, int maxcols, const char *s, enum ui_role role);
/* Fills cols columns at (y, x) with spaces in role (a bar's background). */
void ui_fill(WINDOW *w, int y, int x, int cols, enum ui_role role);

/* Breaks s into lines of at most cols columns: at '\n', else after a space
 * or a Chinese pause (，、；：。) in the line's last third, never inside a
 * number, date or Latin word, else between any two
 * characters (Chinese has no spaces).  Calls line(arg, index, text) for
 * each when line is not NULL; returns the number of lines. */
int ui_wrap(const char *s, int cols, void (*line)(void *arg, int index, const char *text),
            void *arg);

/* s wrapped as ui_wrap does, drawn from (y, x) in at most rows lines of
 * cols columns; when it takes more, the last line drawn ends in '>'.
 * Returns the lines drawn. */
int ui_put_wrapped(WINDOW *w, int y, int x, int cols, int rows, const char *s,
                   enum ui_role role);

/* Every modal box: a centred, bordered window of at most h x w on a screen
 * of lines x cols, the title on its top border; NULL when it cannot exist.
 * Draw into it, then ui_box_close() queues it for the next doupdate(). */
WINDOW *ui_box_open(int lines, int cols, int h, int w, const char *title);
void ui_box_close(WINDOW *win);
#endif
