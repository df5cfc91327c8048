/* Yearly income by component (SPEC §2).  纯收入 and 人均纯收入 are derived
 * here and nowhere else; they are never typed or stored. */
#include <stdio.h>
#include <string.h>

#include "register/upstream.h"
#include "access/audit.h"
#include "base/clock.h"
#include "register/household.h"
#include "register/member_events.h"
#include "access/scope.h"

int64_t income_net(const struct income *in)
{
	return in->wage + in->business + in->property + in->transfer - in->business_cost;
}

int64_t income_per_capita(const struct income *in, int size)
{
	return size > 0 ? income_net(in) / size : 0;
}

int64_t income_per_capita_of(struct session *s, const struct income *in)
{
	return income_per_capita(in, household_size_in(s, in->household_id, in->year));
}

int income_above_line(const struct config *c, int year, int64_t per_capita)
{
	int line = config_line(c, year);
	return line <= 0 ? -1 : per_capita > (int64_t)line * 100;
}

int income_get(struct session *s, int64_t household_id, int year, struct income *in)
{
	memset(in, 0, sizeof *in);
	in->household_id = household_id;
	in->year = year;
	if (!scope_household(s, household_id))
		return 0;
	struct stmt *st = store_prep(s->db,
		"SELECT wage, business, property, transfer, business_cost, out_of_pocket, version, claims"
		"  FROM incomes WHERE household_id = ? AND year = ?", "li", household_id, year);
	int rc = st ? stmt_step(st) : -1;
	if (rc == 1) {
		in->wage = stmt_int(st, 0);
		in->business = stmt_int(st, 1);
		in->property = stmt_int(st, 2);
		in->transfer = stmt_int(st, 3);
		in->business_cost = stmt_int(st, 4);
		in->out_of_pocket = stmt_int(st, 5);
		in->version = (int)stmt_int(st, 6);
		in->claims = stmt_int(st, 7);
	}
	stmt_done(st);
	return rc;
}

int income_check(const struct income *in, struct jerr *e)
{
	int this_year = date_year(clock_today());
	if (in->year < 2013 || in->year > this_year)
		return jerr_set(e, "year", "年度应在2013–%d之间", this_year);
	const int64_t *v[] = { &in->wage, &in->business, &in->property, &in->transfer,
	                       &in->business_cost, &in->out_of_pocket, &in->claims };
	static const char *const names[] = { "wage", "business", "property", "transfer",
	                                      "business_cost", "out_of_pocket", "claims" };
	for (int i = 0; i < 7; i++)
		if (*v[i] < 0)
			return jerr_set(e, names[i], "金额不能为负数");
	return 0;
}

static void audit_income(struct session *s, const struct income *o, const struct income *in)
{
	int64_t hh = in->household_id;
	char f[48];
#define I(x) snprintf(f, sizeof f, "%d." #x, in->year), \
	audit_diff_int(s, "incomes", hh, hh, f, o->x, in->x)
	I(wage); I(business); I(property); I(transfer); I(business_cost); I(out_of_pocket); I(claims);
#undef I
}

/* A year's income in the national income columns (元), with the derived
 * 家庭纯收入 and 人均纯收入 the national record also holds. */
static int queue_income(struct session *s, const struct income *in)
{
	char v[8][32], year[8];
	if (!upstream_wanted(s))
		return 0;   /* nor the household's size for the per-capita column */
	snprintf(year, sizeof year, "%d", in->year);
	int64_t net = income_net(in), per = income_per_capita_of(s, in);
	const int64_t amounts[8] = { in->wage, in->business, in->property, in->transfer,
	                             in->business_cost, in->out_of_pocket, net, per };
	for (int i = 0; i < 8; i++)
		money_fmt(amounts[i], v[i], sizeof v[i]);
	const struct upstream_field f[] = {
		{ "收入年度", year }, { "工资性收入", v[0] }, { "生产经营性收入", v[1] },
		{ "财产性收入", v[2] }, { "转移性收入", v[3] }, { "生产经营性支出", v[4] },
		{ "合规自付支出", v[5] }, { "家庭纯收入", v[6] }, { "人均纯收入（元）", v[7] },
	};
	return upstream_record(s, in->household_id, 0, NULL, "收入情况", NULL, f,
	                       (int)(sizeof f / sizeof f[0]));
}

/* Insert or update; an update names the version it read (0 = new). */
int income_save(struct session *s, struct income *in, struct jerr *e)
{
	if (!scope_household(s, in->household_id))
		return jerr_set(e, "", "无权修改这一户（不在您的辖区）");
	if (income_check(in, e) != 0)
		return -1;
	struct income old;
	int exists = income_get(s, in->household_id, in->year, &old) == 1;
	if (exists && old.version != in->version)
		return jerr_set(e, "", "%d年收入已被其他操作员修改，请重新打开后再保存（您填写的内容仍在表单中）", in->year);
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	int rc = store_exec(s->db,
		"INSERT INTO incomes(household_id, year, wage, business, property, transfer,"
		" business_cost, out_of_pocket, claims) VALUES (?,?,?,?,?,?,?,?,?)"
		" ON CONFLICT(household_id, year) DO UPDATE SET wage=excluded.wage,"
		" business=excluded.business, property=excluded.property, transfer=excluded.transfer,"
		" business_cost=excluded.business_cost, out_of_pocket=excluded.out_of_pocket,"
		" claims=excluded.claims, version = incomes.version + 1",
		"lilllllll", in->household_id, in->year, in->wage, in->business, in->property,
		in->transfer, in->business_cost, in->out_of_pocket, in->claims);
	if (rc == 0)
		audit_income(s, &old, in);
	if (rc == 0)
		rc = queue_income(s, in);
	if (rc != 0 || store_commit(s->db) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	in->version = exists ? old.version + 1 : 1;
	return 0;
}

int income_shown(struct session *s, int64_t household_id, struct income *in)
{
	struct cfg_line ln;
	int year = config_line_at(s->cfg, clock_today(), &ln) ? ln.year : date_year(clock_today());
	int latest = (int)store_int(s->db, 0, "SELECT max(year) FROM incomes WHERE household_id = ?"
	                            " AND year <= ?", "li", household_id, year);
	if (!latest) {
		income_get(s, household_id, year, in);   /* zeroed, for that year */
		return 0;
	}
	return income_get(s, household_id, latest, in) == 1;
}

int income_record_verified(struct session *s, const struct income *in, const char *source)
{
	struct income old;
	char field[32];
	income_get(s, in->household_id, in->year, &old);
	if (store_exec(s->db,
		"INSERT INTO incomes(household_id, year, wage, business, property, transfer,"
		" business_cost, out_of_pocket, claims) VALUES (?,?,?,?,?,?,?,?,?)"
		" ON CONFLICT(household_id, year) DO UPDATE SET wage=excluded.wage,"
		" business=excluded.business, property=excluded.property, transfer=excluded.transfer,"
		" business_cost=excluded.business_cost, out_of_pocket=excluded.out_of_pocket,"
		" claims=excluded.claims, version = incomes.version + 1",
		"lilllllll", in->household_id, in->year, in->wage, in->business, in->property,
		in->transfer, in->business_cost, in->out_of_pocket, in->claims) != 0)
		return -1;
	snprintf(field, sizeof field, "%d.source", in->year);
	audit_write(s, "incomes", in->household_id, in->household_id, field, NULL, source);
	audit_income(s, &old, in);
	return queue_income(s, in);
}

int rigid_add(struct session *s, int64_t household_id, const char *kind, int64_t amount,
              int year, int resolved, const char *note, struct jerr *e)
{
	if (!scope_household(s, household_id))
		return jerr_set(e, "", "无权修改这一户（不在您的辖区）");
	if (strcmp(kind, "医疗") && strcmp(kind, "教育") && strcmp(kind, "其他"))
		return jerr_set(e, "kind", "大额刚性支出类别应为医疗、教育或其他");
	if (amount <= 0)
		return jerr_set(e, "amount", "金额应大于0");
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	if (store_exec(s->db, "INSERT INTO rigid_expenses(household_id, kind, amount, year,"
	               " resolved, note) VALUES (?,?,?,?,?,?)", "ltliit", household_id, kind,
	               amount, year, resolved, note ? note : "") != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	int64_t id = store_last_id(s->db);
	char buf[32];
	audit_write(s, "rigid_expenses", id, household_id, kind, NULL, money_fmt(amount, buf, sizeof buf));
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败");
}

int rigid_resolve(struct session *s, int64_t id, struct jerr *e)
{
	int64_t hh = store_int(s->db, 0, "SELECT household_id FROM rigid_expenses WHERE id = ?", "l", id);
	if (!hh || !scope_household(s, hh))
		return jerr_set(e, "", "找不到这笔支出，或不在您的辖区");
	if (store_begin(s->db) != 0)
		return jerr_set(e, "", "数据库忙，请稍后再试");
	if (store_exec(s->db, "UPDATE rigid_expenses SET resolved = 1 WHERE id = ?", "l", id) != 0) {
		store_rollback(s->db);
		return jerr_set(e, "", "保存失败: %s", store_errmsg(s->db));
	}
	audit_write(s, "rigid_expenses", id, hh, "resolved", "0", "1");
	return store_commit(s->db) == 0 ? 0 : jerr_set(e, "", "保存失败");
}

int rigid_unresolved(struct session *s, int64_t household_id)
{
	return (int)store_int(s->db, 0,
		"SELECT count(*) FROM rigid_expenses WHERE household_id = ? AND resolved = 0", "l",
		household_id);
}
