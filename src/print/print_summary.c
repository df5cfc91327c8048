/* The summary report: counts by village, status and type, and the
 * identifications and eliminations of each month as bar charts. */
#include "print/print_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/area.h"

#define MONITORED "h.status IN ('监测中','消除中','风险已消除')"
#define COUNT(cond) "count(*) FILTER (WHERE " cond ")"

static const char BY_VILLAGE[] =
	"SELECT min(t.name), min(v.name), " COUNT(MONITORED) ","
	" coalesce(sum(h.size) FILTER (WHERE " MONITORED "), 0),"
	" " COUNT("h.status = '监测中'") ", " COUNT("h.status = '消除中'") ","
	" " COUNT("h.status = '风险已消除'") ","
	" " COUNT(MONITORED " AND h.hh_type = '脱贫不稳定户'") ","
	" " COUNT(MONITORED " AND h.hh_type = '边缘易致贫户'") ","
	" " COUNT(MONITORED " AND h.hh_type = '突发严重困难户'") ","
	" " COUNT("h.status = '线索'") ", " COUNT("h.status = '识别中'") ","
	" " COUNT("h.status = '未纳入'")
	" FROM households h JOIN areas t ON t.id = h.township_id JOIN areas v ON v.id = h.village_id";
/* one township and village a group: their names and codes through min(),
 * which PostgreSQL takes for columns not grouped by */
static const char BY_VILLAGE_TAIL[] = " GROUP BY h.village_id ORDER BY min(t.code), min(v.code)";

/* count columns of BY_VILLAGE, after the two names */
enum { C_HH, C_PEOPLE, C_MON, C_ELIMINATING, C_DONE, C_T1, C_T2, C_T3, C_LEAD, C_IDENT, C_NO, NC };
static const char *const HEADERS[NC] = {
	"监测户数", "监测人数", "监测中", "消除中", "风险已消除", "脱贫不稳定户", "边缘易致贫户",
	"突发严重困难户", "线索", "识别中", "未纳入",
};

struct counts { long v[NC]; };

struct table_out {
	struct print_ctx *c;
	struct print_table pt;
	struct export_sink *sink;
	int names;      /* 1: village only, 2: township and village */
};

static int header(struct table_out *t)
{
	const char *names[NC + 2];
	enum col_type types[NC + 2];
	int k = 0;
	if (t->names == 2)
		names[k] = "乡镇", types[k++] = COL_TEXT;
	names[k] = "村（社区）", types[k++] = COL_TEXT;
	for (int i = 0; i < NC; i++)
		names[k] = HEADERS[i], types[k++] = COL_INT;
	return t->sink->header(t->sink->ctx, k, names, types);
}

static int row(struct table_out *t, const char *township, const char *village,
               const struct counts *n)
{
	char bufs[NC][24];
	const char *v[NC + 2];
	int k = 0;
	if (t->names == 2)
		v[k++] = township;
	v[k++] = village;
	for (int i = 0; i < NC; i++) {
		snprintf(bufs[i], sizeof bufs[i], "%ld", n->v[i]);
		v[k++] = bufs[i];
	}
	return t->sink->row(t->sink->ctx, k, v);
}

/* The same counts over the whole area: BY_VILLAGE without its GROUP BY. */
static int totals(struct print_ctx *c, struct counts *all, struct jerr *e)
{
	struct stmt *st = hhlist_prepare(c->s, &c->f, BY_VILLAGE, "");
	int rc = st ? stmt_step(st) : -1;
	for (int i = 0; i < NC; i++)
		all->v[i] = rc == 1 ? (long)stmt_int(st, 2 + i) : 0;
	stmt_done(st);
	return rc < 0 ? jerr_set(e, "", "无法查询: %s", store_errmsg(c->s->db)) : 0;
}

/* The table by village, with a 合计 row. */
static int by_village(struct print_ctx *c, int names, struct jerr *e)
{
	struct counts sum, *all = &sum;
	struct table_out t = { c, { 0 }, NULL, names };
	t.sink = print_table_sink(c, &t.pt, 8.5, 0);
	struct stmt *st = hhlist_prepare(c->s, &c->f, BY_VILLAGE, BY_VILLAGE_TAIL);
	if (!st)
		return jerr_set(e, "", "无法查询: %s", store_errmsg(c->s->db));
	memset(all, 0, sizeof *all);
	int rc = header(&t);
	while (rc == 0 && (rc = stmt_step(st)) == 1) {
		struct counts n;
		for (int i = 0; i < NC; i++) {
			n.v[i] = (long)stmt_int(st, 2 + i);
			all->v[i] += n.v[i];
		}
		rc = row(&t, stmt_text(st, 0), stmt_text(st, 1), &n);
		c->count++;
	}
	stmt_done(st);
	if (rc == 0)
		rc = row(&t, "合计", names == 2 ? "" : "合计", all);
	if (rc == 0 && t.sink->finish)
		rc = t.sink->finish(t.sink->ctx);
	return rc == 0 ? 0 : jerr_set(e, "", "查询或写出失败: %s", store_errmsg(c->s->db));
}

/* ---- by month ---- */

#define MAX_MONTHS 120

struct months { int n; char label[MAX_MONTHS][12]; double v[MAX_MONTHS * 2]; };

static void month_labels(const struct print_ctx *c, struct months *m)
{
	int y = atoi(c->from), mo = atoi(c->from + 5), ty = atoi(c->to), tm = atoi(c->to + 5);
	m->n = 0;
	while ((y < ty || (y == ty && mo <= tm)) && m->n < MAX_MONTHS) {
		snprintf(m->label[m->n++], sizeof m->label[0], "%04d-%02d", y % 10000, mo % 100);
		if (++mo > 12) {
			mo = 1;
			y++;
		}
	}
}

static int month_counts(struct print_ctx *c, const char *head, const char *tail, struct months *m,
                        int series)
{
	struct stmt *st = hhlist_prepare(c->s, &c->f, head, tail);
	if (!st)
		return -1;
	stmt_bind_text(st, P_X2, c->from);
	stmt_bind_text(st, P_X3, c->to);
	int rc;
	while ((rc = stmt_step(st)) == 1)
		for (int i = 0; i < m->n; i++)
			if (!strcmp(m->label[i], stmt_text(st, 0)))
				m->v[i * 2 + series] = (double)stmt_int(st, 1);
	stmt_done(st);
	return rc;
}

static int by_month(struct print_ctx *c, struct months *m, struct jerr *e)
{
	memset(m, 0, sizeof *m);
	month_labels(c, m);
	if (month_counts(c, "SELECT substr(h.identified_on, 1, 7), count(*) FROM households h",
	                 " AND h.identified_on BETWEEN ?21 AND ?22 GROUP BY 1", m, 0) != 0 ||
	    month_counts(c, "SELECT substr(h.eliminated_on, 1, 7), count(*) FROM households h",
	                 " AND h.eliminated_on BETWEEN ?21 AND ?22 GROUP BY 1", m, 1) != 0)
		return jerr_set(e, "", "无法查询: %s", store_errmsg(c->s->db));
	return 0;
}

static void month_table(struct print_ctx *c, const struct months *m)
{
	static const struct pdf_col cols[] = {
		{ "月份", PDF_CENTER, 1, 0 }, { "识别纳入（户）", PDF_RIGHT, 1, 0 },
		{ "标注风险消除（户）", PDF_RIGHT, 1, 0 },
	};
	pdf_table_begin(c->pdf, 3, cols, 9, PDF_T_HEADER);
	for (int i = 0; i < m->n; i++) {
		char a[16], b[16];
		snprintf(a, sizeof a, "%.0f", m->v[i * 2]);
		snprintf(b, sizeof b, "%.0f", m->v[i * 2 + 1]);
		const char *v[] = { m->label[i], a, b };
		pdf_table_row(c->pdf, v);
	}
	pdf_table_end(c->pdf);
}

/* ---- the report ---- */

static void overview(struct print_ctx *c, const struct counts *a, const struct months *m)
{
	double idents = 0, elims = 0;
	for (int i = 0; i < m->n; i++) {
		idents += m->v[i * 2];
		elims += m->v[i * 2 + 1];
	}
	char date[32], from[32], to[32], text[1024];
	print_cn_date(c->today, date, sizeof date);
	print_cn_date(c->from, from, sizeof from);
	print_cn_date(c->to, to, sizeof to);
	snprintf(text, sizeof text, "截至%s，%s共有%s%ld户%ld人。其中风险未消除%ld户（监测中%ld户、"
	         "消除中%ld户），风险已消除%ld户；按类型分，脱贫不稳定户%ld户、边缘易致贫户%ld户、"
	         "突发严重困难户%ld户。另有线索%ld户、识别中%ld户。%s至%s，新识别纳入%.0f户，"
	         "标注风险消除%.0f户。", date, c->area_name, c->s->cfg->object_name, a->v[C_HH], a->v[C_PEOPLE],
	         a->v[C_MON] + a->v[C_ELIMINATING], a->v[C_MON], a->v[C_ELIMINATING], a->v[C_DONE],
	         a->v[C_T1], a->v[C_T2], a->v[C_T3], a->v[C_LEAD], a->v[C_IDENT], from, to, idents,
	         elims);
	pdf_text(c->pdf, PDF_PARA, text);
}

static void monthly(struct print_ctx *c, const struct months *m)
{
	const char *labels[MAX_MONTHS], *names[] = { "识别纳入", "标注风险消除" };
	for (int i = 0; i < m->n; i++)
		labels[i] = m->label[i];
	pdf_chart(c->pdf, "识别纳入和标注风险消除户数（按月）", m->n, labels, 2, names, m->v);
	month_table(c, m);
}

int print_summary(struct print_ctx *c, struct jerr *e)
{
	struct area a;
	int level = c->o->area_id && area_get(c->s->db, c->o->area_id, &a) == 1 ? a.level
	                                                                        : c->s->scope.level;
	int names = level == LEVEL_COUNTY ? 2 : 1;
	char title[256], extra[128];
	snprintf(title, sizeof title, "%s防止返贫监测帮扶情况汇总", c->area_name);
	snprintf(extra, sizeof extra, "统计期间：%s至%s", c->from, c->to);
	print_heading(c, title, extra);
	if (!c->pdf)
		return by_village(c, names, e);
	struct counts all;
	struct months *m = calloc(1, sizeof *m);
	if (!m)
		return jerr_set(e, "", "内存不足");
	int rc = totals(c, &all, e);
	if (rc == 0)
		rc = by_month(c, m, e);
	if (rc == 0) {
		pdf_text(c->pdf, PDF_HEADING, "一、总体情况");
		overview(c, &all, m);
		pdf_text(c->pdf, PDF_HEADING, "二、分村（社区）统计");
		rc = by_village(c, names, e);
	}
	if (rc == 0) {
		pdf_text(c->pdf, PDF_NOTE, "注：监测户数含监测中、消除中和风险已消除，类型按监测户统计；已注销户不计。");
		pdf_keep(c->pdf, 95);   /* the heading stays with its chart */
		pdf_text(c->pdf, PDF_HEADING, "三、按月识别纳入和标注风险消除");
		monthly(c, m);
	}
	free(m);
	return rc;
}
