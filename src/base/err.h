/* A refusal explained in plain Chinese, and the field it concerns. */
#ifndef JIANCE_ERR_H
#define JIANCE_ERR_H

struct jerr {
	char field[48];   /* the form field the reason belongs to, "" if none */
	char msg[512];    /* plain Chinese, shown as is */
};

/* Sets e (if not NULL) and returns -1, so callers can `return jerr_set(...)`. */
int jerr_set(struct jerr *e, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Appends "；" and more text to an existing message (lists of reasons). */
void jerr_append(struct jerr *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void jerr_clear(struct jerr *e);

#endif
