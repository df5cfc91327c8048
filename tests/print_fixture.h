/* A county for the printing tests, written straight into the tables so a
 * ledger of thousands of households is ready in a moment: two townships,
 * three villages (one a 社区) with groups, officers of every role, and
 * households in every status with members, incomes, risks, measures,
 * visits, step-3 postings (this year's second batch in 龙阳村) and step-5
 * decisions.  Members carry health words (长期慢性病, 患有大病, 残疾) and
 * 11-digit phones on purpose: notices must not show them.  Deterministic. */
#ifndef JIANCE_PRINT_FIXTURE_H
#define JIANCE_PRINT_FIXTURE_H

#include <stdint.h>

#include "config/config.h"
#include "access/session.h"

/* The day the fixture pins today to (posting and decision dates follow). */
#define PF_TODAY "2026-05-20"

struct print_fixture {
	char path[256];             /* the database, a file (or a URL under make check-pg): the CLI tests open it too */
	struct store *db;
	struct config cfg;
	int64_t county, baojia, yushan, longyang, shiban, zhongjing;
	/* county, township 保家镇, village 龙阳村 (role, area) */
	struct session county_s, township_s, village_s;
};

/* n households over the three villages; monitored_only puts all of them
 * in 监测中/消除中/风险已消除 (ledger size tests).  0 or -1. */
int pf_open(struct print_fixture *f, int n, int monitored_only);
void pf_close(struct print_fixture *f);

#endif
