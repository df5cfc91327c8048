/* What a person may see, decided in one place (SPEC §7, §8): ID numbers are
 * masked unless the configuration allows the officer's role full IDs, and
 * public notices never carry IDs, phones, bank accounts or health. */
#ifndef JIANCE_PRIVACY_H
#define JIANCE_PRIVACY_H

#include "access/session.h"

/* id as this officer may see it in lists and ledgers (first 6, last 4) */
void privacy_id(const struct session *s, const char *id, char *out /* >= 20 */);
/* 1 if privacy_id() masks IDs for this officer (ledgers say so in a note) */
int privacy_ids_masked(const struct session *s);
/* 1 if a field may appear on a public notice (公示/公告) */
int privacy_public_field(const char *field);
/* Every notice states its columns (field names) here before it prints a
 * row: 0 if all may be public, else -1 with e naming the first refused. */
int privacy_notice_columns(const char *const *fields, int n, struct jerr *e);
/* Writes an audit row: the officer revealed a member's full ID on screen. */
int privacy_reveal(struct session *s, int64_t member_id, char *out /* >= 20 */,
                   struct jerr *e);

#endif
