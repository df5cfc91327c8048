/* libFuzzer target (make fuzz): the configuration loader on any file.  It
 * either loads (and every value is then inside its bounds, as the table
 * says) or refuses with file and line; it never crashes or reads past a
 * value.  libconfig's own leaks on a syntax error are suppressed by name
 * (tests/fuzz/lsan.supp). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config c;
	char path[64];
	snprintf(path, sizeof path, "/tmp/jiance-fuzz-conf-%d.conf", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	struct jerr e = { 0 };
	config_defaults(&c);
	if (config_load(&c, path, &e) != 0 && !e.msg[0])
		abort();        /* a refusal always says why */
	unlink(path);
	return 0;
}
