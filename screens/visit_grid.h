/* The bulk visit grid's state, shared by its key handling (visit_grid.c)
 * and its drawing (visit_grid_draw.c).  Not for other screens: they open
 * the grid through workq.h. */
#ifndef JIANCE_VISIT_GRID_H
#define JIANCE_VISIT_GRID_H

#include <stdint.h>

#include "kit/lineedit.h"
#include "kit/screen.h"
#include "flow/worklist.h"

enum { C_DATE, C_FINDINGS, C_INCOME, C_RISKS, C_GUAR, NCELLS };

struct grow {
	struct due_row hh;
	char cell[NCELLS][512];  /* as typed, tidied when the cell is left */
	int touched;             /* typed in or accepted: this row is a visit */
	int dirty;               /* changed since it was saved */
	int64_t visit_id;        /* saved as this visit (0: not yet) */
	int version;
	int bad;                 /* the refused cell, -1 none */
	char why[512];
};

struct grid {
	int64_t contact_id, area_id;
	char who[160];           /* 联系人 张三, 没有联系人的户, or the area */
	struct grow *rows;
	int n;
	int row, col;            /* the cell being edited */
	int entry_col;           /* the column the cursor entered this row at */
	int home;                /* the first column typed in this row but the date, -1 */
	struct lineedit le;
	int fresh;               /* just entered: a typed character replaces the text */
	int top, page;           /* first row shown, rows that fit */
	int saved, restored;
};

/* What cell (row, col) shows: the untouched date is the default (buf >= 16). */
const char *grid_cell_text(const struct grid *g, int row, int col, char *buf);
void grid_draw(struct app *app, struct grid *g, WINDOW *w, int rows, int cols);

#endif
