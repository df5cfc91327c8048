#include "kit/pagelist.h"

#include <stdlib.h>

static int fetch(void *arg, long off, int n)
{
	struct pagelist *l = arg;
	l->off = off;
	l->n = l->read(l, off, n < PAGELIST_MAX ? n : PAGELIST_MAX, l->page);
	return l->n;
}

int pagelist_init(struct pagelist *l, struct app *app, size_t row_size, pagelist_read read,
                  const struct lv_source *src, const struct lv_column *cols, int ncols,
                  const char *empty)
{
	l->page = calloc(PAGELIST_MAX, row_size);
	if (!l->page)
		return -1;
	l->s = app_session(app);
	l->size = row_size;
	l->read = read;
	/* the listview fetches through us; every callback gets the screen's
	 * data, which begins with l */
	struct lv_source mine = *src;
	mine.fetch = fetch;
	mine.arg = l;
	lv_init(&l->lv, cols, ncols, &mine);
	l->lv.empty = empty;
	watch_reset(&l->watch, l->s);
	return 0;
}

struct pagelist *pagelist_new(struct app *app, size_t row_size, pagelist_read read,
                              const struct lv_source *src, const struct lv_column *cols,
                              int ncols, const char *empty)
{
	struct pagelist *l = calloc(1, sizeof *l);
	if (l && pagelist_init(l, app, row_size, read, src, cols, ncols, empty) != 0) {
		free(l);
		l = NULL;
	}
	if (l)
		app_set_data(app, l);
	return l;
}

void pagelist_free(struct pagelist *l)
{
	free(l->page);
	l->page = NULL;
}

const void *pagelist_row(const struct pagelist *l, long i)
{
	if (i < l->off || i >= l->off + l->n)
		return NULL;
	return (const char *)l->page + (size_t)(i - l->off) * l->size;
}

const void *pagelist_selected(struct pagelist *l)
{
	long i = lv_selected(&l->lv);
	return i >= 0 ? pagelist_row(l, i) : NULL;
}

int pagelist_idle(struct app *app)
{
	struct pagelist *l = app_data(app);
	if (!watch_changed(&l->watch, app_session(app)))
		return UNHANDLED;
	lv_reload(&l->lv);
	return REDRAW;
}

void pagelist_resume(struct app *app)
{
	struct pagelist *l = app_data(app);
	if (l)
		lv_reload(&l->lv);
}

void pagelist_leave(struct app *app)
{
	struct pagelist *l = app_data(app);
	if (l)
		pagelist_free(l);
	free(l);
}
