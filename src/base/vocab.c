#include "base/vocab.h"

#include <string.h>

#define LIST(var, label, ...) \
	static const char *const var##_items[] = { __VA_ARGS__ }; \
	const struct vocab var = { label, var##_items, \
		(int)(sizeof var##_items / sizeof var##_items[0]) }

LIST(VOCAB_DISABILITY, "残疾类别", "视力残疾", "听力残疾", "言语残疾", "肢体残疾",
     "智力残疾", "精神残疾", "多重残疾");
LIST(VOCAB_HH_TYPE, "监测对象类型", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户");
LIST(VOCAB_STATUS, "状态", "线索", "识别中", "监测中", "消除中", "风险已消除", "未纳入",
     "已注销");
LIST(VOCAB_CHANNEL, "线索来源", "农户自主申报", "基层干部排查", "部门筛查预警");
LIST(VOCAB_CONTACT_KIND, "联系人类别", "乡镇干部", "驻村干部", "村干部");
LIST(VOCAB_MEASURE_STATE, "措施状态", "计划", "实施中", "已完成");
LIST(VOCAB_ETHNICITY, "民族", "汉族", "苗族", "土家族", "彝族", "壮族", "布依族", "侗族",
     "瑶族", "白族", "回族", "藏族", "维吾尔族", "蒙古族", "满族", "其他");

int vocab_find(const struct vocab *v, const char *s)
{
	for (int i = 0; s && i < v->n; i++)
		if (!strcmp(v->items[i], s))
			return i;
	return -1;
}

int labour_can_work(const char *labour)
{
	return labour && strcmp(labour, "丧失劳动力") != 0 && strcmp(labour, "无劳动力") != 0;
}
