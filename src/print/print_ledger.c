/* The internal ledgers (SPEC §8): 监测户台账 and 帮扶措施台账.  Both are an
 * export (export.c) written into a PDF table, so the printed ledger, its
 * CSV and `jiance export ledger` are one table; IDs are masked there, by
 * privacy.c. */
#include "print/print_impl.h"

#include <stdio.h>
#include <string.h>

#include "access/area.h"
#include "register/privacy.h"

#define MONITORED " AND h.status IN ('监测中','消除中','风险已消除')"

static const char *const LEDGER_FIELDS[] = {
	"hh_no", "head_name", "head_id", "township", "village", "group", "size", "hh_type", "risks",
	"per_capita_income", "income_year", "contact", "measures", "last_visit_on", "status", NULL,
};

/* The level of the area the document covers. */
static int area_level(const struct print_ctx *c)
{
	struct area a;
	if (c->o->area_id && area_get(c->s->db, c->o->area_id, &a) == 1)
		return a.level;
	return c->s->scope.level;
}

/* A township or village column that would repeat one name on every row is
 * left out; the heading names the area instead. */
static void ledger_columns(const struct print_ctx *c, struct cfg_template *t)
{
	int level = area_level(c);
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "ledger");
	snprintf(t->kind, sizeof t->kind, "households");
	for (int i = 0; LEDGER_FIELDS[i] && t->ncols < CFG_MAX_COLS; i++) {
		const char *f = LEDGER_FIELDS[i];
		if ((!strcmp(f, "township") && level >= LEVEL_TOWNSHIP) ||
		    (!strcmp(f, "village") && level >= LEVEL_VILLAGE))
			continue;
		snprintf(t->cols[t->ncols].field, sizeof t->cols[0].field, "%s", f);
		snprintf(t->cols[t->ncols].header, sizeof t->cols[0].header, "%s",
		         export_field_header("ledger", f));
		t->ncols++;
	}
}

/* A configured template of either name replaces the built-in columns:
 * a new layout from above is a configuration edit (SPEC §0). */
static const struct cfg_template *configured(const struct print_ctx *c, const char *zh,
                                             const char *ascii)
{
	const struct cfg_template *t = config_template(c->s->cfg, zh);
	return t ? t : config_template(c->s->cfg, ascii);
}

static int64_t count_of(struct print_ctx *c, const char *head, const char *tail, int64_t *people)
{
	struct stmt *st = hhlist_prepare(c->s, &c->f, head, tail);
	int64_t n = -1;
	if (st && stmt_step(st) == 1) {
		n = stmt_int(st, 0);
		if (people)
			*people = stmt_int(st, 1);
	}
	stmt_done(st);
	return n;
}

static void ledger_notes(struct print_ctx *c)
{
	char text[512];
	snprintf(text, sizeof text, "注：%s人均纯收入为最近一个年度的家庭人均纯收入，单位元；"
	         "状态为“监测中”“消除中”的风险尚未消除。",
	         privacy_ids_masked(c->s) ? "身份证号码只显示前6位和后4位；" : "");
	pdf_text(c->pdf, PDF_NOTE, text);
}

int print_ledger(struct print_ctx *c, struct jerr *e)
{
	int64_t people = 0;
	int64_t n = count_of(c, "SELECT count(*), coalesce(sum(h.size), 0) FROM households h",
	                     MONITORED, &people);
	if (n < 0)
		return jerr_set(e, "", "无法查询: %s", store_errmsg(c->s->db));
	if (n == 0)
		return jerr_set(e, "", "%s没有监测户（监测中、消除中或风险已消除）", c->area_name);
	char title[256], extra[128];
	snprintf(title, sizeof title, "%s监测户台账", c->area_name);
	snprintf(extra, sizeof extra, "共%lld户%lld人", (long long)n, (long long)people);
	print_heading(c, title, extra);
	struct cfg_template own;
	const struct cfg_template *tpl = configured(c, "监测户台账", "ledger");
	if (!tpl) {
		ledger_columns(c, &own);
		tpl = &own;
	}
	struct print_table t;
	long rows = export_run(c->s, "ledger", &c->f, tpl, print_table_sink(c, &t, 8, 1), e);
	if (rows < 0)
		return -1;
	c->count = rows;
	if (c->pdf)
		ledger_notes(c);
	return 0;
}

int print_measures(struct print_ctx *c, struct jerr *e)
{
	int64_t n = count_of(c, "SELECT count(*), count(DISTINCT h.id) FROM households h"
	                        " JOIN measures x ON x.household_id = h.id", "", NULL);
	if (n < 0)
		return jerr_set(e, "", "无法查询: %s", store_errmsg(c->s->db));
	if (n == 0)
		return jerr_set(e, "", "%s还没有登记帮扶措施", c->area_name);
	char title[256], extra[64];
	snprintf(title, sizeof title, "%s帮扶措施台账", c->area_name);
	snprintf(extra, sizeof extra, "共%lld项措施", (long long)n);
	print_heading(c, title, extra);
	struct print_table t;
	long rows = export_run(c->s, "measures", &c->f, configured(c, "帮扶措施台账", "measures-ledger"),
	                       print_table_sink(c, &t, 8.5, 1), e);
	if (rows < 0)
		return -1;
	c->count = rows;
	if (c->pdf)
		pdf_text(c->pdf, PDF_NOTE, "注：金额单位为元；产业、就业、金融（小额信贷）、公益岗位帮扶为开发式帮扶措施。");
	return 0;
}
