-- jiance schema 7: members' life events (SPEC §2, issue 12): births,
-- marriages in and out, moving in and out, deaths and transfers between
-- households, each with the day it happened and a reason.  Nothing is
-- deleted: a member who leaves keeps the row (active 0) and the event says
-- when; a transferred member's row follows the person to the new household.
-- Where a person was on a day is the latest event up to that day, so one
-- person is in one household at every date.  Members registered before
-- this schema have no events: they count where they are registered.

CREATE TABLE member_events (
  id             INTEGER PRIMARY KEY,
  member_id      INTEGER NOT NULL REFERENCES members(id),
  kind           TEXT NOT NULL CHECK (kind IN ('出生','婚入','迁入','死亡','婚出','迁出','转移')),
  on_date        TEXT NOT NULL,
  from_household INTEGER REFERENCES households(id),   -- the household left
  to_household   INTEGER REFERENCES households(id),   -- the household joined
  reason         TEXT NOT NULL CHECK (reason <> ''),
  officer_id     INTEGER REFERENCES officers(id),
  entered_at     TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX member_events_member ON member_events(member_id, on_date, id);
CREATE INDEX member_events_from ON member_events(from_household, on_date);
CREATE INDEX member_events_to ON member_events(to_household, on_date);
CREATE TRIGGER member_events_no_update BEFORE UPDATE ON member_events
  BEGIN SELECT RAISE(ABORT, '成员变动记录只能追加，不能修改'); END;
CREATE TRIGGER member_events_no_delete BEFORE DELETE ON member_events
  BEGIN SELECT RAISE(ABORT, '成员变动记录只能追加，不能删除'); END;
