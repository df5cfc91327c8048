/* Issue 4's timing targets (tests/bench_console.c), for tests/bench.c. */
#ifndef JIANCE_TESTS_BENCH_CONSOLE_H
#define JIANCE_TESTS_BENCH_CONSOLE_H

#include <stdio.h>

/* Drives $JIANCE_BIN on a pty at 80x24 over the database at db (a demo of
 * 200,000 households for the figures) as demo_county and prints one
 * line per figure to out: start to the first full screen (target 100 ms),
 * opening the household list, and the redraw after each search keystroke
 * (target 30 ms).  0 if every figure is within its target. */
int bench_console(FILE *out, const char *db);

#endif
