/* The derived policy flags.  Each flag is one SQL predicate below; lists,
 * counts, to-do queues, `jiance check` and flags_of() all embed the same
 * text, so a household is flagged the same way everywhere. */
#include "register/flags.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "register/rules_sql.h"
#include "access/scope.h"
#include "store/store.h"

const char *flag_label(enum flag f)
{
	switch (f) {
	case FLAG_NO_CONTACT: return "无帮扶联系人";
	case FLAG_NO_MEASURE: return "超期未落实帮扶措施";
	case FLAG_VISIT_OVERDUE: return "走访超期";
	case FLAG_RUN_OVERDUE: return "识别超期";
	case FLAG_NO_DEV_MEASURE: return "有劳动能力无开发式措施";
	}
	return "";
}

const char *flag_predicate(enum flag f)
{
	switch (f) {
	case FLAG_NO_CONTACT:
		return "(" SQL_MONITORED " AND h.contact_id IS NULL)";
	case FLAG_NO_MEASURE:   /* monitored more than measure_grace_days */
		return "(" SQL_MONITORED " AND h.identified_on < ?903 AND NOT " SQL_HAS_MEASURE ")";
	case FLAG_VISIT_OVERDUE:  /* more than visit_interval_days since the last visit */
		return "(" SQL_MONITORED " AND " SQL_LAST_VISIT " < ?902)";
	case FLAG_RUN_OVERDUE:
		return "EXISTS (SELECT 1 FROM flow_runs r WHERE r.household_id = h.id AND "
		       SQL_RUN_OVERDUE ")";
	case FLAG_NO_DEV_MEASURE:  /* monitored at least min_months_before_elimination */
		return "(" SQL_MONITORED " AND h.identified_on <= ?905 AND " SQL_HAS_LABOUR
		       " AND NOT " SQL_HAS_DEV_MEASURE ")";
	}
	return "0";
}

/* The same day `months` whole months earlier, clamped to the month's end,
 * so date_months_between(result, d) == months (see clock.h). */
static jday months_back(jday d, int months)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	int idx = y * 12 + (m - 1) - months;
	y = idx / 12;
	m = idx % 12 + 1;
	while (dd > 28 && !date_valid_ymd(y, m, dd))
		dd--;
	return date_from_ymd(y, m, dd);
}

void flag_dates(const struct session *s, struct flag_dates *d)
{
	jday today = clock_today();
	const struct config *c = s->cfg;
	date_fmt(today, d->today);
	date_fmt(today - c->visit_interval_days, d->visit);
	date_fmt(today - c->measure_grace_days, d->measure);
	date_fmt(today - c->identification_deadline_days, d->run);
	date_fmt(months_back(today, c->min_months_before_elimination), d->dev);
}

/* A statement may embed only some predicates: binding a number it does not
 * use fails with SQLITE_RANGE, which is harmless here. */
void flags_bind(struct stmt *st, const struct flag_dates *d)
{
	stmt_bind_text(st, 901, d->today);
	stmt_bind_text(st, 902, d->visit);
	stmt_bind_text(st, 903, d->measure);
	stmt_bind_text(st, 904, d->run);
	stmt_bind_text(st, 905, d->dev);
}

/* "(CASE WHEN p1 THEN 1 ELSE 0 END) | (CASE WHEN p2 THEN 2 ...)" */
static void append_bits(char *sql, size_t n)
{
	for (int i = 0; i < FLAG_COUNT; i++) {
		size_t len = strlen(sql);
		snprintf(sql + len, n - len, "%s(CASE WHEN %s THEN %d ELSE 0 END)", i ? " | " : "",
		         flag_predicate((enum flag)(1 << i)), 1 << i);
	}
}

int flags_of(struct session *s, int64_t household_id)
{
	char sql[4096] = "SELECT ";
	append_bits(sql, sizeof sql);
	size_t len = strlen(sql);
	snprintf(sql + len, sizeof sql - len, " FROM households h WHERE h.id = ?1 AND h.%s = ?2",
	         scope_column(&s->scope));
	struct stmt *st = store_prepd(s->db, sql);
	if (!st)
		return 0;
	struct flag_dates d;
	flag_dates(s, &d);
	stmt_bind_int(st, 1, household_id);
	stmt_bind_int(st, 2, scope_value(&s->scope));
	flags_bind(st, &d);
	int bits = stmt_step(st) == 1 ? (int)stmt_int(st, 0) : 0;
	stmt_done(st);
	return bits;
}

int flags_count(struct session *s, int64_t counts[FLAG_COUNT])
{
	char sql[4096] = "SELECT ";
	for (int i = 0; i < FLAG_COUNT; i++) {
		size_t len = strlen(sql);
		snprintf(sql + len, sizeof sql - len, "%stotal(CASE WHEN %s THEN 1 ELSE 0 END)",
		         i ? ", " : "", flag_predicate((enum flag)(1 << i)));
	}
	size_t len = strlen(sql);
	snprintf(sql + len, sizeof sql - len, " FROM households h WHERE h.%s = ?1",
	         scope_column(&s->scope));
	struct stmt *st = store_prepd(s->db, sql);
	memset(counts, 0, sizeof(int64_t) * FLAG_COUNT);
	if (!st)
		return -1;
	struct flag_dates d;
	flag_dates(s, &d);
	stmt_bind_int(st, 1, scope_value(&s->scope));
	flags_bind(st, &d);
	int rc = stmt_step(st);
	for (int i = 0; rc == 1 && i < FLAG_COUNT; i++)
		counts[i] = (int64_t)stmt_double(st, i);
	stmt_done(st);
	return rc == 1 ? 0 : -1;
}
