/* Drawing the income grid: whose households and the line, the column
 * headers, the rows (the edited cell through its line editor, 人 and 人均
 * as typed, 低 for a row not above the line), the household in hand and
 * what the cell expects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "base/text.h"
#include "kit/ui.h"
#include "income_grid.h"

#define MARK_W 2
#define NAME_MIN 8
#define NAME_MAX 16          /* 阿依古丽·买买提 */

const char *const igrid_heads[NCELLS] = { "工资", "经营", "财产", "转移", "理赔", "支出", "自付" };
static const char *const hints[NCELLS] = {
	"工资性收入（元，全年）：如 24000；没有则直接 Enter",
	"生产经营性收入（元）：种养殖、经营的收入；没有则直接 Enter",
	"财产性收入（元）：土地流转、分红、租金；没有则直接 Enter",
	"转移性收入（元）：低保、养老金、补贴；没有则直接 Enter",
	"理赔收入（元）：保险理赔，另记，不计入纯收入；没有则直接 Enter",
	"生产经营性支出（元）：从经营收入中扣除；没有则直接 Enter",
	"合规自付支出（元）：如 医疗自付部分；Enter 保存本行，到下一户",
};

struct cols {
	int name, cell, x[NCELLS], size_x, pc_x, pc;
};

static void layout(const struct igrid *g, int cols, struct cols *c)
{
	int want = NAME_MIN;
	for (int i = 0; i < g->n; i++)
		want = text_width(g->rows[i].r.head_name) > want ? text_width(g->rows[i].r.head_name) : want;
	c->name = want > NAME_MAX ? NAME_MAX : want;
	c->pc = 9;
	/* the cells share what the name, 人口 (3) and 人均 leave, 7 to 12 wide;
	 * when a long name leaves less, 人口 goes (the line below the grid says
	 * it) and the cells take 6, an amount of up to 999999 */
	int size_w = 4;
	int cell = (cols - MARK_W - 1 - c->name - 1 - size_w - c->pc - 1) / NCELLS - 1;
	if (cell < 7) {
		size_w = 0;
		cell = (cols - MARK_W - 1 - c->name - 1 - c->pc - 1) / NCELLS - 1;
	}
	c->cell = cell < 6 ? 6 : cell > 12 ? 12 : cell;
	int at = MARK_W + 1 + c->name + 1;
	for (int i = 0; i < NCELLS; i++, at += c->cell + 1)
		c->x[i] = at;
	c->size_x = size_w ? at : -1;
	c->pc_x = at + size_w;
}

/* An amount as it fits its cell: with its 分 when they fit, else rounded
 * to the 元 -- never cut in the middle (the cell being typed shows all). */
static const char *fit_amount(const char *text, int width, char *buf, size_t n)
{
	const char *dot = strchr(text, '.');
	if (text_width(text) <= width || !dot)
		return text;
	long long yuan = atoll(text);
	if (dot[1] >= '5')
		yuan += text[0] == '-' ? -1 : 1;
	snprintf(buf, n, "%lld", yuan);
	return buf;
}

static void draw_row(struct app *app, struct igrid *g, WINDOW *w, int y, int i,
                     const struct cols *cl)
{
	const struct irow *r = &g->rows[i];
	struct income in;
	char buf[32];
	int bad = -1, ok = igrid_income(g, i, &in, &bad) == 0, below = igrid_below(g, i);
	const char *mark = r->bad >= 0 ? "错" : below == 1 ? "低" : r->dirty ? "改" :
	                   r->r.in.version ? "已" : "";
	ui_put(w, y, 0, MARK_W, mark, r->bad >= 0 ? UI_ERROR : below == 1 ? UI_WARN :
	       r->r.in.version ? UI_OK : UI_DIM);
	ui_put(w, y, MARK_W + 1, cl->name, r->r.head_name, UI_NORMAL);
	for (int c = 0; c < NCELLS; c++) {
		if (i == g->row && c == g->col) {
			int cx = le_draw(&g->le, w, y, cl->x[c], cl->cell, UI_SELECTED);
			app_cursor(app, w, y, cl->x[c] + cx);
		} else {
			char fit[32];
			ui_put_right(w, y, cl->x[c], cl->cell, fit_amount(r->cell[c], cl->cell, fit, sizeof fit),
			             r->bad == c ? UI_ERROR : UI_NORMAL);
		}
	}
	snprintf(buf, sizeof buf, "%d", r->r.size);
	if (cl->size_x >= 0)
		ui_put_right(w, y, cl->size_x, 3, buf, UI_DIM);
	if (ok && igrid_typed(g, i))
		ui_put_right(w, y, cl->pc_x, cl->pc, money_fmt(income_per_capita(&in, r->r.size), buf,
		             sizeof buf), below == 1 ? UI_WARN : UI_NORMAL);
}

static void draw_head(struct igrid *g, WINDOW *w, int cols, const struct cols *cl)
{
	char line[400];
	int below = 0;
	for (int i = 0; i < g->n; i++)
		below += igrid_below(g, i) == 1;
	if (g->line > 0)
		snprintf(line, sizeof line, "%s %d年收入（元）%d户 已保存%d户 监测范围%d元 不高于的%d户标“低”",
		         g->village, g->year, g->n, g->saved, g->line, below);
	else
		snprintf(line, sizeof line, "%s %d年收入（元） %d户 已保存%d户  配置中没有%d年的监测范围",
		         g->village, g->year, g->n, g->saved, g->year);
	ui_put(w, 0, 0, cols, line, UI_DIM);
	ui_fill(w, 1, 0, cols, UI_HEADER);
	ui_put(w, 1, MARK_W + 1, cl->name, "户主", UI_HEADER);
	for (int c = 0; c < NCELLS; c++)
		ui_put_right(w, 1, cl->x[c], cl->cell, igrid_heads[c], UI_HEADER);
	if (cl->size_x >= 0)
		ui_put_right(w, 1, cl->size_x, 3, "人", UI_HEADER);
	ui_put_right(w, 1, cl->pc_x, cl->pc, "人均", UI_HEADER);
}

static void draw_foot(struct igrid *g, WINDOW *w, int y, int cols)
{
	const struct irow *r = &g->rows[g->row];
	char line[400];
	snprintf(line, sizeof line, "%s %s %s  %s  %d年在册%d人%s", r->r.head_name, r->r.hh_no,
	         r->r.group, r->r.status, g->year, r->r.size,
	         r->r.in.version ? "  已登记过这一年的收入" : "");
	ui_put(w, y, 0, cols, line, UI_NORMAL);
	ui_put(w, y + 1, 0, cols, r->why[0] ? r->why : hints[g->col],
	       r->bad >= 0 ? UI_ERROR : r->why[0] ? UI_WARN : UI_DIM);
}

void igrid_draw(struct app *app, struct igrid *g, WINDOW *w, int rows, int cols)
{
	struct cols cl;
	if (g->n == 0) {
		ui_put(w, 1, 1, cols - 2, "这个村没有需要采集收入的监测户。", UI_DIM);
		return;
	}
	layout(g, cols, &cl);
	draw_head(g, w, cols, &cl);
	g->page = rows - 4 > 1 ? rows - 4 : 1;
	if (g->row < g->top)
		g->top = g->row;
	if (g->row >= g->top + g->page)
		g->top = g->row - g->page + 1;
	for (int r = 0; r < g->page && g->top + r < g->n; r++)
		draw_row(app, g, w, 2 + r, g->top + r, &cl);
	draw_foot(g, w, rows - 2, cols);
}
