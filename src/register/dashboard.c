#include "register/dashboard.h"
#include "register/upstream.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/text.h"
#include "access/scope.h"
#include "base/vocab.h"

/* The scoped query: fixed fragments and the scope's column name only,
 * the scope value bound as ?1. */
__attribute__((format(printf, 2, 3)))
static struct stmt *scoped(struct session *s, const char *fmt, ...)
{
	char sql[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	struct stmt *st = store_prepd(s->db, sql);
	if (st)
		stmt_bind_int(st, 1, scope_value(&s->scope));
	return st;
}

static int by_status(struct session *s, struct dash *d)
{
	struct stmt *st = scoped(s, "SELECT status, hh_type, count(*) FROM households"
	                            " WHERE %s = ?1 GROUP BY status, hh_type",
	                            scope_column(&s->scope));
	if (!st)
		return -1;
	while (stmt_step(st) == 1) {
		enum hh_status k;
		int known = hh_status_from_text(stmt_text(st, 0), &k) == 0;
		int t = vocab_find(&VOCAB_HH_TYPE, stmt_text(st, 1));
		int64_t n = stmt_int(st, 2);
		d->total += n;
		if (!known)
			continue;
		d->status[k] += n;
		if (t >= 0 && (k == STATUS_MONITORED || k == STATUS_ELIMINATING))
			d->type_monitored[t] += n;
		else if (t >= 0 && k == STATUS_ELIMINATED)
			d->type_eliminated[t] += n;
	}
	stmt_done(st);
	return 0;
}

static int by_month(struct session *s, struct dash *d)
{
	struct stmt *st = scoped(s,
		"SELECT 0, CAST(substr(identified_on, 6, 2) AS INTEGER), count(*) FROM households"
		" WHERE %1$s = ?1 AND identified_on >= ?2 AND identified_on < ?3 GROUP BY 2"
		" UNION ALL SELECT 1, CAST(substr(eliminated_on, 6, 2) AS INTEGER), count(*)"
		" FROM households WHERE %1$s = ?1 AND eliminated_on >= ?2 AND eliminated_on < ?3"
		" GROUP BY 2",
		scope_column(&s->scope));
	if (!st)
		return -1;
	char year[16], next[16];   /* the dates of the year: [year, next) */
	snprintf(year, sizeof year, "%04d-", d->year);
	text_prefix_end(year, next, sizeof next);
	stmt_bind_text(st, 2, year);
	stmt_bind_text(st, 3, next);
	while (stmt_step(st) == 1) {
		int m = (int)stmt_int(st, 1);
		if (m < 1 || m > 12)
			continue;
		if (stmt_int(st, 0) == 0)
			d->identified[m - 1] = stmt_int(st, 2);
		else
			d->eliminated[m - 1] = stmt_int(st, 2);
	}
	stmt_done(st);
	return 0;
}

/* The level below the officer's: townships of a county, villages of a
 * township, groups of a village. */
static const char *sub_column(const struct scope *sc, const char **label)
{
	switch (sc->level) {
	case LEVEL_VILLAGE: *label = "村民小组"; return "group_id";
	case LEVEL_TOWNSHIP: *label = "村（社区）"; return "village_id";
	default: *label = "乡镇"; return "township_id";
	}
}

static int by_area(struct session *s, struct dash *d, int max)
{
	const char *col = sub_column(&s->scope, &d->area_level);
	char sql[1024];
	snprintf(sql, sizeof sql,
		"SELECT a.id, a.name, count(h.id), count(*) FILTER (WHERE h.status IN ('监测中','消除中'))"
		"  FROM areas a LEFT JOIN households h ON h.%s = a.id"
		" WHERE a.parent_id = ?1 GROUP BY a.id ORDER BY a.pinyin, a.code", col);
	struct stmt *st = store_prepd(s->db, sql);
	if (!st)
		return -1;
	stmt_bind_int(st, 1, scope_value(&s->scope));
	while (d->nareas < max && stmt_step(st) == 1) {
		struct dash_area *a = &d->areas[d->nareas++];
		a->id = stmt_int(st, 0);
		snprintf(a->name, sizeof a->name, "%s", stmt_text(st, 1));
		a->households = stmt_int(st, 2);
		a->monitored = stmt_int(st, 3);
	}
	stmt_done(st);
	return 0;
}

int dash_load(struct session *s, struct dash *d, struct dash_area *areas, int max_areas)
{
	memset(d, 0, sizeof *d);
	d->areas = areas;
	d->year = date_year(clock_today());
	/* one snapshot: the numbers add up even while others save */
	if (store_read_begin(s->db) != 0)
		return -1;
	int rc = by_status(s, d) | by_month(s, d) | by_area(s, d, max_areas);
	d->upstream = upstream_pending_count(s);
	d->upstream_households = upstream_pending_households(s);
	store_read_end(s->db);
	return rc ? -1 : 0;
}
