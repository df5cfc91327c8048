/* Private to the quality rules: the table and the 缺啥补啥 test shared by
 * the rules and quality_risk_gaps(). */
#ifndef JIANCE_QUALITY_IMPL_H
#define JIANCE_QUALITY_IMPL_H

#include "flow/quality.h"

extern const struct quality_rule quality_rules[];
extern const int quality_nrules;

/* The household_risks row qr (of household h) names a risk that the map
 * (?801, a JSON object risk → categories) answers with categories, and the
 * household has no measure of any of them. */
#define QUALITY_SQL_GAP \
	"json_type(?801, '$.\"' || qr.risk || '\"') IS NOT NULL AND NOT EXISTS" \
	" (SELECT 1 FROM measures qm, json_each(?801, '$.\"' || qr.risk || '\"') qj" \
	" WHERE qm.household_id = h.id AND qm.category = qj.value)"

/* Every rule is about households in one of these statuses: the counts
 * read only those (the status index skips leads and roster households). */
#define QUALITY_STATUSES "h.status IN ('识别中','监测中','消除中','风险已消除')"

#endif
