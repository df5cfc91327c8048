/* What step 1 (入户核实) verified becomes the household's record (issue
 * 12): the income components, 理赔收入 and expenses of the year whose monitoring line
 * applies on the visit date, and the large rigid expenses found, so the
 * figure typed once at the door is the one the detail, the ledger, exports
 * and elimination read.  The audit names the step as the source. */
#include <stdio.h>
#include <string.h>

#include "flow/flow_impl.h"

static const struct { const char *key, *label; } money_keys[] = {
	{ "wage", "工资性收入" }, { "business", "生产经营性收入" }, { "property", "财产性收入" },
	{ "transfer", "转移性收入" }, { "business_cost", "生产经营性支出" },
	{ "out_of_pocket", "合规自付支出" }, { "claims", "理赔收入" }, { "rigid_medical", "大额医疗支出" },
	{ "rigid_education", "大额教育支出" },
};
#define NMONEY (int)(sizeof money_keys / sizeof money_keys[0])

int step_money_key(const char *key)
{
	for (int i = 0; i < NMONEY; i++)
		if (!strcmp(money_keys[i].key, key))
			return 1;
	return 0;
}

int step_money_check(const char *key, const char *value, struct jerr *e)
{
	for (int i = 0; i < NMONEY; i++)
		if (!strcmp(money_keys[i].key, key) && money_parse(value) < 0)
			return jerr_set(e, key, "%s“%s”不是有效的金额（元，不能为负数）", money_keys[i].label,
			                value);
	return 0;
}

static int64_t amount(const struct step_input *in, const char *key)
{
	const char *v = step_value(in, key);
	int64_t fen = v && *v ? money_parse(v) : 0;
	return fen > 0 ? fen : 0;
}

int step_income_year(const struct config *cfg, const struct step_input *in, jday done)
{
	const char *v = step_value(in, "visit_date");
	jday day = v && *v ? date_parse(v) : JDAY_NONE;
	struct cfg_line ln;
	if (day == JDAY_NONE)
		day = done;
	return config_line_at(cfg, day, &ln) ? ln.year : date_year(day);
}

static int given(const struct step_input *in)
{
	for (int i = 0; i < NMONEY; i++) {
		const char *v = step_value(in, money_keys[i].key);
		if (v && *v)
			return 1;
	}
	return 0;
}

int flow_step1_known_income(struct session *s, const struct flow_run *r, jday visit,
                            void (*fn)(void *arg, const char *key, const char *value), void *arg)
{
	struct step_input none = { .done_on = visit };
	struct income inc;
	if (r->step != 1 ||
	    income_get(s, r->household_id, step_income_year(s->cfg, &none, visit), &inc) != 1)
		return 0;
	const struct { const char *key; int64_t fen; } v[] = {
		{ "wage", inc.wage }, { "business", inc.business }, { "property", inc.property },
		{ "transfer", inc.transfer }, { "business_cost", inc.business_cost },
		{ "out_of_pocket", inc.out_of_pocket }, { "claims", inc.claims },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		char yuan[32];
		fn(arg, v[i].key, money_fmt(v[i].fen, yuan, sizeof yuan));
	}
	return 1;
}

int flow_step1_records(struct session *s, const struct flow_run *r, const struct step_input *in,
                       jday done, struct jerr *e)
{
	if (r->step != 1 || !given(in))
		return 0;
	char day[11], source[160];
	struct income inc = { .household_id = r->household_id,
	                      .year = step_income_year(s->cfg, in, done) };
	inc.wage = amount(in, "wage");
	inc.business = amount(in, "business");
	inc.property = amount(in, "property");
	inc.transfer = amount(in, "transfer");
	inc.business_cost = amount(in, "business_cost");
	inc.out_of_pocket = amount(in, "out_of_pocket");
	inc.claims = amount(in, "claims");
	snprintf(source, sizeof source, "%s第1步入户核实（流程%lld，%s）", flow_kind_text(r->kind),
	         (long long)r->id, date_fmt(done, day));
	if (income_record_verified(s, &inc, source) != 0)
		return jerr_set(e, "", "无法记录核实的收入: %s", store_errmsg(s->db));
	static const char *const kinds[][2] = { { "rigid_medical", "医疗" },
	                                        { "rigid_education", "教育" } };
	for (int i = 0; i < 2; i++) {
		int64_t fen = amount(in, kinds[i][0]);
		if (fen > 0 && rigid_add(s, r->household_id, kinds[i][1], fen, inc.year, 0, source, e) != 0)
			return -1;
	}
	return 0;
}
