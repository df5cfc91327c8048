/* Records that contradict the rules (issue 12), counted for `jiance check`:
 * the rules refuse them where they are saved now, but a database kept
 * before, or imported, may hold some, and a county inspection should find
 * them here first.  Each is one SQL condition over households h of the
 * officer's area. */
#include "flow/contradictions.h"

#include <stdio.h>

#include "access/scope.h"
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

static const struct { const char *what, *from_where; } checks[] = {
	{ "入户核实日期早于线索日期的流程",
	  RUNS " WHERE " DATA_OF(1, "visit_date") " < r.counted_from" },
	{ "公示开始早于信息比对完成的流程",
	  POSTED " WHERE p.start_on < " PASS_OF(2, "done_on") },
	{ "评议会议晚于公示开始的流程",
	  POSTED " WHERE " DATA_OF(3, "meeting_date") " > p.start_on" },
	{ "公示期满前完成民主评议和公示的流程",
	  POSTED " WHERE " PASS_OF(3, "done_on") " <= p.end_on" },
	{ "没有走访情况的走访记录",
	  " FROM visits x JOIN households h ON h.id = x.household_id WHERE trim(x.findings) = ''" },
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
		stmt_bind_int(st, 1, scope_value(&s->scope));
		int64_t n = stmt_step(st) == 1 ? stmt_int(st, 0) : -1;
		stmt_done(st);
		if (n < 0)
			return -1;
		fn(arg, checks[i].what, n);
	}
	return 0;
}
