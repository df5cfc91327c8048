/* December's income collection (issue 16): every monitored household's
 * income for the year is collected and keyed, village by village, in the
 * console's income grid; each row is saved by income_save, as the income
 * form saves, and judged against the year's line as the flows judge it. */
#ifndef JIANCE_INCOME_ROUND_H
#define JIANCE_INCOME_ROUND_H

#include <stdint.h>

#include "base/clock.h"
#include "register/household.h"

struct income_row {
	int64_t household_id;
	char hh_no[32], head_name[64], group[64], status[16];
	struct income in;        /* the year's, as recorded; in.version 0: not yet */
	int size;                /* members present that year (household_size_in) */
};

/* The year whose incomes are collected on `today`: this year from November
 * (December's collection), else the year before. */
int income_round_year(jday today);
/* 1 in the months incomes are collected (November to January). */
int income_round_season(jday today);
/* Households of the collection in scope with no income of `year` yet. */
int64_t income_unrecorded_count(struct session *s, int year);
/* The households of the collection in a village (in the officer's scope):
 * 监测中, 消除中 and 风险已消除, by group and head's pinyin (the printed
 * ledger's order), each with its income of `year` and the members present
 * that year.  Returns how many (at most max). */
int income_round(struct session *s, int64_t village_id, int year, struct income_row *out,
                 int max);
int64_t income_round_count(struct session *s, int64_t village_id);
/* 人均纯收入 of `in` divided among `size` members, against the line of
 * in->year (config_line, the line the elimination judges by): 1 not above
 * it (within the monitoring range), 0 above it, -1 no line configured. */
int income_below_line(const struct config *c, const struct income *in, int size);
/* Households of the collection in scope whose income of `year` is recorded
 * and not above the line (members present that year); *recorded gets how
 * many have one recorded at all. */
int64_t income_below_line_count(struct session *s, int year, int64_t *recorded);

#endif
