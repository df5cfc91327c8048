/* The import report: printed for `jiance import`, and the rejected rows
 * written back as a CSV the officer can fix and import again. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/csvwrite.h"
#include "base/text.h"
#include "io/import_impl.h"
#include "io/outfile.h"

/* The row's cells as read, padded to the header so the reason stays in
 * its own column, then the reason ("" for a row without one). */
static void put_row(FILE *out, const struct import *im, long i)
{
	const struct row_priv *p = &im->priv[i];
	int n = p->ncells > im->nhead ? p->ncells : im->nhead;
	const char *c = p->cells;
	for (int k = 0; k < n; k++) {
		csvwrite_cell(out, k == 0, c && k < p->ncells ? c : "", 0);
		if (c && k < p->ncells)
			c += strlen(c) + 1;
	}
	char why[448] = "";
	if (im->rows[i].verdict == IMPORT_REJECT)
		snprintf(why, sizeof why, "第%ld行：%s", im->rows[i].line, im->rows[i].note);
	csvwrite_cell(out, n == 0, why, 0);
	csvwrite_end(out);
}

/* Rows that are not in the database because of this import: all of them
 * while nothing was written (a refusal must lose no good row), the
 * rejected ones after a partial import. */
static int left_out(const struct import *im, long i)
{
	return !im->committed || im->rows[i].verdict == IMPORT_REJECT;
}

long import_write_rejected(const struct import *im, FILE *out, struct jerr *e)
{
	fputs("\xEF\xBB\xBF", out);   /* BOM: Excel on Chinese Windows reads UTF-8 by it */
	for (int k = 0; k < im->nhead; k++)
		csvwrite_cell(out, k == 0, im->head[k], 0);
	csvwrite_cell(out, im->nhead == 0, REJECTED_REASON_HEADER, 0);
	csvwrite_end(out);
	long n = 0;
	for (long i = 0; i < im->nrows; i++)
		if (left_out(im, i)) {
			put_row(out, im, i);
			n++;
		}
	if (fflush(out) != 0 || ferror(out))
		return jerr_set(e, "", "写出未导入的行失败");
	return n;
}

long import_save_rejected(const struct import *im, const char *source, char *path, size_t size,
                          struct jerr *e)
{
	FILE *out = outfile_next(source, "rejected", path, size, e);
	if (!out)
		return -1;
	long n = import_write_rejected(im, out, e);
	if (fclose(out) != 0 && n >= 0)
		n = jerr_set(e, "", "无法写出 %s", path);
	if (n < 0)
		unlink(path);
	return n;
}

int import_rejected_all_rows(const struct import *im) { return !im->committed; }

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

/* Cells and notes hold what the file held: never a control character on
 * the officer's terminal (an ESC in a name must not recolour the report). */
static void put_clean(FILE *out, const char *s)
{
	char buf[1024];
	text_visible(s, buf, sizeof buf);
	fputs(buf, out);
}

static void print_row(const struct import *im, const struct import_row *r, FILE *out)
{
	fprintf(out, "  第%ld行  %s  ", r->line, import_state_label(im, r));
	if (r->triage != TRIAGE_NONE)
		fprintf(out, "%s  ", import_triage_label(r->triage));
	put_clean(out, r->who);
	fputs("  ", out);
	put_clean(out, r->note);
	fputc('\n', out);
}

/* Departments kept as written: none of the configured list fits them. */
static void print_departments(const struct import *im, FILE *out)
{
	if (!im->nunknown_dept)
		return;
	fprintf(out, "不在配置的部门列表中、按原样记下的部门：");
	for (int i = 0; i < im->nunknown_dept; i++) {
		fprintf(out, "%s", i ? "，" : "");
		put_clean(out, im->unknown_dept[i].name);
		fprintf(out, "（%ld 行）", im->unknown_dept[i].rows);
	}
	fprintf(out, "%s\n", im->nunknown_dept == IMPORT_MAX_UNKNOWN_DEPT ? "……" : "");
}

static const char *when(const struct import *im)
{
	return im->committed ? "" : im->tried_refused ? "（未导入）" : "（检查结果，尚未写入）";
}

void import_print(const struct import *im, FILE *out, int all)
{
	const struct import_counts *c = &im->c;
	const char *may = im->committed ? "" : "可";
	fprintf(out, "编码 %s%s，映射“%s”。共 %ld 行%s：通过检查 %ld 行（%s新增 %ld，%s合并 %ld，"
	        "已有未变 %ld，跳过 %ld），未通过 %ld 行\n", im->encoding, im->format_note,
	        im->map->name, c->rows, when(im), c->accepted, may, c->created, may, c->merged, c->same,
	        c->skipped, c->rejected);
	print_triage(im, out);
	print_departments(im, out);
	if (c->rejected && !all)
		fprintf(out, "未通过检查的行：\n");
	for (long i = 0; i < im->nrows; i++)
		if (all || im->rows[i].verdict == IMPORT_REJECT)
			print_row(im, &im->rows[i], out);
}
