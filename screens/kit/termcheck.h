/* Whether the terminal itself draws UTF-8 (issue 16).  Township PCs often
 * run Xshell or SecureCRT left on the Windows default, GBK, where every
 * Chinese character the console draws turns to garbage although the
 * server's locale is UTF-8.  Before curses starts, two Chinese characters
 * are written and the terminal is asked where its cursor is (DSR 6,
 * ESC [ 6 n): a UTF-8 terminal has moved four columns, a GBK or Latin-1 one
 * six (it reads the six bytes as three double-byte or six single-byte
 * characters).  What was written is erased again. */
#ifndef JIANCE_TERMCHECK_H
#define JIANCE_TERMCHECK_H

enum term_charset {
	TERM_UTF8,        /* moved four columns */
	TERM_NOT_UTF8,    /* moved any other distance */
	TERM_UNKNOWN,     /* not a terminal, or no answer in time */
};

/* How long a terminal that never answers holds the start up. */
#define TERM_PROBE_MS 1000

/* Asks the terminal on in/out (both must be terminals).  Bytes typed
 * meanwhile are dropped. */
enum term_charset term_probe(int in, int out, int timeout_ms);

/* Tells the officer, in GBK (what such a terminal most likely reads) and
 * in English, that the terminal is not UTF-8 and how to switch Xshell,
 * SecureCRT or PuTTY over. */
void term_tell_not_utf8(int fd);

#endif
