/* 公民身份号码 (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit
 * sequence (odd for men), and a check character over the first 17. */
#ifndef JIANCE_IDCARD_H
#define JIANCE_IDCARD_H

#include "base/clock.h"
#include "base/err.h"

#define IDCARD_LEN 18

/* Takes what an officer typed (full-width digits and Ｘ, lower-case x, ASCII
 * or ideographic spaces anywhere) and writes 17 digits and a digit or 'X'
 * to out (>= 19 bytes).  Refuses, with a reason in Chinese on field "id_no",
 * a wrong length, a non-digit, an impossible or future birth date, a birth
 * year before 1880, or a wrong check character.  0, or -1 with out "". */
int idcard_normalize(const char *in, char *out, struct jerr *e);

/* The check character '0'..'9' or 'X' for 17 digits; -1 if first17 does not
 * start with 17 digits. */
int idcard_check_digit(const char *first17);

/* These take a normalized number. */
/* 1 man, 2 woman (the 17th digit odd / even), 0 if id is not 18 long. */
int idcard_sex(const char *id18);
/* JDAY_NONE if the digits are not a valid date. */
jday idcard_birth(const char *id18);
/* Whole years on the day `on`; -1 if unknown or before birth. */
int idcard_age(const char *id18, jday on);

/* First 6 and last 4 shown, 8 stars between: out >= 19 bytes.  Anything not
 * 18 long becomes "******" ("" stays ""), never partly shown. */
void idcard_mask(const char *id18, char *out);

#endif
