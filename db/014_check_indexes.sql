-- jiance schema 14: partial indexes for `jiance check` (issue 15's rules
-- made it 5.4 s on the 200,000-household demo county).  The records that
-- contradict the rules (flow/contradictions.c) are few, but three of its
-- counts read every visit or every run to find them: now each reads only
-- the rows its condition names (the index's WHERE is the query's, word for
-- word, so SQLite takes it).
CREATE INDEX visits_on ON visits(visited_on);
CREATE INDEX visits_blank ON visits(household_id)
  WHERE trim(coalesce(findings, ''), ' ' || char(9, 10, 13, 12288)) = '';
CREATE INDEX runs_unlined ON flow_runs(household_id)
  WHERE state <> '进行中' AND line_year IS NULL;
