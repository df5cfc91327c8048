#include "drafts.h"

#include <stdio.h>
#include <string.h>

#include "kit/app.h"
#include "access/draft.h"
#include "kit/prompt.h"

#define DRAFTS_MAX 16

/* Which screen resumes a draft, by the screen's name. */
static const struct {
	const char *screen;
	void (*resume)(struct app *app, const char *key, const char *payload);
} resumers[] = {
	{ "household_form", hh_form_resume },
	{ "member_form", member_form_resume },
	{ "income_form", income_form_resume },
	{ "step_form", step_form_resume },
	{ "lead_form", lead_form_resume },
	{ "measure_form", measure_form_resume },
	{ "visit_form", visit_form_resume },
	{ "visit_grid", visit_grid_resume },
};

static int resume(struct app *app, const struct draft *d)
{
	static char payload[DRAFT_MAX];
	if (!draft_load(app_session(app), d->screen, d->key, payload, sizeof payload))
		return 0;
	for (size_t i = 0; i < sizeof resumers / sizeof resumers[0]; i++)
		if (!strcmp(resumers[i].screen, d->screen)) {
			resumers[i].resume(app, d->key, payload);
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
