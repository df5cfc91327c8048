/* The help screen: every key of the screen below it and the global ones,
 * generated from the action table (actions.c), so it is never out of date. */
#ifndef JIANCE_HELP_H
#define JIANCE_HELP_H

#include "kit/screen.h"

extern const struct screen help_screen;

/* Pushes the help screen for the screen now on top (no-op if that is help). */
void help_push(struct app *app);

#endif
