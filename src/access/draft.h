/* Drafts (SPEC §7): a form whose terminal went away is kept, as name=value
 * lines, for the same officer's next login.  One draft per officer, screen
 * and record key; saving again replaces it. */
#ifndef JIANCE_DRAFT_H
#define JIANCE_DRAFT_H

#include <stddef.h>
#include <stdint.h>

#include "access/session.h"

#define DRAFT_MAX 8192          /* bytes of payload, NUL included */

struct draft {
	int64_t id;
	char screen[48];
	char key[64];
	char title[128];
	char saved_at[20];
};

/* Writes (or replaces) the officer's draft for screen + key.  When the
 * database cannot take it at once (another officer's long write, a full
 * disk, a read-only file) it goes to the officer's private folder
 * (draft_file.h) and is moved into the database by the next
 * draft_list/draft_load that can.  0, or -1 with e. */
int draft_save(struct session *s, const char *screen, const char *key, const char *title,
               const char *payload, struct jerr *e);
/* 1 and the payload in out, or 0 when there is none (in the database or
 * still in the private folder). */
int draft_load(struct session *s, const char *screen, const char *key, char *out, size_t n);
int draft_discard(struct session *s, const char *screen, const char *key);
/* The officer's drafts, newest first; returns how many. */
int draft_list(struct session *s, struct draft *out, int max);

/* Helpers for payloads of name=value lines. */
/* Appends "name=value\n" to buf (len bytes used); values never hold '\n'
 * (a line editor does not take control characters).  -1 when full. */
int draft_put(char *buf, size_t n, const char *name, const char *value);
/* Copies the value of name into out; 1 found, 0 not. */
int draft_get(const char *payload, const char *name, char *out, size_t n);
/* Calls fn for every line of payload. */
void draft_each(const char *payload, void (*fn)(void *arg, const char *name, const char *value),
                void *arg);

#endif
