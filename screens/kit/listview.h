/* A scrolling, selectable list with columns (after htop's Panel), drawn
 * from a data source that hands out rows a page at a time: a list of a
 * million households never holds more than a few screens of rows. */
#ifndef JIANCE_LISTVIEW_H
#define JIANCE_LISTVIEW_H

#include <stddef.h>

#include <curses.h>

#include "kit/actions.h"
#include "kit/theme.h"

#define LV_UNKNOWN (-1L)

/* The movement actions a list understands, for a screen's action list:
 * static const enum action_id acts[] = { LV_ACTIONS, ACT_OPEN, ACT_NONE }; */
#define LV_ACTIONS ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END

#define LV_MAXCOLS 16
#define LV_REST_MIN 12        /* the 0-width column keeps this much when others grow */

struct lv_column {
	const char *title;    /* header text */
	int width;            /* display columns; 0 = all that is left */
	int right;            /* right-aligned (numbers, amounts) */
	/* Above width: the column grows to its widest cell among the rows
	 * loaded (a name such as 阿依古丽·买买提 whole), up to fit columns, as
	 * far as the 0-width column can give them (issue 16). */
	int fit;
	/* Non-zero: the column is shown only on a list at least this wide
	 * (wider terminals show more columns). */
	int wide;
	/* Free text (sources, reasons, findings): when it is cut on a row
	 * loaded, a band under the rows shows the selected row's whole text,
	 * wrapped, under the column's title (issue 16).  One column a list. */
	int detail;
};

struct lv_source {
	/* Rows in all, or LV_UNKNOWN when counting would be slow: the list
	 * then learns the end from a short page.  May be NULL (unknown). */
	long (*count)(void *arg);
	/* Load rows [offset, offset + n) and keep them until the next call;
	 * return how many exist there (fewer than n at the end). */
	int (*fetch)(void *arg, long offset, int n);
	/* The text of column col of row index, a row of the last fetch. */
	void (*cell)(void *arg, long index, int col, char *buf, size_t n);
	/* Optional: a role for a whole unselected row (UI_WARN: overdue). */
	enum ui_role (*row_role)(void *arg, long index);
	void *arg;
};

struct listview {
	const struct lv_column *cols;
	int ncols;            /* 0: one column, no header */
	struct lv_source src;
	const char *empty;    /* shown when there are no rows */
	int focused;          /* selection drawn in UI_SELECTED, else bold */
	const char *detail_hint;  /* after the band's title: how to see the others */
	/* private */
	long total;           /* LV_UNKNOWN until known */
	long limit;           /* no row at or after this index */
	long sel, top;
	long page_off;
	int page_n, page_got, loaded;
	int rows;             /* data rows at the last draw */
	int w[LV_MAXCOLS];    /* each column's width at the last draw, 0 hidden */
	int band;             /* rows of the detail band at the last draw */
};

void lv_init(struct listview *lv, const struct lv_column *cols, int ncols,
             const struct lv_source *src);
/* The data changed (idle(), after a save): count and fetch again on the
 * next draw, keeping the selection where it was, or on the last row. */
void lv_reload(struct listview *lv);
/* Handles LV_ACTIONS; returns 1 if act was one of them. */
int lv_key(struct listview *lv, enum action_id act);
/* Header (if there are columns) and rows in the rows x cols area at (y, x),
 * and the detail band at its bottom when a detail column is cut. */
void lv_draw(struct listview *lv, WINDOW *w, int y, int x, int rows, int cols);
/* The rows lv_draw needs, at most max, to show every row of a short list
 * (the total known) with its header and band: for a list above others. */
int lv_height(struct listview *lv, int max, int cols);
/* The selected row's index, or -1 when the list is empty.  A row returned
 * is in the source's current page, so its data can be read there. */
long lv_selected(struct listview *lv);
void lv_select(struct listview *lv, long index);
/* Rows in all, or LV_UNKNOWN. */
long lv_total(const struct listview *lv);
/* "第 12/3456 行" (or "第 12 行" while the total is unknown). */
void lv_position(struct listview *lv, char *buf, size_t n);

#endif
