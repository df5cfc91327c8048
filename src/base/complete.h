/* How an officer's typing picks from a list of options (配偶 from 配偶,
 * "po" or "peiou"): one rule for every form, the visit grid, the filters
 * and the checklists, so the same input is accepted everywhere (issue 16).
 * An exact text, initials or pinyin wins before a prefix is ambiguous: "zn"
 * is 之女 even though 之女婿 (znx) starts with it too. */
#ifndef JIANCE_COMPLETE_H
#define JIANCE_COMPLETE_H

#include <stddef.h>

/* One option with its readings (worked out once, pinyin.h). */
struct form_option {
	const char *text;       /* 配偶 */
	const char *initials;   /* pinyin initials, "po"; may be NULL */
	const char *pinyin;     /* full pinyin, "peiou"; may be NULL */
};

/* 1 when typed fits the option: Chinese anywhere in its text, latin
 * letters (full-width too) at the start of its initials or pinyin; empty
 * text fits every option. */
int option_matches(const struct form_option *o, const char *typed);
/* One token as officers type it: an option's text, else the one option
 * whose initials or pinyin are exactly the token ("yc" is 因残, not also
 * 因产业项目失败), else the one option it fits.  The index, -1 none, -2
 * several. */
int option_find(const struct form_option *o, int n, const char *token);
/* Several options typed as tokens separated by 、，,; or spaces, written
 * into out as "因病、因学" (each once, in the order typed).  NULL, or the
 * reason in why: a token that is no option or could be several, or more
 * than max (0: no limit but the options themselves).  The reason names no
 * key: the console adds how to list the options. */
const char *options_tidy(const struct form_option *o, int n, int max, const char *in,
                         char *out, size_t outsz, char *why, size_t whysz);
/* Which options a tidy text ("因病、因学") holds: picked[i] = 1 for each
 * (n entries); tokens that are no option are left out.  The count. */
int options_picked(const struct form_option *o, int n, const char *in, unsigned char *picked);

#endif
