/* The home menu: the console's root screen, one line per screen it opens. */
#ifndef JIANCE_HOME_H
#define JIANCE_HOME_H

struct app;

void home_push(struct app *app);
/* console_first_screen: the home menu, then the officer's drafts offered
 * back (SPEC §7: typed work kept when the connection dropped). */
void home_first_screen(struct app *app);

#endif
