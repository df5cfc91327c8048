#include "assist/visit_offer.h"

#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "register/hh_state.h"

#define SET_PROBLEM(col) "UPDATE households SET " col " = 0, version = version + 1 WHERE id = ?"
/* Each guarantee, the national risk type that says it is in trouble
 * (因安全住房, 因安全饮水; none for 义务教育 and 基本医疗: 因学 and 因病 do
 * not say a child is out of school or a member uninsured), its column and
 * the statement setting it to 有问题. */
static const struct { int bit; const char *area, *risk, *column, *sql; } areas[] = {
	{ VO_EDU, "义务教育", NULL, "g_edu", SET_PROBLEM("g_edu") },
	{ VO_MED, "基本医疗", NULL, "g_med", SET_PROBLEM("g_med") },
	{ VO_HOUSE, "住房安全", "因安全住房", "g_house", SET_PROBLEM("g_house") },
	{ VO_WATER, "饮水安全", "因安全饮水", "g_water", SET_PROBLEM("g_water") },
};
#define NAREAS (int)(sizeof areas / sizeof areas[0])

static int guaranteed(const struct household *h, int bit)
{
	return bit == VO_EDU ? h->g_edu : bit == VO_MED ? h->g_med :
	       bit == VO_HOUSE ? h->g_house : h->g_water;
}

static int has_risk(const struct household *h, const char *risk)
{
	for (int i = 0; i < h->nrisks; i++)
		if (!strcmp(h->risks[i], risk))
			return 1;
	return 0;
}

/* One more thing offered: "…；风险类型加上“因病”". */
static void say(struct visit_offer *o, const char *what, const char *value, const char *after)
{
	size_t len = strlen(o->text);
	snprintf(o->text + len, sizeof o->text - len, "%s%s%s%s", len ? "；" : "", what, value,
	         after);
}

/* The risk types found that the household lacks, as many as fit.
 * 因自然灾害 is not offered: it is recorded with its sub-items
 * (disaster.c), which a visit does not name -- the offer says where. */
static void offer_risks(struct session *s, const struct household *h, const char *found,
                        struct visit_offer *o)
{
	struct household f;
	char left[256] = "";
	int disaster = 0;
	household_risks_read(&f, found, NULL);
	for (int i = 0; i < f.nrisks; i++) {
		if (!config_is_risk(s->cfg, f.risks[i]) || has_risk(h, f.risks[i]))
			continue;
		if (!strcmp(f.risks[i], DISASTER_RISK)) {
			disaster = 1;
			continue;
		}
		if (h->nrisks + o->nrisks < HH_MAX_RISKS) {
			snprintf(o->risks[o->nrisks++], sizeof o->risks[0], "%s", f.risks[i]);
			continue;
		}
		size_t len = strlen(left);
		snprintf(left + len, sizeof left - len, "%s%s", len ? "、" : "", f.risks[i]);
	}
	char list[256] = "";
	for (int i = 0; i < o->nrisks; i++) {
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s", i ? "、" : "", o->risks[i]);
	}
	if (o->nrisks)
		say(o, "风险类型加上“", list, "”");
	if (*left)
		say(o, "风险类型已达上限，未加“", left, "”");
	if (disaster)
		say(o, "“", DISASTER_RISK, "”须在户信息中连同因自然灾害子项填写，未加");
}

int visit_offer_of(struct session *s, const struct visit *v, struct visit_offer *o)
{
	struct household h;
	memset(o, 0, sizeof *o);
	if (household_get(s, v->household_id, &h, NULL) != 0)
		return 0;
	for (int i = 0; i < NAREAS; i++)
		if ((strstr(v->guarantee_problems, areas[i].area) || (areas[i].risk && strstr(v->new_risks, areas[i].risk))) &&
		    guaranteed(&h, areas[i].bit)) {
			o->guarantees |= areas[i].bit;
			say(o, "", areas[i].area, "改为“有问题”");
		}
	if (h.status == STATUS_MONITORED || h.status == STATUS_ELIMINATING)
		offer_risks(s, &h, v->new_risks, o);
	return o->guarantees || o->nrisks;
}

static int add_risks(struct session *s, int64_t hh, const struct visit_offer *o)
{
	struct hh_state st;
	if (hh_state_get(s, hh, &st, NULL) != 0)
		return -1;
	for (int i = 0; i < o->nrisks; i++) {
		size_t len = strlen(st.risks);
		snprintf(st.risks + len, sizeof st.risks - len, "%s%s", len ? "、" : "", o->risks[i]);
	}
	return hh_state_set(s, hh, &st);
}

int visit_offer_apply(struct session *s, const struct visit *v)
{
	struct visit_offer o;
	int64_t hh = v->household_id;
	if (!visit_offer_of(s, v, &o))
		return 0;
	struct household was, now;
	struct jerr e = { "", "" };
	if (household_get(s, hh, &was, &e) != 0)
		return -1;
	for (int i = 0; i < NAREAS; i++) {
		if (!(o.guarantees & areas[i].bit))
			continue;
		if (store_exec(s->db, areas[i].sql, "l", hh) != 0)
			return -1;
		audit_diff_int(s, "households", hh, hh, areas[i].column, 1, 0);
	}
	if (o.nrisks && add_risks(s, hh, &o) != 0)
		return -1;
	/* what the visit changed goes upstream like an edit of the household */
	if (household_get(s, hh, &now, &e) != 0)
		return -1;
	return household_queue_upstream(s, &was, &now);
}
