/* The console loop.  Screens change state and return flags; this file alone
 * lays out, draws and calls doupdate(), reads keys, handles resize and
 * signals.  Layout (rows): 0 top line, 1..L-3 body, L-2 messages, L-1 keys. */
#include "kit/app.h"

#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kit/help.h"
#include "kit/prompt.h"
#include "kit/termcheck.h"
#include "access/session.h"
#include "base/stderr_sink.h"
#include "base/text.h"
#include "kit/ui.h"

#define APP_MAXDEPTH 16
#define APP_MAXMODAL 4
#define APP_TICK_MS 500       /* idle() polling and the get_wch timeout */
#define APP_WAIT_MS 120000    /* a save waits this long for another's write */

struct frame {
	const struct screen *scr;
	void *data;
	char title[128];
};

struct modal_frame {
	const struct modal *m;
	void *state;
};

struct app {
	struct session *ses;
	struct frame stack[APP_MAXDEPTH];
	int depth;
	int cur;                  /* the frame whose callback is running */
	struct modal_frame modals[APP_MAXMODAL];
	int nmodal;
	SCREEN *term;
	WINDOW *top, *body, *msgw, *keys;   /* NULL while the terminal is too small */
	int lines, cols;          /* the size the windows were made for */
	int body_rows, body_cols;
	int cursor_y, cursor_x;   /* absolute; -1 hides the cursor */
	char msg[512];
	enum msg_level msg_level;
	unsigned msgs;                 /* app_msg calls so far */
	int quit, stopped, signo, hungup;
	int fast_errors;          /* reads that failed without waiting */
	void (*on_hangup)(struct app *app, void *arg);
	void *hangup_arg;
	long long last_idle;
	int (*bg)(void *arg);     /* app_background */
	void *bg_arg;
	void (*then)(struct app *a, int64_t id);   /* app_then: after the top screen closes */
	int64_t then_id;
	struct sigaction old_sig[3];
	int wait_last_ms;         /* app_waiting: how long the last report said */
};

static const int caught[3] = { SIGHUP, SIGTERM, SIGINT };
static volatile sig_atomic_t got_signal;

/* Only sets the flag: curses is not async-signal-safe (STYLE.md §4). */
static void on_signal(int sig)
{
	got_signal = sig;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct app *app_new(struct session *s)
{
	struct app *a = calloc(1, sizeof *a);
	if (a) {
		a->ses = s;
		a->cursor_y = -1;
	}
	return a;
}

void app_on_hangup(struct app *a, void (*fn)(struct app *app, void *arg), void *arg)
{
	a->on_hangup = fn;
	a->hangup_arg = arg;
}

/* --- screens' view of the app --------------------------------------------- */

struct session *app_session(struct app *a) { return a->ses; }
int app_hungup(struct app *a) { return a->hungup; }
int app_depth(struct app *a) { return a->depth; }

static struct frame *current(struct app *a)
{
	return a->depth > 0 ? &a->stack[a->cur] : NULL;
}

void *app_data(struct app *a)
{
	struct frame *f = current(a);
	return f ? f->data : NULL;
}

void app_set_data(struct app *a, void *data)
{
	struct frame *f = current(a);
	if (f)
		f->data = data;
}

const struct screen *app_screen(struct app *a, int from_top)
{
	if (from_top < 0 || from_top >= a->depth)
		return NULL;
	return a->stack[a->depth - 1 - from_top].scr;
}

void app_set_title(struct app *a, const char *fmt, ...)
{
	struct frame *f = current(a);
	if (!f)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->title, sizeof f->title, fmt, ap);
	va_end(ap);
}

void app_msg(struct app *a, enum msg_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_level = level;
	a->msgs++;
}

void app_cursor(struct app *a, WINDOW *w, int y, int x)
{
	int by, bx;
	getbegyx(w, by, bx);
	a->cursor_y = by + y;
	a->cursor_x = bx + x;
}

void app_body_size(struct app *a, int *rows, int *cols)
{
	*rows = a->body_rows;
	*cols = a->body_cols;
}

static int typing(const struct screen *scr)
{
	return scr && (scr->flags & SCREEN_TYPING) ? ACTION_TYPING : 0;
}

/* Frame i's actions as offered now. */
static const enum action_id *frame_actions(struct app *a, int i)
{
	const struct screen *scr = a->stack[i].scr;
	if (!scr->offered)
		return scr->actions;
	int cur = a->cur;
	a->cur = i;
	const enum action_id *list = scr->offered(a);
	a->cur = cur;
	return list;
}

const enum action_id *app_actions(struct app *a)
{
	return a->depth > 0 ? frame_actions(a, a->depth - 1) : NULL;
}

enum action_id app_action(struct app *a, int key, int is_key_code)
{
	struct frame *f = current(a);
	if (!f)
		return ACT_NONE;
	return action_find(frame_actions(a, a->cur), key, is_key_code, typing(f->scr));
}

/* --- the stack ------------------------------------------------------------ */

int app_push(struct app *a, const struct screen *scr, void *arg)
{
	if (a->depth >= APP_MAXDEPTH) {
		app_msg(a, MSG_ERROR, "打开的屏幕太多，请先按 Esc 返回几层");
		return -1;
	}
	struct frame *f = &a->stack[a->depth];
	memset(f, 0, sizeof *f);
	f->scr = scr;
	/* the caller (a key handler, another enter()) keeps its own app_data() */
	int caller = a->depth > 0 ? a->cur : a->depth;
	a->cur = a->depth++;
	unsigned msgs = a->msgs;
	if (scr->enter && scr->enter(a, arg) != 0) {
		/* refused: the frame was never a screen; the caller stays on top */
		a->depth--;
		a->cur = caller;
		if (a->msgs == msgs)
			app_msg(a, MSG_ERROR, "无法打开“%s”（内存不足）", scr->title ? scr->title : "");
		return -1;
	}
	a->cur = caller;
	return 0;
}

/* Closes the top screen; resume tells the one below it is on top again. */
static void app_pop(struct app *a, int resume)
{
	if (a->depth == 0)
		return;
	a->cur = a->depth - 1;
	if (a->stack[a->cur].scr->leave)
		a->stack[a->cur].scr->leave(a);
	a->depth--;
	a->cur = a->depth > 0 ? a->depth - 1 : 0;
	if (resume && a->depth > 0 && a->stack[a->cur].scr->resume)
		a->stack[a->cur].scr->resume(a);
}

/* --- starting and ending -------------------------------------------------- */

static int codeset_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

/* Chinese is drawn blank and typed Chinese dropped without a UTF-8 locale
 * (NOTES.md), so fall back to C.UTF-8 or refuse. */
static int app_locale(struct app *a)
{
	setlocale(LC_ALL, "");
	if (codeset_is_utf8())
		return 0;
	if (setlocale(LC_ALL, "C.UTF-8") && codeset_is_utf8()) {
		app_msg(a, MSG_WARN, "登录环境未设置 UTF-8 字符集，已改用 C.UTF-8");
		return 0;
	}
	fprintf(stderr,
		"jiance: 控制台需要 UTF-8 字符环境，本机既未设置（LANG/LC_ALL）也没有 C.UTF-8。\n"
		"        请设置 LANG=zh_CN.UTF-8 或安装 locales 后重试。\n"
		"jiance: the console needs a UTF-8 locale; neither the session's locale nor\n"
		"        C.UTF-8 is available.  Set LANG=zh_CN.UTF-8 (or install locales).\n");
	return -1;
}

static void app_signals(struct app *a)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a blocked read returns so the loop sees the flag */
	got_signal = 0;
	for (int i = 0; i < 3; i++)
		sigaction(caught[i], &sa, &a->old_sig[i]);
}

static void app_restore_signals(struct app *a)
{
	for (int i = 0; i < 3; i++)
		sigaction(caught[i], &a->old_sig[i], NULL);
}

static int app_waiting(void *arg, int waited_ms);

int app_start(struct app *a)
{
	if (a->term)
		return 0;
	if (app_locale(a) != 0)
		return -1;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "jiance: 控制台只能在终端里运行（标准输入和输出须为终端）。\n"
			"jiance: the console must run in a terminal (stdin and stdout).\n");
		return -1;
	}
	/* a client left on GBK would show every character as garbage */
	if (term_probe(STDIN_FILENO, STDOUT_FILENO, TERM_PROBE_MS) == TERM_NOT_UTF8) {
		term_tell_not_utf8(STDERR_FILENO);
		return -1;
	}
	/* before curses: ncurses keeps a handler already installed for SIGTERM/SIGINT */
	app_signals(a);
	a->term = newterm(NULL, stdout, stdin);
	if (!a->term) {
		const char *t = getenv("TERM");
		fprintf(stderr, "jiance: 无法打开终端（TERM=%s）。\n"
			"jiance: cannot open the terminal (TERM=%s).\n", t ? t : "", t ? t : "");
		app_restore_signals(a);
		return -1;
	}
	set_term(a->term);
	stderr_hold();    /* a library's complaint must not land on the screen */
	theme_init();
	raw();            /* Ctrl-S saves and Ctrl-C is a key, not flow control or a kill */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);  /* a lone Esc would otherwise wait a second */
	wtimeout(stdscr, APP_TICK_MS);
	curs_set(0);
	if (a->ses)
		session_on_wait(a->ses, app_waiting, a, APP_WAIT_MS);
	return 0;
}

static void app_free_windows(struct app *a)
{
	WINDOW **w[] = { &a->top, &a->body, &a->msgw, &a->keys };
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		if (*w[i])
			delwin(*w[i]);
		*w[i] = NULL;
	}
}

static int app_finish(struct app *a)
{
	if (a->stopped) {
		a->hungup = 1;
		if (a->on_hangup)
			a->on_hangup(a, a->hangup_arg);
	}
	while (a->depth > 0)
		app_pop(a, 0);
	app_free_windows(a);
	endwin();
	stderr_release();
	delscreen(a->term);
	a->term = NULL;
	app_restore_signals(a);
	return a->stopped ? 128 + a->signo : 0;
}

void app_free(struct app *a)
{
	if (!a)
		return;
	while (a->depth > 0)
		app_pop(a, 0);
	free(a);
}

/* --- layout and drawing --------------------------------------------------- */

static void app_layout(struct app *a)
{
	if (a->lines == LINES && a->cols == COLS && (a->top || LINES < APP_MIN_ROWS ||
	                                             COLS < APP_MIN_COLS))
		return;
	app_free_windows(a);
	a->lines = LINES;
	a->cols = COLS;
	if (LINES < APP_MIN_ROWS || COLS < APP_MIN_COLS)
		return;
	a->top = newwin(1, COLS, 0, 0);
	a->body = newwin(LINES - 3, COLS, 1, 0);
	a->msgw = newwin(1, COLS, LINES - 2, 0);
	a->keys = newwin(1, COLS, LINES - 1, 0);
	if (!a->top || !a->body || !a->msgw || !a->keys)
		app_free_windows(a);
	a->body_rows = LINES - 3;
	a->body_cols = COLS;
}

struct small_text {
	int y;
};

static void small_line(void *arg, int index, const char *text)
{
	struct small_text *st = arg;
	int w = text_width(text);
	ui_text(stdscr, st->y + index, w < COLS ? (COLS - w) / 2 : 0, COLS, text, UI_WARN);
}

/* Below 80x24 nothing else is drawn: the screens assume that much room. */
static void draw_too_small(void)
{
	char text[160];
	snprintf(text, sizeof text, "终端窗口太小（至少 %d×%d），请放大窗口\n当前 %d×%d",
		APP_MIN_COLS, APP_MIN_ROWS, COLS, LINES);
	werase(stdscr);
	int n = ui_wrap(text, COLS, NULL, NULL);
	struct small_text st = { LINES > n ? (LINES - n) / 2 : 0 };
	ui_wrap(text, COLS, small_line, &st);
	wnoutrefresh(stdscr);
}

static void draw_top(struct app *a)
{
	struct frame *f = &a->stack[a->depth - 1];
	char who[256] = "", left[256];
	if (a->ses && a->ses->me.name[0])
		snprintf(who, sizeof who, "%s %s %s", a->ses->me.name, role_label(a->ses->me.role),
			a->ses->me.area_name);
	int ww = text_width(who);
	if (ww > a->cols / 2)
		ww = a->cols / 2;
	snprintf(left, sizeof left, "监测 jiance  %s", f->title[0] ? f->title : f->scr->title);
	ui_put(a->top, 0, 0, a->cols - ww, left, UI_TITLE);
	if (ww > 0)
		ui_put_right(a->top, 0, a->cols - ww - 1, ww + 1, who, UI_TITLE);
	wnoutrefresh(a->top);
}

static void draw_body(struct app *a)
{
	werase(a->body);
	a->cur = a->depth - 1;
	const struct screen *scr = a->stack[a->cur].scr;
	if (scr->draw)
		scr->draw(a, a->body, a->body_rows, a->body_cols);
	wnoutrefresh(a->body);
}

static void draw_msg(struct app *a)
{
	static const enum ui_role roles[] = { UI_NORMAL, UI_OK, UI_WARN, UI_ERROR };
	ui_put(a->msgw, 0, 0, a->cols, a->msg, roles[a->msg_level]);
	wnoutrefresh(a->msgw);
}

static void draw_keys(struct app *a)
{
	const struct frame *top = &a->stack[a->depth - 1];
	const struct screen *scr = top->scr;
	if (a->nmodal > 0) {
		const struct modal *m = a->modals[a->nmodal - 1].m;
		action_keyline(a->keys, 0, a->cols, m->actions,
			ACTION_MODAL | (m->typing ? ACTION_TYPING : 0));
	} else {
		action_keyline(a->keys, 0, a->cols, frame_actions(a, a->depth - 1),
			typing(scr) | (a->depth == 1 ? ACTION_ROOT : 0));
	}
	wnoutrefresh(a->keys);
}

/* The top screen with its lines; blank when a box opens before any screen. */
static void draw_screen(struct app *a)
{
	if (a->depth == 0) {
		WINDOW *w[] = { a->top, a->body, a->msgw, a->keys };
		for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
			werase(w[i]);
			wnoutrefresh(w[i]);
		}
		return;
	}
	draw_top(a);
	draw_body(a);
	draw_msg(a);
	draw_keys(a);
}

static void app_draw(struct app *a)
{
	app_layout(a);
	a->cursor_y = -1;
	/* stdscr is the key-reading window: refreshed here so get_wch never
	 * refreshes it on its own; the windows below cover it completely */
	wnoutrefresh(stdscr);
	if (!a->top) {
		draw_too_small();
	} else {
		draw_screen(a);
		for (int i = 0; i < a->nmodal; i++) {
			a->cursor_y = -1;   /* a box covers the field the screen's cursor was in */
			a->modals[i].m->draw(a->modals[i].state, a, LINES, COLS);
		}
	}
	curs_set(a->cursor_y >= 0 ? 1 : 0);
	if (a->cursor_y >= 0)
		setsyx(a->cursor_y, a->cursor_x);
	doupdate();
}

void app_flush(struct app *a)
{
	if (!a->term || a->stopped || a->depth == 0)
		return;
	int cur = a->cur;
	app_draw(a);
	a->cur = cur;
}

/* --- input ---------------------------------------------------------------- */

/* POLLHUP on the terminal: the SSH connection is gone even if no SIGHUP came. */
static int terminal_gone(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* A save waits for another officer's write (session_on_wait).  The loop
 * is not running, so the message line alone is drawn now: not the
 * screens, whose drawing may read the database this wait is inside.  At
 * a hangup or a signal it stops waiting: the draft is kept elsewhere. */
static int app_waiting(void *arg, int waited_ms)
{
	struct app *a = arg;
	if (got_signal || a->stopped || terminal_gone())
		return 0;
	int again = waited_ms / 1000 != a->wait_last_ms / 1000 || waited_ms < a->wait_last_ms;
	a->wait_last_ms = waited_ms;
	if (again && a->msgw) {
		app_msg(a, MSG_WARN, "正在等待其他操作员的保存…（%d 秒）", waited_ms / 1000);
		draw_msg(a);
		doupdate();
	}
	return 1;
}

/* get_wch failing at once, again and again, without the timeout passing:
 * the terminal is gone even if poll() does not say so.  Never spin. */
static int read_failing(struct app *a, long long started, int r)
{
	if (r != ERR || a->bg || now_ms() - started >= APP_TICK_MS / 5) {
		a->fast_errors = 0;
		return 0;
	}
	return ++a->fast_errors >= 50;
}

/* 1 with a key; 0 after the timeout, a signal or a lost terminal. */
static int app_read(struct app *a, int *key, int *code)
{
	wint_t wc = 0;
	long long started = now_ms();
	wtimeout(stdscr, a->bg ? 0 : APP_TICK_MS);   /* background work: just look */
	int r = wget_wch(stdscr, &wc);
	int failing = read_failing(a, started, r);
	if (got_signal || (r == ERR && (terminal_gone() || failing))) {
		a->stopped = 1;
		a->signo = got_signal ? got_signal : SIGHUP;
		return 0;
	}
	if (r == ERR)
		return 0;
	*key = (int)wc;
	*code = r == KEY_CODE_YES;
	return 1;
}

/* Screens lay out in draw() from the size they are given: nothing to tell them. */
static void app_resized(struct app *a)
{
	app_layout(a);
	clearok(curscr, TRUE);   /* some terminals reflow on resize: repaint all */
}

static int ask_quit(struct app *a)
{
	return prompt_confirm(a, "退出监测系统？") == 1 ? QUIT : HANDLED;
}

/* Keys no screen took: help, back, quit, redraw. */
static int app_global(struct app *a, int key, int code)
{
	const struct screen *scr = a->stack[a->depth - 1].scr;
	switch (action_find(action_globals, key, code, typing(scr))) {
	case ACT_HELP:
		help_push(a);
		return HANDLED;
	case ACT_BACK:
		/* back from the main menu quits: it asks first, as F10 does
		 * (issue 16: a stray q there ended the session at once) */
		return a->depth > 1 ? POP : ask_quit(a);
	case ACT_QUIT:
		return ask_quit(a);
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return HANDLED;
	default:
		app_msg(a, MSG_INFO, "这个键在本屏幕不起作用；按 F1 查看可用的按键");
		return HANDLED;
	}
}

static void app_apply(struct app *a, int r)
{
	void (*then)(struct app *, int64_t) = a->then;
	a->then = NULL;
	if (r & QUIT)
		a->quit = 1;
	else if (r & POP) {
		app_pop(a, 1);
		if (then && a->depth > 0)
			then(a, a->then_id);
	}
}

void app_then(struct app *a, void (*then)(struct app *a, int64_t id), int64_t id)
{
	a->then = then;
	a->then_id = id;
}

static void app_key(struct app *a, int key, int code)
{
	if (code && key == KEY_RESIZE) {
		app_resized(a);
		return;
	}
	if (!a->top)
		return;          /* too small: wait until it grows */
	a->msg[0] = 0;           /* a notice lasts until the next key */
	a->cur = a->depth - 1;
	const struct screen *scr = a->stack[a->cur].scr;
	int r = scr->key ? scr->key(a, key, code) : UNHANDLED;
	if (r == UNHANDLED && !a->stopped)
		r = app_global(a, key, code);
	app_apply(a, r);
}

/* No transaction outlives a key: a write held across input starves the
 * other officers, a read stops checkpoints (NOTES.md).  The session has
 * logged and rolled back one found open; a debug build then stops, so the
 * test that pressed the key fails; the installed program says so. */
static void app_check_tx(struct app *a)
{
	char where[160];
	if (!session_tx_left_open(a->ses, where, sizeof where))
		return;
#ifdef JIANCE_DEBUG
	if (a->term)
		endwin();
	stderr_release();
	fprintf(stderr, "jiance（调试版）: 事务始于 %s，处理完按键仍未结束\n", where);
	abort();
#endif
	app_msg(a, MSG_ERROR, "内部错误：刚才的操作未正常结束，已撤销；请告诉系统管理员");
}

int app_lend_terminal(struct app *a, const char *say, int (*fn)(void *arg), void *arg)
{
	if (!a->term || a->stopped)
		return -1;
	app_check_tx(a);      /* nobody waits on us while the terminal is lent */
	def_prog_mode();
	endwin();
	if (say) {
		fprintf(stdout, "\n%s\n", say);
		fflush(stdout);
	}
	int rc = fn(arg);
	reset_prog_mode();
	clearok(curscr, TRUE);   /* the other program drew over everything */
	app_flush(a);
	return rc;
}

int app_input_pending(void *unused)
{
	(void)unused;
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	return got_signal || poll(&p, 1, 0) != 0;
}

void app_background(struct app *a, int (*step)(void *arg), void *arg)
{
	a->bg = step;
	a->bg_arg = arg;
}

static void background_step(struct app *a)
{
	if (a->bg && !a->stopped && !a->bg(a->bg_arg))
		a->bg = NULL;
}

/* Polls the top screen's idle() when a tick has passed, keys or not. */
static int app_idle(struct app *a)
{
	long long t = now_ms();
	if (t - a->last_idle < APP_TICK_MS - 50 || a->depth == 0 || !a->top)
		return 0;
	a->last_idle = t;
	a->cur = a->depth - 1;
	const struct screen *scr = a->stack[a->cur].scr;
	int r = scr->idle ? scr->idle(a) : UNHANDLED;
	app_apply(a, r & (POP | QUIT));
	return r != UNHANDLED && r != HANDLED;
}

int app_run(struct app *a)
{
	if (app_start(a) != 0)
		return 1;
	if (a->depth == 0)
		help_push(a);      /* never an empty console */
	int dirty = 1;
	a->last_idle = now_ms();
	while (a->depth > 0 && !a->quit && !a->stopped) {
		if (dirty)
			app_draw(a);
		int key, code;
		dirty = app_read(a, &key, &code);
		if (dirty)
			app_key(a, key, code);
		else
			background_step(a);
		if (!a->stopped && app_idle(a))
			dirty = 1;
		app_check_tx(a);
	}
	return app_finish(a);
}

int app_modal(struct app *a, const struct modal *m, void *state)
{
	if (!a->term || a->stopped || a->nmodal >= APP_MAXMODAL)
		return -1;
	app_check_tx(a);      /* a question never waits inside a transaction */
	a->modals[a->nmodal++] = (struct modal_frame){ m, state };
	int rc = -1, cur = a->cur, dirty = 1;
	while (!a->stopped) {
		if (dirty)
			app_draw(a);
		int key, code;
		dirty = app_read(a, &key, &code);
		if (!dirty) {
			background_step(a);
			continue;
		}
		a->cur = cur;
		if (code && key == KEY_RESIZE) {
			app_resized(a);
		} else if (a->top) {
			a->msg[0] = 0;
			if (m->key(state, a, key, code) == MODAL_DONE) {
				rc = 0;
				break;
			}
		}
	}
	a->nmodal--;
	a->cur = cur;
	return rc;
}
