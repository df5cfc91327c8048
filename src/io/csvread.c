/* CSV files from departments: encoding detection and decoding to UTF-8
 * (line by line, so a bad byte is tied to its line), then libcsv over the
 * decoded text, fed one physical line at a time so that every record knows
 * the line it starts on even when a quoted cell holds newlines. */
#include "io/csvread.h"
#include "io/sheetrows.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/infile.h"

/* A line that cannot be used as it is: bytes of no known encoding, a file
 * cut inside a character, or Western (Windows-1252) text that GBK would
 * turn into other Chinese characters: word holds both readings then. */
struct bad { long line; int cut; char word[96]; };

struct reader {
	const struct csvread_opts *o;
	struct csvread_info *info;
	struct jerr *e;
	/* the file decoded to UTF-8; lines keep their place */
	char *text;
	size_t len;
	struct bad *bad;
	size_t nbad, capbad, bad_i;
	/* parsing */
	long cur;                /* line being fed to libcsv */
	long start;              /* line where the record being read began */
	int between;             /* no record in progress */
	int last_cb;             /* 0 none, 1 field, 2 record end: in the current line */
	char *buf;               /* cells of the record, each NUL-terminated */
	size_t blen, bcap;
	size_t *offs;
	char **cellv;            /* pointers into buf, for the callbacks */
	int ncells, capcells;
	int stop, oom;
	struct sheetrows rows;   /* the header search */
	const char *pending;     /* a problem found by the parser itself */
	char delim;              /* ',' or '\t' */
	/* lines in the minority encoding of a file mixing two */
	long mixed[3];
	int nmixed;
};

/* ---- encoding ---- */

/* Length of the valid UTF-8 sequence at p (1-4), 0 if invalid, -1 if the
 * bytes run out before it ends.  Overlong forms, surrogates and code points
 * above U+10FFFF are invalid. */
static int utf8_seq(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	int len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
		: c >= 0xF0 && c <= 0xF4 ? 4 : 0;
	if (len <= 1)
		return c ? len : 0;
	unsigned lo = 0x80, hi = 0xBF;   /* the second byte's range */
	if (c == 0xE0) lo = 0xA0;
	if (c == 0xED) hi = 0x9F;
	if (c == 0xF0) lo = 0x90;
	if (c == 0xF4) hi = 0x8F;
	for (int i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		unsigned b = p[i];
		if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF))
			return 0;
	}
	return len;
}

/* UTF-8 when it decodes, or when its bad bytes are outnumbered four to one
 * by characters that decode (a UTF-8 file with a damaged byte must not be
 * read as GBK and turned into nonsense everywhere).  GBK text gives the
 * opposite: about one character in seven happens to look like UTF-8. */
static int looks_utf8(const unsigned char *p, size_t n)
{
	size_t good = 0, bad = 0;
	for (size_t i = 0; i < n;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		int len = utf8_seq(p + i, n - i);
		if (len > 0) {
			good++;
			i += (size_t)len;
		} else {
			bad++;
			i++;
		}
	}
	return bad == 0 || good > 4 * bad;
}

static void mark_bad(struct reader *r, long line, int cut)
{
	if (r->nbad && r->bad[r->nbad - 1].line == line) {
		r->bad[r->nbad - 1].cut |= cut;
		return;
	}
	if (r->nbad == r->capbad) {
		r->capbad = r->capbad ? 2 * r->capbad : 16;
		r->bad = realloc(r->bad, r->capbad * sizeof *r->bad);
	}
	r->bad[r->nbad++] = (struct bad){ line, cut, "" };
	r->info->bad_lines++;
}

static void put(struct reader *r, const void *p, size_t n)
{
	memcpy(r->text + r->len, p, n);
	r->len += n;
}

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD marks the place for whoever fixes the file */

static void decode_utf8(struct reader *r, const unsigned char *p, size_t n, long line)
{
	for (size_t i = 0; i < n;) {
		int len = utf8_seq(p + i, n - i);
		if (len > 0) {
			put(r, p + i, (size_t)len);
			i += (size_t)len;
			continue;
		}
		put(r, REPLACEMENT, 3);
		mark_bad(r, line, len < 0);   /* -1: the file ends inside a character */
		i += len < 0 ? n - i : 1;
	}
}

static void decode_gb(struct reader *r, iconv_t cd, const unsigned char *p, size_t n,
                      long line, int last)
{
	char *in = (char *)p;
	size_t inleft = n;
	while (inleft > 0) {
		char *out = r->text + r->len;
		size_t outleft = 4 * inleft + 8, before = outleft;
		size_t rc = iconv(cd, &in, &inleft, &out, &outleft);
		r->len += before - outleft;
		if (rc != (size_t)-1)
			break;
		int cut = errno == EINVAL && last;  /* EINVAL: input ends inside a character */
		put(r, REPLACEMENT, 3);
		mark_bad(r, line, cut);
		size_t skip = errno == EINVAL ? inleft : 1;
		in += skip;
		inleft -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
}

/* ---- lines in another encoding than the file's ---- */

/* A few bytes in encoding as UTF-8, for a message ("" if they do not convert). */
static void convert(const char *encoding, const unsigned char *p, size_t n, char *out, size_t size)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	out[0] = 0;
	if (cd == (iconv_t)-1)
		return;
	char *in = (char *)p, *o = out;
	size_t inleft = n, outleft = size - 1;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1)
		o = out;
	*o = 0;
	iconv_close(cd);
}

/* 1 if the line is GBK Chinese: every byte above 0x7F in a valid pair, at
 * least two pairs, most of them of GB2312 (the common characters). */
static int line_gbk(const unsigned char *p, size_t n)
{
	int pairs = 0, common = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x80)
			continue;
		if (p[i] == 0x80 || p[i] == 0xFF || i + 1 >= n || p[i + 1] < 0x40 || p[i + 1] == 0x7F ||
		    p[i + 1] == 0xFF)
			return 0;
		pairs++;
		common += p[i] >= 0xA1 && p[i + 1] >= 0xA1;
		i++;
	}
	return pairs >= 2 && 2 * common > pairs;
}

/* 1 if the line is UTF-8 Chinese: valid, at least two characters beyond
 * ASCII, all of them Han or Chinese punctuation (GBK bytes read as UTF-8
 * give scattered code points, rarely only these). */
static int line_utf8_chinese(const unsigned char *p, size_t n)
{
	int chars = 0;
	for (size_t i = 0; i < n;) {
		int len = utf8_seq(p + i, n - i);
		if (len <= 0)
			return 0;
		if (len > 1) {
			unsigned cp = len == 2 ? (p[i] & 0x1Fu) << 6 | (p[i + 1] & 0x3Fu)
				: len == 3 ? (p[i] & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu)
				: 0x20000;
			int chinese = (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x303F) ||
			              (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x2010 && cp <= 0x2027) ||
			              cp == 0xB7 || cp >= 0x20000;
			if (!chinese)
				return 0;
			chars++;
		}
		i += (size_t)len;
	}
	return chars >= 2;
}

static void note_mixed(struct reader *r, long line)
{
	if (r->nmixed < (int)(sizeof r->mixed / sizeof r->mixed[0]))
		r->mixed[r->nmixed] = line;
	r->nmixed++;
}

static int refuse_mixed(struct reader *r, int utf8)
{
	char lines[64] = "";
	int shown = r->nmixed < 3 ? r->nmixed : 3;
	for (int i = 0; i < shown; i++) {
		size_t len = strlen(lines);
		snprintf(lines + len, sizeof lines - len, "%s%ld", i ? "、" : "", r->mixed[i]);
	}
	return jerr_set(r->e, "", "文件混用了两种编码：第%s行%s是 %s，其余各行是 %s，合在一起读会出现乱码。"
	                "请在 Excel 或 WPS 中打开，把整个文件另存为“CSV UTF-8”后再导入", lines,
	                r->nmixed > shown ? "等" : "", utf8 ? "GBK" : "UTF-8", utf8 ? "UTF-8" : "GBK");
}

static int latin_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* "Müller" from a Western Windows file: ü (0xFC) and the l after it form
 * one GBK character (黮).  A letter, a byte above 0x7F, a letter: a Chinese
 * character of the GBK extension right between two Latin letters is not
 * what a Chinese list holds.  The word is kept in both readings for the
 * message; the row is refused, never stored misread. */
static void check_latin(struct reader *r, const unsigned char *p, size_t n, long line)
{
	for (size_t i = 1; i + 1 < n; i++) {
		if (p[i] < 0x81 || !latin_letter(p[i - 1]) || !latin_letter(p[i + 1]))
			continue;
		size_t a = i, b = i;
		while (a > 0 && (p[a - 1] >= 0x80 || latin_letter(p[a - 1])))
			a--;
		while (b < n && (p[b] >= 0x80 || latin_letter(p[b])) && b - a < 24)
			b++;
		char west[40], gbk[40];
		convert("WINDOWS-1252", p + a, b - a, west, sizeof west);
		convert("GB18030", p + a, b - a, gbk, sizeof gbk);
		mark_bad(r, line, 0);
		snprintf(r->bad[r->nbad - 1].word, sizeof r->bad[0].word, "%s\x1f%s", west, gbk);
		return;
	}
}

/* A file that is not all UTF-8 may still be mostly UTF-8 lines with a few
 * GBK ones pasted in: the encoding of the file is the one most of its
 * lines with Chinese have. */
static int mostly_utf8_lines(const unsigned char *raw, size_t n, char sep)
{
	long utf8 = 0, other = 0;
	for (size_t i = 0; i < n;) {
		const unsigned char *nl = memchr(raw + i, sep, n - i);
		size_t len = nl ? (size_t)(nl - (raw + i)) + 1 : n - i;
		if (line_utf8_chinese(raw + i, len))
			utf8++;
		else if (line_gbk(raw + i, len))
			other++;
		i += len;
	}
	return utf8 > other;
}

/* Splits the raw bytes into lines and decodes each.  CR-only files (old
 * Mac exports) split at CR. */
static int decode(struct reader *r, const unsigned char *raw, size_t n)
{
	char sep = memchr(raw, '\n', n) || !memchr(raw, '\r', n) ? '\n' : '\r';
	int utf8 = looks_utf8(raw, n) || mostly_utf8_lines(raw, n, sep);
	iconv_t cd = (iconv_t)-1;
	if (!utf8 && (cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return jerr_set(r->e, "", "系统缺少 GB18030 编码转换，无法读取 GBK 文件");
	if (!*r->info->encoding)
		snprintf(r->info->encoding, sizeof r->info->encoding, "%s", utf8 ? "UTF-8" : "GB18030");
	r->text = malloc(3 * n + 16);
	if (!r->text)
		return jerr_set(r->e, "", "文件太大，内存不足");
	long line = 0;
	for (size_t i = 0; i < n;) {
		const unsigned char *nl = memchr(raw + i, sep, n - i);
		size_t len = nl ? (size_t)(nl - (raw + i)) + 1 : n - i;
		line++;
		/* a NUL is never text in these files: damage */
		if (memchr(raw + i, 0, len))
			mark_bad(r, line, 0);
		if (utf8) {
			if (!looks_utf8(raw + i, len) && line_gbk(raw + i, len))
				note_mixed(r, line);
			decode_utf8(r, raw + i, len, line);
		} else {
			if (line_utf8_chinese(raw + i, len))
				note_mixed(r, line);
			else
				check_latin(r, raw + i, len, line);
			decode_gb(r, cd, raw + i, len, line, !nl);
		}
		i += len;
	}
	/* iconv copies a NUL byte (already marked bad): keep the text a C string */
	for (size_t i = 0; i < r->len; i++)
		if (!r->text[i])
			r->text[i] = '?';
	r->info->lines = line;
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	return r->nmixed ? refuse_mixed(r, utf8) : 0;
}

/* ---- cells ---- */

static size_t lead_space(const unsigned char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		return 1;
	if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)   /* U+3000 全角空格 */
		return 3;
	if (p[0] == 0xC2 && p[1] == 0xA0)                   /* U+00A0 */
		return 2;
	if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)   /* U+FEFF */
		return 3;
	return 0;
}

static size_t trail_space(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		return 1;
	if (n >= 3 && s[n - 3] == 0xE3 && s[n - 2] == 0x80 && s[n - 1] == 0x80)
		return 3;
	if (n >= 2 && s[n - 2] == 0xC2 && s[n - 1] == 0xA0)
		return 2;
	if (n >= 3 && s[n - 3] == 0xEF && s[n - 2] == 0xBB && s[n - 1] == 0xBF)
		return 3;
	return 0;
}

char *csvread_trim(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t skip = 0, k;
	while ((k = lead_space(p + skip)) > 0)
		skip += k;
	size_t n = strlen(s + skip);
	memmove(s, s + skip, n + 1);
	while ((k = trail_space(p, n)) > 0)
		n -= k;
	s[n] = 0;
	return s;
}

static void on_field(void *s, size_t len, void *arg)
{
	struct reader *r = arg;
	r->last_cb = 1;
	if (r->stop)
		return;
	if (r->blen + len + 1 > r->bcap) {
		size_t cap = (r->blen + len + 1) * 2;
		char *buf = realloc(r->buf, cap);
		if (!buf) {
			r->stop = r->oom = 1;
			return;
		}
		r->buf = buf;
		r->bcap = cap;
	}
	if (r->ncells == r->capcells) {
		int cap = r->capcells ? 2 * r->capcells : 32;
		size_t *offs = realloc(r->offs, (size_t)cap * sizeof *offs);
		char **cellv = offs ? realloc(r->cellv, (size_t)cap * sizeof *cellv) : NULL;
		if (offs)
			r->offs = offs;
		if (cellv)
			r->cellv = cellv;
		if (!offs || !cellv) {
			r->stop = r->oom = 1;   /* csvread_file reports it */
			return;
		}
		r->capcells = cap;
	}
	r->offs[r->ncells++] = r->blen;
	/* a line break inside a quoted cell is kept as LF, whatever the file used */
	const char *in = s;
	char *out = r->buf + r->blen;
	for (size_t i = 0; i < len; i++)
		if (!(in[i] == '\r' && i + 1 < len && in[i + 1] == '\n'))
			*out++ = in[i];
	*out = 0;
	r->blen = (size_t)(out - r->buf) + 1;
}

/* ---- records ---- */

static const char *problem_of(struct reader *r, long first, long last)
{
	static char msg[400];
	while (r->bad_i < r->nbad && r->bad[r->bad_i].line < first)
		r->bad_i++;
	if (r->bad_i >= r->nbad || r->bad[r->bad_i].line > last)
		return NULL;
	const struct bad *b = &r->bad[r->bad_i];
	const char *gbk = b->word[0] ? strchr(b->word, '\x1f') : NULL;
	if (gbk)
		snprintf(msg, sizeof msg, "第%ld行的“%.*s”是西文（Windows-1252）编码，按中文 GBK 读会成为“%s”："
		         "请把文件另存为“CSV UTF-8”后再导入", b->line, (int)(gbk - b->word), b->word, gbk + 1);
	else if (b->cut)
		snprintf(msg, sizeof msg, "文件在第%ld行中途截断，最后一个字不完整（文件可能没有复制完整，请重新导出）", b->line);
	else
		snprintf(msg, sizeof msg, "第%ld行含有无法识别的字符（既不是 UTF-8 也不是 GBK 编码），已用“\xEF\xBF\xBD”标出", b->line);
	return msg;
}

/* What csvwrite (and spreadsheet-safe exporters) did to keep a cell text:
 * ="500243…" is the text inside, '=1+2 is =1+2.  A file we wrote, fixed
 * and imported again gives back what was in it. */
static char *unguard(char *s)
{
	size_t n = strlen(s);
	if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"' && !memchr(s + 2, '"', n - 3)) {
		s[n - 1] = 0;
		return s + 2;
	}
	if (s[0] == '\'' && s[1] && strchr("=+-@", s[1]))
		return s + 1;
	return s;
}

static void on_record(int c, void *arg)
{
	(void)c;
	struct reader *r = arg;
	r->last_cb = 2;
	char **cells = r->cellv;
	int blank = 1;
	for (int i = 0; i < r->ncells; i++) {
		cells[i] = unguard(csvread_trim(r->buf + r->offs[i]));
		blank &= !*cells[i];
	}
	const char *problem = r->pending ? r->pending : problem_of(r, r->start, r->cur);
	int n = r->ncells;
	r->ncells = 0;
	r->blen = 0;
	if (r->stop || (blank && !problem))
		return;
	r->stop = sheetrows_put(&r->rows, r->start, n, cells, problem, NULL) != 0;
}

static int line_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return 0;
	return 1;
}

/* Tab-separated text (Excel's "文本文件（制表符分隔）", a list copied out of
 * a web page) is read too: the separator the first lines use more, outside
 * quotes. */
static char choose_delim(const char *text, size_t len)
{
	long commas = 0, tabs = 0, lines = 0;
	int quoted = 0;
	for (size_t i = 0; i < len && lines < 50; i++) {
		char c = text[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && c == ',')
			commas++;
		else if (!quoted && c == '\t')
			tabs++;
		else if (!quoted && c == '\n')
			lines++;
	}
	return tabs > commas ? '\t' : ',';
}

static int parse(struct reader *r)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		return jerr_set(r->e, "", "内存不足");
	r->delim = choose_delim(r->text, r->len);
	r->info->tab_separated = r->delim == '\t';
	csv_set_delim(&p, (unsigned char)r->delim);
	char sep = memchr(r->text, '\n', r->len) || !memchr(r->text, '\r', r->len) ? '\n' : '\r';
	r->between = 1;
	for (size_t i = 0; i < r->len && !r->stop;) {
		const char *nl = memchr(r->text + i, sep, r->len - i);
		size_t len = nl ? (size_t)(nl - (r->text + i)) + 1 : r->len - i;
		r->cur++;
		if (r->between)
			r->start = r->cur;
		r->last_cb = 0;
		if (csv_parse(&p, r->text + i, len, on_field, on_record, r) != len) {
			csv_free(&p);
			return jerr_set(r->e, "", "第%ld行无法解析: %s", r->cur, csv_strerror(csv_error(&p)));
		}
		/* a record ended on this line's terminator, or a blank line between records */
		r->between = r->last_cb == 2 || (r->between && !r->last_cb && line_blank(r->text + i, len));
		i += len;
	}
	/* Still inside a quoted cell at the end: the closing quote is missing and
	 * the rest of the file went into one cell.  libcsv's strict mode would
	 * say so but also refuses stray quotes (张"三) that officers' files hold,
	 * so ask its state: quoted and FIELD_BEGUN (2 in libcsv.c). */
	static char msg[160];
	if (p.quoted && p.pstate == 2) {
		snprintf(msg, sizeof msg, "从第%ld行开始的引号没有结束（缺少右引号），此后的内容都读进了这一行", r->start);
		r->pending = msg;
	}
	if (!r->stop)
		csv_fini(&p, on_field, on_record, r);
	csv_free(&p);
	return 0;
}

/* ---- the file ---- */

static unsigned char *read_file(const char *path, size_t *n, struct jerr *e)
{
	FILE *f = infile_open(path, e);   /* a regular file, read as the officer */
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0, got;
	unsigned char *buf = malloc(cap + 1);
	while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			unsigned char *bigger = realloc(buf, 2 * cap + 1);
			if (!bigger)
				free(buf);
			buf = bigger;
			cap *= 2;
		}
	}
	int err = ferror(f);
	fclose(f);
	if (!buf || err) {
		free(buf);
		return jerr_set(e, "", "无法读取文件 %s", path), NULL;
	}
	*n = len;
	return buf;
}

static int check_utf16(const unsigned char *p, size_t n, struct jerr *e)
{
	if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return jerr_set(e, "", "文件是 UTF-16 编码（Excel 的“Unicode 文本”），"
		                "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”后再导入");
	return 0;
}

int csvread_file(const char *path, const struct csvread_opts *o, struct csvread_info *info,
                 struct jerr *e)
{
	memset(info, 0, sizeof *info);
	size_t n;
	unsigned char *raw = read_file(path, &n, e);
	if (!raw)
		return -1;
	struct reader r = { .o = o, .info = info, .e = e };
	sheetrows_init(&r.rows, o, info);
	size_t skip = n >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0;
	if (skip)
		snprintf(info->encoding, sizeof info->encoding, "UTF-8（带 BOM）");
	int rc = check_utf16(raw, n, e);
	if (rc == 0)
		rc = decode(&r, raw + skip, n - skip);
	free(raw);
	if (rc == 0)
		rc = parse(&r);
	if (rc == 0 && r.oom)
		rc = jerr_set(e, "", "内存不足，文件读到第%ld行时停止", r.cur);
	else if (rc == 0 && r.stop)
		rc = -1;   /* a callback set e */
	if (rc == 0)
		rc = sheetrows_end(&r.rows, e);
	free(r.text);
	free(r.bad);
	free(r.buf);
	free(r.offs);
	free(r.cellv);
	return rc;
}
