/* test_caseview.c - what the screens read, on cases recorded through the
 * real event path around the 2026 National Day holiday (10-01..10-07 rest,
 * 09-20 and 10-10 make-up working days, data/calendar/cn.ini): each list
 * filter's rows, order and supervision states by hand-computed working
 * days, a delivered case (出件) gone from the open lists, the window scope, the dashboard's counts and sync state, one case's
 * checklist, notices, evaluation and trips, its history in words (and
 * translated), a calendar that ends (never a guess), the lists checked
 * against a brute-force count on a seeded demo file, and every filter and
 * count planned on an index. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/calendar_file.h"
#include "data/catalog.h"
#include "data/caseview.h"
#include "data/demo.h"
#include "data/events.h"
#include "data/staff.h"
#include "data/store.h"

#define NF(arr) (sizeof(arr) / sizeof((arr)[0]))
#define F(...) (const ev_field[]){__VA_ARGS__}, NF(((const ev_field[]){__VA_ARGS__}))

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];
static store *s;
static calendar cal;
static int32_t wang, li; /* staff numbers of 王芳 and 李华 */

static const gdate TODAY = {2026, 9, 29}; /* a Tuesday; the holiday starts on Thursday */

#define P "511425-T03-2026"
static const char *const A = P "0901-0001"; /* due 09-24: overdue by 2 working days (09-25..27 holiday) */
static const char *const B = P "0915-0001"; /* due 09-28: overdue by 1 */
static const char *const C = P "0916-0001"; /* due today: due soon, 0 left */
static const char *const D = P "0917-0001"; /* due 10-08 (李华): due soon, 2 left across the holiday */
static const char *const E = P "0918-0001"; /* due 10-09: on time, 3 left */
static const char *const FW2 = P "0918-0002"; /* window W02, due 09-30: due soon, 1 left */
static const char *const G = P "0910-0001"; /* due 09-18, approved 09-22: late by 3 (09-20 make-up day) */
static const char *const H = P "0921-0001"; /* waiting for 补正 */
static const char *const O = P "0921-0002"; /* two 补正 rounds, materials back, accepted: 3 trips */
static const char *const I = P "0922-0001"; /* 容缺, deadline 10-12 */
static const char *const J = P "0923-0001"; /* withdrawn */
static const char *const M = P "0924-0001"; /* due in 2027: a year the calendar lacks */
static const char *const K = P "0929-0001"; /* received today by 李华 */
static const char *const L = P "0929-0002"; /* window W02, not accepted today */
static const char *const N = P "0929-0003"; /* 即办件 done on the spot today */

static int add_staff(const char *code, const char *name, int32_t *num)
{
    staff_in in;
    memset(&in, 0, sizeof in);
    in.code = code;
    in.name = name;
    in.roles = STAFF_ROLE_CLERK;
    staff_rec rec;
    if (staff_add(s, &in, "482915", err, sizeof err) != STAFF_OK ||
        staff_get(s, code, &rec, err, sizeof err) != STAFF_OK)
        return -1;
    *num = rec.num;
    return 0;
}

static int setup(void **state)
{
    (void)state;
    calfile_error ce;
    if (calfile_load("data/calendar/cn.ini", &cal, &ce) != CALFILE_OK)
        return -1;
    setenv("GUICHET_DATADIR", "data", 1); /* the pinyin table the catalogue import reads */
    snprintf(dir, sizeof dir, "/tmp/guichet-caseview-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    s = store_open(path, err, sizeof err);
    return s && add_staff("wangfang", "王芳", &wang) == 0 && add_staff("lihua", "李华", &li) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(s);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- recording cases ------------------------------------------------------------------ */

static void ok_(int line, const char *type, const char *subject, int32_t staff, const ev_field *f, size_t n)
{
    event_in in = {type, subject, staff, f, n};
    if (events_append(s, &in, NULL) != 0)
        fail_msg("line %d: %s %s refused: %s", line, type, subject, store_errmsg(s));
}
#define OK(type, subject, staff, ...) ok_(__LINE__, type, subject, staff, F(__VA_ARGS__))

/* A step and its printed notice as one clerk action. */
static void with_notice_(int line, const char *type, const char *id, const ev_field *sf, size_t sn,
                         const ev_field *nf, size_t nn)
{
    event_in in[2] = {{type, id, wang, sf, sn}, {"notice.issued", id, wang, nf, nn}};
    if (events_append_many(s, in, 2, NULL) != 0)
        fail_msg("line %d: %s %s with its notice refused: %s", line, type, id, store_errmsg(s));
}
#define WITH_NOTICE(type, id, sf, nf) with_notice_(__LINE__, type, id, sf, nf)

static void receive(const char *id, const char *date, const char *item, const char *cls, const char *window,
                    int32_t staff, const char *name)
{
    ok_(__LINE__, "case.received", id, staff,
        F(ev_str("date", date), ev_str("item", item), ev_str("class", cls), ev_str("applicant_name", name),
          ev_str("window", window), ev_str("applicant_phone", "13800138000")));
}

static void tick(const char *id, const char *date, int idx, const char *name, const char *kind, const char *status,
                 const char *note)
{
    ev_field f[7] = {ev_str("date", date), ev_int("index", idx), ev_str("name", name), ev_str("kind", kind),
                     ev_str("status", status), ev_bool("deferrable", strcmp(kind, "auxiliary") == 0)};
    size_t n = 6;
    if (note)
        f[n++] = ev_str("note", note);
    ok_(__LINE__, "material.checked", id, wang, f, n);
}

/* Received and accepted the same day with the promised date, the acceptance notice printed. */
static void accepted_case(const char *id, const char *date, const char *window, int32_t staff, const char *due)
{
    receive(id, date, "MZ-01", "promised", window, staff, "张三");
    WITH_NOTICE("case.accepted", id, F(ev_str("date", date), ev_str("due", due)),
                F(ev_str("date", date), ev_str("kind", "acceptance")));
}

static void supplement_cases(void)
{
    static const int64_t two[] = {2}, both[] = {2, 3}, h[] = {2, 3};
    receive(H, "2026-09-21", "MZ-01", "promised", "W01", wang, "赵六");
    tick(H, "2026-09-21", 1, "户口簿", "essential", "present", NULL);
    tick(H, "2026-09-21", 2, "家庭收入证明", "auxiliary", "missing", NULL);
    tick(H, "2026-09-21", 3, "居民身份证复印件", "essential", "defective", "复印件不清晰");
    WITH_NOTICE("case.supplement_requested", H, F(ev_str("date", "2026-09-21")),
                F(ev_str("date", "2026-09-21"), ev_str("kind", "supplement"), ev_ints("materials", h, 2)));

    receive(O, "2026-09-21", "MZ-01", "promised", "W01", wang, "钱七");
    tick(O, "2026-09-21", 1, "户口簿", "essential", "present", NULL);
    tick(O, "2026-09-21", 2, "家庭收入证明", "auxiliary", "missing", NULL);
    WITH_NOTICE("case.supplement_requested", O, F(ev_str("date", "2026-09-21")),
                F(ev_str("date", "2026-09-21"), ev_str("kind", "supplement"), ev_ints("materials", two, 1)));
    OK("notice.issued", O, li, ev_str("date", "2026-09-22"), ev_str("kind", "supplement"),
       ev_ints("materials", two, 1), ev_bool("reprint", true));
    tick(O, "2026-09-23", 3, "房产情况说明", "auxiliary", "missing", NULL);
    WITH_NOTICE("case.supplement_requested", O, F(ev_str("date", "2026-09-23")),
                F(ev_str("date", "2026-09-23"), ev_str("kind", "supplement"), ev_ints("materials", both, 2)));
    tick(O, "2026-09-28", 2, "家庭收入证明", "auxiliary", "present", NULL);
    tick(O, "2026-09-28", 3, "房产情况说明", "auxiliary", "present", NULL);
    OK("case.materials_completed", O, wang, ev_str("date", "2026-09-28"));
    WITH_NOTICE("case.accepted", O, F(ev_str("date", "2026-09-28"), ev_str("due", "2026-10-20")),
                F(ev_str("date", "2026-09-28"), ev_str("kind", "acceptance")));
}

static void deferred_case(void)
{
    static const int64_t two[] = {2};
    receive(I, "2026-09-22", "MZ-01", "promised", "W01", wang, "孙八");
    tick(I, "2026-09-22", 1, "户口簿", "essential", "present", NULL);
    tick(I, "2026-09-22", 2, "家庭收入证明", "auxiliary", "missing", NULL);
    WITH_NOTICE("case.accepted_deferred", I,
                F(ev_str("date", "2026-09-22"), ev_str("deadline", "2026-10-12"), ev_str("due", "2026-10-20")),
                F(ev_str("date", "2026-09-22"), ev_str("kind", "deferral"), ev_ints("materials", two, 1),
                  ev_str("deadline", "2026-10-12")));
}

/* The cases of the file header, recorded in the order a terminal would. */
static void scenario(void)
{
    assert_int_equal(catalog_import(s, "data/catalog/demo.ini", &(catalog_report){0}), 0);
    accepted_case(A, "2026-09-01", "W01", wang, "2026-09-24");
    accepted_case(G, "2026-09-10", "W01", wang, "2026-09-18");
    OK("case.review_started", G, wang, ev_str("date", "2026-09-11"));
    accepted_case(B, "2026-09-15", "W01", wang, "2026-09-28");
    accepted_case(C, "2026-09-16", "W01", wang, "2026-09-29");
    accepted_case(D, "2026-09-17", "W01", li, "2026-10-08");
    accepted_case(E, "2026-09-18", "W01", wang, "2026-10-09");
    accepted_case(FW2, "2026-09-18", "W02", li, "2026-09-30");
    supplement_cases();
    OK("case.approved", G, wang, ev_str("date", "2026-09-22"));
    OK("evaluation.given", G, wang, ev_str("date", "2026-09-22"), ev_str("rating", "satisfied"),
       ev_str("comment", "办事快"));
    deferred_case();
    accepted_case(J, "2026-09-23", "W01", wang, "2026-10-12");
    OK("case.withdrawn", J, wang, ev_str("date", "2026-09-24"), ev_str("reason", "申请人撤回"));
    accepted_case(M, "2026-09-24", "W01", wang, "2027-01-05");
    receive(K, "2026-09-29", "MZ-01", "promised", "W01", li, "周九");
    receive(L, "2026-09-29", "MZ-01", "promised", "W02", li, "吴十");
    WITH_NOTICE("case.rejected", L,
                F(ev_str("date", "2026-09-29"), ev_str("reason", "不属于本中心受理范围"),
                  ev_str("basis", "《中华人民共和国行政许可法》第三十二条第一款第（二）项")),
                F(ev_str("date", "2026-09-29"), ev_str("kind", "rejection")));
    receive(N, "2026-09-29", "WJ-01", "immediate", "W01", wang, "郑十一");
    WITH_NOTICE("case.accepted", N, F(ev_str("date", "2026-09-29"), ev_str("due", "2026-09-29")),
                F(ev_str("date", "2026-09-29"), ev_str("kind", "acceptance")));
    OK("case.approved", N, wang, ev_str("date", "2026-09-29"));
}

/* ---- reading lists ------------------------------------------------------------------------ */

static cv_scope scope_of(gdate today, int soon, const char *window, int32_t staff)
{
    return (cv_scope){today, &cal, soon, staff, window};
}

static cv_row rows[CV_ROWS_MAX];

/* List a filter and compare the case numbers, in order. */
static int expect_(int line, cv_scope sc, cv_filter f, const char *const *want, int nwant)
{
    int n = -1;
    if (cv_list(s, &sc, f, rows, CV_ROWS_MAX, &n) != 0)
        fail_msg("line %d: %s", line, store_errmsg(s));
    for (int i = 0; i < n && i < nwant; i++)
        if (strcmp(rows[i].case_id, want[i]) != 0)
            fail_msg("line %d: %s row %d is %s, expected %s", line, cv_filter_label(f), i, rows[i].case_id,
                     want[i]);
    if (n != nwant)
        fail_msg("line %d: %s has %d rows, expected %d", line, cv_filter_label(f), n, nwant);
    return n;
}
#define EXPECT(sc, f, ...)                                                                     \
    expect_(__LINE__, sc, f, (const char *const[]){__VA_ARGS__},                               \
            (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)))
#define EXPECT_NONE(sc, f) expect_(__LINE__, sc, f, NULL, 0)

/* The row of case id in the last list. */
static const cv_row *row_of(const char *id, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(rows[i].case_id, id) == 0)
            return &rows[i];
    fail_msg("%s is not in the list", id);
    return NULL;
}

static void state_is_(int line, const cv_row *r, bool known, dl_state st, int remaining, int late)
{
    if (r->deadline_known != known || (known && (r->state != st || r->remaining != remaining || r->late != late)))
        fail_msg("line %d: %s: known %d state %s remaining %d late %d; expected known %d state %s remaining %d "
                 "late %d",
                 line, r->case_id, r->deadline_known, dl_state_name(r->state), r->remaining, r->late, known,
                 dl_state_name(st), remaining, late);
}
#define STATE_IS(r, known, st, remaining, late) state_is_(__LINE__, r, known, st, remaining, late)

static void each_filter_lists_its_cases_in_order(void **state)
{
    (void)state;
    scenario();
    cv_scope all = scope_of(TODAY, 2, NULL, li);
    int n = EXPECT(all, CV_OPEN, N, K, M, I, O, H, FW2, E, D, C, B, G, A); /* J withdrawn, L not accepted */
    const cv_row *r = row_of(G, n);
    assert_string_equal(r->item, "MZ-01");
    assert_string_equal(r->item_name, "最低生活保障审核确认");
    assert_int_equal(r->cls, CASE_CLASS_PROMISED);
    assert_int_equal(r->status, CASE_APPROVED);
    assert_string_equal(r->applicant_name, "张三");
    assert_string_equal(r->received, "2026-09-10");
    assert_string_equal(r->due, "2026-09-18");
    assert_int_equal(r->clerk, wang);
    assert_string_equal(row_of(I, n)->deferred_deadline, "2026-10-12");
    assert_string_equal(row_of(N, n)->item_name, "生育登记");
    EXPECT(all, CV_MINE, K, FW2, D);
    EXPECT(all, CV_TODAY, N, L, K);
    EXPECT(all, CV_DUE_SOON, C, FW2, D);
    EXPECT(all, CV_OVERDUE, A, B);
    EXPECT(all, CV_SUPPLEMENT, H);
    EXPECT(all, CV_DEFERRED_DUE, I);
    /* 1 working day: 10-08 is the second working day after today, so D is no longer due soon */
    EXPECT(scope_of(TODAY, 1, NULL, li), CV_DUE_SOON, C, FW2);
    EXPECT(scope_of(TODAY, 0, NULL, li), CV_DUE_SOON, C);
    /* 3 working days reach 10-09 */
    EXPECT(scope_of(TODAY, 3, NULL, li), CV_DUE_SOON, C, FW2, D, E);
    EXPECT(scope_of(TODAY, 2, NULL, wang), CV_MINE, N, M, I, O, H, E, C, B, G, A);
}

/* A delivered case (出件) is done for the clerk: it leaves "open" and "mine" (while a case concluded
 * but not yet handed over stays), through migration 8's index, which a delivery leaves at once. */
static void a_delivered_case_leaves_the_open_lists(void **state)
{
    (void)state;
    static const char *const Q = P "0922-0002"; /* approved 09-24, delivered 09-28 */
    scenario();
    accepted_case(Q, "2026-09-22", "W01", wang, "2026-10-09");
    OK("case.review_started", Q, wang, ev_str("date", "2026-09-23"));
    OK("case.approved", Q, wang, ev_str("date", "2026-09-24"));
    cv_scope all = scope_of(TODAY, 2, NULL, wang);
    EXPECT(all, CV_MINE, N, M, Q, I, O, H, E, C, B, G, A); /* concluded, not yet delivered: still there */
    OK("case.delivered", Q, wang, ev_str("date", "2026-09-28"));
    EXPECT(all, CV_OPEN, N, K, M, I, O, H, FW2, E, D, C, B, G, A);
    EXPECT(all, CV_MINE, N, M, I, O, H, E, C, B, G, A);
    EXPECT(scope_of(TODAY, 2, "W01", wang), CV_OPEN, N, K, M, I, O, H, E, D, C, B, G, A);
    EXPECT(scope_of(TODAY, 2, "W01", wang), CV_MINE, N, M, I, O, H, E, C, B, G, A);
    /* the index holds the cases neither ended nor delivered, and nothing else */
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM cases INDEXED BY cases_open_undelivered "
                                            "WHERE ended IS NULL AND delivered IS NULL AND case_id = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, Q, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void rows_carry_their_supervision_state(void **state)
{
    (void)state;
    scenario();
    int n = EXPECT(scope_of(TODAY, 2, NULL, 0), CV_OPEN, N, K, M, I, O, H, FW2, E, D, C, B, G, A);
    STATE_IS(row_of(A, n), true, DL_OVERDUE, 0, 2);  /* 09-25..27 rest, 09-28 and 09-29 late */
    STATE_IS(row_of(B, n), true, DL_OVERDUE, 0, 1);
    STATE_IS(row_of(C, n), true, DL_DUE_SOON, 0, 0);
    STATE_IS(row_of(FW2, n), true, DL_DUE_SOON, 1, 0);
    STATE_IS(row_of(D, n), true, DL_DUE_SOON, 2, 0);  /* 09-30 and 10-08 */
    STATE_IS(row_of(E, n), true, DL_ON_TIME, 3, 0);
    STATE_IS(row_of(I, n), true, DL_ON_TIME, 11, 0);  /* 10-10 is a working Saturday */
    STATE_IS(row_of(O, n), true, DL_ON_TIME, 11, 0);
    STATE_IS(row_of(G, n), true, DL_CONCLUDED_LATE, 0, 3); /* 09-20 (Sunday) was a working day */
    STATE_IS(row_of(N, n), true, DL_CONCLUDED_ON_TIME, 0, 0);
    STATE_IS(row_of(M, n), false, DL_ON_TIME, 0, 0);  /* 2027 is not in the calendar */
    STATE_IS(row_of(K, n), false, DL_ON_TIME, 0, 0);  /* no due date yet */
    STATE_IS(row_of(H, n), false, DL_ON_TIME, 0, 0);
    /* the lists judge the same way */
    n = EXPECT(scope_of(TODAY, 2, NULL, 0), CV_TODAY, N, L, K);
    STATE_IS(row_of(L, n), false, DL_ON_TIME, 0, 0); /* ended without a decision */
    /* a day later: C is overdue by one working day, FW2 due today */
    gdate next = {2026, 9, 30};
    EXPECT(scope_of(next, 2, NULL, 0), CV_OVERDUE, A, B, C);
    n = EXPECT(scope_of(next, 2, NULL, 0), CV_DUE_SOON, FW2, D, E);
    STATE_IS(row_of(FW2, n), true, DL_DUE_SOON, 0, 0);
    STATE_IS(row_of(E, n), true, DL_DUE_SOON, 2, 0);
    /* in the holiday: nothing more is late, 10-08 is the next working day */
    n = EXPECT(scope_of((gdate){2026, 10, 5}, 1, NULL, 0), CV_DUE_SOON, D);
    STATE_IS(row_of(D, n), true, DL_DUE_SOON, 1, 0);
    n = EXPECT(scope_of((gdate){2026, 10, 5}, 1, NULL, 0), CV_OVERDUE, A, B, C, FW2);
    STATE_IS(row_of(FW2, n), true, DL_OVERDUE, 0, 0); /* past its date, but no working day lost yet */
    STATE_IS(row_of(A, n), true, DL_OVERDUE, 0, 3);
}

static void the_window_scope_keeps_one_windows_cases(void **state)
{
    (void)state;
    scenario();
    cv_scope w1 = scope_of(TODAY, 2, "W01", li), w2 = scope_of(TODAY, 2, "W02", li);
    EXPECT(w1, CV_OPEN, N, K, M, I, O, H, E, D, C, B, G, A);
    EXPECT(w1, CV_DUE_SOON, C, D);
    EXPECT(w1, CV_OVERDUE, A, B);
    EXPECT(w1, CV_TODAY, N, K);
    EXPECT(w1, CV_MINE, K, D);
    EXPECT(w2, CV_OPEN, FW2);
    EXPECT(w2, CV_DUE_SOON, FW2);
    EXPECT(w2, CV_TODAY, L);
    EXPECT_NONE(w2, CV_OVERDUE);
    EXPECT_NONE(w2, CV_SUPPLEMENT);
    EXPECT_NONE(w2, CV_DEFERRED_DUE);
    EXPECT_NONE(scope_of(TODAY, 2, "W09", li), CV_OPEN);
    /* a limit */
    int n = -1;
    assert_int_equal(cv_list(s, &w1, CV_OPEN, rows, 3, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(rows[2].case_id, M);
}

/* ---- the dashboard ---------------------------------------------------------------------- */

static void expect_dash_(int line, cv_scope sc, const int want[7])
{
    cv_dashboard d;
    if (cv_dashboard_get(s, &sc, &d) != 0)
        fail_msg("line %d: %s", line, store_errmsg(s));
    const int got[7] = {d.received_today, d.accepted_today, d.concluded_today, d.due_soon,
                        d.overdue,        d.supplement,     d.deferred_open};
    for (int i = 0; i < 7; i++)
        if (got[i] != want[i])
            fail_msg("line %d: dashboard figure %d is %d, expected %d", line, i, got[i], want[i]);
}
#define EXPECT_DASH(sc, ...) expect_dash_(__LINE__, sc, (const int[7]){__VA_ARGS__})

static void raw_sql(const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_close(db);
}

static void the_dashboard_counts_today_and_the_open_cases(void **state)
{
    (void)state;
    scenario();
    /* received, accepted, concluded today; due soon, overdue, 补正, 容缺 outstanding */
    EXPECT_DASH(scope_of(TODAY, 2, NULL, 0), 3, 1, 1, 3, 2, 1, 1);
    EXPECT_DASH(scope_of(TODAY, 2, "W01", 0), 2, 1, 1, 2, 2, 1, 1);
    EXPECT_DASH(scope_of(TODAY, 2, "W02", 0), 1, 0, 0, 1, 0, 0, 0);
    EXPECT_DASH(scope_of(TODAY, 1, NULL, 0), 3, 1, 1, 2, 2, 1, 1);
    /* on 09-22 (the projections as they are now): I received and accepted, G concluded; 09-23, 09-24
     * and 09-28 are the next working days, so only A (due 09-24) is due soon */
    EXPECT_DASH(scope_of((gdate){2026, 9, 22}, 2, NULL, 0), 1, 1, 1, 1, 0, 1, 1);
    cv_dashboard d;
    cv_scope sc = scope_of(TODAY, 2, NULL, 0);
    assert_int_equal(cv_dashboard_get(s, &sc, &d), 0);
    int64_t events = 0;
    assert_int_equal(events_count(s, &events), 0);
    assert_true(events > 50);
    assert_int_equal(d.queued_events, events); /* nothing acknowledged yet */
    assert_int_equal(outbox_ack(s, 1), 0);
    assert_int_equal(cv_dashboard_get(s, &sc, &d), 0);
    assert_int_equal(d.queued_events, events - 1);
    assert_int_equal(d.last_sync_ms, -1); /* no sync yet */
    assert_string_equal(d.last_sync_error, "");
    raw_sql("INSERT INTO meta(key, value) VALUES ('sync_last_ok_ms', '1790000000123'), "
            "('sync_last_error', 'connection refused')");
    assert_int_equal(cv_dashboard_get(s, &sc, &d), 0);
    assert_true(d.last_sync_ms == 1790000000123LL);
    assert_string_equal(d.last_sync_error, "connection refused");
    raw_sql("UPDATE meta SET value = 'soon' WHERE key = 'sync_last_ok_ms'");
    assert_int_equal(cv_dashboard_get(s, &sc, &d), 0);
    assert_int_equal(d.last_sync_ms, -1); /* not a number: never guessed */
}

/* ---- one case ---------------------------------------------------------------------------- */

static void a_case_comes_with_its_checklist_notices_and_trips(void **state)
{
    (void)state;
    scenario();
    cv_scope sc = scope_of(TODAY, 2, NULL, 0);
    static cv_case c;
    assert_int_equal(cv_case_get(s, &sc, H, &c), 0);
    assert_string_equal(c.row.case_id, H);
    assert_int_equal(c.row.status, CASE_SUPPLEMENT);
    assert_string_equal(c.applicant_phone, "13800138000");
    assert_string_equal(c.window_id, "W01");
    assert_int_equal(c.nmaterials, 3);
    assert_int_equal(c.materials[0].index, 1);
    assert_string_equal(c.materials[0].name, "户口簿");
    assert_int_equal(c.materials[0].kind, CK_ESSENTIAL);
    assert_int_equal(c.materials[0].status, CK_PRESENT);
    assert_int_equal(c.materials[1].status, CK_MISSING);
    assert_int_equal(c.materials[1].kind, CK_AUXILIARY);
    assert_true(c.materials[1].deferrable);
    assert_int_equal(c.materials[2].status, CK_DEFECTIVE);
    assert_string_equal(c.materials[2].note, "复印件不清晰");
    assert_string_equal(c.materials[2].checked_on, "2026-09-21");
    assert_int_equal(c.nnotices, 1);
    assert_string_equal(c.notices[0].kind, "supplement");
    assert_int_equal(c.notices[0].nmaterials, 2);
    assert_int_equal(c.notices[0].materials[0], 2);
    assert_int_equal(c.notices[0].materials[1], 3);
    assert_int_equal(c.supplements, 1);
    assert_int_equal(c.trips, 1);
    assert_false(c.evaluated);

    /* two 补正 rounds (a reprint is no visit), then the materials brought back: 3 trips */
    assert_int_equal(cv_case_get(s, &sc, O, &c), 0);
    assert_int_equal(c.supplements, 2);
    assert_int_equal(c.trips, 3);
    assert_int_equal(c.nnotices, 4);
    assert_true(c.notices[1].reprint);
    assert_string_equal(c.notices[1].issued_on, "2026-09-22");
    assert_int_equal(c.notices[2].breaches, 1); /* material 3 was not on the first notice */
    assert_int_equal(c.notices[2].nmaterials, 2);
    assert_string_equal(c.notices[3].kind, "acceptance");
    assert_int_equal(c.notices[3].nmaterials, 0);
    assert_true(c.notices[0].seq < c.notices[1].seq && c.notices[2].seq < c.notices[3].seq);
    assert_int_equal(c.materials[1].status, CK_PRESENT); /* as last checked */
    assert_string_equal(c.accepted, "2026-09-28");
    STATE_IS(&c.row, true, DL_ON_TIME, 11, 0);

    assert_int_equal(cv_case_get(s, &sc, G, &c), 0);
    assert_true(c.evaluated);
    assert_string_equal(c.rating, "satisfied");
    assert_string_equal(c.concluded, "2026-09-22");
    assert_string_equal(c.delivered, "");
    assert_false(c.first_visit);
    assert_int_equal(c.trips, 1);
    STATE_IS(&c.row, true, DL_CONCLUDED_LATE, 0, 3);

    assert_int_equal(cv_case_get(s, &sc, N, &c), 0);
    assert_true(c.first_visit); /* 即办件 done the day it was received */

    assert_int_equal(cv_case_get(s, &sc, I, &c), 0);
    assert_true(c.deferred);
    assert_string_equal(c.row.deferred_deadline, "2026-10-12");
    assert_string_equal(c.notices[0].kind, "deferral");
    assert_string_equal(c.notices[0].deadline, "2026-10-12");

    assert_int_equal(cv_case_get(s, &sc, J, &c), 0);
    assert_string_equal(c.reason, "申请人撤回");
    assert_string_equal(c.ended, "2026-09-24");
    assert_false(c.row.deadline_known); /* withdrawn: no supervision state */

    assert_int_equal(cv_case_get(s, &sc, P "0929-0099", &c), 1);
    sc.cal = NULL;
    assert_int_equal(cv_case_get(s, &sc, H, &c), -1);
}

/* ---- history ------------------------------------------------------------------------------- */

static const char *zh(const char *msgid)
{
    static const char *const table[][2] = {
        {"Accepted", "受理"}, {"; ", "；"}, {"due %s", "到期日 %s"}, {"Printed: %s", "出具：%s"},
        {"acceptance notice", "受理通知书"}, {"Follow-up step: %s", "整改：%s"}, {"verified", "核实"},
        {"note: %s", "备注：%s"}};
    for (size_t i = 0; i < NF(table); i++)
        if (strcmp(msgid, table[i][0]) == 0)
            return table[i][1];
    return msgid;
}

static void the_history_tells_each_event_in_words(void **state)
{
    (void)state;
    scenario();
    static cv_event ev[CV_HISTORY_MAX];
    int n = -1;
    assert_int_equal(cv_history(s, O, NULL, ev, CV_HISTORY_MAX, &n), 0);
    static const char *const want[][4] = {
        {"case.received", "2026-09-21", "王芳", "Received: item MZ-01 (promised case), window W01"},
        {"material.checked", "2026-09-21", "王芳", "Material 1 户口簿: present"},
        {"material.checked", "2026-09-21", "王芳", "Material 2 家庭收入证明: missing"},
        {"case.supplement_requested", "2026-09-21", "王芳", "Supplement requested"},
        {"notice.issued", "2026-09-21", "王芳", "Printed: supplement notice; materials 2"},
        {"notice.issued", "2026-09-22", "李华", "Printed: supplement notice; materials 2; reprint"},
        {"material.checked", "2026-09-23", "王芳", "Material 3 房产情况说明: missing"},
        {"case.supplement_requested", "2026-09-23", "王芳", "Supplement requested"},
        {"notice.issued", "2026-09-23", "王芳", "Printed: supplement notice; materials 2, 3"},
        {"material.checked", "2026-09-28", "王芳", "Material 2 家庭收入证明: present"},
        {"material.checked", "2026-09-28", "王芳", "Material 3 房产情况说明: present"},
        {"case.materials_completed", "2026-09-28", "王芳", "Materials complete"},
        {"case.accepted", "2026-09-28", "王芳", "Accepted; due 2026-10-20"},
        {"notice.issued", "2026-09-28", "王芳", "Printed: acceptance notice"},
    };
    assert_int_equal(n, (int)NF(want));
    for (int i = 0; i < n; i++) {
        assert_string_equal(ev[i].type, want[i][0]);
        assert_string_equal(ev[i].date, want[i][1]);
        assert_string_equal(ev[i].staff_name, want[i][2]);
        assert_string_equal(ev[i].detail, want[i][3]);
        assert_true(i == 0 || ev[i].seq > ev[i - 1].seq);
        assert_true(ev[i].created_at > 1700000000000LL);
    }
    assert_int_equal(cv_history(s, H, NULL, ev, CV_HISTORY_MAX, &n), 0);
    assert_string_equal(ev[3].detail, "Material 3 居民身份证复印件: defective; note: 复印件不清晰");
    assert_int_equal(cv_history(s, L, NULL, ev, CV_HISTORY_MAX, &n), 0);
    assert_string_equal(ev[1].detail, "Not accepted; reason: 不属于本中心受理范围; basis: "
                                      "《中华人民共和国行政许可法》第三十二条第一款第（二）项");
    assert_int_equal(cv_history(s, J, NULL, ev, CV_HISTORY_MAX, &n), 0);
    assert_string_equal(ev[n - 1].detail, "Withdrawn; reason: 申请人撤回");
    assert_int_equal(cv_history(s, I, NULL, ev, CV_HISTORY_MAX, &n), 0);
    assert_string_equal(ev[3].detail, "Accepted, materials deferred; due 2026-10-20; deadline 2026-10-12");
    assert_int_equal(cv_history(s, G, NULL, ev, CV_HISTORY_MAX, &n), 0);
    assert_string_equal(ev[n - 1].detail, "Rated: satisfied; comment: 办事快");
    /* translated, and limited */
    assert_int_equal(cv_history(s, C, zh, ev, CV_HISTORY_MAX, &n), 0);
    assert_int_equal(n, 3);
    assert_string_equal(ev[1].detail, "受理；到期日 2026-09-29");
    assert_string_equal(ev[2].detail, "出具：受理通知书");
    assert_int_equal(cv_history(s, C, zh, ev, 2, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(cv_history(s, P "0929-0099", NULL, ev, 10, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(cv_history(s, C, NULL, ev, 0, &n), -1);
}

/* Issue 8 on the case: a bad review's follow-up, its appeal and decision, and the complaints about the case
 * (their events have the complaint's id as subject) are told in the case's history; a complaint about
 * another case is not. */
static void the_history_tells_the_follow_up_and_the_complaints(void **state)
{
    (void)state;
    const char *x = P "0922-0009", *y = P "0922-0010", *t1 = "TS-T01-20260924-001", *t2 = "TS-T01-20260924-002",
               *t3 = "TS-T01-20260924-003";
    accepted_case(x, "2026-09-22", "W01", wang, "2026-10-12");
    accepted_case(y, "2026-09-22", "W01", wang, "2026-10-12");
    OK("case.review_started", x, wang, ev_str("date", "2026-09-23"));
    OK("case.approved", x, wang, ev_str("date", "2026-09-23"));
    OK("evaluation.given", x, wang, ev_str("date", "2026-09-23"), ev_str("rating", "very_dissatisfied"),
       ev_str("comment", "态度差"), ev_str("followup_due", "2026-10-09"), ev_bool("real_name", true));
    OK("evaluation.appealed", x, wang, ev_str("date", "2026-09-23"), ev_str("reason", "mistaken"),
       ev_str("note", "按错键"));
    OK("evaluation.appeal_decided", x, li, ev_str("date", "2026-09-24"), ev_bool("upheld", false),
       ev_str("note", "录像显示不是误按"));
    OK("followup.step", x, wang, ev_str("date", "2026-09-24"), ev_str("step", "verified"), ev_str("note", "核实属实"));
    OK("complaint.registered", t1, wang, ev_str("date", "2026-09-24"), ev_str("due", "2026-09-29"),
       ev_str("channel", "phone"), ev_str("about", "case"), ev_str("window", "W01"), ev_str("case", x),
       ev_str("complainant", "张三"), ev_str("text", "等了很久"));
    OK("complaint.registered", t2, wang, ev_str("date", "2026-09-24"), ev_str("due", "2026-09-29"),
       ev_str("channel", "box"), ev_str("about", "case"), ev_str("window", "W01"), ev_str("case", y),
       ev_str("text", "别的案件"));
    OK("complaint.registered", t3, wang, ev_str("date", "2026-09-24"), ev_str("due", "2026-09-29"),
       ev_str("channel", "window"), ev_str("about", "case"), ev_str("window", "W01"), ev_str("case", x),
       ev_str("text", "同一事项"));
    OK("followup.step", x, wang, ev_str("date", "2026-09-28"), ev_str("step", "rectified"), ev_str("note", "已整改"));
    OK("followup.step", x, wang, ev_str("date", "2026-09-28"), ev_str("step", "answered"), ev_str("note", "已答复"));
    OK("followup.step", x, wang, ev_str("date", "2026-09-29"), ev_str("step", "called_back"), ev_str("note", "已回访"));
    OK("complaint.extended", t1, li, ev_str("date", "2026-09-29"), ev_str("due", "2026-10-13"),
       ev_str("reason", "需调取录像"));
    OK("complaint.concluded", t1, li, ev_str("date", "2026-09-29"), ev_str("finding", "manner"),
       ev_str("outcome", "批评教育"), ev_str("notified_by", "phone"));
    OK("complaint.excluded", t3, li, ev_str("date", "2026-09-29"), ev_str("reason", "litigation"),
       ev_str("note", "已起诉"));
    static cv_event ev[CV_HISTORY_MAX];
    int n = -1;
    assert_int_equal(cv_history(s, x, NULL, ev, CV_HISTORY_MAX, &n), 0);
    static const char *const want[][3] = {
        {"case.accepted", "2026-09-22", "Accepted; due 2026-10-12"},
        {"notice.issued", "2026-09-22", "Printed: acceptance notice"},
        {"case.review_started", "2026-09-23", "Review started"},
        {"case.approved", "2026-09-23", "Approved"},
        {"evaluation.given", "2026-09-23",
         "Rated: very dissatisfied; follow-up opened, due 2026-10-09; comment: 态度差"},
        {"evaluation.appealed", "2026-09-23", "Rating appealed: mistaken rating; note: 按错键"},
        {"evaluation.appeal_decided", "2026-09-24", "Appeal refused; note: 录像显示不是误按"},
        {"followup.step", "2026-09-24", "Follow-up step: verified; note: 核实属实"},
        {"complaint.registered", "2026-09-24",
         "Complaint TS-T01-20260924-001 registered (by phone): 等了很久; due 2026-09-29"},
        {"complaint.registered", "2026-09-24",
         "Complaint TS-T01-20260924-003 registered (at the window): 同一事项; due 2026-09-29"},
        {"followup.step", "2026-09-28", "Follow-up step: rectified; note: 已整改"},
        {"followup.step", "2026-09-28", "Follow-up step: answered the applicant; note: 已答复"},
        {"followup.step", "2026-09-29", "Follow-up step: called back; note: 已回访"},
        {"complaint.extended", "2026-09-29",
         "Complaint TS-T01-20260924-001 extended; reason: 需调取录像; due 2026-10-13"},
        {"complaint.concluded", "2026-09-29",
         "Complaint TS-T01-20260924-001 concluded: verified: manner; outcome: 批评教育; complainant told by phone"},
        {"complaint.excluded", "2026-09-29", "Complaint TS-T01-20260924-003 excluded: in litigation; note: 已起诉"},
    };
    assert_int_equal(n, (int)NF(want) + 1); /* the case.received first */
    assert_string_equal(ev[0].type, "case.received");
    for (int i = 1; i < n; i++) {
        assert_string_equal(ev[i].type, want[i - 1][0]);
        assert_string_equal(ev[i].date, want[i - 1][1]);
        assert_string_equal(ev[i].detail, want[i - 1][2]);
        assert_true(ev[i].seq > ev[i - 1].seq);
    }
    assert_string_equal(ev[7].staff_name, "李华"); /* the supervisor who decided */
    /* an upheld appeal, in the other case; its complaint alone */
    OK("case.review_started", y, wang, ev_str("date", "2026-09-24"));
    OK("case.denied", y, wang, ev_str("date", "2026-09-24"), ev_str("reason", "不符合条件"));
    OK("evaluation.given", y, wang, ev_str("date", "2026-09-24"), ev_str("rating", "dissatisfied"),
       ev_str("followup_due", "2026-10-12"));
    OK("evaluation.appealed", y, wang, ev_str("date", "2026-09-24"), ev_str("reason", "malicious"),
       ev_str("note", "恶意差评"));
    OK("evaluation.appeal_decided", y, li, ev_str("date", "2026-09-28"), ev_bool("upheld", true),
       ev_str("note", "同意"));
    assert_int_equal(cv_history(s, y, NULL, ev, CV_HISTORY_MAX, &n), 0);
    assert_int_equal(n, 9);
    assert_string_equal(ev[3].detail, "Complaint TS-T01-20260924-002 registered (complaint box): 别的案件; due 2026-09-29");
    assert_string_equal(ev[6].detail, "Rated: dissatisfied; follow-up opened, due 2026-10-12");
    assert_string_equal(ev[7].detail, "Rating appealed: malicious rating; note: 恶意差评");
    assert_string_equal(ev[8].detail, "Appeal upheld: the rating is left out of the satisfaction rate; note: 同意");
    /* a good rating opens nothing; a complaint about a window is in no case's history */
    OK("complaint.registered", "TS-T01-20260924-004", wang, ev_str("date", "2026-09-24"),
       ev_str("due", "2026-09-29"), ev_str("channel", "online"), ev_str("about", "window"), ev_str("window", "W01"),
       ev_str("text", "窗口无人"));
    assert_int_equal(cv_history(s, y, NULL, ev, CV_HISTORY_MAX, &n), 0);
    assert_int_equal(n, 9);
    /* translated through the caller's function */
    assert_int_equal(cv_history(s, x, zh, ev, CV_HISTORY_MAX, &n), 0);
    assert_string_equal(ev[1].detail, "受理；到期日 2026-10-12");
    assert_string_equal(ev[8].detail, "整改：核实；备注：核实属实");
}

/* A reason longer than the screen's fields is cut at a whole character, never inside one. */
static void long_texts_are_cut_at_a_whole_character(void **state)
{
    (void)state;
    char reason[1001] = "";
    for (int i = 0; i < 333; i++)
        strcat(reason, "撤");
    strcat(reason, "x");
    accepted_case(J, "2026-09-23", "W01", wang, "2026-10-12");
    OK("case.withdrawn", J, wang, ev_str("date", "2026-09-24"), ev_str("reason", reason));
    static cv_case c;
    cv_scope sc = scope_of(TODAY, 2, NULL, 0);
    assert_int_equal(cv_case_get(s, &sc, J, &c), 0);
    assert_int_equal(strlen(c.reason), 399); /* 133 characters of 3 bytes in 401 */
    assert_true(ev_utf8_valid(c.reason));
    assert_int_equal(strncmp(c.reason, reason, 399), 0);
    static cv_event ev[CV_HISTORY_MAX];
    int n = 0;
    assert_int_equal(cv_history(s, J, NULL, ev, CV_HISTORY_MAX, &n), 0);
    const char *d = ev[n - 1].detail;
    assert_true(ev_utf8_valid(d));
    assert_true(strlen(d) > 390 && strlen(d) < sizeof ev[0].detail);
    assert_int_equal(strncmp(d, "Withdrawn; reason: 撤撤", 25), 0);
}

/* ---- a calendar that ends, bad scopes -------------------------------------------------------- */

static void a_year_the_calendar_lacks_is_never_guessed(void **state)
{
    (void)state;
    assert_int_equal(catalog_import(s, "data/catalog/demo.ini", &(catalog_report){0}), 0);
    const char *x = P "1201-0001", *y = P "1201-0002", *z = P "1201-0003";
    accepted_case(x, "2026-12-01", "W01", wang, "2026-12-31");
    accepted_case(y, "2026-12-01", "W01", wang, "2027-01-05");
    accepted_case(z, "2026-12-01", "W01", wang, "2026-12-29");
    /* 12-31 is the one working day after 12-30 that the calendar knows; 2027 is not loaded */
    cv_scope sc = scope_of((gdate){2026, 12, 30}, 3, NULL, 0);
    int n = EXPECT(sc, CV_DUE_SOON, x);
    STATE_IS(row_of(x, n), true, DL_DUE_SOON, 1, 0);
    n = EXPECT(sc, CV_OPEN, z, y, x);
    STATE_IS(row_of(y, n), false, DL_ON_TIME, 0, 0);
    EXPECT(sc, CV_OVERDUE, z);
    EXPECT_DASH(sc, 0, 0, 0, 1, 1, 0, 0);
    /* today itself in 2027: overdue by date, but the working days late are unknown */
    sc.today = (gdate){2027, 1, 4};
    EXPECT_NONE(sc, CV_DUE_SOON);
    n = EXPECT(sc, CV_OVERDUE, z, x);
    STATE_IS(row_of(x, n), false, DL_OVERDUE, 0, 0);
    assert_int_equal(row_of(x, n)->state, DL_OVERDUE);
    EXPECT_DASH(sc, 0, 0, 0, 0, 2, 0, 0);
}

/* A due date on a rest day (a centre's report may carry one): 10-03 has one working day (09-30)
 * after 09-29 up to it, so it is due soon with a threshold of 1, though the first working day after
 * today is 09-30: the list's boundary is the day after which more than `soon` working days lie. */
static void a_due_date_on_a_rest_day_is_counted_exactly(void **state)
{
    (void)state;
    const char *x = P "0928-0001";
    accepted_case(x, "2026-09-28", "W01", wang, "2026-10-03");
    int n = EXPECT(scope_of(TODAY, 1, NULL, 0), CV_DUE_SOON, x);
    STATE_IS(row_of(x, n), true, DL_DUE_SOON, 1, 0);
    EXPECT_NONE(scope_of(TODAY, 0, NULL, 0), CV_DUE_SOON);
    n = EXPECT(scope_of((gdate){2026, 10, 2}, 0, NULL, 0), CV_DUE_SOON, x); /* in the holiday: 0 left */
    STATE_IS(row_of(x, n), true, DL_DUE_SOON, 0, 0);
    n = EXPECT(scope_of((gdate){2026, 10, 5}, 0, NULL, 0), CV_OVERDUE, x);
    STATE_IS(row_of(x, n), true, DL_OVERDUE, 0, 0);
}

static void a_bad_scope_or_limit_is_refused(void **state)
{
    (void)state;
    int n = 7;
    cv_scope sc = scope_of(TODAY, 2, NULL, 0);
    assert_int_equal(cv_list(s, &sc, CV_OPEN, rows, 0, &n), -1);
    assert_int_equal(n, 0);
    assert_int_equal(cv_list(s, &sc, CV_OPEN, rows, CV_ROWS_MAX + 1, &n), -1);
    assert_int_equal(cv_list(s, &sc, CV_FILTER_COUNT, rows, 10, &n), -1);
    assert_non_null(strstr(store_errmsg(s), "filter"));
    sc.soon = -1;
    assert_int_equal(cv_list(s, &sc, CV_DUE_SOON, rows, 10, &n), -1);
    sc.soon = CV_SOON_MAX + 1;
    assert_int_equal(cv_list(s, &sc, CV_DUE_SOON, rows, 10, &n), -1);
    sc = scope_of((gdate){2026, 2, 30}, 2, NULL, 0);
    assert_int_equal(cv_list(s, &sc, CV_OPEN, rows, 10, &n), -1);
    cv_dashboard d;
    assert_int_equal(cv_dashboard_get(s, &sc, &d), -1);
    sc = scope_of(TODAY, 2, NULL, 0);
    sc.cal = NULL;
    assert_int_equal(cv_list(s, &sc, CV_OPEN, rows, 10, &n), -1);
    assert_string_equal(cv_filter_label(CV_DEFERRED_DUE), "Deferred materials due");
    assert_string_equal(cv_filter_label(CV_MINE), "Mine");
}

/* ---- against brute force on a demo file --------------------------------------------------------- */

/* How many open cases each state has, judged here case by case from the file. */
static void brute_force(gdate today, int soon, const char *window, int *due_soon, int *overdue)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT due, window_id FROM cases WHERE ended IS NULL AND "
                                            "concluded IS NULL AND due IS NOT NULL", -1, &st, NULL),
                     SQLITE_OK);
    *due_soon = *overdue = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        gdate due;
        int left;
        assert_int_equal(date_parse((const char *)sqlite3_column_text(st, 0), &due), 0);
        if (window && strcmp(window, (const char *)sqlite3_column_text(st, 1)) != 0)
            continue;
        if (date_cmp(today, due) > 0)
            (*overdue)++;
        else if (cal_workdays_between(&cal, today, due, &left, NULL) == CAL_OK && left <= soon)
            (*due_soon)++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void lists_and_counts_agree_with_brute_force_on_a_demo_file(void **state)
{
    (void)state;
    gdate today = {2026, 10, 9}; /* the second working day after the holiday */
    demo_opts o = {.cases = 600, .seed = 7, .today = today, .cal = &cal, .catalog_file = "data/catalog/demo.ini"};
    if (demo_seed_with(s, &o, NULL) != 0)
        fail_msg("%s", store_errmsg(s));
    const char *windows[] = {NULL, "W01", "W02"};
    int checked = 0;
    for (int soon = 0; soon <= 5; soon++)
        for (size_t w = 0; w < NF(windows); w++) {
            cv_scope sc = scope_of(today, soon, windows[w], 0);
            int bs, bo, n;
            brute_force(today, soon, windows[w], &bs, &bo);
            cv_dashboard d;
            assert_int_equal(cv_dashboard_get(s, &sc, &d), 0);
            assert_int_equal(d.due_soon, bs);
            assert_int_equal(d.overdue, bo);
            assert_int_equal(cv_list(s, &sc, CV_DUE_SOON, rows, CV_ROWS_MAX, &n), 0);
            assert_int_equal(n, bs);
            for (int i = 0; i < n; i++) {
                assert_true(rows[i].deadline_known && rows[i].state == DL_DUE_SOON && rows[i].remaining <= soon);
                assert_true(i == 0 || strcmp(rows[i - 1].due, rows[i].due) <= 0);
            }
            assert_int_equal(cv_list(s, &sc, CV_OVERDUE, rows, CV_ROWS_MAX, &n), 0);
            assert_int_equal(n, bo);
            for (int i = 0; i < n; i++)
                assert_true(rows[i].deadline_known && rows[i].state == DL_OVERDUE);
            checked += bs + bo;
        }
    assert_true(checked > 0); /* the demo left open cases on both sides of today */
    cv_scope sc = scope_of(today, 2, NULL, 0);
    cv_dashboard d;
    int n;
    assert_int_equal(cv_dashboard_get(s, &sc, &d), 0);
    assert_int_equal(cv_list(s, &sc, CV_SUPPLEMENT, rows, CV_ROWS_MAX, &n), 0);
    assert_int_equal(n, d.supplement);
    for (int i = 0; i < n; i++)
        assert_int_equal(rows[i].status, CASE_SUPPLEMENT);
    assert_int_equal(cv_list(s, &sc, CV_DEFERRED_DUE, rows, CV_ROWS_MAX, &n), 0);
    assert_int_equal(n, d.deferred_open);
    for (int i = 0; i < n; i++)
        assert_true(rows[i].deferred_deadline[0] && (i == 0 || strcmp(rows[i - 1].deferred_deadline,
                                                                      rows[i].deferred_deadline) <= 0));
    assert_int_equal(cv_list(s, &sc, CV_TODAY, rows, CV_ROWS_MAX, &n), 0);
    assert_int_equal(n, d.received_today);
}

/* ---- plans ------------------------------------------------------------------------------------ */

/* Every step of a plan reads through an index (or a table's key), none sorts, and `index` is used. */
static void plan_ok_(int line, const char *what, const char *plan, const char *index)
{
    if (index && !strstr(plan, index))
        fail_msg("line %d: %s is not planned on %s:\n%s", line, what, index, plan);
    if (strstr(plan, "TEMP B-TREE"))
        fail_msg("line %d: %s sorts:\n%s", line, what, plan);
    char copy[8192];
    snprintf(copy, sizeof copy, "%s", plan);
    for (char *l = strtok(copy, "\n"); l; l = strtok(NULL, "\n"))
        if ((strncmp(l, "SCAN", 4) == 0 || strncmp(l, "SEARCH", 6) == 0) && !strstr(l, " USING "))
            fail_msg("line %d: %s reads a table without an index: %s", line, what, l);
}

static void every_filter_and_count_reads_an_index(void **state)
{
    (void)state;
    scenario();
    static const char *const index[CV_FILTER_COUNT] = {
        [CV_OPEN] = "cases_open_undelivered", [CV_MINE] = "cases_open_undelivered",
        [CV_TODAY] = "cases_received",       [CV_DUE_SOON] = "cases_open_due (due>? AND due<?)",
        [CV_OVERDUE] = "cases_open_due (due<?)", [CV_SUPPLEMENT] = "cases_supplement",
        [CV_DEFERRED_DUE] = "cases_deferred_open"};
    const char *windows[] = {NULL, "W01"};
    char plan[8192];
    for (size_t w = 0; w < NF(windows); w++) {
        cv_scope sc = scope_of(TODAY, 2, windows[w], li);
        for (int f = 0; f < CV_FILTER_COUNT; f++) {
            if (cv_list_plan(s, &sc, (cv_filter)f, plan, sizeof plan) != 0)
                fail_msg("%s", store_errmsg(s));
            plan_ok_(__LINE__, cv_filter_label((cv_filter)f), plan, index[f]);
            if (getenv("CV_PRINT_PLANS"))
                printf("%s %s:\n%s", windows[w] ? windows[w] : "all", cv_filter_label((cv_filter)f), plan);
        }
        if (cv_dashboard_plan(s, &sc, plan, sizeof plan) != 0)
            fail_msg("%s", store_errmsg(s));
        if (getenv("CV_PRINT_PLANS"))
            printf("%s dashboard:\n%s", windows[w] ? windows[w] : "all", plan);
        plan_ok_(__LINE__, "the dashboard", plan, "cases_accepted");
        plan_ok_(__LINE__, "the dashboard", plan, "cases_concluded");
        plan_ok_(__LINE__, "the dashboard", plan, "cases_open_due");
        /* the counts read their index alone (but today's receipts with a window: a few rows) */
        for (char *l = strtok(plan, "\n"); l; l = strtok(NULL, "\n"))
            if (!strstr(l, "cases_received") && !strstr(l, "USING COVERING INDEX"))
                fail_msg("the dashboard reads rows for a count: %s", l);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(each_filter_lists_its_cases_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(a_delivered_case_leaves_the_open_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(rows_carry_their_supervision_state, setup, teardown),
        cmocka_unit_test_setup_teardown(the_window_scope_keeps_one_windows_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(the_dashboard_counts_today_and_the_open_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(a_case_comes_with_its_checklist_notices_and_trips, setup, teardown),
        cmocka_unit_test_setup_teardown(the_history_tells_each_event_in_words, setup, teardown),
        cmocka_unit_test_setup_teardown(the_history_tells_the_follow_up_and_the_complaints, setup, teardown),
        cmocka_unit_test_setup_teardown(long_texts_are_cut_at_a_whole_character, setup, teardown),
        cmocka_unit_test_setup_teardown(a_year_the_calendar_lacks_is_never_guessed, setup, teardown),
        cmocka_unit_test_setup_teardown(a_due_date_on_a_rest_day_is_counted_exactly, setup, teardown),
        cmocka_unit_test_setup_teardown(a_bad_scope_or_limit_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(lists_and_counts_agree_with_brute_force_on_a_demo_file, setup, teardown),
        cmocka_unit_test_setup_teardown(every_filter_and_count_reads_an_index, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
