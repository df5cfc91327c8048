/* Pieces the work screens share: boxes that pick one thing (a text, a
 * household, a contact person, a village), a required reason, and the
 * first day of the month. */
#ifndef JIANCE_WORKUI_H
#define JIANCE_WORKUI_H

#include <stddef.h>
#include <stdint.h>

#include "base/clock.h"
#include "access/watch.h"

struct app;
struct session;
struct hh_filter;

/* A box listing choices (choices.h), narrowed as the officer types
 * (Chinese anywhere in the text, latin letters as pinyin initials or full
 * pinyin); the chosen index, or -1 (Esc).  sel is the row chosen first. */
struct choice;
int pick_choice(struct app *app, const char *title, const struct choice *c, int n, int sel);
/* The same for plain texts (their readings worked out here). */
int pick_text(struct app *app, const char *title, const char *const *items, int n, int sel);
/* The same over households in scope: base filters (may be NULL; its
 * search is the box's first text), the box's text is the search of SPEC §7.  1 with *id, 0 cancelled. */
int pick_household(struct app *app, const char *title, const struct hh_filter *base,
                   int64_t *id);
/* An active contact person serving the officer's area: 1 with *id and the
 * name in name (may be NULL), 0 cancelled. */
int pick_contact(struct app *app, const char *title, int64_t *id, char *name, size_t n);
/* A township or village inside the scope (max_level LEVEL_TOWNSHIP: only
 * townships): 1 with *id and its name, 0 cancelled or nothing to choose
 * (a village officer's scope is one village). */
int pick_area(struct app *app, const char *title, int max_level, int64_t *id, char *name,
              size_t n);

/* Asks for a reason until one is given: 1, or 0 when cancelled. */
int ask_reason(struct app *app, const char *title, const char *label, char *buf, size_t n);

/* The first day of today's month (the bulk visit grid's "this month"). */
jday month_first(void);

#endif
