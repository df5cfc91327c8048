/* Importing households with their members from a spreadsheet: one row per
 * person, rows of one household share its 户编号.  A household number
 * already registered is matched, and a person already in it left alone, so
 * a second import adds nothing.  Every row is checked by member_validate,
 * every new household by household_validate, and every household as a
 * whole (one 户主, a 配偶 of the other sex …) by household_check_members:
 * the checks of the forms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/area.h"
#include "register/household.h"
#include "base/idcard.h"
#include "io/import_impl.h"
#include "access/scope.h"
#include "store/store.h"

struct group {                 /* one household number of the file */
	char hh_no[32];
	int64_t id;                /* registered household, or the one created */
	int outside;               /* registered, or to be, outside the officer's area */
	int created;
	long first, last;          /* row indexes of its rows, linked by next */
	char bad[384];             /* why the household itself is refused */
	long bad_line;
	enum import_triage bad_triage;
	long head_bad_line;        /* its 户主 row, rejected */
	struct household h;        /* a new household, from its first row */
};

struct hh_row {
	long group, next;
	struct member m;
};

struct groups {
	struct group *g;
	long n, cap;
	struct strmap by_no;       /* 户编号 → group index */
};

static struct groups *state(struct import *im)
{
	if (!im->kd) {
		struct groups *gs = calloc(1, sizeof *gs);
		if (gs)
			strmap_init(&gs->by_no);
		im->kd = gs;
	}
	return im->kd;
}

/* ---- the household of a row ---- */

static int yes_no(const char *v, int *out)
{
	static const char *const yes[] = { "是", "1", "Y", "y", "yes", "√", NULL };
	static const char *const no[] = { "否", "0", "N", "n", "no", "", NULL };
	for (int i = 0; yes[i]; i++)
		if (!strcmp(v, yes[i]))
			return *out = 1, 0;
	for (int i = 0; no[i]; i++)
		if (!strcmp(v, no[i]))
			return *out = 0, 0;
	return -1;
}

static int64_t find_group_area(struct import *im, struct import_row *r, int64_t village)
{
	const char *g = import_cell(im, F_GROUP);
	if (!*g)
		return 0;
	char alt[96];
	snprintf(alt, sizeof alt, "%s组", g);   /* "3" for "3组" */
	int64_t id = store_int(im->s->db, 0,
		"SELECT id FROM areas WHERE level = 4 AND parent_id = ? AND name IN (?, ?)",
		"ltt", village, g, alt);
	if (!id) {
		char v[160];
		area_full_name(im->s->db, village, v, sizeof v);
		import_reject(im, r, TRIAGE_NONE, "%s没有村民小组“%s”", v, g);
		return -1;
	}
	return id;
}

/* Household fields from the first row of a new household number. */
static int new_household(struct import *im, struct import_row *r, struct group *g)
{
	struct household *h = &g->h;
	household_init(h);
	snprintf(h->hh_no, sizeof h->hh_no, "%s", g->hh_no);
	if (!(h->village_id = import_village(im, r, import_cell(im, F_TOWNSHIP),
	                                     import_cell(im, F_VILLAGE))))
		return -1;
	if ((h->group_id = find_group_area(im, r, h->village_id)) < 0)
		return -1;
	if (import_copy(im, r, F_NATURAL_VILLAGE, h->natural_village, sizeof h->natural_village) ||
	    import_copy(im, r, F_ADDRESS, h->address, sizeof h->address) ||
	    import_copy(im, r, F_HH_TYPE, h->hh_type, sizeof h->hh_type))
		return -1;
	if (yes_no(import_cell(im, F_IS_TUOPIN), &h->is_tuopin) != 0)
		return import_reject(im, r, TRIAGE_NONE, "“%s”应填“是”或“否”",
		                     import_header(im, F_IS_TUOPIN)), -1;
	struct jerr e = { 0 };
	if (household_validate(im->s, h, &e) != 0)
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg), -1;
	return 0;
}

static void refuse_group(struct group *g, const struct import_row *r)
{
	snprintf(g->bad, sizeof g->bad, "%s", r->note);
	g->bad_line = r->line;
	g->bad_triage = r->triage;
	g->outside = r->verdict == IMPORT_SKIP;
}

/* The group of the row's household number, made on first sight. */
static struct group *group_of(struct import *im, struct import_row *r, const char *hh_no)
{
	struct groups *gs = state(im);
	int64_t *at = gs ? strmap_get(&gs->by_no, hh_no) : NULL;
	if (at)
		return &gs->g[*at];
	if (gs && gs->n == gs->cap) {
		long cap = gs->cap ? 2 * gs->cap : 64;
		struct group *g = realloc(gs->g, (size_t)cap * sizeof *g);
		if (g) {
			gs->g = g;
			gs->cap = cap;
		}
	}
	if (!gs || gs->n == gs->cap)
		return import_reject(im, r, TRIAGE_NONE, "内存不足"), NULL;
	struct group *g = &gs->g[gs->n];
	memset(g, 0, sizeof *g);
	g->first = g->last = -1;
	snprintf(g->hh_no, sizeof g->hh_no, "%s", hh_no);
	strmap_put(&gs->by_no, hh_no, gs->n++);
	g->id = store_int(im->s->db, 0, "SELECT id FROM households WHERE hh_no = ?", "t", hh_no);
	g->outside = g->id && !scope_household(im->s, g->id);
	if (!g->id && new_household(im, r, g) != 0)
		refuse_group(g, r);
	if (g->outside && !g->bad[0])
		snprintf(g->bad, sizeof g->bad, "户编号 %s 不在您的辖区", hh_no);
	return g;
}

/* ---- the person of a row ---- */

static int read_member(struct import *im, struct import_row *r, struct member *m)
{
	member_init(m);
	const enum ifield f[] = { F_NAME, F_RELATION, F_ETHNICITY, F_EDUCATION, F_SCHOOLING,
	                          F_HEALTH, F_DISABILITY, F_LABOUR, F_PHONE };
	char *dst[] = { m->name, m->relation, m->ethnicity, m->education, m->schooling,
	                m->health, m->disability, m->labour, m->phone };
	const size_t size[] = { sizeof m->name, sizeof m->relation, sizeof m->ethnicity,
	                        sizeof m->education, sizeof m->schooling, sizeof m->health,
	                        sizeof m->disability, sizeof m->labour, sizeof m->phone };
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (!*import_cell(im, f[i]))
			continue;   /* empty: the form's default stays */
		if (import_copy(im, r, f[i], dst[i], size[i]) != 0)
			return -1;
	}
	const char *id = import_cell(im, F_ID_NO);
	import_who(im, r, m->name, id);
	struct jerr e = { 0 };
	/* typed full-width, an ID is longer than the 18 it normalises to */
	if (strlen(id) < sizeof m->id_no)
		memcpy(m->id_no, id, strlen(id) + 1);
	else if (idcard_normalize(id, m->id_no, &e) != 0 && *m->name)
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg), -1;
	if (member_validate(im->s, m, &e) != 0)
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg), -1;
	import_who(im, r, m->name, m->id_no);
	return 0;
}

/* 1 if the person is registered in this very household already, under the
 * same name (another name is never matched silently: one of the two is
 * wrong, and the officer must say which). */
static int registered(struct import *im, struct import_row *r, const struct group *g,
                      const struct member *m)
{
	struct jerr e = { 0 };
	if (!member_id_taken(im->s, m->id_no, 0, &e))
		return 0;
	int64_t hh = store_int(im->s->db, 0, "SELECT household_id FROM members WHERE id_no = ?",
	                       "t", m->id_no);
	if (!g->id || hh != g->id) {
		import_reject(im, r, TRIAGE_NONE, "%s", e.msg);
		return -1;
	}
	char name[64] = "";
	store_text(im->s->db, name, sizeof name, "SELECT name FROM members WHERE id_no = ?", "t",
	           m->id_no);
	if (strcmp(name, m->name) != 0) {
		import_reject(im, r, TRIAGE_NONE, "姓名与登记不符：这个身份证号码在户 %s 登记的姓名是“%s”",
		              g->hh_no, name);
		return -1;
	}
	return 1;
}

static void link_row(struct import *im, struct group *g, long idx, struct hh_row *d)
{
	struct groups *gs = im->kd;
	d->group = g - gs->g;
	d->next = -1;
	if (g->last >= 0)
		((struct hh_row *)im->priv[g->last].data)->next = idx;
	else
		g->first = idx;
	g->last = idx;
}

static void check(struct import *im, long idx, struct import_row *r, void **data)
{
	struct hh_row *d = import_alloc(im, sizeof *d);
	if (!(*data = d)) {
		import_reject(im, r, TRIAGE_NONE, "内存不足");
		return;
	}
	const char *no = import_cell(im, F_HH_NO);
	import_who(im, r, import_cell(im, F_NAME), import_cell(im, F_ID_NO));
	if (!*no || strlen(no) >= sizeof ((struct group *)NULL)->hh_no) {
		import_reject(im, r, TRIAGE_NONE, *no ? "户编号太长" : "户编号不能为空");
		return;
	}
	struct group *g = group_of(im, r, no);
	if (!g || import_done(r))
		return;
	if (g->outside) {   /* another area's household: not this officer's to check */
		import_skip(im, r, TRIAGE_OUTSIDE, "%s", g->bad);
		return;
	}
	if (read_member(im, r, &d->m) != 0) {
		if (!strcmp(import_cell(im, F_RELATION), "户主"))
			g->head_bad_line = r->line;
		return;
	}
	if (g->bad[0]) {
		import_reject(im, r, g->bad_triage, "户编号 %s 的户信息有误（第%ld行：%s）", g->hh_no,
		              g->bad_line, g->bad);
		return;
	}
	char key[64];
	snprintf(key, sizeof key, "I:%s", d->m.id_no);
	int64_t *twice = strmap_get(&im->seen, key);
	if (twice) {
		import_reject(im, r, TRIAGE_NONE, "与第%ld行是同一人（身份证号码相同）", im->rows[*twice].line);
		return;
	}
	strmap_put(&im->seen, key, idx);
	int known = registered(im, r, g, &d->m);
	if (known < 0)
		return;
	r->verdict = known ? IMPORT_SAME : IMPORT_NEW;
	import_note(im, r, known ? "已登记在户 %s，未改动" : g->id ? "加入已登记的户 %s"
	            : "新建户 %s", g->hh_no);
	if (!known)
		link_row(im, g, idx, d);
}

/* ---- the household as a whole ---- */

/* Rejects every row of the group still accepted, for why. */
static void reject_group(struct import *im, struct group *g, const char *why)
{
	for (long i = g->first; i >= 0; i = ((struct hh_row *)im->priv[i].data)->next)
		if (im->rows[i].verdict != IMPORT_REJECT)
			import_reject(im, &im->rows[i], TRIAGE_NONE, "%s", why);
}

/* The members the household would have: those registered, then the rows. */
static int members_of(struct import *im, struct group *g, struct member *ms, int max)
{
	int n = g->id ? member_list(im->s, g->id, ms, max) : 0;
	for (long i = g->first; i >= 0; i = ((struct hh_row *)im->priv[i].data)->next) {
		if (n >= max)
			return -1;
		ms[n++] = ((struct hh_row *)im->priv[i].data)->m;
	}
	return n;
}

static void check_group(struct import *im, struct group *g)
{
	static struct member ms[HH_MAX_MEMBERS];
	struct household h;
	struct jerr e = { 0 };
	char why[sizeof e.msg + 64];
	if (!g->id && g->head_bad_line) {
		snprintf(why, sizeof why, "本户户主（第%ld行）未通过检查，本户其他成员暂不导入",
		         g->head_bad_line);
		reject_group(im, g, why);
		return;
	}
	int n = members_of(im, g, ms, HH_MAX_MEMBERS);
	if (n < 0)
		jerr_set(&e, "", "一户最多登记%d人", HH_MAX_MEMBERS);
	else if (g->id)
		household_get(im->s, g->id, &h, &e);
	if (!e.msg[0])
		household_check_members(g->id ? &h : &g->h, ms, n, &e);
	if (e.msg[0]) {
		snprintf(why, sizeof why, "户编号 %s：%s", g->hh_no, e.msg);
		reject_group(im, g, why);
	}
}

static void finish(struct import *im)
{
	struct groups *gs = im->kd;
	for (long i = 0; gs && i < gs->n; i++)
		if (gs->g[i].first >= 0)
			check_group(im, &gs->g[i]);
}

/* ---- writing ---- */

static int create(struct import *im, struct group *g, struct jerr *e)
{
	for (long i = g->first; i >= 0; i = ((struct hh_row *)im->priv[i].data)->next) {
		struct hh_row *d = im->priv[i].data;
		if (im->rows[i].verdict != IMPORT_NEW || strcmp(d->m.relation, "户主") != 0)
			continue;
		if (!*g->h.phone)
			snprintf(g->h.phone, sizeof g->h.phone, "%s", d->m.phone);
		if (household_create(im->s, &g->h, &d->m, e) != 0)
			return -1;
		g->id = g->h.id;
		g->created = 1;
		return 0;
	}
	return jerr_set(e, "", "户编号 %s 没有户主", g->hh_no);
}

/* 1 if the person is in household hh under this very name now: another
 * officer imported the same row since the check. */
static int there_now(struct import *im, int64_t hh, const struct member *m)
{
	char name[64] = "";
	return store_text(im->s->db, name, sizeof name, "SELECT name FROM members"
	                  " WHERE id_no = ? AND household_id = ?", "tl", m->id_no, hh) == 1 &&
	       !strcmp(name, m->name);
}

/* A new household number registered since the check, with every person
 * of the group in it: the same file, imported at the same moment by
 * another officer.  The group is there already; written again it would
 * fail the whole file on the number.  Anything else under that number
 * (other people) is left to household_create to refuse. */
static int registered_meanwhile(struct import *im, struct group *g)
{
	int64_t id = store_int(im->s->db, 0, "SELECT id FROM households WHERE hh_no = ?", "t",
	                       g->hh_no);
	for (long i = g->first; id && i >= 0; i = ((struct hh_row *)im->priv[i].data)->next)
		if (im->rows[i].verdict == IMPORT_NEW &&
		    !there_now(im, id, &((struct hh_row *)im->priv[i].data)->m))
			return 0;
	if (id)
		g->id = id;
	return id != 0;
}

static int write(struct import *im, long idx, struct jerr *e)
{
	struct groups *gs = im->kd;
	struct hh_row *d = im->priv[idx].data;
	struct group *g = &gs->g[d->group];
	if (!g->id && !registered_meanwhile(im, g) && create(im, g, e) != 0)
		return -1;
	if (!g->created && there_now(im, g->id, &d->m))
		return IMPORT_SAME;   /* put there by another import since the check */
	if (d->m.id)
		return IMPORT_NEW;   /* the head, written with the household */
	d->m.household_id = g->id;
	return member_add(im->s, &d->m, e) != 0 ? -1 : IMPORT_NEW;
}

static void free_state(struct import *im)
{
	struct groups *gs = im->kd;
	if (!gs)
		return;
	strmap_free(&gs->by_no);
	free(gs->g);
	free(gs);
	im->kd = NULL;
}

const struct import_kind import_households_kind = {
	"households", check, finish, write, free_state, -1, NULL, NULL,
};
