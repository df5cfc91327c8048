/* Library complaints while a screen owns the terminal (STYLE.md §6):
 * libxlsxwriter, fontconfig and GLib write to stderr, which is then the
 * console's screen, so a line of English would land in the middle of a
 * form.  While held, stderr goes to the sink (the officer's log, which
 * store/errlog.c sets) or nowhere; released, it is the terminal again. */
#ifndef JIANCE_STDERR_SINK_H
#define JIANCE_STDERR_SINK_H

/* Where held stderr goes: an open descriptor, or -1 for nowhere. */
void stderr_sink_set(int fd);
/* Points stderr at the sink until stderr_release.  0, or -1 if the
 * system refused (stderr is then left as it was). */
int stderr_hold(void);
void stderr_release(void);

#endif
