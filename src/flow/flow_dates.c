/* The dates of a run in the order things happen (SPEC §5): the lead, then
 * the home visit, the cross-check, the meeting, the posting, and step 3
 * only once the posting has run its days.  Checked where a step or a
 * posting is saved, whatever screen or import saves it, and offered to the
 * forms for the dates being typed.  Each refusal names both dates. */
#include <stdio.h>
#include <string.h>

#include "flow/flow_impl.h"

/* What the run has recorded so far: the date each later one must not precede. */
struct run_dates {
	jday lead;          /* the lead's date (identification) or the run's start */
	jday step1;         /* the latest 通过 of step 1: its visit date, else its day */
	jday step2;         /* the latest 通过 of step 2: its day */
	jday post_start, post_end;
	const char *lead_what;
};

static jday text_day(struct session *s, const char *sql, int64_t run_id)
{
	char day[11] = "";
	store_text(s->db, day, sizeof day, sql, "l", run_id);
	return *day ? date_iso(day) : JDAY_NONE;
}

static void run_dates(struct session *s, const struct flow_run *r, struct run_dates *d)
{
	d->lead = text_day(s, "SELECT counted_from FROM flow_runs WHERE id = ?", r->id);
	d->lead_what = r->kind == FLOW_IDENTIFY ? "线索日期" : "流程开始日期";
	d->step1 = text_day(s, "SELECT coalesce((SELECT value FROM step_data WHERE step_id = f.id"
	                    " AND key = 'visit_date'), f.done_on) FROM flow_steps f WHERE f.run_id = ?"
	                    " AND f.step = 1 AND f.outcome = '通过' ORDER BY f.id DESC LIMIT 1", r->id);
	d->step2 = text_day(s, "SELECT done_on FROM flow_steps WHERE run_id = ? AND step = 2"
	                    " AND outcome = '通过' ORDER BY id DESC LIMIT 1", r->id);
	d->post_start = text_day(s, "SELECT start_on FROM postings WHERE run_id = ?", r->id);
	d->post_end = text_day(s, "SELECT end_on FROM postings WHERE run_id = ?", r->id);
}

/* -1 with "A日期X早于B日期Y" when a (named what_a) precedes b; 0 when
 * either is unknown or they are in order. */
static int not_before(jday a, const char *what_a, jday b, const char *what_b, const char *why,
                      const char *field, struct jerr *e)
{
	char x[11], y[11];
	if (a == JDAY_NONE || b == JDAY_NONE || a >= b)
		return 0;
	return jerr_set(e, field, "%s%s早于%s%s：%s", what_a, date_fmt(a, x), what_b,
	                date_fmt(b, y), why);
}

static jday value_day(const struct step_input *in, const char *key)
{
	const char *v = step_value(in, key);
	return v && *v ? date_parse(v) : JDAY_NONE;
}

/* The rules one date takes part in; 1 if one fails (e says which). */
static int key_out_of_order(const struct run_dates *d, const struct flow_run *r,
                            const struct step_input *in, jday done, const char *key,
                            struct jerr *e)
{
	jday v = !strcmp(key, "done_on") ? done : value_day(in, key);
	if (v == JDAY_NONE)
		return 0;
	if (!strcmp(key, "visit_date"))
		return not_before(v, "入户核实日期", d->lead, d->lead_what, "先有线索，后入户核实",
		                  key, e) ||
		       not_before(done, "办理日期", v, "入户核实日期", "核实之后才能办理", key, e);
	if (!strcmp(key, "sent_on"))
		return not_before(v, "比对发出日期", d->step1, "入户核实日期", "核实之后才送比对",
		                  key, e);
	if (!strcmp(key, "returned_on"))
		return not_before(v, "比对返回日期", value_day(in, "sent_on"), "发出日期",
		                  "先发出，后返回", key, e) ||
		       not_before(done, "办理日期", v, "比对返回日期", "比对结果返回后才能办理",
		                  key, e);
	if (!strcmp(key, "meeting_date"))
		return not_before(v, "评议会议日期", d->step2, "信息比对完成日期",
		                  "比对之后才能评议", key, e) ||
		       not_before(d->post_start, "公示开始日期", v, "评议会议日期",
		                  "先评议，后公示", key, e) ||
		       not_before(done, "办理日期", v, "评议会议日期", "评议之后才能办理", key, e);
	if (!strcmp(key, "done_on") && r->step == 1)
		return not_before(v, "办理日期", d->lead, d->lead_what, "先有线索，后入户核实",
		                  key, e);
	return 0;
}

/* The posting as the form has it typed (keys post_start, post_end), over
 * the one registered: the save registers it before it completes the step. */
static void typed_posting(const struct step_input *in, struct run_dates *d)
{
	jday start = value_day(in, "post_start"), end = value_day(in, "post_end");
	if (start != JDAY_NONE)
		d->post_start = start;
	if (end != JDAY_NONE)
		d->post_end = end;
}

static int posting_in_order(const struct run_dates *d, jday start, jday end, int days,
                            struct jerr *e);

/* One of the posting's dates as flow_post judges the pair; a refusal of
 * the other date is the other field's to show. */
static int posting_field(struct session *s, const struct run_dates *d, const char *key,
                         struct jerr *e)
{
	struct jerr why = { 0 };
	int days = s->cfg->posting_days;
	if (d->post_start == JDAY_NONE)
		return 0;
	jday end = d->post_end == JDAY_NONE ? d->post_start + days : d->post_end;
	if (posting_in_order(d, d->post_start, end, days, &why) == 0 || strcmp(why.field, key))
		return 0;
	if (e)
		*e = why;
	return -1;
}

/* A date of the step on its own, as flow_complete first checks it: valid,
 * not in the future, the step's day not before the run or the last step. */
static int date_alone(struct session *s, const struct flow_run *r, const struct step_input *in,
                      const char *key, struct jerr *e)
{
	jday done;
	const char *v = step_value(in, key);
	if (!strcmp(key, "done_on"))
		return flow_check_done_on(s, r, in, &done, e);
	if (!v || !*v)
		return 0;
	struct step_input one = { .nkv = 1, .keys = { key }, .values = { v } }, norm;
	char iso[STEP_MAX_KV][11];
	return flow_check_data_dates(&one, &norm, iso, e);
}

static int date_key(const char *key)
{
	static const char *const keys[] = { "done_on", "visit_date", "sent_on", "returned_on",
	                                    "meeting_date", "post_start", "post_end" };
	for (size_t i = 0; key && i < sizeof keys / sizeof keys[0]; i++)
		if (!strcmp(key, keys[i]))
			return 1;
	return 0;
}

int flow_step_date_check(struct session *s, int64_t run_id, const struct step_input *in,
                         const char *key, struct jerr *e)
{
	struct flow_run r;
	struct run_dates d;
	if (!in || !date_key(key) || flow_get(s, run_id, &r, NULL) != 0)
		return 0;
	run_dates(s, &r, &d);
	typed_posting(in, &d);
	if (!strcmp(key, "post_start") || !strcmp(key, "post_end"))
		return posting_field(s, &d, key, e);
	if (date_alone(s, &r, in, key, e) != 0)
		return -1;
	jday done = in->done_on == JDAY_NONE ? clock_today() : in->done_on;
	return key_out_of_order(&d, &r, in, done, key, e) ? -1 : 0;
}

/* The posting follows the cross-check and runs at least posting_days
 * full days after the day it went up. */
static int posting_in_order(const struct run_dates *d, jday start, jday end, int days,
                            struct jerr *e)
{
	char a[11], b[11], c[11];
	if (start > clock_today())
		return jerr_set(e, "post_start", "公示开始日期%s晚于今天%s：公示须已张贴", date_fmt(start, a),
		                date_fmt(clock_today(), b));
	if (not_before(start, "公示开始日期", d->step2, "信息比对完成日期",
	               "比对和评议之后才能公示", "post_start", e) != 0)
		return -1;
	if (end < start + days)
		return jerr_set(e, "post_end", "公示结束日期%s早于开始日期%s加%d天（%s）：公示须满%d天",
		                date_fmt(end, a), date_fmt(start, b), days, date_fmt(start + days, c),
		                days);
	return 0;
}

int flow_posting_dates_check(struct session *s, const struct flow_run *r, jday start, jday end,
                             struct jerr *e)
{
	struct run_dates d;
	run_dates(s, r, &d);
	return posting_in_order(&d, start, end, s->cfg->posting_days, e);
}

int flow_posting_check(struct session *s, int64_t run_id, jday start, jday end, struct jerr *e)
{
	struct flow_run r;
	if (start == JDAY_NONE || end == JDAY_NONE || flow_get(s, run_id, &r, NULL) != 0)
		return 0;
	return flow_posting_dates_check(s, &r, start, end, e);
}

/* Step 3 passes only the day after the posting's last day, with the
 * posting (as registered) still in order with the run's other dates. */
static int posting_over(struct session *s, const struct run_dates *d, jday done,
                        struct jerr *e)
{
	char a[11], b[11], c[11];
	if (d->post_start == JDAY_NONE)
		return jerr_set(e, "posting", "尚未登记公示（地点和起止日期），不能完成民主评议和公示");
	if (posting_in_order(d, d->post_start, d->post_end, s->cfg->posting_days, e) != 0)
		return -1;
	if (done <= d->post_end)
		return jerr_set(e, "posting", "办理日期%s未晚于公示结束日期%s：公示期满后（%s起）才能完成这一步",
		                date_fmt(done, a), date_fmt(d->post_end, b), date_fmt(d->post_end + 1, c));
	return 0;
}

jday flow_posting_over_on(const struct posting *p)
{
	jday end = date_iso(p->end_on);
	return end == JDAY_NONE ? JDAY_NONE : end + 1;
}

int flow_dates_check(struct session *s, const struct flow_run *r, const struct step_input *in,
                     jday done, struct jerr *e)
{
	static const char *const keys[] = { "done_on", "visit_date", "sent_on", "returned_on",
	                                    "meeting_date" };
	struct run_dates d;
	run_dates(s, r, &d);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_out_of_order(&d, r, in, done, keys[i], e))
			return -1;
	if (r->step != 3 || in->outcome != OUT_PASS)
		return 0;
	return posting_over(s, &d, done, e);
}
