/* drill_progress.c - the queue of a drill as the trainee works through it
 * (table drill_progress, migration 11): when each applicant was called, for
 * the first visit and the return visit, and when the trainee was done with
 * them.  A second call of the same visit keeps the first call's time. */
#include "data/drill.h"

#include <string.h>

#include "data/store_db.h"

static int check(drill_run *r, size_t i)
{
    return r && r->s && i < r->sc.napplicants ? 0 : -1;
}

/* Run one write statement binding (i, flag, ms); 0 or -1. */
static int write_one(drill_run *r, const char *sql, size_t i, int flag, int64_t ms, const char *doing)
{
    sqlite3_stmt *st = store_prepare(r->s, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)i);
    sqlite3_bind_int(st, 2, flag);
    sqlite3_bind_int64(st, 3, ms);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(r->s, doing);
}

int drill_call(drill_run *r, size_t i, bool returning, int64_t now_ms)
{
    if (check(r, i) != 0 || (returning && !r->sc.applicants[i].return_day))
        return -1;
    return write_one(r,
                     "INSERT INTO drill_progress(idx, visit, called_ms) VALUES (?1, ?2, ?3) "
                     "ON CONFLICT(idx, visit) DO NOTHING",
                     i, returning ? 1 : 0, now_ms, "recording a drill call");
}

int drill_done(drill_run *r, size_t i, int64_t now_ms)
{
    if (check(r, i) != 0)
        return -1;
    return write_one(r,
                     "UPDATE drill_progress SET done_ms = ?3 WHERE idx = ?1 AND done_ms IS NULL "
                     "AND called_ms <= ?3",
                     i, 0, now_ms, "recording a drill applicant done");
}

int drill_progress_get(drill_run *r, size_t i, drill_progress *out)
{
    if (check(r, i) != 0 || !out)
        return -1;
    memset(out, 0, sizeof *out);
    out->index = i;
    sqlite3_stmt *st = store_prepare(r->s, "SELECT visit, called_ms, coalesce(done_ms, 0) FROM drill_progress "
                                           "WHERE idx = ?1 ORDER BY visit");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)i);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 0)) {
            out->returned = true;
            continue;
        }
        out->called_ms = sqlite3_column_int64(st, 1);
        out->done_ms = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(r->s, "reading a drill applicant's progress");
}
