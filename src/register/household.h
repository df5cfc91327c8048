/* The household register (SPEC §2): households, members, yearly incomes and
 * large rigid expenses.  Every function takes the session: reads and writes
 * are checked against the officer's scope, and every change is audited. */
#ifndef JIANCE_HOUSEHOLD_H
#define JIANCE_HOUSEHOLD_H

#include <stdint.h>

#include "access/session.h"
#include "register/status.h"

#define HH_MAX_RISKS 5
#define HH_MAX_MEMBERS 32
/* 因自然灾害子项, '、'-joined: room for the whole default table (88 bytes) */
#define HH_DISASTER_BYTES 128

struct household {
	int64_t id;
	char hh_no[32];            /* jiance's own number, given at creation */
	char nat_no[32];           /* the national system's 户编号, "" until known */
	int64_t county_id, township_id, village_id, group_id;
	char natural_village[64];
	char address[192];
	char phone[24];
	char hh_type[24];          /* "" until identified */
	int is_tuopin, relocated, whole_no_labour;
	char settlement[96];
	int g_edu, g_med, g_house, g_water;   /* 1 有保障, 0 有问题 */
	enum hh_status status;
	char identified_on[11], eliminated_on[11];
	char elim_method[16];
	char head_name[64];
	int size;
	int64_t contact_id;
	int nrisks;
	char risks[HH_MAX_RISKS][48];
	char disaster[HH_DISASTER_BYTES];   /* 因自然灾害子项 (disaster.c), with that risk */
	char last_visit_on[11];
	char assist_tags[96];      /* 社会救助: "低保、低保边缘" (assist_tags.c) */
	int version;               /* optimistic lock: saves name the version read */
	/* names for display, filled by household_get */
	char township_name[64], village_name[64], group_name[64], contact_name[64];
};

struct member {
	int64_t id, household_id;
	char name[64];
	char id_no[20];
	int sex;                   /* 1 男 2 女, from the ID */
	char birth[11];            /* from the ID */
	char ethnicity[32];
	char relation[16];
	char education[24];
	char schooling[24];
	char health[24];
	char disability[24];
	char labour[32];
	int migrant_months;
	char migrant_place[96];
	char public_job[64];
	int public_job_months;
	int ins_medical, ins_serious, ins_pension, dibao, tekun;
	char phone[24];
	int active;
	int version;
};

/* amounts in 分 */
struct income {
	int64_t household_id;
	int year;
	int64_t wage, business, property, transfer, business_cost, out_of_pocket;
	int64_t claims;          /* 理赔收入 (insurance paid out): recorded, not in 纯收入 */
	int version;
};

void household_init(struct household *h);
/* The risks as written and shown: "因病、因学". */
void household_risks_text(const struct household *h, char *out, size_t n);
void member_init(struct member *m);

/* Field checks of one record, with the plain Chinese reason in e. */
int household_validate(struct session *s, const struct household *h, struct jerr *e);
int member_validate(struct session *s, struct member *m, struct jerr *e);
/* One field's check, exactly as household_validate / member_validate make
 * it (they call these in turn), for a form to call while the officer
 * types: household hh_no, village, group, phone, hh_type, settlement,
 * risks; member name, id_no, relation, education, schooling, health,
 * disability, labour, phone, migrant_months, public_job_months.  The other
 * fields a rule depends on (is_tuopin, health ...) are read from the
 * record.  0, or -1 with the reason in e; 0 for a field with no check. */
int household_check_field(struct session *s, const struct household *h, const char *field,
                          struct jerr *e);
int member_check_field(struct session *s, const struct member *m, const char *field,
                       struct jerr *e);
/* Risk types as an officer writes them -- "因病、因学", also separated by
 * "，", "," or spaces -- into h->risks; -1 with e when there are more than
 * HH_MAX_RISKS (the "risks" check says the rest). */
int household_risks_read(struct household *h, const char *text, struct jerr *e);
/* The type of a monitored household (SPEC §4), one of VOCAB_HH_TYPE, fits
 * whether it is a 脱贫户: 脱贫不稳定户 only for a 脱贫户, and a 脱贫户 is
 * never an 边缘易致贫户.  The one rule the register and the flows apply. */
int hh_type_check(const char *hh_type, int is_tuopin, struct jerr *e);
/* Cross-field checks over a whole household (SPEC §2): exactly one 户主, a
 * 配偶 of the other sex, 因务工就业不稳 only if someone can work. */
int household_check_members(const struct household *h, const struct member *ms, int n,
                            struct jerr *e);
int phone_valid(const char *phone);
/* An empty phone, or a valid one; else the one message, field "phone". */
int phone_check(const char *phone, struct jerr *e);

/* Who holds this ID already?  0 nobody; else the member id, with e naming
 * the household (if the officer may see it) or "已在其他地方登记". */
int64_t member_id_taken(struct session *s, const char *id_no, int64_t except_member,
                        struct jerr *e);
/* SPEC §7 duplicate check before a new household: same ID anywhere, or the
 * same head name + village + birth date.  Returns the number found and a
 * description of them in e. */
int household_duplicates(struct session *s, const char *head_name, int64_t village_id,
                         const char *id_no, struct jerr *e);

/* 1 if the officer may type a household's national 户编号 (county and
 * admin: the national import fills it otherwise).  household_create and
 * household_update refuse a change of it from anyone else. */
int household_may_set_nat_no(const struct session *s);
/* The next number of a household of the village: its 12-digit code and a
 * 4-digit sequence (more digits past 9999), one above the highest number
 * of that form in the village.  Read inside the caller's write
 * transaction, so two officers saving at once get two numbers. */
int household_next_no(struct session *s, int64_t village_id, char *out, size_t n);
/* Creates a household with its head in one transaction.  An empty
 * h->hh_no is numbered by household_next_no (the forms never ask for
 * one); a given one (demo, a household import) is checked and kept. */
int household_create(struct session *s, struct household *h, struct member *head,
                     struct jerr *e);
/* Creates a household with all its members (ms[0] the head) in one
 * transaction: the household-wide rules first, each member's ID checked as
 * member_add checks it, the household's size written once (a register of
 * 200,000 households has 650,000 members). */
int household_create_with(struct session *s, struct household *h, struct member *ms, int n,
                          struct jerr *e);
/* Saves changed fields; refused if someone saved since h->version was read. */
int household_update(struct session *s, struct household *h, struct jerr *e);
int household_get(struct session *s, int64_t id, struct household *h, struct jerr *e);
int64_t household_by_no(struct session *s, const char *hh_no);

int member_add(struct session *s, struct member *m, struct jerr *e);
/* 0 if the household may take a member (not 已注销), else -1 with e. */
int household_takes_members(struct session *s, int64_t household_id, struct jerr *e);
int member_update(struct session *s, struct member *m, struct jerr *e);
/* active members of a household, 户主 first; returns the count */
int member_list(struct session *s, int64_t household_id, struct member *out, int max);
int member_get(struct session *s, int64_t id, struct member *m);

int income_save(struct session *s, struct income *in, struct jerr *e);
/* What income_save refuses, for a form to ask while typing. */
int income_check(const struct income *in, struct jerr *e);
/* The income shown beside a household (detail, ledger, exports): the year
 * whose monitoring line is in effect today (config_line_at) if recorded,
 * else the latest recorded year before it.  1 with *in (in->year says
 * which), 0 if none or out of scope. */
int income_shown(struct session *s, int64_t household_id, struct income *in);
/* A year's income as a flow step verified it, written in the caller's
 * transaction over what the year held; the audit names `source` (e.g.
 * "识别纳入第1步入户核实，流程12").  0, or -1 on a database error. */
int income_record_verified(struct session *s, const struct income *in, const char *source);
/* 1 found, 0 none (in zeroed) */
int income_get(struct session *s, int64_t household_id, int year, struct income *in);
/* 1 if a per-capita income (分) of `year` is above that year's line (the
 * elimination condition), 0 if within it, -1 if no line is configured. */
int income_above_line(const struct config *c, int year, int64_t per_capita);
int64_t income_net(const struct income *in);          /* 纯收入, 分 */
int64_t income_per_capita(const struct income *in, int size); /* 人均纯收入, 分 */
/* 人均纯收入 of the income's year, divided by the members present that year
 * (household_size_in, member_events.h). */
int64_t income_per_capita_of(struct session *s, const struct income *in);

int rigid_add(struct session *s, int64_t household_id, const char *kind, int64_t amount,
              int year, int resolved, const char *note, struct jerr *e);
int rigid_resolve(struct session *s, int64_t id, struct jerr *e);
int rigid_unresolved(struct session *s, int64_t household_id);

/* for the register's own modules (household.c, member.c, demo, import) */
/* The names' full-text index for every member (after a bulk load, which
 * leaves it empty: store_bulk_on); 0, or -1 if a write failed. */
int member_names_build(struct session *s);
int household_refresh_head(struct session *s, int64_t household_id);
int member_insert_checked(struct session *s, struct member *m, struct jerr *e);
/* The row `id` of a person who left the register, active again as m (its
 * fields, in m->household_id), in the caller's transaction; m->id set. */
int member_reactivate(struct session *s, struct member *m, int64_t id, struct jerr *e);
/* The household m->household_id as it would be with m in it (added, or
 * replacing its own row), checked whole (household_check_members), read
 * whether or not the officer sees it: a transfer may lead out of the area. */
int member_fits(struct session *s, const struct member *m, struct jerr *e);

/* Social-assistance tags (assist_tags.c): 低保, 特困, 低保边缘, 支出型困难.
 * assist_tags_normalise: text as typed ("特困，低保") into the stored form
 * ("低保、特困", the list's order); assist_tags_add: the union of tags and
 * more.  -1 with e (field "assist_tags") for a tag not on the list.
 * assist_tag_name: the i-th tag, NULL past the end. */
int assist_tags_normalise(const char *text, char *out, size_t n, struct jerr *e);
int assist_tags_add(const char *tags, const char *more, char *out, size_t n, struct jerr *e);
const char *assist_tag_name(int i);

/* 因自然灾害子项 (disaster.c), national table 100A271 (codes.disasters):
 * one or several, kept '、'-joined in the table's order.
 * disaster_normalise: as typed ("旱灾，洪涝灾害") into the stored form, -1
 * with e (field "disaster") for one not in the table or too many.
 * disaster_check: the rule of every write that records risks -- with the
 * risk DISASTER_RISK at least one sub-item, without it none; 0 or -1 with e.
 * risks_name_disaster: 1 if a risks text ("因病、因自然灾害") has that risk.
 * disaster_national: the stored sub-items as the national system's
 * multi-value cell, comma-joined ("洪涝灾害,地质灾害"); returns out. */
#define DISASTER_RISK "因自然灾害"
int disaster_normalise(const struct config *c, const char *text, char *out, size_t n,
                       struct jerr *e);
int disaster_check(const struct config *c, int has_risk, const char *disaster, struct jerr *e);
int risks_name_disaster(const char *risks);
const char *disaster_national(const char *stored, char *out, size_t n);

/* parses "1234.5" 元 into 分; -1 on error (negative, junk) */
int64_t money_parse(const char *s);
char *money_fmt(int64_t fen, char *buf, size_t n);

/* Inside the caller's write transaction: the household's own columns the
 * national system keeps that changed from o to h (phone, 兜底, the
 * guarantees, the risks) as one 待录入国家系统 entry; nothing if none did.
 * 0, or -1 on a database error. */
int household_queue_upstream(struct session *s, const struct household *o, const struct household *h);

#endif
