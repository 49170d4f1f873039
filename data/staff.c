/* staff.c - staff members in the store: checking ids and names, adding,
 * reading and listing them, roles and windows, deactivation, and PINs
 * (argon2id hashes through libsodium, verification with the lockout of
 * core/pin.c persisted in the staff row).  PIN cost: see staff.h. */
#include "data/staff.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/names.h"
#include "data/staff_err.h"
#include "data/store_db.h"

/* The hash of a random, forgotten PIN with the same cost as real ones: an
 * unknown staff id (or a locked one) is checked against it so that every
 * answer takes the time of one argon2id verify and timing does not tell
 * which ids exist.  Its cost must match STAFF_PIN_*LIMIT: test_staff checks
 * staff_pin_dummy_is_current(). */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=16384,t=3,p=1$hb+frFBxo4O1U3MGwNxfbA$g9UoXFoa/9QOy8ndBhck3PYH8f7/2o9hvpl+dCLkuqU";

static const char *const role_names[] = {"clerk", "approver", "supervisor", "trainer"};
#define N_ROLES 4

#define STAFF_COLUMNS "num, code, name, roles, birth, active, failed_attempts, locked_until"

/* --- messages --------------------------------------------------------------- */

staff_rc staff_fail(char *err, size_t errlen, staff_rc rc, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return rc;
}

staff_rc staff_db_fail(store *s, char *err, size_t errlen)
{
    store_rollback(s);
    return staff_fail(err, errlen, STAFF_E_DB, "%s", store_errmsg(s));
}

static void ok_msg(char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
}

/* --- text checks ---------------------------------------------------------- */

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trim ASCII blanks: the first kept byte, its length in *len. */
static const char *trim(const char *s, size_t *len)
{
    while (is_blank((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_blank((unsigned char)s[n - 1]))
        n--;
    *len = n;
    return s;
}

/* Decode one strict UTF-8 character (no overlong forms, no surrogates); its byte length or 0 if invalid. */
static size_t utf8_decode(const unsigned char *p, size_t avail, unsigned long *cp)
{
    static const unsigned long min_of[5] = {0, 0, 0x80, 0x800, 0x10000};
    size_t n = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3
             : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || n > avail)
        return 0;
    unsigned long v = n == 1 ? p[0] : p[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min_of[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static int is_control(unsigned long cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

staff_rc staff_text_norm(const char *in, int max_chars, const char *what, char *out, size_t outlen,
                         char *err, size_t errlen)
{
    if (!in)
        return staff_fail(err, errlen, STAFF_E_INPUT, "%s is missing", what);
    size_t len;
    const char *t = trim(in, &len);
    if (len == 0)
        return staff_fail(err, errlen, STAFF_E_INPUT, "%s is empty", what);
    int chars = 0;
    for (size_t i = 0; i < len;) {
        unsigned long cp;
        size_t n = utf8_decode((const unsigned char *)t + i, len - i, &cp);
        if (n == 0)
            return staff_fail(err, errlen, STAFF_E_INPUT, "%s is not valid UTF-8 (byte %zu)", what, i + 1);
        if (is_control(cp))
            return staff_fail(err, errlen, STAFF_E_INPUT, "%s contains a control character (character %d)",
                        what, chars + 1);
        i += n;
        chars++;
    }
    if (chars > max_chars || len >= outlen)
        return staff_fail(err, errlen, STAFF_E_INPUT, "%s is too long: %d characters, at most %d", what, chars,
                    max_chars);
    memcpy(out, t, len);
    out[len] = '\0';
    return STAFF_OK;
}

static int code_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

staff_rc staff_code_norm(const char *in, char *out, size_t outlen, char *err, size_t errlen)
{
    if (!in)
        return staff_fail(err, errlen, STAFF_E_INPUT, "staff id is missing");
    size_t len;
    const char *t = trim(in, &len);
    if (len < STAFF_CODE_MIN || len > STAFF_CODE_MAX || len >= outlen)
        return staff_fail(err, errlen, STAFF_E_INPUT, "staff id \"%.*s\": %d to %d characters expected",
                    (int)(len > 40 ? 40 : len), t, STAFF_CODE_MIN, STAFF_CODE_MAX);
    for (size_t i = 0; i < len; i++) {
        char c = t[i] >= 'A' && t[i] <= 'Z' ? (char)(t[i] - 'A' + 'a') : t[i];
        if (!code_char(c) || (i == 0 && (c == '.' || c == '_' || c == '-')))
            return staff_fail(err, errlen, STAFF_E_INPUT,
                        "staff id \"%.*s\": character %zu is not allowed (use a-z, 0-9 and . _ -, "
                        "starting with a letter or digit)", (int)len, t, i + 1);
        out[i] = c;
    }
    out[len] = '\0';
    return STAFF_OK;
}

staff_rc window_code_norm(const char *in, char *out, size_t outlen, char *err, size_t errlen)
{
    if (!in)
        return staff_fail(err, errlen, STAFF_E_INPUT, "window code is missing");
    size_t len;
    const char *t = trim(in, &len);
    if (len < 1 || len > WINDOW_CODE_MAX || len >= outlen)
        return staff_fail(err, errlen, STAFF_E_INPUT, "window code \"%.*s\": 1 to %d characters expected",
                    (int)(len > 40 ? 40 : len), t, WINDOW_CODE_MAX);
    for (size_t i = 0; i < len; i++) {
        char c = t[i] >= 'a' && t[i] <= 'z' ? (char)(t[i] - 'a' + 'A') : t[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == '-' && i > 0)))
            return staff_fail(err, errlen, STAFF_E_INPUT,
                        "window code \"%.*s\": character %zu is not allowed (use A-Z, 0-9 and -)",
                        (int)len, t, i + 1);
        out[i] = c;
    }
    out[len] = '\0';
    return STAFF_OK;
}

/* --- roles ------------------------------------------------------------------ */

const char *staff_role_name(staff_role r)
{
    for (int i = 0; i < N_ROLES; i++)
        if ((unsigned)r == 1u << i)
            return role_names[i];
    return NULL;
}

int staff_roles_parse(const char *text, unsigned *roles, char *err, size_t errlen)
{
    unsigned bits = 0;
    const char *p = text ? text : "";
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char word[16];
        while (n > 0 && is_blank((unsigned char)*p))
            p++, n--;
        while (n > 0 && is_blank((unsigned char)p[n - 1]))
            n--;
        snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), p);
        int i = n < sizeof word ? names_index(role_names, N_ROLES, word) : N_ROLES;
        if (i == N_ROLES) {
            staff_fail(err, errlen, STAFF_E_INPUT, "unknown role \"%.*s\" (clerk, approver, supervisor, trainer)",
                 (int)(n > 40 ? 40 : n), p);
            return -1;
        }
        bits |= 1u << i;
        if (!comma)
            break;
        p = comma + 1;
    }
    *roles = bits;
    return 0;
}

char *staff_roles_format(unsigned roles, char *buf, size_t len)
{
    size_t used = 0;
    if (len)
        buf[0] = '\0';
    for (int i = 0; i < N_ROLES; i++) {
        if (!(roles & (1u << i)))
            continue;
        int n = snprintf(buf + used, len - used, "%s%s", used ? "," : "", role_names[i]);
        if (n < 0 || (size_t)n >= len - used)
            break;
        used += (size_t)n;
    }
    return buf;
}

static staff_rc check_roles(unsigned roles, char *err, size_t errlen)
{
    if (roles == 0 || roles > STAFF_ROLES_ALL)
        return staff_fail(err, errlen, STAFF_E_INPUT, "a staff member needs at least one role "
                                                "(clerk, approver, supervisor, trainer)");
    return STAFF_OK;
}

/* --- reading rows ------------------------------------------------------------ */

static void read_windows(store *s, staff_rec *out)
{
    out->n_windows = 0;
    sqlite3_stmt *st = store_prepare(s, "SELECT window_code FROM staff_window WHERE staff = ?1 "
                                        "ORDER BY window_code");
    if (!st)
        return;
    sqlite3_bind_int(st, 1, out->num);
    while (sqlite3_step(st) == SQLITE_ROW && out->n_windows < STAFF_WINDOWS_MAX)
        snprintf(out->windows[out->n_windows++], WINDOW_CODE_BUF, "%s",
                 (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

/* Fill *out from a row of STAFF_COLUMNS, windows included. */
static void read_row(store *s, sqlite3_stmt *st, staff_rec *out)
{
    memset(out, 0, sizeof *out);
    out->num = (staff_id)sqlite3_column_int(st, 0);
    snprintf(out->code, sizeof out->code, "%s", (const char *)sqlite3_column_text(st, 1));
    snprintf(out->name, sizeof out->name, "%s", (const char *)sqlite3_column_text(st, 2));
    out->roles = (unsigned)sqlite3_column_int(st, 3);
    const char *birth = (const char *)sqlite3_column_text(st, 4);
    if (!birth || date_parse(birth, &out->birth) != 0)
        memset(&out->birth, 0, sizeof out->birth);
    out->active = sqlite3_column_int(st, 5) != 0;
    out->lock.failures = sqlite3_column_int(st, 6);
    out->lock.locked_until = sqlite3_column_int64(st, 7);
    read_windows(s, out);
}

/* One row by its normalised code or (code NULL) its number. */
static staff_rc fetch(store *s, const char *code, staff_id num, staff_rec *out, char *err, size_t errlen)
{
    sqlite3_stmt *st = store_prepare(s, code ? "SELECT " STAFF_COLUMNS " FROM staff WHERE code = ?1"
                                             : "SELECT " STAFF_COLUMNS " FROM staff WHERE num = ?1");
    if (!st)
        return staff_db_fail(s, err, errlen);
    if (code)
        sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int(st, 1, num);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_row(s, st, out);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return STAFF_OK;
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, "reading a staff member");
        return staff_db_fail(s, err, errlen);
    }
    if (code)
        return staff_fail(err, errlen, STAFF_E_NOT_FOUND, "no staff member with id \"%s\"", code);
    return staff_fail(err, errlen, STAFF_E_NOT_FOUND, "no staff member number %d", (int)num);
}

staff_rc staff_get(store *s, const char *code, staff_rec *out, char *err, size_t errlen)
{
    char norm[STAFF_CODE_BUF];
    staff_rc rc = staff_code_norm(code, norm, sizeof norm, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    rc = fetch(s, norm, 0, out, err, errlen);
    if (rc == STAFF_OK)
        ok_msg(err, errlen);
    return rc;
}

staff_rc staff_get_num(store *s, staff_id num, staff_rec *out, char *err, size_t errlen)
{
    if (num <= 0)
        return staff_fail(err, errlen, STAFF_E_NOT_FOUND, "no staff member number %d", (int)num);
    staff_rc rc = fetch(s, NULL, num, out, err, errlen);
    if (rc == STAFF_OK)
        ok_msg(err, errlen);
    return rc;
}

staff_rc staff_list(store *s, staff_cb cb, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT " STAFF_COLUMNS " FROM staff ORDER BY code");
    if (!st)
        return staff_db_fail(s, err, errlen);
    staff_rec rec;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_row(s, st, &rec);
        if (cb(&rec, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, "listing staff");
        return staff_db_fail(s, err, errlen);
    }
    ok_msg(err, errlen);
    return STAFF_OK;
}

/* --- writing rows ------------------------------------------------------------- */

/* Step a write statement to completion and finalize it; 0 or -1 (store error set). */
static int run(store *s, sqlite3_stmt *st, const char *doing)
{
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, doing);
}

/* Inside a transaction: 1 when the window exists, 0 when not, -1 on error. */
static int window_exists(store *s, const char *code)
{
    return store_exists(s, "SELECT 1 FROM windows WHERE code = ?1", code, "looking up a window");
}

/* Normalise and check n window codes into norm[]. */
static staff_rc norm_windows(const char *const *in, int n, char norm[][WINDOW_CODE_BUF], char *err, size_t errlen)
{
    if (n < 0 || n > STAFF_WINDOWS_MAX)
        return staff_fail(err, errlen, STAFF_E_INPUT, "a staff member may serve 0 to %d windows, not %d",
                    STAFF_WINDOWS_MAX, n);
    for (int i = 0; i < n; i++) {
        staff_rc rc = window_code_norm(in[i], norm[i], WINDOW_CODE_BUF, err, errlen);
        if (rc != STAFF_OK)
            return rc;
    }
    return STAFF_OK;
}

/* Inside a transaction: replace staff num's windows with norm[0..n). */
static staff_rc write_windows(store *s, staff_id num, char norm[][WINDOW_CODE_BUF], int n, char *err,
                              size_t errlen)
{
    sqlite3_stmt *del = store_prepare(s, "DELETE FROM staff_window WHERE staff = ?1");
    if (del)
        sqlite3_bind_int(del, 1, num);
    if (run(s, del, "clearing a staff member's windows") != 0)
        return staff_db_fail(s, err, errlen);
    for (int i = 0; i < n; i++) {
        int exists = window_exists(s, norm[i]);
        if (exists < 0)
            return staff_db_fail(s, err, errlen);
        if (!exists) {
            store_rollback(s);
            return staff_fail(err, errlen, STAFF_E_NOT_FOUND, "window %s does not exist (add it first)", norm[i]);
        }
        sqlite3_stmt *st = store_prepare(s, "INSERT OR IGNORE INTO staff_window(staff, window_code) "
                                            "VALUES (?1, ?2)");
        if (st) {
            sqlite3_bind_int(st, 1, num);
            sqlite3_bind_text(st, 2, norm[i], -1, SQLITE_STATIC);
        }
        if (run(s, st, "recording a staff member's window") != 0)
            return staff_db_fail(s, err, errlen);
    }
    return STAFF_OK;
}

/* Hash a PIN with the cost of staff.h into hash (crypto_pwhash_STRBYTES). */
static staff_rc hash_pin(const char *pin, char *hash, char *err, size_t errlen)
{
    if (sodium_init() < 0)
        return staff_fail(err, errlen, STAFF_E_DB, "libsodium cannot be initialised");
    if (crypto_pwhash_str(hash, pin, strlen(pin), STAFF_PIN_OPSLIMIT, STAFF_PIN_MEMLIMIT) != 0)
        return staff_fail(err, errlen, STAFF_E_DB, "hashing the PIN failed (out of memory?)");
    return STAFF_OK;
}

/* Check the PIN against the policy for this owner, then hash it. */
static staff_rc policy_and_hash(const char *code, gdate birth, const char *pin, char *hash, char *err,
                                size_t errlen)
{
    pin_owner owner = {code, birth};
    pin_status ps = pin_check(pin, &owner);
    if (ps != PIN_OK)
        return staff_fail(err, errlen, STAFF_E_PIN, "%s", pin_reason(ps));
    return hash_pin(pin, hash, err, errlen);
}

/* Check everything in *in (normalised into code/name/windows) before any write. */
static staff_rc check_in(const staff_in *in, char *code, char *name, char windows[][WINDOW_CODE_BUF], char *err,
                         size_t errlen)
{
    if (!in)
        return staff_fail(err, errlen, STAFF_E_INPUT, "no staff member given");
    staff_rc rc = staff_code_norm(in->code, code, STAFF_CODE_BUF, err, errlen);
    if (rc == STAFF_OK)
        rc = staff_text_norm(in->name, STAFF_NAME_MAX, "name", name, STAFF_NAME_BUF, err, errlen);
    if (rc == STAFF_OK)
        rc = check_roles(in->roles, err, errlen);
    if (rc == STAFF_OK)
        rc = norm_windows(in->windows, in->n_windows, windows, err, errlen);
    if (rc == STAFF_OK && in->birth.y != 0 && !date_valid(in->birth.y, in->birth.m, in->birth.d))
        rc = staff_fail(err, errlen, STAFF_E_INPUT, "birth date %04d-%02d-%02d is not a real date", in->birth.y,
                  in->birth.m, in->birth.d);
    return rc;
}

/* Inside a transaction: 1 when the code is taken, 0 when free, -1 on error. */
static int code_taken(store *s, const char *code)
{
    return store_exists(s, "SELECT 1 FROM staff WHERE code = ?1", code, "looking up a staff id");
}

static int insert_staff(store *s, const char *code, const char *name, const staff_in *in, const char *hash)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO staff(code, name, roles, birth, pin_hash) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return -1;
    char birth[DATE_STR_LEN];
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, (int)in->roles);
    if (in->birth.y != 0)
        sqlite3_bind_text(st, 4, date_format(in->birth, birth), -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_text(st, 5, hash, -1, SQLITE_STATIC);
    return run(s, st, "adding a staff member");
}

/* The transaction of staff_add, once everything is checked and hashed. */
static staff_rc add_rows(store *s, const char *code, const char *name, const staff_in *in,
                         char windows[][WINDOW_CODE_BUF], const char *hash, char *err, size_t errlen)
{
    if (store_begin(s) != 0)
        return staff_db_fail(s, err, errlen);
    int taken = code_taken(s, code);
    if (taken < 0)
        return staff_db_fail(s, err, errlen);
    if (taken) {
        store_rollback(s);
        return staff_fail(err, errlen, STAFF_E_EXISTS, "staff id \"%s\" is already taken", code);
    }
    if (insert_staff(s, code, name, in, hash) != 0)
        return staff_db_fail(s, err, errlen);
    staff_id num = (staff_id)sqlite3_last_insert_rowid(store_db(s));
    staff_rc rc = write_windows(s, num, windows, in->n_windows, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    return store_commit(s) == 0 ? STAFF_OK : staff_db_fail(s, err, errlen);
}

staff_rc staff_add(store *s, const staff_in *in, const char *pin, char *err, size_t errlen)
{
    char code[STAFF_CODE_BUF], name[STAFF_NAME_BUF], windows[STAFF_WINDOWS_MAX][WINDOW_CODE_BUF];
    char hash[crypto_pwhash_STRBYTES];
    staff_rc rc = check_in(in, code, name, windows, err, errlen);
    if (rc == STAFF_OK)
        rc = policy_and_hash(code, in->birth, pin, hash, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    rc = add_rows(s, code, name, in, windows, hash, err, errlen);
    sodium_memzero(hash, sizeof hash);
    if (rc == STAFF_OK)
        ok_msg(err, errlen);
    return rc;
}

/* Run one UPDATE of the staff row with code ?1 (more binds by `bind`); NOT_FOUND when no row. */
static staff_rc update_one(store *s, const char *code, const char *sql, int (*bind)(sqlite3_stmt *, const void *),
                           const void *arg, char *err, size_t errlen)
{
    char norm[STAFF_CODE_BUF];
    staff_rc rc = staff_code_norm(code, norm, sizeof norm, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    if (store_begin(s) != 0)
        return staff_db_fail(s, err, errlen);
    sqlite3_stmt *st = store_prepare(s, sql);
    if (st) {
        sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
        if (bind)
            bind(st, arg);
    }
    if (run(s, st, "updating a staff member") != 0)
        return staff_db_fail(s, err, errlen);
    if (sqlite3_changes(store_db(s)) == 0) {
        store_rollback(s);
        return staff_fail(err, errlen, STAFF_E_NOT_FOUND, "no staff member with id \"%s\"", norm);
    }
    if (store_commit(s) != 0)
        return staff_db_fail(s, err, errlen);
    ok_msg(err, errlen);
    return STAFF_OK;
}

static int bind_text2(sqlite3_stmt *st, const void *arg)
{
    return sqlite3_bind_text(st, 2, (const char *)arg, -1, SQLITE_STATIC);
}

static int bind_int2(sqlite3_stmt *st, const void *arg)
{
    return sqlite3_bind_int(st, 2, *(const int *)arg);
}

staff_rc staff_set_pin(store *s, const char *code, const char *pin, char *err, size_t errlen)
{
    staff_rec rec;
    staff_rc rc = staff_get(s, code, &rec, err, errlen);
    char hash[crypto_pwhash_STRBYTES];
    if (rc == STAFF_OK)
        rc = policy_and_hash(rec.code, rec.birth, pin, hash, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    rc = update_one(s, rec.code, "UPDATE staff SET pin_hash = ?2, failed_attempts = 0, locked_until = 0 "
                                 "WHERE code = ?1", bind_text2, hash, err, errlen);
    sodium_memzero(hash, sizeof hash);
    return rc;
}

staff_rc staff_set_roles(store *s, const char *code, unsigned roles, char *err, size_t errlen)
{
    staff_rc rc = check_roles(roles, err, errlen);
    int r = (int)roles;
    return rc != STAFF_OK ? rc : update_one(s, code, "UPDATE staff SET roles = ?2 WHERE code = ?1", bind_int2, &r,
                                            err, errlen);
}

staff_rc staff_deactivate(store *s, const char *code, char *err, size_t errlen)
{
    return update_one(s, code, "UPDATE staff SET active = 0 WHERE code = ?1", NULL, NULL, err, errlen);
}

staff_rc staff_reactivate(store *s, const char *code, char *err, size_t errlen)
{
    return update_one(s, code, "UPDATE staff SET active = 1 WHERE code = ?1", NULL, NULL, err, errlen);
}

staff_rc staff_set_windows(store *s, const char *code, const char *const *windows, int n,
                           char *err, size_t errlen)
{
    char norm[STAFF_WINDOWS_MAX][WINDOW_CODE_BUF];
    staff_rec rec;
    staff_rc rc = norm_windows(windows, n, norm, err, errlen);
    if (rc == STAFF_OK)
        rc = staff_get(s, code, &rec, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    if (store_begin(s) != 0)
        return staff_db_fail(s, err, errlen);
    rc = write_windows(s, rec.num, norm, n, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    if (store_commit(s) != 0)
        return staff_db_fail(s, err, errlen);
    ok_msg(err, errlen);
    return STAFF_OK;
}

/* by must be an active supervisor and not the person unlocked. */
static staff_rc check_unlocker(store *s, const char *code, const char *by, char *err, size_t errlen)
{
    staff_rec sup, who;
    staff_rc rc = staff_get(s, code, &who, err, errlen);
    if (rc != STAFF_OK || !by)
        return rc;
    rc = staff_get(s, by, &sup, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    if (!sup.active)
        return staff_fail(err, errlen, STAFF_E_INACTIVE, "staff member \"%s\" is deactivated", sup.code);
    if (!(sup.roles & STAFF_ROLE_SUPERVISOR))
        return staff_fail(err, errlen, STAFF_E_NOT_ALLOWED, "\"%s\" is not a supervisor: only a supervisor unlocks",
                    sup.code);
    if (sup.num == who.num)
        return staff_fail(err, errlen, STAFF_E_NOT_ALLOWED, "a supervisor cannot unlock themself");
    return STAFF_OK;
}

staff_rc staff_unlock(store *s, const char *code, const char *by, char *err, size_t errlen)
{
    staff_rc rc = check_unlocker(s, code, by, err, errlen);
    if (rc != STAFF_OK)
        return rc;
    return update_one(s, code, "UPDATE staff SET failed_attempts = 0, locked_until = 0 WHERE code = ?1", NULL,
                      NULL, err, errlen);
}

/* --- verifying a PIN ------------------------------------------------------------- */

/* 1 when pin matches hash; always one full argon2id verify. */
static int pin_matches(const char *hash, const char *pin)
{
    const char *p = pin ? pin : "";
    return crypto_pwhash_str_verify(hash, p, strlen(p)) == 0;
}

/* A verify whose answer is thrown away: the time of a real one. */
static void dummy_verify(const char *pin)
{
    volatile int r = pin_matches(dummy_hash, pin);
    (void)r;
}

bool staff_pin_dummy_is_current(void)
{
    return sodium_init() >= 0 &&
           crypto_pwhash_str_needs_rehash(dummy_hash, STAFF_PIN_OPSLIMIT, STAFF_PIN_MEMLIMIT) == 0;
}

/* The stored facts verification needs. */
typedef struct {
    staff_id num;
    bool active;
    pin_lock_state lock;
    char hash[crypto_pwhash_STRBYTES];
} pin_row;

/* Inside the transaction: 1 found, 0 unknown, -1 error. */
static int read_pin_row(store *s, const char *code, pin_row *r)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT num, active, failed_attempts, locked_until, pin_hash "
                                        "FROM staff WHERE code = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->num = (staff_id)sqlite3_column_int(st, 0);
        r->active = sqlite3_column_int(st, 1) != 0;
        r->lock.failures = sqlite3_column_int(st, 2);
        r->lock.locked_until = sqlite3_column_int64(st, 3);
        snprintf(r->hash, sizeof r->hash, "%s", (const char *)sqlite3_column_text(st, 4));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading a staff member's PIN");
}

static int write_lock(store *s, staff_id num, const pin_lock_state *lock)
{
    sqlite3_stmt *st = store_prepare(s, "UPDATE staff SET failed_attempts = ?2, locked_until = ?3 WHERE num = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, num);
    sqlite3_bind_int(st, 2, lock->failures);
    sqlite3_bind_int64(st, 3, lock->locked_until);
    return run(s, st, "recording a PIN attempt");
}

/* After a right PIN: a hash of an older cost is replaced by one of today's (best effort). */
static int upgrade_hash(store *s, staff_id num, const char *old, const char *pin)
{
    if (crypto_pwhash_str_needs_rehash(old, STAFF_PIN_OPSLIMIT, STAFF_PIN_MEMLIMIT) == 0)
        return 0;
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin, strlen(pin), STAFF_PIN_OPSLIMIT, STAFF_PIN_MEMLIMIT) != 0)
        return 0;
    sqlite3_stmt *st = store_prepare(s, "UPDATE staff SET pin_hash = ?2 WHERE num = ?1");
    if (st) {
        sqlite3_bind_int(st, 1, num);
        sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    }
    int rc = run(s, st, "upgrading a PIN hash");
    sodium_memzero(hash, sizeof hash);
    return rc;
}

static staff_pin_result verify_error(store *s, staff_verify *out)
{
    store_rollback(s);
    snprintf(out->err, sizeof out->err, "%s", store_errmsg(s));
    return out->result = STAFF_PIN_ERROR;
}

/* Answer for a row that is inactive or locked (transaction still open, no write). */
static staff_pin_result verify_blocked(store *s, const pin_row *r, const char *pin, staff_verify *out)
{
    store_rollback(s);
    if (!r->active)
        return out->result = pin_matches(r->hash, pin) ? STAFF_PIN_INACTIVE : STAFF_PIN_UNKNOWN;
    dummy_verify(pin);
    out->locked_until = r->lock.locked_until;
    return out->result = STAFF_PIN_LOCKED;
}

/* Check the PIN of an active, unlocked row and record the outcome; commits. */
static staff_pin_result verify_row(store *s, pin_row *r, const char *pin, int64_t now_ms,
                                   const pin_lock_policy *policy, staff_verify *out)
{
    if (pin_matches(r->hash, pin)) {
        /* a clean record is not rewritten: no disk write for an ordinary log-in */
        bool dirty = r->lock.failures != 0 || r->lock.locked_until != 0;
        pin_lock_clear(&r->lock);
        if ((dirty && write_lock(s, r->num, &r->lock) != 0) || upgrade_hash(s, r->num, r->hash, pin) != 0 ||
            store_commit(s) != 0)
            return verify_error(s, out);
        out->num = r->num;
        return out->result = STAFF_PIN_OK;
    }
    bool locked = pin_lock_fail(policy, &r->lock, now_ms);
    if (write_lock(s, r->num, &r->lock) != 0 || store_commit(s) != 0)
        return verify_error(s, out);
    out->attempts_left = locked ? 0 : pin_attempts_left(policy, &r->lock);
    out->locked_until = locked ? r->lock.locked_until : 0;
    return out->result = locked ? STAFF_PIN_LOCKED : STAFF_PIN_WRONG;
}

staff_pin_result staff_verify_pin_policy(store *s, const char *code, const char *pin, int64_t now_ms,
                                         const pin_lock_policy *policy, staff_verify *out)
{
    staff_verify spare;
    if (!out)
        out = &spare;
    memset(out, 0, sizeof *out);
    if (sodium_init() < 0 || !pin_lock_policy_valid(policy)) {
        snprintf(out->err, sizeof out->err, "%s", policy ? "libsodium cannot be initialised"
                                                         : "no valid lockout policy given");
        return out->result = STAFF_PIN_ERROR;
    }
    char norm[STAFF_CODE_BUF];
    pin_row r;
    memset(&r, 0, sizeof r);
    if (staff_code_norm(code, norm, sizeof norm, NULL, 0) != STAFF_OK) {
        dummy_verify(pin);
        return out->result = STAFF_PIN_UNKNOWN;
    }
    if (store_begin(s) != 0)
        return verify_error(s, out);
    int found = read_pin_row(s, norm, &r);
    staff_pin_result res;
    if (found < 0)
        res = verify_error(s, out);
    else if (found == 0) {
        store_rollback(s);
        dummy_verify(pin);
        res = out->result = STAFF_PIN_UNKNOWN;
    } else if (!r.active || pin_is_locked(&r.lock, now_ms))
        res = verify_blocked(s, &r, pin, out);
    else
        res = verify_row(s, &r, pin, now_ms, policy, out);
    sodium_memzero(&r, sizeof r);
    return res;
}

staff_pin_result staff_verify_pin(store *s, const char *code, const char *pin, int64_t now_ms, staff_verify *out)
{
    pin_lock_policy p = pin_lock_default();
    return staff_verify_pin_policy(s, code, pin, now_ms, &p, out);
}
