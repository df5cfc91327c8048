/* The household as found when a run was decided (issue 15, as the national
 * record keeps it): the income of the year judged (or, not yet recorded,
 * the latest year before it), with 理赔收入, and the four guarantees, once
 * at identification and once at elimination. */
#ifndef JIANCE_SNAPSHOT_H
#define JIANCE_SNAPSHOT_H

#include <stdint.h>

#include "access/session.h"
#include "register/household.h"

struct snapshot {
	int64_t run_id;
	char taken_on[11];
	int year, size, has_income;
	struct income in;
	int64_t per_capita;          /* 分 */
	int g_edu, g_med, g_house, g_water;
};

/* Written in the caller's transaction when run_id passes step 5 on day
 * done_on.  0, or -1 on a database error. */
int snapshot_take(struct session *s, int64_t run_id, int64_t household_id, const char *kind,
                  const char *done_on);
/* The latest snapshot of that kind (识别纳入 | 风险消除) of a household in
 * scope: 1 with *out, 0 if none (runs decided before schema 10 have none). */
int snapshot_get(struct session *s, int64_t household_id, const char *kind, struct snapshot *out);

#endif
