-- PostgreSQL 15 dialect of db/005_imports.sql (issue 17): the same tables, columns,
-- constraints and indexes; see db/pg/001_register.sql for the mapping.
-- 005: imports that count exactly (issue 14).
-- A visit imported twice, one import after the other or two officers at the
-- same moment, is stored once: the import checks household, day and
-- findings inside its write transaction and records their digest here,
-- unique.  Visits typed in forms keep NULL.
ALTER TABLE visits ADD COLUMN import_key text;
CREATE UNIQUE INDEX visits_import_key ON visits(import_key) WHERE import_key IS NOT NULL;
