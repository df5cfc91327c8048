/* Internals shared by pdf.c (document, text, pages), pdf_table.c and
 * pdf_chart.c.  Not for use outside the pdf module. */
#ifndef JIANCE_PDF_IMPL_H
#define JIANCE_PDF_IMPL_H

#include <cairo.h>
#include <hb.h>
#include <pango/pangocairo.h>

#include "print/pdf.h"

#define MM(x) ((x) * 72.0 / 25.4)
#define PDF_MAX_FONTS 8

struct pdf_chunk;

struct pdf_table {
	int ncols, flags;
	double size;              /* font size in points, after any shrinking */
	struct pdf_col *cols;     /* headers copied into the arena */
	const char **cells;       /* nrows * ncols, copied into the arena */
	int nrows, cap;
	double *minw, *natw, *w;  /* per column, in points at size */
	double x0;                /* left indent that centres a narrow table */
};

struct pdf_chart_data {
	const char *title;
	int n, ns;
	const char **labels, **names;
	double *values;
};

enum pdf_blk { B_TEXT, B_SPACE, B_KEEP, B_TABLE, B_CHART, B_LINES, B_SIGN, B_BREAK, B_SECTION };

struct pdf_block {
	enum pdf_blk kind;
	enum pdf_style style;
	const char *a, *b;
	double mm;
	int n;
	struct pdf_table *t;
	struct pdf_chart_data *c;
};

struct pdf_doc {
	char font[64];
	enum pdf_orient orient;
	char meta_title[256], meta_author[128];
	struct pdf_block *blocks;
	int nblocks, bcap;
	struct pdf_table *open;           /* the table being filled */
	struct pdf_chunk *arena;
	int oom;
	/* layout results and state */
	int laid_out, npages, pcap;
	cairo_surface_t **pages;
	int *section;                     /* section number of each page */
	int cur_section;
	int landscape;
	double pw, ph;                    /* page size, points */
	double left, right, top, bottom;  /* content box */
	double y;                         /* next free line on the current page */
	cairo_t *cr;                      /* the current page, NULL before the first */
	PangoFontMap *map;                /* the document's own fonts (pdf_font.c) */
	PangoContext *pc;
	PangoLayout *lay;
	int nfonts;
	char font_files[PDF_MAX_FONTS][128];
};

void *pdf_alloc(struct pdf_doc *d, size_t n);
const char *pdf_strdup(struct pdf_doc *d, const char *s);
/* A layout of the document's font at size points (bold or not); owned by
 * the caller (g_object_unref). */
PangoLayout *pdf_new_layout(struct pdf_doc *d, double size, int bold);
/* the shared scratch layout, set to size/bold */
PangoLayout *pdf_scratch(struct pdf_doc *d, double size, int bold);
/* logical width and height of a layout, points */
void pdf_extent(PangoLayout *l, double *w, double *h);
void pdf_new_page(struct pdf_doc *d);
/* Starts a new page unless h points still fit below y (or y is at top). */
void pdf_need(struct pdf_doc *d, double h);
double pdf_content_width(const struct pdf_doc *d);

/* pdf_font.c: a font map of the document's own cuts of the font, covering
 * chars; NULL if they cannot be made (the system fonts are used then). */
PangoFontMap *pdf_font_map(struct pdf_doc *d, const hb_set_t *chars);
void pdf_font_files_remove(struct pdf_doc *d);

/* pdf_table.c */
void pdf_table_measure(struct pdf_doc *d, struct pdf_table *t);
double pdf_table_natural(const struct pdf_table *t);
void pdf_table_draw(struct pdf_doc *d, struct pdf_table *t);
/* pdf_chart.c */
void pdf_chart_draw(struct pdf_doc *d, const struct pdf_chart_data *c);
void pdf_lines_draw(struct pdf_doc *d, const char *label, int n);
void pdf_signature_draw(struct pdf_doc *d, const char *issuer, const char *date);

#endif
