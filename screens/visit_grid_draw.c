/* Drawing the bulk visit grid: a line about whose households these are,
 * the column headers, the rows (the edited cell through its line editor),
 * the household under the cursor and what the cell being typed expects. */
#include <stdio.h>
#include <string.h>

#include "kit/app.h"
#include "base/text.h"
#include "kit/ui.h"
#include "visit_grid.h"

static const char *const heads[NCELLS] = { "走访日期", "情况", "收入变化", "新增风险",
                                           "三保障/饮水问题" };
static const char *const hints[NCELLS] = {
	"走访日期：可写 2026-05-03、20260503 或 5-3；Enter 沿用上一行的日期",
	"走访情况：如 生活稳定、在家务农；Ctrl-D 复制上一行",
	"收入变化：如 无、务工收入增加约3000元；可空着",
	"新增风险：如 yb（因病）yx（因学），多项用空格分开，F4 列出；没有则空着",
	"三保障/饮水问题：yw 义务教育 jb 基本医疗 zf 住房安全 ys 饮水安全；F4 列出",
};

#define MARK_W 2
#define NAME_MIN 8           /* 4 characters */
#define NAME_MAX 16          /* 阿依古丽·买买提 */
#define SITUATION_MIN 9      /* 情况 gives way to names down to this */

/* Widths of this grid's columns: the 户主 column as wide as the longest
 * name (within limits), 情况 takes the rest. */
struct cols {
	int name, x[NCELLS], w[NCELLS];
};

static int name_width(const struct grid *g, int cols)
{
	int want = NAME_MIN;
	for (int i = 0; i < g->n; i++) {
		int tw = text_width(g->rows[i].hh.head_name);
		if (tw > want)
			want = tw;
	}
	if (want > NAME_MAX)
		want = NAME_MAX;
	int room = cols - (MARK_W + 11 + 9 + 11 + 15 + NCELLS + 2) - SITUATION_MIN;
	return want > room ? (room > NAME_MIN ? room : NAME_MIN) : want;
}

static void layout(const struct grid *g, int cols, struct cols *c)
{
	/* the date one wider than its text: the cursor sits after it */
	static const int fixed[NCELLS] = { 11, 0, 9, 11, 15 };
	c->name = name_width(g, cols);
	int rest = cols - (MARK_W + c->name + 11 + 9 + 11 + 15 + NCELLS + 1);
	int at = MARK_W + c->name + 2;
	for (int i = 0; i < NCELLS; i++) {
		c->w[i] = fixed[i] ? fixed[i] : (rest > 8 ? rest : 8);
		c->x[i] = at;
		at += c->w[i] + 1;
	}
}

static void draw_head(WINDOW *w, int y, int cols, const struct cols *c)
{
	ui_fill(w, y, 0, cols, UI_HEADER);
	ui_put(w, y, MARK_W + 1, c->name, "户主", UI_HEADER);
	for (int i = 0; i < NCELLS; i++)
		ui_put(w, y, c->x[i], c->w[i], heads[i], UI_HEADER);
}

static void draw_row(struct app *app, struct grid *g, WINDOW *w, int y, int i,
                     const struct cols *cl)
{
	const struct grow *r = &g->rows[i];
	const char *mark = r->bad >= 0 ? "错" : r->visit_id && !r->dirty ? "已" : r->touched ? "改" : "";
	ui_put(w, y, 0, MARK_W, mark, r->bad >= 0 ? UI_ERROR : r->visit_id ? UI_OK : UI_WARN);
	ui_put(w, y, MARK_W + 1, cl->name, r->hh.head_name, r->hh.overdue ? UI_WARN : UI_NORMAL);
	for (int c = 0; c < NCELLS; c++) {
		char buf[16];
		if (i == g->row && c == g->col) {
			int cx = le_draw(&g->le, w, y, cl->x[c], cl->w[c], UI_SELECTED);
			app_cursor(app, w, y, cl->x[c] + cx);
			continue;
		}
		enum ui_role role = r->bad == c ? UI_ERROR : UI_NORMAL;
		if (c == C_DATE && !r->touched && !*r->cell[C_DATE])
			role = UI_DIM;
		ui_put(w, y, cl->x[c], cl->w[c], grid_cell_text(g, i, c, buf), role);
	}
}

/* Below the rows: the household in hand, then the cell's text in full or
 * its refusal or what it expects. */
static void draw_foot(struct grid *g, WINDOW *w, int y, int cols)
{
	const struct grow *r = &g->rows[g->row];
	char line[600];
	snprintf(line, sizeof line, "%s %s %s%s  上次走访 %s%s  联系人 %s", r->hh.head_name,
	         r->hh.hh_no, r->hh.village, r->hh.group,
	         *r->hh.last_visit_on ? r->hh.last_visit_on : "无",
	         r->hh.overdue ? "（已超期）" : "", *r->hh.contact_name ? r->hh.contact_name : "无");
	ui_put(w, y, 0, cols, line, r->hh.overdue ? UI_WARN : UI_NORMAL);
	if (r->bad >= 0)
		ui_put(w, y + 1, 0, cols, r->why, UI_ERROR);
	else if (text_width(le_text(&g->le)) > cols / 3)
		ui_put(w, y + 1, 0, cols, le_text(&g->le), UI_NORMAL);
	else
		ui_put(w, y + 1, 0, cols, hints[g->col], UI_DIM);
}

void grid_draw(struct app *app, struct grid *g, WINDOW *w, int rows, int cols)
{
	char line[400];
	struct cols cl;
	layout(g, cols, &cl);
	if (g->n == 0) {
		ui_put(w, 1, 1, cols - 2, "本月没有待走访的户。", UI_DIM);
		return;
	}
	snprintf(line, sizeof line, "%s 本月待走访%d户 已保存%d户  Enter下一格 Down下一户 "
	         "Ctrl-D复制上格", g->who, g->n, g->saved);
	ui_put(w, 0, 0, cols, line, UI_DIM);
	draw_head(w, 1, cols, &cl);
	g->page = rows - 4 > 1 ? rows - 4 : 1;
	if (g->row < g->top)
		g->top = g->row;
	if (g->row >= g->top + g->page)
		g->top = g->row - g->page + 1;
	for (int r = 0; r < g->page && g->top + r < g->n; r++)
		draw_row(app, g, w, 2 + r, g->top + r, &cl);
	draw_foot(g, w, rows - 2, cols);
}
