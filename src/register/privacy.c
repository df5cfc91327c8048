#include "register/privacy.h"

#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "register/household.h"
#include "base/idcard.h"

void privacy_id(const struct session *s, const char *id, char *out)
{
	if (!privacy_ids_masked(s)) {
		snprintf(out, 20, "%s", id);
		return;
	}
	if (strlen(id) != 18) {
		snprintf(out, 20, "%s", *id ? "******" : "");
		return;
	}
	idcard_mask(id, out);
}

int privacy_ids_masked(const struct session *s)
{
	return !(s->cfg && config_role_sees_full_id(s->cfg, s->me.role));
}

/* Fields a notice may carry; everything else (ID, phone, bank account,
 * health, disability, income details) is refused. */
int privacy_public_field(const char *field)
{
	static const char *const allowed[] = {
		"seq", "group", "head_name", "size", "hh_type", "elim_method", "village",
		"township", NULL,
	};
	for (int i = 0; allowed[i]; i++)
		if (!strcmp(field, allowed[i]))
			return 1;
	return 0;
}

int privacy_notice_columns(const char *const *fields, int n, struct jerr *e)
{
	for (int i = 0; i < n; i++)
		if (!privacy_public_field(fields[i]))
			return jerr_set(e, "", "公示、公告不得包含字段“%s”（只能有序号、村民小组、户主姓名、"
			                "家庭人口、监测对象类型、风险消除方式）", fields[i]);
	return 0;
}

int privacy_reveal(struct session *s, int64_t member_id, char *out, struct jerr *e)
{
	struct member m;
	if (member_get(s, member_id, &m) != 1)
		return jerr_set(e, "", "找不到这名成员，或不在您的辖区");
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	audit_write(s, "members", m.id, m.household_id, "reveal_id_no", NULL, "查看完整身份证号码");
	if (store_commit(s->db) != 0)
		return jerr_set(e, "", "无法记录查看操作，未显示");
	snprintf(out, 20, "%s", m.id_no);
	return 0;
}
