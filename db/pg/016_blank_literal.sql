-- jiance schema 16 on PostgreSQL: nothing to change.  SQLite's blank-findings
-- index is made again with its blanks as a literal (db/016_blank_literal.sql);
-- here schema 14 wrote it so from the start, and PostgreSQL matches a partial
-- index by the parsed condition, not by its text.
SELECT 1;
