/* Loading jiance.conf (SPEC §12) with libconfig 1.5, checked against the
 * table in config_table.c: every key must be known, of the right type and in
 * range, or the program refuses to start with "FILE:LINE: reason". */
#include "config/config.h"

#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "config/config_load.h"
#include "config/codes_impl.h"


/* ---- error reporting ---- */

static const char *src_file(const struct loader *L, const config_setting_t *s)
{
	const char *f = s ? config_setting_source_file(s) : NULL;
	return f ? f : L->path;
}

int cfg_fail(struct loader *L, const config_setting_t *s, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return jerr_set(L->e, "", "%s:%d: %s", src_file(L, s),
			s ? (int)config_setting_source_line(s) : 0, msg);
}

/* The setting's path as written in the file; list items count from 1
 * ("import[2].columns[5].header") because administrators read it. */
void cfg_spath(const config_setting_t *s, char *buf, size_t n)
{
	const config_setting_t *p = config_setting_parent(s);
	const char *name = config_setting_name(s);
	if (!p || config_setting_is_root(p)) {
		snprintf(buf, n, "%s", name ? name : "");
		return;
	}
	cfg_spath(p, buf, n);
	size_t len = strlen(buf);
	if (name)
		snprintf(buf + len, n - len, ".%s", name);
	else
		snprintf(buf + len, n - len, "[%d]", config_setting_index(s) + 1);
}

static int fail_type(struct loader *L, const config_setting_t *s, const char *what)
{
	char p[256];
	cfg_spath(s, p, sizeof p);
	return cfg_fail(L, s, "'%s' 应为%s", p, what);
}

static int utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
			: (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0 || (n == 1 && *p < 0xC2))
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

/* ---- the 32-bit wrap trap ---- */

static char *read_all(const char *file)
{
	FILE *f = fopen(file, "rb");
	if (!f)
		return NULL;
	size_t cap = 8192, len = 0, got;
	char *buf = malloc(cap + 1);
	while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			char *bigger = realloc(buf, 2 * cap + 1);
			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[len] = 0;
	return buf;
}

static const char *source_line(struct loader *L, const char *file, int line)
{
	if (strcmp(file, L->text_file) != 0) {
		free(L->text);
		L->text = read_all(file);
		snprintf(L->text_file, sizeof L->text_file, "%s", file);
	}
	const char *p = L->text;
	for (int i = 1; p && i < line; i++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return p;
}

static int name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		(ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '*';
}

/* The integer literal after "name =" at p (line text), if any: 1 and *lit,
 * or 0.  *wrapped is set when the literal is beyond 64 bits. */
static int literal_at(const char *line, const char *p, const char *name,
		      long long *lit, int *wrapped)
{
	size_t len = strlen(name);
	if ((p > line && name_char(p[-1])) || name_char(p[len]))
		return 0;
	const char *q = p + len + strspn(p + len, " \t");
	if (*q != '=' && *q != ':')
		return 0;
	q += 1 + strspn(q + 1, " \t\r\n");
	const char *digits = q + (*q == '-' || *q == '+');
	int hex = digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
	char *end;
	errno = 0;
	*lit = strtoll(q, &end, hex ? 16 : 10);
	*wrapped = errno == ERANGE;
	return end != q;
}

/* How many integers named name were read before on s's line: settings are
 * read in file order, so this is the index of s's literal on the line. */
static int occurrence(struct loader *L, const config_setting_t *s, const char *name)
{
	const char *file = src_file(L, s);
	int line = config_setting_source_line(s);
	if (!L->seen_file || strcmp(L->seen_file, file) != 0 || L->seen_line != line) {
		L->seen_file = file;
		L->seen_line = line;
		L->nseen = 0;
	}
	for (int i = 0; i < L->nseen; i++)
		if (strcmp(L->seen[i].name, name) == 0)
			return L->seen[i].count++;
	if (L->nseen == (int)(sizeof L->seen / sizeof L->seen[0]))
		return -1;
	L->seen[L->nseen].name = name;
	L->seen[L->nseen++].count = 1;
	return 0;
}

/* libconfig 1.5 keeps only the low 32 bits of an integer written without the
 * L suffix: 4294967301 reads back as 5, which is in range.  So the literal is
 * read again from the source line and must equal the value.  1 if it does
 * not; 0 if it does or cannot be found. */
static int literal_differs(struct loader *L, const config_setting_t *s, long long v)
{
	const char *name = config_setting_name(s);
	if (!name)
		return 0;
	int k = occurrence(L, s, name);
	const char *line = source_line(L, src_file(L, s), config_setting_source_line(s));
	if (k < 0 || !line)
		return 0;
	const char *eol = strchr(line, '\n');
	for (const char *p = strstr(line, name); p && (!eol || p < eol); p = strstr(p + 1, name)) {
		long long lit;
		int wrapped;
		if (literal_at(line, p, name, &lit, &wrapped) && k-- == 0)
			return wrapped || lit != v;
	}
	return 0;
}

/* ---- scalar values ---- */

static int get_int(struct loader *L, const config_setting_t *s, long min, long max, int *out)
{
	int t = config_setting_type(s);
	if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
		return fail_type(L, s, "整数");
	/* Read as 64 bits: the int getters give 0 for an INT64 (written with L)
	 * beyond int range, which could pass a bound of 0; here it fails. */
	long long v = config_setting_get_int64(s);
	if (v < min || v > max || literal_differs(L, s, v)) {
		char p[256];
		cfg_spath(s, p, sizeof p);
		return cfg_fail(L, s, "'%s' 超出范围 (%ld–%ld)", p, min, max);
	}
	*out = (int)v;
	return 0;
}

int cfg_get_bool(struct loader *L, const config_setting_t *s, int *out)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return fail_type(L, s, "布尔值 (true 或 false)");
	*out = config_setting_get_bool(s);
	return 0;
}

/* Too long is refused, never cut: cutting could split a Han character. */
int cfg_get_str(struct loader *L, const config_setting_t *s, size_t min, size_t max,
		   char *dst, size_t size, const char *(*check)(const char *))
{
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return fail_type(L, s, "字符串");
	const char *v = config_setting_get_string(s);
	char p[256];
	cfg_spath(s, p, sizeof p);
	if (!utf8_valid(v))
		return cfg_fail(L, s, "'%s' 不是有效的 UTF-8 文本（配置文件须以 UTF-8 保存）", p);
	size_t n = strlen(v);
	if (n < min || n > max || n >= size)
		return cfg_fail(L, s, "'%s' 超出范围 (长度 %zu–%zu 字节，一个汉字 3 字节)",
			    p, min, max);
	const char *why = check ? check(v) : NULL;
	if (why)
		return cfg_fail(L, s, "'%s' %s", p, why);
	cfg_copy(dst, size, v);
	return 0;
}

static int load_option(struct loader *L, config_t *cf, const struct cfg_option *o,
		       struct config *c)
{
	config_setting_t *s = config_lookup(cf, o->name);
	if (!s)
		return 0;
	char *field = (char *)c + o->offset;
	switch (o->type) {
	case CFG_INT:
		return get_int(L, s, o->min, o->max, (int *)(void *)field);
	case CFG_BOOL:
		return cfg_get_bool(L, s, (int *)(void *)field);
	case CFG_STRING:
		return cfg_get_str(L, s, (size_t)o->min, (size_t)o->max, field, o->size, o->check);
	}
	return 0;
}

/* ---- unknown keys ---- */

static int is_setting(const char *path)
{
	for (int i = 0; i < cfg_noptions; i++)
		if (strcmp(cfg_options[i].name, path) == 0)
			return 1;
	for (int i = 0; i < cfg_nlists; i++)
		if (strcmp(cfg_lists[i].name, path) == 0)
			return 1;
	return 0;
}

static int has_prefix(const char *name, const char *group)
{
	size_t n = strlen(group);
	return strncmp(name, group, n) == 0 && name[n] == '.';
}

static int is_group(const char *path)
{
	for (int i = 0; i < cfg_noptions; i++)
		if (has_prefix(cfg_options[i].name, path))
			return 1;
	for (int i = 0; i < cfg_nlists; i++)
		if (has_prefix(cfg_lists[i].name, path))
			return 1;
	return 0;
}

/* Walks the groups; settings inside lists are checked by their loaders. */
static int check_names(struct loader *L, const config_setting_t *g, const char *prefix)
{
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		char path[256];
		snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "",
			 config_setting_name(s));
		if (is_setting(path))
			continue;
		if (!strcmp(path, "risk_types") || !strcmp(path, "measure_categories"))
			return cfg_fail(L, s, "'%s' 已改为国家代码表 %s（见 jiance.conf(5) 和 jiance.conf.dist）",
			                path, *path == 'r' ? "codes.risks" : "codes.measures");
		if (!is_group(path))
			return cfg_fail(L, s, "未知的设置 '%s'", path);
		if (!config_setting_is_group(s))
			return fail_type(L, s, "组 { … }");
		if (check_names(L, s, path) != 0)
			return -1;
	}
	return 0;
}

/* ---- list settings ---- */

/* s must be a group whose members are all among keys. */
int cfg_need_group(struct loader *L, const config_setting_t *s, const char *const *keys)
{
	if (!config_setting_is_group(s))
		return fail_type(L, s, "组 { … }");
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
		if (!cfg_one_of(config_setting_name(m), keys)) {
			char p[256];
			cfg_spath(m, p, sizeof p);
			return cfg_fail(L, m, "未知的设置 '%s'", p);
		}
	}
	return 0;
}

const config_setting_t *cfg_member(struct loader *L, const config_setting_t *g,
				      const char *key)
{
	const config_setting_t *m = config_setting_get_member(g, key);
	if (!m) {
		char p[256];
		cfg_spath(g, p, sizeof p);
		cfg_fail(L, g, "'%s' 缺少 '%s'", p, key);
	}
	return m;
}

int cfg_member_str(struct loader *L, const config_setting_t *g, const char *key,
		      size_t min, char *dst, size_t size)
{
	const config_setting_t *m = cfg_member(L, g, key);
	return m ? cfg_get_str(L, m, min, size - 1, dst, size, NULL) : -1;
}

/* An array or list of n items, minn <= n <= maxn. */
int cfg_need_items(struct loader *L, const config_setting_t *s, int minn, int maxn,
		      int is_list)
{
	if (is_list ? !config_setting_is_list(s)
	    : !config_setting_is_array(s) && !config_setting_is_list(s))
		return fail_type(L, s, is_list ? "列表 ( … )" : "数组 [ … ]");
	int n = config_setting_length(s);
	if (n < minn || n > maxn) {
		char p[256];
		cfg_spath(s, p, sizeof p);
		if (minn == maxn)
			return cfg_fail(L, s, "'%s' 超出范围 (应为 %d 项，现有 %d 项)", p, minn, n);
		return cfg_fail(L, s, "'%s' 超出范围 (%d–%d 项，现有 %d 项)", p, minn, maxn, n);
	}
	return 0;
}

/* s (a string setting whose value is v) must be one of names. */
static int need_one_of(struct loader *L, const config_setting_t *s, const char *v,
		       const char *const *names)
{
	if (cfg_one_of(v, names))
		return 0;
	char p[256], list[160] = "";
	cfg_spath(s, p, sizeof p);
	for (int i = 0; names[i]; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
			 i ? "、" : "", names[i]);
	return cfg_fail(L, s, "'%s' 的值 \"%s\" 无效，应为 %s 之一", p, v, list);
}

/* An array of free-text strings that must not repeat. */
static int load_strings(struct loader *L, const config_setting_t *s, int minn, int maxn,
			char *dst, size_t width, int *count)
{
	if (cfg_need_items(L, s, minn, maxn, 0) != 0)
		return -1;
	int n = config_setting_length(s);
	for (int i = 0; i < n; i++) {
		const config_setting_t *it = config_setting_get_elem(s, (unsigned)i);
		char *v = dst + (size_t)i * width;
		if (cfg_get_str(L, it, 1, width - 1, v, width, NULL) != 0)
			return -1;
		for (int j = 0; j < i; j++)
			if (strcmp(dst + (size_t)j * width, v) == 0) {
				char p[256];
				cfg_spath(it, p, sizeof p);
				return cfg_fail(L, it, "'%s' 的值 \"%s\" 重复", p, v);
			}
	}
	*count = n;
	return 0;
}

/* An array of dates (the calendar), each YYYY-MM-DD, none twice. */
static int load_days(struct loader *L, const config_setting_t *s, jday *dst, int *count)
{
	if (cfg_need_items(L, s, 0, CFG_MAX_DAYS, 0) != 0)
		return -1;
	int n = config_setting_length(s);
	for (int i = 0; i < n; i++) {
		const config_setting_t *it = config_setting_get_elem(s, (unsigned)i);
		char text[16], p[256];
		if (cfg_get_str(L, it, 10, 10, text, sizeof text, NULL) != 0)
			return -1;
		cfg_spath(it, p, sizeof p);
		if ((dst[i] = date_iso(text)) == JDAY_NONE)
			return cfg_fail(L, it, "'%s' 的值 \"%s\" 不是日期（YYYY-MM-DD）", p, text);
		for (int j = 0; j < i; j++)
			if (dst[j] == dst[i])
				return cfg_fail(L, it, "'%s' 的值 \"%s\" 重复", p, text);
	}
	*count = n;
	return 0;
}

/* An array of roles, each one of village … up to `last` (which may repeat:
 * a role runs steps 1 and 3). */
static int load_roles(struct loader *L, const config_setting_t *s, int minn, int maxn,
		      enum role *dst, int *count, enum role last)
{
	const char *names[ROLE_COUNT];
	int k = 0;
	for (int r = ROLE_VILLAGE; r <= (int)last; r++)
		names[k++] = role_text((enum role)r);
	names[k] = NULL;
	if (cfg_need_items(L, s, minn, maxn, 0) != 0)
		return -1;
	int n = config_setting_length(s);
	for (int i = 0; i < n; i++) {
		const config_setting_t *it = config_setting_get_elem(s, (unsigned)i);
		char v[16];
		if (cfg_get_str(L, it, 1, sizeof v - 1, v, sizeof v, NULL) != 0 ||
		    need_one_of(L, it, v, names) != 0)
			return -1;
		role_from_text(v, &dst[i]);
	}
	*count = n;
	return 0;
}

/* A line's `from`: a date within its year or the year before (a line may
 * be issued in December for the next year); absent, 1 January. */
static int line_from(struct loader *L, const config_setting_t *g, struct cfg_line *ln)
{
	const config_setting_t *f = config_setting_get_member(g, "from");
	char text[16];
	ln->from = date_from_ymd(ln->year, 1, 1);
	if (!f)
		return 0;
	if (cfg_get_str(L, f, 10, 10, text, sizeof text, NULL) != 0)
		return -1;
	jday d = date_iso(text);
	if (d == JDAY_NONE || d < date_from_ymd(ln->year - 1, 1, 1) ||
	    d > date_from_ymd(ln->year, 12, 31))
		return cfg_fail(L, f, "监测范围 %d 年的生效日期“%s”应为 %d 年或上一年的日期（YYYY-MM-DD）",
		            ln->year, text, ln->year);
	ln->from = d;
	return 0;
}

static int load_lines(struct loader *L, const config_setting_t *s, struct config *c)
{
	static const char *const keys[] = { "year", "yuan", "from", NULL };
	if (cfg_need_items(L, s, 0, CFG_MAX_LINES, 1) != 0)
		return -1;
	c->nlines = 0;
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *g = config_setting_get_elem(s, (unsigned)i);
		const config_setting_t *y, *m;
		struct cfg_line ln;
		if (cfg_need_group(L, g, keys) != 0 || !(y = cfg_member(L, g, "year")) ||
		    !(m = cfg_member(L, g, "yuan")) || get_int(L, y, 2000, 2100, &ln.year) != 0 ||
		    get_int(L, m, 1, 100000, &ln.yuan) != 0 || line_from(L, g, &ln) != 0)
			return -1;
		for (int j = 0; j < c->nlines; j++)
			if (c->lines[j].year == ln.year)
				return cfg_fail(L, y, "监测范围年份 %d 重复", ln.year);
		c->lines[c->nlines++] = ln;
	}
	return 0;
}

/* Who knows the fields of mappings and templates (see config.h). */
static cfg_field_check field_check;

void config_set_field_check(cfg_field_check f) { field_check = f; }

/* A field the mapping or template may not name, reported where it is written. */
static int check_field(struct loader *L, const config_setting_t *it, int tpl, const char *kind,
		       const char *field)
{
	char allowed[1024];
	if (!field_check || field_check(tpl, kind, field, allowed, sizeof allowed) == 0)
		return 0;
	char p[256];
	const config_setting_t *f = config_setting_get_member(it, "field");
	cfg_spath(f, p, sizeof p);
	return cfg_fail(L, f, "'%s' 的字段 \"%s\" 不存在：%s %s 可用的字段是 %s", p, field,
		    tpl ? "导出模板" : "导入映射", kind, allowed);
}

static int load_columns(struct loader *L, const config_setting_t *g, int tpl, const char *kind,
			struct cfg_col *cols, int *ncols)
{
	static const char *const keys[] = { "header", "field", NULL };
	const config_setting_t *s = cfg_member(L, g, "columns");
	if (!s || cfg_need_items(L, s, 1, CFG_MAX_COLS, 1) != 0)
		return -1;
	int n = config_setting_length(s);
	for (int i = 0; i < n; i++) {
		const config_setting_t *it = config_setting_get_elem(s, (unsigned)i);
		struct cfg_col *col = &cols[i];
		if (cfg_need_group(L, it, keys) != 0 ||
		    cfg_member_str(L, it, "header", 1, col->header, sizeof col->header) != 0 ||
		    cfg_member_str(L, it, "field", 1, col->field, sizeof col->field) != 0 ||
		    check_field(L, it, tpl, kind, col->field) != 0)
			return -1;
		for (int j = 0; j < i; j++)
			if (strcmp(cols[j].header, col->header) == 0) {
				char p[256];
				cfg_spath(config_setting_get_member(it, "header"), p, sizeof p);
				return cfg_fail(L, it, "'%s' 的值 \"%s\" 重复", p, col->header);
			}
	}
	*ncols = n;
	return 0;
}

static int load_map(struct loader *L, const config_setting_t *g, struct cfg_map *m)
{
	static const char *const keys[] = { "name", "title", "kind", "columns", NULL };
	if (cfg_need_group(L, g, keys) != 0 ||
	    cfg_member_str(L, g, "name", 1, m->name, sizeof m->name) != 0 ||
	    cfg_member_str(L, g, "kind", 1, m->kind, sizeof m->kind) != 0 ||
	    need_one_of(L, config_setting_get_member(g, "kind"), m->kind, cfg_map_kinds) != 0)
		return -1;
	const config_setting_t *title = config_setting_get_member(g, "title");
	if (!title)
		cfg_copy(m->title, sizeof m->title, m->name);
	else if (cfg_get_str(L, title, 1, sizeof m->title - 1, m->title, sizeof m->title, NULL) != 0)
		return -1;
	return load_columns(L, g, 0, m->kind, m->cols, &m->ncols);
}

static int load_template(struct loader *L, const config_setting_t *g, struct cfg_template *t)
{
	static const char *const keys[] = { "name", "title", "kind", "columns", NULL };
	if (cfg_need_group(L, g, keys) != 0 ||
	    cfg_member_str(L, g, "name", 1, t->name, sizeof t->name) != 0 ||
	    cfg_member_str(L, g, "kind", 1, t->kind, sizeof t->kind) != 0 ||
	    need_one_of(L, config_setting_get_member(g, "kind"), t->kind,
				cfg_template_kinds) != 0)
		return -1;
	const config_setting_t *title = config_setting_get_member(g, "title");
	if (!title)
		cfg_copy(t->title, sizeof t->title, t->name);
	else if (cfg_get_str(L, title, 0, sizeof t->title - 1, t->title, sizeof t->title,
			 NULL) != 0)
		return -1;
	return load_columns(L, g, 1, t->kind, t->cols, &t->ncols);
}

/* import and templates: a list of named groups; names must differ. */
static int load_named(struct loader *L, const config_setting_t *s, struct config *c,
		      int templates)
{
	if (cfg_need_items(L, s, 0, CFG_MAX_MAPS, 1) != 0)
		return -1;
	int n = config_setting_length(s);
	for (int i = 0; i < n; i++) {
		const config_setting_t *g = config_setting_get_elem(s, (unsigned)i);
		if (templates ? load_template(L, g, &c->templates[i]) != 0
		    : load_map(L, g, &c->maps[i]) != 0)
			return -1;
		const char *name = templates ? c->templates[i].name : c->maps[i].name;
		for (int j = 0; j < i; j++)
			if (strcmp(templates ? c->templates[j].name : c->maps[j].name, name) == 0)
				return cfg_fail(L, g, "%s \"%s\" 重复",
					    templates ? "导出模板" : "导入映射", name);
	}
	*(templates ? &c->ntemplates : &c->nmaps) = n;
	return 0;
}

static int load_list(struct loader *L, enum cfg_list_id id, const config_setting_t *s,
		     struct config *c)
{
	int five;
	switch (id) {
	case CFG_L_LINES:
		return load_lines(L, s, c);
	case CFG_L_STEP_ROLES:   /* the steps are the officers' work: no admin */
		return load_roles(L, s, 5, 5, c->step_roles, &five, ROLE_COUNTY);
	case CFG_L_DEPARTMENTS:
		return load_strings(L, s, 0, CFG_MAX_LIST, c->departments[0],
				    sizeof c->departments[0], &c->ndepartments);
	case CFG_L_FULL_ID_ROLES:
		return load_roles(L, s, 0, 4, c->full_id_roles, &c->nfull_id_roles, ROLE_ADMIN);
	case CFG_L_IMPORT:
		return load_named(L, s, c, 0);
	case CFG_L_TEMPLATES:
		return load_named(L, s, c, 1);
	case CFG_L_HOLIDAYS:
		return load_days(L, s, c->holidays, &c->nholidays);
	case CFG_L_WORKDAYS:
		return load_days(L, s, c->workdays, &c->nworkdays);
	default:
		return codes_load(L, id, s, c);
	}
}

/* ---- loading ---- */

static int load_all(struct loader *L, config_t *cf, struct config *c)
{
	if (check_names(L, config_root_setting(cf), "") != 0)
		return -1;
	for (int i = 0; i < cfg_noptions; i++)
		if (load_option(L, cf, &cfg_options[i], c) != 0)
			return -1;
	for (int i = 0; i < cfg_nlists; i++) {
		const config_setting_t *s = config_lookup(cf, cfg_lists[i].name);
		if (s && load_list(L, cfg_lists[i].id, s, c) != 0)
			return -1;
	}
	if (!config_lookup(cf, "quality.risk_measures"))
		codes_prune_map(c);
	return 0;
}

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < cfg_noptions; i++) {
		const struct cfg_option *o = &cfg_options[i];
		char *field = (char *)c + o->offset;
		if (o->type == CFG_STRING)
			cfg_copy(field, o->size, o->def_str);
		else
			*(int *)(void *)field = o->def_int;
	}
	cfg_list_defaults(c);
}

/* libconfig 1.5 reads an @include with flex, which exits the whole program
 * ("input in flex scanner failed") when the name is a folder or cannot be
 * read: every @include of the file is checked first, and refused with its
 * line, so a bad one is a message, not a silent exit (found by make fuzz). */
static int check_includes(const char *path, const char *dir, struct jerr *e)
{
	FILE *f = fopen(path, "r");
	char line[1024], name[512], full[1024];
	int n = 0, rc = 0;
	while (f && rc == 0 && fgets(line, sizeof line, f)) {
		n++;
		const char *p = line + strspn(line, " \t");
		if (strncmp(p, "@include", 8) != 0)
			continue;
		p += 8 + strspn(p + 8, " \t");
		const char *end = *p == '"' ? strchr(p + 1, '"') : NULL;
		size_t len = end ? (size_t)(end - p - 1) : 0;
		snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), p + 1);
		snprintf(full, sizeof full, "%s%s%s", name[0] == '/' ? "" : dir, name[0] == '/' ? "" : "/",
		         name);
		struct stat sb;
		if (!end || !*name || stat(full, &sb) != 0 || !S_ISREG(sb.st_mode) || access(full, R_OK) != 0)
			rc = jerr_set(e, "", "%s:%d: @include “%s” 不是可读的配置文件", path, n, name);
	}
	if (f)
		fclose(f);
	return rc;
}

int config_load(struct config *c, const char *path, struct jerr *e)
{
	struct loader L = { .path = path, .e = e };
	FILE *f = fopen(path, "r");
	if (!f)
		return jerr_set(e, "", "%s:0: 无法读取配置文件: %s", path, strerror(errno));
	fclose(f);
	/* @include is resolved against the include dir, not the including
	 * file's folder (libconfig 1.5): make them the same. */
	char dir[512];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = 0;               /* "/x.conf": the root */
	else
		*slash = 0;
	if (check_includes(path, dir, e) != 0) {
		free(L.text);
		return -1;
	}
	config_t cf;
	config_init(&cf);
	config_set_include_dir(&cf, dir);
	int rc;
	if (!config_read_file(&cf, path)) {
		const char *ef = config_error_file(&cf);
		rc = jerr_set(e, "", "%s:%d: 语法错误: %s", ef ? ef : path,
			      config_error_line(&cf), config_error_text(&cf));
	} else {
		rc = load_all(&L, &cf, c);
		if (rc == 0)
			snprintf(c->path, sizeof c->path, "%s", path);
	}
	config_destroy(&cf);
	free(L.text);
	return rc;
}

/* The directory of the running program, from /proc/self/exe (argv[0] may
 * be a bare name found through PATH). */
static int program_dir(char *dir, size_t n, const char *argv0)
{
	char buf[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (len > 0)
		buf[len] = 0;
	else if (!argv0 || !strchr(argv0, '/') || !realpath(argv0, buf))
		return -1;
	char *slash = strrchr(buf, '/');
	if (!slash)
		return -1;
	*slash = 0;
	snprintf(dir, n, "%s", buf);
	return 0;
}

void config_locate(char *out, size_t n, const char *explicit_path, const char *argv0)
{
	char dir[PATH_MAX], cand[PATH_MAX + 32];
	if (explicit_path) {
		snprintf(out, n, "%s", explicit_path);
		return;
	}
	if (program_dir(dir, sizeof dir, argv0) == 0) {
		snprintf(cand, sizeof cand, "%s/etc/jiance.conf", dir);
		if (access(cand, F_OK) == 0 && strlen(cand) < n) {
			snprintf(out, n, "%s", cand);
			return;
		}
	}
	if (access("/etc/jiance/jiance.conf", F_OK) == 0) {
		snprintf(out, n, "%s", "/etc/jiance/jiance.conf");
		return;
	}
	if (n)
		out[0] = 0;
}

/* ---- lookups ---- */

int config_line(const struct config *c, int year)
{
	int best = -1;
	for (int i = 0; i < c->nlines; i++)
		if (c->lines[i].year <= year && (best < 0 || c->lines[i].year > c->lines[best].year))
			best = i;
	return best < 0 ? 0 : c->lines[best].yuan;
}

int config_line_at(const struct config *c, jday day, struct cfg_line *out)
{
	int best = -1;
	for (int i = 0; i < c->nlines; i++) {
		const struct cfg_line *l = &c->lines[i], *b = best < 0 ? NULL : &c->lines[best];
		if (l->from <= day && (!b || l->from > b->from || (l->from == b->from && l->year > b->year)))
			best = i;
	}
	if (best < 0)
		return 0;
	*out = c->lines[best];
	return 1;
}

static int day_in(const jday *days, int n, jday d)
{
	for (int i = 0; i < n; i++)
		if (days[i] == d)
			return 1;
	return 0;
}

int config_is_workday(const struct config *c, jday day)
{
	int weekday = (int)(((day % 7) + 7 + 4) % 7);   /* 1970-01-01 was a Thursday; 0 Sunday */
	if (day_in(c->workdays, c->nworkdays, day))
		return 1;
	return weekday != 0 && weekday != 6 && !day_in(c->holidays, c->nholidays, day);
}

jday config_workdays_after(const struct config *c, jday from, int n)
{
	jday d = from;
	for (int left = n; left > 0 && d - from < 3660;)   /* a calendar of only holidays ends */
		left -= config_is_workday(c, ++d);
	return d;
}

int config_visit_by_month(const struct config *c)
{
	return strcmp(c->visit_rule, "days") != 0;
}

int config_is_risk(const struct config *c, const char *name)
{
	return vocab_find(config_codes(c, CT_RISK), name) >= 0;
}

int config_category(const struct config *c, const char *name)
{
	const struct cfg_measure_cat *m = config_measure_cat(c, name);
	return m ? m->developmental : -1;
}

int config_role_sees_full_id(const struct config *c, enum role role)
{
	for (int i = 0; i < c->nfull_id_roles; i++)
		if (c->full_id_roles[i] == role)
			return 1;
	return 0;
}

const struct cfg_map *config_map(const struct config *c, const char *name)
{
	for (int i = 0; i < c->nmaps; i++)
		if (strcmp(c->maps[i].name, name) == 0)
			return &c->maps[i];
	for (int i = 0; i < c->nmaps; i++)
		if (strcmp(c->maps[i].title, name) == 0)
			return &c->maps[i];
	return NULL;
}

const struct cfg_template *config_template(const struct config *c, const char *name)
{
	for (int i = 0; i < c->ntemplates; i++)
		if (strcmp(c->templates[i].name, name) == 0)
			return &c->templates[i];
	return NULL;
}
