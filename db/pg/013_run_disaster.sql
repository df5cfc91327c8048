-- PostgreSQL 15 dialect of db/013_run_disaster.sql (issue 17): the same tables, columns,
-- constraints and indexes; see db/pg/001_register.sql for the mapping.
-- jiance schema: identification asks the sub-item of 因自然灾害 (issue 15).
-- An identification run proposes the risks and, with 因自然灾害, which
-- sub-items of the national table 100A271 (codes.disasters) struck the
-- household, '、'-joined; they become the household's own (households.
-- disaster) when the run passes, as the risks do.  Runs opened before keep
-- '' and are asked at the step that decides the risks.
ALTER TABLE flow_runs ADD COLUMN disaster text NOT NULL DEFAULT '';
