/* Display width of UTF-8 text: every string that is shown, cut or padded goes
 * through here, so a Han character always counts two columns and nothing is
 * ever split inside a character.
 *
 * Widths come from the C library (mbrtowc + wcwidth), so the process must
 * have called setlocale() for a UTF-8 locale first.  An invalid byte, and any
 * character wcwidth calls unprintable (control characters included), is one
 * column and shown as '?'.  Outputs are always NUL-terminated (outsz > 0) and
 * never end in part of a character; text_cut/fit/pad_left write the '?'
 * replacements, so their output is safe to hand to curses. */
#ifndef JIANCE_TEXT_H
#define JIANCE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* Columns s takes on screen; 0 for NULL. */
int text_width(const char *s);

/* Copies the longest prefix of s that fits in cols columns (and in out); a
 * wide character that would straddle the limit is left out.  Returns the
 * bytes written, not counting the NUL. */
size_t text_cut(const char *s, int cols, char *out, size_t outsz);

/* Exactly cols columns, left-aligned, padded with spaces.  Text that does not
 * fit is cut to cols-1 columns, padded to cols-1, and ends in '>'.  The cut
 * falls at a word's edge: before a number, date or Latin word it would
 * split (自2026-11-28 shows as 自, not 自2026-11-), before brackets it would
 * split, else after a space or a Chinese pause (，、；：。) in the last third;
 * text that is one word from its start is cut where it must.  Returns 0 if
 * all of s is shown, 1 if it was cut, -1 if outsz < cols + 1 (out is then
 * ""). */
int text_fit(const char *s, int cols, char *out, size_t outsz);

/* As text_fit, but right-aligned (numbers, amounts).  Text too wide is cut
 * exactly as text_fit cuts it, so a cut number always shows its '>'. */
int text_pad_left(const char *s, int cols, char *out, size_t outsz);

/* Copies in to out with invalid bytes and unprintable characters replaced by
 * '?'; stops at a character boundary if out is too small.  Returns how many
 * were replaced. */
int text_sanitize(const char *in, char *out, size_t outsz);

/* Byte offset of the character boundary before / after pos (0 / pos at the
 * ends).  An invalid byte is a character of its own.  For line editors:
 * Backspace removes [text_prev_char(s, pos), pos). */
size_t text_prev_char(const char *s, size_t pos);
size_t text_next_char(const char *s, size_t pos);

/* A CJK unified or compatibility ideograph (BMP and extensions B–H), or 〇. */
int text_is_han(uint32_t cp);
/* s holds at least one Han character. */
int text_has_han(const char *s);
/* s is non-empty and only ASCII 0-9. */
int text_all_digits(const char *s);
/* s is non-empty and only ASCII A-Z a-z. */
int text_all_latin(const char *s);

/* What people type with a Chinese input method switched to full width:
 * ０-９ → 0-9, Ａ-Ｚ ａ-ｚ → A-Z a-z, U+3000 → ' '.  Everything else is copied
 * as is; the output is never longer than the input. */
void text_fullwidth_to_ascii(const char *in, char *out, size_t outsz);

/* ---- clean text (issue 14) ----
 * Control characters are never stored: an ESC or BEL typed or pasted into
 * a name, or carried in by a department's file, would be echoed to other
 * officers' terminals and printed into documents.  C0 (U+0000-U+001F),
 * DEL and C1 (U+0080-U+009F) are controls; free text (reasons, findings,
 * notes) may hold tab and newline.  These functions decode UTF-8 by hand
 * and need no locale. */

/* The first control character of s: its code point, and its byte offset in
 * *at (may be NULL); 0 if there is none.  multiline allows tab and LF (and
 * CR before LF). */
unsigned text_control(const char *s, int multiline, size_t *at);

/* 0 if s holds no control character; else -1 with e set (field, and a
 * reason naming label and the character: "姓名含有控制字符 U+001B（ESC）…").
 * The check every save function makes on each text it stores. */
int text_check_clean(const char *s, int multiline, const char *field, const char *label,
                     struct jerr *e);

/* Copies in to out with each control character (tab and newline included)
 * shown as '?', for a line on a terminal; cut at a character boundary. */
void text_visible(const char *in, char *out, size_t outsz);

/* ---- prefix search (issue 17) ----
 * A search for names or numbers starting with what was typed is the range
 * [prefix, end): both SQLite and PostgreSQL walk an index for it, and the
 * typed text is a value, never a pattern. */

/* Writes to out the least string greater than every string that starts
 * with prefix, bytes compared as unsigned (SQLite's BINARY, PostgreSQL's C
 * collation): the last character's code point plus one, dropping trailing
 * U+10FFFF.  Valid UTF-8 gives valid UTF-8 (PostgreSQL refuses anything
 * else as a text value); an invalid byte counts as a character of its own
 * and is itself incremented (dropped at 0xFF).  Needs no locale.  1 done,
 * 0 when there is no such string (prefix empty or all U+10FFFF: every
 * string from prefix on qualifies), -1 if out (n bytes) is too small. */
int text_prefix_end(const char *prefix, char *out, size_t n);

#endif
