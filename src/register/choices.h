/* Choice lists for the console's forms and filters, with the pinyin the
 * choices complete from (龙阳村 from "lyc"): areas, groups and contact
 * persons inside the officer's scope.  The readings were stored when the
 * names were written (pinyin.h): nothing is transliterated here. */
#ifndef JIANCE_CHOICES_H
#define JIANCE_CHOICES_H

#include <stdint.h>

#include "access/session.h"

struct choice {
	int64_t id;
	char text[160];          /* what is shown and stored in the field */
	char pinyin[160];        /* full reading, no spaces: longyangcun */
	char initials[48];       /* lyc */
};

/* Areas of `level` (LEVEL_TOWNSHIP or LEVEL_VILLAGE) inside the scope, by
 * township then name; a county officer sees villages as 保家镇龙阳村 (names
 * repeat across townships).  Returns how many. */
int choice_areas(struct session *s, int level, struct choice *out, int max);
/* The groups (村民小组) of a village in scope, by code. */
int choice_groups(struct session *s, int64_t village_id, struct choice *out, int max);
/* Active contact persons serving areas in scope, by pinyin, as 李萍（保家镇）. */
int choice_contacts(struct session *s, struct choice *out, int max);

#endif
