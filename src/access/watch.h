/* The one way a screen notices that another officer saved: the store's
 * change counter, remembered when the screen last read and compared when
 * it is idle. */
#ifndef JIANCE_WATCH_H
#define JIANCE_WATCH_H

#include <stdint.h>

#include "access/session.h"

struct watch { int64_t version; };

/* Remembers the counter as of now (call just before reading). */
void watch_reset(struct watch *w, struct session *s);
/* 1 once if someone committed since the last reset or change seen. */
int watch_changed(struct watch *w, struct session *s);

#endif
