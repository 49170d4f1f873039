/* attreport_quarter.c - each window's quarterly score and star level
 * (seed 003 第二章 "窗口的季度考核实行百分制", "实得分=总分+实得加分-实际扣分";
 * seed 000 §三(二) "95分以上评定为五星级，90分以上评定为四星级，85分以上评定为
 * 三星级").
 *
 * Deductions: every clerk's (active or not: a person who left during the
 * quarter still served there) months of the quarter are judged as for the
 * monthly report, doubling included, and each day's points go to the window
 * that day counts for: the duty_days row where the clerk was A or B, else the
 * roster, else the clerk's first allowed window (attreport_read.c).
 * Additions (加分, seed 003 第四章) are not recorded yet: 0.
 * Unattended: handoffs of kind leave_uncovered at the window in the quarter
 * (up to today) made during a working session of that duty day - the same
 * spells that count (十四) for the clerk.
 * Complaints (issue 8): a complaint concluded in the quarter (up to today)
 * with a verified finding is a deduction of the complaint's window - seed 003
 * 第五章 (七) "窗口工作人员因工作作风、服务质量、服务态度等问题被群众投诉的 … 经查证
 * 属实后每人次扣1分" (finding manner, VIOL_COMPLAINT_MANNER) and (四) "未依照相关
 * 法规办理行政审批和服务事项被服务对象投诉的，每件次扣2分" (finding unlawful,
 * VIOL_COMPLAINT_UNLAWFUL); seed 001 篇十三 (六)23 "投诉处置结果 … 作为相关考核
 * 的重要依据".  They are not doubled (第五章 (十五) counts a clerk's month). */
#include "data/attreport_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "data/desk_int.h"
#include "data/roster.h"
#include "data/store_db.h"

static const char SQL_UNATTENDED[] =
    "SELECT h.window_id, count(*) FROM handoffs h JOIN duty_days d ON d.window_id = h.window_id AND d.day = h.day"
    " WHERE h.kind = 'leave_uncovered' AND h.day BETWEEN ?1 AND ?2 AND d.workday <> 0"
    " AND ((h.minute >= d.morning_start AND h.minute < d.morning_end)"
    " OR (h.minute >= d.afternoon_start AND h.minute < d.afternoon_end))"
    " GROUP BY h.window_id";

static const char SQL_COMPLAINTS[] =
    "SELECT window, finding, count(*) FROM complaints WHERE state = 'concluded' AND finding IN ('manner', 'unlawful')"
    " AND concluded BETWEEN ?1 AND ?2 AND window IS NOT NULL GROUP BY window, finding";

/* The windows being filled. */
typedef struct {
    ar_window_quarter *w;
    int n, max;
    bool overflow;
} quarter_acc;

static int add_window(const window_rec *w, void *ctx)
{
    quarter_acc *q = ctx;
    if (q->n == q->max) {
        q->overflow = true;
        return 1;
    }
    ar_window_quarter *o = &q->w[q->n++];
    memset(o, 0, sizeof *o);
    snprintf(o->window, sizeof o->window, "%s", w->code);
    snprintf(o->name, sizeof o->name, "%s", w->name);
    return 0;
}

static ar_window_quarter *find_window(quarter_acc *q, const char *code)
{
    for (int i = 0; i < q->n; i++)
        if (strcmp(q->w[i].window, code) == 0)
            return &q->w[i];
    return NULL;
}

/* A judged day's points go to its window (none: the clerk has no window at all, nothing to score). */
static void add_points(const char *window, int tenths, void *ctx)
{
    ar_window_quarter *w = find_window(ctx, window);
    if (w)
        w->deductions += tenths;
}

static int count_unattended(ar_run *r, quarter_acc *q, const char *first, const char *last)
{
    sqlite3_stmt *st = store_prepare(r->s, SQL_UNATTENDED);
    if (!st)
        return ar_db_fail(r);
    sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, last, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *code = sqlite3_column_text(st, 0);
        ar_window_quarter *w = code ? find_window(q, (const char *)code) : NULL;
        if (w)
            w->unattended = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return 0;
    store_fail_sql(r->s, "counting the windows left unattended");
    return ar_db_fail(r);
}

/* Verified complaints concluded in the quarter: 1 point (manner) or 2 (unlawful) each, to their window. */
static int count_complaints(ar_run *r, quarter_acc *q, const char *first, const char *last)
{
    sqlite3_stmt *st = store_prepare(r->s, SQL_COMPLAINTS);
    if (!st)
        return ar_db_fail(r);
    sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, last, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *code = sqlite3_column_text(st, 0), *finding = sqlite3_column_text(st, 1);
        ar_window_quarter *w = code ? find_window(q, (const char *)code) : NULL;
        viol_kind k = finding && strcmp((const char *)finding, "unlawful") == 0 ? VIOL_COMPLAINT_UNLAWFUL
                                                                                : VIOL_COMPLAINT_MANNER;
        if (w)
            w->deductions += sqlite3_column_int(st, 2) * viol_points(k);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return 0;
    store_fail_sql(r->s, "counting the verified complaints");
    return ar_db_fail(r);
}

/* Every clerk's three months, points to the day's window. */
static int judge_quarter(ar_run *r, quarter_acc *q, int year, int quarter)
{
    staff_id *nums = NULL;
    int n = 0;
    if (ar_clerks(r, true, &nums, &n) != 0)
        return -1;
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++)
        for (int m = 3 * quarter - 2; rc == 0 && m <= 3 * quarter; m++) {
            ar_person_month pm;
            rc = ar_person_judge(r, nums[i], year, m, &pm, add_points, q);
        }
    free(nums);
    return rc;
}

int ar_quarter(store *s, const ar_scope *sc, int year, int quarter, ar_window_quarter *out, int max, int *n,
               char *err, size_t errlen)
{
    ar_run r;
    quarter_acc q = {out, 0, max, false};
    char first[DATE_STR_LEN], last[DATE_STR_LEN], ignored[DATE_STR_LEN], today[DATE_STR_LEN];
    if (!out || !n || max < 0)
        return desk_say(err, errlen, N_("no report to fill"));
    *n = 0;
    if (quarter < 1 || quarter > 4)
        return desk_say(err, errlen, N_("not a quarter: %d (1 to 4)"), quarter);
    if (ar_check(sc, year, 3 * quarter - 2, err, errlen) != 0)
        return -1;
    if (window_list(s, add_window, &q, err, errlen) != STAFF_OK)
        return -1;
    if (q.overflow)
        return desk_say(err, errlen, N_("more than %d windows"), max);
    ar_month_bounds(year, 3 * quarter - 2, first, ignored);
    ar_month_bounds(year, 3 * quarter, ignored, last);
    date_format(sc->today, today);
    if (strcmp(today, last) < 0)
        memcpy(last, today, sizeof last);
    int rc = ar_run_open(&r, s, sc, err, errlen);
    if (rc == 0)
        rc = judge_quarter(&r, &q, year, quarter);
    if (rc == 0)
        rc = count_unattended(&r, &q, first, last);
    if (rc == 0)
        rc = count_complaints(&r, &q, first, last);
    ar_run_close(&r);
    if (rc != 0)
        return -1;
    for (int i = 0; i < q.n; i++) {
        out[i].additions = 0; /* 加分 (seed 003 第四章) are not recorded yet */
        out[i].score = score_window_quarter(out[i].additions, out[i].deductions);
        out[i].stars = score_stars(out[i].score);
    }
    *n = q.n;
    return 0;
}
