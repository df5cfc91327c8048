/* Drafts in the console (SPEC §7): a form the terminal took away is offered
 * back at the next login, to resume or discard.  Each form screen that
 * keeps drafts has a resume entry point here, and one row in drafts.c's
 * table naming it by the screen's name. */
#ifndef JIANCE_DRAFTS_H
#define JIANCE_DRAFTS_H

#include <stdint.h>

struct app;

/* Asks about each of the officer's drafts, newest first: resume (opens
 * the form with what was typed), or discard, or keep for later.  Stops
 * after opening one.  Returns how many drafts are left. */
int drafts_offer(struct app *app);
/* How many drafts the officer has. */
int drafts_count(struct app *app);

/* The forms' resume entry points: key and payload as the draft holds them. */
void hh_form_resume(struct app *app, const char *key, const char *payload);
void member_form_resume(struct app *app, const char *key, const char *payload);
void income_form_resume(struct app *app, const char *key, const char *payload);
/* the work screens (issue 5): each reopens its record, and its enter()
 * loads the draft by the same key */
void step_form_resume(struct app *app, const char *key, const char *payload);
void lead_form_resume(struct app *app, const char *key, const char *payload);
void measure_form_resume(struct app *app, const char *key, const char *payload);
void visit_form_resume(struct app *app, const char *key, const char *payload);
void visit_grid_resume(struct app *app, const char *key, const char *payload);

/* Forms opened from the household detail (hh_form_push is in work.h). */
void member_form_push(struct app *app, int64_t household_id, int64_t member_id);
void income_form_push(struct app *app, int64_t household_id, int year);

#endif
