#include "base/complete.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"

/* --- matching ----------------------------------------------------------------- */

static int prefix_nocase(const char *whole, const char *start)
{
	if (!whole)
		return 0;
	for (; *start; start++, whole++)
		if (!*whole || tolower((unsigned char)*start) != tolower((unsigned char)*whole))
			return 0;
	return 1;
}

int option_matches(const struct form_option *o, const char *typed)
{
	char ascii[256];
	text_fullwidth_to_ascii(typed, ascii, sizeof ascii);
	if (!*ascii || strstr(o->text, typed))
		return 1;
	return text_all_latin(ascii) &&
	       (prefix_nocase(o->initials, ascii) || prefix_nocase(o->pinyin, ascii));
}

static int same_nocase(const char *a, const char *b)
{
	return a && !strcasecmp(a, b);
}

/* The option whose initials or pinyin are exactly the token, else -1. */
static int exact_reading(const struct form_option *o, int n, const char *token)
{
	char ascii[128];
	text_fullwidth_to_ascii(token, ascii, sizeof ascii);
	int found = -1;
	for (int i = 0; text_all_latin(ascii) && i < n; i++)
		if (same_nocase(o[i].initials, ascii) || same_nocase(o[i].pinyin, ascii))
			found = found == -1 ? i : -2;
	return found;
}

int option_find(const struct form_option *o, int n, const char *token)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(o[i].text, token))
			return i;
	int found = exact_reading(o, n, token);
	if (found >= 0)
		return found;
	found = -1;
	for (int i = 0; i < n; i++)
		if (option_matches(&o[i], token))
			found = found == -1 ? i : -2;
	return found;
}

/* --- several options in one text ------------------------------------------------ */

/* The next token of in at *pos (separators: 、，, ; ；and spaces). */
static int next_token(const char *in, size_t *pos, char *tok, size_t n)
{
	static const char *const seps[] = { "、", "，", "；", ",", ";", " ", "\xe3\x80\x80" };
	size_t i = *pos, len = 0;
	for (;;) {
		size_t skip = 0;
		for (size_t k = 0; k < sizeof seps / sizeof seps[0] && !skip; k++)
			if (!strncmp(in + i, seps[k], strlen(seps[k])))
				skip = strlen(seps[k]);
		if (!skip && in[i]) {
			size_t next = text_next_char(in, i);
			if (len + (next - i) < n) {
				memcpy(tok + len, in + i, next - i);
				len += next - i;
			}
			i = next;
			continue;
		}
		if (len || !in[i])
			break;
		i += skip;
	}
	tok[len] = 0;
	*pos = i;
	return len > 0;
}

const char *options_tidy(const struct form_option *o, int n, int max, const char *in,
                         char *out, size_t outsz, char *why, size_t whysz)
{
	char tok[128];
	size_t pos = 0, len = 0;
	int count = 0, seen[64] = { 0 };
	out[0] = 0;
	while (next_token(in, &pos, tok, sizeof tok)) {
		int i = option_find(o, n, tok);
		if (i < 0) {
			snprintf(why, whysz, i == -2 ? "“%s”可指多项，请多写几个字" : "“%s”不在可选项中",
			         tok);
			return why;
		}
		if (i < 64 && seen[i]++)
			continue;           /* typed twice: once is meant */
		if (max > 0 && ++count > max) {
			snprintf(why, whysz, "最多%d项", max);
			return why;
		}
		len += (size_t)snprintf(out + len, len < outsz ? outsz - len : 0, "%s%s",
		                        len ? "、" : "", o[i].text);
	}
	return NULL;
}

int options_picked(const struct form_option *o, int n, const char *in, unsigned char *picked)
{
	char tok[128];
	size_t pos = 0;
	int count = 0;
	memset(picked, 0, (size_t)(n > 0 ? n : 0));
	while (next_token(in ? in : "", &pos, tok, sizeof tok)) {
		int i = option_find(o, n, tok);
		if (i >= 0 && !picked[i]) {
			picked[i] = 1;
			count++;
		}
	}
	return count;
}
