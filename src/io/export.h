/* Exports (SPEC §8, §10): a kind of record, filtered like the console list
 * and scoped to the officer, written column by column to a sink (CSV here;
 * XLSX and printing write sinks of their own). */
#ifndef JIANCE_EXPORT_H
#define JIANCE_EXPORT_H

#include <stdio.h>

#include "register/hhlist.h"
#include "access/session.h"

enum col_type { COL_TEXT, COL_INT, COL_DATE, COL_MONEY };

struct export_sink {
	void *ctx;
	int (*header)(void *ctx, int ncols, const char *const *names, const enum col_type *types);
	int (*row)(void *ctx, int ncols, const char *const *values);
	int (*finish)(void *ctx);
};

/* households, ledger (monitored households, ledger columns), members, contacts,
 * measures, visits, leads, runs, lead-results, upstream */
int export_known_kind(const char *kind);
/* Writes every row of kind matching f (NULL: no filter) to sink.  tpl
 * (NULL: all columns) picks and renames columns: its fields are the names
 * export_fields() lists.  Returns the number of rows, -1 with e set. */
long export_run(struct session *s, const char *kind, const struct hh_filter *f,
                const struct cfg_template *tpl, struct export_sink *sink, struct jerr *e);
/* What verification found for each warning a department sent (部门筛查预警
 * with that department), leads of the officer's area, as kind
 * "lead-results" (export_run refuses it: it needs the department).
 * Returns the number of rows, -1 with e set. */
long export_lead_results(struct session *s, const char *department,
                         const struct cfg_template *tpl, struct export_sink *sink,
                         struct jerr *e);
/* The pending "待录入国家系统" entries of the officer's area (kind
 * "upstream", export_upstream.c): one row per entry, its household's keys,
 * then the national columns of the entries.  Rows, or -1 with e. */
long export_upstream(struct session *s, struct export_sink *sink, struct jerr *e);
/* One export, whichever it is: a department's lead results when
 * department is given, else kind filtered by f (export_run). */
long export_write(struct session *s, const char *kind, const struct hh_filter *f,
                  const char *department, const struct cfg_template *tpl,
                  struct export_sink *sink, struct jerr *e);
/* A template by name: the configuration's, else a built-in one
 * (export_national.c: national-households, national-persons, the national
 * system's layouts).  NULL if neither has it. */
const struct cfg_template *export_template(const struct config *c, const char *name);
/* The built-in templates, one line each, for --help. */
void export_builtin_templates(FILE *out);
/* The field names and default headers of a kind, for --help and templates. */
void export_fields(const char *kind, FILE *out);
/* 0 if a template of kind may name field; else -1 with the names it may
 * use in allowed (config_set_field_check, through import_config_fields). */
int export_field_check(const char *kind, const char *field, char *allowed, size_t n);
/* The default header of one field of a kind; NULL if the kind has no such field. */
const char *export_field_header(const char *kind, const char *field);
/* A sink writing RFC 4180 CSV (UTF-8 with BOM, CRLF) that spreadsheets
 * open safely (io/csvwrite.h: no formulas, long numbers kept as text). */
void export_csv_sink(struct export_sink *sink, FILE *out);
/* A sink writing an Excel workbook (export_xlsx.c): one sheet (named sheet,
 * cut to Excel's 31 characters; NULL: Sheet1), bold frozen header row,
 * dates as Excel dates, COL_INT and COL_MONEY as numbers, widths fitted to
 * the text.  Call export_xlsx_done() after export_run whatever happened: it
 * frees the sink and removes the file if the export did not finish. */
int export_xlsx_sink(struct export_sink *sink, const char *path, const char *sheet,
                     struct jerr *e);
void export_xlsx_done(struct export_sink *sink);

#endif
