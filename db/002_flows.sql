-- jiance schema 2: five-step flow runs, postings and objections, contact
-- assignments, assistance measures and home visits.

CREATE TABLE flow_runs (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES households(id),
  kind          TEXT NOT NULL CHECK (kind IN ('识别纳入','风险消除')),
  step          INTEGER NOT NULL DEFAULT 1 CHECK (step BETWEEN 1 AND 5),
  state         TEXT NOT NULL DEFAULT '进行中' CHECK (state IN ('进行中','通过','不通过')),
  lead_id       INTEGER REFERENCES leads(id),
  started_on    TEXT NOT NULL,
  started_by    INTEGER REFERENCES officers(id),
  closed_on     TEXT,
  -- what the run proposes: type and risks (identification), method (elimination)
  hh_type       TEXT,
  risks         TEXT NOT NULL DEFAULT '',    -- '、'-separated, at most five
  elim_method   TEXT,
  -- the date the identification deadline counts from: the lead's date
  counted_from  TEXT NOT NULL,
  -- the household's status before the run, restored when the run fails
  prior_status  TEXT NOT NULL DEFAULT '线索',
  version       INTEGER NOT NULL DEFAULT 1
);
-- at most one open run per household
CREATE UNIQUE INDEX runs_one_open ON flow_runs(household_id) WHERE state = '进行中';
CREATE INDEX runs_step ON flow_runs(state, step);
CREATE INDEX runs_household ON flow_runs(household_id, id);

CREATE TABLE flow_steps (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES flow_runs(id),
  step        INTEGER NOT NULL CHECK (step BETWEEN 1 AND 5),
  officer_id  INTEGER NOT NULL REFERENCES officers(id),
  done_on     TEXT NOT NULL,
  entered_at  TEXT NOT NULL DEFAULT (datetime('now')),
  outcome     TEXT NOT NULL CHECK (outcome IN ('通过','退回','不通过')),
  back_to     INTEGER CHECK (back_to BETWEEN 1 AND 4),
  reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX steps_run ON flow_steps(run_id, id);

-- each step's own data (SPEC §5 table), as named values
CREATE TABLE step_data (
  step_id INTEGER NOT NULL REFERENCES flow_steps(id),
  key     TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (step_id, key)
) WITHOUT ROWID;

CREATE TABLE postings (
  run_id   INTEGER PRIMARY KEY REFERENCES flow_runs(id),
  place    TEXT NOT NULL CHECK (place <> ''),
  start_on TEXT NOT NULL,
  end_on   TEXT NOT NULL
);

CREATE TABLE objections (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES flow_runs(id),
  received_on TEXT NOT NULL,
  content     TEXT NOT NULL,
  resolved    INTEGER NOT NULL DEFAULT 0,
  resolved_on TEXT,
  resolution  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX objections_run ON objections(run_id, resolved);

CREATE TABLE contact_assignments (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  contact_id   INTEGER NOT NULL REFERENCES contacts(id),
  from_on      TEXT NOT NULL,
  to_on        TEXT,
  officer_id   INTEGER REFERENCES officers(id)
);
CREATE INDEX assign_household ON contact_assignments(household_id, id);
CREATE INDEX assign_contact ON contact_assignments(contact_id, to_on);
CREATE UNIQUE INDEX assign_one_current ON contact_assignments(household_id) WHERE to_on IS NULL;

CREATE TABLE measures (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  category     TEXT NOT NULL,
  developmental INTEGER NOT NULL DEFAULT 0,   -- 开发式, from the category
  content      TEXT NOT NULL CHECK (content <> ''),
  department   TEXT NOT NULL DEFAULT '',
  start_on     TEXT NOT NULL,
  end_on       TEXT,
  amount       INTEGER CHECK (amount IS NULL OR amount >= 0),  -- 分
  state        TEXT NOT NULL DEFAULT '实施中' CHECK (state IN ('计划','实施中','已完成')),
  entered_on   TEXT NOT NULL,
  officer_id   INTEGER REFERENCES officers(id),
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX measures_household ON measures(household_id, developmental);
CREATE INDEX measures_category  ON measures(category, state);

CREATE TABLE visits (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  contact_id   INTEGER REFERENCES contacts(id),
  visited_on   TEXT NOT NULL,
  entered_on   TEXT NOT NULL,
  findings     TEXT NOT NULL DEFAULT '',
  income_change TEXT NOT NULL DEFAULT '',
  new_risks    TEXT NOT NULL DEFAULT '',
  guarantee_problems TEXT NOT NULL DEFAULT '',
  officer_id   INTEGER REFERENCES officers(id),
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX visits_household ON visits(household_id, visited_on);

-- the last visit that happened, kept with the household so the overdue flag
-- is an indexed comparison, not a scan of all visits
ALTER TABLE households ADD COLUMN last_visit_on TEXT;
CREATE INDEX hh_last_visit ON households(status, last_visit_on);
