# The schema as lines to compare, from SQLite (sqlite_catalog DB) and from
# PostgreSQL (pg_catalog URL), both printing the same words for the same
# schema: SQLite's types and defaults are written as db/pg writes them.
# Sourced by schema_test.sh.  FTS5's member_names (and its shadow tables) is
# left to schema_test.sh: PostgreSQL holds a plain table in its place.

# every section is "kind|table|...", sorted with LC_ALL=C
sqlite_catalog() {
	sqlite3 -batch -noheader "$1" <<'EOF' | LC_ALL=C sort
CREATE TEMP VIEW tabs AS SELECT name FROM sqlite_master WHERE type = 'table'
  AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE 'member\_names%' ESCAPE '\';
SELECT 'table|' || name FROM tabs;
SELECT 'view|' || name FROM sqlite_master WHERE type = 'view';
-- a column: position, name, type, null, default ("identity" for SQLite's
-- rowid alias named id; the other aliases, a run's run_id, take the run's id)
SELECT 'column|' || t.name || '|' || p.cid || '|' || p.name || '|'
  || CASE upper(p.type) WHEN 'INTEGER' THEN 'bigint' WHEN 'TEXT' THEN 'text'
       WHEN 'REAL' THEN 'double precision' ELSE '?' || p.type END || '|'
  || CASE WHEN p."notnull" OR p.pk > 0 THEN 'not null' ELSE 'null' END || '|'
  || CASE WHEN p.name = 'id' AND p.pk = 1 AND upper(p.type) = 'INTEGER' THEN 'identity'
       WHEN p.dflt_value IS NULL THEN ''
       WHEN p.dflt_value LIKE '%datetime(''now'')%' THEN 'now utc seconds'
       WHEN p.dflt_value LIKE '%:%S''%''localtime''%' THEN 'now local seconds'
       WHEN p.dflt_value LIKE '%:%M''%''localtime''%' THEN 'now local minutes'
       ELSE p.dflt_value END
  FROM tabs t, pragma_table_info(t.name) p;
SELECT 'pkey|' || tbl || '|' || group_concat(col, ',') FROM
  (SELECT t.name tbl, p.name col FROM tabs t, pragma_table_info(t.name) p
    WHERE p.pk > 0 ORDER BY t.name, p.pk) GROUP BY tbl;
SELECT 'unique|' || tbl || '|' || group_concat(col, ',') FROM
  (SELECT t.name tbl, l.name idx, i.name col FROM tabs t, pragma_index_list(t.name) l,
          pragma_index_info(l.name) i WHERE l.origin = 'u' ORDER BY t.name, l.name, i.seqno)
  GROUP BY tbl, idx;
SELECT 'index|' || tbl || '|' || idx || '|' || uniq || '|' || partial || '|' || group_concat(col, ',')
  FROM (SELECT m.tbl_name tbl, m.name idx, l."unique" uniq, l.partial partial,
               coalesce(x.name, '<expr>') col
          FROM sqlite_master m, pragma_index_list(m.tbl_name) l, pragma_index_xinfo(m.name) x
         WHERE m.type = 'index' AND m.sql IS NOT NULL AND l.name = m.name AND x.key
         ORDER BY m.name, x.seqno)
 GROUP BY tbl, idx;
SELECT 'fkey|' || t.name || '|' || f."from" || '|' || f."table" || '|' || coalesce(f."to", 'id')
  || '|' || f.on_delete FROM tabs t, pragma_foreign_key_list(t.name) f;
SELECT 'checks|' || name || '|' || ((length(sql) - length(replace(sql, 'CHECK (', ''))) / 7)
  FROM sqlite_master WHERE name IN (SELECT name FROM tabs) AND sql LIKE '%CHECK (%';
-- triggers: SQLite's, plus what db/pg adds: each identity's follower, and
-- a TRUNCATE guard beside each append-only table's
SELECT 'trigger|' || tbl_name || '|' || name FROM sqlite_master WHERE type = 'trigger';
SELECT 'trigger|' || tbl_name || '|' || replace(name, '_no_delete', '_no_truncate')
  FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\_no\_delete' ESCAPE '\';
SELECT 'trigger|' || t.name || '|' || t.name || '_id_follows' FROM tabs t, pragma_table_info(t.name) p
 WHERE p.name = 'id' AND p.pk = 1 AND upper(p.type) = 'INTEGER';
EOF
}

pg_catalog() {
	"${PSQL:-psql}" "$1" -X -q -At -v ON_ERROR_STOP=1 <<'EOF' | LC_ALL=C sort
CREATE TEMP VIEW tabs AS SELECT c.oid, c.relname AS name FROM pg_class c
  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname <> 'member_names';
SELECT 'table|' || name FROM tabs;
SELECT 'view|' || viewname FROM pg_views WHERE schemaname = 'public';
SELECT 'column|' || t.name || '|' || (row_number() OVER (PARTITION BY t.name ORDER BY a.attnum) - 1)
  || '|' || a.attname || '|' || format_type(a.atttypid, a.atttypmod) || '|'
  || CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END || '|'
  || CASE WHEN a.attidentity = 'd' THEN 'identity'
       WHEN d.adbin IS NULL THEN ''
       WHEN pg_get_expr(d.adbin, d.adrelid) LIKE 'to_char((statement_timestamp() AT TIME ZONE ''UTC''::text), ''YYYY-MM-DD HH24:MI:SS''::text)'
         THEN 'now utc seconds'
       WHEN pg_get_expr(d.adbin, d.adrelid) = 'to_char(statement_timestamp(), ''YYYY-MM-DD HH24:MI:SS''::text)'
         THEN 'now local seconds'
       WHEN pg_get_expr(d.adbin, d.adrelid) = 'to_char(statement_timestamp(), ''YYYY-MM-DD HH24:MI''::text)'
         THEN 'now local minutes'
       ELSE regexp_replace(pg_get_expr(d.adbin, d.adrelid), '::text$', '') END
  FROM tabs t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = t.oid AND d.adnum = a.attnum;
CREATE TEMP VIEW keys AS
  SELECT c.contype, t.name tbl, c.conname, c.conindid,
         string_agg(a.attname, ',' ORDER BY k.ord) cols, c.confrelid, c.confkey, c.confdeltype
    FROM pg_constraint c JOIN tabs t ON t.oid = c.conrelid
         CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
   GROUP BY c.oid, t.name;
SELECT 'pkey|' || tbl || '|' || cols FROM keys WHERE contype = 'p';
SELECT 'unique|' || tbl || '|' || cols FROM keys WHERE contype = 'u';
SELECT 'fkey|' || tbl || '|' || cols || '|' || confrelid::regclass || '|'
  || (SELECT attname FROM pg_attribute WHERE attrelid = confrelid AND attnum = confkey[1]) || '|'
  || CASE confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
       WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END
  FROM keys WHERE contype = 'f';
SELECT 'checks|' || tbl || '|' || count(*) FROM keys WHERE contype = 'c' GROUP BY tbl;
SELECT 'index|' || t.name || '|' || ic.relname || '|' || i.indisunique::int || '|'
  || (i.indpred IS NOT NULL)::int || '|'
  || string_agg(CASE WHEN k.attnum = 0 THEN '<expr>' ELSE a.attname END, ',' ORDER BY k.ord)
  FROM pg_index i JOIN tabs t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
       CROSS JOIN LATERAL unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY k(attnum, ord)
  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
 GROUP BY t.name, ic.relname, i.indisunique, i.indpred IS NOT NULL;
SELECT 'trigger|' || t.name || '|' || g.tgname FROM pg_trigger g JOIN tabs t ON t.oid = g.tgrelid
 WHERE NOT g.tgisinternal;
EOF
}
