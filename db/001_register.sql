-- jiance schema 1: areas, officers, contact persons, the household register,
-- incomes, leads and the append-only audit log.  Dates are ISO 'YYYY-MM-DD',
-- money is integer 分 (cents) so sums never drift.

CREATE TABLE areas (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (length(code) IN (12, 15) AND code NOT GLOB '*[^0-9]*'),
  -- 12-digit 统计用区划代码; a 村民小组 has none, so it gets its village's code + 3 digits
  name        TEXT NOT NULL CHECK (name <> ''),
  level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4), -- 1 县 2 乡镇 3 村 4 组
  parent_id   INTEGER REFERENCES areas(id),
  county_id   INTEGER REFERENCES areas(id),
  township_id INTEGER REFERENCES areas(id),
  village_id  INTEGER REFERENCES areas(id),
  pinyin      TEXT NOT NULL DEFAULT '',
  initials    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX areas_parent ON areas(parent_id, pinyin);

CREATE TABLE officers (
  id       INTEGER PRIMARY KEY,
  login    TEXT NOT NULL UNIQUE CHECK (login <> ''),
  name     TEXT NOT NULL,
  role     TEXT NOT NULL CHECK (role IN ('village','township','county','admin')),
  area_id  INTEGER NOT NULL REFERENCES areas(id),
  active   INTEGER NOT NULL DEFAULT 1,
  created  TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE contacts (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (name <> ''),
  pinyin     TEXT NOT NULL DEFAULT '',
  initials   TEXT NOT NULL DEFAULT '',
  unit       TEXT NOT NULL DEFAULT '',
  phone      TEXT NOT NULL DEFAULT '',
  kind       TEXT NOT NULL CHECK (kind IN ('乡镇干部','驻村干部','村干部')),
  area_id    INTEGER NOT NULL REFERENCES areas(id),   -- township or village served
  officer_id INTEGER REFERENCES officers(id),
  active     INTEGER NOT NULL DEFAULT 1,
  version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_area ON contacts(area_id, pinyin);

CREATE TABLE households (
  id              INTEGER PRIMARY KEY,
  hh_no           TEXT NOT NULL UNIQUE CHECK (hh_no <> ''),
  county_id       INTEGER NOT NULL REFERENCES areas(id),
  township_id     INTEGER NOT NULL REFERENCES areas(id),
  village_id      INTEGER NOT NULL REFERENCES areas(id),
  group_id        INTEGER REFERENCES areas(id),
  natural_village TEXT NOT NULL DEFAULT '',
  address         TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT '',
  hh_type         TEXT CHECK (hh_type IN ('脱贫不稳定户','边缘易致贫户','突发严重困难户')),
  is_tuopin       INTEGER NOT NULL DEFAULT 0,
  relocated       INTEGER NOT NULL DEFAULT 0,
  settlement      TEXT NOT NULL DEFAULT '',
  whole_no_labour INTEGER NOT NULL DEFAULT 0,
  g_edu           INTEGER NOT NULL DEFAULT 1,  -- 1 有保障, 0 有问题
  g_med           INTEGER NOT NULL DEFAULT 1,
  g_house         INTEGER NOT NULL DEFAULT 1,
  g_water         INTEGER NOT NULL DEFAULT 1,
  status          TEXT NOT NULL DEFAULT '线索' CHECK (status IN
                    ('线索','识别中','监测中','消除中','风险已消除','未纳入','已注销')),
  identified_on   TEXT,
  eliminated_on   TEXT,
  elim_method     TEXT CHECK (elim_method IN ('帮扶消除','自然消除')),
  dissolved_reason TEXT,
  -- the head's name, written with the members, so lists sort and search
  -- without a join
  head_name       TEXT NOT NULL DEFAULT '',
  head_pinyin     TEXT NOT NULL DEFAULT '',
  head_initials   TEXT NOT NULL DEFAULT '',
  size            INTEGER NOT NULL DEFAULT 0,   -- members in the household
  contact_id      INTEGER REFERENCES contacts(id),
  version         INTEGER NOT NULL DEFAULT 1,
  created         TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX hh_village_sort  ON households(village_id, status, head_pinyin);
CREATE INDEX hh_township_sort ON households(township_id, status, head_pinyin);
CREATE INDEX hh_sort          ON households(head_pinyin);
CREATE INDEX hh_initials      ON households(head_initials);
CREATE INDEX hh_contact       ON households(contact_id);
CREATE INDEX hh_status        ON households(status);

CREATE TABLE household_risks (
  household_id INTEGER NOT NULL REFERENCES households(id),
  ord          INTEGER NOT NULL CHECK (ord BETWEEN 1 AND 5),
  risk         TEXT NOT NULL,
  PRIMARY KEY (household_id, ord)
) WITHOUT ROWID;
CREATE INDEX hh_risk ON household_risks(risk);

CREATE TABLE members (
  id             INTEGER PRIMARY KEY,
  household_id   INTEGER NOT NULL REFERENCES households(id),
  name           TEXT NOT NULL CHECK (name <> ''),
  pinyin         TEXT NOT NULL DEFAULT '',
  initials       TEXT NOT NULL DEFAULT '',
  id_no          TEXT NOT NULL UNIQUE CHECK (length(id_no) = 18),
  id_tail        TEXT NOT NULL DEFAULT '',      -- last 6 reversed: search by tail uses the index
  sex            INTEGER NOT NULL CHECK (sex IN (1,2)),
  birth          TEXT NOT NULL,
  ethnicity      TEXT NOT NULL DEFAULT '汉族',
  relation       TEXT NOT NULL,
  education      TEXT NOT NULL DEFAULT '',
  schooling      TEXT NOT NULL DEFAULT '',
  health         TEXT NOT NULL DEFAULT '健康',
  disability     TEXT NOT NULL DEFAULT '',
  labour         TEXT NOT NULL DEFAULT '普通劳动力',
  migrant_months INTEGER NOT NULL DEFAULT 0,
  migrant_place  TEXT NOT NULL DEFAULT '',
  public_job     TEXT NOT NULL DEFAULT '',
  public_job_months INTEGER NOT NULL DEFAULT 0,
  ins_medical    INTEGER NOT NULL DEFAULT 1,
  ins_serious    INTEGER NOT NULL DEFAULT 1,
  ins_pension    INTEGER NOT NULL DEFAULT 0,
  dibao          INTEGER NOT NULL DEFAULT 0,
  tekun          INTEGER NOT NULL DEFAULT 0,
  phone          TEXT NOT NULL DEFAULT '',
  active         INTEGER NOT NULL DEFAULT 1,  -- 0: deceased or moved away
  version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX members_household ON members(household_id);
CREATE INDEX members_tail      ON members(id_tail);
CREATE INDEX members_pinyin    ON members(pinyin);
CREATE INDEX members_initials  ON members(initials);
CREATE INDEX members_dup       ON members(name, birth);

-- One token per character of every member's name: the search box finds any
-- part of a name (NOTES.md: unicode61 and trigram tokenizers do not).
CREATE VIRTUAL TABLE member_names USING fts5(chars, tokenize='unicode61');

CREATE TABLE incomes (
  household_id  INTEGER NOT NULL REFERENCES households(id),
  year          INTEGER NOT NULL,
  wage          INTEGER NOT NULL DEFAULT 0 CHECK (wage >= 0),
  business      INTEGER NOT NULL DEFAULT 0 CHECK (business >= 0),
  property      INTEGER NOT NULL DEFAULT 0 CHECK (property >= 0),
  transfer      INTEGER NOT NULL DEFAULT 0 CHECK (transfer >= 0),
  business_cost INTEGER NOT NULL DEFAULT 0 CHECK (business_cost >= 0),
  out_of_pocket INTEGER NOT NULL DEFAULT 0 CHECK (out_of_pocket >= 0),
  version       INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (household_id, year)
) WITHOUT ROWID;

CREATE TABLE rigid_expenses (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households(id),
  kind         TEXT NOT NULL CHECK (kind IN ('医疗','教育','其他')),
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  year         INTEGER NOT NULL,
  resolved     INTEGER NOT NULL DEFAULT 0,
  note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rigid_household ON rigid_expenses(household_id);

CREATE TABLE leads (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER REFERENCES households(id),
  id_no        TEXT,                 -- the person named, when no household yet
  name         TEXT NOT NULL DEFAULT '',
  village_id   INTEGER NOT NULL REFERENCES areas(id),
  township_id  INTEGER NOT NULL REFERENCES areas(id),
  state        TEXT NOT NULL DEFAULT '待核实' CHECK (state IN ('待核实','已排除','已启动识别')),
  created_on   TEXT NOT NULL,
  closed_on    TEXT,
  close_reason TEXT NOT NULL DEFAULT '',
  run_id       INTEGER
);
CREATE INDEX leads_household ON leads(household_id, state);
CREATE INDEX leads_idno      ON leads(id_no, state);
CREATE INDEX leads_village   ON leads(village_id, state);

CREATE TABLE lead_sources (
  id         INTEGER PRIMARY KEY,
  lead_id    INTEGER NOT NULL REFERENCES leads(id),
  channel    TEXT NOT NULL CHECK (channel IN ('农户自主申报','基层干部排查','部门筛查预警')),
  department TEXT NOT NULL DEFAULT '',
  found_on   TEXT NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  officer_id INTEGER REFERENCES officers(id),
  entered_at TEXT NOT NULL DEFAULT (datetime('now')),
  import_key TEXT UNIQUE             -- file digest + row, so a re-import adds nothing
);
CREATE INDEX lead_sources_lead ON lead_sources(lead_id);

CREATE TABLE audit (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  officer_id INTEGER,
  tbl        TEXT NOT NULL,
  rec        INTEGER NOT NULL,
  field      TEXT NOT NULL DEFAULT '',
  old        TEXT,
  new        TEXT,
  household_id INTEGER
);
CREATE INDEX audit_household ON audit(household_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能删除'); END;
