/* notice.h - the documents a window hands over, laid out as text: 受理通知书,
 * 补正材料通知书, 不予受理通知书, 容缺受理承诺书 and 一次性告知单 (seed 001
 * 篇十三 §10(4), 篇六 一(5), 篇四 (十)5; 行政许可法 第三十二条).  Each is a
 * title, the case and applicant, the body the rule requires (the complete
 * list of missing materials at once; reason and legal basis; the deadline
 * and what happens if it is missed; the guide's elements for a one-time
 * notice), then window, clerk, centre contact and the date.
 *
 * Pure: the caller gives every value and a translate function (gettext in
 * the client, identity in tests); lines are wrapped by display columns
 * (core/cwidth.h), never splitting a double-width character; closing
 * punctuation is kept off the start of a line when the line before has
 * another unit to move down with it (禁则). */
#ifndef GUICHET_CORE_NOTICE_H
#define GUICHET_CORE_NOTICE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    NOTICE_ACCEPTANCE = 0, /* 受理通知书 */
    NOTICE_SUPPLEMENT,     /* 补正材料通知书 */
    NOTICE_REJECTION,      /* 不予受理通知书 */
    NOTICE_DEFERRAL,       /* 容缺受理承诺书 */
    NOTICE_ONE_TIME,       /* 一次性告知单 */
    NOTICE_KIND_COUNT
} notice_kind;

/* One material line of a document. */
typedef struct {
    int n;               /* its number in the guide */
    const char *name;
    const char *form;    /* already translated: 原件 / 复印件 / 电子 */
    int copies;          /* 0 = shown and handed back; < 0 unknown (left out) */
    bool essential;
    const char *note;    /* what is wrong (补正: defective), or the guide's note; "" when none */
    bool missing;        /* 补正 / 容缺: missing (false: brought but defective) */
} notice_material;

/* Everything a document shows; "" or NULL for values not known (the line is left out). */
typedef struct {
    notice_kind kind;
    bool reprint;              /* prints "重印" beside the title */
    const char *centre_name, *centre_address, *centre_phone, *centre_complaint, *centre_hours;
    const char *window, *clerk;
    const char *case_id, *applicant, *applicant_id;
    const char *item_code, *item_name, *item_kind, *department;
    const char *date;          /* the day the document is issued */
    const char *received;      /* the day the application was received */
    const char *due;           /* acceptance: the promised date */
    const char *deadline;      /* deferral: the day the materials are due */
    const char *reason, *basis;/* rejection */
    const char *special;       /* acceptance: special procedures that pause the clock */
    /* the guide (one-time notice) */
    const char *conditions, *procedure, *fee, *fee_basis, *place, *hours, *contact, *complaint, *basis_law;
    int statutory_days, promised_days; /* working days; <= 0 left out */
    bool immediate;            /* 即办件: the time limit reads "done on the spot" */
    const notice_material *materials;
    size_t nmaterials;
} notice_doc;

/* Translate a message id (gettext); NULL means the English ids as they are. */
typedef const char *(*notice_tr)(const char *msgid);

/* Lay the document out in lines of at most width (>= 20) columns, '\n' after each, into buf
 * (cap bytes, NUL-terminated); returns the length, or the length needed when cap is too small,
 * or -1 when doc is NULL or width < 20. */
long notice_render(const notice_doc *doc, int width, notice_tr tr, char *buf, size_t cap);

/* English message id (N_) of a document's title ("Acceptance notice" ...); NULL if unknown. */
const char *notice_title(notice_kind k);

/* Stable ASCII id ("acceptance", "supplement", "rejection", "deferral", "one_time"); NULL if unknown. */
const char *notice_kind_name(notice_kind k);

#endif
