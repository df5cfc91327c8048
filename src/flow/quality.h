/* Data-quality rules (数据疑点, issue 15; NATIONAL.md §3): each with a stable
 * code (the national one where it exists, else JC-nn), a plain Chinese
 * sentence, the form field that fixes it, and one SQL predicate over
 * households that is the rule.  `jiance check`, the to-do queue, the
 * dashboard and elimination (缺啥补啥) all ask it here. */
#ifndef JIANCE_QUALITY_H
#define JIANCE_QUALITY_H

#include <stdint.h>

#include "access/session.h"

struct quality_rule {
	const char *code;        /* 5_18_001, JC-01 … */
	const char *text;        /* 因病的监测户没有健康帮扶、社会帮扶或综合保障措施 */
	const char *field;       /* what to open: "measures", "members", a household field */
	const char *sql;         /* boolean over households aliased h (quality.c binds ?8nn) */
	int flag;                /* or the policy flag that is this rule (register/flags.h) */
};

int quality_count(void);
const struct quality_rule *quality_rule_at(int i);
/* The rule of that code, NULL if none. */
const struct quality_rule *quality_find(const char *code);

/* How many households in the officer's scope break each rule (counts has
 * quality_count() places).  0, or -1 if the database failed. */
int quality_counts(struct session *s, int64_t *counts);
/* The households in scope breaking the rule, by village and head's name. */
struct quality_hit {
	int64_t household_id;
	char hh_no[32], head_name[64], village[64];
};
int quality_list(struct session *s, const struct quality_rule *r, int offset,
                 struct quality_hit *out, int max);
/* The findings in scope as one list, rule by rule (counts as from
 * quality_counts): items [offset, offset + max).  The count. */
struct quality_finding { int rule; struct quality_hit hit; };
int quality_findings(struct session *s, const int64_t *counts, long offset,
                     struct quality_finding *out, int max);
/* The rules one household breaks (indexes into the table); the count. */
int quality_of(struct session *s, int64_t household_id, int *out, int max);
/* Households in scope breaking at least one rule. */
int64_t quality_households(struct session *s);

/* 缺啥补啥: the household's risk types that no measure answers (by the
 * configured quality.risk_measures), in its order; the count. */
int quality_risk_gaps(struct session *s, int64_t household_id, char out[][48], int max);

#endif
