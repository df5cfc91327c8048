#include "kit/fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "config/department.h"
#include "register/household.h"
#include "base/idcard.h"
#include "base/pinyin.h"
#include "base/text.h"

#define FIELDS_MAX_VOCABS 24

/* One code list's options with their readings, built once. */
struct vocab_options {
	const struct vocab *v;
	struct form_option *opts;
	char (*pinyin)[64];
	char (*initials)[24];
};

static struct vocab_options built[FIELDS_MAX_VOCABS];

static struct form_option *build_vocab(struct vocab_options *b, const struct vocab *v)
{
	b->opts = calloc((size_t)v->n, sizeof *b->opts);
	b->pinyin = calloc((size_t)v->n, sizeof *b->pinyin);
	b->initials = calloc((size_t)v->n, sizeof *b->initials);
	if (!b->opts || !b->pinyin || !b->initials) {
		free(b->opts);
		free(b->pinyin);
		free(b->initials);
		b->opts = NULL;
		return NULL;
	}
	for (int i = 0; i < v->n; i++) {
		/* once per list and process: ICU takes ~50 µs a word (NOTES.md) */
		pinyin_name(v->items[i], b->pinyin[i], sizeof b->pinyin[i], b->initials[i],
		            sizeof b->initials[i]);
		b->opts[i] = (struct form_option){ v->items[i], b->initials[i], b->pinyin[i] };
	}
	b->v = v;
	return b->opts;
}

const struct form_option *fields_vocab(const struct vocab *v, int *n)
{
	*n = v->n;
	for (int i = 0; i < FIELDS_MAX_VOCABS; i++) {
		if (built[i].v == v)
			return built[i].opts;
		if (!built[i].v)
			return build_vocab(&built[i], v);
	}
	*n = 0;
	return NULL;
}

const struct form_option *fields_yesno(int *n)
{
	static const struct form_option yn[] = { { "是", "s", "shi" }, { "否", "f", "fou" } };
	*n = 2;
	return yn;
}

const struct form_option *fields_guarantee(int *n)
{
	static const struct form_option g[] = {
		{ "有保障", "ybz", "youbaozhang" }, { "有问题", "ywt", "youwenti" },
	};
	*n = 2;
	return g;
}

const struct form_option *fields_risks(const struct config *cfg, int *n)
{
	return fields_vocab(config_codes(cfg, CT_RISK), n);
}

static const struct config *departments_of;   /* the configuration they came from */

const struct form_option *fields_departments(const struct config *cfg, int *n)
{
	static const char *items[CFG_MAX_LIST];
	static struct vocab depts = { "部门", items, 0 };
	if (depts.n == 0)       /* one configuration a process */
		for (int i = 0; i < cfg->ndepartments && i < CFG_MAX_LIST; i++)
			items[depts.n++] = cfg->departments[i];
	departments_of = cfg;
	return fields_vocab(&depts, n);
}

const char *field_department(void *arg, const char *typed, char *out, size_t outsz,
                             char *why, size_t whysz)
{
	(void)arg;
	struct jerr e = { 0 };
	int i = departments_of ? config_department(departments_of, typed, &e) : -1;
	if (i >= 0)
		return snprintf(out, outsz, "%s", departments_of->departments[i]), out;
	if (i == -2)
		snprintf(why, whysz, "%s", e.msg);
	return NULL;
}

const struct form_option *fields_guarantee_areas(int *n)
{
	static const char *const items[] = { "义务教育", "基本医疗", "住房安全", "饮水安全" };
	static const struct vocab areas = { "三保障和饮水", items, 4 };
	return fields_vocab(&areas, n);
}

struct form_option *fields_choices(const struct choice *c, int n)
{
	struct form_option *o = calloc((size_t)(n > 0 ? n : 1), sizeof *o);
	for (int i = 0; o && i < n; i++)
		o[i] = (struct form_option){ c[i].text, c[i].initials, c[i].pinyin };
	return o;
}

/* --- validators ------------------------------------------------------------ */

const char *field_id_no(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)arg;
	(void)f;
	char norm[20];
	struct jerr e = { 0 };
	if (idcard_normalize(v, norm, &e) == 0)
		return NULL;
	snprintf(why, n, "%s", e.msg);
	return why;
}

const char *field_phone(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)arg;
	(void)f;
	struct jerr e = { 0 };
	if (phone_check(v, &e) == 0)
		return NULL;
	return snprintf(why, n, "%s", e.msg), why;
}

const char *field_money(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)arg;
	(void)f;
	(void)why;
	(void)n;
	if (*v == '-')
		return "金额不能为负数";
	return money_parse(v) < 0 ? "应为金额（元），如 12345.60" : NULL;
}

const char *field_date(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)arg;
	(void)f;
	jday d = date_parse(v);
	if (d == JDAY_NONE)
		return "日期无效；可写 2026-05-03、20260503 或 5-3";
	if (d > clock_today()) {
		char buf[11];
		/* after the field's label: "办理日期 2026-12-25 晚于今天" */
		snprintf(why, n, "%s 晚于今天", date_fmt(d, buf));
		return why;
	}
	return NULL;
}

const char *field_any_date(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)arg;
	(void)f;
	(void)why;
	(void)n;
	return date_parse(v) == JDAY_NONE ? "日期无效；可写 2026-05-03、20260503 或 5-3" : NULL;
}

const char *field_whole(void *arg, struct form *f, const char *v, char *why, size_t n)
{
	(void)arg;
	(void)f;
	(void)why;
	(void)n;
	return text_all_digits(v) && strlen(v) < 6 ? NULL : "应为整数，如 6";
}

int field_yes(const char *v)
{
	return v && !strcmp(v, "是");
}

void field_date_iso(const char *v, char *out)
{
	jday d = v && *v ? date_parse(v) : JDAY_NONE;
	date_fmt(d, out);
}
