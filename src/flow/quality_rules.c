/* The table of data-quality rules (数据疑点): code, sentence, the field that
 * fixes it, and its SQL.  National codes and conditions from NATIONAL.md §3
 * (Guizhou's checker of the national export); JC-nn are jiance's own.
 * Parameters (bound by quality.c): ?801 the 缺啥补啥 map as JSON, ?803
 * the birth day of someone turning 16 today, ?805 the member code tables
 * as JSON, ?806 the 开发式 categories, ?808 every category, ?809 … ?813
 * birth days of those turning 7, 6, 15, 12, 18 today, ?814 of 15 (school
 * age ends), ?815 the risk types; ?903 the measure grace cut-off (flags.c). */
#include "flow/quality_impl.h"

#include "register/flags.h"

#define MON "h.status IN ('监测中','消除中')"
/* 监测对象 as the national system holds them, eliminated ones included:
 * the rules of household structure and member codes (3_11, 2_02, 2_01,
 * JC-04, JC-07) need not read the members of every lead and roster
 * household, which no one uploads (and keeps jiance check fast). */
#define LIVE "h.status IN ('监测中','消除中','风险已消除')"
#define RISK(x) "EXISTS (SELECT 1 FROM household_risks qr WHERE qr.household_id = h.id" \
	" AND qr.risk = '" x "')"
#define HAS_CAT(list) "EXISTS (SELECT 1 FROM measures qm WHERE qm.household_id = h.id" \
	" AND qm.category IN (" list "))"
#define MEMBER(cond) "EXISTS (SELECT 1 FROM members qp WHERE qp.household_id = h.id" \
	" AND qp.active <> 0 AND (" cond "))"
#define ELIM_SNAP(col) "h.status = '风险已消除' AND EXISTS (SELECT 1 FROM run_snapshots sn" \
	" WHERE sn.household_id = h.id AND sn.kind = '风险消除' AND sn.taken_on = h.eliminated_on" \
	" AND sn." col " = 0)"
#define GAP(risk) MON " AND EXISTS (SELECT 1 FROM household_risks qr WHERE qr.household_id = h.id" \
	" AND " risk " AND " QUALITY_SQL_GAP ")"

#define MALE "'之子','之曾孙子','之父','之公公','之女婿','之叔伯','之孙子','之外孙子','之岳父'," \
	"'之侄儿','之祖父','之外祖父'"
#define FEMALE "'之女','之曾孙女','之儿媳','之母','之婆婆','之孙女','之外孙女','之兄弟媳妇'," \
	"'之岳母','之侄女','之祖母','之外祖母'"
#define NOT_IN_TABLE(col, key) QUALITY_NOT_IN("?805", "'" key "\t' || qp." col)
#define NO_LABOUR "('丧失劳动力','无劳动力')"

const struct quality_rule quality_rules[] = {
	{ "5_18_001", "风险为因病，但没有健康帮扶、社会帮扶或综合保障措施（缺啥补啥）", "measures",
	  GAP("qr.risk = '因病'"), 0 },
	{ "5_18_002", "风险为因学，但没有义务教育保障、其他教育帮扶或社会帮扶措施（缺啥补啥）", "measures",
	  GAP("qr.risk = '因学'"), 0 },
	{ "5_18_003", "风险为因残，但没有综合保障或社会帮扶措施（缺啥补啥）", "measures",
	  GAP("qr.risk = '因残'"), 0 },
	{ "5_18_004", "风险为因安全住房，但没有住房安全保障或搬迁措施（缺啥补啥）", "measures",
	  GAP("qr.risk = '因安全住房'"), 0 },
	{ "5_18_006", "风险为因安全饮水，但没有饮水安全保障措施（缺啥补啥）", "measures",
	  GAP("qr.risk = '因安全饮水'"), 0 },
	{ "JC-01", "其他风险没有按配置对应的帮扶措施（缺啥补啥，quality.risk_measures）", "measures",
	  GAP("qr.risk NOT IN ('因病','因学','因残','因安全住房','因安全饮水')"), 0 },
	{ "5_18_005", "义务教育有问题（适龄儿童少年失学辍学），但没有义务教育保障措施", "measures",
	  MON " AND h.g_edu = 0 AND NOT " HAS_CAT("'义务教育保障'"), 0 },
	{ "5_18_007", "有家庭成员未参加基本医疗保险，但没有健康帮扶或社会帮扶措施", "measures",
	  MON " AND " MEMBER("qp.ins_medical = 0") " AND NOT " HAS_CAT("'健康帮扶','社会帮扶'"), 0 },
	{ "5_12_011", "开发式措施只有不算数的子项（如 其他、技能培训），没有一项算开发式帮扶", "measures",
	  MON " AND EXISTS (SELECT 1 FROM measures qm WHERE qm.household_id = h.id AND "
	  QUALITY_IN("?806", "qm.category") ") AND NOT EXISTS (SELECT 1 FROM measures qm"
	  " WHERE qm.household_id = h.id AND qm.developmental <> 0)", 0 },
	{ "JC-02", "帮扶措施未选子项，或类别不在国家代码表中（待补全）", "measures",
	  "h.status IN ('识别中','监测中','消除中','风险已消除') AND EXISTS (SELECT 1 FROM measures qm"
	  " WHERE qm.household_id = h.id AND (qm.item = '' OR " QUALITY_NOT_IN("?808", "qm.category")
	  "))", 0 },
	{ "JC-03", "家庭成员都没有劳动能力，既无低保、特困，也未标为整户无劳动能力兜底保障户", "whole_no_labour",
	  MON " AND h.whole_no_labour = 0 AND " MEMBER("1 = 1") " AND NOT "
	  MEMBER("qp.labour NOT IN " NO_LABOUR) " AND NOT " MEMBER("qp.dibao <> 0 OR qp.tekun <> 0"), 0 },
	{ "2_11_005", "风险为因自然灾害，但没有填写因自然灾害子项", "disaster",
	  MON " AND " RISK("因自然灾害") " AND h.disaster = ''", 0 },
	{ "2_11_001", "风险为因残，但没有健康状况为残疾的家庭成员", "members",
	  MON " AND " RISK("因残") " AND NOT " MEMBER("qp.health = '残疾'"), 0 },
	{ "5_15_015", "风险为因病，但没有患有大病或长期慢性病的家庭成员", "members",
	  MON " AND " RISK("因病") " AND NOT " MEMBER("qp.health IN ('患有大病','长期慢性病')"), 0 },
	{ "4_11_009", "风险为缺劳动力，但没有无劳动力或丧失劳动力的家庭成员", "members",
	  MON " AND " RISK("缺劳动力") " AND NOT " MEMBER("qp.labour IN " NO_LABOUR), 0 },
	{ "4_11_006", "饮水安全有问题，但风险中没有因安全饮水", "risks",
	  MON " AND h.g_water = 0 AND NOT " RISK("因安全饮水"), 0 },
	{ "4_11_007", "有家庭成员未参加基本医疗保险，但风险中没有因病", "risks",
	  MON " AND " MEMBER("qp.ins_medical = 0") " AND NOT " RISK("因病"), 0 },
	{ "JC-07", "风险类型不在国家代码表中（本版本之前登记的，须改为国家代码表的风险）", "risks",
	  LIVE " AND EXISTS (SELECT 1 FROM household_risks qr WHERE qr.household_id = h.id AND "
	  QUALITY_NOT_IN("?815", "qr.risk") ")", 0 },
	{ "1_11_001", "监测户没有填写致贫返贫风险", "risks",
	  MON " AND NOT EXISTS (SELECT 1 FROM household_risks qr WHERE qr.household_id = h.id)", 0 },
	{ "1_11_010", "纳入监测超过规定天数（flow.measure_grace_days）仍没有帮扶措施", "measures",
	  NULL, FLAG_NO_MEASURE },
	{ "1_11_009", "风险消除方式为帮扶消除，但没有任何帮扶措施", "measures",
	  "h.status = '风险已消除' AND h.elim_method = '帮扶消除' AND NOT EXISTS"
	  " (SELECT 1 FROM measures qm WHERE qm.household_id = h.id)", 0 },
	{ "1_11_005", "风险已消除，但消除时义务教育有问题（适龄儿童少年失学辍学）", "g_edu",
	  ELIM_SNAP("g_edu"), 0 },
	{ "1_02_008", "风险已消除，但消除时住房不安全", "g_house", ELIM_SNAP("g_house"), 0 },
	{ "1_02_009", "风险已消除，但消除时饮水不安全", "g_water", ELIM_SNAP("g_water"), 0 },
	{ "4_11_010", "帮扶消除时人均纯收入未高于所依据的监测范围", "incomes",
	  "h.status = '风险已消除' AND h.elim_method = '帮扶消除' AND EXISTS (SELECT 1 FROM"
	  " run_snapshots sn JOIN flow_runs fr ON fr.id = sn.run_id WHERE sn.household_id = h.id"
	  " AND sn.kind = '风险消除' AND sn.taken_on = h.eliminated_on AND fr.line_yuan IS NOT NULL"
	  " AND sn.per_capita <= fr.line_yuan * 100)", 0 },
	{ "3_11_001", "户内没有户主", "members",
	  LIVE " AND h.size > 0 AND NOT " MEMBER("qp.relation = '户主'"), 0 },
	{ "3_11_002", "户内有不止一位户主", "members",
	  LIVE " AND (SELECT count(*) FROM members qp WHERE qp.household_id = h.id AND qp.active <> 0"
	  " AND qp.relation = '户主') > 1", 0 },
	{ "2_02_001", "户主与配偶性别相同", "members",
	  LIVE " AND EXISTS (SELECT 1 FROM members qa JOIN members qb ON qb.household_id = qa.household_id"
	  " WHERE qa.household_id = h.id AND qa.active <> 0 AND qb.active <> 0 AND qa.relation = '户主'"
	  " AND qb.relation = '配偶' AND qa.sex = qb.sex)", 0 },
	{ "2_01_004", "与户主关系和性别不符（如 之子 为女性）", "members",
	  LIVE " AND " MEMBER("(qp.sex = 2 AND qp.relation IN (" MALE "))"
	                      " OR (qp.sex = 1 AND qp.relation IN (" FEMALE "))"), 0 },
	{ "2_12_014", "未满16周岁的家庭成员，劳动技能不是无劳动力", "members",
	  MON " AND " MEMBER("qp.birth > ?803 AND qp.labour <> '无劳动力'"), 0 },
	{ "5_12_014", "在校生状况为小学，但年龄不在6–14周岁", "members",
	  MON " AND " MEMBER("qp.schooling = '小学' AND (qp.birth > ?810 OR qp.birth <= ?811)"), 0 },
	{ "5_12_015", "在校生状况为七、八、九年级，但年龄不在12–17周岁", "members",
	  MON " AND " MEMBER("qp.schooling IN ('七年级','八年级','九年级')"
	                     " AND (qp.birth > ?812 OR qp.birth <= ?813)"), 0 },
	{ "JC-04", "家庭成员的与户主关系、文化程度、在校生状况、健康状况或劳动技能不在国家代码表中", "members",
	  LIVE " AND " MEMBER(NOT_IN_TABLE("relation", "relation")
	                      " OR (qp.education <> '' AND " NOT_IN_TABLE("education", "education") ")"
	                      " OR (qp.schooling <> '' AND " NOT_IN_TABLE("schooling", "schooling") ")"
	                      " OR " NOT_IN_TABLE("health", "health")
	                      " OR " NOT_IN_TABLE("labour", "labour")), 0 },
	{ "JC-05", "基本医疗保障与成员参保情况不符（有成员未参加基本医疗保险即为有问题）", "g_med",
	  MON " AND h.g_med <> CASE WHEN " MEMBER("qp.ins_medical = 0") " THEN 0 ELSE 1 END", 0 },
	{ "JC-06", "义务教育保障与成员在校情况不符（7–14周岁的成员须在校）", "g_edu",
	  MON " AND h.g_edu <> CASE WHEN " MEMBER("qp.birth <= ?809 AND qp.birth > ?814"
	                                          " AND qp.schooling IN ('','学龄前儿童','学前教育')")
	  " THEN 0 ELSE 1 END", 0 },
};
const int quality_nrules = (int)(sizeof quality_rules / sizeof quality_rules[0]);
