#include "store/pg_sql.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_INDEX 32766      /* SQLite's highest parameter number */
#define BY_INDEX_FIRST 901   /* store.h: bound by index, not by the format */

/* Where the quoted text, identifier or comment starting at p ends (the
 * character after it); p itself if none starts there; NULL if unended. */
static const char *skip_quoted(const char *p)
{
	if (*p == '\'' || *p == '"') {
		char q = *p;
		for (p++; *p; p++)
			if (*p == q) {
				if (p[1] != q)
					return p + 1;
				p++;            /* '' or "" inside */
			}
		return NULL;
	}
	if (p[0] == '-' && p[1] == '-') {
		const char *nl = strchr(p, '\n');
		return nl ? nl + 1 : p + strlen(p);
	}
	if (p[0] == '/' && p[1] == '*') {
		const char *end = strstr(p + 2, "*/");
		return end ? end + 2 : NULL;
	}
	return p;
}

/* Each parameter's SQLite index, in order of appearance, through fn;
 * -1 if the text is not well formed. */
static int each_param(const char *sql, void (*fn)(void *, int, const char *, const char *),
                      void *arg)
{
	int largest = 0;
	for (const char *p = sql; *p;) {
		const char *q = skip_quoted(p);
		if (!q)
			return -1;
		if (q != p) {
			p = q;
			continue;
		}
		if (*p != '?') {
			p++;
			continue;
		}
		const char *start = p++;
		long n = 0;
		int digits = 0;
		for (; isdigit((unsigned char)*p) && n <= MAX_INDEX; p++, digits++)
			n = n * 10 + (*p - '0');
		if (!digits)
			n = largest + 1;
		if (n < 1 || n > MAX_INDEX)
			return -1;
		if (n > largest)
			largest = (int)n;
		fn(arg, (int)n, start, p);
	}
	return largest;
}

static void note_max(void *arg, int n, const char *a, const char *b)
{
	(void)a;
	(void)b;
	struct pg_sql *q = arg;
	if (n > q->maxidx)
		q->maxidx = n;
	if (n < BY_INDEX_FIRST && n > q->own)
		q->own = n;
}

static void mark_used(void *arg, int n, const char *a, const char *b)
{
	(void)a;
	(void)b;
	((struct pg_sql *)arg)->slot[n] = 1;
}

/* The numbers used, in order, become $1…$n: PostgreSQL must type every
 * parameter up to the highest, so a gap (?1 and ?801, the rules' maps)
 * would be a parameter it cannot type. */
static void number_slots(struct pg_sql *q)
{
	for (int i = 1; i <= q->maxidx; i++)
		if (q->slot[i])
			q->slot[i] = ++q->nparams;
}

struct emit { struct pg_sql *q; const char *from; char *out; size_t len; };

static void write_param(void *arg, int n, const char *start, const char *end)
{
	struct emit *e = arg;
	size_t before = (size_t)(start - e->from);
	memcpy(e->out + e->len, e->from, before);
	e->len += before;
	e->len += (size_t)sprintf(e->out + e->len, "$%d", e->q->slot[n]);
	e->from = end;
}

/* "INSERT INTO name" at the start: the table whose new id the store may
 * be asked for. */
static void insert_table(const char *sql, struct pg_sql *q)
{
	while (isspace((unsigned char)*sql))
		sql++;
	if (strncasecmp(sql, "INSERT", 6) != 0)
		return;
	sql += 6;
	while (isspace((unsigned char)*sql))
		sql++;
	if (strncasecmp(sql, "INTO", 4) != 0 || !isspace((unsigned char)sql[4]))
		return;
	for (sql += 4; isspace((unsigned char)*sql); sql++)
		;
	size_t n = 0;
	while ((isalnum((unsigned char)sql[n]) || sql[n] == '_') && n < sizeof q->table - 1)
		n++;
	memcpy(q->table, sql, n);
	q->table[n] = 0;
}

static int writes(const char *sql)
{
	static const char *const verbs[] = { "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH" };
	while (isspace((unsigned char)*sql))
		sql++;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
		size_t n = strlen(verbs[i]);
		if (!strncasecmp(sql, verbs[i], n) && !isalnum((unsigned char)sql[n]))
			return 1;
	}
	return 0;
}

/* The word RETURNING outside quotes. */
static int has_returning(const char *sql)
{
	for (const char *p = sql; *p;) {
		const char *q = skip_quoted(p);
		if (q != p) {
			if (!q)
				return 0;
			p = q;
			continue;
		}
		if (!strncasecmp(p, "RETURNING", 9) && (p == sql || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[9]) && p[9] != '_')
			return 1;
		p++;
	}
	return 0;
}

int pg_sql_translate(const char *sql, struct pg_sql *q)
{
	memset(q, 0, sizeof *q);
	if (each_param(sql, note_max, q) < 0)
		return -1;
	q->slot = calloc((size_t)q->maxidx + 1, sizeof *q->slot);
	/* "?" is 1 character and "$32766" 6: the text grows at most 6 times */
	size_t len = strlen(sql);
	q->text = malloc(len * 6 + 1);
	if (!q->slot || !q->text) {
		pg_sql_free(q);
		return -1;
	}
	each_param(sql, mark_used, q);
	number_slots(q);
	struct emit e = { q, sql, q->text, 0 };
	each_param(sql, write_param, &e);
	strcpy(e.out + e.len, e.from);
	insert_table(sql, q);
	q->returning = has_returning(sql);
	q->writes = writes(sql);
	return 0;
}

void pg_sql_free(struct pg_sql *q)
{
	free(q->text);
	free(q->slot);
	q->text = NULL;
	q->slot = NULL;
}
