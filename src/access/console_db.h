/* The console's connection lives all day and reads at random (a search
 * touches the households and members of thousands of rows): it reads the
 * file through a memory map and keeps a larger page cache than a
 * one-shot subcommand needs, and it touches what searches read while the
 * officer reads the first screen. */
#ifndef JIANCE_CONSOLE_DB_H
#define JIANCE_CONSOLE_DB_H

#include <stdint.h>

#include "access/session.h"

void console_db_tune(struct session *s);

/* Where warming has got to; zero it to start.  stage counts the indexes
 * and tables done, of console_db_warm_stages(). */
struct console_warm {
	int rows;             /* rows per part, 0: enough for a few milliseconds */
	int stage;
	int64_t last_id;
	char last_text[256];
};

/* Touches the next part of the indexes and tables the household list's
 * search reads, a few milliseconds' worth.  Returns 1 while more is left,
 * 0 when all has been touched.  Meant for idle time under
 * session_yield_to(): a part that was interrupted is read again next time. */
int console_db_warm(struct session *s, struct console_warm *w);
int console_db_warm_stages(void);

#endif
