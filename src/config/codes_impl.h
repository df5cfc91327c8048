/* Private to src/config: the built-in tables and the index the lookups use. */
#ifndef JIANCE_CODES_IMPL_H
#define JIANCE_CODES_IMPL_H

#include <stddef.h>

#include "config/codes.h"

struct code_def { const char *code, *label; };
struct item_def { const char *code, *label; int qualifies; };

extern const struct code_def *const codes_builtin[CT_COUNT];

struct config;
/* Sets every table's code list (labels, v) to point into c. */
void codes_index(struct config *c);
void codes_defaults(struct config *c);
/* After loading a file without quality.risk_measures: drops built-in map
 * entries whose risk or categories the file's tables lack. */
void codes_prune_map(struct config *c);
/* The default of a code list, for the settings reference. */
void codes_describe(const struct config *c, int id, char *buf, size_t n);

#endif
