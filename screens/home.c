/* The home menu.  One table, one line per entry: the key that opens it
 * straight away, the label, a line of explanation and the push function.
 * A screen joins the menu by adding its line here. */
#include "home.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "kit/app.h"
#include "base/clock.h"
#include "access/console_db.h"
#include "dash_screen.h"
#include "drafts.h"
#include "hh_list.h"
#include "import_screen.h"
#include "kit/listview.h"
#include "print_screen.h"
#include "access/session.h"
#include "base/text.h"
#include "kit/ui.h"
#include "work.h"
#include "workq.h"

static void new_household(struct app *app) { hh_form_push(app, 0); }
static void batch_any(struct app *app) { batch_push(app, 0); }

static void drafts_again(struct app *app)
{
	if (drafts_count(app) == 0)
		app_msg(app, MSG_INFO, "没有未保存的草稿");
	else
		drafts_offer(app);
}

struct home_item {
	int key;
	const char *label;
	const char *help;
	void (*push)(struct app *app);
};

static const struct home_item items[] = {
	{ '1', "待办事项", "待我办理的步骤、超期走访、无联系人或无措施的户", todo_push },
	{ '2', "户列表", "筛选、排序、导出；按姓名、拼音首字母、户编号、证件号搜索", hh_list_push },
	{ '3', "风险线索", "登记线索，查看合并的来源，排除或启动识别", leads_push },
	{ '4', "批量审批", "第2、4、5步：全部默认通过，标出例外，一次提交", batch_any },
	{ '5', "走访录入", "按联系人或村，一户一行批量录入本月走访", visit_grid_choose },
	{ 'i', "收入录入", "按村一户一行录入全年收入，标出低于监测范围的户",
	  income_grid_choose },
	{ '6', "帮扶联系人", "联系人及其联系户数、超期走访；批量安排联系人", contacts_push },
	{ '7', "帮扶措施", "按村、类别、状态查看措施；新增、修改、完成", measures_push },
	{ '8', "导入", "预警名单、户信息、走访、国家系统导出（CSV、Excel）", import_screen_push },
	{ '9', "打印", "公示、公告、台账、走访记录表、汇总表（PDF）", print_screen_push },
	{ '0', "看板", "按状态、类型、村统计，本年识别和消除，需要处理的标记", dashboard_push },
	{ 'n', "新建一户", "登记一户及其户主（会先查重）", new_household },
	{ 'u', "待录入国家", "本系统已办理、还须录入国家系统的变更，逐条标为已录入", upstream_list_push },
	{ 'd', "草稿", "连接中断或未能办理时留下的表单：恢复或删除", drafts_again },
};

#define NITEMS ((int)(sizeof items / sizeof items[0]))

/* --- the list --------------------------------------------------------------- */

static long items_count(void *arg) { (void)arg; return NITEMS; }

static int items_fetch(void *arg, long off, int n)
{
	(void)arg;
	long left = NITEMS - off;
	return left <= 0 ? 0 : left < n ? (int)left : n;
}

static void items_cell(void *arg, long i, int col, char *buf, size_t n)
{
	(void)arg;
	if (col == 0)
		snprintf(buf, n, "  %lc", (wint_t)items[i].key);
	else
		snprintf(buf, n, "%s", col == 1 ? items[i].label : items[i].help);
}

static const struct lv_column columns[] = {
	{ "按键", 6, 0, 0, 0, 0 }, { "功能", 12, 0, 0, 0, 0 }, { "说明", 0, 0, 0, 0, 0 },
};

static int home_enter(struct app *app, void *arg)
{
	(void)arg;
	struct listview *lv = calloc(1, sizeof *lv);
	app_set_data(app, lv);
	if (!lv)
		return -1;
	struct lv_source src = { items_count, items_fetch, items_cell, NULL, NULL };
	lv_init(lv, columns, 3, &src);
	app_set_title(app, "主菜单");
	return 0;
}

static void home_leave(struct app *app)
{
	free(app_data(app));
}

static void home_draw(struct app *app, WINDOW *w, int rows, int cols)
{
	struct listview *lv = app_data(app);
	struct session *s = app_session(app);
	char hello[300], today[11];
	snprintf(hello, sizeof hello, "%s，您好。今天是 %s。按功能前的键，或选中后按 Enter。",
	         s ? s->me.name : "", date_fmt(clock_today(), today));
	ui_put(w, 0, 1, cols - 2, hello, UI_DIM);
	if (lv)
		lv_draw(lv, w, 2, 0, rows - 2, cols);
}

static int home_key(struct app *app, int key, int code)
{
	struct listview *lv = app_data(app);
	for (int i = 0; !code && i < NITEMS; i++)
		if (items[i].key == key) {
			lv_select(lv, i);
			items[i].push(app);
			return HANDLED;
		}
	enum action_id act = app_action(app, key, code);
	if (lv_key(lv, act))
		return HANDLED;
	if (act == ACT_OPEN) {
		long i = lv_selected(lv);
		if (i >= 0 && i < NITEMS)
			items[i].push(app);
		return HANDLED;
	}
	return UNHANDLED;
}

static const enum action_id home_actions[] = { LV_ACTIONS, ACT_OPEN, ACT_NONE };

static const struct screen home_screen = {
	.name = "home",
	.title = "主菜单",
	.enter = home_enter,
	.leave = home_leave,
	.draw = home_draw,
	.key = home_key,
	.actions = home_actions,
};

void home_push(struct app *app)
{
	app_push(app, &home_screen, NULL);
}

/* The first search after starting would otherwise fault in the pages it
 * reads one at a time (45-55 ms for a broad one on a county of 200,000
 * households, against 2-13 ms once they are mapped): they are touched
 * while the officer reads the first screen, giving way to every key. */
static int warm_step(void *arg)
{
	static struct console_warm w;
	struct session *s = arg;
	session_yield_to(s, app_input_pending, NULL);
	int more = console_db_warm(s, &w);
	session_yield_to(s, NULL, NULL);
	return more;
}

void home_first_screen(struct app *app)
{
	struct session *ses = app_session(app);
	if (ses && ses->db) {
		console_db_tune(ses);
		app_background(app, warm_step, ses);
	}
	home_push(app);
	/* village and township officers start the day on their work (issue 5) */
	const struct session *s = app_session(app);
	if (s && (s->me.role == ROLE_VILLAGE || s->me.role == ROLE_TOWNSHIP))
		todo_push(app);
	drafts_offer(app);
}
