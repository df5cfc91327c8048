/* Snapshots of decided runs (snapshot.h): taken where the run closes. */
#include "flow/snapshot.h"

#include <stdio.h>
#include <string.h>

#include "access/scope.h"
#include "register/member_events.h"
#include "store/store.h"

int snapshot_take(struct session *s, int64_t run_id, int64_t household_id, const char *kind,
                  const char *done_on)
{
	struct cfg_line ln;
	struct income in;
	jday day = date_iso(done_on);
	int year = config_line_at(s->cfg, day, &ln) ? ln.year : date_year(day);
	/* the year judged; before its income is in, the latest year recorded
	 * (what the officer had when deciding: the snapshot says which year) */
	int latest = (int)store_int(s->db, 0, "SELECT max(year) FROM incomes WHERE household_id = ?"
	                            " AND year <= ?", "li", household_id, year);
	if (latest)
		year = latest;
	int has = income_get(s, household_id, year, &in) == 1;
	int size = household_size_in(s, household_id, year);
	/* the run's snapshot taken again replaces every column (nothing
	 * references a snapshot, so the row may stay where it is) */
	return store_exec(s->db, "INSERT INTO run_snapshots(run_id, household_id, kind,"
	                  " taken_on, year, size, has_income, wage, business, property, transfer,"
	                  " claims, business_cost, out_of_pocket, per_capita, g_edu, g_med, g_house,"
	                  " g_water) SELECT ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, g_edu, g_med, g_house,"
	                  " g_water FROM households WHERE id = ?2"
	                  " ON CONFLICT(run_id) DO UPDATE SET household_id = excluded.household_id,"
	                  " kind = excluded.kind, taken_on = excluded.taken_on, year = excluded.year,"
	                  " size = excluded.size, has_income = excluded.has_income,"
	                  " wage = excluded.wage, business = excluded.business,"
	                  " property = excluded.property, transfer = excluded.transfer,"
	                  " claims = excluded.claims, business_cost = excluded.business_cost,"
	                  " out_of_pocket = excluded.out_of_pocket, per_capita = excluded.per_capita,"
	                  " g_edu = excluded.g_edu, g_med = excluded.g_med,"
	                  " g_house = excluded.g_house, g_water = excluded.g_water",
	                  "llttiiillllllll", run_id, household_id, kind, done_on, year, size, has,
	                  in.wage, in.business, in.property, in.transfer, in.claims,
	                  in.business_cost, in.out_of_pocket,
	                  has ? income_per_capita(&in, size) : (int64_t)0);
}

int snapshot_get(struct session *s, int64_t household_id, const char *kind, struct snapshot *out)
{
	memset(out, 0, sizeof *out);
	if (!scope_household(s, household_id))
		return 0;
	struct stmt *st = store_prep(s->db, "SELECT run_id, taken_on, year, size, has_income, wage,"
	                             " business, property, transfer, claims, business_cost,"
	                             " out_of_pocket, per_capita, g_edu, g_med, g_house, g_water"
	                             " FROM run_snapshots WHERE household_id = ? AND kind = ?"
	                             " ORDER BY taken_on DESC, run_id DESC LIMIT 1", "lt",
	                             household_id, kind);
	int rc = st ? stmt_step(st) : -1;
	if (rc == 1) {
		out->run_id = stmt_int(st, 0);
		snprintf(out->taken_on, sizeof out->taken_on, "%s", stmt_text(st, 1));
		out->year = (int)stmt_int(st, 2);
		out->size = (int)stmt_int(st, 3);
		out->has_income = (int)stmt_int(st, 4);
		int64_t *v[] = { &out->in.wage, &out->in.business, &out->in.property, &out->in.transfer,
		                 &out->in.claims, &out->in.business_cost, &out->in.out_of_pocket,
		                 &out->per_capita };
		for (int i = 0; i < 8; i++)
			*v[i] = stmt_int(st, 5 + i);
		out->g_edu = (int)stmt_int(st, 13);
		out->g_med = (int)stmt_int(st, 14);
		out->g_house = (int)stmt_int(st, 15);
		out->g_water = (int)stmt_int(st, 16);
		out->in.household_id = household_id;
		out->in.year = out->year;
	}
	stmt_done(st);
	return rc == 1;
}
