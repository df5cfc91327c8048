/* Batch decisions (SPEC §7, issues 5 and 16): every run waiting for this
 * officer at step 2, 4 or 5, all pre-marked 通过.  Space changes a row's
 * decision (退回 to a chosen step or 不通过, each with its reason, 暂缓 or
 * back to 通过); z defers a row (暂缓: left undecided, still waiting) and
 * * defers every 通过 row, so a marked few can be decided alone.  F2 shows
 * the count of each and commits every decided row in one transaction
 * (flow_batch).  Nothing is written before F2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "kit/listview.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "base/text.h"
#include "flow/todo.h"
#include "kit/ui.h"
#include "work.h"
#include "workq.h"
#include "workui.h"

enum { PASS, RETURN, FAIL, SKIP, NWHAT };
static const enum step_outcome outcome_of[] = { OUT_PASS, OUT_RETURN, OUT_FAIL };

/* 通过, 退回, 不通过 as the engine says them; 暂缓 is this screen's own:
 * the row is left out of the commit. */
static const char *what_text(int what)
{
	return what == SKIP ? "暂缓" : outcome_text(outcome_of[what]);
}

struct brow {
	struct flow_run r;
	int what;                /* PASS, RETURN, FAIL, SKIP (not committed) */
	int back_to;
	char reason[256];
};

struct batch {
	int step;
	struct brow *rows;
	int n;
	struct listview lv;
	struct watch watch;
};

/* --- the runs ------------------------------------------------------------------ */

/* Runs waiting for me at the step (todo_steps decides "for me"), keeping
 * the exceptions already marked on rows still there. */
static void load(struct app *app, struct batch *b)
{
	struct session *s = app_session(app);
	struct flow_run page[100];
	struct brow *rows = NULL;
	int n = 0, cap = 0, got, off = 0;
	while ((got = todo_steps(s, off, page, 100)) > 0) {
		for (int i = 0; i < got; i++) {
			if (page[i].step != b->step)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				struct brow *more = realloc(rows, (size_t)cap * sizeof *more);
				if (!more)
					break;
				rows = more;
			}
			memset(&rows[n], 0, sizeof rows[n]);
			rows[n].r = page[i];
			for (int j = 0; j < b->n; j++)
				if (b->rows[j].r.id == page[i].id) {
					rows[n] = b->rows[j];
					rows[n].r = page[i];
				}
			n++;
		}
		off += got;
	}
	free(b->rows);
	b->rows = rows;
	b->n = n;
	lv_reload(&b->lv);
	watch_reset(&b->watch, s);
}

static long b_count(void *arg) { return ((struct batch *)arg)->n; }

static int b_fetch(void *arg, long off, int n)
{
	long left = ((struct batch *)arg)->n - off;
	return left <= 0 ? 0 : left < n ? (int)left : n;
}

static void b_cell(void *arg, long i, int col, char *buf, size_t n)
{
	const struct brow *r = &((struct batch *)arg)->rows[i];
	switch (col) {
	case 0:
		if (r->what == RETURN)
			snprintf(buf, n, "退回第%d步", r->back_to);
		else
			snprintf(buf, n, "%s", what_text(r->what));
		break;
	case 1: snprintf(buf, n, "%s", r->r.head_name); break;
	case 2: snprintf(buf, n, "%s", r->r.hh_no); break;
	case 3: snprintf(buf, n, "%s", r->r.village_name); break;
	case 4: snprintf(buf, n, "%s", *r->r.hh_type ? r->r.hh_type : r->r.elim_method); break;
	default:
		snprintf(buf, n, "%s", r->what == RETURN || r->what == FAIL ? r->reason : r->r.risks);
		break;
	}
}

static enum ui_role b_role(void *arg, long i)
{
	int what = ((struct batch *)arg)->rows[i].what;
	return what == SKIP ? UI_DIM : what != PASS ? UI_WARN : UI_NORMAL;
}

/* The household number from 100 columns: at 80 the name and the
 * village come whole first. */
static const struct lv_column b_columns[] = {
	{ "决定", 10, 0, 0, 0, 0 }, { "户主", 8, 0, 16, 0, 0 }, { "户编号", 16, 0, 0, 100, 0 },
	{ "村", 8, 0, 12, 0, 0 }, { "类型/方式", 14, 0, 0, 0, 0 }, { "理由或风险", 0, 0, 0, 0, 1 },
};

/* --- marking exceptions ----------------------------------------------------------- */

/* 退回 (to which step) or 不通过, with the reason: 1 when decided. */
static int ask_exception(struct app *app, struct batch *b, struct brow *r, int what)
{
	int back = 0;
	if (what == RETURN) {
		const char *items[4];
		char names[4][48];
		for (int i = 0; i < b->step - 1; i++) {
			snprintf(names[i], sizeof names[i], "第%d步 %s", i + 1, flow_step_name(i + 1));
			items[i] = names[i];
		}
		int to = pick_text(app, "退回到哪一步", items, b->step - 1, b->step - 2);
		if (to < 0)
			return 0;
		back = to + 1;
	}
	char reason[256] = "", label[160];
	snprintf(label, sizeof label, "%s %s %s的理由：", r->r.head_name, r->r.hh_no,
	         what_text(what));
	if (!ask_reason(app, what_text(what), label, reason, sizeof reason))
		return 0;
	r->what = what;
	r->back_to = back;
	snprintf(r->reason, sizeof r->reason, "%s", reason);
	return 1;
}

static void set_what(struct brow *r, int what)
{
	r->what = what;
	r->back_to = 0;
	r->reason[0] = 0;
}

/* Space: any decision for the row; 退回 first, as it is the usual one. */
static int decide(struct app *app, struct batch *b, struct brow *r)
{
	static const int order[] = { RETURN, FAIL, SKIP, PASS };
	const char *kinds[] = { "退回", "不通过", "暂缓（这次不提交，仍在待办中）", "通过" };
	int k = pick_text(app, "改为", kinds, 4, 0);
	if (k < 0)
		return HANDLED;
	if (order[k] == RETURN || order[k] == FAIL) {
		if (!ask_exception(app, b, r, order[k]))
			return HANDLED;
	} else {
		set_what(r, order[k]);
	}
	lv_key(&b->lv, ACT_DOWN);     /* deciding runs down the list */
	return HANDLED;
}

/* z: 暂缓 the row, or take it back to 通过. */
static int defer(struct batch *b, struct brow *r)
{
	set_what(r, r->what == SKIP ? PASS : SKIP);
	lv_key(&b->lv, ACT_DOWN);
	return HANDLED;
}

/* *: every 通过 row 暂缓, so only the rows decided one by one are
 * committed; with no 通过 row left, every 暂缓 row back to 通过. */
static int defer_all(struct app *app, struct batch *b)
{
	int passing = 0;
	for (int i = 0; i < b->n; i++)
		passing += b->rows[i].what == PASS;
	for (int i = 0; i < b->n; i++)
		if (b->rows[i].what == (passing ? PASS : SKIP))
			set_what(&b->rows[i], passing ? SKIP : PASS);
	app_msg(app, MSG_INFO, passing ? "未单独决定的%d户改为暂缓；逐行按 z 或 Space 决定要提交的户"
	                               : "暂缓的户全部改回通过", passing);
	return HANDLED;
}

/* --- committing --------------------------------------------------------------------- */

static void tally(const struct batch *b, int count[NWHAT])
{
	for (int w = 0; w < NWHAT; w++)
		count[w] = 0;
	for (int i = 0; i < b->n; i++)
		count[b->rows[i].what]++;
}

/* What was done, row by row, for the box after the commit. */
static void report(const struct batch *b, char *out, size_t n)
{
	int count[NWHAT];
	size_t len = 0;
	tally(b, count);
	len += (size_t)snprintf(out, n, "第%d步 %s：通过%d户，退回%d户，不通过%d户；暂缓%d户仍在待办中。\n",
	                        b->step, flow_step_name(b->step), count[PASS], count[RETURN],
	                        count[FAIL], count[SKIP]);
	for (int what = PASS; what <= FAIL; what++)
		for (int i = 0; i < b->n && len < n; i++) {
			const struct brow *r = &b->rows[i];
			if (r->what != what)
				continue;
			char act[48];
			if (what == RETURN)
				snprintf(act, sizeof act, "退回第%d步", r->back_to);
			else
				snprintf(act, sizeof act, "%s", what_text(what));
			len += (size_t)snprintf(out + len, n - len, "%s %s %s %s%s%s\n", act,
			                        r->r.head_name, r->r.hh_no, r->r.village_name,
			                        what != PASS ? "：" : "", what != PASS ? r->reason : "");
		}
}

/* After a commit the decided runs have left the step; only the 暂缓 marks
 * still mean something (a run returned may come back with a new decision). */
static void forget_decided(struct batch *b)
{
	for (int i = 0; i < b->n; i++)
		if (b->rows[i].what != SKIP)
			set_what(&b->rows[i], PASS);
}

static int commit(struct app *app, struct batch *b)
{
	int count[NWHAT];
	char q[320];
	if (b->n == 0) {
		app_msg(app, MSG_INFO, "没有等待审批的流程");
		return HANDLED;
	}
	tally(b, count);
	if (count[SKIP] == b->n) {
		app_msg(app, MSG_INFO, "全部%d户都是暂缓，没有要提交的决定", b->n);
		return HANDLED;
	}
	snprintf(q, sizeof q, "提交第%d步%s：通过%d户，退回%d户，不通过%d户；暂缓%d户不提交？",
	         b->step, flow_step_name(b->step), count[PASS], count[RETURN], count[FAIL],
	         count[SKIP]);
	if (prompt_confirm(app, q) != 1)
		return HANDLED;
	int64_t *ids = calloc((size_t)b->n, sizeof *ids);
	struct batch_exception *ex = calloc((size_t)b->n, sizeof *ex);
	int nids = 0, nex = 0;
	for (int i = 0; ids && ex && i < b->n; i++) {
		if (b->rows[i].what == SKIP)
			continue;
		ids[nids++] = b->rows[i].r.id;
		if (b->rows[i].what != PASS)
			ex[nex++] = (struct batch_exception){ b->rows[i].r.id,
			                                      outcome_of[b->rows[i].what],
			                                      b->rows[i].back_to, b->rows[i].reason };
	}
	struct jerr e = { 0 };
	int rc = ids && ex ? flow_batch(app_session(app), b->step, ids, nids, ex, nex, JDAY_NONE, &e)
	                   : jerr_set(&e, "", "内存不足");
	free(ids);
	free(ex);
	if (rc != 0) {
		show_refusal(app, "整批未提交", e.msg);
		return HANDLED;
	}
	char *text = malloc(16384);
	if (text) {
		report(b, text, 16384);
		prompt_message(app, "已提交", text);
		free(text);
	}
	app_msg(app, MSG_OK, "已提交：通过%d户，退回%d户，不通过%d户；暂缓%d户", count[PASS],
	        count[RETURN], count[FAIL], count[SKIP]);
	forget_decided(b);
	load(app, b);
	return HANDLED;
}

/* --- the screen ------------------------------------------------------------------- */

static int batch_enter(struct app *app, void *arg)
{
	struct batch *b = calloc(1, sizeof *b);
	if (!b)
		return -1;
	b->step = *(const int *)arg;
	struct lv_source src = { b_count, b_fetch, b_cell, b_role, b };
	lv_init(&b->lv, b_columns, 6, &src);
	b->lv.empty = "没有等待您审批的流程";
	app_set_data(app, b);
	app_set_title(app, "批量审批 第%d步 %s", b->step, flow_step_name(b->step));
	load(app, b);
	return 0;
}

static void batch_leave(struct app *app)
{
	struct batch *b = app_data(app);
	if (b)
		free(b->rows);
	free(b);
}

static void batch_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct batch *b = app_data(app);
	int count[NWHAT];
	char line[256];
	tally(b, count);
	snprintf(line, sizeof line, "共%d户：通过%d户，退回%d户，不通过%d户，暂缓%d户（不提交）",
	         b->n, count[PASS], count[RETURN], count[FAIL], count[SKIP]);
	ui_put(w, 0, 0, cols, line, UI_DIM);
	lv_draw(&b->lv, w, 1, 0, rows - 1, cols);
}

static int batch_key(struct app *app, int key, int code)
{
	struct batch *b = app_data(app);
	enum action_id act = app_action(app, key, code);
	if (lv_key(&b->lv, act))
		return HANDLED;
	long i = lv_selected(&b->lv);
	int had = b->n > 0 && i >= 0 && i < b->n;
	switch (act) {
	case ACT_EXCEPT: return had ? decide(app, b, &b->rows[i]) : HANDLED;
	case ACT_SKIP: return had ? defer(b, &b->rows[i]) : HANDLED;
	case ACT_SKIP_ALL: return defer_all(app, b);
	case ACT_COMMIT: return commit(app, b);
	case ACT_OPEN:
		if (had)
			step_form_push(app, b->rows[i].r.id);
		return HANDLED;
	case ACT_HOUSEHOLD:
		if (had)
			hh_detail_push(app, b->rows[i].r.household_id);
		return HANDLED;
	case ACT_REFRESH: load(app, b); return HANDLED;
	default: break;
	}
	int marked = 0;
	for (int k = 0; k < b->n; k++)
		marked += b->rows[k].what != PASS;
	if (action_matches(ACT_BACK, key, code) && marked &&
	    prompt_confirm(app, "已改的决定尚未提交，离开后不保留。离开？") != 1)
		return HANDLED;
	return UNHANDLED;
}

static int batch_idle(struct app *app)
{
	struct batch *b = app_data(app);
	if (!watch_changed(&b->watch, app_session(app)))
		return UNHANDLED;
	load(app, b);
	return REDRAW;
}

static void batch_resume(struct app *app)
{
	struct batch *b = app_data(app);
	if (b)
		load(app, b);
}

static const enum action_id batch_actions[] = {
	LV_ACTIONS, ACT_EXCEPT, ACT_SKIP, ACT_SKIP_ALL, ACT_COMMIT, ACT_OPEN, ACT_HOUSEHOLD,
	ACT_REFRESH, ACT_NONE
};

static const struct screen batch_screen = {
	.name = "batch",
	.title = "批量审批",
	.enter = batch_enter,
	.leave = batch_leave,
	.draw = batch_draw,
	.key = batch_key,
	.actions = batch_actions,
	.idle = batch_idle,
	.resume = batch_resume,
};

/* How many runs wait for this officer at each step (index 1..5). */
static void waiting(struct session *s, int count[6])
{
	struct flow_run page[100];
	int got, off = 0;
	memset(count, 0, 6 * sizeof count[0]);
	while ((got = todo_steps(s, off, page, 100)) > 0) {
		for (int i = 0; i < got; i++)
			count[page[i].step]++;
		off += got;
	}
}

void batch_push(struct app *app, int step)
{
	struct session *s = app_session(app);
	static const int batchable[] = { 2, 4, 5 };
	const char *items[3];
	char names[3][64];
	int steps[3], count[6], n = 0, mine = 0;
	waiting(s, count);
	for (int i = 0; i < 3; i++) {
		int k = batchable[i];
		if (!flow_role_does_step(s, k))
			continue;
		mine++;
		if (count[k] == 0)
			continue;
		steps[n] = k;
		snprintf(names[n], sizeof names[n], "第%d步 %s（%d件）", k, flow_step_name(k), count[k]);
		items[n] = names[n];
		n++;
	}
	if (step == 0 && mine == 0) {
		app_msg(app, MSG_INFO, "%s操作员不办理第2、4、5步，没有批量审批", role_label(s->me.role));
		return;
	}
	if (step == 0 && n == 0) {
		app_msg(app, MSG_INFO, "没有等待您审批的流程");
		return;
	}
	if (step == 0) {   /* straight in when only one step has work */
		int k = n == 1 ? 0 : pick_text(app, "批量审批哪一步", items, n, 0);
		if (k < 0)
			return;
		step = steps[k];
	}
	app_push(app, &batch_screen, &step);
}
