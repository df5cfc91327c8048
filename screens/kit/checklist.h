/* The checklist of a field of several options (风险类型, 三保障/饮水问题):
 * a box listing every option with a mark, opened with F4 from any form
 * field of several options and from the visit grid.  Space marks or
 * unmarks the selected option, Enter takes the marked ones, Esc leaves the
 * field as it was; typed letters or Chinese narrow the list (base/complete.h:
 * "yb" lists 因病 and 因病致贫…), Backspace widens it again. */
#ifndef JIANCE_CHECKLIST_H
#define JIANCE_CHECKLIST_H

#include <stddef.h>

#include "base/complete.h"

struct app;

/* Opens the box over the current screen with the options current names
 * ("因病、因学", as typed or tidy) marked; at most max may be marked (0: no
 * limit).  1 when Enter took the marks: out holds them in the options'
 * order as "因病、因学" ("" when none); 0 when cancelled (out untouched). */
int checklist_run(struct app *app, const char *title, const struct form_option *o, int n,
                  int max, const char *current, char *out, size_t outsz);

#endif
