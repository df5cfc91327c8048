/* Public documents (SPEC §8): the village notices of step 3 (监测对象识别
 * 公示, 风险消除公示) and the announcement of step 5 decisions, issued in the
 * township's name and posted in the village.  Their tables carry only the
 * columns privacy.c allows on a notice, and every cell comes from a field
 * of that list, so nothing else can reach the paper. */
#include "print/print_impl.h"

#include <stdlib.h>
#include <string.h>

#include "flow/flow.h"
#include "register/privacy.h"
#include "base/vocab.h"

struct nrow {
	int64_t village_id, township_id;
	char start[11], end[11];        /* posting period; decision date twice for 公告 */
	char group[64], head[64], hh_type[24], method[16];
	enum flow_kind kind;
	char village[96], township[96];
	int size;
	int line_year, line_yuan;       /* the line kept with the run; 0: none kept */
};

struct nrows { struct nrow *v; int n, cap; };

/* Both queries give the same columns, read by push(). */
#define NOTICE_JOINS " JOIN areas v ON v.id = h.village_id JOIN areas t ON t.id = h.township_id" \
	" LEFT JOIN areas g ON g.id = h.group_id"

/* What the monitored households are called (names.object). */
#define OBJ(c) ((c)->s->cfg->object_name)

static const char POSTED_HEAD[] = "SELECT h.village_id, h.township_id, p.start_on, p.end_on,"
	" COALESCE(g.name, ''), h.head_name, h.size, COALESCE(r.hh_type, h.hh_type, ''),"
	" COALESCE(r.elim_method, h.elim_method, ''), v.name, t.name, r.kind,"
	" COALESCE(r.line_year, 0), COALESCE(r.line_yuan, 0)"
	" FROM households h JOIN flow_runs r ON r.household_id = h.id"
	" JOIN postings p ON p.run_id = r.id" NOTICE_JOINS;
static const char POSTED_NOW[] = " AND r.kind = ?20 AND r.state = '进行中' AND r.step = 3"
	" ORDER BY t.code, v.code, p.start_on, p.end_on, g.code, h.head_pinyin, h.id";
static const char POSTED_PERIOD[] = " AND r.kind = ?20 AND p.start_on BETWEEN ?21 AND ?22"
	" ORDER BY t.code, v.code, p.start_on, p.end_on, g.code, h.head_pinyin, h.id";

static const char DECIDED_HEAD[] = "SELECT h.village_id, h.township_id, s.done_on, s.done_on,"
	" COALESCE(g.name, ''), h.head_name, h.size, COALESCE(r.hh_type, h.hh_type, ''),"
	" COALESCE(r.elim_method, h.elim_method, ''), v.name, t.name, r.kind,"
	" COALESCE(r.line_year, 0), COALESCE(r.line_yuan, 0)"
	" FROM households h JOIN flow_runs r ON r.household_id = h.id"
	" JOIN flow_steps s ON s.run_id = r.id" NOTICE_JOINS;
static const char DECIDED_TAIL[] = " AND s.step = 5 AND s.outcome = '通过'"
	" AND s.done_on BETWEEN ?21 AND ?22"
	" ORDER BY t.code, v.code, r.kind <> '识别纳入', g.code, h.head_pinyin, h.id";

static int push(struct nrows *rs, struct stmt *st)
{
	if (rs->n == rs->cap) {
		int cap = rs->cap ? rs->cap * 2 : 64;
		struct nrow *v = realloc(rs->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		rs->v = v;
		rs->cap = cap;
	}
	struct nrow *r = &rs->v[rs->n];
	if (flow_kind_from_text(stmt_text(st, 11), &r->kind) != 0)
		return 0;   /* the schema allows no other */
	rs->n++;
	r->village_id = stmt_int(st, 0);
	r->township_id = stmt_int(st, 1);
#define TXT(f, col) snprintf(r->f, sizeof r->f, "%s", stmt_text(st, col))
	TXT(start, 2); TXT(end, 3); TXT(group, 4); TXT(head, 5);
	r->size = (int)stmt_int(st, 6);
	TXT(hh_type, 7); TXT(method, 8); TXT(village, 9); TXT(township, 10);
#undef TXT
	r->line_year = (int)stmt_int(st, 12);
	r->line_yuan = (int)stmt_int(st, 13);
	if (r->kind == FLOW_IDENTIFY)
		r->method[0] = 0;   /* an old elimination of a re-identified household */
	return 0;
}

static int read_rows(struct print_ctx *c, const char *head, const char *tail, const char *kind,
                     struct nrows *rs, struct jerr *e)
{
	struct stmt *st = hhlist_prepare(c->s, &c->f, head, tail);
	if (!st)
		return jerr_set(e, "", "无法查询: %s", store_errmsg(c->s->db));
	if (kind)
		stmt_bind_text(st, P_X1, kind);
	stmt_bind_text(st, P_X2, c->from);
	stmt_bind_text(st, P_X3, c->to);
	int rc;
	while ((rc = stmt_step(st)) == 1)
		if (push(rs, st) != 0) {
			rc = -2;
			break;
		}
	stmt_done(st);
	if (rc == -2)
		return jerr_set(e, "", "内存不足");
	return rc < 0 ? jerr_set(e, "", "查询失败: %s", store_errmsg(c->s->db)) : 0;
}

/* ---- the table: fields, each checked by privacy.c ---- */

struct ncol { const char *field, *header; enum pdf_align align; int keep; };

static const struct ncol ID_COLS[] = {
	{ "seq", "序号", PDF_CENTER, 1 }, { "group", "村民小组", PDF_LEFT, 0 },
	{ "head_name", "户主姓名", PDF_LEFT, 0 }, { "size", "家庭人口", PDF_CENTER, 1 },
	{ "hh_type", "监测对象类型", PDF_LEFT, 0 },
};
static const struct ncol ELIM_COLS[] = {
	{ "seq", "序号", PDF_CENTER, 1 }, { "group", "村民小组", PDF_LEFT, 0 },
	{ "head_name", "户主姓名", PDF_LEFT, 0 }, { "size", "家庭人口", PDF_CENTER, 1 },
	{ "elim_method", "风险消除方式", PDF_LEFT, 0 },
};
/* the announcement as CSV: both kinds in one table */
static const struct ncol DECIDED_CSV_COLS[] = {
	{ "seq", "序号", PDF_CENTER, 1 }, { "group", "村民小组", PDF_LEFT, 0 },
	{ "head_name", "户主姓名", PDF_LEFT, 0 }, { "size", "家庭人口", PDF_CENTER, 1 },
	{ "hh_type", "监测对象类型", PDF_LEFT, 0 }, { "elim_method", "风险消除方式", PDF_LEFT, 0 },
};
#define NCOLS 5
#define MAXCOLS 6
static const struct ncol CSV_VILLAGE = { "village", "村（社区）", PDF_LEFT, 0 };

static const char *cell(const struct nrow *r, const char *field, int seq, char *buf, size_t n)
{
	if (!strcmp(field, "seq") || !strcmp(field, "size")) {
		snprintf(buf, n, "%d", !strcmp(field, "seq") ? seq : r->size);
		return buf;
	}
	if (!strcmp(field, "group")) return r->group;
	if (!strcmp(field, "head_name")) return r->head;
	if (!strcmp(field, "hh_type")) return r->hh_type;
	if (!strcmp(field, "elim_method")) return r->method;
	if (!strcmp(field, "village")) return r->village;
	return "";
}

static int check_cols(const struct ncol *cols, int n, struct jerr *e)
{
	const char *fields[MAXCOLS + 1];
	for (int i = 0; i < n; i++)
		fields[i] = cols[i].field;
	fields[n] = CSV_VILLAGE.field;
	return privacy_notice_columns(fields, n + 1, e);
}

/* A column's header; the type's names the object as configured. */
static const char *header_of(struct print_ctx *c, const struct ncol *col, char *buf, size_t n)
{
	if (strcmp(col->field, "hh_type") != 0)
		return col->header;
	snprintf(buf, n, "%s类型", OBJ(c));
	return buf;
}

static void pdf_rows(struct print_ctx *c, const struct ncol *cols, const struct nrow *r, int n)
{
	struct pdf_col pc[NCOLS];
	char head[NCOLS][96];
	for (int i = 0; i < NCOLS; i++)
		pc[i] = (struct pdf_col){ header_of(c, &cols[i], head[i], sizeof head[i]), cols[i].align,
		                          cols[i].keep, 0 };
	/* a short 序号 column and room for names, not a stretched number column */
	pc[0].weight = pc[3].weight = 0.3;
	pdf_table_begin(c->pdf, NCOLS, pc, 11, PDF_T_HEADER);
	for (int k = 0; k < n; k++) {
		char bufs[NCOLS][32];
		const char *v[NCOLS];
		for (int i = 0; i < NCOLS; i++)
			v[i] = cell(&r[k], cols[i].field, k + 1, bufs[i], sizeof bufs[i]);
		pdf_table_row(c->pdf, v);
	}
	pdf_table_end(c->pdf);
}

/* CSV: one table for all notices, the village in front, numbered within
 * each notice as on paper. */
static int csv_rows(struct print_ctx *c, const struct ncol *cols, int ncols, const struct nrow *r,
                    int n, int (*same)(const struct nrow *, const struct nrow *))
{
	const char *names[MAXCOLS + 1] = { CSV_VILLAGE.header };
	enum col_type types[MAXCOLS + 1] = { COL_TEXT };
	char head[MAXCOLS][96];
	for (int i = 0; i < ncols; i++) {
		names[i + 1] = header_of(c, &cols[i], head[i], sizeof head[i]);
		types[i + 1] = cols[i].keep ? COL_INT : COL_TEXT;
	}
	if (c->csv->header(c->csv->ctx, ncols + 1, names, types) != 0)
		return -1;
	for (int k = 0, seq = 1; k < n; k++) {
		char bufs[MAXCOLS][32];
		const char *v[MAXCOLS + 1] = { r[k].village };
		seq = k && same(&r[k - 1], &r[k]) ? seq + 1 : 1;
		for (int i = 0; i < ncols; i++)
			v[i + 1] = cell(&r[k], cols[i].field, seq, bufs[i], sizeof bufs[i]);
		if (c->csv->row(c->csv->ctx, ncols + 1, v) != 0)
			return -1;
	}
	return c->csv->finish ? c->csv->finish(c->csv->ctx) : 0;
}

/* ---- wording ---- */

/* 脱贫不稳定户2户7人、边缘易致贫户1户3人 */
static void counts_by(const struct nrow *r, int n, int by_method, char *out, size_t size)
{
	static const char *const methods[] = { "帮扶消除", "自然消除" };
	const char *const *names = by_method ? methods : VOCAB_HH_TYPE.items;
	int kinds = by_method ? 2 : VOCAB_HH_TYPE.n;
	size_t o = 0;
	out[0] = 0;
	for (int t = 0; t < kinds; t++) {
		int hh = 0, people = 0;
		for (int k = 0; k < n; k++)
			if (!strcmp(by_method ? r[k].method : r[k].hh_type, names[t])) {
				hh++;
				people += r[k].size;
			}
		if (hh && o < size)
			o += (size_t)snprintf(out + o, size - o, "%s%s%d户%d人", o ? "、" : "", names[t], hh,
			                      people);
	}
}

static int people_of(const struct nrow *r, int n)
{
	int p = 0;
	for (int k = 0; k < n; k++)
		p += r[k].size;
	return p;
}

static void village_issuer(const struct print_ctx *c, const char *village, char *out, size_t n)
{
	size_t len = strlen(village);
	if (*c->s->cfg->notice_issuer)
		snprintf(out, n, "%s", c->s->cfg->notice_issuer);
	else if (len >= 6 && !strcmp(village + len - 6, "社区"))
		snprintf(out, n, "%s居民委员会", village);
	else
		snprintf(out, n, "%s村民委员会", village);
}

static void township_issuer(const struct print_ctx *c, const char *township, char *out, size_t n)
{
	size_t len = strlen(township);
	if (*c->s->cfg->notice_issuer)
		snprintf(out, n, "%s", c->s->cfg->notice_issuer);
	else if (len >= 6 && !strcmp(township + len - 6, "街道"))
		snprintf(out, n, "%s办事处", township);
	else
		snprintf(out, n, "%s人民政府", township);
}

/* How to object: the configured supervision phones and the 12317 hotline. */
static void objection_text(const struct print_ctx *c, const char *to, char *out, size_t n)
{
	const char *phones = c->s->cfg->supervision_phones;
	snprintf(out, n, "%s如有异议，可以书面、电话或当面向%s反映。%s%s%s"
	         "全国防止返贫监测和乡村振兴咨询服务平台（监督举报）电话：12317。",
	         c->o->kind == PRINT_ANNOUNCEMENT ? "对公告内容" : "公示期间，对公示对象", to,
	         *phones ? "监督电话：" : "", phones, *phones ? "；" : "");
}

static const char *county_of(const struct print_ctx *c)
{
	return *c->s->cfg->county_name ? c->s->cfg->county_name : "本县";
}

/* ---- the 公示 ---- */

static int batch_of(struct print_ctx *c, const struct nrow *r, const char *kind)
{
	char jan1[11];
	snprintf(jan1, sizeof jan1, "%.4s-01-01", r->start);
	return 1 + (int)store_int(c->s->db, 0,
		"SELECT count(DISTINCT p.start_on) FROM postings p JOIN flow_runs r ON r.id = p.run_id"
		" JOIN households h ON h.id = r.household_id"
		" WHERE h.village_id = ? AND r.kind = ? AND p.start_on >= ? AND p.start_on < ?",
		"lttt", r->village_id, kind, jan1, r->start);
}

/* The line a notice states: the one kept with its runs (SPEC §5), else,
 * for runs from before lines were kept, the configured line of the year. */
static void notice_line(const struct print_ctx *c, const struct nrow *r, int *year, int *line)
{
	*year = r->line_year ? r->line_year : atoi(r->start);
	*line = r->line_year ? r->line_yuan : config_line(c->s->cfg, *year);
}

static void notice_basis(struct print_ctx *c, const struct nrow *r, int elim, char *out, size_t n)
{
	int year, line;
	char range[256];
	notice_line(c, r, &year, &line);
	if (line > 0)
		snprintf(range, sizeof range, "%d年%s防止返贫监测范围为家庭年人均纯收入%d元", year,
		         county_of(c), line);
	else
		snprintf(range, sizeof range, "%d年%s防止返贫监测范围按县级确定的标准执行", year,
		         county_of(c));
	if (!elim)
		snprintf(out, n, "根据防止返贫动态监测和帮扶工作有关规定，%s。家庭年人均纯收入低于监测范围且存在"
		         "返贫致贫风险的脱贫户和一般农户，以及因病、因灾、因意外事故等刚性支出较大或收入"
		         "大幅缩减导致基本生活出现严重困难的农户，经本人申请或干部排查、部门筛查预警发现，"
		         "按程序识别纳入%s。", range, OBJ(c));
	else
		snprintf(out, n, "根据防止返贫动态监测和帮扶工作有关规定，%s。家庭年人均纯收入稳定超过监测范围、"
		         "“两不愁三保障”及饮水安全有保障、返贫致贫风险已稳定消除或自然消除的%s，"
		         "按程序标注风险消除。", range, OBJ(c));
}

static void one_notice(struct print_ctx *c, const struct nrow *r, int n, int elim)
{
	char batch[16], title[256], text[1024], counts[512], d1[32], d2[32], issuer[160];
	const char *kind = flow_kind_text(elim ? FLOW_ELIMINATE : FLOW_IDENTIFY);
	int year = atoi(r->start);
	print_cn_number(batch_of(c, r, kind), batch, sizeof batch);
	snprintf(title, sizeof title, "%s%d年第%s批%s%s公示", r->village, year, batch,
	         elim ? "拟标注风险消除" : "拟纳入", OBJ(c));
	pdf_section(c->pdf);
	pdf_text(c->pdf, PDF_TITLE, title);
	pdf_space(c->pdf, 2);
	notice_basis(c, r, elim, text, sizeof text);
	pdf_text(c->pdf, PDF_PARA, text);
	counts_by(r, n, elim, counts, sizeof counts);
	snprintf(text, sizeof text, "经入户核实、信息比对和村民代表会议民主评议，拟%s%s%s，共%d户%d人，"
	         "其中%s。现将有关情况公示如下：", elim ? "对以下" : "将以下农户纳入", OBJ(c),
	         elim ? "标注风险消除" : "", n, people_of(r, n), counts);
	pdf_text(c->pdf, PDF_PARA, text);
	pdf_rows(c, elim ? ELIM_COLS : ID_COLS, r, n);
	print_cn_date(r->start, d1, sizeof d1);
	print_cn_date(r->end, d2, sizeof d2);
	snprintf(text, sizeof text, "公示时间：%s至%s。", d1, d2);
	pdf_text(c->pdf, PDF_PARA, text);
	village_issuer(c, r->village, issuer, sizeof issuer);
	char to[320];
	snprintf(to, sizeof to, "%s或%s人民政府", issuer, r->township);
	objection_text(c, to, text, sizeof text);
	pdf_text(c->pdf, PDF_PARA, text);
	pdf_signature(c->pdf, issuer, d1);
	if (!*c->title)
		snprintf(c->title, sizeof c->title, "%s", title);
}

static int same_notice(const struct nrow *a, const struct nrow *b)
{
	return a->village_id == b->village_id && !strcmp(a->start, b->start) && !strcmp(a->end, b->end);
}

static int same_village(const struct nrow *a, const struct nrow *b)
{
	return a->village_id == b->village_id;
}

int print_notices(struct print_ctx *c, struct jerr *e)
{
	int elim = c->o->kind == PRINT_ELIM_NOTICE;
	const struct ncol *cols = elim ? ELIM_COLS : ID_COLS;
	struct nrows rs = { 0 };
	if (check_cols(cols, NCOLS, e) != 0 ||
	    read_rows(c, POSTED_HEAD, c->default_period ? POSTED_NOW : POSTED_PERIOD,
	              flow_kind_text(elim ? FLOW_ELIMINATE : FLOW_IDENTIFY), &rs, e) != 0) {
		free(rs.v);
		return -1;
	}
	if (!rs.n)
		return jerr_set(e, "", "%s%s没有%s的%s%s", c->area_name,
		                c->default_period ? "目前" : "在所选期间", c->default_period ? "正在公示" : "开始公示",
		                elim ? "拟风险消除" : "拟纳入", OBJ(c));
	c->count = rs.n;
	int rc = 0;
	if (!c->pdf)
		rc = csv_rows(c, cols, NCOLS, rs.v, rs.n, same_notice);
	for (int k = 0; c->pdf && k < rs.n;) {
		int m = 1;
		while (k + m < rs.n && same_notice(&rs.v[k], &rs.v[k + m]))
			m++;
		one_notice(c, &rs.v[k], m, elim);
		k += m;
	}
	if (c->pdf && rs.n > 0 && rs.v[0].village_id != rs.v[rs.n - 1].village_id)
		snprintf(c->title, sizeof c->title, "%s%s%s", c->area_name, elim ? "风险消除" : OBJ(c),
		         elim ? "公示" : "识别公示");
	free(rs.v);
	return rc == 0 ? 0 : jerr_set(e, "", "无法写出 CSV");
}

/* ---- the 公告 ---- */

static void decided_section(struct print_ctx *c, const struct nrow *r, int n, int elim, int num)
{
	char head[800], no[16], counts[512];
	if (!n)
		return;
	int year, line;
	counts_by(r, n, elim, counts, sizeof counts);
	snprintf(head, sizeof head, "%s、%s%s%d户%d人（%s）", print_cn_number(num, no, sizeof no),
	         elim ? "标注风险消除" : "纳入", elim ? "" : OBJ(c), n, people_of(r, n), counts);
	pdf_text(c->pdf, PDF_HEADING, head);
	notice_line(c, r, &year, &line);
	if (line > 0) {
		snprintf(head, sizeof head, "审定所依据的监测范围：%d年家庭年人均纯收入%d元。", year, line);
		pdf_text(c->pdf, PDF_PARA, head);
	}
	pdf_rows(c, elim ? ELIM_COLS : ID_COLS, r, n);
}

static void one_announcement(struct print_ctx *c, const struct nrow *r, int n)
{
	char title[400], text[1024], d1[32], d2[32], when[96], issuer[160], date[32];
	snprintf(title, sizeof title, "%s关于%s%s审定结果的公告", r->township, r->village,
	         c->s->cfg->object_title);
	const char *first = r[0].start, *last = r[0].start;
	for (int k = 1; k < n; k++) {
		first = strcmp(r[k].start, first) < 0 ? r[k].start : first;
		last = strcmp(r[k].start, last) > 0 ? r[k].start : last;
	}
	print_cn_date(first, d1, sizeof d1);
	print_cn_date(last, d2, sizeof d2);
	if (!strcmp(first, last))
		snprintf(when, sizeof when, "于%s", d1);
	else
		snprintf(when, sizeof when, "于%s至%s", d1, d2);
	pdf_section(c->pdf);
	pdf_text(c->pdf, PDF_TITLE, title);
	pdf_space(c->pdf, 2);
	snprintf(text, sizeof text, "根据防止返贫动态监测和帮扶工作有关规定，经入户核实、信息比对、村民代表会议"
	         "民主评议和村内公示、乡镇审核，%s%s审定，现将%s审定结果公告如下：", county_of(c), when,
	         r->village);
	pdf_text(c->pdf, PDF_PARA, text);
	int ids = 0;
	while (ids < n && r[ids].kind == FLOW_IDENTIFY)
		ids++;
	decided_section(c, r, ids, 0, 1);
	decided_section(c, r + ids, n - ids, 1, ids ? 2 : 1);
	township_issuer(c, r->township, issuer, sizeof issuer);
	objection_text(c, issuer, text, sizeof text);
	pdf_text(c->pdf, PDF_PARA, text);
	print_cn_date(c->today, date, sizeof date);
	pdf_signature(c->pdf, issuer, date);
	if (!*c->title)
		snprintf(c->title, sizeof c->title, "%s", title);
}

int print_announcement(struct print_ctx *c, struct jerr *e)
{
	struct nrows rs = { 0 };
	if (check_cols(ID_COLS, NCOLS, e) != 0 || check_cols(ELIM_COLS, NCOLS, e) != 0 ||
	    check_cols(DECIDED_CSV_COLS, MAXCOLS, e) != 0 ||
	    read_rows(c, DECIDED_HEAD, DECIDED_TAIL, NULL, &rs, e) != 0) {
		free(rs.v);
		return -1;
	}
	if (!rs.n)
		return jerr_set(e, "", "%s在 %s 至 %s 没有县级审定通过的记录", c->area_name, c->from, c->to);
	c->count = rs.n;
	int rc = 0;
	if (!c->pdf)
		rc = csv_rows(c, DECIDED_CSV_COLS, MAXCOLS, rs.v, rs.n, same_village);
	for (int k = 0; c->pdf && k < rs.n;) {
		int m = 1;
		while (k + m < rs.n && same_village(&rs.v[k], &rs.v[k + m]))
			m++;
		one_announcement(c, &rs.v[k], m);
		k += m;
	}
	if (c->pdf && rs.v[0].village_id != rs.v[rs.n - 1].village_id)
		snprintf(c->title, sizeof c->title, "%s县级审定公告", c->area_name);
	free(rs.v);
	return rc == 0 ? 0 : jerr_set(e, "", "无法写出 CSV");
}
