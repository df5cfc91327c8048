/* Loading the code tables (codes = { … }) and the 缺啥补啥 map
 * (quality.risk_measures) over the built-in ones, checked as the rest of
 * the file: a wrong entry stops jiance with FILE:LINE. */
#include "config/codes_impl.h"

#include <stdio.h>
#include <string.h>

#include "config/config_load.h"

/* Labels the program itself reads (rules, the database's CHECKs): a table
 * that drops one would make them silently false. */
static const char *const need_relation[] = { "户主", "配偶", NULL };
static const char *const need_health[] = { "健康", "长期慢性病", "患有大病", "残疾", NULL };
static const char *const need_labour[] = { "普通劳动力", "技能劳动力", "丧失劳动力", "无劳动力", NULL };
static const char *const need_risk[] = { "因病", "因学", "因残", "因自然灾害", NULL };
static const char *const only_hh_type[] = { "脱贫不稳定户", "边缘易致贫户", "突发严重困难户", NULL };
static const char *const only_method[] = { "帮扶消除", "自然消除", NULL };

static const struct {
	enum cfg_list_id id;
	enum code_table t;
	const char *const *need;      /* labels that must be there */
	int exact;                    /* and no other (the database stores only these) */
} tables[] = {
	{ CFG_L_CODE_RISKS, CT_RISK, need_risk, 0 },
	{ CFG_L_CODE_DISASTERS, CT_DISASTER, NULL, 0 },
	{ CFG_L_CODE_RELATIONS, CT_RELATION, need_relation, 0 },
	{ CFG_L_CODE_EDUCATION, CT_EDUCATION, NULL, 0 },
	{ CFG_L_CODE_SCHOOLING, CT_SCHOOLING, NULL, 0 },
	{ CFG_L_CODE_HEALTH, CT_HEALTH, need_health, 0 },
	{ CFG_L_CODE_LABOUR, CT_LABOUR, need_labour, 0 },
	{ CFG_L_CODE_HH_TYPES, CT_HH_TYPE, only_hh_type, 1 },
	{ CFG_L_CODE_METHODS, CT_ELIM_METHOD, only_method, 1 },
};

void codes_index(struct config *c)
{
	static const char *const names[CT_COUNT] = {
		"致贫返贫风险", "因自然灾害子项", "与户主关系", "文化程度", "在校生状况", "健康状况",
		"劳动技能", "监测对象类别", "风险消除方式"
	};
	for (int t = 0; t < CT_COUNT; t++) {
		struct cfg_code_table *k = &c->codes.t[t];
		for (int i = 0; i < k->n; i++)
			k->labels[i] = k->items[i].label;
		k->v = (struct vocab){ names[t], k->labels, k->n };
	}
}

static int dup_label(struct loader *L, const config_setting_t *g, const char *label,
                     const char *what)
{
	return cfg_fail(L, g, "%s “%s” 重复", what, label);
}

/* { code = "…"; label = "…"; [extra] }: code 0–15 bytes (some tables have none). */
static int load_code(struct loader *L, const config_setting_t *g, const char *const *keys,
                     char *code, size_t ncode, char *label, size_t nlabel)
{
	if (cfg_need_group(L, g, keys) != 0 ||
	    cfg_member_str(L, g, "label", 1, label, nlabel) != 0)
		return -1;
	const config_setting_t *m = config_setting_get_member(g, "code");
	code[0] = 0;
	return m ? cfg_get_str(L, m, 0, ncode - 1, code, ncode, NULL) : 0;
}

static int check_required(struct loader *L, const config_setting_t *s,
                          const struct cfg_code_table *k, const char *const *need, int exact)
{
	char p[256];
	cfg_spath(s, p, sizeof p);
	for (int i = 0; need && need[i]; i++)
		if (vocab_find(&k->v, need[i]) < 0)
			return cfg_fail(L, s, "'%s' 缺少“%s”（jiance 的规则要用到它）", p, need[i]);
	for (int i = 0; exact && i < k->n; i++)
		if (!cfg_one_of(k->items[i].label, need))
			return cfg_fail(L, s, "'%s' 的“%s”无效：数据库只保存 %s%s%s 这几项", p,
			                k->items[i].label, need[0], need[1] ? "、" : "", need[1] ? need[1] : "");
	return 0;
}

static int load_table(struct loader *L, const config_setting_t *s, struct config *c, int which)
{
	static const char *const keys[] = { "code", "label", NULL };
	struct cfg_code_table *k = &c->codes.t[tables[which].t];
	if (cfg_need_items(L, s, 1, CODES_MAX, 1) != 0)
		return -1;
	k->n = 0;
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *g = config_setting_get_elem(s, (unsigned)i);
		struct cfg_code *it = &k->items[i];
		if (load_code(L, g, keys, it->code, sizeof it->code, it->label, sizeof it->label) != 0)
			return -1;
		for (int j = 0; j < i; j++)
			if (!strcmp(k->items[j].label, it->label))
				return dup_label(L, g, it->label, "代码表中的");
		k->n++;
	}
	codes_index(c);
	return check_required(L, s, k, tables[which].need, tables[which].exact);
}

static int load_items(struct loader *L, const config_setting_t *g, struct cfg_measure_cat *m)
{
	static const char *const keys[] = { "code", "label", "qualifies", NULL };
	const config_setting_t *s = cfg_member(L, g, "items");
	if (!s || cfg_need_items(L, s, 1, CODES_MAX_ITEMS, 1) != 0)
		return -1;
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *ig = config_setting_get_elem(s, (unsigned)i);
		struct cfg_measure_item *it = &m->items[i];
		if (load_code(L, ig, keys, it->code, sizeof it->code, it->label, sizeof it->label) != 0)
			return -1;
		const config_setting_t *q = config_setting_get_member(ig, "qualifies");
		it->qualifies = 1;
		if (q && cfg_get_bool(L, q, &it->qualifies) != 0)
			return -1;
		for (int j = 0; j < i; j++)
			if (!strcmp(m->items[j].label, it->label))
				return dup_label(L, ig, it->label, "措施子项");
	}
	m->nitems = config_setting_length(s);
	return 0;
}

static int load_measures(struct loader *L, const config_setting_t *s, struct config *c)
{
	static const char *const keys[] = { "code", "label", "developmental", "items", NULL };
	struct cfg_codes *k = &c->codes;
	if (cfg_need_items(L, s, 1, CODES_MAX_CATS, 1) != 0)
		return -1;
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *g = config_setting_get_elem(s, (unsigned)i);
		struct cfg_measure_cat *m = &k->cats[i];
		memset(m, 0, sizeof *m);
		if (load_code(L, g, keys, m->code, sizeof m->code, m->label, sizeof m->label) != 0)
			return -1;
		const config_setting_t *d = config_setting_get_member(g, "developmental");
		if ((d && cfg_get_bool(L, d, &m->developmental) != 0) || load_items(L, g, m) != 0)
			return -1;
		for (int j = 0; j < i; j++)
			if (!strcmp(k->cats[j].label, m->label))
				return dup_label(L, g, m->label, "帮扶措施类别");
	}
	k->ncats = config_setting_length(s);
	return 0;
}

static int load_map_entry(struct loader *L, const config_setting_t *g, struct config *c,
                          struct cfg_risk_map *m)
{
	static const char *const keys[] = { "risk", "measures", NULL };
	const config_setting_t *r, *ms;
	char p[256];
	if (cfg_need_group(L, g, keys) != 0 ||
	    cfg_member_str(L, g, "risk", 1, m->risk, sizeof m->risk) != 0)
		return -1;
	r = config_setting_get_member(g, "risk");
	if (!config_is_risk(c, m->risk))
		return cfg_fail(L, r, "风险类型“%s”不在 codes.risks 中", m->risk);
	if (!(ms = cfg_member(L, g, "measures")) ||
	    cfg_need_items(L, ms, 1, CODES_MAP_MAX_CATS, 0) != 0)
		return -1;
	m->n = config_setting_length(ms);
	for (int i = 0; i < m->n; i++) {
		const config_setting_t *it = config_setting_get_elem(ms, (unsigned)i);
		if (cfg_get_str(L, it, 1, sizeof m->cats[i] - 1, m->cats[i], sizeof m->cats[i],
		                NULL) != 0)
			return -1;
		cfg_spath(it, p, sizeof p);
		if (!config_measure_cat(c, m->cats[i]))
			return cfg_fail(L, it, "'%s' 的“%s”不在 codes.measures 的类别中", p, m->cats[i]);
	}
	return 0;
}

static int load_risk_map(struct loader *L, const config_setting_t *s, struct config *c)
{
	struct cfg_codes *k = &c->codes;
	if (cfg_need_items(L, s, 0, CODES_MAX_MAP, 1) != 0)
		return -1;
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *g = config_setting_get_elem(s, (unsigned)i);
		if (load_map_entry(L, g, c, &k->map[i]) != 0)
			return -1;
		for (int j = 0; j < i; j++)
			if (!strcmp(k->map[j].risk, k->map[i].risk))
				return cfg_fail(L, g, "风险类型“%s”在 quality.risk_measures 中重复",
				                k->map[i].risk);
	}
	k->nmap = config_setting_length(s);
	return 0;
}

int codes_load(struct loader *L, enum cfg_list_id id, const config_setting_t *s,
               struct config *c)
{
	if (id == CFG_L_CODE_MEASURES)
		return load_measures(L, s, c);
	if (id == CFG_L_RISK_MAP)
		return load_risk_map(L, s, c);
	for (int i = 0; i < (int)(sizeof tables / sizeof tables[0]); i++)
		if (tables[i].id == id)
			return load_table(L, s, c, i);
	return 0;
}

/* The built-in 缺啥补啥 map under a file's own tables: entries naming a
 * risk or category the file does not have are dropped (a map written in
 * the file was checked entry by entry instead). */
void codes_prune_map(struct config *c)
{
	struct cfg_codes *k = &c->codes;
	int n = 0;
	for (int i = 0; i < k->nmap; i++) {
		struct cfg_risk_map m = k->map[i];
		int kept = 0;
		for (int j = 0; j < m.n; j++)
			if (config_measure_cat(c, m.cats[j]))
				memmove(m.cats[kept++], m.cats[j], sizeof m.cats[0]);
		m.n = kept;
		if (kept && config_is_risk(c, m.risk))
			k->map[n++] = m;
	}
	k->nmap = n;
}

/* ---- lookups ---- */

const struct vocab *config_codes(const struct config *c, enum code_table t)
{
	return &c->codes.t[t].v;
}

const char *config_code_of(const struct config *c, enum code_table t, const char *label)
{
	const struct cfg_code_table *k = &c->codes.t[t];
	for (int i = 0; label && i < k->n; i++)
		if (!strcmp(k->items[i].label, label))
			return k->items[i].code;
	return "";
}

const struct cfg_measure_cat *config_measure_cat(const struct config *c, const char *label)
{
	for (int i = 0; label && i < c->codes.ncats; i++)
		if (!strcmp(c->codes.cats[i].label, label))
			return &c->codes.cats[i];
	return NULL;
}

int config_measure_item(const struct config *c, const char *cat, const char *item)
{
	const struct cfg_measure_cat *m = config_measure_cat(c, cat);
	for (int i = 0; m && item && i < m->nitems; i++)
		if (!strcmp(m->items[i].label, item))
			return m->developmental ? m->items[i].qualifies : 1;
	return -1;
}

const struct cfg_risk_map *config_risk_map(const struct config *c, const char *risk)
{
	for (int i = 0; risk && i < c->codes.nmap; i++)
		if (!strcmp(c->codes.map[i].risk, risk))
			return &c->codes.map[i];
	return NULL;
}

/* ---- the settings reference ---- */

static void add(char *buf, size_t n, const char *sep, const char *item)
{
	size_t len = strlen(buf);
	if (len + strlen(sep) + strlen(item) < n)
		snprintf(buf + len, n - len, "%s%s", len ? sep : "", item);
}

static void describe_measures(const struct cfg_codes *k, char *buf, size_t n)
{
	char item[1024];
	for (int i = 0; i < k->ncats; i++) {
		const struct cfg_measure_cat *m = &k->cats[i];
		snprintf(item, sizeof item, "%s %s%s（", m->code, m->label, m->developmental ? "*" : "");
		for (int j = 0; j < m->nitems; j++) {
			size_t len = strlen(item);
			snprintf(item + len, sizeof item - len, "%s%s%s", j ? "、" : "", m->items[j].label,
			         m->items[j].qualifies ? "" : "°");
		}
		add(item, sizeof item, "", "）");
		add(buf, n, "；", item);
	}
	add(buf, n, "", "（* 开发式 developmental；° qualifies = false）");
}

void codes_describe(const struct config *c, int id, char *buf, size_t n)
{
	const struct cfg_codes *k = &c->codes;
	char item[512];
	if (id == CFG_L_CODE_MEASURES) {
		describe_measures(k, buf, n);
		return;
	}
	if (id == CFG_L_RISK_MAP) {
		for (int i = 0; i < k->nmap; i++) {
			snprintf(item, sizeof item, "%s → ", k->map[i].risk);
			for (int j = 0; j < k->map[i].n; j++)
				add(item, sizeof item, j ? "/" : "", k->map[i].cats[j]);
			add(buf, n, "；", item);
		}
		return;
	}
	for (int i = 0; i < (int)(sizeof tables / sizeof tables[0]); i++)
		if ((int)tables[i].id == id)
			for (int j = 0; j < k->t[tables[i].t].n; j++) {
				const struct cfg_code *it = &k->t[tables[i].t].items[j];
				snprintf(item, sizeof item, "%s%s%s", it->code, *it->code ? " " : "", it->label);
				add(buf, n, "、", item);
			}
}
