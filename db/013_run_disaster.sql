-- jiance schema: identification asks the sub-item of 因自然灾害 (issue 15).
-- An identification run proposes the risks and, with 因自然灾害, which
-- sub-items of the national table 100A271 (codes.disasters) struck the
-- household, '、'-joined; they become the household's own (households.
-- disaster) when the run passes, as the risks do.  Runs opened before keep
-- '' and are asked at the step that decides the risks.
ALTER TABLE flow_runs ADD COLUMN disaster TEXT NOT NULL DEFAULT '';
