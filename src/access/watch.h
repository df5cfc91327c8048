/* The one way a screen notices that what it shows changed: the store's
 * change mark, remembered when the screen last read and compared when it
 * is idle.  Every commit moves it, another officer's or this officer's own
 * (a bulk assignment, a batch, an import), so every list that watches
 * shows both without code of its own. */
#ifndef JIANCE_WATCH_H
#define JIANCE_WATCH_H

#include <stdint.h>

#include "access/session.h"

struct watch { int64_t version; };

/* Remembers the counter as of now (call just before reading). */
void watch_reset(struct watch *w, struct session *s);
/* 1 once if anyone, this session included, committed since the last
 * reset or change seen. */
int watch_changed(struct watch *w, struct session *s);

#endif
