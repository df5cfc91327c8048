/* The configuration (SPEC §12): loaded from a libconfig file, every setting
 * declared once in config_table.c with its type, bounds, default and help. */
#ifndef JIANCE_CONFIG_H
#define JIANCE_CONFIG_H

#include <stdio.h>

#include "base/clock.h"
#include "base/err.h"
#include "config/codes.h"
#include "config/role.h"

#define CFG_MAX_LINES 64
#define CFG_MAX_LIST 64
#define CFG_MAX_MAPS 16
#define CFG_MAX_COLS 80
#define CFG_MAX_DAYS 128

/* A monitoring line, 元/人/年: the line of `year`, in effect from `from`
 * (1 January of its year unless the configuration says when it was issued). */
struct cfg_line { int year; int yuan; jday from; };
struct cfg_col { char header[96]; char field[48]; };   /* national headers run to 72 bytes */
/* An import mapping: many header texts may map to one field. */
struct cfg_map {
	char name[48];
	char title[128];               /* what officers read (部门预警名单); the name if not given */
	char kind[16];                 /* leads | households | visits */
	int ncols;
	struct cfg_col cols[CFG_MAX_COLS];
};
/* An export template: columns in order, each a header and a field. */
struct cfg_template {
	char name[48];
	char title[128];               /* sheet title */
	char kind[16];                 /* households | members | ... */
	int ncols;
	struct cfg_col cols[CFG_MAX_COLS];
};

struct config {
	char path[512];                /* the file it was loaded from, "" = defaults */
	char db_path[512];
	char db_url[512];        /* database.url: PostgreSQL, used instead of db_path when set */
	char log_path[512];            /* log.path: "~/" and {login} not yet expanded */
	char county_name[64];
	char county_code[16];          /* 12 digits */
	int nlines;
	struct cfg_line lines[CFG_MAX_LINES];
	/* flow parameters (SPEC §5, §6) */
	int posting_days;
	int identification_deadline_days;
	int min_months_before_elimination;
	int measure_grace_days;
	int visit_interval_days;
	char visit_rule[8];            /* "month" (每月走访) | "days" (visit_interval_days) */
	int lead_verify_workdays;      /* a lead is verified within these working days */
	/* the working-day calendar (SPEC §4): public holidays off, and the
	 * weekend days made working days in exchange (调休) */
	int nholidays, nworkdays;
	jday holidays[CFG_MAX_DAYS], workdays[CFG_MAX_DAYS];
	enum role step_roles[5];       /* role completing step 1..5 */
	struct cfg_codes codes;        /* the national code tables (codes.h) */
	int ndepartments;
	char departments[CFG_MAX_LIST][48];
	char print_command[256];       /* "" = save only; {printer} and {file} substituted */
	char printer[64];
	char pdf_font[64];
	char supervision_phones[256];  /* shown on notices */
	char notice_issuer[128];       /* "" = the village committee / township */
	/* the name of the monitored object on screens and notices (issue 15):
	 * short (监测对象) and in titles (防止返贫监测对象); 2026: 防止返贫致贫对象 */
	char object_name[64];
	char object_title[96];
	int nfull_id_roles;
	enum role full_id_roles[4];    /* roles allowed unmasked IDs in ledgers/exports */
	int nmaps;
	struct cfg_map maps[CFG_MAX_MAPS];
	int ntemplates;
	struct cfg_template templates[CFG_MAX_MAPS];
};

/* The fields an import mapping (template = 0) or an export template
 * (template = 1) of kind may name are known to the layer that reads and
 * writes the files (io), above this one: it registers this check before
 * config_load, so a misspelt field is reported at load as FILE:LINE.  The
 * check returns 0 if field is known, else -1 with the allowed names in
 * allowed.  Without one, fields are checked only when used. */
typedef int (*cfg_field_check)(int template_, const char *kind, const char *field,
                               char *allowed, size_t n);
void config_set_field_check(cfg_field_check f);

/* Fills c with the built-in defaults (the table's defaults). */
void config_defaults(struct config *c);
/* Loads path over the defaults.  On error returns -1 and e->msg reads
 * "FILE:LINE: message" (syntax error, unknown key, wrong type, out of range). */
int config_load(struct config *c, const char *path, struct jerr *e);
/* Finds the file: explicit path, else etc/jiance.conf beside the program,
 * else /etc/jiance/jiance.conf; "" if none (defaults are used). */
void config_locate(char *out, size_t n, const char *explicit_path, const char *argv0);

/* The monitoring line of a year; the latest earlier year if not configured;
 * 0 if no line at all. */
int config_line(const struct config *c, int year);
/* The line in effect on `day` (of those whose `from` has come, the latest
 * to take effect): the line a decision on that day is judged against, and
 * the year whose income it judges.  1 with *out, 0 if none has. */
int config_line_at(const struct config *c, jday day, struct cfg_line *out);
/* 1 if `day` is a working day: a 调休 working day, or a weekday that is
 * not a holiday of the calendar. */
int config_is_workday(const struct config *c, jday day);
/* The day `n` working days after `from` (from itself not counted). */
jday config_workdays_after(const struct config *c, jday from, int n);
/* 1 when visits are owed every calendar month (visit_rule "month"), 0 for
 * the rolling visit_interval_days. */
int config_visit_by_month(const struct config *c);
int config_is_risk(const struct config *c, const char *name);
/* -1 unknown category, 0 not 开发式, 1 开发式 */
int config_category(const struct config *c, const char *name);
int config_role_sees_full_id(const struct config *c, enum role role);
/* The mapping of that name, else of that title. */
const struct cfg_map *config_map(const struct config *c, const char *name);
const struct cfg_template *config_template(const struct config *c, const char *name);
/* Writes the settings reference (for man/jiance.conf.5 and `jiance --help-config`). */
void config_print_reference(FILE *out);
/* Writes the same reference as troff (.SH/.TP), the generated part of
 * man/jiance.conf.5; a test checks that the man page holds exactly this. */
void config_print_man(FILE *out);

#endif
