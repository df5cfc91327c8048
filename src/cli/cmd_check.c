/* `jiance check`: the database's integrity, then the count of every policy
 * flag and data-quality rule (数据疑点) in the officer's area, one line
 * each; `--rule CODE` lists the households breaking one rule.  Flags and
 * findings are work to do, not errors: the exit status is 0 unless the
 * database itself is damaged. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "register/flags.h"
#include "register/income_round.h"
#include "flow/contradictions.h"
#include "flow/quality.h"
#include "flow/todo.h"
#include "flow/worklist.h"

static void report(void *arg, const char *line)
{
	int *n = arg;
	if ((*n)++ == 0)
		printf("数据库完整性：发现问题\n");
	printf("  %s\n", line);
}

static void contradiction(void *arg, const char *what, int64_t n)
{
	(void)arg;
	printf("  %s：%" PRId64 "条\n", what, n);
}

/* The year being collected (December's income collection): how many are
 * at or below its line, among those whose income is recorded. */
static void income_line(struct cli *c, int year)
{
	int64_t recorded = 0, below = income_below_line_count(&c->ses, year, &recorded);
	int yuan = config_line(&c->cfg, year);
	if (yuan <= 0) {
		printf("  %d年收入：配置中没有这一年的监测范围\n", year);
		return;
	}
	printf("  %d年人均纯收入不高于监测范围（%d元）的监测户：%" PRId64 "户（已登记%d年收入%" PRId64
	       "户）\n", year, yuan, below, year, recorded);
}

/* The data-quality rules, one line each: code, count, sentence. */
static int quality_report(struct cli *c)
{
	int64_t counts[128];
	int n = quality_count();
	if (n > 128 || quality_counts(&c->ses, counts) != 0)
		return cli_fail("check", "无法统计数据疑点: %s", store_errmsg(c->db));
	printf("数据疑点（%s；jiance check --rule 代码 列出各户）：\n", c->ses.me.area_name);
	for (int i = 0; i < n; i++) {
		const struct quality_rule *r = quality_rule_at(i);
		printf("  %-9s %6" PRId64 "户  %s\n", r->code, counts[i], r->text);
	}
	return 0;
}

/* `--rule CODE`: every household breaking it, a page at a time. */
static int list_rule(struct cli *c, const char *code)
{
	const struct quality_rule *r = quality_find(code);
	struct quality_hit hits[256];
	int64_t total = 0;
	if (!r)
		return cli_fail("check", "没有代码为 “%s” 的数据疑点规则（jiance check 列出全部）", code);
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	printf("%s %s\n户编号\t户主\t村\n", r->code, r->text);
	for (int n; (n = quality_list(&c->ses, r, (int)total, hits, 256)) > 0; total += n)
		for (int i = 0; i < n; i++)
			printf("%s\t%s\t%s\n", hits[i].hh_no, hits[i].head_name, hits[i].village);
	printf("共 %" PRId64 " 户\n", total);
	return 0;
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("check"), argc, argv))
		return 0;
	if (argc > 1 && !strcmp(argv[1], "--rule")) {
		if (argc != 3)
			return cli_fail("check", "--rule 后面要写一个规则代码，如 --rule 5_18_001");
		return list_rule(c, argv[2]);
	}
	if (argc > 1)
		return cli_fail("check", "不认识的参数 “%s”（jiance check --help）", argv[1]);
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	int problems = 0;
	store_integrity(c->db, report, &problems);
	/* a table or trigger dropped behind the program's back (the audit's
	 * append-only trigger, the drafts) is damage too */
	store_schema_check(c->db, report, &problems);
	if (!problems)
		printf("数据库完整性：正常\n");
	int64_t counts[FLAG_COUNT];
	if (flags_count(&c->ses, counts) != 0)
		return cli_fail("check", "无法统计政策规则: %s", store_errmsg(c->db));
	printf("政策规则（%s）：\n", c->ses.me.area_name);
	for (int i = 0; i < FLAG_COUNT; i++) {
		char what[160];
		flag_describe(&c->cfg, (enum flag)(1 << i), what, sizeof what);
		printf("  %s：%" PRId64 "户\n", what, counts[i]);
	}
	int y, m, d;
	date_to_ymd(clock_today(), &y, &m, &d);
	printf("  本月待走访（本月尚未走访）的监测户：%" PRId64 "户\n",
	       visit_due_count(&c->ses, 0, 0, date_from_ymd(y, m, 1)));
	income_line(c, income_round_year(clock_today()));
	printf("  逾期未核实（%d个工作日）或识别超期的风险线索：%" PRId64 "条\n",
	       c->cfg.lead_verify_workdays, todo_overdue_leads_count(&c->ses));
	printf("与规则不符的记录（保存时已拒绝，此处查历史和导入的数据）：\n");
	if (contradictions_each(&c->ses, contradiction, NULL) != 0)
		return cli_fail("check", "无法检查记录: %s", store_errmsg(c->db));
	if (quality_report(c) != 0)
		return 1;
	return problems ? 1 : 0;
}
