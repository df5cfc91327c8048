/* Issue 6's timing targets (tests/bench_import.c), for tests/bench.c. */
#ifndef JIANCE_TESTS_BENCH_IMPORT_H
#define JIANCE_TESTS_BENCH_IMPORT_H

#include <stdio.h>

/* Imports a 100,000-row GBK warning list (limit 5 s) and exports 200,000
 * households to XLSX (limit 10 s) in a county built in /tmp, printing one
 * line each to out.  0 if both are within their limits. */
int bench_import(FILE *out);

#endif
