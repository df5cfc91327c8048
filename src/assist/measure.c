/* Assistance measures (帮扶措施, SPEC §6): category and sub-item come from
 * the national code tables in the configuration, and whether it is 开发式
 * is derived from both (a 开发式 category with a sub-item that qualifies),
 * never typed.  Each measure keeps the date it started and the date it was
 * entered (paper first). */
#include <stdio.h>
#include <string.h>

#include "register/upstream.h"
#include "assist/assist.h"
#include "access/audit.h"
#include "register/hh_state.h"
#include "access/scope.h"
#include "base/vocab.h"
#include "base/text.h"

/* Households that receive assistance: identified or being identified, and
 * eliminated ones that are still followed. */
int assist_household_ok(struct session *s, int64_t household_id, const char *what,
                        struct jerr *e)
{
	struct hh_state st;
	if (hh_state_get(s, household_id, &st, e) != 0)
		return -1;
	if (st.status != STATUS_IDENTIFYING && st.status != STATUS_MONITORED &&
	    st.status != STATUS_ELIMINATING && st.status != STATUS_ELIMINATED)
		return jerr_set(e, "", "这一户现在是“%s”，不能登记%s", hh_status_text(st.status), what);
	return 0;
}

int measure_start_check(const char *start_on, const char *state, struct jerr *e)
{
	jday start = date_parse(start_on);
	if (start == JDAY_NONE)
		return jerr_set(e, "start_on", "请填写正确的开始日期");
	if (start > clock_today() && (!state || strcmp(state, "计划") != 0))
		return jerr_set(e, "start_on", "开始日期晚于今天的措施，状态应为“计划”");
	return 0;
}

static int check_dates(struct measure *m, jday *start, jday *end, struct jerr *e)
{
	jday today = clock_today();
	*start = date_parse(m->start_on);
	*end = *m->end_on ? date_parse(m->end_on) : JDAY_NONE;
	if (*start == JDAY_NONE)
		return measure_start_check(m->start_on, m->state, e);
	if (*m->end_on && *end == JDAY_NONE)
		return jerr_set(e, "end_on", "结束日期写法有误");
	if (*end != JDAY_NONE && *end < *start)
		return jerr_set(e, "end_on", "结束日期不能早于开始日期");
	if (measure_start_check(m->start_on, m->state, e) != 0)
		return -1;
	if (!strcmp(m->state, "已完成") && (*end == JDAY_NONE || *end > today))
		return jerr_set(e, "end_on", "已完成的措施须填写结束日期，且不晚于今天");
	date_fmt(*start, m->start_on);
	date_fmt(*end, m->end_on);
	return 0;
}

int measure_item_check(const struct config *c, const char *category, const char *item,
                       struct jerr *e)
{
	const struct cfg_measure_cat *cat = config_measure_cat(c, category);
	if (!cat)
		return jerr_set(e, "category", "帮扶措施类别“%s”不在国家代码表中", category);
	if (!item || !*item)
		return jerr_set(e, "item", "请选择“%s”的子项", category);
	if (config_measure_item(c, category, item) < 0)
		return jerr_set(e, "item", "“%s”不是“%s”的子项", item, category);
	return 0;
}

int measure_check(struct session *s, struct measure *m, struct jerr *e)
{
	jday start, end;
	if (assist_household_ok(s, m->household_id, "帮扶措施", e) != 0)
		return -1;
	/* the national export names no sub-item: kept without one, for
	 * completion (JC-02), as a migrated measure is */
	if (!(s->from_national && !*m->item) && measure_item_check(s->cfg, m->category, m->item, e) != 0)
		return -1;
	m->developmental = config_measure_item(s->cfg, m->category, m->item) == 1 &&
	                   config_category(s->cfg, m->category) == 1;
	if (!*m->content)
		return jerr_set(e, "content", "请填写帮扶内容");
	if (text_check_clean(m->content, 1, "content", "帮扶内容", e) ||
	    text_check_clean(m->department, 0, "department", "责任部门", e))
		return -1;
	if (!*m->state)
		snprintf(m->state, sizeof m->state, "实施中");
	if (vocab_find(&VOCAB_MEASURE_STATE, m->state) < 0)
		return jerr_set(e, "state", "措施状态应为计划、实施中或已完成");
	if (m->amount < -1)
		return jerr_set(e, "amount", "金额不能为负数");
	return check_dates(m, &start, &end, e);
}

#define MEASURE_COLS \
	"id, household_id, category, developmental, content, department, start_on," \
	" coalesce(end_on, ''), entered_on, coalesce(amount, -1), state, version, item"

static void read_measure(struct stmt *st, struct measure *m)
{
	memset(m, 0, sizeof *m);
	m->id = stmt_int(st, 0);
	m->household_id = stmt_int(st, 1);
	snprintf(m->category, sizeof m->category, "%s", stmt_text(st, 2));
	m->developmental = (int)stmt_int(st, 3);
	snprintf(m->content, sizeof m->content, "%s", stmt_text(st, 4));
	snprintf(m->department, sizeof m->department, "%s", stmt_text(st, 5));
	snprintf(m->start_on, sizeof m->start_on, "%s", stmt_text(st, 6));
	snprintf(m->end_on, sizeof m->end_on, "%s", stmt_text(st, 7));
	snprintf(m->entered_on, sizeof m->entered_on, "%s", stmt_text(st, 8));
	m->amount = stmt_int(st, 9);
	snprintf(m->state, sizeof m->state, "%s", stmt_text(st, 10));
	m->version = (int)stmt_int(st, 11);
	snprintf(m->item, sizeof m->item, "%s", stmt_text(st, 12));
}

int measure_get(struct session *s, int64_t id, struct measure *m)
{
	struct stmt *st = store_prep(s->db, "SELECT " MEASURE_COLS " FROM measures WHERE id = ?",
	                             "l", id);
	int rc = st ? stmt_step(st) : -1;
	if (rc == 1)
		read_measure(st, m);
	stmt_done(st);
	return rc == 1 && scope_household(s, m->household_id) ? 1 : 0;
}

int measure_list(struct session *s, int64_t household_id, struct measure *out, int max)
{
	if (!scope_household(s, household_id))
		return 0;
	struct stmt *st = store_prep(s->db, "SELECT " MEASURE_COLS " FROM measures"
	                             " WHERE household_id = ? ORDER BY start_on, id", "l", household_id);
	int n = 0;
	while (st && n < max && stmt_step(st) == 1)
		read_measure(st, &out[n++]);
	stmt_done(st);
	return n;
}

/* A measure as the national record has it: its category's column holds
 * what was done. */
static int queue_measure(struct session *s, const struct measure *m, const char *what)
{
	char amount[32] = "";
	if (m->amount >= 0)
		money_fmt(m->amount, amount, sizeof amount);
	const struct upstream_field f[] = {
		{ m->category, m->content }, { "帮扶开始时间", m->start_on },
		{ "帮扶结束时间", m->end_on }, { "帮扶资金（元）", amount }, { "实施状态", m->state },
		{ "责任单位", m->department },
	};
	return upstream_record(s, m->household_id, 0, NULL, what, m->start_on, f,
	                       (int)(sizeof f / sizeof f[0]));
}

static int insert_measure(struct session *s, struct measure *m)
{
	date_fmt(clock_today(), m->entered_on);
	if (store_exec(s->db, "INSERT INTO measures(household_id, category, item, developmental,"
	               " content, department, start_on, end_on, amount, state, entered_on, officer_id)"
	               " VALUES (?,?,?,?,?,?,?,?,nullif(?, -1),?,?,?)", "lttittTTlttL",
	               m->household_id, m->category, m->item, m->developmental, m->content,
	               m->department, m->start_on, m->end_on, m->amount, m->state, m->entered_on,
	               s->me.id) != 0)
		return -1;
	m->id = store_last_id(s->db);
	m->version = 1;
	audit_write(s, "measures", m->id, m->household_id, "category", NULL, m->category);
	audit_write(s, "measures", m->id, m->household_id, "item", NULL, m->item);
	if (queue_measure(s, m, "新增帮扶措施") != 0)
		return -1;
	return audit_write(s, "measures", m->id, m->household_id, "content", NULL, m->content);
}

static int update_measure(struct session *s, struct measure *m, const struct measure *o)
{
	if (store_exec(s->db, "UPDATE measures SET category = ?, item = ?, developmental = ?,"
	               " content = ?, department = ?, start_on = ?, end_on = ?, amount = nullif(?, -1),"
	               " state = ?, version = version + 1 WHERE id = ? AND version = ?", "ttittTTltli",
	               m->category, m->item, m->developmental, m->content, m->department, m->start_on,
	               m->end_on, m->amount, m->state, m->id, m->version) != 0 ||
	    store_changes(s->db) != 1)
		return -1;
	int64_t hh = m->household_id;
#define T(f) audit_diff(s, "measures", m->id, hh, #f, o->f, m->f)
	T(category); T(item); T(content); T(department); T(start_on); T(end_on); T(state);
#undef T
	audit_diff_int(s, "measures", m->id, hh, "amount", o->amount, m->amount);
	snprintf(m->entered_on, sizeof m->entered_on, "%s", o->entered_on);
	m->version++;
	return queue_measure(s, m, "修改帮扶措施");
}

int measure_save(struct session *s, struct measure *m, struct jerr *e)
{
	struct measure old;
	if (m->id) {
		if (measure_get(s, m->id, &old) != 1)
			return jerr_set(e, "", "找不到这项措施，或不在您的辖区");
		m->household_id = old.household_id;
	}
	if (measure_check(s, m, e) != 0)
		return -1;
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	if ((m->id ? update_measure(s, m, &old) : insert_measure(s, m)) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", m->id ? "这项措施已被其他操作员修改，请重新打开后再保存（您填写的内容仍在表单中）"
		                             : "保存措施失败");
	}
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
}

/* Household i of the list as measure_save would check it: 0, or -1 with
 * e (field "" when it is the household that is refused). */
static int check_for(struct session *s, struct measure *one, const int64_t *households, int i,
                     struct jerr *e)
{
	for (int j = 0; j < i; j++)
		if (households[j] == households[i])
			return jerr_set(e, "", "这一户在名单中出现两次，只登记一次");
	one->household_id = households[i];
	return measure_check(s, one, e);
}

static int give_each(struct session *s, const struct measure *m, const int64_t *households,
                     int n, int dry_run, struct measure_refusal *refused, int *nrefused,
                     struct jerr *e)
{
	int written = 0;
	for (int i = 0; i < n; i++) {
		struct measure one = *m;
		struct jerr why = { 0 };
		one.id = 0;
		if (check_for(s, &one, households, i, &why) != 0) {
			if (why.field[0]) {           /* the measure, not the household */
				*e = why;
				return -1;
			}
			refused[*nrefused].household_id = households[i];
			snprintf(refused[(*nrefused)++].msg, sizeof refused->msg, "%s", why.msg);
			continue;
		}
		if (!dry_run && insert_measure(s, &one) != 0)
			return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
		written++;
	}
	return written;
}

int measure_give_many(struct session *s, const struct measure *m, const int64_t *households,
                      int n, int dry_run, struct measure_refusal *refused, int *nrefused,
                      struct jerr *e)
{
	*nrefused = 0;
	if (n <= 0)
		return jerr_set(e, "", "没有选中任何户");
	if (!dry_run && store_begin(s->db) != 0)
		return jerr_set(e, "", MSG_BUSY);
	int written = give_each(s, m, households, n, dry_run, refused, nrefused, e);
	if (dry_run)
		return written;
	if (written < 0 || store_commit(s->db) != 0) {
		store_rollback(s->db);
		return written < 0 ? -1 : jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	return written;
}

int measure_finish(struct session *s, int64_t id, jday end, struct jerr *e)
{
	struct measure m;
	if (measure_get(s, id, &m) != 1)
		return jerr_set(e, "", "找不到这项措施，或不在您的辖区");
	if (!strcmp(m.state, "已完成"))
		return jerr_set(e, "", "这项措施已经完成");
	struct measure done = m;
	snprintf(done.state, sizeof done.state, "已完成");
	date_fmt(end == JDAY_NONE ? clock_today() : end, done.end_on);
	if (measure_save(s, &done, e) != 0)
		return -1;
	return 0;
}
