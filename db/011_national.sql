-- jiance schema 11: the national system beside jiance (issue 15, SPEC §9a).
-- The national 户编号 is its own field, empty until known: jiance keeps
-- numbering its households itself (village code + sequence), and the
-- national number is filled by the national import or by a county officer
-- or administrator.  Two households never carry the same national number.
ALTER TABLE households ADD COLUMN nat_no TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX hh_nat_no ON households(nat_no) WHERE nat_no <> '';

-- What was changed in jiance and still has to be keyed into the national
-- system ("待录入国家系统"): written by the writer of the change, in its
-- transaction, with the national columns and their values as
-- "列名<TAB>值" lines.  An entry is marked as entered (who, when), never
-- deleted.  household_id is NULL for a lead that names a person only.
CREATE TABLE upstream (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER REFERENCES households(id),
  village_id   INTEGER NOT NULL REFERENCES areas(id),
  subject      TEXT NOT NULL DEFAULT '',     -- the person named, when no household
  what         TEXT NOT NULL CHECK (what <> ''),
  on_date      TEXT NOT NULL,
  fields       TEXT NOT NULL DEFAULT '',
  officer_id   INTEGER REFERENCES officers(id),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  entered_by   INTEGER REFERENCES officers(id),
  entered_at   TEXT
);
CREATE INDEX upstream_pending ON upstream(village_id, entered_at, household_id, id);
CREATE INDEX upstream_household ON upstream(household_id, id);

-- Social assistance monitored with the households (2026): the tags 低保,
-- 特困, 低保边缘, 支出型困难 a household carries, '、'-joined, set in the
-- household form or by a 民政 import.
ALTER TABLE households ADD COLUMN assist_tags TEXT NOT NULL DEFAULT '';
