/* jiance --console-selftest: the frame with no database behind it, so the
 * end-to-end tests can drive the real binary: a demo member form (a text
 * field and a choice field) with the help screen on top of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/app.h"
#include "console.h"
#include "kit/form.h"
#include "kit/help.h"
#include "kit/prompt.h"
#include "access/session.h"
#include "base/text.h"
#include "kit/ui.h"

static const struct form_option relations[] = {
	{ "户主", "hz", "huzhu" }, { "配偶", "po", "peiou" }, { "之子", "zz", "zhizi" },
	{ "之女", "zn", "zhinv" }, { "之儿媳", "zex", "zhierxi" }, { "之女婿", "znx", "zhinvxu" },
	{ "之孙子", "zsz", "zhisunzi" }, { "之孙女", "zsn", "zhisunnv" },
	{ "之父", "zf", "zhifu" }, { "之母", "zm", "zhimu" },
	{ "兄弟姐妹", "xdjm", "xiongdijiemei" }, { "其他", "qt", "qita" },
};

static const char *name_ok(void *arg, struct form *f, const char *value, char *why, size_t n)
{
	(void)arg;
	(void)f;
	(void)why;
	(void)n;
	return text_has_han(value) ? NULL : "姓名应含汉字";
}

static int demo_enter(struct app *app, void *arg)
{
	(void)arg;
	struct form *f = form_new(NULL);
	if (!f)
		return -1;
	form_add(f, (struct form_field){ .name = "name", .label = "姓名", .width = 16,
	                                 .maxbytes = 90, .required = 1, .validate = name_ok,
	                                 .hint = "与身份证上的一致" });
	form_add(f, (struct form_field){ .name = "relation", .label = "与户主关系",
	                                 .kind = FORM_CHOICE, .width = 12, .required = 1,
	                                 .options = relations,
	                                 .noptions = (int)(sizeof relations / sizeof relations[0]),
	                                 .hint = "可输入拼音首字母，如 hz" });
	if (form_failed(f)) {
		form_free(f);
		return -1;
	}
	app_set_data(app, f);
	return 0;
}

/* A hangup keeps what was typed (SPEC §7): here as name=value lines. */
static void demo_leave(struct app *app)
{
	struct form *f = app_data(app);
	const char *path = getenv("JIANCE_SELFTEST_DRAFT");
	if (f && app_hungup(app) && path && *path) {
		FILE *out = fopen(path, "a");
		for (int i = 0; out && i < form_count(f); i++)
			fprintf(out, "%s=%s\n", form_name(f, i), form_value(f, form_name(f, i)));
		if (out)
			fclose(out);
	}
	form_free(f);
}

static void demo_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct form *f = app_data(app);
	ui_put(w, 0, 1, cols - 2, "自检模式：不连接数据库，只检查界面。", UI_DIM);
	if (f)
		form_draw(f, app, w, 2, 1, rows - 2, cols - 2);
}

static int demo_key(struct app *app, int key, int code)
{
	struct form *f = app_data(app);
	switch (form_key(f, app, key, code)) {
	case FORM_SAVE:
		app_msg(app, MSG_OK, "检查通过（自检模式不保存）：%s %s", form_value(f, "name"),
			form_value(f, "relation"));
		form_saved(f);
		return HANDLED;
	case FORM_UNHANDLED:
		break;
	default:
		return HANDLED;
	}
	/* leaving with typed text: ask, never lose it silently */
	if (action_matches(ACT_BACK, key, code) && form_dirty(f))
		return prompt_confirm(app, "放弃已填写的内容？") ? POP : HANDLED;
	return UNHANDLED;
}

static const enum action_id demo_actions[] = { FORM_ACTIONS, ACT_NONE };

static const struct screen demo_screen = {
	.name = "selftest_form",
	.title = "自检：成员表单",
	.enter = demo_enter,
	.leave = demo_leave,
	.draw = demo_draw,
	.key = demo_key,
	.actions = demo_actions,
	.flags = SCREEN_TYPING,
};

static void mark_hangup(struct app *app, void *arg)
{
	(void)app;
	(void)arg;
	const char *path = getenv("JIANCE_SELFTEST_DRAFT");
	FILE *out = path && *path ? fopen(path, "w") : NULL;
	if (out) {
		fprintf(out, "hangup=1\n");
		fclose(out);
	}
}

int console_selftest(void)
{
	static struct session s;
	memset(&s, 0, sizeof s);
	snprintf(s.me.name, sizeof s.me.name, "测试员");
	s.me.role = ROLE_TOWNSHIP;
	snprintf(s.me.area_name, sizeof s.me.area_name, "保家镇");
	struct app *app = app_new(&s);
	if (!app)
		return 1;
	if (app_start(app) != 0) {
		app_free(app);
		return 1;
	}
	app_on_hangup(app, mark_hangup, NULL);
	app_push(app, &demo_screen, NULL);
	help_push(app);
	int rc = app_run(app);
	app_free(app);
	return rc;
}
