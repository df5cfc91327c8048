/* A step decision as the national system records it, queued for upstream
 * entry (register/upstream.h) in the decision's transaction: every step's
 * outcome, and at 县级审定 通过 the national columns it changes. */
#include <stdio.h>
#include <string.h>

#include "flow/flow_impl.h"
#include "register/upstream.h"

/* "2026-03-15" → "202603": the national 识别/消除监测时间. */
static void month_of(const char *day, char out[8])
{
	snprintf(out, 8, "%.4s%.2s", day, day + 5);
}

/* 致贫/返贫风险1…5 from "因病、因学". */
static int risk_fields(const char *risks, char cols[5][32], char vals[5][48],
                       struct upstream_field *f)
{
	int n = 0;
	for (const char *p = risks; *p && n < 5;) {
		const char *sep = strstr(p, "、");
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		if (len > 0 && len < sizeof vals[0]) {
			snprintf(cols[n], sizeof cols[0], "致贫/返贫风险%d", n + 1);
			snprintf(vals[n], sizeof vals[0], "%.*s", (int)len, p);
			f[n] = (struct upstream_field){ cols[n], vals[n] };
			n++;
		}
		p += len + (sep ? strlen("、") : 0);
	}
	return n;
}

int flow_queue_decision(struct session *s, const struct flow_run *r, const struct flow_run *now,
                        const struct step_input *in, const char *day)
{
	char what[64], result[48], month[8], rcols[5][32], rvals[5][48], nat[HH_DISASTER_BYTES];
	snprintf(what, sizeof what, "%s第%d步%s", flow_kind_text(r->kind), r->step,
	         flow_step_name(r->step));
	if (in->outcome == OUT_RETURN)
		snprintf(result, sizeof result, "退回第%d步", in->back_to);
	else
		snprintf(result, sizeof result, "%s", in->outcome == OUT_PASS ? "通过" : "不通过");
	struct upstream_field f[16] = {
		{ "办理环节", what }, { "办理结果", result }, { "办理日期", day },
		{ "理由", in->reason ? in->reason : "" },
	};
	int n = 4;
	month_of(day, month);
	if (now->state == RUN_PASSED && r->kind == FLOW_IDENTIFY) {
		f[n++] = (struct upstream_field){ "识别监测时间", month };
		f[n++] = (struct upstream_field){ "监测对象类别", now->hh_type };
		n += risk_fields(now->risks, rcols, rvals, f + n);
		if (*now->disaster)
			f[n++] = (struct upstream_field){ "因自然灾害子项",
			                                  disaster_national(now->disaster, nat, sizeof nat) };
	} else if (now->state == RUN_PASSED) {
		f[n++] = (struct upstream_field){ "风险是否已消除", "是" };
		f[n++] = (struct upstream_field){ "消除监测时间", month };
		f[n++] = (struct upstream_field){ "风险消除方式", now->elim_method };
	}
	return upstream_record(s, r->household_id, 0, NULL, what, day, f, n);
}
