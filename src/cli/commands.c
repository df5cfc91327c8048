#include "cli/commands.h"

const struct command cli_commands[] = {
	{ "init", "init [--name 姓名]",
	  "创建数据库和县级区划，并把当前系统账号设为第一个系统管理员", cmd_init },
	{ "demo", "demo [--households N] [--seed S]",
	  "生成一个模拟县（彭水苗族土家族自治县）的演示数据库；同一 seed 生成相同的数据", cmd_demo },
	{ "officer", "officer add 登录名 姓名 角色 区划代码 | officer list | officer disable 登录名 | officer enable 登录名",
	  "管理操作员（角色: village 村级, township 乡镇, county 县级, admin 系统管理员）", cmd_officer },
	{ "area", "area list [--level 1-4] | area add 上级代码 代码 名称",
	  "列出或添加区划（县、乡镇、村/社区、村民小组）", cmd_area },
	{ "import", "import --kind leads|households|visits|assistance|national FILE [--map 映射] [--dry-run] [--partial] [--channel 来源] [--department 部门] [--progress] [--all] | import --show-map 映射",
	  "导入部门预警名单、户和成员表、走访记录、民政社会救助名单、国家系统导出的监测对象信息（CSV：UTF-8 或 GBK；Excel：XLSX、XLS）；逐行检查，默认全部成功才导入", cmd_import },
	{ "export", "export households|members|contacts|measures|visits|leads|runs|upstream [--format csv|xlsx] [--village 名称] [--status 状态] [--type 类型] [--flag 标记] [--template 模板] [-o FILE]\n"
	  "       jiance export lead-results --department 部门 [--format csv|xlsx] [-o FILE]",
	  "导出本人辖区内的数据为 CSV 或 Excel（中文表头，身份证号码按配置遮蔽；xlsx 须用 -o）；"
	  "lead-results 给某个部门其筛查预警的核实结果", cmd_export },
	{ "print", "print 文档 [--village 村或乡镇] [--from 日期 --to 日期] [-o FILE.pdf] [--printer 打印机] [--format pdf|csv]", "打印公示、公告、台账、走访记录表和汇总报告（A4 PDF）：配置了打印命令则送打印机（-o 只保存，-o 加 --printer 保存并打印），否则保存并显示路径；--format csv 输出同一张表", cmd_print },
	{ "check", "check [--rule 代码]",
	  "检查数据库完整性和政策规则（无联系人、无帮扶措施、走访超期、识别超期、无开发式措施、线索超期），"
	  "逐项计数，并按代码（国家疑点规则代码或 JC-nn）计数每条数据疑点规则；--rule 代码 列出违反该规则的户", cmd_check },
	{ "upstream", "upstream list | upstream mark 编号… | upstream mark --all",
	  "列出本人辖区内待录入国家系统的变更（按户，含应填的值），或把录入好的条目标记为已录入；"
	  "按国家系统的列导出用 jiance export upstream", cmd_upstream },
	{ "backup", "backup FILE",
	  "在他人继续工作时生成一致的数据库副本", cmd_backup },
	{ "migrate-to", "migrate-to URL",
	  "（root 或系统管理员）把本县的 SQLite 数据库（--db 或配置的 database.path）整个迁移到 PostgreSQL 数据库 URL，"
	  "目标中可已有别的县：编号顺延不冲突；同一事务内写入，逐表核对行数和校验和，不一致则全部撤销", cmd_migrate },
	{ "setup", "setup --admin 登录名 [--name 姓名] [--group 组]",
	  "（root）部署县服务器：建立系统组、数据目录和数据库，添加第一个系统管理员", cmd_setup },
	{ "doctor", "doctor [--group 组]",
	  "检查部署：程序的组和权限、数据目录和数据库、遗留的 -wal/-shm、区域设置、字体、打印命令、磁盘空间；逐项给出修复方法", cmd_doctor },
	{ NULL, NULL, NULL, NULL },
};
