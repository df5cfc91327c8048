/* What each of the five steps asks for (SPEC §5 table), as form fields
 * named by the engine's step data keys (flow.h), and how a recorded step
 * reads in a run's history. */
#ifndef JIANCE_STEP_FIELDS_H
#define JIANCE_STEP_FIELDS_H

#include <stddef.h>

#include "flow/flow.h"
#include "kit/form.h"
#include "config/config.h"

/* Adds the fields of the run's current step to f: 办理日期 first, then the
 * step's own data, then (step 3) the posting.  tuopin: the household is a
 * 脱贫户 (the type's hint says what fits); cfg gives the risk types. */
void step_fields_add(struct form *f, const struct flow_run *r, int tuopin,
                     const struct config *cfg);
/* Fills the fields' starting values: today, what the run proposes so far,
 * the posting already registered, the configured posting days. */
void step_fields_defaults(struct form *f, const struct flow_run *r, const struct posting *p,
                          int posting_days);

/* 1 for a field that is step data (flow_complete's keys), 0 for the
 * screen's own (办理日期, the posting). */
int step_field_is_data(const char *name);
/* The label of a step data key: risks → 风险类型; the key itself if unknown. */
const char *step_key_label(const char *key);
/* A recorded step in one line: its reason, else its data ("类型 边缘易致贫户；…"). */
void step_summary(const struct step_record *r, char *out, size_t n);

#endif
