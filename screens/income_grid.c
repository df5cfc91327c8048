/* The income grid (issue 16): December's income collection keyed like a
 * spreadsheet, one row per monitored household of a village, the paper
 * forms in the ledger's order.  Columns: the four incomes, 理赔收入 (kept,
 * not counted in 纯收入), 生产经营性支出 and 合规自付支出 in 元 -- what an
 * income record holds (income_save) -- then
 * the members present that year and the 人均纯收入 they give, computed as
 * the row is typed; a row not above the year's line is marked 低.
 *
 * As in the visit grid: a typed character replaces a cell's text, Enter or
 * Tab moves to the next cell and from the last to the next row, so a row
 * takes its digits and one key per cell; Up and Down keep the column.  It
 * opens on the first household not yet keyed for the year.  A
 * row is saved (income_save, the form's own rules) when the cursor leaves
 * it; a refused cell is marked and keeps the cursor.  Esc leaves: rows
 * that can be saved are, the rest are kept as a draft. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "access/area.h"
#include "access/draft.h"
#include "drafts.h"
#include "kit/formscreen.h"
#include "kit/lineedit.h"
#include "register/income_round.h"
#include "access/session.h"
#include "base/text.h"
#include "kit/ui.h"
#include "income_grid.h"
#include "workq.h"
#include "workui.h"

#define MAX_ROWS 3000

/* income_save's names for them, which its refusals give */
static const char *const fields[NCELLS] = { "wage", "business", "property", "transfer",
                                            "claims", "business_cost", "out_of_pocket" };

static int64_t *part_of(struct income *in, int i)
{
	int64_t *p[NCELLS] = { &in->wage, &in->business, &in->property, &in->transfer,
	                       &in->claims, &in->business_cost, &in->out_of_pocket };
	return p[i];
}

/* --- cells and rows ------------------------------------------------------------ */

int igrid_income(const struct igrid *g, int i, struct income *in, int *bad)
{
	const struct irow *r = &g->rows[i];
	*in = r->r.in;
	for (int c = 0; c < NCELLS; c++) {
		const char *t = i == g->row && c == g->col ? le_text(&g->le) : r->cell[c];
		int64_t v = *t ? money_parse(t) : 0;
		if (v < 0) {
			*bad = c;
			return -1;
		}
		*part_of(in, c) = v;
	}
	return 0;
}

int igrid_typed(const struct igrid *g, int i)
{
	for (int c = 0; c < NCELLS; c++)
		if (*(i == g->row && c == g->col ? le_text(&g->le) : g->rows[i].cell[c]))
			return 1;
	return g->rows[i].r.in.version > 0;
}

int igrid_below(const struct igrid *g, int i)
{
	struct income in;
	int bad;
	if (!igrid_typed(g, i) || igrid_income(g, i, &in, &bad) != 0)
		return -1;
	return income_below_line(g->cfg, &in, g->rows[i].r.size);
}

static void enter_cell(struct igrid *g)
{
	le_init(&g->le, g->rows[g->row].cell[g->col], CELL_MAX);
	g->fresh = 1;
}

/* The editor's text back into its cell: 0, or -1 (the cursor stays) when
 * it is not an amount. */
static int commit_cell(struct app *app, struct igrid *g)
{
	struct irow *r = &g->rows[g->row];
	const char *t = le_text(&g->le);
	if (strcmp(t, r->cell[g->col]) != 0) {
		snprintf(r->cell[g->col], sizeof r->cell[0], "%s", t);
		r->dirty = 1;
	}
	if (*t && money_parse(t) < 0) {
		r->bad = g->col;
		snprintf(r->why, sizeof r->why, "%s：金额写法有误，应为不小于0的数，如 12345.60",
		         igrid_heads[g->col]);
		app_msg(app, MSG_ERROR, "%s", r->why);
		return -1;
	}
	if (r->bad == g->col)
		r->bad = -1, r->why[0] = 0;
	return 0;
}

/* Another officer saved this household's year since the grid read it: the
 * row keeps what was typed, says what the other saved, and the next Enter
 * or F2 saves over the new version (the row is the officer's to decide,
 * as the conflict box is in a form).  1 when so. */
static int taken_over(struct app *app, struct igrid *g, struct irow *r, const struct jerr *e)
{
	struct income now;
	char theirs[200] = "", money[32];
	if (e->field[0] || income_get(app_session(app), r->r.household_id, g->year, &now) != 1 ||
	    now.version == r->r.in.version)
		return 0;
	for (int c = 0; c < NCELLS; c++) {
		size_t len = strlen(theirs);
		snprintf(theirs + len, sizeof theirs - len, " %s%s", igrid_heads[c],
		         money_fmt(*part_of(&now, c), money, sizeof money));
	}
	r->r.in.version = now.version;
	snprintf(r->why, sizeof r->why, "对方保存的:%s", theirs);
	app_msg(app, MSG_WARN, "其他操作员刚保存了%s的收入；本行仍是您填写的，再按 Enter 即以此为准",
	        r->r.head_name);
	return 1;
}

static int save_row(struct app *app, struct igrid *g, int i)
{
	struct irow *r = &g->rows[i];
	struct income in;
	struct jerr e = { 0 };
	int bad = -1;
	if (!r->dirty)
		return 0;
	if (r->bad >= 0 || igrid_income(g, i, &in, &bad) != 0) {
		app_msg(app, MSG_ERROR, "%s %s：%s", r->r.head_name, r->r.hh_no,
		        r->why[0] ? r->why : "金额写法有误");
		return -1;
	}
	if (income_save(app_session(app), &in, &e) != 0) {
		if (taken_over(app, g, r, &e))
			return -1;
		for (int c = 0; c < NCELLS; c++)       /* the cell src/ names, else this one */
			if (!strcmp(e.field, fields[c]))
				bad = c;
		r->bad = bad >= 0 ? bad : (i == g->row ? g->col : 0);
		snprintf(r->why, sizeof r->why, "%s", e.msg);
		app_msg(app, MSG_ERROR, "%s %s：%s", r->r.head_name, r->r.hh_no, e.msg);
		return -1;
	}
	g->saved += !r->saved;
	r->saved = 1;
	r->r.in = in;
	r->dirty = 0;
	r->bad = -1;
	r->why[0] = 0;
	return 0;
}

static int move_to(struct app *app, struct igrid *g, int row, int col)
{
	if (commit_cell(app, g) != 0)
		return HANDLED;
	row = row < 0 ? 0 : row;
	if (row >= g->n) {
		row = g->n - 1;
		app_msg(app, MSG_INFO, "已是最后一户；按 Esc 结束录入（已录入的都已保存）");
	}
	if (row != g->row && save_row(app, g, g->row) != 0) {
		g->col = g->rows[g->row].bad >= 0 ? g->rows[g->row].bad : g->col;
		enter_cell(g);
		return HANDLED;
	}
	g->row = row;
	g->col = col < 0 ? 0 : col >= NCELLS ? NCELLS - 1 : col;
	enter_cell(g);
	return HANDLED;
}

static int next_cell(struct app *app, struct igrid *g)
{
	if (g->col + 1 < NCELLS)
		return move_to(app, g, g->row, g->col + 1);
	if (g->row + 1 < g->n)
		return move_to(app, g, g->row + 1, 0);
	if (commit_cell(app, g) == 0 && save_row(app, g, g->row) == 0)
		app_msg(app, MSG_OK, "已保存；这是最后一户，按 Esc 结束录入");
	enter_cell(g);
	return HANDLED;
}

static int edit_key(struct app *app, struct igrid *g, int key, int code)
{
	int printable = !code && key >= ' ' && key != 127;
	if (g->fresh && printable)
		le_set(&g->le, "");
	g->fresh = 0;
	int r = le_key(&g->le, key, code);
	if (r == LE_FULL)
		app_msg(app, MSG_WARN, "这一格已达到最大长度");
	if (r == LE_CHANGED)
		g->rows[g->row].dirty = 1;
	return r == LE_UNHANDLED ? UNHANDLED : HANDLED;
}

/* --- drafts: rows typed but not saved ------------------------------------------- */

static void grid_draft_put(struct formscreen *fs, char *buf, size_t n)
{
	struct igrid *g = fs->rec;
	for (int i = 0; i < g->n; i++) {
		const struct irow *r = &g->rows[i];
		char name[32], value[NCELLS * (CELL_MAX + 1) + 8];
		if (!r->dirty)
			continue;
		snprintf(name, sizeof name, "r%lld", (long long)r->r.household_id);
		snprintf(value, sizeof value, "%s\t%s\t%s\t%s\t%s\t%s", r->cell[0], r->cell[1],
		         r->cell[2], r->cell[3], r->cell[4], r->cell[5]);
		draft_put(buf, n, name, value);
	}
}

static void from_draft_row(void *arg, const char *name, const char *value)
{
	struct igrid *g = arg;
	long long id = name[0] == 'r' ? atoll(name + 1) : 0;
	for (int i = 0; id && i < g->n; i++) {
		struct irow *r = &g->rows[i];
		if (r->r.household_id != id)
			continue;
		const char *p = value;
		for (int c = 0; c < NCELLS; c++) {
			size_t len = strcspn(p, "\t");
			snprintf(r->cell[c], sizeof r->cell[c], "%.*s", (int)len, p);
			p += len + (p[len] == '\t');
		}
		r->dirty = 1;
		g->restored++;
	}
}

static void grid_draft_get(struct formscreen *fs, const char *payload)
{
	struct igrid *g = fs->rec;
	draft_each(payload, from_draft_row, g);
	if (g->restored)
		app_msg(fs->app, MSG_WARN, "已恢复上次未保存的%d行，请检查后继续", g->restored);
	enter_cell(g);
}

static int save_all(struct app *app, struct formscreen *fs)
{
	struct igrid *g = fs->rec;
	int failed = 0;
	for (int i = 0; i < g->n; i++)
		failed += save_row(app, g, i) != 0;
	fs_keep(app, fs);
	return failed;
}

/* --- the screen ------------------------------------------------------------------ */

static int load_rows(struct session *s, struct igrid *g)
{
	int64_t n = income_round_count(s, g->village_id);
	n = n > MAX_ROWS ? MAX_ROWS : n;
	struct income_row *rr = calloc((size_t)(n > 0 ? n : 1), sizeof *rr);
	g->rows = calloc((size_t)(n > 0 ? n : 1), sizeof *g->rows);
	if (!rr || !g->rows) {
		free(rr);
		return -1;
	}
	g->n = income_round(s, g->village_id, g->year, rr, (int)n);
	for (int i = 0; i < g->n; i++) {
		struct irow *r = &g->rows[i];
		r->r = rr[i];
		r->bad = -1;
		/* a year recorded shows its amounts; one not yet starts empty */
		for (int c = 0; c < NCELLS && r->r.in.version > 0; c++)
			money_fmt(*part_of(&r->r.in, c), r->cell[c], sizeof r->cell[c]);
	}
	free(rr);
	return 0;
}

static void grid_free(struct formscreen *fs)
{
	struct igrid *g = fs->rec;
	free(g->rows);
	free(g);
}

/* The first household whose year is not recorded yet: a collection keyed
 * over several days goes on where it stopped, not Down past every row
 * already keyed.  The first row when all are recorded. */
static int first_to_key(const struct igrid *g)
{
	for (int i = 0; i < g->n; i++)
		if (g->rows[i].r.in.version == 0)
			return i;
	return 0;
}

/* key: "v34-y2026" */
static int grid_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct session *s = app_session(app);
	long long village = 0;
	int year = 0;
	struct igrid *g = calloc(1, sizeof *g);
	if (!g)
		return -1;
	fs->rec = g;
	if (sscanf(fs->key, "v%lld-y%d", &village, &year) != 2)
		return jerr_set(e, "", "无法打开收入录入（不知是哪个村哪一年）");
	g->cfg = s->cfg;
	g->village_id = village;
	g->year = year;
	g->line = config_line(s->cfg, year);
	area_full_name(s->db, village, g->village, sizeof g->village);
	if (load_rows(s, g) != 0)
		return -1;
	snprintf(fs->title, sizeof fs->title, "收入录入 %s %d年", g->village, year);
	g->row = first_to_key(g);
	if (g->n)
		enter_cell(g);
	return 0;
}

static void grid_leave(struct app *app)
{
	struct formscreen *fs = app_data(app);
	if (fs && app_hungup(app) && ((struct igrid *)fs->rec)->n) {
		commit_cell(app, fs->rec);
		save_all(app, fs);
	}
	fs_screen_leave(app);
}

static int leave_grid(struct app *app, struct formscreen *fs)
{
	struct igrid *g = fs->rec;
	int cell_ok = commit_cell(app, g) == 0;
	int failed = save_all(app, fs);
	if (cell_ok && !failed)
		app_msg(app, MSG_OK, "%d年收入：本次保存%d户，已全部保存", g->year, g->saved);
	else
		app_msg(app, MSG_WARN, "已保存%d户；有错误的行已存为草稿，下次打开本表时继续", g->saved);
	return POP;
}

static int grid_key(struct app *app, struct formscreen *fs, int key, int code)
{
	struct igrid *g = fs->rec;
	if (g->n == 0)
		return UNHANDLED;
	int page = g->page > 1 ? g->page - 1 : 1;
	switch (app_action(app, key, code)) {
	case ACT_NEXT_CELL: return next_cell(app, g);
	case ACT_PREV_CELL:
		return g->col > 0 ? move_to(app, g, g->row, g->col - 1)
		                  : move_to(app, g, g->row - 1, NCELLS - 1);
	case ACT_UP: return move_to(app, g, g->row - 1, g->col);
	case ACT_DOWN: return move_to(app, g, g->row + 1, g->col);
	case ACT_PGUP: return move_to(app, g, g->row - page, g->col);
	case ACT_PGDN: return move_to(app, g, g->row + page, g->col);
	case ACT_SAVE:
		if (commit_cell(app, g) == 0 && save_row(app, g, g->row) == 0)
			app_msg(app, MSG_OK, "已保存 %s", g->rows[g->row].r.head_name);
		enter_cell(g);
		return HANDLED;
	default: break;
	}
	if (edit_key(app, g, key, code) == HANDLED)
		return HANDLED;
	if (action_matches(ACT_BACK, key, code))
		return leave_grid(app, fs);
	return UNHANDLED;
}

static void draw(struct app *app, struct formscreen *fs, WINDOW *w, int rows, int cols)
{
	igrid_draw(app, fs->rec, w, rows, cols);
}

static const enum action_id grid_actions[] = {
	ACT_NEXT_CELL, ACT_PREV_CELL, ACT_SAVE, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_NONE
};

static const struct screen grid_screen = {
	.name = "income_grid",
	.title = "收入录入",
	.enter = fs_screen_enter,
	.leave = grid_leave,
	.draw = fs_screen_draw,
	.key = fs_screen_key,
	.actions = grid_actions,
	.flags = SCREEN_TYPING,
};

const struct form_ops income_grid_ops = {
	.screen = &grid_screen,
	.build = grid_build,
	.free = grid_free,
	.draw = draw,
	.key = grid_key,
	.draft_put = grid_draft_put,
	.draft_get = grid_draft_get,
};

void income_grid_push(struct app *app, int64_t village_id, int year)
{
	char key[48];
	if (income_round_count(app_session(app), village_id) == 0) {
		app_msg(app, MSG_INFO, "这个村没有需要采集收入的监测户（监测中、消除中、风险已消除）");
		return;
	}
	snprintf(key, sizeof key, "v%lld-y%d", (long long)village_id, year);
	fs_push(app, &income_grid_ops, key);
}

/* Which village (a village officer's own) and which year: the one being
 * collected first. */
void income_grid_choose(struct app *app)
{
	struct session *s = app_session(app);
	int64_t village = s->scope.level >= LEVEL_VILLAGE ? s->scope.area_id : 0;
	char name[160], a[64], b[64];
	if (!village && !pick_area(app, "录入哪个村的收入", LEVEL_VILLAGE, &village, name, sizeof name))
		return;
	int year = income_round_year(clock_today());
	snprintf(a, sizeof a, "%d年（本次收入采集）", year);
	snprintf(b, sizeof b, "%d年", year - 1);
	const char *years[] = { a, b };
	int k = pick_text(app, "录入哪一年的收入", years, 2, 0);
	if (k >= 0)
		income_grid_push(app, village, year - k);
}
