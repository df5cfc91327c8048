/* The people and money of a demo household: members whose ages fit their
 * relations and whose ID numbers are valid and unique, risk types that fit
 * the members, and yearly incomes around the monitoring line. */
#include <stdio.h>
#include <string.h>

#include "demo/demo_impl.h"
#include "base/idcard.h"
#include "base/vocab.h"

/* ---- ID numbers ---- */

/* A birth day with a sequence number left for this sex: the day itself,
 * else the nearest day before or after (499 numbers a day and sex). */
static int free_day(struct demo *d, jday birth, int sex)
{
	int want = birth - d->id_first;
	for (int k = 0; k < 2 * d->id_days; k++) {
		int idx = want + (k % 2 ? -(k + 1) / 2 : k / 2);
		if (idx >= 0 && idx < d->id_days && d->idseq[idx * 2 + (sex == 1 ? 0 : 1)] < 499)
			return idx;
	}
	return want < 0 ? 0 : want >= d->id_days ? d->id_days - 1 : want;   /* all full: cannot be */
}

void demo_id_number(struct demo *d, jday birth, int sex, char *out)
{
	int idx = free_day(d, birth, sex);
	uint16_t *used = &d->idseq[idx * 2 + (sex == 1 ? 0 : 1)];
	/* the sequence starts somewhere different each day, so numbers do not
	 * all end in 001, 003 … */
	int slot = (int)(((uint32_t)idx * 2654435761u >> 7) + *used) % 499;
	(*used)++;
	int seq = slot * 2 + (sex == 1 ? 1 : 2);
	int y, m, dd;
	date_to_ymd(d->id_first + idx, &y, &m, &dd);
	char first[18];
	snprintf(first, sizeof first, "500243%04d%02d%02d%03d", y, m, dd, seq);
	snprintf(out, 19, "%s%c", first, idcard_check_digit(first));
}

/* ---- members ---- */

static jday birth_for(struct rng *r, jday ref, int age)
{
	return ref - age * 365 - age / 4 - rng_int(r, 1, 364);
}

static void set_education(struct rng *r, struct member *m, int age, int birth_year)
{
	static const char *const old[] = { "文盲或半文盲", "小学", "小学", "初中" };
	static const char *const mid[] = { "小学", "初中", "初中", "初中", "高中", "高中" };
	static const char *const young[] = { "初中", "初中", "高中", "高中", "大专" };
	static const char *const grades[] = { "七年级", "八年级", "九年级" };
	static const char *const high[][3] = {
		{ "普通高中一年级", "普通高中二年级", "普通高中三年级" },
		{ "中职一年级", "中职二年级", "中职三年级" },
	};
	if (age < 3)
		return;
	if (age <= 5)
		snprintf(m->schooling, sizeof m->schooling, "%s", age <= 3 ? "学龄前儿童" : "学前教育");
	else if (age <= 11)
		snprintf(m->schooling, sizeof m->schooling, "小学");
	else if (age <= 14)
		snprintf(m->schooling, sizeof m->schooling, "%s", grades[age - 12]);
	else if (age <= 17 && rng_pct(r, 85))
		snprintf(m->schooling, sizeof m->schooling, "%s", high[birth_year % 5 < 2][age - 15]);
	else if (age >= 18 && age <= 22 && rng_pct(r, 40))
		snprintf(m->schooling, sizeof m->schooling, "%s",
		         rng_pct(r, 60) ? "高职高专一年级" : "本科一年级");
	else if (birth_year < 1965)
		snprintf(m->education, sizeof m->education, "%s", old[rng_int(r, 0, 3)]);
	else if (birth_year < 1990)
		snprintf(m->education, sizeof m->education, "%s", mid[rng_int(r, 0, 5)]);
	else
		snprintf(m->education, sizeof m->education, "%s", young[rng_int(r, 0, 4)]);
}

static void set_work(struct rng *r, struct member *m, int age)
{
	const char *labour = "无劳动力";
	if (*m->schooling || age < 16)
		labour = "无劳动力";
	else if (age < 60)
		labour = rng_pct(r, 20) ? "技能劳动力" : "普通劳动力";
	else if (age < 70)
		labour = "弱劳动力或半劳动力";
	else if (age < 76 && rng_pct(r, 30))
		labour = "弱劳动力或半劳动力";
	snprintf(m->labour, sizeof m->labour, "%s", labour);
	if (age > 55 && rng_pct(r, 30))
		snprintf(m->health, sizeof m->health, "长期慢性病");
	if (labour_can_work(labour) && age <= 55 && rng_pct(r, 45)) {
		m->migrant_months = rng_int(r, 3, 12);
		snprintf(m->migrant_place, sizeof m->migrant_place, "%s", demo_migrant_place(r));
	} else if (labour_can_work(labour) && age >= 40 && rng_pct(r, 10)) {
		static const char *const jobs[] = { "生态护林员", "农村保洁员", "护路员", "水管员" };
		snprintf(m->public_job, sizeof m->public_job, "%s", jobs[rng_int(r, 0, 3)]);
		m->public_job_months = 12;
	}
	m->ins_medical = m->ins_serious = rng_pct(r, 97);
	m->ins_pension = age >= 16 && !*m->schooling && rng_pct(r, 85);
	if (age >= 18 && age <= 65 && rng_pct(r, 75))
		demo_phone(r, m->phone);
}

struct plan_member { const char *relation; int sex, age; };

/* head age, spouse, parents, children, children's spouses, grandchildren */
static int plan(struct rng *r, int head_sex, int head_age, int size, struct plan_member *p)
{
	int n = 0;
	p[n++] = (struct plan_member){ "户主", head_sex, head_age };
	if (n < size && rng_pct(r, head_age > 70 ? 60 : 88)) {
		int gap = rng_int(r, 0, 5);
		int age = head_sex == 1 ? head_age - gap : head_age + gap;
		p[n++] = (struct plan_member){ "配偶", 3 - head_sex, age < 20 ? 20 : age };
	}
	if (head_age <= 50 && n + 1 < size && rng_pct(r, 40)) {
		int age = head_age + rng_int(r, 22, 34), father = rng_pct(r, 50);
		if (age <= 92) {
			p[n++] = (struct plan_member){ father ? "之父" : "之母", father ? 1 : 2, age };
			if (age <= 90 && n < size && rng_pct(r, 40))
				p[n++] = (struct plan_member){ father ? "之母" : "之父", father ? 2 : 1,
				                               age - rng_int(r, 0, 3) };
		}
	}
	int grown = -1;
	while (n < size) {
		int lo = head_age - 40 < 0 ? 0 : head_age - 40, hi = head_age - 20;
		if (hi < 0 || (grown >= 0 && rng_pct(r, 50)))
			break;
		int sex = rng_pct(r, 52) ? 1 : 2, age = rng_int(r, lo, hi);
		p[n++] = (struct plan_member){ sex == 1 ? "之子" : "之女", sex, age };
		if (age >= 23 && grown < 0 && head_age >= 50)
			grown = n - 1;
	}
	if (grown >= 0 && n < size) {
		int sex = 3 - p[grown].sex, age = p[grown].age + rng_int(r, -3, 3);
		p[n++] = (struct plan_member){ sex == 2 ? "之儿媳" : "之女婿", sex, age < 20 ? 20 : age };
	}
	while (grown >= 0 && n < size && p[grown].age >= 21) {
		int sex = rng_pct(r, 52) ? 1 : 2;
		int hi = p[grown].age - 20, lo = p[grown].age - 35 < 0 ? 0 : p[grown].age - 35;
		p[n++] = (struct plan_member){ sex == 1 ? "之孙子" : "之孙女", sex, rng_int(r, lo, hi) };
	}
	while (n < size) {   /* the rest: brothers and sisters, or more children */
		int sex = rng_pct(r, 50) ? 1 : 2;
		if (rng_pct(r, 70))
			p[n++] = (struct plan_member){ sex == 1 ? "之子" : "之女", sex,
			                               rng_int(r, head_age - 40 < 0 ? 0 : head_age - 40,
			                                       head_age - 20) };
		else
			p[n++] = (struct plan_member){ "之兄弟姐妹", sex, head_age + rng_int(r, -8, 8) };
	}
	return n;
}

static void make_member(struct demo *d, struct demo_hh *x, struct member *m,
                        const struct plan_member *p, const char *surname, const char *ethnic)
{
	struct rng *r = &x->r;
	jday birth = birth_for(r, x->lead_on, p->age);
	int y, mo, dd;
	date_to_ymd(birth, &y, &mo, &dd);
	member_init(m);
	snprintf(m->relation, sizeof m->relation, "%s", p->relation);
	/* children and grandchildren take the head's surname; spouses and the
	 * head's parents' generation their own */
	const char *sn = surname;
	if (!strcmp(p->relation, "配偶") || !strcmp(p->relation, "之儿媳") ||
	    !strcmp(p->relation, "之女婿") || !strcmp(p->relation, "之母") || rng_pct(r, 5))
		sn = demo_surname(r);
	demo_person_name(r, sn, p->sex, y, m->name, sizeof m->name);
	demo_id_number(d, birth, p->sex, m->id_no);
	snprintf(m->ethnicity, sizeof m->ethnicity, "%s", rng_pct(r, 85) ? ethnic : demo_ethnicity(r));
	set_education(r, m, p->age, y);
	set_work(r, m, p->age);
}

/* Makes the members the household's risks call for: a sick or disabled
 * member, a student; drops 因务工就业不稳 when nobody can work. */
static void fit_risks(struct demo_hh *x)
{
	struct rng *r = &x->r;
	int adult = 0;
	for (int i = 0; i < x->n; i++)
		if (x->ms[i].labour[0] && !x->ms[i].schooling[0] && strcmp(x->ms[i].relation, "之孙子") &&
		    strcmp(x->ms[i].relation, "之孙女"))
			adult = i;
	for (int k = 0; k < x->nrisks; k++) {
		struct member *m = &x->ms[rng_int(r, 0, adult)];
		if (!strcmp(x->risks[k], "因病") && !strcmp(m->health, "残疾")) {
			continue;   /* already disabled: ill enough */
		} else if (!strcmp(x->risks[k], "因病")) {
			snprintf(m->health, sizeof m->health, "%s", rng_pct(r, 50) ? "患有大病" : "长期慢性病");
			if (!strcmp(m->health, "患有大病"))
				snprintf(m->labour, sizeof m->labour, "丧失劳动力"), m->migrant_months = 0,
					m->migrant_place[0] = 0, m->public_job[0] = 0, m->public_job_months = 0;
		} else if (!strcmp(x->risks[k], "因残")) {
			static const char *const kinds[] = { "肢体残疾", "视力残疾", "听力残疾", "智力残疾",
			                                     "精神残疾", "言语残疾", "多重残疾" };
			snprintf(m->health, sizeof m->health, "残疾");
			snprintf(m->disability, sizeof m->disability, "%s", kinds[rng_int(r, 0, 6)]);
			snprintf(m->labour, sizeof m->labour, "%s", rng_pct(r, 60) ? "丧失劳动力" : "弱劳动力或半劳动力");
			m->migrant_months = 0, m->migrant_place[0] = 0;
			m->public_job[0] = 0, m->public_job_months = 0;
		}
	}
	x->labour = 0;
	for (int i = 0; i < x->n; i++)
		x->labour |= labour_can_work(x->ms[i].labour);
	int student = 0;
	for (int i = 0; i < x->n; i++)
		student |= !strncmp(x->ms[i].schooling, "普通高中", 12) ||
		           !strncmp(x->ms[i].schooling, "中职", 6) ||
		           !strncmp(x->ms[i].schooling, "高职高专", 12) ||
		           !strncmp(x->ms[i].schooling, "本科", 6);
	for (int k = 0; k < x->nrisks; k++) {
		if (!strcmp(x->risks[k], "因务工就业不稳") && !x->labour)
			snprintf(x->risks[k], sizeof x->risks[k], "缺劳动力");
		if (!strcmp(x->risks[k], "因学") && !student)
			snprintf(x->risks[k], sizeof x->risks[k], "因病");
	}
	for (int k = 1; k < x->nrisks; k++)   /* a repeat after the swaps: drop it */
		for (int j = 0; j < k; j++)
			if (!strcmp(x->risks[k], x->risks[j])) {
				memmove(x->risks[k], x->risks[x->nrisks - 1], sizeof x->risks[k]);
				x->nrisks--, k--;
				break;
			}
}

/* 张三丰 … 单雄信: the same people whatever the seed */
const struct demo_fixed DEMO_FIXED[] = {
	{ P_MONITORED, 0, 1, "脱贫不稳定户", "汉族", { "因病", NULL, NULL }, 3, {
		{ "张三丰", "户主", 1, 62, NULL }, { "李秀英", "配偶", 2, 60, NULL },
		{ "张建华", "之子", 1, 35, NULL } } },
	{ P_IDENTIFYING, 3, 0, "边缘易致贫户", "土家族", { "因学", "因务工就业不稳", NULL }, 4, {
		{ "李四", "户主", 1, 45, NULL }, { "王桂芳", "配偶", 2, 43, NULL },
		{ "李婷婷", "之女", 2, 18, "高职高专一年级" }, { "李德明", "之父", 1, 72, NULL } } },
	{ P_ELIMINATED, 0, 1, "脱贫不稳定户", "苗族", { "因务工就业不稳", NULL, NULL }, 5, {
		{ "王五", "户主", 1, 53, NULL }, { "冉小芳", "配偶", 2, 50, NULL },
		{ "王浩", "之子", 1, 27, NULL }, { "田欣怡", "之儿媳", 2, 26, NULL },
		{ "王梓涵", "之孙女", 2, 3, NULL } } },
	{ P_ELIMINATING, 4, 0, "突发严重困难户", "汉族", { "因意外事故", NULL, NULL }, 3, {
		{ "欧阳娜娜", "户主", 2, 38, NULL }, { "欧阳浩然", "之子", 1, 12, NULL },
		{ "欧阳雨桐", "之女", 2, 9, NULL } } },
	{ P_LEAD_OPEN, 0, 0, "边缘易致贫户", "维吾尔族", { "因病", NULL, NULL }, 2, {
		{ "阿依古丽·买买提", "户主", 2, 34, NULL }, { "艾力·吐尔逊", "配偶", 1, 36, NULL } } },
	{ P_REJECTED, 0, 0, "边缘易致贫户", "汉族", { "因产业项目失败", NULL, NULL }, 4, {
		{ "单雄信", "户主", 1, 58, NULL }, { "秦秀兰", "配偶", 2, 55, NULL },
		{ "单志强", "之子", 1, 30, NULL }, { "单小红", "之女", 2, 27, NULL } } },
};
const int DEMO_NFIXED = (int)(sizeof DEMO_FIXED / sizeof DEMO_FIXED[0]);

static int head_age(struct rng *r)
{
	static const int w[] = { 10, 25, 35, 30 };
	switch (rng_pick(r, w, 4)) {
	case 0: return rng_int(r, 25, 34);
	case 1: return rng_int(r, 35, 49);
	case 2: return rng_int(r, 50, 64);
	default: return rng_int(r, 65, 80);
	}
}

static int household_size(struct rng *r, int age)
{
	static const int w[] = { 10, 20, 22, 22, 15, 8, 3 };
	static const int old[] = { 30, 40, 12, 8, 5, 3, 2 };
	return 1 + rng_pick(r, age >= 70 ? old : w, 7);
}

static void fixed_members(struct demo *d, struct demo_hh *x, const struct demo_fixed *f)
{
	x->n = f->n;
	for (int i = 0; i < f->n; i++) {
		const struct demo_fixed_member *fm = &f->m[i];
		struct plan_member p = { fm->relation, fm->sex, fm->age };
		struct member *m = &x->ms[i];
		make_member(d, x, m, &p, "", f->ethnicity);
		snprintf(m->name, sizeof m->name, "%s", fm->name);
		snprintf(m->ethnicity, sizeof m->ethnicity, "%s", f->ethnicity);
		if (fm->schooling) {
			m->education[0] = 0;
			snprintf(m->schooling, sizeof m->schooling, "%s", fm->schooling);
			snprintf(m->labour, sizeof m->labour, "无劳动力");
			m->migrant_months = 0, m->migrant_place[0] = 0;
			m->public_job[0] = 0, m->public_job_months = 0;
		}
	}
	x->nrisks = 0;
	for (int k = 0; k < 3 && f->risks[k]; k++)
		snprintf(x->risks[x->nrisks++], sizeof x->risks[0], "%s", f->risks[k]);
	for (int k = 0; k < x->nrisks; k++)
		if (!strcmp(x->risks[k], "因病"))
			snprintf(x->ms[x->n > 1 ? 1 : 0].health, sizeof x->ms[0].health, "长期慢性病");
	/* 因务工就业不稳 needs someone able to work: the head is */
	snprintf(x->ms[0].labour, sizeof x->ms[0].labour, "普通劳动力");
	snprintf(x->ms[0].health, sizeof x->ms[0].health, "健康");
	x->ms[0].disability[0] = 0;
	x->labour = 1;
}

int demo_make_members(struct demo *d, struct demo_hh *x, const struct demo_fixed *f)
{
	struct plan_member p[HH_MAX_MEMBERS];
	struct rng *r = &x->r;
	if (f) {
		fixed_members(d, x, f);
		return x->n;
	}
	int age = head_age(r), sex = rng_pct(r, 82) ? 1 : 2;
	x->n = plan(r, sex, age, household_size(r, age), p);
	const char *surname = demo_surname(r);
	const char *ethnic = demo_ethnicity(r);
	for (int i = 0; i < x->n; i++)
		make_member(d, x, &x->ms[i], &p[i], surname, ethnic);
	fit_risks(x);
	return x->n;
}

/* ---- risks ---- */

void demo_pick_risks(struct demo_hh *x)
{
	static const char *const risks[] = {
		"因病", "因残", "因学", "因务工就业不稳", "缺劳动力", "因自然灾害", "因意外事故",
		"因产业项目失败", "因安全住房", "因安全饮水", "因学", "因病", "其他",
	};
	/* the same draws as before the national labels, so a seed's people stay */
	static const int weights[] = { 30, 12, 10, 12, 8, 6, 5, 4, 4, 3, 1, 1, 2 };
	struct rng *r = &x->r;
	int want = rng_pct(r, 60) ? 1 : rng_pct(r, 70) ? 2 : 3;
	x->nrisks = 0;
	for (int tries = 0; x->nrisks < want && tries < 10; tries++) {
		const char *k = risks[rng_pick(r, weights, 13)];
		int dup = 0;
		for (int i = 0; i < x->nrisks; i++)
			dup |= !strcmp(x->risks[i], k);
		if (!dup)
			snprintf(x->risks[x->nrisks++], sizeof x->risks[0], "%s", k);
	}
}

/* ---- money ---- */

int demo_save_income(struct demo *d, struct demo_hh *x, int year, double ratio, struct jerr *e)
{
	struct session *s = demo_officer_for(d, x, ROLE_VILLAGE, 0);
	struct rng *r = &x->r;
	struct income in;
	int bit = year - 2000;
	memset(&in, 0, sizeof in);
	in.household_id = x->id;
	in.year = year;
	if (bit < 0 || bit > 63 || (x->income_years >> bit & 1))
		income_get(s, x->id, year, &in);      /* saved before: its version */
	int line = config_line(d->cfg, year);
	if (line <= 0)
		line = 6000;
	double noise = 0.92 + rng_int(r, 0, 160) / 1000.0;
	int64_t net = (int64_t)(line * ratio * noise * 100.0) * x->n;   /* 分 */
	int migrants = 0, jobs = 0;
	for (int i = 0; i < x->n; i++) {
		migrants += x->ms[i].migrant_months > 0;
		jobs += x->ms[i].public_job_months > 0;
	}
	int wage_pct = migrants ? rng_int(r, 45, 75) : jobs ? rng_int(r, 20, 40) : rng_int(r, 0, 15);
	int property_pct = rng_int(r, 0, 3);
	int transfer_pct = x->labour ? rng_int(r, 8, 25) : rng_int(r, 45, 80);
	if (wage_pct + property_pct + transfer_pct > 95)
		transfer_pct = 95 - wage_pct - property_pct;
	int business_pct = 100 - wage_pct - property_pct - transfer_pct;
	in.wage = net * wage_pct / 100;
	in.property = net * property_pct / 100;
	in.transfer = net * transfer_pct / 100;
	/* 生产经营: gross minus costs makes the rest exactly */
	int64_t business_net = net - in.wage - in.property - in.transfer;
	in.business_cost = business_net * rng_int(r, 20, 45) / 100;
	in.business = business_net + in.business_cost;
	in.out_of_pocket = 0;
	for (int k = 0; k < x->nrisks; k++)
		if (!strcmp(x->risks[k], "因病"))
			in.out_of_pocket = (int64_t)rng_int(r, 2000, 30000) * 100;
	/* 理赔收入: 防贫保险 or an accident insurer paid some households back
	 * (from what they spent or lost; no draw, so a seed's life stays) */
	in.claims = 0;
	for (int k = 0; k < x->nrisks; k++)
		if (!strcmp(x->risks[k], "因病") || !strcmp(x->risks[k], "因意外事故"))
			in.claims = (in.out_of_pocket ? in.out_of_pocket : net / 10) * (x->index % 4) * 15 / 100;
	(void)business_pct;
	x->income_pc = (int)(income_net(&in) / x->n / 100);
	if (bit >= 0 && bit <= 63)
		x->income_years |= 1ull << bit;
	return income_save(s, &in, e);
}
