/* The national system's layouts as built-in export templates (issue 15,
 * NATIONAL.md §1.2): one row per household, and one row per person with
 * the household's columns repeated -- the layout of the national
 * "（自定义）监测对象信息" export, which `jiance import --kind national`
 * reads back.  A template of the same name in the configuration replaces
 * one of these. */
#include <stdio.h>
#include <string.h>

#include "io/export.h"

/* The household columns of both layouts, in the national order. */
#define NAT_HOUSEHOLD_COLS \
	{ "户类型", "hh_kind" }, { "监测对象类别", "nat_type" }, { "家庭人口数", "hh_size" }, \
	{ "户联系电话", "hh_phone" }, { "整户无劳动能力兜底保障户", "whole_no_labour" }, \
	{ "是否危房户", "house_unsafe" }, { "是否解决安全饮用水", "water_safe" }, \
	{ "致贫/返贫风险1", "risk1" }, { "致贫/返贫风险2", "risk2" }, { "致贫/返贫风险3", "risk3" }, \
	{ "致贫/返贫风险4", "risk4" }, { "致贫/返贫风险5", "risk5" }, \
	{ "因自然灾害子项", "disaster_nat" }, \
	{ "是否义务教育阶段适龄儿童少年失学辍学", "edu_dropout" }, \
	{ "是否有家庭成员未参加城乡居民（职工）基本医疗保险", "med_uninsured" }, \
	{ "识别监测时间", "identified_month" }, { "工资性收入", "wage" }, \
	{ "生产经营性收入", "business" }, { "财产性收入", "property" }, { "转移性收入", "transfer" }, \
	{ "人均纯收入（元）", "per_capita" }, { "合规自付支出", "out_of_pocket" }, \
	{ "风险是否已消除", "eliminated" }, { "消除监测时间", "eliminated_month" }, \
	{ "风险消除方式", "elim_method_nat" }, \
	{ "风险消除后是否义务教育阶段适龄儿童少年失学辍学", "elim_edu" }, \
	{ "风险消除后是否住房损毁", "elim_house" }, \
	{ "风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险", "elim_med" }, \
	{ "风险消除后是否饮水设施损毁", "elim_water" }, { "风险消除后工资性收入", "elim_wage" }, \
	{ "风险消除后财产性收入", "elim_property" }, { "风险消除后转移性收入", "elim_transfer" }, \
	{ "风险消除后生产经营性收入", "elim_business" }, \
	{ "风险消除后生产经营性支出", "elim_business_cost" }, { "风险消除后家庭纯收入", "elim_net" }, \
	{ "风险消除后家庭人均纯收入", "elim_per_capita" }, { "风险消除后理赔收入", "elim_claims" }, \
	{ "风险消除后合规自付支出", "elim_out_of_pocket" }, \
	{ "监测联系人", "contact_nat" }, \
	{ "联系方式", "contact_phone_nat" }, { "实施开发式帮扶措施情况", "developmental" }, \
	{ "产业帮扶", "m_industry" }, { "就业帮扶", "m_employment" }, { "金融帮扶", "m_finance" }, \
	{ "公益岗位帮扶", "m_public_job" }, { "健康帮扶", "m_health" }, \
	{ "义务教育保障", "m_compulsory" }, { "教育帮扶", "m_education" }, \
	{ "综合保障", "m_welfare" }, { "社会帮扶", "m_social" }, { "住房安全保障", "m_housing" }, \
	{ "饮水安全保障", "m_water" }, { "搬迁", "m_relocation" }, \
	{ "本系统户编号", "hh_no" }

static const struct cfg_template builtin[] = {
	{ "national-households", "监测户信息（国家系统格式）", "households", 60, {
		{ "县", "county" }, { "乡", "township_nat" }, { "村", "village_nat" },
		{ "户编号", "nat_no" }, { "户主姓名", "head_name" }, { "证件号码", "head_id" },
		NAT_HOUSEHOLD_COLS } },
	{ "national-persons", "（自定义）监测对象信息", "members", 78, {
		{ "县", "county" }, { "乡", "township_nat" }, { "村", "village_nat" },
		{ "户编号", "nat_no" }, { "证件号码", "id_no" }, { "姓名", "name" }, { "性别", "sex" },
		{ "出生日期", "birth8" }, { "与户主关系", "relation" }, { "民族", "ethnicity" },
		{ "文化程度", "education" }, { "在校生状况", "schooling" }, { "健康状况", "health" },
		{ "劳动技能", "labour" }, { "务工所在地", "migrant_place" },
		{ "务工时间（月）", "migrant_months" }, { "家庭成员联系电话", "phone" },
		{ "是否参加城乡居民基本医疗保险", "ins_medical" }, { "是否参加大病保险", "ins_serious" },
		{ "是否参加城乡居民基本养老保险", "ins_pension" }, { "享受低保政策情况", "dibao_nat" },
		{ "享受特困供养政策情况", "tekun_nat" }, { "公益性岗位", "public_job" },
		{ "公益性岗位(月数)", "public_job_months" },
		NAT_HOUSEHOLD_COLS } },
};
#define NBUILTIN (int)(sizeof builtin / sizeof builtin[0])

const struct cfg_template *export_template(const struct config *c, const char *name)
{
	const struct cfg_template *t = c ? config_template(c, name) : NULL;
	for (int i = 0; !t && i < NBUILTIN; i++)
		if (!strcmp(builtin[i].name, name))
			t = &builtin[i];
	return t;
}

void export_builtin_templates(FILE *out)
{
	for (int i = 0; i < NBUILTIN; i++)
		fprintf(out, "  %-20s %s（%s，%d列）\n", builtin[i].name, builtin[i].title,
		        builtin[i].kind, builtin[i].ncols);
}
