/* store_fixture.h - what the store tests of the clerk's actions (test_desk, test_duty,
 * test_attreport, test_supervise, test_stats, test_sync_import) share: a fresh store in a
 * temporary directory with the calendar loaded and the windows W01 and W02, the directory's
 * removal, one value of a query, the number of events, a call that must not be refused.  Included by one test
 * file per program, so everything here is static inline (unused pieces cost no warning). */
#ifndef GUICHET_TESTS_STORE_FIXTURE_H
#define GUICHET_TESTS_STORE_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "data/calendar_file.h"
#include "data/events.h"
#include "data/roster.h"
#include "data/store_db.h"

/* Load data/calendar/cn.ini into cal, make /tmp/guichet-NAME-XXXXXX (into dir) holding t.db (into
 * path), open it and add W01 and W02; the store, or NULL (the caller's setup fails). */
static inline store *fx_store_new(const char *name, char *dir, size_t dirlen, char *path, size_t pathlen,
                                  calendar *cal)
{
    calfile_error ce;
    char e[STORE_ERR_LEN];
    if (calfile_load("data/calendar/cn.ini", cal, &ce) != CALFILE_OK)
        return NULL;
    snprintf(dir, dirlen, "/tmp/guichet-%s-XXXXXX", name);
    if (!mkdtemp(dir))
        return NULL;
    snprintf(path, pathlen, "%s/t.db", dir);
    store *s = store_open(path, e, sizeof e);
    if (s && (window_add(s, "W01", "综合受理窗口", e, sizeof e) != STAFF_OK ||
              window_add(s, "W02", "社会事务窗口", e, sizeof e) != STAFF_OK)) {
        store_close(s);
        return NULL;
    }
    return s;
}

/* Remove the temporary directory (and the store files in it); 0, or -1 (the teardown fails). */
static inline int fx_rm_dir(const char *dir)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Fail the test, naming the line and the refusal's message err, when the call's rc is not 0. */
static inline void fx_ok(int line, int rc, const char *err)
{
    if (rc != 0)
        fail_msg("line %d: refused: %s", line, err);
}

/* The events the log holds. */
static inline int64_t fx_events(store *s)
{
    int64_t n = -1;
    assert_int_equal(events_count(s, &n), 0);
    return n;
}

/* One value of a query with an optional text parameter, as text ("" for NULL). */
static inline const char *fx_value(store *s, const char *sql, const char *arg)
{
    static char buf[1024];
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(store_db(s)));
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

/* The same value as a number. */
static inline long fx_num(store *s, const char *sql, const char *arg)
{
    return atol(fx_value(s, sql, arg));
}

#endif
