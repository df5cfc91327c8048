#include "base/pinyin.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* /Names reads a leading character as a surname; Latin-ASCII drops tones. */
#define TRANS_ID "Han-Latin/Names; Latin-ASCII"

/* Surnames ICU 72 reads with their common-word reading.  Checked only at
 * the start of a name, longest prefix first: 尉迟 must not become wei chi. */
static const struct {
	const char *prefix;
	const char *reading;   /* one syllable per character of prefix */
} surnames[] = {
	{ "尉迟", "yu chi" },
	{ "单于", "chan yu" },
	{ "朴", "piao" },
	{ "覃", "qin" },
	{ "缪", "miao" },
	{ "阚", "kan" },
	{ "句", "gou" },
	{ "尉", "wei" },
	{ "莘", "shen" },
	{ "祭", "zhai" },
	{ "薄", "bo" },
	{ "洗", "xian" },
	{ "乜", "nie" },
	{ "都", "du" },
	{ "牟", "mou" },
	{ "蕃", "pi" },
};

static UTransliterator *trans;
static int trans_failed;   /* don't retry a missing ICU data file per name */

static UTransliterator *get_trans(void)
{
	if (trans || trans_failed)
		return trans;
	UChar id[64];
	UErrorCode st = U_ZERO_ERROR;
	u_strFromUTF8(id, 64, NULL, TRANS_ID, -1, &st);
	trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st)) {
		trans = NULL;
		trans_failed = 1;
	}
	return trans;
}

static void memo_free(void);

void pinyin_close(void)
{
	memo_free();
	if (trans)
		utrans_close(trans);
	trans = NULL;
	trans_failed = 0;
}

/* Runs of ASCII letters in u become lower-case words joined by one space;
 * everything else separates words and is dropped. */
static void words_from(const UChar *u, int32_t len, char *out)
{
	size_t o = 0;
	int in_word = 0;
	for (int32_t i = 0; i < len; i++) {
		UChar c = u[i];
		int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		if (letter && !in_word && o)
			out[o++] = ' ';
		if (letter)
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		in_word = letter;
	}
	out[o] = 0;
}

/* The name through ICU, as space-separated words; NULL if ICU failed. */
static char *transliterate(const char *name)
{
	UTransliterator *t = get_trans();
	if (!t)
		return NULL;
	/* the longest syllable plus its space is 7 units for one Han unit */
	int32_t cap = (int32_t)strlen(name) * 8 + 16, len = 0;
	UChar *u = malloc(sizeof *u * (size_t)cap);
	char *words = malloc((size_t)cap + 1);
	UErrorCode st = U_ZERO_ERROR;
	if (u && words) {
		u_strFromUTF8WithSub(u, cap, &len, name, -1, 0xFFFD, NULL, &st);
		int32_t limit = len;
		utrans_transUChars(t, u, &len, cap, 0, &limit, &st);
	}
	if (!u || !words || U_FAILURE(st)) {
		free(u);
		free(words);
		return NULL;
	}
	words_from(u, len, words);
	free(u);
	return words;
}

static int count_words(const char *s)
{
	int n = *s != 0;
	for (; *s; s++)
		n += *s == ' ';
	return n;
}

/* Puts the table's reading in place of the first words when the name
 * starts with a surname ICU misreads. */
static char *fix_surname(const char *name, char *words)
{
	while (*name == ' ')
		name++;
	for (size_t i = 0; i < sizeof surnames / sizeof surnames[0]; i++) {
		size_t plen = strlen(surnames[i].prefix);
		if (strncmp(name, surnames[i].prefix, plen) != 0)
			continue;
		int k = count_words(surnames[i].reading);
		if (count_words(words) < k)
			return words;
		const char *rest = words;
		for (int w = 0; w < k; w++)
			rest = strchr(rest, ' ') ? strchr(rest, ' ') + 1 : rest + strlen(rest);
		size_t rlen = strlen(surnames[i].reading);
		char *fixed = malloc(rlen + 1 + strlen(rest) + 1);
		if (!fixed)
			return words;
		strcpy(fixed, surnames[i].reading);
		if (*rest)
			strcat(strcat(fixed, " "), rest);
		free(words);
		return fixed;
	}
	return words;
}

/* Readings already made, by name: ICU takes ~45 µs a name, and registers
 * (import, demo) write the same names over and over.  Open addressing,
 * filled up to half, never evicted; freed by pinyin_close. */
#define MEMO_CAP (1u << 17)
struct memo { char *name, *words; };
static struct memo *memo;
static unsigned memo_used;

static unsigned memo_hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct memo *memo_slot(const char *name)
{
	if (!memo && !(memo = calloc(MEMO_CAP, sizeof *memo)))
		return NULL;
	unsigned i = memo_hash(name) & (MEMO_CAP - 1);
	while (memo[i].name && strcmp(memo[i].name, name) != 0)
		i = (i + 1) & (MEMO_CAP - 1);
	return &memo[i];
}

static void memo_free(void)
{
	for (unsigned i = 0; memo && i < MEMO_CAP; i++) {
		free(memo[i].name);
		free(memo[i].words);
	}
	free(memo);
	memo = NULL;
	memo_used = 0;
}

/* The reading of name as "zhang san feng", or NULL (ICU or memory failed). */
static char *reading(const char *name)
{
	struct memo *m = memo_slot(name);
	if (m && m->name)
		return strdup(m->words);
	char *words = transliterate(name);
	words = words ? fix_surname(name, words) : NULL;
	if (m && words && memo_used < MEMO_CAP / 2 && (m->words = strdup(words))) {
		if ((m->name = strdup(name)))
			memo_used++;
		else
			free(m->words), m->words = NULL;
	}
	return words;
}

/* Copies each word of words (concatenated, or only its first letter)
 * while it fits; -1 if something was left out. */
static int put_words(const char *words, int initials_only, char *out, size_t outsz)
{
	size_t o = 0;
	int rc = 0;
	if (!out)
		return 0;
	for (const char *w = words; *w;) {
		size_t n = strcspn(w, " ");
		size_t take = initials_only ? 1 : n;
		if (o + take >= outsz) {
			rc = -1;
			break;
		}
		memcpy(out + o, w, take);
		o += take;
		w += n + (w[n] == ' ');
	}
	if (outsz)
		out[o] = 0;
	return rc;
}

int pinyin_name(const char *name, char *full, size_t fullsz, char *initials, size_t inisz)
{
	char *words = reading(name ? name : "");
	int rc = words ? 0 : -1;
	if (put_words(words ? words : "", 0, full, fullsz) != 0)
		rc = -1;
	if (put_words(words ? words : "", 1, initials, inisz) != 0)
		rc = -1;
	free(words);
	return rc;
}

/* Appends s to out[*o..n) cutting at a UTF-8 character boundary. */
static void append_cut(char *out, size_t n, size_t *o, const char *s)
{
	size_t len = strlen(s);
	if (*o + len >= n) {
		len = n - 1 - *o;
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out + *o, s, len);
	*o += len;
	out[*o] = 0;
}

void pinyin_sortkey(const char *name, char *out, size_t n)
{
	if (!n)
		return;
	out[0] = 0;
	if (!name || !*name)
		return;
	char *words = reading(name);
	size_t o = 0;
	append_cut(out, n, &o, words ? words : "");
	append_cut(out, n, &o, "\x01");
	append_cut(out, n, &o, name);
	free(words);
}
