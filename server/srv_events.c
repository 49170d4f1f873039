/* srv_events.c - the events table (stored once by id, never overwritten,
 * numbered by server_seq inside the committing transaction), the change feed
 * read after a server seq, what a cursor check and your_last_seq read, the
 * batches table (answers kept forever by idempotency key) and the counts
 * `guichetd stats` prints. */
#include "server/srv_store_int.h"

#include <stdlib.h>
#include <string.h>

int srv_event_put(srv_store *s, const char *terminal_id, const srv_event *e, int64_t now,
                  char stored_hash[SRV_HASH_HEX + 1])
{
    sqlite3_stmt *st = srv_prepare(s,
        "INSERT INTO events(id, terminal, type, subject, payload, payload_hash, staff, staff_code, created_at, "
        "terminal_seq, prev_hash, hash, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
        "ON CONFLICT DO NOTHING");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, terminal_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, e->type, -1, SQLITE_STATIC);
    if (e->subject)
        sqlite3_bind_text(st, 4, e->subject, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_text(st, 5, e->payload, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, e->payload_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, e->staff);
    sqlite3_bind_text(st, 8, e->staff_code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, e->created_at);
    sqlite3_bind_int64(st, 10, e->seq);
    sqlite3_bind_text(st, 11, e->prev_hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, e->hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 13, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return srv_fail_sql(s, "storing an event");
    if (sqlite3_changes(s->db) == 1)
        return 0;
    st = srv_prepare(s, "SELECT payload_hash FROM events WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        srv_column_copy(st, 0, stored_hash, SRV_HASH_HEX + 1);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : srv_fail_sql(s, "reading a stored event");
}

static int query_int64(srv_store *s, const char *sql, int64_t *out, const char *doing)
{
    sqlite3_stmt *st = srv_prepare(s, sql);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : srv_fail_sql(s, doing);
}

int srv_events_count(srv_store *s, int64_t *n)
{
    return query_int64(s, "SELECT count(*) FROM events", n, "counting events");
}

int srv_events_max_seq(srv_store *s, int64_t *seq)
{
    return query_int64(s, "SELECT coalesce(max(server_seq), 0) FROM events", seq, "reading the last seq");
}

int srv_events_last(srv_store *s, int64_t *seq, char id[SRV_ID_LEN + 1])
{
    sqlite3_stmt *st = srv_prepare(s, "SELECT server_seq, id FROM events ORDER BY server_seq DESC LIMIT 1");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    *seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    id[0] = '\0';
    if (rc == SQLITE_ROW)
        srv_column_copy(st, 1, id, SRV_ID_LEN + 1);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "reading the last event");
}

int srv_event_id_at(srv_store *s, int64_t seq, char id[SRV_ID_LEN + 1])
{
    sqlite3_stmt *st = srv_prepare(s, "SELECT id FROM events WHERE server_seq = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, seq);
    int rc = sqlite3_step(st);
    id[0] = '\0';
    if (rc == SQLITE_ROW)
        srv_column_copy(st, 0, id, SRV_ID_LEN + 1);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? 1 : srv_fail_sql(s, "reading the event at a cursor");
}

int srv_terminal_last_seq(srv_store *s, const char *terminal_id, int64_t *seq)
{
    sqlite3_stmt *st = srv_prepare(s, "SELECT coalesce(max(terminal_seq), 0) FROM events WHERE terminal = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, terminal_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : srv_fail_sql(s, "reading a terminal's last seq");
}

int64_t srv_event_last_insert(srv_store *s)
{
    return (int64_t)sqlite3_last_insert_rowid(s->db);
}

static const char *text_or_null(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

int srv_events_after(srv_store *s, int64_t after, const char *exclude, int limit, srv_event_fn fn, void *ctx)
{
    sqlite3_stmt *st = srv_prepare(s,
        "SELECT server_seq, terminal, id, terminal_seq, type, subject, payload, payload_hash, staff, staff_code, "
        "created_at, prev_hash, hash FROM events WHERE server_seq > ?1 AND (?2 IS NULL OR terminal <> ?2) "
        "ORDER BY server_seq LIMIT ?3");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, after);
    if (exclude)
        sqlite3_bind_text(st, 2, exclude, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_int(st, 3, limit);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        srv_event e = {
            .id = text_or_null(st, 2), .seq = sqlite3_column_int64(st, 3), .type = text_or_null(st, 4),
            .subject = text_or_null(st, 5), .payload = text_or_null(st, 6), .payload_hash = text_or_null(st, 7),
            .staff = sqlite3_column_int64(st, 8), .staff_code = text_or_null(st, 9),
            .created_at = sqlite3_column_int64(st, 10), .prev_hash = text_or_null(st, 11),
            .hash = text_or_null(st, 12),
        };
        if (fn(ctx, sqlite3_column_int64(st, 0), text_or_null(st, 1), &e) != 0) {
            sqlite3_finalize(st);
            return srv_fail(s, "%s: building the change feed failed", s->path);
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "reading changes");
}

int srv_batch_get(srv_store *s, const char *key, int64_t *terminal_row, char **answer)
{
    sqlite3_stmt *st = srv_prepare(s, "SELECT terminal, answer FROM batches WHERE idempotency_key = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *terminal_row = sqlite3_column_int64(st, 0);
        const char *a = (const char *)sqlite3_column_text(st, 1);
        *answer = strdup(a ? a : "");
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return *answer ? 0 : srv_fail(s, "out of memory");
    return rc == SQLITE_DONE ? 1 : srv_fail_sql(s, "reading a batch answer");
}

int srv_batch_put(srv_store *s, const char *key, int64_t terminal_row, const char *answer)
{
    sqlite3_stmt *st = srv_prepare(s, "INSERT INTO batches(idempotency_key, terminal, answer) VALUES (?1, ?2, ?3)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, terminal_row);
    sqlite3_bind_text(st, 3, answer, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "keeping a batch answer");
}

int srv_stats_each(srv_store *s, srv_stat which, srv_stat_fn fn, void *ctx)
{
    sqlite3_stmt *st = srv_prepare(s, which == SRV_STAT_BY_TYPE
        ? "SELECT type, count(*), 0 FROM events GROUP BY type ORDER BY type"
        : "SELECT t.name, count(e.server_seq), coalesce(t.last_seen, 0) FROM terminals t "
          "LEFT JOIN events e ON e.terminal = t.terminal_id GROUP BY t.rowid ORDER BY t.name");
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *label = (const char *)sqlite3_column_text(st, 0);
        if (fn(ctx, label ? label : "", sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2)) != 0) {
            sqlite3_finalize(st);
            return -1;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "counting events");
}
