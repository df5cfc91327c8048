/* Members' life events (SPEC §2, issue 12): joining, leaving and moving
 * between households, each appended to member_events with its day and
 * reason and audited on every household it touches.  A person's place on a
 * day is the latest event up to that day (SQL_PRESENT below). */
#include "register/upstream.h"
#include "register/member_events.h"

#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "access/scope.h"
#include "base/idcard.h"
#include "register/hh_state.h"   /* MSG_BUSY */

static const char *const event_names[MEV_COUNT] = {
	"出生", "婚入", "迁入", "死亡", "婚出", "迁出", "转移",
};

const char *member_event_text(enum member_event k)
{
	return k >= 0 && k < MEV_COUNT ? event_names[k] : "";
}

int member_event_from_text(const char *text, enum member_event *out)
{
	for (int i = 0; text && i < MEV_COUNT; i++)
		if (!strcmp(text, event_names[i])) {
			*out = (enum member_event)i;
			return 0;
		}
	return -1;
}

/* Member m (aliased, of the outer query) is in household ?1 on day ?2: its
 * latest event up to the day put it there; with none yet, its first later
 * event takes it from there; with none at all, where it is registered. */
#define SQL_PRESENT \
	"coalesce((SELECT coalesce(x.to_household, 0) = ?1 FROM member_events x" \
	"  WHERE x.member_id = m.id AND x.on_date <= ?2 ORDER BY x.on_date DESC, x.id DESC LIMIT 1)," \
	" (SELECT coalesce(x.from_household, 0) = ?1 FROM member_events x" \
	"  WHERE x.member_id = m.id AND x.on_date > ?2 ORDER BY x.on_date, x.id LIMIT 1)," \
	" m.household_id = ?1 AND m.active <> 0)"

int household_size_on(struct session *s, int64_t household_id, jday day)
{
	char d[11];
	/* the candidates as a union of three index lookups: PostgreSQL reads
	 * "household_id = ?1 OR id IN (…)" by walking every member (0.3 s a
	 * household, hours for a county's check); SQLite took the OR apart */
	return (int)store_int(s->db, 0, "SELECT count(*) FROM members m WHERE m.id IN"
	                      " (SELECT id FROM members WHERE household_id = ?1"
	                      " UNION SELECT member_id FROM member_events WHERE from_household = ?1"
	                      " UNION SELECT member_id FROM member_events WHERE to_household = ?1)"
	                      " AND " SQL_PRESENT, "lt", household_id, date_fmt(day, d));
}

int household_size_in(struct session *s, int64_t household_id, int year)
{
	jday end = date_from_ymd(year, 12, 31), today = clock_today();
	return household_size_on(s, household_id, end < today ? end : today);
}

/* ---- checks ---- */

int member_event_date_check(struct session *s, int64_t member_id, const char *birth, jday on,
                            struct jerr *e)
{
	char a[11], b[11], last[11] = "";
	if (on == JDAY_NONE)
		return jerr_set(e, "on", "请填写变动的日期");
	if (on > clock_today())
		return jerr_set(e, "on", "变动日期%s晚于今天%s", date_fmt(on, a),
		                date_fmt(clock_today(), b));
	if (birth && date_iso(birth) != JDAY_NONE && on < date_iso(birth))
		return jerr_set(e, "on", "变动日期%s早于其出生日期%s", date_fmt(on, a), birth);
	if (member_id)
		store_text(s->db, last, sizeof last, "SELECT max(on_date) FROM member_events"
		           " WHERE member_id = ?", "l", member_id);
	if (*last && on < date_iso(last))   /* one place at every date: history is appended */
		return jerr_set(e, "on", "变动日期%s早于此人上一次变动的日期%s", date_fmt(on, a), last);
	return 0;
}

int member_birth_check(struct session *s, const struct member *m, struct jerr *e)
{
	char first[11] = "", born[11] = "";
	if (!m->id || date_iso(m->birth) == JDAY_NONE)
		return 0;
	store_text(s->db, first, sizeof first, "SELECT min(on_date) FROM member_events"
	           " WHERE member_id = ?", "l", m->id);
	store_text(s->db, born, sizeof born, "SELECT on_date FROM member_events"
	           " WHERE member_id = ? AND kind = ?", "lt", m->id, member_event_text(MEV_BIRTH));
	if (*born && strcmp(born, m->birth) != 0)
		return jerr_set(e, "id_no", "身份证上的出生日期%s与登记的出生日期%s不符", m->birth, born);
	if (*first && strcmp(first, m->birth) < 0)
		return jerr_set(e, "id_no", "身份证上的出生日期%s晚于此人的成员变动日期%s", m->birth,
		                first);
	return 0;
}

static int check_reason(const char *reason, struct jerr *e)
{
	return reason && *reason ? 0 : jerr_set(e, "reason", "请填写变动的原因");
}

/* ---- writing ---- */

/* A member's change as the national member record takes it: one entry
 * for the household left (人口减少), one for the household joined. */
static int queue_event(struct session *s, int64_t member_id, enum member_event kind,
                       const char *day, int64_t hh, const char *what, const char *reason)
{
	struct member m;
	member_init(&m);
	member_get(s, member_id, &m);   /* read even when it moved out of the area */
	const struct upstream_field f[] = {
		{ "姓名", m.name }, { "出生日期", m.birth }, { "与户主关系", m.relation },
		{ "变动类型", member_event_text(kind) }, { "变动日期", day }, { "变动原因", reason },
	};
	return upstream_record(s, hh, 0, NULL, what, day, f, (int)(sizeof f / sizeof f[0]));
}

static int add_event(struct session *s, int64_t member_id, enum member_event kind, jday on,
                     int64_t from, int64_t to, const char *reason)
{
	char day[11], what[400];
	if (store_exec(s->db, "INSERT INTO member_events(member_id, kind, on_date, from_household,"
	               " to_household, reason, officer_id) VALUES (?,?,?,?,?,?,?)", "lttLLtL",
	               member_id, member_event_text(kind), date_fmt(on, day), from, to, reason,
	               s->me.id) != 0)
		return -1;
	int64_t id = store_last_id(s->db);
	snprintf(what, sizeof what, "%s %s：%s", member_event_text(kind), day, reason);
	if (from && (audit_write(s, "member_events", id, from, "member_left", NULL, what) != 0 ||
	             queue_event(s, member_id, kind, day, from, "家庭成员减少", reason) != 0))
		return -1;
	if (to && queue_event(s, member_id, kind, day, to, "家庭成员增加", reason) != 0)
		return -1;
	return to ? audit_write(s, "member_events", id, to, "member_joined", NULL, what) : 0;
}

/* The day a newcomer joins: for a birth, the ID's birth date when none is
 * given (typed once); the ID as typed, valid or not yet. */
static jday join_day(const struct member *m, enum member_event kind, jday on, char birth[11])
{
	char norm[20];
	struct jerr ignore = { 0 };
	*birth = 0;
	if (idcard_normalize(m->id_no, norm, &ignore) == 0)
		date_fmt(idcard_birth(norm), birth);
	return kind == MEV_BIRTH && on == JDAY_NONE && *birth ? date_iso(birth) : on;
}

/* The day and reason first: the form asks for them before the person. */
static int join_event_check(struct session *s, const struct member *m, enum member_event kind,
                            jday on, const char *reason, struct jerr *e)
{
	char birth[11];
	if (kind != MEV_BIRTH && kind != MEV_MARRY_IN && kind != MEV_MOVE_IN)
		return jerr_set(e, "kind", "新增成员的变动应为出生、婚入或迁入");
	if (!scope_household(s, m->household_id))
		return jerr_set(e, "", "无权修改这一户（不在您的辖区）");
	on = join_day(m, kind, on, birth);
	if (!(kind == MEV_BIRTH && on == JDAY_NONE) &&   /* a birth's day waits for the ID */
	    member_event_date_check(s, 0, birth, on, e) != 0)
		return -1;
	if (kind == MEV_BIRTH && *birth && on != date_iso(birth))
		return jerr_set(e, "on", "出生的日期应为身份证上的出生日期%s", birth);
	return check_reason(reason, e);
}

/* A person who left the register (moved or married out) and comes back:
 * the row they left, joining again after their last event.  0 a new
 * person; the row's id; -1 refused (died, or dated before leaving). */
static int64_t returning(struct session *s, const struct member *m, enum member_event kind,
                         jday on, struct jerr *e)
{
	char last[12] = "", day[11] = "";
	int64_t id = store_int(s->db, 0, "SELECT id FROM members WHERE id_no = ? AND active = 0",
	                       "t", m->id_no);
	if (!id)
		return 0;
	store_text(s->db, last, sizeof last, "SELECT kind FROM member_events WHERE member_id = ?"
	           " ORDER BY on_date DESC, id DESC LIMIT 1", "l", id);
	store_text(s->db, day, sizeof day, "SELECT max(on_date) FROM member_events"
	           " WHERE member_id = ?", "l", id);
	if (!strcmp(last, member_event_text(MEV_DEATH)))
		return jerr_set(e, "id_no", "此身份证号码登记的人已于%s去世", day), -1;
	if (kind == MEV_BIRTH)
		return jerr_set(e, "kind", "此身份证号码已登记过，回来的人按“迁入”或“婚入”登记"), -1;
	return member_event_date_check(s, id, m->birth, on, e) != 0 ? -1 : id;
}

int member_join_check(struct session *s, struct member *m, enum member_event kind, jday on,
                      const char *reason, struct jerr *e)
{
	struct jerr taken = { 0 };
	if (join_event_check(s, m, kind, on, reason, e) != 0 || member_validate(s, m, e) != 0)
		return -1;
	int64_t back = returning(s, m, kind, on, e);
	if (back < 0)
		return -1;
	if (!back && member_id_taken(s, m->id_no, m->id, &taken))   /* registered: a transfer */
		return jerr_set(e, "id_no", "%s；已登记的人加入本户请办理“转移”", taken.msg);
	if (household_takes_members(s, m->household_id, e) != 0)
		return -1;
	return member_fits(s, m, e);
}

int member_join(struct session *s, struct member *m, enum member_event kind, jday on,
                const char *reason, struct jerr *e)
{
	char birth[11];
	m->id = 0;
	if (member_join_check(s, m, kind, on, reason, e) != 0)
		return -1;
	on = join_day(m, kind, on, birth);
	int64_t back = returning(s, m, kind, on, e);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if ((back ? member_reactivate(s, m, back, e) : member_insert_checked(s, m, e)) != 0) {
		store_rollback(s->db);
		return -1;
	}
	if (add_event(s, m->id, kind, on, 0, m->household_id, reason) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

/* The 户主 leaves last: a household is never left without its head. */
static int head_stays(struct session *s, const struct member *m, struct jerr *e)
{
	if (strcmp(m->relation, "户主") != 0)
		return 0;
	int others = (int)store_int(s->db, 0, "SELECT count(*) FROM members WHERE household_id = ?"
	                            " AND active <> 0 AND id <> ?", "ll", m->household_id, m->id);
	if (others)
		return jerr_set(e, "", "%s是户主，户里还有%d人：请先把另一名成员设为户主", m->name, others);
	return 0;
}

/* A member of this officer's area, still registered, and the day it happened. */
static int open_member(struct session *s, int64_t member_id, struct member *m, jday on,
                       const char *reason, struct jerr *e)
{
	if (member_get(s, member_id, m) != 1)
		return jerr_set(e, "", "找不到这名成员，或不在您的辖区");
	if (!m->active)
		return jerr_set(e, "", "%s已不在册", m->name);
	if (check_reason(reason, e) != 0 || member_event_date_check(s, m->id, m->birth, on, e) != 0)
		return -1;
	return head_stays(s, m, e);
}

int member_leave(struct session *s, int64_t member_id, enum member_event kind, jday on,
                 const char *reason, struct jerr *e)
{
	struct member m;
	if (kind != MEV_DEATH && kind != MEV_MARRY_OUT && kind != MEV_MOVE_OUT)
		return jerr_set(e, "kind", "减少成员的变动应为死亡、婚出或迁出");
	if (open_member(s, member_id, &m, on, reason, e) != 0)
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (store_exec(s->db, "UPDATE members SET active = 0, version = version + 1 WHERE id = ?",
	               "l", m.id) != 0 ||
	    add_event(s, m.id, kind, on, m.household_id, 0, reason) != 0 ||
	    audit_write(s, "members", m.id, m.household_id, "active", "1", "0") != 0 ||
	    household_refresh_head(s, m.household_id) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

/* The household a member moves to, by number; any in the county, but one
 * out of sight is named by its number only. */
static int64_t destination(struct session *s, const struct member *m, const char *hh_no,
                           struct jerr *e)
{
	char status[16] = "";
	int64_t to = hh_no && *hh_no ? store_int(s->db, 0, "SELECT id FROM households"
	                                         " WHERE hh_no = ?", "t", hh_no) : 0;
	if (!to)
		return jerr_set(e, "to_hh_no", "找不到户编号“%s”", hh_no ? hh_no : ""), 0;
	if (to == m->household_id)
		return jerr_set(e, "to_hh_no", "%s已在这一户", m->name), 0;
	store_text(s->db, status, sizeof status, "SELECT status FROM households WHERE id = ?", "l", to);
	enum hh_status st;
	if (hh_status_from_text(status, &st) == 0 && st == STATUS_DISSOLVED)
		return jerr_set(e, "to_hh_no", "户编号%s已注销", hh_no), 0;
	return to;
}

int member_transfer(struct session *s, int64_t member_id, const char *to_hh_no,
                    const char *relation, jday on, const char *reason, struct jerr *e)
{
	struct member m;
	if (open_member(s, member_id, &m, on, reason, e) != 0)
		return -1;
	int64_t to = destination(s, &m, to_hh_no, e), from = m.household_id;
	if (!to)
		return -1;
	struct member moved = m;
	moved.household_id = to;
	snprintf(moved.relation, sizeof moved.relation, "%s", relation ? relation : "");
	if (member_check_field(s, &moved, "relation", e) != 0 || member_fits(s, &moved, e) != 0)
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if (store_exec(s->db, "UPDATE members SET household_id = ?, relation = ?,"
	               " version = version + 1 WHERE id = ?", "ltl", to, moved.relation, m.id) != 0 ||
	    add_event(s, m.id, MEV_TRANSFER, on, from, to, reason) != 0 ||
	    household_refresh_head(s, from) != 0 || household_refresh_head(s, to) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	audit_diff_int(s, "members", m.id, to, "household_id", from, to);
	audit_diff(s, "members", m.id, to, "relation", m.relation, moved.relation);
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

/* ---- history ---- */

int member_changes(struct session *s, int64_t household_id, struct member_change *out, int max)
{
	if (!scope_household(s, household_id))
		return 0;
	struct stmt *st = store_prep(s->db,
		"SELECT x.id, x.member_id, m.name, x.kind, x.on_date, x.reason, coalesce(o.name, ''),"
		" x.to_household = ?1, coalesce(CASE WHEN x.to_household = ?1 THEN x.from_household"
		"  ELSE x.to_household END, 0)"
		" FROM member_events x JOIN members m ON m.id = x.member_id"
		" LEFT JOIN officers o ON o.id = x.officer_id"
		" WHERE x.from_household = ?1 OR x.to_household = ?1 ORDER BY x.on_date, x.id",
		"l", household_id);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1) {
		struct member_change *c = &out[n++];
		memset(c, 0, sizeof *c);
		c->id = stmt_int(st, 0);
		c->member_id = stmt_int(st, 1);
		snprintf(c->name, sizeof c->name, "%s", stmt_text(st, 2));
		snprintf(c->kind, sizeof c->kind, "%s", stmt_text(st, 3));
		snprintf(c->on, sizeof c->on, "%s", stmt_text(st, 4));
		snprintf(c->reason, sizeof c->reason, "%s", stmt_text(st, 5));
		snprintf(c->officer, sizeof c->officer, "%s", stmt_text(st, 6));
		c->joined = (int)stmt_int(st, 7);
		int64_t other = stmt_int(st, 8);
		if (other && scope_household(s, other))
			store_text(s->db, c->other_hh, sizeof c->other_hh,
			           "SELECT hh_no FROM households WHERE id = ?", "l", other);
	}
	stmt_done(st);
	return n;
}
