/* sync_store.c - the sync agent's state in the terminal's file: meta keys,
 * applying the centre's answer (acknowledgements and dead letters) in one
 * BEGIN IMMEDIATE transaction, failed attempts, and the sync_rejected list
 * (migration 9).  The HTTP side is in sync/, which never sees SQL. */
#include "data/sync_store.h"

#include <stdio.h>
#include <string.h>

#include "data/events.h"
#include "data/store_db.h"

int sync_meta_get(store *s, const char *key, char *buf, size_t len)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT value FROM meta WHERE key = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        snprintf(buf, len, "%s", v ? (const char *)v : "");
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW ? 0 : 1;
    return store_fail_sql(s, "reading the sync state");
}

/* Run a statement with up to two text parameters; 0 or -1. */
static int run2(store *s, const char *sql, const char *a, const char *b, const char *doing)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, doing);
}

int sync_meta_set(store *s, const char *key, const char *value)
{
    return run2(s, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", key, value, "saving the sync state");
}

int sync_meta_del(store *s, const char *key)
{
    return run2(s, "DELETE FROM meta WHERE key = ?1", key, NULL, "clearing the sync state");
}

/* File one rejected event as a dead letter (kept: a second rejection of the same seq keeps the first). */
static int file_rejected(store *s, const sync_result *r, int64_t now_ms)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT OR IGNORE INTO sync_rejected(event_seq, event_id, reason, at_ms) "
                                        "VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r->seq);
    sqlite3_bind_text(st, 2, r->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, r->reason && *r->reason ? r->reason : "rejected (no reason given)", -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, now_ms);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "filing a rejected event");
}

int sync_apply_results(store *s, const sync_result *r, size_t n, int64_t now_ms)
{
    if (store_begin(s) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if ((r[i].status == SYNC_REJECTED && file_rejected(s, &r[i], now_ms) != 0) || outbox_ack(s, r[i].seq) < 0) {
            store_rollback(s);
            return -1;
        }
    }
    if (sync_meta_del(s, SYNC_META_BATCH_KEY) != 0) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s);
}

int sync_record_failure(store *s, const int64_t *seqs, size_t n, const char *error, int64_t now_ms)
{
    if (store_begin(s) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (outbox_attempt(s, seqs[i], error, now_ms) < 0) {
            store_rollback(s);
            return -1;
        }
    if (sync_meta_set(s, SYNC_META_LAST_ERROR, error) != 0) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s);
}

int sync_mark_ok(store *s, int64_t now_ms)
{
    char ms[24];
    snprintf(ms, sizeof ms, "%lld", (long long)now_ms);
    if (store_begin(s) != 0)
        return -1;
    if (sync_meta_set(s, SYNC_META_LAST_OK, ms) != 0 || sync_meta_del(s, SYNC_META_LAST_ERROR) != 0) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s);
}

int sync_rejected_list(store *s, sync_rejected_cb cb, void *ctx)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT r.event_seq, r.event_id, e.type, r.reason, r.at_ms "
                                        "FROM sync_rejected r LEFT JOIN events e ON e.seq = r.event_seq "
                                        "ORDER BY r.event_seq");
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *type = sqlite3_column_text(st, 2);
        sync_rejected_row row = {
            sqlite3_column_int64(st, 0),  (const char *)sqlite3_column_text(st, 1),
            type ? (const char *)type : "?", (const char *)sqlite3_column_text(st, 3),
            sqlite3_column_int64(st, 4),
        };
        if (cb(&row, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "listing the rejected events");
}

int sync_rejected_count(store *s, int64_t *n)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM sync_rejected");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, "counting the rejected events");
}
