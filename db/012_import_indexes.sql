-- jiance schema: indexes an import does not grow for nothing (issue 14,
-- county speed).  A warning list names mostly people not yet in any
-- household: their leads and every audit record about them have no
-- household, and the two indexes by household kept an entry for each of
-- those too, which no query asks for (a household's history and its open
-- leads are always looked up by its id).  Half the index work of writing
-- 100,000 such leads, done while every other officer waits for the lock.
DROP INDEX audit_household;
CREATE INDEX audit_household ON audit(household_id, id) WHERE household_id IS NOT NULL;
DROP INDEX leads_household;
CREATE INDEX leads_household ON leads(household_id, state) WHERE household_id IS NOT NULL;
