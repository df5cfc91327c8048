/* Leads (风险线索, SPEC §4): from three channels, merged per person or
 * household, dismissed with a reason or turned into an identification run. */
#ifndef JIANCE_LEAD_H
#define JIANCE_LEAD_H

#include <stdint.h>

#include "base/clock.h"
#include "access/session.h"
#include "register/status.h"
#include "register/upstream.h"

/* What an import found of the row's person, in the very read snapshot
 * lead_plan runs in, by one lookup for the whole file: the open lead
 * lead_open_for() would find (0: none), and for a person in no household
 * their village's township and county (the village found and within the
 * officer's area). */
struct lead_known {
	int64_t open, township, county;
};

struct lead_input {
	int64_t household_id;    /* 0 when only a person is named */
	const char *id_no;       /* the person, when known */
	const char *name;
	int64_t village_id;      /* required when no household */
	const char *channel;     /* 农户自主申报 | 基层干部排查 | 部门筛查预警 */
	const char *department;  /* required for 部门筛查预警 */
	jday found_on;
	const char *reason;
	const char *import_key;  /* set by import: the same row never adds twice */
	int id_unregistered;     /* the caller found no member holding id_no in this
	                            very read snapshot: not looked up again */
	const struct lead_known *known;   /* not looked up again */
};

/* What the verification of a lead found (SPEC §4), recorded with who and when. */
enum lead_result { LEAD_NO_RISK, LEAD_STARTED, LEAD_MONITORED, LEAD_RESULT_COUNT };
const char *lead_result_text(enum lead_result r);   /* 核实无风险 | 启动识别 | 已在监测 */

struct lead {
	int64_t id, household_id, village_id, run_id;
	char id_no[20], name[64];
	char state[16];          /* 待核实 | 已排除 | 已启动识别 */
	char created_on[11], closed_on[11];
	char close_reason[256];
	int nsources;
	char sources[512];       /* "部门筛查预警(医保) 2026-05-01 …; 农户自主申报 …" */
	char village_name[64], hh_no[32];
	int overdue;             /* not verified by verify_by, or its run overdue */
	char verify_by[11];      /* "" for a lead from before verify-by dates were kept */
	int64_t assigned_to;     /* 0: the village officers of its village */
	char owner[96];          /* the officer's name, or "龙阳村村级" */
	char result[16];         /* lead_result_text, "" until verified */
	char result_by[64], result_on[11], result_note[256];
};

/* Creates a lead or merges into the open lead of the same person or
 * household.  *merged = 1 when merged; with import_key seen before, nothing
 * is added and *merged = 2. */
int lead_create(struct session *s, const struct lead_input *in, int64_t *lead_id,
                int *merged, struct jerr *e);
/* What lead_create would do, without writing (import triage): 0 with
 * *open the lead it would merge into (0: a new one), or -1 with the same
 * refusal; a refusal about where the lead belongs names the field
 * "village".  The import key is not looked at. */
int lead_check(struct session *s, const struct lead_input *in, int64_t *open, struct jerr *e);
/* The rule lead_create applies to where a lead came from: one of the three
 * channels, and 部门筛查预警 names its department.  For a form to call while
 * the officer types.  0, or -1 with e. */
int lead_source_check(const char *channel, const char *department, struct jerr *e);
int lead_get(struct session *s, int64_t id, struct lead *l, struct jerr *e);
/* Verified, no risk (核实无风险): closed 已排除 with the reason. */
int lead_dismiss(struct session *s, int64_t id, const char *reason, struct jerr *e);
/* Verified, already monitored (已在监测): closed 已排除; refused unless the
 * household it names (or the person's) is 监测中 or 消除中. */
int lead_already_monitored(struct session *s, int64_t id, const char *note, struct jerr *e);
/* Assigns the lead to an officer of its village or township (0: back to the
 * village officers); audited. */
int lead_assign(struct session *s, int64_t id, int64_t officer_id, struct jerr *e);
/* The officers a lead may be assigned to, visible to s: active village and
 * township officers of its village and township; returns the count. */
int lead_assignees(struct session *s, int64_t id, struct officer *out, int max);
/* Starts identification.  A lead naming only a person needs household_id of
 * the household created for them (its head or a member holds the ID). */
int lead_start(struct session *s, int64_t id, int64_t household_id, int64_t *run_id,
               struct jerr *e);
/* open leads in scope, oldest first, paged */
int lead_list_open(struct session *s, int offset, struct lead *out, int max);

/* ---- additions ---- */

/* One source of a lead (every channel that named it is kept). */
struct lead_source {
	char channel[24], department[48], found_on[11];
	char reason[256], officer[64];
	int imported;            /* came from an import file */
};
/* The open lead lead_create() merges into for this household and/or
 * person (待核实, or started with its run still open); 0 if none.  Not
 * scoped: callers check the lead's village (import triage uses it). */
int64_t lead_open_for(struct session *s, int64_t household_id, const char *id_no);
/* The same for many people at once, as lead_open_for(0, id_no) answers
 * for one: fn(arg, id_no, lead) for each ID number in the temporary table
 * import_ids(id_no) (temp) that names an open lead (an import's whole file,
 * one query instead of one a row).  0, or -1. */
int lead_open_of_ids(struct session *s, void (*fn)(void *arg, const char *id_no, int64_t lead),
                     void *arg);
/* And for each household in the temporary table
 * import_households(id) (temp; the households of the file's registered
 * people), its open lead as lead_open_for(household, "") finds it:
 * fn(arg, household, lead).  lead_open_for(household, id_no) is the
 * smaller of the two answers. */
int lead_open_of_households(struct session *s, void (*fn)(void *arg, int64_t hh, int64_t lead),
                            void *arg);
/* What lead_create will do, decided ahead (lead_plan: lead_check keeping
 * what it found) and then done (lead_batch below): for an import, which
 * decides every row in one read snapshot and writes them all in one
 * transaction. */
struct lead_plan {
	int64_t household, village, township;
	int64_t open;            /* the open lead to merge into; 0: a new lead */
	char id_no[20], name[64];
	enum hh_status status;    /* of the household; STATUS_LEAD for a person only */
};
/* The verify-by date (ISO, in out) of a lead first found on `found`:
 * flow.lead_verify_workdays working days on, by the configured calendar. */
/* A new lead queued for the national system (register/upstream.h), in the
 * caller's transaction: lead_create and lead_batch_write call it. */
int lead_queue_upstream(struct session *s, const struct lead_plan *t, const struct lead_input *in,
                        const char *found);
/* The same entry, filled in for upstream_record_rows (lead_batch_write). */
void lead_upstream_entry(int64_t household, int64_t village, const char *name,
                         const struct lead_input *in, const char *found, struct upstream_new *u);
char *lead_verify_by(const struct session *s, const char *found, char out[11]);
int lead_plan(struct session *s, const struct lead_input *in, struct lead_plan *p,
              struct jerr *e);
/* Many leads as planned, written together (lead_batch.c): the rows and
 * audit records lead_create writes, rows of one person or household joined
 * into one lead, in a handful of multi-row statements instead of four per
 * row.  lead_batch_add keeps a row (planned by lead_plan; p->open may be
 * 0): 1 if it will make a new lead, 0 if it joins one, -1 out of memory;
 * the texts of in and p are not copied: they must last until the write.
 * lead_batch_write writes them all, inside the caller's transaction; the
 * plans must still hold (nothing written since, or lead_changes_touch
 * says the rows are untouched). */
struct lead_batch;
struct lead_batch *lead_batch_new(const struct session *s);
int lead_batch_add(struct lead_batch *b, const struct lead_input *in, const struct lead_plan *p);
int lead_batch_write(struct session *s, struct lead_batch *b, struct jerr *e);
void lead_batch_free(struct lead_batch *b);
/* The lead row n (from 0, in the order added) joins: an open lead's id,
 * or -k for the batch's k-th new lead; and how many rows were added. */
int64_t lead_batch_lead(const struct lead_batch *b, long n);
long lead_batch_count(const struct lead_batch *b);
/* What other officers wrote since a mark (lead_changes.c): taken in the
 * snapshot the plans were made in, asked inside the transaction that
 * writes them, so only the plans it touches are made again.  NULL: out of
 * memory or a failed query. */
struct lead_changes;
int64_t lead_changes_mark(struct session *s);
/* None yet, to gather with lead_changes_more; NULL out of memory. */
struct lead_changes *lead_changes_new(void);
struct lead_changes *lead_changes_since(struct session *s, int64_t mark);
/* 1 if a source with this import key was stored since the mark */
int lead_changes_has_key(const struct lead_changes *c, const char *key);
/* 1 if the plan's household, person or open lead was written since: the
 * plan may no longer hold and lead_create must decide the row again */
int lead_changes_touch(const struct lead_changes *c, const struct lead_plan *p);
/* Adds what was written after mark to c (a writer in many transactions
 * reading only what is new each time); 0, or -1. */
int lead_changes_more(struct session *s, int64_t mark, struct lead_changes *c);
void lead_changes_free(struct lead_changes *c);
/* the sources of a lead, oldest first; returns the count */
int lead_sources(struct session *s, int64_t lead_id, struct lead_source *out, int max);

/* An import's leads written in short transactions (lead_stage.c), so an
 * officer's save never waits for a whole county-wide import: the plan is
 * staged, the run made ready in one short transaction (from then it is
 * decided), then written a chunk (about 1,000 rows) a transaction.  A run
 * whose importer died is finished, or thrown away if it was not yet ready,
 * by lead_stage_resume, which every jiance runs at start. */
enum lead_made { LEAD_MADE_NEW, LEAD_MADE_MERGED, LEAD_MADE_SAME, LEAD_MADE_REFUSED };
struct lead_stage_row {
	long idx;                  /* the importer's row */
	struct lead_input in;
	struct lead_plan plan;
};
/* Stages n rows checked in one snapshot whose last audit record was mark:
 * the run's id, or -1 with e (nothing will be written). */
int64_t lead_stage_put(struct session *s, const struct lead_stage_row *rows, long n, int64_t mark,
                       struct jerr *e);
/* done(arg, idx, made, refusal) for each row a chunk wrote; refusal is
 * lead_create's reason for a row another officer's write made invalid. */
typedef void (*lead_stage_done)(void *arg, long idx, enum lead_made made, const char *refusal);
/* One process writing a run, a chunk a transaction: begin, step until it
 * returns 0 (written whole) or -1 (e set; the rest stays staged for
 * resume), end. */
struct lead_stage_pass;
struct lead_stage_pass *lead_stage_begin(struct session *s, int64_t run);
int lead_stage_step(struct lead_stage_pass *p, lead_stage_done done, void *arg, struct jerr *e);
void lead_stage_end(struct lead_stage_pass *p);
/* Chunks of about 500 rows are added to a transaction until it has taken
 * this long (default 30 ms); 0: one chunk each (tests). */
void lead_stage_tx_ms(struct lead_stage_pass *p, int ms);
/* Every chunk left, pausing between them for other officers' saves. */
int lead_stage_finish(struct session *s, int64_t run, lead_stage_done done, void *arg,
                      struct jerr *e);
/* Runs whose importer is gone: finished if ready, thrown away if staging.
 * The number of runs dealt with, or -1 with e. */
int lead_stage_resume(struct session *s, struct jerr *e);

#endif
