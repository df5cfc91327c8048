-- PostgreSQL 15 dialect of db/006_decision_lines.sql (issue 17): the same tables, columns,
-- constraints and indexes; see db/pg/001_register.sql for the mapping.
-- jiance schema 5: each identification and elimination decision keeps the
-- monitoring line it was judged against (SPEC §5, issue 12): lines are
-- published during the year and the configuration is edited, but a past
-- decision reads as it was made.  Set when a run starts (the line in effect
-- on its lead's date or its start) and again when it is decided (in effect
-- on the decision's day).  Runs decided before this schema have none
-- recorded: they are shown as such, never guessed from today's settings.

ALTER TABLE flow_runs ADD COLUMN line_year bigint;
ALTER TABLE flow_runs ADD COLUMN line_yuan bigint;
ALTER TABLE flow_runs ADD COLUMN line_from text;
