/* Records that contradict the rules of issue 12 (dates out of order,
 * visits without findings, decisions without their line), for `jiance
 * check`: counted in the officer's area. */
#ifndef JIANCE_CONTRADICTIONS_H
#define JIANCE_CONTRADICTIONS_H

#include <stdint.h>

#include "access/session.h"

/* Calls fn with each kind of contradiction and how many records have it;
 * 0, or -1 on a database error. */
int contradictions_each(struct session *s, void (*fn)(void *arg, const char *what, int64_t n),
                        void *arg);

#endif
