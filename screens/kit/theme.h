/* Colours by meaning, not by value (after htop's CRT.h): screens ask for a
 * role and get whatever this terminal can show for it -- a colour pair, or
 * bold/reverse when the terminal is monochrome or NO_COLOR is set. */
#ifndef JIANCE_THEME_H
#define JIANCE_THEME_H

#include <curses.h>

enum ui_role {
	UI_NORMAL,
	UI_TITLE,       /* top line */
	UI_STATUS,      /* labels on the bottom key line */
	UI_KEY,         /* key names on the bottom key line */
	UI_SELECTED,    /* the selected row of a list, the chosen button */
	UI_ERROR,       /* refusals, validation reasons */
	UI_WARN,        /* flags: overdue, risk, duplicates */
	UI_OK,          /* done, saved */
	UI_DIM,         /* hints, empty cells */
	UI_HEADER,      /* column headers, section titles */
	UI_FIELD,       /* the extent of an input field */
	UI_NROLES
};

/* After the curses screen exists: sets up pairs, or the monochrome table. */
void theme_init(void);
/* The attributes (colour pair included) to draw a role with. */
attr_t theme_attr(enum ui_role role);

#endif
