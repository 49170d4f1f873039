/* cases.c - case numbers: this file's centre and terminal codes (meta) and
 * the terminal's daily counter (table case_counter, migration 5), moved on
 * in its own BEGIN IMMEDIATE transaction so that two processes sharing the
 * file never receive the same number (see cases.h for gaps and limits).
 * Search is in cases_search.c, the CSV export in cases_export.c. */
#include "data/cases.h"

#include <string.h>

#include "data/store_db.h"

/* Upper-case copy of a typed code (at most cap - 1 bytes kept; longer is refused by the check). */
static void code_upper(const char *in, char *out, size_t cap)
{
    size_t i = 0;
    for (; in && in[i] && i + 1 < cap; i++)
        out[i] = (in[i] >= 'a' && in[i] <= 'z') ? (char)(in[i] - 'a' + 'A') : in[i];
    out[i] = '\0';
    if (in && strlen(in) >= cap && cap > 0)
        out[0] = '\0'; /* too long: make the check fail rather than accept a truncated code */
}

/* One meta value into buf; 0, or -1 (missing or error). */
static int meta_get(store *s, const char *key, char *buf, size_t len)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT value FROM meta WHERE key = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), ret = 0;
    if (rc == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        snprintf(buf, len, "%s", v ? v : "");
    } else if (rc == SQLITE_DONE) {
        ret = store_fail(s, "this database has no '%s' in meta: it is damaged", key);
    } else {
        ret = store_fail_sql(s, "reading the case number codes");
    }
    sqlite3_finalize(st);
    return ret;
}

static int meta_put(store *s, const char *key, const char *value)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "writing the case number codes");
}

int cases_codes(store *s, char centre[CASENUM_CENTRE_MAX + 1], char terminal[CASENUM_TERMINAL_MAX + 1])
{
    char c[64], t[64];
    if (meta_get(s, "centre_code", c, sizeof c) != 0 || meta_get(s, "terminal_code", t, sizeof t) != 0)
        return -1;
    if (!casenum_code_valid(c, CASENUM_CENTRE_MAX) || !casenum_code_valid(t, CASENUM_TERMINAL_MAX))
        return store_fail(s, "the centre or terminal code in meta (\"%s\", \"%s\") is not valid: set them again", c,
                          t);
    memcpy(centre, c, strlen(c) + 1);
    memcpy(terminal, t, strlen(t) + 1);
    return 0;
}

int cases_set_codes(store *s, const char *centre, const char *terminal)
{
    char c[CASENUM_CENTRE_MAX + 1], t[CASENUM_TERMINAL_MAX + 1];
    code_upper(centre, c, sizeof c);
    code_upper(terminal, t, sizeof t);
    if (!casenum_code_valid(c, CASENUM_CENTRE_MAX))
        return store_fail(s, "centre code \"%s\": %s; nothing was changed", centre ? centre : "",
                          casenum_reason(CASENUM_BAD_CENTRE));
    if (!casenum_code_valid(t, CASENUM_TERMINAL_MAX))
        return store_fail(s, "terminal code \"%s\": %s; nothing was changed", terminal ? terminal : "",
                          casenum_reason(CASENUM_BAD_TERMINAL));
    if (store_begin(s) != 0)
        return -1;
    if (meta_put(s, "centre_code", c) != 0 || meta_put(s, "terminal_code", t) != 0) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s);
}

/* ---- the counter ---------------------------------------------------------------- */

/* The counter's last sequence for (codes, day); 0 when the day has none yet. */
static int counter_get(store *s, const casenum_parts *p, const char *day, int *last)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT last FROM case_counter WHERE centre = ?1 AND terminal = ?2 "
                                        "AND day = ?3");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, p->centre, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->terminal, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *last = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading the case number counter");
}

static int counter_put(store *s, const casenum_parts *p, const char *day, int last)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO case_counter(centre, terminal, day, last) "
                                        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(centre, terminal, day) "
                                        "DO UPDATE SET last = excluded.last");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, p->centre, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->terminal, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, last);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "moving the case number counter");
}

/* Format numbers p->seq + 1 ... for n numbers, skipping those a case already uses; p->seq ends at the last. */
static int take_numbers(store *s, casenum_parts *p, const char *day, int n, char (*out)[CASENUM_LEN])
{
    sqlite3_stmt *used = store_prepare(s, "SELECT 1 FROM cases WHERE case_id = ?1");
    if (!used)
        return -1;
    int ret = 0;
    for (int i = 0; ret == 0 && i < n;) {
        if (p->seq >= CASENUM_SEQ_MAX) {
            ret = store_fail(s, "terminal %s-%s has used all %d case numbers of %s; nothing was allocated "
                                "(a desk that takes more cases a day needs its own terminal code)",
                             p->centre, p->terminal, CASENUM_SEQ_MAX, day);
            break;
        }
        p->seq++;
        casenum_format(p, out[i]);
        sqlite3_reset(used);
        sqlite3_bind_text(used, 1, out[i], -1, SQLITE_STATIC);
        int rc = sqlite3_step(used);
        if (rc == SQLITE_DONE)
            i++; /* free: taken */
        else if (rc != SQLITE_ROW)
            ret = store_fail_sql(s, "checking a case number");
    }
    sqlite3_finalize(used);
    return ret;
}

int cases_new_numbers(store *s, gdate day, int n, char (*out)[CASENUM_LEN])
{
    if (!date_valid(day.y, day.m, day.d))
        return store_fail(s, "a case number needs a real date");
    if (n < 1 || n > CASENUM_SEQ_MAX || !out)
        return store_fail(s, "between 1 and %d case numbers may be allocated at once", CASENUM_SEQ_MAX);
    casenum_parts p = {.day = day};
    char d[DATE_STR_LEN];
    date_format(day, d);
    if (store_begin(s) != 0)
        return -1;
    int rc = cases_codes(s, p.centre, p.terminal);
    if (rc == 0)
        rc = counter_get(s, &p, d, &p.seq);
    if (rc == 0)
        rc = take_numbers(s, &p, d, n, out);
    if (rc == 0)
        rc = counter_put(s, &p, d, p.seq);
    if (rc != 0) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s);
}

int cases_new_number(store *s, gdate day, char out[CASENUM_LEN])
{
    return cases_new_numbers(s, day, 1, (char(*)[CASENUM_LEN])out);
}
