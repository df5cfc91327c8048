-- jiance schema 17 on PostgreSQL: the database enforces the area (issue 17).
--
-- Each officer connects as a role of their own, named as their login
-- (officers.login, e.g. v101201).  The role has no rights of its own: it is
-- a member of jiance_officer, which has the table rights, and the policies
-- below give it exactly the rows jiance's session would (src/access/scope.c):
-- the officer's area is looked up in officers by current_user, and
--   village officer   households whose village_id is the area
--   township officer  households whose township_id is the area
--   county, admin     households whose county_id is the area
--   an officer set on a 村民小组 (level 4) sees the group's village
-- and an inactive or unknown officer sees nothing.  Every row hanging off a
-- household follows it: the tables with household_id directly, the rest
-- through their parent.  Leads and pending national entries without a
-- household follow their village.  Drafts and imports belong to their
-- officer.  Areas, officers and contacts stay readable by every officer
-- (names of other levels in a household's history, the area tree).
-- Writes: the same policy is the WITH CHECK of every scoped table.  The
-- audit table and member_events accept INSERT only.
--
-- The role of each officer is made when the officer is added (a trigger on
-- officers, whatever adds them: jiance officer add, init, demo, an import),
-- by jiance_officer_role, which runs with the rights of the database's
-- owner (who must have CREATEROLE).  The owner itself, which runs the
-- migrations and jiance's administration, is not subject to the policies.
-- How SSH front ends connect: README, "Moving to PostgreSQL".

SET client_min_messages = warning;   -- not the notices of a second run

-- an officer's scope, by login; SECURITY DEFINER so that it reads officers
-- and areas whatever the caller's rights, with a fixed search_path so that
-- a caller cannot substitute tables.  (Inside it current_user is its
-- owner: the caller's role is passed in by the functions below.)
CREATE OR REPLACE FUNCTION jiance_scope_of(who name, OUT level int, OUT area_id bigint,
                                           OUT officer_id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT CASE WHEN a.level > 3 THEN 3 ELSE a.level END::int,
         CASE WHEN a.level > 3 THEN a.village_id ELSE a.id END,
         o.id
    FROM officers o JOIN areas a ON a.id = o.area_id
   WHERE o.login = who AND o.active = 1
$$;
CREATE OR REPLACE FUNCTION jiance_scope(OUT level int, OUT area_id bigint, OUT officer_id bigint)
LANGUAGE sql STABLE AS $$ SELECT * FROM jiance_scope_of(current_user) $$;

-- one function per level, each NULL unless the officer is at that level.
-- A policy compares each with its column as a scalar subquery,
-- (SELECT jiance_scope_village()): evaluated once per query, where a bare
-- call is evaluated for every row (a county officer's count of 200,000
-- households took 254 s so, against milliseconds)
CREATE OR REPLACE FUNCTION jiance_scope_village() RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT area_id FROM jiance_scope() WHERE level = 3 $$;
CREATE OR REPLACE FUNCTION jiance_scope_township() RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT area_id FROM jiance_scope() WHERE level = 2 $$;
CREATE OR REPLACE FUNCTION jiance_scope_county() RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT area_id FROM jiance_scope() WHERE level = 1 $$;
CREATE OR REPLACE FUNCTION jiance_scope_officer() RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT officer_id FROM jiance_scope() $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiance_officer') THEN
    CREATE ROLE jiance_officer NOLOGIN;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION jiance_officer_role(login text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF login !~ '^[A-Za-z0-9._-]{1,32}$' THEN      -- officer.c's valid_login
    RAISE EXCEPTION 'not an officer''s login: %', login;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    EXECUTE format('CREATE ROLE %I LOGIN', login);
  END IF;
  EXECUTE format('GRANT jiance_officer TO %I', login);
END $$;

-- rights: read everything jiance reads, write what officers write
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM jiance_officer;
GRANT USAGE ON SCHEMA public TO jiance_officer;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO jiance_officer;
GRANT INSERT, UPDATE, DELETE ON households, household_risks, members, member_names, incomes,
  rigid_expenses, leads, lead_sources, flow_runs, flow_steps, step_data, postings, objections,
  contact_assignments, measures, visits, run_snapshots, upstream, drafts, import_runs,
  import_plan, contacts TO jiance_officer;
GRANT INSERT ON audit, member_events TO jiance_officer;
-- nextval for ids, setval for jiance_id_follows
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO jiance_officer;

-- scope(TABLE, PREDICATE): row-level security on TABLE, one policy named
-- area for every command, PREDICATE both what is seen and what may be written
CREATE OR REPLACE FUNCTION pg_temp.scope(tbl text, pred text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS area ON %I', tbl);
  EXECUTE format('CREATE POLICY area ON %I TO jiance_officer USING (%s) WITH CHECK (%s)',
                 tbl, pred, pred);
END $$;

DO $$
DECLARE
  -- the ids of the areas in the officer's scope (a village's own id too)
  areas text := 'SELECT a.id FROM areas a WHERE a.id = (SELECT jiance_scope_village())'
    ' OR a.village_id = (SELECT jiance_scope_village()) OR a.id = (SELECT jiance_scope_township())'
    ' OR a.township_id = (SELECT jiance_scope_township()) OR a.id = (SELECT jiance_scope_county())'
    ' OR a.county_id = (SELECT jiance_scope_county())';
  mine text := 'officer_id = (SELECT jiance_scope_officer())';
BEGIN
PERFORM pg_temp.scope('households',
  'village_id = (SELECT jiance_scope_village()) OR township_id = (SELECT jiance_scope_township())'
  ' OR county_id = (SELECT jiance_scope_county())');
PERFORM pg_temp.scope(t, 'household_id IN (SELECT id FROM households)')
  FROM unnest(ARRAY['household_risks', 'members', 'incomes', 'rigid_expenses', 'flow_runs',
                    'contact_assignments', 'measures', 'visits', 'run_snapshots']) t;
PERFORM pg_temp.scope(t, 'household_id IN (SELECT id FROM households) OR village_id IN (' || areas || ')')
  FROM unnest(ARRAY['leads', 'upstream']) t;
PERFORM pg_temp.scope('lead_sources', 'lead_id IN (SELECT id FROM leads)');
PERFORM pg_temp.scope(t, 'run_id IN (SELECT id FROM flow_runs)')
  FROM unnest(ARRAY['flow_steps', 'postings', 'objections']) t;
PERFORM pg_temp.scope('step_data', 'step_id IN (SELECT id FROM flow_steps)');
PERFORM pg_temp.scope('member_events', 'member_id IN (SELECT id FROM members)');
PERFORM pg_temp.scope('member_names', 'rowid IN (SELECT id FROM members)');
PERFORM pg_temp.scope('contacts', 'area_id IN (' || areas || ') OR area_id IN (SELECT x.township_id'
  ' FROM areas x WHERE x.id = (SELECT area_id FROM jiance_scope())) OR area_id IN (SELECT x.county_id'
  ' FROM areas x WHERE x.id = (SELECT area_id FROM jiance_scope()))');
PERFORM pg_temp.scope('drafts', mine);
PERFORM pg_temp.scope('import_runs', mine);
PERFORM pg_temp.scope('import_plan', 'run_id IN (SELECT id FROM import_runs)');
END $$;

-- audit: an officer reads the records of the households (or, without one,
-- of the leads) in the area, and their own; writes any new record
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS area ON audit;
DROP POLICY IF EXISTS append ON audit;
CREATE POLICY area ON audit FOR SELECT TO jiance_officer USING (
  household_id IN (SELECT id FROM households)
  OR (household_id IS NULL AND tbl = 'leads' AND rec IN (SELECT id FROM leads))
  OR officer_id = (SELECT jiance_scope_officer()));
CREATE POLICY append ON audit FOR INSERT TO jiance_officer WITH CHECK (true);

-- the role follows the officer: made when one is added or renamed
ALTER FUNCTION jiance_officer_role(text) SECURITY DEFINER SET search_path = public, pg_catalog;
REVOKE ALL ON FUNCTION jiance_officer_role(text) FROM PUBLIC;
CREATE OR REPLACE FUNCTION jiance_officer_added() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  PERFORM jiance_officer_role(NEW.login);
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS officers_role ON officers;
CREATE TRIGGER officers_role AFTER INSERT OR UPDATE OF login ON officers
  FOR EACH ROW EXECUTE FUNCTION jiance_officer_added();
DO $$ DECLARE l text; BEGIN
  FOR l IN SELECT login FROM officers LOOP PERFORM jiance_officer_role(l); END LOOP;
END $$;
-- tables of later migrations are readable as these are
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO jiance_officer;
