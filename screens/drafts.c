#include "drafts.h"

#include <stdio.h>
#include <string.h>

#include "kit/app.h"
#include "kit/screen.h"
#include "access/draft.h"
#include "kit/prompt.h"

#define DRAFTS_MAX 16

static const struct form_ops *const forms[] = {
	&hh_form_ops, &member_form_ops, &income_form_ops, &contact_form_ops, &measure_form_ops,
	&visit_form_ops, &lead_form_ops, &step_form_ops, &visit_grid_ops, &measure_many_ops,
	&income_grid_ops,
};

/* Reopens the draft's form: it restores the draft itself. */
static int resume(struct app *app, const struct draft *d)
{
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (!strcmp(forms[i]->screen->name, d->screen)) {
			fs_resume(app, forms[i], d->key);
			return 1;
		}
	return 0;
}

int drafts_count(struct app *app)
{
	struct draft d[DRAFTS_MAX];
	return draft_list(app_session(app), d, DRAFTS_MAX);
}

int drafts_offer(struct app *app)
{
	struct draft d[DRAFTS_MAX];
	int n = draft_list(app_session(app), d, DRAFTS_MAX), left = n;
	for (int i = 0; i < n; i++) {
		char q[400];
		snprintf(q, sizeof q, "有一份未保存的表单（连接中断或未能办理时留下）：\n%s（%s）\n\n现在恢复并继续填写吗？",
		         d[i].title[0] ? d[i].title : d[i].screen, d[i].saved_at);
		if (prompt_confirm(app, q)) {
			if (resume(app, &d[i]))
				return left;
			app_msg(app, MSG_ERROR, "无法恢复这份草稿（对应的记录可能已不在您的辖区）");
			continue;
		}
		if (app_hungup(app))
			return left;
		if (prompt_confirm(app, "删除这份草稿吗？\n（选“否”保留，下次登录或在主菜单按 d 时再问）")) {
			draft_discard(app_session(app), d[i].screen, d[i].key);
			left--;
		}
	}
	return left;
}
