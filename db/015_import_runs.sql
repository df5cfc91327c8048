-- jiance schema: an import's leads written in short transactions (issue 13:
-- a save waits at most one short transaction for a county-wide import;
-- issue 14: the write lock held at most a fraction of a second).
--
-- The checked file's plan is first staged here, in short transactions, while
-- the run is 'staging': invisible to every screen and query, and thrown away
-- if its importer dies before it is whole.  One short transaction then
-- makes the run 'ready': from that moment the import is decided, like a
-- commit record, and its chunks are applied one short transaction each,
-- each deleting its plan rows as it writes their leads.  If the importer
-- dies while applying, the next jiance to start finishes the run
-- (src/flow/lead_stage.c), so a file is in the register whole or not at all.
CREATE TABLE import_runs (
  id          INTEGER PRIMARY KEY,
  state       TEXT NOT NULL CHECK (state = 'staging' OR state = 'ready'),
  officer_id  INTEGER NOT NULL REFERENCES officers(id),
  owner_host  TEXT NOT NULL,           -- the importer, to tell whether it still runs
  owner_pid   INTEGER NOT NULL,
  beat        INTEGER NOT NULL,        -- unix time of its last transaction
  mark        INTEGER NOT NULL,        -- the last audit record its plan has seen
  started_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime'))
);

-- One row of the plan: the lead_input and lead_plan an import row was
-- checked into.  Rows that join one lead share a chunk.
CREATE TABLE import_plan (
  run_id        INTEGER NOT NULL REFERENCES import_runs(id),
  chunk         INTEGER NOT NULL,
  seq           INTEGER NOT NULL,
  row_idx       INTEGER NOT NULL,      -- the row in the importer's file
  household_id  INTEGER NOT NULL,      -- lead_input
  village_id    INTEGER NOT NULL,
  id_no         TEXT NOT NULL,
  name          TEXT NOT NULL,
  channel       TEXT NOT NULL,
  department    TEXT NOT NULL,
  found_on      TEXT NOT NULL,
  reason        TEXT NOT NULL,
  import_key    TEXT NOT NULL,
  unregistered  INTEGER NOT NULL,
  p_household   INTEGER NOT NULL,      -- lead_plan
  p_village     INTEGER NOT NULL,
  p_township    INTEGER NOT NULL,
  p_open        INTEGER NOT NULL,
  p_status      INTEGER NOT NULL,
  p_id_no       TEXT NOT NULL,
  p_name        TEXT NOT NULL,
  PRIMARY KEY (run_id, chunk, seq)
) WITHOUT ROWID;
