/* sync_pull_json.h - reading one answer of GET /v1/changes (docs/protocol.md
 * "Pull", and the contract's your_last_seq and checked cursor) strictly:
 * every field present with its JSON type, duplicate keys refused, each
 * change of kind "event" with the event's fields as pushed plus the
 * terminal that pushed it.  A malformed answer is refused whole, with a
 * message naming where ("changes[3].event.seq: not a whole number"), so
 * nothing of it is applied. */
#ifndef GUICHET_SYNC_PULL_JSON_H
#define GUICHET_SYNC_PULL_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "data/sync_import.h"

/* One page of changes; strings point into keep (free with sync_pull_page_free). */
typedef struct {
    sync_change *changes;
    size_t n;
    const char *next_cursor;
    int has_more;
    int64_t server_time;   /* Unix ms */
    int64_t your_last_seq; /* the highest seq of this terminal's events the centre holds; 0 when none */
    void *keep;
} sync_pull_page;

/* Read body into page; 0, or -1 + err naming where (page left empty). */
int sync_pull_parse(const char *body, size_t len, sync_pull_page *page, char *err, size_t errlen);
/* Free what sync_pull_parse kept (an empty page is fine). */
void sync_pull_page_free(sync_pull_page *page);

#endif
