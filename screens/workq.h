/* The work screens of issue 5 as the home menu and the other screens open
 * them: the to-do queue, leads, batch decisions, contact persons, the bulk
 * visit grid and the measures list.  (Forms opened for one household or
 * run are in work.h.) */
#ifndef JIANCE_WORKQ_H
#define JIANCE_WORKQ_H

#include <stdint.h>

struct app;
struct hh_filter;

/* screens/todo.c: steps waiting for me, overdue runs and visits, households
 * without a contact person or measure.  The first screen after login for
 * village and township officers. */
void todo_push(struct app *app);
/* screens/leads.c: open leads with their merged sources. */
void leads_push(struct app *app);
/* screens/batch.c: decisions at step 2, 4 or 5 in one transaction; step 0
 * asks which of the steps this officer's role decides. */
void batch_push(struct app *app, int step);
/* screens/contacts.c: contact persons with their households and overdue visits. */
void contacts_push(struct app *app);
/* screens/assign.c: households of a filter (NULL: those without a contact
 * person), marked with Space and given one contact person at once. */
void assign_list_push(struct app *app, const struct hh_filter *f);
/* screens/visit_grid.c: one row per household to visit this month, of a
 * contact person (> 0; -1: households without one) or an area (0: ask). */
void visit_grid_push(struct app *app, int64_t contact_id, int64_t area_id);
/* Asks whose households (a contact person or a village) and opens the grid. */
void visit_grid_choose(struct app *app);
/* screens/income_grid.c: one row per monitored household of a village,
 * the year's income keyed like a spreadsheet; choose asks for the village
 * (a village officer's own) and the year. */
void income_grid_push(struct app *app, int64_t village_id, int year);
void income_grid_choose(struct app *app);
/* screens/measures.c: measures of the officer's area, filtered by village,
 * category and state. */
void measures_push(struct app *app);
/* screens/upstream_list.c: 待录入国家系统, the officer's area */
void upstream_list_push(struct app *app);

#endif
