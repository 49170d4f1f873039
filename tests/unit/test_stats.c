/* test_stats.c - the supervisor's statistics (data/stats.h) on a small
 * period recorded through data/desk.h and data/supervise.h as the screens
 * record it, every figure against this hand computation.  Targets: seed
 * 000_74f23d5d95790ca2.txt 二、(一) 按时办结率100%, 现场办结率100%, 满意率98%以上.
 *
 * Period 2026-09-14 (Mon) .. 2026-10-09 (Fri), report's day 10-09.  The
 * shipped calendar: 中秋 9-25..27 and 国庆 10-01..07 are holidays, Sunday 9-20
 * and Saturday 10-10 are make-up working days.  MZ-04 is an immediate item
 * (3 materials), MZ-03 a promised one (5 materials, 10 working days, the 4th
 * may be deferred).  W01 is clerk 王芳, W02 clerk 李华; 张主任 supervises.
 *
 * W01 (王芳):
 *  c1 09-14 MZ-04 accepted, concluded on the spot; rated 非常满意      trips 1
 *  c2 09-15 MZ-04 on the spot; rated 满意                             trips 1
 *  c3 09-16 MZ-04 补正 (material 1), back 09-17 complete: concluded
 *     09-17, not at the first visit; rated 基本满意                    trips 2
 *  c4 09-14 MZ-03 accepted, due 9-15,16,17,18,20,21,22,23,24,28 = 09-28;
 *     concluded 09-29: LATE; rated 不满意 (a follow-up opens)           trips 1
 *  c5 09-16 MZ-03 accepted, due 9-17,18,20,21,22,23,24,28,29,30 = 09-30,
 *     still open on 10-09: overdue 10-08 and 10-09 = 2 working days
 *     (9 calendar days: the holiday does not count)                    trips 1
 * W02 (李华):
 *  c6 09-21 MZ-03 补正 (material 2); 09-22 back with material 3 missing:
 *     a second 补正 notice with 1 one-time breach; 09-23 complete:
 *     accepted, due 9-24,28,29,30,10-8,9,10,12,13,14 = 10-14; concluded
 *     09-24 on time; rated 非常不满意, appealed (malicious) on 10-08 and
 *     upheld by 张主任 on 10-09: left out of the satisfaction rate     trips 3
 *  c7 09-22 MZ-03 容缺 (material 4) by 09-24, completed 09-28: late;
 *     due 10-13, concluded 09-29 on time                               trips 2
 *  c8 09-28 MZ-04 on the spot, delivered 09-28, never rated: with
 *     unrated_days 5 (delivered on or before 10-04) it counts 基本满意  trips 1
 *  c9 10-08 MZ-04 on the spot; rated 非常满意                          trips 1
 *
 * W01: received 5, immediate 3, accepted 5, concluded 4 (c1 c2 c3 c4),
 *   on time 3/4 = 75 % (miss), on site 2/3 = 66.7 % (miss), overdue 1 (2
 *   days), trips 6 / 5, one trip 4, 补正 notices 1, breaches 0, ratings
 *   1/1/1/1/0 -> 3/4 = 75 % (miss).
 * W02: received 4, immediate 2, accepted 4, concluded 4, on time 4/4, on
 *   site 2/2, trips 7 / 4, one trip 2, 补正 notices 2, breaches 1, 容缺 1,
 *   due 1, in time 0, ratings 1/0/0/0/0 (c6 left out) + 1 unrated ->
 *   2/2 = 100 % (before the appeal's decision: 2/3 = 66.7 %).
 * All: received 9, immediate 5 (55.6 %), accepted 9, concluded 8, on time
 *   7/8 = 87.5 %, on site 4/5 = 80 %, overdue 1 (2 days), trips 13 / 9 =
 *   1.44, one trip 6, notices 3, breaches 1, ratings 2/1/1/1/0 + 1 unrated
 *   = 5/6 = 83.3 % (miss).
 * Days: received 09-14 2, 09-15 1, 09-16 2, 09-21 1, 09-22 1, 09-28 1,
 *   10-08 1; concluded 09-29 2 of which on time 1 (c4 late, c7). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cwidth.h"
#include "data/calendar_file.h"
#include "data/cases.h"
#include "data/catalog.h"
#include "data/desk.h"
#include "data/events.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/stats.h"
#include "data/store_db.h"
#include "data/supervise.h"
#include "tests/unit/store_fixture.h"

static char dir[64];
static char path[128];
static char err[DESK_ERR_LEN];
static store *s;
static calendar cal;
static staff_id wangfang, lihua, zhuren;
static char c[10][CASENUM_LEN];

#define OK(call) fx_ok(__LINE__, (call), err)

static staff_id add_staff(const char *code, const char *name, unsigned roles, const char *w, const char *pin)
{
    staff_in in = {.code = code, .name = name, .roles = roles, .windows = {w}, .n_windows = w ? 1 : 0};
    staff_rec rec;
    if (staff_add(s, &in, pin, err, sizeof err) != STAFF_OK || staff_get(s, code, &rec, err, sizeof err) != STAFF_OK)
        fail_msg("staff %s: %s", code, err);
    return rec.num;
}

static desk_who at(staff_id who, const char *window, int m, int d)
{
    return (desk_who){who, window, {2026, m, d}, &cal};
}

/* Receive case n: item, outcome, material (1-based) missing or 0, deferral deadline day (September) or 0. */
static void receive(int n, desk_who w, const char *item, ck_outcome o, int missing, int defer_day)
{
    ck_entry e[5];
    size_t ne = strcmp(item, "MZ-04") == 0 ? 3 : 5;
    for (size_t i = 0; i < ne; i++)
        e[i] = (ck_entry){CK_PRESENT, NULL};
    if (missing)
        e[missing - 1].status = CK_MISSING;
    assert_int_equal(cases_new_number(s, w.today, c[n]), 0);
    desk_intake in = {.case_id = c[n],
                      .applicant = {.name = "陈静", .id = "11010519491231002X", .phone = "13800138000"},
                      .item = item, .entries = e, .nentries = ne, .outcome = o};
    if (defer_day)
        in.defer_deadline = (gdate){2026, 9, defer_day};
    desk_result r;
    OK(desk_receive(s, &w, &in, &r, err, sizeof err));
}

/* The applicant of case n is back with material `missing` (0: none) still missing. */
static void resume(int n, desk_who w, size_t ne, int missing)
{
    ck_entry e[5];
    for (size_t i = 0; i < ne; i++)
        e[i] = (ck_entry){CK_PRESENT, NULL};
    if (missing)
        e[missing - 1].status = CK_MISSING;
    desk_result r;
    OK(desk_resume(s, &w, c[n], e, ne, &r, err, sizeof err));
}

static void conclude(int n, desk_who w)
{
    desk_result r;
    OK(desk_conclude(s, &w, c[n], true, NULL, &r, err, sizeof err));
}

static void rate(int n, desk_who w, desk_rating rating)
{
    OK(desk_evaluate(s, &w, c[n], rating, NULL, err, sizeof err));
}

/* The period of the comment, in date order. */
static void record_the_period(void)
{
    desk_result r;
    const char *W1 = "W01", *W2 = "W02";
    receive(1, at(wangfang, W1, 9, 14), "MZ-04", CK_ACCEPT, 0, 0);
    rate(1, at(wangfang, W1, 9, 14), DESK_RATE_VERY_SATISFIED);
    receive(4, at(wangfang, W1, 9, 14), "MZ-03", CK_ACCEPT, 0, 0);
    receive(2, at(wangfang, W1, 9, 15), "MZ-04", CK_ACCEPT, 0, 0);
    rate(2, at(wangfang, W1, 9, 15), DESK_RATE_SATISFIED);
    receive(3, at(wangfang, W1, 9, 16), "MZ-04", CK_SUPPLEMENT, 1, 0);
    receive(5, at(wangfang, W1, 9, 16), "MZ-03", CK_ACCEPT, 0, 0);
    resume(3, at(wangfang, W1, 9, 17), 3, 0);
    rate(3, at(wangfang, W1, 9, 17), DESK_RATE_BASIC);
    receive(6, at(lihua, W2, 9, 21), "MZ-03", CK_SUPPLEMENT, 2, 0);
    resume(6, at(lihua, W2, 9, 22), 5, 3);
    receive(7, at(lihua, W2, 9, 22), "MZ-03", CK_DEFER, 4, 24);
    resume(6, at(lihua, W2, 9, 23), 5, 0);
    conclude(6, at(lihua, W2, 9, 24));
    rate(6, at(lihua, W2, 9, 24), DESK_RATE_VERY_DISSATISFIED);
    OK(desk_complete_deferred(s, &(desk_who){lihua, W2, {2026, 9, 28}, &cal}, c[7], &r, err, sizeof err));
    receive(8, at(lihua, W2, 9, 28), "MZ-04", CK_ACCEPT, 0, 0);
    OK(desk_deliver(s, &(desk_who){lihua, W2, {2026, 9, 28}, &cal}, c[8], &r, err, sizeof err));
    conclude(4, at(wangfang, W1, 9, 29));
    rate(4, at(wangfang, W1, 9, 29), DESK_RATE_DISSATISFIED);
    conclude(7, at(lihua, W2, 9, 29));
    receive(9, at(lihua, W2, 10, 8), "MZ-04", CK_ACCEPT, 0, 0);
    rate(9, at(lihua, W2, 10, 8), DESK_RATE_VERY_SATISFIED);
}

static void appeal_c6_upheld(void)
{
    desk_who w = at(lihua, "W02", 10, 8), sup = at(zhuren, "W02", 10, 9);
    OK(sv_appeal_record(s, &w, c[6], "malicious", "申请人当场表示误按", err, sizeof err));
    OK(sv_appeal_decide(s, &sup, c[6], true, "核实监控录像，属误评", err, sizeof err));
}

static int setup(void **state)
{
    (void)state;
    catalog_report rep;
    setenv("GUICHET_DATADIR", "data", 1);
    s = fx_store_new("stats", dir, sizeof dir, path, sizeof path, &cal);
    if (!s || catalog_import(s, "data/catalog/demo.ini", &rep) != 0)
        return -1;
    zhuren = add_staff("zhuren", "张主任", STAFF_ROLE_SUPERVISOR, "W02", "428613");
    wangfang = add_staff("wangfang", "王芳", STAFF_ROLE_CLERK, "W01", "905172");
    lihua = add_staff("lihua", "李华", STAFF_ROLE_CLERK, "W02", "613947");
    desk_set_translator(NULL);
    record_the_period();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(s);
    return fx_rm_dir(dir);
}

static stats_report *report(const char *window, int unrated_days)
{
    stats_query q = {{2026, 9, 14}, {2026, 10, 9}, window, {2026, 10, 9}, unrated_days};
    stats_report *r = stats_compute_cal(s, &q, &cal, err, sizeof err);
    if (!r)
        fail_msg("stats_compute: %s", err);
    return r;
}

static const stats_row *window_row(const stats_report *r, const char *w)
{
    for (size_t i = 0; i < r->nwindows; i++)
        if (strcmp(r->windows[i].window, w) == 0)
            return &r->windows[i];
    fail_msg("no row for window %s", w);
    return NULL;
}

static bool near(double a, double b)
{
    return a > b - 0.05 && a < b + 0.05;
}

/* ---- the figures ------------------------------------------------------------------------- */

static void the_due_dates_of_the_hand_computation(void **state)
{
    (void)state;
    assert_string_equal(fx_value(s, "SELECT due FROM cases WHERE case_id = ?1", c[4]), "2026-09-28");
    assert_string_equal(fx_value(s, "SELECT due FROM cases WHERE case_id = ?1", c[5]), "2026-09-30");
    assert_string_equal(fx_value(s, "SELECT due FROM cases WHERE case_id = ?1", c[6]), "2026-10-14");
    assert_string_equal(fx_value(s, "SELECT due FROM cases WHERE case_id = ?1", c[7]), "2026-10-13");
}

static void the_centre_total(void **state)
{
    (void)state;
    appeal_c6_upheld();
    stats_report *r = report(NULL, 5);
    const st_counts *t = &r->total.c;
    const st_figures *f = &r->total.f;
    assert_int_equal(t->received, 9);
    assert_int_equal(t->immediate_received, 5);
    assert_true(near(f->immediate_share.pct, 55.6));
    assert_int_equal(t->accepted, 9);
    assert_int_equal(t->concluded, 8);
    assert_int_equal(f->on_time.num, 7);
    assert_int_equal(f->on_time.den, 8);
    assert_true(f->on_time.misses);
    assert_int_equal(f->on_site.num, 4);
    assert_int_equal(f->on_site.den, 5);
    assert_true(f->on_site.misses);
    assert_int_equal(t->overdue_open, 1);
    assert_int_equal(t->overdue_days_total, 2); /* the National Day holidays do not count */
    assert_int_equal(t->overdue_days_max, 2);
    assert_int_equal(t->trips_cases, 9);
    assert_int_equal(t->trips_total, 13);
    assert_int_equal(t->one_trip, 6);
    assert_true(near(f->trips_average, 1.44));
    assert_int_equal(t->supplement_notices, 3);
    assert_int_equal(t->one_time_violations, 1);
    assert_int_equal(t->deferred, 1);
    assert_int_equal(t->deferred_due, 1);
    assert_int_equal(t->deferred_in_time, 0);
    const int levels[ST_LEVEL_COUNT] = {2, 1, 1, 1, 0};
    for (int l = 0; l < ST_LEVEL_COUNT; l++)
        assert_int_equal(t->evaluations[l], levels[l]);
    assert_int_equal(t->unrated_counted, 1);
    assert_int_equal(f->satisfaction.num, 5);
    assert_int_equal(f->satisfaction.den, 6);
    assert_true(near(f->satisfaction.pct, 83.3));
    assert_true(f->satisfaction.misses);
    free(r);
}

static void per_window_and_per_clerk(void **state)
{
    (void)state;
    appeal_c6_upheld();
    stats_report *r = report(NULL, 5);
    assert_int_equal(r->nwindows, 2);
    assert_int_equal(r->nclerks, 2);
    const stats_row *w1 = window_row(r, "W01"), *w2 = window_row(r, "W02");
    assert_int_equal(w1->c.received, 5);
    assert_int_equal(w1->c.immediate_received, 3);
    assert_int_equal(w1->f.on_time.num, 3);
    assert_int_equal(w1->f.on_time.den, 4);
    assert_int_equal(w1->f.on_site.num, 2);
    assert_int_equal(w1->f.on_site.den, 3);
    assert_int_equal(w1->c.overdue_open, 1);
    assert_int_equal(w1->c.trips_total, 6);
    assert_int_equal(w1->c.one_trip, 4);
    assert_int_equal(w1->c.supplement_notices, 1);
    assert_int_equal(w1->f.satisfaction.num, 3);
    assert_int_equal(w1->f.satisfaction.den, 4);
    assert_int_equal(w2->c.received, 4);
    assert_int_equal(w2->f.on_time.num, 4);
    assert_false(w2->f.on_time.misses);
    assert_false(w2->f.on_site.misses);
    assert_int_equal(w2->c.trips_total, 7);
    assert_int_equal(w2->c.one_time_violations, 1);
    assert_int_equal(w2->c.deferred, 1);
    assert_int_equal(w2->c.evaluations[ST_VERY_DISSATISFIED], 0); /* the appeal was upheld */
    assert_int_equal(w2->f.satisfaction.num, 2);
    assert_int_equal(w2->f.satisfaction.den, 2);
    /* the clerks by name under their window */
    assert_string_equal(r->clerks[0].label, "王芳");
    assert_string_equal(r->clerks[0].window, "W01");
    assert_int_equal(r->clerks[0].clerk, wangfang);
    assert_int_equal(r->clerks[0].c.received, 5);
    assert_string_equal(r->clerks[1].label, "李华");
    assert_int_equal(r->clerks[1].c.concluded, 4);
    free(r);
}

static void an_appeal_pending_or_refused_keeps_the_rating(void **state)
{
    (void)state;
    stats_report *r = report("W02", 5);
    assert_int_equal(r->nwindows, 1);
    assert_int_equal(r->total.c.received, 4);
    assert_int_equal(r->total.c.evaluations[ST_VERY_DISSATISFIED], 1);
    assert_int_equal(r->total.f.satisfaction.num, 2);
    assert_int_equal(r->total.f.satisfaction.den, 3);
    free(r);
    desk_who w = at(lihua, "W02", 10, 8), sup = at(zhuren, "W02", 10, 9);
    OK(sv_appeal_record(s, &w, c[6], "mistaken", "误按", err, sizeof err));
    OK(sv_appeal_decide(s, &sup, c[6], false, "录像显示评价属实", err, sizeof err));
    r = report("W02", 5);
    assert_int_equal(r->total.c.evaluations[ST_VERY_DISSATISFIED], 1);
    free(r);
}

static void unrated_cases_count_only_when_configured(void **state)
{
    (void)state;
    stats_report *r = report(NULL, 0);
    assert_int_equal(r->total.c.unrated_counted, 0);
    assert_int_equal(r->total.f.evaluated, 6); /* 2+1+1+1+1 (c6 not appealed here) */
    free(r);
    r = report(NULL, 12); /* delivered 09-28 is after 10-09 - 12 = 09-27: not yet */
    assert_int_equal(r->total.c.unrated_counted, 0);
    free(r);
    r = report(NULL, 11); /* 09-28 <= 09-28 */
    assert_int_equal(r->total.c.unrated_counted, 1);
    free(r);
}

static void the_days_of_the_chart(void **state)
{
    (void)state;
    stats_report *r = report(NULL, 0);
    assert_int_equal(r->ndays, 26);
    const struct {
        int m, d, received, concluded, on_time;
    } want[] = {{9, 14, 2, 1, 1}, {9, 15, 1, 1, 1}, {9, 16, 2, 0, 0}, {9, 17, 0, 1, 1}, {9, 21, 1, 0, 0},
                {9, 22, 1, 0, 0}, {9, 24, 0, 1, 1}, {9, 28, 1, 1, 1},  {9, 29, 0, 2, 1}, {10, 8, 1, 1, 1},
                {10, 9, 0, 0, 0}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int k = date_diff_days((gdate){2026, 9, 14}, (gdate){2026, want[i].m, want[i].d});
        const stats_day *d = &r->days[k];
        assert_int_equal(d->day.d, want[i].d);
        assert_int_equal(d->received, want[i].received);
        assert_int_equal(d->concluded, want[i].concluded);
        assert_int_equal(d->concluded_on_time, want[i].on_time);
    }
    free(r);
}

static void a_bad_period_is_refused(void **state)
{
    (void)state;
    stats_query q = {{2026, 10, 9}, {2026, 9, 14}, NULL, {2026, 10, 9}, 0};
    assert_null(stats_compute_cal(s, &q, &cal, err, sizeof err));
    assert_non_null(strstr(err, "starts after it ends"));
    q = (stats_query){{2025, 1, 1}, {2026, 10, 9}, NULL, {2026, 10, 9}, 0};
    assert_null(stats_compute_cal(s, &q, &cal, err, sizeof err));
    assert_non_null(strstr(err, "longer than 366 days"));
    q = (stats_query){{2026, 2, 30}, {2026, 10, 9}, NULL, {2026, 10, 9}, 0};
    assert_null(stats_compute_cal(s, &q, &cal, err, sizeof err));
}

/* ---- printing --------------------------------------------------------------------------------- */

static int utf8_cols(const char *p)
{
    int w = 0;
    const unsigned char *u = (const unsigned char *)p;
    while (*u) {
        uint32_t cp = *u;
        int n = *u >= 0xF0 ? 4 : *u >= 0xE0 ? 3 : *u >= 0xC0 ? 2 : 1;
        cp = n == 1 ? cp : n == 2 ? cp & 0x1F : n == 3 ? cp & 0x0F : cp & 0x07;
        for (int i = 1; i < n && u[i]; i++)
            cp = (cp << 6) | (u[i] & 0x3F);
        w += cwidth(cp) < 0 ? 1 : cwidth(cp);
        u += n;
    }
    return w;
}

/* A Chinese translator for the report's words (only the widest ones matter for the width). */
static const char *zh(const char *msgid)
{
    static const char *const pairs[][2] = {
        {"window / clerk", "窗口 / 人员"}, {"On-time completion", "按时办结率"}, {"below target", "未达标"},
        {"Satisfaction", "满意率"},        {"recv", "收件"},                  {"accept", "受理"},
        {"concl", "办结"},                 {"on time", "按时率"},             {"on site", "现场率"},
        {"overdue", "逾期"},               {"v.dissat", "非常不满意"},        {"All windows", "全部窗口"},
        {"level", "层级"},                 {"window", "窗口"},                {"clerk", "人员"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (strcmp(msgid, pairs[i][0]) == 0)
            return pairs[i][1];
    return msgid;
}

static char *print_to_string(const stats_report *r, bool csv, const char *(*tr)(const char *))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    if (csv)
        stats_print_csv(r, f, tr);
    else
        stats_print(r, f, tr);
    fclose(f);
    return buf;
}

static void the_text_fits_80_columns_in_chinese(void **state)
{
    (void)state;
    stats_report *r = report(NULL, 5);
    const char *(*trs[])(const char *) = {NULL, zh};
    for (int k = 0; k < 2; k++) {
        char *text = print_to_string(r, false, trs[k]);
        int lines = 0;
        for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"), lines++)
            if (utf8_cols(line) > 80)
                fail_msg("line of %d columns: %s", utf8_cols(line), line);
        assert_true(lines > 20);
        free(text);
    }
    char *text = print_to_string(r, false, zh);
    assert_non_null(strstr(text, "按时办结率"));
    assert_non_null(strstr(text, "87.5%"));
    assert_non_null(strstr(text, "\xE2\x9C\x97 未达标")); /* ✗ */
    assert_non_null(strstr(text, "王芳"));
    assert_non_null(strstr(text, "75.0%\xE2\x9C\x97")); /* W01's on-time rate marked */
    free(text);
    free(r);
}

static void the_csv_has_a_bom_and_translated_headers(void **state)
{
    (void)state;
    stats_report *r = report(NULL, 5);
    char *csv = print_to_string(r, true, zh);
    assert_memory_equal(csv, "\xEF\xBB\xBF", 3);
    assert_memory_equal(csv + 3, "层级,窗口,人员,", strlen("层级,窗口,人员,"));
    /* every row of the first table has as many fields as the header */
    char *end = strstr(csv, "\r\n\r\n");
    assert_non_null(end);
    int rows = 0, fields0 = -1;
    for (char *p = csv; p < end; rows++) {
        int fields = 1;
        char *eol = strstr(p, "\r\n");
        for (char *q = p; q < eol; q++)
            fields += *q == ',';
        if (fields0 < 0)
            fields0 = fields;
        assert_int_equal(fields, fields0);
        p = eol + 2;
    }
    assert_int_equal(rows, 1 + 2 + 2 + 1); /* header, 2 windows, 2 clerks, total */
    assert_non_null(strstr(csv, "\r\n全部窗口,,,9,5,9,8,8,7,87.5,100,\xE2\x9C\x97,5,4,80.0,100,\xE2\x9C\x97,"));
    assert_non_null(strstr(csv, "\r\n2026-09-29,0,2,1\r\n"));
    free(csv);
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_due_dates_of_the_hand_computation, setup, teardown),
        cmocka_unit_test_setup_teardown(the_centre_total, setup, teardown),
        cmocka_unit_test_setup_teardown(per_window_and_per_clerk, setup, teardown),
        cmocka_unit_test_setup_teardown(an_appeal_pending_or_refused_keeps_the_rating, setup, teardown),
        cmocka_unit_test_setup_teardown(unrated_cases_count_only_when_configured, setup, teardown),
        cmocka_unit_test_setup_teardown(the_days_of_the_chart, setup, teardown),
        cmocka_unit_test_setup_teardown(a_bad_period_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(the_text_fits_80_columns_in_chinese, setup, teardown),
        cmocka_unit_test_setup_teardown(the_csv_has_a_bom_and_translated_headers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
