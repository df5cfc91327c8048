/* Tables: column widths from the content, wrapping inside cells, the header
 * row repeated on every page. */
#include "print/pdf_impl.h"

#include <string.h>

#define TOPK 3   /* candidates measured per column: the widest by estimate */

static double pad_x(const struct pdf_table *t) { return t->size * 0.35; }
static double pad_y(const struct pdf_table *t) { return t->size * 0.3; }

/* A short ASCII token (ID, number, date, code) is never broken, even in a
 * text column: a wrapped ID is as bad as a cut one.  (Input is UTF-8 from
 * the store; g_utf8_next_char below relies on that.) */
static int ascii_token(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if ((unsigned char)s[n] <= ' ' || (unsigned char)s[n] >= 0x7f)
			return 0;
	return n > 0 && n <= 40;
}

/* A short word (a name, 边缘易致贫户, 第三村民小组) reads badly broken, and
 * a broken name is no longer one name: up to 8 characters stay whole. */
static int short_word(const char *s)
{
	long n = 0;
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		if (*p == ' ' || *p == '\n' || ++n > 8)
			return 0;
	return n > 0;
}

static int unbreakable(const struct pdf_table *t, int col, const char *s)
{
	return t->cols[col].keep || ascii_token(s) || short_word(s);
}

/* Rough width in em: ASCII about half, everything else a full em.  Only
 * ranks candidates; the widest few are then measured exactly. */
static double est_em(const char *s)
{
	double w = 0, line = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n') {
			w = line > w ? line : w;
			line = 0;
		} else if (*p < 0x80) {
			line += 0.6;
		} else if ((*p & 0xC0) != 0x80) {
			line += 1.0;
		}
	}
	return line > w ? line : w;
}

struct topk { const char *s[TOPK]; double est[TOPK]; };

static void topk_add(struct topk *k, const char *s)
{
	double e = est_em(s);
	int at = TOPK;
	while (at > 0 && (!k->s[at - 1] || k->est[at - 1] < e))
		at--;
	if (at >= TOPK)
		return;
	for (int i = TOPK - 1; i > at; i--) {
		k->s[i] = k->s[i - 1];
		k->est[i] = k->est[i - 1];
	}
	k->s[at] = s;
	k->est[at] = e;
}

static double widest(PangoLayout *l, const struct topk *k)
{
	double best = 0;
	for (int i = 0; i < TOPK && k->s[i]; i++) {
		double w;
		pango_layout_set_text(l, k->s[i], -1);
		pdf_extent(l, &w, NULL);
		best = w > best ? w : best;
	}
	return best;
}

static void measure_col(struct pdf_table *t, int c, PangoLayout *body, PangoLayout *head)
{
	struct topk nat = { 0 }, unb = { 0 };
	for (int r = 0; r < t->nrows; r++) {
		const char *s = t->cells[r * t->ncols + c];
		topk_add(&nat, s);
		if (unbreakable(t, c, s))
			topk_add(&unb, s);
	}
	double hw = 0;
	if (t->flags & PDF_T_HEADER) {
		pango_layout_set_text(head, t->cols[c].header, -1);
		pdf_extent(head, &hw, NULL);
	}
	double n = widest(body, &nat), u = widest(body, &unb);
	double pad = 2 * pad_x(t);
	/* two characters at least, so a header like 序号 stays on one line */
	double floor = 2 * t->size;
	/* and half the header, so a long header splits into two even lines
	 * (返贫致贫/风险类型), not one line and a stray character */
	if (hw / 2 + t->size * 0.6 > floor)
		floor = hw / 2 + t->size * 0.6;
	t->minw[c] = (u > floor ? u : floor) + pad;
	t->natw[c] = (n > hw ? n : hw) + pad;
	if (t->natw[c] < t->minw[c])
		t->natw[c] = t->minw[c];
}

void pdf_table_measure(struct pdf_doc *d, struct pdf_table *t)
{
	PangoLayout *body = pdf_new_layout(d, t->size, 0);
	PangoLayout *head = pdf_new_layout(d, t->size, 1);
	for (int c = 0; c < t->ncols; c++)
		measure_col(t, c, body, head);
	g_object_unref(body);
	g_object_unref(head);
}

double pdf_table_natural(const struct pdf_table *t)
{
	double s = 0;
	for (int c = 0; c < t->ncols; c++)
		s += t->natw[c];
	return s;
}

/* Spare width goes to the columns that want more, by weight, each up to
 * its natural width (water filling); short columns end on one line. */
static void fill_spare(struct pdf_table *t, double spare)
{
	/* First whole columns, the cheapest first: a short label such as
	 * 第三村民小组 kept on one line costs little and reads much better. */
	for (;;) {
		int best = -1;
		for (int c = 0; c < t->ncols; c++) {
			double want = t->natw[c] - t->w[c];
			if (want > 0.01 && want <= spare && (best < 0 || want < t->natw[best] - t->w[best]))
				best = c;
		}
		if (best < 0)
			break;
		spare -= t->natw[best] - t->w[best];
		t->w[best] = t->natw[best];
	}
	for (int round = 0; round < 32 && spare > 0.5; round++) {
		double weights = 0;
		for (int c = 0; c < t->ncols; c++)
			if (t->natw[c] - t->w[c] > 0.01)
				weights += t->cols[c].weight > 0 ? t->cols[c].weight : 1;
		if (weights <= 0)
			break;
		double given = 0;
		for (int c = 0; c < t->ncols; c++) {
			double want = t->natw[c] - t->w[c];
			if (want <= 0.01)
				continue;
			double share = spare * (t->cols[c].weight > 0 ? t->cols[c].weight : 1) / weights;
			double g = share < want ? share : want;
			t->w[c] += g;
			given += g;
		}
		spare -= given;
	}
}

/* Width a column needs to show its widest cell in `lines` lines: a line
 * of slack, since breaks fall between characters, not anywhere. */
static double width_for_lines(const struct pdf_table *t, int c, int lines)
{
	double pad = 2 * pad_x(t), text = t->natw[c] - pad;
	double w = text / lines + t->size + pad;
	if (w > t->natw[c])
		w = t->natw[c];
	return w < t->minw[c] ? t->minw[c] : w;
}

static void distribute(struct pdf_table *t, double avail)
{
	double smin = 0, snat = pdf_table_natural(t);
	for (int c = 0; c < t->ncols; c++)
		smin += t->minw[c];
	t->x0 = 0;
	if (snat <= avail) {
		/* everything fits on one line: stretch towards the full width, but
		 * a small table is not pulled apart across a landscape page; it is
		 * centred instead */
		double k = avail / snat < 1.6 ? avail / snat : 1.6;
		for (int c = 0; c < t->ncols; c++)
			t->w[c] = t->natw[c] * k;
		t->x0 = (avail - snat * k) / 2;
		return;
	}
	if (smin > avail) {
		/* even the unbreakable minimum is too wide: a smaller font, never a cut */
		double k = avail / smin;
		t->size *= k;
		for (int c = 0; c < t->ncols; c++) {
			t->minw[c] *= k;
			t->natw[c] *= k;
			t->w[c] = t->minw[c];
		}
		return;
	}
	/* The fewest lines the tallest cell needs decide the row height, so
	 * find the smallest line count every column can meet, then share what
	 * is left. */
	for (int lines = 2; lines <= 24; lines++) {
		double sum = 0;
		for (int c = 0; c < t->ncols; c++)
			sum += t->w[c] = width_for_lines(t, c, lines);
		if (sum <= avail) {
			fill_spare(t, avail - sum);
			return;
		}
	}
	for (int c = 0; c < t->ncols; c++)
		t->w[c] = t->minw[c];
	fill_spare(t, avail - smin);
}

/* ---- drawing ---- */

/* Shaped cells of one column, most recent first out: a ledger repeats its
 * villages, types, statuses and contact persons on row after row, and
 * shaping is most of the cost of a cell. */
#define CACHED 32

struct cell_cache {
	const char *text[CACHED];   /* the arena's copy: lives as long as the table */
	PangoLayout *l[CACHED];
	double w[CACHED], h[CACHED];
	int next;
};

/* One row's cells: the layout of each (the header's own, the body's from
 * the column cache), and what each measured.  The header has a set of its
 * own, so a page break can draw it while a body row is pending. */
struct row_cells {
	PangoLayout **l;
	double *cw, *ch;
	int *whole;           /* drawn without wrapping */
	int header;
	struct cell_cache *cache;   /* body rows: one per column */
};

static PangoAlignment align_of(enum pdf_align a)
{
	return a == PDF_CENTER ? PANGO_ALIGN_CENTER : a == PDF_RIGHT ? PANGO_ALIGN_RIGHT
	                                                             : PANGO_ALIGN_LEFT;
}

static int row_cells_init(struct pdf_doc *d, const struct pdf_table *t, struct row_cells *rc,
                          int header)
{
	size_t n = (size_t)t->ncols;
	rc->header = header;
	rc->l = pdf_alloc(d, n * sizeof *rc->l);
	rc->cw = pdf_alloc(d, n * 2 * sizeof *rc->cw);
	rc->whole = pdf_alloc(d, n * sizeof *rc->whole);
	rc->cache = header ? NULL : pdf_alloc(d, n * sizeof *rc->cache);
	if (!rc->l || !rc->cw || !rc->whole || (!header && !rc->cache))
		return -1;
	memset(rc->l, 0, n * sizeof *rc->l);
	if (rc->cache)
		memset(rc->cache, 0, n * sizeof *rc->cache);
	rc->ch = rc->cw + n;
	for (int c = 0; header && c < t->ncols; c++) {
		rc->l[c] = pdf_new_layout(d, t->size, 1);
		pango_layout_set_alignment(rc->l[c], PANGO_ALIGN_CENTER);
	}
	return 0;
}

static void row_cells_free(const struct pdf_table *t, struct row_cells *rc)
{
	for (int c = 0; rc->header && rc->l && c < t->ncols; c++)
		if (rc->l[c])
			g_object_unref(rc->l[c]);
	for (int c = 0; rc->cache && c < t->ncols; c++)
		for (int k = 0; k < CACHED; k++)
			if (rc->cache[c].l[k])
				g_object_unref(rc->cache[c].l[k]);
}

/* A header that needs n lines gets 1/n of its width per line, so it breaks
 * evenly (返贫致贫/风险类型) rather than leaving one character on a line. */
static int header_width(const struct pdf_table *t, PangoLayout *l, const char *s, int inner)
{
	double w;
	pango_layout_set_width(l, -1);
	pango_layout_set_text(l, s, -1);
	pdf_extent(l, &w, NULL);
	double room = pango_units_to_double(inner);
	if (w <= room)
		return inner;
	int lines = (int)(w / room) + 1;
	double even = w / lines + t->size * 0.5;
	return even < room ? (int)(even * PANGO_SCALE) : inner;
}

/* The column's layout holding s, shaped now or found in the cache. */
static PangoLayout *cached(struct pdf_doc *d, const struct pdf_table *t, struct cell_cache *cc,
                           int c, const char *s, int width, double *w, double *h)
{
	for (int k = 0; k < CACHED && cc->text[k]; k++)
		if (cc->text[k] == s || !strcmp(cc->text[k], s)) {
			*w = cc->w[k];
			*h = cc->h[k];
			return cc->l[k];
		}
	int k = cc->next;
	cc->next = (k + 1) % CACHED;
	if (!cc->l[k]) {
		cc->l[k] = pdf_new_layout(d, t->size, 0);
		pango_layout_set_alignment(cc->l[k], align_of(t->cols[c].align));
	}
	if (pango_layout_get_width(cc->l[k]) != width)
		pango_layout_set_width(cc->l[k], width);
	pango_layout_set_text(cc->l[k], s, -1);
	pdf_extent(cc->l[k], &cc->w[k], &cc->h[k]);
	cc->text[k] = s;
	*w = cc->w[k];
	*h = cc->h[k];
	return cc->l[k];
}

/* Sets the cells' text and returns the row height they need.  Body cells
 * must be the table's own strings (the cache keeps their pointers). */
static double prepare_row(struct pdf_doc *d, const struct pdf_table *t, struct row_cells *rc,
                          const char *const *vals)
{
	double h = 0;
	for (int c = 0; c < t->ncols; c++) {
		int whole = !rc->header && unbreakable(t, c, vals[c]);
		int width = whole ? -1 : (int)((t->w[c] - 2 * pad_x(t)) * PANGO_SCALE);
		if (rc->header) {
			PangoLayout *l = rc->l[c];
			pango_layout_set_width(l, header_width(t, l, vals[c], width));
			pango_layout_set_text(l, vals[c], -1);
			pdf_extent(l, &rc->cw[c], &rc->ch[c]);
		} else {
			rc->l[c] = cached(d, t, &rc->cache[c], c, vals[c], width, &rc->cw[c], &rc->ch[c]);
		}
		rc->whole[c] = whole;
		double ch = rc->ch[c] + 2 * pad_y(t);
		h = ch > h ? ch : h;
	}
	return h;
}

static void shade(cairo_t *cr, double x, double y, double w, double h, double grey)
{
	cairo_set_source_rgb(cr, grey, grey, grey);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill(cr);
}

static void draw_cell(cairo_t *cr, const struct pdf_table *t, const struct row_cells *rc,
                      int c, double x, double y, double h)
{
	double inner = t->w[c] - 2 * pad_x(t);
	double ty = y + (h - rc->ch[c]) / 2;
	cairo_set_source_rgb(cr, 0, 0, 0);
	if (!rc->whole[c]) {
		/* a narrowed header layout is centred in its cell */
		double lw = pango_units_to_double(pango_layout_get_width(rc->l[c]));
		double off = rc->header && lw > 0 && lw < inner ? (inner - lw) / 2 : 0;
		cairo_move_to(cr, x + pad_x(t) + off, ty);
		pango_cairo_show_layout(cr, rc->l[c]);
		return;
	}
	double tw = rc->cw[c], k = tw > inner && tw > 0 ? inner / tw : 1;
	double off = t->cols[c].align == PDF_RIGHT ? inner - tw * k
	             : t->cols[c].align == PDF_CENTER ? (inner - tw * k) / 2 : 0;
	cairo_save(cr);
	cairo_translate(cr, x + pad_x(t) + off, ty);
	cairo_scale(cr, k, 1);   /* squeezed, never cut (only if the font disagrees) */
	cairo_move_to(cr, 0, 0);
	pango_cairo_show_layout(cr, rc->l[c]);
	cairo_restore(cr);
}

/* Draws the row prepare_row() has just set, at d->y. */
static void draw_row(struct pdf_doc *d, const struct pdf_table *t, const struct row_cells *rc,
                     double h)
{
	cairo_t *cr = d->cr;
	double left = d->left + t->x0, x = left;
	for (int c = 0; c < t->ncols; c++) {
		if (rc->header)
			shade(cr, x, d->y, t->w[c], h, 0.88);
		else if ((t->flags & PDF_T_LABELS) && c % 2 == 0)
			shade(cr, x, d->y, t->w[c], h, 0.93);
		draw_cell(cr, t, rc, c, x, d->y, h);
		x += t->w[c];
	}
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, left, d->y, x - left, h);
	x = left;
	for (int c = 0; c + 1 < t->ncols; c++) {
		x += t->w[c];
		cairo_move_to(cr, x, d->y);
		cairo_line_to(cr, x, d->y + h);
	}
	cairo_stroke(cr);
	d->y += h;
}

struct table_run {
	struct row_cells body, head;
	const char **hvals;
	double hh;            /* header row height */
};

static void header_row(struct pdf_doc *d, const struct pdf_table *t, struct table_run *tr)
{
	if (t->flags & PDF_T_HEADER) {
		prepare_row(d, t, &tr->head, tr->hvals);
		draw_row(d, t, &tr->head, tr->hh);
	}
}

static void body_rows(struct pdf_doc *d, const struct pdf_table *t, struct table_run *tr)
{
	for (int r = 0; r < t->nrows && !d->oom; r++) {
		double h = prepare_row(d, t, &tr->body, t->cells + (size_t)r * (size_t)t->ncols);
		if (d->y + h > d->bottom && d->y > d->top + tr->hh + 0.5) {
			pdf_new_page(d);
			header_row(d, t, tr);
		}
		draw_row(d, t, &tr->body, h);
	}
}

void pdf_table_draw(struct pdf_doc *d, struct pdf_table *t)
{
	struct table_run tr = { 0 };
	distribute(t, pdf_content_width(d));
	tr.hvals = pdf_alloc(d, (size_t)t->ncols * sizeof *tr.hvals);
	if (!tr.hvals || row_cells_init(d, t, &tr.body, 0) != 0 ||
	    row_cells_init(d, t, &tr.head, 1) != 0) {
		d->oom = 1;
		row_cells_free(t, &tr.body);
		row_cells_free(t, &tr.head);
		return;
	}
	for (int c = 0; c < t->ncols; c++)
		tr.hvals[c] = t->cols[c].header;
	if (t->flags & PDF_T_HEADER)
		tr.hh = prepare_row(d, t, &tr.head, tr.hvals);
	/* the header never sits alone at the foot of a page */
	double first = t->nrows ? prepare_row(d, t, &tr.body, t->cells) : 0;
	pdf_need(d, tr.hh + first);
	header_row(d, t, &tr);
	body_rows(d, t, &tr);
	d->y += MM(2);
	row_cells_free(t, &tr.body);
	row_cells_free(t, &tr.head);
}
