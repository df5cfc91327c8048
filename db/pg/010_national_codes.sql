-- PostgreSQL 15 dialect of db/010_national_codes.sql (issue 17): the same tables, columns,
-- constraints and indexes; see db/pg/001_register.sql for the mapping.
-- jiance schema 10: the national code tables (issue 15, NATIONAL.md §2).
-- A measure records its category and sub-item; measures entered before
-- carry no sub-item: they stay valid and `jiance check` lists them for
-- completion (JC-04), except where the old category named the sub-item.
-- Labels that were jiance's own become the national ones where the two
-- mean the same; the others stay as they were and are listed (JC-05).
-- A household with the risk 因自然灾害 names its sub-item; incomes carry
-- 理赔收入; and each decided run keeps the household as found when it was
-- decided (income and the four guarantees: at identification and at
-- elimination, as the national record does).

ALTER TABLE measures ADD COLUMN item text NOT NULL DEFAULT '';
UPDATE measures SET category = '金融帮扶', item = '小额信贷' WHERE category = '金融帮扶(小额信贷)';
UPDATE measures SET category = '公益岗位帮扶' WHERE category = '公益岗位';
UPDATE measures SET category = '其他教育帮扶' WHERE category = '其他教育帮扶(雨露计划等)';
UPDATE measures SET category = '综合保障' WHERE category = '综合保障(低保/特困/残疾人补贴)';
UPDATE measures SET category = '综合保障', item = '临时救助' WHERE category = '临时救助';
UPDATE measures SET item = category WHERE category IN ('饮水安全保障','搬迁') AND item = '';

UPDATE household_risks SET risk = '因安全住房' WHERE risk = '住房安全问题';
UPDATE household_risks SET risk = '因安全饮水' WHERE risk = '饮水安全问题';
UPDATE flow_runs SET risks = replace(replace(risks, '住房安全问题', '因安全住房'),
                                     '饮水安全问题', '因安全饮水')
  WHERE risks LIKE '%安全问题%';
UPDATE members SET relation = '之兄弟姐妹' WHERE relation = '兄弟姐妹';
UPDATE members SET schooling = '学龄前儿童' WHERE schooling = '学龄前';

ALTER TABLE households ADD COLUMN disaster text NOT NULL DEFAULT '';
ALTER TABLE incomes ADD COLUMN claims bigint NOT NULL DEFAULT 0 CHECK (claims >= 0);

CREATE TABLE run_snapshots (
  run_id        bigint PRIMARY KEY REFERENCES flow_runs(id),  -- the run's id: no identity
  household_id  bigint NOT NULL REFERENCES households(id),
  kind          text NOT NULL CHECK (kind IN ('识别纳入','风险消除')),
  taken_on      text NOT NULL,
  year          bigint NOT NULL,           -- the income year judged
  size          bigint NOT NULL,
  has_income    bigint NOT NULL,           -- 0: no income of that year recorded
  wage          bigint NOT NULL DEFAULT 0,
  business      bigint NOT NULL DEFAULT 0,
  property      bigint NOT NULL DEFAULT 0,
  transfer      bigint NOT NULL DEFAULT 0,
  claims        bigint NOT NULL DEFAULT 0,
  business_cost bigint NOT NULL DEFAULT 0,
  out_of_pocket bigint NOT NULL DEFAULT 0,
  per_capita    bigint NOT NULL DEFAULT 0,
  g_edu bigint NOT NULL, g_med bigint NOT NULL, g_house bigint NOT NULL, g_water bigint NOT NULL
);
CREATE INDEX run_snapshots_household ON run_snapshots(household_id, kind, taken_on);
CREATE INDEX measures_item ON measures(household_id, category, item);
-- the household-structure rules (户主, 配偶, relation and sex) read this
-- index alone, not the member rows (jiance check on 200,000 households)
CREATE INDEX members_relation ON members(household_id, relation, sex, active);
