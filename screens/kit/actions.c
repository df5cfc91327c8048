#include "kit/actions.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "base/text.h"
#include "kit/ui.h"

#define CTRL(c) ((c) & 0x1f)
#define K(c) { (c), 0 }           /* a character */
#define KC(c) { (c), 1 }          /* a KEY_* code */
#define ESC 27

/* Keys follow what officers already know from Windows programs and mc/htop:
 * arrows and PgUp/PgDn move, Enter opens, Esc/q go back, F-keys act. */
static const struct action table[ACT_COUNT] = {
	[ACT_HELP] = { ACT_HELP, { KC(KEY_F(1)), K('?') }, "帮助", "显示本屏幕可用的全部按键", 1 },
	[ACT_BACK] = { ACT_BACK, { K('q'), K(ESC) }, "返回", "回到上一屏幕；在主菜单时退出（会先确认）", 1 },
	[ACT_QUIT] = { ACT_QUIT, { KC(KEY_F(10)), K(CTRL('C')) }, "退出", "退出监测系统（会先确认）", 1 },
	[ACT_REDRAW] = { ACT_REDRAW, { K(CTRL('L')) }, "重绘", "重新绘制整个屏幕", 0 },
	[ACT_UP] = { ACT_UP, { KC(KEY_UP) }, "上移", "选择上一行", 0 },
	[ACT_DOWN] = { ACT_DOWN, { KC(KEY_DOWN) }, "下移", "选择下一行", 0 },
	[ACT_LEFT] = { ACT_LEFT, { KC(KEY_LEFT) }, "左移", "向左移动", 0 },
	[ACT_RIGHT] = { ACT_RIGHT, { KC(KEY_RIGHT) }, "右移", "向右移动", 0 },
	[ACT_PGUP] = { ACT_PGUP, { KC(KEY_PPAGE) }, "上一页", "向上翻一页", 0 },
	[ACT_PGDN] = { ACT_PGDN, { KC(KEY_NPAGE) }, "下一页", "向下翻一页", 0 },
	[ACT_HOME] = { ACT_HOME, { KC(KEY_HOME) }, "首行", "跳到第一行", 0 },
	[ACT_END] = { ACT_END, { KC(KEY_END) }, "末行", "跳到最后一行", 0 },
	[ACT_LINE_UP] = { ACT_LINE_UP, { KC(KEY_UP) }, "上滚", "向上滚动一行", 0 },
	[ACT_LINE_DOWN] = { ACT_LINE_DOWN, { KC(KEY_DOWN) }, "下滚", "向下滚动一行", 0 },
	[ACT_OPEN] = { ACT_OPEN, { K('\r'), K('\n'), KC(KEY_ENTER) }, "打开", "打开所选的一行", 1 },
	[ACT_SEARCH] = { ACT_SEARCH, { K('/'), KC(KEY_F(3)) }, "搜索",
	                 "按姓名、拼音首字母、户编号（也认国家系统户编号）或证件号后几位查找", 1 },
	[ACT_FILTER] = { ACT_FILTER, { K('f'), KC(KEY_F(7)) }, "筛选", "按村、状态、类型等条件筛选", 1 },
	[ACT_SORT] = { ACT_SORT, { K('s'), KC(KEY_F(6)) }, "排序", "更换排序方式", 1 },
	[ACT_NEW] = { ACT_NEW, { K('n'), KC(KEY_IC) }, "新增", "新建一条记录", 1 },
	[ACT_EDIT] = { ACT_EDIT, { K('e'), KC(KEY_F(4)) }, "修改", "修改所选的记录", 1 },
	[ACT_DELETE] = { ACT_DELETE, { K('d'), KC(KEY_F(8)) }, "删除", "删除所选的记录（会先确认）", 1 },
	[ACT_MARK] = { ACT_MARK, { K(' ') }, "标记", "标记或取消标记所选行，用于批量处理", 1 },
	[ACT_REVEAL] = { ACT_REVEAL, { K('v') }, "显示证号", "显示完整证件号码（记入审计日志）", 1 },
	[ACT_PRINT] = { ACT_PRINT, { K('p'), KC(KEY_F(9)) }, "打印", "打印台账或公示", 1 },
	[ACT_EXPORT] = { ACT_EXPORT, { K('x') }, "导出", "导出为表格文件", 1 },
	[ACT_REFRESH] = { ACT_REFRESH, { KC(KEY_F(5)) }, "刷新", "重新读取数据", 0 },
	[ACT_NEXT_FIELD] = { ACT_NEXT_FIELD, { K('\t'), KC(KEY_DOWN), K('\r') }, "下一项",
	                     "移到下一个填写项", 0 },
	[ACT_PREV_FIELD] = { ACT_PREV_FIELD, { KC(KEY_BTAB), KC(KEY_UP) }, "上一项",
	                     "移到上一个填写项", 0 },
	[ACT_SAVE] = { ACT_SAVE, { KC(KEY_F(2)), K(CTRL('S')) }, "保存", "检查全部填写项并保存", 1 },
	[ACT_CHOICES] = { ACT_CHOICES, { KC(KEY_F(4)) }, "选项",
	                  "列出可选的内容；也可输入文字或拼音首字母", 1 },
	[ACT_OK] = { ACT_OK, { K('\r'), K('\n'), KC(KEY_ENTER) }, "确定", "确认并关闭", 1 },
	[ACT_CANCEL] = { ACT_CANCEL, { K(ESC) }, "取消", "不做改动，关闭", 1 },
	[ACT_YES] = { ACT_YES, { K('y'), K('Y') }, "是", "回答“是”", 1 },
	[ACT_NO] = { ACT_NO, { K('n'), K('N') }, "否", "回答“否”", 1 },
	[ACT_CHECK] = { ACT_CHECK, { KC(KEY_F(2)), K(CTRL('S')) }, "检查",
	                "逐行检查文件并显示报告，这时还不写入数据库", 1 },
	[ACT_COMPLETE] = { ACT_COMPLETE, { K('\t') }, "补全",
	                   "文件一栏：补全文件名；再按一次列出可选的文件", 1 },
	[ACT_COMMIT_ALL] = { ACT_COMMIT_ALL, { K('a') }, "全部导入",
	                     "全部写入数据库（有未通过的行时不可用）", 1 },
	[ACT_COMMIT_GOOD] = { ACT_COMMIT_GOOD, { K('g') }, "只导通过的",
	                      "只导入检查通过的行，跳过未通过的行（会先确认）", 1 },
	[ACT_WRITE_REJECTED] = { ACT_WRITE_REJECTED, { K('w') }, "导出未通过",
	                         "未通过的行连同原因写成 CSV，改正后可再导入", 1 },
	[ACT_NEXT_BAD] = { ACT_NEXT_BAD, { K('n') }, "下个未通过", "跳到下一行未通过检查的行", 0 },
	[ACT_MAKE] = { ACT_MAKE, { KC(KEY_F(2)), K(CTRL('S')) }, "生成",
	               "按所选条件生成文档，显示页数，然后保存或打印", 1 },
	[ACT_SAVE_PDF] = { ACT_SAVE_PDF, { K('s'), KC(KEY_F(2)) }, "保存",
	                   "保存为 PDF 文件（不会覆盖已有的文件）", 1 },
	[ACT_SEND_FILE] = { ACT_SEND_FILE, { K('s'), KC(KEY_F(6)) }, "发送到本机",
	                    "用 ZMODEM 把文件发到您的电脑（Xshell、SecureCRT 自动接收；"
	                    "不支持时按五次 Ctrl-X 取消，改用 SFTP）", 1 },
	/* work screens: on typing screens (step form, visit grid) only keys
	 * that are not text: F-keys and Ctrl-letters the line editor leaves free */
	[ACT_PASS] = { ACT_PASS, { KC(KEY_F(2)), K(CTRL('S')) }, "通过",
	               "检查填写的内容，以“通过”办结本步骤", 1 },
	[ACT_RETURN] = { ACT_RETURN, { K(CTRL('R')) }, "退回",
	                 "退回到之前的某一步重新办理（须填写理由）", 1 },
	[ACT_REJECT] = { ACT_REJECT, { K(CTRL('X')) }, "不通过",
	                 "以“不通过”结束本流程（须填写理由，会先确认）", 1 },
	[ACT_OBJECTION] = { ACT_OBJECTION, { K(CTRL('O')) }, "异议",
	                    "登记公示期间收到的异议，或登记异议的处理结果", 1 },
	[ACT_COMMIT] = { ACT_COMMIT, { KC(KEY_F(2)), K(CTRL('S')) }, "提交",
	                 "先显示各种决定的户数，再一次提交暂缓以外的全部决定（全部成功或全部不做）", 1 },
	[ACT_EXCEPT] = { ACT_EXCEPT, { K(' ') }, "改决定",
	                 "把所选的一行改为退回、不通过（须填写理由）、暂缓或通过", 1 },
	[ACT_SKIP] = { ACT_SKIP, { K('z') }, "暂缓",
	               "所选的一行这次不决定、不提交，仍在待办中；再按一次改回通过", 1 },
	[ACT_SKIP_ALL] = { ACT_SKIP_ALL, { K('*') }, "全部暂缓",
	                   "把所有“通过”的行改为暂缓，再逐行决定只提交的几户；"
	                   "没有“通过”的行时全部改回通过", 1 },
	[ACT_START_ID] = { ACT_START_ID, { K('i') }, "启动识别",
	                   "对所选线索启动识别纳入流程", 1 },
	[ACT_DISMISS] = { ACT_DISMISS, { K('x') }, "排除",
	                  "记录核实结果并结束线索：核实无风险，或已在监测（须填写说明）", 1 },
	[ACT_ASSIGN] = { ACT_ASSIGN, { K('a') }, "安排联系人",
	                 "为所选（或已标记）的户安排帮扶联系人", 1 },
	[ACT_VISITS] = { ACT_VISITS, { K('w') }, "走访录入",
	                 "批量录入走访记录（一户一行，像表格一样录入）", 1 },
	[ACT_FINISH] = { ACT_FINISH, { K('c') }, "完成", "把所选的帮扶措施标为已完成", 1 },
	[ACT_BATCH] = { ACT_BATCH, { K('b') }, "批量审批",
	                "第2、4、5步：全部默认通过，标出例外，一次提交", 1 },
	[ACT_HOUSEHOLD] = { ACT_HOUSEHOLD, { K('h') }, "户详情", "打开所选户的详情", 1 },
	[ACT_FLOW] = { ACT_FLOW, { K('g') }, "消除/回退/注销",
	               "启动风险消除；县级：回退风险消除、注销户", 1 },
	[ACT_LEADS] = { ACT_LEADS, { K('l') }, "线索", "查看和处理风险线索", 1 },
	[ACT_MARK_ALL] = { ACT_MARK_ALL, { K('*') }, "全部标记", "标记或取消标记列表中的全部户", 1 },
	[ACT_NEXT_CELL] = { ACT_NEXT_CELL, { K('\r'), K('\t'), KC(KEY_ENTER) }, "下一格",
	                    "移到下一格；离开一行时保存这一行", 1 },
	[ACT_PREV_CELL] = { ACT_PREV_CELL, { KC(KEY_BTAB) }, "上一格", "移到上一格", 0 },
	[ACT_COPY_UP] = { ACT_COPY_UP, { K(CTRL('D')) }, "复制上格",
	                 "填入上一行同一格的内容（走访录入表中 Ctrl-D 不删字，删字用 Del）", 1 },
	[ACT_NEW_LEAD] = { ACT_NEW_LEAD, { K('n') }, "登记线索", "登记一条新的风险线索", 1 },
	[ACT_LEAD_ASSIGN] = { ACT_LEAD_ASSIGN, { K('a') }, "分派",
	                      "把线索分派给本村或本乡镇的一位操作员核实（默认由本村村级核实）", 1 },
	[ACT_MEMBER_EVENT] = { ACT_MEMBER_EVENT, { K('c') }, "成员变动",
	                       "登记选中成员的死亡、婚出、迁出或转到另一户（须填日期和原因）", 1 },
	[ACT_ENTERED] = { ACT_ENTERED, { K('c') }, "已录入",
	                  "把所选（或已标记）的条目标为已录入国家系统（记下录入人和时间，会先确认）", 1 },
	[ACT_NO_CHANGE] = { ACT_NO_CHANGE, { K(CTRL('N')) }, "无变化",
	                    "空着的走访情况填入“情况正常，无变化”（已写的不覆盖）", 1 },
	/* household list, detail and the filter box */
	[ACT_SORT_REVERSE] = { ACT_SORT_REVERSE, { K('S') }, "倒序", "按当前排序方式倒过来排", 0 },
	[ACT_TAB_NEXT] = { ACT_TAB_NEXT, { K('\t'), KC(KEY_RIGHT) }, "下一栏",
	                   "切换到下一栏（户信息、成员、风险保障、联系人……）", 1 },
	[ACT_TAB_PREV] = { ACT_TAB_PREV, { KC(KEY_BTAB), KC(KEY_LEFT) }, "上一栏", "切换到上一栏", 0 },
	[ACT_INCOME] = { ACT_INCOME, { K('i') }, "收入", "填写或修改某一年度的收入", 1 },
	[ACT_ADD_MEASURE] = { ACT_ADD_MEASURE, { K('m') }, "加措施",
	                     "新增一条帮扶措施；户列表中为标记的每一户各登记一条", 0 },
	[ACT_ADD_VISIT] = { ACT_ADD_VISIT, { K('w') }, "加走访", "为本户登记一次入户走访", 0 },
	[ACT_DO_STEP] = { ACT_DO_STEP, { K('s') }, "办理步骤", "办理本户正在进行的流程的当前步骤", 1 },
	[ACT_ADD_LEAD] = { ACT_ADD_LEAD, { K('l') }, "新线索", "为本户登记一条风险线索", 0 },
	[ACT_APPLY] = { ACT_APPLY, { KC(KEY_F(2)), K(CTRL('S')) }, "应用", "按填写的条件筛选", 1 },
	[ACT_CLEAR] = { ACT_CLEAR, { KC(KEY_F(8)) }, "清除", "清除全部筛选条件", 1 },
	[ACT_EDIT_HH] = { ACT_EDIT_HH, { K('e'), KC(KEY_F(4)) }, "修改户",
	                  "修改本户的户信息（地址、保障、风险类型等）；Enter 打开所选的成员、措施、走访", 1 },
	/* the conflict box: what another officer saved first against what was typed */
	[ACT_KEEP_MINE] = { ACT_KEEP_MINE, { K('1') }, "保留我的", "这一项保存您填写的内容", 1 },
	[ACT_TAKE_THEIRS] = { ACT_TAKE_THEIRS, { K('2') }, "采用对方的",
	                      "这一项采用另一位操作员已保存的内容", 1 },
	[ACT_EDIT_VALUE] = { ACT_EDIT_VALUE, { K('3'), K('\r'), KC(KEY_ENTER) }, "修改",
	                     "这一项重新填写（以您填写的内容为底）", 1 },
	[ACT_HIST_UP] = { ACT_HIST_UP, { KC(KEY_PPAGE) }, "上一条记录",
	                  "办理记录中选上一步，下方显示其理由或要点全文", 0 },
	[ACT_HIST_DOWN] = { ACT_HIST_DOWN, { KC(KEY_NPAGE) }, "下一条记录",
	                    "办理记录中选下一步，下方显示其理由或要点全文", 0 },
};

const enum action_id action_globals[] = { ACT_HELP, ACT_BACK, ACT_QUIT, ACT_REDRAW, ACT_NONE };

const struct action *action_get(enum action_id id)
{
	if (id <= ACT_NONE || id >= ACT_COUNT)
		return NULL;
	return &table[id];
}

static int printable(int key, int code)
{
	return !code && key >= ' ' && key != 127;
}

static int key_acts(const struct keydef *k, int flags)
{
	return k->key && !((flags & ACTION_TYPING) && printable(k->key, k->code));
}

int action_matches(enum action_id id, int key, int code)
{
	const struct action *a = action_get(id);
	for (int i = 0; a && i < ACTION_MAXKEYS && a->keys[i].key; i++)
		if (a->keys[i].key == key && !a->keys[i].code == !code)
			return 1;
	return 0;
}

enum action_id action_find(const enum action_id *list, int key, int code, int flags)
{
	if ((flags & ACTION_TYPING) && printable(key, code))
		return ACT_NONE;
	for (; list && *list != ACT_NONE; list++)
		if (action_matches(*list, key, code))
			return *list;
	return ACT_NONE;
}

int action_in(const enum action_id *list, enum action_id id)
{
	for (; list && *list != ACT_NONE; list++)
		if (*list == id)
			return 1;
	return 0;
}

static const char *code_name(int key)
{
	static const struct { int key; const char *name; } names[] = {
		{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" },
		{ KEY_RIGHT, "Right" }, { KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" },
		{ KEY_HOME, "Home" }, { KEY_END, "End" }, { KEY_IC, "Ins" }, { KEY_DC, "Del" },
		{ KEY_BTAB, "Shift-Tab" }, { KEY_ENTER, "Enter" }, { KEY_BACKSPACE, "Backspace" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key)
			return names[i].name;
	return NULL;
}

static const char *char_name(int key)
{
	switch (key) {
	case '\r': case '\n': return "Enter";
	case '\t': return "Tab";
	case ESC: return "Esc";
	case ' ': return "Space";
	case 127: case 8: return "Backspace";
	default: return NULL;
	}
}

void action_key_name(int key, int code, char *out, size_t n)
{
	const char *name = code ? code_name(key) : char_name(key);
	if (name)
		snprintf(out, n, "%s", name);
	else if (code && key >= KEY_F(1) && key <= KEY_F(63))
		snprintf(out, n, "F%d", key - KEY_F0);
	else if (code)
		snprintf(out, n, "#%d", key);
	else if (key > 0 && key < ' ')
		snprintf(out, n, "Ctrl-%c", key + '@');
	else
		snprintf(out, n, "%lc", (wint_t)key);
}

void action_keys_text(enum action_id id, int flags, char *out, size_t n)
{
	const struct action *a = action_get(id);
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; a && i < ACTION_MAXKEYS && a->keys[i].key; i++) {
		char name[32];
		if (!key_acts(&a->keys[i], flags))
			continue;
		action_key_name(a->keys[i].key, a->keys[i].code, name, sizeof name);
		if (strstr(out, name))
			continue;          /* \r and \n are both "Enter" */
		int w = snprintf(out + len, n - len, "%s%s", len ? " " : "", name);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
}

const char *action_label(enum action_id id, int flags)
{
	const struct action *a = action_get(id);
	if (!a)
		return "";
	if (id == ACT_BACK && (flags & ACTION_ROOT))
		return "退出";
	return a->label;
}

/* The key printed for id on the bottom line: its first key that acts. */
static int shown_key(enum action_id id, int flags, char *out, size_t n)
{
	const struct action *a = action_get(id);
	for (int i = 0; a && i < ACTION_MAXKEYS && a->keys[i].key; i++)
		if (key_acts(&a->keys[i], flags)) {
			action_key_name(a->keys[i].key, a->keys[i].code, out, n);
			return 1;
		}
	return 0;
}

/* Draws one "KeyLabel" item at *x if it fits; 0 when the line is full. */
static int keyline_item(WINDOW *w, int y, int *x, int cols, enum action_id id, int flags)
{
	char key[32];
	const char *label = action_label(id, flags);
	if (!shown_key(id, flags, key, sizeof key))
		return 1;
	int need = text_width(key) + text_width(label);
	if (*x + need > cols)
		return 0;
	*x += ui_text(w, y, *x, cols - *x, key, UI_KEY);
	*x += ui_text(w, y, *x, cols - *x, label, UI_STATUS);
	*x += 1;
	return 1;
}

/* Columns the "KeyLabel " item of id takes; 0 if it has no key shown. */
static int item_width(enum action_id id, int flags)
{
	char key[32];
	if (!shown_key(id, flags, key, sizeof key))
		return 0;
	return text_width(key) + text_width(action_label(id, flags)) + 1;
}

void action_keyline(WINDOW *w, int y, int cols, const enum action_id *list, int flags)
{
	int x = 0, modal = flags & ACTION_MODAL;
	/* 返回 (and 退出) always show: the screen's own items give way first */
	int reserve = modal ? 0 : item_width(ACT_BACK, flags) +
	              (flags & ACTION_ROOT ? 0 : item_width(ACT_QUIT, flags));
	ui_fill(w, y, 0, cols, UI_STATUS);
	if (!modal && !keyline_item(w, y, &x, cols, ACT_HELP, flags))
		return;
	for (; list && *list != ACT_NONE; list++) {
		const struct action *a = action_get(*list);
		if (!a || !a->on_bar || (!modal && action_in(action_globals, *list)))
			continue;
		if (!keyline_item(w, y, &x, cols - reserve, *list, flags))
			break;
	}
	if (modal || !keyline_item(w, y, &x, cols, ACT_BACK, flags))
		return;
	if (!(flags & ACTION_ROOT))
		keyline_item(w, y, &x, cols, ACT_QUIT, flags);
}
