#include "kit/sendfile.h"

#include <stdio.h>
#include <string.h>

#include "kit/app.h"
#include "base/err.h"
#include "base/zmodem.h"

struct sending {
	const char *path;
	struct jerr e;
};

static int send_now(void *arg)
{
	struct sending *s = arg;
	return zmodem_send(s->path, &s->e);
}

int file_send(struct app *app, const char *path)
{
	struct sending s = { path, { "", "" } };
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char say[1024];
	snprintf(say, sizeof say, "正在用 ZMODEM 发送 %s 到您的电脑……\n"
	         "（终端若不支持 ZMODEM，请连按五次 Ctrl-X 取消，再用 SFTP 取文件）", base);
	int rc = app_lend_terminal(app, say, send_now, &s);
	if (rc == 0)
		app_msg(app, MSG_OK, "已发送 %s 到您的电脑（在终端软件的接收文件夹里）", base);
	else
		app_msg(app, MSG_ERROR, "%s", s.e.msg[0] ? s.e.msg : "未发送");
	return rc;
}
