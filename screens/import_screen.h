/* The import screen (SPEC §9, issue 6): choose a CSV file (Tab completes
 * the path), its kind and mapping; a dry run shows the report row by row;
 * then import all, only the good rows, or write the rejected rows out. */
#ifndef JIANCE_IMPORT_SCREEN_H
#define JIANCE_IMPORT_SCREEN_H

struct app;

/* For the home menu: opens the import form. */
void import_screen_push(struct app *app);

#endif
