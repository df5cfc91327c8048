/* A save refused because another officer saved the record first, resolved
 * in place (issue 16): a box lists, field by field, the value when the form
 * was opened, what the other officer saved and what this officer typed --
 * only the fields that differ.  A field only the other officer changed is
 * taken and listed; for a field both changed the officer keeps theirs (1),
 * takes the other's (2) or types it again (3, Enter); F2 then saves over
 * the new version without retyping anything (formscreen.c does). */
#ifndef JIANCE_CONFLICT_H
#define JIANCE_CONFLICT_H

#include "kit/lineedit.h"

struct app;

enum conflict_pick { PICK_NONE, PICK_MINE, PICK_THEIRS, PICK_EDITED };

struct conflict_field {
	const char *label;
	const char *base, *theirs, *mine;   /* opened with, saved by the other, typed */
	int automatic;                      /* only the other officer changed it */
	enum conflict_pick pick;
	char edited[LE_MAX];
};

/* The fields both changed still to be decided. */
int conflict_open(const struct conflict_field *cf, int n);
/* What field cf is to be saved as: the other's when taken (or automatic),
 * the edited text, else what was typed. */
const char *conflict_value(const struct conflict_field *cf);
/* Runs the box over the form: 1 when the officer pressed F2 with every
 * field decided, 0 when they went back to the form (Esc) or the console is
 * ending. */
int conflict_resolve(struct app *app, const char *title, struct conflict_field *cf, int n);

#endif
