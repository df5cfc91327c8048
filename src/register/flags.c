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
	case FLAG_VISIT_OVERDUE:
		return SQL_VISIT_OVERDUE;
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

void flag_describe(const struct config *c, enum flag f, char *out, size_t n)
{
	switch (f) {
	case FLAG_NO_CONTACT:
		snprintf(out, n, "监测中或消除中、没有帮扶联系人的户");
		return;
	case FLAG_NO_MEASURE:
		snprintf(out, n, "纳入监测超过%d天仍没有帮扶措施的户", c->measure_grace_days);
		return;
	case FLAG_VISIT_OVERDUE:
		if (config_visit_by_month(c))
			snprintf(out, n, "上一个完整月份（全月在监测）没有走访的户");
		else
			snprintf(out, n, "超过%d天未走访的户", c->visit_interval_days);
		return;
	case FLAG_RUN_OVERDUE:
		snprintf(out, n, "识别纳入超过%d天未办结的户", c->identification_deadline_days);
		return;
	case FLAG_NO_DEV_MEASURE:
		snprintf(out, n, "有劳动能力、监测满%d个月仍没有开发式帮扶措施的户",
		         c->min_months_before_elimination);
		return;
	}
	snprintf(out, n, "%s", "");
}

static jday month_first(jday d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return date_from_ymd(y, m, 1);
}

/* The window of SQL_VISIT_OVERDUE: the month rule's last complete
 * month, or the days rule's interval with no end. */
static void visit_window(const struct config *c, jday today, struct flag_dates *d)
{
	jday this_month = month_first(today), from, since, to;
	if (config_visit_by_month(c)) {
		from = since = month_first(this_month - 1);
		to = this_month;
	} else {
		from = today - c->visit_interval_days;
		since = from - 1;
		to = date_from_ymd(9999, 12, 31);
	}
	date_fmt(since, d->visit_since);
	date_fmt(from, d->visit_from);
	date_fmt(to, d->visit_to);
	date_fmt(this_month, d->month);
}

void flag_dates(const struct session *s, struct flag_dates *d)
{
	jday today = clock_today();
	const struct config *c = s->cfg;
	date_fmt(today, d->today);
	date_fmt(today - c->measure_grace_days, d->measure);
	date_fmt(today - c->identification_deadline_days, d->run);
	date_fmt(months_back(today, c->min_months_before_elimination), d->dev);
	visit_window(c, today, d);
}

/* A statement may embed only some predicates: binding a number it does not
 * use fails with SQLITE_RANGE, which is harmless here. */
void flags_bind(struct stmt *st, const struct flag_dates *d)
{
	stmt_bind_text(st, 901, d->today);
	stmt_bind_text(st, 903, d->measure);
	stmt_bind_text(st, 904, d->run);
	stmt_bind_text(st, 905, d->dev);
	stmt_bind_text(st, 906, d->visit_since);
	stmt_bind_text(st, 907, d->visit_from);
	stmt_bind_text(st, 908, d->visit_to);
	stmt_bind_text(st, 909, d->month);
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
		snprintf(sql + len, sizeof sql - len, "%scount(*) FILTER (WHERE %s)",
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
