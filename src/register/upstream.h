/* "待录入国家系统" (issue 15, SPEC §9a): every change made in jiance that
 * the national system also records -- a new lead, each step decision,
 * measures, visits, member events, incomes, contact changes -- becomes an
 * entry of its household's queue, with the national columns and values to
 * key upstream, until an officer marks it as entered.  The writer of the
 * change calls upstream_record in its own transaction, so a change is
 * never saved without its entry, nor an entry without its change. */
#ifndef JIANCE_UPSTREAM_H
#define JIANCE_UPSTREAM_H

#include <stddef.h>
#include <stdint.h>

#include "access/session.h"

/* One national column and its value ("识别监测时间", "202603"). */
struct upstream_field {
	const char *col, *val;
};

/* Records an entry inside the caller's write transaction: `what` says the
 * change (帮扶措施, 走访, 识别纳入第4步乡镇审核 ...), `on` the day it
 * happened (ISO), fields the national columns with empty values left out.
 * household_id 0 for a lead naming a person only: then village_id and
 * subject (the person's name) say where and who; village_id 0 with a
 * household: the household's village.  0, or -1 on a database
 * error (the caller rolls back). */
int upstream_record(struct session *s, int64_t household_id, int64_t village_id,
                    const char *subject, const char *what, const char *on,
                    const struct upstream_field *f, int n);
/* 1 when this session's changes are queued: not those of the national
 * import (session.from_national), which come from the national system.  A
 * writer may skip working out an entry's fields when it is 0. */
int upstream_wanted(const struct session *s);

/* One entry of many recorded at once (upstream_record_rows). */
struct upstream_new {
	int64_t household_id, village_id;   /* village_id required */
	const char *subject, *what, *on;
	struct upstream_field f[8];
	int n;
};
/* Entries 0..n-1, each filled by get(ctx, i, u), recorded as
 * upstream_record would, in multi-row INSERTs: an import's 100,000 new
 * leads in a fraction of the time.  0, or -1 on a database error. */
int upstream_record_rows(struct session *s, long n,
                         void (*get)(void *ctx, long i, struct upstream_new *u), void *ctx);

struct upstream_entry {
	int64_t id, household_id;
	char hh_no[32], nat_no[32], head_name[64], village[64];
	char what[64], on[11];
	char fields[2048];         /* "列名\t值\n" lines */
	char created_at[20];
	char entered_at[20], entered_by[64];   /* "" while pending */
};

/* Pending entries in the officer's area, household by household (pinyin
 * of the head), oldest first within one; returns the count read. */
int upstream_pending(struct session *s, int offset, struct upstream_entry *out, int max);
/* The number of pending entries in the officer's area. */
int64_t upstream_pending_count(struct session *s);
/* The number of households (and persons of leads without one) with a
 * pending entry in the officer's area. */
int64_t upstream_pending_households(struct session *s);
/* Entries of one household, pending first, newest last. */
int upstream_of_household(struct session *s, int64_t household_id, struct upstream_entry *out,
                          int max);
/* Marks entries as entered by this officer, now, in one transaction: ids
 * not pending or outside the area are refused and nothing is marked.
 * n 0 with ids NULL: every pending entry in the area.  *marked says how
 * many.  0, or -1 with e. */
int upstream_mark(struct session *s, const int64_t *ids, int n, int *marked, struct jerr *e);

/* 1 if an entry of the household not yet marked as entered carries the
 * national column col ("户联系电话"): jiance changed that value and the
 * national system does not have it yet, so an export from there is older
 * (the national import keeps jiance's).  0 otherwise. */
int upstream_pending_column(struct session *s, int64_t household_id, const char *col);

/* Walks the fields of an entry: the next column and value, 1, or 0 at the
 * end.  *p starts at e->fields. */
int upstream_field_next(const char **p, char *col, size_t ncol, char *val, size_t nval);
/* The fields as one line, "列名：值；列名：值", for a list row. */
void upstream_fields_line(const struct upstream_entry *u, char *out, size_t n);

#endif
