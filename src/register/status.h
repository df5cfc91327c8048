/* A household's status (SPEC §4): stored as its Chinese word in
 * households.status, compared everywhere else as this enum.  The words are
 * VOCAB_STATUS's, in the same order; hh_status_from_text/hh_status_text
 * are the only conversion, used where rows are read and written. */
#ifndef JIANCE_STATUS_H
#define JIANCE_STATUS_H

enum hh_status {
	STATUS_LEAD,          /* 线索: registered, not yet identified */
	STATUS_IDENTIFYING,   /* 识别中 */
	STATUS_MONITORED,     /* 监测中 */
	STATUS_ELIMINATING,   /* 消除中 */
	STATUS_ELIMINATED,    /* 风险已消除 */
	STATUS_REJECTED,      /* 未纳入 */
	STATUS_DISSOLVED,     /* 已注销 */
	STATUS_COUNT
};

/* 0 with *out set, or -1 when text is no status. */
int hh_status_from_text(const char *text, enum hh_status *out);
/* The stored word, also what is shown; "" out of range. */
const char *hh_status_text(enum hh_status s);

#endif
