/* Internals shared by print.c (kinds, jobs, helpers), print_out.c (saving,
 * sending) and the documents: print_notice.c, print_ledger.c,
 * print_forms.c, print_summary.c.  Not for use outside the print module. */
#ifndef JIANCE_PRINT_IMPL_H
#define JIANCE_PRINT_IMPL_H

#include "io/export.h"
#include "register/hhlist.h"
#include "print/pdf.h"
#include "print/print.h"

/* Parameters documents bind after hhlist_prepare(), which owns ?1..?10,
 * ?18, ?19 and ?901..?908. */
enum { P_X1 = 20, P_X2, P_X3 };

struct print_ctx {
	struct session *s;
	const struct print_opts *o;
	struct hh_filter f;             /* the chosen area, inside the scope */
	char from[11], to[11];          /* the period, ISO; "" when the kind has none */
	int default_period;             /* no --from/--to given */
	char today[11];
	char area_name[160];            /* 保家镇龙阳村, or the officer's area */
	struct pdf_doc *pdf;            /* NULL when writing CSV */
	struct export_sink *csv;        /* the CSV sink, when pdf is NULL */
	long count;                     /* households or records in the document */
	char title[400];                /* for the PDF's metadata and file name */
};

/* the job's parts, for print_out.c */
struct pdf_doc *print_job_pdf(struct print_job *j);
struct session *print_job_session(struct print_job *j);

/* the documents */
int print_notices(struct print_ctx *c, struct jerr *e);        /* both 公示 */
int print_announcement(struct print_ctx *c, struct jerr *e);
int print_ledger(struct print_ctx *c, struct jerr *e);
int print_measures(struct print_ctx *c, struct jerr *e);
int print_visit_forms(struct print_ctx *c, struct jerr *e);
int print_summary(struct print_ctx *c, struct jerr *e);

/* "2026-05-03" → "2026年5月3日" */
void print_cn_date(const char *iso, char *out, size_t n);
/* 1 → 一, 12 → 十二, 23 → 二十三 (batches, section numbers) */
const char *print_cn_number(int n, char *buf, size_t size);
/* Title and a line under it: "制表单位：… 制表日期：…". */
void print_heading(struct print_ctx *c, const char *title, const char *extra);

/* A table: rows from export_run or from a document's own query go to the
 * PDF (with a 序号 column in front when seq) or, for CSV, straight on. */
struct print_table {
	struct print_ctx *c;
	struct export_sink sink;
	double size;
	int seq;
	long rows;
};
/* The sink to hand export_run() or to call directly. */
struct export_sink *print_table_sink(struct print_ctx *c, struct print_table *t, double size,
                                     int seq);

#endif
