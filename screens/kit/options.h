/* The options of a choice built at run time, each text with its pinyin, so
 * an officer types 配偶, "po" (initials) or "peiou" (pinyin) for the same
 * thing.  How typed text picks an option is src/'s (base/complete.h): the
 * same for the forms, the visit grid and the picking boxes alike. */
#ifndef JIANCE_OPTIONS_H
#define JIANCE_OPTIONS_H

#include <stddef.h>

#include "base/complete.h"

/* Options built at run time (from the configuration), texts copied and
 * readings worked out here.  A zeroed struct is an empty list. */
struct optlist {
	struct form_option *opts;
	int n, cap;
	char **texts;
};
void optlist_add(struct optlist *o, const char *text);
void optlist_free(struct optlist *o);

#endif
