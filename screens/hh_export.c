/* Exporting the household list as shown: the same filter and search, to
 * CSV or XLSX by the file name's ending (src/export.h does the writing). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "kit/app.h"
#include "base/clock.h"
#include "io/export.h"
#include "io/outfile.h"
#include "hh_list.h"
#include "kit/prompt.h"
#include "access/session.h"

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && !strcasecmp(s + a - b, tail);
}

static long to_csv(struct session *s, const struct hh_filter *f, const char *path,
                   struct jerr *e)
{
	/* never over an existing file, never through a link; the officer's alone */
	FILE *out = outfile_create(path, e);
	if (!out)
		return -1;
	struct export_sink sink;
	export_csv_sink(&sink, out);
	long rows = export_run(s, "households", f, NULL, &sink, e);
	if (fclose(out) != 0 && rows >= 0)
		rows = jerr_set(e, "", "写入 %s 失败", path);
	if (rows < 0)
		unlink(path);
	return rows;
}

static long to_xlsx(struct session *s, const struct hh_filter *f, const char *path,
                    struct jerr *e)
{
	FILE *mine = outfile_create(path, e);   /* the workbook is written into it */
	if (!mine)
		return -1;
	fclose(mine);
	struct export_sink sink;
	if (export_xlsx_sink(&sink, path, "户列表", e) != 0)
		return -1;
	long rows = export_run(s, "households", f, NULL, &sink, e);
	export_xlsx_done(&sink);
	return rows;
}

void hh_export_prompt(struct app *app, const struct hh_filter *f)
{
	char path[512], today[11];
	date_fmt(clock_today(), today);
	snprintf(path, sizeof path, "户列表-%s.xlsx", today);
	if (!prompt_line(app, "导出户列表（按当前筛选和搜索）",
	                 "文件名：以 .xlsx 结尾导出 Excel，以 .csv 结尾导出 CSV", path, sizeof path))
		return;
	if (!ends_with(path, ".csv") && !ends_with(path, ".xlsx")) {
		app_msg(app, MSG_ERROR, "文件名须以 .csv 或 .xlsx 结尾，未导出");
		return;
	}
	app_msg(app, MSG_INFO, "正在导出，请稍候");
	app_flush(app);
	struct jerr e = { 0 };
	struct session *s = app_session(app);
	long rows = ends_with(path, ".csv") ? to_csv(s, f, path, &e) : to_xlsx(s, f, path, &e);
	char where[1024];
	if (rows < 0) {
		app_msg(app, MSG_ERROR, "未导出：%s", e.msg);
		return;
	}
	if (path[0] != '/' && getcwd(where, sizeof where - strlen(path) - 2))
		strcat(strcat(where, "/"), path);
	else
		snprintf(where, sizeof where, "%s", path);
	app_msg(app, MSG_OK, "已导出 %ld 户到 %s", rows, where);
}
