/* A county moved into a shared PostgreSQL database (move.h): the plan.
 * The tables and their foreign keys are read from the target's catalog;
 * the columns that hold ids without a declared key are listed below.
 * The copy and its verification are in move_copy.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/move_impl.h"

/* Columns that hold ids without a declared foreign key (read from
 * db/NNN_*.sql): shifted with the table they name, as foreign keys are. */
static const struct { const char *table, *column, *refers; } loose[] = {
	{ "leads", "run_id", "flow_runs" },            /* the run the lead started */
	{ "audit", "officer_id", "officers" },         /* who wrote the row */
	{ "audit", "household_id", "households" },     /* the household it is filed under */
	{ "member_names", "rowid", "members" },        /* the full-text row of a member */
	{ "import_runs", "mark", "audit" },            /* the last audit row its plan saw */
	{ "import_plan", "household_id", "households" },
	{ "import_plan", "village_id", "areas" },
	{ "import_plan", "p_household", "households" },
	{ "import_plan", "p_village", "areas" },
	{ "import_plan", "p_township", "areas" },
};

/* audit.rec names a record of the table audit.tbl names: its id, except
 * for these tables, keyed by another's id (access/audit.h callers). */
static const struct { const char *tbl, *refers; } audit_keyed[] = {
	{ "incomes", "households" },   /* register/income.c: rec is the household */
	{ "postings", "flow_runs" },   /* flow/flow.c: rec is the run */
};

/* audit.old and audit.new of these fields are ids, written in decimal by
 * audit_diff_int (register/household.c, member.c, member_events.c,
 * assist/visit.c, contact.c). */
static const struct { const char *tbl, *field, *refers; } audit_ids[] = {
	{ "households", "village_id", "areas" },
	{ "households", "group_id", "areas" },
	{ "members", "household_id", "households" },
	{ "visits", "contact_id", "contacts" },
	{ "contacts", "area_id", "areas" },
	{ "contacts", "officer_id", "officers" },
};

int move_table_index(const struct move_plan *p, const char *name)
{
	for (int i = 0; i < p->n; i++)
		if (!strcmp(p->t[i].name, name))
			return i;
	return -1;
}

int move_audit_rec_ref(const struct move_plan *p, const char *tbl)
{
	for (size_t i = 0; i < sizeof audit_keyed / sizeof audit_keyed[0]; i++)
		if (!strcmp(audit_keyed[i].tbl, tbl))
			return move_table_index(p, audit_keyed[i].refers);
	int k = move_table_index(p, tbl);
	return k >= 0 && p->t[k].id_col >= 0 ? k : -1;
}

int move_audit_value_ref(const struct move_plan *p, const char *tbl, const char *field)
{
	for (size_t i = 0; i < sizeof audit_ids / sizeof audit_ids[0]; i++)
		if (!strcmp(audit_ids[i].tbl, tbl) && !strcmp(audit_ids[i].field, field))
			return move_table_index(p, audit_ids[i].refers);
	return -1;
}

static void add_table(void *arg, const char *name)
{
	struct move_plan *p = arg;
	if (p->n < MOVE_TABLES)
		snprintf(p->t[p->n++].name, sizeof p->t[0].name, "%s", name);
	else
		p->overflow = 1;
}

static void add_column(void *arg, const char *name, char kind, int pk)
{
	struct move_tbl *t = arg;
	if (t->ncol >= MOVE_COLUMNS) {
		t->ncol = MOVE_COLUMNS + 1;
		return;
	}
	struct move_col *c = &t->col[t->ncol];
	snprintf(c->name, sizeof c->name, "%s", name);
	c->kind = kind;
	c->pk = pk;
	c->ref = REF_NONE;
	if (!strcmp(name, "id") && pk == 1)
		t->id_col = t->ncol;
	t->ncol++;
}

/* Parents by declared foreign keys, gathered to order the tables and to
 * mark what each column refers to. */
struct fk_walk { struct move_plan *p; struct move_tbl *t; int missing; };

static void add_fkey(void *arg, const char *column, const char *parent)
{
	struct fk_walk *w = arg;
	int k = move_table_index(w->p, parent), c = move_column_index(w->t, column);
	if (k < 0 || c < 0) {
		w->missing = 1;
		return;
	}
	w->t->col[c].ref = k;
	if (k != w->t - w->p->t && w->t->nparents < MOVE_TABLES)
		w->t->parents[w->t->nparents++] = k;
}

int move_column_index(const struct move_tbl *t, const char *name)
{
	for (int i = 0; i < t->ncol && i < MOVE_COLUMNS; i++)
		if (!strcmp(t->col[i].name, name))
			return i;
	return -1;
}

static int mark_loose(struct move_plan *p, struct jerr *e)
{
	for (size_t i = 0; i < sizeof loose / sizeof loose[0]; i++) {
		int t = move_table_index(p, loose[i].table), k = move_table_index(p, loose[i].refers);
		int c = t >= 0 ? move_column_index(&p->t[t], loose[i].column) : -1;
		if (c < 0 || k < 0)
			return jerr_set(e, "", "数据库结构中没有 %s.%s 或 %s：本程序的迁移与数据库结构不一致",
			                loose[i].table, loose[i].column, loose[i].refers);
		p->t[t].col[c].ref = k;
	}
	int a = move_table_index(p, "audit");
	if (a < 0)
		return jerr_set(e, "", "数据库中没有审计表 audit");
	struct move_tbl *t = &p->t[a];
	int rec = move_column_index(t, "rec"), tbl = move_column_index(t, "tbl"),
	    field = move_column_index(t, "field"), old = move_column_index(t, "old"),
	    new_value = move_column_index(t, "new");
	if (rec < 0 || tbl < 0 || field < 0 || old < 0 || new_value < 0)
		return jerr_set(e, "", "审计表 audit 的列与本程序的不一致");
	t->col[rec].ref = REF_AUDIT_REC;
	t->col[old].ref = t->col[new_value].ref = REF_AUDIT_VALUE;
	t->audit_tbl = tbl;
	t->audit_field = field;
	return 0;
}

/* Parents first: the order the foreign keys allow (a table that refers to
 * itself, areas, goes in id order, parents before their children). */
static int order_tables(struct move_plan *p, struct jerr *e)
{
	int placed[MOVE_TABLES] = { 0 };
	p->norder = 0;
	while (p->norder < p->n) {
		int progress = 0;
		for (int i = 0; i < p->n; i++) {
			int ready = !placed[i];
			for (int k = 0; ready && k < p->t[i].nparents; k++)
				ready = placed[p->t[i].parents[k]];
			if (ready) {
				placed[i] = 1;
				p->order[p->norder++] = i;
				progress = 1;
			}
		}
		if (!progress)
			return jerr_set(e, "", "数据库的外键成环，无法确定写入顺序");
	}
	return 0;
}

/* The key that tells the county's rows from those already there: its own
 * id, else the first column of its primary key that names an id. */
static int pick_key(struct move_tbl *t)
{
	if (t->id_col >= 0)
		return t->id_col;
	for (int pk = 1; pk <= t->ncol; pk++)
		for (int c = 0; c < t->ncol; c++)
			if (t->col[c].pk == pk && t->col[c].ref >= 0)
				return c;
	return -1;
}

static int read_table(struct store *dst, struct move_plan *p, int i, struct jerr *e)
{
	struct move_tbl *t = &p->t[i];
	t->id_col = -1;
	t->audit_tbl = t->audit_field = -1;
	if (store_columns(dst, t->name, add_column, t) != 0 || t->ncol == 0)
		return jerr_set(e, "", "无法读取表 %s 的结构：%s", t->name, store_errmsg(dst));
	if (t->ncol > MOVE_COLUMNS)
		return jerr_set(e, "", "表 %s 的列超过 %d 个", t->name, MOVE_COLUMNS);
	if (t->id_col >= 0)
		t->col[t->id_col].ref = i;
	return 0;
}

int move_plan_read(struct store *dst, struct move_plan *p, struct jerr *e)
{
	memset(p, 0, sizeof *p);
	if (store_tables(dst, add_table, p) != 0)
		return jerr_set(e, "", "无法读取目标数据库的表：%s", store_errmsg(dst));
	if (p->overflow)
		return jerr_set(e, "", "目标数据库的表超过 %d 个", MOVE_TABLES);
	for (int i = 0; i < p->n; i++)
		if (read_table(dst, p, i, e) != 0)
			return -1;
	for (int i = 0; i < p->n; i++) {
		struct fk_walk w = { p, &p->t[i], 0 };
		if (store_foreign_keys(dst, p->t[i].name, add_fkey, &w) != 0 || w.missing)
			return jerr_set(e, "", "无法读取表 %s 的外键：%s", p->t[i].name, store_errmsg(dst));
	}
	if (mark_loose(p, e) != 0 || order_tables(p, e) != 0)
		return -1;
	for (int i = 0; i < p->n; i++) {
		struct move_tbl *t = &p->t[i];
		t->skip = !strcmp(t->name, "drafts");
		if (!t->skip && (t->key = pick_key(t)) < 0)
			return jerr_set(e, "", "表 %s 没有可区分各县记录的编号列", t->name);
	}
	return 0;
}
