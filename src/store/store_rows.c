/* Multi-row INSERTs (store.h store_insert_rows): an import's or a demo's
 * hundred thousand rows written a statement per 64 rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

#define ROWS 64                /* 64 rows x 64 values stay below SQLite's 32,766 */
#define MAX_WIDTH 64           /* a county moved whole: households has 35 columns */

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

/* The SQL of n rows after head, built once per head and size and kept
 * for the life of the process (an import asks for it seven times a
 * chunk), so the statement cache can key it by address.  Heads are
 * matched by content: a head built at run time is never taken for
 * another.  Past the table, NULL: the caller builds it for this call. */
struct kept { char *head; int width; long n; char *sql; };

static char *build(const char *head, int width, long n)
{
	size_t size = (size_t)n * (2 * (size_t)width + 4) + strlen(head) + 16;
	char *sql = malloc(size);
	if (sql)
		values_sql(sql, size, head, n, width);
	return sql;
}

static const char *kept_sql(const char *head, int width, long n)
{
	static struct kept kept[128];
	static int nkept;
	for (int i = 0; i < nkept; i++)
		if (kept[i].width == width && kept[i].n == n && !strcmp(kept[i].head, head))
			return kept[i].sql;
	if (nkept == (int)(sizeof kept / sizeof kept[0]))
		return NULL;
	struct kept k = { strdup(head), width, n, build(head, width, n) };
	if (!k.head || !k.sql) {
		free(k.head);
		free(k.sql);
		return NULL;
	}
	kept[nkept++] = k;
	return k.sql;
}

static int run(const char *file, int line, struct store *db, const char *head, int width,
               long from, long n, store_row_binder put, void *ctx)
{
	const char *sql = kept_sql(head, width, n);
	char *own = sql ? NULL : build(head, width, n);
	struct stmt *st = sql ? store_prep_kept_at(file, line, db, sql)
	                : own ? store_prepd_at(file, line, db, own) : NULL;
	free(own);   /* store_prepd keeps its own copy */
	if (!st)
		return -1;
	for (long i = 0; i < n; i++)
		put(ctx, st, from + i, (int)i * width + 1);
	int rc = stmt_step(st);
	stmt_done(st);
	return rc == 0 ? 0 : -1;
}

/* Rows in statements of 64, then 16, 4 and 1: a chunk's tail of up to 63
 * rows takes at most nine statements, not 63, and each head has only
 * four statements in the cache. */
int store_insert_rows_at(const char *file, int line, struct store *db, const char *head, int width,
                         long from, long to, store_row_binder put, void *ctx)
{
	static const long sizes[] = { ROWS, 16, 4, 1 };
	if (width < 1 || width > MAX_WIDTH)
		return -1;
	long i = from;
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
		for (; to - i >= sizes[k]; i += sizes[k])
			if (run(file, line, db, head, width, i, sizes[k], put, ctx) != 0)
				return -1;
	return 0;
}
