/* audit.c - walking the event log's hash chain in seq order and naming the
 * first broken link: a seq gap (a row deleted), a prev_hash that is not the
 * previous row's hash (deleted, reordered or replaced rows), a row whose
 * content no longer matches its hashes (edited), a log that ends before the
 * chain head kept in meta (the last rows deleted), and finally the
 * immutability triggers being gone.  Rows are read as they are in the file,
 * whatever someone did to them with the sqlite3 shell.
 *
 * The chain covers this terminal's own events (terminal_id = meta
 * terminal_id).  Events pulled from other terminals (data/sync_import.h)
 * sit between them with their own seqs: the seq check runs over every row
 * (a deleted foreign row is a gap too), the chain skips them, and each must
 * still match its payload_hash.  Their own chains are the centre's to
 * verify. */
#include "data/audit.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/event.h"
#include "data/events.h"
#include "data/store_db.h"

static const char zero_hash[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* Where the walk is. */
typedef struct {
    int64_t any_seq;                      /* the last row's seq, whoever recorded it */
    int64_t last_seq;                     /* this terminal's last event */
    char last_hash[EV_HASH_HEX + 1];
    char last_id[UUID7_LEN + 1];
    char terminal[EVENT_TERMINAL_MAX + 1];/* this terminal's id */
    int64_t foreign;                      /* pulled events checked */
} walk;

static const char *text(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

static int found(audit_result *r, audit_problem pb, int64_t seq, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int found(audit_result *r, audit_problem pb, int64_t seq, const char *id, const char *fmt, ...)
{
    r->problem = pb;
    r->seq = seq;
    snprintf(r->id, sizeof r->id, "%s", id ? id : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    return 1;
}

/* Recompute the row's payload hash and chain hash; true when both match what is stored. */
static bool content_holds(sqlite3_stmt *st, int *why)
{
    const char *payload = text(st, 4), *phash = text(st, 5), *hash = text(st, 10);
    char p2[EV_HASH_HEX + 1], h2[EV_HASH_HEX + 1];
    if (!payload || !phash || !hash)
        return *why = 0, false;
    if (events_sha256_hex(payload, (size_t)sqlite3_column_bytes(st, 4), p2) != 0 || strcmp(p2, phash) != 0)
        return *why = 1, false;
    ev_record rec = {text(st, 1), text(st, 2), text(st, 3), payload, phash,
                     sqlite3_column_int64(st, 6), text(st, 7), sqlite3_column_int64(st, 8), text(st, 9)};
    if (events_chain_hash(&rec, h2) != 0 || strcmp(h2, hash) != 0)
        return *why = 2, false;
    return true;
}

/* A pulled event: only its payload against its payload_hash; 0 holds, 1 broken (r filled). */
static int check_foreign(sqlite3_stmt *st, walk *w, audit_result *r)
{
    int64_t seq = sqlite3_column_int64(st, 0);
    const char *id = text(st, 1), *payload = text(st, 4), *phash = text(st, 5);
    char p2[EV_HASH_HEX + 1];
    if (!payload || !phash || events_sha256_hex(payload, (size_t)sqlite3_column_bytes(st, 4), p2) != 0 ||
        strcmp(p2, phash) != 0)
        return found(r, AUDIT_CONTENT_CHANGED, seq, id,
                     "event seq %" PRId64 " (%s, %s, pulled from terminal %s): its payload does not match its "
                     "payload_hash: it was changed after it was stored", seq, id ? id : "?",
                     text(st, 2) ? text(st, 2) : "?", text(st, 7) ? text(st, 7) : "?");
    w->any_seq = seq;
    w->foreign++;
    r->checked++;
    return 0;
}

/* Check one row against the walk so far; 0 holds, 1 broken (r filled). */
static int check_row(sqlite3_stmt *st, walk *w, audit_result *r)
{
    int64_t seq = sqlite3_column_int64(st, 0);
    const char *id = text(st, 1), *prev = text(st, 9), *term = text(st, 7);
    if (seq != w->any_seq + 1)
        return found(r, AUDIT_SEQ_GAP, seq, id,
                     "event seq %" PRId64 " (%s): events seq %" PRId64 "..%" PRId64
                     " before it are missing: rows were deleted from the log",
                     seq, id ? id : "?", w->any_seq + 1, seq - 1);
    if (!term || strcmp(term, w->terminal) != 0)
        return check_foreign(st, w, r);
    if (!prev || strcmp(prev, w->last_hash) != 0)
        return found(r, AUDIT_PREV_MISMATCH, seq, id,
                     "event seq %" PRId64 " (%s): its prev_hash does not match the hash of event seq %" PRId64
                     " (%s): rows were deleted, reordered or replaced",
                     seq, id ? id : "?", w->last_seq, w->last_seq ? w->last_id : "the start of the log");
    int why = 0;
    if (!content_holds(st, &why))
        return found(r, AUDIT_CONTENT_CHANGED, seq, id,
                     "event seq %" PRId64 " (%s, %s): its content was changed after it was written (%s)", seq,
                     id ? id : "?", text(st, 2) ? text(st, 2) : "?",
                     why == 1 ? "the payload does not match its payload_hash"
                              : why == 2 ? "hash mismatch" : "a column is empty");
    w->any_seq = seq;
    w->last_seq = seq;
    snprintf(w->last_hash, sizeof w->last_hash, "%s", text(st, 10));
    snprintf(w->last_id, sizeof w->last_id, "%s", id ? id : "");
    r->checked++;
    return 0;
}

/* Walk every row; 0 all hold, 1 broken, -1 error. */
static int walk_rows(store *s, walk *w, audit_result *r)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT seq, id, type, subject, payload, payload_hash, "
                                        "coalesce(staff_id, 0), terminal_id, created_at, prev_hash, hash "
                                        "FROM events ORDER BY seq");
    if (!st)
        return -1;
    int rc = SQLITE_DONE, res = 0;
    while (res == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
        res = check_row(st, w, r);
    if (res == 0 && rc != SQLITE_DONE)
        res = store_fail_sql(s, "reading the events");
    sqlite3_finalize(st);
    return res;
}

/* The chain head in meta ("SEQ:HASH") against the last row; 0 holds, 1 broken, -1 error. */
static int check_head(store *s, const walk *w, audit_result *r)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT value FROM meta WHERE key = 'chain_head'");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    char head[160] = "";
    if (rc == SQLITE_ROW && text(st, 0))
        snprintf(head, sizeof head, "%s", text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail_sql(s, "reading the chain head");
    char want[160];
    snprintf(want, sizeof want, "%" PRId64 ":%s", w->last_seq, w->last_hash);
    if (strcmp(head, want) == 0)
        return 0;
    char *end = NULL;
    long long hseq = strtoll(head, &end, 10);
    if (end && *end == ':' && hseq > w->last_seq)
        return found(r, AUDIT_HEAD_MISMATCH, w->last_seq, w->last_id,
                     "the log ends at event seq %" PRId64 " (%s) but the chain head records seq %lld: "
                     "the last %lld event(s) were deleted", w->last_seq, w->last_seq ? w->last_id : "none",
                     hseq, hseq - w->last_seq);
    return found(r, AUDIT_HEAD_MISMATCH, w->last_seq, w->last_id,
                 "the chain head in meta (\"%s\") does not match the last event (seq %" PRId64
                 "): it was altered, or events were added outside guichet", head, w->last_seq);
}

static int check_triggers(store *s, audit_result *r)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                                        "AND tbl_name = 'events' AND name IN ('events_no_update', 'events_no_delete')");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    int n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (n < 0)
        return store_fail_sql(s, "reading the schema");
    if (n == 2)
        return 0;
    return found(r, AUDIT_TRIGGERS_MISSING, 0, NULL,
                 "the chain holds, but the triggers that keep events immutable were dropped: "
                 "someone edited the database schema outside guichet");
}

int audit_verify(store *s, audit_result *r)
{
    memset(r, 0, sizeof *r);
    walk w;
    memset(&w, 0, sizeof w);
    memcpy(w.last_hash, zero_hash, sizeof w.last_hash);
    if (events_terminal_id(s, w.terminal, sizeof w.terminal) != 0)
        return -1;
    int rc = walk_rows(s, &w, r);
    if (rc == 0)
        rc = check_head(s, &w, r);
    if (rc == 0)
        rc = check_triggers(s, r);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        r->problem = AUDIT_OK;
        r->seq = w.last_seq;
        snprintf(r->id, sizeof r->id, "%s", w.last_id);
        if (w.foreign == 0)
            snprintf(r->message, sizeof r->message, "audit chain intact: %" PRId64 " event(s) verified", r->checked);
        else
            snprintf(r->message, sizeof r->message,
                     "audit chain intact: %" PRId64 " event(s) verified (%" PRId64 " pulled from other terminals: "
                     "payloads checked)", r->checked, w.foreign);
    }
    return 0;
}
