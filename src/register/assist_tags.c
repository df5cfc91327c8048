/* Social-assistance tags of a household (issue 15, the documents of 2026:
 * social assistance monitored together with 防止返贫): 低保, 特困, 低保边缘,
 * 支出型困难, kept '、'-joined in the order of this list. */
#include <stdio.h>
#include <string.h>

#include "register/household.h"

static const char *const TAGS[] = { "低保", "特困", "低保边缘", "支出型困难" };
#define NTAGS (int)(sizeof TAGS / sizeof TAGS[0])

static int tag_index(const char *t, size_t len)
{
	for (int i = 0; i < NTAGS; i++)
		if (strlen(TAGS[i]) == len && !strncmp(TAGS[i], t, len))
			return i;
	return -1;
}

const char *assist_tag_name(int i)
{
	return i >= 0 && i < NTAGS ? TAGS[i] : NULL;
}

static void tags_text(const int *on, char *out, size_t n)
{
	out[0] = 0;
	for (int i = 0; i < NTAGS; i++)
		if (on[i]) {
			size_t len = strlen(out);
			snprintf(out + len, n - len, "%s%s", len ? "、" : "", TAGS[i]);
		}
}

/* Marks the tags of text in on; -1 with e naming one not on the list. */
static int read_tags(const char *text, int *on, struct jerr *e)
{
	static const char *const seps[] = { "、", "，", ",", " ", "；", ";" };
	for (const char *p = text ? text : ""; *p;) {
		size_t len = strlen(p), skip = 0;
		for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
			const char *q = strstr(p, seps[i]);
			if (q && (size_t)(q - p) < len)
				len = (size_t)(q - p), skip = strlen(seps[i]);
		}
		int k = len ? tag_index(p, len) : -2;
		if (k == -1)
			return jerr_set(e, "assist_tags", "社会救助类别“%.*s”应为低保、特困、低保边缘或支出型困难",
			                (int)(len > 60 ? 60 : len), p);
		if (k >= 0)
			on[k] = 1;
		p += len + skip;
	}
	return 0;
}

int assist_tags_normalise(const char *text, char *out, size_t n, struct jerr *e)
{
	int on[NTAGS] = { 0 };
	if (read_tags(text, on, e) != 0)
		return -1;
	tags_text(on, out, n);
	return 0;
}

int assist_tags_add(const char *tags, const char *more, char *out, size_t n, struct jerr *e)
{
	int on[NTAGS] = { 0 };
	if (read_tags(tags, on, e) != 0 || read_tags(more, on, e) != 0)
		return -1;
	tags_text(on, out, n);
	return 0;
}
