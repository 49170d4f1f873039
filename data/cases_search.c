/* cases_search.c - the clerk's case search box: reading what was typed (a
 * case number or its tail, an ID number, a telephone, a name prefix: the
 * order and the rules are in cases.h) and one indexed query per kind.
 *
 * Each kind's inner query picks at most `max` case numbers through an index
 * (newest first), then the outer query fetches those rows and their item
 * names; so a name prefix sorts only index entries, never reads the rows it
 * does not return, and a prefix most cases share (CASES_NAME_BROAD) walks
 * the cases newest first instead.  The indexes are migration 2's (applicant
 * ID, phone) and 5's (number tail, name + receipt date, receipt date + name). */
#include "data/clock.h"
#include "data/cases.h"

#include <string.h>
#include <time.h>

#include "core/casenum.h"
#include "core/ident.h"
#include "core/phone.h"
#include "data/store_db.h"

/* ---- reading the query --------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Trim ASCII blanks and the ideographic space U+3000 (typed by a Chinese IME) at both ends. */
static const char *trim(const char *s, size_t *len)
{
    size_t n = strlen(s);
    for (;;) {
        if (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
            s++, n--;
        } else if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) {
            s += 3, n -= 3;
        } else {
            break;
        }
    }
    for (;;) {
        if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
            n--;
        else if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    *len = n;
    return s;
}

static int fail(char *err, size_t errlen, const char *what, const char *why)
{
    snprintf(err, errlen, "%s%s%s", what, *what ? ": " : "", why);
    return -1;
}

/* "YYYYMMDD-N..." at t (exactly len bytes): the tail of a number, into key ("YYYYMMDD-NNNN"); 1 if not one. */
static int read_tail(const char *t, size_t len, char *key, char *err, size_t errlen)
{
    if (len < 10 || len > 13 || t[8] != '-')
        return 1;
    for (size_t i = 0; i < len; i++)
        if (i != 8 && !is_digit(t[i]))
            return 1;
    int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
    int m = (t[4] - '0') * 10 + (t[5] - '0'), d = (t[6] - '0') * 10 + (t[7] - '0');
    int seq = 0;
    for (size_t i = 9; i < len; i++)
        seq = seq * 10 + (t[i] - '0');
    if (!date_valid(y, m, d))
        return fail(err, errlen, "", casenum_reason(CASENUM_BAD_DATE));
    if (seq < 1)
        return fail(err, errlen, "", casenum_reason(CASENUM_BAD_SEQ));
    snprintf(key, CASES_QUERY_MAX + 1, "%04d%02d%02d-%04d", y, m, d, seq);
    return 0;
}

/* The tail forms: "NNNN" (today), "YYYYMMDD-NNNN", "...-YYYYMMDD-NNNN"; 0 read, 1 not a tail, -1 refused. */
static int read_tail_query(const char *t, size_t n, gdate today, cases_query *q, char *err, size_t errlen)
{
    size_t digits = 0;
    while (digits < n && is_digit(t[digits]))
        digits++;
    if (digits == n && n <= 4) {
        char buf[24];
        snprintf(buf, sizeof buf, "%04d%02d%02d-%.*s", today.y, today.m, today.d, (int)n, t);
        return read_tail(buf, strlen(buf), q->key, err, errlen);
    }
    /* the tail starts after the second-last dash (or at the beginning) */
    size_t start = 0, dashes = 0;
    for (size_t i = n; i > 0; i--)
        if (t[i - 1] == '-' && ++dashes == 2) {
            start = i;
            break;
        }
    int rc = read_tail(t + start, n - start, q->key, err, errlen);
    if (rc != 0 || start == 0)
        return rc;
    /* more of the number before the tail: a hit must end with all of it */
    for (size_t i = 0; i < start; i++)
        q->alt[0][i] = (t[i] >= 'a' && t[i] <= 'z') ? (char)(t[i] - 'a' + 'A') : t[i];
    size_t k = strlen(q->key); /* 13: fits, since start + 13 <= n <= CASES_QUERY_MAX */
    memcpy(q->alt[0] + start, q->key, k + 1);
    return 0;
}

/* 15 or 18 letters and digits with at least one digit: an ID number (an old one of 15), or a USCC. */
static bool looks_like_identifier(const char *t, size_t n)
{
    if (n != 15 && n != 18)
        return false;
    size_t digits = 0;
    for (size_t i = 0; i < n; i++) {
        bool letter = (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z');
        if (!is_digit(t[i]) && !letter)
            return false;
        digits += is_digit(t[i]);
    }
    return digits > 0;
}

static int read_identifier(const char *t, size_t n, gdate today, cases_query *q, char *err, size_t errlen)
{
    char typed[32];
    snprintf(typed, sizeof typed, "%.*s", (int)n, t);
    ident_result r;
    if (ident_check(typed, today, &r) != IDENT_OK)
        return fail(err, errlen, typed, ident_reason(&r));
    q->by = CASES_BY_ID;
    snprintf(q->key, sizeof q->key, "%s", r.kind == IDENT_KIND_USCC ? r.org.code : r.id.number);
    size_t k = strlen(q->key);
    if (k && q->key[k - 1] == 'X') { /* the same number as a clerk may have recorded it */
        snprintf(q->alt[0], sizeof q->alt[0], "%s", q->key);
        q->alt[0][k - 1] = 'x';
    }
    if (strcmp(typed, q->key) != 0 && strcmp(typed, q->alt[0]) != 0)
        snprintf(q->alt[1], sizeof q->alt[1], "%s", typed); /* e.g. an old 15-digit number */
    return 0;
}

/* Digits with the separators a telephone is written with, and at least 7 digits. */
static bool looks_like_phone(const char *t, size_t n)
{
    size_t digits = 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (is_digit(c))
            digits++;
        else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')')
            return false;
    }
    return digits >= 7;
}

static int read_phone(const char *t, size_t n, cases_query *q, char *err, size_t errlen)
{
    char typed[CASES_QUERY_MAX + 1];
    snprintf(typed, sizeof typed, "%.*s", (int)n, t);
    phone_info pi;
    phone_status ps = phone_validate(typed, &pi);
    if (ps != PHONE_OK)
        return fail(err, errlen, typed, phone_reason(ps));
    q->by = CASES_BY_PHONE;
    snprintf(q->key, sizeof q->key, "%s", pi.number);
    return 0;
}

/* A name prefix: the key and the smallest string after every string that starts with it. */
static int read_name(const char *t, size_t n, cases_query *q, char *err, size_t errlen)
{
    if (n > 127)
        return fail(err, errlen, "", "a name is at most 127 bytes");
    q->by = CASES_BY_NAME;
    memcpy(q->key, t, n);
    q->key[n] = '\0';
    if (!ev_utf8_valid(q->key))
        return fail(err, errlen, "", "the query is not valid UTF-8 text");
    memcpy(q->alt[0], q->key, n + 1);
    /* UTF-8 never holds 0xFF, so the last byte can always be raised */
    q->alt[0][n - 1] = (char)((unsigned char)q->alt[0][n - 1] + 1);
    return 0;
}

/* Full-width ASCII forms (U+FF01..U+FF5E, typed with a Chinese IME in 全角 mode: "０００７", "１３８…")
 * as plain ASCII, and the ideographic space as a space; at most cap - 1 bytes. */
static size_t halfwidth(const char *in, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap;) {
        const unsigned char *u = (const unsigned char *)in + i;
        if (i + 2 < n && u[0] == 0xEF && ((u[1] == 0xBC && u[2] >= 0x81) || (u[1] == 0xBD && u[2] <= 0x9E))) {
            unsigned cp = 0xF000u | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
            out[o++] = (char)(cp - 0xFEE0u);
            i += 3;
        } else if (i + 2 < n && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) {
            out[o++] = ' ';
            i += 3;
        } else {
            out[o++] = in[i++];
        }
    }
    out[o] = '\0';
    return o;
}

int cases_query_read(const char *query, gdate today, cases_query *q, char *err, size_t errlen)
{
    memset(q, 0, sizeof *q);
    char t[CASES_QUERY_MAX + 1];
    size_t n;
    const char *typed = trim(query ? query : "", &n);
    if (n == 0)
        return fail(err, errlen, "", "type a case number, a name, an ID number or a telephone number");
    if (n > CASES_QUERY_MAX)
        return fail(err, errlen, "", "the query is too long");
    n = halfwidth(typed, n, t, sizeof t);
    casenum_parts p;
    if (casenum_parse(t, &p) == CASENUM_OK) {
        q->by = CASES_BY_NUMBER;
        casenum_format(&p, q->key);
        return 0;
    }
    int rc = read_tail_query(t, n, today, q, err, errlen);
    if (rc <= 0) {
        q->by = CASES_BY_TAIL;
        return rc;
    }
    if (looks_like_identifier(t, n))
        return read_identifier(t, n, today, q, err, errlen);
    if (looks_like_phone(t, n))
        return read_phone(t, n, q, err, errlen);
    return read_name(t, n, q, err, errlen);
}

const char *cases_by_name(cases_by by)
{
    static const char *const names[CASES_BY_COUNT] = {"number", "tail", "id", "phone", "name"};
    return (int)by >= 0 && by < CASES_BY_COUNT ? names[by] : "";
}

/* ---- the queries ------------------------------------------------------------------ */

#define NEWEST " ORDER BY received DESC, case_id DESC LIMIT ?4"
#define HIT_COLUMNS                                                                                    \
    "SELECT c.case_id, c.item, coalesce(i.name, ''), c.class, c.status, c.applicant_name, "           \
    "coalesce(c.applicant_id, ''), coalesce(c.applicant_phone, ''), c.window_id, c.received, "        \
    "coalesce(c.due, '') FROM cases c LEFT JOIN catalog_item i ON i.code = c.item WHERE c.case_id IN "
#define HIT_ORDER " ORDER BY c.received DESC, c.case_id DESC"

/* ?1 key, ?2 and ?3 alternatives, ?4 max. */
#define Q_NUMBER HIT_COLUMNS "(SELECT case_id FROM cases WHERE case_id = ?1 LIMIT ?4)" HIT_ORDER
#define Q_TAIL                                                                                          \
    HIT_COLUMNS "(SELECT case_id FROM cases WHERE substr(case_id, -13) = ?1 "                           \
                "AND (?2 = '' OR substr(upper(case_id), -length(?2)) = ?2)" NEWEST ")" HIT_ORDER
#define Q_ID HIT_COLUMNS "(SELECT case_id FROM cases WHERE applicant_id IN (?1, ?2, ?3)" NEWEST ")" HIT_ORDER
#define Q_PHONE HIT_COLUMNS "(SELECT case_id FROM cases WHERE applicant_phone = ?1" NEWEST ")" HIT_ORDER
#define Q_NAME                                                                                          \
    HIT_COLUMNS "(SELECT case_id FROM cases WHERE applicant_name >= ?1 AND applicant_name < ?2" NEWEST  \
                ")" HIT_ORDER
/* A broad prefix: walk the cases newest first and keep those whose name starts with it. */
#define Q_NAME_RECENT                                                                                   \
    HIT_COLUMNS "(SELECT case_id FROM cases INDEXED BY cases_received "                                 \
                "WHERE applicant_name >= ?1 AND applicant_name < ?2" NEWEST ")" HIT_ORDER
/* How many cases share the prefix, counting no further than ?3. */
#define Q_NAME_COUNT                                                                                    \
    "SELECT count(*) FROM (SELECT 1 FROM cases WHERE applicant_name >= ?1 AND applicant_name < ?2 LIMIT ?3)"

#define PLAN "EXPLAIN QUERY PLAN "

enum { S_NUMBER, S_TAIL, S_ID, S_PHONE, S_NAME, S_NAME_RECENT, S_COUNT };
static const char *const queries[S_COUNT] = {Q_NUMBER, Q_TAIL, Q_ID, Q_PHONE, Q_NAME, Q_NAME_RECENT};
static const char *const plans[S_COUNT] = {PLAN Q_NUMBER, PLAN Q_TAIL, PLAN Q_ID, PLAN Q_PHONE, PLAN Q_NAME,
                                           PLAN Q_NAME_RECENT};

/* The statement for q: a name prefix shared by CASES_NAME_BROAD cases or more (a bare common surname)
 * walks the cases newest first, which finds `max` of them after a few hundred entries; a narrower one
 * sorts its few entries of the name index.  Either way the cost stays bounded. */
static int statement_for(store *s, const cases_query *q, int *which)
{
    *which = (int)q->by;
    if (q->by != CASES_BY_NAME)
        return 0;
    sqlite3_stmt *st = store_prepare(s, Q_NAME_COUNT);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, q->key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, q->alt[0], -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, CASES_NAME_BROAD);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int(st, 0) >= CASES_NAME_BROAD)
        *which = S_NAME_RECENT;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, "counting the cases of a name");
}

static sqlite3_stmt *prepare_search(store *s, const cases_query *q, int max, bool plan)
{
    int which;
    if (statement_for(s, q, &which) != 0)
        return NULL;
    sqlite3_stmt *st = store_prepare(s, plan ? plans[which] : queries[which]);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, q->key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, q->alt[0], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, q->alt[1], -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, max);
    return st;
}

static void copy_col(sqlite3_stmt *st, int col, char *buf, size_t len)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    snprintf(buf, len, "%s", v ? v : "");
}

static void fill_hit(sqlite3_stmt *st, case_hit *h)
{
    memset(h, 0, sizeof *h);
    copy_col(st, 0, h->case_id, sizeof h->case_id);
    copy_col(st, 1, h->item, sizeof h->item);
    copy_col(st, 2, h->item_name, sizeof h->item_name);
    h->cls = case_class_from_name((const char *)sqlite3_column_text(st, 3));
    h->status = case_status_from_name((const char *)sqlite3_column_text(st, 4));
    copy_col(st, 5, h->applicant_name, sizeof h->applicant_name);
    copy_col(st, 6, h->applicant_id, sizeof h->applicant_id);
    copy_col(st, 7, h->applicant_phone, sizeof h->applicant_phone);
    copy_col(st, 8, h->window_id, sizeof h->window_id);
    copy_col(st, 9, h->received, sizeof h->received);
    copy_col(st, 10, h->due, sizeof h->due);
}

/* Read the query into q; -1 with the store's message when it is refused. */
static int read_for_store(store *s, gdate today, const char *query, cases_query *q)
{
    char err[STORE_ERR_LEN];
    if (!date_valid(today.y, today.m, today.d))
        return store_fail(s, "case search needs a real date for today");
    if (cases_query_read(query, today, q, err, sizeof err) != 0)
        return store_fail(s, "%s; nothing was searched", err);
    return 0;
}

int cases_search_on(store *s, gdate today, const char *query, case_hit *hits, int max, int *n)
{
    *n = 0;
    if (max < 1 || max > CASES_HITS_MAX || !hits)
        return store_fail(s, "a search returns between 1 and %d cases", CASES_HITS_MAX);
    cases_query q;
    if (read_for_store(s, today, query, &q) != 0)
        return -1;
    sqlite3_stmt *st = prepare_search(s, &q, max, false);
    if (!st)
        return -1;
    int rc = SQLITE_DONE, ret = 0;
    while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        fill_hit(st, &hits[(*n)++]);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        ret = store_fail_sql(s, "searching cases");
        *n = 0;
    }
    sqlite3_finalize(st);
    return ret;
}

int cases_search(store *s, const char *query, case_hit *hits, int max, int *n)
{
    return cases_search_on(s, clock_local_today(), query, hits, max, n);
}

int cases_search_plan(store *s, gdate today, const char *query, char *buf, size_t len)
{
    if (len == 0)
        return store_fail(s, "no room for the plan");
    buf[0] = '\0';
    cases_query q;
    if (read_for_store(s, today, query, &q) != 0)
        return -1;
    sqlite3_stmt *st = prepare_search(s, &q, 20, true);
    if (!st)
        return -1;
    size_t at = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        int w = snprintf(buf + at, len - at, "%s\n", detail ? detail : "");
        at = w < 0 || (size_t)w >= len - at ? len - 1 : at + (size_t)w;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "explaining a search");
}
