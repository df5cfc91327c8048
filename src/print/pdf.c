#include "print/pdf_impl.h"

#include <cairo-pdf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/outfile.h"

/* ---- arena: every string and table cell of a document lives here, freed at once ---- */

struct pdf_chunk {
	struct pdf_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

void *pdf_alloc(struct pdf_doc *d, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	struct pdf_chunk *c = d->arena;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		c = malloc(sizeof *c + cap);
		if (!c) {
			d->oom = 1;
			return NULL;
		}
		c->next = d->arena;
		c->used = 0;
		c->cap = cap;
		d->arena = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

const char *pdf_strdup(struct pdf_doc *d, const char *s)
{
	if (!s || !*s)
		return "";
	size_t n = strlen(s) + 1;
	char *p = pdf_alloc(d, n);
	if (p)
		memcpy(p, s, n);
	return p ? p : "";
}

/* ---- fonts and layouts ---- */

static PangoFontDescription *font_desc(const struct pdf_doc *d, double size, int bold)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, d->font);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE + 0.5));
	return fd;
}

PangoLayout *pdf_new_layout(struct pdf_doc *d, double size, int bold)
{
	PangoLayout *l = pango_layout_new(d->pc);
	PangoFontDescription *fd = font_desc(d, size, bold);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
	return l;
}

PangoLayout *pdf_scratch(struct pdf_doc *d, double size, int bold)
{
	PangoFontDescription *fd = font_desc(d, size, bold);
	pango_layout_set_font_description(d->lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(d->lay, -1);
	pango_layout_set_indent(d->lay, 0);
	pango_layout_set_justify(d->lay, FALSE);
	pango_layout_set_alignment(d->lay, PANGO_ALIGN_LEFT);
	pango_layout_set_spacing(d->lay, 0);
	return d->lay;
}

void pdf_extent(PangoLayout *l, double *w, double *h)
{
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	if (w)
		*w = pango_units_to_double(r.width);
	if (h)
		*h = pango_units_to_double(r.height);
}

/* A context of its own at 72 dpi, so one unit is one point, with hinting
 * off so measured widths are the widths printed; zh-cn picks Simplified
 * Chinese glyph forms (NOTES.md). */
static int make_context(struct pdf_doc *d)
{
	d->pc = pango_font_map_create_context(d->map);
	if (!d->pc)
		return -1;
	pango_cairo_context_set_resolution(d->pc, 72.0);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d->pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(d->pc, pango_language_from_string("zh-cn"));
	d->lay = pango_layout_new(d->pc);
	return d->lay ? 0 : -1;
}

/* Every character the document will draw: the blocks, and what the
 * drawing adds (page numbers, chart axes, the empty-chart note). */
static void add_chars(hb_set_t *set, const char *s)
{
	for (const char *p = s; p && *p;) {
		gunichar c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		hb_set_add(set, c);
		p = g_utf8_next_char(p);
	}
}

static void block_chars(hb_set_t *set, const struct pdf_block *b)
{
	add_chars(set, b->a);
	add_chars(set, b->b);
	if (b->t) {
		for (int c = 0; c < b->t->ncols; c++)
			add_chars(set, b->t->cols[c].header);
		for (size_t i = 0; i < (size_t)b->t->nrows * (size_t)b->t->ncols; i++)
			add_chars(set, b->t->cells[i]);
	}
	if (b->c) {
		add_chars(set, b->c->title);
		for (int i = 0; i < b->c->n; i++)
			add_chars(set, b->c->labels[i]);
		for (int k = 0; k < b->c->ns; k++)
			add_chars(set, b->c->names[k]);
	}
}

static int open_fonts(struct pdf_doc *d)
{
	hb_set_t *set = hb_set_create();
	hb_set_add_range(set, 0x20, 0x7e);
	add_chars(set, "第页共（期间内无记录）");
	for (int i = 0; i < d->nblocks; i++)
		block_chars(set, &d->blocks[i]);
	d->map = pdf_font_map(d, set);
	hb_set_destroy(set);
	if (!d->map)
		d->map = g_object_ref(pango_cairo_font_map_get_default());
	return make_context(d);
}

/* ---- the document and its blocks ---- */

struct pdf_doc *pdf_new(const char *font, enum pdf_orient orient)
{
	struct pdf_doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	snprintf(d->font, sizeof d->font, "%s", font && *font ? font : PDF_DEFAULT_FONT);
	d->orient = orient;
	return d;
}

static void drop_pages(struct pdf_doc *d)
{
	if (d->cr)
		cairo_destroy(d->cr);
	d->cr = NULL;
	for (int i = 0; i < d->npages; i++)
		cairo_surface_destroy(d->pages[i]);
	free(d->pages);
	free(d->section);
	d->pages = NULL;
	d->section = NULL;
	d->npages = d->pcap = 0;
}

void pdf_free(struct pdf_doc *d)
{
	if (!d)
		return;
	drop_pages(d);
	free(d->blocks);
	while (d->arena) {
		struct pdf_chunk *n = d->arena->next;
		free(d->arena);
		d->arena = n;
	}
	if (d->lay)
		g_object_unref(d->lay);
	if (d->pc)
		g_object_unref(d->pc);
	if (d->map)
		g_object_unref(d->map);
	pdf_font_files_remove(d);
	free(d);
}

void pdf_set_meta(struct pdf_doc *d, const char *title, const char *author)
{
	snprintf(d->meta_title, sizeof d->meta_title, "%s", title ? title : "");
	snprintf(d->meta_author, sizeof d->meta_author, "%s", author ? author : "");
}

static struct pdf_block *add_block(struct pdf_doc *d, enum pdf_blk kind)
{
	if (d->nblocks == d->bcap) {
		int cap = d->bcap ? d->bcap * 2 : 32;
		struct pdf_block *b = realloc(d->blocks, (size_t)cap * sizeof *b);
		if (!b) {
			d->oom = 1;
			return NULL;
		}
		d->blocks = b;
		d->bcap = cap;
	}
	struct pdf_block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

void pdf_section(struct pdf_doc *d) { add_block(d, B_SECTION); }
void pdf_page_break(struct pdf_doc *d) { add_block(d, B_BREAK); }

void pdf_text(struct pdf_doc *d, enum pdf_style style, const char *text)
{
	struct pdf_block *b = add_block(d, B_TEXT);
	if (b) {
		b->style = style;
		b->a = pdf_strdup(d, text);
	}
}

void pdf_space(struct pdf_doc *d, double mm)
{
	struct pdf_block *b = add_block(d, B_SPACE);
	if (b)
		b->mm = mm;
}

void pdf_keep(struct pdf_doc *d, double mm)
{
	struct pdf_block *b = add_block(d, B_KEEP);
	if (b)
		b->mm = mm;
}

void pdf_lines(struct pdf_doc *d, const char *label, int n)
{
	struct pdf_block *b = add_block(d, B_LINES);
	if (b) {
		b->a = pdf_strdup(d, label);
		b->n = n;
	}
}

void pdf_signature(struct pdf_doc *d, const char *issuer, const char *date)
{
	struct pdf_block *b = add_block(d, B_SIGN);
	if (b) {
		b->a = pdf_strdup(d, issuer);
		b->b = pdf_strdup(d, date);
	}
}

void pdf_table_begin(struct pdf_doc *d, int ncols, const struct pdf_col *cols, double size,
                     int flags)
{
	struct pdf_table *t = pdf_alloc(d, sizeof *t);
	struct pdf_block *b = add_block(d, B_TABLE);
	if (!t || !b || ncols <= 0) {
		d->open = NULL;
		return;
	}
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->flags = flags;
	t->size = size;
	t->cols = pdf_alloc(d, (size_t)ncols * sizeof *t->cols);
	t->minw = pdf_alloc(d, (size_t)ncols * 3 * sizeof(double));
	if (!t->cols || !t->minw) {
		d->open = NULL;
		return;
	}
	t->natw = t->minw + ncols;
	t->w = t->natw + ncols;
	for (int i = 0; i < ncols; i++) {
		t->cols[i] = cols[i];
		t->cols[i].header = pdf_strdup(d, cols[i].header);
	}
	b->t = t;
	d->open = t;
}

/* Rows are a growing array of cell pointers in the arena; the copies left
 * behind when it doubles add at most its final size again. */
void pdf_table_row(struct pdf_doc *d, const char *const *values)
{
	struct pdf_table *t = d->open;
	if (!t)
		return;
	if (t->nrows == t->cap) {
		int cap = t->cap ? t->cap * 2 : 64;
		const char **c = pdf_alloc(d, (size_t)cap * (size_t)t->ncols * sizeof *c);
		if (!c)
			return;
		if (t->nrows)
			memcpy(c, t->cells, (size_t)t->nrows * (size_t)t->ncols * sizeof *c);
		t->cells = c;
		t->cap = cap;
	}
	for (int i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = pdf_strdup(d, values[i]);
	t->nrows++;
}

void pdf_table_end(struct pdf_doc *d) { d->open = NULL; }

void pdf_chart(struct pdf_doc *d, const char *title, int n, const char *const *labels,
               int nseries, const char *const *names, const double *values)
{
	struct pdf_chart_data *c = pdf_alloc(d, sizeof *c);
	struct pdf_block *b = add_block(d, B_CHART);
	if (!c || !b)
		return;
	c->title = pdf_strdup(d, title);
	c->n = n > 0 ? n : 0;
	c->ns = nseries > 0 ? nseries : 1;
	c->labels = pdf_alloc(d, (size_t)(c->n + 1) * sizeof *c->labels);
	c->names = pdf_alloc(d, (size_t)c->ns * sizeof *c->names);
	c->values = pdf_alloc(d, (size_t)(c->n * c->ns + 1) * sizeof *c->values);
	if (!c->labels || !c->names || !c->values)
		return;
	for (int i = 0; i < c->n; i++)
		c->labels[i] = pdf_strdup(d, labels[i]);
	for (int k = 0; k < c->ns; k++)
		c->names[k] = pdf_strdup(d, names ? names[k] : "");
	memcpy(c->values, values, (size_t)(c->n * c->ns) * sizeof *c->values);
	b->c = c;
}

/* ---- pages ---- */

double pdf_content_width(const struct pdf_doc *d) { return d->right - d->left; }

static void set_geometry(struct pdf_doc *d, int landscape)
{
	d->landscape = landscape;
	d->pw = landscape ? 841.89 : 595.276;
	d->ph = landscape ? 595.276 : 841.89;
	d->left = MM(landscape ? 12 : 20);
	d->right = d->pw - d->left;
	d->top = MM(landscape ? 12 : 18);
	d->bottom = d->ph - MM(15);
}

void pdf_new_page(struct pdf_doc *d)
{
	if (d->npages == d->pcap) {
		int cap = d->pcap ? d->pcap * 2 : 16;
		cairo_surface_t **p = realloc(d->pages, (size_t)cap * sizeof *p);
		int *s = p ? realloc(d->section, (size_t)cap * sizeof *s) : NULL;
		if (p)
			d->pages = p;
		if (!s) {
			d->oom = 1;
			return;
		}
		d->section = s;
		d->pcap = cap;
	}
	if (d->cr)
		cairo_destroy(d->cr);
	cairo_rectangle_t ext = { 0, 0, d->pw, d->ph };
	cairo_surface_t *page = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	d->pages[d->npages] = page;
	d->section[d->npages] = d->cur_section;
	d->npages++;
	d->cr = cairo_create(page);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	d->y = d->top;
}

void pdf_need(struct pdf_doc *d, double h)
{
	if (!d->cr || (d->y + h > d->bottom && d->y > d->top + 0.5))
		pdf_new_page(d);
}

/* ---- text ---- */

struct style_def { double size; int bold; enum pdf_align align; int indent, justify; double before, after; };

static const struct style_def STYLES[] = {
	[PDF_TITLE] = { 18, 1, PDF_CENTER, 0, 0, 0, 4 },
	[PDF_SUBTITLE] = { 10.5, 0, PDF_CENTER, 0, 0, 0, 3 },
	[PDF_HEADING] = { 12, 1, PDF_LEFT, 0, 0, 2, 1.5 },
	[PDF_PARA] = { 12, 0, PDF_LEFT, 1, 1, 0, 2 },
	[PDF_PLAIN] = { 12, 0, PDF_LEFT, 0, 0, 0, 1.5 },
	[PDF_NOTE] = { 9, 0, PDF_LEFT, 0, 0, 1, 1 },
	[PDF_RIGHT_TEXT] = { 12, 0, PDF_RIGHT, 0, 0, 0, 1.5 },
	[PDF_FORM] = { 10.5, 0, PDF_LEFT, 0, 0, 0.5, 1 },
};

static PangoAlignment pango_align(enum pdf_align a)
{
	return a == PDF_CENTER ? PANGO_ALIGN_CENTER : a == PDF_RIGHT ? PANGO_ALIGN_RIGHT
	                                                             : PANGO_ALIGN_LEFT;
}

/* Line by line, so a long paragraph continues on the next page. */
static void draw_text(struct pdf_doc *d, enum pdf_style style, const char *text)
{
	const struct style_def *st = &STYLES[style];
	PangoLayout *l = pdf_scratch(d, st->size, st->bold);
	pango_layout_set_width(l, (int)(pdf_content_width(d) * PANGO_SCALE));
	pango_layout_set_alignment(l, pango_align(st->align));
	pango_layout_set_justify(l, st->justify);
	if (st->indent)
		pango_layout_set_indent(l, (int)(2 * st->size * PANGO_SCALE));
	if (style != PDF_TITLE && style != PDF_SUBTITLE && style != PDF_NOTE)
		pango_layout_set_spacing(l, (int)(st->size * 0.45 * PANGO_SCALE));
	pango_layout_set_text(l, text, -1);
	/* a heading keeps some of what follows on its page */
	pdf_need(d, MM(st->before) + st->size * 1.6 + (style == PDF_HEADING ? MM(25) : 0));
	if (d->y > d->top + 0.5)
		d->y += MM(st->before);
	cairo_set_source_rgb(d->cr, 0, 0, 0);   /* not the grey of ruled lines before */
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double shift = 0;   /* layout y that sits at the top of the current page part */
	double base_y = d->y;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double ly = pango_units_to_double(r.y), lh = pango_units_to_double(r.height);
		if (base_y + ly - shift + lh > d->bottom) {
			pdf_new_page(d);
			cairo_set_source_rgb(d->cr, 0, 0, 0);
			shift = ly;
			base_y = d->y;
		}
		double baseline = pango_units_to_double(pango_layout_iter_get_baseline(it));
		cairo_move_to(d->cr, d->left + pango_units_to_double(r.x), base_y + baseline - shift);
		pango_cairo_show_layout_line(d->cr, pango_layout_iter_get_line_readonly(it));
		d->y = base_y + ly - shift + lh;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	d->y += MM(st->after);
}

/* ---- layout and output ---- */

static int choose_landscape(struct pdf_doc *d)
{
	if (d->orient != PDF_AUTO)
		return d->orient == PDF_LANDSCAPE;
	set_geometry(d, 0);
	double portrait = pdf_content_width(d);
	for (int i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == B_TABLE && d->blocks[i].t &&
		    pdf_table_natural(d->blocks[i].t) > portrait + 0.5)
			return 1;
	return 0;
}

static void draw_block(struct pdf_doc *d, const struct pdf_block *b)
{
	switch (b->kind) {
	case B_TEXT:
		draw_text(d, b->style, b->a);
		break;
	case B_SPACE:
		pdf_need(d, MM(b->mm));
		if (d->y > d->top + 0.5)
			d->y += MM(b->mm);
		break;
	case B_KEEP:
		pdf_need(d, MM(b->mm));
		break;
	case B_TABLE:
		if (b->t)
			pdf_table_draw(d, b->t);
		break;
	case B_CHART:
		if (b->c)
			pdf_chart_draw(d, b->c);
		break;
	case B_LINES:
		pdf_lines_draw(d, b->a, b->n);
		break;
	case B_SIGN:
		pdf_signature_draw(d, b->a, b->b);
		break;
	case B_SECTION:
		if (d->cr)
			d->cur_section++;
		/* fall through */
	case B_BREAK:
		if (d->cr && d->y > d->top + 0.5)
			pdf_new_page(d);
		break;
	}
}

int pdf_layout(struct pdf_doc *d, struct jerr *e)
{
	if (d->laid_out)
		return d->npages;
	if (d->oom)
		return jerr_set(e, "", "内存不足，无法生成文档");
	if (!d->pc && open_fonts(d) != 0)
		return jerr_set(e, "", "无法载入字体 %s", d->font);
	for (int i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == B_TABLE && d->blocks[i].t)
			pdf_table_measure(d, d->blocks[i].t);
	set_geometry(d, choose_landscape(d));
	for (int i = 0; i < d->nblocks && !d->oom; i++)
		draw_block(d, &d->blocks[i]);
	if (!d->cr)
		pdf_new_page(d);      /* an empty document still has one page */
	cairo_destroy(d->cr);
	d->cr = NULL;
	if (d->oom) {
		drop_pages(d);
		return jerr_set(e, "", "内存不足，无法生成文档");
	}
	d->laid_out = 1;
	return d->npages;
}

int pdf_landscape(const struct pdf_doc *d) { return d->landscape; }

static void footer(struct pdf_doc *d, cairo_t *cr, int page)
{
	int first = page, last = page;
	while (first > 0 && d->section[first - 1] == d->section[page])
		first--;
	while (last + 1 < d->npages && d->section[last + 1] == d->section[page])
		last++;
	char text[64];
	snprintf(text, sizeof text, "第 %d 页 共 %d 页", page - first + 1, last - first + 1);
	PangoLayout *l = pdf_scratch(d, 9, 0);
	pango_layout_set_text(l, text, -1);
	double w, h;
	pdf_extent(l, &w, &h);
	cairo_move_to(cr, (d->pw - w) / 2, d->ph - MM(8) - h);
	pango_cairo_show_layout(cr, l);
}

static cairo_status_t to_file(void *closure, const unsigned char *data, unsigned int n)
{
	return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void set_meta(const struct pdf_doc *d, cairo_surface_t *pdf)
{
	if (*d->meta_title)
		cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, d->meta_title);
	if (*d->meta_author)
		cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_AUTHOR, d->meta_author);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "jiance");
}

int pdf_write(struct pdf_doc *d, FILE *out, struct jerr *e)
{
	if (pdf_layout(d, e) < 0)
		return -1;
	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(to_file, out, d->pw, d->ph);
	if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(pdf);
		return jerr_set(e, "", "无法生成 PDF");
	}
	set_meta(d, pdf);
	cairo_t *cr = cairo_create(pdf);
	for (int i = 0; i < d->npages; i++) {
		cairo_set_source_surface(cr, d->pages[i], 0, 0);
		cairo_paint(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		footer(d, cr, i);
		cairo_show_page(cr);
	}
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(pdf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(pdf);
	cairo_surface_destroy(pdf);
	if (st == CAIRO_STATUS_SUCCESS && fflush(out) != 0)
		st = CAIRO_STATUS_WRITE_ERROR;
	if (st != CAIRO_STATUS_SUCCESS)
		return jerr_set(e, "", "写入 PDF 失败: %s", st == CAIRO_STATUS_WRITE_ERROR
		                ? "磁盘已满或文件不可写" : cairo_status_to_string(st));
	return 0;
}

int pdf_save(struct pdf_doc *d, const char *path, struct jerr *e)
{
	struct outfile o;
	if (outfile_open(&o, path, OUTFILE_REPLACE, e) != 0)
		return -1;
	if (pdf_write(d, o.f, e) != 0) {
		outfile_abort(&o);
		return -1;
	}
	return outfile_commit(&o, e);
}

/* Only the default font map is let go.  cairo_debug_reset_static_data()
 * is not called: it tore down cairo's font caches while a pango worker
 * thread could still be destroying a scaled font, and `jiance print`
 * aborted in _cairo_hash_table_destroy (exit 134, 3 to 12 runs in 20).
 * What it would free is cairo's to keep until exit; the sanitizer runs
 * are told so below. */
void pdf_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
}

/* cairo 1.16's PDF surface leaks 768 bytes per embedded font when it is
 * finished (reproduced with nothing but cairo and pango), and fontconfig
 * keeps its caches to the end; LeakSanitizer runs (make test-san) are told
 * so here.  Weak: a program with its own suppression list keeps it. */
__attribute__((weak)) const char *__lsan_default_suppressions(void);
__attribute__((weak)) const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\nleak:libfontconfig.so\n";
}
