/* Reading the CSV files departments and townships send (SPEC §9, issue 6):
 * the encoding is found by itself (UTF-8 with or without BOM, else
 * GB18030/GBK), CRLF or LF, quoted fields with commas and newlines, title
 * rows above the header skipped, blank rows dropped, cells trimmed.
 *
 * Cells separated by tabs instead of commas are found by themselves too.
 * A file mixing UTF-8 and GBK lines is refused naming them; Western
 * (Windows-1252) words that GBK would misread, such as "Müller", refuse
 * their row.  Nothing that is not valid text is ever passed on: a row holding bytes of
 * no known encoding, or cut off by the end of a truncated file, reaches the
 * caller with a plain reason instead, so it is reported, never imported. */
#ifndef JIANCE_CSVREAD_H
#define JIANCE_CSVREAD_H

#include "base/err.h"

struct csvread_opts {
	/* 1 if a cell's text is a header the caller knows.  The header row is
	 * the first row with at least two such cells; rows above it are titles. */
	int (*is_header)(void *arg, const char *cell);
	/* Called once with the header row; non-zero stops the reading. */
	int (*header)(void *arg, long line, int n, char **cells);
	/* Called for every non-blank row after the header, in order.  line is
	 * the physical line (from 1) where the record starts; problem is NULL,
	 * or why the row cannot be used.  Cells are UTF-8, trimmed, and may be
	 * modified by the callback.  Non-zero stops the reading. */
	int (*row)(void *arg, long line, int n, char **cells, const char *problem);
	void *arg;
};

struct csvread_info {
	char encoding[32];       /* "UTF-8（带 BOM）", "UTF-8", "GB18030" */
	long lines;              /* physical lines in the file */
	long title_rows;         /* non-blank rows skipped above the header */
	long header_line;
	long bad_lines;          /* lines with invalid bytes or cut off */
	int tab_separated;       /* cells separated by tabs, not commas */
};

/* Reads path.  0 when the whole file was read; -1 with e set when it cannot
 * be read, has no header row, is UTF-16, or a callback stopped it. */
int csvread_file(const char *path, const struct csvread_opts *o, struct csvread_info *info,
                 struct jerr *e);

/* Trims ASCII white space and U+3000, U+00A0, U+FEFF at both ends, in place. */
char *csvread_trim(char *s);

#endif
