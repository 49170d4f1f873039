/* store_fixture.h - what the store tests of the clerk's actions (test_desk, test_duty,
 * test_attreport, test_supervise, test_stats, test_sync_import) share: a fresh store in a
 * temporary directory with the calendar loaded and the windows W01 and W02, the directory's
 * removal, one value of a query, the number of events, a person added at both windows, a call that must
 * not be refused and one that must be refused recording nothing, a config file written and refused, a
 * rebuild that must give the same tables.
 * Included by one test
 * file per program, so everything here is static inline (unused pieces cost no warning). */
#ifndef GUICHET_TESTS_STORE_FIXTURE_H
#define GUICHET_TESTS_STORE_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/calendar_file.h"
#include "data/config.h"
#include "data/events.h"
#include "data/project.h"
#include "data/roster.h"
#include "data/staff.h"
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

/* Add a person (PIN 482915) who may work at W01 and W02; their number, or 0 (the caller's setup fails). */
static inline staff_id fx_add_staff(store *s, const char *code, const char *name, unsigned roles)
{
    char e[STORE_ERR_LEN];
    staff_in in;
    memset(&in, 0, sizeof in);
    in.code = code;
    in.name = name;
    in.roles = roles;
    in.windows[in.n_windows++] = "W01";
    in.windows[in.n_windows++] = "W02";
    staff_rec r;
    if (staff_add(s, &in, "482915", e, sizeof e) != STAFF_OK || staff_get(s, code, &r, e, sizeof e) != STAFF_OK)
        return 0;
    return r.num;
}

/* Fail the test (naming the line) unless the call's rc is -1 with a one-line message err containing
 * part, and the log still holds `before` events. */
static inline void fx_refused(int line, store *s, int rc, const char *err, const char *part, int64_t before)
{
    if (rc != -1)
        fail_msg("line %d: accepted, expected a refusal naming \"%s\"", line, part);
    if (!strstr(err, part))
        fail_msg("line %d: message \"%s\" does not contain \"%s\"", line, err, part);
    if (strchr(err, '\n'))
        fail_msg("line %d: message on several lines: %s", line, err);
    assert_int_equal(fx_events(s), before);
}

/* The call (refusing into the test's err) is refused naming part, and nothing is recorded. */
#define FX_REFUSED(s, err, call, part)                          \
    do {                                                        \
        int64_t before_ = fx_events(s);                         \
        fx_refused(__LINE__, (s), (call), (err), part, before_); \
    } while (0)

/* Write text into file (replacing it). */
static inline void fx_write_file(const char *file, const char *text)
{
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* config_load of file holding text refuses it, naming part and the file in err (errlen bytes); got
 * starts from the defaults. */
static inline void fx_config_refused(const char *file, const char *text, const char *part, gconfig *got, char *err,
                                     size_t errlen)
{
    fx_write_file(file, text);
    config_defaults(got);
    assert_int_equal(config_load(file, got, err, errlen), -1);
    if (!strstr(err, part) || !strstr(err, file))
        fail_msg("%s: \"%s\" lacks \"%s\" or the file name", text, err, part);
}

/* The rows of the n queries sql (each "#index" then a line a row, each value as type:text|), as one
 * malloc'ed text; fails the test when a query has no row (the comparison would prove nothing). */
static inline char *fx_dump(store *s, const char *const *sql, size_t n)
{
    char *all = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&all, &len);
    assert_non_null(mem);
    for (size_t t = 0; t < n; t++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(store_db(s), sql[t], -1, &st, NULL), SQLITE_OK);
        int rows = 0;
        fprintf(mem, "#%zu\n", t);
        while (sqlite3_step(st) == SQLITE_ROW) {
            rows++;
            for (int k = 0; k < sqlite3_column_count(st); k++) {
                const char *v = (const char *)sqlite3_column_text(st, k);
                fprintf(mem, "%d:%s|", sqlite3_column_type(st, k), v ? v : "");
            }
            fputc('\n', mem);
        }
        sqlite3_finalize(st);
        if (rows == 0)
            fail_msg("%s is empty: the comparison would prove nothing", sql[t]);
    }
    fclose(mem);
    return all;
}

/* project_rebuild gives the same rows of the n queries sql as before it. */
static inline void fx_rebuild_same(store *s, const char *const *sql, size_t n)
{
    char *before = fx_dump(s, sql, n);
    assert_int_equal(project_rebuild(s), 0);
    char *after = fx_dump(s, sql, n);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

#endif
