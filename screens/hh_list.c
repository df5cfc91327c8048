/* The household list and its search mode.  Rows come a page at a time
 * from src/hhlist.c through the listview's data source; a million
 * households never load at once.  The search mode is a screen of its own
 * (SCREEN_TYPING: letters are text there, and the key line says so) over
 * the same state, so results follow every keystroke. */
#include "hh_list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kit/app.h"
#include "register/flags.h"
#include "kit/lineedit.h"
#include "kit/listview.h"
#include "access/session.h"
#include "access/watch.h"
#include "base/text.h"
#include "kit/ui.h"
#include "work.h"

#define HL_MAX_COLS 12
#define HL_MAX_MARKS 500
#define HL_COUNT_CAP 1000        /* a search's matches are counted this far */
#define HL_COUNT_AFTER_MS 250    /* keys paused this long: count */

enum hl_col { C_MARK, C_NO, C_NAME, C_TOWNSHIP, C_PLACE, C_TYPE, C_STATUS, C_CONTACT, C_VISIT,
               C_PHONE, C_SIZE, C_FLAGS };

struct hl {
	struct session *s;
	struct hh_filter f;
	struct listview lv;
	struct hh_row *rows;          /* the current page */
	int cap, got;
	long off;
	struct lv_column cols[HL_MAX_COLS + 1];
	enum hl_col kinds[HL_MAX_COLS + 1];
	int ncols, fitted_for;        /* the width the columns were fitted to */
	int short_type;               /* 不稳定 for 脱贫不稳定户 when narrow */
	struct lineedit search;
	struct watch watch;
	/* Counting can take longer than a keystroke may (a letter matches a
	 * fifth of a county), so rows come first and the count when typing
	 * pauses (idle()); a search counts no further than HL_COUNT_CAP. */
	int counted, capped;
	int64_t total;
	long long busy_at;           /* the last key or change: count after a pause */
	int64_t marks[HL_MAX_MARKS];
	int nmarks;
};

/* --- the data source ------------------------------------------------------- */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The list learns the total only once it is counted exactly. */
static long hl_count(void *arg)
{
	struct hl *h = arg;
	return h->counted && !h->capped ? (long)h->total : LV_UNKNOWN;
}

/* Counting a whole county takes some 40 ms on 200,000 households: it
 * gives way to a key typed meanwhile and is tried again at the next pause. */
static int count_now(struct hl *h)
{
	int64_t n;
	session_yield_to(h->s, app_input_pending, NULL);
	if (h->f.search[0])
		n = hhlist_count_upto(h->s, &h->f, HL_COUNT_CAP);
	else
		n = hhlist_count(h->s, &h->f);
	session_yield_to(h->s, NULL, NULL);
	if (session_interrupted(h->s))
		return 0;
	h->total = n;
	h->capped = h->f.search[0] && n > HL_COUNT_CAP;
	h->counted = 1;
	return 1;
}

/* The filter or the search changed: rows now, the count later. */
static void filter_changed(struct hl *h)
{
	h->counted = 0;
	h->busy_at = now_ms();
	lv_reload(&h->lv);
	lv_select(&h->lv, 0);
}

static int hl_fetch(void *arg, long off, int n)
{
	struct hl *h = arg;
	if (n > h->cap) {
		struct hh_row *r = realloc(h->rows, (size_t)n * sizeof *r);
		if (!r)
			return 0;
		h->rows = r;
		h->cap = n;
	}
	h->off = off;
	h->got = hhlist_page(h->s, &h->f, off, n, h->rows);
	return h->got;
}

static const struct hh_row *row_at(const struct hl *h, long i)
{
	return i >= h->off && i < h->off + h->got ? &h->rows[i - h->off] : NULL;
}

static int marked(const struct hl *h, int64_t id)
{
	for (int i = 0; i < h->nmarks; i++)
		if (h->marks[i] == id)
			return 1;
	return 0;
}

static const char *type_text(const struct hl *h, const char *type)
{
	static const char *const full[] = { "脱贫不稳定户", "边缘易致贫户", "突发严重困难户" };
	static const char *const brief[] = { "不稳定", "边缘", "突发" };
	for (int i = 0; h->short_type && i < 3; i++)
		if (!strcmp(type, full[i]))
			return brief[i];
	return type;
}

/* One character per flag, so five fit in ten columns; the footer and the
 * detail spell them out. */
static void flags_text(int flags, char *buf, size_t n)
{
	static const char *const ch[] = { "联", "措", "访", "期", "开" };
	buf[0] = 0;
	for (int i = 0; i < FLAG_COUNT; i++)
		if (flags & (1 << i))
			strncat(buf, ch[i], n - strlen(buf) - 1);
}

static void hl_cell(void *arg, long i, int col, char *buf, size_t n)
{
	struct hl *h = arg;
	const struct hh_row *r = row_at(h, i);
	buf[0] = 0;
	if (!r || col < 0 || col >= h->ncols)
		return;
	switch (h->kinds[col]) {
	case C_MARK: snprintf(buf, n, "%s", marked(h, r->id) ? "*" : ""); break;
	case C_NO: snprintf(buf, n, "%s", r->hh_no); break;
	case C_NAME: snprintf(buf, n, "%s", r->head_name); break;
	case C_TOWNSHIP: snprintf(buf, n, "%s", r->township); break;
	case C_PLACE: snprintf(buf, n, "%s%s", r->village, r->group); break;
	case C_TYPE: snprintf(buf, n, "%s", type_text(h, r->hh_type)); break;
	case C_STATUS: snprintf(buf, n, "%s", r->status); break;
	case C_CONTACT: snprintf(buf, n, "%s", r->contact); break;
	case C_VISIT: snprintf(buf, n, "%s", r->last_visit_on); break;
	case C_PHONE: snprintf(buf, n, "%s", r->phone); break;
	case C_SIZE: snprintf(buf, n, "%d", r->size); break;
	case C_FLAGS: flags_text(r->flags, buf, n); break;
	}
}

static enum ui_role hl_role(void *arg, long i)
{
	const struct hh_row *r = row_at(arg, i);
	return r && (r->flags & (FLAG_VISIT_OVERDUE | FLAG_RUN_OVERDUE | FLAG_NO_MEASURE)) ?
	       UI_WARN : UI_NORMAL;
}

/* --- columns fitted to the width ------------------------------------------ */

static void add_col(struct hl *h, enum hl_col k, const char *title, int width, int right)
{
	h->cols[h->ncols] = (struct lv_column){ title, width, right, 0, 0, 0 };
	h->kinds[h->ncols++] = k;
}

/* 80 columns hold everything with short types; wider terminals get full
 * type names and longer places, then the last visit (120), the phone and
 * the household's size (140) and, for a county officer, the township
 * (160): issue 16, a wide terminal shows more. */
static void fit_columns(struct hl *h, int cols)
{
	int wide = cols >= 100, county = h->s->scope.level < LEVEL_TOWNSHIP;
	h->ncols = 0;
	h->short_type = !wide;
	add_col(h, C_MARK, "", 1, 0);
	add_col(h, C_NO, "户编号", 16, 0);
	add_col(h, C_NAME, "户主", 16, 0);          /* 阿依古丽·买买提 whole */
	if (county && cols >= 160)
		add_col(h, C_TOWNSHIP, "乡镇", 12, 0);
	add_col(h, C_PLACE, "村/组", wide ? 18 : 12, 0);
	add_col(h, C_TYPE, "类型", wide ? 14 : 6, 0);
	add_col(h, C_STATUS, "状态", 10, 0);
	add_col(h, C_CONTACT, "联系人", wide ? 10 : 8, 0);
	if (cols >= 120)
		add_col(h, C_VISIT, "最近走访", 10, 0);
	if (cols >= 140) {
		add_col(h, C_PHONE, "电话", 11, 0);
		add_col(h, C_SIZE, "人口", 4, 1);
	}
	add_col(h, C_FLAGS, "标记", 0, 0);
	h->fitted_for = cols;
	h->lv.cols = h->cols;
	h->lv.ncols = h->ncols;
}

/* --- state ----------------------------------------------------------------- */

static struct hl *hl_new(struct session *s)
{
	struct hl *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	h->s = s;
	h->f.sort = SORT_NAME;
	le_init(&h->search, "", sizeof h->f.search - 1);
	struct lv_source src = { hl_count, hl_fetch, hl_cell, hl_role, h };
	lv_init(&h->lv, h->cols, 0, &src);
	h->lv.empty = "（没有符合条件的户）";
	watch_reset(&h->watch, s);
	h->busy_at = now_ms();       /* opening is a key: count after a pause */
	fit_columns(h, 80);
	return h;
}

static void hl_free(struct hl *h)
{
	if (h) {
		free(h->rows);
		free(h);
	}
}

/* The search text changed: new results from the first row. */
static void search_changed(struct hl *h)
{
	snprintf(h->f.search, sizeof h->f.search, "%s", le_text(&h->search));
	filter_changed(h);
}

/* Another session committed: reload, keeping the selection; and count
 * once typing has paused. */
static int poll_changes(struct hl *h)
{
	if (watch_changed(&h->watch, h->s)) {
		h->counted = 0;
		count_now(h);
		lv_reload(&h->lv);
		return REDRAW;
	}
	if (h->counted || now_ms() - h->busy_at < HL_COUNT_AFTER_MS || !count_now(h))
		return HANDLED;
	lv_reload(&h->lv);
	return REDRAW;
}

/* "第 12/7663 行", "第 12/1000+ 行" (a broad search), "第 12 行" (not yet counted). */
static void position(struct hl *h, char *buf, size_t n)
{
	long sel = lv_selected(&h->lv);
	if (h->counted && h->capped)
		snprintf(buf, n, "第 %ld/%d+ 行", sel + 1, HL_COUNT_CAP);
	else
		lv_position(&h->lv, buf, n);
}

/* --- drawing --------------------------------------------------------------- */

static const char *sort_name(const struct hh_filter *f)
{
	static const char *const names[] = { "户主拼音", "户编号", "村", "状态", "类型", "最近走访" };
	return f->sort >= SORT_NAME && f->sort <= SORT_VISIT ? names[f->sort] : "";
}

/* Row 0: the search box, the filter, the sort and the position. */
static int draw_status(struct app *app, struct hl *h, WINDOW *w, int cols, int typing)
{
	char pos[64], right[400], filter[256];
	int x = ui_text(w, 0, 0, cols, "搜索 ", typing ? UI_HEADER : UI_NORMAL);
	int box = cols >= 100 ? 30 : 22, cx = 0;
	if (typing)
		cx = le_draw(&h->search, w, 0, x, box, UI_FIELD);
	else
		ui_put(w, 0, x, box, le_text(&h->search), UI_FIELD);
	position(h, pos, sizeof pos);
	hh_filter_describe(app, &h->f, filter, sizeof filter);
	snprintf(right, sizeof right, "%s%s 排序:%s%s  %s", filter[0] ? "筛选:" : "", filter,
	         sort_name(&h->f), h->f.desc ? "(倒)" : "", pos);
	int rx = x + box + 1;
	ui_put_right(w, 0, rx, cols - rx, right, UI_DIM);
	return typing ? x + cx : -1;
}

/* The last row: the selected household's flags spelled out. */
static void draw_footer(struct hl *h, WINDOW *w, int y, int cols)
{
	const struct hh_row *r = row_at(h, lv_selected(&h->lv));
	char text[256] = "";
	for (int i = 0; r && i < FLAG_COUNT; i++)
		if (r->flags & (1 << i)) {
			size_t len = strlen(text);
			snprintf(text + len, sizeof text - len, "%s%s", len ? "、" : "标记：",
			         flag_label((enum flag)(1 << i)));
		}
	if (h->nmarks) {
		size_t len = strlen(text);
		snprintf(text + len, sizeof text - len, "%s已标记 %d 户（a 安排联系人，m 各加一条措施）",
		         len ? "   " : "", h->nmarks);
	}
	ui_put(w, y, 0, cols, text, r && r->flags ? UI_WARN : UI_DIM);
}

static void hl_draw_state(struct app *app, struct hl *h, WINDOW *w, int rows, int cols,
                          int typing)
{
	if (h->fitted_for != cols)
		fit_columns(h, cols);
	h->lv.focused = 1;
	lv_draw(&h->lv, w, 1, 0, rows - 2, cols);
	int cx = draw_status(app, h, w, cols, typing);
	draw_footer(h, w, rows - 1, cols);
	if (cx >= 0)
		app_cursor(app, w, 0, cx);
}

/* --- the list screen ------------------------------------------------------- */

static const struct screen search_screen;

static int hl_enter(struct app *app, void *arg)
{
	(void)arg;
	struct hl *h = hl_new(app_session(app));
	if (!h) {
		app_msg(app, MSG_ERROR, "内存不足，无法打开户列表");
		return -1;
	}
	app_set_data(app, h);
	return 0;
}

static void hl_leave(struct app *app)
{
	hl_free(app_data(app));
}

static void hl_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct hl *h = app_data(app);
	if (h)
		hl_draw_state(app, h, w, rows, cols, 0);
}

static void open_selected(struct app *app, struct hl *h)
{
	const struct hh_row *r = row_at(h, lv_selected(&h->lv));
	if (r)
		hh_detail_push(app, r->id);
	else
		app_msg(app, MSG_INFO, "列表是空的");
}

static void toggle_mark(struct hl *h)
{
	const struct hh_row *r = row_at(h, lv_selected(&h->lv));
	if (!r)
		return;
	for (int i = 0; i < h->nmarks; i++)
		if (h->marks[i] == r->id) {
			h->marks[i] = h->marks[--h->nmarks];
			return;
		}
	if (h->nmarks < HL_MAX_MARKS)
		h->marks[h->nmarks++] = r->id;
	lv_key(&h->lv, ACT_DOWN);
}

static void assign(struct app *app, struct hl *h)
{
	const struct hh_row *r = row_at(h, lv_selected(&h->lv));
	if (h->nmarks > 0) {
		assign_contact_push(app, h->marks, h->nmarks);
		h->nmarks = 0;
	} else if (r) {
		assign_contact_push(app, &r->id, 1);
	}
}

/* m: one measure for every marked household (each its own record), or a
 * measure for the household selected. */
static void give_measure(struct app *app, struct hl *h)
{
	const struct hh_row *r = row_at(h, lv_selected(&h->lv));
	if (h->nmarks > 0)
		measure_many_push(app, h->marks, h->nmarks, &h->nmarks);
	else if (r)
		measure_form_push(app, r->id, 0);
}

static void next_sort(struct app *app, struct hl *h, int reverse)
{
	if (reverse)
		h->f.desc = !h->f.desc;
	else
		h->f.sort = h->f.sort >= SORT_VISIT ? SORT_NAME : h->f.sort + 1;
	lv_reload(&h->lv);
	lv_select(&h->lv, 0);
	h->lv.top = 0;
	app_msg(app, MSG_INFO, "按%s%s排序", sort_name(&h->f), h->f.desc ? "倒序" : "");
}

static int hl_action(struct app *app, struct hl *h, enum action_id act)
{
	switch (act) {
	case ACT_OPEN: open_selected(app, h); break;
	case ACT_SEARCH: app_push(app, &search_screen, h); break;
	case ACT_FILTER:
		if (hh_filter_edit(app, &h->f))
			filter_changed(h);
		break;
	case ACT_SORT: next_sort(app, h, 0); break;
	case ACT_SORT_REVERSE: next_sort(app, h, 1); break;
	case ACT_NEW: hh_form_push(app, 0); break;
	case ACT_MARK: toggle_mark(h); break;
	case ACT_ASSIGN: assign(app, h); break;
	case ACT_ADD_MEASURE: give_measure(app, h); break;
	case ACT_EXPORT: hh_export_prompt(app, &h->f); break;
	case ACT_REFRESH: filter_changed(h); break;
	default: return UNHANDLED;
	}
	return HANDLED;
}

static int hl_key(struct app *app, int key, int code)
{
	struct hl *h = app_data(app);
	h->busy_at = now_ms();      /* a count never delays the next key */
	enum action_id act = app_action(app, key, code);
	if (lv_key(&h->lv, act))
		return HANDLED;
	return hl_action(app, h, act);
}

static int hl_idle(struct app *app)
{
	struct hl *h = app_data(app);
	return h ? poll_changes(h) : UNHANDLED;
}

/* Back from the detail or a form: what was saved there shows at once. */
static void hl_resume(struct app *app)
{
	struct hl *h = app_data(app);
	if (h) {
		watch_reset(&h->watch, h->s);
		h->counted = 0;      /* counted again at the next tick */
		lv_reload(&h->lv);
	}
}

static const enum action_id hl_actions[] = {
	LV_ACTIONS, ACT_SEARCH, ACT_OPEN, ACT_FILTER, ACT_SORT, ACT_SORT_REVERSE, ACT_NEW,
	ACT_EXPORT, ACT_MARK, ACT_ASSIGN, ACT_ADD_MEASURE, ACT_REFRESH, ACT_NONE
};

static const struct screen list_screen = {
	.name = "household_list",
	.title = "户列表",
	.enter = hl_enter,
	.leave = hl_leave,
	.draw = hl_draw,
	.key = hl_key,
	.actions = hl_actions,
	.idle = hl_idle,
	.resume = hl_resume,
};

void hh_list_push(struct app *app)
{
	app_push(app, &list_screen, NULL);
}

/* --- the search mode ------------------------------------------------------- */

static int hs_enter(struct app *app, void *arg)
{
	app_set_data(app, arg);          /* the list's state: the list frees it */
	app_set_title(app, "户列表：搜索");
	return 0;
}

static void hs_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct hl *h = app_data(app);
	hl_draw_state(app, h, w, rows, cols, 1);
	if (!*le_text(&h->search))
		ui_put(w, rows - 1, 0, cols, "输入姓名（张三）、拼音首字母（zs）、户编号或身份证号后4-6位；"
		       "Enter 打开所选户", UI_DIM);
}

static int hs_key(struct app *app, int key, int code)
{
	struct hl *h = app_data(app);
	h->busy_at = now_ms();
	enum action_id act = app_action(app, key, code);
	if (act == ACT_OPEN) {
		open_selected(app, h);
		return HANDLED;
	}
	if (act != ACT_NONE && lv_key(&h->lv, act))
		return HANDLED;
	int r = le_key(&h->search, key, code);
	if (r == LE_CHANGED)
		search_changed(h);
	return r == LE_UNHANDLED ? UNHANDLED : HANDLED;
}

static int hs_idle(struct app *app)
{
	return poll_changes(app_data(app));
}

static void hs_resume(struct app *app)
{
	hl_resume(app);
}

/* Home/End edit the search text here; the list moves with the others. */
static const enum action_id hs_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_OPEN, ACT_NONE
};

static const struct screen search_screen = {
	.name = "household_search",
	.title = "户列表：搜索",
	.enter = hs_enter,
	.draw = hs_draw,
	.key = hs_key,
	.actions = hs_actions,
	.idle = hs_idle,
	.resume = hs_resume,
	.flags = SCREEN_TYPING,
};
