/* Issue 14's timing targets (tests/bench_import.c), for tests/bench.c. */
#ifndef JIANCE_TESTS_BENCH_IMPORT_H
#define JIANCE_TESTS_BENCH_IMPORT_H

#include <stdio.h>

/* On copies of the demo database at demo (200,000 households for the
 * issue's figures), in dir: writes a 100,000-row GBK warning list of its
 * people and times `bin import` of it (dry run, import, second import),
 * its peak memory and another officer's longest wait for the write lock,
 * beside sqlite3's .import of the same file, several runs each; then
 * exports 200,000 households to XLSX.  One line per figure to out; 0 if
 * every run succeeded. */
int bench_import(FILE *out, const char *bin, const char *demo, const char *dir);

#endif
