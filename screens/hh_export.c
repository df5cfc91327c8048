/* Exporting the household list as shown: the same filter and search, to
 * CSV or XLSX by the file name's ending (io/export_file.h writes it). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "kit/app.h"
#include "base/clock.h"
#include "io/export_file.h"
#include "hh_list.h"
#include "kit/prompt.h"
#include "access/session.h"

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && !strcasecmp(s + a - b, tail);
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
	/* never over an existing file; the officer's own, 0600, whole or absent */
	long rows = export_file(s, "households", f, NULL, NULL, ends_with(path, ".xlsx"), "户列表", path, &e);
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
	char text[sizeof where + 64];
	snprintf(text, sizeof text, "已导出 %ld 户到：\n%s", rows, where);
	prompt_file_ready(app, "已导出", text, where);
}
