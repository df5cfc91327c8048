-- 005: imports that count exactly (issue 14).
-- A visit imported twice, one import after the other or two officers at the
-- same moment, is stored once: the import checks household, day and
-- findings inside its write transaction and records their digest here,
-- unique.  Visits typed in forms keep NULL.
ALTER TABLE visits ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX visits_import_key ON visits(import_key) WHERE import_key IS NOT NULL;
