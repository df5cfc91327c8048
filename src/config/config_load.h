/* The loader's helpers, shared by config.c and codes.c (private to
 * src/config): each reports a wrong value as "FILE:LINE: message". */
#ifndef JIANCE_CONFIG_LOAD_H
#define JIANCE_CONFIG_LOAD_H

#include <libconfig.h>
#include <stddef.h>

#include "config/config_table.h"

struct loader {
	const char *path;        /* the file given to config_load */
	struct jerr *e;
	char *text;              /* source of text_file, to re-read integer literals */
	char text_file[512];
	/* Integers read so far on one source line, by name, so the k-th
	 * "yuan" of a line is checked against the k-th literal. */
	const char *seen_file;
	int seen_line, nseen;
	struct { const char *name; int count; } seen[8];
};

int cfg_fail(struct loader *L, const config_setting_t *s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void cfg_spath(const config_setting_t *s, char *buf, size_t n);
int cfg_get_bool(struct loader *L, const config_setting_t *s, int *out);
int cfg_get_str(struct loader *L, const config_setting_t *s, size_t min, size_t max,
                char *dst, size_t size, const char *(*check)(const char *));
/* s must be a group whose members are all among keys. */
int cfg_need_group(struct loader *L, const config_setting_t *s, const char *const *keys);
/* A member of g that must be there: NULL (and the error) if missing. */
const config_setting_t *cfg_member(struct loader *L, const config_setting_t *g, const char *key);
int cfg_member_str(struct loader *L, const config_setting_t *g, const char *key, size_t min,
                   char *dst, size_t size);
/* A list (is_list) or array of minn..maxn items. */
int cfg_need_items(struct loader *L, const config_setting_t *s, int minn, int maxn, int is_list);

/* The code tables (codes.c): load one of the CFG_L_CODE_* lists. */
int codes_load(struct loader *L, enum cfg_list_id id, const config_setting_t *s,
               struct config *c);

#endif
