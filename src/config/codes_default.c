/* The built-in national code tables (NATIONAL.md §2, vendor copy of the
 * national dictionary): what etc/jiance.conf also writes out, so a county
 * without a codes group works with the national labels. */
#include "config/codes_impl.h"

#include <string.h>

#include "config/config.h"
#include "config/config_table.h"

static const struct code_def risks[] = {
	{ "100A27001", "因病" }, { "100A27002", "因学" }, { "100A27003", "因安全住房" },
	{ "100A27004", "因安全饮水" }, { "100A27005", "因残" }, { "100A27006", "因自然灾害" },
	{ "100A27007", "因意外事故" }, { "100A27008", "因产业项目失败" },
	{ "100A27009", "因务工就业不稳" }, { "100A27010", "缺劳动力" }, { "100A27011", "其他" },
	{ NULL, NULL }
};
static const struct code_def disasters[] = {
	{ "100A271001", "洪涝灾害" }, { "100A271002", "地质灾害" }, { "100A271003", "旱灾" },
	{ "100A271004", "生物灾害" }, { "100A271005", "气象灾害" }, { "100A271006", "地震灾害" },
	{ "100A271007", "因疫情" }, { "100A271008", "其他" }, { NULL, NULL }
};
static const struct code_def relations[] = {
	{ "100A08001", "户主" }, { "100A08002", "配偶" }, { "100A08003", "之子" },
	{ "100A08004", "之女" }, { "100A08005", "之儿媳" }, { "100A08006", "之女婿" },
	{ "100A08007", "之孙子" }, { "100A08008", "之孙女" }, { "100A08009", "之外孙子" },
	{ "100A08010", "之外孙女" }, { "100A08011", "之父" }, { "100A08012", "之母" },
	{ "100A08013", "之岳父" }, { "100A08014", "之岳母" }, { "100A08015", "之公公" },
	{ "100A08016", "之婆婆" }, { "100A08017", "之祖父" }, { "100A08018", "之祖母" },
	{ "100A08019", "之外祖父" }, { "100A08020", "之外祖母" }, { "100A08021", "之兄弟姐妹" },
	{ "100A08022", "之曾孙子" }, { "100A08023", "之曾孙女" }, { "100A08024", "之侄儿" },
	{ "100A08025", "之侄女" }, { "100A08026", "之兄弟媳妇" }, { "100A08027", "之叔伯" },
	{ "100A08099", "其他" }, { NULL, NULL }
};
static const struct code_def education[] = {
	{ "100A11001", "文盲或半文盲" }, { "100A11002", "小学" }, { "100A11003", "初中" },
	{ "100A11004", "高中" }, { "100A11005", "大专" }, { "100A11006", "本科及以上" },
	{ NULL, NULL }
};
static const struct code_def schooling[] = {
	{ "100A12001", "学龄前儿童" }, { "100A12002", "学前教育" }, { "100A12003", "小学" },
	{ "100A12004", "七年级" }, { "100A12005", "八年级" }, { "100A12006", "九年级" },
	{ "100A12007", "普通高中一年级" }, { "100A12008", "普通高中二年级" },
	{ "100A12009", "普通高中三年级" }, { "100A12010", "中职一年级" },
	{ "100A12011", "中职二年级" }, { "100A12012", "中职三年级" },
	{ "100A12013", "高职高专一年级" }, { "100A12014", "高职高专二年级" },
	{ "100A12015", "高职高专三年级" }, { "100A12017", "技师学院一年级" },
	{ "100A12018", "技师学院二年级" }, { "100A12019", "技师学院三年级" },
	{ "100A12020", "技师学院四年级" }, { "100A12021", "本科一年级" },
	{ "100A12022", "本科二年级" }, { "100A12023", "本科三年级" },
	{ "100A12024", "本科四年级" }, { "100A12025", "本科五年级" },
	{ "100A12026", "硕士研究生及以上" }, { NULL, NULL }
};
static const struct code_def health[] = {
	{ "100A13001", "健康" }, { "100A13002", "长期慢性病" }, { "100A13003", "患有大病" },
	{ "100A13004", "残疾" }, { NULL, NULL }
};
static const struct code_def labour[] = {
	{ "100A14001", "普通劳动力" }, { "100A14002", "技能劳动力" }, { "100A14003", "丧失劳动力" },
	{ "100A14004", "无劳动力" }, { "100A14005", "弱劳动力或半劳动力" }, { NULL, NULL }
};
static const struct code_def hh_types[] = {
	{ "01", "脱贫不稳定户" }, { "02", "边缘易致贫户" }, { "03", "突发严重困难户" },
	{ NULL, NULL }
};
static const struct code_def methods[] = {
	{ "01", "帮扶消除" }, { "02", "自然消除" }, { NULL, NULL }
};

const struct code_def *const codes_builtin[CT_COUNT] = {
	risks, disasters, relations, education, schooling, health, labour, hh_types, methods
};

/* A sub-item's third field: 1 counts as 开发式 (its category being one). */
static const struct { const char *code, *label; int dev; struct item_def items[CODES_MAX_ITEMS + 1]; }
cats[] = {
	{ "100A39", "产业帮扶", 1, { { "100A39001", "种植业", 1 }, { "100A39002", "林果业", 1 },
	  { "100A39003", "养殖业", 1 }, { "100A39004", "加工业", 1 }, { "100A39005", "乡村旅游", 1 },
	  { "100A39006", "消费帮扶", 1 }, { "100A39007", "其他（如光伏收益补贴等）", 0 }, { 0 } } },
	{ "100A40", "就业帮扶", 1, { { "100A40001", "技能培训", 0 }, { "100A40002", "劳务输出", 1 },
	  { "100A40003", "外出务工补贴", 1 }, { "100A40004", "以工代赈", 1 },
	  { "100A40005", "经营主体就业", 1 }, { "100A40006", "其他", 0 }, { 0 } } },
	{ "100A41", "金融帮扶", 1, { { "100A41001", "小额信贷", 1 }, { "100A41002", "其他", 0 },
	  { 0 } } },
	{ "100A42", "公益岗位帮扶", 1, { { "100A42001", "护林员", 1 }, { "100A42002", "护草员", 1 },
	  { "100A42003", "保洁员", 1 }, { "100A42005", "护路员", 1 }, { "100A42006", "护水员", 1 },
	  { "100A42007", "护边员", 1 }, { "100A42008", "护理员", 1 },
	  { "100A42009", "治安协调员", 1 }, { "100A42004", "其他", 1 }, { 0 } } },
	{ "100A45", "健康帮扶", 0, { { "100A45001", "参加城乡居民基本医疗保险个人缴费补贴", 1 },
	  { "100A45002", "大病保险", 1 }, { "100A45003", "医疗救助", 1 }, { "100A45004", "其他", 1 },
	  { 0 } } },
	{ "100A46", "义务教育保障", 0, { { "100A46001", "劝返", 1 }, { "100A46002", "送教上门", 1 },
	  { "100A46003", "寄宿生生活补贴", 1 }, { "100A46004", "其他", 1 }, { 0 } } },
	{ "100A47", "其他教育帮扶", 0, { { "100A47001", "雨露计划", 1 },
	  { "100A47002", "助学贷款", 1 }, { "100A47003", "助学金", 1 }, { "100A47004", "其他", 1 },
	  { 0 } } },
	{ "100A48", "综合保障", 0, { { "100A48001", "低保", 1 }, { "100A48002", "特困供养", 1 },
	  { "100A48003", "临时救助", 1 }, { "100A48004", "残疾人补贴", 1 },
	  { "100A48005", "防贫保险", 1 }, { "100A48006", "其他", 1 }, { 0 } } },
	{ "100A50", "住房安全保障", 0, { { "100A50001", "危房改造", 1 }, { "100A50002", "其他", 1 },
	  { 0 } } },
	{ "100A51", "饮水安全保障", 0, { { "100A51001", "饮水安全保障", 1 }, { 0 } } },
	{ "100A52", "社会帮扶", 0, { { "100A52001", "社会捐助", 1 }, { "100A52002", "其他", 1 },
	  { 0 } } },
	{ "100A53", "搬迁", 0, { { "100A53001", "搬迁", 1 }, { 0 } } },
	{ "100A54", "生产生活条件改善", 0, { { "100A54001", "生产生活条件改善", 1 }, { 0 } } },
	{ "100A55", "基础设施建设", 0, { { "100A55001", "基础设施建设", 1 }, { 0 } } },
};

/* 缺啥补啥 (issue 15; national 5_18_001…006 name the first ones) */
static const struct { const char *risk; const char *cats[CODES_MAP_MAX_CATS + 1]; } map[] = {
	{ "因病", { "健康帮扶", "社会帮扶", "综合保障", NULL } },
	{ "因学", { "义务教育保障", "其他教育帮扶", "社会帮扶", NULL } },
	{ "因残", { "综合保障", "社会帮扶", NULL } },
	{ "因安全住房", { "住房安全保障", "搬迁", NULL } },
	{ "因安全饮水", { "饮水安全保障", NULL } },
	{ "因自然灾害", { "综合保障", "社会帮扶", "住房安全保障", "生产生活条件改善", NULL } },
	{ "因意外事故", { "综合保障", "社会帮扶", "健康帮扶", NULL } },
	{ "因产业项目失败", { "产业帮扶", "金融帮扶", "就业帮扶", NULL } },
	{ "因务工就业不稳", { "就业帮扶", "公益岗位帮扶", NULL } },
	{ "缺劳动力", { "综合保障", "公益岗位帮扶", "社会帮扶", NULL } },
};

static void copy_table(struct cfg_code_table *t, const struct code_def *d)
{
	for (t->n = 0; d[t->n].label; t->n++) {
		cfg_copy(t->items[t->n].code, sizeof t->items[0].code, d[t->n].code);
		cfg_copy(t->items[t->n].label, sizeof t->items[0].label, d[t->n].label);
	}
}

void codes_defaults(struct config *c)
{
	struct cfg_codes *k = &c->codes;
	memset(k, 0, sizeof *k);
	for (int t = 0; t < CT_COUNT; t++)
		copy_table(&k->t[t], codes_builtin[t]);
	k->ncats = (int)(sizeof cats / sizeof cats[0]);
	for (int i = 0; i < k->ncats; i++) {
		struct cfg_measure_cat *m = &k->cats[i];
		cfg_copy(m->code, sizeof m->code, cats[i].code);
		cfg_copy(m->label, sizeof m->label, cats[i].label);
		m->developmental = cats[i].dev;
		for (m->nitems = 0; cats[i].items[m->nitems].label; m->nitems++) {
			struct cfg_measure_item *it = &m->items[m->nitems];
			cfg_copy(it->code, sizeof it->code, cats[i].items[m->nitems].code);
			cfg_copy(it->label, sizeof it->label, cats[i].items[m->nitems].label);
			it->qualifies = cats[i].items[m->nitems].qualifies;
		}
	}
	k->nmap = (int)(sizeof map / sizeof map[0]);
	for (int i = 0; i < k->nmap; i++) {
		cfg_copy(k->map[i].risk, sizeof k->map[i].risk, map[i].risk);
		for (k->map[i].n = 0; map[i].cats[k->map[i].n]; k->map[i].n++)
			cfg_copy(k->map[i].cats[k->map[i].n], sizeof k->map[i].cats[0],
			         map[i].cats[k->map[i].n]);
	}
	codes_index(c);
}
