#include "register/hh_state.h"

#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "access/scope.h"

/* The household's own reading and rules (household_risks_read, the
 * "risks" field check), so a flow decides risks as the form checks them. */
int risks_parse(struct session *s, const char *text, char out[HH_MAX_RISKS][48], int *n,
                struct jerr *e)
{
	struct household h;
	*n = 0;
	if (household_risks_read(&h, text, e) != 0 ||
	    household_check_field(s, &h, "risks", e) != 0)
		return -1;
	memcpy(out, h.risks, sizeof h.risks);
	*n = h.nrisks;
	return 0;
}

int hh_state_get(struct session *s, int64_t household_id, struct hh_state *st, struct jerr *e)
{
	memset(st, 0, sizeof *st);
	if (!scope_household(s, household_id))
		return jerr_set(e, "", "找不到这一户，或不在您的辖区");
	struct stmt *q = store_prep(s->db, "SELECT status, coalesce(hh_type, ''),"
		" coalesce(identified_on, ''), coalesce(eliminated_on, ''), coalesce(elim_method, ''), disaster,"
		" (SELECT group_concat(risk, '、') FROM (SELECT risk FROM household_risks"
		"   WHERE household_id = ?1 ORDER BY ord) AS r)"
		" FROM households WHERE id = ?1", "l", household_id);
	int rc = q ? stmt_step(q) : -1;
	if (rc == 1 && hh_status_from_text(stmt_text(q, 0), &st->status) != 0)
		rc = -2;
	if (rc == 1) {
		snprintf(st->hh_type, sizeof st->hh_type, "%s", stmt_text(q, 1));
		snprintf(st->identified_on, sizeof st->identified_on, "%s", stmt_text(q, 2));
		snprintf(st->eliminated_on, sizeof st->eliminated_on, "%s", stmt_text(q, 3));
		snprintf(st->elim_method, sizeof st->elim_method, "%s", stmt_text(q, 4));
		snprintf(st->disaster, sizeof st->disaster, "%s", stmt_text(q, 5));
		snprintf(st->risks, sizeof st->risks, "%s", stmt_text(q, 6));
	}
	stmt_done(q);
	if (rc == -2)
		return jerr_set(e, "", "这一户的状态无法识别");
	return rc == 1 ? 0 : jerr_set(e, "", "无法读取这一户: %s", store_errmsg(s->db));
}

static int write_risks(struct session *s, int64_t household_id, const char *text)
{
	char risks[HH_MAX_RISKS][48];
	int n;
	if (risks_parse(s, text, risks, &n, NULL) != 0 ||
	    store_exec(s->db, "DELETE FROM household_risks WHERE household_id = ?", "l",
	               household_id) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (store_exec(s->db, "INSERT INTO household_risks(household_id, ord, risk)"
		               " VALUES (?,?,?)", "lit", household_id, i + 1, risks[i]) != 0)
			return -1;
	return 0;
}

int hh_state_set(struct session *s, int64_t household_id, const struct hh_state *st)
{
	struct hh_state old;
	int64_t hh = household_id;
	if (hh_state_get(s, hh, &old, NULL) != 0)
		return -1;
	if (store_exec(s->db, "UPDATE households SET status = ?, hh_type = ?, identified_on = ?,"
	               " eliminated_on = ?, elim_method = ?, disaster = ?, version = version + 1"
	               " WHERE id = ?", "tTTTTtl", hh_status_text(st->status), st->hh_type,
	               st->identified_on, st->eliminated_on, st->elim_method, st->disaster, hh) != 0)
		return -1;
	if (strcmp(old.risks, st->risks) && write_risks(s, hh, st->risks) != 0)
		return -1;
	audit_diff(s, "households", hh, hh, "status", hh_status_text(old.status),
	           hh_status_text(st->status));
	audit_diff(s, "households", hh, hh, "hh_type", old.hh_type, st->hh_type);
	audit_diff(s, "households", hh, hh, "risks", old.risks, st->risks);
	audit_diff(s, "households", hh, hh, "disaster", old.disaster, st->disaster);
	audit_diff(s, "households", hh, hh, "identified_on", old.identified_on, st->identified_on);
	audit_diff(s, "households", hh, hh, "eliminated_on", old.eliminated_on, st->eliminated_on);
	audit_diff(s, "households", hh, hh, "elim_method", old.elim_method, st->elim_method);
	return 0;
}
