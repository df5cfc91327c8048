/* libFuzzer target (make fuzz): the ID number validator on any text.  An
 * accepted number is 17 digits and its check character, with a real birth
 * date, and is accepted again as it is; masking never shows more. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/idcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[256], out[32], again[32], masked[32];
	struct jerr e = { 0 };
	if (size >= sizeof in)
		return 0;
	memcpy(in, data, size);
	in[size] = 0;
	idcard_mask(in, masked);
	if (strlen(masked) > IDCARD_LEN)
		abort();
	if (idcard_normalize(in, out, &e) != 0) {
		if (out[0] || !e.msg[0])
			abort();
		return 0;
	}
	if (strlen(out) != IDCARD_LEN || idcard_check_digit(out) != out[17] ||
	    idcard_birth(out) == JDAY_NONE || idcard_sex(out) == 0)
		abort();
	if (idcard_normalize(out, again, &e) != 0 || strcmp(out, again) != 0)
		abort();
	return 0;
}
