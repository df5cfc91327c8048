/* Starting from the national system (issue 15): its per-person export
 * "（自定义）监测对象信息" -- one row per person, the household's columns
 * repeated on each -- creates or updates households with their members,
 * status, type, risks, dates of identification and elimination and the
 * method, contact person and measures.  A household is matched by the
 * national 户编号, else by a registered member's ID number; a person by ID
 * number.  Re-importing the same or a newer export changes what differs and
 * adds nothing twice.  An export whose ID numbers are masked (jiance's own,
 * or one the national system masked) still updates the persons registered:
 * each is found by the national 户编号 and the name, the visible digits
 * agreeing; a person it cannot find so is refused, saying why.  What it writes came from the national system, so
 * none of it is queued to be keyed there again (session.from_national). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assist/assist.h"
#include "base/idcard.h"
#include "flow/flow.h"
#include "io/import_impl.h"
#include "access/scope.h"
#include "register/hh_state.h"
#include "register/upstream.h"
#include "store/store.h"

/* The national measure columns, in field order from F_M_INDUSTRY, and the
 * configured category each fills: the first whose name starts with one of
 * the prefixes. */
static const char *const MEASURE_PREFIX[][2] = {
	{ "产业帮扶", NULL }, { "就业帮扶", NULL }, { "金融帮扶", NULL }, { "公益岗位", NULL },
	{ "健康帮扶", NULL }, { "义务教育保障", NULL }, { "其他教育帮扶", "教育帮扶" },
	{ "综合保障", NULL }, { "社会帮扶", NULL }, { "住房安全保障", NULL },
	{ "饮水安全保障", NULL }, { "搬迁", NULL },
};
#define NMEASURE (int)(sizeof MEASURE_PREFIX / sizeof MEASURE_PREFIX[0])

struct nat_group {
	char nat_no[32];
	int64_t id;                /* registered, or created by the write */
	long first, last;          /* its rows, linked by next */
	long head;                 /* its 户主 row, -1 if none */
	char bad[384];
	struct household h;        /* as it will be: a new one, or the registered one updated */
	struct hh_state st;        /* status, type, risks, dates as the export says */
	int has_state;             /* the export names a monitored household */
	char contact[64], contact_phone[24];
	char measure[NMEASURE][256];
	char changes[700];         /* of a registered household, in words */
	int keep_state;            /* jiance decided its standing since: not yet upstream */
	char kept[160];            /* the national columns kept so, in words */
	int applied;
};

struct nat_row {
	long group, next;
	struct member m;
	int registered;            /* m.id, m.version: the registered person */
	char changes[300];
};

struct nat_groups {
	struct nat_group *g;
	long n, cap;
	struct strmap by_no;
};

static struct nat_groups *state(struct import *im)
{
	if (!im->kd) {
		struct nat_groups *gs = calloc(1, sizeof *gs);
		if (gs)
			strmap_init(&gs->by_no);
		im->kd = gs;
	}
	return im->kd;
}

static void add_change(char *out, size_t n, const char *what, const char *old, const char *now)
{
	if (!strcmp(old, now))
		return;
	size_t len = strlen(out);
	snprintf(out + len, n - len, "%s%s %s→%s", len ? "；" : "", what, *old ? old : "（空）",
	         *now ? now : "（空）");
}

/* ---- the household's columns ---- */

/* "202603" (or 2026-03, 2026年3月): the first of that month, ISO; "" if empty. */
static int month_cell(struct import *im, struct import_row *r, enum ifield f, char out[11])
{
	const char *c = import_cell(im, f);
	out[0] = 0;
	if (!*c)
		return 0;
	char day[32];
	if (strlen(c) == 6 && strspn(c, "0123456789") == 6)
		snprintf(day, sizeof day, "%.4s-%.2s-01", c, c + 4);
	else
		snprintf(day, sizeof day, "%.30s", c);
	jday d = import_date(im, r, day, import_header(im, f), JDAY_NONE);
	if (d == JDAY_NONE)
		return -1;
	date_fmt(d, out);
	return 0;
}

static int yes(const char *v) { return !strcmp(v, "是") || !strcmp(v, "1"); }

static int read_state(struct import *im, struct import_row *r, struct nat_group *g)
{
	struct hh_state *st = &g->st;
	memset(st, 0, sizeof *st);
	st->status = STATUS_LEAD;
	for (int i = 0; i < HH_MAX_RISKS; i++) {
		const char *risk = import_cell(im, (enum ifield)(F_RISK1 + i));
		size_t len = strlen(st->risks);
		if (*risk)
			snprintf(st->risks + len, sizeof st->risks - len, "%s%s", len ? "、" : "", risk);
	}
	if (import_copy(im, r, F_HH_TYPE, st->hh_type, sizeof st->hh_type) != 0 ||
	    import_copy(im, r, F_ELIM_METHOD, st->elim_method, sizeof st->elim_method) != 0 ||
	    month_cell(im, r, F_IDENTIFIED, st->identified_on) != 0 ||
	    month_cell(im, r, F_ELIMINATED_ON, st->eliminated_on) != 0)
		return -1;
	g->has_state = *st->hh_type || *st->identified_on;
	if (!g->has_state)
		return 0;
	struct jerr e = { 0 };
	char parsed[HH_MAX_RISKS][48];
	int n;
	if (!*st->identified_on)
		return import_reject(im, r, TRIAGE_NONE, "监测对象缺少%s", import_header(im, F_IDENTIFIED)), -1;
	if (risks_parse(im->s, st->risks, parsed, &n, &e) != 0)
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg), -1;
	/* the sub-items as the export gives them (comma-joined); none: the
	 * register's are kept in apply() */
	const char *dis = import_cell(im, F_DISASTER);
	if (*dis && (disaster_normalise(im->s->cfg, dis, st->disaster, sizeof st->disaster, &e) != 0 ||
	             disaster_check(im->s->cfg, risks_name_disaster(st->risks), st->disaster, &e) != 0))
		return import_reject(im, r, TRIAGE_NONE, "%s：%s", import_header(im, F_DISASTER), e.msg), -1;
	int done = yes(import_cell(im, F_ELIMINATED));
	st->status = done ? STATUS_ELIMINATED : STATUS_MONITORED;
	if (done && (!*st->eliminated_on || elim_method_check(st->elim_method, &e) != 0))
		return import_reject(im, r, TRIAGE_NONE, "风险已消除的户须有%s和%s（帮扶消除或自然消除）",
		                     import_header(im, F_ELIMINATED_ON), import_header(im, F_ELIM_METHOD)), -1;
	if (!done)
		st->eliminated_on[0] = st->elim_method[0] = 0;
	return 0;
}

static int read_household(struct import *im, struct import_row *r, struct nat_group *g)
{
	struct household *h = &g->h;
	if (!g->id)
		household_init(h);
	snprintf(h->nat_no, sizeof h->nat_no, "%s", g->nat_no);
	if (*import_cell(im, F_HH_KIND))
		h->is_tuopin = strstr(import_cell(im, F_HH_KIND), "脱贫") != NULL;
	if (*import_cell(im, F_WHOLE_NO_LABOUR))
		h->whole_no_labour = yes(import_cell(im, F_WHOLE_NO_LABOUR));
	if (*import_cell(im, F_HH_PHONE) &&
	    import_copy(im, r, F_HH_PHONE, h->phone, sizeof h->phone) != 0)
		return -1;
	if (!g->id && !(h->village_id = import_village(im, r, import_cell(im, F_TOWNSHIP),
	                                                import_cell(im, F_VILLAGE))))
		return -1;
	if (import_copy(im, r, F_CONTACT, g->contact, sizeof g->contact) != 0 ||
	    import_copy(im, r, F_CONTACT_PHONE, g->contact_phone, sizeof g->contact_phone) != 0)
		return -1;
	for (int i = 0; i < NMEASURE; i++)
		if (import_copy(im, r, (enum ifield)(F_M_INDUSTRY + i), g->measure[i],
		                sizeof g->measure[i]) != 0)
			return -1;
	if (read_state(im, r, g) != 0)
		return -1;
	struct jerr e = { 0 };
	if (household_validate(im->s, h, &e) != 0 ||
	    (*g->st.hh_type && hh_type_check(g->st.hh_type, h->is_tuopin, &e) != 0))
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg), -1;
	return 0;
}

/* The registered household: by the national number, else by the row's
 * person (a household not yet given a national number). */
static int64_t registered_household(struct import *im, const char *nat_no)
{
	int64_t id = store_int(im->s->db, 0, "SELECT id FROM households WHERE nat_no = ?", "t", nat_no);
	char norm[20];
	struct jerr e = { 0 };
	if (!id && idcard_normalize(import_cell(im, F_ID_NO), norm, &e) == 0)
		id = store_int(im->s->db, 0, "SELECT h.id FROM members m JOIN households h"
		               " ON h.id = m.household_id WHERE m.id_no = ? AND h.nat_no = ''", "t", norm);
	return id;
}

static struct nat_group *group_of(struct import *im, struct import_row *r, const char *nat_no)
{
	struct nat_groups *gs = state(im);
	int64_t *at = gs ? strmap_get(&gs->by_no, nat_no) : NULL;
	if (at)
		return &gs->g[*at];
	if (gs && gs->n == gs->cap) {
		long cap = gs->cap ? 2 * gs->cap : 64;
		struct nat_group *g = realloc(gs->g, (size_t)cap * sizeof *g);
		if (g)
			gs->g = g, gs->cap = cap;
	}
	if (!gs || gs->n == gs->cap)
		return import_reject(im, r, TRIAGE_NONE, "内存不足"), NULL;
	struct nat_group *g = &gs->g[gs->n];
	memset(g, 0, sizeof *g);
	g->first = g->last = g->head = -1;
	snprintf(g->nat_no, sizeof g->nat_no, "%s", nat_no);
	strmap_put(&gs->by_no, nat_no, gs->n++);
	struct jerr e = { 0 };
	g->id = registered_household(im, nat_no);
	if (g->id && household_get(im->s, g->id, &g->h, &e) != 0)
		snprintf(g->bad, sizeof g->bad, "国家系统户编号 %s 的户不在您的辖区", nat_no);
	else if (read_household(im, r, g) != 0)
		snprintf(g->bad, sizeof g->bad, "%s", r->note);
	return g;
}

/* ---- the person of a row ---- */

/* An ID number shown masked, as exports show them ("500243********9147"). */
static int masked(const char *id)
{
	return strchr(id, '*') || strstr(id, "＊");
}

/* Each character shown of the masked number is the registered one's. */
static int mask_fits(const char *shown, const char *id)
{
	if (strlen(shown) != strlen(id))
		return 0;
	for (; *shown; shown++, id++)
		if (*shown != '*' && *shown != *id)
			return 0;
	return 1;
}

/* The full number of the person a masked row names: the member of the
 * household matched by the national 户编号 with the row's name whose
 * number fits the mask.  0 with out, or -1 with the row rejected. */
static int unmask(struct import *im, struct import_row *r, const struct nat_group *g,
                  char out[20])
{
	const char *shown = import_cell(im, F_ID_NO), *name = import_cell(im, F_NAME);
	if (!g->id)
		return import_reject(im, r, TRIAGE_NONE, "证件号码被遮蔽（%s），国家系统户编号 %s 的户尚未登记："
		                     "新建户须用含完整证件号码的导出", shown, g->nat_no), -1;
	int found = 0;
	struct stmt *st = store_prep(im->s->db, "SELECT id_no FROM members WHERE household_id = ?"
	                             " AND name = ? AND active <> 0", "lt", g->id, name);
	while (st && stmt_step(st) == 1)
		if (mask_fits(shown, stmt_text(st, 0)) && found++ == 0)
			snprintf(out, 20, "%s", stmt_text(st, 0));
	stmt_done(st);
	if (found == 1)
		return 0;
	if (found)
		return import_reject(im, r, TRIAGE_NONE, "证件号码被遮蔽（%s），国家系统户编号 %s 的户有%d位"
		                     "名为%s的成员，无法区分：请用含完整证件号码的导出", shown, g->nat_no,
		                     found, name), -1;
	return import_reject(im, r, TRIAGE_NONE, "证件号码被遮蔽（%s），国家系统户编号 %s 的户中没有名为%s、"
	                     "证件号码与之相符的成员：新成员须用含完整证件号码的导出", shown, g->nat_no,
	                     name), -1;
}

static int read_member(struct import *im, struct import_row *r, struct member *m,
                       const char *id_no)
{
	member_init(m);
	const enum ifield f[] = { F_NAME, F_RELATION, F_ETHNICITY, F_EDUCATION, F_SCHOOLING,
	                          F_HEALTH, F_DISABILITY, F_LABOUR, F_PHONE };
	char *dst[] = { m->name, m->relation, m->ethnicity, m->education, m->schooling,
	                m->health, m->disability, m->labour, m->phone };
	const size_t size[] = { sizeof m->name, sizeof m->relation, sizeof m->ethnicity,
	                        sizeof m->education, sizeof m->schooling, sizeof m->health,
	                        sizeof m->disability, sizeof m->labour, sizeof m->phone };
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (*import_cell(im, f[i]) && import_copy(im, r, f[i], dst[i], size[i]) != 0)
			return -1;
	struct jerr e = { 0 };
	if (idcard_normalize(id_no, m->id_no, &e) != 0 ||
	    member_validate(im->s, m, &e) != 0)
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg), -1;
	import_who(im, r, m->name, m->id_no);
	return 0;
}

/* A registered person: the fields the export holds, compared. */
static int compare_member(struct import *im, struct import_row *r, struct nat_group *g,
                          struct nat_row *d)
{
	struct member old;
	int64_t id = store_int(im->s->db, 0, "SELECT id FROM members WHERE id_no = ?", "t", d->m.id_no);
	if (!id)
		return 0;
	if (member_get(im->s, id, &old) != 1 || old.household_id != g->id)
		return import_reject(im, r, TRIAGE_NONE, "这个人已登记在另一户（国家系统户编号 %s 以外）",
		                     g->nat_no), -1;
	struct member now = old;      /* what the export does not hold stays */
#define TAKE(F, f, what) do { \
		if (*import_cell(im, F)) { \
			snprintf(now.f, sizeof now.f, "%s", d->m.f); \
			add_change(d->changes, sizeof d->changes, what, old.f, now.f); \
		} \
	} while (0)
	TAKE(F_NAME, name, "姓名"); TAKE(F_RELATION, relation, "与户主关系");
	TAKE(F_ETHNICITY, ethnicity, "民族"); TAKE(F_EDUCATION, education, "文化程度");
	TAKE(F_SCHOOLING, schooling, "在校生状况"); TAKE(F_HEALTH, health, "健康状况");
	TAKE(F_DISABILITY, disability, "残疾类别"); TAKE(F_LABOUR, labour, "劳动技能");
	TAKE(F_PHONE, phone, "联系电话");
#undef TAKE
	d->m = now;
	d->registered = 1;
	return 0;
}

static void link_row(struct import *im, struct nat_group *g, long idx, struct nat_row *d)
{
	struct nat_groups *gs = im->kd;
	d->group = g - gs->g;
	d->next = -1;
	if (g->last >= 0)
		((struct nat_row *)im->priv[g->last].data)->next = idx;
	else
		g->first = idx;
	g->last = idx;
	if (!strcmp(d->m.relation, "户主"))
		g->head = idx;
}

static void check(struct import *im, long idx, struct import_row *r, void **data)
{
	struct nat_row *d = import_alloc(im, sizeof *d);
	if (!(*data = d)) {
		import_reject(im, r, TRIAGE_NONE, "内存不足");
		return;
	}
	const char *no = import_cell(im, F_NAT_NO);
	import_who(im, r, import_cell(im, F_NAME), import_cell(im, F_ID_NO));
	if (!*no || strlen(no) >= sizeof ((struct nat_group *)NULL)->nat_no) {
		import_reject(im, r, TRIAGE_NONE, *no ? "户编号太长" : "户编号不能为空");
		return;
	}
	struct nat_group *g = group_of(im, r, no);
	if (!g || import_done(r))
		return;
	if (g->bad[0]) {
		import_reject(im, r, TRIAGE_NONE, "国家系统户编号 %s：%s", no, g->bad);
		return;
	}
	char full[20];
	const char *id = import_cell(im, F_ID_NO);
	if (masked(id) && unmask(im, r, g, full) != 0)
		return;
	if (read_member(im, r, &d->m, masked(id) ? full : id) != 0)
		return;
	char key[64];
	snprintf(key, sizeof key, "I:%s", d->m.id_no);
	int64_t *twice = strmap_get(&im->seen, key);
	if (twice) {
		import_reject(im, r, TRIAGE_NONE, "与第%ld行是同一人（证件号码相同）", im->rows[*twice].line);
		return;
	}
	strmap_put(&im->seen, key, idx);
	if (g->id && compare_member(im, r, g, d) != 0)
		return;
	struct jerr e = { 0 };
	if (!d->registered && member_id_taken(im->s, d->m.id_no, 0, &e)) {
		import_reject(im, r, TRIAGE_NONE, "%s", e.msg);
		return;
	}
	r->verdict = !d->registered ? IMPORT_NEW : *d->changes ? IMPORT_MERGE : IMPORT_SAME;
	if (d->registered)
		import_note(im, r, *d->changes ? "更新成员：%s" : "已登记，无变化%s", d->changes);
	else
		import_note(im, r, "新成员（%s）", d->m.relation);
	link_row(im, g, idx, d);
}

/* ---- the household as a whole ---- */

static void reject_group(struct import *im, struct nat_group *g, const char *why)
{
	for (long i = g->first; i >= 0; i = ((struct nat_row *)im->priv[i].data)->next)
		if (im->rows[i].verdict != IMPORT_REJECT)
			import_reject(im, &im->rows[i], TRIAGE_NONE, "%s", why);
}

/* A value jiance changed that is still waiting to be keyed upstream is
 * newer than any export of the national system: the import keeps it (and
 * says so) instead of turning it back.  1 if col is such a value. */
static int keep(struct import *im, struct nat_group *g, const char *col)
{
	if (!upstream_pending_column(im->s, g->id, col))
		return 0;
	size_t len = strlen(g->kept);
	if (!strstr(g->kept, col))
		snprintf(g->kept + len, sizeof g->kept - len, "%s%s", len ? "、" : "", col);
	return 1;
}

/* The registered household's values jiance changed and has not yet keyed
 * upstream take the place of the export's. */
static void keep_pending(struct import *im, struct nat_group *g, const struct household *old)
{
	static const char *const standing[] = { "识别监测时间", "风险是否已消除", "监测对象类别",
	                                        "致贫/返贫风险1" };
	if (keep(im, g, "户联系电话"))
		snprintf(g->h.phone, sizeof g->h.phone, "%s", old->phone);
	if (keep(im, g, "整户无劳动能力兜底保障户"))
		g->h.whole_no_labour = old->whole_no_labour;
	if (keep(im, g, "监测联系人"))
		g->contact[0] = 0;
	for (size_t i = 0; g->has_state && i < sizeof standing / sizeof standing[0]; i++)
		g->keep_state |= keep(im, g, standing[i]);
}

/* What the registered household's columns and state will change, in words. */
static void household_changes(struct import *im, struct nat_group *g)
{
	struct household old;
	struct hh_state st;
	struct jerr e = { 0 };
	char *c = g->changes;
	size_t n = sizeof g->changes;
	if (household_get(im->s, g->id, &old, &e) != 0 || hh_state_get(im->s, g->id, &st, &e) != 0)
		return;
	keep_pending(im, g, &old);
	add_change(c, n, "国家系统户编号", old.nat_no, g->h.nat_no);
	add_change(c, n, "户联系电话", old.phone, g->h.phone);
	add_change(c, n, "脱贫户", old.is_tuopin ? "是" : "否", g->h.is_tuopin ? "是" : "否");
	add_change(c, n, "整户无劳动能力", old.whole_no_labour ? "是" : "否",
	           g->h.whole_no_labour ? "是" : "否");
	if (g->has_state && !g->keep_state) {
		add_change(c, n, "状态", hh_status_text(st.status), hh_status_text(g->st.status));
		add_change(c, n, "类型", st.hh_type, g->st.hh_type);
		add_change(c, n, "风险", st.risks, g->st.risks);
		if (*g->st.disaster)
			add_change(c, n, "因自然灾害子项", old.disaster, g->st.disaster);
		add_change(c, n, "纳入日期", st.identified_on, g->st.identified_on);
		add_change(c, n, "消除日期", st.eliminated_on, g->st.eliminated_on);
		add_change(c, n, "消除方式", st.elim_method, g->st.elim_method);
	}
	char cur[64] = "";
	store_text(im->s->db, cur, sizeof cur, "SELECT c.name FROM households h JOIN contacts c"
	           " ON c.id = h.contact_id WHERE h.id = ?", "l", g->id);
	if (*g->contact)
		add_change(c, n, "联系人", cur, g->contact);
}

static int measure_known(struct import *im, int64_t hh, const char *category, const char *content);
static const char *category_of(const struct config *cfg, int i);

static void measure_changes(struct import *im, struct nat_group *g)
{
	for (int i = 0; g->has_state && i < NMEASURE; i++) {
		const char *cat = category_of(im->s->cfg, i);
		if (!*g->measure[i] || (g->id && measure_known(im, g->id, cat, g->measure[i])))
			continue;
		size_t len = strlen(g->changes);
		snprintf(g->changes + len, sizeof g->changes - len, "%s新措施 %s：%s", len ? "；" : "",
		         cat ? cat : MEASURE_PREFIX[i][0], g->measure[i]);
	}
}

static void new_household_note(struct nat_group *g, int people)
{
	size_t n = sizeof g->changes;
	snprintf(g->changes, n, "新建户（国家系统户编号 %s，%d人", g->nat_no, people);
	if (g->has_state)
		snprintf(g->changes + strlen(g->changes), n - strlen(g->changes), "，%s，%s，风险 %s，纳入 %s%s%s",
		         hh_status_text(g->st.status), g->st.hh_type, g->st.risks, g->st.identified_on,
		         *g->st.eliminated_on ? "，消除 " : "", g->st.eliminated_on);
	snprintf(g->changes + strlen(g->changes), n - strlen(g->changes), "）");
}

static void check_group(struct import *im, struct nat_group *g)
{
	static struct member ms[HH_MAX_MEMBERS];
	int n = g->id ? member_list(im->s, g->id, ms, HH_MAX_MEMBERS) : 0;
	for (long i = g->first; i >= 0; i = ((struct nat_row *)im->priv[i].data)->next) {
		struct nat_row *d = im->priv[i].data;
		int k = 0;
		while (k < n && ms[k].id != d->m.id)
			k++;
		if ((!d->registered || k == n) && n < HH_MAX_MEMBERS)
			k = n++;
		if (k < HH_MAX_MEMBERS)
			ms[k] = d->m;
	}
	struct jerr e = { 0 };
	char why[sizeof e.msg + 64];
	if (household_check_members(&g->h, ms, n, &e) != 0) {
		snprintf(why, sizeof why, "国家系统户编号 %s：%s", g->nat_no, e.msg);
		reject_group(im, g, why);
		return;
	}
	if (g->id)
		household_changes(im, g);
	else
		new_household_note(g, n);
	if (g->id && g->has_state && strstr(g->changes, "状态") && flow_open_run(im->s, g->id)) {
		/* a decision under way in jiance is not overtaken by the export */
		snprintf(why, sizeof why, "国家系统户编号 %s：本户正在办理识别或消除流程，"
		         "流程结束后再导入（%s）", g->nat_no, g->changes);
		reject_group(im, g, why);
		return;
	}
	measure_changes(im, g);
	struct import_row *first = &im->rows[g->first];
	if (!g->id || *g->changes) {
		if (first->verdict == IMPORT_SAME)
			first->verdict = IMPORT_MERGE;
		import_note(im, first, "%s%s；%s", g->id ? "更新户：" : "", g->changes,
		            first->note ? first->note : "");
	}
	if (*g->kept)
		import_note(im, first, "保留本系统待录入国家系统的修改（%s）；%s", g->kept,
		            first->note ? first->note : "");
}

static void finish(struct import *im)
{
	struct nat_groups *gs = im->kd;
	for (long i = 0; gs && i < gs->n; i++)
		if (gs->g[i].first >= 0 && !gs->g[i].bad[0])
			check_group(im, &gs->g[i]);
}

/* ---- writing ---- */

static const char *category_of(const struct config *cfg, int i)
{
	for (int k = 0; k < cfg->codes.ncats; k++)
		for (int p = 0; p < 2; p++) {
			const char *pre = MEASURE_PREFIX[i][p];
			if (pre && !strncmp(cfg->codes.cats[k].label, pre, strlen(pre)))
				return cfg->codes.cats[k].label;
		}
	return NULL;
}

static int measure_known(struct import *im, int64_t hh, const char *category, const char *content)
{
	return store_int(im->s->db, 0, "SELECT count(*) FROM measures WHERE household_id = ?"
	                 " AND category = ? AND content = ?", "ltt", hh, category ? category : "",
	                 content) > 0;
}

static int create(struct import *im, struct nat_group *g, struct jerr *e)
{
	if (g->head < 0)
		return jerr_set(e, "", "国家系统户编号 %s 没有户主", g->nat_no);
	struct nat_row *d = im->priv[g->head].data;
	if (household_create(im->s, &g->h, &d->m, e) != 0)
		return -1;
	g->id = g->h.id;
	d->registered = 2;         /* written with the household */
	return 0;
}

/* The contact person by name among those of the area, made when missing. */
static int contact(struct import *im, struct nat_group *g, struct jerr *e)
{
	struct contact c = { 0 };
	int64_t id = store_int(im->s->db, 0, "SELECT id FROM contacts WHERE name = ? AND active <> 0"
	                       " AND area_id IN (?, ?) ORDER BY id LIMIT 1", "tll", g->contact,
	                       g->h.village_id, g->h.township_id);
	if (!id) {
		snprintf(c.name, sizeof c.name, "%s", g->contact);
		snprintf(c.phone, sizeof c.phone, "%s", g->contact_phone);
		snprintf(c.kind, sizeof c.kind, "村干部");
		c.area_id = g->h.village_id;
		c.active = 1;
		if (contact_save(im->s, &c, e) != 0)
			return -1;
		id = c.id;
	}
	int64_t now = store_int(im->s->db, 0, "SELECT coalesce(contact_id, 0) FROM households"
	                        " WHERE id = ?", "l", g->id);
	if (now == id)
		return 0;
	/* a first contact person since identification; a change from today */
	jday from = !now && *g->st.identified_on ? date_iso(g->st.identified_on) : JDAY_NONE;
	return contact_assign(im->s, g->id, id, from, e);
}

/* The export names what was done, not the sub-item: the first of the
 * category's sub-items its text names, else none (left for completion and
 * listed by jiance check, JC-02). */
static void item_named(const struct config *cfg, struct measure *m)
{
	const struct cfg_measure_cat *cat = config_measure_cat(cfg, m->category);
	for (int j = 0; cat && j < cat->nitems; j++)
		if (strstr(m->content, cat->items[j].label)) {
			snprintf(m->item, sizeof m->item, "%s", cat->items[j].label);
			return;
		}
}

static int measures(struct import *im, struct nat_group *g, struct jerr *e)
{
	for (int i = 0; g->has_state && i < NMEASURE; i++) {   /* measures of a monitored one */
		const char *cat = category_of(im->s->cfg, i);
		if (!*g->measure[i] || !cat || measure_known(im, g->id, cat, g->measure[i]))
			continue;
		struct measure m = { .household_id = g->id, .amount = -1 };
		snprintf(m.category, sizeof m.category, "%s", cat);
		snprintf(m.content, sizeof m.content, "%s", g->measure[i]);
		item_named(im->s->cfg, &m);
		snprintf(m.start_on, sizeof m.start_on, "%s",
		         *g->st.identified_on ? g->st.identified_on : "");
		if (!*m.start_on)
			date_fmt(clock_today(), m.start_on);
		if (measure_save(im->s, &m, e) != 0)
			return -1;
	}
	return 0;
}

/* The household's own columns and state, once per household. */
static int apply(struct import *im, struct nat_group *g, struct jerr *e)
{
	struct household h;
	if (household_get(im->s, g->id, &h, e) != 0)
		return -1;
	snprintf(h.nat_no, sizeof h.nat_no, "%s", g->h.nat_no);
	snprintf(h.phone, sizeof h.phone, "%s", g->h.phone);
	h.is_tuopin = g->h.is_tuopin;
	h.whole_no_labour = g->h.whole_no_labour;
	if (household_update(im->s, &h, e) != 0)
		return -1;
	/* an export without 因自然灾害子项: the register's stay while the risk
	 * does (without any, `jiance check` lists it, 2_11_005) */
	if (risks_name_disaster(g->st.risks) && !*g->st.disaster)
		snprintf(g->st.disaster, sizeof g->st.disaster, "%s", h.disaster);
	if (g->has_state && !g->keep_state && hh_state_set(im->s, g->id, &g->st) != 0)
		return jerr_set(e, "", "保存失败: %s", store_errmsg(im->s->db));
	if (*g->contact && contact(im, g, e) != 0)
		return -1;
	g->applied = 1;
	return measures(im, g, e);
}

static int write_row(struct import *im, long idx, struct jerr *e)
{
	struct nat_groups *gs = im->kd;
	struct nat_row *d = im->priv[idx].data;
	struct nat_group *g = &gs->g[d->group];
	if (!g->id && create(im, g, e) != 0)
		return -1;
	int got = IMPORT_SAME;
	if (!d->registered) {
		d->m.household_id = g->id;
		if (member_add(im->s, &d->m, e) != 0)
			return -1;
		got = IMPORT_NEW;
	} else if (d->registered == 2) {
		got = IMPORT_NEW;
	} else if (*d->changes) {
		if (member_update(im->s, &d->m, e) != 0)
			return -1;
		got = IMPORT_MERGE;
	}
	if (!g->applied) {
		if (apply(im, g, e) != 0)
			return -1;
		if (got == IMPORT_SAME)
			got = IMPORT_MERGE;
	}
	return got;
}

static int write(struct import *im, long idx, struct jerr *e)
{
	im->s->from_national = 1;
	int rc = write_row(im, idx, e);
	im->s->from_national = 0;
	return rc;
}

static void free_state(struct import *im)
{
	struct nat_groups *gs = im->kd;
	if (!gs)
		return;
	strmap_free(&gs->by_no);
	free(gs->g);
	free(gs);
	im->kd = NULL;
}

const struct import_kind import_national_kind = { "national", check, finish, write, free_state, -1, NULL, NULL };
