/* A pseudo-terminal + libvterm (see pty.h). */
#include "pty.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PTY_FINISH_MS 5000
#define PTY_ROWBUF 4096
#define PTY_RAW 65536      /* the output's last bytes, as written */

struct pty {
	int fd;            /* master; -1 after a hangup */
	pid_t pid;
	int exited, status;
	VTerm *vt;
	VTermScreen *screen;
	char raw[PTY_RAW];
	size_t nraw;
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Keys encoded by vterm go to the program, as a terminal's keyboard does. */
static void to_program(const char *s, size_t len, void *user)
{
	struct pty *p = user;
	while (len > 0 && p->fd >= 0) {
		ssize_t n = write(p->fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* The child's side: a new session whose controlling terminal is the pty,
 * so closing the master sends it SIGHUP as a dropped connection does. */
static void child(const char *slave, char *const argv[], char *const env[])
{
	setsid();
	int fd = open(slave, O_RDWR);
	if (fd < 0 || ioctl(fd, TIOCSCTTY, 0) < 0)
		_exit(126);
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	setenv("TERM", "xterm-256color", 1);
	setenv("LANG", "C.UTF-8", 1);
	/* these would override LANG and the terminal size */
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	unsetenv("LINES");
	unsetenv("COLUMNS");
	for (int i = 0; env && env[i]; i++)
		putenv(env[i]);
	execvp(argv[0], argv);
	fprintf(stderr, "pty_start: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

struct pty *pty_start(int rows, int cols, char *const argv[], char *const env[])
{
	struct pty *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	/* posix_openpt rather than forkpty: <pty.h> would clash with this file's header */
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	char slave[128];
	p->fd = posix_openpt(O_RDWR | O_NOCTTY);
	if (p->fd < 0 || grantpt(p->fd) < 0 || unlockpt(p->fd) < 0 ||
	    ptsname_r(p->fd, slave, sizeof slave) != 0 || ioctl(p->fd, TIOCSWINSZ, &ws) < 0 ||
	    (p->pid = fork()) < 0) {
		if (p->fd >= 0)
			close(p->fd);
		free(p);
		return NULL;
	}
	if (p->pid == 0) {
		close(p->fd);
		child(slave, argv, env);
	}
	p->vt = vterm_new(rows, cols);
	vterm_set_utf8(p->vt, 1);
	vterm_output_set_callback(p->vt, to_program, p);
	p->screen = vterm_obtain_screen(p->vt);
	vterm_screen_enable_altscreen(p->screen, 1);
	vterm_screen_reset(p->screen, 1);
	return p;
}

/* Keeps the last PTY_RAW bytes of output for pty_wait_bytes. */
static void keep_raw(struct pty *p, const char *buf, size_t n)
{
	if (n >= PTY_RAW) {
		buf += n - PTY_RAW / 2;
		n = PTY_RAW / 2;
	}
	if (p->nraw + n > PTY_RAW) {
		size_t drop = p->nraw + n - PTY_RAW / 2;
		drop = drop > p->nraw ? p->nraw : drop;
		memmove(p->raw, p->raw + drop, p->nraw - drop);
		p->nraw -= drop;
	}
	memcpy(p->raw + p->nraw, buf, n);
	p->nraw += n;
}

/* Feeds what the program wrote within timeout_ms to vterm: bytes read, 0 on
 * timeout, -1 once the program's side is closed. */
static int pump(struct pty *p, int timeout_ms)
{
	if (p->fd < 0)
		return -1;
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	int r = poll(&pfd, 1, timeout_ms < 0 ? 0 : timeout_ms);
	if (r <= 0)
		return 0;
	char buf[8192];
	ssize_t n = read(p->fd, buf, sizeof buf);
	if (n < 0 && errno == EINTR)
		return 0;
	if (n <= 0)
		return -1;     /* EIO: every slave descriptor is closed */
	keep_raw(p, buf, (size_t)n);
	vterm_input_write(p->vt, buf, (size_t)n);
	return (int)n;
}

static size_t put_utf8(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Row text, with colat[i] = the display column of byte i. */
static size_t row_text(struct pty *p, int row, char *out, size_t n, int *colat)
{
	int rows, cols;
	size_t len = 0;
	vterm_get_size(p->vt, &rows, &cols);
	for (int col = 0; row >= 0 && row < rows && col < cols; col++) {
		VTermScreenCell cell;
		char ch[VTERM_MAX_CHARS_PER_CELL * 4 + 1];
		size_t chlen = 0;
		vterm_screen_get_cell(p->screen, (VTermPos){ .row = row, .col = col }, &cell);
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
			chlen += put_utf8(ch + chlen, cell.chars[i]);
		if (chlen == 0)
			ch[chlen++] = ' ';
		if (len + chlen + 1 > n)
			break;
		for (size_t i = 0; i < chlen; i++) {
			if (colat)
				colat[len + i] = col;
			out[len + i] = ch[i];
		}
		len += chlen;
		if (cell.width == 2)
			col++;     /* the next cell is the right half of this one */
	}
	if (n)
		out[len] = 0;
	return len;
}

void pty_row(struct pty *p, int row, char *out, size_t n)
{
	row_text(p, row, out, n, NULL);
}

int pty_col_of(struct pty *p, int row, const char *text)
{
	char buf[PTY_ROWBUF];
	static int colat[PTY_ROWBUF];
	row_text(p, row, buf, sizeof buf, colat);
	const char *at = strstr(buf, text);
	return at ? colat[at - buf] : -1;
}

int pty_row_of(struct pty *p, const char *text)
{
	int rows, cols;
	vterm_get_size(p->vt, &rows, &cols);
	for (int r = 0; r < rows; r++)
		if (pty_col_of(p, r, text) >= 0)
			return r;
	return -1;
}

void pty_cursor(struct pty *p, int *row, int *col)
{
	VTermPos pos;
	vterm_state_get_cursorpos(vterm_obtain_state(p->vt), &pos);
	*row = pos.row;
	*col = pos.col;
}

void pty_size(struct pty *p, int *rows, int *cols)
{
	vterm_get_size(p->vt, rows, cols);
}

void pty_set_utf8(struct pty *p, int on)
{
	vterm_set_utf8(p->vt, on);
	vterm_screen_reset(p->screen, 1);     /* the state takes the encoding at a reset */
}

enum wait_kind { WAIT_SHOWN, WAIT_GONE, WAIT_ROW, WAIT_CURSOR, WAIT_BYTES };

/* What a wait waits for. */
struct want {
	enum wait_kind kind;
	int row, col;
	const char *text;
	size_t len;        /* WAIT_BYTES */
};

static int wait_done(struct pty *p, const struct want *w)
{
	int r, c;
	switch (w->kind) {
	case WAIT_SHOWN: return pty_row_of(p, w->text) >= 0;
	case WAIT_GONE: return pty_row_of(p, w->text) < 0;
	case WAIT_ROW: return pty_col_of(p, w->row, w->text) >= 0;
	case WAIT_BYTES: return memmem(p->raw, p->nraw, w->text, w->len) != NULL;
	default:
		pty_cursor(p, &r, &c);
		return r == w->row && c == w->col;
	}
}

static int wait_for(struct pty *p, const struct want *w, int ms)
{
	long long deadline = now_ms() + ms;
	for (;;) {
		if (wait_done(p, w))
			return 1;
		long long left = deadline - now_ms();
		if (left <= 0)
			return 0;
		if (pump(p, (int)left) < 0)
			return wait_done(p, w);
	}
}

int pty_wait_text(struct pty *p, const char *text, int timeout_ms)
{
	struct want w = { WAIT_SHOWN, 0, 0, text, 0 };
	return wait_for(p, &w, timeout_ms);
}

int pty_wait_gone(struct pty *p, const char *text, int timeout_ms)
{
	struct want w = { WAIT_GONE, 0, 0, text, 0 };
	return wait_for(p, &w, timeout_ms);
}

int pty_wait_row(struct pty *p, int row, const char *text, int timeout_ms)
{
	struct want w = { WAIT_ROW, row, 0, text, 0 };
	return wait_for(p, &w, timeout_ms);
}

int pty_wait_cursor(struct pty *p, int row, int col, int timeout_ms)
{
	struct want w = { WAIT_CURSOR, row, col, NULL, 0 };
	return wait_for(p, &w, timeout_ms);
}

/* What the receiver says goes to the program until it has answered the
 * sender's ZFIN: a terminal's receiver ends the session there.  lrzsz's rz
 * instead answers again when the closing "OO" comes late or split on a
 * pty, and those late ZFINs would reach the program as typed keys after
 * sz has gone -- an artefact of the stand-in, not of Xshell or SecureCRT. */
static int relay_in(int from, int to, int *closed)
{
	static const char zfin[] = "**\x18" "B08";
	char buf[8192];
	ssize_t n = read(from, buf, sizeof buf);
	if (n < 0 && errno == EINTR)
		return 1;
	if (n <= 0)
		return 0;
	ssize_t keep = n;
	if (*closed)
		keep = 0;
	else if (memmem(buf, (size_t)n, zfin, sizeof zfin - 1)) {
		char *at = memmem(buf, (size_t)n, zfin, sizeof zfin - 1);
		char *cr = memchr(at, '\r', (size_t)(buf + n - at));
		keep = cr ? cr - buf + 3 : n;    /* the header, to its end: CR, LF|0x80, XON */
		keep = keep > n ? n : keep;
		*closed = 1;
	}
	for (ssize_t off = 0; off < keep;) {
		ssize_t w = write(to, buf + off, (size_t)(keep - off));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return 0;
		off += w;
	}
	return 1;
}

/* The program's output goes to the receiver and, as on a terminal whose
 * receiver runs inside it, to the screen too: what the program draws once
 * the transfer is over is seen even if the receiver had not yet ended. */
static int relay_out(struct pty *p, int to)
{
	char buf[8192];
	ssize_t n = read(p->fd, buf, sizeof buf);
	if (n < 0 && errno == EINTR)
		return 1;
	if (n <= 0)
		return 0;
	keep_raw(p, buf, (size_t)n);
	vterm_input_write(p->vt, buf, (size_t)n);
	for (ssize_t off = 0; off < n;) {
		ssize_t w = write(to, buf + off, (size_t)(n - off));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;        /* the receiver has gone: the screen still has it */
		off += w;
	}
	return 1;
}

/* The receiver talks through pipes the harness relays, as a terminal
 * emulator's own receiver sits behind its window: the program's terminal
 * stays as the program set it (rz would change it and flush it). */
int pty_hand_over(struct pty *p, char *const argv[], const char *dir)
{
	int in[2], out[2];
	if (p->fd < 0 || pipe2(in, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(out, O_CLOEXEC) != 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(in[0], 0);
		dup2(out[1], 1);
		if (null >= 0)
			dup2(null, 2);
		if (chdir(dir) != 0)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	/* a receiver that has ended may leave bytes unread: a write to its
	 * pipe then fails instead of killing the test */
	void (*was)(int) = signal(SIGPIPE, SIG_IGN);
	struct pollfd fds[2] = { { .fd = p->fd, .events = POLLIN }, { .fd = out[0], .events = POLLIN } };
	int closed = 0;
	long long until = now_ms() + 30000;   /* a receiver that never ends fails, not hangs */
	while (pid > 0) {
		if (now_ms() > until) {
			kill(pid, SIGKILL);
			break;
		}
		if (poll(fds, 2, 200) < 0 && errno != EINTR)
			break;
		if ((fds[0].revents & POLLIN) && !relay_out(p, in[1]))
			fds[0].fd = -1;
		if ((fds[1].revents & (POLLIN | POLLHUP)) && !relay_in(out[0], p->fd, &closed))
			break;          /* the receiver has ended */
	}
	close(in[1]);
	close(out[0]);
	signal(SIGPIPE, was);
	int status;
	while (pid > 0 && waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return pid < 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int pty_wait_bytes(struct pty *p, const char *bytes, size_t n, int timeout_ms)
{
	struct want w = { WAIT_BYTES, 0, 0, bytes, n };
	return wait_for(p, &w, timeout_ms);
}

/* Decodes one UTF-8 character; invalid bytes come out as U+FFFD. */
static uint32_t next_cp(const unsigned char **s)
{
	const unsigned char *c = *s;
	int n = c[0] < 0x80 ? 0 : c[0] >= 0xF0 ? 3 : c[0] >= 0xE0 ? 2 : c[0] >= 0xC0 ? 1 : -1;
	if (n < 0) {
		(*s)++;
		return 0xFFFD;
	}
	uint32_t cp = n == 0 ? c[0] : c[0] & (0x3F >> n);
	for (int i = 1; i <= n; i++) {
		if ((c[i] & 0xC0) != 0x80) {
			*s += i;
			return 0xFFFD;
		}
		cp = cp << 6 | (c[i] & 0x3F);
	}
	*s += n + 1;
	return cp;
}

void pty_send_text(struct pty *p, const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;
	while (*s)
		vterm_keyboard_unichar(p->vt, next_cp(&s), VTERM_MOD_NONE);
}

void pty_send_key(struct pty *p, VTermKey key)
{
	vterm_keyboard_key(p->vt, key, VTERM_MOD_NONE);
}

void pty_send_key_mod(struct pty *p, VTermKey key, VTermModifier mod)
{
	vterm_keyboard_key(p->vt, key, mod);
}

void pty_send_ctrl(struct pty *p, char c)
{
	vterm_keyboard_unichar(p->vt, (uint32_t)(unsigned char)c, VTERM_MOD_CTRL);
}

void pty_resize(struct pty *p, int rows, int cols)
{
	vterm_set_size(p->vt, rows, cols);
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	if (p->fd >= 0)
		ioctl(p->fd, TIOCSWINSZ, &ws);
}

void pty_hangup(struct pty *p)
{
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
}

void pty_kill(struct pty *p, int sig)
{
	if (!p->exited)
		kill(p->pid, sig);
}

/* 1 once the program has ended (status in p->status). */
static int reaped(struct pty *p)
{
	if (!p->exited && waitpid(p->pid, &p->status, WNOHANG) == p->pid)
		p->exited = 1;
	return p->exited;
}

int pty_finish(struct pty *p)
{
	long long deadline = now_ms() + PTY_FINISH_MS;
	int rc = -1;
	/* keep reading: a program blocked writing to a full pty never ends */
	while (!reaped(p) && now_ms() < deadline)
		if (pump(p, 20) < 0)
			poll(NULL, 0, 10);
	if (!p->exited) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, &p->status, 0);
	} else if (WIFEXITED(p->status)) {
		rc = WEXITSTATUS(p->status);
	} else if (WIFSIGNALED(p->status)) {
		rc = 128 + WTERMSIG(p->status);
	}
	pty_hangup(p);
	vterm_free(p->vt);
	free(p);
	return rc;
}

void pty_dump(struct pty *p)
{
	int rows, cols, cr, cc;
	char buf[PTY_ROWBUF];
	pty_size(p, &rows, &cols);
	pty_cursor(p, &cr, &cc);
	fprintf(stderr, "---- screen %dx%d, cursor at row %d col %d ----\n", cols, rows, cr, cc);
	for (int r = 0; r < rows; r++) {
		pty_row(p, r, buf, sizeof buf);
		fprintf(stderr, "%2d|%s|\n", r, buf);
	}
	fprintf(stderr, "----\n");
	if (getenv("PTY_DUMP_RAW")) {
		size_t from = p->nraw > 400 ? p->nraw - 400 : 0;
		for (size_t i = from; i < p->nraw; i++) {
			unsigned char ch = (unsigned char)p->raw[i];
			if (ch >= 32 && ch < 127) fputc(ch, stderr); else fprintf(stderr, "\\x%02x", ch);
		}
		fprintf(stderr, "\n");
	}
}
