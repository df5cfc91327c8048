/* The dashboard screen (dash_screen.c): counts and bar charts for the
 * officer's area (SPEC §7). */
#ifndef JIANCE_DASH_SCREEN_H
#define JIANCE_DASH_SCREEN_H

struct app;

void dashboard_push(struct app *app);

#endif
