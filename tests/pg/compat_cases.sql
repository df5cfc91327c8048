-- The SQLite functions of db/pg/001_register.sql against SQLite itself:
-- schema_test.sh runs this file in sqlite3 and in psql (the same text, valid
-- in both dialects) and wants the same lines.  Each line is one text
-- column; numbers are cast to text in ways both engines print alike (a
-- julian day as its milliseconds).

CREATE TEMP TABLE ts_in (id integer, v text, local integer);
INSERT INTO ts_in VALUES
  (1, NULL, 1), (2, '', 1), (3, 'x', 1), (4, '2024-01-31', 1), (5, '2023-02-31', 1),
  (6, '2024-13-01', 1), (7, '2024-02-29 12:34:56.789', 1), (8, '2024-01-01T08:00', 1),
  (9, '2024-01-01 08:00 +08:00', 1), (10, '2024-01-01 08:00Z', 1), (11, '12:30', 1),
  (12, '12:30:15', 1), (13, '24:00', 1), (14, '25:00', 1), (15, '2460000.5', 1),
  (16, '2024', 1), (17, ' 2024-01-01', 1), (18, '2024-01-01 ', 1), (19, '2024-1-01', 1),
  (20, '2024-01-01 7:00', 1), (21, '2024-06-30 23:59:59', 1), (22, '2024-01-00', 1),
  (23, '0000-01-01', 0), (24, '9999-12-31 23:59:59', 0), (25, '2024-01-01 08:00-05:30', 1),
  (26, '2024-01-01 08:00+15:00', 1), (27, '2024-01-01x', 1), (28, '1e3', 1),
  (29, '-1', 1), (30, '2024-03-10 02:30', 1), (31, '2024-11-03 01:30', 1),
  (32, '2024-12-31 12:00:00.9996', 1), (33, '1999-12-31 23:59:60', 1), (34, 'NOW ', 1);

CREATE TEMP TABLE fmt_in (id integer, f text);
INSERT INTO fmt_in VALUES
  (1, '%Y-%m-%d %H:%M:%S'), (2, '%Y-%m-%d %H:%M'), (3, '%Y-%m-%d'), (4, '%j'), (5, '%w'),
  (6, '%s'), (7, '%f'), (8, '%H%%'), (9, 'x%q'), (10, NULL), (11, '年%m月%d日'), (12, '%');

SELECT 'julianday|' || id || '|'
  || coalesce(CAST(CAST(round(julianday(v) * 86400000) AS bigint) AS text), 'NULL')
  FROM ts_in ORDER BY id;
SELECT 'strftime|' || t.id || '|' || f.id || '|' || coalesce(strftime(f.f, t.v), 'NULL')
  FROM ts_in t, fmt_in f ORDER BY t.id, f.id;
SELECT 'localtime|' || t.id || '|' || f.id || '|'
  || coalesce(strftime(f.f, t.v, 'localtime'), 'NULL')
  FROM ts_in t, fmt_in f WHERE t.local = 1 ORDER BY t.id, f.id;
SELECT 'datetime|' || id || '|' || coalesce(datetime(v), 'NULL') || '|'
  || coalesce(datetime(v, 'localtime'), 'NULL') FROM ts_in WHERE local = 1 ORDER BY id;
SELECT 'modifier|' || coalesce(strftime('%Y', '2024-01-01', NULL), 'NULL') || '|'
  || coalesce(strftime('%Y', '2024-01-01', 'LocalTime'), 'NULL');
-- 'now': the zone's offset, and the two spellings of the same instant
SELECT 'now|' || CAST(CAST(strftime('%s', 'now', 'localtime') AS bigint)
                      - CAST(strftime('%s', 'now') AS bigint) AS text) || '|'
  || CAST(datetime('now') = strftime('%Y-%m-%d %H:%M:%S', 'now') AS integer) || '|'
  || length(datetime('now')) || '|' || length(strftime('%Y-%m-%d %H:%M', 'now', 'localtime'));

CREATE TEMP TABLE pairs (id integer, a text, b text);
INSERT INTO pairs VALUES
  (1, NULL, 'a'), (2, 'a', NULL), (3, NULL, NULL), (4, 'abc', ''), (5, '', ''),
  (6, 'abc', 'c'), (7, 'abc', 'd'), (8, '线索识别中监测中', '监测中'), (9, '张三丰', '三'),
  (10, '2024-01-02', '2023-05-06'), (11, 'b', 'B'), (12, 'aab', 'ab'), (13, '', 'a');
SELECT 'instr|' || id || '|' || coalesce(CAST(instr(a, b) AS text), 'NULL') FROM pairs ORDER BY id;
SELECT 'max|' || id || '|' || coalesce(max(a, b), 'NULL') || '|' || coalesce(min(a, b), 'NULL')
  FROM pairs ORDER BY id;

CREATE TEMP TABLE amounts (id integer, a bigint);
INSERT INTO amounts VALUES
  (1, NULL), (2, 0), (3, 1), (4, -1), (5, 5), (6, -5), (7, 50), (8, 12345), (9, -12345),
  (10, 99999999999), (11, 267), (12, 2675), (13, 100);
SELECT 'printf|' || id || '|' || coalesce(printf('%.2f', a / 100.0), 'NULL') || '|'
  || coalesce(printf('共%.1f元%%', a / 100.0), 'NULL') FROM amounts ORDER BY id;
SELECT 'printf_more|' || coalesce(printf(NULL, 1), 'NULL') || '|' || printf('%.2f', NULL) || '|'
  || printf('%f', 1.5) || '|' || printf('%.0f', 2.5) || '|' || printf('%.0f', -0.4) || '|'
  || printf('%.2f', -0.001) || '|' || printf('%.2f%%', 0.125);

CREATE TEMP TABLE ks (k integer);
INSERT INTO ks VALUES (1), (2), (3), (4);
CREATE TEMP TABLE g (k integer, ord integer, x text);
INSERT INTO g VALUES (1, 3, '因学'), (1, 1, '因病'), (1, 2, '因残'), (2, 2, 'x'), (2, 1, NULL),
  (2, 3, ''), (3, 1, NULL), (3, 2, NULL);
SELECT 'group_concat|' || k || '|'
  || coalesce((SELECT group_concat(x, '、') FROM (SELECT x FROM g WHERE g.k = ks.k ORDER BY ord) AS s), 'NULL') || '|'
  || coalesce((SELECT group_concat(x) FROM (SELECT x FROM g WHERE g.k = ks.k ORDER BY ord DESC) AS s), 'NULL') || '|'
  || coalesce((SELECT group_concat(x, NULL) FROM (SELECT x FROM g WHERE g.k = ks.k ORDER BY ord) AS s), 'NULL')
  FROM ks ORDER BY k;
SELECT 'total|' || ks.k || '|' || CAST(CAST(total(g.ord) * 10 AS bigint) AS text) || '|'
  || coalesce(CAST(sum(g.x IS NOT NULL) AS text), 'NULL') || '|'
  || coalesce(CAST(sum(g.x = '因病') AS text), 'NULL')
  FROM ks LEFT JOIN g ON g.k = ks.k GROUP BY ks.k ORDER BY ks.k;

CREATE TEMP TABLE docs (id integer, doc text, path text);
INSERT INTO docs VALUES
  (1, '["因病","因学"]', '$'),
  (2, '{"因病":["健康帮扶","社会帮扶"],"因 残":["综合保障"]}', '$."因病"'),
  (3, '{"因病":["健康帮扶","社会帮扶"],"因 残":["综合保障"]}', '$."因 残"'),
  (4, '{"因病":["健康帮扶"]}', '$."因学"'),
  (5, '{"a":{"b":[1,2]}}', '$.a.b'),
  (6, '[1,2.5,true,false,null,"x",[1],{"k":1}]', '$'),
  (7, '{"relation":["户主","之子"],"sex":[1,2]}', '$.relation'),
  (8, NULL, '$'),
  (9, '{"a":"b"}', '$'),
  (10, '"only"', '$'),
  (11, '[[1,2],[3]]', '$[1]');
SELECT 'json_each|' || d.id || '|' || coalesce(CAST(e.key AS text), 'NULL') || '|'
  || coalesce(CAST(e.value AS text), 'NULL') || '|' || e.type
  FROM docs d, json_each(d.doc, d.path) e ORDER BY d.id, e.key;
SELECT 'json_type|' || id || '|' || coalesce(json_type(doc, path), 'NULL') || '|'
  || coalesce(json_type(doc), 'NULL') FROM docs ORDER BY id;
