/* caseview_list.c - the clerk's case lists under a filter, each row with its
 * supervision state (电子监察: on time / due soon / overdue, concluded on
 * time or late), and the statements the dashboard counts with.
 *
 * Each filter is one indexed query (the indexes are migration 6's, 8's for
 * "open" and "mine", and 5's for "received today"):
 *   open, mine      not ended nor delivered, newest first  cases_open_undelivered
 *   received today  received = today, newest first       cases_received
 *   due soon        open, today <= due < until, by due   cases_open_due
 *   overdue         open, due < today, by due            cases_open_due
 *   supplement      status 'supplement', newest first    cases_supplement
 *   deferred due    容缺 materials outstanding, by deadline  cases_deferred_open
 * where "open" is not ended and not concluded (for the two "due" lists; the
 * "open" list also shows a concluded case until its result is delivered, 出件,
 * after which nothing is left for the clerk), and `until` is computed here
 * from the calendar: the first day with more than `soon` working days after
 * today (core/calendar.h), so "due soon" is a range on the index and never
 * a walk over the cases.  The state of each row is then judged in C from
 * its stored due date (core/deadline.h's states). */
#include "data/caseview_int.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"

/* ---- the filters --------------------------------------------------------------------- */

#define OPEN_DUE "c.ended IS NULL AND c.concluded IS NULL"
#define UNDELIVERED "c.ended IS NULL AND c.delivered IS NULL" /* still something to do: not yet 出件 */
#define NEWEST " ORDER BY c.received DESC, c.case_id DESC"
#define BY_DUE " ORDER BY c.due, c.case_id"

/* Every statement is a literal built here by the preprocessor: a filter's rows or count, with or
 * without the window condition, and each as an EXPLAIN QUERY PLAN for the tests.  The values (today,
 * until, staff, window, max) are always bound parameters. */
#define LIST_SQL(ix, wh, ord, win)                                                                     \
    "SELECT " CVI_ROW_COLUMNS " FROM cases c INDEXED BY " ix " LEFT JOIN catalog_item i ON i.code = c.item " \
    "WHERE " wh win ord " LIMIT :max"
#define COUNT_SQL(ix, wh, win) "SELECT count(*) FROM cases c INDEXED BY " ix " WHERE " wh win
#define FILTER(ix, wh, ord)                                                                            \
    {{{LIST_SQL(ix, wh, ord, ""), CVI_PLAN LIST_SQL(ix, wh, ord, "")},                                 \
      {LIST_SQL(ix, wh, ord, CVI_WINDOW), CVI_PLAN LIST_SQL(ix, wh, ord, CVI_WINDOW)}},                 \
     {{COUNT_SQL(ix, wh, ""), CVI_PLAN COUNT_SQL(ix, wh, "")},                                          \
      {COUNT_SQL(ix, wh, CVI_WINDOW), CVI_PLAN COUNT_SQL(ix, wh, CVI_WINDOW)}}}

/* Each filter's index, condition (named parameters :today, :until, :staff) and order.  The literal
 * conditions repeat the WHERE of migrations 6's and 8's partial indexes, which is what lets SQLite use them;
 * the index is named (INDEXED BY) because without statistics SQLite would rather read "concluded IS
 * NULL" as an equality on cases_concluded, and a statement whose index is gone fails to prepare
 * instead of scanning a million cases. */
static const struct {
    const char *list[2][2];  /* [window][plan] */
    const char *count[2][2]; /* [window][plan] */
} filters[CV_FILTER_COUNT] = {
    [CV_OPEN] = FILTER("cases_open_undelivered", UNDELIVERED, NEWEST),
    [CV_MINE] = FILTER("cases_open_undelivered", UNDELIVERED " AND c.clerk = :staff", NEWEST),
    [CV_TODAY] = FILTER("cases_received", "c.received = :today", NEWEST),
    [CV_DUE_SOON] = FILTER("cases_open_due", OPEN_DUE " AND c.due >= :today AND c.due < :until", BY_DUE),
    [CV_OVERDUE] = FILTER("cases_open_due", OPEN_DUE " AND c.due < :today", BY_DUE),
    [CV_SUPPLEMENT] = FILTER("cases_supplement", "c.status = 'supplement'", NEWEST),
    [CV_DEFERRED_DUE] = FILTER("cases_deferred_open",
                               "c.deferred = 1 AND c.deferred_completed IS NULL AND c.ended IS NULL "
                               "AND c.concluded IS NULL",
                               " ORDER BY c.deferred_deadline, c.case_id"),
};

const char *cv_filter_label(cv_filter f)
{
    switch (f) {
    case CV_OPEN: return N_("Open");
    case CV_MINE: return N_("Mine");
    case CV_TODAY: return N_("Received today");
    case CV_DUE_SOON: return N_("Due soon");
    case CV_OVERDUE: return N_("Overdue");
    case CV_SUPPLEMENT: return N_("Waiting for supplement");
    case CV_DEFERRED_DUE: return N_("Deferred materials due");
    case CV_FILTER_COUNT: break;
    }
    return N_("unknown filter");
}

int cvi_scope_check(store *s, const cv_scope *scope)
{
    if (!scope || !date_valid(scope->today.y, scope->today.m, scope->today.d))
        return store_fail(s, "the case lists need a real date for today");
    if (!scope->cal)
        return store_fail(s, "the case lists need the working-day calendar");
    if (scope->soon < 0 || scope->soon > CV_SOON_MAX)
        return store_fail(s, "the due-soon threshold must be between 0 and %d working days", CV_SOON_MAX);
    return 0;
}

/* The first day that is not "due soon": the (soon + 1)-th working day after today, since a due date
 * d is due soon when the working days in (today, d] are at most soon.  When the calendar ends first,
 * the first day of the year it lacks: every day before it has at most soon working days after
 * today and is known; the days from it on are not known, and are not listed. */
static int soon_until(store *s, const cv_scope *scope, char out[DATE_STR_LEN])
{
    gdate u;
    int missing = 0;
    cal_status st = cal_add_workdays(scope->cal, scope->today, scope->soon + 1, &u, &missing);
    if (st == CAL_NOT_LOADED && missing >= scope->today.y)
        u = (gdate){missing, 1, 1};
    else if (st != CAL_OK)
        return store_fail(s, "%s", cal_status_reason(st));
    date_format(u, out);
    return 0;
}

const char *cvi_filter_sql(cv_filter f, bool count, bool window, bool plan)
{
    if ((int)f < 0 || f >= CV_FILTER_COUNT)
        return NULL;
    return count ? filters[f].count[window][plan] : filters[f].list[window][plan];
}

static void bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

int cvi_bind_scope(store *s, sqlite3_stmt *st, const cv_scope *scope)
{
    char today[DATE_STR_LEN], until[DATE_STR_LEN];
    bind_text(st, ":today", date_format(scope->today, today));
    if (sqlite3_bind_parameter_index(st, ":until") > 0) {
        if (soon_until(s, scope, until) != 0)
            return -1;
        bind_text(st, ":until", until);
    }
    int i = sqlite3_bind_parameter_index(st, ":staff");
    if (i > 0)
        sqlite3_bind_int64(st, i, scope->staff);
    if (scope->window)
        bind_text(st, ":window", scope->window);
    return 0;
}

/* The list statement of filter f (as an EXPLAIN QUERY PLAN when plan), bound; NULL + message. */
static sqlite3_stmt *list_statement(store *s, const cv_scope *scope, cv_filter f, int max, bool plan)
{
    if (cvi_scope_check(s, scope) != 0)
        return NULL;
    const char *sql = cvi_filter_sql(f, false, scope->window != NULL, plan);
    if (!sql) {
        store_fail(s, "no such case list filter: %d", (int)f);
        return NULL;
    }
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return NULL;
    if (cvi_bind_scope(s, st, scope) != 0) {
        sqlite3_finalize(st);
        return NULL;
    }
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":max"), max);
    return st;
}

/* ---- a row and its deadline ----------------------------------------------------------- */

size_t cvi_utf8_cut(char *buf, size_t n)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0) {
        buf[0] = '\0';
        return 0;
    }
    unsigned char lead = (unsigned char)buf[i - 1];
    size_t need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (n - (i - 1) >= need)
        return n;
    buf[i - 1] = '\0';
    return i - 1;
}

void cvi_copy(sqlite3_stmt *st, int col, char *buf, size_t len)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    int k = snprintf(buf, len, "%s", v ? v : "");
    if (k > 0 && (size_t)k >= len)
        cvi_utf8_cut(buf, len - 1);
}

/* The supervision state from the stored due date (core/deadline.h's states, counted in working days
 * by core/calendar.h: 行政许可法 第八十二条 "期限以工作日计算"); deadline_known stays false without a due date, for a case that ended without
 * a decision, and when a date lies in a year the calendar lacks (never guessed). */
static void judge(const cv_scope *scope, const char *concluded, bool ended, cv_row *r)
{
    gdate due, done;
    cal_status st = CAL_OK;
    r->state = DL_ON_TIME;
    if (date_parse(r->due, &due) != 0)
        return;
    if (*concluded) {
        if (date_parse(concluded, &done) != 0)
            return;
        bool late = date_cmp(done, due) > 0;
        r->state = late ? DL_CONCLUDED_LATE : DL_CONCLUDED_ON_TIME;
        st = late ? cal_workdays_between(scope->cal, due, done, &r->late, NULL)
                  : cal_workdays_between(scope->cal, done, due, &r->remaining, NULL);
    } else if (ended) {
        return;
    } else if (date_cmp(scope->today, due) > 0) {
        r->state = DL_OVERDUE;
        st = cal_workdays_between(scope->cal, due, scope->today, &r->late, NULL);
    } else {
        st = cal_workdays_between(scope->cal, scope->today, due, &r->remaining, NULL);
        if (st == CAL_OK && r->remaining <= scope->soon)
            r->state = DL_DUE_SOON;
    }
    r->deadline_known = st == CAL_OK;
    if (!r->deadline_known)
        r->remaining = r->late = 0;
}

void cvi_row_read(sqlite3_stmt *st, const cv_scope *scope, cv_row *r)
{
    memset(r, 0, sizeof *r);
    cvi_copy(st, 0, r->case_id, sizeof r->case_id);
    cvi_copy(st, 1, r->item, sizeof r->item);
    cvi_copy(st, 2, r->item_name, sizeof r->item_name);
    r->cls = case_class_from_name((const char *)sqlite3_column_text(st, 3));
    r->status = case_status_from_name((const char *)sqlite3_column_text(st, 4));
    cvi_copy(st, 5, r->applicant_name, sizeof r->applicant_name);
    cvi_copy(st, 6, r->received, sizeof r->received);
    cvi_copy(st, 7, r->due, sizeof r->due);
    cvi_copy(st, 8, r->deferred_deadline, sizeof r->deferred_deadline);
    r->clerk = (int32_t)sqlite3_column_int64(st, 9);
    char concluded[DATE_STR_LEN];
    cvi_copy(st, 10, concluded, sizeof concluded);
    judge(scope, concluded, sqlite3_column_int(st, 11) != 0, r);
}

/* ---- lists and plans ------------------------------------------------------------------ */

int cv_list(store *s, const cv_scope *scope, cv_filter f, cv_row *rows, int max, int *n)
{
    *n = 0;
    if (!rows || max < 1 || max > CV_ROWS_MAX)
        return store_fail(s, "a case list holds between 1 and %d cases", CV_ROWS_MAX);
    sqlite3_stmt *st = list_statement(s, scope, f, max, false);
    if (!st)
        return -1;
    int rc = SQLITE_DONE;
    while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        cvi_row_read(st, scope, &rows[(*n)++]);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return 0;
    *n = 0;
    return store_fail_sql(s, "listing cases");
}

int cvi_plan_append(store *s, sqlite3_stmt *st, char *buf, size_t len, size_t *at)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        int w = snprintf(buf + *at, len - *at, "%s\n", detail ? detail : "");
        *at = w < 0 || (size_t)w >= len - *at ? len - 1 : *at + (size_t)w;
    }
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "explaining a query");
}

int cv_list_plan(store *s, const cv_scope *scope, cv_filter f, char *buf, size_t len)
{
    if (!buf || len == 0)
        return store_fail(s, "no room for the plan");
    buf[0] = '\0';
    sqlite3_stmt *st = list_statement(s, scope, f, CV_ROWS_MAX, true);
    if (!st)
        return -1;
    size_t at = 0;
    int rc = cvi_plan_append(s, st, buf, len, &at);
    sqlite3_finalize(st);
    return rc;
}
