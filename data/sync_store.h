/* sync_store.h - what the sync agent (guichet-sync, sync/) keeps in the
 * terminal's file besides the outbox (data/events.h): meta keys
 * (sync_last_ok_ms, sync_last_error read by the dashboard, sync_batch_key),
 * the centre's answers applied in one transaction, failed attempts, and the
 * dead letters of table sync_rejected (migration 9).  No SQL here. */
#ifndef GUICHET_DATA_SYNC_STORE_H
#define GUICHET_DATA_SYNC_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "data/store.h"

#define SYNC_META_BATCH_KEY "sync_batch_key"   /* "<uuid> <seq>,<seq>,..." of the batch in flight */
#define SYNC_META_CLOCK_OFFSET "sync_clock_offset_ms" /* the centre's clock minus ours, ms (from server_time) */
#define SYNC_META_LAST_OK "sync_last_ok_ms"    /* Unix ms of the last pass that emptied the outbox */
#define SYNC_META_LAST_ERROR "sync_last_error" /* the last failure in words; absent after a success */

/* What the centre said about one event. */
typedef enum { SYNC_APPLIED = 0, SYNC_DUPLICATE, SYNC_REJECTED } sync_status;

/* One event's result, matched to its outbox seq. */
typedef struct {
    int64_t seq;
    const char *id;     /* the event's id */
    sync_status status;
    const char *reason; /* the centre's reason (rejected); may be NULL */
} sync_result;

/* One dead letter, as listed by sync_rejected_list. */
typedef struct {
    int64_t seq;
    const char *id;
    const char *type;   /* the event's type */
    const char *reason;
    int64_t at_ms;
} sync_rejected_row;

typedef int (*sync_rejected_cb)(const sync_rejected_row *r, void *ctx);

/* meta(key) into buf (len bytes); 0 found, 1 absent, -1 with store_errmsg. */
int sync_meta_get(store *s, const char *key, char *buf, size_t len);
/* Set meta(key) = value; 0 or -1 with store_errmsg. */
int sync_meta_set(store *s, const char *key, const char *value);
/* Remove meta(key) (absent is fine); 0 or -1 with store_errmsg. */
int sync_meta_del(store *s, const char *key);

/* In one transaction: acknowledge each result's event, file the rejected ones in sync_rejected, forget the batch key; 0 or -1 (nothing changed). */
int sync_apply_results(store *s, const sync_result *r, size_t n, int64_t now_ms);
/* In one transaction: outbox_attempt(error) for each seq and meta sync_last_error = error; 0 or -1. */
int sync_record_failure(store *s, const int64_t *seqs, size_t n, const char *error, int64_t now_ms);
/* A pass emptied the outbox: sync_last_ok_ms = now_ms, sync_last_error removed; 0 or -1. */
int sync_mark_ok(store *s, int64_t now_ms);
/* Call cb for every dead letter, oldest first (cb returning non-zero stops); 0 or -1. */
int sync_rejected_list(store *s, sync_rejected_cb cb, void *ctx);
/* How many dead letters there are; 0 or -1. */
int sync_rejected_count(store *s, int64_t *n);

#endif
