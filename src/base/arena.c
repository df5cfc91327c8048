#include "base/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

void arena_init(struct arena *a) { memset(a, 0, sizeof *a); }

void *arena_alloc(struct arena *a, size_t n)
{
	size_t need = (n + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < need) {
		size_t size = need > BLOCK ? need : BLOCK;
		if (!(b = malloc(sizeof *b + size)))
			return NULL;
		b->next = a->head;
		b->size = size;
		b->used = 0;
		a->head = b;
		a->total += size;
	}
	void *p = b->data + b->used;
	b->used += need;
	a->used += need;
	memset(p, 0, n);
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = arena_alloc(a, n);
	if (p)
		memcpy(p, s, n);
	return p;
}

void arena_free(struct arena *a)
{
	for (struct arena_block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	memset(a, 0, sizeof *a);
}
