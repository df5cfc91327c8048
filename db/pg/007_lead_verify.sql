-- PostgreSQL 15 dialect of db/007_lead_verify.sql (issue 17): the same tables, columns,
-- constraints and indexes; see db/pg/001_register.sql for the mapping.
-- jiance schema 6: leads with an owner, a verify-by date and an answer
-- (SPEC §4, issue 12: 线索分派核验).  A lead is assigned to an officer, or
-- (NULL) to the village officers of its village; it must be verified by
-- verify_by, counted in working days from its date when it is registered;
-- the result is recorded with who and when.  Leads registered before this
-- schema have no verify_by: the identification deadline still marks them.
-- Those already started have their result, which is a fact; dismissed ones
-- were dismissed for reasons written in words, so their result stays empty.

ALTER TABLE leads ADD COLUMN assigned_to bigint REFERENCES officers(id);
ALTER TABLE leads ADD COLUMN verify_by text;
ALTER TABLE leads ADD COLUMN result text CHECK (result IN ('核实无风险','启动识别','已在监测'));
ALTER TABLE leads ADD COLUMN result_by bigint REFERENCES officers(id);
ALTER TABLE leads ADD COLUMN result_on text;
ALTER TABLE leads ADD COLUMN result_note text NOT NULL DEFAULT '';
UPDATE leads SET result = '启动识别', result_on = closed_on WHERE state = '已启动识别';
CREATE INDEX leads_verify ON leads(state, verify_by);
CREATE INDEX lead_sources_department ON lead_sources(department, lead_id);
UPDATE leads SET result_by = (SELECT r.started_by FROM flow_runs r WHERE r.id = leads.run_id)
  WHERE state = '已启动识别';
