#include "io/csvwrite.h"

#include <csv.h>
#include <string.h>

/* -12, 3.50: what our own numeric columns hold */
static int plain_number(const char *v)
{
	const char *p = v + (*v == '-');
	size_t whole = strspn(p, "0123456789");
	if (!whole)
		return 0;
	p += whole;
	if (*p == '.' && p[1])
		p += 1 + strspn(p + 1, "0123456789");
	return *p == 0;
}

int csvwrite_is_formula(const char *v)
{
	return v[0] && strchr("=+-@\t\r", v[0]) != NULL && !plain_number(v) && strcmp(v, "-") != 0;
}

int csvwrite_is_long_number(const char *v)
{
	size_t n = strlen(v), digits = strspn(v, "0123456789");
	if (n > 1 && digits == n - 1 && (v[n - 1] == 'X' || v[n - 1] == 'x'))
		return 0;             /* an ID ending in X is text already */
	return digits == n && (n >= 12 || (n > 1 && v[0] == '0'));
}

static void put(FILE *out, const char *v, size_t n, int quote_always)
{
	if (!quote_always && strcspn(v, ",\"\r\n") == n && (n == 0 || (v[0] != ' ' && v[n - 1] != ' ')))
		fwrite(v, 1, n, out);
	else
		csv_fwrite(out, v, n);
}

void csvwrite_cell(FILE *out, int first, const char *v, int quote_always)
{
	if (!first)
		fputc(',', out);
	if (csvwrite_is_long_number(v)) {
		fprintf(out, "\"=\"\"%s\"\"\"", v);
	} else if (csvwrite_is_formula(v)) {
		fputs("\"'", out);          /* always quoted: the cell may hold CR */
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	} else {
		put(out, v, strlen(v), quote_always);
	}
}

int csvwrite_end(FILE *out)
{
	fputs("\r\n", out);
	return ferror(out) ? -1 : 0;
}
