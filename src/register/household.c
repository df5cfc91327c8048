/* Households: validation, creation with the head, optimistic updates. */
#include <stdio.h>
#include <string.h>

#include "access/area.h"
#include "access/audit.h"
#include "register/household.h"
#include "register/upstream.h"
#include "base/vocab.h"
#include "access/scope.h"
#include "base/text.h"

void household_init(struct household *h)
{
	memset(h, 0, sizeof *h);
	h->g_edu = h->g_med = h->g_house = h->g_water = 1;
	h->status = STATUS_LEAD;
}

static int check_risks(struct session *s, const struct household *h, struct jerr *e)
{
	if (h->nrisks < 0 || h->nrisks > HH_MAX_RISKS)
		return jerr_set(e, "risks", "风险类型最多选%d项", HH_MAX_RISKS);
	for (int i = 0; i < h->nrisks; i++) {
		if (!config_is_risk(s->cfg, h->risks[i]))
			return jerr_set(e, "risks", "风险类型“%s”不在配置的列表中", h->risks[i]);
		for (int j = 0; j < i; j++)
			if (!strcmp(h->risks[i], h->risks[j]))
				return jerr_set(e, "risks", "风险类型“%s”重复", h->risks[i]);
	}
	return 0;
}

int household_risks_read(struct household *h, const char *text, struct jerr *e)
{
	static const char *const seps[] = { "、", "，", ",", " " };
	h->nrisks = 0;
	for (const char *p = text ? text : ""; *p;) {
		size_t len = strlen(p), skip = 0;
		for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
			const char *q = strstr(p, seps[i]);
			if (q && (size_t)(q - p) < len)
				len = (size_t)(q - p), skip = strlen(seps[i]);
		}
		if (len > 0 && h->nrisks == HH_MAX_RISKS)
			return jerr_set(e, "risks", "风险类型最多选%d项", HH_MAX_RISKS);
		if (len >= sizeof h->risks[0])
			return jerr_set(e, "risks", "风险类型“%.*s”不在配置的列表中", (int)len, p);
		if (len > 0)
			snprintf(h->risks[h->nrisks++], sizeof h->risks[0], "%.*s", (int)len, p);
		p += len + skip;
	}
	return 0;
}

static int check_place(struct session *s, const struct household *h, struct jerr *e)
{
	struct area v, g;
	if (!h->village_id || area_get(s->db, h->village_id, &v) != 1 || v.level != LEVEL_VILLAGE)
		return jerr_set(e, "village", "请选择所属村（社区）");
	if (!scope_area(s, v.id))
		return jerr_set(e, "village", "%s不在您的辖区内", v.name);
	if (h->group_id && (area_get(s->db, h->group_id, &g) != 1 || g.parent_id != v.id))
		return jerr_set(e, "group", "村民小组不属于%s", v.name);
	return 0;
}

#define NO_CHARS "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"

/* Empty: household_create numbers it. */
static int check_hh_no(const struct household *h, struct jerr *e)
{
	if (strspn(h->hh_no, NO_CHARS) != strlen(h->hh_no))
		return jerr_set(e, "hh_no", "户编号只能含数字、大写字母和-");
	return 0;
}

int household_may_set_nat_no(const struct session *s)
{
	return s->me.role == ROLE_COUNTY || s->me.role == ROLE_ADMIN;
}

static int check_nat_no(struct session *s, const struct household *h, struct jerr *e)
{
	if (strspn(h->nat_no, NO_CHARS) != strlen(h->nat_no))
		return jerr_set(e, "nat_no", "国家系统户编号只能含数字、大写字母和-");
	if (!*h->nat_no)
		return 0;
	char other[32] = "";
	store_text(s->db, other, sizeof other,
	           "SELECT hh_no FROM households WHERE nat_no = ? AND id <> ?", "tl", h->nat_no, h->id);
	if (*other)
		return jerr_set(e, "nat_no", "国家系统户编号 %s 已属于户编号 %s", h->nat_no, other);
	return 0;
}

/* Only a county officer or an administrator types the national number. */
static int check_nat_no_change(struct session *s, const char *old, const char *now,
                               struct jerr *e)
{
	if (!strcmp(old, now) || household_may_set_nat_no(s) || s->from_national)
		return 0;
	return jerr_set(e, "nat_no", "国家系统户编号由国家系统导入填写，或由县级、系统管理员填写");
}

int household_next_no(struct session *s, int64_t village_id, char *out, size_t n)
{
	char code[16] = "", end[20];
	if (store_text(s->db, code, sizeof code, "SELECT code FROM areas WHERE id = ?", "l",
	               village_id) != 1 || text_prefix_end(code, end, sizeof end) != 1)
		return -1;
	/* numbers of this form only (the code, then 4 to 9 digits): a number
	 * imported with the same prefix but letters in it does not count */
	int64_t last = store_int(s->db, -1,
		"SELECT coalesce(max(CAST(substr(hh_no, length(?1) + 1) AS INTEGER)), 0) FROM households"
		" WHERE hh_no >= ?1 AND hh_no < ?2 AND length(hh_no) BETWEEN length(?1) + 4"
		" AND length(?1) + 9 AND ltrim(substr(hh_no, length(?1) + 1), '0123456789') = ''",
		"tt", code, end);
	if (last < 0)
		return -1;
	snprintf(out, n, "%s%04lld", code, (long long)last + 1);
	return 0;
}

/* the fields household_validate checks, in the order it checks them */
static const char *const checked[] = {
	"hh_no", "nat_no", "village", "natural_village", "address", "phone", "hh_type", "settlement",
	"risks", "assist_tags", "disaster",
};

static int has_disaster_risk(const struct household *h)
{
	int has = 0;
	for (int i = 0; i < h->nrisks; i++)
		has |= !strcmp(h->risks[i], DISASTER_RISK);
	return has;
}

/* 因自然灾害子项: named with that risk, and only with it (disaster.c). */
static int check_disaster(const struct session *s, const struct household *h, struct jerr *e)
{
	return disaster_check(s->cfg, has_disaster_risk(h), h->disaster, e);
}

int household_check_field(struct session *s, const struct household *h, const char *field,
                          struct jerr *e)
{
	if (!strcmp(field, "hh_no"))
		return check_hh_no(h, e);
	if (!strcmp(field, "nat_no"))
		return check_nat_no(s, h, e);
	if (!strcmp(field, "village") || !strcmp(field, "group"))
		return check_place(s, h, e);
	if (!strcmp(field, "natural_village"))
		return text_check_clean(h->natural_village, 0, field, "自然村", e);
	if (!strcmp(field, "address"))
		return text_check_clean(h->address, 0, field, "住址", e);
	if (!strcmp(field, "settlement") &&
	    text_check_clean(h->settlement, 0, field, "安置点", e) != 0)
		return -1;
	if (!strcmp(field, "phone"))
		return phone_check(h->phone, e);
	if (!strcmp(field, "hh_type") && *h->hh_type)
		return hh_type_check(h->hh_type, h->is_tuopin, e);
	if (!strcmp(field, "settlement") && h->relocated && !*h->settlement)
		return jerr_set(e, "settlement", "易地扶贫搬迁户须填写安置点");
	if (!strcmp(field, "risks"))
		return check_risks(s, h, e);
	if (!strcmp(field, "assist_tags")) {
		char norm[96];
		return assist_tags_normalise(h->assist_tags, norm, sizeof norm, e);
	}
	if (!strcmp(field, "disaster"))
		return check_disaster(s, h, e);
	return 0;
}

int household_validate(struct session *s, const struct household *h, struct jerr *e)
{
	for (size_t i = 0; i < sizeof checked / sizeof checked[0]; i++)
		if (household_check_field(s, h, checked[i], e) != 0)
			return -1;
	return 0;
}

int household_duplicates(struct session *s, const char *head_name, int64_t village_id,
                         const char *id_no, struct jerr *e)
{
	int found = 0;
	jerr_clear(e);
	if (id_no && *id_no && member_id_taken(s, id_no, 0, e))
		found++;
	/* birth comes from the ID; without a valid one, match name + village */
	char birth[11] = "";
	if (id_no && strlen(id_no) == 18)
		snprintf(birth, sizeof birth, "%.4s-%.2s-%.2s", id_no + 6, id_no + 10, id_no + 12);
	struct stmt *st = store_prep(s->db,
		"SELECT h.id, h.hh_no FROM households h JOIN members m"
		"  ON m.household_id = h.id AND m.relation = '户主'"
		" WHERE h.head_name = ? AND h.village_id = ? AND (?3 = '' OR m.birth = ?3)",
		"tlt", head_name, village_id, birth);
	while (st && stmt_step(st) == 1) {
		if (found++ == 0 && !e->msg[0])
			jerr_set(e, "name", "同村已有同名户主（出生日期相同）：户编号 %s", stmt_text(st, 1));
		else
			jerr_append(e, "同村同名户主：户编号 %s", stmt_text(st, 1));
	}
	stmt_done(st);
	return found;
}

/* is_new: the household was just inserted and has no risks to replace. */
static int save_risks(struct session *s, const struct household *h, int is_new)
{
	if (!is_new &&
	    store_exec(s->db, "DELETE FROM household_risks WHERE household_id = ?", "l", h->id) != 0)
		return -1;
	for (int i = 0; i < h->nrisks; i++)
		if (store_exec(s->db, "INSERT INTO household_risks(household_id, ord, risk) VALUES (?,?,?)",
		               "lit", h->id, i + 1, h->risks[i]) != 0)
			return -1;
	return 0;
}

void household_risks_text(const struct household *h, char *out, size_t n)
{
	out[0] = 0;
	for (int i = 0; i < h->nrisks; i++) {
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s%s", i ? "、" : "", h->risks[i]);
	}
}

/* The tags as stored: the list's order, '、'-joined (checked already). */
static void normalise_tags(struct session *s, struct household *h)
{
	char norm[sizeof h->assist_tags], dis[sizeof h->disaster];
	struct jerr e = { 0 };
	if (assist_tags_normalise(h->assist_tags, norm, sizeof norm, &e) == 0)
		memcpy(h->assist_tags, norm, sizeof norm);
	if (disaster_normalise(s->cfg, h->disaster, dis, sizeof dis, &e) == 0)
		memcpy(h->disaster, dis, sizeof dis);
}

static int insert_household(struct session *s, struct household *h)
{
	struct area v;
	area_get(s->db, h->village_id, &v);
	h->county_id = v.county_id;
	h->township_id = v.township_id;
	if (store_exec(s->db,
		"INSERT INTO households(hh_no, nat_no, county_id, township_id, village_id, group_id,"
		" natural_village, address, phone, hh_type, is_tuopin, relocated, settlement,"
		" whole_no_labour, g_edu, g_med, g_house, g_water, status, assist_tags, disaster)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		"ttlllLtttTiitiiiiittt", h->hh_no, h->nat_no, h->county_id, h->township_id, h->village_id,
		h->group_id, h->natural_village, h->address, h->phone, h->hh_type, h->is_tuopin,
		h->relocated, h->settlement, h->whole_no_labour, h->g_edu, h->g_med, h->g_house,
		h->g_water, hh_status_text(STATUS_LEAD), h->assist_tags, h->disaster) != 0)
		return -1;
	h->id = store_last_id(s->db);
	h->version = 1;
	h->status = STATUS_LEAD;
	return save_risks(s, h, 1);
}

int household_create(struct session *s, struct household *h, struct member *head,
                     struct jerr *e)
{
	strcpy(head->relation, "户主");
	if (household_validate(s, h, e) != 0 || member_validate(s, head, e) != 0)
		return -1;
	if (household_check_members(h, head, 1, e) != 0 ||
	    check_nat_no_change(s, "", h->nat_no, e) != 0)
		return -1;
	if (*h->hh_no &&
	    store_int(s->db, 0, "SELECT count(*) FROM households WHERE hh_no = ?", "t", h->hh_no))
		return jerr_set(e, "hh_no", "户编号 %s 已存在", h->hh_no);
	int numbered = !*h->hh_no;
	normalise_tags(s, h);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	if (numbered && household_next_no(s, h->village_id, h->hh_no, sizeof h->hh_no) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "无法给新户编号: %s", store_errmsg(s->db));
	}
	if (insert_household(s, h) != 0) {
		if (numbered)
			h->hh_no[0] = 0;
		jerr_set(e, "", "无法保存户: %s", store_errmsg(s->db));
		store_rollback(s->db);
		return -1;
	}
	audit_write(s, "households", h->id, h->id, "hh_no", NULL, h->hh_no);
	if (*h->nat_no)
		audit_write(s, "households", h->id, h->id, "nat_no", NULL, h->nat_no);
	head->household_id = h->id;
	if (member_insert_checked(s, head, e) != 0) {
		store_rollback(s->db);
		if (numbered)
			h->hh_no[0] = 0;
		return -1;
	}
	if (store_commit(s->db) != 0) {
		if (numbered)
			h->hh_no[0] = 0;
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	snprintf(h->head_name, sizeof h->head_name, "%s", head->name);
	h->size = 1;
	return 0;
}

#define HH_COLS \
	"h.id, h.hh_no, h.nat_no, h.county_id, h.township_id, h.village_id, h.group_id, h.natural_village," \
	" h.address, h.phone, h.hh_type, h.is_tuopin, h.relocated, h.settlement, h.whole_no_labour," \
	" h.g_edu, h.g_med, h.g_house, h.g_water, h.status, h.identified_on, h.eliminated_on," \
	" h.elim_method, h.head_name, h.size, h.contact_id, h.last_visit_on, h.assist_tags, h.version," \
	" t.name, v.name, g.name, c.name, h.disaster"

/* 0, or -1 if the row holds a status no enum value names */
static int read_household(struct stmt *st, struct household *h)
{
	int c = 0, bad;
#define TXT(f) snprintf(h->f, sizeof h->f, "%s", stmt_text(st, c++))
#define INT(f) h->f = stmt_int(st, c++)
	INT(id); TXT(hh_no); TXT(nat_no); INT(county_id); INT(township_id); INT(village_id); INT(group_id);
	TXT(natural_village); TXT(address); TXT(phone); TXT(hh_type); INT(is_tuopin);
	INT(relocated); TXT(settlement); INT(whole_no_labour); INT(g_edu); INT(g_med);
	INT(g_house); INT(g_water);
	bad = hh_status_from_text(stmt_text(st, c++), &h->status);
	TXT(identified_on); TXT(eliminated_on);
	TXT(elim_method); TXT(head_name); INT(size); INT(contact_id); TXT(last_visit_on);
	TXT(assist_tags); INT(version); TXT(township_name); TXT(village_name); TXT(group_name); TXT(contact_name);
	TXT(disaster);
#undef TXT
#undef INT
	return bad;
}

static void read_risks(struct session *s, struct household *h)
{
	h->nrisks = 0;
	struct stmt *st = store_prep(s->db,
		"SELECT risk FROM household_risks WHERE household_id = ? ORDER BY ord", "l", h->id);
	while (st && h->nrisks < HH_MAX_RISKS && stmt_step(st) == 1)
		snprintf(h->risks[h->nrisks++], sizeof h->risks[0], "%s", stmt_text(st, 0));
	stmt_done(st);
}

int household_get(struct session *s, int64_t id, struct household *h, struct jerr *e)
{
	struct stmt *st = store_prep(s->db, "SELECT " HH_COLS " FROM households h"
		" JOIN areas t ON t.id = h.township_id JOIN areas v ON v.id = h.village_id"
		" LEFT JOIN areas g ON g.id = h.group_id LEFT JOIN contacts c ON c.id = h.contact_id"
		" WHERE h.id = ?", "l", id);
	int rc = st ? stmt_step(st) : -1;
	if (rc == 1 && read_household(st, h) != 0)
		rc = -1;
	stmt_done(st);
	if (rc != 1 || !scope_allows(&s->scope, h->county_id, h->township_id, h->village_id))
		return jerr_set(e, "", "找不到这一户，或不在您的辖区");
	read_risks(s, h);
	return 0;
}

int64_t household_by_no(struct session *s, const char *hh_no)
{
	int64_t id = store_int(s->db, 0, "SELECT id FROM households WHERE hh_no = ?", "t", hh_no);
	return id && scope_household(s, id) ? id : 0;
}

static void audit_household(struct session *s, const struct household *o, const struct household *h)
{
	char a[300], b[300];
#define T(f) audit_diff(s, "households", h->id, h->id, #f, o->f, h->f)
#define I(f) audit_diff_int(s, "households", h->id, h->id, #f, o->f, h->f)
	I(village_id); I(group_id); T(nat_no); T(natural_village); T(address); T(phone); I(is_tuopin);
	I(relocated); T(settlement); I(whole_no_labour); I(g_edu); I(g_med); I(g_house);
	I(g_water); T(assist_tags); T(disaster);
#undef T
#undef I
	household_risks_text(o, a, sizeof a);
	household_risks_text(h, b, sizeof b);
	audit_diff(s, "households", h->id, h->id, "risks", a, b);
}

/* The household's own columns the national system keeps (export_national's
 * household layout), each changed one with its new value: an edit in
 * jiance is keyed upstream too (issue 15, item 6). */
int household_queue_upstream(struct session *s, const struct household *o, const struct household *h)
{
	struct upstream_field f[14];
	int n = 0;
	char was[300], now[300], nat[HH_DISASTER_BYTES];
	household_risks_text(o, was, sizeof was);
	household_risks_text(h, now, sizeof now);
	if (strcmp(o->phone, h->phone))
		f[n++] = (struct upstream_field){ "户联系电话", h->phone };
	if (o->whole_no_labour != h->whole_no_labour)
		f[n++] = (struct upstream_field){ "整户无劳动能力兜底保障户", h->whole_no_labour ? "是" : "否" };
	if (strcmp(o->assist_tags, h->assist_tags))
		f[n++] = (struct upstream_field){ "社会救助类别", h->assist_tags };
	if (o->g_house != h->g_house)
		f[n++] = (struct upstream_field){ "是否危房户", h->g_house ? "否" : "是" };
	if (o->g_water != h->g_water)
		f[n++] = (struct upstream_field){ "是否解决安全饮用水", h->g_water ? "是" : "否" };
	if (o->g_edu != h->g_edu)
		f[n++] = (struct upstream_field){ "是否义务教育阶段适龄儿童少年失学辍学", h->g_edu ? "否" : "是" };
	if (o->g_med != h->g_med)
		f[n++] = (struct upstream_field){ "是否有家庭成员未参加城乡居民（职工）基本医疗保险",
		                                  h->g_med ? "否" : "是" };
	static const char *const risk_cols[HH_MAX_RISKS] = { "致贫/返贫风险1", "致贫/返贫风险2",
		"致贫/返贫风险3", "致贫/返贫风险4", "致贫/返贫风险5" };
	for (int i = 0; strcmp(was, now) && i < HH_MAX_RISKS; i++)
		f[n++] = (struct upstream_field){ risk_cols[i], i < h->nrisks ? h->risks[i] : "" };
	if (strcmp(o->disaster, h->disaster))
		f[n++] = (struct upstream_field){ "因自然灾害子项",
		                                  disaster_national(h->disaster, nat, sizeof nat) };
	if (n == 0)
		return 0;
	return upstream_record(s, h->id, 0, NULL, "修改户信息", NULL, f, n);
}

static int update_row(struct session *s, const struct household *h)
{
	return store_exec(s->db,
		"UPDATE households SET nat_no=?, county_id=?, township_id=?, village_id=?, group_id=?,"
		" natural_village=?, address=?, phone=?, is_tuopin=?, relocated=?, settlement=?,"
		" whole_no_labour=?, g_edu=?, g_med=?, g_house=?, g_water=?, assist_tags=?, disaster=?,"
		" version = version + 1 WHERE id = ? AND version = ?",
		"tlllLtttiitiiiiittli", h->nat_no, h->county_id, h->township_id, h->village_id, h->group_id,
		h->natural_village, h->address, h->phone, h->is_tuopin, h->relocated, h->settlement,
		h->whole_no_labour, h->g_edu, h->g_med, h->g_house, h->g_water, h->assist_tags, h->disaster, h->id,
		h->version);
}

/* household_validate, but a household that had 因自然灾害 without its
 * sub-item before the rule (or from the national export) may be saved as
 * it stands, so an edit of its phone is not held up; `jiance check` lists
 * it (2_11_005).  Naming the risk anew or clearing the sub-item is refused.
 * disaster is the last field checked: the others have passed. */
static int validate_update(struct session *s, const struct household *o,
                           const struct household *h, struct jerr *e)
{
	struct jerr why = { 0 };
	if (household_validate(s, h, &why) == 0)
		return 0;
	if (!strcmp(why.field, "disaster") && has_disaster_risk(o) && has_disaster_risk(h) &&
	    !*o->disaster && !*h->disaster)
		return 0;
	if (e)
		*e = why;
	return -1;
}

/* Type, status and dates are not edited here: only the flows change them. */
int household_update(struct session *s, struct household *h, struct jerr *e)
{
	struct household old;
	if (household_get(s, h->id, &old, e) != 0)
		return -1;
	if (validate_update(s, &old, h, e) != 0 || check_nat_no_change(s, old.nat_no, h->nat_no, e) != 0)
		return -1;
	struct member ms[HH_MAX_MEMBERS];
	int n = member_list(s, h->id, ms, HH_MAX_MEMBERS);
	if (household_check_members(h, ms, n, e) != 0)
		return -1;
	struct area v;
	area_get(s->db, h->village_id, &v);
	h->county_id = v.county_id;
	h->township_id = v.township_id;
	normalise_tags(s, h);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	if (update_row(s, h) != 0 || store_changes(s->db) == 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "这一户已被其他操作员修改，请重新打开后再保存（您填写的内容仍在表单中）");
	}
	audit_household(s, &old, h);
	if (save_risks(s, h, 0) != 0 || household_queue_upstream(s, &old, h) != 0 || store_commit(s->db) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	h->version++;
	return 0;
}
