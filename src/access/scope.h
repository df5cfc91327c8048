/* The one place that applies an officer's area (SPEC §1): every household
 * query and every write checks through here. */
#ifndef JIANCE_SCOPE_H
#define JIANCE_SCOPE_H

#include <stdint.h>

#include "access/session.h"

/* The households column to compare with scope_value(): county_id,
 * township_id or village_id.  Used to build scoped SQL. */
const char *scope_column(const struct scope *sc);
int64_t scope_value(const struct scope *sc);
/* 1 if a household in these areas is inside the scope */
int scope_allows(const struct scope *sc, int64_t county, int64_t township, int64_t village);
/* 1 visible, 0 outside the scope or missing */
int scope_household(struct session *s, int64_t household_id);
/* 1 if the area (any level) lies inside the scope */
int scope_area(struct session *s, int64_t area_id);

/* An SQL boolean: the area row aliased `a` lies inside the scope.  Uses ?1,
 * to be bound to scope_value().  For rows tied to an area, not a household
 * (leads without a household, contact persons). */
const char *scope_area_predicate(const struct scope *sc);

#endif
