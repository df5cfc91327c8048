/* Who is working: the officer behind this process, their scope, the open
 * database and the configuration.  Every domain call takes a session, so no
 * household can be read or written without the officer's scope (SPEC §1). */
#ifndef JIANCE_SESSION_H
#define JIANCE_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "store/store.h"

enum area_level { LEVEL_COUNTY = 1, LEVEL_TOWNSHIP = 2, LEVEL_VILLAGE = 3, LEVEL_GROUP = 4 };

struct officer {
	int64_t id;
	char login[64];
	char name[64];
	enum role role;
	int64_t area_id;
	int area_level;
	char area_name[96];
	int active;
};

/* The officer's jurisdiction, built only by scope_of() from the officer. */
struct scope {
	int level;            /* enum area_level of the officer's area */
	int64_t area_id;
};

struct session {
	struct store *db;
	const struct config *cfg;
	struct officer me;
	struct scope scope;
	/* set while the national system's own export is imported: what it
	 * writes is already upstream, so nothing is queued back (upstream.h) */
	int from_national;
};

/* Fills s->me from the officers table and s->scope from the officer's area. */
int session_login(struct session *s, struct store *db, const struct config *cfg,
                  const char *login, struct jerr *e);

/* A long read on behalf of the console gives way to a key typed meanwhile:
 * while pending(arg) is true the running statement stops as if it failed,
 * and session_interrupted() tells that apart from a real failure.
 * NULL ends it. */
void session_yield_to(struct session *s, int (*pending)(void *), void *arg);
int session_interrupted(struct session *s);
/* A save waits for another officer's write instead of failing (SQLite
 * lets one write at a time): fn(arg, waited_ms) is told while it waits,
 * at most limit_ms, and returns 0 to stop waiting (store_on_wait). */
void session_on_wait(struct session *s, int (*fn)(void *arg, int waited_ms), void *arg,
                     int limit_ms);
/* The store's last error, for a message to the officer. */
const char *session_errmsg(struct session *s);
/* A transaction still open where none may be (the console between two
 * keys: none is ever held across user input).  If one is, it is logged
 * with where it began, rolled back, where it began copied to where, and 1
 * returned; 0 when none is open or there is no database. */
int session_tx_left_open(struct session *s, char *where, size_t n);

#endif
