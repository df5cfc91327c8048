/* What the flows decide about a household: its status, type, risks (with
 * the 因自然灾害子项) and the identification/elimination dates.  Written only through
 * hh_state_set (by the flows); read by the assistance modules too. */
#ifndef JIANCE_HH_STATE_H
#define JIANCE_HH_STATE_H

#include <stdint.h>

#include "access/session.h"
#include "register/household.h"
#include "register/status.h"

#define MSG_BUSY "数据库忙，请稍后再试"

/* What the flows decide about a household. */
struct hh_state {
	enum hh_status status;
	char hh_type[24];
	char risks[256];          /* '、'-separated */
	char disaster[HH_DISASTER_BYTES];   /* 因自然灾害子项 (disaster.c) */
	char identified_on[11], eliminated_on[11], elim_method[16];
};

/* 0 found and in scope; -1 with e otherwise */
int hh_state_get(struct session *s, int64_t household_id, struct hh_state *st, struct jerr *e);
/* Writes what differs from the stored state, audits each change, bumps the
 * household's version (an open form must not overwrite a flow's decision).
 * In the caller's transaction. */
int hh_state_set(struct session *s, int64_t household_id, const struct hh_state *st);

/* Splits and checks a list of risk types as household_risks_read and the
 * household's "risks" check do (at most HH_MAX_RISKS configured, no
 * repeats); n = 0 for "". */
int risks_parse(struct session *s, const char *text, char out[HH_MAX_RISKS][48], int *n,
                struct jerr *e);

#endif
