/* jiance print: notices, ledgers, visit forms and the summary as PDF (sent
 * to the configured print command, or saved) or as CSV. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/outfile.h"
#include "cli/commands.h"
#include "print/print.h"

struct print_args {
	const char *kind, *village, *from, *to, *out, *printer, *format;
};

static int parse(int argc, char **argv, struct print_args *a)
{
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int takes = 1;
		if (!strcmp(argv[i], "--village") && v) a->village = v;
		else if (!strcmp(argv[i], "--from") && v) a->from = v;
		else if (!strcmp(argv[i], "--to") && v) a->to = v;
		else if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && v) a->out = v;
		else if (!strcmp(argv[i], "--printer") && v) a->printer = v;
		else if (!strcmp(argv[i], "--format") && v) a->format = v;
		else if (argv[i][0] != '-' && !a->kind) { a->kind = argv[i]; takes = 0; }
		else return cli_fail("print", "不认识的参数 “%s”（jiance print --help）", argv[i]);
		i += takes;
	}
	return 0;
}

static int list_kinds(FILE *out)
{
	fprintf(out, "可打印的文档：\n");
	for (int k = 0; k < PRINT_KIND_COUNT; k++) {
		const struct print_kind_info *i = print_kind_info((enum print_kind)k);
		/* only ASCII is padded: Chinese widths need the locale, help must not */
		fprintf(out, "  %-22s %s（%s）%s%s\n", i->name, i->title, i->zh,
		        i->period ? "；--from/--to: " : "", i->period ? i->period : "");
	}
	return 1;
}

static int parse_date(const char *opt, const char *text, jday *out)
{
	*out = JDAY_NONE;
	if (!text)
		return 0;
	*out = date_parse(text);
	if (*out == JDAY_NONE)
		return cli_fail("print", "%s 的日期“%s”无效（例如 2026-05-03）", opt, text);
	return 0;
}

static int check_args(const struct print_args *a, struct print_opts *o)
{
	if (!a->kind) {
		cli_fail("print", "请指定要打印的文档");
		return list_kinds(stderr);
	}
	int k = print_kind_find(a->kind);
	if (k < 0) {
		cli_fail("print", "不认识的文档“%s”", a->kind);
		return list_kinds(stderr);
	}
	o->kind = (enum print_kind)k;
	if (a->format && strcmp(a->format, "pdf") && strcmp(a->format, "csv"))
		return cli_fail("print", "不支持的格式“%s”（可用: pdf、csv）", a->format);
	if (a->format && !strcmp(a->format, "csv") && a->printer)
		return cli_fail("print", "CSV 不能送打印机，请去掉 --printer");
	return parse_date("--from", a->from, &o->from) || parse_date("--to", a->to, &o->to);
}

static int to_csv(struct cli *c, const struct print_args *a, const struct print_opts *o)
{
	struct jerr e = { 0 };
	struct outfile out;
	if (a->out && outfile_open(&out, a->out, OUTFILE_NEW, &e) != 0)
		return cli_fail("print", "%s", e.msg);
	long n = print_csv(&c->ses, o, a->out ? out.f : stdout, &e);
	if (!a->out) {
		if (n >= 0 && (fflush(stdout) != 0 || ferror(stdout)))
			return cli_fail("print", "写入标准输出失败（%s）", outfile_why(errno));
		return n < 0 ? cli_fail("print", "%s", e.msg) : 0;
	}
	if (n < 0) {
		outfile_abort(&out);
		return cli_fail("print", "%s", e.msg);
	}
	if (outfile_commit(&out, &e) != 0)
		return cli_fail("print", "%s", e.msg);
	fprintf(stderr, "已导出到 %s\n", a->out);
	return 0;
}

/* -o alone saves; otherwise a configured print command prints (keeping
 * the file at -o when --printer is given too); with no command, saves. */
static int to_pdf(struct cli *c, const struct print_args *a, const struct print_opts *o)
{
	struct jerr e = { 0 };
	struct print_job *j = print_prepare(&c->ses, o, &e);
	if (!j)
		return cli_fail("print", "%s", e.msg);
	if (a->printer && !*c->cfg.print_command) {
		print_free(j);
		return cli_fail("print", "未配置打印命令（print.command），不能送打印机；去掉 --printer 则保存为文件");
	}
	int send = *c->cfg.print_command && (!a->out || a->printer);
	char said[512] = "", path[4096] = "";
	int rc = send ? print_send(j, a->printer, a->out, said, sizeof said, &e)
	              : print_save(j, a->out, path, sizeof path, &e);
	if (rc == 0 && send)
		printf("已送打印：%s，共 %d 页%s%s\n", print_title(j), print_pages(j), *said ? "。" : "", said);
	else if (rc == 0)
		printf("%s\n", path);
	if (rc == 0 && !send)
		fprintf(stderr, "已保存：%s，共 %d 页\n", print_title(j), print_pages(j));
	print_free(j);
	return rc == 0 ? 0 : cli_fail("print", "%s", e.msg);
}

int cmd_print(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("print"), argc, argv)) {
		list_kinds(stdout);
		return 0;
	}
	struct print_args a = { 0 };
	struct print_opts o = { 0 };
	if (parse(argc, argv, &a) != 0 || check_args(&a, &o) != 0)
		return 1;
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	struct jerr e = { 0 };
	if (a.village && print_find_area(&c->ses, a.village, &o.area_id, &e) != 0)
		return cli_fail("print", "%s", e.msg);
	int rc = a.format && !strcmp(a.format, "csv") ? to_csv(c, &a, &o) : to_pdf(c, &a, &o);
	print_shutdown();
	return rc;
}
