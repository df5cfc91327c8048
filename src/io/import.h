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
	IMPORT_REJECT      /* fails a check: never written */
};

/* The triage of a warning list row (SPEC §9).  Other kinds: TRIAGE_NONE. */
enum import_triage {
	TRIAGE_NONE,
	TRIAGE_MONITORED,  /* 已在监测 (status in the row's note) */
	TRIAGE_LEAD,       /* 已有线索（合并） */
	TRIAGE_ELIMINATED, /* 此前已消除: a new lead, the risk may be back */
	TRIAGE_NEW,        /* 新线索 */
	TRIAGE_OUTSIDE,    /* 不在辖区 (rejected) */
	TRIAGE_COUNT
};

struct import_row {
	long line;                 /* physical line where the row starts */
	enum import_verdict verdict;
	enum import_triage triage;
	char who[96];              /* name and ID as this officer may see them */
	char note[384];            /* the reason of a rejection, or what happens */
};

struct import_opts {
	const char *kind;          /* leads | households | visits */
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
	long accepted, rejected;
	long created, merged, same;
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
 * skipped, so a second import of the same file creates nothing.  0 on
 * success; -1 with e set, and the database unchanged. */
int import_commit(struct import *im, int partial, struct jerr *e);
int import_committed(const struct import *im);

/* Writes the rejected rows, with their original header and cells plus a
 * 原因 column, to path as UTF-8 CSV with BOM: fix them and import again.
 * Returns the number of rows written, -1 with e set. */
long import_write_rejected(const struct import *im, const char *path, struct jerr *e);

/* Prints the report: counts, then one line per rejected (and, with all,
 * every) row. */
void import_print(const struct import *im, FILE *out, int all);

void import_free(struct import *im);

const char *import_triage_label(enum import_triage t);
const char *import_verdict_label(enum import_verdict v);

#endif
