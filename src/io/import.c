/* Import (SPEC §9): the file is read (csvread), its header row mapped to
 * fields through a named mapping of the configuration, every row checked
 * by its kind without writing; then, on commit, the accepted rows written
 * in one transaction. */
#include "io/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csvread.h"
#include "io/sheetread.h"
#include "io/export.h"
#include "io/import_impl.h"
#include "flow/lead.h"
#include "store/store.h"
#include "base/text.h"
#include "base/vocab.h"

enum { K_LEADS = 1, K_HOUSEHOLDS = 2, K_VISITS = 4, K_ASSIST = 8, K_NATIONAL = 16 };
#define K_NAT_HH (K_HOUSEHOLDS | K_NATIONAL)

struct field_spec {
	const char *name;          /* as written in the configuration */
	const char *label;         /* for messages */
	unsigned kinds, required;  /* K_* bits */
	int multiline;             /* free text: may hold tab and newline */
};

static const struct field_spec FIELDS[F_COUNT] = {
	[F_ID_NO] = { "id_no", "身份证号码", K_LEADS | K_NAT_HH | K_VISITS | K_ASSIST,
	              K_LEADS | K_NAT_HH | K_ASSIST, 0 },
	[F_NAME] = { "name", "姓名", K_LEADS | K_NAT_HH | K_ASSIST, K_LEADS | K_NAT_HH, 0 },
	[F_TOWNSHIP] = { "township", "乡镇", K_LEADS | K_NAT_HH, 0, 0 },
	[F_VILLAGE] = { "village", "村（社区）", K_LEADS | K_NAT_HH, K_NAT_HH, 0 },
	[F_GROUP] = { "group", "村民小组", K_HOUSEHOLDS, 0, 0 },
	[F_REASON] = { "reason", "预警原因", K_LEADS, K_LEADS, 1 },
	[F_DATE] = { "date", "日期", K_LEADS | K_VISITS, K_VISITS, 0 },
	[F_DEPARTMENT] = { "department", "部门", K_LEADS, 0, 0 },
	[F_HH_NO] = { "hh_no", "户编号", K_HOUSEHOLDS | K_VISITS, K_HOUSEHOLDS, 0 },
	[F_RELATION] = { "relation", "与户主关系", K_NAT_HH, K_NAT_HH, 0 },
	[F_PHONE] = { "phone", "联系电话", K_NAT_HH, 0, 0 },
	[F_ETHNICITY] = { "ethnicity", "民族", K_NAT_HH, 0, 0 },
	[F_HH_TYPE] = { "hh_type", "监测对象类型", K_NAT_HH, 0, 0 },
	[F_IS_TUOPIN] = { "is_tuopin", "是否脱贫户", K_HOUSEHOLDS, 0, 0 },
	[F_LABOUR] = { "labour", "劳动技能", K_NAT_HH, 0, 0 },
	[F_HEALTH] = { "health", "健康状况", K_NAT_HH, 0, 0 },
	[F_EDUCATION] = { "education", "文化程度", K_NAT_HH, 0, 0 },
	[F_SCHOOLING] = { "schooling", "在校生状况", K_NAT_HH, 0, 0 },
	[F_DISABILITY] = { "disability", "残疾类别", K_NAT_HH, 0, 0 },
	[F_NATURAL_VILLAGE] = { "natural_village", "自然村", K_HOUSEHOLDS, 0, 0 },
	[F_ADDRESS] = { "address", "住址", K_HOUSEHOLDS, 0, 0 },
	[F_FINDINGS] = { "findings", "走访情况", K_VISITS, 0, 1 },
	[F_INCOME_CHANGE] = { "income_change", "收入变化", K_VISITS, 0, 1 },
	[F_NEW_RISKS] = { "new_risks", "新增风险", K_VISITS, 0, 1 },
	[F_GUARANTEE] = { "guarantee_problems", "三保障及饮水问题", K_VISITS, 0, 1 },
	[F_CONTACT] = { "contact", "联系人", K_VISITS | K_NATIONAL, 0, 0 },
	[F_ASSIST_TAG] = { "assist_tag", "救助类别", K_ASSIST, K_ASSIST, 0 },
	[F_NAT_NO] = { "nat_no", "国家系统户编号", K_NATIONAL, K_NATIONAL, 0 },
	[F_HH_KIND] = { "hh_kind", "户类型", K_NATIONAL, 0, 0 },
	[F_WHOLE_NO_LABOUR] = { "whole_no_labour", "整户无劳动能力兜底保障户", K_NATIONAL, 0, 0 },
	[F_HH_PHONE] = { "hh_phone", "户联系电话", K_NATIONAL, 0, 0 },
	[F_RISK1] = { "risk1", "致贫/返贫风险1", K_NATIONAL, 0, 0 },
	[F_RISK2] = { "risk2", "致贫/返贫风险2", K_NATIONAL, 0, 0 },
	[F_RISK3] = { "risk3", "致贫/返贫风险3", K_NATIONAL, 0, 0 },
	[F_RISK4] = { "risk4", "致贫/返贫风险4", K_NATIONAL, 0, 0 },
	[F_RISK5] = { "risk5", "致贫/返贫风险5", K_NATIONAL, 0, 0 },
	[F_DISASTER] = { "disaster", "因自然灾害子项", K_NATIONAL, 0, 0 },
	[F_IDENTIFIED] = { "identified", "识别监测时间", K_NATIONAL, 0, 0 },
	[F_ELIMINATED] = { "eliminated", "风险是否已消除", K_NATIONAL, 0, 0 },
	[F_ELIMINATED_ON] = { "eliminated_on", "消除监测时间", K_NATIONAL, 0, 0 },
	[F_ELIM_METHOD] = { "elim_method", "风险消除方式", K_NATIONAL, 0, 0 },
	[F_CONTACT_PHONE] = { "contact_phone", "联系方式", K_NATIONAL, 0, 0 },
	[F_M_INDUSTRY] = { "m_industry", "产业帮扶", K_NATIONAL, 0, 1 },
	[F_M_EMPLOYMENT] = { "m_employment", "就业帮扶", K_NATIONAL, 0, 1 },
	[F_M_FINANCE] = { "m_finance", "金融帮扶", K_NATIONAL, 0, 1 },
	[F_M_PUBLIC_JOB] = { "m_public_job", "公益岗位帮扶", K_NATIONAL, 0, 1 },
	[F_M_HEALTH] = { "m_health", "健康帮扶", K_NATIONAL, 0, 1 },
	[F_M_COMPULSORY] = { "m_compulsory", "义务教育保障", K_NATIONAL, 0, 1 },
	[F_M_EDUCATION] = { "m_education", "教育帮扶", K_NATIONAL, 0, 1 },
	[F_M_WELFARE] = { "m_welfare", "综合保障", K_NATIONAL, 0, 1 },
	[F_M_SOCIAL] = { "m_social", "社会帮扶", K_NATIONAL, 0, 1 },
	[F_M_HOUSING] = { "m_housing", "住房安全保障", K_NATIONAL, 0, 1 },
	[F_M_WATER] = { "m_water", "饮水安全保障", K_NATIONAL, 0, 1 },
	[F_M_RELOCATION] = { "m_relocation", "搬迁", K_NATIONAL, 0, 1 },
};

#define PROGRESS_EVERY 10000

static const struct { const char *name; unsigned bit; const struct import_kind *k; } KINDS[] = {
	{ "leads", K_LEADS, &import_leads_kind },
	{ "households", K_HOUSEHOLDS, &import_households_kind },
	{ "visits", K_VISITS, &import_visits_kind },
	{ "assistance", K_ASSIST, &import_assistance_kind },
	{ "national", K_NATIONAL, &import_national_kind },
};

static unsigned kind_bit(const struct import *im)
{
	for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++)
		if (KINDS[i].k == im->k)
			return KINDS[i].bit;
	return 0;
}

/* ---- header texts ---- */

/* The text by which header cells and mapping headers are compared: full-
 * width forms as ASCII (（）→()), no white space, no required-field star,
 * so "所属村（社区）", "所属村(社区)" and "所属村 (社区) *" are one header. */
static void header_key(const char *in, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t o = 0;
	while (*p) {
		size_t len = 1;
		while (len < 4 && (p[len] & 0xC0) == 0x80)
			len++;
		unsigned ascii = len == 1 ? *p : 0;
		if (len == 3 && p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD)) {
			unsigned cp = 0xF000u | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
			if (cp >= 0xFF01 && cp <= 0xFF5E)
				ascii = cp - 0xFEE0;   /* a full-width form: its ASCII twin */
		}
		int drop = ascii == ' ' || ascii == '\t' || ascii == '\r' || ascii == '\n' ||
		           ascii == '*' || (len == 3 && !memcmp(p, "\xE3\x80\x80", 3));
		size_t need = drop ? 0 : ascii ? 1 : len;
		if (o + need >= n)
			break;   /* whole characters only */
		if (need == 1)
			out[o] = (char)ascii;
		else
			memcpy(out + o, p, need);
		o += need;
		p += len;
	}
	out[o] = 0;
}

static int field_of(const char *name)
{
	for (int f = 0; f < F_COUNT; f++)
		if (!strcmp(FIELDS[f].name, name))
			return f;
	return -1;
}

/* ---- what a mapping may name ---- */

static unsigned bit_of(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof KINDS / sizeof KINDS[0]; i++)
		if (!strcmp(KINDS[i].name, kind))
			return KINDS[i].bit;
	return 0;
}

static void list_fields(unsigned bit, char *out, size_t n);

int import_config_fields(int template_, const char *kind, const char *field, char *allowed,
                         size_t n)
{
	if (template_)
		return export_field_check(kind, field, allowed, n);
	unsigned bit = bit_of(kind);
	int f = field_of(field);
	if (f >= 0 && (FIELDS[f].kinds & bit))
		return 0;
	list_fields(bit, allowed, n);
	return -1;
}

void import_print_fields(FILE *out)
{
	for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++) {
		fprintf(out, "  %s:", KINDS[i].name);
		for (int f = 0; f < F_COUNT; f++)
			if (FIELDS[f].kinds & KINDS[i].bit)
				fprintf(out, " %s%s", FIELDS[f].name, FIELDS[f].required & KINDS[i].bit ? "*" : "");
		fputc('\n', out);
	}
}

int import_show_map(const struct config *cfg, const char *name, FILE *out, struct jerr *e)
{
	const struct cfg_map *m = config_map(cfg, name);
	if (!m)
		return jerr_set(e, "map", "配置中没有名为“%s”的导入映射", name);
	unsigned bit = bit_of(m->kind);
	fprintf(out, "导入映射“%s”（%s），* 为必需的字段：\n", m->name, m->kind);
	for (int f = 0; f < F_COUNT; f++) {
		if (!(FIELDS[f].kinds & bit))
			continue;
		fprintf(out, "  %-20s %s%s  ", FIELDS[f].name, FIELDS[f].label,
		        FIELDS[f].required & bit ? "*" : " ");
		int any = 0;
		for (int i = 0; i < m->ncols; i++)
			if (!strcmp(m->cols[i].field, FIELDS[f].name))
				fprintf(out, "%s%s", any++ ? "、" : "", m->cols[i].header);
		fprintf(out, "%s\n", any ? "" : "（本映射未列出表头）");
	}
	if (bit == K_VISITS)
		fprintf(out, "走访记录须有户编号或身份证号码两者之一。\n");
	return 0;
}

/* ---- choosing the mapping ---- */

static void list_fields(unsigned bit, char *out, size_t n)
{
	out[0] = 0;
	for (int f = 0; f < F_COUNT; f++) {
		size_t len = strlen(out);
		if (FIELDS[f].kinds & bit)
			snprintf(out + len, n - len, "%s%s", len ? "、" : "", FIELDS[f].name);
	}
}

static int choose_map(struct import *im, const char *kind, const char *name, struct jerr *e)
{
	const struct config *cfg = im->s->cfg;
	if (name && !(im->map = config_map(cfg, name)))
		return jerr_set(e, "map", "配置中没有名为“%s”的导入映射", name);
	for (int i = 0; !im->map && i < cfg->nmaps; i++)
		if (!strcmp(cfg->maps[i].kind, kind))
			im->map = &cfg->maps[i];
	if (!im->map)
		return jerr_set(e, "map", "配置中没有用于 %s 的导入映射（用 --map 指定）", kind);
	if (strcmp(im->map->kind, kind) != 0)
		return jerr_set(e, "map", "导入映射“%s”用于 %s，不能导入 %s", im->map->name,
		                im->map->kind, kind);
	unsigned bit = kind_bit(im);
	for (int i = 0; i < im->map->ncols; i++) {
		int f = field_of(im->map->cols[i].field);
		if (f < 0 || !(FIELDS[f].kinds & bit)) {
			char names[512];
			list_fields(bit, names, sizeof names);
			return jerr_set(e, "map", "导入映射“%s”中“%s”对应的字段 %s 不能用于 %s（可用：%s）",
			                im->map->name, im->map->cols[i].header, im->map->cols[i].field,
			                kind, names);
		}
	}
	return 0;
}

/* the field a header cell maps to, or -1 */
static int map_header(const struct import *im, const char *cell)
{
	char key[128], want[128];
	header_key(cell, key, sizeof key);
	if (!*key || !strcmp(key, REJECTED_REASON_HEADER))
		return -1;
	for (int i = 0; i < im->map->ncols; i++) {
		header_key(im->map->cols[i].header, want, sizeof want);
		if (!strcmp(key, want))
			return field_of(im->map->cols[i].field);
	}
	return -1;
}

static int is_header(void *arg, const char *cell) { return map_header(arg, cell) >= 0; }

/* ---- the header row ---- */

static void join_cells(char **cells, int n, char *out, size_t size)
{
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(out);
		if (*cells[i] && len + strlen(cells[i]) + 8 < size)
			snprintf(out + len, size - len, "%s%s", len ? "、" : "", cells[i]);
	}
}

static void map_headers_of(const struct import *im, int f, char *out, size_t size)
{
	out[0] = 0;
	for (int i = 0; i < im->map->ncols; i++) {
		size_t len = strlen(out);
		if (!strcmp(im->map->cols[i].field, FIELDS[f].name) && len + 70 < size)
			snprintf(out + len, size - len, "%s%s", len ? "、" : "", im->map->cols[i].header);
	}
}

static int missing(struct import *im, int f, char **cells, int n)
{
	char want[512], found[1024];
	map_headers_of(im, f, want, sizeof want);
	join_cells(cells, n, found, sizeof found);
	return jerr_set(im->e, "", "缺少必需的列“%s”（映射“%s”认识的表头：%s）。文件中的表头是：%s",
	                FIELDS[f].label, im->map->name, *want ? want : "无", found);
}

static int check_required(struct import *im, char **cells, int n)
{
	unsigned bit = kind_bit(im);
	for (int f = 0; f < F_COUNT; f++)
		if ((FIELDS[f].required & bit) && im->col[f] < 0)
			return missing(im, f, cells, n);
	if (bit == K_VISITS && im->col[F_HH_NO] < 0 && im->col[F_ID_NO] < 0)
		return missing(im, F_HH_NO, cells, n);
	if (bit == K_LEADS && !strcmp(im->channel, "部门筛查预警") && !*im->department &&
	    im->col[F_DEPARTMENT] < 0)
		return jerr_set(im->e, "department", "部门筛查预警须指明部门：加 --department 部门名称，"
		                "或在文件中给出“部门”列");
	return 0;
}

static int on_header(void *arg, long line, int n, char **cells)
{
	(void)line;
	struct import *im = arg;
	im->head = calloc((size_t)n + 1, sizeof *im->head);
	if (!im->head)
		return jerr_set(im->e, "", "内存不足");
	im->nhead = n;
	for (int i = 0; i < n; i++) {
		if (!(im->head[i] = strdup(cells[i])))
			return jerr_set(im->e, "", "内存不足");
		int f = map_header(im, cells[i]);
		if (f >= 0 && im->col[f] < 0)
			im->col[f] = i;   /* the first column wins when two map to one field */
	}
	return check_required(im, cells, n);
}

/* ---- rows ---- */

/* Every 10,000 rows, and once at the end if any was shown. */
void import_progress(const struct import *im, const char *what, long n, int last)
{
	if (last ? n < PROGRESS_EVERY : n % PROGRESS_EVERY != 0)
		return;
	if (im->on_progress)
		im->on_progress(im->progress_arg, what, n);
	else if (im->progress)
		fprintf(stderr, "\r%s %ld 行…%s", what, n, last ? "\n" : "");
}

static int grow_rows(struct import *im)
{
	if (im->nrows < im->caprows)
		return 0;
	long cap = im->caprows ? 2 * im->caprows : 1024;
	struct import_row *r = realloc(im->rows, (size_t)cap * sizeof *r);
	if (r)
		im->rows = r;
	struct row_priv *p = r ? realloc(im->priv, (size_t)cap * sizeof *p) : NULL;
	if (p)
		im->priv = p;
	if (!r || !p)
		return jerr_set(im->e, "", "文件太大，内存不足");
	im->caprows = cap;
	return 0;
}

void *import_alloc(struct import *im, size_t n) { return arena_alloc(&im->arena, n); }

static void keep_cells(struct import *im, struct row_priv *p, int n, char **cells)
{
	size_t len = 0;
	for (int i = 0; i < n; i++)
		len += strlen(cells[i]) + 1;
	p->cells = arena_alloc(&im->arena, len ? len : 1);
	p->ncells = n;
	p->data = NULL;
	char *o = p->cells;
	for (int i = 0; p->cells && i < n; i++)
		o = stpcpy(o, cells[i]) + 1;
}

/* A control character in any mapped cell refuses the row, naming the
 * column (the save functions would refuse it too, with the form's words). */
static const char *unclean(const struct import *im, int n, char **cells)
{
	static char why[256];
	for (int f = 0; f < F_COUNT; f++) {
		int c = im->col[f];
		unsigned ch = c >= 0 && c < n ? text_control(cells[c], FIELDS[f].multiline, NULL) : 0;
		if (!ch)
			continue;
		snprintf(why, sizeof why, "“%s”一栏含有控制字符 U+%04X，不能导入：请在表格中删去它%s",
		         im->head[c], ch, FIELDS[f].multiline ? "" : "（这一栏也不能换行或含制表符）");
		return why;
	}
	return NULL;
}

/* A mapped cell Excel stored as a long number has lost digits already
 * (15 are kept): an ID typed as a number must be typed again as text. */
static const char *rounded_cell(const struct import *im, int n, char **cells,
                                const unsigned char *rounded)
{
	static char why[384];
	for (int f = 0; rounded && f < F_COUNT; f++) {
		int c = im->col[f];
		if (c < 0 || c >= n || !rounded[c])
			continue;
		snprintf(why, sizeof why, "“%s”一栏存的是数字 %s：超过 15 位的数字 Excel 已经四舍五入，"
		         "位数不可信。请把这一列设为文本格式后重新输入", im->head[c], cells[c]);
		return why;
	}
	return NULL;
}

static int on_row(void *arg, long line, int n, char **cells, const char *problem,
                  const unsigned char *rounded)
{
	struct import *im = arg;
	if (grow_rows(im) != 0)
		return -1;
	long idx = im->nrows++;
	struct import_row *r = &im->rows[idx];
	memset(r, 0, sizeof *r);
	r->line = line;
	r->who = r->note = "";
	keep_cells(im, &im->priv[idx], n, cells);
	if (!problem)
		problem = rounded_cell(im, n, cells, rounded);
	if (!problem)
		problem = unclean(im, n, cells);
	if (problem)
		import_reject(im, r, TRIAGE_NONE, "%s", problem);
	return 0;
}

/* ---- checking the rows ---- */

/* Makes row i the one import_cell reads (-1: none). */
void import_set_row(struct import *im, long i)
{
	im->cur_row = i;
	im->ncur = 0;
	if (i < 0)
		return;
	const struct row_priv *p = &im->priv[i];
	if (p->ncells > im->capcur) {
		const char **v = realloc(im->cur, (size_t)p->ncells * sizeof *v);
		if (!v) {
			im->cur_row = -1;   /* every cell reads "" and the row is rejected as empty */
			return;
		}
		im->cur = v;
		im->capcur = p->ncells;
	}
	const char *c = p->cells;
	for (int k = 0; c && k < p->ncells; k++, c += strlen(c) + 1)
		im->cur[k] = c;
	im->ncur = p->ncells;
}

struct order { const char *key; long idx; };

static int by_key(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* The order rows are checked in: the file's, or the kind's sort key (a
 * warning list by ID number, so looking people up walks the register's
 * indexes in order instead of jumping about: the pages read for one row
 * serve the next).  Equal keys keep the file's order, so of two rows of
 * one person the earlier is the one created. */
static long *check_order(struct import *im)
{
	long *ord = malloc((size_t)(im->nrows ? im->nrows : 1) * sizeof *ord);
	struct order *o = im->k->sort_field >= 0 && im->col[im->k->sort_field] >= 0
		? malloc((size_t)(im->nrows ? im->nrows : 1) * sizeof *o) : NULL;
	for (long i = 0; ord && i < im->nrows; i++) {
		ord[i] = i;
		if (o) {
			import_set_row(im, i);
			o[i] = (struct order){ import_cell(im, (enum ifield)im->k->sort_field), i };
		}
	}
	if (ord && o) {
		qsort(o, (size_t)im->nrows, sizeof *o, by_key);
		for (long i = 0; i < im->nrows; i++)
			ord[i] = o[i].idx;
	}
	import_set_row(im, -1);
	free(o);
	return ord;
}

static int check_rows(struct import *im)
{
	long *ord = check_order(im);
	if (!ord)
		return jerr_set(im->e, "", "文件太大，内存不足");
	if (im->k->before_check && im->k->before_check(im) != 0) {
		free(ord);
		return jerr_set(im->e, "", "读取登记册失败: %s", store_errmsg(im->s->db));
	}
	for (long k = 0; k < im->nrows; k++) {
		long i = ord[k];
		if (im->rows[i].verdict != IMPORT_REJECT) {
			import_set_row(im, i);
			im->k->check(im, i, &im->rows[i], &im->priv[i].data);
		}
		import_progress(im, "已检查", k + 1, 0);
	}
	import_set_row(im, -1);
	im->order = ord;           /* rows are written in the same order */
	if (im->k->finish)
		im->k->finish(im);
	return 0;
}

static void count(struct import *im)
{
	memset(&im->c, 0, sizeof im->c);
	for (long i = 0; i < im->nrows; i++) {
		const struct import_row *r = &im->rows[i];
		im->c.rows++;
		im->c.triage[r->triage]++;
		switch (r->verdict) {
		case IMPORT_NEW: im->c.created++; break;
		case IMPORT_MERGE: im->c.merged++; break;
		case IMPORT_SAME: im->c.same++; break;
		case IMPORT_SKIP: im->c.skipped++; break;
		case IMPORT_REJECT: im->c.rejected++; break;
		}
	}
	im->c.accepted = im->c.rows - im->c.rejected;
}

static const struct import_kind *find_kind(const char *name)
{
	for (size_t i = 0; name && i < sizeof KINDS / sizeof KINDS[0]; i++)
		if (!strcmp(KINDS[i].name, name))
			return KINDS[i].k;
	return NULL;
}

static int setup(struct import *im, struct session *s, const struct import_opts *o,
                 struct jerr *e)
{
	im->s = s;
	im->e = e;
	im->progress = o->progress;
	im->today = clock_today();
	im->on_progress = o->on_progress;
	im->progress_arg = o->progress_arg;
	for (int f = 0; f < F_COUNT; f++)
		im->col[f] = -1;
	im->cur_row = -1;
	strmap_init(&im->seen);
	strmap_init(&im->places);
	strmap_init(&im->depts);
	strmap_init(&im->notes);
	arena_init(&im->arena);
	if (!(im->k = find_kind(o->kind)))
		return jerr_set(e, "kind", "导入类别应为 leads（线索/预警名单）、households（户和成员）或 visits（走访记录）");
	if (im->k == &import_leads_kind && s->me.role == ROLE_ADMIN)
		return jerr_set(e, "", "系统管理员不登记线索");
	snprintf(im->channel, sizeof im->channel, "%s", o->channel ? o->channel : "部门筛查预警");
	if (vocab_find(&VOCAB_CHANNEL, im->channel) < 0)
		return jerr_set(e, "channel", "线索来源应为农户自主申报、基层干部排查或部门筛查预警");
	if (o->department && strlen(o->department) >= sizeof im->department)
		return jerr_set(e, "department", "部门名称过长");
	snprintf(im->department, sizeof im->department, "%s", o->department ? o->department : "");
	return choose_map(im, o->kind, o->map, e);
}

struct import *import_load(struct session *s, const char *path, const struct import_opts *o,
                           struct jerr *e)
{
	struct import *im = calloc(1, sizeof *im);
	if (!im) {
		jerr_set(e, "", "内存不足");
		return NULL;
	}
	struct csvread_opts ro = { is_header, on_header, on_row, im };
	struct csvread_info info;
	int rc = setup(im, s, o, e);
	if (rc == 0) {
		store_tune(s->db, STORE_USE_IMPORT);
		/* one read snapshot: the file is checked against one state of the register */
		store_read_begin(s->db);
		im->audit_mark = lead_changes_mark(s);
		rc = sheetread_file(path, &ro, &info, e);
		if (rc == 0)
			rc = check_rows(im);
		store_read_end(s->db);
	}
	if (rc != 0) {
		import_free(im);
		return NULL;
	}
	if (im->nrows == 0) {
		jerr_set(e, "", "文件只有表头（第%ld行），没有数据行：没有可导入的内容", info.header_line);
		import_free(im);
		return NULL;
	}
	import_progress(im, "已检查", im->nrows, 1);
	snprintf(im->encoding, sizeof im->encoding, "%s", info.encoding);
	if (info.tab_separated)
		snprintf(im->format_note, sizeof im->format_note, "，制表符分隔");
	count(im);
	im->e = NULL;
	return im;
}

const struct import_counts *import_counts(const struct import *im) { return &im->c; }
long import_nrows(const struct import *im) { return im->nrows; }
const char *import_encoding(const struct import *im) { return im->encoding; }
const char *import_map_name(const struct import *im) { return im->map->name; }
int import_committed(const struct import *im) { return im->committed; }
int import_refused(const struct import *im) { return im->tried_refused; }

const struct import_row *import_row(const struct import *im, long i)
{
	return i >= 0 && i < im->nrows ? &im->rows[i] : NULL;
}

void import_free(struct import *im)
{
	if (!im)
		return;
	if (im->k && im->k->free)
		im->k->free(im);
	for (int i = 0; i < im->nhead; i++)
		free(im->head[i]);
	free(im->head);
	free(im->order);
	free(im->cur);
	free(im->rows);
	free(im->priv);
	strmap_free(&im->seen);
	strmap_free(&im->places);
	strmap_free(&im->depts);
	strmap_free(&im->notes);
	arena_free(&im->arena);
	free(im);
}

/* ---- writing ---- */

/* What the write found inside the transaction differs from the check made
 * before it (another officer imported the same rows meanwhile): the row
 * says what this import did. */
static void settle(struct import *im, long i, int got)
{
	struct import_row *r = &im->rows[i];
	if ((int)r->verdict == got)
		return;
	if (got == IMPORT_SAME)
		import_note(im, r, "刚由其他导入写入了同样的记录，未重复添加");
	else if (got == IMPORT_MERGE)
		import_note(im, r, "此人或同户已有刚登记的线索，合并为一条");
	r->verdict = (enum import_verdict)got;
}

static int write_rows(struct import *im, signed char *got, struct jerr *e)
{
	long done = 0;
	for (long k = 0; k < im->nrows; k++) {
		long i = im->order ? im->order[k] : k;
		const struct import_row *r = &im->rows[i];
		if (r->verdict != IMPORT_NEW && r->verdict != IMPORT_MERGE)
			continue;
		struct jerr we = { 0 };
		int rc = im->k->write(im, i, &we);
		if (rc < 0)
			return jerr_set(e, we.field, "第%ld行保存失败：%s。整个文件都没有导入", r->line, we.msg);
		got[i] = (signed char)rc;
		import_progress(im, "已写入", ++done, 0);
	}
	import_progress(im, "已写入", done, 1);
	return 0;
}

/* Every row in one transaction: a village's households or visits. */
static int write_one_tx(struct import *im, signed char *got, struct jerr *e)
{
	store_wait_behind(im->s->db, 1);   /* officers saving a form go first */
	int busy = store_begin(im->s->db) != 0;
	store_wait_behind(im->s->db, 0);
	if (busy)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	int rc = write_rows(im, got, e);
	if (rc != 0)
		store_rollback(im->s->db);
	else if (store_commit(im->s->db) != 0)
		rc = jerr_set(e, "", "保存失败，整个文件都没有导入: %s", store_errmsg(im->s->db));
	if (rc != 0)
		memset(got, -1, (size_t)im->nrows);   /* rolled back: nothing was written */
	return rc;
}

static int write_all(struct import *im, struct jerr *e)
{
	signed char *got = malloc((size_t)im->nrows + 1);
	if (!got)
		return jerr_set(e, "", "内存不足");
	memset(got, -1, (size_t)im->nrows + 1);
	im->tried = 1;
	int rc = im->k->write_staged ? im->k->write_staged(im, got, e) : write_one_tx(im, got, e);
	for (long i = 0; i < im->nrows; i++)
		if (got[i] >= 0)
			settle(im, i, got[i]);
	free(got);
	return rc;
}

int import_commit(struct import *im, int partial, struct jerr *e)
{
	if (im->committed)
		return jerr_set(e, "", "这个文件已经导入过了");
	if (im->tried)
		return jerr_set(e, "", "上次导入没有成功，请重新读取文件后再导入");
	if (im->c.rejected && !partial) {
		im->tried_refused = 1;
		return jerr_set(e, "", "有 %ld 行未通过检查，整个文件都没有导入（数据库未改变）。"
		                "改正这些行后再导入，或加 --partial 只导入通过检查的 %ld 行",
		                im->c.rejected, im->c.accepted);
	}
	if (im->c.created + im->c.merged == 0) {
		im->committed = 1;   /* nothing new: a second import of the same file */
		return 0;
	}
	if (write_all(im, e) != 0) {
		im->tried_refused = 1;
		return -1;
	}
	im->committed = 1;
	count(im);
	return 0;
}

const char *import_state_label(const struct import *im, const struct import_row *r)
{
	if (im->committed || (r->verdict != IMPORT_NEW && r->verdict != IMPORT_MERGE))
		return import_verdict_label(r->verdict);
	if (im->tried_refused)
		return "未导入";
	return r->verdict == IMPORT_NEW ? "可新增" : "可合并";
}

/* ---- cells of the row being checked ---- */

const char *import_cell(const struct import *im, enum ifield f)
{
	int c = im->col[f];
	return im->cur_row >= 0 && c >= 0 && c < im->ncur ? im->cur[c] : "";
}

int import_has(const struct import *im, enum ifield f) { return im->col[f] >= 0; }

const char *import_header(const struct import *im, enum ifield f)
{
	int c = im->col[f];
	return c >= 0 && c < im->nhead ? im->head[c] : FIELDS[f].label;
}
