/* Saves go before an import's next transaction.
 *
 * SQLite's write lock has no queue: a waiting writer sleeps and tries
 * again, and whoever tries at the right moment wins.  With two county
 * imports writing in 30 ms transactions, a save lost that race again and
 * again (soak p99 300-400 ms, almost all of it spent in BEGIN).  Here a
 * writer about to wait says so with a shared lock on byte 0 of the file
 * DB-wait; an import checks that byte between its chunks, ends its
 * transaction early when anyone waits, and starts the next only when
 * nobody does.  Open file description locks: they belong to the open file,
 * not the process, and go away with it, also on kill -9. */
#ifndef JIANCE_STORE_WAITERS_H
#define JIANCE_STORE_WAITERS_H

struct waiters;

/* The DB-wait file beside the database, made with the database's mode if
 * missing; NULL if it cannot be opened (then nobody is told, as before). */
struct waiters *waiters_open(const char *db_path);
void waiters_close(struct waiters *w);
/* on: this writer waits for the write lock (or holds it); off: it has it. */
void waiters_say(struct waiters *w, int on);
/* Another connection's writer waits: 1, else 0. */
int waiters_any(struct waiters *w);
/* Until no writer waits, or at most max_ms. */
void waiters_let_pass(struct waiters *w, int max_ms);
/* on: this process copies the log into the database on a thread of its
 * own (store_own_checkpoints), byte 1; others: whether anyone does. */
void waiters_checkpointing(struct waiters *w, int on);
int waiters_someone_checkpoints(struct waiters *w);

#endif
