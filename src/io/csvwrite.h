/* Writing CSV that officers open in Excel or WPS (exports, rejected rows).
 * Text is written so that the spreadsheet shows it as text and nothing
 * else (after the OWASP advice on CSV injection):
 *   - a cell starting with = + - @ TAB or CR would be taken for a formula:
 *     it gets a leading apostrophe ('=1+2);
 *   - a long run of digits (户编号, an ID number, a landline with its 0)
 *     would become a rounded number: it is written ="500243…", a formula
 *     giving the text itself.
 * csvread undoes both, so a written file imports again unchanged. */
#ifndef JIANCE_CSVWRITE_H
#define JIANCE_CSVWRITE_H

#include <stdio.h>

/* One cell (a comma before it unless first): quoted always for exports,
 * only when it must be for a file people fix by hand (rejected rows).  A
 * plain number (-12.50, 3) is written as is: no spreadsheet takes it for a
 * formula, and a negative amount must stay a number. */
void csvwrite_cell(FILE *out, int first, const char *v, int quote_always);
/* Ends a record (CRLF); -1 if the stream failed. */
int csvwrite_end(FILE *out);

/* 1 if a spreadsheet would read v as a formula (a plain number is not one) */
int csvwrite_is_formula(const char *v);
/* 1 if v is digits a spreadsheet would round or strip of a leading 0 */
int csvwrite_is_long_number(const char *v);

#endif
