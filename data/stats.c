/* stats.c - the supervisor's statistics over a period (data/stats.h): the
 * counts of core/stats.h read from the projections cases, notices,
 * evaluations, followups (appeals upheld) and staff (clerks' names), one
 * (window, clerk) pair at a time, then summed into the window rows and the
 * centre's total; plus the per-day series of the chart.  The rates, targets
 * and misses are core/stats.c (seed 000_74f23d5d95790ca2.txt 二、(一):
 * 按时办结率100%, 现场办结率100%, 满意率98%以上).  The definitions are in
 * docs/supervision.md "Statistics".  Printing is data/stats_print.c. */
#include "data/stats.h"

#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/i18n.h"
#include "data/calendar_file.h"
#include "data/store_db.h"

/* Every query binds ?1 from, ?2 to, ?3 the window ("" = every window), ?4 the report's day (today);
 * the window and the clerk of the case come first in each row. */
#define WIN_FILTER " AND (?3 = '' OR c.window_id = ?3)"

/* Cases received in the period: received, 即办件, trips. */
static const char Q_RECEIVED[] =
    "SELECT c.window_id, IFNULL(c.clerk, 0), c.received, c.class, c.supplements, "
    "c.clock_restart IS NOT NULL AND c.clock_restart <= ?4, "
    "c.deferred = 1 AND c.deferred_completed IS NOT NULL AND c.deferred_completed <= ?4 "
    "FROM cases c WHERE c.received BETWEEN ?1 AND ?2" WIN_FILTER;

/* Cases accepted in the period (容缺 included): accepted, deferred, deferred due / in time. */
static const char Q_ACCEPTED[] =
    "SELECT c.window_id, IFNULL(c.clerk, 0), c.deferred, "
    "c.deferred_deadline IS NOT NULL AND (c.deferred_deadline <= ?4 "
    "  OR (c.deferred_completed IS NOT NULL AND c.deferred_completed <= ?4)), "
    "c.deferred_completed IS NOT NULL AND c.deferred_completed <= ?4 "
    "  AND c.deferred_deadline IS NOT NULL AND c.deferred_completed <= c.deferred_deadline "
    "FROM cases c WHERE c.accepted BETWEEN ?1 AND ?2" WIN_FILTER;

/* Cases concluded in the period: on time (an immediate case without a due date was concluded on the
 * spot: on time), on site. */
static const char Q_CONCLUDED[] =
    "SELECT c.window_id, IFNULL(c.clerk, 0), c.concluded, c.class = 'immediate', "
    "c.due IS NOT NULL OR c.class = 'immediate', "
    "(c.due IS NULL AND c.class = 'immediate') OR (c.due IS NOT NULL AND c.concluded <= c.due), "
    "c.first_visit "
    "FROM cases c WHERE c.concluded BETWEEN ?1 AND ?2" WIN_FILTER;

/* Cases open on the report's day with their due date passed (?1 and ?2 unused but bound). */
static const char Q_OVERDUE[] =
    "SELECT c.window_id, IFNULL(c.clerk, 0), c.due FROM cases c "
    "WHERE c.due IS NOT NULL AND c.due < ?4 AND c.received <= ?4 "
    "AND (c.concluded IS NULL OR c.concluded > ?4) AND (c.ended IS NULL OR c.ended > ?4) "
    "AND ?1 <= ?2" WIN_FILTER;

/* Notices issued in the period (reprints left out): 补正 notices, one-time-rule breaches. */
static const char Q_NOTICES[] =
    "SELECT c.window_id, IFNULL(c.clerk, 0), n.kind = 'supplement', n.breaches > 0 "
    "FROM notices n JOIN cases c ON c.case_id = n.case_id "
    "WHERE n.issued_on BETWEEN ?1 AND ?2 AND n.reprint = 0" WIN_FILTER;

/* Ratings given in the period, those whose appeal was upheld left out (migration 12's followups). */
static const char Q_EVALUATIONS[] =
    "SELECT c.window_id, IFNULL(c.clerk, 0), e.rating "
    "FROM evaluations e JOIN cases c ON c.case_id = e.case_id "
    "WHERE e.given_on BETWEEN ?1 AND ?2 AND ?4 = ?4" WIN_FILTER
    " AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.case_id = e.case_id AND f.appeal = 'upheld')";

/* The same before migration 12 (no appeals yet). */
static const char Q_EVALUATIONS_NO_FOLLOWUPS[] =
    "SELECT c.window_id, IFNULL(c.clerk, 0), e.rating "
    "FROM evaluations e JOIN cases c ON c.case_id = e.case_id "
    "WHERE e.given_on BETWEEN ?1 AND ?2 AND ?4 = ?4" WIN_FILTER;

/* Cases delivered in the period, on or before ?5 (today - unrated_days), never rated. */
static const char Q_UNRATED[] =
    "SELECT c.window_id, IFNULL(c.clerk, 0) FROM cases c "
    "WHERE c.delivered BETWEEN ?1 AND ?2 AND c.delivered <= ?5 AND ?4 = ?4" WIN_FILTER
    " AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.case_id = c.case_id)";

static const char Q_HAS_FOLLOWUPS[] = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1";
static const char Q_STAFF_NAME[] = "SELECT name FROM staff WHERE num = ?1";

/* The work in progress: the report and the calendar for days overdue. */
typedef struct {
    store *s;
    stats_report *r;
    const calendar *cal;  /* NULL: days overdue in calendar days */
    char dates[3][DATE_STR_LEN]; /* from, to, today */
    char unrated_before[DATE_STR_LEN];
} job;

/* The (window, clerk) pair's row, added when new; NULL (and a store error) when the report is full. */
static stats_row *pair_row(job *j, const char *window, int32_t clerk)
{
    stats_report *r = j->r;
    for (size_t i = 0; i < r->nclerks; i++)
        if (r->clerks[i].clerk == clerk && strcmp(r->clerks[i].window, window) == 0)
            return &r->clerks[i];
    if (r->nclerks == STATS_ROWS_MAX) {
        store_fail(j->s, "more than %d windows and clerks in one report: choose one window", STATS_ROWS_MAX);
        return NULL;
    }
    stats_row *row = &r->clerks[r->nclerks++];
    memset(row, 0, sizeof *row);
    snprintf(row->window, sizeof row->window, "%s", window);
    row->clerk = clerk;
    return row;
}

/* The chart's day of a date "YYYY-MM-DD" in the period, or NULL. */
static stats_day *day_of(job *j, const unsigned char *text)
{
    gdate d;
    if (!text || date_parse((const char *)text, &d) != 0)
        return NULL;
    int i = date_diff_days(j->r->q.from, d);
    return i >= 0 && (size_t)i < j->r->ndays ? &j->r->days[i] : NULL;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

/* Working days overdue of a case due on `due` (calendar days when the calendar lacks the years). */
static int days_overdue(const job *j, const char *due_text)
{
    gdate due;
    if (date_parse(due_text, &due) != 0)
        return 0;
    int n = 0;
    if (j->cal && cal_workdays_between(j->cal, due, j->r->q.today, &n, NULL) == CAL_OK)
        return n;
    return date_diff_days(due, j->r->q.today);
}

typedef void (*row_fn)(job *j, stats_row *row, sqlite3_stmt *st);

static void on_received(job *j, stats_row *row, sqlite3_stmt *st)
{
    st_counts *c = &row->c;
    c->received++;
    if (strcmp(col_text(st, 3), "immediate") == 0)
        c->immediate_received++;
    /* visits: the first, one per return after a 补正 round (the last round's return is the clock's
     * restart), one for bringing the 容缺 materials (desk.h desk_result.trips, docs/supervision.md) */
    int supplements = sqlite3_column_int(st, 4);
    int visits = 1 + (supplements > 1 ? supplements - 1 : 0) + sqlite3_column_int(st, 5) +
                 sqlite3_column_int(st, 6);
    c->trips_cases++;
    c->trips_total += visits;
    if (visits == 1)
        c->one_trip++;
    stats_day *d = day_of(j, sqlite3_column_text(st, 2));
    if (d)
        d->received++;
}

static void on_accepted(job *j, stats_row *row, sqlite3_stmt *st)
{
    (void)j;
    st_counts *c = &row->c;
    c->accepted++;
    if (sqlite3_column_int(st, 2)) {
        c->deferred++;
        c->deferred_due += sqlite3_column_int(st, 3);
        c->deferred_in_time += sqlite3_column_int(st, 4);
    }
}

static void on_concluded(job *j, stats_row *row, sqlite3_stmt *st)
{
    st_counts *c = &row->c;
    bool immediate = sqlite3_column_int(st, 3), with_due = sqlite3_column_int(st, 4);
    bool on_time = sqlite3_column_int(st, 5);
    c->concluded++;
    if (with_due) {
        c->concluded_with_due++;
        c->concluded_on_time += on_time;
    }
    if (immediate) {
        c->immediate_concluded++;
        c->immediate_first_visit += sqlite3_column_int(st, 6) != 0;
    }
    stats_day *d = day_of(j, sqlite3_column_text(st, 2));
    if (d && with_due) {
        d->concluded++;
        d->concluded_on_time += on_time;
    }
}

static void on_overdue(job *j, stats_row *row, sqlite3_stmt *st)
{
    st_counts *c = &row->c;
    int days = days_overdue(j, col_text(st, 2));
    c->overdue_open++;
    c->overdue_days_total += days;
    if (days > c->overdue_days_max)
        c->overdue_days_max = days;
}

static void on_notice(job *j, stats_row *row, sqlite3_stmt *st)
{
    (void)j;
    row->c.supplement_notices += sqlite3_column_int(st, 2);
    row->c.one_time_violations += sqlite3_column_int(st, 3);
}

static void on_evaluation(job *j, stats_row *row, sqlite3_stmt *st)
{
    (void)j;
    st_level l = st_level_from_name(col_text(st, 2));
    if (l < ST_LEVEL_COUNT)
        row->c.evaluations[l]++;
}

static void on_unrated(job *j, stats_row *row, sqlite3_stmt *st)
{
    (void)j;
    (void)st;
    row->c.unrated_counted++;
}

/* Run one query over the period and hand each row to fn with its (window, clerk) row. */
static int each_row(job *j, const char *sql, row_fn fn, const char *doing)
{
    sqlite3_stmt *st = store_prepare(j->s, sql);
    if (!st)
        return -1;
    for (int i = 0; i < 3; i++)
        sqlite3_bind_text(st, i == 2 ? 4 : i + 1, j->dates[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, j->r->q.window ? j->r->q.window : "", -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(st) >= 5)
        sqlite3_bind_text(st, 5, j->unrated_before, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        stats_row *row = pair_row(j, col_text(st, 0), sqlite3_column_int(st, 1));
        if (!row) {
            sqlite3_finalize(st);
            return -1;
        }
        fn(j, row, st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(j->s, doing);
}

/* 1 when migration 12's followups table is there, 0 when not, -1 on error. */
static int has_followups(store *s)
{
    return store_exists(s, Q_HAS_FOLLOWUPS, "followups", "looking for the follow-ups table");
}

static int read_counts(job *j)
{
    int followups = has_followups(j->s);
    if (followups < 0)
        return -1;
    if (each_row(j, Q_RECEIVED, on_received, "counting the cases received") != 0 ||
        each_row(j, Q_ACCEPTED, on_accepted, "counting the cases accepted") != 0 ||
        each_row(j, Q_CONCLUDED, on_concluded, "counting the cases concluded") != 0 ||
        each_row(j, Q_OVERDUE, on_overdue, "counting the overdue cases") != 0 ||
        each_row(j, Q_NOTICES, on_notice, "counting the notices") != 0 ||
        each_row(j, followups ? Q_EVALUATIONS : Q_EVALUATIONS_NO_FOLLOWUPS, on_evaluation,
                 "counting the evaluations") != 0)
        return -1;
    if (j->r->q.unrated_days > 0 && each_row(j, Q_UNRATED, on_unrated, "counting the unrated cases") != 0)
        return -1;
    return 0;
}

/* The clerk's name from staff, or "#num"; "" for cases without a clerk. */
static int clerk_label(store *s, int32_t clerk, char *out, size_t len)
{
    out[0] = '\0';
    if (clerk == 0)
        return 0;
    sqlite3_stmt *st = store_prepare(s, Q_STAFF_NAME);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, clerk);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, len, "%s", col_text(st, 0));
    else
        snprintf(out, len, "#%d", (int)clerk);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading a clerk's name");
}

static int by_window_then_clerk(const void *a, const void *b)
{
    const stats_row *x = a, *y = b;
    int c = strcmp(x->window, y->window);
    if (c != 0)
        return c;
    return (x->clerk > y->clerk) - (x->clerk < y->clerk);
}

/* Name the clerks, sort them, sum them into the windows and the windows into the total. */
static int finish(job *j)
{
    stats_report *r = j->r;
    qsort(r->clerks, r->nclerks, sizeof r->clerks[0], by_window_then_clerk);
    for (size_t i = 0; i < r->nclerks; i++) {
        stats_row *c = &r->clerks[i];
        if (clerk_label(j->s, c->clerk, c->label, sizeof c->label) != 0)
            return -1;
        if (r->nwindows == 0 || strcmp(r->windows[r->nwindows - 1].window, c->window) != 0) {
            stats_row *w = &r->windows[r->nwindows++];
            memset(w, 0, sizeof *w);
            snprintf(w->window, sizeof w->window, "%s", c->window);
            snprintf(w->label, sizeof w->label, "%s", c->window);
        }
        st_add(&r->windows[r->nwindows - 1].c, &c->c);
        st_compute(&c->c, &c->f);
    }
    for (size_t i = 0; i < r->nwindows; i++) {
        st_compute(&r->windows[i].c, &r->windows[i].f);
        st_add(&r->total.c, &r->windows[i].c);
    }
    st_compute(&r->total.c, &r->total.f);
    return 0;
}

/* Check the period; 0, or -1 with the reason in err. */
static int check_query(const stats_query *q, char *err, size_t errlen)
{
    if (!date_valid(q->from.y, q->from.m, q->from.d) || !date_valid(q->to.y, q->to.m, q->to.d) ||
        !date_valid(q->today.y, q->today.m, q->today.d)) {
        snprintf(err, errlen, "%s", N_("statistics: a date of the period is not a real date"));
        return -1;
    }
    if (date_cmp(q->from, q->to) > 0) {
        snprintf(err, errlen, "%s", N_("statistics: the period starts after it ends"));
        return -1;
    }
    if (date_diff_days(q->from, q->to) + 1 > STATS_DAYS_MAX) {
        snprintf(err, errlen, N_("statistics: the period is longer than %d days"), STATS_DAYS_MAX);
        return -1;
    }
    return 0;
}

stats_report *stats_compute_cal(store *s, const stats_query *q, const calendar *cal, char *err, size_t errlen)
{
    if (!s || !q || check_query(q, err, errlen) != 0)
        return NULL;
    stats_report *r = calloc(1, sizeof *r);
    if (!r) {
        store_fail(s, "out of memory for the statistics");
        snprintf(err, errlen, "%s", store_errmsg(s));
        return NULL;
    }
    r->q = *q; /* q->window is kept as the caller's pointer */
    r->ndays = (size_t)date_diff_days(q->from, q->to) + 1;
    for (size_t i = 0; i < r->ndays; i++)
        r->days[i].day = date_add_days(q->from, (int)i);
    job j = {s, r, cal, {{0}}, {0}};
    date_format(q->from, j.dates[0]);
    date_format(q->to, j.dates[1]);
    date_format(q->today, j.dates[2]);
    date_format(date_add_days(q->today, -(q->unrated_days > 0 ? q->unrated_days : 0)), j.unrated_before);
    bool own = sqlite3_get_autocommit(store_db(s)) != 0;
    if (own) /* one snapshot for every query */
        sqlite3_exec(store_db(s), "BEGIN", NULL, NULL, NULL);
    int rc = read_counts(&j);
    if (own)
        sqlite3_exec(store_db(s), "COMMIT", NULL, NULL, NULL);
    if (rc != 0 || finish(&j) != 0) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        free(r);
        return NULL;
    }
    return r;
}

stats_report *stats_compute(store *s, const stats_query *q, char *err, size_t errlen)
{
    calendar *cal = malloc(sizeof *cal);
    calfile_error ce;
    if (cal && calfile_load_default(cal, &ce) != CALFILE_OK) {
        free(cal);
        cal = NULL; /* days overdue in calendar days */
    }
    stats_report *r = stats_compute_cal(s, q, cal, err, errlen);
    free(cal);
    return r;
}
