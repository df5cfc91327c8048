/* Members' life events (SPEC §2): a person joins a household (birth,
 * marriage in, moving in), leaves it (death, marriage out, moving out) or
 * moves to another household (transfer), each on a day and for a reason.
 * Nothing is deleted; where a person was on a day is the latest event up
 * to it, so one person is in one household at every date, and the size of
 * a household for a year counts the members present that year. */
#ifndef JIANCE_MEMBER_EVENTS_H
#define JIANCE_MEMBER_EVENTS_H

#include <stdint.h>

#include "base/clock.h"
#include "register/household.h"

enum member_event {
	MEV_BIRTH, MEV_MARRY_IN, MEV_MOVE_IN,     /* joins */
	MEV_DEATH, MEV_MARRY_OUT, MEV_MOVE_OUT,   /* leaves */
	MEV_TRANSFER,                             /* to another household */
	MEV_COUNT
};
/* 出生 婚入 迁入 死亡 婚出 迁出 转移; the one conversion each way */
const char *member_event_text(enum member_event k);
int member_event_from_text(const char *text, enum member_event *out);

/* The rules an event's day follows, for a form to call while the officer
 * types: not in the future, not before the person was born, not before the
 * person's last event (member_id 0: a new person, born `birth`).  0, or -1
 * with e (field "on"). */
int member_event_date_check(struct session *s, int64_t member_id, const char *birth, jday on,
                            struct jerr *e);

/* A member's birth date (from the ID, as member_validate fills it) against
 * the member's recorded events: none before the birth, and a 出生 on the
 * birth date.  member_update applies it when the ID is corrected.  0, or
 * -1 with e (field "id_no"). */
int member_birth_check(struct session *s, const struct member *m, struct jerr *e);

/* A new person joins m->household_id (kind MEV_BIRTH, MEV_MARRY_IN or
 * MEV_MOVE_IN) on `on`: checked as member_add checks a member; a person
 * registered in a household moves by member_transfer instead, one who left
 * the register (迁出, 婚出) comes back on the row they left, after their
 * last event, one who died does not; a dissolved household takes nobody,
 * and a birth happens on the birth date of the ID (on JDAY_NONE for a
 * birth: that date). */
int member_join(struct session *s, struct member *m, enum member_event kind, jday on,
                const char *reason, struct jerr *e);
/* Everything member_join checks, without writing, in the order a form asks
 * (the event, its day and reason, then the person): for the form to call
 * while the officer types.  Normalises m as member_validate does.  0, or
 * -1 with e (field "kind", "on", "reason" or the member's). */
int member_join_check(struct session *s, struct member *m, enum member_event kind, jday on,
                      const char *reason, struct jerr *e);
/* A member leaves the register (MEV_DEATH, MEV_MARRY_OUT, MEV_MOVE_OUT):
 * the row stays, no longer active.  The 户主 leaves only as the last
 * member (another member is made 户主 first). */
int member_leave(struct session *s, int64_t member_id, enum member_event kind, jday on,
                 const char *reason, struct jerr *e);
/* A member moves to the household numbered to_hh_no (in the officer's area
 * or not) as `relation` to its head; afterwards only officers of that
 * household's area see the person. */
int member_transfer(struct session *s, int64_t member_id, const char *to_hh_no,
                    const char *relation, jday on, const char *reason, struct jerr *e);

/* One event of a household's history (joined or left it). */
struct member_change {
	int64_t id, member_id;
	char name[64], kind[12], on[11], reason[256], officer[64];
	char other_hh[32];       /* transfer: the other household's number ("" out of sight) */
	int joined;              /* 1 the person joined this household, 0 left it */
};
/* The household's member events, oldest first; returns the count. */
int member_changes(struct session *s, int64_t household_id, struct member_change *out, int max);

/* Members present in the household on `day`; for `year`, on its last day
 * (today for the current year): the size per-capita income divides by. */
int household_size_on(struct session *s, int64_t household_id, jday day);
int household_size_in(struct session *s, int64_t household_id, int year);

#endif
