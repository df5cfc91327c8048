#!/bin/sh
# db/pg against db: in a throwaway PostgreSQL 15 cluster (cluster.sh),
# db/pg/0*.sql applied in order to a fresh database must give every table,
# column (name, position, type, NULL, default), key, unique constraint,
# foreign key, CHECK count, index and trigger that sqlite3 reports for a
# database made by db/*.sql; the append-only tables must refuse UPDATE,
# DELETE and TRUNCATE; identities must follow explicit ids; the defaults
# must write SQLite's time formats; the member name index must find a phrase
# of characters; SQLite's functions (compat_cases.sql) must answer as
# sqlite3 does in three time zones; and with db/pg/017_area_policies.sql an officer's role
# must see and write only the households of its area and what hangs off
# them.  Exits non-zero on any difference.  Runs as root (the cluster then
# runs as nobody) or as a normal user; needs postgresql-15 and sqlite3.
here=$(cd "$(dirname "$0")/../.." && pwd)
cluster="$here/tests/pg/cluster.sh"
# Debian's /usr/bin/psql is a wrapper choosing among installed versions
PSQL=/usr/lib/postgresql/15/bin/psql
[ -x "$PSQL" ] || PSQL=psql
. "$here/tests/pg/catalog.sh"
for tool in sqlite3 "$PSQL"; do
	command -v "$tool" >/dev/null || { echo "schema_test: no $tool" >&2; exit 2; }
done

tmp=$(mktemp -d) || exit 2
pgdir=$(mktemp -d) || exit 2          # its own: nobody must reach it
cleanup() {
	if [ -f "$pgdir/data/PG_VERSION" ]; then sh "$cluster" stop "$pgdir"; else rm -rf "$pgdir"; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM      # so that EXIT stops the cluster
url=$(sh "$cluster" start "$pgdir") || exit 1
db=$(echo "$url" | sed 's|:///postgres?|:///schema_test?|')

pass=0 failed=0
ok() { pass=$((pass + 1)); echo "[       OK ] $1"; }
fail() { failed=$((failed + 1)); echo "[  FAILED  ] $1"; }
# is NAME WANT GOT: two strings
is() {
	if [ "$3" = "$2" ]; then ok "$1"; else fail "$1"; echo "    want: $2"; echo "    got:  $3"; fi
}
# verdict NAME: OK when the command just before succeeded
verdict() {
	if [ $? = 0 ]; then ok "$1"; else fail "$1"; fi
}
# same NAME WANT GOT: two files of lines
same() {
	if diff -u "$2" "$3" >"$tmp/diff"; then ok "$1"; else fail "$1"; sed 's/^/    /' "$tmp/diff" | head -40; fi
}
# pg SQL: one statement's answer, rows as lines
pg() { "$PSQL" "$db" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
# pgl SQL: the answer as one line, rows joined by |
pgl() { pg "$1" 2>&1 | paste -sd '|' -; }
# expect NAME WANT SQL: the answer of SQL is WANT
expect() {
	is "$1" "$2" "$(pgl "$3")"
}
# refused NAME MESSAGE SQL: SQL fails with MESSAGE
refused() {
	got=$(pg "$3" 2>&1)
	case $got in
	*"$2"*) ok "$1" ;;
	*) fail "$1"; echo "    want an error with: $2"; echo "    got: $got" ;;
	esac
}

# the cluster as cluster.sh promises it
case $url in
"postgresql:///postgres?host=$pgdir&user=jiance_test") ok "cluster.sh prints libpq's URL of the socket directory" ;;
*) fail "cluster.sh prints libpq's URL of the socket directory"; echo "    got: $url" ;;
esac
got=$("$PSQL" "$url" -X -At -c "SELECT current_setting('listen_addresses') || '|' ||
  current_setting('unix_socket_directories') || '|' || current_setting('fsync') || '|' ||
  current_setting('lc_collate') || '|' || pg_encoding_to_char(encoding) || '|' || current_user
  FROM pg_database WHERE datname = 'postgres'")
is "the cluster listens on no port, UTF8 in the C locale, no fsync" "|$pgdir|off|C|UTF8|jiance_test" "$got"
echo x >"$tmp/stray"
! sh "$cluster" start "$tmp" >/dev/null 2>"$tmp/err" && grep -q "not empty" "$tmp/err"
verdict "cluster.sh refuses a directory that is not empty"
rm -f "$tmp/stray" "$tmp/err"
"$PSQL" "$url" -X -q -v ON_ERROR_STOP=1 -c 'CREATE DATABASE schema_test' || exit 1
applied=0
for f in "$here"/db/[0-9]*.sql; do
	pgf="$here/db/pg/$(basename "$f")"
	if [ ! -f "$pgf" ]; then fail "db/pg has $(basename "$f")"; continue; fi
	sqlite3 -batch "$tmp/x.db" <"$f" || fail "sqlite3 applies $(basename "$f")"
	"$PSQL" "$db" -X -q -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' -f "$pgf" ||
		{ fail "PostgreSQL applies db/pg/$(basename "$f")"; continue; }
	applied=$((applied + 1))
done
n_pg=$(ls "$here"/db/pg/[0-9]*.sql | wc -l); n_lite=$(ls "$here"/db/[0-9]*.sql | wc -l)
is "db/pg has one file for each of db's files, and each applies" \
	"$n_lite files, $n_lite applied" "$n_pg files, $applied applied"

sqlite_catalog "$tmp/x.db" >"$tmp/lite.txt"
pg_catalog "$db" >"$tmp/pg.txt"
for kind in table view column pkey unique fkey checks index trigger; do
	grep "^$kind|" "$tmp/lite.txt" >"$tmp/want"
	# officers_role (schema 17) is PostgreSQL's alone: it makes an officer's role
	grep "^$kind|" "$tmp/pg.txt" | grep -v '^trigger|officers|officers_role$' >"$tmp/got"
	same "every $kind of SQLite's schema, and no other, is in PostgreSQL's ($(wc -l <"$tmp/want"))" \
		"$tmp/want" "$tmp/got"
done
expect "member_names: SQLite's rowid and chars, keyed by rowid, words indexed" \
	"rowid|bigint|t|chars|text|t|member_names_pkey|member_names_words|gin" \
	"SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute
	  WHERE attrelid = 'member_names'::regclass AND attnum > 0 ORDER BY attnum;
	 SELECT i.relname || coalesce('|' || am.amname, '') FROM pg_index x
	   JOIN pg_class i ON i.oid = x.indexrelid LEFT JOIN pg_am am ON am.oid = i.relam AND am.amname <> 'btree'
	  WHERE x.indrelid = 'member_names'::regclass ORDER BY 1"

# append-only tables
pg "INSERT INTO audit(tbl, rec, field, old, new) VALUES ('households', 1, 'status', '线索', '识别中')" >/dev/null
refused "audit refuses UPDATE" "审计记录只能追加，不能修改" "UPDATE audit SET new = 'x'"
refused "audit refuses DELETE" "审计记录只能追加，不能删除" "DELETE FROM audit"
refused "audit refuses TRUNCATE" "审计记录只能追加，不能删除" "TRUNCATE audit"
expect "audit keeps its record as written" "1|识别中" "SELECT count(*), max(new) FROM audit"

# demo-like rows: a county, two townships, three villages, a group
pg "
INSERT INTO areas(id, code, name, level, parent_id, county_id, township_id, village_id) VALUES
 (1, '520101000000', '测试县', 1, NULL, NULL, NULL, NULL),
 (2, '520101100000', '甲镇', 2, 1, 1, NULL, NULL),
 (3, '520101100201', '一村', 3, 2, 1, 2, NULL),
 (4, '520101100202', '二村', 3, 2, 1, 2, NULL),
 (5, '520101200000', '乙镇', 2, 1, 1, NULL, NULL),
 (6, '520101200201', '三村', 3, 5, 1, 5, NULL),
 (7, '520101100201001', '一村一组', 4, 3, 1, 2, 3);
INSERT INTO officers(id, login, name, role, area_id) VALUES
 (1, 'v101201', '一村干部', 'village', 3), (2, 'v101202', '二村干部', 'village', 4),
 (3, 't1011', '甲镇干部', 'township', 2), (4, 'c101', '县干部', 'county', 1),
 (5, 'g1012011', '一组组长', 'village', 7);
INSERT INTO officers(id, login, name, role, area_id, active) VALUES
 (6, 'gone', '离任', 'village', 3, 0);
INSERT INTO contacts(id, name, kind, area_id) VALUES (1, '联系人', '村干部', 3);
INSERT INTO households(id, hh_no, county_id, township_id, village_id, head_name) VALUES
 (1, '520101100201001', 1, 2, 3, '张三'), (2, '520101100201002', 1, 2, 3, '李四'),
 (3, '520101100202001', 1, 2, 4, '王五'), (4, '520101200201001', 1, 5, 6, '赵六');
INSERT INTO members(id, household_id, name, id_no, sex, birth, relation)
 SELECT h.id, h.id, h.head_name, '52010119800101' || lpad(h.id::text, 4, '0'), 1, '1980-01-01', '户主'
   FROM households h;
INSERT INTO member_names(rowid, chars) VALUES (1, '张 三'), (2, '李 四'), (3, '王 五'), (4, '赵 六');
INSERT INTO household_risks VALUES (1, 1, '因病'), (3, 1, '因残'), (4, 1, '因学');
INSERT INTO incomes(household_id, year) SELECT id, 2025 FROM households;
INSERT INTO rigid_expenses(household_id, kind, amount, year) SELECT id, '医疗', 100, 2025 FROM households;
INSERT INTO leads(id, household_id, id_no, name, village_id, township_id, created_on) VALUES
 (1, 1, NULL, '张三', 3, 2, '2025-01-02'), (2, NULL, '520101199001010011', '无户', 3, 2, '2025-01-03'),
 (3, 3, NULL, '王五', 4, 2, '2025-01-04'), (4, NULL, '520101199001010022', '他村', 6, 5, '2025-01-05');
INSERT INTO lead_sources(lead_id, channel, found_on) SELECT id, '基层干部排查', created_on FROM leads;
INSERT INTO flow_runs(id, household_id, kind, started_on, counted_from)
 SELECT id, id, '识别纳入', '2025-02-01', '2025-01-02' FROM households;
INSERT INTO flow_steps(id, run_id, step, officer_id, done_on, outcome)
 SELECT id, id, 1, 1, '2025-02-02', '通过' FROM flow_runs;
INSERT INTO step_data SELECT id, 'note', 'x' FROM flow_steps;
INSERT INTO postings(run_id, place, start_on, end_on) SELECT id, '村委会', '2025-02-03', '2025-02-08' FROM flow_runs;
INSERT INTO objections(run_id, received_on, content) SELECT id, '2025-02-04', '异议' FROM flow_runs;
INSERT INTO run_snapshots(run_id, household_id, kind, taken_on, year, size, has_income, g_edu, g_med, g_house, g_water)
 SELECT id, id, '识别纳入', '2025-02-09', 2024, 1, 0, 1, 1, 1, 1 FROM flow_runs;
INSERT INTO contact_assignments(household_id, contact_id, from_on) SELECT id, 1, '2025-01-01' FROM households;
INSERT INTO measures(household_id, category, content, start_on, entered_on)
 SELECT id, '健康帮扶', '医保', '2025-03-01', '2025-03-01' FROM households;
INSERT INTO visits(household_id, visited_on, entered_on) SELECT id, '2025-04-01', '2025-04-01' FROM households;
INSERT INTO member_events(member_id, kind, on_date, reason) SELECT id, '迁入', '2025-01-01', '迁入' FROM members;
INSERT INTO upstream(household_id, village_id, what, on_date)
 SELECT id, village_id, '新增', '2025-05-01' FROM households;
INSERT INTO upstream(household_id, village_id, subject, what, on_date) VALUES (NULL, 3, '无户', '线索', '2025-05-02');
INSERT INTO drafts(officer_id, screen, payload) VALUES (1, 'household_form', 'a=1'), (2, 'household_form', 'a=2');
INSERT INTO audit(tbl, rec, household_id, officer_id) SELECT 'households', id, id, 4 FROM households;
INSERT INTO audit(tbl, rec, household_id) VALUES ('leads', 2, NULL), ('leads', 4, NULL);
" >/dev/null || fail "the demo rows go in"

refused "member_events refuses UPDATE" "成员变动记录只能追加，不能修改" "UPDATE member_events SET reason = 'x'"
refused "member_events refuses DELETE" "成员变动记录只能追加，不能删除" "DELETE FROM member_events"
refused "member_events refuses TRUNCATE" "成员变动记录只能追加，不能删除" "TRUNCATE member_events"
# the constraints whose text had to change, and the partial unique indexes
refused "an area code with a letter is refused (SQLite's NOT GLOB '*[^0-9]*')" "areas_code_check" \
	"INSERT INTO areas(code, name, level) VALUES ('52010110020a', 'x', 3)"
refused "an area code of 13 digits is refused" "areas_code_check" \
	"INSERT INTO areas(code, name, level) VALUES ('5201011002011', 'x', 3)"
expect "area codes of 12 and 15 digits are taken" "2" \
	"INSERT INTO areas(code, name, level) VALUES ('520101100203', 'x', 3), ('520101100203002', 'y', 4);
	 SELECT count(*) FROM areas WHERE name IN ('x', 'y')"
refused "a second open run of a household is refused (runs_one_open)" "runs_one_open" \
	"INSERT INTO flow_runs(household_id, kind, started_on, counted_from) VALUES (2, '风险消除', '2025-06-01', '2025-06-01')"
expect "a closed run beside the open one is taken" "2" \
	"INSERT INTO flow_runs(household_id, kind, state, started_on, counted_from)
	   VALUES (2, '风险消除', '通过', '2025-06-01', '2025-06-01');
	 SELECT count(*) FROM flow_runs WHERE household_id = 2"
refused "a second current contact of a household is refused (assign_one_current)" "assign_one_current" \
	"INSERT INTO contact_assignments(household_id, contact_id, from_on) VALUES (2, 1, '2025-06-01')"
refused "a national number twice is refused (hh_nat_no)" "hh_nat_no" \
	"UPDATE households SET nat_no = 'N1' WHERE id IN (1, 2)"
expect "visits without an import key are many (visits_import_key is partial)" "2" \
	"INSERT INTO visits(household_id, visited_on, entered_on) VALUES (1, '2025-06-01', '2025-06-01');
	 SELECT count(*) FROM visits WHERE household_id = 1 AND import_key IS NULL"
refused "an import key twice is refused (visits_import_key)" "visits_import_key" \
	"INSERT INTO visits(household_id, visited_on, entered_on, import_key) VALUES
	   (1, '2025-06-02', '2025-06-02', 'k'), (1, '2025-06-03', '2025-06-03', 'k')"
expect "an identity goes on after the largest id given explicitly" "2|101|102" \
	"INSERT INTO contacts(name, kind, area_id) VALUES ('甲', '村干部', 3) RETURNING id;
	 INSERT INTO contacts(id, name, kind, area_id) VALUES (100, '乙', '村干部', 3), (50, '丙', '村干部', 3);
	 INSERT INTO contacts(name, kind, area_id) VALUES ('丁', '村干部', 3), ('戊', '村干部', 3) RETURNING id"
expect "defaults: created in UTC, audit.at in the session's zone, as SQLite writes them" "t|t|t" \
	"SET TIME ZONE 'Asia/Shanghai';
	 INSERT INTO officers(login, name, role, area_id) VALUES ('x1', 'x', 'village', 3)
	   RETURNING created = datetime('now');
	 INSERT INTO audit(tbl, rec) VALUES ('x', 1)
	   RETURNING at = strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime');
	 INSERT INTO drafts(officer_id, screen, key, payload) VALUES (1, 's', 'k', '')
	   RETURNING saved_at = strftime('%Y-%m-%d %H:%M', 'now', 'localtime')
	     AND saved_at = to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')"
pg "INSERT INTO member_names(rowid, chars) VALUES (5, '张 三 丰'), (6, '张 丰 三'), (7, '三 张')" >/dev/null
expect "member_names: a phrase finds the characters side by side, in order" "1|5" \
	"SELECT rowid FROM member_names
	  WHERE to_tsvector('simple', chars) @@ phraseto_tsquery('simple', '张 三') ORDER BY rowid"
got=$(pg "SET enable_seqscan = off; EXPLAIN SELECT rowid FROM member_names
	  WHERE to_tsvector('simple', chars) @@ phraseto_tsquery('simple', '张 三')")
case $got in *member_names_words*) ok "member_names: the phrase query uses the GIN index" ;;
*) fail "member_names: the phrase query uses the GIN index"; echo "$got" ;; esac

# every name called in the program's SQL (its string literals, comments
# left out) is a table, a temporary table it makes, a keyword, or a function
# PostgreSQL now has
if command -v gcc >/dev/null; then
	for f in $(find "$here/src" -name '*.[ch]'); do
		case $f in */src/config/*) grep -q 'store_' "$f" || continue ;; esac   # settings' words, no SQL
		case $f in */src/store/pg.c|*/src/store/sqlite.c) continue ;; esac   # each engine's own SQL
		gcc -fpreprocessed -dD -E -P "$f" 2>/dev/null
	done | grep -oE '"([^"\\]|\\.)*"' | grep -oE '(^|[^%A-Za-z0-9_])[A-Za-z_][A-Za-z_0-9]* ?\(' |
		sed 's/^[^A-Za-z_]//; s/ \{0,1\}($//' | tr 'A-Z' 'a-z' | sort -u >"$tmp/called"
	temps=$(grep -rhoE "CREATE TEMP TABLE (IF NOT EXISTS )?[a-z_]+" "$here/src" | awk '{print $NF}' | tr '\n' ' ')
	missing=$(pg "SELECT string_agg(n, ' ' ORDER BY n) FROM unnest(string_to_array('$(tr '\n' ' ' <"$tmp/called")', ' ')) n
	  WHERE n <> '' AND n NOT IN ('and', 'or', 'not', 'in', 'exists', 'values', 'select', 'from', 'where',
	        'cast', 'conflict', 'over', 'filter', 'using', 'on', 'as', 'into', 'set', 'with', 'join',
	        'coalesce', 'nullif', 'trim',   -- the last in PostgreSQL's grammar, not in pg_proc
	        'typeof')   -- io/move_check.c: run on migrate-to's SQLite source only
	    AND n <> ALL (string_to_array('$temps', ' '))
	    AND NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = n
	                      AND pronamespace IN ('public'::regnamespace, 'pg_catalog'::regnamespace))
	    AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = n AND relnamespace = 'public'::regnamespace)")
	is "every function the program's SQL calls exists in PostgreSQL ($(wc -l <"$tmp/called") names)" \
		"" "$missing"
	# pg_proc has a char(), a cast, but char(9, 10) does not parse: the
	# store must rewrite it, and db/pg/001 must say so
	! grep -qx char "$tmp/called" || grep -q "char(9, 10) does not parse" "$here/db/pg/001_register.sql"
	verdict "char(), which PostgreSQL does not parse, is in db/pg/001's list for the store"
else
	fail "every function the program's SQL calls exists in PostgreSQL (needs gcc to read src)"
fi

# SQLite's functions, three zones (one without daylight saving, two with)
for zone in Asia/Shanghai America/New_York Europe/London; do
	TZ=$zone sqlite3 -batch :memory: <"$here/tests/pg/compat_cases.sql" >"$tmp/want" 2>&1
	PGTZ=$zone "$PSQL" "$db" -X -q -At -v ON_ERROR_STOP=1 -f "$here/tests/pg/compat_cases.sql" \
		>"$tmp/got" 2>&1
	same "SQLite's functions answer as sqlite3 does, TZ=$zone ($(wc -l <"$tmp/want") answers)" \
		"$tmp/want" "$tmp/got"
done

# row-level security
"$PSQL" "$db" -X -q -v ON_ERROR_STOP=1 -f "$here/db/pg/017_area_policies.sql" >/dev/null &&
	"$PSQL" "$db" -X -q -v ON_ERROR_STOP=1 -f "$here/db/pg/017_area_policies.sql" >/dev/null
verdict "017_area_policies.sql applies again"
pg "SELECT jiance_officer_role(login) FROM officers; CREATE ROLE stranger; GRANT jiance_officer TO stranger;
    INSERT INTO contacts(name, kind, area_id) VALUES ('二村的', '村干部', 4), ('甲镇的', '乡镇干部', 2),
      ('乙镇的', '乡镇干部', 5), ('县里的', '驻村干部', 1)" >/dev/null
# as ROLE SQL: SQL run as the officer's role
as() { pg "SET ROLE $1; $2"; }
counts="SELECT string_agg(t || '=' || n, ' ' ORDER BY t) FROM (
  SELECT 'households' t, count(*) n FROM households UNION ALL
  SELECT 'members', count(*) FROM members UNION ALL SELECT 'member_names', count(*) FROM member_names
  UNION ALL SELECT 'household_risks', count(*) FROM household_risks
  UNION ALL SELECT 'incomes', count(*) FROM incomes UNION ALL SELECT 'rigid', count(*) FROM rigid_expenses
  UNION ALL SELECT 'leads', count(*) FROM leads UNION ALL SELECT 'lead_sources', count(*) FROM lead_sources
  UNION ALL SELECT 'runs', count(*) FROM flow_runs UNION ALL SELECT 'steps', count(*) FROM flow_steps
  UNION ALL SELECT 'step_data', count(*) FROM step_data UNION ALL SELECT 'postings', count(*) FROM postings
  UNION ALL SELECT 'objections', count(*) FROM objections
  UNION ALL SELECT 'snapshots', count(*) FROM run_snapshots
  UNION ALL SELECT 'assignments', count(*) FROM contact_assignments
  UNION ALL SELECT 'measures', count(*) FROM measures UNION ALL SELECT 'visits', count(*) FROM visits
  UNION ALL SELECT 'events', count(*) FROM member_events UNION ALL SELECT 'upstream', count(*) FROM upstream
  UNION ALL SELECT 'drafts', count(*) FROM drafts UNION ALL SELECT 'audit', count(*) FROM audit) c"
expect "v101201 sees its village's households only" "1,2" \
	"SET ROLE v101201; SELECT string_agg(id::text, ',' ORDER BY id) FROM households"
expect "v101201 sees only what hangs off them (its village's lead without a household too)" \
	"assignments=2 audit=3 drafts=2 events=2 household_risks=1 households=2 incomes=2 lead_sources=2 leads=2 measures=2 member_names=2 members=2 objections=2 postings=2 rigid=2 runs=3 snapshots=2 step_data=2 steps=2 upstream=3 visits=3" \
	"SET ROLE v101201; $counts"
expect "v101201 sees the contacts of its village and of the township and county above it" \
	"8|0" "SET ROLE v101201; SELECT count(*) FROM contacts;
	 SELECT count(*) FROM contacts WHERE area_id NOT IN (1, 2, 3)"
expect "the township officer sees the contacts of its villages, itself and its county" "9|0" \
	"SET ROLE t1011; SELECT count(*) FROM contacts; SELECT count(*) FROM contacts WHERE area_id = 5"
expect "v101202 sees the other village" "3" "SET ROLE v101202; SELECT string_agg(id::text, ',') FROM households"
expect "a group's officer sees the group's village" "1,2" \
	"SET ROLE g1012011; SELECT string_agg(id::text, ',' ORDER BY id) FROM households"
expect "the township officer sees both its villages" "1,2,3|3" \
	"SET ROLE t1011; SELECT string_agg(id::text, ',' ORDER BY id) FROM households;
	 SELECT count(*) FROM leads WHERE household_id IS NULL OR household_id <> 4"
expect "the county officer sees the county" "4|4" \
	"SET ROLE c101; SELECT count(*) FROM households; SELECT count(*) FROM leads"
expect "an inactive officer and a role that is no officer see nothing" "0|0" \
	"SET ROLE gone; SELECT count(*) FROM households; SET ROLE stranger; SELECT count(*) FROM households"
refused "v101201 cannot write a household into another village" "row-level security" \
	"SET ROLE v101201; INSERT INTO households(hh_no, county_id, township_id, village_id) VALUES ('x', 1, 2, 4)"
refused "v101201 cannot move its household out of its village" "row-level security" \
	"SET ROLE v101201; UPDATE households SET village_id = 4 WHERE id = 1"
got=$("$PSQL" "$db" -X -A -t -v ON_ERROR_STOP=1 -c "SET ROLE v101201" \
	-c "UPDATE households SET phone = '1' WHERE id = 3" -c "DELETE FROM visits WHERE household_id = 3" 2>&1 |
	tr '\n' '|')
is "v101201 changes nothing outside its village" "SET|UPDATE 0|DELETE 0|" "$got"
got=$("$PSQL" "$db" -X -A -t -q -v ON_ERROR_STOP=1 -c "SET ROLE v101201" \
	-c "UPDATE households SET phone = '138' WHERE id = 1" -c "RESET ROLE" \
	-c "SELECT count(*) FROM households WHERE phone = '138'" 2>&1)
is "v101201 writes in its village" "1" "$got"
expect "v101201 appends to the audit" "1" \
	"SET ROLE v101201; INSERT INTO audit(officer_id, tbl, rec, household_id) VALUES (1, 'households', 1, 1);
	 RESET ROLE; SELECT count(*) FROM audit WHERE officer_id = 1"
refused "v101201 cannot change the audit" "permission denied" "SET ROLE v101201; UPDATE audit SET new = 'x'"
refused "v101201 cannot delete from the audit" "permission denied" "SET ROLE v101201; DELETE FROM audit"
refused "v101201 cannot change officers" "permission denied" "SET ROLE v101201; UPDATE officers SET area_id = 1"

echo "schema_test: $pass passed, $failed failed"
[ "$failed" = 0 ]
