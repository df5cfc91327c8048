/* Many small allocations freed together (the rows of an import: 100,000
 * notes, cells and payloads): one malloc per 64 KB block instead of one
 * per string, and no header per allocation. */
#ifndef JIANCE_ARENA_H
#define JIANCE_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena { struct arena_block *head; size_t used, total; };

void arena_init(struct arena *a);
/* n bytes, zeroed, aligned for any type; NULL if out of memory */
void *arena_alloc(struct arena *a, size_t n);
/* a copy of s; NULL if out of memory */
char *arena_strdup(struct arena *a, const char *s);
/* Frees every block. */
void arena_free(struct arena *a);

#endif
