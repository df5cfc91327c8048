/* Print kinds, the job a screen or command prepares, and the helpers the
 * documents share. */
#include "print/print_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/area.h"
#include "access/scope.h"

static const struct print_kind_info KINDS[PRINT_KIND_COUNT] = {
	{ PRINT_ID_NOTICE, "identification-notice", "识别公示", "监测对象识别公示",
	  "公示开始日期在期间内的（默认：正在公示的）" },
	{ PRINT_ELIM_NOTICE, "elimination-notice", "消除公示", "风险消除公示",
	  "公示开始日期在期间内的（默认：正在公示的）" },
	{ PRINT_ANNOUNCEMENT, "county-announcement", "审定公告", "县级审定公告",
	  "县级审定日期在期间内的（默认：最近30天）" },
	{ PRINT_LEDGER, "ledger", "台账", "监测户台账", NULL },
	{ PRINT_MEASURES, "measures-ledger", "措施台账", "帮扶措施台账", NULL },
	{ PRINT_VISIT_FORMS, "visit-forms", "走访表", "走访记录表", NULL },
	{ PRINT_SUMMARY, "summary", "汇总", "监测帮扶汇总报告",
	  "按月统计的期间（默认：最近12个月）" },
};

const struct print_kind_info *print_kind_info(enum print_kind k)
{
	return k >= 0 && k < PRINT_KIND_COUNT ? &KINDS[k] : NULL;
}

int print_kind_find(const char *name)
{
	static const char *const more[][2] = {
		{ "识别纳入公示", "identification-notice" }, { "风险消除公示", "elimination-notice" },
		{ "公告", "county-announcement" }, { "announcement", "county-announcement" },
		{ "帮扶措施台账", "measures-ledger" }, { "measures", "measures-ledger" },
		{ "走访记录表", "visit-forms" }, { "汇总报告", "summary" }, { "汇总表", "summary" },
	};
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		if (!strcmp(name, more[i][0]))
			name = more[i][1];
	for (int k = 0; k < PRINT_KIND_COUNT; k++)
		if (!strcmp(name, KINDS[k].name) || !strcmp(name, KINDS[k].zh) ||
		    !strcmp(name, KINDS[k].title))
			return k;
	return -1;
}

/* ---- areas ---- */

int print_find_area(struct session *s, const char *name, int64_t *area_id, struct jerr *e)
{
	struct area a;
	struct jerr why = { 0 };
	int rc = area_find_village(s->db, NULL, name, &a, &why);
	if (rc == 1) {
		*area_id = a.id;
	} else {
		if (rc < 0)
			return jerr_set(e, "", "%s", why.msg);
		/* a township works too: the whole township's documents */
		*area_id = store_int(s->db, 0, "SELECT id FROM areas WHERE level = 2 AND name = ?", "t",
		                     name);
		if (!*area_id)
			return jerr_set(e, "", "找不到村（社区）或乡镇“%s”", name);
	}
	if (!scope_area(s, *area_id))
		return jerr_set(e, "", "“%s”不在您的辖区（%s）内", name, s->me.area_name);
	return 0;
}

static void area_name(struct session *s, int64_t id, char *out, size_t n)
{
	struct area a;
	if (area_get(s->db, id, &a) != 1)
		snprintf(out, n, "%s", s->me.area_name);
	else if (a.level >= LEVEL_TOWNSHIP)
		area_full_name(s->db, a.level == LEVEL_GROUP ? a.village_id : id, out, n);
	else
		snprintf(out, n, "%s", a.name);
}

/* ---- the context a document is made in ---- */

static int resolve_period(struct print_ctx *c, const struct print_opts *o, struct jerr *e)
{
	const struct print_kind_info *k = print_kind_info(o->kind);
	int given = o->from != JDAY_NONE || o->to != JDAY_NONE;
	if (!k->period)
		return given ? jerr_set(e, "", "%s不按期间选取，请去掉 --from/--to", k->title) : 0;
	jday today = clock_today(), from = o->from, to = o->to;
	c->default_period = !given;
	if (!given && o->kind == PRINT_ANNOUNCEMENT) {
		from = today - 30;
		to = today;
	} else if (!given && o->kind == PRINT_SUMMARY) {
		int y, m, d;
		date_to_ymd(today, &y, &m, &d);
		m -= 11;
		if (m < 1) {
			m += 12;
			y--;
		}
		from = date_from_ymd(y, m, 1);
		to = today;
	} else if (!given) {
		return 0;      /* notices: what is being posted now */
	}
	if (to == JDAY_NONE)
		to = today;
	if (from == JDAY_NONE) {
		int y, m, d;
		date_to_ymd(to, &y, &m, &d);
		from = date_from_ymd(y, 1, 1);
	}
	date_fmt(from, c->from);
	date_fmt(to, c->to);
	if (from > to)
		return jerr_set(e, "", "开始日期 %s 晚于结束日期 %s", c->from, c->to);
	return 0;
}

static int ctx_init(struct session *s, const struct print_opts *o, struct print_ctx *c,
                    struct jerr *e)
{
	memset(c, 0, sizeof *c);
	c->s = s;
	c->o = o;
	if (!print_kind_info(o->kind))
		return jerr_set(e, "", "不认识的文档类别");
	date_fmt(clock_today(), c->today);
	if (o->area_id && !scope_area(s, o->area_id))
		return jerr_set(e, "", "所选区划不在您的辖区（%s）内", s->me.area_name);
	c->f.village_id = o->area_id;
	area_name(s, o->area_id ? o->area_id : s->scope.area_id, c->area_name, sizeof c->area_name);
	return resolve_period(c, o, e);
}

static int run_doc(struct print_ctx *c, struct jerr *e)
{
	switch (c->o->kind) {
	case PRINT_ID_NOTICE:
	case PRINT_ELIM_NOTICE: return print_notices(c, e);
	case PRINT_ANNOUNCEMENT: return print_announcement(c, e);
	case PRINT_LEDGER: return print_ledger(c, e);
	case PRINT_MEASURES: return print_measures(c, e);
	case PRINT_VISIT_FORMS: return print_visit_forms(c, e);
	case PRINT_SUMMARY: return print_summary(c, e);
	default: return jerr_set(e, "", "不认识的文档类别");
	}
}

/* Notices and forms are portrait; ledgers and the summary turn landscape
 * when their tables need it. */
static enum pdf_orient orient_of(enum print_kind k)
{
	return k == PRINT_LEDGER || k == PRINT_MEASURES || k == PRINT_SUMMARY ? PDF_AUTO
	                                                                       : PDF_PORTRAIT;
}

/* ---- the job ---- */

struct print_job {
	struct session *s;
	struct pdf_doc *pdf;
	char title[400];
	char today[11];
	long count;
	int pages;
};

struct print_job *print_prepare(struct session *s, const struct print_opts *o, struct jerr *e)
{
	struct print_ctx c;
	if (ctx_init(s, o, &c, e) != 0)
		return NULL;
	struct print_job *j = calloc(1, sizeof *j);
	c.pdf = j ? pdf_new(s->cfg ? s->cfg->pdf_font : NULL, orient_of(o->kind)) : NULL;
	if (!c.pdf) {
		free(j);
		jerr_set(e, "", "内存不足，无法生成文档");
		return NULL;
	}
	j->s = s;
	j->pdf = c.pdf;
	if (run_doc(&c, e) != 0) {
		print_free(j);
		return NULL;
	}
	pdf_set_meta(c.pdf, c.title, c.area_name);
	j->pages = pdf_layout(c.pdf, e);
	if (j->pages < 0) {
		print_free(j);
		return NULL;
	}
	snprintf(j->title, sizeof j->title, "%s", c.title);
	snprintf(j->today, sizeof j->today, "%s", c.today);
	j->count = c.count;
	return j;
}

int print_pages(const struct print_job *j) { return j->pages; }
long print_count(const struct print_job *j) { return j->count; }
const char *print_title(const struct print_job *j) { return j->title; }
int print_is_landscape(const struct print_job *j) { return pdf_landscape(j->pdf); }

struct pdf_doc *print_job_pdf(struct print_job *j) { return j->pdf; }
struct session *print_job_session(struct print_job *j) { return j->s; }

void print_file_name(const struct print_job *j, char *out, size_t n)
{
	char stem[400];
	snprintf(stem, sizeof stem, "%s", *j->title ? j->title : "jiance");
	for (char *p = stem; *p; p++)
		if (*p == '/' || *p == ' ' || *p == '\t' || *p == '\\')
			*p = '_';
	snprintf(out, n, "%s_%s.pdf", stem, j->today);
}

void print_free(struct print_job *j)
{
	if (!j)
		return;
	pdf_free(j->pdf);
	free(j);
}

long print_csv(struct session *s, const struct print_opts *o, FILE *out, struct jerr *e)
{
	struct print_ctx c;
	struct export_sink sink;
	if (ctx_init(s, o, &c, e) != 0)
		return -1;
	export_csv_sink(&sink, out);
	c.csv = &sink;
	if (run_doc(&c, e) != 0)
		return -1;
	return c.count;
}

void print_shutdown(void) { pdf_shutdown(); }

/* ---- helpers for the documents ---- */

void print_cn_date(const char *iso, char *out, size_t n)
{
	int y, m, d;
	jday day = date_iso(iso);
	if (day == JDAY_NONE) {
		snprintf(out, n, "%s", iso);
		return;
	}
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, n, "%d年%d月%d日", y, m, d);
}

const char *print_cn_number(int n, char *buf, size_t size)
{
	static const char *const digit[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	if (n <= 0 || n >= 100)
		snprintf(buf, size, "%d", n);
	else if (n < 10)
		snprintf(buf, size, "%s", digit[n]);
	else
		snprintf(buf, size, "%s十%s", n / 10 > 1 ? digit[n / 10] : "", n % 10 ? digit[n % 10] : "");
	return buf;
}

void print_heading(struct print_ctx *c, const char *title, const char *extra)
{
	char date[32], line[512];
	snprintf(c->title, sizeof c->title, "%s", title);
	if (!c->pdf)
		return;
	print_cn_date(c->today, date, sizeof date);
	snprintf(line, sizeof line, "制表单位：%s　　制表人：%s　　制表日期：%s%s%s", c->s->me.area_name,
	         c->s->me.name, date, *extra ? "　　" : "", extra);
	pdf_text(c->pdf, PDF_TITLE, title);
	pdf_text(c->pdf, PDF_SUBTITLE, line);
}

/* ---- the table sink ---- */

#define MAX_TCOLS 66

static struct pdf_col col_of(const char *header, enum col_type type)
{
	switch (type) {
	case COL_INT:
	case COL_MONEY: return (struct pdf_col){ header, PDF_RIGHT, 1, 0 };
	case COL_DATE: return (struct pdf_col){ header, PDF_CENTER, 1, 0 };
	default: return (struct pdf_col){ header, PDF_LEFT, 0, 0 };
	}
}

static int tbl_header(void *ctx, int n, const char *const *names, const enum col_type *types)
{
	struct print_table *t = ctx;
	struct pdf_col cols[MAX_TCOLS];
	int k = 0;
	if (t->seq)
		cols[k++] = (struct pdf_col){ "序号", PDF_CENTER, 1, 0 };
	for (int i = 0; i < n && k < MAX_TCOLS; i++)
		cols[k++] = col_of(names[i], types[i]);
	pdf_table_begin(t->c->pdf, k, cols, t->size, PDF_T_HEADER);
	return 0;
}

static int tbl_row(void *ctx, int n, const char *const *v)
{
	struct print_table *t = ctx;
	const char *vals[MAX_TCOLS];
	char seq[24];
	int k = 0;
	if (t->seq) {
		snprintf(seq, sizeof seq, "%ld", t->rows + 1);
		vals[k++] = seq;
	}
	for (int i = 0; i < n && k < MAX_TCOLS; i++)
		vals[k++] = v[i];
	pdf_table_row(t->c->pdf, vals);
	t->rows++;
	return 0;
}

static int tbl_finish(void *ctx)
{
	struct print_table *t = ctx;
	pdf_table_end(t->c->pdf);
	return 0;
}

struct export_sink *print_table_sink(struct print_ctx *c, struct print_table *t, double size,
                                     int seq)
{
	*t = (struct print_table){ c, { t, tbl_header, tbl_row, tbl_finish }, size, seq, 0 };
	return c->pdf ? &t->sink : c->csv;
}
