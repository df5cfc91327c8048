-- PostgreSQL 15 dialect of db/012_import_writes.sql (issue 17): the same tables, columns,
-- constraints and indexes; see db/pg/001_register.sql for the mapping.
-- jiance schema: less work for each lead an import writes under the write
-- lock (issue 14, county speed; issue 13, saves waiting for an import).
--
-- A warning list names mostly people not yet in any household: their
-- leads and every audit record about them have no household, and the two
-- indexes by household kept an entry for each of those too, which no
-- query asks for (a household's history and its open leads are always
-- looked up by its id).
DROP INDEX audit_household;
CREATE INDEX audit_household ON audit(household_id, id) WHERE household_id IS NOT NULL;
DROP INDEX leads_household;
CREATE INDEX leads_household ON leads(household_id, state) WHERE household_id IS NOT NULL;
-- SQLite's schema then rewrote the CHECKs of leads and lead_sources from
-- x IN (a, b, c) to x = a OR x = b OR x = c, for SQLite's speed only: the
-- rule is the same, and PostgreSQL compares in place either way, so the
-- constraints of 001 and 007 stay as they are.
