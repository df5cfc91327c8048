/* A small A4 document writer on cairo + pango (SPEC §8, NOTES.md "PDF"):
 * a document is a list of blocks (title, paragraphs, tables, bar charts,
 * ruled lines, a signature), laid out once onto recorded pages and then
 * replayed into the PDF with "第 N 页 共 M 页" on each page, so the page
 * count is known before anything is saved or sent.
 *
 * Text is never ellipsized.  A table cell wraps inside its column, except
 * cells that must stay whole (IDs, amounts, dates, numbers, and any short
 * ASCII token): their column is made wide enough, and if the font still
 * disagrees the cell is squeezed horizontally, never cut. */
#ifndef JIANCE_PDF_H
#define JIANCE_PDF_H

#include <stdio.h>

#include "base/err.h"

#define PDF_DEFAULT_FONT "Noto Sans CJK SC"

enum pdf_orient { PDF_AUTO, PDF_PORTRAIT, PDF_LANDSCAPE };
enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

enum pdf_style {
	PDF_TITLE,      /* 18 pt bold, centred */
	PDF_SUBTITLE,   /* 10.5 pt, centred: issuer, area, date under a title */
	PDF_HEADING,    /* 12 pt bold: 一、… */
	PDF_PARA,       /* 12 pt, justified, first line indented two characters */
	PDF_PLAIN,      /* 12 pt, left, no indent */
	PDF_NOTE,       /* 9 pt, left: remarks under a ledger */
	PDF_RIGHT_TEXT, /* 12 pt, right aligned */
	PDF_FORM        /* 10.5 pt, left: the lines of a form to fill in */
};

struct pdf_col {
	const char *header;
	enum pdf_align align;
	int keep;       /* 1: never wrapped nor cut (IDs, amounts, dates, numbers) */
	double weight;  /* share of spare width among wrapping columns; 0 means 1 */
};

/* table flags */
enum {
	PDF_T_HEADER = 1,   /* a header row, repeated at the top of every page */
	PDF_T_LABELS = 2    /* columns 0, 2, 4 … are labels (shaded): forms */
};

struct pdf_doc;

/* font: a fontconfig family ("" or NULL: PDF_DEFAULT_FONT).  Returns NULL
 * only when out of memory. */
struct pdf_doc *pdf_new(const char *font, enum pdf_orient orient);
void pdf_free(struct pdf_doc *d);
/* The PDF's Title metadata. */
void pdf_set_meta(struct pdf_doc *d, const char *title, const char *author);
/* Footer page numbers restart at every section (one notice per village). */
void pdf_section(struct pdf_doc *d);
void pdf_page_break(struct pdf_doc *d);

void pdf_text(struct pdf_doc *d, enum pdf_style style, const char *text);
void pdf_space(struct pdf_doc *d, double mm);
/* Starts a new page unless mm millimetres are left: what follows stays
 * together (a form's part to fill in). */
void pdf_keep(struct pdf_doc *d, double mm);
/* Table: begin, rows (ncols values each, copied), end.  size in points. */
void pdf_table_begin(struct pdf_doc *d, int ncols, const struct pdf_col *cols, double size,
                     int flags);
void pdf_table_row(struct pdf_doc *d, const char *const *values);
void pdf_table_end(struct pdf_doc *d);
/* Grouped vertical bar chart: n categories, nseries values each
 * (values[i * nseries + k]), one legend name per series. */
void pdf_chart(struct pdf_doc *d, const char *title, int n, const char *const *labels,
               int nseries, const char *const *names, const double *values);
/* n ruled blank lines under a bold label, for handwriting. */
void pdf_lines(struct pdf_doc *d, const char *label, int n);
/* Issuer and date at the right, kept together with room above them for
 * a seal. */
void pdf_signature(struct pdf_doc *d, const char *issuer, const char *date);

/* Lays the document out (once; later calls return the cached count).
 * Returns the number of pages, -1 with e set. */
int pdf_layout(struct pdf_doc *d, struct jerr *e);
int pdf_landscape(const struct pdf_doc *d);
/* Lays out if needed and writes the PDF; 0 ok, -1 with e set. */
int pdf_write(struct pdf_doc *d, FILE *out, struct jerr *e);
/* The same into a file (replaced if it exists, never through a link;
 * written whole under a temporary name, or not at all: base/outfile.h). */
int pdf_save(struct pdf_doc *d, const char *path, struct jerr *e);
/* 1 when fontconfig has the family itself (not a substitute); file gets
 * the file it would use (may be NULL).  For jiance doctor. */
int pdf_font_installed(const char *family, char *file, size_t n);
/* Lets the default font map go at exit.  cairo's static caches stay:
 * resetting them raced with pango's worker thread (pdf.c). */
void pdf_shutdown(void);

#endif
