/* jiance — 防止返贫动态监测和帮扶 console.  Global options, configuration,
 * then either a subcommand or the console. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "console.h"
#include "io/import.h"

#define VERSION "0.1.0"

static void usage(FILE *out)
{
	fprintf(out,
		"用法 usage: jiance [-c 配置文件] [-d 数据库] [--as 登录名] [子命令 …]\n"
		"\n不带子命令时打开控制台。Without a subcommand, opens the console.\n\n"
		"  -c, --config FILE  配置文件（默认 etc/jiance.conf 或 /etc/jiance/jiance.conf）\n"
		"  -d, --db FILE      数据库文件（覆盖配置中的 database.path）\n"
		"      --as LOGIN     以该操作员身份运行（仅 root 或数据库文件所有者）\n"
		"      --help-config  列出全部配置项（类型、范围、默认值）\n"
		"      --version      显示版本\n"
		"  -h, --help         显示本帮助\n\n子命令 subcommands:\n");
	for (const struct command *c = cli_commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->help);
	fprintf(out, "\n每个子命令都有 --help。Each subcommand has --help.\n");
}

enum { OPT_AS = 256, OPT_VERSION, OPT_SELFTEST, OPT_HELP_CONFIG };

/* getopt's own messages are glibc's, in English: say what was wrong with
 * the option as typed ("--db", never "--db=x"; "-q", also inside "-qz"). */
static void bad_option(int o, int argc, char **argv)
{
	const char *prev = argv[optind - 1], *cur = optind < argc ? argv[optind] : "";
	int short_opt = optopt > 0 && optopt < 128 &&
	                (strncmp(prev, "--", 2) != 0 ||
	                 (cur[0] == '-' && cur[1] != '-' && strchr(cur + 1, optopt)));
	char opt[64];
	if (short_opt)
		snprintf(opt, sizeof opt, "-%c", optopt);
	else
		snprintf(opt, sizeof opt, "%.*s", (int)strcspn(prev, "="), prev);
	if (o == ':')
		fprintf(stderr, "jiance: 选项 “%s” 需要一个值", opt);
	else if (optopt && !short_opt)
		fprintf(stderr, "jiance: 选项 “%s” 不带值", opt);
	else
		fprintf(stderr, "jiance: 不认识的选项 “%s”", opt);
	fprintf(stderr, "（jiance --help 列出全部选项）\n");
}

/* The selftest has no database, so it needs none of the group an
 * installation may give the program to reach one (SPEC §11); without it,
 * the file JIANCE_SELFTEST_DRAFT names is written with the officer's own
 * rights only and cannot be pointed at the database. */
static int selftest(void)
{
	if (setgid(getgid()) != 0 || setuid(getuid()) != 0) {
		perror("jiance: --console-selftest");
		return 1;
	}
	return console_selftest();
}

static int parse_globals(struct cli *c, int argc, char **argv, const char **conf)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, OPT_AS },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "help", no_argument, NULL, 'h' },
		{ "console-selftest", no_argument, NULL, OPT_SELFTEST },
		{ "help-config", no_argument, NULL, OPT_HELP_CONFIG },
		{ NULL, 0, NULL, 0 },
	};
	int o;
	/* "+": stop at the first subcommand; its options are its own.
	 * ":": a missing value is reported apart from an unknown option */
	opterr = 0;
	while ((o = getopt_long(argc, argv, "+:c:d:h", opts, NULL)) != -1) {
		switch (o) {
		case 'c': *conf = optarg; break;
		case 'd': c->db_path = optarg; break;
		case OPT_AS: c->as_login = optarg; break;
		case OPT_VERSION: printf("jiance %s\n", VERSION); exit(0);
		case 'h': usage(stdout); exit(0);
		case OPT_SELFTEST: exit(selftest());
		case OPT_HELP_CONFIG: config_print_reference(stdout); exit(0);
		default: bad_option(o, argc, argv); exit(2);
		}
	}
	return optind;
}

static int open_console(struct cli *c)
{
	if (cli_open(c, 0) != 0 || cli_login(c) != 0)
		return 1;
	int rc = console_run(&c->ses);
	cli_close(c);
	return rc;
}

int main(int argc, char **argv)
{
	static struct cli c;
	const char *conf = NULL;
	cli_scrub_environment();
	setlocale(LC_ALL, "");
	c.argv0 = argv[0];
	if (argc == 1 && cli_sftp_requested())
		return cli_run_sftp();
	int first = parse_globals(&c, argc, argv, &conf);
	if (cli_check_overrides(&c, conf) != 0)
		return 2;
	char path[512];
	config_locate(path, sizeof path, conf, argv[0]);
	struct jerr e = { 0 };
	config_defaults(&c.cfg);
	config_set_field_check(import_config_fields);   /* a misspelt field: FILE:LINE at load */
	if (path[0] && config_load(&c.cfg, path, &e) != 0) {
		fprintf(stderr, "jiance: 配置错误 %s\n", e.msg);
		return 2;
	}
	if (!c.db_path)
		c.db_path = c.cfg.db_url[0] ? c.cfg.db_url : c.cfg.db_path;
	if (cli_test_hooks(&c) != 0)
		return 2;
	cli_log_start(&c, first >= argc);
	if (first >= argc)
		return open_console(&c);
	const struct command *cmd = cli_find(argv[first]);
	if (!cmd) {
		fprintf(stderr, "jiance: 未知的子命令 “%s”（jiance --help 列出全部）\n", argv[first]);
		return 2;
	}
	optind = 0;  /* 0 re-initialises getopt: the subcommand parses its own options from its argv */
	int rc = cmd->run(&c, argc - first, argv + first);
	cli_close(&c);
	return rc;
}
