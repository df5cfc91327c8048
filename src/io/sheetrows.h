/* What every reader (CSV, XLSX, XLS) does with the rows it finds: rows
 * above the header are titles, the header is the first row with two or
 * more cells the caller knows, the rows after it go to the caller; and the
 * message when no header is found.  Readers skip blank rows themselves. */
#ifndef JIANCE_SHEETROWS_H
#define JIANCE_SHEETROWS_H

#include "io/csvread.h"

struct sheetrows {
	const struct csvread_opts *o;
	struct csvread_info *info;
	int header_done, any_row;
	char first_row[300];       /* shown when no header row is found */
};

void sheetrows_init(struct sheetrows *s, const struct csvread_opts *o, struct csvread_info *info);
/* One row in order: line as the officer sees it (the file's line, the
 * sheet's row number), its cells, why it cannot be used (or NULL), which
 * cells were numbers too long to be exact (or NULL).  Non-zero: stop. */
int sheetrows_put(struct sheetrows *s, long line, int n, char **cells, const char *problem,
                  const unsigned char *rounded);
/* After the last row: 0, or -1 with e set when no header row was found. */
int sheetrows_end(struct sheetrows *s, struct jerr *e);

#endif
