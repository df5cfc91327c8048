/* Importing warning lists (部门筛查预警, SPEC §4, §9): each row names a
 * person; it is triaged against the register (already monitored, already
 * an open lead, eliminated before, new, outside the area) and becomes a lead
 * through lead_create, which merges leads of the same person or household.
 *
 * The same row never adds twice: its import_key is a digest of channel,
 * department, ID number, date and reason, not of the file, so a row fixed
 * in the rejected-rows file and imported again is recognised too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/idcard.h"
#include "config/department.h"
#include "io/import_impl.h"
#include "flow/lead.h"
#include "register/hh_state.h"
#include "access/area.h"
#include "access/scope.h"
#include "register/status.h"
#include "store/store.h"

/* A row, as lead_create takes it.  The texts point at the row's cells
 * (or the configuration): 100,000 rows must fit in memory. */
struct lead_row {
	int64_t household_id, village_id;
	jday found_on;
	const char *name, *reason, *department;
	const char *written;       /* the department as the file (or --department) gave it */
	char id_no[20], key[40];
	int unregistered;          /* no member holds id_no */
	struct lead_plan plan;     /* what lead_plan found in the check's snapshot */
};


/* The person in the register, if they are a member of a household. */
struct person {
	int64_t household_id, county, township, village;
	enum hh_status status;       /* STATUS_LEAD when not registered */
	char eliminated_on[11], name[64];
};

/* ---- the register, read for the whole file at once ----
 *
 * Four lookups a row (the member holding the ID, the person's open lead,
 * the village's township) were most of a county list's check.  Before the
 * first row the file's ID numbers go into a temporary table and each of
 * those is one join: the same answers, in the same read snapshot. */
struct known {
	struct person *people;
	long npeople;
	struct strmap person_of;   /* ID number → 1 + index in people */
	struct strmap open_of;     /* ID number → open lead naming that person */
	struct strmap open_hh;     /* household id → its open lead (lead_open_of_households) */
	struct strmap place_of;    /* village id → 1 + index in places */
	struct lead_known *places;
	long nplaces;
};

static void free_known(struct import *im)
{
	struct known *k = im->kd;
	if (k) {
		free(k->people);
		free(k->places);
		strmap_free(&k->person_of);
		strmap_free(&k->open_of);
		strmap_free(&k->open_hh);
		strmap_free(&k->place_of);
		free(k);
	}
	im->kd = NULL;
}

static void read_person(struct stmt *st, int first, struct person *p)
{
	memset(p, 0, sizeof *p);
	p->household_id = stmt_int(st, first);
	p->county = stmt_int(st, first + 1);
	p->township = stmt_int(st, first + 2);
	p->village = stmt_int(st, first + 3);
	if (hh_status_from_text(stmt_text(st, first + 4), &p->status) != 0)
		p->household_id = 0;
	snprintf(p->eliminated_on, sizeof p->eliminated_on, "%s", stmt_text(st, first + 5));
	snprintf(p->name, sizeof p->name, "%s", stmt_text(st, first + 6));
}

#define PERSON_COLS "h.id, h.county_id, h.township_id, h.village_id, h.status, h.eliminated_on, m.name"

static int find_person(struct import *im, const char *id_no, struct person *p)
{
	const struct known *k = im->kd;
	if (k) {
		int64_t *i = strmap_get(&k->person_of, id_no);
		if (i)
			*p = k->people[*i - 1];
		else
			memset(p, 0, sizeof *p);
		return i != NULL;
	}
	struct stmt *st = store_prep(im->s->db, "SELECT " PERSON_COLS " FROM members m"
	                             " JOIN households h ON h.id = m.household_id WHERE m.id_no = ?",
	                             "t", id_no);
	int found = st && stmt_step(st) == 1;
	if (found)
		read_person(st, 0, p);
	stmt_done(st);
	return found && p->household_id;
}

struct ids { char (*v)[20]; };

static int cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Sorted and each once: the temp tables' keys are inserted without a
 * conflict clause (INSERT OR IGNORE is SQLite's alone), in key order. */
static long unique_ids(char (*v)[20], long n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_id);
	long m = 0;
	for (long i = 0; i < n; i++)
		if (m == 0 || strcmp(v[m - 1], v[i]) != 0)
			memmove(v[m++], v[i], sizeof *v);
	return m;
}

static long unique_i64(int64_t *v, long n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_i64);
	long m = 0;
	for (long i = 0; i < n; i++)
		if (m == 0 || v[m - 1] != v[i])
			v[m++] = v[i];
	return m;
}

static void bind_id(void *ctx, struct stmt *st, long i, int k)
{
	stmt_bind_static(st, k, ((struct ids *)ctx)->v[i]);
}

/* The file's valid ID numbers into import_ids (temp); -1 on failure. */
static int load_ids(struct import *im)
{
	struct ids ids = { calloc((size_t)im->nrows + 1, sizeof *ids.v) };
	long n = 0;
	for (long i = 0; ids.v && i < im->nrows; i++) {
		struct jerr e = { 0 };
		import_set_row(im, i);
		if (idcard_normalize(import_cell(im, F_ID_NO), ids.v[n], &e) == 0)
			n++;
	}
	import_set_row(im, -1);
	if (ids.v)
		n = unique_ids(ids.v, n);
	/* unqualified: both engines look in the session's temp tables first */
	int rc = ids.v && store_exec(im->s->db, "CREATE TEMP TABLE IF NOT EXISTS import_ids"
	                             " (id_no TEXT PRIMARY KEY)", "") == 0 &&
	         store_exec(im->s->db, "DELETE FROM import_ids", "") == 0 &&
	         store_insert_rows(im->s->db, "INSERT INTO import_ids(id_no)", 1, 0, n,
	                           bind_id, &ids) == 0 ? 0 : -1;
	free(ids.v);
	return rc;
}

static int load_people(struct import *im, struct known *k)
{
	struct stmt *st = store_prep(im->s->db, "SELECT m.id_no, " PERSON_COLS " FROM import_ids i"
	                             " JOIN members m ON m.id_no = i.id_no"
	                             " JOIN households h ON h.id = m.household_id", "");
	int rc = st ? 0 : -1, step;
	while (rc == 0 && (step = stmt_step(st)) == 1) {
		if (strmap_get(&k->person_of, stmt_text(st, 0)))
			continue;   /* the first, as one lookup would find */
		struct person *p = realloc(k->people, (size_t)(k->npeople + 1) * sizeof *p);
		if (!p) {
			rc = -1;
			break;
		}
		k->people = p;
		read_person(st, 1, &p[k->npeople]);
		if (!p[k->npeople].household_id)
			continue;
		rc = strmap_put(&k->person_of, stmt_text(st, 0), ++k->npeople);
	}
	if (rc == 0 && step < 0)
		rc = -1;
	stmt_done(st);
	return rc;
}

static void bind_household(void *ctx, struct stmt *st, long i, int k)
{
	stmt_bind_int(st, k, ((int64_t *)ctx)[i]);
}

/* The registered people's households into import_households (temp), for
 * lead_open_of_households: 10,000 households of a county list instead of
 * its 100,000 ID numbers looked up again.  -1 on failure. */
static int load_households(struct import *im, struct known *k)
{
	int64_t *hh = malloc(((size_t)k->npeople + 1) * sizeof *hh);
	if (!hh)
		return -1;
	for (long i = 0; i < k->npeople; i++)
		hh[i] = k->people[i].household_id;
	long n = unique_i64(hh, k->npeople);
	int rc = store_exec(im->s->db, "CREATE TEMP TABLE IF NOT EXISTS import_households"
	                    " (id INTEGER PRIMARY KEY)", "") == 0 &&
	         store_exec(im->s->db, "DELETE FROM import_households", "") == 0 &&
	         store_insert_rows(im->s->db, "INSERT INTO import_households(id)", 1, 0, n,
	                           bind_household, hh) == 0 ? 0 : -1;
	free(hh);
	return rc;
}

static void put_open(void *arg, const char *id_no, int64_t lead)
{
	strmap_put(&((struct known *)arg)->open_of, id_no, lead);
}

static void put_open_hh(void *arg, int64_t hh, int64_t lead)
{
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)hh);
	strmap_put(&((struct known *)arg)->open_hh, key, lead);
}

static int before_check(struct import *im)
{
	struct known *k = calloc(1, sizeof *k);
	if (!k)
		return -1;
	strmap_init(&k->person_of);
	strmap_init(&k->open_of);
	strmap_init(&k->open_hh);
	strmap_init(&k->place_of);
	im->kd = k;
	if (load_ids(im) != 0 || load_people(im, k) != 0 || lead_open_of_ids(im->s, put_open, k) != 0 ||
	    load_households(im, k) != 0 || lead_open_of_households(im->s, put_open_hh, k) != 0) {
		free_known(im);   /* each row looks itself up */
		return -1;
	}
	return 0;
}

/* The village's township and county, read once per village. */
static int place_known(struct import *im, int64_t village, struct lead_known *out)
{
	struct known *k = im->kd;
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)village);
	int64_t *i = strmap_get(&k->place_of, key);
	if (!i) {
		struct area a;
		struct lead_known *p = realloc(k->places, (size_t)(k->nplaces + 1) * sizeof *p);
		if (!p)
			return -1;
		k->places = p;
		if (area_get(im->s->db, village, &a) != 1 || a.level != LEVEL_VILLAGE)
			return -1;
		p[k->nplaces] = (struct lead_known){ 0, a.township_id, a.county_id };
		if (strmap_put(&k->place_of, key, ++k->nplaces) != 0)
			return -1;
		i = strmap_get(&k->place_of, key);
	}
	*out = k->places[*i - 1];
	return 0;
}

/* The smaller of two leads, 0 meaning none. */
static int64_t first_lead(int64_t a, int64_t b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

/* What the bulk lookups know of the row's person; NULL: ask. */
static const struct lead_known *known_of(struct import *im, const struct lead_row *d,
                                         struct lead_known *out)
{
	struct known *k = im->kd;
	if (!k || (d->unregistered && place_known(im, d->village_id, out) != 0))
		return NULL;
	int64_t *open = strmap_get(&k->open_of, d->id_no);
	out->open = open ? *open : 0;
	if (!d->unregistered) {
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)d->household_id);
		int64_t *hh = strmap_get(&k->open_hh, key);
		out->open = first_lead(out->open, hh ? *hh : 0);
	}
	return out;
}

static int monitored(enum hh_status status)
{
	return status == STATUS_IDENTIFYING || status == STATUS_MONITORED ||
	       status == STATUS_ELIMINATING;
}

/* The village of the row: the household's for a registered person, else
 * the file's village columns.  0 with r rejected. */
static int64_t place(struct import *im, struct import_row *r, const struct person *p, int known)
{
	if (known) {
		if (!scope_allows(&im->s->scope, p->county, p->township, p->village))
			return import_skip(im, r, TRIAGE_OUTSIDE, "此人登记的户不在您的辖区");
		return p->village;
	}
	if (!import_has(im, F_VILLAGE))
		return import_reject(im, r, TRIAGE_NONE, "登记册中没有此人，文件中也没有村（社区）列，无法确定所属村");
	return import_village(im, r, import_cell(im, F_TOWNSHIP), import_cell(im, F_VILLAGE));
}

/* ---- departments ---- */

/* A name matching none (or several) is kept as written and listed in the
 * report. */
static void note_unknown(struct import *im, const char *name)
{
	for (int i = 0; i < im->nunknown_dept; i++)
		if (!strcmp(im->unknown_dept[i].name, name)) {
			im->unknown_dept[i].rows++;
			return;
		}
	if (im->nunknown_dept < IMPORT_MAX_UNKNOWN_DEPT) {
		struct unknown_dept *u = &im->unknown_dept[im->nunknown_dept++];
		snprintf(u->name, sizeof u->name, "%s", name);
		u->rows = 1;
	}
}

static const char *match_department(struct import *im, const char *dept)
{
	if (!*dept)
		return dept;
	/* a list names a handful of departments: matched once each */
	int64_t *seen = strmap_get(&im->depts, dept);
	int i = seen ? (int)*seen - 1 : config_department(im->s->cfg, dept, NULL);
	if (!seen)
		strmap_put(&im->depts, dept, i + 1);
	if (i >= 0)
		return im->s->cfg->departments[i];
	note_unknown(im, dept);
	return dept;
}

/* Fields of the row, checked the way the lead form checks them. */
static int read_row(struct import *im, struct import_row *r, struct lead_row *d)
{
	struct jerr e = { 0 };
	if (!(d->name = import_text(im, r, F_NAME, 64)))
		return -1;
	int bad_id = idcard_normalize(import_cell(im, F_ID_NO), d->id_no, &e) != 0;
	import_who(im, r, d->name, bad_id ? import_cell(im, F_ID_NO) : d->id_no);
	if (!*d->name)
		return import_reject(im, r, TRIAGE_NONE, "姓名不能为空"), -1;
	if (bad_id)
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg), -1;
	d->found_on = import_date(im, r, import_cell(im, F_DATE), import_header(im, F_DATE), im->today);
	if (d->found_on == JDAY_NONE)
		return -1;
	if (!(d->reason = import_text(im, r, F_REASON, 256)) ||
	    !(d->written = import_text(im, r, F_DEPARTMENT, 64)))
		return -1;
	if (!*d->reason)
		return import_reject(im, r, TRIAGE_NONE, "请填写%s（风险情况）", import_header(im, F_REASON)), -1;
	/* each row keeps its own department; --department fills the empty ones */
	if (!*d->written)
		d->written = im->department;
	d->department = match_department(im, d->written);
	if (!*d->department && !strcmp(im->channel, "部门筛查预警"))
		return import_reject(im, r, TRIAGE_NONE, "未填写部门"), -1;
	return 0;
}

static void make_key(const struct import *im, struct lead_row *d)
{
	char day[11] = "";
	if (*import_cell(im, F_DATE))
		date_fmt(d->found_on, day);   /* no date in the file: the key must not change daily */
	/* as written, so rows imported before names were matched keep their key */
	const char *parts[] = { im->channel, d->written, d->id_no, day, d->reason };
	import_digest(parts, 5, d->key);
}

/* The row as lead_create takes it. */
static struct lead_input input_of(const struct import *im, const struct lead_row *d)
{
	return (struct lead_input){
		.household_id = d->household_id, .id_no = d->id_no, .name = d->name,
		.village_id = d->village_id, .channel = im->channel, .department = d->department,
		.found_on = d->found_on, .reason = d->reason, .import_key = d->key,
		.id_unregistered = d->unregistered,
	};
}

/* What the register already says of the person (SPEC §9).  Rows lead_create
 * would refuse are rejected here, with its reason, before anything is
 * written. */
static void triage(struct import *im, long idx, struct import_row *r, struct lead_row *d,
                   const struct person *p)
{
	char key[64];
	snprintf(key, sizeof key, "P:%s", d->id_no);
	int64_t *first = strmap_get(&im->seen, key);
	struct lead_input in = input_of(im, d);
	struct lead_known known;
	in.known = known_of(im, d, &known);
	struct jerr e = { 0 };
	if (monitored(p->status)) {
		r->triage = TRIAGE_MONITORED;
		r->verdict = IMPORT_SAME;
		import_note(im, r, "已在监测（%s），不另登记线索", hh_status_text(p->status));
	} else if (p->status == STATUS_DISSOLVED) {
		import_skip(im, r, TRIAGE_DISSOLVED, "此人所在的户已注销，不登记线索");
	} else if (lead_plan(im->s, &in, &d->plan, &e) != 0) {
		if (!strcmp(e.field, "village"))
			import_skip(im, r, TRIAGE_OUTSIDE, "%s", e.msg);
		else
			import_reject(im, r, TRIAGE_NONE, "%s", e.msg);
	} else if (d->plan.open) {
		r->triage = TRIAGE_LEAD;
		r->verdict = IMPORT_MERGE;
		import_note(im, r, "已有待核实的线索，合并为一条");
	} else if (first) {
		r->triage = TRIAGE_LEAD;
		r->verdict = IMPORT_MERGE;
		import_note(im, r, "与第%ld行是同一人，合并为一条线索", im->rows[*first].line);
	} else if (p->status == STATUS_ELIMINATED) {
		r->triage = TRIAGE_ELIMINATED;
		r->verdict = IMPORT_NEW;
		import_note(im, r, "此前已消除风险（%s），作为新线索", p->eliminated_on);
	} else {
		r->triage = TRIAGE_NEW;
		r->verdict = IMPORT_NEW;
		import_note(im, r, "新线索");
	}
	if (!first && (r->verdict == IMPORT_NEW || r->verdict == IMPORT_MERGE))
		strmap_put(&im->seen, key, idx);
}

/* Names compare without the spaces people type between characters. */
static int same_name(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
		a++, b++;
	}
}

/* A row whose name is not the registered holder's of its ID is never
 * matched silently: one of the two is wrong, and the officer must say
 * which.  The registered name is shown only inside the officer's area. */
static int name_differs(struct import *im, struct import_row *r, const struct lead_row *d,
                        const struct person *p)
{
	if (same_name(d->name, p->name))
		return 0;
	if (scope_allows(&im->s->scope, p->county, p->township, p->village))
		import_reject(im, r, TRIAGE_NONE, "姓名与登记不符：这个身份证号码登记的姓名是“%s”", p->name);
	else
		import_reject(im, r, TRIAGE_NONE, "姓名与登记不符：这个身份证号码登记在另一个姓名下（不在您的辖区）");
	return 1;
}

/* The same row seen before: in this file, or imported earlier. */
/* The same row earlier in this file. */
static int repeated(struct import *im, long idx, struct import_row *r, const struct lead_row *d)
{
	char key[64];
	snprintf(key, sizeof key, "K:%s", d->key);
	int64_t *first = strmap_get(&im->seen, key);
	if (!first)
		return strmap_put(&im->seen, key, idx), 0;
	r->triage = im->rows[*first].triage;
	r->verdict = IMPORT_SAME;
	import_note(im, r, "与第%ld行相同，未重复添加", im->rows[*first].line);
	return 1;
}

/* The same row imported before: its source is there, so is its lead.  Asked
 * first, so a second import of a list costs one lookup a row. */
static int imported_before(struct import *im, struct import_row *r, const struct lead_row *d)
{
	if (!store_int(im->s->db, 0, "SELECT count(*) FROM lead_sources WHERE import_key = ?", "t", d->key))
		return 0;
	r->triage = TRIAGE_LEAD;
	r->verdict = IMPORT_SAME;
	import_note(im, r, "已导入过，未重复添加");
	return 1;
}

static void check(struct import *im, long idx, struct import_row *r, void **data)
{
	struct lead_row *d = import_alloc(im, sizeof *d);
	if (!d) {
		import_reject(im, r, TRIAGE_NONE, "内存不足");
		return;
	}
	*data = d;
	struct person p;
	if (read_row(im, r, d) != 0)
		return;
	int known = find_person(im, d->id_no, &p);
	d->unregistered = !known;
	if (known && name_differs(im, r, d, &p))
		return;
	if (!(d->village_id = place(im, r, &p, known)))
		return;
	d->household_id = p.household_id;
	make_key(im, d);
	if (!monitored(p.status) && p.status != STATUS_DISSOLVED && imported_before(im, r, d))
		return;
	triage(im, idx, r, d, &p);
	if (r->verdict == IMPORT_NEW || r->verdict == IMPORT_MERGE)
		repeated(im, idx, r, d);
}

/* ---- writing ---- */

/* What each chunk wrote, for the report: another officer's write since the
 * check can make a row the same (their import stored it), a merge (their
 * lead of the person), or refused (the household dissolved meanwhile). */
struct written {
	struct import *im;
	signed char *got;
	long n;
};

static void on_written(void *arg, long idx, enum lead_made made, const char *refusal)
{
	struct written *w = arg;
	import_progress(w->im, "已写入", ++w->n, 0);
	if (made == LEAD_MADE_REFUSED) {
		import_skip(w->im, &w->im->rows[idx], TRIAGE_NONE,
		            "写入时未能登记（其他操作员刚修改了此人或此户）：%s", refusal);
		return;
	}
	w->got[idx] = (signed char)(made == LEAD_MADE_SAME ? IMPORT_SAME
	                            : made == LEAD_MADE_MERGED ? IMPORT_MERGE : IMPORT_NEW);
}

/* The accepted rows, in the order checked, as lead_stage takes them. */
static struct lead_stage_row *plan_rows(struct import *im, long *n)
{
	struct lead_stage_row *rows = malloc((size_t)im->nrows * sizeof *rows + 1);
	*n = 0;
	for (long k = 0; rows && k < im->nrows; k++) {
		long i = im->order ? im->order[k] : k;
		const struct lead_row *d = im->priv[i].data;
		if (im->rows[i].verdict == IMPORT_NEW || im->rows[i].verdict == IMPORT_MERGE)
			rows[(*n)++] = (struct lead_stage_row){ i, input_of(im, d), d->plan };
	}
	return rows;
}

/* Staged, then written a chunk a transaction (flow/lead_stage.c): other
 * officers' saves wait at most one chunk.  Rows another officer's write
 * since the check has touched are decided again by lead_create there. */
static int write_staged(struct import *im, signed char *got, struct jerr *e)
{
	long n;
	struct lead_stage_row *rows = plan_rows(im, &n);
	if (!rows)
		return jerr_set(e, "", "内存不足");
	int64_t run = lead_stage_put(im->s, rows, n, im->audit_mark, e);
	free(rows);
	if (run < 0)
		return -1;
	struct written w = { im, got, 0 };
	int rc = lead_stage_finish(im->s, run, on_written, &w, e);
	import_progress(im, "已写入", w.n, 1);
	if (rc >= 0)
		return 0;
	char why[160];
	snprintf(why, sizeof why, "%.150s", e->msg);
	return jerr_set(e, "", "导入没有写完（%.150s）。文件已检查通过，已写入的部分保留，其余部分已存入数据库，"
	                "下一次启动 jiance 时会自动写完，不必再导入", why);
}

const struct import_kind import_leads_kind = {
	.name = "leads", .check = check, .free = free_known, .sort_field = F_ID_NO,
	.before_check = before_check, .write_staged = write_staged,
};
