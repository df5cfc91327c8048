/* The numbers on the console's dashboard (SPEC §7), for the officer's
 * area: households by status, type and sub-area, this year's
 * identifications and eliminations by month.  Flag counts come from
 * flags_count() (flags.h), so they agree with every list. */
#ifndef JIANCE_DASHBOARD_H
#define JIANCE_DASHBOARD_H

#include <stdint.h>

#include "access/session.h"
#include "register/status.h"

#define DASH_STATUSES STATUS_COUNT
#define DASH_TYPES 3

struct dash_area {
	int64_t id;
	char name[96];
	int64_t households;
	int64_t monitored;       /* 监测中 + 消除中 */
};

struct dash {
	int64_t total;
	int64_t status[DASH_STATUSES];   /* indexed by enum hh_status */
	int64_t type_monitored[DASH_TYPES];   /* VOCAB_HH_TYPE order: 监测中 + 消除中 */
	int64_t type_eliminated[DASH_TYPES];  /* 风险已消除 */
	int year;
	int64_t identified[12], eliminated[12];   /* by month of `year` */
	int nareas;
	struct dash_area *areas;   /* the level below the officer's area */
	const char *area_level;    /* 乡镇 / 村 / 组 */
	int64_t upstream;          /* entries still to key into the national system */
	int64_t upstream_households;
};

/* Fills d for the year of clock_today(); areas holds at most max_areas
 * (the caller's array).  0, or -1 on a database error. */
int dash_load(struct session *s, struct dash *d, struct dash_area *areas, int max_areas);

#endif
