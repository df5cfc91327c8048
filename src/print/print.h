/* Printed documents (SPEC §8): village notices (公示), the county decision
 * announcement (公告), the ledgers (台账), pre-filled visit forms and the
 * summary report, for the officer's area or a chosen village or township.
 *
 * A screen or command lists the kinds (print_kind_info), sets the options,
 * prepares a job (which lays the document out, so the page count is known),
 * then saves it or sends it to the configured print command.  CSV gives the
 * main table of the same document through the export CSV sink. */
#ifndef JIANCE_PRINT_H
#define JIANCE_PRINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/clock.h"
#include "access/session.h"

enum print_kind {
	PRINT_ID_NOTICE,       /* 监测对象识别公示: identification runs posted at step 3 */
	PRINT_ELIM_NOTICE,     /* 风险消除公示: elimination runs posted at step 3 */
	PRINT_ANNOUNCEMENT,    /* 县级审定公告: step 5 decisions, in the township's name */
	PRINT_LEDGER,          /* 监测户台账 */
	PRINT_MEASURES,        /* 帮扶措施台账 */
	PRINT_VISIT_FORMS,     /* 走访记录表: one pre-filled form per household */
	PRINT_SUMMARY,         /* 汇总报告: counts and monthly bar charts */
	PRINT_KIND_COUNT
};

struct print_kind_info {
	enum print_kind kind;
	const char *name;      /* ASCII name on the command line */
	const char *zh;        /* short Chinese name, also accepted */
	const char *title;     /* the document's name */
	const char *period;    /* what --from/--to select; NULL: no period */
};

const struct print_kind_info *print_kind_info(enum print_kind k);
/* By ASCII name, short Chinese name or title; -1 if unknown. */
int print_kind_find(const char *name);

struct print_opts {
	enum print_kind kind;
	int64_t area_id;       /* a township or village in scope; 0: the officer's area */
	jday from, to;         /* JDAY_NONE: the kind's default (see print_kind_info) */
};

/* A village or township by name (村名, 乡镇名 or 乡镇+村 written together),
 * refused when outside the officer's area.  0 ok, -1 with e set. */
int print_find_area(struct session *s, const char *name, int64_t *area_id, struct jerr *e);

struct print_job;

/* Gathers the records and lays the document out.  Refuses (NULL, e set)
 * when there is nothing to print, an option does not fit the kind, or the
 * area lies outside the officer's. */
struct print_job *print_prepare(struct session *s, const struct print_opts *o, struct jerr *e);
int print_pages(const struct print_job *j);
long print_count(const struct print_job *j);        /* households / records in it */
const char *print_title(const struct print_job *j);
int print_is_landscape(const struct print_job *j);
/* A file name for it: "保家镇龙阳村监测户台账_2026-05-03.pdf". */
void print_file_name(const struct print_job *j, char *out, size_t n);
/* Saves to path (NULL: print_file_name in the working directory, with -2,
 * -3 … added rather than replacing a file).  An existing path is never
 * overwritten.  saved (may be NULL) receives the path written. */
int print_save(struct print_job *j, const char *path, char *saved, size_t n, struct jerr *e);
/* Sends to the configured print command: {printer} (printer, else the
 * configured one) and {file} are put into the command's words, which are
 * run without a shell; with no {file} the file is the last word.  keep:
 * where to keep the PDF (NULL: a temporary file, removed once sent).
 * out (may be NULL) receives what the command said. */
int print_send(struct print_job *j, const char *printer, const char *keep, char *out, size_t n,
               struct jerr *e);
void print_free(struct print_job *j);

/* The document's main table as CSV; returns rows written, -1 with e set. */
long print_csv(struct session *s, const struct print_opts *o, FILE *out, struct jerr *e);

/* Splits a print command into words and substitutes {printer} and {file};
 * argv points into buf.  Returns the word count, -1 with e set. */
int print_command_argv(const char *command, const char *printer, const char *file, char **argv,
                       int max, char *buf, size_t n, struct jerr *e);

/* Frees the font caches at exit. */
void print_shutdown(void);

#endif
