-- PostgreSQL 15 dialect of db/014_check_indexes.sql (issue 17): the same tables, columns,
-- constraints and indexes; see db/pg/001_register.sql for the mapping.
-- jiance schema 14: partial indexes for `jiance check` (issue 15's rules
-- made it 5.4 s on the 200,000-household demo county).  The records that
-- contradict the rules (flow/contradictions.c) are few, but three of its
-- counts read every visit or every run to find them: now each reads only
-- the rows its condition names (the index's WHERE is the query's, word for
-- word, so SQLite takes it).
CREATE INDEX visits_on ON visits(visited_on);
-- char(9, 10, 13, 12288) does not parse in PostgreSQL (CHAR is a type
-- keyword): the same characters as an escaped literal.  PostgreSQL folds
-- constants before it compares a query's condition with the index's, so a
-- query may write the blanks as this literal or as ' ' || E'\t\n\r\u3000'.
CREATE INDEX visits_blank ON visits(household_id)
  WHERE trim(coalesce(findings, ''), E' \t\n\r\u3000') = '';
CREATE INDEX runs_unlined ON flow_runs(household_id)
  WHERE state <> '进行中' AND line_year IS NULL;
