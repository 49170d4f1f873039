/* notice_doc.h - the documents of one case (or one item, for the one-time
 * notice) filled from the store: the case, its checklist, the item's guide,
 * the clerk and window, and the centre's contact from the configuration;
 * then laid out by core/notice.h, printed through the configured command or
 * saved as a UTF-8 text file.  No SQL here: tui/ may include this file. */
#ifndef GUICHET_DATA_NOTICE_DOC_H
#define GUICHET_DATA_NOTICE_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/notice.h"
#include "data/config.h"
#include "data/store.h"

/* A document's text: heap, free with notice_text_free. */
typedef struct {
    char *text;
    size_t len;
    char title[64];       /* translated title, for the screen's header */
    char file_name[128];  /* suggested file name: "CASEID-kind.txt" or "ITEM-one_time.txt" */
} notice_text;

/* Lay out the latest notice of `kind` for a case as the store has it (the case must have
 * issued one, except NOTICE_ACCEPTANCE of a concluded immediate case); reprint marks it.
 * 0, 1 when the case or its notice does not exist, -1 with a message in err. */
int notice_for_case(store *s, const gconfig *cfg, const char *case_id, notice_kind kind, bool reprint,
                    int width, notice_tr tr, notice_text *out, char *err, size_t errlen);

/* Lay out the one-time notice (一次性告知单) of an item for an enquiry, with the window (code),
 * the clerk's name and the date as given: 0, 1 when there is no such item, -1 with err. */
int notice_for_item(store *s, const gconfig *cfg, const char *item, const char *window, const char *clerk,
                    const char *date, int width, notice_tr tr, notice_text *out, char *err, size_t errlen);

/* Free the text. */
void notice_text_free(notice_text *t);

/* Send text to the print command (run through /bin/sh, text on its stdin); 0, or -1 with
 * what failed (cannot start, exit status) in err. */
int notice_print(const char *command, const char *text, size_t len, char *err, size_t errlen);

/* Write text to dir/name (created 0644, never overwriting: "-2", "-3" ... added before .txt);
 * the path written into path; 0 or -1 with err. */
int notice_save(const char *dir, const char *name, const char *text, size_t len, char *path, size_t pathlen,
                char *err, size_t errlen);

#endif
