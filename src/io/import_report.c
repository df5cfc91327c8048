/* The import report: printed for `jiance import`, and the rejected rows
 * written back as a CSV the officer can fix and import again. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/outfile.h"
#include "io/import_impl.h"

/* Quoted only when it must be: the file is meant to be fixed by hand. */
static void put_cell(FILE *out, int first, const char *v)
{
	if (!first)
		fputc(',', out);
	size_t n = strlen(v);
	if (strcspn(v, ",\"\r\n") == n && (n == 0 || (v[0] != ' ' && v[n - 1] != ' ')))
		fputs(v, out);
	else
		csv_fwrite(out, v, n);
}

static void put_row(FILE *out, const struct import *im, long i)
{
	const struct row_priv *p = &im->priv[i];
	int n = p->ncells > im->nhead ? p->ncells : im->nhead;
	const char *c = p->cells;
	for (int k = 0; k < n; k++) {
		/* short rows are padded, so the reason stays in its own column */
		put_cell(out, k == 0, c && k < p->ncells ? c : "");
		if (c && k < p->ncells)
			c += strlen(c) + 1;
	}
	char why[448];
	snprintf(why, sizeof why, "第%ld行：%s", im->rows[i].line, im->rows[i].note);
	put_cell(out, n == 0, why);
	fputs("\r\n", out);
}

long import_write_rejected(const struct import *im, const char *path, struct jerr *e)
{
	/* it holds full ID numbers: the officer's own, 0600, never through a
	 * link planted at its name (base/outfile.h); a new import's replaces it */
	struct outfile o;
	if (outfile_open(&o, path, OUTFILE_REPLACE, e) != 0)
		return -1;
	FILE *out = o.f;
	fputs("\xEF\xBB\xBF", out);   /* BOM: Excel on Chinese Windows reads UTF-8 by it */
	for (int k = 0; k < im->nhead; k++)
		put_cell(out, k == 0, im->head[k]);
	put_cell(out, im->nhead == 0, "未导入原因");
	fputs("\r\n", out);
	long n = 0;
	for (long i = 0; i < im->nrows; i++)
		if (im->rows[i].verdict == IMPORT_REJECT) {
			put_row(out, im, i);
			n++;
		}
	return outfile_commit(&o, e) == 0 ? n : -1;
}

static void print_triage(const struct import *im, FILE *out)
{
	const struct import_counts *c = &im->c;
	if (im->k != &import_leads_kind)
		return;
	fprintf(out, "分诊：");
	for (int t = TRIAGE_MONITORED; t < TRIAGE_COUNT; t++)
		fprintf(out, "%s%s %ld", t > TRIAGE_MONITORED ? "，" : "", import_triage_label(t),
		        c->triage[t]);
	fputc('\n', out);
}

static void print_row(const struct import_row *r, FILE *out)
{
	const char *label = r->triage != TRIAGE_NONE ? import_triage_label(r->triage)
	                                             : import_verdict_label(r->verdict);
	fprintf(out, "  第%ld行  %s  %s  %s\n", r->line, label, r->who, r->note);
}

void import_print(const struct import *im, FILE *out, int all)
{
	const struct import_counts *c = &im->c;
	fprintf(out, "编码 %s，映射“%s”。共 %ld 行：通过检查 %ld 行（新增 %ld，合并 %ld，已有未变 %ld），"
	        "未通过 %ld 行\n", im->encoding, im->map->name, c->rows, c->accepted, c->created,
	        c->merged, c->same, c->rejected);
	print_triage(im, out);
	if (c->rejected && !all)
		fprintf(out, "未通过检查的行：\n");
	for (long i = 0; i < im->nrows; i++)
		if (all || im->rows[i].verdict == IMPORT_REJECT)
			print_row(&im->rows[i], out);
}
