#include "register/status.h"

#include "base/vocab.h"

int hh_status_from_text(const char *text, enum hh_status *out)
{
	int i = vocab_find(&VOCAB_STATUS, text);
	if (i < 0 || i >= STATUS_COUNT)
		return -1;
	*out = (enum hh_status)i;
	return 0;
}

const char *hh_status_text(enum hh_status s)
{
	return (unsigned)s < STATUS_COUNT && (int)s < VOCAB_STATUS.n ? VOCAB_STATUS.items[s] : "";
}
