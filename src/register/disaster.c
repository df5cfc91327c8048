/* 因自然灾害子项 (national table 100A271, codes.disasters): a household
 * whose risks include 因自然灾害 names what struck it -- one sub-item or
 * several (a flood that brings a landslide) -- kept '、'-joined in the
 * table's order, so the same choice always reads the same.  The rule is
 * here once, for every writer of risks: the household form and save, step
 * 1 and step 5 of identification. */
#include <stdio.h>
#include <string.h>

#include "base/vocab.h"
#include "register/household.h"

/* Marks the sub-items of text in on; -1 with e naming one not in the table. */
static int read_items(const struct vocab *v, const char *text, int *on, struct jerr *e)
{
	static const char *const seps[] = { "、", "，", ",", " ", "；", ";" };
	for (const char *p = text ? text : ""; *p;) {
		size_t len = strlen(p), skip = 0;
		for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
			const char *q = strstr(p, seps[i]);
			if (q && (size_t)(q - p) < len)
				len = (size_t)(q - p), skip = strlen(seps[i]);
		}
		int k = -2;
		for (int i = 0; len && k < 0 && i < v->n; i++)
			if (strlen(v->items[i]) == len && !strncmp(v->items[i], p, len))
				k = i;
		if (len && k < 0)
			return jerr_set(e, "disaster", "因自然灾害子项“%.*s”不在国家代码表中",
			                (int)(len > 60 ? 60 : len), p);
		if (k >= 0)
			on[k] = 1;
		p += len + skip;
	}
	return 0;
}

int disaster_normalise(const struct config *c, const char *text, char *out, size_t n,
                       struct jerr *e)
{
	const struct vocab *v = config_codes(c, CT_DISASTER);
	int on[CODES_MAX] = { 0 };   /* a table holds no more (codes.h) */
	if (read_items(v, text, on, e) != 0)
		return -1;
	size_t len = 0;
	if (n)
		out[0] = 0;
	for (int i = 0; i < v->n; i++)
		if (on[i]) {
			int w = snprintf(out + len, n - len, "%s%s", len ? "、" : "", v->items[i]);
			if (w < 0 || (size_t)w >= n - len)
				return jerr_set(e, "disaster", "因自然灾害子项选得太多");
			len += (size_t)w;
		}
	return 0;
}

int disaster_check(const struct config *c, int has_risk, const char *disaster, struct jerr *e)
{
	char norm[HH_DISASTER_BYTES];
	if (disaster_normalise(c, disaster, norm, sizeof norm, e) != 0)
		return -1;
	if (has_risk && !*norm)
		return jerr_set(e, "disaster", "风险为%s，须选择因自然灾害子项",
		                DISASTER_RISK);
	if (!has_risk && *norm)
		return jerr_set(e, "disaster", "风险类型中没有%s，不填因自然灾害子项", DISASTER_RISK);
	return 0;
}

int risks_name_disaster(const char *risks)
{
	struct household h;
	if (household_risks_read(&h, risks, NULL) != 0)
		return 0;
	for (int i = 0; i < h.nrisks; i++)
		if (!strcmp(h.risks[i], DISASTER_RISK))
			return 1;
	return 0;
}

const char *disaster_national(const char *stored, char *out, size_t n)
{
	size_t len = 0;
	static const char sep[] = "、";
	for (const char *p = stored; n && *p && len + 1 < n;) {
		if (!strncmp(p, sep, strlen(sep))) {
			out[len++] = ',';
			p += strlen(sep);
		} else {
			out[len++] = *p++;
		}
	}
	if (n)
		out[len < n ? len : n - 1] = 0;
	return out;
}
