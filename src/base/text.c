#include "base/text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* One character of a string as it will be shown. */
struct glyph {
	size_t len;    /* bytes in the source */
	int width;     /* columns on screen */
	int bad;       /* shown as '?' */
	wchar_t wc;    /* the character; meaningless when bad */
};

/* Bytes being written to a caller's buffer, one NUL kept in reserve. */
struct writer {
	char *out;
	size_t cap;    /* bytes usable before the NUL */
	size_t used;
};

static struct glyph glyph_at(const char *s)
{
	struct glyph g = { 1, 1, 1, 0 };
	mbstate_t st;
	memset(&st, 0, sizeof st);
	/* strnlen: never let mbrtowc look past the terminating NUL */
	size_t n = mbrtowc(&g.wc, s, strnlen(s, MB_CUR_MAX), &st);
	if (n == 0 || n == (size_t)-1 || n == (size_t)-2)
		return g;
	int w = wcwidth(g.wc);
	g.len = n;
	if (w >= 0) {
		g.width = w;
		g.bad = 0;
	}
	return g;
}

static size_t glyph_bytes(const struct glyph *g)
{
	return g->bad ? 1 : g->len;
}

static struct writer writer_init(char *out, size_t outsz)
{
	struct writer w = { out, outsz ? outsz - 1 : 0, 0 };
	if (outsz)
		out[0] = 0;
	return w;
}

static size_t writer_room(const struct writer *w)
{
	return w->cap - w->used;
}

static void put_bytes(struct writer *w, const char *p, size_t n)
{
	memcpy(w->out + w->used, p, n);
	w->used += n;
	w->out[w->used] = 0;
}

static void put_glyph(struct writer *w, const char *s, const struct glyph *g)
{
	put_bytes(w, g->bad ? "?" : s, glyph_bytes(g));
}

static void put_spaces(struct writer *w, int n)
{
	while (n-- > 0)
		put_bytes(w, " ", 1);
}

/* Copies whole glyphs while they fit in limit columns and in the buffer,
 * keeping `keep` bytes free, plus one per column still unfilled when the
 * caller will pad.  *cols gets the columns written; returns where it
 * stopped in s. */
static const char *copy_cols(struct writer *w, const char *s, int limit, int pad,
                             size_t keep, int *cols)
{
	int col = 0;
	while (*s) {
		struct glyph g = glyph_at(s);
		int after = col + g.width;
		if (after > limit)
			break;
		size_t need = glyph_bytes(&g) + keep + (pad ? (size_t)(limit - after) : 0);
		if (need > writer_room(w))
			break;
		put_glyph(w, s, &g);
		col = after;
		s += g.len;
	}
	*cols = col;
	return s;
}

int text_width(const char *s)
{
	int cols = 0;
	if (!s)
		return 0;
	while (*s) {
		struct glyph g = glyph_at(s);
		cols += g.width;
		s += g.len;
	}
	return cols;
}

size_t text_cut(const char *s, int cols, char *out, size_t outsz)
{
	struct writer w = writer_init(out, outsz);
	int used;
	if (s && outsz)
		copy_cols(&w, s, cols, 0, 0, &used);
	return w.used;
}

/* Part of a number, a date, a code or a Latin word: a cut inside one
 * would show a wrong value (自2026-11- for 自2026-11-28). */
static int word_byte(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '-' || c == ':' || c == '.' || c == '/';
}

static int is_char(const char *s, const char *ch)
{
	return strncmp(s, ch, strlen(ch)) == 0;
}

/* Where a bracket still open at `end` began ("（因病" of "如 yb（因病、因学）"),
 * or NULL. */
static const char *open_bracket(const char *s, const char *end)
{
	const char *at = NULL;
	int depth = 0;
	for (const char *p = s; p < end && *p; p += glyph_at(p).len) {
		if (is_char(p, "（") || *p == '(') {
			if (depth++ == 0)
				at = p;
		} else if ((is_char(p, "）") || *p == ')') && depth > 0) {
			depth--;
		}
	}
	return depth > 0 ? at : NULL;
}

/* Just after the last space or Chinese pause (，、；：。) before end, if it
 * lies in the last third of limit columns; else NULL. */
static const char *last_pause(const char *s, const char *end, int limit)
{
	static const char *const pauses[] = { "，", "、", "；", "：", "。", " " };
	const char *at = NULL;
	int col = 0, at_col = 0;
	for (const char *p = s; p < end && *p;) {
		struct glyph g = glyph_at(p);
		int pause = 0;
		for (size_t i = 0; i < sizeof pauses / sizeof pauses[0]; i++)
			pause |= is_char(p, pauses[i]);
		col += g.width;
		p += g.len;
		if (pause) {
			at = p;
			at_col = col;
		}
	}
	return at && at_col * 3 >= limit * 2 ? at : NULL;
}

/* A cut at `stop` moved back to a word's edge (issue 16: nothing an
 * officer reads is cut in the middle): never inside a number, date or
 * Latin word, never inside brackets, else after a pause near the end.
 * Never back to nothing: a cell that is one long word is cut as it is. */
static const char *word_edge(const char *s, const char *stop, int limit)
{
	if (!*stop || stop == s)
		return stop;
	if (word_byte(stop[0]) && word_byte(stop[-1])) {
		const char *p = stop;
		while (p > s && word_byte(p[-1]))
			p--;
		return p > s ? p : stop;
	}
	const char *open = open_bracket(s, stop);
	if (open && open > s)
		return open;
	const char *pause = last_pause(s, stop, limit);
	return pause ? pause : stop;
}

/* Whole glyphs of s before end. */
static int copy_until(struct writer *w, const char *s, const char *end)
{
	int col = 0;
	while (s < end && *s) {
		struct glyph g = glyph_at(s);
		put_glyph(w, s, &g);
		col += g.width;
		s += g.len;
	}
	return col;
}

int text_fit(const char *s, int cols, char *out, size_t outsz)
{
	if (cols < 0)
		cols = 0;
	if (!s)
		s = "";
	if (outsz < (size_t)cols + 1) {
		if (outsz)
			out[0] = 0;
		return -1;
	}
	struct writer w = writer_init(out, outsz);
	int used;
	if (!*copy_cols(&w, s, cols, 1, 0, &used)) {
		put_spaces(&w, cols - used);
		return 0;
	}
	if (cols == 0)
		return 1;
	/* start again: the '>' needs its own column */
	w = writer_init(out, outsz);
	const char *stop = copy_cols(&w, s, cols - 1, 1, 1, &used);
	const char *edge = word_edge(s, stop, cols - 1);
	if (edge != stop) {
		w = writer_init(out, outsz);
		used = copy_until(&w, s, edge);
	}
	put_spaces(&w, cols - 1 - used);
	put_bytes(&w, ">", 1);
	return 1;
}

int text_pad_left(const char *s, int cols, char *out, size_t outsz)
{
	if (!s)
		s = "";
	int width = text_width(s);
	if (cols < width || outsz < (size_t)cols + 1)
		return text_fit(s, cols, out, outsz);
	struct writer w = writer_init(out, outsz);
	put_spaces(&w, cols - width);
	int used;
	if (*copy_cols(&w, s, width, 0, 0, &used))
		return text_fit(s, cols, out, outsz);   /* bytes, not columns, ran out */
	return 0;
}

int text_sanitize(const char *in, char *out, size_t outsz)
{
	struct writer w = writer_init(out, outsz);
	int replaced = 0;
	while (in && *in) {
		struct glyph g = glyph_at(in);
		if (glyph_bytes(&g) > writer_room(&w))
			break;
		put_glyph(&w, in, &g);
		replaced += g.bad;
		in += g.len;
	}
	return replaced;
}

size_t text_next_char(const char *s, size_t pos)
{
	if (!s[pos])
		return pos;
	return pos + glyph_at(s + pos).len;
}

/* UTF-8 cannot be decoded backwards the way mbrtowc decodes it forwards
 * (invalid bytes), so walk from the start: strings edited are short. */
size_t text_prev_char(const char *s, size_t pos)
{
	size_t at = 0, prev = 0;
	while (at < pos && s[at]) {
		prev = at;
		at = text_next_char(s, at);
	}
	return prev;
}

int text_is_han(uint32_t cp)
{
	static const uint32_t ranges[][2] = {
		{ 0x3007, 0x3007 },     /* 〇, written in names and addresses */
		{ 0x3400, 0x4DBF },     /* extension A */
		{ 0x4E00, 0x9FFF },     /* unified ideographs */
		{ 0xF900, 0xFAFF },     /* compatibility ideographs */
		{ 0x20000, 0x2FA1F },   /* extensions B–F, I and compatibility supplement */
		{ 0x30000, 0x323AF },   /* extensions G, H */
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return 1;
	return 0;
}

int text_has_han(const char *s)
{
	while (s && *s) {
		struct glyph g = glyph_at(s);
		if (!g.bad && text_is_han((uint32_t)g.wc))
			return 1;
		s += g.len;
	}
	return 0;
}

int text_all_digits(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int text_all_latin(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

/* The ASCII a full-width character stands for, or 0. */
static char fullwidth_ascii(wchar_t wc)
{
	if (wc >= 0xFF10 && wc <= 0xFF19)
		return (char)('0' + (wc - 0xFF10));
	if (wc >= 0xFF21 && wc <= 0xFF3A)
		return (char)('A' + (wc - 0xFF21));
	if (wc >= 0xFF41 && wc <= 0xFF5A)
		return (char)('a' + (wc - 0xFF41));
	if (wc == 0x3000)
		return ' ';
	return 0;
}

void text_fullwidth_to_ascii(const char *in, char *out, size_t outsz)
{
	struct writer w = writer_init(out, outsz);
	while (in && *in) {
		struct glyph g = glyph_at(in);
		char a = g.bad ? 0 : fullwidth_ascii(g.wc);
		size_t n = a ? 1 : g.len;
		if (n > writer_room(&w))
			break;
		put_bytes(&w, a ? &a : in, n);
		in += g.len;
	}
}

/* ---- clean text ---- */

/* The code point of a control character starting at p (0 if none) and its
 * length in bytes. */
static unsigned control_at(const unsigned char *p, size_t *len)
{
	*len = 1;
	if (*p < 0x20 || *p == 0x7F)
		return *p ? *p : 0;
	if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
		*len = 2;
		return p[1];          /* U+0080-U+009F */
	}
	return 0;
}

unsigned text_control(const char *s, int multiline, size_t *at)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; p && p[i];) {
		size_t len;
		unsigned c = control_at(p + i, &len);
		int allowed = multiline && (c == '\t' || c == '\n' || (c == '\r' && p[i + 1] == '\n'));
		if (c && !allowed) {
			if (at)
				*at = i;
			return c;
		}
		i += len;
	}
	return 0;
}

void text_visible(const char *in, char *out, size_t outsz)
{
	if (!outsz)
		return;
	const unsigned char *p = (const unsigned char *)(in ? in : "");
	size_t o = 0;
	while (*p) {
		size_t len, n = 1;
		unsigned c = control_at(p, &len);
		if (!c)
			while (n < 4 && (p[n] & 0xC0) == 0x80)
				n++;          /* a whole character: never cut inside one */
		if (o + (c ? 1 : n) >= outsz)
			break;
		if (c)
			out[o++] = '?';
		else
			memcpy(out + o, p, n), o += n;
		p += c ? len : n;
	}
	out[o] = 0;
}

static const char *control_name(unsigned c)
{
	static const char *const c0[32] = {
		"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
		"CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
		"SUB", "ESC", "FS", "GS", "RS", "US",
	};
	return c < 32 ? c0[c] : c == 0x7F ? "DEL" : "C1";
}

int text_check_clean(const char *s, int multiline, const char *field, const char *label,
                     struct jerr *e)
{
	unsigned c = text_control(s, multiline, NULL);
	if (!c)
		return 0;
	return jerr_set(e, field, "%s含有控制字符 U+%04X（%s），不能保存：请删去后再试%s", label, c,
	                control_name(c), multiline ? "" : "（这一栏也不能换行或含制表符）");
}

/* ---- prefix search ---- */

/* The valid UTF-8 sequence ending s[0..end): its start and code point;
 * 0 when the last byte is not the end of one (it is a character alone). */
static int utf8_last(const unsigned char *s, size_t end, size_t *start, uint32_t *cp)
{
	size_t i = end - 1, k = 0;
	while (i > 0 && k < 3 && (s[i] & 0xC0) == 0x80) {
		i--;
		k++;
	}
	static const unsigned char lead_mask[] = { 0x80, 0xE0, 0xF0, 0xF8 };
	static const unsigned char lead_bits[] = { 0x00, 0xC0, 0xE0, 0xF0 };
	static const uint32_t least[] = { 0, 0x80, 0x800, 0x10000 };
	if ((s[i] & lead_mask[k]) != lead_bits[k])
		return 0;
	uint32_t c = s[i] & (0x7Fu >> k);
	for (size_t j = 1; j <= k; j++)
		c = c << 6 | (s[i + j] & 0x3Fu);
	if (c < least[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*start = i;
	*cp = c;
	return 1;
}

static size_t utf8_put(uint32_t c, unsigned char *o)
{
	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	size_t k = c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
	static const unsigned char lead_bits[] = { 0x00, 0xC0, 0xE0, 0xF0 };
	o[0] = (unsigned char)(lead_bits[k] | c >> (6 * k));
	for (size_t j = 1; j <= k; j++)
		o[j] = (unsigned char)(0x80 | (c >> (6 * (k - j)) & 0x3F));
	return k + 1;
}

int text_prefix_end(const char *prefix, char *out, size_t n)
{
	size_t len = strlen(prefix);
	unsigned char *o = (unsigned char *)out;
	/* the result may be one byte longer than prefix (U+FFFF → U+10000) */
	if (n < len + 2)
		return -1;
	memcpy(out, prefix, len + 1);
	while (len > 0) {
		size_t start = len - 1;
		uint32_t c;
		int valid = utf8_last(o, len, &start, &c);
		if (valid && c < 0x10FFFF) {
			/* the surrogates are no characters: none can follow */
			c = c + 1 == 0xD800 ? 0xE000 : c + 1;
			o[start + utf8_put(c, o + start)] = 0;
			return 1;
		}
		if (!valid && o[start] < 0xFF) {
			o[start]++;
			return 1;
		}
		len = start;
		o[len] = 0;
	}
	return 0;
}
