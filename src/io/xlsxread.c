/* Reading XLSX workbooks as Excel and WPS save them (issue 14): the first
 * sheet, row by row as it is unzipped (libzip) and parsed (expat), so a
 * 100,000-row sheet is never in memory whole; its shared strings, number
 * formats and date system are read first.
 *
 * Cells become the text the officer saw: shared and inline strings as
 * written; numbers in a date format as 2026-05-03; whole numbers with all
 * their digits; a number of more than 15 digits (an ID typed as a number:
 * Excel has already rounded it) is passed on marked, so the import refuses
 * it where it matters instead of storing a wrong ID. */
#include "io/sheetread.h"

#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/clock.h"
#include "io/sheetrows.h"

#define MAX_COLS 1024          /* a national export has about 180 */

/* ---- text gathered from character data ---- */

struct buf { char *p; size_t n, cap; };

static int buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
	return 0;
}

/* "x:row" and "row" are the same element: some writers use a prefix. */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

/* ---- one part of the package, parsed with handlers ---- */

static int parse_part(zip_t *z, const char *name, XML_Parser p, struct jerr *e)
{
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return 1;   /* absent */
	static char chunk[1 << 16];
	zip_int64_t got;
	int rc = 0;
	while ((got = zip_fread(f, chunk, sizeof chunk)) > 0)
		if (XML_Parse(p, chunk, (int)got, 0) == XML_STATUS_ERROR) {
			rc = -1;
			break;
		}
	if (rc == 0 && (got < 0 || XML_Parse(p, "", 0, 1) == XML_STATUS_ERROR))
		rc = -1;
	zip_fclose(f);
	if (rc != 0 && XML_GetErrorCode(p) != XML_ERROR_ABORTED)
		jerr_set(e, "", "XLSX 文件中的 %s 已损坏（第%lu行：%s），请用 Excel 或 WPS 打开后另存再导入",
		         name, (unsigned long)XML_GetCurrentLineNumber(p),
		         XML_ErrorString(XML_GetErrorCode(p)));
	return rc;
}

/* ---- the workbook: which part is the first sheet, which date system ---- */

struct book { char rid[64]; char target[256]; int date1904; };

static void book_start(void *arg, const char *el, const char **atts)
{
	struct book *b = arg;
	const char *name = local(el), *v;
	if (!strcmp(name, "workbookPr") && (v = attr(atts, "date1904")))
		b->date1904 = !strcmp(v, "1") || !strcmp(v, "true");
	if (!strcmp(name, "sheet") && !b->rid[0] && (v = attr(atts, "id")))
		snprintf(b->rid, sizeof b->rid, "%s", v);
}

static void rels_start(void *arg, const char *el, const char **atts)
{
	struct book *b = arg;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	if (strcmp(local(el), "Relationship") || !id || !target || strcmp(id, b->rid))
		return;
	if (target[0] == '/')
		snprintf(b->target, sizeof b->target, "%s", target + 1);
	else
		snprintf(b->target, sizeof b->target, "xl/%s", target);
}

static int find_sheet(zip_t *z, struct book *b, struct jerr *e)
{
	memset(b, 0, sizeof *b);
	for (int pass = 0; pass < 2; pass++) {
		XML_Parser p = XML_ParserCreate(NULL);
		if (!p)
			return jerr_set(e, "", "内存不足");
		XML_SetUserData(p, b);
		XML_SetStartElementHandler(p, pass ? rels_start : book_start);
		int rc = parse_part(z, pass ? "xl/_rels/workbook.xml.rels" : "xl/workbook.xml", p, e);
		XML_ParserFree(p);
		if (rc < 0)
			return -1;
	}
	if (!b->target[0])   /* no workbook relations: the usual name */
		snprintf(b->target, sizeof b->target, "xl/worksheets/sheet1.xml");
	return 0;
}

/* ---- shared strings: <si> holds <t>, or runs <r><t>; <rPh> is phonetic ---- */

struct sst {
	char **s;
	long n, cap;
	struct buf cur;
	int in_si, in_t, in_rph;
	int oom;
};

static void sst_start(void *arg, const char *el, const char **atts)
{
	(void)atts;
	struct sst *t = arg;
	const char *name = local(el);
	if (!strcmp(name, "si")) {
		t->in_si = 1;
		t->cur.n = 0;
		if (t->cur.p)
			t->cur.p[0] = 0;
	} else if (!strcmp(name, "rPh")) {
		t->in_rph = 1;
	} else if (!strcmp(name, "t") && t->in_si && !t->in_rph) {
		t->in_t = 1;
	}
}

static void sst_text(void *arg, const char *s, int len)
{
	struct sst *t = arg;
	if (t->in_t && buf_add(&t->cur, s, (size_t)len) != 0)
		t->oom = 1;
}

static void sst_end(void *arg, const char *el)
{
	struct sst *t = arg;
	const char *name = local(el);
	if (!strcmp(name, "t")) {
		t->in_t = 0;
	} else if (!strcmp(name, "rPh")) {
		t->in_rph = 0;
	} else if (!strcmp(name, "si")) {
		t->in_si = 0;
		if (t->n == t->cap) {
			long cap = t->cap ? 2 * t->cap : 1024;
			char **s = realloc(t->s, (size_t)cap * sizeof *s);
			if (!s) {
				t->oom = 1;
				return;
			}
			t->s = s;
			t->cap = cap;
		}
		if (!(t->s[t->n++] = strdup(t->cur.p ? t->cur.p : "")))
			t->oom = 1;
	}
}

static void sst_free(struct sst *t)
{
	for (long i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
	free(t->cur.p);
}

/* ---- styles: which cell formats are dates ---- */

struct styles {
	unsigned char *date;       /* per cellXfs entry */
	long n, cap;
	int in_xfs;
	int custom_id[256];        /* numFmts: id and whether it is a date */
	unsigned char custom_date[256];
	int ncustom;
};

/* A format code that shows a date or time: y, m, d, h or s outside quotes
 * and brackets ("yyyy\"年\"m\"月\"d\"日\"" is one; "0.00" and "@" are not). */
static int date_code(const char *code)
{
	int quoted = 0, bracket = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '[')
			bracket = 1;
		else if (!quoted && *p == ']')
			bracket = 0;
		else if (!quoted && !bracket && strchr("ymdhsYMDHS", *p))
			return 1;
	}
	return 0;
}

/* Built-in formats that are dates, in Chinese Excel and WPS too (27-36,
 * 50-58 are its 年月日 forms). */
static int date_builtin(int id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

static void styles_start(void *arg, const char *el, const char **atts)
{
	struct styles *st = arg;
	const char *name = local(el), *v;
	if (!strcmp(name, "numFmt") && st->ncustom < 256 && (v = attr(atts, "numFmtId"))) {
		const char *code = attr(atts, "formatCode");
		st->custom_id[st->ncustom] = atoi(v);
		st->custom_date[st->ncustom++] = code && date_code(code);
	} else if (!strcmp(name, "cellXfs")) {
		st->in_xfs = 1;
	} else if (!strcmp(name, "xf") && st->in_xfs) {
		if (st->n == st->cap) {
			long cap = st->cap ? 2 * st->cap : 64;
			unsigned char *d = realloc(st->date, (size_t)cap);
			if (!d)
				return;
			st->date = d;
			st->cap = cap;
		}
		int id = (v = attr(atts, "numFmtId")) ? atoi(v) : 0, date = date_builtin(id);
		for (int i = 0; i < st->ncustom; i++)
			if (st->custom_id[i] == id)
				date = st->custom_date[i];
		st->date[st->n++] = (unsigned char)date;
	}
}

static void styles_end(void *arg, const char *el)
{
	struct styles *st = arg;
	if (!strcmp(local(el), "cellXfs"))
		st->in_xfs = 0;
}

/* ---- the sheet, streamed ---- */

enum ctype { C_NUMBER, C_SHARED, C_INLINE, C_STRING, C_BOOL, C_ERROR };

struct sheet {
	XML_Parser parser;
	const struct sst *sst;
	const struct styles *styles;
	int date1904;
	struct sheetrows rows;
	/* the row being read */
	long row;                  /* its number, from 1 */
	char **cells;              /* column → its text (malloc'd), NULL if none */
	unsigned char *rounded;
	int ncols;                 /* columns used in this row */
	/* the cell being read */
	int col;
	enum ctype type;
	int is_date;
	int in_value;              /* inside <v>, or <t> of an inline string */
	struct buf value;
	int stop, oom;
};

/* "BC12" → 54 (from 0); -1 if not a reference */
static int column_of(const char *ref)
{
	int c = 0, letters = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++)
		c = c * 26 + (*ref - 'A' + 1);
	return letters && letters <= 3 ? c - 1 : -1;
}

/* Days since 1899-12-30 (Excel's 1900 system; its fictitious 29 February
 * 1900 lies before any date of ours) or since 1904-01-01, as YYYY-MM-DD. */
static void serial_date(double serial, int date1904, char *out)
{
	jday base = date1904 ? date_from_ymd(1904, 1, 1) : date_from_ymd(1899, 12, 30);
	date_fmt(base + (jday)floor(serial), out);
}

/* The text of a number cell, and 1 if it is too long to be exact. */
static int number_text(const struct sheet *sh, const char *v, char *out, size_t n)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end) {
		snprintf(out, n, "%s", v);
		return 0;
	}
	if (sh->is_date && x >= 1 && x < 2958466 && n >= 11) {
		serial_date(x, sh->date1904, out);
		return 0;
	}
	if (x == floor(x) && fabs(x) < 1e15) {
		snprintf(out, n, "%.0f", x);
		return 0;
	}
	snprintf(out, n, "%.15g", x);
	return x == floor(x) && fabs(x) >= 1e15;   /* Excel keeps 15 digits */
}

static int set_cell(struct sheet *sh, int col, const char *text, int rounded)
{
	if (col < 0 || col >= MAX_COLS)
		return 0;
	if (!(sh->cells[col] = strdup(text)))
		return sh->oom = 1, -1;
	sh->rounded[col] = (unsigned char)rounded;
	if (col >= sh->ncols)
		sh->ncols = col + 1;
	return 0;
}

static void end_cell(struct sheet *sh)
{
	const char *v = sh->value.p ? sh->value.p : "";
	char num[64];
	long k;
	switch (sh->type) {
	case C_SHARED:
		k = strtol(v, NULL, 10);
		set_cell(sh, sh->col, k >= 0 && k < sh->sst->n ? sh->sst->s[k] : "", 0);
		break;
	case C_BOOL:
		set_cell(sh, sh->col, !strcmp(v, "1") ? "TRUE" : "FALSE", 0);
		break;
	case C_NUMBER:
		if (*v) {
			int r = number_text(sh, v, num, sizeof num);
			set_cell(sh, sh->col, num, r);
		}
		break;
	default:
		set_cell(sh, sh->col, v, 0);
	}
}

static void clear_row(struct sheet *sh)
{
	for (int i = 0; i < sh->ncols; i++) {
		free(sh->cells[i]);
		sh->cells[i] = NULL;
		sh->rounded[i] = 0;
	}
	sh->ncols = 0;
}

static void end_row(struct sheet *sh)
{
	static char empty[] = "";
	int blank = 1;
	for (int i = 0; i < sh->ncols; i++) {
		if (!sh->cells[i])
			sh->cells[i] = strdup(empty);   /* a gap: an empty cell */
		if (!sh->cells[i]) {
			sh->oom = 1;
			break;
		}
		blank &= !*csvread_trim(sh->cells[i]);
	}
	if (!blank && !sh->oom && sheetrows_put(&sh->rows, sh->row, sh->ncols, sh->cells, NULL,
	                                        sh->rounded) != 0)
		sh->stop = 1;
	clear_row(sh);
	if (sh->stop || sh->oom)
		XML_StopParser(sh->parser, XML_FALSE);
}

static void sheet_start(void *arg, const char *el, const char **atts)
{
	struct sheet *sh = arg;
	const char *name = local(el), *v;
	if (!strcmp(name, "row")) {
		sh->row = (v = attr(atts, "r")) ? atol(v) : sh->row + 1;
		sh->col = -1;
	} else if (!strcmp(name, "c")) {
		sh->col = (v = attr(atts, "r")) ? column_of(v) : sh->col + 1;
		v = attr(atts, "t");
		sh->type = !v || !strcmp(v, "n") ? C_NUMBER : !strcmp(v, "s") ? C_SHARED
			: !strcmp(v, "inlineStr") ? C_INLINE : !strcmp(v, "b") ? C_BOOL
			: !strcmp(v, "e") ? C_ERROR : C_STRING;
		long s = (v = attr(atts, "s")) ? atol(v) : 0;
		sh->is_date = s >= 0 && s < sh->styles->n && sh->styles->date[s];
		sh->value.n = 0;
		if (sh->value.p)
			sh->value.p[0] = 0;
	} else if (!strcmp(name, "v") || (!strcmp(name, "t") && sh->type == C_INLINE)) {
		sh->in_value = 1;
	}
}

static void sheet_text(void *arg, const char *s, int len)
{
	struct sheet *sh = arg;
	if (sh->in_value && buf_add(&sh->value, s, (size_t)len) != 0)
		sh->oom = 1;
}

static void sheet_end(void *arg, const char *el)
{
	struct sheet *sh = arg;
	const char *name = local(el);
	if (!strcmp(name, "v") || !strcmp(name, "t"))
		sh->in_value = 0;
	else if (!strcmp(name, "c"))
		end_cell(sh);
	else if (!strcmp(name, "row"))
		end_row(sh);
}

/* ---- the file ---- */

static int read_parts(zip_t *z, struct sst *t, struct styles *st, struct book *b, struct jerr *e)
{
	if (find_sheet(z, b, e) != 0)
		return -1;
	XML_Parser p = XML_ParserCreate(NULL);
	if (!p)
		return jerr_set(e, "", "内存不足");
	XML_SetUserData(p, t);
	XML_SetElementHandler(p, sst_start, sst_end);
	XML_SetCharacterDataHandler(p, sst_text);
	int rc = parse_part(z, "xl/sharedStrings.xml", p, e);
	XML_ParserFree(p);
	if (rc < 0 || t->oom)
		return rc < 0 ? -1 : jerr_set(e, "", "内存不足");
	if (!(p = XML_ParserCreate(NULL)))
		return jerr_set(e, "", "内存不足");
	XML_SetUserData(p, st);
	XML_SetElementHandler(p, styles_start, styles_end);
	rc = parse_part(z, "xl/styles.xml", p, e);
	XML_ParserFree(p);
	return rc < 0 ? -1 : 0;
}

static int read_sheet(zip_t *z, struct sheet *sh, const char *part, struct jerr *e)
{
	if (!(sh->parser = XML_ParserCreate(NULL)))
		return jerr_set(e, "", "内存不足");
	XML_SetUserData(sh->parser, sh);
	XML_SetElementHandler(sh->parser, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(sh->parser, sheet_text);
	int rc = parse_part(z, part, sh->parser, e);
	XML_ParserFree(sh->parser);
	if (rc == 1)
		return jerr_set(e, "", "XLSX 文件中找不到第一张工作表（%s）", part);
	if (sh->oom)
		return jerr_set(e, "", "内存不足，工作表读到第%ld行时停止", sh->row);
	if (sh->stop)
		return -1;    /* a callback set e */
	return rc;
}

int xlsxread_file(const char *path, const struct csvread_opts *o, struct csvread_info *info,
                  struct jerr *e)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z)
		return jerr_set(e, "", "无法打开 XLSX 文件 %s（文件损坏，或不是 Excel 工作簿）", path);
	struct sst t = { 0 };
	struct styles st = { 0 };
	struct book b;
	struct sheet sh = { .sst = &t, .styles = &st };
	int rc = read_parts(z, &t, &st, &b, e);
	sh.date1904 = b.date1904;
	sh.cells = calloc(MAX_COLS, sizeof *sh.cells);
	sh.rounded = calloc(MAX_COLS, 1);
	if (rc == 0 && (!sh.cells || !sh.rounded))
		rc = jerr_set(e, "", "内存不足");
	sheetrows_init(&sh.rows, o, info);
	if (rc == 0)
		rc = read_sheet(z, &sh, b.target, e);
	if (rc == 0)
		rc = sheetrows_end(&sh.rows, e);
	info->lines = sh.row;
	if (sh.cells)
		clear_row(&sh);
	free(sh.cells);
	free(sh.rounded);
	free(sh.value.p);
	sst_free(&t);
	free(st.date);
	zip_discard(z);
	return rc;
}
