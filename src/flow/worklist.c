/* Lists for the work screens, built on hhlist_prepare(): the scope, the
 * area filter and the flag predicates are the household list's own, so a
 * household shown here is one the household list shows too. */
#include "flow/worklist.h"

#include <stdio.h>
#include <string.h>

#include "register/flags.h"
#include "register/hhlist.h"
#include "register/rules_sql.h"
#include "access/scope.h"

/* parameters of our own tails: above hhlist's ?1..?10, below the flags' ?901;
 * the month a visit is due in is the flags' own ?909 */
enum { P_SINCE = 909, P_CATEGORY = 22, P_STATE = 23, P_LIMIT = 24, P_OFFSET = 25 };

#define DUE_COLS \
	"SELECT h.id, h.hh_no, h.head_name, v.name, coalesce(g.name, ''), h.status," \
	" coalesce(h.identified_on, ''), coalesce(h.last_visit_on, ''), coalesce(h.contact_id, 0)," \
	" coalesce(c.name, ''), CASE WHEN " SQL_VISIT_OVERDUE " THEN 1 ELSE 0 END"
#define DUE_FROM \
	" FROM households h JOIN areas t ON t.id = h.township_id JOIN areas v ON v.id = h.village_id" \
	" LEFT JOIN areas g ON g.id = h.group_id LEFT JOIN contacts c ON c.id = h.contact_id"
#define DUE_WHERE " AND " SQL_VISIT_DUE
/* the order of print_forms.c's 走访记录表 */
#define DUE_ORDER " ORDER BY t.code, v.code, g.code, h.head_pinyin, h.id"

static struct stmt *due_prepare(struct session *s, int64_t contact_id, int64_t area_id,
                                jday since, const char *head, const char *tail)
{
	struct hh_filter f;
	char day[11];
	memset(&f, 0, sizeof f);
	f.village_id = area_id;
	f.contact_id = contact_id;
	struct stmt *st = hhlist_prepare(s, &f, head, tail);
	if (st)
		stmt_bind_text(st, P_SINCE, date_fmt(since, day));
	return st;
}

static void read_due(struct stmt *st, struct due_row *r)
{
	int c = 0;
	memset(r, 0, sizeof *r);
#define TXT(f) snprintf(r->f, sizeof r->f, "%s", stmt_text(st, c++))
	r->household_id = stmt_int(st, c++);
	TXT(hh_no); TXT(head_name); TXT(village); TXT(group); TXT(status);
	TXT(identified_on); TXT(last_visit_on);
	r->contact_id = stmt_int(st, c++);
	TXT(contact_name);
#undef TXT
	r->overdue = (int)stmt_int(st, c);
}

int visit_due(struct session *s, int64_t contact_id, int64_t area_id, jday since, int offset,
              struct due_row *out, int max)
{
	struct stmt *st = due_prepare(s, contact_id, area_id, since, DUE_COLS DUE_FROM,
	                              DUE_WHERE DUE_ORDER " LIMIT ?24 OFFSET ?25");
	if (!st)
		return 0;
	stmt_bind_int(st, P_LIMIT, max);
	stmt_bind_int(st, P_OFFSET, offset);
	int n = 0;
	while (n < max && stmt_step(st) == 1)
		read_due(st, &out[n++]);
	stmt_done(st);
	return n;
}

int64_t visit_due_count(struct session *s, int64_t contact_id, int64_t area_id, jday since)
{
	struct stmt *st = due_prepare(s, contact_id, area_id, since,
	                              "SELECT count(*) FROM households h", DUE_WHERE);
	int64_t n = st && stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}

/* ---- measures of an area ---- */

#define MEASURE_HEAD \
	"SELECT m.id, m.household_id, m.category, m.developmental, m.content, m.department," \
	" m.start_on, coalesce(m.end_on, ''), m.entered_on, coalesce(m.amount, -1), m.state," \
	" m.version, h.hh_no, h.head_name, v.name" \
	" FROM households h JOIN measures m ON m.household_id = h.id" \
	" JOIN areas v ON v.id = h.village_id"
#define MEASURE_WHERE \
	" AND (?22 = '' OR m.category = ?22) AND (?23 = '' OR m.state = ?23)"

static struct stmt *measure_prepare(struct session *s, const struct measure_filter *mf,
                                    const char *head, const char *tail)
{
	struct hh_filter f;
	memset(&f, 0, sizeof f);
	f.village_id = mf->area_id;
	struct stmt *st = hhlist_prepare(s, &f, head, tail);
	if (st) {
		stmt_bind_text(st, P_CATEGORY, mf->category);
		stmt_bind_text(st, P_STATE, mf->state);
	}
	return st;
}

static void read_measure_row(struct stmt *st, struct measure_row *r)
{
	struct measure *m = &r->m;
	int c = 0;
	memset(r, 0, sizeof *r);
#define TXT(p, f) snprintf(p->f, sizeof p->f, "%s", stmt_text(st, c++))
	m->id = stmt_int(st, c++);
	m->household_id = stmt_int(st, c++);
	TXT(m, category);
	m->developmental = (int)stmt_int(st, c++);
	TXT(m, content); TXT(m, department); TXT(m, start_on); TXT(m, end_on); TXT(m, entered_on);
	m->amount = stmt_int(st, c++);
	TXT(m, state);
	m->version = (int)stmt_int(st, c++);
	TXT(r, hh_no); TXT(r, head_name); TXT(r, village);
#undef TXT
}

int measure_area_list(struct session *s, const struct measure_filter *f, int offset,
                      struct measure_row *out, int max)
{
	struct stmt *st = measure_prepare(s, f, MEASURE_HEAD, MEASURE_WHERE
		" ORDER BY v.code, h.head_pinyin, h.id, m.start_on, m.id LIMIT ?24 OFFSET ?25");
	if (!st)
		return 0;
	stmt_bind_int(st, P_LIMIT, max);
	stmt_bind_int(st, P_OFFSET, offset);
	int n = 0;
	while (n < max && stmt_step(st) == 1)
		read_measure_row(st, &out[n++]);
	stmt_done(st);
	return n;
}

int64_t measure_area_count(struct session *s, const struct measure_filter *f)
{
	struct stmt *st = measure_prepare(s, f, "SELECT count(*) FROM households h"
	                                  " JOIN measures m ON m.household_id = h.id", MEASURE_WHERE);
	int64_t n = st && stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}

/* ---- leads ---- */

int64_t lead_open_count(struct session *s)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM leads l JOIN areas a ON a.id = l.village_id"
	         " WHERE %s AND l.state = '待核实'", scope_area_predicate(&s->scope));
	struct stmt *st = store_prepd(s->db, sql);
	if (!st)
		return 0;
	stmt_bind_int(st, 1, scope_value(&s->scope));
	int64_t n = stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}
