/* Entry points between screens that different files own: the household
 * detail opens the work screens (measures, visits, steps, contact
 * assignment) and the work screens open the household detail. */
#ifndef JIANCE_WORK_H
#define JIANCE_WORK_H

#include <stdint.h>

struct app;

/* screens/hh_detail.c */
void hh_detail_push(struct app *app, int64_t household_id);
/* The same on its 成员 tab, the form of a new member open on top (a
 * household just created: the next member is what comes next). */
void hh_detail_push_members(struct app *app, int64_t household_id);
/* screens/hh_form.c: 0 = new household */
void hh_form_push(struct app *app, int64_t household_id);
/* A new household for a lead's person (head, ID and village from the
 * lead); saving it starts the lead's identification. */
void hh_form_push_for_lead(struct app *app, int64_t lead_id);
/* The household form with the focus on one of its fields (a finding's fix). */
void hh_form_push_at(struct app *app, int64_t household_id, const char *field);

/* screens/measure_form.c: measure_id 0 = new */
void measure_form_push(struct app *app, int64_t household_id, int64_t measure_id);
/* One measure for n marked households, each its own record; *marks_left
 * (may be NULL) is set to 0 once they have it. */
void measure_many_push(struct app *app, const int64_t *households, int n, int *marks_left);
/* screens/visit_form.c: a single visit; visit_id 0 = new */
void visit_form_push(struct app *app, int64_t household_id, int64_t visit_id);
/* screens/step_form.c: the current step of a run */
void step_form_push(struct app *app, int64_t run_id);
/* screens/lead_form.c: a new lead, for a household (0: a person by ID) */
void lead_form_push(struct app *app, int64_t household_id);
/* screens/contact_form.c: contact_id 0 = new */
void contact_form_push(struct app *app, int64_t contact_id);
/* screens/contacts.c: choose a contact person for these households */
void assign_contact_push(struct app *app, const int64_t *households, int n);
/* screens/flow_actions.c: start elimination / rollback / dissolve, asking
 * for what each needs and showing the engine's refusal in full */
void flow_actions_push(struct app *app, int64_t household_id);

#endif
