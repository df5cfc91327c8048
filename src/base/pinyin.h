/* Pinyin readings of personal and place names, for search (zsf → 张三丰) and
 * for sorting as Chinese readers expect (李 < 王 < 张).  ICU's transliterator
 * "Han-Latin/Names; Latin-ASCII" reads surnames as surnames (单 shan, 曾 zeng);
 * a small table corrects the surnames it gets wrong (朴 piao, 覃 qin, ...).
 * About 50 µs a name: compute when a name is written, store it, never at
 * query time. */
#ifndef JIANCE_PINYIN_H
#define JIANCE_PINYIN_H

#include <stddef.h>

/* full: lower-case syllables without tones or spaces ("zhangsanfeng");
 * initials: the first letter of each ("zsf").  Latin words in a name are kept
 * lower-cased, one "syllable" each; digits, punctuation (the · in
 * 阿依古丽·买买提) and characters ICU cannot read are dropped.  Either output
 * may be NULL.  0, or -1 if ICU is unavailable or an output was too small
 * (outputs are then "" or cut at a syllable, always NUL-terminated). */
int pinyin_name(const char *name, char *full, size_t fullsz, char *initials, size_t inisz);

/* A key that sorts names by reading under strcmp / SQLite BINARY: syllables
 * separated by spaces (张三 before 张三丰, li si before lin), then \x01 and the
 * name itself, so names that read alike still sort the same way every time.
 * "" for "". */
void pinyin_sortkey(const char *name, char *out, size_t n);

/* Frees the transliterator; the next call opens it again. */
void pinyin_close(void);

#endif
