/* The table of settings (SPEC §12, STYLE.md point 5): every scalar setting
 * declared once with its type, bounds, default and help; the list settings
 * documented beside it.  config.c loads, defaults and documents from here. */
#ifndef JIANCE_CONFIG_TABLE_H
#define JIANCE_CONFIG_TABLE_H

#include <stddef.h>

#include "config/config.h"

enum cfg_type { CFG_INT, CFG_STRING, CFG_BOOL };

/* One scalar setting.  Strings hold min..max bytes of UTF-8 (max < size): a
 * longer value is refused, never cut (a Han character is 3 bytes). */
struct cfg_option {
	const char *name;        /* path in the file: "flow.posting_days" */
	enum cfg_type type;
	long min, max;           /* ints: value bounds; strings: length in bytes */
	int def_int;             /* ints, bools */
	const char *def_str;     /* strings */
	size_t offset;           /* of the field in struct config */
	size_t size;             /* of the field (strings) */
	/* Extra check of a string value: NULL if fine, else the reason. */
	const char *(*check)(const char *value);
	const char *help_zh;
	const char *help_en;
};

extern const struct cfg_option cfg_options[];
extern const int cfg_noptions;

/* The list settings: loaded by dedicated code in config.c. */
enum cfg_list_id {
	CFG_L_LINES, CFG_L_STEP_ROLES,
	CFG_L_DEPARTMENTS, CFG_L_FULL_ID_ROLES, CFG_L_IMPORT, CFG_L_TEMPLATES,
	CFG_L_HOLIDAYS, CFG_L_WORKDAYS,
	/* the national code tables (codes.c) */
	CFG_L_CODE_RISKS, CFG_L_CODE_DISASTERS, CFG_L_CODE_MEASURES, CFG_L_CODE_RELATIONS,
	CFG_L_CODE_EDUCATION, CFG_L_CODE_SCHOOLING, CFG_L_CODE_HEALTH, CFG_L_CODE_LABOUR,
	CFG_L_CODE_HH_TYPES, CFG_L_CODE_METHODS, CFG_L_RISK_MAP
};

struct cfg_list_doc {
	enum cfg_list_id id;
	const char *name;        /* path in the file */
	const char *form;        /* its shape, e.g. "[ \"…\", … ]" */
	const char *bounds;      /* counts and lengths, both languages */
	const char *help_zh;
	const char *help_en;
};

extern const struct cfg_list_doc cfg_lists[];
extern const int cfg_nlists;

/* Accepted values of enumerated strings, NULL-terminated. */
extern const char *const cfg_map_kinds[];         /* leads households visits */
extern const char *const cfg_template_kinds[];    /* households members ... */

/* Sets the list settings to their built-in defaults. */
void cfg_list_defaults(struct config *c);
/* Copies src into dst, zero-filling the rest; src must fit (checked by the
 * caller: settings are refused, never truncated). */
void cfg_copy(char *dst, size_t size, const char *src);
/* 1 if s is one of the NULL-terminated names. */
int cfg_one_of(const char *s, const char *const *names);

#endif
