#include "register/income_round.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "register/hhlist.h"
#include "register/member_events.h"

/* the statuses whose incomes are collected every year */
#define ROUND_WHERE " AND h.status IN ('监测中', '消除中', '风险已消除')"
#define ROUND_ORDER " ORDER BY g.code, h.head_pinyin, h.id"
#define ROUND_COLS \
	"SELECT h.id, h.hh_no, h.head_name, coalesce(g.name, ''), h.status" \
	" FROM households h LEFT JOIN areas g ON g.id = h.group_id"

int income_round_year(jday today)
{
	int y, m, d;
	date_to_ymd(today, &y, &m, &d);
	return m >= 11 ? y : y - 1;
}

int income_round_season(jday today)
{
	int y, m, d;
	date_to_ymd(today, &y, &m, &d);
	return m >= 11 || m == 1;
}

static struct stmt *round_prepare(struct session *s, int64_t village_id, const char *head,
                                  const char *tail)
{
	struct hh_filter f;
	memset(&f, 0, sizeof f);
	f.village_id = village_id;
	return hhlist_prepare(s, &f, head, tail);
}

static void read_row(struct stmt *st, struct income_row *r)
{
	memset(r, 0, sizeof *r);
	r->household_id = stmt_int(st, 0);
	snprintf(r->hh_no, sizeof r->hh_no, "%s", stmt_text(st, 1));
	snprintf(r->head_name, sizeof r->head_name, "%s", stmt_text(st, 2));
	snprintf(r->group, sizeof r->group, "%s", stmt_text(st, 3));
	snprintf(r->status, sizeof r->status, "%s", stmt_text(st, 4));
}

int income_round(struct session *s, int64_t village_id, int year, struct income_row *out,
                 int max)
{
	struct stmt *st = round_prepare(s, village_id, ROUND_COLS, ROUND_WHERE ROUND_ORDER);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1)
		read_row(st, &out[n++]);
	stmt_done(st);
	/* after the list's statement is done: these read the database again */
	for (int i = 0; i < n; i++) {
		income_get(s, out[i].household_id, year, &out[i].in);
		out[i].size = household_size_in(s, out[i].household_id, year);
	}
	return n;
}

int64_t income_round_count(struct session *s, int64_t village_id)
{
	struct stmt *st = round_prepare(s, village_id, "SELECT count(*) FROM households h",
	                                ROUND_WHERE);
	int64_t n = st && stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}

int64_t income_unrecorded_count(struct session *s, int year)
{
	struct stmt *st = round_prepare(s, 0, "SELECT count(*) FROM households h", ROUND_WHERE
	                                " AND NOT EXISTS (SELECT 1 FROM incomes i"
	                                " WHERE i.household_id = h.id AND i.year = ?30)");
	if (st)
		stmt_bind_int(st, 30, year);
	int64_t n = st && stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}

int income_below_line(const struct config *c, const struct income *in, int size)
{
	int above = income_above_line(c, in->year, income_per_capita(in, size));
	return above < 0 ? -1 : !above;
}

int64_t income_below_line_count(struct session *s, int year, int64_t *recorded)
{
	struct stmt *st = round_prepare(s, 0, "SELECT h.id FROM households h"
	                                " JOIN incomes i ON i.household_id = h.id AND i.year = ?30",
	                                ROUND_WHERE);
	int64_t below = 0, n = 0, ids_max = 0;
	int64_t *ids = NULL;
	if (st)
		stmt_bind_int(st, 30, year);
	while (st && stmt_step(st) == 1) {
		if (n == ids_max) {
			int64_t *more = realloc(ids, (size_t)(ids_max = ids_max ? ids_max * 2 : 256) *
			                        sizeof *ids);
			if (!more)
				break;
			ids = more;
		}
		ids[n++] = stmt_int(st, 0);
	}
	stmt_done(st);
	for (int64_t i = 0; i < n; i++) {
		struct income in;
		income_get(s, ids[i], year, &in);
		below += income_below_line(s->cfg, &in, household_size_in(s, ids[i], year)) == 1;
	}
	free(ids);
	if (recorded)
		*recorded = n;
	return below;
}
