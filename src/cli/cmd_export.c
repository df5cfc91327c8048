/* jiance export: records of the officer's area as CSV or XLSX. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "access/area.h"
#include "cli/commands.h"
#include "base/outfile.h"
#include "io/export_file.h"
#include "register/flags.h"
#include "base/vocab.h"

struct export_args {
	const char *kind, *format, *village, *out, *tpl, *flag, *department;
	struct hh_filter f;
};

static int parse(int argc, char **argv, struct export_args *a)
{
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int takes = 1;
		if (!strcmp(argv[i], "--format") && v) a->format = v;
		else if (!strcmp(argv[i], "--village") && v) a->village = v;
		else if (!strcmp(argv[i], "--status") && v) snprintf(a->f.status, sizeof a->f.status, "%s", v);
		else if (!strcmp(argv[i], "--type") && v) snprintf(a->f.hh_type, sizeof a->f.hh_type, "%s", v);
		else if (!strcmp(argv[i], "--flag") && v) a->flag = v;
		else if (!strcmp(argv[i], "--template") && v) a->tpl = v;
		else if (!strcmp(argv[i], "--department") && v) a->department = v;
		else if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && v) a->out = v;
		else if (argv[i][0] != '-' && !a->kind) { a->kind = argv[i]; takes = 0; }
		else return cli_fail("export", "不认识的参数 “%s”（jiance export --help）", argv[i]);
		i += takes;
	}
	return 0;
}

static int resolve_flag(const char *name, int *out)
{
	for (int i = 0; i < FLAG_COUNT; i++)
		if (!strcmp(name, flag_label((enum flag)(1 << i)))) {
			*out = 1 << i;
			return 0;
		}
	return -1;
}

static int check_args(struct cli *c, struct export_args *a)
{
	if (a->tpl && !export_template(&c->cfg, a->tpl))
		return cli_fail("export", "配置中没有名为“%s”的导出模板", a->tpl);
	if (!a->kind && a->tpl)
		a->kind = export_template(&c->cfg, a->tpl)->kind;
	if (!a->kind || !export_known_kind(a->kind))
		return cli_fail("export", "请指定导出类别: households、members、contacts、measures、visits、leads、runs、lead-results、upstream");
	if (!strcmp(a->kind, "lead-results") != (a->department != NULL))
		return cli_fail("export", a->department ? "--department 只用于 lead-results"
		                : "lead-results 须用 --department 指明部门（如 --department 医保局）");
	if (a->format && strcmp(a->format, "csv") != 0 && strcmp(a->format, "xlsx") != 0)
		return cli_fail("export", "不支持的格式“%s”（可用: csv、xlsx）", a->format);
	if (a->format && !strcmp(a->format, "xlsx") && !a->out)
		return cli_fail("export", "导出 xlsx 须用 -o 指定文件名（例如 -o 监测户.xlsx）");
	if (*a->f.status && vocab_find(&VOCAB_STATUS, a->f.status) < 0)
		return cli_fail("export", "状态“%s”不存在（线索、识别中、监测中、消除中、风险已消除、未纳入、已注销）", a->f.status);
	if (*a->f.hh_type && vocab_find(&VOCAB_HH_TYPE, a->f.hh_type) < 0)
		return cli_fail("export", "监测对象类型“%s”不存在", a->f.hh_type);
	if (a->flag && resolve_flag(a->flag, &a->f.flags) != 0)
		return cli_fail("export", "标记“%s”不存在（无联系人、无帮扶措施、走访超期、识别超期、无开发式措施）", a->flag);
	return 0;
}

static int resolve_village(struct cli *c, struct export_args *a)
{
	if (!a->village)
		return 0;
	struct area v;
	struct jerr e = { 0 };
	int rc = area_find_village(c->db, NULL, a->village, &v, &e);
	if (rc != 1) {
		/* a township name works too */
		int64_t t = store_int(c->db, 0, "SELECT id FROM areas WHERE level = 2 AND name = ?", "t", a->village);
		if (!t)
			return cli_fail("export", "%s", e.msg);
		v.id = t;
	}
	a->f.village_id = v.id;
	return 0;
}

/* The sheet's name: the template's title, else what the kind holds. */
static const char *sheet_of(struct cli *c, const struct export_args *a)
{
	static const char *const names[][2] = {
		{ "households", "监测户" }, { "ledger", "监测户台账" }, { "members", "家庭成员" },
		{ "contacts", "帮扶联系人" }, { "measures", "帮扶措施" }, { "visits", "走访记录" },
		{ "leads", "风险线索" }, { "runs", "识别和消除流程" }, { "lead-results", "线索核实结果" },
		{ "upstream", "待录入国家系统" },
	};
	const struct cfg_template *t = a->tpl ? export_template(&c->cfg, a->tpl) : NULL;
	if (t && t->title[0])
		return t->title;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i][0], a->kind))
			return names[i][1];
	return a->kind;
}

/* Without -o: CSV to standard output, and a failed write (a full disk
 * behind a redirection) is an error too. */
static int to_stdout(struct cli *c, const struct export_args *a)
{
	struct export_sink sink;
	struct jerr e = { 0 };
	export_csv_sink(&sink, stdout);
	long rows = export_write(&c->ses, a->kind, &a->f, a->department,
	                         a->tpl ? export_template(&c->cfg, a->tpl) : NULL, &sink, &e);
	if (rows >= 0 && (fflush(stdout) != 0 || ferror(stdout)))
		return cli_fail("export", "写入标准输出失败（%s）", outfile_why(errno));
	return rows < 0 ? cli_fail("export", "%s", e.msg) : 0;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("export"), argc, argv)) {
		static const char *const kinds[] = { "households", "members", "contacts", "measures",
		                                     "visits", "leads", "runs" };
		printf("\n内置导出模板（--template 名称；配置中同名的模板优先）：\n");
		export_builtin_templates(stdout);
		printf("\n导出模板（templates）中可用的字段，按类别：\n");
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
			printf("%s:\n", kinds[i]);
			export_fields(kinds[i], stdout);
		}
		return 0;
	}
	struct export_args a = { 0 };
	if (parse(argc, argv, &a) != 0 || check_args(c, &a) != 0)
		return 1;
	if (a.out && outfile_taken(a.out))
		return cli_fail("export", "文件 %s 已存在，不会覆盖；请换一个文件名", a.out);
	if (cli_open(c, 0) != 0 || cli_login(c) != 0 || resolve_village(c, &a) != 0)
		return 1;
	if (!a.out)
		return to_stdout(c, &a);
	int xlsx = a.format && !strcmp(a.format, "xlsx");
	/* column widths are measured with wcwidth, which needs a UTF-8 locale;
	 * a cron job may run with none */
	if (xlsx && strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	struct jerr e = { 0 };
	long rows = export_file(&c->ses, a.kind, &a.f, a.department,
	                        a.tpl ? export_template(&c->cfg, a.tpl) : NULL, xlsx, sheet_of(c, &a),
	                        a.out, &e);
	if (rows < 0)
		return cli_fail("export", "%s", e.msg);
	fprintf(stderr, "已导出 %ld 行到 %s\n", rows, a.out);
	return 0;
}
