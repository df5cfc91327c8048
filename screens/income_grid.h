/* The income grid's state, shared by its keys (income_grid.c) and its
 * drawing (income_grid_draw.c).  Not for other screens: they open the grid
 * through workq.h. */
#ifndef JIANCE_INCOME_GRID_H
#define JIANCE_INCOME_GRID_H

#include <stdint.h>

#include "config/config.h"
#include "kit/lineedit.h"
#include "kit/screen.h"
#include "register/income_round.h"

#define NCELLS 7
#define CELL_MAX 15          /* bytes of an amount as typed */

struct irow {
	struct income_row r;
	char cell[NCELLS][CELL_MAX + 1];
	int dirty;               /* typed since saved (or read) */
	int saved;               /* saved since the grid opened */
	int bad;                 /* the refused cell, -1 none */
	char why[512];
};

struct igrid {
	const struct config *cfg;
	int64_t village_id;
	int year, line;          /* the year's line, 元 (0: none configured) */
	char village[160];
	struct irow *rows;
	int n, row, col;
	struct lineedit le;
	int fresh;               /* just entered: a typed character replaces it */
	int top, page, saved, restored;
};

/* The columns' headers: 工资 经营 财产 转移 支出 自付. */
extern const char *const igrid_heads[NCELLS];
/* The row's income as typed (the cell being edited too): 0, or -1 with the
 * cell that is not an amount in *bad. */
int igrid_income(const struct igrid *g, int i, struct income *in, int *bad);
/* Something typed or recorded in the row. */
int igrid_typed(const struct igrid *g, int i);
/* 1 when the row as typed is not above the year's line, 0 above, -1
 * nothing typed, not an amount, or no line (income_below_line). */
int igrid_below(const struct igrid *g, int i);
void igrid_draw(struct app *app, struct igrid *g, WINDOW *w, int rows, int cols);

#endif
