/* Bar charts, ruled lines for handwriting and the issuer's signature block. */
#include "print/pdf_impl.h"

#include <math.h>
#include <stdio.h>

/* Two series that stay apart when printed in black and white: a dark
 * blue and a light orange differ in grey level as well as in hue. */
static const double SERIES[][3] = { { 0.18, 0.36, 0.62 }, { 0.96, 0.66, 0.28 },
                                    { 0.45, 0.62, 0.35 }, { 0.55, 0.55, 0.55 } };

static double nice_step(double max)
{
	if (max <= 0)
		return 1;
	double raw = max / 5, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
	return step < 1 ? 1 : step;   /* counts are whole numbers */
}

static void show_at(cairo_t *cr, PangoLayout *l, const char *text, double x, double y,
                    enum pdf_align a)
{
	double w, h;
	pango_layout_set_text(l, text, -1);
	pdf_extent(l, &w, &h);
	double dx = a == PDF_CENTER ? -w / 2 : a == PDF_RIGHT ? -w : 0;
	cairo_move_to(cr, x + dx, y);
	pango_cairo_show_layout(cr, l);
}

struct plot { double x, y, w, h, ymax, step; };

static void legend(struct pdf_doc *d, const struct pdf_chart_data *c, double y)
{
	PangoLayout *l = pdf_scratch(d, 9, 0);
	double x = d->right;
	for (int k = c->ns - 1; k >= 0; k--) {
		double w;
		pango_layout_set_text(l, c->names[k], -1);
		pdf_extent(l, &w, NULL);
		x -= w;
		cairo_set_source_rgb(d->cr, 0, 0, 0);
		cairo_move_to(d->cr, x, y);
		pango_cairo_show_layout(d->cr, l);
		x -= MM(4.5);
		cairo_set_source_rgb(d->cr, SERIES[k % 4][0], SERIES[k % 4][1], SERIES[k % 4][2]);
		cairo_rectangle(d->cr, x, y + 2, MM(3.5), MM(3));
		cairo_fill(d->cr);
		x -= MM(5);
	}
}

static void axes(struct pdf_doc *d, const struct plot *p)
{
	PangoLayout *l = pdf_scratch(d, 8, 0);
	cairo_t *cr = d->cr;
	cairo_set_line_width(cr, 0.4);
	for (double v = 0; v <= p->ymax + 0.001; v += p->step) {
		double y = p->y + p->h - v / p->ymax * p->h;
		cairo_set_source_rgb(cr, v > 0 ? 0.82 : 0, v > 0 ? 0.82 : 0, v > 0 ? 0.82 : 0);
		cairo_move_to(cr, p->x, y);
		cairo_line_to(cr, p->x + p->w, y);
		cairo_stroke(cr);
		char buf[32];
		snprintf(buf, sizeof buf, "%.0f", v);
		cairo_set_source_rgb(cr, 0, 0, 0);
		show_at(cr, l, buf, p->x - 3, y - 5.5, PDF_RIGHT);
	}
}

static void bars(struct pdf_doc *d, const struct pdf_chart_data *c, const struct plot *p)
{
	PangoLayout *l = pdf_scratch(d, 7.5, 0);
	double gw = p->w / c->n, bw = gw * 0.72 / c->ns;
	for (int i = 0; i < c->n; i++)
		for (int k = 0; k < c->ns; k++) {
			double v = c->values[i * c->ns + k];
			double bh = v / p->ymax * p->h;
			double x = p->x + i * gw + gw * 0.14 + k * bw;
			cairo_set_source_rgb(d->cr, SERIES[k % 4][0], SERIES[k % 4][1], SERIES[k % 4][2]);
			cairo_rectangle(d->cr, x, p->y + p->h - bh, bw * 0.92, bh);
			cairo_fill(d->cr);
			if (v <= 0)
				continue;
			char buf[32];
			snprintf(buf, sizeof buf, "%.0f", v);
			cairo_set_source_rgb(d->cr, 0, 0, 0);
			show_at(d->cr, l, buf, x + bw * 0.46, p->y + p->h - bh - 10.5, PDF_CENTER);
		}
}

/* Category labels, thinned out when they would collide. */
static void x_labels(struct pdf_doc *d, const struct pdf_chart_data *c, const struct plot *p)
{
	PangoLayout *l = pdf_scratch(d, 8, 0);
	double gw = p->w / c->n, widest = 0;
	for (int i = 0; i < c->n; i++) {
		double w;
		pango_layout_set_text(l, c->labels[i], -1);
		pdf_extent(l, &w, NULL);
		widest = w > widest ? w : widest;
	}
	int every = (int)ceil((widest + 4) / gw);
	every = every < 1 ? 1 : every;
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	for (int i = 0; i < c->n; i += every)
		show_at(d->cr, l, c->labels[i], p->x + (i + 0.5) * gw, p->y + p->h + 3, PDF_CENTER);
}

void pdf_chart_draw(struct pdf_doc *d, const struct pdf_chart_data *c)
{
	double height = MM(78);
	pdf_need(d, height);
	double top = d->y;
	PangoLayout *l = pdf_scratch(d, 11, 1);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	show_at(d->cr, l, c->title, (d->left + d->right) / 2, top, PDF_CENTER);
	legend(d, c, top + 18);
	double max = 0;
	for (int i = 0; i < c->n * c->ns; i++)
		max = c->values[i] > max ? c->values[i] : max;
	struct plot p = { d->left + MM(12), top + 36, pdf_content_width(d) - MM(14), 0, 0, 0 };
	p.h = height - 36 - MM(10);
	p.step = nice_step(max);
	p.ymax = max > 0 ? ceil(max / p.step) * p.step : p.step;
	axes(d, &p);
	if (c->n > 0) {
		bars(d, c, &p);
		x_labels(d, c, &p);
	}
	if (max <= 0)
		show_at(d->cr, pdf_scratch(d, 10, 0), "（期间内无记录）", p.x + p.w / 2,
		        p.y + p.h / 2 - 8, PDF_CENTER);
	d->y = top + height;
}

void pdf_lines_draw(struct pdf_doc *d, const char *label, int n)
{
	PangoLayout *l = pdf_scratch(d, 11, 1);
	double gap = MM(7.5);
	/* a label alone (n == 0) heads text that follows: keep room for it */
	pdf_need(d, 20 + (n ? gap * (n < 2 ? n : 2) : 30));
	if (*label) {
		cairo_set_source_rgb(d->cr, 0, 0, 0);
		show_at(d->cr, l, label, d->left, d->y + 2, PDF_LEFT);
		d->y += 16;
	}
	for (int i = 0; i < n; i++) {
		pdf_need(d, gap);
		d->y += gap;
		cairo_set_source_rgb(d->cr, 0.45, 0.45, 0.45);
		cairo_set_line_width(d->cr, 0.4);
		cairo_move_to(d->cr, d->left, d->y);
		cairo_line_to(d->cr, d->right, d->y);
		cairo_stroke(d->cr);
	}
	d->y += n ? MM(3) : 0;
}

/* The seal is stamped over the issuer and the date, so both sit centred
 * in a box at the right with blank room above and around them. */
void pdf_signature_draw(struct pdf_doc *d, const char *issuer, const char *date)
{
	pdf_need(d, MM(48));
	PangoLayout *l = pdf_scratch(d, 12, 0);
	double w1, w2;
	pango_layout_set_text(l, issuer, -1);
	pdf_extent(l, &w1, NULL);
	pango_layout_set_text(l, date, -1);
	pdf_extent(l, &w2, NULL);
	double half = (w1 > w2 ? w1 : w2) / 2, cx = d->right - MM(38);
	if (cx + half > d->right)
		cx = d->right - half;
	d->y += MM(16);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	show_at(d->cr, l, issuer, cx, d->y, PDF_CENTER);
	d->y += 12 * 1.9;
	show_at(d->cr, l, date, cx, d->y, PDF_CENTER);
	d->y += 12 * 1.9 + MM(14);
}
