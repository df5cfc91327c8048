/* Reading .xls workbooks (Excel 97-2003, as WPS still saves them) through
 * libfreexl: the first sheet, cell by cell, with the rules of xlsxread for
 * what a cell becomes (dates as 2026-05-03, whole numbers with their
 * digits, a number of more than 15 digits marked as rounded). */
#include "io/sheetread.h"

#include <freexl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/sheetrows.h"

#define MAX_COLS 1024

/* The text of one cell; 1 if it is a number too long to be exact. */
static int cell_text(const FreeXL_CellValue *v, char *out, size_t n)
{
	out[0] = 0;
	switch (v->type) {
	case FREEXL_CELL_INT:
		snprintf(out, n, "%d", v->value.int_value);
		return 0;
	case FREEXL_CELL_DOUBLE: {
		double x = v->value.double_value;
		if (x == floor(x) && fabs(x) < 1e15) {
			snprintf(out, n, "%.0f", x);
			return 0;
		}
		snprintf(out, n, "%.15g", x);
		return x == floor(x) && fabs(x) >= 1e15;
	}
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		snprintf(out, n, "%s", v->value.text_value ? v->value.text_value : "");
		return 0;
	default:
		return 0;
	}
}

struct xls_row {
	char **cells;
	unsigned char *rounded;
	int ncols;
};

static int read_row(const void *h, unsigned row, struct xls_row *r, struct jerr *e)
{
	static char text[32768];
	for (int c = 0; c < r->ncols; c++) {
		FreeXL_CellValue v;
		if (freexl_get_cell_value(h, row, (unsigned short)c, &v) != FREEXL_OK)
			v.type = FREEXL_CELL_NULL;
		r->rounded[c] = (unsigned char)cell_text(&v, text, sizeof text);
		free(r->cells[c]);
		if (!(r->cells[c] = strdup(text)))
			return jerr_set(e, "", "内存不足");
	}
	return 0;
}

static int read_rows(const void *h, const struct csvread_opts *o, struct csvread_info *info,
                     struct jerr *e)
{
	unsigned rows = 0;
	unsigned short cols = 0;
	if (freexl_select_active_worksheet(h, 0) != FREEXL_OK ||
	    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
		return jerr_set(e, "", "XLS 文件中没有可读的工作表");
	struct xls_row r = { calloc(MAX_COLS, sizeof(char *)), calloc(MAX_COLS, 1),
	                     cols < MAX_COLS ? cols : MAX_COLS };
	struct sheetrows sr;
	sheetrows_init(&sr, o, info);
	int rc = r.cells && r.rounded ? 0 : jerr_set(e, "", "内存不足");
	for (unsigned i = 0; rc == 0 && i < rows; i++) {
		if ((rc = read_row(h, i, &r, e)) != 0)
			break;
		int blank = 1;
		for (int c = 0; c < r.ncols; c++)
			blank &= !*csvread_trim(r.cells[c]);
		if (!blank && sheetrows_put(&sr, (long)i + 1, r.ncols, r.cells, NULL, r.rounded) != 0)
			rc = -1;   /* a callback set e */
	}
	if (rc == 0)
		rc = sheetrows_end(&sr, e);
	info->lines = rows;
	for (int c = 0; r.cells && c < MAX_COLS; c++)
		free(r.cells[c]);
	free(r.cells);
	free(r.rounded);
	return rc;
}

int xlsread_file(const char *path, const struct csvread_opts *o, struct csvread_info *info,
                 struct jerr *e)
{
	const void *h = NULL;
	unsigned int how = 0;
	if (freexl_open(path, &h) != FREEXL_OK) {
		if (h)
			freexl_close(h);
		return jerr_set(e, "", "无法读取 XLS 文件 %s（文件损坏，或不是 Excel 97-2003 工作簿）", path);
	}
	int rc;
	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &how) == FREEXL_OK && how == FREEXL_BIFF_OBFUSCATED)
		rc = jerr_set(e, "", "XLS 文件设了密码，请在 Excel 或 WPS 中取消密码后另存再导入");
	else
		rc = read_rows(h, o, info, e);
	freexl_close(h);
	return rc;
}
