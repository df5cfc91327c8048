-- PostgreSQL 15 dialect of db/004_search.sql (issue 17): the same tables, columns,
-- constraints and indexes; see db/pg/001_register.sql for the mapping.
-- jiance schema 4: the search box's pinyin indexes carry the household.
-- A search by pinyin gathers the households of every matching member; with
-- household_id in the index that is one index walk instead of one members
-- row read per match (measured on the 200,000-household demo: "zs", 4,796
-- members, 19 ms -> 12 ms from cold pages, 12 -> 6 ms warm).

DROP INDEX members_pinyin;
CREATE INDEX members_pinyin ON members(pinyin, household_id);
DROP INDEX members_initials;
CREATE INDEX members_initials ON members(initials, household_id);

-- Databases made while schema 3 was young lack its list indexes.
CREATE INDEX IF NOT EXISTS hh_township_name ON households(township_id, head_pinyin);
CREATE INDEX IF NOT EXISTS hh_village_name  ON households(village_id, head_pinyin);
