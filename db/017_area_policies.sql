-- jiance schema 17: nothing on SQLite.  On PostgreSQL this version gives
-- each officer a role and row-level security by area
-- (db/pg/017_area_policies.sql); an SQLite file is reached only through
-- the program, which keeps the area itself (src/access/scope.c).
SELECT 1;
