/* cases_export.c - the supervisor's CSV of cases received in a date range
 * (RFC 4180, UTF-8 with a byte-order mark by default, ID numbers and
 * telephones masked; see cases.h), and the two masks.
 *
 * Columns (English ids; the header is the first row):
 *   case_number, item_code, item_name, class, status, applicant_name,
 *   applicant_id (masked), applicant_phone (masked), window, clerk (the staff
 *   id typed at log-in; the staff number when the staff member is not in
 *   this file), received, accepted, due, concluded, delivered,
 *   on_time ("yes": concluded on or before the due date, "no": after it, ""
 *   when not concluded or without a due date), supplements (补正 notices),
 *   first_visit ("yes": a 即办件 concluded the day it was received).
 * A text field that starts with = + - @ or a tab gets a leading apostrophe,
 * so that a spreadsheet shows it as text and never runs it as a formula. */
#include "data/cases.h"

#include <errno.h>
#include <string.h>

#include "data/store_db.h"

static const char *const header[] = {
    "case_number", "item_code", "item_name", "class",   "status",    "applicant_name", "applicant_id",
    "applicant_phone", "window", "clerk",   "received", "accepted", "due",            "concluded",
    "delivered",   "on_time",   "supplements", "first_visit",
};
#define NCOLS (sizeof header / sizeof header[0])

/* Column indexes of the SELECT below. */
enum {
    C_NUMBER, C_ITEM, C_ITEM_NAME, C_CLASS, C_STATUS, C_NAME, C_ID, C_PHONE, C_WINDOW, C_CLERK,
    C_RECEIVED, C_ACCEPTED, C_DUE, C_CONCLUDED, C_DELIVERED, C_SUPPLEMENTS, C_FIRST_VISIT
};

static const char export_sql[] =
    "SELECT c.case_id, c.item, coalesce(i.name, ''), c.class, c.status, c.applicant_name, "
    "coalesce(c.applicant_id, ''), coalesce(c.applicant_phone, ''), c.window_id, "
    "coalesce(st.code, CAST(c.clerk AS TEXT), ''), c.received, coalesce(c.accepted, ''), coalesce(c.due, ''), "
    "coalesce(c.concluded, ''), coalesce(c.delivered, ''), c.supplements, c.first_visit "
    "FROM cases c LEFT JOIN catalog_item i ON i.code = c.item LEFT JOIN staff st ON st.num = c.clerk "
    "WHERE c.received BETWEEN ?1 AND ?2 ORDER BY c.received, c.case_id";

/* ---- masks ------------------------------------------------------------------------ */

char *cases_mask_id(const char *id, char *buf, size_t len)
{
    size_t n = id ? strlen(id) : 0;
    if (len == 0)
        return buf;
    size_t i = 0;
    for (; i < n && i + 1 < len; i++)
        buf[i] = n > 10 && (i < 6 || i >= n - 4) ? id[i] : '*';
    buf[i] = '\0';
    return buf;
}

char *cases_mask_phone(const char *phone, char *buf, size_t len)
{
    size_t n = phone ? strlen(phone) : 0, digits = 0, seen = 0;
    if (len == 0)
        return buf;
    for (size_t i = 0; i < n; i++)
        digits += phone[i] >= '0' && phone[i] <= '9';
    size_t i = 0;
    for (; i < n && i + 1 < len; i++) {
        bool digit = phone[i] >= '0' && phone[i] <= '9';
        bool keep = digits > 7 && (seen < 3 || seen >= digits - 4);
        buf[i] = !digit || keep ? phone[i] : '*';
        seen += digit;
    }
    buf[i] = '\0';
    return buf;
}

/* ---- CSV -------------------------------------------------------------------------- */

/* One field, quoted when it holds a comma, quote, CR or LF (RFC 4180), defused when it could be a formula. */
static void put_field(FILE *out, const char *v, bool first)
{
    if (!first)
        fputc(',', out);
    bool formula = strchr("=+-@\t", v[0]) != NULL && v[0] != '\0';
    bool quote = strpbrk(v, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    if (quote)
        fputc('"', out);
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    return v ? v : "";
}

/* "yes", "no" or "" (see the top of this file). */
static const char *on_time(const char *concluded, const char *due)
{
    if (!*concluded || !*due)
        return "";
    return strcmp(concluded, due) <= 0 ? "yes" : "no";
}

static void put_row(FILE *out, sqlite3_stmt *st)
{
    char id[64], phone[64], sup[24];
    cases_mask_id(col(st, C_ID), id, sizeof id);
    cases_mask_phone(col(st, C_PHONE), phone, sizeof phone);
    snprintf(sup, sizeof sup, "%d", sqlite3_column_int(st, C_SUPPLEMENTS));
    const char *v[NCOLS] = {
        col(st, C_NUMBER),   col(st, C_ITEM),     col(st, C_ITEM_NAME), col(st, C_CLASS),
        col(st, C_STATUS),   col(st, C_NAME),     id,                   phone,
        col(st, C_WINDOW),   col(st, C_CLERK),    col(st, C_RECEIVED),  col(st, C_ACCEPTED),
        col(st, C_DUE),      col(st, C_CONCLUDED), col(st, C_DELIVERED), on_time(col(st, C_CONCLUDED), col(st, C_DUE)),
        sup,                 sqlite3_column_int(st, C_FIRST_VISIT) ? "yes" : "no",
    };
    for (size_t i = 0; i < NCOLS; i++)
        put_field(out, v[i], i == 0);
    fputs("\r\n", out);
}

static int check_range(store *s, const char *from, const char *to)
{
    gdate a, b;
    if (!from || date_parse(from, &a) != 0)
        return store_fail(s, "export: the first day \"%s\" is not a date YYYY-MM-DD", from ? from : "");
    if (!to || date_parse(to, &b) != 0)
        return store_fail(s, "export: the last day \"%s\" is not a date YYYY-MM-DD", to ? to : "");
    if (date_cmp(a, b) > 0)
        return store_fail(s, "export: the first day %s is after the last day %s", from, to);
    return 0;
}

int cases_export_csv_flags(store *s, const char *from, const char *to, unsigned flags, FILE *out, long *rows)
{
    long count = 0;
    if (rows)
        *rows = 0;
    if (check_range(s, from, to) != 0)
        return -1;
    sqlite3_stmt *st = store_prepare(s, export_sql);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    if (!(flags & CASES_EXPORT_NO_BOM))
        fputs("\xEF\xBB\xBF", out);
    for (size_t i = 0; i < NCOLS; i++)
        put_field(out, header[i], i == 0);
    fputs("\r\n", out);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        put_row(out, st);
        count++;
    }
    int ret = rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading the cases to export");
    sqlite3_finalize(st);
    if (ret == 0 && (fflush(out) != 0 || ferror(out)))
        ret = store_fail(s, "export: writing the CSV failed: %s", strerror(errno ? errno : EIO));
    if (ret == 0 && rows)
        *rows = count;
    return ret;
}

int cases_export_csv(store *s, const char *from, const char *to, FILE *out)
{
    return cases_export_csv_flags(s, from, to, 0, out, NULL);
}
