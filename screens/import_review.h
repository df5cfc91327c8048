/* The import report (screens/import_review.c), opened by the import form
 * after a dry run: the counts, one row per file row, and the keys that
 * commit all, commit the good rows or write the rejected rows out. */
#ifndef JIANCE_IMPORT_REVIEW_H
#define JIANCE_IMPORT_REVIEW_H

struct app;
struct import;

/* Takes im (freed when the report closes); path is the file read and
 * kind_label what the form called its kind (部门预警名单 …). */
void import_review_push(struct app *app, struct import *im, const char *path,
                        const char *kind_label);

#endif
