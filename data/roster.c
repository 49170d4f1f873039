/* roster.c - windows and the A/B roster per date in the store: adding and
 * listing windows, setting a window's pair for a date (checked: real date,
 * existing window, two different active staff allowed there), reading it
 * back, and the history of every setting. */
#include "data/roster.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "data/staff_err.h"
#include "data/store_db.h"

/* Roll back whatever is open and pass rc on (its message is already in err). */
static staff_rc abandon(store *s, staff_rc rc)
{
    store_rollback(s);
    return rc;
}

static staff_rc ok(char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    return STAFF_OK;
}

/* Check a date string is a real "YYYY-MM-DD" and copy it canonical into out. */
static staff_rc norm_day(const char *day, char *out, char *err, size_t errlen)
{
    gdate g;
    if (date_parse(day, &g) != 0)
        return staff_fail(err, errlen, STAFF_E_INPUT, "date \"%.40s\" is not a real date (YYYY-MM-DD)", day ? day : "");
    date_format(g, out);
    return STAFF_OK;
}

/* --- windows ------------------------------------------------------------- */

static void read_window(sqlite3_stmt *st, window_rec *out)
{
    snprintf(out->code, sizeof out->code, "%s", (const char *)sqlite3_column_text(st, 0));
    snprintf(out->name, sizeof out->name, "%s", (const char *)sqlite3_column_text(st, 1));
}

/* By normalised code: STAFF_OK, STAFF_E_NOT_FOUND or STAFF_E_DB. */
static staff_rc fetch_window(store *s, const char *code, window_rec *out, char *err, size_t errlen)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT code, name FROM windows WHERE code = ?1");
    if (!st)
        return staff_db_fail(s, err, errlen);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_window(st, out);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return STAFF_OK;
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, "reading a window");
        return staff_db_fail(s, err, errlen);
    }
    return staff_fail(err, errlen, STAFF_E_NOT_FOUND, "window %s does not exist (add it first)", code);
}

static int insert_window(store *s, const char *code, const char *name)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO windows(code, name) VALUES (?1, ?2)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "adding a window");
}

staff_rc window_add(store *s, const char *code, const char *name, char *err, size_t errlen)
{
    char c[WINDOW_CODE_BUF], n[WINDOW_NAME_BUF];
    window_rec old;
    staff_rc rc = window_code_norm(code, c, sizeof c, err, errlen);
    if (rc == STAFF_OK)
        rc = staff_text_norm(name, WINDOW_NAME_MAX, "window name", n, sizeof n, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    if (store_begin(s) != 0)
        return staff_db_fail(s, err, errlen);
    rc = fetch_window(s, c, &old, err, errlen);
    if (rc == STAFF_OK)
        return abandon(s, staff_fail(err, errlen, STAFF_E_EXISTS, "window %s already exists (%s)", c, old.name));
    if (rc != STAFF_E_NOT_FOUND)
        return abandon(s, rc);
    if (insert_window(s, c, n) != 0 || store_commit(s) != 0)
        return staff_db_fail(s, err, errlen);
    return ok(err, errlen);
}

staff_rc window_get(store *s, const char *code, window_rec *out, char *err, size_t errlen)
{
    char c[WINDOW_CODE_BUF];
    staff_rc rc = window_code_norm(code, c, sizeof c, err, errlen);
    if (rc == STAFF_OK)
        rc = fetch_window(s, c, out, err, errlen);
    return rc == STAFF_OK ? ok(err, errlen) : rc;
}

staff_rc window_list(store *s, window_cb cb, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT code, name FROM windows ORDER BY code");
    if (!st)
        return staff_db_fail(s, err, errlen);
    window_rec w;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_window(st, &w);
        if (cb(&w, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, "listing windows");
        return staff_db_fail(s, err, errlen);
    }
    return ok(err, errlen);
}

/* --- setting the roster ------------------------------------------------------- */

/* Inside the transaction: the staff member exists, is active and may serve window. */
static staff_rc check_post(store *s, const char *code, const char *post, const char *window, staff_rec *out,
                           char *err, size_t errlen)
{
    staff_rc rc = staff_get(s, code, out, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    if (!out->active)
        return staff_fail(err, errlen, STAFF_E_INACTIVE, "%s post: staff member \"%s\" is deactivated", post, out->code);
    for (int i = 0; i < out->n_windows; i++)
        if (strcmp(out->windows[i], window) == 0)
            return STAFF_OK;
    return staff_fail(err, errlen, STAFF_E_NOT_ALLOWED, "%s post: \"%s\" (%s) is not allowed at window %s "
                "(add the window to their list first)", post, out->code, out->name, window);
}

/* Inside the transaction: who sets the roster must be an active supervisor (NULL: the command line). */
static staff_rc check_setter(store *s, const char *by, staff_id *num, char *err, size_t errlen)
{
    staff_rec rec;
    *num = 0;
    if (!by)
        return STAFF_OK;
    staff_rc rc = staff_get(s, by, &rec, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    if (!rec.active)
        return staff_fail(err, errlen, STAFF_E_INACTIVE, "staff member \"%s\" is deactivated", rec.code);
    if (!(rec.roles & STAFF_ROLE_SUPERVISOR))
        return staff_fail(err, errlen, STAFF_E_NOT_ALLOWED, "\"%s\" is not a supervisor: only a supervisor sets the roster",
                    rec.code);
    *num = rec.num;
    return STAFF_OK;
}

/* The pair to write, checked. */
typedef struct {
    const char *day;
    const char *window;
    staff_id a, b, by;
    int64_t at;
} roster_row;

static void bind_row(sqlite3_stmt *st, const roster_row *r)
{
    sqlite3_bind_text(st, 1, r->day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->window, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, r->a);
    sqlite3_bind_int(st, 4, r->b);
    if (r->by)
        sqlite3_bind_int(st, 5, r->by);
    else
        sqlite3_bind_null(st, 5);
    sqlite3_bind_int64(st, 6, r->at);
}

/* Inside the transaction: replace the current pair and append it to the history. */
static int write_row(store *s, const roster_row *r)
{
    static const char *const sql[2] = {
        "INSERT INTO roster(day, window_code, a, b, set_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT(day, window_code) DO UPDATE SET a = excluded.a, b = excluded.b, "
        "set_by = excluded.set_by, updated_at = excluded.updated_at",
        "INSERT INTO roster_change(day, window_code, a, b, set_by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    };
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st = store_prepare(s, sql[i]);
        if (!st)
            return -1;
        bind_row(st, r);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return store_fail_sql(s, "setting the roster");
    }
    return 0;
}

/* Inside the transaction: every check against the stored facts, then the write. */
static staff_rc set_checked(store *s, roster_row *r, const char *a, const char *b, const char *by, char *err,
                            size_t errlen)
{
    window_rec w;
    staff_rec ra, rb;
    staff_rc rc = fetch_window(s, r->window, &w, err, errlen);
    if (rc == STAFF_OK)
        rc = check_post(s, a, "A", r->window, &ra, err, errlen);
    if (rc == STAFF_OK)
        rc = check_post(s, b, "B", r->window, &rb, err, errlen);
    if (rc == STAFF_OK)
        rc = check_setter(s, by, &r->by, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    r->a = ra.num;
    r->b = rb.num;
    return write_row(s, r) == 0 ? STAFF_OK : staff_db_fail(s, err, errlen);
}

staff_rc roster_set(store *s, const char *day, const char *window, const char *a, const char *b,
                    const char *by, int64_t now_ms, char *err, size_t errlen)
{
    char d[DATE_STR_LEN], w[WINDOW_CODE_BUF], ca[STAFF_CODE_BUF], cb[STAFF_CODE_BUF];
    staff_rc rc = norm_day(day, d, err, errlen);
    if (rc == STAFF_OK)
        rc = window_code_norm(window, w, sizeof w, err, errlen);
    if (rc == STAFF_OK)
        rc = staff_code_norm(a, ca, sizeof ca, err, errlen);
    if (rc == STAFF_OK)
        rc = staff_code_norm(b, cb, sizeof cb, err, errlen);
    if (rc == STAFF_OK && strcmp(ca, cb) == 0)
        rc = staff_fail(err, errlen, STAFF_E_INPUT, "A and B must be two different people (both are \"%s\")", ca);
    if (rc != STAFF_OK)
        return rc;
    roster_row r = {d, w, 0, 0, 0, now_ms};
    if (store_begin(s) != 0)
        return staff_db_fail(s, err, errlen);
    rc = set_checked(s, &r, ca, cb, by, err, errlen);
    if (rc != STAFF_OK)
        return abandon(s, rc);
    if (store_commit(s) != 0)
        return staff_db_fail(s, err, errlen);
    return ok(err, errlen);
}

/* --- reading the roster ------------------------------------------------------- */

#define LINE_SELECT(table, at)                                                                     \
    "SELECT r.day, r.window_code, w.name, "                                                        \
    "a.num, a.code, a.name, a.active, b.num, b.code, b.name, b.active, coalesce(x.code, ''), r." at \
    " FROM " table " r JOIN windows w ON w.code = r.window_code "                                  \
    "JOIN staff a ON a.num = r.a JOIN staff b ON b.num = r.b LEFT JOIN staff x ON x.num = r.set_by "

static const char *const line_sql[3] = {
    LINE_SELECT("roster", "updated_at") "WHERE r.day = ?1 ORDER BY r.window_code",
    LINE_SELECT("roster", "updated_at") "WHERE r.day = ?1 AND r.window_code = ?2",
    LINE_SELECT("roster_change", "at") "WHERE r.day = ?1 AND r.window_code = ?2 ORDER BY r.id",
};

static void read_person(sqlite3_stmt *st, int col, roster_person *p)
{
    p->num = (staff_id)sqlite3_column_int(st, col);
    snprintf(p->code, sizeof p->code, "%s", (const char *)sqlite3_column_text(st, col + 1));
    snprintf(p->name, sizeof p->name, "%s", (const char *)sqlite3_column_text(st, col + 2));
    p->active = sqlite3_column_int(st, col + 3) != 0;
}

static void read_line(sqlite3_stmt *st, roster_line *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->day, sizeof out->day, "%s", (const char *)sqlite3_column_text(st, 0));
    snprintf(out->window, sizeof out->window, "%s", (const char *)sqlite3_column_text(st, 1));
    snprintf(out->window_name, sizeof out->window_name, "%s", (const char *)sqlite3_column_text(st, 2));
    read_person(st, 3, &out->a);
    read_person(st, 7, &out->b);
    snprintf(out->set_by, sizeof out->set_by, "%s", (const char *)sqlite3_column_text(st, 11));
    out->updated_at = sqlite3_column_int64(st, 12);
}

/* Run line_sql[which] for day (and window when not NULL); cb per line; *count receives how many. */
static staff_rc each_line(store *s, int which, const char *day, const char *window, roster_cb cb, void *ctx,
                          int *count, char *err, size_t errlen)
{
    char d[DATE_STR_LEN], w[WINDOW_CODE_BUF];
    staff_rc rc = norm_day(day, d, err, errlen);
    if (rc == STAFF_OK && window)
        rc = window_code_norm(window, w, sizeof w, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    sqlite3_stmt *st = store_prepare(s, line_sql[which]);
    if (!st)
        return staff_db_fail(s, err, errlen);
    sqlite3_bind_text(st, 1, d, -1, SQLITE_STATIC);
    if (window)
        sqlite3_bind_text(st, 2, w, -1, SQLITE_STATIC);
    roster_line line;
    int step;
    *count = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        read_line(st, &line);
        ++*count;
        if (cb(&line, ctx) != 0) {
            step = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        store_fail_sql(s, "reading the roster");
        return staff_db_fail(s, err, errlen);
    }
    return ok(err, errlen);
}

staff_rc roster_show(store *s, const char *day, roster_cb cb, void *ctx, char *err, size_t errlen)
{
    int n;
    return each_line(s, 0, day, NULL, cb, ctx, &n, err, errlen);
}

static int copy_line(const roster_line *r, void *ctx)
{
    *(roster_line *)ctx = *r;
    return 1;
}

staff_rc roster_for(store *s, const char *day, const char *window, roster_line *out, char *err, size_t errlen)
{
    int n;
    staff_rc rc = each_line(s, 1, day, window ? window : "", copy_line, out, &n, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    if (n == 0)
        return staff_fail(err, errlen, STAFF_E_NOT_FOUND, "nobody is rostered at window %s on %.10s",
                    window ? window : "", day);
    return STAFF_OK;
}

staff_rc roster_history(store *s, const char *day, const char *window, roster_cb cb, void *ctx,
                        char *err, size_t errlen)
{
    int n;
    return each_line(s, 2, day, window ? window : "", cb, ctx, &n, err, errlen);
}
