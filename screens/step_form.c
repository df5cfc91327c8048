/* The step form (SPEC §5): the run so far -- each earlier step with who,
 * when, outcome and reason -- then only the fields of the step waiting now.
 * F2 passes the step, Ctrl-R returns it to an earlier step, Ctrl-X ends the
 * run 不通过, Ctrl-O records objections to the posting.  Whatever the
 * engine refuses is shown as the engine says it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "access/draft.h"
#include "drafts.h"
#include "kit/formscreen.h"
#include "kit/fields.h"
#include "kit/listview.h"
#include "register/household.h"
#include "flow/lead.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "step_fields.h"
#include "base/text.h"
#include "flow/todo.h"
#include "kit/ui.h"
#include "work.h"
#include "workui.h"

#define MAX_RECS 64
#define MAX_OBJ 16
#define HISTORY_ROWS 6     /* steps shown at once; PgUp reaches older ones */
#define HISTORY_BAND 6     /* at most: a reason's title and five lines */
#define FORM_ROOM 10       /* rows a long form keeps under them; it scrolls */
#define POSTING_ROWS 2     /* the posting's line, wrapped */
#define LEAD_ROWS 3        /* the lead's sources, wrapped */
#define SCREEN_NAME "step_form"


struct step_state {
	int64_t run_id;
	struct flow_run run;
	int loaded;                  /* 0: the run could not be read */
	struct step_record recs[MAX_RECS];
	int nrecs;
	struct posting posting;
	struct objection obj[MAX_OBJ];
	int nobj;
	char refusal[512];           /* why this officer may not complete it, "" if they may */
	unsigned offers;             /* flow_offers: the keys shown */
	enum action_id acts[10];
	char lead[600];              /* the lead the run came from: its sources */
	int tuopin;
	struct listview hist;        /* the steps so far; the band shows a reason whole */
	struct formscreen *fs;       /* the step's fields and their draft */
	int form_step;               /* the step the form was built for */
	struct watch watch;
};

static void draft_key(const struct step_state *st, char *key, size_t n)
{
	snprintf(key, n, "run%lld-%d", (long long)st->run_id, st->run.step);
}

/* --- the steps so far ------------------------------------------------------- */

static long hist_count(void *arg) { return ((struct step_state *)arg)->nrecs; }

static int hist_fetch(void *arg, long off, int n)
{
	long left = ((struct step_state *)arg)->nrecs - off;
	return left <= 0 ? 0 : left < n ? (int)left : n;
}

static void hist_cell(void *arg, long i, int col, char *buf, size_t n)
{
	const struct step_state *st = arg;
	const struct step_record *r = i >= 0 && i < st->nrecs ? &st->recs[i] : NULL;
	buf[0] = 0;
	if (!r)
		return;
	switch (col) {
	case 0: snprintf(buf, n, "第%d步 %s", r->step, flow_step_name(r->step)); break;
	case 1: snprintf(buf, n, "%s", r->officer_name); break;
	case 2: snprintf(buf, n, "%s", r->done_on); break;
	case 3: snprintf(buf, n, "%s", outcome_text(r->outcome)); break;
	default: step_summary(r, buf, n); break;
	}
}

static enum ui_role hist_role(void *arg, long i)
{
	const struct step_state *st = arg;
	return i >= 0 && i < st->nrecs && st->recs[i].outcome != OUT_PASS ? UI_WARN : UI_NORMAL;
}

static const struct lv_column hist_columns[] = {
	{ "步骤", 20, 0, 0, 0, 0 }, { "办理人", 8, 0, 16, 0, 0 }, { "日期", 10, 0, 0, 0, 0 },
	{ "结果", 6, 0, 0, 0, 0 }, { "理由/要点", 0, 0, 0, 0, 1 },
};

/* The focus stays in the form: the history's selection is drawn bold and
 * moved with PgUp/PgDn (and the arrows when there is no form). */
static void hist_init(struct step_state *st)
{
	struct lv_source src = { hist_count, hist_fetch, hist_cell, hist_role, st };
	lv_init(&st->hist, hist_columns, 5, &src);
	st->hist.focused = 0;
	st->hist.empty = "（还没有办理记录）";
	st->hist.detail_hint = "  PgUp/PgDn 看其他步骤";
}

/* --- loading ---------------------------------------------------------------- */

/* The fields of the step waiting now, with the draft kept for it. */
static void build_form(struct app *app, struct step_state *st)
{
	char key[64];
	struct jerr e = { 0 };
	fs_close(app, st->fs);
	st->fs = NULL;               /* fs_open restores a draft through the checks */
	st->form_step = st->run.step;
	draft_key(st, key, sizeof key);
	st->fs = fs_open(app, &step_form_ops, key, st, &e);
}

static void load(struct app *app, struct step_state *st)
{
	struct session *s = app_session(app);
	struct jerr e = { 0 };
	st->loaded = flow_get(s, st->run_id, &st->run, &e) == 0;
	if (!st->loaded) {
		snprintf(st->refusal, sizeof st->refusal, "%s", e.msg);
		return;
	}
	struct household h;
	struct lead l;
	if (household_get(s, st->run.household_id, &h, NULL) == 0)
		st->tuopin = h.is_tuopin;
	st->lead[0] = 0;
	if (st->run.lead_id && lead_get(s, st->run.lead_id, &l, NULL) == 0)
		snprintf(st->lead, sizeof st->lead, "线索：%s", l.sources);
	int had = st->nrecs;
	st->nrecs = flow_steps(s, st->run_id, st->recs, MAX_RECS);
	lv_reload(&st->hist);
	if (st->nrecs != had)          /* the latest step: what this one follows */
		lv_select(&st->hist, st->nrecs - 1);
	flow_posting(s, st->run_id, &st->posting);
	st->nobj = objection_list(s, st->run_id, st->obj, MAX_OBJ);
	st->refusal[0] = 0;
	if (flow_may_complete(s, &st->run, &e) != 0)
		snprintf(st->refusal, sizeof st->refusal, "%s", e.msg);
	st->offers = flow_offers(s, &st->run);
	if (!st->refusal[0] && (!st->fs || st->form_step != st->run.step))
		build_form(app, st);
	app_set_title(app, "%s 第%d步 %s", flow_kind_text(st->run.kind), st->run.step,
	              flow_step_name(st->run.step));
	watch_reset(&st->watch, s);
}

static int step_enter(struct app *app, void *arg)
{
	struct step_state *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	st->run_id = *(const int64_t *)arg;
	hist_init(st);
	app_set_data(app, st);
	load(app, st);
	return 0;
}

static void step_leave(struct app *app)
{
	struct step_state *st = app_data(app);
	fs_close(app, st->fs);
	free(st);
}

/* --- drawing ---------------------------------------------------------------- */

/* The history over the rows the form and the lines under it leave
 * (below lines of them), at least its header and one row. */
static int draw_history(struct step_state *st, WINDOW *w, int y, int rows, int below,
                        int cols)
{
	int shown = st->nrecs < HISTORY_ROWS ? st->nrecs : HISTORY_ROWS;
	int max = 1 + (shown > 0 ? shown : 1) + HISTORY_BAND;
	if (max > rows - y - below)
		max = rows - y - below;
	if (max < 2)
		max = 2;
	int h = lv_height(&st->hist, max, cols);
	lv_draw(&st->hist, w, y, 0, h, cols);
	return y + h;
}

/* The posting as the engine will judge it: where and when, how long it
 * has run and the day step 3 may pass; its role in *role. */
static void posting_text(const struct step_state *st, char *line, size_t n, enum ui_role *role)
{
	*role = UI_WARN;
	if (!*st->posting.start_on) {
		snprintf(line, n, "公示：尚未登记（在下面填写地点和起止日期，按 F2 时一并登记）");
		return;
	}
	int days = clock_today() - date_iso(st->posting.start_on);
	jday over = flow_posting_over_on(&st->posting);
	int ended = clock_today() >= over;
	char from[11], when[64] = "，已期满";
	if (!ended)
		snprintf(when, sizeof when, "，%s起可完成本步", date_fmt(over, from));
	snprintf(line, n, "公示：%s，%s 至 %s，已公示%d天%s", st->posting.place, st->posting.start_on,
	         st->posting.end_on, days < 0 ? 0 : days, when);
	*role = ended ? UI_OK : UI_WARN;
}

/* Rows the posting takes: wrapped, the day step 3 may pass is never cut
 * off (a long place name pushes it to a second line). */
static int posting_rows(const struct step_state *st, int cols)
{
	char line[512];
	enum ui_role role;
	posting_text(st, line, sizeof line, &role);
	int n = ui_wrap(line, cols, NULL, NULL);
	return n < POSTING_ROWS ? n : POSTING_ROWS;
}

/* Step 3's posting and the objections, as the engine will judge them. */
static int draw_posting(struct step_state *st, WINDOW *w, int y, int cols)
{
	char line[512];
	enum ui_role role;
	posting_text(st, line, sizeof line, &role);
	y += ui_put_wrapped(w, y, 0, cols, POSTING_ROWS, line, role);
	for (int i = 0; i < st->nobj && i < 3; i++) {
		const struct objection *o = &st->obj[i];
		snprintf(line, sizeof line, "异议 %s：%s —— %s%s", o->received_on, o->content,
		         o->resolved ? "已处理：" : "未处理（Ctrl-O 登记处理结果）",
		         o->resolved ? o->resolution : "");
		ui_put(w, y++, 0, cols, line, o->resolved ? UI_NORMAL : UI_ERROR);
	}
	if (st->nobj > 3) {
		snprintf(line, sizeof line, "（另有%d条异议，按 Ctrl-O 查看）", st->nobj - 3);
		ui_put(w, y++, 0, cols, line, UI_DIM);
	}
	return y;
}

static void step_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct step_state *st = app_data(app);
	if (!st->loaded) {
		ui_put(w, 1, 1, cols - 2, st->refusal, UI_ERROR);
		return;
	}
	char line[512];
	snprintf(line, sizeof line, "户主 %s  户编号 %s  %s  %s自 %s%s", st->run.head_name,
	         st->run.hh_no, st->run.village_name, flow_kind_text(st->run.kind), st->run.started_on,
	         st->run.overdue ? "  已超过办理期限" : "");
	ui_put(w, 0, 0, cols, line, st->run.overdue ? UI_WARN : UI_NORMAL);
	int y = 1;
	if (*st->lead)       /* the lead's sources, read whole before deciding */
		y += ui_put_wrapped(w, y, 0, cols, LEAD_ROWS, st->lead, UI_DIM);
	int posting = st->run.step == 3 || st->nobj > 0;
	int form = st->fs ? form_count(st->fs->form) + 1 : 0;
	int below = 1 + (posting ? posting_rows(st, cols) + (st->nobj < 3 ? st->nobj : 4) : 0) +
	            (st->refusal[0] ? 2 : form < FORM_ROOM ? form : FORM_ROOM);
	y = draw_history(st, w, y, rows, below, cols);
	if (posting)
		y = draw_posting(st, w, y, cols);
	enum role role = app_session(app)->cfg->step_roles[st->run.step - 1];
	snprintf(line, sizeof line, "本步：第%d步 %s（%s办理）", st->run.step,
	         flow_step_name(st->run.step), role_label(role));
	if (st->run.state != RUN_OPEN)
		snprintf(line, sizeof line, "流程已结束：%s %s", run_state_text(st->run.state),
		         st->run.closed_on);
	ui_put(w, y++, 0, cols, line, UI_HEADER);
	if (st->refusal[0]) {
		ui_put(w, y, 0, cols, st->refusal, UI_ERROR);
		ui_put(w, y + 1, 0, cols, "（只能查看，不能办理）", UI_DIM);
	} else if (st->fs) {
		form_draw(st->fs->form, app, w, y, 0, rows - y, cols);
	}
}

/* --- completing ------------------------------------------------------------- */

static jday done_day(struct step_state *st)
{
	const char *v = st->fs ? form_value(st->fs->form, "done_on") : NULL;
	jday d = v && *v ? date_parse(v) : JDAY_NONE;
	return d;
}

/* The engine's refusal: on the message line, focus on its field.  What
 * was typed is kept as a draft: a step refused today (the posting has not
 * run its days) is done another day from the same record, not typed again
 * (SPEC §0); leaving then asks nothing. */
static int refused(struct app *app, struct step_state *st, const struct jerr *e)
{
	struct jerr at = *e;
	char msg[sizeof e->msg + 64];
	snprintf(msg, sizeof msg, "%s", e->msg);
	if (!strcmp(at.field, "posting"))
		snprintf(at.field, sizeof at.field, "post_start");
	if (st->fs)
		fs_refuse(st->fs, &at);
	if (st->fs && form_dirty(st->fs->form)) {
		fs_keep(app, st->fs);
		form_saved(st->fs->form);
		snprintf(msg, sizeof msg, "%s（所填已存草稿）", e->msg);
	}
	show_refusal(app, "不能办理", msg);
	return HANDLED;
}

/* After a step is done: stay while the run waits on this officer's role
 * (the next step then shows why this officer may not do it too), else
 * back to the list the officer came from. */
static int after_done(struct app *app, struct step_state *st, const char *what)
{
	struct session *s = app_session(app);
	if (st->fs)
		fs_drop(app, st->fs);
	load(app, st);
	if (!st->loaded || st->run.state != RUN_OPEN) {
		struct household h;
		if (household_get(s, st->run.household_id, &h, NULL) == 0)
			app_msg(app, MSG_OK, "%s：%s%s，%s %s现为“%s”", what, flow_kind_text(st->run.kind),
			        run_state_text(st->run.state),
			        h.head_name, h.hh_no, hh_status_text(h.status));
		return POP;
	}
	app_msg(app, MSG_OK, "%s：转到第%d步“%s”（%s办理）", what, st->run.step,
	        flow_step_name(st->run.step), role_label(s->cfg->step_roles[st->run.step - 1]));
	return flow_role_does_step(s, st->run.step) ? HANDLED : POP;
}

/* A notice lists every household of the village posted together: the
 * village's other runs at step 3 without a posting may share this one. */
static int post_others(struct app *app, struct step_state *st, const char *place, jday start,
                       jday end)
{
	struct session *s = app_session(app);
	struct flow_run page[100];
	int64_t ids[100];
	struct posting p;
	int n = 0, got = todo_steps(s, 0, page, 100);
	for (int i = 0; i < got; i++)
		if (page[i].step == 3 && page[i].id != st->run_id &&
		    !strcmp(page[i].village_name, st->run.village_name) && !flow_posting(s, page[i].id, &p))
			ids[n++] = page[i].id;
	char q[300];
	snprintf(q, sizeof q, "%s还有%d户在第3步、尚未登记公示。按同样的地点和日期一并登记？",
	         st->run.village_name, n);
	if (n == 0 || prompt_confirm(app, q) != 1)
		return 0;
	int done = 0;
	for (int i = 0; i < n; i++)
		done += flow_post(s, ids[i], place, start, end, NULL) == 0;
	return done;
}

/* Step 3: the posting typed in the form, registered when it changed:
 * -1 refused, 0 unchanged, else 1 + the other runs posted with it. */
static int post_if_changed(struct app *app, struct step_state *st)
{
	struct form *f = st->fs->form;
	const char *place = form_value(f, "place");
	char start[11], end[11];
	field_date_iso(form_value(f, "post_start"), start);
	field_date_iso(form_value(f, "post_end"), end);
	if (!strcmp(place, st->posting.place) && !strcmp(start, st->posting.start_on) &&
	    !strcmp(end, st->posting.end_on))
		return 0;
	struct jerr e = { 0 };
	if (flow_post(app_session(app), st->run_id, place, date_iso(start), date_iso(end), &e) != 0) {
		refused(app, st, &e);
		return -1;
	}
	int first = !*st->posting.start_on;
	flow_posting(app_session(app), st->run_id, &st->posting);
	return 1 + (first ? post_others(app, st, place, date_iso(start), date_iso(end)) : 0);
}

static int pass(struct app *app, struct step_state *st)
{
	struct step_input in = { .done_on = done_day(st), .outcome = OUT_PASS };
	struct jerr e = { 0 };
	int posted = 0;
	struct form *f = st->fs->form;
	if (st->run.step == 3 && (posted = post_if_changed(app, st)) < 0)
		return HANDLED;
	for (int i = 0; i < form_count(f) && in.nkv < STEP_MAX_KV; i++) {
		const char *name = form_name(f, i), *v = form_value(f, name);
		if (step_field_is_data(name) && *v) {
			in.keys[in.nkv] = name;
			in.values[in.nkv++] = v;
		}
	}
	if (flow_complete(app_session(app), st->run_id, &in, &e) != 0) {
		if (posted) {   /* the posting stays registered: say so with the refusal */
			char msg[600], others[64] = "";
			if (posted > 1)
				snprintf(others, sizeof others, "（同村另%d户一并登记）", posted - 1);
			snprintf(msg, sizeof msg, "公示已登记%s。%s", others, e.msg);
			snprintf(e.msg, sizeof e.msg, "%.500s", msg);
		}
		return refused(app, st, &e);
	}
	char what[64];
	snprintf(what, sizeof what, "第%d步已通过", st->run.step);
	return after_done(app, st, what);
}

static int ret(struct app *app, struct step_state *st)
{
	const char *items[5];
	char names[5][48], reason[256] = "";
	int n = st->run.step - 1;
	if (n < 1) {
		app_msg(app, MSG_ERROR, "第1步之前没有可以退回的步骤；要结束流程请按 Ctrl-X 不通过");
		return HANDLED;
	}
	for (int i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "第%d步 %s", i + 1, flow_step_name(i + 1));
		items[i] = names[i];
	}
	int to = pick_text(app, "退回到哪一步", items, n, n - 1);
	if (to < 0 || !ask_reason(app, "退回", "退回的理由：", reason, sizeof reason))
		return HANDLED;
	struct step_input in = { .done_on = done_day(st), .outcome = OUT_RETURN, .back_to = to + 1,
	                         .reason = reason };
	struct jerr e = { 0 };
	if (flow_complete(app_session(app), st->run_id, &in, &e) != 0)
		return refused(app, st, &e);
	char what[64];
	snprintf(what, sizeof what, "已退回第%d步", to + 1);
	return after_done(app, st, what);
}

static int reject(struct app *app, struct step_state *st)
{
	char reason[256] = "", q[400];
	if (!ask_reason(app, "不通过", "不通过的理由：", reason, sizeof reason))
		return HANDLED;
	snprintf(q, sizeof q, "以“不通过”结束%s %s 的%s流程？", st->run.head_name, st->run.hh_no,
	         flow_kind_text(st->run.kind));
	if (prompt_confirm(app, q) != 1)
		return HANDLED;
	struct step_input in = { .done_on = done_day(st), .outcome = OUT_FAIL, .reason = reason };
	struct jerr e = { 0 };
	if (flow_complete(app_session(app), st->run_id, &in, &e) != 0)
		return refused(app, st, &e);
	return after_done(app, st, "已不通过");
}

/* --- objections ------------------------------------------------------------- */

static void objection_new(struct app *app, struct step_state *st)
{
	char content[256] = "", day[24];
	struct jerr e = { 0 };
	date_fmt(clock_today(), day);
	if (!ask_reason(app, "登记异议", "异议内容（谁、何时、反映什么）：", content, sizeof content) ||
	    !prompt_line(app, "登记异议", "收到异议的日期：", day, sizeof day))
		return;
	if (objection_add(app_session(app), st->run_id, date_parse(day), content, NULL, &e) != 0)
		show_refusal(app, "不能登记异议", e.msg);
	else
		app_msg(app, MSG_OK, "已登记异议；处理完毕前不能完成本步");
}

static int objections(struct app *app, struct step_state *st)
{
	const char *items[MAX_OBJ + 1];
	char texts[MAX_OBJ][300];
	int64_t ids[MAX_OBJ];
	int n = 0, adds = objection_may_add(app_session(app), &st->run, NULL) == 0;
	if (adds)
		items[n++] = "登记新的异议";
	for (int i = 0; i < st->nobj; i++) {
		if (st->obj[i].resolved)
			continue;
		snprintf(texts[n - adds], sizeof texts[0], "处理：%s %s", st->obj[i].received_on,
		         st->obj[i].content);
		ids[n - adds] = st->obj[i].id;
		items[n] = texts[n - adds];
		n++;
	}
	int got = n ? pick_text(app, "公示异议", items, n, 0) : -1;
	if (got == 0 && adds) {
		objection_new(app, st);
	} else if (got >= 0) {
		char how[256] = "";
		struct jerr e = { 0 };
		if (ask_reason(app, "处理异议", "处理结果：", how, sizeof how) &&
		    objection_resolve(app_session(app), ids[got - adds], how, &e) != 0)
			show_refusal(app, "不能登记处理结果", e.msg);
	}
	load(app, st);
	return HANDLED;
}

/* --- keys ------------------------------------------------------------------- */

/* The step keys first, in the order step_offered() reads flow_offers() */
static const enum action_id step_actions[] = {
	ACT_PASS, ACT_RETURN, ACT_REJECT, ACT_OBJECTION, ACT_HIST_UP, ACT_HIST_DOWN,
	ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_CHOICES, ACT_NONE
};

static int leave_screen(struct app *app, struct step_state *st, int key, int code)
{
	int r = st->fs ? fs_back(app, st->fs, key, code) : UNHANDLED;
	return r == UNHANDLED ? POP : r;
}

static int form_keys(struct app *app, struct step_state *st, int key, int code)
{
	int r = form_key(st->fs->form, app, key, code);
	if (r == FORM_SAVE)
		return pass(app, st);
	return r == FORM_UNHANDLED ? UNHANDLED : HANDLED;
}

/* PgUp/PgDn choose the step whose reason the band shows; with no form to
 * type in, the arrows too. */
static int history_key(struct step_state *st, int key, int code, int busy)
{
	if (action_matches(ACT_HIST_UP, key, code) || (!busy && action_matches(ACT_UP, key, code)))
		return lv_key(&st->hist, ACT_UP);
	if (action_matches(ACT_HIST_DOWN, key, code) ||
	    (!busy && action_matches(ACT_DOWN, key, code)))
		return lv_key(&st->hist, ACT_DOWN);
	return 0;
}

static int step_key(struct app *app, int key, int code)
{
	struct step_state *st = app_data(app);
	/* every step key, shown or not: one not offered here says why */
	enum action_id act = action_find(step_actions, key, code, ACTION_TYPING);
	struct jerr why = { 0 };
	int busy = st->loaded && !st->refusal[0] && st->fs;
	if (!busy && (act == ACT_PASS || act == ACT_RETURN || act == ACT_REJECT ||
	              act == ACT_OBJECTION)) {
		show_refusal(app, "不能办理", st->refusal[0] ? st->refusal : "这个流程现在不能办理");
		return HANDLED;
	}
	switch (act) {
	case ACT_RETURN: return ret(app, st);
	case ACT_REJECT: return reject(app, st);
	case ACT_OBJECTION:
		if (st->offers & FLOW_OFFER_OBJECTION)
			return objections(app, st);
		objection_may_add(app_session(app), &st->run, &why);   /* the engine's reason */
		app_msg(app, MSG_INFO, "%s", why.msg);
		return HANDLED;
	default: break;
	}
	if (busy) {
		int r = form_keys(app, st, key, code);
		if (r != UNHANDLED)
			return r;
	}
	if (history_key(st, key, code, busy))
		return HANDLED;
	if (action_matches(ACT_BACK, key, code))   /* q only when the form did not take it */
		return leave_screen(app, st, key, code);
	return UNHANDLED;
}

static int step_idle(struct app *app)
{
	struct step_state *st = app_data(app);
	if (!watch_changed(&st->watch, app_session(app)))
		return UNHANDLED;
	int step = st->run.step;
	load(app, st);
	if (st->loaded && step != st->run.step)
		app_msg(app, MSG_WARN, "其他操作员刚办理了这个流程，现在在第%d步", st->run.step);
	return REDRAW;
}

static void step_resume(struct app *app)
{
	struct step_state *st = app_data(app);
	if (st)
		load(app, st);
}

/* Only what flow_offers() allows: a step this officer may only read shows
 * no 通过, 退回, 不通过 or 异议 (issue 16); step_actions begins with those
 * four, in the order of bit[]. */
static const enum action_id *step_offered(struct app *app)
{
	static const unsigned bit[] = { FLOW_OFFER_PASS, FLOW_OFFER_RETURN, FLOW_OFFER_REJECT,
	                                FLOW_OFFER_OBJECTION };
	static const enum action_id none[] = { ACT_NONE };
	struct step_state *st = app_data(app);
	int n = 0;
	if (!st->loaded)
		return none;
	for (int i = 0; i < 4; i++)
		if (st->offers & bit[i])
			st->acts[n++] = step_actions[i];
	st->acts[n++] = ACT_HIST_UP;
	st->acts[n++] = ACT_HIST_DOWN;
	for (int i = 6; st->fs && !st->refusal[0] && step_actions[i] != ACT_NONE; i++)
		st->acts[n++] = step_actions[i];
	st->acts[n] = ACT_NONE;
	return st->acts;
}

static const struct screen step_screen = {
	.name = SCREEN_NAME,
	.title = "办理步骤",
	.enter = step_enter,
	.leave = step_leave,
	.draw = step_draw,
	.key = step_key,
	.actions = step_actions,
	.offered = step_offered,
	.idle = step_idle,
	.resume = step_resume,
	.flags = SCREEN_TYPING,
};

void step_form_push(struct app *app, int64_t run_id)
{
	app_push(app, &step_screen, &run_id);
}

/* --- the step's draft ------------------------------------------------------- */

static void put_field(void *arg, const char *key, const char *value)
{
	form_set(arg, key, value);
}

static int step_build(struct app *app, struct formscreen *fs, struct jerr *e)
{
	struct step_state *st = fs->rec;
	const struct config *cfg = app_session(app)->cfg;
	(void)e;
	step_fields_add(fs->form, &st->run, st->tuopin, cfg);
	step_fields_defaults(fs->form, &st->run, &st->posting, cfg->posting_days);
	flow_step1_known_income(app_session(app), &st->run, clock_today(), put_field, fs->form);
	snprintf(fs->title, sizeof fs->title, "%s第%d步%s %s", flow_kind_text(st->run.kind), st->run.step,
	         flow_step_name(st->run.step), st->run.head_name);
	return 0;
}

/* The day the draft was kept: 办理日期 left at that day's default ... */
static void step_draft_put(struct formscreen *fs, char *buf, size_t n)
{
	char today[11];
	(void)fs;
	draft_put(buf, n, "@day", date_fmt(clock_today(), today));
}

/* ... is today's now. */
static void step_draft_get(struct formscreen *fs, const char *payload)
{
	char day[16] = "", today[11];
	draft_get(payload, "@day", day, sizeof day);
	if (!strcmp(form_value(fs->form, "done_on"), day))
		form_set(fs->form, "done_on", date_fmt(clock_today(), today));
}

/* A draft is for the step it was typed for: a run that has moved on
 * since makes it void. */
static void step_resume_draft(struct app *app, const char *key)
{
	long long run;
	int step;
	struct flow_run r;
	if (sscanf(key, "run%lld-%d", &run, &step) != 2)
		return;
	if (flow_get(app_session(app), run, &r, NULL) == 0 && r.step != step) {
		draft_discard(app_session(app), SCREEN_NAME, key);
		app_msg(app, MSG_WARN, "这个流程已不在第%d步（现在第%d步），草稿已作废", step, r.step);
	}
	step_form_push(app, run);
}

/* A date as the engine judges it among the run's others, the rest of the
 * form as typed (the posting under its own keys): the refusal the save
 * would make, under the field, while the officer types. */
static int step_check_field(struct formscreen *fs, const char *field, struct jerr *e)
{
	struct step_state *st = fs->rec;
	struct form *f = fs->form;
	const char *day = form_value(f, "done_on");
	struct step_input in = { .done_on = day && *day ? date_parse(day) : JDAY_NONE };
	for (int i = 0; i < form_count(f) && in.nkv < STEP_MAX_KV; i++) {
		const char *name = form_name(f, i), *v = form_value(f, name);
		if (strcmp(name, "done_on") && *v) {
			in.keys[in.nkv] = name;
			in.values[in.nkv++] = v;
		}
	}
	return flow_step_date_check(app_session(fs->app), st->run_id, &in, field, e);
}

const struct form_ops step_form_ops = {
	.screen = &step_screen,
	.build = step_build,
	.check_field = step_check_field,
	.draft_put = step_draft_put,
	.draft_get = step_draft_get,
	.resume = step_resume_draft,
	.restored = "已恢复上次未办完时填写的内容",
};
