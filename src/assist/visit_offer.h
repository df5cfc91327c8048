/* What follows from a visit's findings (issue 16): a visit that finds a
 * guarantee in trouble (三保障/饮水问题 住房安全, or the new risk
 * 因安全住房) while the household has it as 有保障 offers to set it to
 * 有问题, and a risk type found that the household lacks offers to add it -- in the same save as the visit, audited.  The
 * screens show the offer and pass the officer's answer (visit.apply). */
#ifndef JIANCE_VISIT_OFFER_H
#define JIANCE_VISIT_OFFER_H

#include "assist/assist.h"
#include "register/household.h"

/* The guarantees, as bits of visit_offer.guarantees. */
enum { VO_EDU = 1, VO_MED = 2, VO_HOUSE = 4, VO_WATER = 8 };

struct visit_offer {
	int guarantees;                    /* VO_*: 有保障 now, a problem found */
	int nrisks;
	char risks[HH_MAX_RISKS][48];      /* configured types found, not yet the household's */
	char text[512];                    /* 住房安全改为“有问题”；风险类型加上“因病” */
};

/* The offer of visit v for its household as it stands: 1 when there is
 * something to offer (o->text says what, for a y/n question), 0 when
 * nothing (or the household is out of scope).  Risks are offered only for
 * a household under monitoring (监测中, 消除中), and no more than the
 * household has room for (HH_MAX_RISKS; text says which did not fit). */
int visit_offer_of(struct session *s, const struct visit *v, struct visit_offer *o);
/* Writes the offer of v in the caller's transaction (visit_add and
 * visit_update call it when v->apply): the guarantees and the risk types,
 * each change audited, the household's version bumped.  0, or -1 on a
 * database error. */
int visit_offer_apply(struct session *s, const struct visit *v);

#endif
