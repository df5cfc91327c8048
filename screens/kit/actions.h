/* The one action table (after calcurse's keys.c): every action the console
 * offers, with its default keys, the label on the bottom key line and the
 * help text.  Screens list the actions they offer by id; the bottom line and
 * the help screen are generated from this table, so they cannot disagree
 * with what the keys do. */
#ifndef JIANCE_ACTIONS_H
#define JIANCE_ACTIONS_H

#include <stddef.h>

#include <curses.h>

enum action_id {
	ACT_NONE = 0,      /* also ends every list of ids */
	/* global: work on every screen unless the screen uses the key itself */
	ACT_HELP, ACT_BACK, ACT_QUIT, ACT_REDRAW,
	/* moving */
	ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_LINE_UP, ACT_LINE_DOWN,    /* a page of text with no rows to select */
	/* lists */
	ACT_OPEN, ACT_SEARCH, ACT_FILTER, ACT_SORT, ACT_NEW, ACT_EDIT, ACT_DELETE,
	ACT_MARK, ACT_REVEAL, ACT_PRINT, ACT_EXPORT, ACT_REFRESH,
	/* forms */
	ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_SAVE, ACT_CHOICES,
	/* modal boxes */
	ACT_OK, ACT_CANCEL, ACT_YES, ACT_NO,
	/* import and print screens */
	ACT_CHECK, ACT_COMPLETE, ACT_COMMIT_ALL, ACT_COMMIT_GOOD, ACT_WRITE_REJECTED, ACT_NEXT_BAD,
	ACT_MAKE, ACT_SAVE_PDF, ACT_SEND_FILE,
	/* work screens: steps, batches, leads, contacts, visits, measures */
	ACT_PASS, ACT_RETURN, ACT_REJECT, ACT_OBJECTION, ACT_COMMIT, ACT_EXCEPT, ACT_SKIP, ACT_SKIP_ALL,
	ACT_START_ID, ACT_DISMISS, ACT_ASSIGN, ACT_VISITS, ACT_FINISH, ACT_BATCH, ACT_HOUSEHOLD,
	ACT_FLOW, ACT_LEADS, ACT_MARK_ALL, ACT_NEXT_CELL, ACT_PREV_CELL, ACT_COPY_UP, ACT_NEW_LEAD,
	ACT_NO_CHANGE, ACT_LEAD_ASSIGN, ACT_MEMBER_EVENT, ACT_ENTERED,
	/* household list, detail, filter */
	ACT_SORT_REVERSE, ACT_TAB_NEXT, ACT_TAB_PREV, ACT_INCOME, ACT_ADD_MEASURE, ACT_ADD_VISIT,
	ACT_DO_STEP, ACT_ADD_LEAD, ACT_APPLY, ACT_CLEAR,
	ACT_EDIT_HH,
	/* a save another officer's save came before (kit/conflict.c) */
	ACT_KEEP_MINE, ACT_TAKE_THEIRS, ACT_EDIT_VALUE,
	/* the step form's history, while the focus stays in the form */
	ACT_HIST_UP, ACT_HIST_DOWN,
	ACT_COUNT
};

#define ACTION_MAXKEYS 3

/* A key as get_wch() reports it: code != 0 for KEY_* values (KEY_CODE_YES),
 * 0 for characters (wint_t). */
struct keydef {
	int key;
	int code;
};

struct action {
	enum action_id id;
	struct keydef keys[ACTION_MAXKEYS];   /* key 0 ends the list early */
	const char *label;    /* short Chinese name: bottom line and help */
	const char *help;     /* one line for the help screen */
	int on_bar;           /* shown on the bottom key line */
};

/* Flags for the bottom line and lookups. */
enum {
	ACTION_TYPING = 1,    /* the screen takes typed text: printable keys are
	                         text, so q and ? do not act and are not shown */
	ACTION_ROOT = 2,      /* the last screen: going back quits */
	ACTION_MODAL = 4,     /* a modal box: only its own actions, no globals */
};

/* Global actions, ACT_NONE-terminated: looked up after the screen's own. */
extern const enum action_id action_globals[];

const struct action *action_get(enum action_id id);
/* 1 if key is one of the action's keys. */
int action_matches(enum action_id id, int key, int code);
/* The first action in list (ACT_NONE-terminated) bound to key, or ACT_NONE.
 * With ACTION_TYPING, printable characters match nothing. */
enum action_id action_find(const enum action_id *list, int key, int code, int flags);
/* 1 if list holds id. */
int action_in(const enum action_id *list, enum action_id id);
/* A key's name as printed on keyboards: F1, Enter, Esc, PgDn, Ctrl-S, q. */
void action_key_name(int key, int code, char *out, size_t n);
/* All keys of an action, space-separated ("F1 ?"); with ACTION_TYPING only
 * those that still act while typing. */
void action_keys_text(enum action_id id, int flags, char *out, size_t n);
/* The label shown for id; going back on the last screen reads 退出. */
const char *action_label(enum action_id id, int flags);

/* Draws the bottom key line for a screen offering list: 帮助 first, the
 * screen's actions, then 返回/退出, as "F1帮助 /搜索 Enter打开 q返回",
 * dropping whole items that do not fit in cols.  With ACTION_MODAL only
 * the list's own actions ("Enter确定 Esc取消"). */
void action_keyline(WINDOW *w, int y, int cols, const enum action_id *list, int flags);

#endif
