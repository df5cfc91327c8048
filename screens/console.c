#include "console.h"

#include <stdio.h>

#include "kit/app.h"
#include "kit/help.h"
#include "home.h"

void (*console_first_screen)(struct app *app) = home_first_screen;

int console_run(struct session *s)
{
	struct app *app = app_new(s);
	if (!app) {
		fprintf(stderr, "jiance: 内存不足 / out of memory\n");
		return 1;
	}
	/* started before the first screen, so its enter() runs in the final locale */
	if (app_start(app) != 0) {
		app_free(app);
		return 1;
	}
	if (console_first_screen)
		console_first_screen(app);
	else
		help_push(app);
	int rc = app_run(app);
	app_free(app);
	return rc;
}
