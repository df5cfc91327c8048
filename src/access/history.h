/* A household's audit history (SPEC §11), newest first and paged, for the
 * household detail: every change filed under the household, who made it
 * and when.  Scoped: nothing for a household outside the officer's area. */
#ifndef JIANCE_HISTORY_H
#define JIANCE_HISTORY_H

#include <stdint.h>

#include "access/session.h"

struct history_row {
	int64_t id;
	char at[20];
	char officer[64];
	char tbl[32];
	int64_t rec;
	char field[48];
	char old[160], new_value[160];   /* as written; the screen masks IDs */
};

int64_t history_count(struct session *s, int64_t household_id);
/* Rows [offset, offset + max) newest first; returns how many. */
int history_page(struct session *s, int64_t household_id, int64_t offset, int max,
                 struct history_row *out);

#endif
