/* A string-keyed hash map of int64 values, for one-pass bookkeeping over
 * large files (import: rows already seen, village names already found). */
#ifndef JIANCE_STRMAP_H
#define JIANCE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot { char *key; int64_t val; uint64_t hash; };
struct strmap { struct strmap_slot *slots; size_t cap, n; };

void strmap_init(struct strmap *m);
/* the value of key, or NULL; valid until the next put */
int64_t *strmap_get(const struct strmap *m, const char *key);
/* Adds or replaces; 0 ok, -1 out of memory. */
int strmap_put(struct strmap *m, const char *key, int64_t val);
void strmap_free(struct strmap *m);

#endif
