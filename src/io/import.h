/* Import of department warning lists and spreadsheets (SPEC §9, issue 6).
 *
 * Two phases, so a screen can show the report before anything is written:
 *   import_load()    reads the file, maps its columns, checks every row with
 *                    the same code the forms use and triages warning lists;
 *                    it writes nothing;
 *   import_commit()  writes the accepted rows in one transaction: all rows,
 *                    or (partial) only the good ones.
 * The rows of the report (import_row) are what the screen scrolls and what
 * `jiance import` prints. */
#ifndef JIANCE_IMPORT_H
#define JIANCE_IMPORT_H

#include <stdio.h>

#include "access/session.h"

enum import_verdict {
	IMPORT_NEW,        /* creates a record */
	IMPORT_MERGE,      /* joins a record already there (a lead: one more source) */
	IMPORT_SAME,       /* already there (or shown for triage only): adds nothing */
	IMPORT_SKIP,       /* a triage outcome (outside the area, dissolved): not
	                      written, and no reason to refuse the file */
	IMPORT_REJECT      /* fails a check: never written; refuses the file
	                      unless the import is partial */
};

/* The triage of a warning list row (SPEC §9).  Other kinds: TRIAGE_NONE. */
enum import_triage {
	TRIAGE_NONE,
	TRIAGE_MONITORED,  /* 已在监测 (status in the row's note) */
	TRIAGE_LEAD,       /* 已有线索（合并） */
	TRIAGE_ELIMINATED, /* 此前已消除: a new lead, the risk may be back */
	TRIAGE_NEW,        /* 新线索 */
	TRIAGE_OUTSIDE,    /* 不在辖区 (skipped) */
	TRIAGE_DISSOLVED,  /* 户已注销 (skipped) */
	TRIAGE_COUNT
};

struct import_row {
	long line;                 /* physical line where the row starts */
	enum import_verdict verdict;
	enum import_triage triage;
	const char *who;           /* name and ID as this officer may see them */
	const char *note;          /* the reason of a rejection, or what happens */
};

struct import_opts {
	const char *kind;          /* leads | households | visits | assistance */
	const char *map;           /* mapping name; NULL: the first of the kind */
	const char *channel;       /* leads: NULL = 部门筛查预警 */
	const char *department;    /* leads: when the file has no 部门 column */
	int progress;              /* a progress line on stderr every 10,000 rows */
	/* or, for a screen (stderr belongs to curses): called every 10,000 rows
	 * with "已检查" or "已写入" and the count so far */
	void (*on_progress)(void *arg, const char *what, long rows);
	void *progress_arg;
};

struct import_counts {
	long rows;                 /* data rows read (blank rows not counted) */
	long accepted, rejected;   /* accepted = rows - rejected */
	long created, merged, same, skipped;
	long triage[TRIAGE_COUNT];
};

struct import;

/* Reads and checks path.  NULL with e set when the file as a whole cannot
 * be used: unreadable, no header row, a required column not mapped (e lists
 * the headers found), an unknown mapping or kind.  The session (and its
 * configuration) must outlive the import: import_commit writes through it. */
struct import *import_load(struct session *s, const char *path, const struct import_opts *o,
                           struct jerr *e);
const struct import_counts *import_counts(const struct import *im);
long import_nrows(const struct import *im);
const struct import_row *import_row(const struct import *im, long i);
/* "GB18030", "UTF-8（带 BOM）" … and the mapping used, for the report */
const char *import_encoding(const struct import *im);
const char *import_map_name(const struct import *im);

/* Writes the accepted rows in one transaction.  Without partial, refuses
 * (writing nothing) if any row was rejected.  Rows that add nothing are
 * skipped, so a second import of the same file creates nothing.  Each row
 * is checked again inside the transaction, so what another officer
 * imported meanwhile is matched, not added twice: afterwards the rows and
 * counts say what this import itself created.  0 on success; -1 with e
 * set, and the database unchanged. */
int import_commit(struct import *im, int partial, struct jerr *e);
int import_committed(const struct import *im);
/* 1 after import_commit refused or failed: nothing was written */
int import_refused(const struct import *im);

/* The rows a fixed file must bring back, with their original header and
 * cells and a last column 未导入原因 holding the reason of each rejected
 * row, as UTF-8 CSV with BOM that Excel and WPS open safely.  While nothing
 * was written (a refused import, or before the commit) that is every row:
 * an officer who fixes the rows with a reason and imports this file ends
 * with every row imported exactly once (rows already there are matched,
 * not added twice).  After a partial import it is the rejected rows only.
 * import_write_rejected writes to out; import_save_rejected creates a new
 * private file beside source (list.rejected.csv, list.rejected-2.csv …,
 * never overwriting one) and puts its name in path.  Both return the
 * number of rows written, -1 with e set. */
long import_write_rejected(const struct import *im, FILE *out, struct jerr *e);
long import_save_rejected(const struct import *im, const char *source, char *path, size_t n,
                          struct jerr *e);
/* 1 if the rejected-rows file holds every row (nothing written yet) */
int import_rejected_all_rows(const struct import *im);

/* Prints the report: counts, then one line per rejected (and, with all,
 * every) row. */
void import_print(const struct import *im, FILE *out, int all);

void import_free(struct import *im);

/* The check config_set_field_check() takes: the fields an import mapping
 * (template 0) or an export template (1) of kind may name. */
int import_config_fields(int template_, const char *kind, const char *field, char *allowed,
                         size_t n);
/* `jiance import --show-map NAME`: the mapping's kind, then every field the
 * kind has (required ones marked *) with the headers the mapping accepts
 * for it.  -1 with e set if there is no such mapping. */
int import_show_map(const struct config *cfg, const char *name, FILE *out, struct jerr *e);
/* The fields a mapping of each kind may name, for --help. */
void import_print_fields(FILE *out);

const char *import_triage_label(enum import_triage t);
/* 新增, 合并, 已有, 跳过, 未通过 */
const char *import_verdict_label(enum import_verdict v);
/* What became of the row, as the report shows it: the verdict once
 * committed; "可新增"/"可合并" before; "未导入" after a refusal. */
const char *import_state_label(const struct import *im, const struct import_row *r);

#endif
