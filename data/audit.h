/* audit.h - verifying the event log's audit chain: each event's hash is
 * SHA-256 of the previous event's hash and its own canonical content
 * (core/event.h ev_chain_content), and meta 'chain_head' holds the last seq
 * and hash.  audit_verify() walks the log in seq order and names the first
 * broken link; `guichet audit verify` prints r.message and exits 0 only for
 * AUDIT_OK. */
#ifndef GUICHET_DATA_AUDIT_H
#define GUICHET_DATA_AUDIT_H

#include <stdint.h>

#include "core/uuid7.h"
#include "data/store.h"

#define AUDIT_MSG_LEN 512

/* What is wrong, for the first problem found. */
typedef enum {
    AUDIT_OK = 0,
    AUDIT_SEQ_GAP,          /* seqs are missing before this event: rows were deleted */
    AUDIT_PREV_MISMATCH,    /* its prev_hash is not the previous event's hash: deleted, reordered or replaced */
    AUDIT_CONTENT_CHANGED,  /* its payload or another column changed after it was written (hash mismatch) */
    AUDIT_HEAD_MISMATCH,    /* the log ends before the chain head in meta: the last events were deleted */
    AUDIT_TRIGGERS_MISSING, /* the chain holds, but the triggers that keep events immutable are gone */
} audit_problem;

/* The verdict. */
typedef struct {
    audit_problem problem;
    int64_t checked;              /* events whose links held before the first problem */
    int64_t seq;                  /* the event where the chain breaks (the last one present for AUDIT_HEAD_MISMATCH) */
    char id[UUID7_LEN + 1];       /* its id ("" when none) */
    char message[AUDIT_MSG_LEN];  /* one line naming the event and what is wrong */
} audit_result;

/* Walk the chain; 0 when the walk ran (r->problem says whether it holds), -1 with store_errmsg when it could not read. */
int audit_verify(store *s, audit_result *r);

#endif
