/* Assistance (SPEC §6): contact persons and their assignment, measures and
 * home visits. */
#ifndef JIANCE_ASSIST_H
#define JIANCE_ASSIST_H

#include <stdint.h>

#include "base/clock.h"
#include "access/session.h"

struct contact {
	int64_t id;
	char name[64], unit[96], phone[24];
	char kind[16];           /* 乡镇干部 | 驻村干部 | 村干部 */
	int64_t area_id;         /* township or village served */
	int64_t officer_id;      /* 0 if no login */
	int active, version;
	int households, overdue; /* counts, filled by contact_list */
};

struct measure {
	int64_t id, household_id;
	char category[64];       /* from the configuration (codes.measures) */
	char item[64];           /* its sub-item; "" only on measures from before schema 10 */
	int developmental;       /* 开发式: the category's mark and a sub-item that qualifies */
	char content[256], department[64];
	char start_on[11], end_on[11], entered_on[11];
	int64_t amount;          /* 分, -1 = not given */
	char state[16];          /* 计划 | 实施中 | 已完成 */
	int version;
};

struct visit {
	int64_t id, household_id, contact_id;
	char visited_on[11], entered_on[11];
	char findings[512], income_change[128], new_risks[256], guarantee_problems[256];
	int version;
	int apply;               /* saving also writes what the findings offer (visit_offer.h) */
};

int contact_save(struct session *s, struct contact *c, struct jerr *e);  /* insert or update */
/* What contact_save refuses, for a form to ask while typing. */
int contact_check(struct session *s, const struct contact *c, struct jerr *e);
int contact_get(struct session *s, int64_t id, struct contact *c);
/* contacts serving areas in scope, by pinyin, with household and overdue counts */
int contact_list(struct session *s, int offset, struct contact *out, int max);
/* Assigns (or replaces) the current contact person; the history is kept. */
int contact_assign(struct session *s, int64_t household_id, int64_t contact_id, jday on,
                   struct jerr *e);
/* Many households to one contact person, one transaction. */
int contact_bulk_assign(struct session *s, const int64_t *households, int n,
                        int64_t contact_id, jday on, struct jerr *e);

int measure_save(struct session *s, struct measure *m, struct jerr *e);  /* insert or update */
/* What measure_save refuses; normalises m as the save would (dates in ISO
 * form, the 开发式 mark from category and sub-item, 实施中 when no state is
 * given).  A sub-item of the category is required. */
int measure_check(struct session *s, struct measure *m, struct jerr *e);
/* The rule measure_check applies to category and sub-item (national code
 * tables), for a form and an import: 0, or -1 with e naming the field. */
int measure_item_check(const struct config *c, const char *category, const char *item,
                       struct jerr *e);
/* The rule measure_save applies to the start date: a date, and after today
 * only for a measure still 计划.  For a form to call while the officer
 * types.  0, or -1 with e. */
int measure_start_check(const char *start_on, const char *state, struct jerr *e);
int measure_finish(struct session *s, int64_t id, jday end, struct jerr *e);
/* A household one measure_give_many did not reach, and why. */
struct measure_refusal {
	int64_t household_id;
	char msg[512];
};
/* One measure given to many households (a planting subsidy to 40): each
 * gets its own record, checked as measure_save checks one.  A household
 * refused for itself (its status, out of the officer's area, named twice)
 * goes into refused[] (room for n) with the reason and gets nothing; the
 * others are written in one transaction -- or, with dry_run, only
 * counted.  Returns how many were (or would be) written; -1 with e when
 * nothing is written: the measure itself is wrong (e->field names the
 * field, as for one household) or the database failed. */
int measure_give_many(struct session *s, const struct measure *m, const int64_t *households,
                      int n, int dry_run, struct measure_refusal *refused, int *nrefused,
                      struct jerr *e);
int measure_list(struct session *s, int64_t household_id, struct measure *out, int max);

/* What a visit with nothing to report records: one key in the forms. */
#define VISIT_NORMAL "情况正常，无变化"
/* A visit is a visit: what was found is required (VISIT_NORMAL counts;
 * blanks alone are nothing).  The rule visit_add and visit_update apply and
 * the import checks rows with; for a form to call while the officer
 * types.  0, or -1 with e (field "findings"). */
int visit_findings_check(const char *findings, struct jerr *e);
/* Records a visit (visited_on may be back-dated: paper entry); entered_on is
 * today.  Clears the overdue flag the visit covers. */
int visit_add(struct session *s, struct visit *v, struct jerr *e);
/* What visit_add and visit_update refuse; normalises v as they would (the
 * date in ISO form, the household's contact person when none is named). */
int visit_check(struct session *s, struct visit *v, struct jerr *e);
int visit_list(struct session *s, int64_t household_id, struct visit *out, int max);
/* Under the month rule (flow.visit_rule "month"), the calendar months
 * ("2026-05") the household was monitored throughout, up to the last
 * complete one, that had no visit, oldest first; returns the count (0 under
 * the "days" rule, or out of scope).  A late entry for a month clears it. */
int visit_missed_months(struct session *s, int64_t household_id, char out[][8], int max);

/* ---- additions ---- */

/* One period a contact person looked after a household (to_on "" = current). */
struct contact_assignment {
	int64_t id, contact_id;
	char contact_name[64];
	char from_on[11], to_on[11];
};
/* the household's contact persons, oldest first; returns the count */
int contact_history(struct session *s, int64_t household_id, struct contact_assignment *out,
                    int max);
/* Ends the current assignment (JDAY_NONE: today) without a successor. */
int contact_unassign(struct session *s, int64_t household_id, jday on, struct jerr *e);

/* 0 if the household is in scope and may receive measures and visits
 * (识别中, 监测中, 消除中, 风险已消除); else -1 naming its status and `what`
 * (帮扶措施 / 走访).  The rule measure_save and visit_add apply; import
 * checks rows with it before writing. */
int assist_household_ok(struct session *s, int64_t household_id, const char *what,
                        struct jerr *e);

/* 1 found and in scope, 0 otherwise */
int measure_get(struct session *s, int64_t id, struct measure *m);
int visit_get(struct session *s, int64_t id, struct visit *v);
/* Edits a visit (v->version as read); last_visit_on follows the dates. */
int visit_update(struct session *s, struct visit *v, struct jerr *e);

#endif
