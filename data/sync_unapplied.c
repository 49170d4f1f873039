/* sync_unapplied.c - what pulling leaves for the supervisor and the sync
 * agent (data/sync_import.h): the list of changes that were not applied,
 * putting acknowledged events back in the outbox for a centre restored from
 * an older backup, and the calendar the centre sent. */
#include "data/sync_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/store_db.h"

int sync_requeue_after(store *s, int64_t server_last, int64_t *requeued)
{
    *requeued = 0;
    if (store_begin(s) != 0)
        return -1;
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO outbox(event_seq) SELECT seq FROM events "
                                        "WHERE terminal_id = (SELECT value FROM meta WHERE key = 'terminal_id') "
                                        "AND seq > ?1 AND seq NOT IN (SELECT event_seq FROM outbox) "
                                        "AND seq NOT IN (SELECT event_seq FROM sync_rejected) ORDER BY seq");
    if (!st) {
        store_rollback(s);
        return -1;
    }
    sqlite3_bind_int64(st, 1, server_last);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, "putting events back in the outbox");
        store_rollback(s);
        return -1;
    }
    int64_t n = sqlite3_changes(store_db(s));
    if (store_commit(s) != 0)
        return -1;
    *requeued = n;
    return 0;
}

int sync_unapplied_list(store *s, sync_unapplied_cb cb, void *ctx)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT id, type, coalesce(subject, ''), terminal, reason, at_ms "
                                        "FROM sync_unapplied ORDER BY at_ms, rowid");
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sync_unapplied_row row = {
            (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
            (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
            (const char *)sqlite3_column_text(st, 4), sqlite3_column_int64(st, 5),
        };
        if (cb(&row, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "listing the changes not applied");
}

int sync_unapplied_count(store *s, int64_t *n)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM sync_unapplied");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, "counting the changes not applied");
}

int sync_centre_calendar(store *s, calendar *cal)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT name, text FROM centre_files WHERE kind = 'calendar'");
    if (!st)
        return -1;
    int rc = sqlite3_step(st), ret = 1;
    if (rc == SQLITE_ROW) {
        calendar *tmp = malloc(sizeof *tmp);
        cal_error ce;
        char msg[300];
        if (!tmp)
            ret = store_fail(s, "out of memory reading the centre's calendar");
        else if (cal_parse(tmp, (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1),
                           (const char *)sqlite3_column_text(st, 0), &ce) != CAL_PARSE_OK)
            ret = store_fail(s, "the calendar the centre sent no longer parses: %s",
                             cal_error_format(&ce, NULL, msg, sizeof msg));
        else {
            memcpy(cal, tmp, sizeof *cal);
            ret = 0;
        }
        free(tmp);
    } else if (rc != SQLITE_DONE) {
        ret = store_fail_sql(s, "reading the centre's calendar");
    }
    sqlite3_finalize(st);
    return ret;
}
