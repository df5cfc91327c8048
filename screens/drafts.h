/* Drafts in the console (SPEC §7): a form the terminal took away is offered
 * back at the next login, to resume or discard.  Every form that keeps
 * drafts is a const struct form_ops (kit/formscreen.h), listed here: the
 * draft list finds a draft's form by the screen name in its ops. */
#ifndef JIANCE_DRAFTS_H
#define JIANCE_DRAFTS_H

#include <stdint.h>

#include "kit/formscreen.h"

struct app;

/* Asks about each of the officer's drafts, newest first: resume (opens
 * the form with what was typed), or discard, or keep for later.  Stops
 * after opening one.  Returns how many drafts are left. */
int drafts_offer(struct app *app);
/* How many drafts the officer has. */
int drafts_count(struct app *app);

/* The forms that keep drafts. */
extern const struct form_ops hh_form_ops;        /* hh_form.c */
extern const struct form_ops member_form_ops;    /* member_form.c */
extern const struct form_ops income_form_ops;    /* income_form.c */
extern const struct form_ops contact_form_ops;   /* contact_form.c */
extern const struct form_ops measure_form_ops;   /* measure_form.c */
extern const struct form_ops visit_form_ops;     /* visit_form.c */
extern const struct form_ops lead_form_ops;      /* lead_form.c */
extern const struct form_ops step_form_ops;      /* step_form.c */
extern const struct form_ops visit_grid_ops;     /* visit_grid.c */
extern const struct form_ops measure_many_ops;   /* measure_form.c */
extern const struct form_ops income_grid_ops;    /* income_grid.c */

/* Forms opened from the household detail (hh_form_push is in work.h). */
void member_form_push(struct app *app, int64_t household_id, int64_t member_id);
void income_form_push(struct app *app, int64_t household_id, int year);

#endif
