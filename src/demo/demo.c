/* `jiance demo`: builds the county (townships, villages, groups, officers,
 * contact persons), spreads the households over the villages, registers
 * each and lets it live its history (demo_life.c), all in one transaction.
 * The county itself does not change with the seed; the households do. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/area.h"
#include "access/audit.h"
#include "assist/assist.h"
#include "demo/demo_impl.h"
#include "access/officer.h"

#define COUNTY_CODE "500243000000"
#define COUNTY_NAME "彭水苗族土家族自治县"
#define FIXED_SEED 0x500243ull

static int add_officer(struct demo *d, struct session *by, const char *login, const char *name,
                       const char *role, int64_t area, struct jerr *e)
{
	if (officer_add(by, login, name, role, area, NULL, e) != 0)
		return -1;
	if (d->noff == d->capoff) {
		d->capoff = d->capoff ? d->capoff * 2 : 512;
		d->off = realloc(d->off, (size_t)d->capoff * sizeof *d->off);
	}
	if (session_login(&d->off[d->noff], d->db, d->cfg, login, e) != 0)
		return -1;
	d->st->officers++;
	return d->noff++;
}

static void person(struct rng *r, int year_lo, int year_hi, char *out, size_t n)
{
	int sex = rng_pct(r, 70) ? 1 : 2;
	demo_person_name(r, demo_surname(r), sex, rng_int(r, year_lo, year_hi), out, n);
}

/* 街道 4–7 (the first ones 社区), 镇 7–12, 乡 5–8 villages; 4–10 groups each */
static int build_villages(struct demo *d, struct session *admin, struct demo_town *t, int kind,
                          struct rng *r, struct jerr *e)
{
	int nv = kind == 0 ? rng_int(r, 4, 7) : kind == 1 ? rng_int(r, 7, 12) : rng_int(r, 5, 8);
	int nb = demo_nvillage_bases(), used[16], communities = kind == 0 ? nv - 2 : 0;
	int ncun = 0, nshequ = 0;
	t->first_village = d->nvillages;
	t->nvillages = nv;
	d->villages = realloc(d->villages, (size_t)(d->nvillages + nv) * sizeof *d->villages);
	for (int i = 0; i < nv; i++) {
		struct demo_village *v = &d->villages[d->nvillages];
		int b, dup;
		do {   /* 龙阳 only for 保家镇, first */
			b = !strcmp(t->name, "保家镇") && i == 0 ? 0 : rng_int(r, 1, nb - 1);
			dup = 0;
			for (int j = 0; j < i; j++)
				dup |= used[j] == b;
		} while (dup);
		used[i] = b;
		memset(v, 0, sizeof *v);
		v->town = (int)(t - d->towns);
		int shequ = i < communities;
		snprintf(v->name, sizeof v->name, "%s%s", demo_village_base(b), shequ ? "社区" : "村");
		unsigned num = shequ ? (unsigned)++nshequ : 200u + (unsigned)++ncun;
		snprintf(v->code, sizeof v->code, "%.9s%03u", t->code, num % 1000u);
		if (area_add(admin, t->id, v->code, v->name, &v->id, e) != 0)
			return -1;
		v->ngroups = rng_int(r, 4, 10);
		for (int g = 0; g < v->ngroups; g++) {
			char code[16];
			snprintf(code, sizeof code, "%.12s%03u", v->code, (unsigned)(g + 1) % 1000u);
			if (area_add(admin, v->id, code, demo_group_name(g + 1), &v->groups[g], e) != 0)
				return -1;
		}
		d->st->groups += v->ngroups;
		v->households = rng_int(r, 20, 100) * (shequ ? 2 : 1);   /* a weight for now */
		char login[16], name[64];
		snprintf(login, sizeof login, "v%.6s", v->code + 6);
		person(r, 1965, 1995, name, sizeof name);
		if ((v->officer = add_officer(d, admin, login, name, "village", v->id, e)) < 0)
			return -1;
		v->officer2 = -1;
		snprintf(login, sizeof login, "v%.6sb", v->code + 6);
		person(r, 1965, 1995, name, sizeof name);
		if (d->two[0] && (v->officer2 = add_officer(d, admin, login, name, "village", v->id, e)) < 0)
			return -1;
		d->nvillages++;
	}
	return 0;
}

/* Four eyes: where the configuration has one role complete two steps in a
 * row, that role needs two officers in every area. */
static void officers_needed(struct demo *d)
{
	for (int k = 1; k < 5; k++) {
		enum role a = d->cfg->step_roles[k - 1], b = d->cfg->step_roles[k];
		if (a == b && a == ROLE_VILLAGE)
			d->two[0] = 1;
		if (a == b && a == ROLE_TOWNSHIP)
			d->two[1] = 1;
	}
}

static int build_county(struct demo *d, struct jerr *e)
{
	struct session sys = { .db = d->db, .cfg = d->cfg };   /* bootstrap: no officer yet */
	struct rng r = rng_make(FIXED_SEED, 0);
	int64_t county;
	officers_needed(d);
	char name[64];
	if (area_add(&sys, 0, COUNTY_CODE, COUNTY_NAME, &county, e) != 0 ||
	    add_officer(d, &sys, "demo_admin", "系统管理员", "admin", county, e) < 0)
		return -1;
	d->admin = 0;
	person(&r, 1970, 1990, name, sizeof name);
	if ((d->county[0] = add_officer(d, &d->off[0], "demo_county", name, "county", county, e)) < 0)
		return -1;
	person(&r, 1970, 1990, name, sizeof name);
	if ((d->county[1] = add_officer(d, &d->off[0], "demo_county2", name, "county", county, e)) < 0)
		return -1;
	for (int i = 0; i < DEMO_NTOWNSHIPS; i++) {
		const struct demo_township *dt = &DEMO_TOWNSHIPS[i];
		struct demo_town *t = &d->towns[d->ntowns++];
		struct session admin = d->off[d->admin];
		snprintf(t->name, sizeof t->name, "%s", dt->name);
		snprintf(t->code, sizeof t->code, "500243%03d000", dt->code);
		if (area_add(&admin, county, t->code, t->name, &t->id, e) != 0)
			return -1;
		t->nofficers = rng_pct(&r, 50) || d->two[1] ? 2 : 1;
		for (int k = 0; k < t->nofficers; k++) {
			char login[16];
			snprintf(login, sizeof login, "t%03d%s", dt->code, k ? "b" : "");
			person(&r, 1965, 1995, name, sizeof name);
			if ((t->officers[k] = add_officer(d, &admin, login, name, "township", t->id, e)) < 0)
				return -1;
		}
		if (build_villages(d, &admin, t, dt->kind, &r, e) != 0)
			return -1;
	}
	d->st->townships = d->ntowns;
	d->st->villages = d->nvillages;
	return 0;
}

/* n households over the villages by weight, and the fixed ones in 龙阳村. */
static void spread(struct demo *d, int n)
{
	int64_t total = 0, given = 0;
	for (int i = 0; i < d->nvillages; i++)
		total += d->villages[i].households;
	for (int i = 0; i < d->nvillages; i++) {
		int64_t w = d->villages[i].households;
		d->villages[i].households = (int)(n * w / total);
		given += d->villages[i].households;
	}
	for (int i = 0; given < n; i = (i + 7) % d->nvillages, given++)
		d->villages[i].households++;
	d->villages[d->towns[3].first_village].households += DEMO_NFIXED;   /* 保家镇龙阳村 */
}

static int add_contact(struct demo *d, struct session *s, int64_t area, const char *kind,
                       const char *unit, int64_t officer, const char *name, struct rng *r,
                       int64_t *out, struct jerr *e)
{
	struct contact c;
	memset(&c, 0, sizeof c);
	char nm[64];
	if (!name)
		person(r, 1965, 1998, nm, sizeof nm);
	snprintf(c.name, sizeof c.name, "%s", name ? name : nm);
	snprintf(c.unit, sizeof c.unit, "%s", unit);
	snprintf(c.kind, sizeof c.kind, "%s", kind);
	demo_phone(r, c.phone);
	c.area_id = area;
	c.officer_id = officer;
	c.active = 1;
	if (contact_save(s, &c, e) != 0)
		return -1;
	*out = c.id;
	d->st->contacts++;
	return 0;
}

/* 乡镇干部 per township; per village a 驻村干部 and a 村干部 (the village
 * officer), and more as the village has more households. */
static int build_contacts(struct demo *d, struct jerr *e)
{
	static const char *const units[] = {
		"县农业农村委驻村工作队", "县人力社保局驻村工作队", "县人民医院驻村工作队",
		"县交通局驻村工作队", "县教委驻村工作队", "县供销社驻村工作队", "县税务局驻村工作队",
	};
	struct rng r = rng_make(d->opts->seed, 0xC0C0);
	for (int i = 0; i < d->ntowns; i++) {
		struct demo_town *t = &d->towns[i];
		struct session *ts = &d->off[t->officers[0]];
		char unit[96];
		snprintf(unit, sizeof unit, "%s人民政府", t->name);
		for (int k = 0; k < t->nofficers; k++) {
			struct session *o = &d->off[t->officers[k]];
			if (add_contact(d, ts, t->id, "乡镇干部", unit, o->me.id, o->me.name, &r,
			                &t->contacts[t->ncontacts++], e) != 0)
				return -1;
		}
		for (int j = t->first_village; j < t->first_village + t->nvillages; j++) {
			struct demo_village *v = &d->villages[j];
			struct session *vs = &d->off[v->officer];
			char cun[96];
			snprintf(cun, sizeof cun, "%s%s", v->name,
			         strstr(v->name, "社区") ? "居民委员会" : "村民委员会");
			int want = 2 + v->households / 40;
			if (want > 24)
				want = 24;
			for (int k = 0; k < want; k++) {
				const char *kind = k % 3 == 1 ? "村干部" : k % 3 == 0 ? "驻村干部" : "乡镇干部";
				const char *u = k % 3 == 1 ? cun : k % 3 == 0 ? units[rng_int(&r, 0, 6)] : unit;
				int mine = k == 1;   /* the village officer is also a contact person */
				if (add_contact(d, vs, v->id, kind, u, mine ? vs->me.id : 0,
				                mine ? vs->me.name : NULL, &r, &v->contacts[v->ncontacts++],
				                e) != 0)
					return -1;
			}
		}
	}
	return 0;
}

/* ---- a household in the register ---- */

static void set_guarantees(struct demo_hh *x)
{
	struct household *h = &x->h;
	for (int k = 0; k < x->nrisks; k++) {
		const char *k1 = x->risks[k];
		if (!strcmp(k1, "因安全住房"))
			h->g_house = 0;
		else if (!strcmp(k1, "因安全饮水"))
			h->g_water = 0;
		else if (!strcmp(k1, "因病") && x->index % 10 == 3)
			h->g_med = 0, x->ms[0].ins_medical = x->ms[0].ins_serious = 0;
	}
}

static void fill_household(struct demo *d, struct demo_hh *x)
{
	struct demo_village *v = &d->villages[x->village];
	struct rng *r = &x->r;
	struct household *h = &x->h;
	household_init(h);
	snprintf(h->hh_no, sizeof h->hh_no, "%s%04d", v->code, ++v->seq);
	h->village_id = v->id;
	int g = rng_int(r, 0, v->ngroups - 1);
	h->group_id = v->groups[g];
	demo_natural_village(r, h->natural_village, sizeof h->natural_village);
	snprintf(h->address, sizeof h->address, "%s%s%s%s", d->towns[v->town].name, v->name,
	         demo_group_name(g + 1), h->natural_village);
	if (*x->ms[0].phone)
		snprintf(h->phone, sizeof h->phone, "%s", x->ms[0].phone);
	else if (rng_pct(r, 70))
		demo_phone(r, h->phone);
	h->is_tuopin = x->tuopin;
	if (x->tuopin && rng_pct(r, 8)) {
		h->relocated = 1;
		snprintf(h->settlement, sizeof h->settlement, "%s", rng_pct(r, 50) ?
		         "靛水街道易地扶贫搬迁集中安置点" : "集镇易地扶贫搬迁安置点");
	}
	h->whole_no_labour = !x->labour && x->index % 13 != 5;   /* the rest: JC-03 */
	set_guarantees(x);
	if (x->tuopin && rng_pct(r, 20))
		x->ms[0].dibao = 1;
	if (x->n == 1 && !x->labour && rng_pct(r, 40))
		x->ms[0].tekun = 1;
}

static double history_ratio(struct demo_hh *x)
{
	struct rng *r = &x->r;
	if (x->path == P_ROSTER)
		return 1.1 + rng_int(r, 0, 200) / 100.0;
	if (x->path == P_LEAD_DISMISSED || x->path == P_REJECTED)
		return 1.3 + rng_int(r, 0, 90) / 100.0;
	if (!strcmp(x->type, "突发严重困难户"))
		return 1.0 + rng_int(r, 0, 50) / 100.0;
	return 0.7 + rng_int(r, 0, 35) / 100.0;
}

static int rigid(struct demo *d, struct demo_hh *x, struct session *s, struct jerr *e)
{
	struct rng *r = &x->r;
	for (int k = 0; k < x->nrisks; k++) {
		int ill = !strcmp(x->risks[k], "因病"), school = !strcmp(x->risks[k], "因学");
		if (!(ill && rng_pct(r, 60)) && !(school && rng_pct(r, 40)))
			continue;
		int64_t amount = (int64_t)rng_int(r, ill ? 20000 : 15000, ill ? 150000 : 40000) * 100;
		if (rigid_add(s, x->id, ill ? "医疗" : "教育", amount, date_year(x->lead_on), 0,
		              ill ? "住院治疗自付费用" : "子女上大学学费和生活费", e) != 0)
			return -1;
		x->rigid_id = store_int(d->db, 0, "SELECT max(id) FROM rigid_expenses WHERE household_id = ?",
		                        "l", x->id);
		return 0;
	}
	return 0;
}

static int register_household(struct demo *d, struct demo_hh *x, struct session *s,
                              struct jerr *e)
{
	fill_household(d, x);
	if (household_create_with(s, &x->h, x->ms, x->n, e) != 0)
		return -1;
	x->id = x->h.id;
	d->st->households++;
	d->st->members += x->n;
	/* the roster carries last year's income (some the year before too);
	 * households followed have two or three years */
	int y = date_year(x->lead_on), years = x->path == P_ROSTER ? 1 + rng_pct(&x->r, 30)
	                                       : 2 + rng_pct(&x->r, 30);
	int from = y - years;
	for (int year = from; year < y; year++)
		if (demo_save_income(d, x, year, history_ratio(x), e) != 0)
			return -1;
	return rigid(d, x, s, e);
}

/* The roster stands for the register a county loads from the national
 * system's export when it starts with jiance (jiance import --kind
 * national): what it brings is in the national system already, so, as
 * that import does (session.from_national), none of it is queued to be
 * keyed there.  The queue holds the work done in jiance: leads, steps,
 * measures, visits, incomes and contacts of the households followed. */
int demo_register(struct demo *d, struct demo_hh *x, struct jerr *e)
{
	struct session *s = demo_officer_for(d, x, ROLE_VILLAGE, 0);
	s->from_national = x->path == P_ROSTER;
	int rc = register_household(d, x, s, e);
	s->from_national = 0;
	return rc;
}

/* ---- the whole county ---- */

/* How many of n households have a monitoring history (the rest are on the
 * register from an imported roster): most of a small demo, and in a big
 * one about what a county has, a few thousand plus one in twenty-five. */
static int64_t followed_count(int64_t n)
{
	return n <= 2500 ? n * 85 / 100 : 2125 + (n - 2500) * 4 / 100;
}

static int households(struct demo *d, struct jerr *e)
{
	int64_t n = d->opts->households, followed = followed_count(n) - DEMO_NFIXED;
	int64_t left = n - DEMO_NFIXED;
	int index = 0, longyang = d->towns[3].first_village;   /* 保家镇龙阳村 */
	struct demo_hh x;
	for (int i = 0; i < DEMO_NFIXED; i++) {
		memset(&x, 0, offsetof(struct demo_hh, ms));
		snprintf(d->where, sizeof d->where, "%s %s", d->villages[longyang].name,
		         DEMO_FIXED[i].m[0].name);
		x.village = longyang;
		x.index = index++;
		x.r = rng_make(FIXED_SEED, (uint64_t)i + 1);
		if (demo_household(d, &x, &DEMO_FIXED[i], e) != 0)
			return -1;
	}
	for (int v = 0; v < d->nvillages; v++) {
		int nv = d->villages[v].households - (v == longyang ? DEMO_NFIXED : 0);
		for (int k = 0; k < nv; k++) {
			memset(&x, 0, offsetof(struct demo_hh, ms));
			x.village = v;
			x.index = index++;
			x.r = rng_make(d->opts->seed, (uint64_t)x.index);
			/* followed or not: exactly `followed` of the rest, spread evenly */
			x.roster = (int64_t)(rng_next(&x.r) % (uint64_t)left) >= followed;
			followed -= !x.roster;
			left--;
			snprintf(d->where, sizeof d->where, "%s 第%d户", d->villages[v].name, k + 1);
			if (demo_household(d, &x, NULL, e) != 0)
				return -1;
			if (d->opts->progress && index % 10000 == 0)
				fprintf(stderr, "\r已生成 %d / %d 户", index, d->opts->households);
		}
	}
	if (d->opts->progress && index >= 10000)
		fputc('\n', stderr);
	return 0;
}

/* Indexes that serve lists and searches, not the look-ups the engine makes
 * while the demo is generated: dropped for the bulk load and built again at
 * the end, sorted, which is much faster than growing them row by row.  A
 * name the schema does not have is skipped.  Not audit_household: the demo
 * writes a household's whole history before the next one's, so its keys
 * (household, id) come in order and growing it costs less than a sort of
 * three million rows. */
static const char *const bulk_indexes[] = {
	"hh_village_sort", "hh_township_sort", "hh_sort", "hh_initials", "hh_status",
	"hh_township_name", "hh_village_name",
	"hh_last_visit", "hh_contact", "hh_risk", "members_tail", "members_pinyin",
	"members_initials", "members_dup", "measures_category", "runs_step",
	"leads_village", "assign_contact",
};
#define NBULK ((int)(sizeof bulk_indexes / sizeof bulk_indexes[0]))

static int run_sql(struct store *db, const char *sql)
{
	struct stmt *st = store_prepd(db, sql);
	int rc = st ? stmt_step(st) : -1;
	stmt_done(st);
	return rc < 0 ? -1 : 0;
}

/* saved[i]: the CREATE statement of bulk_indexes[i], "" if none */
static int drop_indexes(struct demo *d, char saved[][512], struct jerr *e)
{
	for (int i = 0; i < NBULK; i++) {
		char sql[128];
		saved[i][0] = 0;
		store_index_sql(d->db, bulk_indexes[i], saved[i], 512);
		snprintf(sql, sizeof sql, "DROP INDEX IF EXISTS %s", bulk_indexes[i]);
		if (*saved[i] && run_sql(d->db, sql) != 0)
			return jerr_set(e, "", "无法暂时删除索引 %s: %s", bulk_indexes[i], store_errmsg(d->db));
	}
	return 0;
}

static int build_indexes(struct demo *d, char saved[][512], struct jerr *e)
{
	for (int i = 0; i < NBULK; i++)
		if (*saved[i] && run_sql(d->db, saved[i]) != 0)
			return jerr_set(e, "", "无法重建索引 %s: %s", bulk_indexes[i], store_errmsg(d->db));
	return 0;
}

/* Nothing may happen after "today": a check on the generator itself. */
static int check_dates(struct demo *d, struct jerr *e)
{
	char today[11], last[11];
	date_fmt(d->today, today);
	store_text(d->db, last, sizeof last, "SELECT max(d) FROM (SELECT max(done_on) d FROM flow_steps"
	           " UNION ALL SELECT max(entered_on) FROM visits UNION ALL SELECT max(entered_on)"
	           " FROM measures UNION ALL SELECT max(created_on) FROM leads"
	           " UNION ALL SELECT max(closed_on) FROM leads) AS latest", "");
	if (strcmp(last, today) > 0)
		return jerr_set(e, "", "演示数据有晚于今天（%s）的日期 %s", today, last);
	return 0;
}

static void count(struct demo *d)
{
	struct stmt *st = store_prep(d->db, "SELECT status, count(*) FROM households GROUP BY status", "");
	while (st && stmt_step(st) == 1) {
		enum hh_status k;
		if (hh_status_from_text(stmt_text(st, 0), &k) == 0)
			d->st->status[k] = stmt_int(st, 1);
	}
	stmt_done(st);
}

static int generate(struct demo *d, struct jerr *e)
{
	char saved[NBULK][512];
	if (drop_indexes(d, saved, e) != 0 || build_county(d, e) != 0)
		return -1;
	spread(d, d->opts->households - DEMO_NFIXED);
	if (build_contacts(d, e) != 0)
		return -1;
	audit_gather(d->db);
	if (households(d, e) != 0) {
		char why[sizeof e->msg];
		audit_gather_end();
		snprintf(why, sizeof why, "%s", e->msg);
		return jerr_set(e, "", "%s：%s", d->where, why);
	}
	if (audit_gather_end() != 0)
		return jerr_set(e, "", "无法写入审计记录: %s", store_errmsg(d->db));
	if (member_names_build(&d->off[d->admin]) != 0)
		return jerr_set(e, "", "无法建立姓名索引: %s", store_errmsg(d->db));
	demo_at(d->today);
	if (build_indexes(d, saved, e) != 0 || check_dates(d, e) != 0)
		return -1;
	count(d);
	return 0;
}

int demo_generate(struct store *db, const struct config *cfg, const struct demo_opts *o,
                  struct demo_stats *st, struct jerr *e)
{
	struct demo d;
	memset(&d, 0, sizeof d);
	memset(st, 0, sizeof *st);
	d.db = db;
	d.cfg = cfg;
	d.opts = o;
	d.st = st;
	jday pinned_before = clock_pinned();
	d.today = clock_today();
	d.start = d.today - 3 * 365;
	d.id_first = date_from_ymd(1920, 1, 1);
	d.id_days = d.today - d.id_first + 1;
	d.idseq = calloc((size_t)d.id_days * 2, sizeof *d.idseq);
	clock_pin(d.today);
	/* one big transaction on a new database (store_bulk) */
	store_bulk(db, 1);
	int rc = store_begin(db);
	if (rc != 0)
		jerr_set(e, "", "数据库忙");
	else if ((rc = generate(&d, e)) == 0 && store_commit(db) != 0)
		rc = jerr_set(e, "", "无法提交: %s", store_errmsg(db));
	else if (rc != 0)
		store_rollback(db);
	store_bulk(db, 0);
	clock_pin(pinned_before);
	free(d.idseq);
	free(d.villages);
	free(d.off);
	return rc;
}
