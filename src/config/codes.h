/* The national code tables (NATIONAL.md §2) as configuration: risk types
 * with the 因自然灾害 sub-items, measure categories with their sub-items,
 * the member tables, monitoring types and elimination methods, each label
 * with its national code; and the 缺啥补啥 map from a risk type to the
 * measure categories that answer it (groups codes and quality of
 * jiance.conf).  Forms, imports and exports use the labels. */
#ifndef JIANCE_CODES_H
#define JIANCE_CODES_H

#include "base/vocab.h"

#define CODES_MAX 40          /* labels in one table (与户主关系 has 28) */
#define CODES_MAX_ITEMS 12    /* sub-items of one measure category */
#define CODES_MAX_CATS 20
#define CODES_MAX_MAP 16
#define CODES_MAP_MAX_CATS 6

enum code_table {
	CT_RISK,          /* 100A27 致贫/返贫风险 */
	CT_DISASTER,      /* 100A271 因自然灾害子项 */
	CT_RELATION,      /* 100A08 与户主关系 */
	CT_EDUCATION,     /* 100A11 文化程度 */
	CT_SCHOOLING,     /* 100A12 在校生状况 */
	CT_HEALTH,        /* 100A13 健康状况 */
	CT_LABOUR,        /* 100A14 劳动技能 */
	CT_HH_TYPE,       /* dm_jcdxlb 监测对象类别 */
	CT_ELIM_METHOD,   /* dm_fxxcfs 风险消除方式 */
	CT_COUNT
};

struct cfg_code { char code[16]; char label[64]; };
struct cfg_code_table {
	int n;
	struct cfg_code items[CODES_MAX];
	const char *labels[CODES_MAX];   /* items[i].label, for v */
	struct vocab v;                  /* the labels as a code list */
};
struct cfg_measure_item {
	char code[16], label[64];
	int qualifies;                   /* counts as 开发式 (5_12_011: not 其他, 技能培训) */
};
struct cfg_measure_cat {
	char code[16], label[64];
	int developmental;               /* 开发式 */
	int nitems;
	struct cfg_measure_item items[CODES_MAX_ITEMS];
};
/* 缺啥补啥: the categories that answer a risk type. */
struct cfg_risk_map { char risk[64]; int n; char cats[CODES_MAP_MAX_CATS][64]; };

struct cfg_codes {
	struct cfg_code_table t[CT_COUNT];
	int ncats;
	struct cfg_measure_cat cats[CODES_MAX_CATS];
	int nmap;
	struct cfg_risk_map map[CODES_MAX_MAP];
};

struct config;
/* The labels of a table, as a code list (valid while the config lives). */
const struct vocab *config_codes(const struct config *c, enum code_table t);
/* The national code of a label, "" if the table has none for it. */
const char *config_code_of(const struct config *c, enum code_table t, const char *label);
const struct cfg_measure_cat *config_measure_cat(const struct config *c, const char *label);
/* A sub-item of a category: -1 not one of its items, 0 one that does not
 * count as 开发式, 1 one that does (or the category is not 开发式). */
int config_measure_item(const struct config *c, const char *cat, const char *item);
/* The 缺啥补啥 entry of a risk type, NULL when any measure answers it. */
const struct cfg_risk_map *config_risk_map(const struct config *c, const char *risk);

#endif
