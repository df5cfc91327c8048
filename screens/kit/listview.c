#include "kit/listview.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "kit/ui.h"

#define LV_MIN_PAGE 60
#define LV_CELL 1024

void lv_init(struct listview *lv, const struct lv_column *cols, int ncols,
             const struct lv_source *src)
{
	memset(lv, 0, sizeof *lv);
	lv->cols = cols;
	lv->ncols = ncols;
	lv->src = *src;
	lv->focused = 1;
	lv->empty = "（无记录）";
	lv_reload(lv);
}

void lv_reload(struct listview *lv)
{
	lv->total = lv->src.count ? lv->src.count(lv->src.arg) : LV_UNKNOWN;
	if (lv->total < 0)
		lv->total = LV_UNKNOWN;
	lv->limit = lv->total == LV_UNKNOWN ? LONG_MAX : lv->total;
	lv->loaded = 0;
}

/* A few screens of rows per fetch: moving one row rarely asks the source. */
static int page_size(const struct listview *lv)
{
	int n = lv->rows * 3;
	return n < LV_MIN_PAGE ? LV_MIN_PAGE : n;
}

static void lv_fetch(struct listview *lv, long off, int n)
{
	if (off < 0)
		off = 0;
	int got = lv->src.fetch ? lv->src.fetch(lv->src.arg, off, n) : 0;
	if (got < 0)
		got = 0;
	if (got > n)
		got = n;
	lv->loaded = 1;
	lv->page_off = off;
	lv->page_n = n;
	lv->page_got = got;
	/* a short page marks the end */
	if (got < n && (got > 0 || off == 0)) {
		lv->total = off + got;
		lv->limit = lv->total;
	} else if (got == 0 && off < lv->limit) {
		lv->limit = off;
	}
}

static int in_page(const struct listview *lv, long i)
{
	return lv->loaded && i >= lv->page_off && i < lv->page_off + lv->page_got;
}

/* 1 if row i exists; loads the page around it when needed. */
static int lv_have(struct listview *lv, long i)
{
	if (i < 0 || i >= lv->limit)
		return 0;
	if (in_page(lv, i))
		return 1;
	int n = page_size(lv);
	lv_fetch(lv, i - n / 2, n);
	return in_page(lv, i);
}

/* The last row, found by doubling then halving when the total is unknown. */
static long lv_last(struct listview *lv)
{
	if (lv->total != LV_UNKNOWN)
		return lv->total - 1;
	if (!lv_have(lv, 0))
		return -1;
	long lo = lv->sel > 0 && lv_have(lv, lv->sel) ? lv->sel : 0;
	long step = page_size(lv);
	while (lv->total == LV_UNKNOWN && lv_have(lv, lo + step)) {
		lo += step;
		step = step < LONG_MAX / 4 ? step * 2 : step;
	}
	if (lv->total != LV_UNKNOWN)
		return lv->total - 1;
	long hi = lo + step;
	while (hi - lo > 1 && lv->total == LV_UNKNOWN) {
		long mid = lo + (hi - lo) / 2;
		if (lv_have(lv, mid))
			lo = mid;
		else
			hi = mid;
	}
	if (lv->total == LV_UNKNOWN)
		lv->total = lv->limit = hi;
	return lv->total - 1;
}

static void lv_down(struct listview *lv, long by)
{
	long want = lv->sel + by;
	if (lv_have(lv, want)) {
		lv->sel = want;
		return;
	}
	long last = lv_last(lv);
	lv->sel = last < want ? (last < 0 ? 0 : last) : want;
}

static void lv_end(struct listview *lv)
{
	long last = lv_last(lv);
	lv->sel = last < 0 ? 0 : last;
}

int lv_key(struct listview *lv, enum action_id act)
{
	long page = lv->rows > 1 ? lv->rows - 1 : 1;   /* keep one row of context */
	switch (act) {
	case ACT_UP: if (lv->sel > 0) lv->sel--; return 1;
	case ACT_DOWN: lv_down(lv, 1); return 1;
	case ACT_PGUP:
		lv->sel = lv->sel > page ? lv->sel - page : 0;
		lv->top = lv->top > page ? lv->top - page : 0;
		return 1;
	case ACT_PGDN:
		lv_down(lv, page);
		lv->top += page;
		return 1;
	case ACT_HOME: lv->sel = lv->top = 0; return 1;
	case ACT_END: lv_end(lv); return 1;
	default: return 0;
	}
}

/* After a reload or a page jump: the selection on an existing row, the
 * visible rows around it. */
static void lv_settle(struct listview *lv, int rows)
{
	lv->rows = rows;
	if (!lv_have(lv, lv->sel)) {
		long last = lv_last(lv);
		lv->sel = last < 0 ? 0 : last;
	}
	long maxtop = lv->total != LV_UNKNOWN ? lv->total - rows : LONG_MAX;
	if (lv->top > maxtop)
		lv->top = maxtop;
	if (lv->sel < lv->top)
		lv->top = lv->sel;
	if (lv->sel >= lv->top + rows)
		lv->top = lv->sel - rows + 1;
	if (lv->top < 0)
		lv->top = 0;
	/* the page must hold every visible row, not just the selected one */
	if (rows > 0 && lv->top < lv->limit &&
	    (!in_page(lv, lv->top) || lv->top + rows > lv->page_off + lv->page_n))
		lv_fetch(lv, lv->top - rows, page_size(lv));
}

/* The widest of column c's title and cells among the rows loaded. */
static int widest(struct listview *lv, int c)
{
	int most = text_width(lv->cols[c].title);
	for (long i = lv->page_off; i < lv->page_off + lv->page_got; i++) {
		char cell[LV_CELL] = "";
		lv->src.cell(lv->src.arg, i, c, cell, sizeof cell);
		int w = text_width(cell);
		most = w > most ? w : most;
	}
	return most;
}

/* Each column's width in cols (lv->w): the ones too wide for the list
 * hidden, those that fit their cells grown in order while the 0-width
 * column keeps LV_REST_MIN, which then takes what is left. */
static void layout(struct listview *lv, int cols)
{
	int n = lv->ncols < LV_MAXCOLS ? lv->ncols : LV_MAXCOLS, used = -1, rest = -1;
	if (n == 0) {
		lv->w[0] = cols;
		return;
	}
	for (int c = 0; c < n; c++) {
		const struct lv_column *col = &lv->cols[c];
		lv->w[c] = col->wide && cols < col->wide ? 0 : col->width;
		if (col->wide && cols < col->wide)
			continue;
		used += 1 + col->width;      /* one space before every column but the first */
		if (col->width == 0)
			rest = c;
	}
	int keep = rest >= 0 ? LV_REST_MIN : 0;
	for (int c = 0; c < n; c++) {
		int grow = lv->cols[c].fit - lv->w[c];
		if (lv->w[c] == 0 || grow <= 0 || cols - used - keep <= 0)
			continue;
		int need = widest(lv, c) - lv->w[c];
		need = need < grow ? need : grow;
		need = need < cols - used - keep ? need : cols - used - keep;
		if (need > 0) {
			lv->w[c] += need;
			used += need;
		}
	}
	if (rest >= 0)
		lv->w[rest] = cols - used > 1 ? cols - used : 1;
}

static void draw_header(const struct listview *lv, WINDOW *w, int y, int x, int cols)
{
	ui_fill(w, y, x, cols, UI_HEADER);
	for (int c = 0, at = 0; c < lv->ncols && c < LV_MAXCOLS && at < cols; c++) {
		int cw = lv->w[c];
		if (cw == 0)
			continue;
		if (cw > cols - at)
			cw = cols - at;
		if (lv->cols[c].right)
			ui_put_right(w, y, x + at, cw, lv->cols[c].title, UI_HEADER);
		else
			ui_put(w, y, x + at, cw, lv->cols[c].title, UI_HEADER);
		at += cw + 1;
	}
}

static void draw_row(struct listview *lv, WINDOW *w, int y, int x, int cols, long i)
{
	enum ui_role role = UI_NORMAL;
	if (i == lv->sel)
		role = lv->focused ? UI_SELECTED : UI_HEADER;
	else if (lv->src.row_role)
		role = lv->src.row_role(lv->src.arg, i);
	ui_fill(w, y, x, cols, role);
	int ncols = lv->ncols ? (lv->ncols < LV_MAXCOLS ? lv->ncols : LV_MAXCOLS) : 1;
	for (int c = 0, at = 0; c < ncols && at < cols; c++) {
		char cell[LV_CELL] = "";
		int cw = lv->w[c];
		if (cw == 0)
			continue;
		if (cw > cols - at)
			cw = cols - at;
		lv->src.cell(lv->src.arg, i, c, cell, sizeof cell);
		if (lv->ncols && lv->cols[c].right)
			ui_put_right(w, y, x + at, cw, cell, role);
		else
			ui_put(w, y, x + at, cw, cell, role);
		at += cw + 1;
	}
}

/* --- the detail band -------------------------------------------------------- */

/* The detail column shown at the last layout, or -1. */
static int detail_col(const struct listview *lv)
{
	int n = lv->ncols < LV_MAXCOLS ? lv->ncols : LV_MAXCOLS;
	for (int c = 0; c < n; c++)
		if (lv->cols[c].detail && lv->w[c] > 0)
			return c;
	return -1;
}

/* The lines the band needs: the most any loaded row's detail text takes,
 * wrapped in cols, among the rows where it is cut; 0 when none is.  All
 * loaded rows, not the selected one alone: the band keeps its height
 * while the selection moves, so the list does not jump. */
static int band_need(struct listview *lv, int cols)
{
	int c = detail_col(lv), most = 0;
	for (long i = lv->page_off; c >= 0 && i < lv->page_off + lv->page_got; i++) {
		char cell[LV_CELL] = "";
		lv->src.cell(lv->src.arg, i, c, cell, sizeof cell);
		if (text_width(cell) <= lv->w[c])
			continue;
		int n = ui_wrap(cell, cols, NULL, NULL);
		most = n > most ? n : most;
	}
	return most;
}

/* The band's rows (its title and the lines) in room rows under the
 * header: the lines it needs, up to a third of the room or what the rows
 * leave free; 0 when nothing is cut or there is no room. */
static int band_rows(struct listview *lv, int room, int cols)
{
	int need = band_need(lv, cols);
	long shown = lv->total != LV_UNKNOWN && lv->total < room ? lv->total : room;
	int spare = room - 1 - (int)(shown > 0 ? shown : 1);
	int cap = room / 3 > spare ? room / 3 : spare;
	if (need == 0 || cap < 1)
		return 0;
	int band = 1 + (need < cap ? need : cap);
	return band < room ? band : 0;
}

/* The selected row's detail text whole, under a title naming the column
 * and the row. */
static void draw_band(struct listview *lv, WINDOW *w, int y, int x, int rows, int cols)
{
	char title[256], cell[LV_CELL] = "";
	int c = detail_col(lv);
	long sel = lv_selected(lv);
	if (c < 0)
		return;
	snprintf(title, sizeof title, "%s（第 %ld 行）%s", lv->cols[c].title, sel + 1,
	         lv->detail_hint ? lv->detail_hint : "");
	ui_put(w, y, x, cols, title, UI_HEADER);
	if (sel >= 0)
		lv->src.cell(lv->src.arg, sel, c, cell, sizeof cell);
	for (int r = 1; r < rows; r++)
		ui_fill(w, y + r, x, cols, UI_NORMAL);
	ui_put_wrapped(w, y + 1, x, cols, rows - 1, cell, UI_NORMAL);
}

/* --- drawing ---------------------------------------------------------------- */

/* The rows settled and the columns laid out for room rows under the
 * header, less the band it then needs: lv->band. */
static void lv_arrange(struct listview *lv, int room, int cols)
{
	lv_settle(lv, room);
	layout(lv, cols);             /* from the rows just loaded */
	lv->band = band_rows(lv, room, cols);
	if (lv->band) {
		lv_settle(lv, room - lv->band);
		layout(lv, cols);
	}
}

void lv_draw(struct listview *lv, WINDOW *w, int y, int x, int rows, int cols)
{
	if (rows <= 0 || cols <= 0)
		return;
	int header = lv->ncols > 0;
	lv_arrange(lv, rows - header, cols);
	if (header) {
		draw_header(lv, w, y, x, cols);
		y++;
		rows--;
	}
	rows -= lv->band;
	int drawn = 0;
	for (int r = 0; r < rows && in_page(lv, lv->top + r); r++, drawn++)
		draw_row(lv, w, y + r, x, cols, lv->top + r);
	if (drawn == 0 && rows > 0)
		ui_put(w, y, x, cols, lv->empty, UI_DIM);
	if (lv->band)
		draw_band(lv, w, y + rows, x, lv->band, cols);
}

int lv_height(struct listview *lv, int max, int cols)
{
	int header = lv->ncols > 0;
	if (max <= header + 1 || cols <= 0)
		return max;
	lv_arrange(lv, max - header, cols);
	long shown = lv->total != LV_UNKNOWN ? lv->total : max;
	long want = header + (shown > 0 ? shown : 1) + lv->band;
	return want < max ? (int)want : max;
}

long lv_selected(struct listview *lv)
{
	return lv_have(lv, lv->sel) ? lv->sel : -1;
}

void lv_select(struct listview *lv, long index)
{
	lv->sel = index < 0 ? 0 : index;
}

long lv_total(const struct listview *lv)
{
	return lv->total;
}

void lv_position(struct listview *lv, char *buf, size_t n)
{
	long sel = lv_selected(lv);
	if (sel < 0)
		snprintf(buf, n, "共 0 行");
	else if (lv->total == LV_UNKNOWN)
		snprintf(buf, n, "第 %ld 行", sel + 1);
	else
		snprintf(buf, n, "第 %ld/%ld 行", sel + 1, lv->total);
}
