/* Field helpers shared by the console's forms: option lists that complete
 * from pinyin (built once from src/vocab.h, the configuration and
 * src/choices.h), and validators that read what is typed with the parsers
 * of src/ (ID numbers, phones, money, dates, whole numbers) and give their
 * plain-Chinese reasons as the officer types. */
#ifndef JIANCE_FIELDS_H
#define JIANCE_FIELDS_H

#include <stddef.h>

#include "config/config.h"
#include "register/choices.h"
#include "kit/form.h"
#include "base/vocab.h"

/* The options of a code list, with pinyin and initials; built on first use
 * and kept for the life of the process.  *n gets the count. */
const struct form_option *fields_vocab(const struct vocab *v, int *n);
/* 是 / 否. */
const struct form_option *fields_yesno(int *n);
/* 有保障 / 有问题. */
const struct form_option *fields_guarantee(int *n);
/* The configured risk types (因病, 因学 ...). */
const struct form_option *fields_risks(const struct config *cfg, int *n);
/* The configured departments (医保, 民政 ...). */
const struct form_option *fields_departments(const struct config *cfg, int *n);
/* The resolver (form.h) of a department field: 县医保局 stands for 医保,
 * two departments it could be are refused naming both (config/department.h).
 * For fields whose options came from fields_departments(). */
const char *field_department(void *arg, const char *typed, char *out, size_t outsz,
                             char *why, size_t whysz);
/* What the three guarantees and drinking water are about: 义务教育,
 * 基本医疗, 住房安全, 饮水安全 (a visit names those with a problem). */
const struct form_option *fields_guarantee_areas(int *n);
/* Options over choices (the text, pinyin and initials point into c, which
 * must outlive them); free with free().  NULL when out of memory. */
struct form_option *fields_choices(const struct choice *c, int n);

/* Validators (form_validator): NULL when the value is acceptable. */
/* GB 11643: length, digits, birth date, check character (idcard.h). */
const char *field_id_no(void *arg, struct form *f, const char *v, char *why, size_t n);
/* 11-digit mobile number. */
const char *field_phone(void *arg, struct form *f, const char *v, char *why, size_t n);
/* An amount in 元, not negative, at most two decimals. */
const char *field_money(void *arg, struct form *f, const char *v, char *why, size_t n);
/* 2026-05-03, 20260503, 5-3 ... (date_parse), not in the future. */
const char *field_date(void *arg, struct form *f, const char *v, char *why, size_t n);
/* The same, on any day (a plan, the end of a posting). */
const char *field_any_date(void *arg, struct form *f, const char *v, char *why, size_t n);
/* A whole number, no sign (its bounds are the record's rule). */
const char *field_whole(void *arg, struct form *f, const char *v, char *why, size_t n);

/* 1 for 是, 0 otherwise. */
int field_yes(const char *v);
/* The date typed, as YYYY-MM-DD in out (>= 11 bytes); "" if empty or bad. */
void field_date_iso(const char *v, char *out);

#endif
