#include "access/history.h"

#include <stdio.h>

#include "access/scope.h"

int64_t history_count(struct session *s, int64_t household_id)
{
	if (!scope_household(s, household_id))
		return 0;
	return store_int(s->db, 0, "SELECT count(*) FROM audit WHERE household_id = ?", "l",
	                 household_id);
}

static void read_row(struct stmt *st, struct history_row *r)
{
	r->id = stmt_int(st, 0);
	snprintf(r->at, sizeof r->at, "%s", stmt_text(st, 1));
	snprintf(r->officer, sizeof r->officer, "%s", stmt_text(st, 2));
	snprintf(r->tbl, sizeof r->tbl, "%s", stmt_text(st, 3));
	r->rec = stmt_int(st, 4);
	snprintf(r->field, sizeof r->field, "%s", stmt_text(st, 5));
	snprintf(r->old, sizeof r->old, "%s", stmt_text(st, 6));
	snprintf(r->new_value, sizeof r->new_value, "%s", stmt_text(st, 7));
}

int history_page(struct session *s, int64_t household_id, int64_t offset, int max,
                 struct history_row *out)
{
	if (!scope_household(s, household_id))
		return 0;
	/* audit_household(household_id, id) serves the order and the paging */
	struct stmt *st = store_prep(s->db,
		"SELECT a.id, a.at, coalesce(o.name, ''), a.tbl, a.rec, a.field, a.old, a.new"
		"  FROM audit a LEFT JOIN officers o ON o.id = a.officer_id"
		" WHERE a.household_id = ? ORDER BY a.id DESC LIMIT ? OFFSET ?",
		"lil", household_id, max, offset);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1)
		read_row(st, &out[n++]);
	stmt_done(st);
	return n;
}
