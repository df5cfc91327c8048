/* To-do queries.  They embed the same rule fragments as the flows and the
 * flags (rules_sql.h, flag_predicate), so a run listed as "waiting for
 * you" is one flow_complete() accepts, and a household listed as overdue
 * is one flags_of() reports. */
#include "flow/todo.h"

#include <stdio.h>
#include <string.h>

#include "flow/flow_impl.h"
#include "register/rules_sql.h"
#include "access/scope.h"

/* ?1 scope, ?2 me; ?11..?15 whether step 1..5 is this officer's role */
#define STEPS_WHERE \
	" WHERE r.state = '进行中' AND h.%s = ?1" \
	" AND ((r.step = 1 AND ?11 <> 0) OR (r.step = 2 AND ?12 <> 0) OR (r.step = 3 AND ?13 <> 0)" \
	"  OR (r.step = 4 AND ?14 <> 0) OR (r.step = 5 AND ?15 <> 0))" \
	" AND coalesce(" SQL_LAST_PASSER ", 0) <> ?2"
#define OVERDUE_WHERE " WHERE h.%s = ?1 AND " SQL_RUN_OVERDUE

/* overdue: the runs past their deadline, else the steps waiting for me */
static struct stmt *prepare_runs(struct session *s, const char *head, int overdue,
                                 const char *tail)
{
	char sql[4096], w[1024];
	snprintf(w, sizeof w, overdue ? OVERDUE_WHERE : STEPS_WHERE, scope_column(&s->scope));
	snprintf(sql, sizeof sql, "%s%s%s", head, w, tail);
	struct stmt *st = store_prepd(s->db, sql);
	if (!st)
		return NULL;
	struct flag_dates d;
	flag_dates(s, &d);
	flags_bind(st, &d);
	stmt_bind_int(st, 1, scope_value(&s->scope));
	stmt_bind_int(st, 2, s->me.id);
	for (int i = 0; i < 5; i++)
		stmt_bind_int(st, 11 + i, flow_role_does_step(s, i + 1));
	return st;
}

static int page_runs(struct session *s, int overdue, int offset, struct flow_run *out,
                     int max)
{
	struct stmt *st = prepare_runs(s, "SELECT " RUN_COLS RUN_FROM, overdue,
	                               " ORDER BY r.started_on, r.id LIMIT ?3 OFFSET ?4");
	if (!st)
		return 0;
	stmt_bind_int(st, 3, max);
	stmt_bind_int(st, 4, offset);
	int n = flow_read_page(s, st, out, max);
	stmt_done(st);
	return n;
}

static int64_t count_runs(struct session *s, int overdue)
{
	struct stmt *st = prepare_runs(s, "SELECT count(*)" RUN_FROM, overdue, "");
	int64_t n = st && stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}

int todo_steps(struct session *s, int offset, struct flow_run *out, int max)
{
	return page_runs(s, 0, offset, out, max);
}

int64_t todo_steps_count(struct session *s) { return count_runs(s, 0); }

int todo_overdue_runs(struct session *s, int offset, struct flow_run *out, int max)
{
	return page_runs(s, 1, offset, out, max);
}

int64_t todo_overdue_runs_count(struct session *s) { return count_runs(s, 1); }

int64_t todo_overdue_leads_count(struct session *s)
{
	char sql[2048];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM leads l JOIN areas a ON a.id = l.village_id"
	         " WHERE %s AND " SQL_LEAD_OVERDUE, scope_area_predicate(&s->scope));
	struct stmt *st = store_prepd(s->db, sql);
	if (!st)
		return 0;
	struct flag_dates d;
	flag_dates(s, &d);
	flags_bind(st, &d);
	stmt_bind_int(st, 1, scope_value(&s->scope));
	int64_t n = stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}

/* ---- households with a flag ---- */

static struct stmt *prepare_households(struct session *s, enum flag f, int64_t contact_id,
                                       const char *head, const char *tail)
{
	char sql[4096];
	const char *who = contact_id > 0 ? " AND h.contact_id = ?2"
	                : contact_id < 0 ? " AND h.contact_id IS NULL" : "";
	snprintf(sql, sizeof sql, "%s FROM households h JOIN areas v ON v.id = h.village_id"
	         " LEFT JOIN contacts c ON c.id = h.contact_id WHERE h.%s = ?1 AND %s%s%s", head,
	         scope_column(&s->scope), flag_predicate(f), who, tail);
	struct stmt *st = store_prepd(s->db, sql);
	if (!st)
		return NULL;
	struct flag_dates d;
	flag_dates(s, &d);
	flags_bind(st, &d);
	stmt_bind_int(st, 1, scope_value(&s->scope));
	if (contact_id > 0)
		stmt_bind_int(st, 2, contact_id);
	return st;
}

static void read_row(struct stmt *st, struct todo_row *r)
{
	memset(r, 0, sizeof *r);
	r->household_id = stmt_int(st, 0);
	snprintf(r->hh_no, sizeof r->hh_no, "%s", stmt_text(st, 1));
	snprintf(r->head_name, sizeof r->head_name, "%s", stmt_text(st, 2));
	snprintf(r->village_name, sizeof r->village_name, "%s", stmt_text(st, 3));
	snprintf(r->status, sizeof r->status, "%s", stmt_text(st, 4));
	r->contact_id = stmt_int(st, 5);
	snprintf(r->contact_name, sizeof r->contact_name, "%s", stmt_text(st, 6));
	snprintf(r->identified_on, sizeof r->identified_on, "%s", stmt_text(st, 7));
	snprintf(r->last_visit_on, sizeof r->last_visit_on, "%s", stmt_text(st, 8));
	r->days_since_visit = (int)stmt_int(st, 9);
}

int todo_households(struct session *s, enum flag f, int64_t contact_id, int offset,
                    struct todo_row *out, int max)
{
	struct stmt *st = prepare_households(s, f, contact_id,
		"SELECT h.id, h.hh_no, h.head_name, v.name, h.status, coalesce(h.contact_id, 0),"
		" coalesce(c.name, ''), coalesce(h.identified_on, ''), coalesce(h.last_visit_on, ''),"
		" coalesce(CAST(julianday(?901) - julianday(nullif(" SQL_LAST_VISIT ", '')) AS INTEGER), 0)",
		" ORDER BY c.id IS NULL, c.pinyin, c.id, v.pinyin, h.head_pinyin, h.id"
		" LIMIT ?3 OFFSET ?4");
	if (!st)
		return 0;
	stmt_bind_int(st, 3, max);
	stmt_bind_int(st, 4, offset);
	int n = 0;
	while (n < max && stmt_step(st) == 1)
		read_row(st, &out[n++]);
	stmt_done(st);
	return n;
}

int64_t todo_households_count(struct session *s, enum flag f, int64_t contact_id)
{
	struct stmt *st = prepare_households(s, f, contact_id, "SELECT count(*)", "");
	int64_t n = st && stmt_step(st) == 1 ? stmt_int(st, 0) : 0;
	stmt_done(st);
	return n;
}
