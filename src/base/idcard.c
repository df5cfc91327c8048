#include "base/idcard.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"

#define FIELD "id_no"

/* Bytes of a space (ASCII, tab or U+3000 ideographic) at s, 0 if none:
 * officers copy numbers grouped as "110105 19491231 002X". */
static size_t space_len(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (strncmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Copies the first 18 non-space characters of in to buf and returns how
 * many non-space characters there are in all, so the refusal can say. */
static int compact(const char *in, char *buf, size_t bufsz)
{
	size_t used = 0;
	int count = 0;
	for (size_t at = 0; in[at];) {
		size_t sp = space_len(in + at);
		if (sp) {
			at += sp;
			continue;
		}
		size_t next = text_next_char(in, at);
		if (count < IDCARD_LEN && used + (next - at) < bufsz) {
			memcpy(buf + used, in + at, next - at);
			used += next - at;
		}
		count++;
		at = next;
	}
	buf[used] = 0;
	return count;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The character at s (up to its boundary) made safe to quote in a message. */
static void quote_char(const char *s, char *out, size_t outsz)
{
	char one[16];
	size_t n = text_next_char(s, 0);
	if (n >= sizeof one)
		n = sizeof one - 1;
	memcpy(one, s, n);
	one[n] = 0;
	text_sanitize(one, out, outsz);
}

/* Every character of s is in place for a number: 17 digits, then a digit
 * or X.  s holds exactly 18 characters. */
static int check_chars(const char *s, struct jerr *e)
{
	size_t at = 0;
	char q[16];
	for (int i = 0; i < IDCARD_LEN; i++) {
		size_t next = text_next_char(s, at);
		int one = next - at == 1;
		int ok = one && (is_digit(s[at]) || (i == 17 && (s[at] == 'X' || s[at] == 'x')));
		if (!ok) {
			quote_char(s + at, q, sizeof q);
			if (i < 17)
				return jerr_set(e, FIELD, "身份证号码前17位应为数字，第%d位是“%s”", i + 1, q);
			return jerr_set(e, FIELD, "身份证号码最后一位应为数字或X，现为“%s”", q);
		}
		at = next;
	}
	return 0;
}

static int digits_at(const char *s, int from, int n)
{
	int v = 0;
	for (int i = from; i < from + n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* The birth date as an officer reads it, for a refusal. */
static const char *birth_shown(const char *id, char shown[16])
{
	snprintf(shown, 16, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
	return shown;
}

static int check_birth(const char *id, struct jerr *e)
{
	int y = digits_at(id, 6, 4), m = digits_at(id, 10, 2), d = digits_at(id, 12, 2);
	char b[16];
	if (!date_valid_ymd(y, m, d))
		return jerr_set(e, FIELD, "身份证号码出生日期无效（%s）", birth_shown(id, b));
	if (y < 1880)
		return jerr_set(e, FIELD, "身份证号码出生日期（%s）早于1880年，请核对",
		                birth_shown(id, b));
	if (date_from_ymd(y, m, d) > clock_today())
		return jerr_set(e, FIELD, "身份证号码出生日期（%s）晚于今天，请核对",
		                birth_shown(id, b));
	return 0;
}

/* 18 ASCII characters, digits but a last X: nothing to remove or convert
 * (nearly every number; an import checks each one three times). */
static int plain(const char *in)
{
	for (int i = 0; i < IDCARD_LEN - 1; i++)
		if (!is_digit(in[i]))
			return 0;
	char last = in[IDCARD_LEN - 1];
	return (is_digit(last) || last == 'X' || last == 'x') && !in[IDCARD_LEN];
}

int idcard_normalize(const char *in, char *out, struct jerr *e)
{
	char buf[IDCARD_LEN * 4 + 1], id[sizeof buf];
	out[0] = 0;
	if (in && plain(in)) {
		memcpy(id, in, IDCARD_LEN + 1);
	} else {
		int count = compact(in ? in : "", buf, sizeof buf);
		if (count == 0)
			return jerr_set(e, FIELD, "请填写身份证号码");
		if (count != IDCARD_LEN)
			return jerr_set(e, FIELD, "身份证号码应为18位，现为%d位", count);
		text_fullwidth_to_ascii(buf, id, sizeof id);
		if (check_chars(id, e) != 0)
			return -1;
	}
	if (id[17] == 'x')
		id[17] = 'X';
	if (check_birth(id, e) != 0)
		return -1;
	int want = idcard_check_digit(id);
	if (id[17] != want)
		return jerr_set(e, FIELD, "身份证号码校验位错误，应为%c（也请核对前17位是否录错）", want);
	memcpy(out, id, IDCARD_LEN + 1);
	return 0;
}

int idcard_check_digit(const char *first17)
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char map[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (!is_digit(first17[i]))
			return -1;
		sum += (first17[i] - '0') * weight[i];
	}
	return map[sum % 11];
}

static int well_formed(const char *id)
{
	if (strlen(id) != IDCARD_LEN)
		return 0;
	for (int i = 0; i < 17; i++)
		if (!is_digit(id[i]))
			return 0;
	return 1;
}

int idcard_sex(const char *id18)
{
	if (!well_formed(id18))
		return 0;
	return (id18[16] - '0') % 2 ? 1 : 2;
}

jday idcard_birth(const char *id18)
{
	if (!well_formed(id18))
		return JDAY_NONE;
	int y = digits_at(id18, 6, 4), m = digits_at(id18, 10, 2), d = digits_at(id18, 12, 2);
	return date_valid_ymd(y, m, d) ? date_from_ymd(y, m, d) : JDAY_NONE;
}

int idcard_age(const char *id18, jday on)
{
	jday born = idcard_birth(id18);
	if (born == JDAY_NONE || on == JDAY_NONE || on < born)
		return -1;
	int by, bm, bd, y, m, d;
	date_to_ymd(born, &by, &bm, &bd);
	date_to_ymd(on, &y, &m, &d);
	return y - by - (m < bm || (m == bm && d < bd));
}

void idcard_mask(const char *id18, char *out)
{
	size_t n = strlen(id18);
	if (n == 0)
		out[0] = 0;
	else if (n != IDCARD_LEN)
		strcpy(out, "******");
	else
		snprintf(out, IDCARD_LEN + 1, "%.6s********%s", id18, id18 + 14);
}
