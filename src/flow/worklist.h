/* The lists the console's work screens need beyond the to-do queue: the
 * households still to be visited this month (the bulk visit grid) and the
 * measures of an area (the measures list).  Scoped like every other list. */
#ifndef JIANCE_WORKLIST_H
#define JIANCE_WORKLIST_H

#include <stdint.h>

#include "assist/assist.h"
#include "base/clock.h"
#include "access/session.h"

struct due_row {
	int64_t household_id;
	char hh_no[32], head_name[64], village[64], group[64], status[16];
	char identified_on[11], last_visit_on[11];
	int64_t contact_id;      /* 0: none */
	char contact_name[64];
	int overdue;             /* FLAG_VISIT_OVERDUE now */
};

/* Households under monitoring (监测中, 消除中) not visited since `since`
 * (the first day of this month): of one contact person (contact_id > 0),
 * of none (-1) or of any (0); inside an area (area_id: a township, village
 * or group; 0: the whole scope); in the order of the printed 走访记录表
 * (township, village, group, head by pinyin), so paper and grid agree. */
int visit_due(struct session *s, int64_t contact_id, int64_t area_id, jday since, int offset,
              struct due_row *out, int max);
int64_t visit_due_count(struct session *s, int64_t contact_id, int64_t area_id, jday since);

struct measure_filter {
	int64_t area_id;         /* a township or village in scope; 0: the whole scope */
	char category[64];       /* "": any */
	char state[16];          /* "": any */
};

struct measure_row {
	struct measure m;
	char hh_no[32], head_name[64], village[64];
};

/* Measures of households in scope, by village, head of household and start. */
int measure_area_list(struct session *s, const struct measure_filter *f, int offset,
                      struct measure_row *out, int max);
int64_t measure_area_count(struct session *s, const struct measure_filter *f);

/* Open leads (待核实) in scope. */
int64_t lead_open_count(struct session *s);

#endif
