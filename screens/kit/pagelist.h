/* A list screen over rows read from the database a page at a time
 * (contact persons, leads, measures, households to assign): the page read
 * last, the listview over it, and the watch that reloads it when another
 * session commits.  The screen's data begins with its struct pagelist, so
 * its idle and resume callbacks can be pagelist_idle and pagelist_resume. */
#ifndef JIANCE_PAGELIST_H
#define JIANCE_PAGELIST_H

#include <stddef.h>

#include "kit/app.h"
#include "kit/listview.h"
#include "access/watch.h"

#define PAGELIST_MAX 400      /* rows one page may hold: a very tall terminal */

/* Reads up to n rows from off into page; returns how many there were.
 * arg, like the listview callbacks', is the screen's data. */
typedef int (*pagelist_read)(void *arg, long off, int n, void *page);

struct pagelist {
	struct session *s;
	void *page;
	size_t size;              /* of one row */
	long off;
	int n;
	pagelist_read read;
	struct listview lv;
	struct watch watch;
};

/* src gives count, cell and row_role as for any listview; its fetch and
 * arg are this module's.  -1 when out of memory. */
int pagelist_init(struct pagelist *l, struct app *app, size_t row_size, pagelist_read read,
                  const struct lv_source *src, const struct lv_column *cols, int ncols,
                  const char *empty);
/* A screen whose data is the pagelist alone: allocated, set up and made
 * the top screen's data; NULL when out of memory. */
struct pagelist *pagelist_new(struct app *app, size_t row_size, pagelist_read read,
                              const struct lv_source *src, const struct lv_column *cols,
                              int ncols, const char *empty);
void pagelist_free(struct pagelist *l);
/* Row i if the last page holds it, else NULL. */
const void *pagelist_row(const struct pagelist *l, long i);
/* The row under the cursor, NULL in an empty list. */
const void *pagelist_selected(struct pagelist *l);

int pagelist_idle(struct app *app);
/* Frees the page and the screen's data, for screens whose data holds
 * nothing else on the heap. */
void pagelist_leave(struct app *app);
void pagelist_resume(struct app *app);

#endif
