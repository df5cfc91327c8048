/* The options of a choice: each text with its pinyin, so an officer types
 * 配偶, "po" (initials) or "peiou" (pinyin) for the same thing.  How typed
 * text matches an option, and a list of several options typed as tokens
 * ("yb yx") written back tidy ("因病、因学"), for the forms, the visit grid
 * and the picking boxes alike. */
#ifndef JIANCE_OPTIONS_H
#define JIANCE_OPTIONS_H

#include <stddef.h>

struct form_option {
	const char *text;       /* 配偶 */
	const char *initials;   /* pinyin initials, "po"; may be NULL */
	const char *pinyin;     /* full pinyin, "peiou"; may be NULL */
};

/* Options built at run time (from the configuration), texts copied and
 * readings worked out here.  A zeroed struct is an empty list. */
struct optlist {
	struct form_option *opts;
	int n, cap;
	char **texts;
};
void optlist_add(struct optlist *o, const char *text);
void optlist_free(struct optlist *o);

/* 1 when typed fits the option: Chinese anywhere in its text, latin
 * letters (full-width too) at the start of its initials or pinyin; empty
 * text fits every option. */
int option_matches(const struct form_option *o, const char *typed);
/* One token as officers type it: an option's text, the option whose
 * initials or pinyin are exactly the token ("yc" is 因残, not also
 * 因产业项目失败), else the one option it fits.  The index, -1 none, -2
 * several. */
int option_find(const struct form_option *o, int n, const char *token);
/* Several options typed as tokens separated by 、，,; or spaces, written
 * into out as "因病、因学" (each once, in the order typed).  NULL, or the
 * reason in why: a token that is no option or could be several, or more
 * than max (0: no limit but the options themselves). */
const char *options_tidy(const struct form_option *o, int n, int max, const char *in,
                         char *out, size_t outsz, char *why, size_t whysz);

#endif
