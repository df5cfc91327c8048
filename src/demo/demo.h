/* `jiance demo`: a synthetic county modelled on 彭水苗族土家族自治县, its
 * register and its history produced through the same engine the console
 * uses (household, lead, flow and assistance APIs), deterministic for a
 * seed and a "today". */
#ifndef JIANCE_DEMO_H
#define JIANCE_DEMO_H

#include <stdint.h>

#include "config/config.h"
#include "register/status.h"
#include "store/store.h"

struct demo_opts {
	int households;          /* how many households in the register */
	uint64_t seed;
	int progress;            /* 1: report progress on stderr */
};

/* What was made; status[] indexed by enum hh_status (线索 … 已注销). */
struct demo_stats {
	int64_t status[STATUS_COUNT];
	int64_t townships, villages, groups, officers, contacts;
	int64_t households, members, leads, runs, measures, visits;
};

/* Fills an empty database (freshly migrated) in one transaction.  The
 * history ends at clock_today(), which is unpinned again on return.
 * 0, or -1 with e naming the household and the engine's refusal. */
int demo_generate(struct store *db, const struct config *cfg, const struct demo_opts *o,
                  struct demo_stats *st, struct jerr *e);

#endif
