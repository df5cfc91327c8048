#!/bin/sh
# A throwaway PostgreSQL 15 cluster for tests (issue 17).
#
#   cluster.sh start DIR   initdb + start under DIR (a fresh, empty directory);
#                          prints the connection URL, returns when it accepts
#                          connections
#   cluster.sh stop DIR    fast shutdown, then DIR is removed
#
# The server runs as an unprivileged user: PostgreSQL refuses to run as root,
# so when called by root it runs as nobody (DIR is chowned to it); otherwise
# as the caller.  It listens on no TCP port, only on a unix socket in DIR,
# where every local connection is trusted: the cluster is reachable by whoever
# can enter DIR, and DIR stays mode 0700.  Durability is off (fsync,
# synchronous_commit, full_page_writes): a crash loses the cluster, which a
# test throws away anyway.  The tools are taken from Debian's versioned
# directory, where postgresql-15 installs them (not on PATH there).
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
RUNAS=nobody

die() { echo "cluster.sh: $*" >&2; exit 1; }

# run CMD...: as nobody when we are root, else as ourselves; from DIR, since
# nobody may not be able to enter the caller's working directory
run() {
	if [ "$(id -u)" = 0 ]; then
		(cd "$dir" && setpriv --reuid="$RUNAS" --regid="$(id -g "$RUNAS")" --clear-groups \
			--reset-env "$@")
	else
		(cd "$dir" && "$@")
	fi
}

check_dir() {
	case $dir in
	/*) ;;
	*) dir=$(cd "$dir" 2>/dev/null && pwd) || die "no directory $1" ;;
	esac
	# the path goes into postgresql.conf and into a URL unquoted
	case $dir in
	*[!A-Za-z0-9/._+-]*) die "the directory's path may hold only letters, digits and / . _ + -: $dir" ;;
	esac
	# sun_path holds 107 bytes; the socket is DIR/.s.PGSQL.5432
	[ ${#dir} -le 90 ] || die "the directory's path is too long for a unix socket: $dir"
}

start() {
	[ -d "$dir" ] || die "no directory $dir (make a fresh one, e.g. with mktemp -d)"
	check_dir "$dir"
	[ -z "$(ls -A "$dir")" ] || die "$dir is not empty: give a fresh directory"
	[ -x "$PGBIN/initdb" ] || die "no $PGBIN/initdb: install postgresql-15"
	if [ "$(id -u)" = 0 ]; then
		chown "$RUNAS:$(id -g "$RUNAS")" "$dir"
		run test -w "$dir" || die "$RUNAS cannot reach $dir (a parent directory is closed to it)"
	fi
	chmod 700 "$dir"
	run "$PGBIN/initdb" -D "$dir/data" -U jiance_test --encoding=UTF8 --locale=C \
		--auth-local=trust --auth-host=reject --no-sync >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb failed"; }
	cat >>"$dir/data/postgresql.conf" <<EOF
# cluster.sh: a throwaway test cluster
listen_addresses = ''
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
	run "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
		{ cat "$dir/server.log" >&2; die "the server did not start"; }
	"$PGBIN/pg_isready" -q -h "$dir" -U jiance_test -d postgres ||
		die "the server started but does not accept connections"
	echo "postgresql:///postgres?host=$dir&user=jiance_test"
}

stop() {
	[ -d "$dir" ] || die "no directory $dir"
	check_dir "$dir"
	# remove only what start made
	[ -f "$dir/data/PG_VERSION" ] || die "$dir holds no cluster made by cluster.sh start"
	if [ -f "$dir/data/postmaster.pid" ]; then
		run "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ||
			die "the server in $dir did not stop (see $dir/server.log)"
	fi
	rm -rf "$dir"
}

[ $# = 2 ] || die "usage: cluster.sh start|stop DIR"
dir=$2
case $1 in
start) start ;;
stop) stop ;;
*) die "usage: cluster.sh start|stop DIR" ;;
esac
