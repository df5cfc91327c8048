#include "kit/options.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/pinyin.h"
#include "base/text.h"

/* --- lists built at run time ------------------------------------------------- */

static char *dup_text(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

static int optlist_grow(struct optlist *o)
{
	int cap = o->cap ? o->cap * 2 : 16;
	struct form_option *opts = realloc(o->opts, (size_t)cap * sizeof *opts);
	if (!opts)
		return -1;
	o->opts = opts;
	char **texts = realloc(o->texts, (size_t)cap * 3 * sizeof *texts);
	if (!texts)
		return -1;
	o->texts = texts;
	o->cap = cap;
	return 0;
}

void optlist_add(struct optlist *o, const char *text)
{
	if (o->n == o->cap && optlist_grow(o) != 0)
		return;
	char full[256], ini[64];
	if (pinyin_name(text, full, sizeof full, ini, sizeof ini) != 0)
		full[0] = ini[0] = 0;
	char **t = &o->texts[o->n * 3];
	t[0] = dup_text(text);
	t[1] = dup_text(ini);
	t[2] = dup_text(full);
	if (!t[0] || !t[1] || !t[2]) {
		free(t[0]);
		free(t[1]);
		free(t[2]);
		return;
	}
	o->opts[o->n++] = (struct form_option){ t[0], t[1], t[2] };
}

void optlist_free(struct optlist *o)
{
	for (int i = 0; i < o->n * 3; i++)
		free(o->texts[i]);
	free(o->texts);
	free(o->opts);
	memset(o, 0, sizeof *o);
}

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
			snprintf(why, whysz, i == -2 ? "“%s”可指多项，请多写几个字" : "“%s”不在可选项中（F4 列出）",
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
