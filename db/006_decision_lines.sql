-- jiance schema 5: each identification and elimination decision keeps the
-- monitoring line it was judged against (SPEC §5, issue 12): lines are
-- published during the year and the configuration is edited, but a past
-- decision reads as it was made.  Set when a run starts (the line in effect
-- on its lead's date or its start) and again when it is decided (in effect
-- on the decision's day).  Runs decided before this schema have none
-- recorded: they are shown as such, never guessed from today's settings.

ALTER TABLE flow_runs ADD COLUMN line_year INTEGER;
ALTER TABLE flow_runs ADD COLUMN line_yuan INTEGER;
ALTER TABLE flow_runs ADD COLUMN line_from TEXT;
