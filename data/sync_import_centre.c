/* sync_import_centre.c - applying the centre's changes (type "centre.*"
 * from terminal SYNC_CENTRE_TERMINAL, docs/protocol.md "Centre changes") to
 * the windows, staff, roster, catalogue and calendar, inside sync_import's
 * transaction and savepoint.  Payload fields are read with SQLite's JSON
 * functions; every value is checked as the local commands check it (the
 * normalisers of data/staff.h, the catalogue importer, core's cal_parse),
 * and a change that does not fit is refused with the reason, the caller
 * undoing whatever it had begun. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/calendar.h"
#include "data/catalog.h"
#include "data/events.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/store_db.h"
#include "data/sync_import_int.h"

/* Refuse the change: "TYPE SUBJECT: why" into why; returns 1. */
static int refuse(char *why, size_t len, const sync_change *c, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int refuse(char *why, size_t len, const sync_change *c, const char *fmt, ...)
{
    int w = snprintf(why, len, "%s%s%s: ", c->type, c->subject ? " " : "", c->subject ? c->subject : "");
    if (w < 0 || (size_t)w >= len)
        return 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why + w, len - (size_t)w, fmt, ap);
    va_end(ap);
    return 1;
}

/* ---- the payload ---------------------------------------------------------------- */

/* The text at path into buf: 0, 1 absent / not a text / too long, -1 store error. */
static int jtext(store *s, const sync_change *c, const char *path, char *buf, size_t len)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT json_extract(?1, ?2) WHERE json_type(?1, ?2) = 'text'");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, c->payload, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), ret = 1;
    if (rc == SQLITE_ROW && (size_t)sqlite3_column_bytes(st, 0) < len) {
        snprintf(buf, len, "%s", (const char *)sqlite3_column_text(st, 0));
        ret = 0;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ret : store_fail_sql(s, "reading a centre change");
}

/* The text at path as a new string (*len its bytes): 0, 1 absent or not a text, -1. */
static int jdup(store *s, const sync_change *c, const char *path, char **out, size_t *len)
{
    *out = NULL;
    sqlite3_stmt *st = store_prepare(s, "SELECT json_extract(?1, ?2) WHERE json_type(?1, ?2) = 'text'");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, c->payload, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), ret = 1;
    if (rc == SQLITE_ROW) {
        *len = (size_t)sqlite3_column_bytes(st, 0);
        *out = malloc(*len + 1);
        if (*out) {
            memcpy(*out, sqlite3_column_text(st, 0), *len + 1);
            ret = 0;
        } else {
            ret = store_fail(s, "out of memory reading a centre change");
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ret : store_fail_sql(s, "reading a centre change");
}

/* The integer (or true / false as 1 / 0) at path: 0, 1 absent or another type, -1. */
static int jint(store *s, const sync_change *c, const char *path, bool boolean, int64_t *v)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT json_extract(?1, ?2) WHERE json_type(?1, ?2) IN "
                                        "(CASE WHEN ?3 THEN 'true' ELSE 'integer' END, "
                                        "CASE WHEN ?3 THEN 'false' ELSE 'integer' END)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, c->payload, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, boolean);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : store_fail_sql(s, "reading a centre change");
}

/* 1 when the payload is a JSON object, 0 when not, -1. */
static int is_object(store *s, const sync_change *c)
{
    return store_exists(s, "SELECT 1 WHERE json_valid(?1) AND json_type(?1) = 'object'", c->payload,
                        "reading a centre change");
}

/* Run a prepared change statement to its end; 0 or -1. */
static int done(store *s, sqlite3_stmt *st, const char *doing)
{
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, doing);
}

/* ---- centre.window ---------------------------------------------------------------- */

static int apply_window(store *s, const sync_change *c, char *why, size_t wl)
{
    char code[64], name[256], wc[WINDOW_CODE_BUF], wn[WINDOW_NAME_BUF], err[STORE_ERR_LEN];
    int rc = jtext(s, c, "$.code", code, sizeof code);
    if (rc == 0)
        rc = jtext(s, c, "$.name", name, sizeof name);
    if (rc != 0)
        return rc < 0 ? -1 : refuse(why, wl, c, "the payload needs \"code\" and \"name\" as texts");
    if (window_code_norm(code, wc, sizeof wc, err, sizeof err) != STAFF_OK ||
        staff_text_norm(name, WINDOW_NAME_MAX, "window name", wn, sizeof wn, err, sizeof err) != STAFF_OK)
        return refuse(why, wl, c, "%s", err);
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO windows(code, name) VALUES (?1, ?2) "
                                        "ON CONFLICT(code) DO UPDATE SET name = excluded.name");
    if (st) {
        sqlite3_bind_text(st, 1, wc, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, wn, -1, SQLITE_TRANSIENT);
    }
    return done(s, st, "adding a window from the centre");
}

/* ---- centre.staff ------------------------------------------------------------------ */

/* The record the centre sent, checked. */
typedef struct {
    char code[STAFF_CODE_BUF], name[STAFF_NAME_BUF], pin_hash[256];
    unsigned roles;
    int64_t num, active;
    int n_windows;
    char windows[STAFF_WINDOWS_MAX][WINDOW_CODE_BUF];
} centre_staff;

/* 1 when window code exists here, 0 when not, -1. */
static int window_exists(store *s, const char *code)
{
    return store_exists(s, "SELECT 1 FROM windows WHERE code = ?1", code, "reading a window");
}

/* The "windows" list, each known here; 0, 1 refused, -1. */
static int read_windows(store *s, const sync_change *c, centre_staff *r, char *why, size_t wl)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT value, type FROM json_each(?1, '$.windows')");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, c->payload, -1, SQLITE_STATIC);
    int rc, ret = 0;
    char err[STORE_ERR_LEN];
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (strcmp((const char *)sqlite3_column_text(st, 1), "text") != 0 || r->n_windows == STAFF_WINDOWS_MAX)
            ret = refuse(why, wl, c, "\"windows\" must list at most %d window codes", STAFF_WINDOWS_MAX);
        else if (window_code_norm(v, r->windows[r->n_windows], WINDOW_CODE_BUF, err, sizeof err) != STAFF_OK)
            ret = refuse(why, wl, c, "%s", err);
        else if ((ret = window_exists(s, r->windows[r->n_windows])) == 0)
            ret = refuse(why, wl, c, "window %s is unknown here (the centre has not sent it)",
                         r->windows[r->n_windows]);
        else if (ret > 0) {
            r->n_windows++;
            ret = 0;
        }
    }
    sqlite3_finalize(st);
    return ret;
}

/* Read and check the record; 0, 1 refused, -1. */
static int read_staff(store *s, const sync_change *c, centre_staff *r, char *why, size_t wl)
{
    char code[64], name[256], roles[128], err[STORE_ERR_LEN];
    memset(r, 0, sizeof *r);
    int rc = jtext(s, c, "$.code", code, sizeof code);
    if (rc == 0)
        rc = jtext(s, c, "$.name", name, sizeof name);
    if (rc == 0)
        rc = jtext(s, c, "$.roles", roles, sizeof roles);
    if (rc == 0)
        rc = jtext(s, c, "$.pin_hash", r->pin_hash, sizeof r->pin_hash);
    if (rc == 0)
        rc = jint(s, c, "$.num", false, &r->num);
    if (rc == 0 && (rc = jint(s, c, "$.active", true, &r->active)) == 1) {
        r->active = 1; /* absent: active */
        rc = 0;
    }
    if (rc != 0)
        return rc < 0 ? -1 : refuse(why, wl, c, "the payload needs code, name, roles, pin_hash (texts) and num");
    if (staff_code_norm(code, r->code, sizeof r->code, err, sizeof err) != STAFF_OK ||
        staff_text_norm(name, STAFF_NAME_MAX, "name", r->name, sizeof r->name, err, sizeof err) != STAFF_OK ||
        staff_roles_parse(roles, &r->roles, err, sizeof err) != 0)
        return refuse(why, wl, c, "%s", err);
    if (r->num < 1 || r->num > INT32_MAX)
        return refuse(why, wl, c, "\"num\" must be a staff number from 1");
    if (strncmp(r->pin_hash, "$argon2id$", 10) != 0)
        return refuse(why, wl, c, "\"pin_hash\" must be an argon2id hash ($argon2id$...)");
    return read_windows(s, c, r, why, wl);
}

/* The number the code has here (0: none) and the code the number has here ("" none); 0 or -1. */
static int staff_here(store *s, const centre_staff *r, int64_t *num_of_code, char *code_of_num, size_t len)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT (SELECT num FROM staff WHERE code = ?1), "
                                        "(SELECT code FROM staff WHERE num = ?2)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, r->code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, r->num);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *num_of_code = sqlite3_column_int64(st, 0);
        const unsigned char *v = sqlite3_column_text(st, 1);
        snprintf(code_of_num, len, "%s", v ? (const char *)v : "");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, "reading the staff");
}

/* Insert or update the row num (a new PIN hash clears failures and lock), then its windows. */
static int write_staff(store *s, const centre_staff *r)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO staff(num, code, name, roles, pin_hash, active) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(num) DO UPDATE SET "
                                        "name = excluded.name, roles = excluded.roles, active = excluded.active, "
                                        "failed_attempts = CASE WHEN pin_hash = excluded.pin_hash "
                                        "THEN failed_attempts ELSE 0 END, "
                                        "locked_until = CASE WHEN pin_hash = excluded.pin_hash "
                                        "THEN locked_until ELSE 0 END, pin_hash = excluded.pin_hash");
    if (st) {
        sqlite3_bind_int64(st, 1, r->num);
        sqlite3_bind_text(st, 2, r->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, r->name, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, (int)r->roles);
        sqlite3_bind_text(st, 5, r->pin_hash, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 6, r->active ? 1 : 0);
    }
    if (done(s, st, "writing a staff member from the centre") != 0)
        return -1;
    st = store_prepare(s, "DELETE FROM staff_window WHERE staff = ?1");
    if (st)
        sqlite3_bind_int64(st, 1, r->num);
    if (done(s, st, "replacing a staff member's windows") != 0)
        return -1;
    for (int i = 0; i < r->n_windows; i++) {
        st = store_prepare(s, "INSERT OR IGNORE INTO staff_window(staff, window_code) VALUES (?1, ?2)");
        if (st) {
            sqlite3_bind_int64(st, 1, r->num);
            sqlite3_bind_text(st, 2, r->windows[i], -1, SQLITE_STATIC);
        }
        if (done(s, st, "adding a staff member's window") != 0)
            return -1;
    }
    return 0;
}

/* Staff numbers are centre-wide (docs/protocol.md): a row here with the same code under another
 * number, or the number under another code, is a conflict the supervisor must see. */
static int apply_staff(store *s, const sync_change *c, char *why, size_t wl)
{
    centre_staff r;
    int rc = read_staff(s, c, &r, why, wl);
    if (rc != 0)
        return rc;
    int64_t num_of_code = 0;
    char code_of_num[STAFF_CODE_BUF + 8];
    if (staff_here(s, &r, &num_of_code, code_of_num, sizeof code_of_num) != 0)
        return -1;
    if (num_of_code != 0 && num_of_code != r.num)
        return refuse(why, wl, c, "staff id \"%s\" has number %lld here, the centre gives it number %lld",
                      r.code, (long long)num_of_code, (long long)r.num);
    if (code_of_num[0] && strcmp(code_of_num, r.code) != 0)
        return refuse(why, wl, c, "staff number %lld belongs to \"%s\" here, the centre gives it to \"%s\"",
                      (long long)r.num, code_of_num, r.code);
    return write_staff(s, &r);
}

/* ---- centre.roster ------------------------------------------------------------------ */

/* Post (A or B): an active staff member allowed at window; 0, 1 refused, -1. */
static int roster_post(store *s, const sync_change *c, const char *post, const char *code, const char *window,
                       staff_rec *out, char *why, size_t wl)
{
    char err[STORE_ERR_LEN];
    staff_rc rc = staff_get(s, code, out, err, sizeof err);
    if (rc == STAFF_E_DB)
        return store_fail(s, "%s", err);
    if (rc != STAFF_OK)
        return refuse(why, wl, c, "%s post: %s", post, err);
    if (!out->active)
        return refuse(why, wl, c, "%s post: staff member \"%s\" is deactivated", post, out->code);
    for (int i = 0; i < out->n_windows; i++)
        if (strcmp(out->windows[i], window) == 0)
            return 0;
    return refuse(why, wl, c, "%s post: \"%s\" is not allowed at window %s", post, out->code, window);
}

static int write_roster(store *s, const char *day, const char *window, staff_id a, staff_id b, int64_t now_ms)
{
    static const char *const sql[2] = {
        "INSERT INTO roster(day, window_code, a, b, set_by, updated_at) VALUES (?1, ?2, ?3, ?4, NULL, ?5) "
        "ON CONFLICT(day, window_code) DO UPDATE SET a = excluded.a, b = excluded.b, set_by = NULL, "
        "updated_at = excluded.updated_at",
        "INSERT INTO roster_change(day, window_code, a, b, set_by, at) VALUES (?1, ?2, ?3, ?4, NULL, ?5)",
    };
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st = store_prepare(s, sql[i]);
        if (st) {
            sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, window, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 3, a);
            sqlite3_bind_int(st, 4, b);
            sqlite3_bind_int64(st, 5, now_ms);
        }
        if (done(s, st, "setting the roster from the centre") != 0)
            return -1;
    }
    return 0;
}

static int apply_roster(store *s, const sync_change *c, int64_t now_ms, char *why, size_t wl)
{
    char day[32], win[64], a[64], b[64], wc[WINDOW_CODE_BUF], d[DATE_STR_LEN], err[STORE_ERR_LEN];
    int rc = jtext(s, c, "$.day", day, sizeof day);
    rc = rc ? rc : jtext(s, c, "$.window", win, sizeof win);
    rc = rc ? rc : jtext(s, c, "$.a", a, sizeof a);
    rc = rc ? rc : jtext(s, c, "$.b", b, sizeof b);
    if (rc != 0)
        return rc < 0 ? -1 : refuse(why, wl, c, "the payload needs day, window, a and b as texts");
    gdate g;
    if (date_parse(day, &g) != 0)
        return refuse(why, wl, c, "\"day\" is not a real date YYYY-MM-DD");
    date_format(g, d);
    if (window_code_norm(win, wc, sizeof wc, err, sizeof err) != STAFF_OK)
        return refuse(why, wl, c, "%s", err);
    if ((rc = window_exists(s, wc)) <= 0)
        return rc < 0 ? -1 : refuse(why, wl, c, "window %s is unknown here", wc);
    staff_rec ra, rb;
    if ((rc = roster_post(s, c, "A", a, wc, &ra, why, wl)) != 0 || (rc = roster_post(s, c, "B", b, wc, &rb, why, wl)) != 0)
        return rc;
    if (ra.num == rb.num)
        return refuse(why, wl, c, "the A and B posts must be two different people");
    return write_roster(s, d, wc, ra.num, rb.num, now_ms);
}

/* ---- centre.catalog and centre.calendar ------------------------------------------------ */

/* A file the centre sent: name, text, and the text's SHA-256 checked. */
typedef struct {
    char name[256], sha256[80];
    char *text;
    size_t len;
} centre_file;

/* Read and check the file; 0, 1 refused, -1 (free f->text in every case). */
static int read_file(store *s, const sync_change *c, centre_file *f, char *why, size_t wl)
{
    memset(f, 0, sizeof *f);
    int rc = jtext(s, c, "$.name", f->name, sizeof f->name);
    rc = rc ? rc : jtext(s, c, "$.sha256", f->sha256, sizeof f->sha256);
    rc = rc ? rc : jdup(s, c, "$.text", &f->text, &f->len);
    if (rc != 0)
        return rc < 0 ? -1 : refuse(why, wl, c, "the payload needs name, sha256 and text as texts");
    char h[EV_HASH_HEX + 1];
    if (events_sha256_hex(f->text, f->len, h) != 0)
        return store_fail(s, "cannot hash a centre file (libsodium failed to start)");
    if (strcasecmp(h, f->sha256) != 0)
        return refuse(why, wl, c, "the text of %s does not match its sha256", f->name);
    return 0;
}

/* Keep the text as the centre's current file of this kind. */
static int keep_file(store *s, const sync_change *c, const char *kind, const centre_file *f)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT OR REPLACE INTO centre_files(kind, name, text, sha256, change_id) "
                                        "VALUES (?1, ?2, ?3, lower(?4), ?5)");
    if (st) {
        sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, f->text, (int)f->len, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, f->sha256, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, c->id, -1, SQLITE_STATIC);
    }
    return done(s, st, "keeping a file the centre sent");
}

static int apply_catalog(store *s, const sync_change *c, char *why, size_t wl)
{
    centre_file f;
    int rc = read_file(s, c, &f, why, wl);
    catalog_report *rep = rc == 0 ? malloc(sizeof *rep) : NULL;
    if (rc == 0 && !rep)
        rc = store_fail(s, "out of memory importing the centre's catalogue");
    if (rc == 0 && catalog_import_text(s, f.name, f.text, f.len, rep) != 0)
        rc = refuse(why, wl, c, "%s", rep->nerrors > 0 ? rep->errors[0] : "the catalogue was not imported");
    if (rc == 0)
        rc = keep_file(s, c, "catalog", &f);
    free(rep);
    free(f.text);
    return rc;
}

static int apply_calendar(store *s, const sync_change *c, char *why, size_t wl)
{
    centre_file f;
    int rc = read_file(s, c, &f, why, wl);
    calendar *cal = rc == 0 ? malloc(sizeof *cal) : NULL;
    if (rc == 0 && !cal)
        rc = store_fail(s, "out of memory reading the centre's calendar");
    cal_error ce;
    if (rc == 0 && cal_parse(cal, f.text, f.len, f.name, &ce) != CAL_PARSE_OK) {
        char msg[300];
        rc = refuse(why, wl, c, "%s", cal_error_format(&ce, NULL, msg, sizeof msg));
    }
    if (rc == 0)
        rc = keep_file(s, c, "calendar", &f);
    free(cal);
    free(f.text);
    return rc;
}

/* ---- dispatch -------------------------------------------------------------------------- */

int sync_centre_apply(store *s, const sync_change *c, int64_t now_ms, char *why, size_t whylen)
{
    int obj = is_object(s, c);
    if (obj <= 0)
        return obj < 0 ? -1 : refuse(why, whylen, c, "the payload is not a JSON object");
    if (strcmp(c->type, "centre.window") == 0)
        return apply_window(s, c, why, whylen);
    if (strcmp(c->type, "centre.staff") == 0)
        return apply_staff(s, c, why, whylen);
    if (strcmp(c->type, "centre.roster") == 0)
        return apply_roster(s, c, now_ms, why, whylen);
    if (strcmp(c->type, "centre.catalog") == 0)
        return apply_catalog(s, c, why, whylen);
    if (strcmp(c->type, "centre.calendar") == 0)
        return apply_calendar(s, c, why, whylen);
    return refuse(why, whylen, c, "this terminal does not know this kind of centre change");
}
