#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int jerr_set(struct jerr *e, const char *field, const char *fmt, ...)
{
	if (!e)
		return -1;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void jerr_append(struct jerr *e, const char *fmt, ...)
{
	if (!e)
		return;
	size_t n = strlen(e->msg);
	if (n && n + 3 < sizeof e->msg) {
		memcpy(e->msg + n, "；", 3);
		n += 3;
		e->msg[n] = 0;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg + n, sizeof e->msg - n, fmt, ap);
	va_end(ap);
}

void jerr_clear(struct jerr *e)
{
	if (e)
		e->field[0] = e->msg[0] = 0;
}
