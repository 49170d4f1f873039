/* supervise_read.c - reading the follow-ups and complaints back from their
 * projections (tables followups and complaints): one, a list with the open
 * ones first by due date, and the dashboard's counts of those overdue and
 * due soon (in working days, core/supervise.h). */
#include <stdio.h>
#include <string.h>

#include "data/store_db.h"
#include "data/supervise.h"
#include "data/supervise_int.h"

#define FU_COLUMNS                                                                                        \
    "SELECT case_id, window, clerk, rating, coalesce(comment, ''), real_name, opened, due, verified, "    \
    "rectified, answered, called_back, coalesce(note, ''), appeal, coalesce(appeal_reason, ''), "        \
    "coalesce(appeal_note, ''), closed FROM followups "
#define CP_COLUMNS                                                                                        \
    "SELECT id, registered, due, channel, about, coalesce(window, ''), clerk, coalesce(case_id, ''), "    \
    "coalesce(complainant, ''), coalesce(phone, ''), text, state, coalesce(extend_reason, ''), "          \
    "coalesce(finding, ''), coalesce(outcome, ''), concluded, coalesce(notified_by, ''), "               \
    "coalesce(excluded_reason, ''), coalesce(excluded_note, '') FROM complaints "

static const char SQL_FU_ONE[] = FU_COLUMNS "WHERE case_id = ?1";
static const char SQL_FU_LIST[] = FU_COLUMNS "WHERE (?1 IS NULL OR window = ?1) AND (?2 = 0 OR closed = 0) "
                                             "ORDER BY closed, CASE WHEN closed = 0 THEN due END, opened DESC, case_id";
static const char SQL_CP_ONE[] = CP_COLUMNS "WHERE id = ?1";
static const char SQL_CP_LIST[] =
    CP_COLUMNS "WHERE (?1 IS NULL OR window = ?1) AND (?2 = 0 OR state IN ('open', 'extended')) "
               "ORDER BY state NOT IN ('open', 'extended'), CASE WHEN state IN ('open', 'extended') THEN due END, "
               "registered DESC, id DESC";
static const char SQL_FU_DUE[] = "SELECT due FROM followups WHERE closed = 0 AND (?1 IS NULL OR window = ?1)";
static const char SQL_CP_DUE[] =
    "SELECT due FROM complaints WHERE state IN ('open', 'extended') AND (?1 IS NULL OR window = ?1)";

static void copy(sqlite3_stmt *st, int i, char *out, size_t len)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    snprintf(out, len, "%s", v ? v : "");
}

/* A date column, {0} when NULL or not a date. */
static gdate day_of(sqlite3_stmt *st, int i)
{
    gdate d = {0, 0, 0};
    const char *v = (const char *)sqlite3_column_text(st, i);
    if (!v || date_parse(v, &d) != 0)
        d = (gdate){0, 0, 0};
    return d;
}

static void fill_followup(sqlite3_stmt *st, sv_followup *f)
{
    memset(f, 0, sizeof *f);
    copy(st, 0, f->case_id, sizeof f->case_id);
    copy(st, 1, f->window, sizeof f->window);
    f->clerk = sqlite3_column_int(st, 2);
    copy(st, 3, f->rating, sizeof f->rating);
    copy(st, 4, f->comment, sizeof f->comment);
    f->real_name = sqlite3_column_int(st, 5) != 0;
    f->opened = day_of(st, 6);
    f->due = day_of(st, 7);
    f->verified = day_of(st, 8);
    f->rectified = day_of(st, 9);
    f->answered = day_of(st, 10);
    f->called_back = day_of(st, 11);
    copy(st, 12, f->note, sizeof f->note);
    int a = sv_name_index(sv_appeal_names, 4, (const char *)sqlite3_column_text(st, 13));
    f->appeal = a < 4 ? (sv_appeal)a : SV_APPEAL_NONE;
    copy(st, 14, f->appeal_reason, sizeof f->appeal_reason);
    copy(st, 15, f->appeal_note, sizeof f->appeal_note);
    f->closed = sqlite3_column_int(st, 16) != 0;
}

static void fill_complaint(sqlite3_stmt *st, sv_complaint *c)
{
    memset(c, 0, sizeof *c);
    copy(st, 0, c->id, sizeof c->id);
    c->registered = day_of(st, 1);
    c->due = day_of(st, 2);
    copy(st, 3, c->channel, sizeof c->channel);
    copy(st, 4, c->about, sizeof c->about);
    copy(st, 5, c->window, sizeof c->window);
    c->clerk = sqlite3_column_int(st, 6);
    copy(st, 7, c->case_id, sizeof c->case_id);
    copy(st, 8, c->complainant, sizeof c->complainant);
    copy(st, 9, c->phone, sizeof c->phone);
    copy(st, 10, c->text, sizeof c->text);
    c->state = sv_state_from_name((const char *)sqlite3_column_text(st, 11));
    copy(st, 12, c->extend_reason, sizeof c->extend_reason);
    copy(st, 13, c->finding, sizeof c->finding);
    copy(st, 14, c->outcome, sizeof c->outcome);
    c->concluded = day_of(st, 15);
    copy(st, 16, c->notified_by, sizeof c->notified_by);
    copy(st, 17, c->excluded_reason, sizeof c->excluded_reason);
    copy(st, 18, c->excluded_note, sizeof c->excluded_note);
}

int sv_followup_get(store *s, const char *case_id, sv_followup *out)
{
    sqlite3_stmt *st = s && out ? store_prepare(s, SQL_FU_ONE) : NULL;
    if (!st)
        return s && out ? -1 : 1;
    sqlite3_bind_text(st, 1, case_id ? case_id : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        fill_followup(st, out);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW ? 0 : 1;
    return store_fail_sql(s, "reading a follow-up");
}

int sv_complaint_get(store *s, const char *id, sv_complaint *out)
{
    sqlite3_stmt *st = s && out ? store_prepare(s, SQL_CP_ONE) : NULL;
    if (!st)
        return s && out ? -1 : 1;
    sqlite3_bind_text(st, 1, id ? id : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        fill_complaint(st, out);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW ? 0 : 1;
    return store_fail_sql(s, "reading a complaint");
}

/* Prepare a list: window (NULL all) as ?1, open_only as ?2. */
static sqlite3_stmt *list_stmt(store *s, const char *sql, const char *window, bool open_only)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return NULL;
    if (window)
        sqlite3_bind_text(st, 1, window, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, open_only);
    return st;
}

int sv_followups_list(store *s, const char *window, bool open_only, sv_followup_cb cb, void *ctx)
{
    sqlite3_stmt *st = s && cb ? list_stmt(s, SQL_FU_LIST, window, open_only) : NULL;
    if (!st)
        return -1;
    sv_followup f;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fill_followup(st, &f);
        if (cb(&f, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "listing the follow-ups");
}

int sv_complaints_list(store *s, const char *window, bool open_only, sv_complaint_cb cb, void *ctx)
{
    sqlite3_stmt *st = s && cb ? list_stmt(s, SQL_CP_LIST, window, open_only) : NULL;
    if (!st)
        return -1;
    sv_complaint c;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fill_complaint(st, &c);
        if (cb(&c, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "listing the complaints");
}

/* Count one due date: overdue (before today) or due soon (within soon_days working days). */
static void count_due(gdate due, gdate today, const calendar *cal, int soon_days, int *overdue, int *soon)
{
    int left = 0;
    if (date_cmp(due, today) < 0)
        (*overdue)++;
    else if (cal && cal_workdays_between(cal, today, due, &left, NULL) == CAL_OK && left <= soon_days)
        (*soon)++;
    else if (!cal && date_cmp(due, today) == 0)
        (*soon)++;
}

int sv_due_counts_of(store *s, bool complaints, const char *window, gdate today, const calendar *cal, int soon_days,
                     int *open, int *overdue, int *due_soon)
{
    int n = 0, late = 0, soon = 0;
    sqlite3_stmt *st = s ? store_prepare(s, complaints ? SQL_CP_DUE : SQL_FU_DUE) : NULL;
    if (!st)
        return -1;
    if (window)
        sqlite3_bind_text(st, 1, window, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        gdate due = day_of(st, 0);
        n++;
        if (due.y)
            count_due(due, today, cal, soon_days, &late, &soon);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, "counting what is due");
    if (open)
        *open = n;
    if (overdue)
        *overdue = late;
    if (due_soon)
        *due_soon = soon;
    return 0;
}

int sv_due_counts(store *s, const char *window, gdate today, const calendar *cal, int soon_days, int *overdue,
                  int *due_soon)
{
    int lf = 0, sf = 0, lc = 0, sc = 0;
    if (sv_due_counts_of(s, false, window, today, cal, soon_days, NULL, &lf, &sf) != 0 ||
        sv_due_counts_of(s, true, window, today, cal, soon_days, NULL, &lc, &sc) != 0)
        return -1;
    if (overdue)
        *overdue = lf + lc;
    if (due_soon)
        *due_soon = sf + sc;
    return 0;
}
