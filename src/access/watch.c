#include "access/watch.h"

void watch_reset(struct watch *w, struct session *s)
{
	w->version = store_change_mark(s->db);
}

int watch_changed(struct watch *w, struct session *s)
{
	int64_t v = store_change_mark(s->db);
	if (v == w->version)
		return 0;
	w->version = v;
	return 1;
}
