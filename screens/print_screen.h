/* The print screen (SPEC §8, issue 7): the documents, their filters (a
 * village or township of the officer's area, a period where the document
 * takes one), the page count once laid out, then save or print. */
#ifndef JIANCE_PRINT_SCREEN_H
#define JIANCE_PRINT_SCREEN_H

struct app;

/* For the home menu: opens the list of documents. */
void print_screen_push(struct app *app);

#endif
