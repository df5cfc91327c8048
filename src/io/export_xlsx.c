/* The XLSX sink of exports (issue 6): what the upper level asks for as
 * Excel.  libxlsxwriter in constant-memory mode (rows go to a temporary file
 * as they come, so 200,000 households need no more memory than ten); a bold
 * header row with the panes frozen under it; dates as real Excel dates,
 * counts and amounts as numbers, so sums and filters work; ID numbers stay
 * text.  Column widths follow the widest cell by display width, a Han
 * character counting two. */
#include "io/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/clock.h"
#include "base/text.h"

#define XLSX_MAX_COLS CFG_MAX_COLS   /* an export has no more (export.c) */
#define XLSX_MAX_WIDTH 60      /* a long findings text must not make a column a screen wide */
#define EXCEL_DAY_1970 25569   /* serial number of 1970-01-01 in Excel's 1900 system */

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date, *money;
	int ncols;
	enum col_type types[XLSX_MAX_COLS];
	int width[XLSX_MAX_COLS];
	lxw_row_t row;
	int finished;
	char path[4096];
};

static void widen(struct xlsx *x, int col, const char *v, int width)
{
	/* a cell is never wider than its bytes (a Han character: 3 bytes, 2
	 * columns), so most cells need no width computed at all */
	if (width < 0 && (int)strlen(v) <= x->width[col])
		return;
	if (width < 0)
		width = text_width(v);
	if (width > x->width[col])
		x->width[col] = width;
}

static int header(void *ctx, int n, const char *const *names, const enum col_type *types)
{
	struct xlsx *x = ctx;
	if (n > XLSX_MAX_COLS)
		return -1;
	x->ncols = n;
	for (int i = 0; i < n; i++) {
		x->types[i] = types[i];
		x->width[i] = types[i] == COL_DATE ? 10 : 4;
		if (worksheet_write_string(x->ws, 0, (lxw_col_t)i, names[i], x->bold) != LXW_NO_ERROR)
			return -1;
		widen(x, i, names[i], -1);
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
	return 0;
}

/* A whole number or decimal, nothing else: "12" or "1234.50", not "12号". */
static int number(const char *v, double *out)
{
	char *end;
	errno = 0;
	*out = strtod(v, &end);
	return *v && !*end && errno == 0 && strspn(v, "-0123456789.") == strlen(v);
}

static lxw_error cell(struct xlsx *x, int col, const char *v)
{
	lxw_col_t c = (lxw_col_t)col;
	double num;
	if (!*v)
		return LXW_NO_ERROR;   /* an empty cell stays blank, not "" */
	if (x->types[col] == COL_DATE && date_iso(v) != JDAY_NONE)
		return worksheet_write_number(x->ws, x->row, c, date_iso(v) + EXCEL_DAY_1970, x->date);
	if ((x->types[col] == COL_INT || x->types[col] == COL_MONEY) && number(v, &num)) {
		widen(x, col, v, (int)strlen(v) + 1);
		return worksheet_write_number(x->ws, x->row, c, num,
		                              x->types[col] == COL_MONEY ? x->money : NULL);
	}
	widen(x, col, v, -1);
	return worksheet_write_string(x->ws, x->row, c, v, NULL);
}

static int row(void *ctx, int n, const char *const *v)
{
	struct xlsx *x = ctx;
	for (int i = 0; i < n && i < x->ncols; i++)
		if (cell(x, i, v[i]) != LXW_NO_ERROR)
			return -1;
	x->row++;
	return 0;
}

static int finish(void *ctx)
{
	struct xlsx *x = ctx;
	for (int i = 0; i < x->ncols; i++) {
		int w = x->width[i] + 2;
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, w > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : w,
		                     NULL);
	}
	lxw_error rc = workbook_close(x->wb);
	x->wb = NULL;
	x->finished = rc == LXW_NO_ERROR;
	return x->finished ? 0 : -1;
}

/* Excel refuses sheet names over 31 characters or holding []:*?/\ */
static void sheet_name(const char *want, char *out, size_t n)
{
	size_t o = 0;
	int chars = 0;
	for (const char *p = want ? want : ""; *p && chars < 31 && o + 5 < n; chars++) {
		size_t len = text_next_char(p, 0);
		if (!strchr("[]:*?/\\", *p)) {
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	out[o] = 0;
	if (!o)
		snprintf(out, n, "Sheet1");
}

int export_xlsx_sink(struct export_sink *sink, const char *path, const char *sheet,
                     struct jerr *e)
{
	struct xlsx *x = calloc(1, sizeof *x);
	if (!x)
		return jerr_set(e, "", "内存不足");
	snprintf(x->path, sizeof x->path, "%s", path);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };
	char name[128];
	sheet_name(sheet, name, sizeof name);
	if (!(x->wb = workbook_new_opt(path, &opt)) || !(x->ws = workbook_add_worksheet(x->wb, name))) {
		if (x->wb)
			workbook_close(x->wb);
		free(x);
		return jerr_set(e, "", "无法创建 Excel 文件 %s", path);
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->money = workbook_add_format(x->wb);
	format_set_num_format(x->money, "0.00");
	*sink = (struct export_sink){ x, header, row, finish };
	return 0;
}

void export_xlsx_done(struct export_sink *sink)
{
	struct xlsx *x = sink->ctx;
	if (!x)
		return;
	if (!x->finished) {
		if (x->wb)
			workbook_close(x->wb);
		remove(x->path);   /* never leave half a workbook that looks whole */
	}
	free(x);
	sink->ctx = NULL;
}
