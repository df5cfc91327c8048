/* The cross-field rules of SPEC §2 that need no database: one place, unit
 * tested, used by forms, import and the store alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "register/household.h"
#include "base/vocab.h"

int hh_type_check(const char *hh_type, int is_tuopin, struct jerr *e)
{
	if (vocab_find(&VOCAB_HH_TYPE, hh_type) < 0)
		return jerr_set(e, "hh_type", "监测对象类型应为脱贫不稳定户、边缘易致贫户或突发严重困难户");
	if (!strcmp(hh_type, "脱贫不稳定户") && !is_tuopin)
		return jerr_set(e, "hh_type", "这一户不是脱贫户，不能认定为脱贫不稳定户");
	if (!strcmp(hh_type, "边缘易致贫户") && is_tuopin)
		return jerr_set(e, "hh_type", "这一户是脱贫户，应认定为脱贫不稳定户，不是边缘易致贫户");
	return 0;
}

int phone_valid(const char *p)
{
	return p && strlen(p) == 11 && p[0] == '1' && strspn(p, "0123456789") == 11;
}

int phone_check(const char *phone, struct jerr *e)
{
	if (!*phone || phone_valid(phone))
		return 0;
	return jerr_set(e, "phone", "联系电话应为11位手机号码，如 13812345678");
}

static int count_relation(const struct member *ms, int n, const char *rel, int *first)
{
	int c = 0;
	for (int i = 0; i < n; i++)
		if (ms[i].active && !strcmp(ms[i].relation, rel)) {
			if (c++ == 0 && first)
				*first = i;
		}
	return c;
}

static int has_risk(const struct household *h, const char *risk)
{
	for (int i = 0; i < h->nrisks; i++)
		if (!strcmp(h->risks[i], risk))
			return 1;
	return 0;
}

static int check_head_and_spouse(const struct member *ms, int n, struct jerr *e)
{
	int head = -1, spouse = -1;
	int heads = count_relation(ms, n, "户主", &head);
	if (heads == 0)
		return jerr_set(e, "relation", "这户没有户主：每户须有且只有一名户主");
	if (heads > 1)
		return jerr_set(e, "relation", "户主只能有一人，现有%d人", heads);
	int spouses = count_relation(ms, n, "配偶", &spouse);
	if (spouses > 1)
		return jerr_set(e, "relation", "配偶只能有一人，现有%d人", spouses);
	if (spouses == 1 && ms[spouse].sex == ms[head].sex)
		return jerr_set(e, "relation", "配偶%s与户主%s性别相同（按身份证号码）",
		                ms[spouse].name, ms[head].name);
	return 0;
}

int household_check_members(const struct household *h, const struct member *ms, int n,
                            struct jerr *e)
{
	if (check_head_and_spouse(ms, n, e) != 0)
		return -1;
	int workers = 0;
	for (int i = 0; i < n; i++)
		workers += ms[i].active && labour_can_work(ms[i].labour);
	if (h && workers == 0 && has_risk(h, "因务工就业不稳"))
		return jerr_set(e, "risks", "全家无劳动能力，风险类型不能选“因务工就业不稳”");
	return 0;
}

int64_t money_parse(const char *s)
{
	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	if (!*s)
		return 0;
	int64_t yuan = 0, fen = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		yuan = yuan * 10 + (*p - '0');
		if (yuan > 100000000000LL)
			return -1;
	}
	if (p == s)
		return -1;
	if (*p == '.') {
		p++;
		int digits = 0;
		for (; *p >= '0' && *p <= '9'; p++, digits++)
			if (digits < 2)
				fen = fen * 10 + (*p - '0');
		if (digits == 1)
			fen *= 10;
		if (digits == 0)
			return -1;
	}
	while (*p == ' ')
		p++;
	if (*p && strcmp(p, "元") != 0)
		return -1;
	return yuan * 100 + fen;
}

char *money_fmt(int64_t fen, char *buf, size_t n)
{
	const char *sign = fen < 0 ? "-" : "";
	int64_t a = fen < 0 ? -fen : fen;
	if (a % 100)
		snprintf(buf, n, "%s%lld.%02lld", sign, (long long)(a / 100), (long long)(a % 100));
	else
		snprintf(buf, n, "%s%lld", sign, (long long)(a / 100));
	return buf;
}
