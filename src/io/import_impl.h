/* Inside the import: the state shared by import.c (reading, mapping,
 * report, transaction) and the three kinds (import_leads.c,
 * import_households.c, import_visits.c).  Not for other modules. */
#ifndef JIANCE_IMPORT_IMPL_H
#define JIANCE_IMPORT_IMPL_H

#include <stdint.h>

#include "base/arena.h"
#include "base/clock.h"
#include "config/config.h"
#include "io/import.h"
#include "base/strmap.h"

/* The column the rejected-rows file adds; never mapped on re-import. */
#define REJECTED_REASON_HEADER "未导入原因"

/* The fields a mapping may name (config: columns[].field). */
enum ifield {
	F_ID_NO, F_NAME, F_TOWNSHIP, F_VILLAGE, F_GROUP, F_REASON, F_DATE, F_DEPARTMENT,
	F_HH_NO, F_RELATION, F_PHONE, F_ETHNICITY, F_HH_TYPE, F_IS_TUOPIN, F_LABOUR,
	F_HEALTH, F_EDUCATION, F_SCHOOLING, F_DISABILITY, F_NATURAL_VILLAGE, F_ADDRESS,
	F_FINDINGS, F_INCOME_CHANGE, F_NEW_RISKS, F_GUARANTEE, F_CONTACT, F_ASSIST_TAG,
	/* the national per-person export (import_national.c) */
	F_NAT_NO, F_HH_KIND, F_WHOLE_NO_LABOUR, F_HH_PHONE, F_RISK1, F_RISK2, F_RISK3, F_RISK4,
	F_RISK5, F_DISASTER, F_IDENTIFIED, F_ELIMINATED, F_ELIMINATED_ON, F_ELIM_METHOD, F_CONTACT_PHONE,
	F_M_INDUSTRY, F_M_EMPLOYMENT, F_M_FINANCE, F_M_PUBLIC_JOB, F_M_HEALTH, F_M_COMPULSORY,
	F_M_EDUCATION, F_M_WELFARE, F_M_SOCIAL, F_M_HOUSING, F_M_WATER, F_M_RELOCATION,
	F_COUNT
};

struct import;

/* What each kind does with a row. */
struct import_kind {
	const char *name;
	/* Checks one row (cells reached through import_cell) without writing;
	 * fills r (verdict, triage, who, note) and may keep data for writing
	 * in *data (freed with free()). */
	void (*check)(struct import *im, long idx, struct import_row *r, void **data);
	/* Checks across rows, after the last one (households: one 户主 each). */
	void (*finish)(struct import *im);
	/* Writes the accepted row idx inside the import's transaction, checking
	 * again what another import may have written since the check: returns
	 * IMPORT_NEW, IMPORT_MERGE or IMPORT_SAME (found there already, nothing
	 * written) for what it did; -1 with e set dooms the transaction. */
	int (*write)(struct import *im, long idx, struct jerr *e);
	/* Frees the kind's own state (im->kd). */
	void (*free)(struct import *im);
	/* rows are checked in the order of this field's cells (-1: the file's) */
	int sort_field;
	/* Before the first check, in the checks' read snapshot: what the
	 * kind looks up for every row, looked up for the whole file at once.
	 * NULL: nothing.  -1 out of memory or on a database error. */
	int (*before_check)(struct import *im);
	/* Writes every accepted row in transactions of its own (leads: many
	 * short ones, so saves need not wait for the whole file), setting
	 * got[row] as write would.  NULL: every row with write, in one
	 * transaction.  -1 with e set. */
	int (*write_staged)(struct import *im, signed char *got, struct jerr *e);
};

extern const struct import_kind import_leads_kind;
extern const struct import_kind import_households_kind;
extern const struct import_kind import_visits_kind;
extern const struct import_kind import_assistance_kind;
extern const struct import_kind import_national_kind;

struct row_priv {
	char *cells;               /* the row's cells, NUL-separated */
	int ncells;
	void *data;                /* the kind's payload for writing */
};

#define IMPORT_MAX_UNKNOWN_DEPT 16

/* A department named in the file but not in the configured list. */
struct unknown_dept { char name[64]; long rows; };

struct import {
	struct session *s;
	const struct import_kind *k;
	const struct cfg_map *map;
	char channel[32], department[64];
	int progress;
	void (*on_progress)(void *arg, const char *what, long rows);
	void *progress_arg;
	char encoding[32];
	char format_note[64];      /* "，制表符分隔" …: what else the report should say of the file */
	jday today;                /* read once: clock_today() per row was 5% of a check */
	/* the header row as found, for the rejected-rows file */
	int nhead;
	char **head;
	int col[F_COUNT];          /* column of each field, -1 if not in the file */
	long cur_row;              /* the row being checked, -1 if none */
	const char **cur;          /* its cells */
	int ncur, capcur;
	long *order;               /* the order rows are checked and written in */
	struct import_row *rows;
	struct row_priv *priv;
	long nrows, caprows;
	struct import_counts c;
	int committed;
	int tried;                 /* a failed commit leaves created ids behind: load again */
	int tried_refused;         /* refused or failed: nothing was written */
	int64_t audit_mark;        /* the last audit record in the checks' snapshot */
	struct strmap seen;        /* in-file duplicates: key → row index */
	struct strmap places;      /* "乡镇\x1f村" → village id (found and in scope) */
	struct strmap depts;       /* department as written → 1 + configured index, 0 unknown */
	struct arena arena;        /* notes, who, cells and payloads of the rows */
	struct strmap notes;       /* each note text once: text → its copy in arena */
	const char *last_note;     /* the one kept last */
	void *kd;                  /* the kind's own state */
	struct unknown_dept unknown_dept[IMPORT_MAX_UNKNOWN_DEPT];
	int nunknown_dept;
	struct jerr *e;
};

/* Zeroed memory that lives as long as the import (a row's payload). */
void *import_alloc(struct import *im, size_t n);

/* The cell of field f in the row being checked; "" if not mapped. */
/* Makes row i the one import_cell reads (-1: none). */
void import_set_row(struct import *im, long i);
const char *import_cell(const struct import *im, enum ifield f);
/* 1 if f is mapped to a column of the file */
int import_has(const struct import *im, enum ifield f);
/* The header text of field f as written in the file (for messages). */
const char *import_header(const struct import *im, enum ifield f);

/* The cell of f if it is shorter than size bytes; NULL with r rejected if not. */
const char *import_text(struct import *im, struct import_row *r, enum ifield f, size_t size);
/* Copies the cell of f into dst; -1 with r rejected if it does not fit. */
int import_copy(struct import *im, struct import_row *r, enum ifield f, char *dst, size_t size);
/* Sets r to rejected with the reason; returns 0 so checks can return it. */
/* "已写入 N 行…" every PROGRESS_EVERY rows (and at the last, last != 0)
 * to the caller's on_progress or, with --progress, stderr. */
void import_progress(const struct import *im, const char *what, long n, int last);
int import_reject(struct import *im, struct import_row *r, enum import_triage t, const char *fmt,
                  ...) __attribute__((format(printf, 4, 5)));
/* Sets r to skipped (a triage outcome, not an error); returns 0 likewise. */
int import_skip(struct import *im, struct import_row *r, enum import_triage t, const char *fmt,
                ...) __attribute__((format(printf, 4, 5)));
/* 1 if r was rejected or skipped: nothing more to check */
int import_done(const struct import_row *r);
void import_note(struct import *im, struct import_row *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "张三 500243********1234": who a row is about, masked as the officer sees IDs */
void import_who(struct import *im, struct import_row *r, const char *name, const char *id_no);
/* who as given (visits: "户主（户编号 …）") */
void import_set_who(struct import *im, struct import_row *r, const char *who);

/* A date cell as officers write it (2026-05-03, 2026/5/3, 2026年5月3日,
 * 20260503, with or without a time): JDAY_NONE with r rejected if it is no
 * date or lies in the future.  An empty cell gives dflt. */
jday import_date(struct import *im, struct import_row *r, const char *cell,
                 const char *label, jday dflt);
/* The village of township + village cells (or "保家镇龙阳村" in one), found
 * in the area tree and inside the officer's scope: its id, or 0 with r
 * rejected (unknown, ambiguous, or 不在您的辖区). */
int64_t import_village(struct import *im, struct import_row *r, const char *township,
                       const char *village);
/* A stable key of the parts, 32 hex digits (lead_sources.import_key). */
void import_digest(const char *const *parts, int n, char out[40]);

#endif
