/* The to-do queue (SPEC §7, issue 5): sections for the steps waiting for
 * me, identification runs past their deadline, overdue visits grouped by
 * contact person, the households still to visit this month (本月待走访,
 * the visit grid's own count), households without a contact person or without a
 * measure after the grace period, and open leads.  Enter goes straight
 * to the work: the step form, the visit grid, the assignment, the measure
 * form.  Rows are fetched a page at a time from each section. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "assist/assist.h"
#include "kit/listview.h"
#include "access/session.h"
#include "base/text.h"
#include "flow/todo.h"
#include "flow/quality.h"
#include "kit/ui.h"
#include "work.h"
#include "workq.h"
#include "workui.h"
#include "flow/worklist.h"
#include "register/income_round.h"

enum sec_kind { SEC_STEPS, SEC_RUNS, SEC_VISITS, SEC_DUE, SEC_NO_CONTACT, SEC_NO_MEASURE,
                SEC_LEADS, SEC_QUALITY, SEC_INCOMES, SEC_COUNT };

struct section {
	enum sec_kind kind;
	long count;              /* items (the header row not counted) */
	long start;              /* the header's row in the list */
	long off;                /* the first item held in the cache */
	int n, cap;
	struct flow_run *runs;   /* SEC_STEPS, SEC_RUNS */
	struct todo_row *hh;     /* SEC_NO_CONTACT, SEC_NO_MEASURE */
	struct quality_finding *qf;   /* SEC_QUALITY */
};

struct todo {
	struct session *s;
	struct section sec[SEC_COUNT];
	int nsec;                /* sections with items, in order */
	long total;
	struct contact *late;    /* contacts with overdue households, + one "none" */
	int nlate;
	int batch;               /* this officer's role decides step 2, 4 or 5 */
	int64_t leads, late_leads;   /* open leads; leads past the deadline */
	int64_t due;             /* not visited yet this month (visit_due_count) */
	int income_year;         /* in the collection season: its year ... */
	int64_t incomes_left;    /* ... and the households without it */
	int64_t *qcounts;        /* households per data-quality rule */
	int quality_later;       /* counted after the first screen is drawn */
	struct listview lv;
	int cols;                /* the list's width at the last draw */
	int name_w;              /* the widest name held, 8 to 16 columns */
	struct watch watch;
};

#define TODO_WIDE 100        /* household numbers from this width */

static const char *const titles[SEC_COUNT] = {
	"待我办理的步骤", "超过期限未办结的识别", "走访超期（按帮扶联系人）", "本月待走访",
	"没有帮扶联系人的户", "超期未落实帮扶措施的户", "待核实的风险线索", "数据疑点", "收入采集",
};

/* --- counting and fetching ----------------------------------------------------- */

static int push_late(struct todo *t, int *cap, const struct contact *c)
{
	if (t->nlate == *cap) {
		int want = *cap ? *cap * 2 : 32;
		struct contact *more = realloc(t->late, (size_t)want * sizeof *more);
		if (!more)
			return -1;
		t->late = more;
		*cap = want;
	}
	t->late[t->nlate++] = *c;
	return 0;
}

/* Contacts whose households are overdue, then the overdue ones without any. */
static void load_late(struct session *s, struct todo *t)
{
	struct contact page[100], none;
	int got, off = 0, cap = 0;
	free(t->late);
	t->late = NULL;
	t->nlate = 0;
	while ((got = contact_list(s, off, page, 100)) > 0) {
		for (int i = 0; i < got; i++)
			if (page[i].overdue > 0 && push_late(t, &cap, &page[i]) != 0)
				return;
		off += got;
	}
	memset(&none, 0, sizeof none);
	none.id = -1;
	none.overdue = (int)todo_households_count(s, FLAG_VISIT_OVERDUE, -1);
	snprintf(none.name, sizeof none.name, "（没有联系人）");
	if (none.overdue > 0)
		push_late(t, &cap, &none);
}

static long sec_count(struct session *s, struct todo *t, enum sec_kind k)
{
	switch (k) {
	case SEC_STEPS: return (long)todo_steps_count(s);
	case SEC_RUNS: return (long)todo_overdue_runs_count(s);
	case SEC_VISITS: load_late(s, t); return t->nlate;
	case SEC_DUE:   /* one row: the grid of them all */
		t->due = visit_due_count(s, 0, 0, month_first());
		return t->due > 0;
	case SEC_NO_CONTACT: return (long)todo_households_count(s, FLAG_NO_CONTACT, 0);
	case SEC_NO_MEASURE: return (long)todo_households_count(s, FLAG_NO_MEASURE, 0);
	case SEC_LEADS:
		t->leads = lead_open_count(s);
		t->late_leads = todo_overdue_leads_count(s);
		return t->leads > 0 || t->late_leads > 0;
	case SEC_INCOMES:     /* December's collection: until every income is in */
		if (!income_round_season(clock_today()))
			return 0;
		t->income_year = income_round_year(clock_today());
		t->incomes_left = income_unrecorded_count(s, t->income_year);
		return t->incomes_left > 0;
	case SEC_QUALITY: {
		long n = 0;
		if (t->quality_later || !t->qcounts || quality_counts(s, t->qcounts) != 0)
			return 0;
		for (int i = 0; i < quality_count(); i++)
			n += (long)t->qcounts[i];
		return n;
	}
	default: return 0;
	}
}

static long todo_count(void *arg)
{
	return ((struct todo *)arg)->total;
}

static void recount(struct session *s, struct todo *t)
{
	t->nsec = 0;
	t->total = 0;
	for (int k = 0; k < SEC_COUNT; k++) {
		struct section *sec = &t->sec[t->nsec];
		struct flow_run *runs = sec->runs;
		struct todo_row *hh = sec->hh;
		struct quality_finding *qf = sec->qf;
		int cap = sec->cap;
		long n = sec_count(s, t, (enum sec_kind)k);
		if (n <= 0)
			continue;
		*sec = (struct section){ (enum sec_kind)k, n, t->total, 0, 0, cap, runs, hh, qf };
		t->total += 1 + n;
		t->nsec++;
	}
}

static int ensure_cap(struct section *sec, int n)
{
	if (sec->cap >= n)
		return 0;
	struct flow_run *runs = realloc(sec->runs, (size_t)n * sizeof *runs);
	if (runs)
		sec->runs = runs;
	struct todo_row *hh = realloc(sec->hh, (size_t)n * sizeof *hh);
	if (hh)
		sec->hh = hh;
	struct quality_finding *qf = realloc(sec->qf, (size_t)n * sizeof *qf);
	if (qf)
		sec->qf = qf;
	if (!runs || !hh || !qf)
		return -1;
	sec->cap = n;
	return 0;
}

/* Items [from, from + n) of a section into its cache. */
static void sec_fetch(struct session *s, struct todo *t, struct section *sec, long from, int n)
{
	if (ensure_cap(sec, n) != 0)
		return;
	sec->off = from;
	switch (sec->kind) {
	case SEC_STEPS: sec->n = todo_steps(s, (int)from, sec->runs, n); break;
	case SEC_RUNS: sec->n = todo_overdue_runs(s, (int)from, sec->runs, n); break;
	case SEC_NO_CONTACT:
		sec->n = todo_households(s, FLAG_NO_CONTACT, 0, (int)from, sec->hh, n);
		break;
	case SEC_NO_MEASURE:
		sec->n = todo_households(s, FLAG_NO_MEASURE, 0, (int)from, sec->hh, n);
		break;
	case SEC_QUALITY:
		sec->n = quality_findings(s, t->qcounts, from, sec->qf, n);
		break;
	default: sec->n = n; break;   /* held in memory, or one row */
	}
}

static int wider(int w, const char *name)
{
	int n = text_width(name);
	return n > w ? n : w;
}

/* The name column as wide as the widest name held (阿依古丽·买买提 whole),
 * from 8 columns to 16. */
static void fit_names(struct todo *t)
{
	int w = 8;
	for (int i = 0; i < t->nsec; i++) {
		const struct section *sec = &t->sec[i];
		for (int k = 0; k < sec->n && (sec->kind == SEC_STEPS || sec->kind == SEC_RUNS); k++)
			w = wider(w, sec->runs[k].head_name);
		for (int k = 0; k < sec->n && (sec->kind == SEC_NO_CONTACT || sec->kind == SEC_NO_MEASURE); k++)
			w = wider(w, sec->hh[k].head_name);
		for (int k = 0; k < sec->n && sec->kind == SEC_QUALITY; k++)
			w = wider(w, sec->qf[k].hit.head_name);
	}
	for (int k = 0; k < t->nlate; k++)
		w = wider(w, t->late[k].name);
	t->name_w = w < 16 ? w : 16;
}

static int todo_fetch(void *arg, long offset, int n)
{
	struct todo *t = arg;
	long end = offset + n > t->total ? t->total : offset + n;
	for (int i = 0; i < t->nsec; i++) {
		struct section *sec = &t->sec[i];
		long first = sec->start + 1, last = first + sec->count;
		long a = offset > first ? offset : first, b = end < last ? end : last;
		if (a < b)
			sec_fetch(t->s, t, sec, a - first, (int)(b - a));
	}
	fit_names(t);
	return end > offset ? (int)(end - offset) : 0;
}

/* --- rows ---------------------------------------------------------------------- */

static struct section *section_of(struct todo *t, long row, long *item)
{
	for (int i = t->nsec - 1; i >= 0; i--)
		if (row >= t->sec[i].start) {
			*item = row - t->sec[i].start - 1;
			return &t->sec[i];
		}
	return NULL;
}

/* One item: what (第3步 民主评议和公示), who (阿依古丽·买买提 whole),
 * where, a code of dw columns (the household number only from TODO_WIDE:
 * at 80 columns the dates after it come whole first; a phone always), and
 * the rest. */
static void columns_aw(const struct todo *t, char *buf, size_t n, int aw, const char *a,
                       const char *b, const char *c, const char *d, int dw, const char *e)
{
	int wide = t->cols >= TODO_WIDE;
	char pa[64], pb[64], pc[64], pd[64] = "";
	text_fit(a, aw, pa, sizeof pa);
	text_fit(b, t->name_w, pb, sizeof pb);
	text_fit(c, wide ? 12 : 8, pc, sizeof pc);
	if (wide || dw < 16) {
		text_fit(d, dw, pd, sizeof pd - 1);
		strcat(pd, " ");
	}
	snprintf(buf, n, "  %s %s %s %s%s", pa, pb, pc, pd, e);
}

static void columns(const struct todo *t, char *buf, size_t n, const char *a, const char *b,
                    const char *c, const char *d, int dw, const char *e)
{
	columns_aw(t, buf, n, 20, a, b, c, d, dw, e);
}

static void run_cell(const struct todo *t, const struct flow_run *r, char *buf, size_t n)
{
	char step[48], what[160];
	snprintf(step, sizeof step, "第%d步 %s", r->step, flow_step_name(r->step));
	snprintf(what, sizeof what, "%s 自%s%s", flow_kind_text(r->kind), r->started_on,
	         r->overdue ? " 已超期" : "");
	columns(t, buf, n, step, r->head_name, r->village_name, r->hh_no, 16, what);
}

static void hh_cell(const struct todo *t, const struct todo_row *h, enum sec_kind k, char *buf,
                    size_t n)
{
	char what[160];
	snprintf(what, sizeof what, "%s 纳入%s", h->status, h->identified_on);
	columns(t, buf, n, k == SEC_NO_CONTACT ? "无联系人" : "无帮扶措施", h->head_name,
	        h->village_name, h->hh_no, 16, what);
}

/* A rule's code is at most 8 columns, not a step's 20: the sentence gets
 * them, and when it still does not fit, its explanation in brackets goes
 * (jiance check --rule CODE prints it whole), so it is not cut. */
static void finding_cell(const struct todo *t, const struct quality_finding *q, char *buf,
                         size_t n)
{
	const struct quality_rule *r = quality_rule_at(q->rule);
	int wide = t->cols >= TODO_WIDE;
	/* what columns_aw leaves: its margins, code, name, village, 户编号 */
	int room = t->cols - 1 - 6 - 8 - t->name_w - (wide ? 12 + 17 : 8);
	char text[256];
	snprintf(text, sizeof text, "%s", r->text);
	char *bracket = strstr(text, "（");
	if (text_width(text) > room && bracket && bracket > text)
		*bracket = 0;
	columns_aw(t, buf, n, 8, r->code, q->hit.head_name, q->hit.village, q->hit.hh_no, 16, text);
}

static void header_cell(const struct todo *t, const struct section *sec, char *buf, size_t n)
{
	const char *hint = "";
	switch (sec->kind) {
	case SEC_STEPS: hint = t->batch ? "（Enter 办理；b 批量审批）" : "（Enter 办理）"; break;
	case SEC_VISITS: hint = "（Enter 批量录入该联系人的走访）"; break;
	case SEC_DUE: hint = "（Enter 批量录入本月的走访）"; break;
	case SEC_NO_CONTACT: hint = "（Enter 批量安排）"; break;
	case SEC_NO_MEASURE: hint = "（Enter 登记措施）"; break;
	case SEC_INCOMES: hint = "（Enter 按村录入收入）"; break;
	case SEC_QUALITY: hint = "（Enter 打开该户要改的地方；jiance check 列出全部规则）"; break;
	default: break;
	}
	long n_items = sec->kind == SEC_VISITS ? 0 : sec->kind == SEC_LEADS ? (long)t->leads
	               : sec->kind == SEC_DUE ? (long)t->due
	               : sec->kind == SEC_INCOMES ? (long)t->incomes_left : sec->count;
	for (int i = 0; sec->kind == SEC_VISITS && i < t->nlate; i++)
		n_items += t->late[i].overdue;
	snprintf(buf, n, "%s %ld%s%s", titles[sec->kind], n_items,
	         sec->kind == SEC_STEPS || sec->kind == SEC_RUNS || sec->kind == SEC_QUALITY ? "件"
	         : sec->kind == SEC_LEADS ? "条" : "户",
	         hint);
}

static void todo_cell(void *arg, long index, int col, char *buf, size_t n)
{
	struct todo *t = arg;
	long item;
	struct section *sec = section_of(t, index, &item);
	(void)col;
	buf[0] = 0;
	if (!sec)
		return;
	if (item < 0) {
		header_cell(t, sec, buf, n);
		return;
	}
	long i = item - sec->off;
	if (sec->kind == SEC_VISITS && item < t->nlate) {
		const struct contact *c = &t->late[item];
		char what[64];
		snprintf(what, sizeof what, "超期%d户，共联系%d户", c->overdue, c->households);
		columns(t, buf, n, "走访超期", c->name, c->kind, c->phone, 11, what);
	} else if (sec->kind == SEC_DUE) {
		char what[128];
		snprintf(what, sizeof what, "本月尚未走访%lld户", (long long)t->due);
		columns(t, buf, n, "本月待走访", "", "", "", 11, what);
	} else if (sec->kind == SEC_LEADS) {
		char what[128], late[48] = "";
		if (t->late_leads)
			snprintf(late, sizeof late, "，超期%lld条", (long long)t->late_leads);
		snprintf(what, sizeof what, "待核实%lld条%s", (long long)t->leads, late);
		columns(t, buf, n, "风险线索", "", "", "", 11, what);
	} else if (sec->kind == SEC_INCOMES) {
		char what[96];
		snprintf(what, sizeof what, "%d年收入未登记%lld户", t->income_year,
		         (long long)t->incomes_left);
		columns(t, buf, n, "收入采集", "", "", "", 11, what);
	} else if (i >= 0 && i < sec->n && (sec->kind == SEC_STEPS || sec->kind == SEC_RUNS)) {
		run_cell(t, &sec->runs[i], buf, n);
	} else if (i >= 0 && i < sec->n && sec->kind == SEC_QUALITY) {
		finding_cell(t, &sec->qf[i], buf, n);
	} else if (i >= 0 && i < sec->n) {
		hh_cell(t, &sec->hh[i], sec->kind, buf, n);
	}
}

static enum ui_role todo_role(void *arg, long index)
{
	long item;
	struct section *sec = section_of(arg, index, &item);
	return sec && item < 0 ? UI_HEADER : UI_NORMAL;
}

/* --- the screen ------------------------------------------------------------------ */

/* The officer's role completes step 2, 4 or 5: the ones decided in batches. */
static int decides_batch(const struct session *s)
{
	static const int steps[] = { 2, 4, 5 };
	int yes = 0;
	for (int i = 0; i < 3; i++)
		yes |= flow_role_does_step(s, steps[i]);
	return yes;
}

static void reload(struct app *app, struct todo *t)
{
	recount(app_session(app), t);
	lv_reload(&t->lv);
	watch_reset(&t->watch, app_session(app));
}

static int todo_enter(struct app *app, void *arg)
{
	(void)arg;
	struct todo *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	t->s = app_session(app);
	t->batch = decides_batch(t->s);
	t->qcounts = calloc((size_t)quality_count(), sizeof *t->qcounts);
	for (int k = 0; k < SEC_COUNT; k++)
		t->sec[k].kind = (enum sec_kind)k;
	struct lv_source src = { todo_count, todo_fetch, todo_cell, todo_role, t };
	lv_init(&t->lv, NULL, 0, &src);
	t->lv.empty = "今天没有待办事项。";
	app_set_data(app, t);
	/* every rule over the area's households (a township's: 35 ms on
	 * 200,000): the day's work shows first, the findings a moment later */
	t->quality_later = 1;
	reload(app, t);
	lv_select(&t->lv, t->total > 1 ? 1 : 0);   /* the first item, not its header */
	return 0;
}

static void todo_leave(struct app *app)
{
	struct todo *t = app_data(app);
	for (int k = 0; k < SEC_COUNT; k++) {
		free(t->sec[k].runs);
		free(t->sec[k].hh);
		free(t->sec[k].qf);
	}
	free(t->qcounts);
	free(t->late);
	free(t);
}

static void todo_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct todo *t = app_data(app);
	char line[256], today[11];
	snprintf(line, sizeof line, "今天 %s    共%d类待办；Enter 直接办理", date_fmt(clock_today(), today),
	         t->nsec);
	ui_put(w, 0, 0, cols, line, UI_DIM);
	t->cols = cols;
	lv_draw(&t->lv, w, 1, 0, rows - 1, cols);
}

/* The selected row: its section and item (-1 for the section's header). */
static struct section *selected(struct todo *t, long *item)
{
	long row = lv_selected(&t->lv);
	return row < 0 ? NULL : section_of(t, row, item);
}

static int64_t selected_household(struct todo *t)
{
	long item;
	struct section *sec = selected(t, &item);
	long i = sec ? item - sec->off : -1;
	if (!sec || item < 0 || i < 0 || i >= sec->n)
		return 0;
	if (sec->kind == SEC_STEPS || sec->kind == SEC_RUNS)
		return sec->runs[i].household_id;
	if (sec->kind == SEC_NO_CONTACT || sec->kind == SEC_NO_MEASURE)
		return sec->hh[i].household_id;
	if (sec->kind == SEC_QUALITY)
		return sec->qf[i].hit.household_id;
	return 0;
}

/* A finding opens where it is fixed: the measure form, the household form
 * at the field the rule names, else the household's detail. */
static void open_finding(struct app *app, const struct quality_finding *q)
{
	const char *field = quality_rule_at(q->rule)->field;
	int64_t hh = q->hit.household_id;
	if (!strcmp(field, "measures"))
		measure_form_push(app, hh, 0);
	else if (!strcmp(field, "members") || !strcmp(field, "incomes"))
		hh_detail_push(app, hh);
	else
		hh_form_push_at(app, hh, field);
}

static void open_header(struct app *app, enum sec_kind k)
{
	switch (k) {
	case SEC_STEPS: batch_push(app, 0); break;
	case SEC_VISITS: visit_grid_choose(app); break;
	case SEC_DUE: visit_grid_push(app, 0, app_session(app)->scope.area_id); break;
	case SEC_NO_CONTACT: assign_list_push(app, NULL); break;
	case SEC_NO_MEASURE: measures_push(app); break;
	case SEC_LEADS: leads_push(app); break;
	case SEC_INCOMES: income_grid_choose(app); break;
	default: app_msg(app, MSG_INFO, "请选择下面的一行，按 Enter 办理"); break;
	}
}

static int open_row(struct app *app, struct todo *t)
{
	long item;
	struct section *sec = selected(t, &item);
	if (!sec)
		return HANDLED;
	if (item < 0) {
		open_header(app, sec->kind);
		return HANDLED;
	}
	long i = item - sec->off;
	int64_t hh = selected_household(t);
	switch (sec->kind) {
	case SEC_STEPS: case SEC_RUNS:
		if (i >= 0 && i < sec->n)
			step_form_push(app, sec->runs[i].id);
		break;
	case SEC_VISITS:
		if (item < t->nlate)
			visit_grid_push(app, t->late[item].id, 0);
		break;
	case SEC_NO_CONTACT:
		if (hh)
			assign_contact_push(app, &hh, 1);
		reload(app, t);   /* a box, not a screen: no resume() follows */
		break;
	case SEC_DUE: open_header(app, SEC_DUE); break;
	case SEC_NO_MEASURE: if (hh) measure_form_push(app, hh, 0); break;
	case SEC_LEADS: leads_push(app); break;
	case SEC_INCOMES: income_grid_choose(app); break;
	case SEC_QUALITY:
		if (i >= 0 && i < sec->n)
			open_finding(app, &sec->qf[i]);
		break;
	default: break;
	}
	return HANDLED;
}

static int todo_key(struct app *app, int key, int code)
{
	struct todo *t = app_data(app);
	enum action_id act = app_action(app, key, code);
	if (lv_key(&t->lv, act))
		return HANDLED;
	int64_t hh;
	switch (act) {
	case ACT_OPEN: return open_row(app, t);
	case ACT_BATCH: batch_push(app, 0); return HANDLED;
	case ACT_VISITS: visit_grid_choose(app); return HANDLED;
	case ACT_LEADS: leads_push(app); return HANDLED;
	case ACT_NEW_LEAD: lead_form_push(app, 0); return HANDLED;
	case ACT_ASSIGN: assign_list_push(app, NULL); return HANDLED;
	case ACT_REFRESH: reload(app, t); return HANDLED;
	case ACT_HOUSEHOLD: case ACT_FLOW:
		hh = selected_household(t);
		if (!hh) {
			app_msg(app, MSG_INFO, "这一行不是某一户");
		} else if (act == ACT_HOUSEHOLD) {
			hh_detail_push(app, hh);
		} else {
			flow_actions_push(app, hh);
			reload(app, t);
		}
		return HANDLED;
	default: return UNHANDLED;
	}
}

static int todo_idle(struct app *app)
{
	struct todo *t = app_data(app);
	if (t->quality_later) {
		long was = t->total;
		t->quality_later = 0;
		reload(app, t);
		if (was == 0)
			lv_select(&t->lv, t->total > 1 ? 1 : 0);
		return REDRAW;
	}
	if (!watch_changed(&t->watch, app_session(app)))
		return UNHANDLED;
	reload(app, t);
	return REDRAW;
}

static void todo_resume(struct app *app)
{
	struct todo *t = app_data(app);
	if (t)
		reload(app, t);
}

static const enum action_id todo_actions[] = {
	LV_ACTIONS, ACT_OPEN, ACT_BATCH, ACT_VISITS, ACT_LEADS, ACT_NEW_LEAD, ACT_ASSIGN,
	ACT_HOUSEHOLD, ACT_FLOW, ACT_REFRESH, ACT_NONE
};
/* for roles that decide none of steps 2, 4, 5: no batch key on their line */
static const enum action_id todo_actions_nobatch[] = {
	LV_ACTIONS, ACT_OPEN, ACT_VISITS, ACT_LEADS, ACT_NEW_LEAD, ACT_ASSIGN, ACT_HOUSEHOLD,
	ACT_FLOW, ACT_REFRESH, ACT_NONE
};

#define TODO_SCREEN(acts) { .name = "todo", .title = "待办事项", .enter = todo_enter, \
	.leave = todo_leave, .draw = todo_draw, .key = todo_key, .actions = acts, \
	.idle = todo_idle, .resume = todo_resume }
static const struct screen todo_screen = TODO_SCREEN(todo_actions);
static const struct screen todo_screen_nobatch = TODO_SCREEN(todo_actions_nobatch);

void todo_push(struct app *app)
{
	app_push(app, decides_batch(app_session(app)) ? &todo_screen : &todo_screen_nobatch, NULL);
}
