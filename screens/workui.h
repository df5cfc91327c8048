/* Pieces the work screens share: option lists with pinyin for choice
 * fields, boxes that pick one thing (a text, a household, a contact person,
 * a village), a required reason, the engine's refusal shown in full, and
 * noticing other officers' changes. */
#ifndef JIANCE_WORKUI_H
#define JIANCE_WORKUI_H

#include <stddef.h>
#include <stdint.h>

#include "base/clock.h"
#include "access/watch.h"
#include "kit/form.h"

struct app;
struct session;
struct hh_filter;

/* Options for a FORM_CHOICE field, each with its pinyin initials and full
 * pinyin so "yb" completes 因病.  Texts are copied. */
struct optlist {
	struct form_option *opts;
	int n, cap;
	char **texts;
};
void optlist_add(struct optlist *o, const char *text);
void optlist_free(struct optlist *o);
/* Resolves one token as officers type it: an option's text, a unique
 * option containing it (Chinese), or a unique option whose initials or
 * pinyin start with it (latin).  The option's index, -1 none, -2 several. */
int optlist_match(const struct optlist *o, const char *token);
/* A list of options typed as tokens separated by 、，, or spaces ("yb yc"),
 * written back as "因病、因残"; NULL, or the reason in why (at most max). */
const char *optlist_normalize(const struct optlist *o, const char *in, int max, char *out,
                              size_t n, char *why, size_t whysz);

/* Fields holding several options ("yb yx") are written back tidy
 * ("因病、因学") when the focus leaves them: form_key() plus that. */
struct tidy { const char *field; const struct optlist *o; int max; };
int form_key_tidy(struct form *f, struct app *app, int key, int code, const struct tidy *t,
                  int nt);
/* Tidies them all now (before saving). */
void form_tidy(struct form *f, const struct tidy *t, int nt);

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
/* The engine's refusal as it gave it: on the message line when it fits,
 * else in a box, each "；"-separated reason on its own numbered line. */
/* Back (q/Esc) on a form with typed input: asks before throwing it away and
 * drops its draft.  POP, HANDLED (kept), or UNHANDLED when not Back or
 * nothing was typed. */
struct form;
int form_back(struct app *app, struct form *f, int key, int code, const char *screen,
              const char *draft_key);
void show_refusal(struct app *app, const char *title, const char *msg);

/* The first day of today's month (the bulk visit grid's "this month"). */
jday month_first(void);

#endif
