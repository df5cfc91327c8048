/* The dashboard (SPEC §7): counts for the officer's area by status, type,
 * flag, month and sub-area, with bar charts in block characters.  Each bar
 * charts the first count after its label and ends its line, after the
 * numbers: were a terminal to draw the blocks two columns wide (an East
 * Asian "ambiguous" setting), only the bar's own end would be off, never a
 * number.  Without one-column blocks (wcwidth says otherwise) bars fall
 * back to '#'.  A page of text, not a list: Up and Down scroll, the last
 * row says where the page is when there is more; a wide terminal shows
 * the sections in two columns (issue 16). */
#include "dash_screen.h"
#include "register/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "kit/app.h"
#include "base/clock.h"
#include "register/flags.h"
#include "flow/quality.h"
#include "access/session.h"
#include "access/watch.h"
#include "base/text.h"
#include "kit/ui.h"
#include "base/vocab.h"

#define DB_MAX_AREAS 1024
#define DB_MAX_LINES (DB_MAX_AREAS + 80)
#define DB_LINE 512
#define DB_LABEL 22          /* columns for a row's label */
#define DB_NUM 8             /* columns for a count */
#define DB_BAR_MAX 60        /* a longer bar is no easier to read */
#define DB_PANE_MIN 70       /* two columns of sections from 2 * this + gap */
#define DB_GAP 2

/* One column of sections: its lines and how each is drawn. */
struct pane {
	char (*text)[DB_LINE];
	enum ui_role *role;
	int n;
};

struct dashboard_screen {
	struct session *s;
	struct dash d;
	struct dash_area areas[DB_MAX_AREAS];
	int64_t flags[FLAG_COUNT];
	int64_t findings;            /* households with a data-quality finding (数据疑点) */
	struct pane pane[2];
	int npanes, width;           /* panes in use, and the width of each */
	int built_for;               /* the terminal width the lines were laid out for */
	int top, shown;              /* first line shown; lines shown at the last draw */
	enum action_id acts[8];
	struct watch watch;
};

/* --- bars ------------------------------------------------------------------- */

static int blocks_ok(void)
{
	return wcwidth(0x2588) == 1 && wcwidth(0x258F) == 1;
}

/* value/max of width columns in eighths: full blocks, then one partial. */
static void bar(int64_t value, int64_t max, int width, char *out, size_t n)
{
	static const char *const part[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	int ok = blocks_ok();
	long eighths = max > 0 && width > 0 ? (long)(value * width * 8 / max) : 0;
	if (value > 0 && eighths == 0)
		eighths = 1;               /* a count above zero always shows */
	out[0] = 0;
	for (long i = 0; i < eighths / 8 && strlen(out) + 4 < n; i++)
		strcat(out, ok ? "█" : "#");
	if (eighths % 8 && strlen(out) + 4 < n)
		strcat(out, ok ? part[eighths % 8] : (eighths % 8 >= 4 ? "#" : ""));
}

/* --- lines ------------------------------------------------------------------ */

static void add_line(struct pane *p, enum ui_role role, const char *text)
{
	if (p->n >= DB_MAX_LINES)
		return;
	snprintf(p->text[p->n], DB_LINE, "%s", text);
	p->role[p->n++] = role;
}

/* "label      123 [    45] █████▍": the label padded by display width,
 * the count the bar charts, another count when the section has two, and
 * the bar of value/max last on the line. */
static void add_row(struct dashboard_screen *b, struct pane *p, const char *label,
                    int64_t value, int64_t max, const int64_t *other)
{
	char lab[128], bars[DB_LINE], line[DB_LINE], more[32] = "";
	text_fit(label, DB_LABEL, lab, sizeof lab);
	if (other)
		snprintf(more, sizeof more, " %*lld", DB_NUM, (long long)*other);
	int room = b->width - 1 - DB_LABEL - DB_NUM - text_width(more) - 1;
	bar(value, max, room > DB_BAR_MAX ? DB_BAR_MAX : room, bars, sizeof bars);
	snprintf(line, sizeof line, " %s%*lld%s %s", lab, DB_NUM, (long long)value, more, bars);
	add_line(p, UI_NORMAL, line);
}

/* A section's title over the label, and the titles of its two counts over
 * them: what each number is, instead of a note in brackets. */
static void add_heads(struct pane *p, const char *title, const char *first, const char *second)
{
	char t[128], a[64], c[64], line[DB_LINE];
	text_fit(title, DB_LABEL + 1, t, sizeof t);
	text_pad_left(first, DB_NUM, a, sizeof a);
	text_pad_left(second, DB_NUM, c, sizeof c);
	snprintf(line, sizeof line, "%s%s %s", t, a, c);
	add_line(p, UI_HEADER, line);
}

static int64_t max_of(const int64_t *v, int n)
{
	int64_t m = 0;
	for (int i = 0; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

static void section_status(struct dashboard_screen *b, struct pane *p)
{
	char head[128];
	snprintf(head, sizeof head, "按状态（共 %lld 户）", (long long)b->d.total);
	add_line(p, UI_HEADER, head);
	int64_t m = max_of(b->d.status, DASH_STATUSES);
	for (int i = 0; i < DASH_STATUSES; i++)
		add_row(b, p, hh_status_text((enum hh_status)i), b->d.status[i], m, NULL);
}

/* 未消除: 监测中 and 消除中, the households still monitored. */
static void section_type(struct dashboard_screen *b, struct pane *p)
{
	char head[128];
	snprintf(head, sizeof head, "%s类型（户）", b->s->cfg->object_name);
	add_heads(p, head, "未消除", "已消除");
	int64_t m = max_of(b->d.type_monitored, DASH_TYPES);
	for (int i = 0; i < DASH_TYPES; i++)
		add_row(b, p, VOCAB_HH_TYPE.items[i], b->d.type_monitored[i], m,
		        &b->d.type_eliminated[i]);
}

static void section_flags(struct dashboard_screen *b, struct pane *p)
{
	add_line(p, UI_HEADER, "需要处理的标记（户）");
	int64_t m = max_of(b->flags, FLAG_COUNT);
	for (int i = 0; i < FLAG_COUNT; i++)
		add_row(b, p, flag_label((enum flag)(1 << i)), b->flags[i], m, NULL);
	add_row(b, p, "数据疑点", b->findings, m > b->findings ? m : b->findings, NULL);
}

static void section_upstream(struct dashboard_screen *b, struct pane *p)
{
	add_heads(p, "待录入国家系统", "条", "户");
	add_row(b, p, "尚未录入", b->d.upstream, b->d.upstream, &b->d.upstream_households);
}

static void section_months(struct dashboard_screen *b, struct pane *p, const char *what,
                           const int64_t *v)
{
	char head[128];
	int64_t sum = 0;
	int y, months, day;
	date_to_ymd(clock_today(), &y, &months, &day);   /* months so far this year */
	for (int i = 0; i < 12; i++)
		sum += v[i];
	snprintf(head, sizeof head, "%d年%s（按月，共 %lld 户）", b->d.year, what, (long long)sum);
	add_line(p, UI_HEADER, head);
	int64_t m = max_of(v, 12);
	for (int i = 0; i < months; i++) {
		char label[16];
		snprintf(label, sizeof label, "%d月", i + 1);
		add_row(b, p, label, v[i], m, NULL);
	}
}

static void section_areas(struct dashboard_screen *b, struct pane *p)
{
	char head[64];
	snprintf(head, sizeof head, "按%s", b->d.area_level);
	add_heads(p, head, "未消除", "户数");
	int64_t m = 0;
	for (int i = 0; i < b->d.nareas; i++)
		m = b->areas[i].monitored > m ? b->areas[i].monitored : m;
	for (int i = 0; i < b->d.nareas; i++)
		add_row(b, p, b->areas[i].name, b->areas[i].monitored, m, &b->areas[i].households);
	if (b->d.nareas == 0)
		add_line(p, UI_DIM, " （没有下级区域）");
}

/* One column: every section in turn.  Two: the counts on the left, the
 * months on the right, the areas under the shorter. */
static void build_lines(struct dashboard_screen *b, int cols)
{
	b->npanes = cols >= 2 * DB_PANE_MIN + DB_GAP ? 2 : 1;
	b->width = b->npanes == 2 ? (cols - DB_GAP) / 2 : cols;
	struct pane *l = &b->pane[0], *r = &b->pane[b->npanes - 1];
	b->pane[0].n = b->pane[1].n = 0;
	section_status(b, l);
	add_line(l, UI_NORMAL, "");
	section_type(b, l);
	add_line(l, UI_NORMAL, "");
	section_flags(b, l);
	add_line(l, UI_NORMAL, "");
	section_upstream(b, l);
	add_line(l, UI_NORMAL, "");
	section_months(b, r, "识别纳入", b->d.identified);
	add_line(r, UI_NORMAL, "");
	section_months(b, r, "风险消除", b->d.eliminated);
	add_line(r, UI_NORMAL, "");
	section_areas(b, l->n <= r->n ? l : r);
	b->built_for = cols;
}

static int nlines(const struct dashboard_screen *b)
{
	int n = b->pane[0].n;
	return b->npanes == 2 && b->pane[1].n > n ? b->pane[1].n : n;
}

/* --- the screen -------------------------------------------------------------- */

static void load(struct app *app, struct dashboard_screen *b)
{
	watch_reset(&b->watch, b->s);
	if (dash_load(b->s, &b->d, b->areas, DB_MAX_AREAS) != 0)
		app_msg(app, MSG_ERROR, "读取统计数字失败：%s", session_errmsg(b->s));
	flags_count(b->s, b->flags);
	b->findings = quality_households(b->s);
	b->built_for = 0;
}

static void db_free(struct dashboard_screen *b)
{
	for (int i = 0; b && i < 2; i++) {
		free(b->pane[i].text);
		free(b->pane[i].role);
	}
	free(b);
}

static struct dashboard_screen *db_new(void)
{
	struct dashboard_screen *b = calloc(1, sizeof *b);
	for (int i = 0; b && i < 2; i++) {
		b->pane[i].text = calloc(DB_MAX_LINES, sizeof *b->pane[i].text);
		b->pane[i].role = calloc(DB_MAX_LINES, sizeof *b->pane[i].role);
		if (!b->pane[i].text || !b->pane[i].role) {
			db_free(b);
			return NULL;
		}
	}
	return b;
}

static int db_enter(struct app *app, void *arg)
{
	(void)arg;
	struct dashboard_screen *b = db_new();
	if (!b) {
		app_msg(app, MSG_ERROR, "内存不足，无法打开看板");
		return -1;
	}
	app_set_data(app, b);
	b->s = app_session(app);
	load(app, b);
	app_set_title(app, "看板 %s", b->s->me.area_name);
	return 0;
}

static void db_leave(struct app *app)
{
	db_free(app_data(app));
}

/* The top line within the lines, for a page of `shown` lines. */
static void clamp_top(struct dashboard_screen *b)
{
	int last = nlines(b) - b->shown;
	if (b->top > last)
		b->top = last;
	if (b->top < 0)
		b->top = 0;
}

/* "第 1-20 行，共 47 行；PgDn 下一页": there is more than one page. */
static void draw_where(struct dashboard_screen *b, WINDOW *w, int y, int cols)
{
	char where[160];
	int n = nlines(b), last = b->top + b->shown;
	snprintf(where, sizeof where, "第 %d-%d 行，共 %d 行%s%s", b->top + 1, last, n,
	         last < n ? "；PgDn 下一页" : "", b->top > 0 ? "；PgUp 上一页" : "");
	ui_put(w, y, 0, cols, where, UI_DIM);
}

static void db_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct dashboard_screen *b = app_data(app);
	if (b->built_for != cols)
		build_lines(b, cols);
	int paged = nlines(b) > rows;
	b->shown = paged ? rows - 1 : rows;
	clamp_top(b);
	for (int i = 0; i < b->npanes; i++) {
		const struct pane *p = &b->pane[i];
		int x = i * (b->width + DB_GAP);
		for (int r = 0; r < b->shown && b->top + r < p->n; r++)
			ui_put(w, r, x, b->width, p->text[b->top + r], p->role[b->top + r]);
	}
	if (paged)
		draw_where(b, w, rows - 1, cols);
}

static int db_key(struct app *app, int key, int code)
{
	struct dashboard_screen *b = app_data(app);
	int page = b->shown > 1 ? b->shown - 1 : 1;     /* one line of context */
	switch (app_action(app, key, code)) {
	case ACT_REFRESH: load(app, b); return HANDLED;
	case ACT_LINE_UP: b->top--; break;
	case ACT_LINE_DOWN: b->top++; break;
	case ACT_PGUP: b->top -= page; break;
	case ACT_PGDN: b->top += page; break;
	case ACT_HOME: b->top = 0; break;
	case ACT_END: b->top = nlines(b); break;
	default: return UNHANDLED;
	}
	clamp_top(b);
	return HANDLED;
}

static int db_idle(struct app *app)
{
	struct dashboard_screen *b = app_data(app);
	if (!watch_changed(&b->watch, b->s))
		return HANDLED;
	load(app, b);
	return REDRAW;
}

static const enum action_id db_actions[] = {
	ACT_LINE_UP, ACT_LINE_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_REFRESH, ACT_NONE
};

/* Scrolling only when there is more than a page (issue 16: the help lists
 * only keys that do something). */
static const enum action_id *db_offered(struct app *app)
{
	static const enum action_id refresh_only[] = { ACT_REFRESH, ACT_NONE };
	struct dashboard_screen *b = app_data(app);
	int rows, cols;
	app_body_size(app, &rows, &cols);
	if (b->built_for == cols && nlines(b) <= rows)
		return refresh_only;
	return db_actions;
}

static const struct screen db_screen = {
	.name = "dashboard",
	.title = "看板",
	.enter = db_enter,
	.leave = db_leave,
	.draw = db_draw,
	.key = db_key,
	.actions = db_actions,
	.offered = db_offered,
	.idle = db_idle,
};

void dashboard_push(struct app *app)
{
	app_push(app, &db_screen, NULL);
}
