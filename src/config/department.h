/* Department names as officers and departments write them (县医保局,
 * 医疗保障局) and the configured departments they stand for (医保): one
 * rule for the forms and the imports (issue 14, issue 16). */
#ifndef JIANCE_DEPARTMENT_H
#define JIANCE_DEPARTMENT_H

#include "base/err.h"
#include "config/config.h"

/* The configured department name stands for: the same name, else the one
 * it contains (县医保局 → 医保), else the one whose characters it holds in
 * order (县医疗保障局 → 医保).  The index; -1 when none fits (e: not
 * configured), -2 when two or more fit at the first rule that finds any
 * (e names them: a name is never taken for the wrong department).  e may
 * be NULL; its field is "department". */
int config_department(const struct config *c, const char *name, struct jerr *e);

#endif
