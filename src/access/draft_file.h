/* Drafts the database could not take (locked by another officer's long
 * write, full, read-only): kept in the officer's private state folder,
 * $XDG_STATE_HOME/jiance/drafts or ~/.local/state/jiance/drafts (0700,
 * files 0600, written as the officer, temp file and rename), until the
 * database takes them at the next start (draft.c).  Internal to draft.c. */
#ifndef JIANCE_DRAFT_FILE_H
#define JIANCE_DRAFT_FILE_H

#include <stddef.h>

#include "access/draft.h"

int draft_file_save(const char *login, const char *screen, const char *key, const char *title,
                    const char *payload, struct jerr *e);
/* 1 and the payload in out, 0 when there is none. */
int draft_file_load(const char *login, const char *screen, const char *key, char *out, size_t n);
void draft_file_remove(const char *login, const char *screen, const char *key);
/* Calls fn for every file draft of login, oldest name first; when fn
 * returns 1 it has taken the draft and the file is removed. */
void draft_file_each(const char *login,
                     int (*fn)(void *arg, const struct draft *d, const char *payload), void *arg);

#endif
