/* The fixed code lists of SPEC §2 that are not national code tables
 * (those are configuration): one table each, shared by validation, forms,
 * import and demo. */
#ifndef JIANCE_VOCAB_H
#define JIANCE_VOCAB_H

struct vocab { const char *name; const char *const *items; int n; };

/* 与户主关系, 文化程度, 在校生状况, 健康状况 and 劳动技能 are the national
 * code tables of the configuration (config/codes.h, config_codes). */
extern const struct vocab VOCAB_DISABILITY; /* 残疾类别 */
extern const struct vocab VOCAB_HH_TYPE;    /* 监测对象类型 */
extern const struct vocab VOCAB_STATUS;     /* household status */
extern const struct vocab VOCAB_CHANNEL;    /* lead channels */
extern const struct vocab VOCAB_CONTACT_KIND;
extern const struct vocab VOCAB_MEASURE_STATE;
extern const struct vocab VOCAB_ETHNICITY;

/* index of s in v, or -1 */
int vocab_find(const struct vocab *v, const char *s);
/* 1 if a labour value means the person can work */
int labour_can_work(const char *labour);

#endif
