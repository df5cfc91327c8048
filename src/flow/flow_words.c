/* The flows' stored words and their enums (flow.h): one table each. */
#include <string.h>

#include "flow/flow.h"

static const char *const kinds[FLOW_KIND_COUNT] = {
	[FLOW_IDENTIFY] = "识别纳入", [FLOW_ELIMINATE] = "风险消除",
};
static const char *const outcomes[OUT_COUNT] = {
	[OUT_NONE] = "", [OUT_PASS] = "通过", [OUT_RETURN] = "退回", [OUT_FAIL] = "不通过",
};
static const char *const states[RUN_STATE_COUNT] = {
	[RUN_OPEN] = "进行中", [RUN_PASSED] = "通过", [RUN_FAILED] = "不通过",
};

/* index of text among words[from..n), or -1 */
static int find(const char *const *words, int from, int n, const char *text)
{
	for (int i = from; text && i < n; i++)
		if (!strcmp(words[i], text))
			return i;
	return -1;
}

int flow_kind_from_text(const char *text, enum flow_kind *out)
{
	int i = find(kinds, 0, FLOW_KIND_COUNT, text);
	if (i >= 0)
		*out = (enum flow_kind)i;
	return i >= 0 ? 0 : -1;
}

const char *flow_kind_text(enum flow_kind k)
{
	return (unsigned)k < FLOW_KIND_COUNT ? kinds[k] : "";
}

int outcome_from_text(const char *text, enum step_outcome *out)
{
	int i = find(outcomes, OUT_PASS, OUT_COUNT, text);
	if (i >= 0)
		*out = (enum step_outcome)i;
	return i >= 0 ? 0 : -1;
}

const char *outcome_text(enum step_outcome o)
{
	return (unsigned)o < OUT_COUNT ? outcomes[o] : "";
}

int run_state_from_text(const char *text, enum run_state *out)
{
	int i = find(states, 0, RUN_STATE_COUNT, text);
	if (i >= 0)
		*out = (enum run_state)i;
	return i >= 0 ? 0 : -1;
}

const char *run_state_text(enum run_state st)
{
	return (unsigned)st < RUN_STATE_COUNT ? states[st] : "";
}
