/* What store.c, the one face of the store, asks of the engine under it:
 * SQLite for a county's file (store/sqlite.c), PostgreSQL for a server
 * (store/pg.c).  The face keeps what is the same on both: the statement
 * cache, bind formats, nesting transactions, the log of long or failed
 * ones, the wait policy.  An engine does only what its database does its
 * own way.  Internal to src/store/: nothing else includes it. */
#ifndef JIANCE_STORE_ENGINE_H
#define JIANCE_STORE_ENGINE_H

#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

/* What went wrong with the last call, in the words the face needs. */
enum engine_fault {
	FAULT_NONE,
	FAULT_OTHER,
	FAULT_CONSTRAINT,   /* UNIQUE, CHECK, foreign key, NOT NULL */
	FAULT_BUSY,         /* another writer holds the lock past the limit */
	FAULT_UNWRITABLE,   /* read-only, full, gone */
	FAULT_INTERRUPT,    /* stopped for a key (store_yield_to) */
};

struct engine;

struct stmt {
	struct store *db;
	const char *sql;
	char *dyn;        /* owned copy of run-time SQL, compared by content */
	void *h;          /* the engine's prepared statement */
	int busy;
	const char *file; /* the call site that prepared it last, for the log */
	int line;
};

struct store {
	const struct engine *eng;
	void *conn;               /* the engine's connection */
	char path[512];           /* a file, or a URL without its password */
	int depth;                /* transaction nesting */
	int doomed;               /* a nested rollback happened */
	char tx_where[160];       /* file:line of the outermost begin */
	struct stmt **cache;
	int ncache, capcache;
	int (*pending)(void *);   /* store_yield_to */
	void *pending_arg;
	int interrupted;
	int64_t own_commits;      /* writes this connection committed (store_change_mark) */
	int (*on_wait)(void *, int);   /* store_on_wait */
	void *wait_arg;
	int wait_limit_ms;
	long long tx_start;       /* when the outermost transaction began */
	int reading;              /* it is a read snapshot (store_read_begin) */
	int bulk;                 /* store_bulk: a new database nobody else opens */
	int behind;               /* store_wait_behind: this writer lets saves go first */
};

struct engine {
	/* Sets db->conn; a database of another program is refused.  0 or -1, e set. */
	int (*open)(struct store *db, const char *where, int create, struct jerr *e);
	void (*close)(struct store *db);
	int (*exists)(const char *where, struct jerr *e);   /* store_exists */
	void (*wipe)(const char *where);
	/* schema version; -1 if it cannot be read */
	int (*version)(struct store *db);
	/* migrations [version, upto) each with its version, under the engine's lock */
	int (*migrate)(struct store *db, int upto, struct jerr *e);

	/* statements: sql in SQLite's dialect (? and ?N parameters) */
	void *(*prepare)(struct store *db, const char *sql);
	void (*finalize)(void *h);
	int (*params)(void *h);              /* parameters below ?901 */
	int (*bind_int)(void *h, int idx, int64_t v);
	int (*bind_double)(void *h, int idx, double v);
	int (*bind_text)(void *h, int idx, const char *v, int copy);
	int (*bind_null)(void *h, int idx);
	int (*step)(void *h);                /* 1 row, 0 done, -1 error */
	int64_t (*col_int)(void *h, int col);
	double (*col_double)(void *h, int col);
	const char *(*col_text)(void *h, int col);   /* NULL for NULL */
	int (*col_isnull)(void *h, int col);
	void (*reset)(void *h);

	/* Whole statements without parameters (BEGIN, COMMIT); 0 or -1. */
	int (*exec)(struct store *db, const char *sql);
	const char *begin_write, *begin_read;
	/* Called with the write BEGIN: waits for the write lock as the
	 * engine must (0 or -1); NULL runs begin_write as it is. */
	int (*lock_write)(struct store *db);
	int (*in_tx)(struct store *db);      /* the connection has a transaction open */
	const char *(*errmsg)(struct store *db);
	enum engine_fault (*fault)(struct store *db);
	int64_t (*last_id)(struct store *db);
	int (*changes)(struct store *db);
	int64_t (*change_mark)(struct store *db);   /* others' commits, without own_commits */

	void (*wait_behind)(struct store *db, int on);
	int (*writers_waiting)(struct store *db);
	void (*say_waiting)(struct store *db, int on);
	void (*give_way)(struct store *db);
	void (*own_checkpoints)(struct store *db, int on);
	void (*checkpoint)(struct store *db);
	int (*backup)(struct store *db, const char *path, struct jerr *e);
	int (*integrity)(struct store *db, void (*report)(void *, const char *), void *arg);
	int (*schema_check)(struct store *db, void (*report)(void *, const char *), void *arg);
	void (*yield_to)(struct store *db, int on);
	void (*bulk)(struct store *db, int on);
	void (*tune)(struct store *db, enum store_use use);
	const char *index_sql;   /* one ?: an index's name; one row: its CREATE */
	const char *role_sql;    /* store_role: one row, the officer role or none */
	int64_t (*max_id)(struct store *db, const char *table);   /* store_max_id, name checked */
	const char *names_match[2];   /* store_names_match: before and after the parameter */

	/* The catalog (store/catalog.c), as queries with these columns:
	 * tables: name; columns (? the table): name, declared type in
	 * SQLite's words (INTEGER, TEXT, REAL), place in the primary key
	 * (0 none); fkeys (? the table): column, parent table. */
	const char *sql_tables, *sql_columns, *sql_fkeys;
	/* moves the next id drawn for table (a plain name) past its largest
	 * and at_least; NULL when the engine does that itself (SQLite's
	 * rowid).  0 or -1 */
	int (*ids_follow)(struct store *db, const char *table, int64_t at_least);
};

extern const struct engine sqlite_engine;
extern const struct engine pg_engine;

/* A URL (postgresql://… or postgres://…) names a server; anything else a file. */
int engine_is_url(const char *where);

/* Both engines' lines in the log and reports. */
#define LOG_SQL "%.300s"
long long store_now_ms(void);
/* "what: how" into e for a failed open */
void store_seterr(struct jerr *e, struct store *db, const char *what);

#endif
