/* The program's statements are written with SQLite's parameters (? and
 * ?N); libpq numbers them $1…$n, contiguous.  A statement is translated
 * once, when it is first prepared (the cache keeps the result).
 * Pure text work: unit-tested without a server (tests/test_pg_sql.c). */
#ifndef JIANCE_STORE_PG_SQL_H
#define JIANCE_STORE_PG_SQL_H

struct pg_sql {
	char *text;        /* the statement with $n */
	int nparams;       /* $1..$nparams: the numbers used, in order */
	int own;           /* the highest number below ?901 (the bind format's count) */
	int maxidx;        /* highest SQLite index used */
	int *slot;         /* slot[sqlite index] = $n, 0 if unused; maxidx + 1 entries */
	char table[64];    /* the table of an INSERT INTO, "" otherwise */
	int returning;     /* it already has a RETURNING clause */
	int writes;        /* INSERT, UPDATE, DELETE (or WITH, which may) */
};

/* 0, or -1 for a statement that mixes up its parameters (?0, ?N past
 * 32766) or does not end its quotes; out is freed with pg_sql_free. */
int pg_sql_translate(const char *sql, struct pg_sql *out);
void pg_sql_free(struct pg_sql *q);

#endif
