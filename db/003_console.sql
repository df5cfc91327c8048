-- jiance schema 3, for the console: drafts of forms whose terminal went
-- away (SPEC §7: what was typed when the SSH connection dropped is offered
-- back at the next login), one per officer, screen and record, the form as
-- name=value lines; and the household list's walking orders.

CREATE TABLE drafts (
  id         INTEGER PRIMARY KEY,
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  screen     TEXT NOT NULL,               -- struct screen's name, e.g. household_form
  key        TEXT NOT NULL DEFAULT '',    -- which record: "new", a household id ...
  title      TEXT NOT NULL DEFAULT '',    -- what the officer is shown: 新建户 张三
  payload    TEXT NOT NULL,
  saved_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M','now','localtime')),
  UNIQUE (officer_id, screen, key)
);

-- The household list walks households of a township or village in pinyin
-- order and stops after a page: without these, a search in a township
-- (EXISTS per household) checked and sorted all of the township's rows.
CREATE INDEX hh_township_name ON households(township_id, head_pinyin);
CREATE INDEX hh_village_name  ON households(village_id, head_pinyin);
