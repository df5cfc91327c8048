/* End-to-end harness: runs a program on a pseudo-terminal and keeps a
 * libvterm screen of what it drew, so tests can type keys (as a real
 * terminal would encode them) and look at the screen (NOTES.md: wait by
 * polling the screen for text, never by sleeping). */
#ifndef JIANCE_TESTS_PTY_H
#define JIANCE_TESTS_PTY_H

#include <stddef.h>

#include <vterm.h>

struct pty;

/* Starts argv[0] (PATH searched) on a rows x cols terminal with
 * TERM=xterm-256color and LANG=C.UTF-8 (LC_ALL, LINES, COLUMNS unset), plus
 * env: "NAME=value" strings, NULL-ended, may be NULL.  NULL on failure. */
struct pty *pty_start(int rows, int cols, char *const argv[], char *const env[]);

/* The terminal's own encoding, set before the first wait: with 0 it reads
 * one byte as one character, as a terminal left on GBK or Latin-1 moves
 * its cursor for UTF-8 text (6 columns for 中中, not 4) and answers the
 * cursor position question so. */
void pty_set_utf8(struct pty *p, int on);

/* Reads the program's output until text (UTF-8) is anywhere on the screen:
 * 1, or 0 after timeout_ms or when the program has exited without it. */
int pty_wait_text(struct pty *p, const char *text, int timeout_ms);
/* Until text is nowhere on the screen: 1, or 0 after timeout_ms. */
int pty_wait_gone(struct pty *p, const char *text, int timeout_ms);
/* Until text is in row `row` (0-based): 1, or 0 after timeout_ms. */
int pty_wait_row(struct pty *p, int row, const char *text, int timeout_ms);
/* Until the cursor is at (row, col): 1, or 0 after timeout_ms. */
int pty_wait_cursor(struct pty *p, int row, int col, int timeout_ms);
/* Until the output's bytes, as written (any encoding), hold bytes[0..n). */
int pty_wait_bytes(struct pty *p, const char *bytes, size_t n, int timeout_ms);

/* The UTF-8 text of a row (a wide character once, not twice), trailing
 * spaces kept; out is always NUL-terminated. */
void pty_row(struct pty *p, int row, char *out, size_t n);
/* The display column where text starts in row, or -1. */
int pty_col_of(struct pty *p, int row, const char *text);
/* The first row holding text, or -1. */
int pty_row_of(struct pty *p, const char *text);
void pty_cursor(struct pty *p, int *row, int *col);
void pty_size(struct pty *p, int *rows, int *cols);

/* Types each code point of utf8 (vterm_keyboard_unichar). */
void pty_send_text(struct pty *p, const char *utf8);
/* Arrows, Enter, Esc, Backspace, F-keys: VTERM_KEY_FUNCTION(2) is F2. */
void pty_send_key(struct pty *p, VTermKey key);
void pty_send_key_mod(struct pty *p, VTermKey key, VTermModifier mod);
/* Ctrl + a letter: pty_send_ctrl(p, 's') is Ctrl-S. */
void pty_send_ctrl(struct pty *p, char c);

/* Lets another program talk to the program on the terminal, as a terminal
 * emulator hands a ZMODEM transfer to its receiver: argv (PATH searched)
 * runs in dir with its input and output on the terminal's far side, its
 * messages discarded, until it ends; then output feeds the screen again.
 * Its exit status, 128 + N if killed by signal N, -1 if it could not run. */
int pty_hand_over(struct pty *p, char *const argv[], const char *dir);

/* A new size: the program gets SIGWINCH. */
void pty_resize(struct pty *p, int rows, int cols);
/* Closes the terminal as a dropped SSH connection does: SIGHUP. */
void pty_hangup(struct pty *p);
/* Sends a signal to the program. */
void pty_kill(struct pty *p, int sig);

/* Waits (up to 5 s, draining output) for the program to end and frees p:
 * its exit status, 128 + N if killed by signal N, or -1 if it had to be
 * killed because it did not end. */
int pty_finish(struct pty *p);
/* Prints the screen and the cursor to stderr: call when an assertion fails.
 * With PTY_DUMP_RAW set, also the last bytes the program wrote, escaped. */
void pty_dump(struct pty *p);

#endif
