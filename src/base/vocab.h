/* The fixed code lists of SPEC §2 (relations, schooling, health, labour …):
 * one table each, shared by validation, forms, import and demo. */
#ifndef JIANCE_VOCAB_H
#define JIANCE_VOCAB_H

struct vocab { const char *name; const char *const *items; int n; };

extern const struct vocab VOCAB_RELATION;   /* 户主, 配偶, 之子 … */
extern const struct vocab VOCAB_EDUCATION;  /* 文化程度 */
extern const struct vocab VOCAB_SCHOOLING;  /* 在校生状况 */
extern const struct vocab VOCAB_HEALTH;
extern const struct vocab VOCAB_DISABILITY; /* 残疾类别 */
extern const struct vocab VOCAB_LABOUR;
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
