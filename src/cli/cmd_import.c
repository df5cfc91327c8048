/* jiance import: department warning lists, household spreadsheets and
 * visit records from CSV, XLSX or XLS (SPEC §9).  Reports every row that
 * matters, imports all or nothing unless --partial, and writes the rows to
 * fix to a new STEM.rejected.csv beside the file. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "io/import.h"

struct import_args {
	struct import_opts o;
	const char *file, *show_map;
	int dry_run, partial, all;
};

static int parse(int argc, char **argv, struct import_args *a)
{
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int takes = 1;
		if (!strcmp(argv[i], "--kind") && v) a->o.kind = v;
		else if (!strcmp(argv[i], "--map") && v) a->o.map = v;
		else if (!strcmp(argv[i], "--channel") && v) a->o.channel = v;
		else if (!strcmp(argv[i], "--department") && v) a->o.department = v;
		else if (!strcmp(argv[i], "--show-map") && v) a->show_map = v;
		else if (!strcmp(argv[i], "--dry-run")) { a->dry_run = 1; takes = 0; }
		else if (!strcmp(argv[i], "--partial")) { a->partial = 1; takes = 0; }
		else if (!strcmp(argv[i], "--progress")) { a->o.progress = 1; takes = 0; }
		else if (!strcmp(argv[i], "--all")) { a->all = 1; takes = 0; }
		else if (argv[i][0] != '-' && !a->file) { a->file = argv[i]; takes = 0; }
		else return cli_fail("import", "不认识的参数 “%s”（jiance import --help）", argv[i]);
		i += takes;
	}
	if (a->show_map)
		return 0;
	if (!a->o.kind)
		return cli_fail("import", "请用 --kind 指定导入类别: leads、households、visits、assistance 或 national");
	/* the spelling issue 17 also named for moving a county: not this command's */
	if (!strcmp(a->o.kind, "sqlite"))
		return cli_fail("import", "整个县的 SQLite 数据库不用 import 导入：请用 jiance --db 文件 migrate-to postgresql://…");
	if (!a->file)
		return cli_fail("import", "请指定要导入的文件（CSV、XLSX 或 XLS）");
	return 0;
}

/* The rows to fix, beside the file, in a new file each time.  After a
 * refusal it holds every row (nothing was written): fixing the rows with a
 * reason and importing it brings in the whole file exactly once. */
static void write_rejected(const struct import *im, const char *file)
{
	char path[4096];
	struct jerr e = { 0 };
	long bad = import_counts(im)->rejected;
	long n = import_save_rejected(im, file, path, sizeof path, &e);
	if (n < 0)
		fprintf(stderr, "jiance import: %s\n", e.msg);
	else if (import_rejected_all_rows(im))
		printf("文件的全部 %ld 行已写入 %s，未通过的 %ld 行在最后一列写明原因：改正这些行后导入 %s，"
		       "全部行都会导入（已有的不会重复）\n", n, path, bad, path);
	else
		printf("未通过检查的 %ld 行已写入 %s（最后一列是原因）：改正后导入这个文件\n", n, path);
}

static void say_done(const struct import_counts *c)
{
	if (c->created + c->merged == 0)
		printf("没有需要新增的内容（文件中的记录都已登记或跳过），数据库未改变\n");
	else
		printf("已导入：新增 %ld，合并 %ld%s%s\n", c->created, c->merged,
		       c->skipped ? "；分诊跳过的行未写入" : "",
		       c->rejected ? "；未通过检查的行没有导入" : "");
}

static int commit(struct import *im, const struct import_args *a)
{
	struct jerr e = { 0 };
	int rc = import_commit(im, a->partial, &e);
	/* the report after the commit: it says what was done, or that nothing was */
	import_print(im, stdout, a->all || !strcmp(a->o.kind, "leads") || !strcmp(a->o.kind, "national"));
	if (import_counts(im)->rejected)
		write_rejected(im, a->file);
	if (rc != 0)
		return cli_fail("import", "%s", e.msg);
	say_done(import_counts(im));
	return 0;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	if (cli_wants_help(cli_find("import"), argc, argv)) {
		printf("\n映射中可用的字段（* 为必需；jiance import --show-map 名称 列出一个映射）：\n");
		import_print_fields(stdout);
		return 0;
	}
	struct import_args a = { 0 };
	if (parse(argc, argv, &a) != 0)
		return 1;
	struct jerr e = { 0 };
	if (a.show_map)
		return import_show_map(&c->cfg, a.show_map, stdout, &e) == 0 ? 0
		       : cli_fail("import", "%s", e.msg);
	a.o.progress |= isatty(STDERR_FILENO);
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	struct import *im = import_load(&c->ses, a.file, &a.o, &e);
	if (!im)
		return cli_fail("import", "%s", e.msg);
	int rc;
	if (a.dry_run) {
		/* a warning list is triaged row by row (SPEC §9): every row is reported */
		import_print(im, stdout, a.all || !strcmp(a.o.kind, "leads") || !strcmp(a.o.kind, "national"));
		printf("试运行（--dry-run）：没有写入数据库，也没有生成未通过行的文件\n");
		rc = import_counts(im)->rejected ? 1 : 0;
	} else {
		rc = commit(im, &a);
	}
	import_free(im);
	return rc;
}
