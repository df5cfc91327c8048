/* libFuzzer target (make fuzz): the date and money parsers on any text.
 * A date that parses formats back to a date that parses to the same day;
 * an amount that parses is not negative and formats back to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "register/household.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[128], buf[64];
	if (size >= sizeof in)
		return 0;
	memcpy(in, data, size);
	in[size] = 0;
	jday d = date_parse(in);
	if (d != JDAY_NONE) {
		date_fmt(d, buf);
		if (date_iso(buf) != d || date_parse(buf) != d)
			abort();
	}
	d = date_iso(in);
	if (d != JDAY_NONE && (date_fmt(d, buf), strcmp(buf, in) != 0))
		abort();
	int64_t fen = money_parse(in);
	if (fen < -1)
		abort();
	if (fen >= 0 && money_parse(money_fmt(fen, buf, sizeof buf)) != fen)
		abort();
	return 0;
}
