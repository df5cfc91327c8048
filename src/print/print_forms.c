/* 走访记录表 (SPEC §0 "enter once", §8): one form per household still at
 * risk (监测中, 消除中), filled in beforehand with what the register knows,
 * with blank lines and tick boxes for what the visit finds, so nothing is
 * copied by hand and what comes back is keyed in fast. */
#include "print/print_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "register/household.h"
#include "register/privacy.h"

static const char FORM_HEAD[] =
	"SELECT h.id, h.hh_no, h.head_name, h.size, COALESCE(h.hh_type, ''), h.status,"
	" COALESCE(h.identified_on, ''), COALESCE(h.last_visit_on, ''), t.name, v.name,"
	" COALESCE(g.name, ''), h.address, h.phone, COALESCE(c.name, ''), COALESCE(c.phone, ''),"
	" h.g_edu, h.g_med, h.g_house, h.g_water, CASE h.is_tuopin WHEN 1 THEN '是' ELSE '否' END,"
	" COALESCE((SELECT group_concat(risk, '、') FROM (SELECT risk FROM household_risks"
	"   WHERE household_id = h.id ORDER BY ord) AS r), '')"
	" FROM households h JOIN areas t ON t.id = h.township_id JOIN areas v ON v.id = h.village_id"
	" LEFT JOIN areas g ON g.id = h.group_id LEFT JOIN contacts c ON c.id = h.contact_id";
static const char FORM_TAIL[] = " AND h.status IN ('监测中','消除中')"
	" ORDER BY t.code, v.code, g.code, h.head_pinyin, h.id";

enum { F_ID, F_NO, F_HEAD, F_SIZE, F_TYPE, F_STATUS, F_IDENT, F_VISIT, F_TOWNSHIP, F_VILLAGE,
       F_GROUP, F_ADDRESS, F_PHONE, F_CONTACT, F_CPHONE, F_EDU, F_MED, F_HOUSE, F_WATER, F_TUOPIN,
       F_RISKS };

/* ---- CSV: the pre-filled part, one row per household ---- */

static const int CSV_FIELDS[] = { F_NO, F_TOWNSHIP, F_VILLAGE, F_GROUP, F_HEAD, F_SIZE, F_TYPE,
                                  F_STATUS, F_IDENT, F_VISIT, F_RISKS, F_CONTACT, F_CPHONE };
static const char *const CSV_HEADERS[] = { "户编号", "乡镇", "村（社区）", "村民小组", "户主姓名",
	"家庭人口", "监测对象类型", "状态", "纳入日期", "最近走访日期", "返贫致贫风险类型",
	"帮扶联系人", "联系人电话" };
#define NCSV (int)(sizeof CSV_FIELDS / sizeof CSV_FIELDS[0])

static int csv_header(struct print_ctx *c)
{
	enum col_type types[NCSV];
	for (int i = 0; i < NCSV; i++)
		types[i] = CSV_FIELDS[i] == F_SIZE ? COL_INT : COL_TEXT;
	return c->csv->header(c->csv->ctx, NCSV, CSV_HEADERS, types);
}

static int csv_row(struct print_ctx *c, struct stmt *st)
{
	const char *v[NCSV];
	for (int i = 0; i < NCSV; i++)
		v[i] = stmt_text(st, CSV_FIELDS[i]);
	return c->csv->row(c->csv->ctx, NCSV, v);
}

/* ---- the form ---- */

/* 均有保障, or the ones with a problem: 住房安全、饮水安全有问题 */
static void guarantees(struct stmt *st, char *out, size_t n)
{
	static const char *const names[] = { "义务教育", "基本医疗", "住房安全", "饮水安全" };
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; i < 4; i++)
		if (!stmt_int(st, F_EDU + i) && o < n)
			o += (size_t)snprintf(out + o, n - o, "%s%s", o ? "、" : "", names[i]);
	if (o && o < n)
		snprintf(out + o, n - o, "有问题");
	else if (!o)
		snprintf(out, n, "均有保障");
}

static void grid(struct print_ctx *c, const char *const (*cells)[4], int rows)
{
	static const struct pdf_col cols[4] = {
		{ "", PDF_LEFT, 0, 0.6 }, { "", PDF_LEFT, 0, 1 }, { "", PDF_LEFT, 0, 0.6 }, { "", PDF_LEFT, 0, 1 },
	};
	pdf_table_begin(c->pdf, 4, cols, 9.5, PDF_T_LABELS);
	for (int r = 0; r < rows; r++)
		pdf_table_row(c->pdf, cells[r]);
	pdf_table_end(c->pdf);
}

static void income_cells(struct print_ctx *c, struct stmt *st, char *label, char *value,
                         char *line_label, char *line, size_t n)
{
	int64_t hh = stmt_int(st, F_ID);
	struct income in;
	char money[32] = "";
	if (income_shown(c->s, hh, &in) == 1)   /* the year shown everywhere */
		money_fmt(income_per_capita_of(c->s, &in), money, sizeof money);
	int year = in.year;
	snprintf(label, n, "%d年人均纯收入", year);
	snprintf(value, n, "%s%s", *money ? money : "未登记", *money ? "元" : "");
	snprintf(line_label, n, "%d年监测范围", year);
	int yuan = config_line(c->s->cfg, year);
	if (yuan > 0)
		snprintf(line, n, "%d元", yuan);
	else
		snprintf(line, n, "未设置");
}

static void summary_grid(struct print_ctx *c, struct stmt *st)
{
	char size[16], contact[160], il[48], iv[48], ll[48], lv[48], kept[96];
	snprintf(size, sizeof size, "%d人", (int)stmt_int(st, F_SIZE));
	snprintf(contact, sizeof contact, "%s%s%s%s", stmt_text(st, F_CONTACT),
	         *stmt_text(st, F_CPHONE) ? "（" : "", stmt_text(st, F_CPHONE),
	         *stmt_text(st, F_CPHONE) ? "）" : "");
	income_cells(c, st, il, iv, ll, lv, sizeof il);
	const char *visit = *stmt_text(st, F_VISIT) ? stmt_text(st, F_VISIT) : "无记录";
	guarantees(st, kept, sizeof kept);
	const char *const cells[][4] = {
		{ "户主姓名", stmt_text(st, F_HEAD), "家庭人口", size },
		{ "监测对象类型", stmt_text(st, F_TYPE), "当前状态", stmt_text(st, F_STATUS) },
		{ "纳入监测日期", stmt_text(st, F_IDENT), "上次走访日期", visit },
		{ "返贫致贫风险", stmt_text(st, F_RISKS), "帮扶联系人", *contact ? contact : "未落实" },
		{ il, iv, ll, lv },
		{ "户联系电话", stmt_text(st, F_PHONE), "是否脱贫户", stmt_text(st, F_TUOPIN) },
		{ "家庭住址", stmt_text(st, F_ADDRESS), "三保障及饮水", kept },
	};
	grid(c, cells, (int)(sizeof cells / sizeof cells[0]));
}

/* schooling, or months of migrant work and where */
static void work_or_school(struct stmt *m, char *out, size_t n)
{
	const char *school = stmt_text(m, 6), *place = stmt_text(m, 5);
	int months = (int)stmt_int(m, 4);
	if (*school)
		snprintf(out, n, "在校（%s）", school);
	else if (months > 0)
		snprintf(out, n, "务工%d个月%s%s%s", months, *place ? "（" : "", place, *place ? "）" : "");
	else
		out[0] = 0;
}

/* returns the number of rows printed */
static int members(struct print_ctx *c, int64_t hh)
{
	static const struct pdf_col cols[] = {
		{ "姓名", PDF_LEFT, 0, 0 }, { "与户主关系", PDF_CENTER, 0, 0 },
		{ "身份证号码", PDF_LEFT, 1, 0 }, { "健康状况", PDF_LEFT, 0, 0 },
		{ "劳动技能", PDF_LEFT, 0, 0 }, { "务工或就学", PDF_LEFT, 0, 0 },
	};
	struct stmt *m = store_prep(c->s->db,
		"SELECT name, relation, id_no, health || CASE WHEN disability <> '' THEN '（' || disability || '）'"
		" ELSE '' END, migrant_months, migrant_place, schooling, labour FROM members"
		" WHERE household_id = ? AND active <> 0 ORDER BY relation <> '户主', birth, id", "l", hh);
	pdf_text(c->pdf, PDF_HEADING, "家庭成员");
	pdf_table_begin(c->pdf, 6, cols, 9, PDF_T_HEADER);
	int n = 0;
	for (; m && stmt_step(m) == 1; n++) {
		char id[20], work[160];
		privacy_id(c->s, stmt_text(m, 2), id);
		work_or_school(m, work, sizeof work);
		const char *v[] = { stmt_text(m, 0), stmt_text(m, 1), id, stmt_text(m, 3), stmt_text(m, 7), work };
		pdf_table_row(c->pdf, v);
	}
	stmt_done(m);
	pdf_table_end(c->pdf);
	return n;
}

/* returns the number of rows printed */
static int measures(struct print_ctx *c, int64_t hh)
{
	static const struct pdf_col cols[] = {
		{ "措施类别", PDF_LEFT, 0, 0 }, { "措施内容", PDF_LEFT, 0, 2 },
		{ "开始日期", PDF_CENTER, 1, 0 }, { "状态", PDF_CENTER, 0, 0 },
	};
	int n = (int)store_int(c->s->db, 0, "SELECT count(*) FROM measures WHERE household_id = ?", "l", hh);
	pdf_text(c->pdf, PDF_HEADING, n > 6 ? "帮扶措施（最近6项）" : "帮扶措施");
	if (!n) {
		pdf_text(c->pdf, PDF_PLAIN, "（尚未登记帮扶措施）");
		return 1;
	}
	struct stmt *m = store_prep(c->s->db,
		"SELECT category, content, start_on, state FROM measures WHERE household_id = ?"
		" ORDER BY start_on DESC, id DESC LIMIT 6", "l", hh);
	pdf_table_begin(c->pdf, 4, cols, 9, PDF_T_HEADER);
	while (m && stmt_step(m) == 1) {
		const char *v[] = { stmt_text(m, 0), stmt_text(m, 1), stmt_text(m, 2), stmt_text(m, 3) };
		pdf_table_row(c->pdf, v);
	}
	stmt_done(m);
	pdf_table_end(c->pdf);
	return n < 6 ? n : 6;
}

/* The part the visitor fills in.  A household with many members and
 * measures gets one ruled line per section instead of two, so its form
 * still fits one sheet. */
static void blanks(struct print_ctx *c, int lines)
{
	char risks[2048];
	size_t o = 0;
	risks[0] = 0;
	const struct vocab *v = config_codes(c->s->cfg, CT_RISK);
	for (int i = 0; i < v->n && o < sizeof risks; i++)
		o += (size_t)snprintf(risks + o, sizeof risks - o, "□%s　", v->items[i]);
	pdf_keep(c->pdf, lines > 1 ? 118 : 103);
	pdf_text(c->pdf, PDF_HEADING, "本次走访情况（走访时填写）");
	pdf_text(c->pdf, PDF_FORM, "走访日期：＿＿＿＿年＿＿月＿＿日　　走访人：＿＿＿＿＿＿　　陪同人员：＿＿＿＿＿＿");
	pdf_lines(c->pdf, "一、家庭收入、就业和生活变化", lines);
	pdf_lines(c->pdf, "二、新发现的风险（在□内打√）", 0);
	pdf_text(c->pdf, PDF_FORM, risks);
	pdf_lines(c->pdf, "三、“三保障”和饮水安全", 0);
	pdf_text(c->pdf, PDF_FORM, "义务教育 □有保障 □有问题　　基本医疗 □有保障 □有问题　　"
	         "住房安全 □有保障 □有问题　　饮水安全 □有保障 □有问题");
	pdf_lines(c->pdf, "四、帮扶需求和下一步措施", lines);
	pdf_space(c->pdf, 4);
	pdf_text(c->pdf, PDF_FORM, "户主（或家庭成员）签字：＿＿＿＿＿＿＿＿　　　走访人签字：＿＿＿＿＿＿＿＿");
}

static void one_form(struct print_ctx *c, struct stmt *st)
{
	char where[384];
	snprintf(where, sizeof where, "%s%s%s　　户编号：%s", stmt_text(st, F_TOWNSHIP),
	         stmt_text(st, F_VILLAGE), stmt_text(st, F_GROUP), stmt_text(st, F_NO));
	if (c->count)
		pdf_page_break(c->pdf);
	char title[160];
	snprintf(title, sizeof title, "%s入户走访记录表", c->s->cfg->object_title);
	pdf_text(c->pdf, PDF_TITLE, title);
	pdf_text(c->pdf, PDF_SUBTITLE, where);
	summary_grid(c, st);
	int rows = members(c, stmt_int(st, F_ID)) + measures(c, stmt_int(st, F_ID));
	blanks(c, rows > 4 ? 1 : 2);
}

int print_visit_forms(struct print_ctx *c, struct jerr *e)
{
	struct stmt *st = hhlist_prepare(c->s, &c->f, FORM_HEAD, FORM_TAIL);
	if (!st)
		return jerr_set(e, "", "无法查询: %s", store_errmsg(c->s->db));
	int rc = c->pdf ? 0 : csv_header(c);
	while (rc == 0 && (rc = stmt_step(st)) == 1) {
		rc = c->pdf ? (one_form(c, st), 0) : csv_row(c, st);
		c->count++;
	}
	stmt_done(st);
	if (rc < 0)
		return jerr_set(e, "", "查询或写出失败: %s", store_errmsg(c->s->db));
	if (!c->count)
		return jerr_set(e, "", "%s没有需要走访的监测户（监测中、消除中）", c->area_name);
	snprintf(c->title, sizeof c->title, "%s走访记录表", c->area_name);
	if (!c->pdf && c->csv->finish)
		return c->csv->finish(c->csv->ctx) == 0 ? 0 : jerr_set(e, "", "无法写出 CSV");
	return 0;
}
