/* The derived policy flags of SPEC §5–§6, each defined in exactly one place
 * and used alike by lists, to-do queues, `jiance check` and exports. */
#ifndef JIANCE_FLAGS_H
#define JIANCE_FLAGS_H

#include <stdint.h>

#include <stddef.h>

#include "access/session.h"

enum flag {
	FLAG_NO_CONTACT = 1,     /* 监测中/消除中 without a current contact person */
	FLAG_NO_MEASURE = 2,     /* monitored > measure_grace_days without a measure */
	FLAG_VISIT_OVERDUE = 4,  /* no visit in the last complete month (visit_rule) */
	FLAG_RUN_OVERDUE = 8,    /* identification run past its deadline */
	FLAG_NO_DEV_MEASURE = 16 /* labour capacity, monitored >= 6 months, no 开发式 measure */
};
#define FLAG_COUNT 5

const char *flag_label(enum flag f);      /* 无联系人 … */
/* What a flag means with the configured numbers, for reports (`jiance
 * check`): "上一个完整月份（全月在监测）没有走访的户" … */
void flag_describe(const struct config *c, enum flag f, char *out, size_t n);
/* An SQL boolean over households aliased h.  It uses parameters ?901..?909,
 * which flags_bind() gives values for; list and count queries embed it. */
const char *flag_predicate(enum flag f);
/* The cut-off dates the predicates compare with, from today and the
 * configuration: visit_since, visit_from and visit_to are the visit rule's
 * (SQL_VISIT_OVERDUE), month the first day of this month (SQL_VISIT_DUE). */
struct flag_dates {
	char today[11], measure[11], run[11], dev[11];
	char visit_since[11], visit_from[11], visit_to[11], month[11];
};
void flag_dates(const struct session *s, struct flag_dates *d);
/* Binds d to ?901 today, ?903 measure, ?904 run, ?905 dev, ?906 visit_since,
 * ?907 visit_from, ?908 visit_to, ?909 month on a statement that embeds flag
 * predicates. */
struct stmt;
void flags_bind(struct stmt *st, const struct flag_dates *d);
/* Bitmask of the flags one household has now (0 outside the scope). */
int flags_of(struct session *s, int64_t household_id);
/* Count of households in scope with each flag (index by bit position). */
int flags_count(struct session *s, int64_t counts[FLAG_COUNT]);

#endif
