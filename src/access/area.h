/* The area tree: 县 → 乡镇 → 村/社区 → 村民小组 (SPEC §1). */
#ifndef JIANCE_AREA_H
#define JIANCE_AREA_H

#include <stdint.h>
#include <stdio.h>

#include "access/session.h"

struct area {
	int64_t id;
	char code[16];
	char name[96];
	int level;
	int64_t parent_id, county_id, township_id, village_id;
};

const char *area_level_label(int level);   /* 县 乡镇 村 组 */
/* Adds an area under parent (0 for the county itself).  Only admins (or
 * bootstrap with s->me.id == 0).  Codes: 12 digits, and a township shares its
 * county's first 6, a village its township's first 9; a group is its
 * village's 12 digits plus 3. */
int area_add(struct session *s, int64_t parent_id, const char *code, const char *name,
             int64_t *out_id, struct jerr *e);
int area_get(struct store *db, int64_t id, struct area *a);
int area_by_code(struct store *db, const char *code, struct area *a);
/* Finds a village by name, optionally within a township name; also accepts
 * township and village written together (保家镇龙阳村).  1 found, 0 none,
 * -1 ambiguous (e set with the candidates). */
int area_find_village(struct store *db, const char *township, const char *village,
                      struct area *a, struct jerr *e);
/* Calls fn for every area inside the session's scope, depth first,
 * ordered by pinyin within each parent. */
int area_each(struct session *s, int max_level,
              void (*fn)(void *arg, const struct area *a, int depth), void *arg);
/* Full name "保家镇龙阳村" of a village (or township) */
void area_full_name(struct store *db, int64_t id, char *out, size_t n);

#endif
