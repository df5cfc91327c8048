/* SQL fragments of the policy rules that several modules embed (flags,
 * flows, elimination conditions, to-do lists).  Each rule is written here
 * once, so a list, a count, a single household's flags and a refusal can
 * never disagree.  Households are aliased h, flow runs r.  Private to src/. */
#ifndef JIANCE_RULES_SQL_H
#define JIANCE_RULES_SQL_H

/* under monitoring: the statuses that need a contact person, measures, visits */
#define SQL_MONITORED "h.status IN ('监测中','消除中')"

/* someone in the household can work (SPEC §2 labour capacity; the same two
 * values as labour_can_work() in vocab.c) and it is not a 整户无劳动能力 household */
#define SQL_HAS_LABOUR \
	"(h.whole_no_labour = 0 AND EXISTS (SELECT 1 FROM members lm" \
	" WHERE lm.household_id = h.id AND lm.active <> 0" \
	" AND lm.labour NOT IN ('丧失劳动力','无劳动力')))"

#define SQL_HAS_MEASURE "EXISTS (SELECT 1 FROM measures xm WHERE xm.household_id = h.id)"
#define SQL_HAS_DEV_MEASURE \
	"EXISTS (SELECT 1 FROM measures xd WHERE xd.household_id = h.id AND xd.developmental <> 0)"

/* The day the visit clock runs from: the last visit that happened, but
 * never earlier than identification (a re-identified household starts afresh). */
#define SQL_LAST_VISIT "CASE WHEN coalesce(h.last_visit_on, '') > coalesce(h.identified_on, '')" \
	" THEN coalesce(h.last_visit_on, '') ELSE coalesce(h.identified_on, '') END"

/* A visit happened on a day in [from, to): the household's last visit
 * answers most households without looking at their visits. */
#define SQL_VISITED_IN(from, to) \
	"(coalesce(h.last_visit_on, '') >= " from " AND (h.last_visit_on < " to \
	" OR EXISTS (SELECT 1 FROM visits xv WHERE xv.household_id = h.id" \
	" AND xv.visited_on >= " from " AND xv.visited_on < " to ")))"

/* The visit rule (SPEC §6), the one definition of 走访超期: a monitored
 * household, monitored since ?906 at the latest, had no visit in the
 * window [?907, ?908).  flag_dates() sets them from flow.visit_rule:
 * "month" -- the last complete calendar month, monitored throughout it;
 * "days" -- visit_interval_days back from today to any later day (the
 * rolling interval: identified and last visited before the window). */
#define SQL_VISIT_OVERDUE \
	"(" SQL_MONITORED " AND coalesce(h.identified_on, '') <= ?906" \
	" AND NOT " SQL_VISITED_IN("?907", "?908") ")"

/* 本月待走访: a monitored household identified before this month (?909,
 * its first day) not yet visited this month, under either rule. */
#define SQL_VISIT_DUE \
	"(" SQL_MONITORED " AND coalesce(h.identified_on, '') < ?909" \
	" AND NOT " SQL_VISITED_IN("?909", "'9999-12-31'") ")"

/* an identification run past its deadline; ?904 is the cut-off of flags_bind() */
#define SQL_RUN_OVERDUE \
	"(r.kind = '识别纳入' AND r.state = '进行中' AND r.counted_from < ?904)"

/* a lead (aliased l) overdue: not verified by its verify-by date (today is
 * ?901; a lead from before verify-by dates were kept: past the
 * identification deadline, ?904), or its identification run is overdue.
 * The runs overdue are found once (the open ones, by runs_step), not
 * looked up for each of the thousands of leads whose run has ended: the
 * township's to-do count took 40 ms so on 200,000 households. */
#define SQL_LEAD_OVERDUE \
	"((l.state = '待核实' AND CASE WHEN l.verify_by IS NULL THEN l.created_on < ?904" \
	" ELSE l.verify_by < ?901 END) OR (l.state = '已启动识别' AND l.run_id IN" \
	" (SELECT r.id FROM flow_runs r WHERE " SQL_RUN_OVERDUE ")))"

/* Four eyes: who passed the step before the run's current one, most
 * recently (a step done again after 退回 counts only in its latest record). */
#define SQL_LAST_PASSER \
	"(SELECT f.officer_id FROM flow_steps f WHERE f.run_id = r.id" \
	" AND f.step = r.step - 1 AND f.outcome = '通过' ORDER BY f.id DESC LIMIT 1)"

#endif
