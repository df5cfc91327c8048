#include "access/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int audit_write(struct session *s, const char *tbl, int64_t rec, int64_t household_id,
                const char *field, const char *old, const char *new_value)
{
	return store_exec(s->db,
		"INSERT INTO audit(officer_id, tbl, rec, field, old, new, household_id)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)",
		"ltltttl", s->me.id, tbl, rec, field ? field : "", old, new_value,
		household_id);
}

int audit_diff(struct session *s, const char *tbl, int64_t rec, int64_t household_id,
               const char *field, const char *old, const char *new_value)
{
	const char *a = old ? old : "", *b = new_value ? new_value : "";
	if (!strcmp(a, b))
		return 0;
	audit_write(s, tbl, rec, household_id, field, old, new_value);
	return 1;
}

int audit_diff_int(struct session *s, const char *tbl, int64_t rec, int64_t household_id,
                   const char *field, int64_t old, int64_t new_value)
{
	if (old == new_value)
		return 0;
	char a[32], b[32];
	snprintf(a, sizeof a, "%" PRId64, old);
	snprintf(b, sizeof b, "%" PRId64, new_value);
	audit_write(s, tbl, rec, household_id, field, a, b);
	return 1;
}
