#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

void strmap_init(struct strmap *m) { memset(m, 0, sizeof *m); }

/* FNV-1a, its bits mixed at the end: the table takes the low bits, and
 * keys differing only in their last digits (ID numbers) must spread.  No
 * adversary: the file is the officer's own. */
static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return h;
}

/* The slot of key (hash h), or the empty slot where it would go.  The
 * hash is kept in the slot: a probe compares it before the key, and
 * growing never hashes a key again (most of an import's map time went on
 * reading keys of other slots from memory). */
static struct strmap_slot *find(const struct strmap *m, const char *key, uint64_t h)
{
	if (!m->cap)
		return NULL;
	for (size_t i = (size_t)h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && !strcmp(s->key, key)))
			return s;
	}
}

int64_t *strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot *s = find(m, key, hash(key));
	return s && s->key ? &s->val : NULL;
}

static int grow(struct strmap *m)
{
	struct strmap old = *m;
	m->cap = old.cap ? 2 * old.cap : 64;
	m->n = 0;
	m->slots = calloc(m->cap, sizeof *m->slots);
	if (!m->slots) {
		*m = old;
		return -1;
	}
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key) {
			*find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
			m->n++;
		}
	free(old.slots);
	return 0;
}

int strmap_put(struct strmap *m, const char *key, int64_t val)
{
	/* at most half full, so probes stay short and find() always ends */
	if (2 * (m->n + 1) > m->cap && grow(m) != 0)
		return -1;
	uint64_t h = hash(key);
	struct strmap_slot *s = find(m, key, h);
	if (!s->key) {
		if (!(s->key = strdup(key)))
			return -1;
		s->hash = h;
		m->n++;
	}
	s->val = val;
	return 0;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	memset(m, 0, sizeof *m);
}
