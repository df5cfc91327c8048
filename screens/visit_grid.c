/* Bulk visit entry (SPEC §6-§7, issue 5): the paper forms of a month come
 * back and are keyed in like a spreadsheet.  One row per household still
 * to be visited this month, in the order the forms were printed; columns
 * 走访日期, 情况, 收入变化, 新增风险, 三保障/饮水问题.
 *
 * Typing speed is the point: Enter or Tab moves to the next cell and from
 * the last cell to the next row; Down moves to the next row, where the
 * typing in this row began (home_col); a typed character replaces a cell's text as in a spreadsheet; the
 * date defaults to the row above; Ctrl-D copies the cell above.  A row is
 * saved (visit_add) when the cursor leaves it; a cell the engine or the
 * checks refuse is marked and keeps the cursor.  Esc leaves: rows that can
 * be saved are, the rest are kept as a draft for the next time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "kit/checklist.h"
#include "access/area.h"
#include "assist/assist.h"
#include "assist/visit_offer.h"
#include "access/draft.h"
#include "drafts.h"
#include "kit/fields.h"
#include "kit/formscreen.h"
#include "kit/lineedit.h"
#include "kit/options.h"
#include "register/household.h"
#include "kit/prompt.h"
#include "register/flags.h"
#include "access/session.h"
#include "base/text.h"
#include "kit/ui.h"
#include "visit_grid.h"
#include "workq.h"
#include "workui.h"
#include "flow/worklist.h"

#define MAX_ROWS 5000
/* bytes each cell takes: what struct visit holds */
static const size_t cell_max[NCELLS] = { 20, 500, 120, 250, 250 };

/* Copies src into dst (n bytes), cut at a character boundary. */
static void put(char *dst, size_t n, const char *src)
{
	size_t k = strlen(src);
	if (k >= n)
		for (k = n - 1; k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80; k--)
			;
	memcpy(dst, src, k);
	dst[k] = 0;
}

/* --- rows and cells ------------------------------------------------------------ */

static void default_date(const struct grid *g, int row, char *out)
{
	for (int r = row - 1; r >= 0; r--)
		if (g->rows[r].touched && date_parse(g->rows[r].cell[C_DATE]) != JDAY_NONE) {
			date_fmt(date_parse(g->rows[r].cell[C_DATE]), out);
			return;
		}
	date_fmt(clock_today(), out);
}

/* What a cell shows: an untouched row's date is the default, dimmed. */
const char *grid_cell_text(const struct grid *g, int row, int col, char *buf)
{
	const struct grow *r = &g->rows[row];
	if (col == C_DATE && !r->touched && !*r->cell[C_DATE]) {
		default_date(g, row, buf);
		return buf;
	}
	return r->cell[col];
}

/* Checks (and tidies) one cell: NULL, or why it is refused.  Whether the
 * day may be so is the engine's to say when the row is saved. */
static const char *check_cell(struct app *app, int col, char *text, size_t n, char *why,
                              size_t whysz)
{
	char out[256];
	const char *bad = NULL;
	const struct form_option *o;
	int no;
	switch (col) {
	case C_DATE: {
		jday d = date_parse(text);
		if (d == JDAY_NONE)
			return "走访日期无效；可写 2026-05-03、20260503 或 5-3";
		date_fmt(d, text);
		return NULL;
	}
	case C_RISKS:
		o = fields_risks(app_session(app)->cfg, &no);
		bad = options_tidy(o, no, HH_MAX_RISKS, text, out, sizeof out, why, whysz);
		break;
	case C_GUAR:
		o = fields_guarantee_areas(&no);
		bad = options_tidy(o, no, 0, text, out, sizeof out, why, whysz);
		break;
	default:
		return NULL;
	}
	if (!bad)
		snprintf(text, n, "%s", out);
	else if (bad == why && strstr(why, "“") && strlen(why) + 20 < whysz)
		strcat(why, "（按 F4 列出）");
	return bad;
}

static void typed(struct grid *g);

/* The options of a cell of several (新增风险, 三保障/饮水问题), or NULL. */
static const struct form_option *cell_options(struct app *app, int col, int *n, int *max)
{
	*max = col == C_RISKS ? HH_MAX_RISKS : 0;
	if (col == C_RISKS)
		return fields_risks(app_session(app)->cfg, n);
	return col == C_GUAR ? fields_guarantee_areas(n) : NULL;
}

/* F4: the cell's checklist (kit/checklist.h), as in the visit form. */
static int pick_cell(struct app *app, struct grid *g)
{
	int n, max;
	char out[256];
	const struct form_option *o = cell_options(app, g->col, &n, &max);
	if (!o) {
		app_msg(app, MSG_INFO, "这一格请直接填写；F4 只在“新增风险”“三保障/饮水问题”两格列出选项");
		return HANDLED;
	}
	if (checklist_run(app, g->col == C_RISKS ? "新增风险" : "三保障/饮水问题", o, n, max,
	                  le_text(&g->le), out, sizeof out)) {
		le_set(&g->le, out);
		g->fresh = 0;
		typed(g);
	}
	return HANDLED;
}

/* --- moving, saving ----------------------------------------------------------- */

static void enter_cell(struct grid *g)
{
	char buf[16];
	le_init(&g->le, grid_cell_text(g, g->row, g->col, buf), cell_max[g->col]);
	g->fresh = 1;
}

/* Puts the editor's text back into the cell; 0, or -1 (cursor stays) when
 * the cell is refused. */
static int commit_cell(struct app *app, struct grid *g, int accept)
{
	struct grow *r = &g->rows[g->row];
	char text[512], why[200] = "", shown[16];
	snprintf(text, sizeof text, "%s", le_text(&g->le));
	int changed = strcmp(text, grid_cell_text(g, g->row, g->col, shown)) != 0;
	if (!changed && !accept && !r->touched)
		return 0;                  /* only passing through an untouched row */
	if (*text || g->col == C_DATE) {
		const char *bad = check_cell(app, g->col, text, sizeof text, why, sizeof why);
		if (bad) {             /* kept as typed (a draft keeps it too), marked */
			put(r->cell[g->col], sizeof r->cell[0], le_text(&g->le));
			r->touched = r->dirty = 1;
			r->bad = g->col;
			snprintf(r->why, sizeof r->why, "%s", bad);
			app_msg(app, MSG_ERROR, "%s", bad);
			return -1;
		}
	}
	if (strcmp(text, r->cell[g->col]) != 0 || !r->touched)
		r->dirty = 1;
	put(r->cell[g->col], sizeof r->cell[0], text);
	if (!r->touched) {
		r->touched = 1;
		if (!*r->cell[C_DATE])
			default_date(g, g->row, r->cell[C_DATE]);
	}
	if (r->bad == g->col)
		r->bad = -1, r->why[0] = 0;
	return 0;
}

static int save_row(struct app *app, struct grid *g, int row)
{
	struct grow *r = &g->rows[row];
	struct visit v;
	struct jerr e = { 0 };
	if (!r->touched || !r->dirty)
		return 0;
	if (r->bad >= 0) {
		app_msg(app, MSG_ERROR, "%s %s：%s", r->hh.head_name, r->hh.hh_no, r->why);
		return -1;
	}
	memset(&v, 0, sizeof v);
	v.id = r->visit_id;
	v.version = r->version;
	v.household_id = r->hh.household_id;
	v.contact_id = g->contact_id > 0 ? g->contact_id : 0;
	put(v.visited_on, sizeof v.visited_on, r->cell[C_DATE]);
	put(v.findings, sizeof v.findings, r->cell[C_FINDINGS]);
	put(v.income_change, sizeof v.income_change, r->cell[C_INCOME]);
	put(v.new_risks, sizeof v.new_risks, r->cell[C_RISKS]);
	put(v.guarantee_problems, sizeof v.guarantee_problems, r->cell[C_GUAR]);
	struct session *s = app_session(app);
	struct visit_offer o;
	struct jerr first = { 0 };     /* a refused row is not asked about */
	if (visit_check(s, &v, &first) == 0 && visit_offer_of(s, &v, &o)) {
		char q[800];
		snprintf(q, sizeof q, "按这次走访的发现，一并修改 %s %s 户：\n%s。\n"
		         "（y 一并修改，n 只保存走访）", r->hh.head_name, r->hh.hh_no, o.text);
		v.apply = prompt_confirm(app, q);
	}
	if ((r->visit_id ? visit_update(s, &v, &e) : visit_add(s, &v, &e)) != 0) {
		r->bad = !strcmp(e.field, "visited_on") ? C_DATE :
		         !strcmp(e.field, "findings") ? C_FINDINGS : g->col;
		snprintf(r->why, sizeof r->why, "%s", e.msg);
		app_msg(app, MSG_ERROR, "%s %s：%s", r->hh.head_name, r->hh.hh_no, e.msg);
		return -1;
	}
	if (!r->visit_id)
		g->saved++;
	/* what the household looks like now, for the line under the grid */
	if (strcmp(v.visited_on, r->hh.last_visit_on) > 0)
		snprintf(r->hh.last_visit_on, sizeof r->hh.last_visit_on, "%s", v.visited_on);
	r->hh.overdue = (flags_of(s, r->hh.household_id) & FLAG_VISIT_OVERDUE) != 0;
	r->visit_id = v.id;
	r->version = v.version;
	r->dirty = 0;
	r->bad = -1;
	r->why[0] = 0;
	return 0;
}

/* Moves the cursor; the row left behind is saved first.  accept: the key
 * (Enter, Tab) takes the cell as it stands, even unchanged. */
static int move_to(struct app *app, struct grid *g, int row, int col, int accept)
{
	if (commit_cell(app, g, accept) != 0)
		return HANDLED;
	if (row != g->row && save_row(app, g, g->row) != 0) {
		g->col = g->rows[g->row].bad >= 0 ? g->rows[g->row].bad : g->col;
		enter_cell(g);
		return HANDLED;
	}
	if (row < 0)
		row = 0;
	if (row >= g->n) {
		row = g->n - 1;
		app_msg(app, MSG_INFO, "已是最后一户；按 Esc 结束录入（已录入的都已保存）");
	}
	g->col = col < 0 ? 0 : col >= NCELLS ? NCELLS - 1 : col;
	if (row != g->row) {
		g->entry_col = g->col;
		g->home = -1;
	}
	g->row = row;
	enter_cell(g);
	return HANDLED;
}

/* Where Up and Down land in the next row, as Enter after Tabs does in a
 * spreadsheet: the first cell typed in this row other than the date (6-10
 * Enter 情况 Down -- the next row is ready at 情况, its date taken from
 * above; 情况 Enter 收入变化 Down -- at 情况 again); with nothing typed,
 * the column the row was entered at (going down the dates to mend them). */
static int home_col(const struct grid *g)
{
	return g->home >= 0 ? g->home : g->entry_col;
}

static void typed(struct grid *g)
{
	g->rows[g->row].dirty = 1;
	if (g->home < 0 && g->col != C_DATE)
		g->home = g->col;
}

static int next_cell(struct app *app, struct grid *g)
{
	if (g->col + 1 < NCELLS)
		return move_to(app, g, g->row, g->col + 1, 1);
	if (g->row + 1 >= g->n) {       /* the last cell of all: save, stay */
		if (commit_cell(app, g, 1) == 0 && save_row(app, g, g->row) == 0)
			app_msg(app, MSG_OK, "已保存；这是最后一户，按 Esc 结束录入");
		enter_cell(g);
		return HANDLED;
	}
	return move_to(app, g, g->row + 1, 0, 1);
}

static int copy_up(struct app *app, struct grid *g)
{
	char buf[16];
	if (g->row == 0) {
		app_msg(app, MSG_INFO, "第一行上面没有可复制的内容");
		return HANDLED;
	}
	le_set(&g->le, grid_cell_text(g, g->row - 1, g->col, buf));
	g->fresh = 0;
	typed(g);
	return HANDLED;
}

/* A key for the cell being edited: typing over a freshly entered cell
 * replaces its text, as a spreadsheet does. */
static int edit_key(struct app *app, struct grid *g, int key, int code)
{
	int printable = !code && key >= ' ' && key != 127;
	if (g->fresh && printable)
		le_set(&g->le, "");
	g->fresh = 0;
	int r = le_key(&g->le, key, code);
	if (r == LE_FULL)
		app_msg(app, MSG_WARN, "这一格已达到最大长度");
	if (r == LE_CHANGED)
		typed(g);
	return r == LE_UNHANDLED ? UNHANDLED : HANDLED;
}

/* --- drafts: rows typed but not saved ----------------------------------------- */

static void grid_draft_put(struct formscreen *fs, char *buf, size_t n)
{
	struct grid *g = fs->rec;
	for (int i = 0; i < g->n; i++) {
		struct grow *r = &g->rows[i];
		if (!r->touched || !r->dirty)
			continue;
		char name[32], value[2600];
		snprintf(name, sizeof name, "r%lld", (long long)r->hh.household_id);
		snprintf(value, sizeof value, "%s\t%s\t%s\t%s\t%s", r->cell[0], r->cell[1], r->cell[2],
		         r->cell[3], r->cell[4]);
		draft_put(buf, n, name, value);
	}
}

static void from_draft_row(void *arg, const char *name, const char *value)
{
	struct grid *g = arg;
	long long id = name[0] == 'r' ? atoll(name + 1) : 0;
	for (int i = 0; id && i < g->n; i++) {
		struct grow *r = &g->rows[i];
		if (r->hh.household_id != id)
			continue;
		const char *p = value;
		for (int c = 0; c < NCELLS; c++) {
			size_t len = strcspn(p, "\t");
			char one[512];
			snprintf(one, sizeof one, "%.*s", (int)len, p);
			put(r->cell[c], cell_max[c] + 1, one);
			p += len + (p[len] == '\t');
		}
		r->touched = r->dirty = 1;
		g->restored++;
	}
}

static void grid_draft_get(struct formscreen *fs, const char *payload)
{
	struct grid *g = fs->rec;
	draft_each(payload, from_draft_row, g);
	if (g->restored)
		app_msg(fs->app, MSG_WARN, "已恢复上次未保存的%d行，请检查后继续", g->restored);
	else            /* visited since: the draft goes when the grid is left */
		app_msg(fs->app, MSG_INFO, "上次未保存的行本月都已走访过");
	enter_cell(g);
}

/* Every row that can be saved is; the others stay as a draft. */
static int save_all(struct app *app, struct formscreen *fs)
{
	struct grid *g = fs->rec;
	int failed = 0;
	for (int i = 0; i < g->n; i++)
		failed += save_row(app, g, i) != 0;
	fs_keep(app, fs);
	return failed;
}

/* --- the screen ------------------------------------------------------------------ */

static int load_rows(struct app *app, struct grid *g)
{
	struct session *s = app_session(app);
	int64_t n = visit_due_count(s, g->contact_id, g->area_id, month_first());
	if (n > MAX_ROWS)
		n = MAX_ROWS;
	struct due_row *due = calloc((size_t)(n > 0 ? n : 1), sizeof *due);
	g->rows = calloc((size_t)(n > 0 ? n : 1), sizeof *g->rows);
	if (!due || !g->rows) {
		free(due);
		return -1;
	}
	g->n = visit_due(s, g->contact_id, g->area_id, month_first(), 0, due, (int)n);
	for (int i = 0; i < g->n; i++) {
		g->rows[i].hh = due[i];
		g->rows[i].bad = -1;
	}
	free(due);
	return 0;
}

/* Whose households: 联系人 张三, 没有联系人的户, or the area's name. */
static void whose(struct session *s, int64_t contact_id, int64_t area_id, char *who, size_t n)
{
	struct contact c;
	if (contact_id > 0 && contact_get(s, contact_id, &c) == 1)
		snprintf(who, n, "联系人 %s", c.name);
	else if (contact_id < 0)
		snprintf(who, n, "没有联系人的户");
	else
		area_full_name(s->db, area_id, who, n);
}

static void grid_free(struct formscreen *fs)
{
	struct grid *g = fs->rec;
	free(g->rows);
	free(g);
}

/* key: "c12-a0" (a contact person's households), "c-1-a0" (those without
 * one), "c0-a34" (an area's). */
static int grid_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	long long contact = 0, area = 0;
	struct grid *g = calloc(1, sizeof *g);
	(void)e;
	if (!g)
		return -1;
	fs->rec = g;
	sscanf(fs->key, "c%lld-a%lld", &contact, &area);
	g->contact_id = contact;
	g->area_id = area;
	g->home = -1;
	whose(app_session(app), contact, area, g->who, sizeof g->who);
	if (load_rows(app, g) != 0)
		return -1;
	snprintf(fs->title, sizeof fs->title, "走访录入 %s", g->who);
	enter_cell(g);
	return 0;
}

/* The terminal went away: what can be saved is, the rest is a draft. */
static void grid_leave(struct app *app)
{
	struct formscreen *fs = app_data(app);
	if (fs && app_hungup(app)) {
		commit_cell(app, fs->rec, 0);
		save_all(app, fs);
	}
	fs_screen_leave(app);
}

static int leave_grid(struct app *app, struct formscreen *fs)
{
	struct grid *g = fs->rec;
	int cell_ok = commit_cell(app, g, 0) == 0;
	int failed = save_all(app, fs);
	if (cell_ok && !failed) {
		if (g->saved)
			app_msg(app, MSG_OK, "本次录入%d户的走访，已全部保存", g->saved);
		return POP;
	}
	app_msg(app, MSG_WARN, "已保存%d户；有错误的行已存为草稿，下次打开本表时继续", g->saved);
	return POP;
}

static int grid_key(struct app *app, struct formscreen *fs, int key, int code)
{
	struct grid *g = fs->rec;
	if (g->n == 0)
		return UNHANDLED;
	enum action_id act = app_action(app, key, code);
	int page = g->page > 1 ? g->page - 1 : 1;
	switch (act) {
	case ACT_NEXT_CELL: return next_cell(app, g);
	case ACT_PREV_CELL:
		return g->col > 0 ? move_to(app, g, g->row, g->col - 1, 1)
		                  : move_to(app, g, g->row - 1, NCELLS - 1, 1);
	case ACT_UP: return move_to(app, g, g->row - 1, home_col(g), 0);
	case ACT_DOWN: return move_to(app, g, g->row + 1, home_col(g), 0);
	case ACT_PGUP: return move_to(app, g, g->row - page, home_col(g), 0);
	case ACT_PGDN: return move_to(app, g, g->row + page, home_col(g), 0);
	case ACT_COPY_UP: return copy_up(app, g);
	case ACT_CHOICES: return pick_cell(app, g);
	case ACT_NO_CHANGE:   /* one key for 情况正常，无变化 */
		if (g->col != C_FINDINGS)
			move_to(app, g, g->row, C_FINDINGS, 1);
		if (g->col == C_FINDINGS && *le_text(&g->le) && strcmp(le_text(&g->le), VISIT_NORMAL)) {
			/* what the officer wrote is never replaced by a key */
			app_msg(app, MSG_WARN, "走访情况已填写，Ctrl-N 不会覆盖；要改为“%s”请先清空",
			        VISIT_NORMAL);
		} else if (g->col == C_FINDINGS) {      /* not held by a refused cell */
			le_set(&g->le, VISIT_NORMAL);
			g->fresh = 0;
			typed(g);
		}
		return HANDLED;
	case ACT_SAVE:
		if (commit_cell(app, g, 1) == 0 && save_row(app, g, g->row) == 0)
			app_msg(app, MSG_OK, "已保存 %s", g->rows[g->row].hh.head_name);
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
	grid_draw(app, fs->rec, w, rows, cols);
}

static const enum action_id grid_actions[] = {
	ACT_NEXT_CELL, ACT_PREV_CELL, ACT_COPY_UP, ACT_NO_CHANGE, ACT_SAVE, ACT_CHOICES, ACT_UP,
	ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_NONE
};

static const struct screen grid_screen = {
	.name = "visit_grid",
	.title = "走访录入",
	.enter = fs_screen_enter,
	.leave = grid_leave,
	.draw = fs_screen_draw,
	.key = fs_screen_key,
	.actions = grid_actions,
	.flags = SCREEN_TYPING,
};

/* A draft of rows is for this month's grid of the same households. */
static void grid_resume(struct app *app, const char *key)
{
	long long contact, area;
	if (sscanf(key, "c%lld-a%lld", &contact, &area) == 2)
		visit_grid_push(app, contact, area);
}

const struct form_ops visit_grid_ops = {
	.screen = &grid_screen,
	.build = grid_build,
	.free = grid_free,
	.draw = draw,
	.key = grid_key,
	.draft_put = grid_draft_put,
	.draft_get = grid_draft_get,
	.resume = grid_resume,
};

void visit_grid_push(struct app *app, int64_t contact_id, int64_t area_id)
{
	struct session *s = app_session(app);
	char who[160], key[48];
	if (contact_id == 0 && area_id == 0) {
		visit_grid_choose(app);
		return;
	}
	if (visit_due_count(s, contact_id, area_id, month_first()) == 0) {
		whose(s, contact_id, area_id, who, sizeof who);
		app_msg(app, MSG_INFO, "%s本月没有待走访的户（都已走访过）", who);
		return;
	}
	snprintf(key, sizeof key, "c%lld-a%lld", (long long)contact_id, (long long)area_id);
	fs_push(app, &visit_grid_ops, key);
}

void visit_grid_choose(struct app *app)
{
	struct session *s = app_session(app);
	int village = s->scope.level >= LEVEL_VILLAGE;
	char all[160];
	snprintf(all, sizeof all, "%s全部（走访记录表的顺序）", s->me.area_name);
	const char *how[] = { "按帮扶联系人", all, "按村" };
	int64_t id;
	char name[160];
	int k = pick_text(app, "录入谁的走访", how, village ? 2 : 3, 0);
	if (k == 0 && pick_contact(app, "选择帮扶联系人", &id, name, sizeof name))
		visit_grid_push(app, id, 0);
	else if (k == 1)
		visit_grid_push(app, 0, s->scope.area_id);
	else if (k == 2 && pick_area(app, "选择村（乡镇）", LEVEL_VILLAGE, &id, name, sizeof name))
		visit_grid_push(app, 0, id);
}
