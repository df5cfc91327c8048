/* The append-only audit log (SPEC §11): who, when, table, record, field,
 * old and new value, written in the caller's transaction. */
#ifndef JIANCE_AUDIT_H
#define JIANCE_AUDIT_H

#include <stdint.h>

#include "access/session.h"

/* One row.  household_id (0 = none) files the row under a household so its
 * history can be shown. */
int audit_write(struct session *s, const char *tbl, int64_t rec, int64_t household_id,
                const char *field, const char *old, const char *new_value);
/* Writes a row only when the value changed; returns 1 if it differed. */
int audit_diff(struct session *s, const char *tbl, int64_t rec, int64_t household_id,
               const char *field, const char *old, const char *new_value);
int audit_diff_int(struct session *s, const char *tbl, int64_t rec, int64_t household_id,
                   const char *field, int64_t old, int64_t new_value);

/* Bulk generation (the demo, one transaction on a new file): rows written
 * through db are gathered and go in 64 to a statement, in the same order
 * and with the same ids.  Nothing may read the audit until
 * audit_gather_end() has written the rest (0, or -1 if a write failed). */
void audit_gather(struct store *db);
int audit_gather_end(void);

#endif
