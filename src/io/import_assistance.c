/* Importing the 民政 lists of social assistance (issue 15): each row names
 * a registered person by ID number and a category -- 低保, 特困, 低保边缘 or
 * 支出型困难 -- that the person's household then carries (assist_tags.c).
 * A tag the household carries already adds nothing, so importing the same
 * list twice changes nothing; tags are only ever added, never removed by an
 * import (a list names who receives, not who stopped). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "access/scope.h"
#include "base/idcard.h"
#include "io/import_impl.h"
#include "register/household.h"
#include "register/upstream.h"
#include "store/store.h"

struct tag_row {
	int64_t household_id;
	char tag[32];
};

static int has_tag(struct import *im, int64_t hh, const char *tag)
{
	char tags[96] = "", merged[96];
	struct jerr e = { 0 };
	store_text(im->s->db, tags, sizeof tags, "SELECT assist_tags FROM households WHERE id = ?",
	           "l", hh);
	return assist_tags_add(tags, tag, merged, sizeof merged, &e) == 0 && !strcmp(tags, merged);
}

/* The person's household, in the officer's area; 0 with r rejected or skipped. */
static int64_t household_of(struct import *im, struct import_row *r)
{
	char norm[20];
	struct jerr e = { 0 };
	if (idcard_normalize(import_cell(im, F_ID_NO), norm, &e) != 0)
		return import_reject(im, r, TRIAGE_NONE, "%s", e.msg);
	int64_t hh = store_int(im->s->db, 0, "SELECT household_id FROM members WHERE id_no = ?"
	                       " AND active <> 0", "t", norm);
	if (!hh)
		return import_skip(im, r, TRIAGE_NONE, "登记册中没有这个人（不是登记户的在册成员）");
	if (!scope_household(im->s, hh))
		return import_skip(im, r, TRIAGE_OUTSIDE, "这个人的户不在您的辖区");
	char who[160], name[64] = "", no[32] = "";
	store_text(im->s->db, name, sizeof name, "SELECT head_name FROM households WHERE id = ?", "l", hh);
	store_text(im->s->db, no, sizeof no, "SELECT hh_no FROM households WHERE id = ?", "l", hh);
	snprintf(who, sizeof who, "%s（户编号 %s）", name, no);
	import_set_who(im, r, who);
	return hh;
}

static void check(struct import *im, long idx, struct import_row *r, void **data)
{
	(void)idx;
	struct tag_row *d = import_alloc(im, sizeof *d);
	struct jerr e = { 0 };
	if (!(*data = d)) {
		import_reject(im, r, TRIAGE_NONE, "内存不足");
		return;
	}
	if (assist_tags_normalise(import_cell(im, F_ASSIST_TAG), d->tag, sizeof d->tag, &e) != 0 ||
	    !*d->tag || strstr(d->tag, "、")) {
		import_reject(im, r, TRIAGE_NONE, "%s应为低保、特困、低保边缘或支出型困难中的一项",
		              import_header(im, F_ASSIST_TAG));
		return;
	}
	if (!(d->household_id = household_of(im, r)))
		return;
	char key[64];
	snprintf(key, sizeof key, "A:%lld:%s", (long long)d->household_id, d->tag);
	int64_t *first = strmap_get(&im->seen, key);
	if (first || has_tag(im, d->household_id, d->tag)) {
		r->verdict = IMPORT_SAME;
		import_note(im, r, "这一户已标为%s，未重复添加", d->tag);
		return;
	}
	strmap_put(&im->seen, key, idx);
	r->verdict = IMPORT_NEW;
	import_note(im, r, "这一户标为%s", d->tag);
}

/* Inside the import's transaction: the tag added to what the household
 * carries now, audited and queued for the national system. */
static int write(struct import *im, long idx, struct jerr *e)
{
	struct tag_row *d = im->priv[idx].data;
	char tags[96] = "", merged[96];
	store_text(im->s->db, tags, sizeof tags, "SELECT assist_tags FROM households WHERE id = ?",
	           "l", d->household_id);
	if (assist_tags_add(tags, d->tag, merged, sizeof merged, e) != 0)
		return -1;
	if (!strcmp(tags, merged))
		return IMPORT_SAME;
	const struct upstream_field f[] = { { "社会救助类别", merged } };
	if (store_exec(im->s->db, "UPDATE households SET assist_tags = ?, version = version + 1"
	               " WHERE id = ?", "tl", merged, d->household_id) != 0 ||
	    audit_write(im->s, "households", d->household_id, d->household_id, "assist_tags", tags,
	                merged) != 0 ||
	    upstream_record(im->s, d->household_id, 0, NULL, "社会救助（民政导入）", NULL, f, 1) != 0)
		return jerr_set(e, "", "保存失败: %s", store_errmsg(im->s->db));
	return IMPORT_NEW;
}

const struct import_kind import_assistance_kind = { "assistance", check, NULL, write, NULL, -1, NULL, NULL };
