#include "kit/options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pinyin.h"

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
