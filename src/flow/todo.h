/* The officer's to-do queue (SPEC §7): steps waiting for this officer,
 * overdue runs, and households carrying a flag (overdue visits grouped by
 * contact person, no contact, no measure).  Every list is scoped to the
 * officer and paged, so the console never loads more than a screen. */
#ifndef JIANCE_TODO_H
#define JIANCE_TODO_H

#include <stdint.h>

#include "register/flags.h"
#include "flow/flow.h"
#include "access/session.h"

/* Open runs whose current step this officer may complete now: the step's
 * role is theirs, the household is in scope, and four eyes allows it.
 * Oldest first. */
int todo_steps(struct session *s, int offset, struct flow_run *out, int max);
int64_t todo_steps_count(struct session *s);

/* Identification runs past identification_deadline_days, oldest first. */
int todo_overdue_runs(struct session *s, int offset, struct flow_run *out, int max);
int64_t todo_overdue_runs_count(struct session *s);

/* Overdue leads (SQL_LEAD_OVERDUE): not verified by their verify-by date,
 * or started and their identification run overdue. */
int64_t todo_overdue_leads_count(struct session *s);

struct todo_row {
	int64_t household_id;
	char hh_no[32], head_name[64], village_name[64], status[16];
	int64_t contact_id;      /* 0: none */
	char contact_name[64];
	char identified_on[11], last_visit_on[11];
	int days_since_visit;    /* since the last visit, or identification if none */
};

/* Households in scope that have flag f, ordered by contact person (pinyin;
 * those without one last), village and head of household.  contact_id > 0
 * keeps that contact person's households, -1 those without one, 0 all. */
int todo_households(struct session *s, enum flag f, int64_t contact_id, int offset,
                    struct todo_row *out, int max);
int64_t todo_households_count(struct session *s, enum flag f, int64_t contact_id);

#endif
