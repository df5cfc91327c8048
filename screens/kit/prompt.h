/* Modal boxes over the current screen: a one-line input, a yes/no
 * question, a scrollable message, a refusal.  Each call returns when the box closes;
 * all of them lay out again when the terminal is resized (app_modal). */
#ifndef JIANCE_PROMPT_H
#define JIANCE_PROMPT_H

#include <stddef.h>

struct app;

/* Asks for one line of text; buf holds the initial text and, on 1, the
 * answer.  0 when cancelled with Esc or when the console is ending. */
int prompt_line(struct app *app, const char *title, const char *label, char *buf, size_t n);
/* Tells that a file was written (text), and offers to send it to the
 * officer's own computer (kit/sendfile.h) before closing. */
void prompt_file_ready(struct app *app, const char *title, const char *text, const char *path);
/* A yes/no question; the 否 button is chosen first, so a stray Enter does
 * no harm.  1 yes, 0 no, Esc, or the console ending. */
int prompt_confirm(struct app *app, const char *question);
/* Shows text (wrapped by display width, '\n' breaks lines), scrollable,
 * until Enter, Esc or q. */
void prompt_message(struct app *app, const char *title, const char *text);
/* The engine's refusal as it gave it: on the message line when it fits,
 * else in a box (titled title), each "；"-separated reason on its own
 * numbered line. */
void show_refusal(struct app *app, const char *title, const char *msg);

#endif
