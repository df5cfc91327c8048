/* The fonts a document is drawn with.
 *
 * cairo's CFF subsetter (1.16, and still in later releases) misreads some
 * Noto Sans CJK charstrings: after a hintmask that follows drawing
 * operators it skips the wrong number of mask bytes, misses the next
 * subroutine call and writes that subroutine out empty, so the glyph is
 * broken in the PDF (如 and 瘃 in the regular face, 忉 in the bold one:
 * blank in poppler, "broken file" in mupdf).  So each document gets its
 * own copy of the font, cut by HarfBuzz down to the characters it uses,
 * without subroutines and hints — nothing left for cairo to misread — and
 * pango draws through a font map that sees only those copies.  The PDF
 * still embeds NotoSansCJKsc-Regular/-Bold as a subset, text intact.
 * Characters the font lacks (rare names) come from the best system font
 * that has them, cut the same way. */
#include "print/pdf_impl.h"

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/privs.h"

#define MAX_FALLBACKS 4

/* A file of the system font matching family and weight (and, when
 * given, covering chars). */
static FcPattern *system_font(const char *family, int bold, FcCharSet *chars)
{
	FcPattern *p = FcPatternCreate();
	if (!p)
		return NULL;
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(p, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	if (chars)
		FcPatternAddCharSet(p, FC_CHARSET, chars);
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult r;
	FcPattern *m = FcFontMatch(NULL, p, &r);
	FcPatternDestroy(p);
	return m;
}

int pdf_font_installed(const char *family, char *file, size_t n)
{
	const char *want = family && *family ? family : PDF_DEFAULT_FONT;
	FcPattern *m = system_font(want, 0, NULL);
	FcChar8 *got = NULL, *path = NULL;
	int same = 0;
	/* a collection names one face in several families (… CJK JP, … CJK SC) */
	for (int i = 0; m && !same && FcPatternGetString(m, FC_FAMILY, i, &got) == FcResultMatch; i++)
		same = !strcasecmp((const char *)got, want);
	if (m && file && FcPatternGetString(m, FC_FILE, 0, &path) == FcResultMatch)
		snprintf(file, n, "%s", (const char *)path);
	if (m)
		FcPatternDestroy(m);
	return same;
}

/* Unique for the life of the process: cairo caches faces by file name, so
 * a name must never come back with other contents.  Made as the officer:
 * TMPDIR is theirs to set, and must not let the program's group write
 * into a folder only that group may (the database's). */
static int temp_font(char *path, size_t n)
{
	static unsigned serial;
	const char *dir = getenv("TMPDIR");
	snprintf(path, n, "%s/jiance-font-%ld-%u-XXXXXX", dir && *dir ? dir : "/tmp", (long)getpid(),
	         serial++);
	privs_user_begin();
	int fd = mkstemp(path);
	privs_user_end();
	return fd;
}

/* Cuts the font file:index down to chars (those it has) into a new temp
 * file; covered (may be NULL) receives what it had.  0 ok, -1 failed. */
static int cut(const char *file, int index, const hb_set_t *chars, hb_set_t *covered,
               char *out, size_t n)
{
	hb_blob_t *blob = hb_blob_create_from_file(file);
	hb_face_t *face = hb_face_create(blob, (unsigned)index);
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_set_t *has = hb_set_create();
	int rc = -1;
	hb_face_collect_unicodes(face, has);
	hb_set_intersect(has, chars);
	if (in && !hb_set_is_empty(has)) {
		hb_set_union(hb_subset_input_unicode_set(in), has);
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
		hb_face_t *sub = hb_subset_or_fail(face, in);
		hb_blob_t *data = sub ? hb_face_reference_blob(sub) : NULL;
		unsigned len = 0;
		const char *bytes = data ? hb_blob_get_data(data, &len) : NULL;
		int fd = len ? temp_font(out, n) : -1;
		if (fd >= 0) {
			rc = write(fd, bytes, len) == (ssize_t)len ? 0 : -1;
			close(fd);
			if (rc != 0)
				unlink(out);
		}
		hb_blob_destroy(data);
		hb_face_destroy(sub);
	}
	if (rc == 0 && covered)
		hb_set_union(covered, has);
	hb_set_destroy(has);
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return rc;
}

static int add_cut(struct pdf_doc *d, FcConfig *cfg, FcPattern *font, const hb_set_t *chars,
                   hb_set_t *covered)
{
	FcChar8 *file = NULL;
	int index = 0;
	if (d->nfonts >= PDF_MAX_FONTS || !font ||
	    FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch)
		return -1;
	FcPatternGetInteger(font, FC_INDEX, 0, &index);
	char *path = d->font_files[d->nfonts];
	if (cut((const char *)file, index, chars, covered, path, sizeof d->font_files[0]) != 0)
		return -1;
	d->nfonts++;
	return FcConfigAppFontAddFile(cfg, (const FcChar8 *)path) ? 0 : -1;
}

/* What the main font lacks, from the system fonts that have it. */
static void fallbacks(struct pdf_doc *d, FcConfig *cfg, const hb_set_t *chars, hb_set_t *covered)
{
	hb_set_t *missing = hb_set_copy(chars);
	hb_set_subtract(missing, covered);
	for (int k = 0; k < MAX_FALLBACKS && !hb_set_is_empty(missing); k++) {
		FcCharSet *cs = FcCharSetCreate();
		for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(missing, &c);)
			FcCharSetAddChar(cs, c);
		FcPattern *font = system_font(d->font, 0, cs);
		FcCharSet *has = NULL;
		int useful = font && FcPatternGetCharSet(font, FC_CHARSET, 0, &has) == FcResultMatch &&
		             FcCharSetIntersectCount(has, cs) > 0;
		FcCharSetDestroy(cs);
		if (!useful || add_cut(d, cfg, font, missing, covered) != 0) {
			FcPatternDestroy(font);
			break;
		}
		FcPatternDestroy(font);
		hb_set_subtract(missing, covered);
	}
	hb_set_destroy(missing);
}

PangoFontMap *pdf_font_map(struct pdf_doc *d, const hb_set_t *chars)
{
	FcConfig *cfg = FcConfigCreate();
	hb_set_t *covered = hb_set_create();
	int ok = cfg != NULL;
	for (int bold = 0; ok && bold < 2; bold++) {
		FcPattern *font = system_font(d->font, bold, NULL);
		ok = add_cut(d, cfg, font, chars, bold ? NULL : covered) == 0;
		FcPatternDestroy(font);
	}
	if (ok)
		fallbacks(d, cfg, chars, covered);
	hb_set_destroy(covered);
	PangoFontMap *map = NULL;
	if (ok) {
		map = pango_cairo_font_map_new();
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), cfg);
	}
	if (cfg)
		FcConfigDestroy(cfg);
	return map;
}

void pdf_font_files_remove(struct pdf_doc *d)
{
	for (int i = 0; i < d->nfonts; i++)
		unlink(d->font_files[i]);
	d->nfonts = 0;
}
