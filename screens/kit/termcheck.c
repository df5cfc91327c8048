#include "kit/termcheck.h"

#include <errno.h>
#include <iconv.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* 中中: four columns in UTF-8, six bytes.  Every continuation byte is
 * 0xA0 or above, so a terminal reading bytes one by one takes none of
 * them for a C1 control and moves six columns. */
#define PROBE "\r\xe4\xb8\xad\xe4\xb8\xad\033[6n"
#define ERASE "\r\033[K"
#define UTF8_COLUMN 5     /* the answer's column (1-based) after 4 columns */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Feeds one byte to the parser of ESC [ row ; col R: the column once the
 * answer is complete, 0 while it is not, and starts again on anything
 * else (keys typed meanwhile). */
struct cpr {
	int state, row, col;
};

static int cpr_feed(struct cpr *c, unsigned char ch)
{
	static const struct cpr fresh = { 0, 0, 0 };
	if (ch == 033) {
		*c = fresh;
		c->state = 1;
	} else if (c->state == 1) {
		c->state = ch == '[' ? 2 : 0;
	} else if (c->state == 2 && ch >= '0' && ch <= '9') {
		c->row = c->row * 10 + (ch - '0');
	} else if (c->state == 2 && ch == ';') {
		c->state = 3;
	} else if (c->state == 3 && ch >= '0' && ch <= '9') {
		c->col = c->col * 10 + (ch - '0');
	} else if (c->state == 3 && ch == 'R') {
		c->state = 0;
		return c->col;
	} else {
		c->state = 0;
	}
	return 0;
}

/* The column of the terminal's answer, or 0 after timeout_ms. */
static int read_answer(int in, int timeout_ms)
{
	struct cpr c = { 0, 0, 0 };
	long long deadline = now_ms() + timeout_ms;
	for (;;) {
		long long left = deadline - now_ms();
		struct pollfd p = { .fd = in, .events = POLLIN };
		if (left <= 0 || poll(&p, 1, (int)left) <= 0 || !(p.revents & POLLIN))
			return 0;
		unsigned char buf[64];
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		for (ssize_t i = 0; i < n; i++) {
			int col = cpr_feed(&c, buf[i]);
			if (col > 0)
				return col;
		}
	}
}

enum term_charset term_probe(int in, int out, int timeout_ms)
{
	struct termios saved, raw;
	if (!isatty(in) || !isatty(out) || tcgetattr(in, &saved) != 0)
		return TERM_UNKNOWN;
	raw = saved;
	raw.c_lflag &= (tcflag_t)~(ICANON | ECHO);   /* the answer is not a line, nor shown */
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in, TCSANOW, &raw) != 0)
		return TERM_UNKNOWN;
	int col = 0;
	if (write_all(out, PROBE, sizeof PROBE - 1) == 0)
		col = read_answer(in, timeout_ms);
	write_all(out, ERASE, sizeof ERASE - 1);
	tcsetattr(in, TCSANOW, &saved);
	if (col == 0)
		return TERM_UNKNOWN;
	return col == UTF8_COLUMN ? TERM_UTF8 : TERM_NOT_UTF8;
}

static const char advice[] =
	"jiance：终端的字符编码不是 UTF-8，中文会显示成乱码，监测系统没有启动。\n"
	"请把终端软件的字符编码改为 UTF-8，然后重新连接：\n"
	"  Xshell：文件 → 属性 → 终端 → 编码，选“Unicode (UTF-8)”；\n"
	"  SecureCRT：选项 → 会话选项 → 终端 → 外观 → 字符编码，选“UTF-8”；\n"
	"  PuTTY：Window → Translation → Remote character set，选“UTF-8”。\n";

static const char advice_en[] =
	"jiance: this terminal does not use UTF-8, so Chinese would show as garbage.\n"
	"        Set the terminal program's character encoding to UTF-8 and reconnect.\n";

/* advice in GBK, or 0 bytes when the C library cannot convert. */
static size_t advice_gbk(char *out, size_t n)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	if (cd == (iconv_t)-1)
		return 0;
	char *in = (char *)advice, *o = out;
	size_t inleft = sizeof advice - 1, outleft = n;
	size_t rc = iconv(cd, &in, &inleft, &o, &outleft);
	iconv_close(cd);
	return rc == (size_t)-1 || inleft ? 0 : n - outleft;
}

void term_tell_not_utf8(int fd)
{
	char gbk[1024];
	size_t n = advice_gbk(gbk, sizeof gbk);
	if (n > 0)
		write_all(fd, gbk, n);
	write_all(fd, advice_en, sizeof advice_en - 1);
}
