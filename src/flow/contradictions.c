/* Records that contradict the rules (issue 12), counted for `jiance check`:
 * the rules refuse them where they are saved now, but a database kept
 * before, or imported, may hold some, and a county inspection should find
 * them here first.  Each is one SQL condition over households h of the
 * officer's area. */
#include "flow/contradictions.h"

#include <stdio.h>

#include "access/scope.h"
#include "base/clock.h"
#include "store/store.h"

/* the latest 通过 of step n of run r: a column of flow_steps f */
#define PASS_OF(n, col) \
	"(SELECT f." col " FROM flow_steps f WHERE f.run_id = r.id AND f.step = " #n \
	" AND f.outcome = '通过' ORDER BY f.id DESC LIMIT 1)"
#define DATA_OF(n, key) \
	"(SELECT d.value FROM flow_steps f JOIN step_data d ON d.step_id = f.id" \
	" WHERE f.run_id = r.id AND f.step = " #n " AND f.outcome = '通过' AND d.key = '" key "'" \
	" ORDER BY f.id DESC LIMIT 1)"
#define RUNS " FROM flow_runs r JOIN households h ON h.id = r.household_id"
#define POSTED RUNS " JOIN postings p ON p.run_id = r.id"

/* The blank visits, visits after today and runs without a line are found
 * by partial indexes whose WHERE is the condition below word for word
 * (db/014_check_indexes.sql): change both or neither. */
/* the blanks visit_findings_check takes for nothing: ASCII and U+3000,
 * as characters in a literal (both engines read them; PostgreSQL has no
 * char(…)), byte for byte as in db/016_blank_literal.sql */
#define BLANKS "' \t\n\r\u3000'"
#define EVENTS \
	" FROM member_events x JOIN members m ON m.id = x.member_id" \
	" JOIN households h ON h.id = m.household_id"

/* ?2 is flow.posting_days, ?3 today */
static const struct { const char *what, *from_where; } checks[] = {
	{ "入户核实日期早于线索日期的流程",
	  RUNS " WHERE " DATA_OF(1, "visit_date") " < r.counted_from" },
	{ "公示开始早于信息比对完成的流程",
	  POSTED " WHERE p.start_on < " PASS_OF(2, "done_on") },
	{ "评议会议早于信息比对完成的流程",
	  RUNS " WHERE " DATA_OF(3, "meeting_date") " < " PASS_OF(2, "done_on") },
	{ "评议会议晚于公示开始的流程",
	  POSTED " WHERE " DATA_OF(3, "meeting_date") " > p.start_on" },
	{ "公示不满规定天数的流程",
	  POSTED " WHERE julianday(p.end_on) - julianday(p.start_on) < ?2" },
	{ "公示期满前完成民主评议和公示的流程",
	  POSTED " WHERE " PASS_OF(3, "done_on") " <= p.end_on" },
	{ "办理日期晚于今天的流程步骤",
	  RUNS " JOIN flow_steps f ON f.run_id = r.id WHERE f.done_on > ?3" },
	{ "没有走访情况的走访记录",
	  " FROM visits x JOIN households h ON h.id = x.household_id"
	  " WHERE trim(coalesce(x.findings, ''), " BLANKS ") = ''" },
	{ "走访日期晚于今天的走访记录",
	  " FROM visits x JOIN households h ON h.id = x.household_id WHERE x.visited_on > ?3" },
	{ "早于本人出生日期或晚于今天的成员变动",
	  EVENTS " WHERE (x.on_date < m.birth OR x.on_date > ?3)" },
	{ "出生登记的日期与身份证上的出生日期不符的成员",
	  EVENTS " WHERE x.kind = '出生' AND x.on_date <> m.birth" },
	{ "未记下所依据监测范围的已办结流程（本版本之前办结）",
	  RUNS " WHERE r.state <> '进行中' AND r.line_year IS NULL" },
};

int contradictions_each(struct session *s, void (*fn)(void *arg, const char *what, int64_t n),
                        void *arg)
{
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		char sql[2048];
		snprintf(sql, sizeof sql, "SELECT count(*)%s AND h.%s = ?1", checks[i].from_where,
		         scope_column(&s->scope));
		struct stmt *st = store_prepd(s->db, sql);
		if (!st)
			return -1;
		char today[11];
		stmt_bind_int(st, 1, scope_value(&s->scope));
		stmt_bind_int(st, 2, s->cfg->posting_days);       /* not every check binds */
		stmt_bind_text(st, 3, date_fmt(clock_today(), today));
		int64_t n = stmt_step(st) == 1 ? stmt_int(st, 0) : -1;
		stmt_done(st);
		if (n < 0)
			return -1;
		fn(arg, checks[i].what, n);
	}
	return 0;
}
