/* The one seam to the database (STYLE.md §6, after Fossil's db.c):
 * prepared statements with bound parameters, short write transactions
 * that nest by counting, schema migrations.  Under it an engine: SQLite
 * for a file (store/sqlite.c), PostgreSQL for a postgresql:// URL
 * (store/pg.c); statements are written in SQLite's dialect with ? and ?N,
 * and what PostgreSQL needs otherwise is the engine's or db/pg/'s. */
#ifndef JIANCE_STORE_H
#define JIANCE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct store;
struct stmt;

/* Opens (creating if create != 0) the database, sets WAL, foreign keys and
 * busy_timeout, and migrates it to this program's schema version.  A newer
 * database is refused.  Returns NULL with e set. */
struct store *store_open(const char *path, int create, struct jerr *e);
void store_close(struct store *db);
/* 1 when where is a PostgreSQL URL (postgresql://…), 0 for a file. */
int store_is_server(const char *where);
/* Whether a jiance database is at where: 0 nothing yet (no file, an
 * empty file, a server database without tables), 1 there is, -1 it
 * cannot be told (e says why: the server cannot be reached). */
int store_exists(const char *where, struct jerr *e);
/* Removes what a failed init or demo made at where (a file and its side
 * files; on a server every table of the database's schema), so the next
 * try starts from nothing.  Only for a database store_exists found empty. */
void store_wipe(const char *where);
const char *store_path(const struct store *db);
/* 1 if the database is PostgreSQL's (a server), 0 a SQLite file. */
int store_on_server(const struct store *db);
/* 1 if where (a --db value) names a server: postgresql://… or postgres://… */
int store_names_server(const char *where);
/* schema version of the open database */
int store_version(struct store *db);
/* store_open that migrates only to version upto (0..schema_version):
 * tests build old databases with it.  Another upto is refused. */
struct store *store_open_upto(const char *path, int create, int upto, struct jerr *e);
/* Applies migrations [version, upto) to a fresh or older database; an upto
 * outside 0..schema_version is refused. */
int store_migrate(struct store *db, int upto, struct jerr *e);

/* The call site of every statement and transaction (after Fossil's db.c):
 * an error or a transaction left open is logged with the file and line
 * that asked for it (store/errlog.h).  The macros below pass it. */
#define STORE_HERE __FILE__, __LINE__

/* Prepares sql (a string literal: statements are cached by its address) and
 * binds the values described by fmt, one letter each:
 *   i int, l int64_t, L int64_t with 0 as NULL, t const char * (NULL binds NULL), T text with "" as NULL,
 *   d double, n bind NULL (consumes no argument).
 * fmt must have one letter for each parameter of the statement: a format
 * that does not fit is refused and logged (and aborts a debug build).
 * Parameters from ?901 up are not the format's: they are bound by index
 * afterwards (the flag dates, register/flags.h), and a statement that has
 * them numbers its own (?1, ?2 …).
 * Returns NULL on error (reported through store_errmsg and the log). */
#define store_prep(db, ...) store_prep_at(STORE_HERE, db, __VA_ARGS__)
struct stmt *store_prep_at(const char *file, int line, struct store *db, const char *sql,
                           const char *fmt, ...);
/* For SQL assembled at run time from fixed fragments (list filters, flag
 * predicates), never from user input: cached by content, not address. */
#define store_prepd(db, sql) store_prepd_at(STORE_HERE, db, sql)
struct stmt *store_prepd_at(const char *file, int line, struct store *db, const char *sql);
/* The same for SQL assembled once and kept until the process ends (the
 * multi-row INSERTs of store_insert_rows): cached by address, as a literal
 * is, since comparing kilobytes of "(?,?,…)" by content cost more than
 * the statement. */
struct stmt *store_prep_kept_at(const char *file, int line, struct store *db, const char *sql);
/* Binds by index after store_prep/store_prepd (e.g. the ?901 flag dates). */
int stmt_bind_text(struct stmt *st, int idx, const char *v);
/* The same without a copy: v must stay as it is until the statement is
 * stepped (a bulk insert's texts, bound by the hundred thousand). */
int stmt_bind_static(struct stmt *st, int idx, const char *v);
int stmt_bind_int(struct stmt *st, int idx, int64_t v);
int stmt_bind_double(struct stmt *st, int idx, double v);
int stmt_bind_null(struct stmt *st, int idx);
/* 1 a row is ready, 0 done, -1 error */
int stmt_step(struct stmt *st);
int64_t stmt_int(struct stmt *st, int col);
double stmt_double(struct stmt *st, int col);
/* "" for NULL; valid until the next step */
const char *stmt_text(struct stmt *st, int col);
int stmt_isnull(struct stmt *st, int col);
/* Resets the statement and gives it back to the cache. */
void stmt_done(struct stmt *st);

/* Many rows into one table: head ("INSERT INTO t(a, b)") run as multi-row
 * INSERTs of 64 rows, each statement opening the table's indexes once
 * instead of once a row.  put(ctx, st, row, first) binds row's width
 * values from index first.  0 ok, -1 error (the statement's, logged). */
typedef void (*store_row_binder)(void *ctx, struct stmt *st, long row, int first);
#define store_insert_rows(db, ...) store_insert_rows_at(STORE_HERE, db, __VA_ARGS__)
int store_insert_rows_at(const char *file, int line, struct store *db, const char *head, int width,
                         long from, long to, store_row_binder put, void *ctx);

/* A long writer in many short transactions (an import) has the log copied
 * into the database by a thread of its own, between and beside its
 * transactions, instead of inside each commit while saves wait:
 * store_own_checkpoints(db, 1) starts it, (db, 0) stops it.
 * store_checkpoint copies what readers allow now (SQLite's PASSIVE). */
void store_own_checkpoints(struct store *db, int on);
void store_checkpoint(struct store *db);

/* Runs one statement to completion; 0 ok, -1 error. */
#define store_exec(db, ...) store_exec_at(STORE_HERE, db, __VA_ARGS__)
int store_exec_at(const char *file, int line, struct store *db, const char *sql,
                  const char *fmt, ...);
/* Runs a query and returns the first column of the first row (dflt if none). */
#define store_int(db, ...) store_int_at(STORE_HERE, db, __VA_ARGS__)
int64_t store_int_at(const char *file, int line, struct store *db, int64_t dflt,
                     const char *sql, const char *fmt, ...);
/* Copies the first column of the first row into out; 1 found, 0 none, -1 error. */
#define store_text(db, ...) store_text_at(STORE_HERE, db, __VA_ARGS__)
int store_text_at(const char *file, int line, struct store *db, char *out, size_t n,
                  const char *sql, const char *fmt, ...);

int64_t store_last_id(struct store *db);
int store_changes(struct store *db);
const char *store_errmsg(struct store *db);
/* 1 if the last error was a UNIQUE/CHECK/FK constraint */
int store_constraint_failed(struct store *db);

/* BEGIN IMMEDIATE at the outermost level; nested calls only count.  A
 * rollback at any depth dooms the whole transaction.  The outermost
 * begin's call site is kept for store_tx_where. */
#define store_begin(db) store_begin_at(STORE_HERE, db)
int store_begin_at(const char *file, int line, struct store *db);
#define store_commit(db) store_commit_at(STORE_HERE, db)
int store_commit_at(const char *file, int line, struct store *db);
#define store_rollback(db) store_rollback_at(STORE_HERE, db)
void store_rollback_at(const char *file, int line, struct store *db);
/* A read snapshot over many queries (the checks of an import): BEGIN
 * DEFERRED at the outermost level, counted with store_begin.  Other
 * sessions keep writing (WAL).  Nothing may be written inside one, and it
 * is never held across user input (it stops checkpoints). */
#define store_read_begin(db) store_read_begin_at(STORE_HERE, db)
int store_read_begin_at(const char *file, int line, struct store *db);
#define store_read_end(db) store_read_end_at(STORE_HERE, db)
void store_read_end_at(const char *file, int line, struct store *db);
/* 1 while a transaction (either kind) is open. */
int store_tx_open(struct store *db);
/* "file:line" of the begin that opened it; "" when none is open. */
const char *store_tx_where(struct store *db);
/* Ends whatever is open, at every depth, undoing its writes: for a
 * transaction found left open where none may be (the console after a key). */
void store_tx_abandon(struct store *db);

/* A number that changes whenever a write is committed, by another
 * connection (PRAGMA data_version) or by this one (which data_version does
 * not count): screens compare it to notice any change, their own included. */
int64_t store_change_mark(struct store *db);

/* Waiting for another officer's write (SQLite WAL: one writer at a time;
 * readers never wait).  A write waits up to STORE_WAIT_MS for the lock,
 * then fails with store_busy() true.  fn, when set, is told how long it
 * has waited (ms) every few milliseconds after the first quarter second,
 * so the console can say so; it returns 0 to stop waiting at once (the
 * terminal is gone: the draft goes elsewhere).  limit_ms 0 keeps the
 * limit as it is. */
#define STORE_WAIT_MS 30000
void store_on_wait(struct store *db, int (*fn)(void *arg, int waited_ms), void *arg,
                   int limit_ms);
/* Sets how long a write waits (ms) and returns the previous limit: work
 * nobody is waiting for (moving drafts kept aside) waits only briefly. */
int store_wait_limit(struct store *db, int limit_ms);
/* For a long write (an import's): while on, its waits for the lock give
 * way to the short ones of interactive saves waiting at the same time. */
void store_wait_behind(struct store *db, int on);
/* Another connection's writer waits for the write lock now (it said so in
 * the DB-wait file, store/waiters.h): a long writer ends its transaction. */
int store_writers_waiting(struct store *db);
/* Says that this connection's writer waits for the write lock (on) or no
 * longer does: what a write BEGIN says by itself, for a test standing in
 * for another officer's save. */
void store_say_waiting(struct store *db, int on);
/* Between a long writer's transactions: lets a save waiting now have the
 * lock first.  Saves that say they wait are let through by the next BEGIN;
 * without the DB-wait file, a pause of a few milliseconds. */
void store_give_way(struct store *db);
/* 1 if the last statement failed because the database was locked, or
 * cannot be written at all (read-only, full): the caller may keep what
 * it had elsewhere (drafts). */
int store_busy(struct store *db);
int store_unwritable(struct store *db);
/* A write transaction held longer than this is logged with where it
 * began (issue 13: no command holds the lock for more than about a
 * second; the soak test reads the log). */
#define STORE_LONG_TX_MS 1000
/* Consistent online copy to path (SQLite backup API). */
int store_backup(struct store *db, const char *path, struct jerr *e);
/* PRAGMA quick_check + foreign_key_check: number of problems, each
 * written to report (may be NULL).  quick_check, not integrity_check: the
 * latter also matches every index entry to its row, ~10 s on a county of
 * 200,000 households, against 2 s (issue 2: `jiance check` under 5 s). */
int store_integrity(struct store *db, void (*report)(void *, const char *), void *arg);
/* The tables, indexes, triggers and views of the database compared with
 * those this program's migrations make for its version: each one missing
 * (a dropped drafts table, the trigger that keeps the audit append-only),
 * different or extra is written to report.  The number of differences. */
int store_schema_check(struct store *db, void (*report)(void *, const char *), void *arg);
/* Work the officer did not ask for (a count after typing pauses, warming
 * pages) gives way to the next key: while pending(arg) says so, the running
 * statement stops as if it had failed.  NULL ends it.  store_interrupted()
 * says whether a statement was stopped that way since the last call. */
void store_yield_to(struct store *db, int (*pending)(void *), void *arg);
int store_interrupted(struct store *db);
/* Speed settings for bulk generation (demo): synchronous=OFF and a large
 * page cache while it runs. */
void store_bulk(struct store *db, int on);
/* The statement that makes index name as the database has it ("" and 0
 * if there is none; -1 error): a bulk writer drops it and makes it again. */
int store_index_sql(struct store *db, const char *name, char *out, size_t n);
/* What a connection is for, when the engine can make it faster: the
 * console's many small reads of a county (a mapped file, a larger page
 * cache), an import's 100,000 lookups (a larger cache).  Nothing on
 * PostgreSQL, whose server keeps its own cache. */
enum store_use { STORE_USE_CONSOLE, STORE_USE_IMPORT };
void store_tune(struct store *db, enum store_use use);
/* The condition on member_names (one row per member: rowid the member's
 * id, chars the name's characters separated by spaces) that its name
 * holds a phrase of characters side by side ("\"张 三\""), with param
 * ("?7") where the phrase goes: FTS5's MATCH, or PostgreSQL's full-text
 * search over the same words.  Written into out; out is returned. */
const char *store_names_match(struct store *db, const char *param, char *out, size_t n);
/* 1 for a database in a file of this machine, whose pages a process can
 * bring into memory ahead of need (the console's warming); 0 for a server. */
int store_local(const struct store *db);
/* The officer the connection itself is, when the database knows its users
 * (PostgreSQL: a role of jiance_officer, db/pg/017): 1 and the role's name
 * in out.  0 for an SQLite file and for the database's owner, who may act
 * as anyone (administration, --as). */
int store_role(struct store *db, char *out, size_t n);
/* The largest id table (a plain name) has given, whoever can see the row:
 * a writer that numbers its own rows (an import's thousands) starts after
 * it.  Under PostgreSQL's row-level security an officer sees only their
 * area's rows, so max(id) alone would give an id another area holds.
 * -1 on error. */
int64_t store_max_id(struct store *db, const char *table);
/* 1 while store_bulk is on: writers may leave derived indexes (the names'
 * full-text index) to be built once at the end. */
int store_bulk_on(const struct store *db);

/* The catalog, as a county moved from one database into another reads it
 * (io/move.c), the same on both engines: the program's tables (not the
 * engine's own, nor a full-text index's shadow tables), in name order; a
 * table's columns in order, each with its kind ('i' integer, 't' text,
 * 'd' real) and place in the primary key (0: none; SQLite's full-text
 * table member_names shows its rowid, the key the program writes, as a
 * column as PostgreSQL's has it); a table's declared foreign keys, column
 * and parent table, in the order of the columns.  0, or -1 (logged). */
int store_tables(struct store *db, void (*fn)(void *arg, const char *table), void *arg);
int store_columns(struct store *db, const char *table,
                  void (*fn)(void *arg, const char *column, char kind, int pk), void *arg);
int store_foreign_keys(struct store *db, const char *table,
                       void (*fn)(void *arg, const char *column, const char *parent), void *arg);
/* Rows written with ids of their own: the next id the database draws for
 * table (an id column) is past the largest and past at_least
 * (PostgreSQL's identity sequence; SQLite's next rowid is past the
 * largest already, and at_least is not kept).  Set before writing ids up
 * to at_least, PostgreSQL's rows need not move the sequence one by one.
 * 0 or -1. */
int store_ids_follow(struct store *db, const char *table, int64_t at_least);

#endif
