/* File path completion for the console's path fields, as a shell's Tab
 * does it: the entries of the typed directory that start with the typed
 * last part, their longest common prefix, and the list to show when the
 * typed text cannot be extended.  No curses here. */
#ifndef JIANCE_PATHCOMP_H
#define JIANCE_PATHCOMP_H

#include <stddef.h>

#define PATHCOMP_KEEP 500     /* names kept for listing; more are only counted */

struct pathcomp {
	char **names;         /* matching entries, sorted; directories end in '/' */
	int nkept;            /* names[0 .. nkept) */
	long n;               /* matches in all */
};

/* Completes typed ("~/" is taken as the home directory) into out: the
 * directory part, then the longest common prefix of the matching names
 * (cut at a character boundary), with '/' after a single directory.
 * Hidden entries match only when the typed part starts with '.'.  Returns
 * the number of matches (0: out is typed, unchanged), -1 if the directory
 * cannot be read.  list may be NULL; else free it with pathcomp_free. */
long pathcomp_complete(const char *typed, char *out, size_t n, struct pathcomp *list);
void pathcomp_free(struct pathcomp *list);

/* typed with a leading "~/" replaced by $HOME/; otherwise a copy. */
void pathcomp_expand(const char *typed, char *out, size_t n);

#endif
