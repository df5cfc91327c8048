/* A form: labelled fields stacked one per row, declared by name with a
 * builder (form_new, form_add).  Each field validates as it is typed in --
 * its own check, then the record's (form_set_checker: the rules of src/)
 * -- and shows its reason in plain Chinese beside (or below) it; the save
 * action checks every field, and nothing invalid is handed back as saved.
 * Choice fields complete from their options by typed text or pinyin
 * initials (户主 from "hz").  The form never draws outside form_draw() and
 * never refreshes: the hosting screen calls it from its draw(). */
#ifndef JIANCE_FORM_H
#define JIANCE_FORM_H

#include <stddef.h>

#include <curses.h>

#include "kit/actions.h"
#include "kit/options.h"

struct app;
struct form;

/* The actions a form understands, for the hosting screen's action list:
 * static const enum action_id acts[] = { FORM_ACTIONS, ACT_NONE }; */
#define FORM_ACTIONS ACT_SAVE, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_CHOICES

enum form_kind {
	FORM_TEXT,      /* anything typed (a validator may say why not) */
	FORM_CHOICE,    /* one of the options */
	FORM_MULTI,     /* several of the options, "因病、因学" (options.h) */
};

/* NULL when value is acceptable, else the reason in plain Chinese: a string
 * literal, or why after writing it there.  Called only for non-empty values
 * (emptiness is the field's `required`).  f gives the other fields. */
typedef const char *(*form_validator)(void *arg, struct form *f, const char *value,
                                      char *why, size_t whysz);
/* The checks of the whole record, after a field's own: NULL, or the reason
 * that belongs to this field (by its name).  Called for empty values too: a
 * field may be needed because of another. */
typedef const char *(*form_checker)(void *arg, struct form *f, const char *field,
                                    const char *value, char *why, size_t whysz);

/* FORM_CHOICE: what else a typed name stands for (县医保局 for the option
 * 医保): the option's text (written into out or a literal), else NULL
 * with the reason in why ("" when it stands for nothing: the form says
 * to choose).  Asked when the text is no option. */
typedef const char *(*form_resolver)(void *arg, const char *typed, char *out, size_t outsz,
                                     char *why, size_t whysz);

/* A field as it is declared: form_add(f, (struct form_field){ .name = ...}).
 * The strings and options it points to must outlive the form. */
struct form_field {
	const char *name;       /* for form_value(): "name", "relation" */
	const char *label;      /* 姓名 */
	enum form_kind kind;
	int width;              /* input columns; 0 = 20 */
	size_t maxbytes;        /* 0 = as much as a line editor holds */
	int required;           /* empty is refused: 不能为空 */
	form_validator validate;
	const struct form_option *options;    /* FORM_CHOICE, FORM_MULTI */
	int noptions;
	int max;                /* FORM_MULTI: at most this many (0: any) */
	form_resolver resolve;  /* FORM_CHOICE: optional */
	const char *hint;       /* dim text beside an empty field: 如 1990-01-31 */
};

/* What form_key did. */
enum { FORM_UNHANDLED = 0, FORM_HANDLED, FORM_SAVE, FORM_INVALID };

/* An empty form; arg goes to every validator and the checker.  Fields are
 * added by name, in the order they show.  NULL when out of memory. */
struct form *form_new(void *arg);
void form_free(struct form *f);
/* Adds a field (def is copied) after the others; the field as the form
 * keeps it, or NULL when out of memory (then form_failed() says so). */
struct form_field *form_add(struct form *f, struct form_field def);
/* The field of that name, to change its options or hint; NULL if none. */
struct form_field *form_field(struct form *f, const char *name);
/* 1 when a form_add() failed: the form is not whole and must not be used. */
int form_failed(const struct form *f);
/* Sets the checker of the whole record (NULL: none). */
void form_set_checker(struct form *f, form_checker check);
/* Editing keys go to the focused field; Tab/Down/Enter next field,
 * Shift-Tab/Up previous, F4 lists a choice field's options (a checklist
 * for a field of several, kit/checklist.h), F2/Ctrl-S
 * checks every field: FORM_SAVE when all are valid (the screen saves now),
 * FORM_INVALID (focus on the first bad field, reason on the message line).
 * Esc closes an open option list, else is left to the screen.  A field of
 * several options is written back tidy when the focus leaves it. */
int form_key(struct form *f, struct app *app, int key, int is_key_code);
/* Lays out in rows x cols at (y, x) -- again after every resize -- and
 * puts the terminal cursor in the focused field. */
void form_draw(struct form *f, struct app *app, WINDOW *w, int y, int x, int rows, int cols);

/* The text of a field, or NULL if there is no field of that name. */
const char *form_value(const struct form *f, const char *name);
/* Sets a field (loading a record, a draft); 0, or -1 if no such field. */
int form_set(struct form *f, const char *name, const char *value);
int form_count(const struct form *f);
const char *form_name(const struct form *f, int index);
/* Moves the focus to a field; 0, or -1 if no such field. */
int form_focus(struct form *f, const char *name);
/* The name of the field with the focus; NULL for a form without fields. */
const char *form_focused(const struct form *f);
/* Runs every check and shows every reason; the index of the first invalid
 * field, or -1 when all are valid. */
int form_check(struct form *f);
/* The reason shown for a field now, "" when none. */
const char *form_error(const struct form *f, const char *name);
/* Typed into since form_new() or form_saved(). */
int form_dirty(const struct form *f);
void form_saved(struct form *f);
/* Forgets which fields were typed into: a form emptied for the next record
 * shows no reasons until the officer types or leaves a field. */
void form_untouch(struct form *f);

#endif
