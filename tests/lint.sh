#!/bin/sh
# make lint: the layering of src/ and screens/ (README "Layout").
# Usage: tests/lint.sh [ROOT]   exits 1 and names each violation.
#
# src/ is in layers, lowest first; a file may include headers of its own
# layer and of those below it, always as "layer/name.h".  Nothing in src/
# includes curses or a screen (but cli/main.c starts the console), only
# src/store/store.c touches SQLite, and screens/ never use the store.
root=${1:-.}
LAYERS="base store config access register assist flow io print demo cli"
status=0

fail() { echo "lint: $*" >&2; status=1; }

rank() {
	i=0
	for l in $LAYERS; do
		i=$((i + 1))
		[ "$l" = "$1" ] && { echo $i; return; }
	done
	echo 0
}

# "file:line:header" for every quoted include under a folder
includes() {
	find "$root/$1" -name '*.[ch]' | sort | while read -r f; do
		grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
			sed -e "s|^\([0-9]*\):.*\"\(.*\)\".*|${f#"$root"/}:\1:\2|"
	done
}

for d in "$root"/src/*/; do
	l=$(basename "$d")
	[ "$(rank "$l")" = 0 ] && fail "src/$l/ is not a layer (known: $LAYERS)"
done
[ -n "$(find "$root/src" -maxdepth 1 -name '*.[ch]')" ] &&
	fail "files directly in src/ belong in a layer folder"

# layers: only down, always qualified
includes src > "${TMPDIR:-/tmp}/lint.$$"
while IFS=: read -r file line hdr; do
	layer=$(echo "$file" | cut -d/ -f2)
	case "$hdr" in
	*/*)
		to=${hdr%%/*}
		r=$(rank "$to")
		if [ "$r" = 0 ]; then
			fail "$file:$line: includes \"$hdr\", not a header of src/"
		elif [ "$r" -gt "$(rank "$layer")" ]; then
			fail "$file:$line: $layer/ includes \"$hdr\" from $to/, a layer above it"
		fi ;;
	console.h)
		[ "$file" = src/cli/main.c ] ||
			fail "$file:$line: only src/cli/main.c starts the console" ;;
	*)
		fail "$file:$line: includes \"$hdr\"; write it as \"layer/$hdr\"" ;;
	esac
done < "${TMPDIR:-/tmp}/lint.$$"
rm -f "${TMPDIR:-/tmp}/lint.$$"

# no curses below the screens
grep -rn --include='*.[ch]' -E '#[[:space:]]*include[[:space:]]*<n?cursesw?/?[a-z]*\.h>' "$root/src" |
	sed "s|^$root/||" | while read -r hit; do echo "lint: ${hit%%:*}: src/ never includes curses" >&2; echo x; done |
	grep -q x && status=1

# SQLite only in the store
grep -rln --include='*.[ch]' -E 'sqlite3' "$root/src" "$root/screens" |
	sed "s|^$root/||" | grep -v '^src/store/sqlite\.c$' > "${TMPDIR:-/tmp}/lint.$$"
while read -r f; do fail "$f: only src/store/sqlite.c calls SQLite"; done < "${TMPDIR:-/tmp}/lint.$$"

# PostgreSQL only in its engine
grep -rln --include='*.[ch]' -E 'libpq-fe\.h|\<PQ[a-z]+[[:space:]]*\(' "$root/src" "$root/screens" |
	sed "s|^$root/||" | grep -v '^src/store/pg\.c$' > "${TMPDIR:-/tmp}/lint.$$"
while read -r f; do fail "$f: only src/store/pg.c calls libpq"; done < "${TMPDIR:-/tmp}/lint.$$"

# screens ask src/, never the store
grep -rn --include='*.[ch]' -E '#[[:space:]]*include[[:space:]]*"store/|\<(store|stmt)_[a-z_]+[[:space:]]*\(' \
	"$root/screens" | sed "s|^$root/||" > "${TMPDIR:-/tmp}/lint.$$"
while read -r hit; do fail "$(echo "$hit" | cut -d: -f1-2): screens never use the store"; done \
	< "${TMPDIR:-/tmp}/lint.$$"

# the kit knows no screen
includes screens/kit > "${TMPDIR:-/tmp}/lint.$$"
while IFS=: read -r file line hdr; do
	case "$hdr" in
	kit/* | */*) ;;
	*) fail "$file:$line: the kit includes the screen header \"$hdr\"" ;;
	esac
done < "${TMPDIR:-/tmp}/lint.$$"
rm -f "${TMPDIR:-/tmp}/lint.$$"

[ $status = 0 ] && echo "lint: layers, curses, SQLite and the store: clean"
exit $status
