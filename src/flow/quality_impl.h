/* Private to the quality rules: the table and the 缺啥补啥 test shared by
 * the rules and quality_risk_gaps(). */
#ifndef JIANCE_QUALITY_IMPL_H
#define JIANCE_QUALITY_IMPL_H

#include "flow/quality.h"

extern const struct quality_rule quality_rules[];
extern const int quality_nrules;

/* The configuration goes in as bound text, one item a line (quality.c):
 * a list is "\nA\nB\n", so x is in it when instr(list, '\n' || x || '\n')
 * finds it; stored text never holds a newline or a tab (issue 14).  The
 * risk map (?801) has a line "risk" for each risk it answers and a line
 * "risk<TAB>category" for each of its categories. */
#define QUALITY_IN(list, x) "instr(" list ", '\n' || " x " || '\n') > 0"
#define QUALITY_NOT_IN(list, x) "instr(" list ", '\n' || " x " || '\n') = 0"

/* The household_risks row qr (of household h) names a risk that the map
 * answers with categories, and the household has no measure of any of
 * them. */
#define QUALITY_SQL_GAP \
	QUALITY_IN("?801", "qr.risk") " AND NOT EXISTS (SELECT 1 FROM measures qm" \
	" WHERE qm.household_id = h.id AND " QUALITY_IN("?801", "qr.risk || '\t' || qm.category") ")"

/* Every rule is about households in one of these statuses: the counts
 * read only those (the status index skips leads and roster households). */
#define QUALITY_STATUSES "h.status IN ('识别中','监测中','消除中','风险已消除')"

#endif
