/* Name and place pools for `jiance demo`: the real townships of 彭水苗族土家族
 * 自治县 with their statistical codes, plausible village names, and personal
 * names in the styles of three generations of the county. */
#include <stdio.h>
#include <string.h>

#include "demo/demo_impl.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* 3 街道, 18 镇, 18 乡 (codes 00x, 1xx, 2xx of 500243xxx000) */
const struct demo_township DEMO_TOWNSHIPS[] = {
	{ "汉葭街道", 1, 0 }, { "绍庆街道", 2, 0 }, { "靛水街道", 3, 0 },
	{ "保家镇", 101, 1 }, { "郁山镇", 102, 1 }, { "高谷镇", 103, 1 }, { "桑柘镇", 104, 1 },
	{ "鹿角镇", 105, 1 }, { "黄家镇", 106, 1 }, { "普子镇", 107, 1 }, { "龙射镇", 108, 1 },
	{ "连湖镇", 109, 1 }, { "万足镇", 110, 1 }, { "平安镇", 111, 1 }, { "长生镇", 112, 1 },
	{ "新田镇", 113, 1 }, { "鞍子镇", 114, 1 }, { "太原镇", 115, 1 }, { "龙溪镇", 116, 1 },
	{ "梅子垭镇", 117, 1 }, { "大同镇", 118, 1 },
	{ "岩东乡", 201, 2 }, { "鹿鸣乡", 202, 2 }, { "棣棠乡", 203, 2 }, { "三义乡", 204, 2 },
	{ "联合乡", 205, 2 }, { "石柳乡", 206, 2 }, { "走马乡", 207, 2 }, { "芦塘乡", 208, 2 },
	{ "乔梓乡", 209, 2 }, { "诸佛乡", 210, 2 }, { "桐楼乡", 211, 2 }, { "善感乡", 212, 2 },
	{ "双龙乡", 213, 2 }, { "石盘乡", 214, 2 }, { "大垭乡", 215, 2 }, { "润溪乡", 216, 2 },
	{ "朗溪乡", 217, 2 }, { "龙塘乡", 218, 2 },
};
const int DEMO_NTOWNSHIPS = COUNT(DEMO_TOWNSHIPS);

/* 龙阳 first: 保家镇's first village is 龙阳村 */
static const char *const village_bases[] = {
	"龙阳", "青杠", "桂花", "清水", "石门", "大坪", "新场", "马鞍", "中山", "金竹",
	"核桃", "双河", "白果", "茶园", "木蜡", "松林", "鱼泉", "和平", "团结", "新华",
	"红岩", "黄草", "凉风", "三江", "向阳", "光明", "高峰", "柏杨", "竹林", "石龙",
	"长滩", "大河", "小河", "平桥", "新建", "太平", "永安", "龙门", "凤凰", "狮子",
	"铜鼓", "沙坝", "杉树", "水井", "岩峰", "丰收", "联盟", "民主", "友谊", "先锋",
	"新民", "大塘", "麻池", "鹰嘴", "黄坪", "青龙", "白云", "天池", "龙泉", "观音",
	"万寿", "庙坝", "梨子", "桃园", "李子", "柑子", "杨柳", "桐子", "漆树", "红花",
	"五里", "七星", "九龙", "双龙", "三合", "四方", "六合", "八角", "十字", "万家",
	"朝阳", "龙滩", "龙塘", "龙池", "龙洞", "石盘", "石林", "石桥", "石坪", "石梁",
	"老寨", "新寨", "上坝", "下坝", "中坝", "后坪", "前进", "胜利", "建设", "红星",
	"长岭", "高山", "坪上", "岩口", "河口", "溪口", "江口", "渡口", "坝上", "沟口",
	"关口", "垭口", "湾塘", "荷花", "莲花", "金鸡", "银山", "宝山", "青山", "绿水",
	"鸡鸣", "鹿鸣", "马头", "牛角", "羊角", "虎头", "凤鸣", "鹤鸣", "雷打", "官山",
	"大地", "大元", "大兴", "大田", "大湾", "小坝", "小溪", "团山", "中心", "长青",
	"菖蒲", "芦竹", "楠木", "枫香", "皂角", "青冈", "苦竹", "棕树", "花园", "新田",
	"保丰", "保安", "安乐", "乐园", "兴隆", "兴旺", "复兴", "振兴", "富民", "裕民",
	"共和", "合心", "同心", "齐心", "和睦", "仁义", "礼让", "忠孝", "民乐", "安家",
};

const char *demo_village_base(int i) { return village_bases[i % COUNT(village_bases)]; }
int demo_nvillage_bases(void) { return COUNT(village_bases); }

static const char *const group_names[] = {
	"一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组", "九组", "十组",
};

const char *demo_group_name(int i) { return group_names[(i - 1) % COUNT(group_names)]; }

/* Common surnames of the county, the most frequent first and repeated by
 * weight; 单 and 覃 read as surnames (shan, qin). */
static const char *const surnames[] = {
	"冉", "冉", "冉", "任", "任", "任", "张", "张", "张", "王", "王", "王", "李", "李",
	"刘", "刘", "陈", "陈", "杨", "杨", "罗", "罗", "田", "田", "何", "何", "向", "向",
	"彭", "彭", "谢", "侯", "周", "吴", "黄", "庞", "蔡", "龚", "汪", "廖", "邓", "徐",
	"熊", "赵", "郑", "朱", "胡", "高", "肖", "钟", "蒋", "袁", "崔", "付", "文", "冯",
	"曾", "秦", "苏", "雷", "余", "姚", "覃", "万", "江", "姜", "涂", "阮", "鲁", "石",
	"夏", "简", "代", "杜", "韦", "唐", "宋", "毛", "单", "聂", "贺", "潘", "孙", "郭",
	"马", "程", "邹", "范", "卢", "甘", "麻", "庹", "滕", "帅", "欧阳",
};

const char *demo_surname(struct rng *r) { return surnames[rng_int(r, 0, COUNT(surnames) - 1)]; }

/* given names by generation: born before 1965, 1965–1989, from 1990 */
static const char *const male_old[] = {
	"德明", "德华", "德福", "德贵", "福生", "贵林", "发财", "顺清", "学文", "世清",
	"光明", "光荣", "正平", "正清", "明山", "开明", "太平", "永福", "长寿", "万福",
	"国富", "兴才", "绍华", "廷贵", "玉林", "志华", "树林", "云山", "海清", "成林",
	"仁贵", "明安", "启华", "洪山", "时全", "定国", "朝富", "昌明", "安平", "汉清",
};
static const char *const male_mid[] = {
	"建国", "建华", "建军", "国强", "国庆", "志强", "志勇", "永刚", "永华", "文华",
	"明", "军", "伟", "勇", "强", "磊", "波", "刚", "平", "斌",
	"林", "华", "兵", "涛", "海", "洪", "杰", "峰", "超", "江",
	"小龙", "小军", "小兵", "家兴", "家福", "世杰", "世明", "成军", "红军", "春林",
};
static const char *const male_young[] = {
	"浩", "宇", "鑫", "俊杰", "浩然", "宇轩", "梓豪", "锦程", "天佑", "思远",
	"明轩", "子涵", "一鸣", "博文", "子轩", "俊熙", "皓轩", "宇航", "佳豪", "睿",
	"晨", "阳", "鹏", "帅", "凯", "毅", "航", "昊", "嘉俊", "文博",
	"志豪", "雨泽", "宏伟", "振宇", "家豪", "俊宇", "子墨", "梓航", "承泽", "浩宇",
};
static const char *const female_old[] = {
	"秀英", "秀兰", "桂英", "桂兰", "玉兰", "玉梅", "凤英", "兰英", "素芳", "春兰",
	"淑华", "德芬", "翠花", "菊花", "银花", "金花", "秀珍", "玉珍", "素珍", "桂芳",
	"明珍", "光碧", "正英", "仕芬", "应芬", "昌碧", "泽兰", "开秀", "天碧", "友兰",
	"美英", "学珍", "家秀", "朝英", "永秀", "大妹", "幺妹", "春花", "秋菊", "冬梅",
};
static const char *const female_mid[] = {
	"小芳", "丽", "芳", "敏", "静", "燕", "娟", "艳", "霞", "红梅",
	"海燕", "丽娟", "晓燕", "雪梅", "小琴", "红", "琴", "英", "梅", "玲",
	"春燕", "小红", "小燕", "丽萍", "秀琼", "应琼", "红英", "晓梅", "群英", "素琼",
	"小兰", "小梅", "丽华", "桂琼", "德琼", "春梅", "小艳", "晓琴", "慧", "萍",
};
static const char *const female_young[] = {
	"婷婷", "欣怡", "梓涵", "雨桐", "诗琪", "可欣", "思雨", "佳怡", "梓萱", "一诺",
	"雨欣", "紫涵", "欣妍", "梦瑶", "子怡", "诗涵", "语嫣", "若曦", "雪", "倩",
	"悦", "琳", "瑶", "颖", "娜", "蕾", "洁", "丹", "月", "婧",
	"思琪", "佳琪", "雅婷", "静怡", "梦琪", "晓雪", "心怡", "雨萱", "梓琳", "芷若",
};

void demo_person_name(struct rng *r, const char *surname, int sex, int birth_year, char *out,
                      size_t n)
{
	const char *const *pool;
	int np;
	if (birth_year < 1965) {
		pool = sex == 1 ? male_old : female_old;
		np = sex == 1 ? COUNT(male_old) : COUNT(female_old);
	} else if (birth_year < 1990) {
		pool = sex == 1 ? male_mid : female_mid;
		np = sex == 1 ? COUNT(male_mid) : COUNT(female_mid);
	} else {
		pool = sex == 1 ? male_young : female_young;
		np = sex == 1 ? COUNT(male_young) : COUNT(female_young);
	}
	snprintf(out, n, "%s%s", surname, pool[rng_int(r, 0, np - 1)]);
}

static const char *const nv_suffix[] = {
	"家湾", "家坝", "家沟", "家坪", "家院子", "家岭", "家寨", "家槽", "家坡", "家垭口",
};
static const char *const nv_plain[] = {
	"大湾", "小湾", "堰塘湾", "石板沟", "大坪", "岩脚", "坪上", "河坝", "老屋基", "新房子",
	"桐子坪", "核桃湾", "茶园坡", "火烧坪", "水井湾", "杉木林", "竹林湾", "寨子上", "凉水井", "垭口",
};

void demo_natural_village(struct rng *r, char *out, size_t n)
{
	if (rng_pct(r, 60))
		snprintf(out, n, "%s%s", surnames[rng_int(r, 0, COUNT(surnames) - 2)],
		         nv_suffix[rng_int(r, 0, COUNT(nv_suffix) - 1)]);
	else
		snprintf(out, n, "%s", nv_plain[rng_int(r, 0, COUNT(nv_plain) - 1)]);
}

void demo_phone(struct rng *r, char *out)
{
	static const char *const prefixes[] = { "133", "135", "136", "137", "138", "139", "150",
	                                        "151", "152", "157", "158", "159", "177", "180",
	                                        "182", "183", "187", "189", "199" };
	snprintf(out, 12, "%s%08d", prefixes[rng_int(r, 0, COUNT(prefixes) - 1)],
	         rng_int(r, 0, 99999999));
}

static const char *const places[] = {
	"浙江省宁波市", "浙江省杭州市", "广东省东莞市", "广东省深圳市", "广东省佛山市",
	"福建省泉州市", "福建省厦门市", "江苏省苏州市", "上海市", "重庆市主城区",
	"重庆市涪陵区", "彭水县城", "彭水县工业园区", "新疆维吾尔自治区", "山东省青岛市",
};

const char *demo_migrant_place(struct rng *r) { return places[rng_int(r, 0, COUNT(places) - 1)]; }

const char *demo_ethnicity(struct rng *r)
{
	int x = rng_int(r, 0, 99);
	return x < 36 ? "苗族" : x < 72 ? "土家族" : x < 98 ? "汉族" : "侗族";
}

int rng_pick(struct rng *r, const int *weights, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += weights[i];
	int x = rng_int(r, 0, total - 1);
	for (int i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}
