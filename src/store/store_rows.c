/* Multi-row INSERTs (store.h store_insert_rows): an import's or a demo's
 * hundred thousand rows written a statement per 64 rows. */
#include <stdio.h>

#include "store/store.h"

#define ROWS 64                /* 64 rows x 20 values stay far below SQLite's 32,766 */
#define MAX_WIDTH 24

/* "head VALUES (?,…),(?,…)…" for n rows of w values */
static void values_sql(char *sql, size_t size, const char *head, long n, int w)
{
	size_t len = (size_t)snprintf(sql, size, "%s VALUES ", head);
	for (long i = 0; i < n && len < size; i++) {
		len += (size_t)snprintf(sql + len, size - len, "%s(", i ? "," : "");
		for (int j = 0; j < w && len < size; j++)
			len += (size_t)snprintf(sql + len, size - len, "%s?", j ? "," : "");
		len += (size_t)snprintf(sql + len, size - len, ")");
	}
}

static int run(const char *file, int line, struct store *db, const char *sql, int width,
               long from, long n, store_row_binder put, void *ctx)
{
	struct stmt *st = store_prepd_at(file, line, db, sql);
	if (!st)
		return -1;
	for (long i = 0; i < n; i++)
		put(ctx, st, from + i, (int)i * width + 1);
	int rc = stmt_step(st);
	stmt_done(st);
	return rc == 0 ? 0 : -1;
}

int store_insert_rows_at(const char *file, int line, struct store *db, const char *head, int width,
                         long from, long to, store_row_binder put, void *ctx)
{
	char full[ROWS * (2 * MAX_WIDTH + 4) + 512], tail[sizeof full];
	if (width < 1 || width > MAX_WIDTH)
		return -1;
	long whole = (to - from) / ROWS * ROWS;
	if (whole)
		values_sql(full, sizeof full, head, ROWS, width);   /* written once, not once a chunk */
	for (long i = from; i < from + whole; i += ROWS)
		if (run(file, line, db, full, width, i, ROWS, put, ctx) != 0)
			return -1;
	if (from + whole == to)
		return 0;
	/* the rest a row at a time: one statement per head, where a statement
	 * per tail length filled the cache with up to 63 more of each (an
	 * import writing in chunks has a new tail every chunk) */
	values_sql(tail, sizeof tail, head, 1, width);
	for (long i = from + whole; i < to; i++)
		if (run(file, line, db, tail, width, i, 1, put, ctx) != 0)
			return -1;
	return 0;
}
