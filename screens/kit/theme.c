/* One table per kind of terminal: colour and monochrome.  Roles, not
 * colours, are what screens name, so a new theme is one table. */
#include "kit/theme.h"

#include <stdlib.h>

struct role_style {
	short fg, bg;        /* -1: the terminal's default */
	attr_t colour_attr;  /* added to the pair on colour terminals */
	attr_t mono_attr;    /* all there is on monochrome terminals */
};

static const struct role_style styles[UI_NROLES] = {
	[UI_NORMAL]   = { -1, -1, A_NORMAL, A_NORMAL },
	[UI_TITLE]    = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[UI_STATUS]   = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[UI_KEY]      = { -1, -1, A_BOLD, A_BOLD },
	[UI_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[UI_ERROR]    = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[UI_WARN]     = { COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[UI_OK]       = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[UI_DIM]      = { -1, -1, A_DIM, A_DIM },
	[UI_HEADER]   = { -1, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE },
	[UI_FIELD]    = { -1, -1, A_UNDERLINE, A_UNDERLINE },
};

static int use_colour;

static int want_colour(void)
{
	/* https://no-color.org: some officers' terminals have unreadable palettes */
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	return has_colors() && start_color() == OK && COLORS >= 8 && COLOR_PAIRS > UI_NROLES;
}

void theme_init(void)
{
	use_colour = want_colour();
	if (!use_colour)
		return;
	/* keep the officer's own background where the role says "default" */
	int defaults = use_default_colors() == OK;
	for (int r = 1; r < UI_NROLES; r++) {
		short fg = styles[r].fg, bg = styles[r].bg;
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)r, fg, bg);
	}
}

attr_t theme_attr(enum ui_role role)
{
	if (role <= UI_NORMAL || role >= UI_NROLES)
		return A_NORMAL;
	if (!use_colour)
		return styles[role].mono_attr;
	if (styles[role].fg < 0 && styles[role].bg < 0)
		return styles[role].colour_attr;   /* no pair needed: stays on default colours */
	return styles[role].colour_attr | (attr_t)COLOR_PAIR(role);
}
