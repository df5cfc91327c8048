/* The dashboard (SPEC §7): counts for the officer's area by status, type,
 * flag, month and sub-area, with bar charts in block characters.  Each bar
 * ends its line, after the numbers: were a terminal to draw the blocks two
 * columns wide (an East Asian "ambiguous" setting), only the bar's own end
 * would be off, never a number.  Without one-column blocks (wcwidth says
 * otherwise) bars fall back to '#'. */
#include "dash_screen.h"
#include "register/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "kit/app.h"
#include "base/clock.h"
#include "register/flags.h"
#include "kit/listview.h"
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

struct dashboard_screen {
	struct session *s;
	struct dash d;
	struct dash_area areas[DB_MAX_AREAS];
	int64_t flags[FLAG_COUNT];
	char (*lines)[DB_LINE];
	enum ui_role *roles;
	int nlines, built_for;       /* the width the bars were scaled to */
	struct listview lv;
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

static void add_line(struct dashboard_screen *b, enum ui_role role, const char *text)
{
	if (b->nlines >= DB_MAX_LINES)
		return;
	snprintf(b->lines[b->nlines], DB_LINE, "%s", text);
	b->roles[b->nlines++] = role;
}

/* "label      123 (note) █████▍": the label padded by display width, the
 * count, a note, and a bar of value/max last on the line. */
static void add_row(struct dashboard_screen *b, const char *label, int64_t count,
                    int64_t value, int64_t max, int cols, const char *note)
{
	char lab[128], bars[DB_LINE], line[DB_LINE];
	text_fit(label, DB_LABEL, lab, sizeof lab);
	int room = cols - 1 - DB_LABEL - DB_NUM - 2 - text_width(note) - 1;
	bar(value, max, room > 40 ? 40 : room, bars, sizeof bars);
	snprintf(line, sizeof line, " %s%*lld %s%s%s", lab, DB_NUM, (long long)count, note,
	         *note ? " " : "", bars);
	add_line(b, UI_NORMAL, line);
}

static void add_bar(struct dashboard_screen *b, const char *label, int64_t value,
                    int64_t max, int cols, const char *note)
{
	add_row(b, label, value, value, max, cols, note);
}

static int64_t max_of(const int64_t *v, int n)
{
	int64_t m = 0;
	for (int i = 0; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

static void section_status(struct dashboard_screen *b, int cols)
{
	char head[128];
	snprintf(head, sizeof head, "按状态（共 %lld 户）", (long long)b->d.total);
	add_line(b, UI_HEADER, head);
	int64_t m = max_of(b->d.status, DASH_STATUSES);
	for (int i = 0; i < DASH_STATUSES; i++)
		add_bar(b, hh_status_text((enum hh_status)i), b->d.status[i], m, cols, "");
}

static void section_type(struct dashboard_screen *b, int cols)
{
	add_line(b, UI_HEADER, "监测对象类型（监测中、消除中的户；括号内为已消除）");
	int64_t m = max_of(b->d.type_monitored, DASH_TYPES);
	for (int i = 0; i < DASH_TYPES; i++) {
		char note[48];
		snprintf(note, sizeof note, "(%6lld)", (long long)b->d.type_eliminated[i]);
		add_bar(b, VOCAB_HH_TYPE.items[i], b->d.type_monitored[i], m, cols, note);
	}
}

static void section_flags(struct dashboard_screen *b, int cols)
{
	add_line(b, UI_HEADER, "需要处理的标记（户）");
	int64_t m = max_of(b->flags, FLAG_COUNT);
	for (int i = 0; i < FLAG_COUNT; i++)
		add_bar(b, flag_label((enum flag)(1 << i)), b->flags[i], m, cols, "");
}

static void section_months(struct dashboard_screen *b, int cols, const char *what,
                           const int64_t *v)
{
	char head[128];
	int64_t sum = 0;
	int y, months, day;
	date_to_ymd(clock_today(), &y, &months, &day);   /* months so far this year */
	for (int i = 0; i < 12; i++)
		sum += v[i];
	snprintf(head, sizeof head, "%d年%s（按月，共 %lld 户）", b->d.year, what, (long long)sum);
	add_line(b, UI_HEADER, head);
	int64_t m = max_of(v, 12);
	for (int i = 0; i < months; i++) {
		char label[16];
		snprintf(label, sizeof label, "%d月", i + 1);
		add_bar(b, label, v[i], m, cols, "");
	}
}

static void section_areas(struct dashboard_screen *b, int cols)
{
	char head[128];
	snprintf(head, sizeof head, "按%s（户数；条形为监测中、消除中的户，括号内为其数目）",
	         b->d.area_level);
	add_line(b, UI_HEADER, head);
	int64_t m = 0;
	for (int i = 0; i < b->d.nareas; i++)
		m = b->areas[i].monitored > m ? b->areas[i].monitored : m;
	for (int i = 0; i < b->d.nareas; i++) {
		char note[48];
		snprintf(note, sizeof note, "(%5lld)", (long long)b->areas[i].monitored);
		add_row(b, b->areas[i].name, b->areas[i].households, b->areas[i].monitored, m, cols,
		        note);
	}
	if (b->d.nareas == 0)
		add_line(b, UI_DIM, " （没有下级区域）");
}

static void build_lines(struct dashboard_screen *b, int cols)
{
	b->nlines = 0;
	section_status(b, cols);
	add_line(b, UI_NORMAL, "");
	section_type(b, cols);
	add_line(b, UI_NORMAL, "");
	section_flags(b, cols);
	add_line(b, UI_NORMAL, "");
	section_months(b, cols, "识别纳入", b->d.identified);
	add_line(b, UI_NORMAL, "");
	section_months(b, cols, "风险消除", b->d.eliminated);
	add_line(b, UI_NORMAL, "");
	section_areas(b, cols);
	b->built_for = cols;
	lv_reload(&b->lv);
}

/* --- the list of lines ------------------------------------------------------- */

static long lines_count(void *arg) { return ((struct dashboard_screen *)arg)->nlines; }

static int lines_fetch(void *arg, long off, int n)
{
	long left = ((struct dashboard_screen *)arg)->nlines - off;
	return left <= 0 ? 0 : left < n ? (int)left : n;
}

static void lines_cell(void *arg, long i, int col, char *buf, size_t n)
{
	struct dashboard_screen *b = arg;
	(void)col;
	snprintf(buf, n, "%s", i < b->nlines ? b->lines[i] : "");
}

static enum ui_role lines_role(void *arg, long i)
{
	struct dashboard_screen *b = arg;
	return i < b->nlines ? b->roles[i] : UI_NORMAL;
}

/* --- the screen -------------------------------------------------------------- */

static void load(struct app *app, struct dashboard_screen *b)
{
	watch_reset(&b->watch, b->s);
	if (dash_load(b->s, &b->d, b->areas, DB_MAX_AREAS) != 0)
		app_msg(app, MSG_ERROR, "读取统计数字失败：%s", session_errmsg(b->s));
	flags_count(b->s, b->flags);
	b->built_for = 0;
}

static int db_enter(struct app *app, void *arg)
{
	(void)arg;
	struct dashboard_screen *b = calloc(1, sizeof *b);
	if (b) {
		b->lines = calloc(DB_MAX_LINES, sizeof *b->lines);
		b->roles = calloc(DB_MAX_LINES, sizeof *b->roles);
	}
	if (!b || !b->lines || !b->roles) {
		if (b) {
			free(b->lines);
			free(b->roles);
		}
		free(b);
		app_set_data(app, NULL);
		app_msg(app, MSG_ERROR, "内存不足，无法打开看板");
		return -1;
	}
	app_set_data(app, b);
	b->s = app_session(app);
	struct lv_source src = { lines_count, lines_fetch, lines_cell, lines_role, b };
	lv_init(&b->lv, NULL, 0, &src);
	b->lv.focused = 0;
	load(app, b);
	app_set_title(app, "看板 %s", b->s->me.area_name);
	return 0;
}

static void db_leave(struct app *app)
{
	struct dashboard_screen *b = app_data(app);
	if (b) {
		free(b->lines);
		free(b->roles);
		free(b);
	}
}

static void db_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct dashboard_screen *b = app_data(app);
	if (b->built_for != cols)
		build_lines(b, cols);
	lv_draw(&b->lv, w, 0, 0, rows, cols);
}

static int db_key(struct app *app, int key, int code)
{
	struct dashboard_screen *b = app_data(app);
	enum action_id act = app_action(app, key, code);
	if (act == ACT_REFRESH) {
		load(app, b);
		return HANDLED;
	}
	return lv_key(&b->lv, act) ? HANDLED : UNHANDLED;
}

static int db_idle(struct app *app)
{
	struct dashboard_screen *b = app_data(app);
	if (!watch_changed(&b->watch, b->s))
		return HANDLED;
	load(app, b);
	return REDRAW;
}

static const enum action_id db_actions[] = { LV_ACTIONS, ACT_REFRESH, ACT_NONE };

static const struct screen db_screen = {
	.name = "dashboard",
	.title = "看板",
	.enter = db_enter,
	.leave = db_leave,
	.draw = db_draw,
	.key = db_key,
	.actions = db_actions,
	.idle = db_idle,
};

void dashboard_push(struct app *app)
{
	app_push(app, &db_screen, NULL);
}
