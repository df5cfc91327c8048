#!/bin/sh
# make lint passes on the tree and fails on each kind of planted violation.
here=$(cd "$(dirname "$0")/.." && pwd)
lint="$here/tests/lint.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 failed=0

fresh() {
	rm -rf "$tmp/t"; mkdir -p "$tmp/t"
	cp -r "$here/src" "$here/screens" "$tmp/t/"
}

# expect NAME WANT_STATUS WANT_TEXT: runs lint on $tmp/t
expect() {
	out=$(sh "$lint" "$tmp/t" 2>&1); rc=$?
	if [ "$rc" = "$2" ] && echo "$out" | grep -q -- "$3"; then
		pass=$((pass + 1)); echo "[       OK ] $1"
	else
		failed=$((failed + 1)); echo "[  FAILED  ] $1 (exit $rc)"; echo "$out" | sed 's/^/    /'
	fi
}

plant() {   # plant FILE LINE: appends a line to an existing file
	printf '%s\n' "$2" >> "$tmp/t/$1"
}

fresh
expect "the tree as it is passes" 0 "clean"

fresh; plant src/base/text.c '#include "register/household.h"'
expect "a layer including one above it fails" 1 'base/ includes "register/household.h" from register/'

fresh; plant src/register/household.c '#include "flow/flow.h"'
expect "register including flow fails" 1 'register/ includes "flow/flow.h"'

fresh; plant src/flow/lead.c '#include "household.h"'
expect "an unqualified include fails" 1 'write it as "layer/household.h"'

fresh; plant src/access/audit.c '#include <curses.h>'
expect "curses in src/ fails" 1 'src/ never includes curses'

fresh; plant src/register/household.c 'static void *q(void) { return sqlite3_db_handle(0); }'
expect "SQLite outside the store fails" 1 'src/register/household.c: only src/store/sqlite.c calls SQLite'

fresh; plant src/store/store.c '#include <libpq-fe.h>'
expect "libpq outside its engine fails" 1 'src/store/store.c: only src/store/pg.c calls libpq'

fresh; plant screens/hh_list.c '#include "store/store.h"'
expect "a screen including the store fails" 1 'screens/hh_list.c:.*screens never use the store'

fresh; plant screens/home.c 'static long v(struct session *s) { return store_data_version(s->db); }'
expect "a screen calling the store fails" 1 'screens/home.c:.*screens never use the store'

fresh; plant screens/kit/ui.c '#include "hh_list.h"'
expect "the kit including a screen fails" 1 'the kit includes the screen header "hh_list.h"'

fresh; mkdir "$tmp/t/src/misc"; : > "$tmp/t/src/misc/x.c"
expect "an unknown folder in src/ fails" 1 'src/misc/ is not a layer'

echo "lint: $pass passed, $failed failed"
[ "$failed" = 0 ]
