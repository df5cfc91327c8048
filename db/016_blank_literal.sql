-- jiance schema 16: the blank-findings index of schema 14 with its blanks
-- written as characters in a literal, as flow/contradictions.c now writes
-- them: char(9, 10, 13, 12288) does not parse in PostgreSQL (CHAR is a
-- type keyword there), and SQLite takes a partial index only when the
-- query's WHERE is the index's word for word.
DROP INDEX visits_blank;
CREATE INDEX visits_blank ON visits(household_id)
  WHERE trim(coalesce(findings, ''), ' 	
　') = '';
