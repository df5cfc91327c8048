/* Batch decisions (SPEC §7, issue 5): every run waiting for this officer
 * at step 2, 4 or 5, all pre-marked 通过.  Space turns a row into an
 * exception (退回 to a chosen step, or 不通过) and asks its reason; F2
 * commits the whole batch in one transaction (flow_batch) and shows what
 * was done.  Nothing is written before F2. */
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

enum { PASS, RETURN, FAIL };
static const enum step_outcome outcome_of[] = { OUT_PASS, OUT_RETURN, OUT_FAIL };

struct brow {
	struct flow_run r;
	int what;                /* PASS, RETURN, FAIL */
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
			snprintf(buf, n, "%s", outcome_text(outcome_of[r->what]));
		break;
	case 1: snprintf(buf, n, "%s", r->r.head_name); break;
	case 2: snprintf(buf, n, "%s", r->r.hh_no); break;
	case 3: snprintf(buf, n, "%s", r->r.village_name); break;
	case 4: snprintf(buf, n, "%s", *r->r.hh_type ? r->r.hh_type : r->r.elim_method); break;
	default:
		snprintf(buf, n, "%s", r->what != PASS ? r->reason : r->r.risks);
		break;
	}
}

static enum ui_role b_role(void *arg, long i)
{
	return ((struct batch *)arg)->rows[i].what != PASS ? UI_WARN : UI_NORMAL;
}

static const struct lv_column b_columns[] = {
	{ "决定", 10, 0 }, { "户主", 10, 0 }, { "户编号", 16, 0 }, { "村", 10, 0 },
	{ "类型/方式", 14, 0 }, { "理由（例外）或风险", 0, 0 },
};

/* --- marking exceptions ----------------------------------------------------------- */

static int mark(struct app *app, struct batch *b, struct brow *r)
{
	if (r->what != PASS) {
		r->what = PASS;
		r->reason[0] = 0;
		app_msg(app, MSG_INFO, "%s 改回通过", r->r.head_name);
		return HANDLED;
	}
	const char *kinds[] = { "退回", "不通过" };
	int k = pick_text(app, "改为", kinds, 2, 0);
	int back = 0;
	if (k == 0) {
		const char *items[4];
		char names[4][48];
		for (int i = 0; i < b->step - 1; i++) {
			snprintf(names[i], sizeof names[i], "第%d步 %s", i + 1, flow_step_name(i + 1));
			items[i] = names[i];
		}
		int to = pick_text(app, "退回到哪一步", items, b->step - 1, b->step - 2);
		if (to < 0)
			return HANDLED;
		back = to + 1;
	} else if (k < 0) {
		return HANDLED;
	}
	char reason[256] = "", label[160];
	snprintf(label, sizeof label, "%s %s %s的理由：", r->r.head_name, r->r.hh_no, kinds[k]);
	if (!ask_reason(app, kinds[k], label, reason, sizeof reason))
		return HANDLED;
	r->what = k == 0 ? RETURN : FAIL;
	r->back_to = back;
	snprintf(r->reason, sizeof r->reason, "%s", reason);
	return HANDLED;
}

/* --- committing --------------------------------------------------------------------- */

static void tally(const struct batch *b, int count[3])
{
	count[PASS] = count[RETURN] = count[FAIL] = 0;
	for (int i = 0; i < b->n; i++)
		count[b->rows[i].what]++;
}

/* What was done, row by row, for the box after the commit. */
static void report(const struct batch *b, char *out, size_t n)
{
	int count[3];
	size_t len = 0;
	tally(b, count);
	len += (size_t)snprintf(out, n, "第%d步 %s：通过%d户，退回%d户，不通过%d户。\n", b->step,
	                        flow_step_name(b->step), count[PASS], count[RETURN], count[FAIL]);
	for (int what = PASS; what <= FAIL; what++)
		for (int i = 0; i < b->n && len < n; i++) {
			const struct brow *r = &b->rows[i];
			if (r->what != what)
				continue;
			char act[48];
			if (what == RETURN)
				snprintf(act, sizeof act, "退回第%d步", r->back_to);
			else
				snprintf(act, sizeof act, "%s", outcome_text(outcome_of[what]));
			len += (size_t)snprintf(out + len, n - len, "%s %s %s %s%s%s\n", act,
			                        r->r.head_name, r->r.hh_no, r->r.village_name,
			                        what != PASS ? "：" : "", what != PASS ? r->reason : "");
		}
}

static int commit(struct app *app, struct batch *b)
{
	int count[3];
	char q[256];
	if (b->n == 0) {
		app_msg(app, MSG_INFO, "没有等待审批的流程");
		return HANDLED;
	}
	tally(b, count);
	snprintf(q, sizeof q, "提交第%d步%s：通过%d户，退回%d户，不通过%d户？", b->step,
	         flow_step_name(b->step), count[PASS], count[RETURN], count[FAIL]);
	if (prompt_confirm(app, q) != 1)
		return HANDLED;
	int64_t *ids = calloc((size_t)b->n, sizeof *ids);
	struct batch_exception *ex = calloc((size_t)b->n, sizeof *ex);
	int nex = 0;
	for (int i = 0; ids && ex && i < b->n; i++) {
		ids[i] = b->rows[i].r.id;
		if (b->rows[i].what != PASS)
			ex[nex++] = (struct batch_exception){ b->rows[i].r.id,
			                                      outcome_of[b->rows[i].what],
			                                      b->rows[i].back_to, b->rows[i].reason };
	}
	struct jerr e = { 0 };
	int rc = ids && ex ? flow_batch(app_session(app), b->step, ids, b->n, ex, nex, JDAY_NONE, &e)
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
	app_msg(app, MSG_OK, "已提交：通过%d户，退回%d户，不通过%d户", count[PASS], count[RETURN],
	        count[FAIL]);
	b->n = 0;               /* the marks belonged to runs now decided */
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
	int count[3];
	char line[256];
	tally(b, count);
	snprintf(line, sizeof line, "共%d户，全部默认通过；例外：退回%d户，不通过%d户。"
	         "Space 标为例外，F2 一次提交", b->n, count[RETURN], count[FAIL]);
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
	case ACT_EXCEPT: return had ? mark(app, b, &b->rows[i]) : HANDLED;
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
	    prompt_confirm(app, "已标记的例外尚未提交，离开后不保留。离开？") != 1)
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
	LV_ACTIONS, ACT_EXCEPT, ACT_COMMIT, ACT_OPEN, ACT_HOUSEHOLD, ACT_REFRESH, ACT_NONE
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
