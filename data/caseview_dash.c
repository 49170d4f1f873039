/* caseview_dash.c - the dashboard's figures: today's received / accepted /
 * concluded cases at the window (or all), the open cases due soon, overdue,
 * waiting for 补正 and with 容缺 materials outstanding (the same conditions
 * as the lists, counted on the same indexes), the outbox, and the sync
 * state the sync agent (issue 6) leaves in meta: 'sync_last_ok_ms' (Unix
 * ms of the last successful exchange) and 'sync_last_error' (its last error,
 * absent or empty when none), docs/storage.md §11, with the counts of dead
 * letters (data/sync_store.h) and of pulled changes not applied
 * (data/sync_import.h) that a supervisor looks into. */
#include "data/caseview_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/events.h"
#include "data/sync_import.h"
#include "data/sync_store.h"

/* The counts, in the order of the cv_dashboard fields they fill. */
enum { K_RECEIVED, K_ACCEPTED, K_CONCLUDED, K_DUE_SOON, K_OVERDUE, K_SUPPLEMENT, K_DEFERRED, K_COUNT };

/* Today's counts: one literal statement per day column, [window][plan] (values are bound). */
#define DAY_SQL(col, win) "SELECT count(*) FROM cases c WHERE c." col " = :today" win
#define DAY(col)                                                                                       \
    {{DAY_SQL(col, ""), CVI_PLAN DAY_SQL(col, "")}, {DAY_SQL(col, CVI_WINDOW), CVI_PLAN DAY_SQL(col, CVI_WINDOW)}}
static const char *const day_sql[K_DUE_SOON][2][2] = {DAY("received"), DAY("accepted"), DAY("concluded")};
static const cv_filter state_filters[K_COUNT - K_DUE_SOON] = {CV_DUE_SOON, CV_OVERDUE, CV_SUPPLEMENT,
                                                               CV_DEFERRED_DUE};

static int *count_field(cv_dashboard *d, int k)
{
    int *const fields[K_COUNT] = {&d->received_today, &d->accepted_today, &d->concluded_today, &d->due_soon,
                                  &d->overdue,        &d->supplement,     &d->deferred_open};
    return fields[k];
}

/* Count k's statement (an EXPLAIN QUERY PLAN when plan), bound to the scope; NULL + message. */
static sqlite3_stmt *count_statement(store *s, const cv_scope *scope, int k, bool plan)
{
    bool window = scope->window != NULL;
    const char *sql = k < K_DUE_SOON ? day_sql[k][window][plan]
                                     : cvi_filter_sql(state_filters[k - K_DUE_SOON], true, window, plan);
    if (!sql) {
        store_fail(s, "no statement for the dashboard's count %d", k);
        return NULL;
    }
    sqlite3_stmt *st = store_prepare(s, sql);
    if (st && cvi_bind_scope(s, st, scope) != 0) {
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

static int count_one(store *s, const cv_scope *scope, int k, int *out)
{
    sqlite3_stmt *st = count_statement(s, scope, k, false);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, "counting cases for the dashboard");
}

/* meta(key) into buf; 0 found, 1 absent, -1 error. */
static int meta_get(store *s, const char *key, char *buf, size_t len)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT value FROM meta WHERE key = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        cvi_copy(st, 0, buf, len);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW ? 0 : 1;
    return store_fail_sql(s, "reading the sync state");
}

/* The sync agent's last success (-1 when never, or when the value is not a number) and last error. */
static int sync_state(store *s, cv_dashboard *d)
{
    char ms[32];
    d->last_sync_ms = -1;
    d->last_sync_error[0] = '\0';
    int rc = meta_get(s, "sync_last_ok_ms", ms, sizeof ms);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(ms, &end, 10);
        if (errno == 0 && end != ms && *end == '\0' && v >= 0)
            d->last_sync_ms = v;
    }
    if (meta_get(s, "sync_last_error", d->last_sync_error, sizeof d->last_sync_error) < 0)
        return -1;
    d->clock_offset_known = false;
    if ((rc = meta_get(s, "sync_clock_offset_ms", ms, sizeof ms)) < 0)
        return -1;
    if (rc == 0) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(ms, &end, 10);
        d->clock_offset_known = errno == 0 && end != ms && *end == '\0';
        d->clock_offset_ms = d->clock_offset_known ? v : 0;
    }
    return sync_rejected_count(s, &d->sync_rejected) == 0 && sync_unapplied_count(s, &d->sync_unapplied) == 0 ? 0
                                                                                                           : -1;
}

int cv_dashboard_get(store *s, const cv_scope *scope, cv_dashboard *out)
{
    cv_dashboard d;
    memset(&d, 0, sizeof d);
    if (!out)
        return store_fail(s, "no dashboard to fill");
    if (cvi_scope_check(s, scope) != 0)
        return -1;
    for (int k = 0; k < K_COUNT; k++)
        if (count_one(s, scope, k, count_field(&d, k)) != 0)
            return -1;
    if (outbox_count(s, &d.queued_events) != 0 || sync_state(s, &d) != 0)
        return -1;
    *out = d;
    return 0;
}

int cv_dashboard_plan(store *s, const cv_scope *scope, char *buf, size_t len)
{
    if (!buf || len == 0)
        return store_fail(s, "no room for the plan");
    buf[0] = '\0';
    if (cvi_scope_check(s, scope) != 0)
        return -1;
    size_t at = 0;
    for (int k = 0; k < K_COUNT; k++) {
        sqlite3_stmt *st = count_statement(s, scope, k, true);
        if (!st)
            return -1;
        int rc = cvi_plan_append(s, st, buf, len, &at);
        sqlite3_finalize(st);
        if (rc != 0)
            return -1;
    }
    return 0;
}
