/* test_demo.c - the demo seeder: 300 cases through the real event path pass
 * the audit chain and rebuild to the same projections; applicants, numbers,
 * dates and due dates are valid; the paths are varied; the same seed gives
 * the same cases; the demo staff log in with the documented PINs; a real
 * terminal's database is refused; a demo database can be seeded again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/casenum.h"
#include "core/ident.h"
#include "core/phone.h"
#include "data/audit.h"
#include "data/calendar_file.h"
#include "data/demo.h"
#include "data/events.h"
#include "data/project.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/store.h"

#define NF(arr) (sizeof(arr) / sizeof((arr)[0]))

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];
static store *s;
static calendar cal;

static const gdate TODAY = {2026, 11, 23};

static int setup(void **state)
{
    (void)state;
    calfile_error ce;
    if (calfile_load("data/calendar/cn.ini", &cal, &ce) != CALFILE_OK)
        return -1;
    setenv("GUICHET_DATADIR", "data", 1); /* the pinyin table the catalogue import reads */
    snprintf(dir, sizeof dir, "/tmp/guichet-demo-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    s = store_open(path, err, sizeof err);
    return s ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(s);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void progress_count(long done, long total, void *ctx)
{
    long *last = ctx;
    assert_true(done > *last && done <= total);
    *last = done;
}

/* Seed n cases into st with the test calendar and today. */
static void seed_(int line, store *st, long n, unsigned seed, demo_report *rep)
{
    long last = 0;
    demo_opts o = {.cases = n, .seed = seed, .today = TODAY, .cal = &cal, .catalog_file = "data/catalog/demo.ini",
                   .progress = progress_count, .ctx = &last};
    if (demo_seed_with(st, &o, rep) != 0)
        fail_msg("line %d: %s", line, store_errmsg(st));
    assert_int_equal(last, n);
}
#define SEED(st, n, seed, rep) seed_(__LINE__, st, n, seed, rep)

/* ---- reading the file ---------------------------------------------------------------- */

static sqlite3 *db_open(const char *file)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
    return db;
}

/* One integer from the file. */
static long long num(const char *sql)
{
    sqlite3 *db = db_open(path);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void append_text(char **buf, size_t *len, size_t *cap, const char *t)
{
    size_t n = strlen(t);
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = realloc(*buf, *cap);
        assert_non_null(*buf);
    }
    memcpy(*buf + *len, t, n + 1);
    *len += n;
}

/* The text of every row of the given queries, each column tagged with its type. */
static char *dump(const char *file, const char *const *queries, size_t nq)
{
    sqlite3 *db = db_open(file);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    append_text(&buf, &len, &cap, "");
    for (size_t q = 0; q < nq; q++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, queries[q], -1, &st, NULL) != SQLITE_OK)
            fail_msg("%s: %s", queries[q], sqlite3_errmsg(db));
        append_text(&buf, &len, &cap, queries[q]);
        append_text(&buf, &len, &cap, ":\n");
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                char tag[8];
                snprintf(tag, sizeof tag, "%d=", sqlite3_column_type(st, c));
                append_text(&buf, &len, &cap, tag);
                const char *v = (const char *)sqlite3_column_text(st, c);
                append_text(&buf, &len, &cap, v ? v : "");
                append_text(&buf, &len, &cap, "|");
            }
            append_text(&buf, &len, &cap, "\n");
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return buf;
}

/* Every projection table, every column, in key order (the list project_tables() gives). */
static const char *const projections[] = {
    "SELECT * FROM cases ORDER BY case_id",
    "SELECT * FROM case_materials ORDER BY case_id, idx",
    "SELECT * FROM notices ORDER BY event_seq",
    "SELECT * FROM enquiries ORDER BY event_seq",
    "SELECT * FROM evaluations ORDER BY case_id",
    "SELECT * FROM attendance ORDER BY event_seq",
    "SELECT * FROM handoffs ORDER BY event_seq",
    "SELECT * FROM duty ORDER BY window_id",
    "SELECT * FROM duty_days ORDER BY window_id, day",
    "SELECT * FROM leaves ORDER BY leave_id",
    "SELECT * FROM leader_days ORDER BY staff_id, day",
    "SELECT * FROM followups ORDER BY case_id",
    "SELECT * FROM complaints ORDER BY id",
};

/* ---- tests ------------------------------------------------------------------------------- */

static void seeded_cases_pass_the_audit_and_rebuild_to_the_same_tables(void **state)
{
    (void)state;
    demo_report rep;
    SEED(s, 300, 11, &rep);
    assert_int_equal(rep.cases, 300);
    assert_true(rep.catalog_imported);
    assert_int_equal(rep.staff_created, 4);
    assert_int_equal(rep.days, 15);
    assert_string_equal(rep.last_day, "2026-11-20"); /* the working day before Monday 2026-11-23 */
    assert_int_equal(num("SELECT count(*) FROM cases"), 300);
    int64_t events = 0;
    assert_int_equal(events_count(s, &events), 0);
    assert_int_equal(events, rep.events);
    assert_true(events > 300 * 6);
    assert_int_equal(num("SELECT count(*) FROM outbox"), events); /* the real path: every event queued */
    audit_result ar;
    assert_int_equal(audit_verify(s, &ar), 0);
    if (ar.problem != AUDIT_OK)
        fail_msg("%s", ar.message);
    assert_int_equal(ar.checked, events);
    size_t nt;
    project_tables(&nt);
    assert_int_equal(nt, NF(projections));
    char *before = dump(path, projections, NF(projections));
    assert_int_equal(project_rebuild(s), 0);
    char *after = dump(path, projections, NF(projections));
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void applicants_numbers_and_dates_are_valid(void **state)
{
    (void)state;
    SEED(s, 300, 12, NULL);
    sqlite3 *db = db_open(path);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT case_id, applicant_name, applicant_id, applicant_phone, "
                                            "received FROM cases", -1, &st, NULL), SQLITE_OK);
    int rows = 0, phones = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *ident = (const char *)sqlite3_column_text(st, 2);
        const char *phone = (const char *)sqlite3_column_text(st, 3);
        const char *received = (const char *)sqlite3_column_text(st, 4);
        gdate r;
        assert_int_equal(date_parse(received, &r), 0);
        ident_result ir;
        if (ident_check(ident, r, &ir) != IDENT_OK || ir.kind != IDENT_KIND_IDCARD)
            fail_msg("%s: applicant ID %s: %s", id, ident, ident_reason(&ir));
        assert_true(date_diff_days(ir.birth, r) >= 18 * 365); /* adults */
        if (phone) {
            phone_info pi;
            assert_int_equal(phone_validate(phone, &pi), PHONE_OK);
            assert_int_equal(pi.kind, PHONE_KIND_MOBILE);
            phones++;
        }
        size_t len = strlen(name); /* 2 or 3 Chinese characters of 3 bytes */
        assert_true(len == 6 || len == 9);
        assert_true((unsigned char)name[0] >= 0xE4);
        casenum_parts p;
        assert_int_equal(casenum_parse(id, &p), CASENUM_OK);
        assert_int_equal(date_cmp(p.day, r), 0);
        bool work;
        assert_int_equal(cal_is_workday(&cal, r, &work, NULL), CAL_OK);
        assert_true(work);
        assert_true(date_cmp(r, TODAY) < 0);
        rows++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_int_equal(rows, 300);
    assert_true(phones > 200 && phones < 300);
    /* nothing dated after today; the first number of each day is 0001 */
    assert_int_equal(num("SELECT count(*) FROM events WHERE json_extract(payload, '$.date') > '2026-11-23'"), 0);
    assert_int_equal(num("SELECT count(DISTINCT received) FROM cases"),
                     num("SELECT count(*) FROM cases WHERE case_id LIKE '%-0001'"));
    /* some applicants came back for a second case */
    assert_true(num("SELECT count(*) FROM (SELECT applicant_id FROM cases GROUP BY 1 HAVING count(*) > 1)") > 0);
}

/* Accepted 承诺件 without 补正 or 容缺: due = the promised-th working day after acceptance. */
static void due_dates_come_from_the_calendar(void **state)
{
    (void)state;
    SEED(s, 300, 13, NULL);
    sqlite3 *db = db_open(path);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT c.accepted, c.due, i.promised_days FROM cases c "
                                            "JOIN catalog_item i ON i.code = c.item WHERE c.accepted IS NOT NULL "
                                            "AND c.supplements = 0 AND c.deferred = 0", -1, &st, NULL),
                     SQLITE_OK);
    int checked = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        gdate a, due, want;
        assert_int_equal(date_parse((const char *)sqlite3_column_text(st, 0), &a), 0);
        assert_int_equal(date_parse((const char *)sqlite3_column_text(st, 1), &due), 0);
        assert_int_equal(cal_add_workdays(&cal, a, sqlite3_column_int(st, 2), &want, NULL), CAL_OK);
        assert_int_equal(date_cmp(due, want), 0);
        checked++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_true(checked > 150);
}

static void the_paths_are_varied(void **state)
{
    (void)state;
    SEED(s, 300, 14, NULL);
    static const char *const statuses[] = {"accepted", "in_review", "referred", "delivered", "archived",
                                           "rejected", "supplement", "withdrawn"};
    char sql[160];
    for (size_t i = 0; i < NF(statuses); i++) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE status = '%s'", statuses[i]);
        if (num(sql) == 0)
            fail_msg("no case is %s", statuses[i]);
    }
    static const char *const notices[] = {"acceptance", "supplement", "deferral", "rejection"};
    for (size_t i = 0; i < NF(notices); i++) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM notices WHERE kind = '%s'", notices[i]);
        if (num(sql) == 0)
            fail_msg("no %s notice", notices[i]);
    }
    assert_true(num("SELECT count(*) FROM cases WHERE deferred = 1") > 0);
    assert_true(num("SELECT count(*) FROM cases WHERE supplements > 0 AND accepted IS NOT NULL") > 0);
    assert_true(num("SELECT count(*) FROM cases WHERE first_visit = 1") > 0);
    assert_true(num("SELECT count(*) FROM cases WHERE concluded > due") > 0);   /* some late */
    assert_true(num("SELECT count(*) FROM cases WHERE concluded <= due") > 100); /* most on time */
    assert_true(num("SELECT count(*) FROM case_materials WHERE status = 'defective' AND note IS NOT NULL") > 0);
    assert_true(num("SELECT count(DISTINCT rating) FROM evaluations") >= 3);
    assert_true(num("SELECT count(DISTINCT item) FROM cases") >= 15);
    assert_int_equal(num("SELECT count(DISTINCT window_id) FROM cases"), 2);
    assert_int_equal(num("SELECT count(*) FROM notices WHERE breaches > 0"), 0); /* 一次性告知 kept */
}

static void the_same_seed_gives_the_same_cases(void **state)
{
    (void)state;
    SEED(s, 120, 21, NULL);
    char other[160], third[160];
    snprintf(other, sizeof other, "%s/same.db", dir);
    snprintf(third, sizeof third, "%s/other.db", dir);
    store *s2 = store_open(other, err, sizeof err), *s3 = store_open(third, err, sizeof err);
    assert_non_null(s2);
    assert_non_null(s3);
    SEED(s2, 120, 21, NULL);
    SEED(s3, 120, 22, NULL);
    static const char *const q[] = {
        "SELECT * FROM cases ORDER BY case_id",
        "SELECT * FROM case_materials ORDER BY case_id, idx",
        "SELECT * FROM evaluations ORDER BY case_id",
        /* a decision names its leave by the request's event id, which differs from run to run */
        "SELECT type, CASE type WHEN 'leave.decided' THEN '' ELSE subject END, payload FROM events ORDER BY seq",
    };
    char *a = dump(path, q, NF(q)), *b = dump(other, q, NF(q)), *c = dump(third, q, NF(q));
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    free(a);
    free(b);
    free(c);
    store_close(s2);
    store_close(s3);
}

static void the_demo_staff_log_in_with_the_documented_pins(void **state)
{
    (void)state;
    SEED(s, 10, 1, NULL);
    const char *who[][2] = {{DEMO_STAFF_A, DEMO_PIN_A}, {DEMO_STAFF_B, DEMO_PIN_B}, {DEMO_STAFF_S, DEMO_PIN_S},
                            {DEMO_STAFF_L, DEMO_PIN_L}};
    for (size_t i = 0; i < NF(who); i++) {
        staff_verify v;
        assert_int_equal(staff_verify_pin(s, who[i][0], who[i][1], events_now_ms(), &v), STAFF_PIN_OK);
    }
    roster_line line;
    assert_int_equal(roster_for(s, "2026-11-23", DEMO_WINDOW_1, &line, err, sizeof err), STAFF_OK);
    assert_string_equal(line.a.code, DEMO_STAFF_A);
    assert_string_equal(line.b.code, DEMO_STAFF_B);
    assert_int_equal(roster_for(s, "2026-12-23", DEMO_WINDOW_2, &line, err, sizeof err), STAFF_OK);
    assert_string_equal(line.a.code, DEMO_STAFF_B);
    assert_int_equal(roster_for(s, "2026-12-24", DEMO_WINDOW_2, &line, err, sizeof err), STAFF_E_NOT_FOUND);
    assert_true(demo_is_demo(s));
}

/* The past month of duty: days started, punches, handoffs, a leave, a window unattended, a leader's day. */
static void a_past_month_of_duty_and_attendance_is_seeded_once(void **state)
{
    (void)state;
    SEED(s, 40, 3, NULL);
    assert_int_equal(num("SELECT count(*) FROM duty_days"), 2 * 22);
    assert_int_equal(num("SELECT count(DISTINCT day) FROM duty_days WHERE day < '2026-11-23'"), 22);
    assert_int_equal(num("SELECT count(*) FROM attendance WHERE kind = 'sign_in'"), 22 * 4 - 1);
    assert_int_equal(num("SELECT count(*) FROM attendance WHERE kind IN ('leader_in', 'leader_out')"), 2);
    assert_int_equal(num("SELECT count(*) FROM handoffs WHERE kind = 'confirm'"), 3);
    assert_int_equal(num("SELECT count(*) FROM handoffs WHERE kind = 'leave_uncovered'"), 1);
    assert_int_equal(num("SELECT count(*) FROM leaves WHERE state = 'approved'"), 1);
    assert_int_equal(num("SELECT count(*) FROM leader_days"), 1);
    assert_int_equal(num("SELECT count(*) FROM duty WHERE state = 'closed'"), 2);
    int64_t before = 0, after = 0;
    assert_int_equal(events_count(s, &before), 0);
    SEED(s, 10, 4, NULL); /* again: more cases, the month is not repeated */
    assert_int_equal(events_count(s, &after), 0);
    assert_int_equal(num("SELECT count(*) FROM duty_days"), 2 * 22);
    assert_true(after > before);
}

static void a_real_terminals_database_is_refused(void **state)
{
    (void)state;
    ev_field f[] = {ev_str("date", "2026-11-23"), ev_str("window", "W01"), ev_str("question", "低保怎么申请？"),
                    ev_str("outcome", "answered")};
    event_in in = {"enquiry.logged", NULL, 1, f, NF(f)};
    assert_int_equal(events_append(s, &in, NULL), 0);
    demo_opts o = {.cases = 10, .seed = 1, .today = TODAY, .cal = &cal, .catalog_file = "data/catalog/demo.ini"};
    assert_int_equal(demo_seed_with(s, &o, NULL), -1);
    assert_non_null(strstr(store_errmsg(s), "not a demo database"));
    int64_t n = 0;
    assert_int_equal(events_count(s, &n), 0);
    assert_int_equal(n, 1);
    assert_false(demo_is_demo(s));
    assert_int_equal(num("SELECT count(*) FROM staff"), 0);
}

static void a_demo_database_can_be_seeded_again(void **state)
{
    (void)state;
    demo_report rep;
    SEED(s, 100, 5, &rep);
    SEED(s, 50, 6, &rep);
    assert_false(rep.catalog_imported);
    assert_int_equal(rep.staff_created, 0);
    assert_int_equal(num("SELECT count(*) FROM cases"), 150);
    audit_result ar;
    assert_int_equal(audit_verify(s, &ar), 0);
    assert_int_equal(ar.problem, AUDIT_OK);
}

static void bad_requests_change_nothing(void **state)
{
    (void)state;
    demo_opts o = {.cases = 0, .seed = 1, .today = TODAY, .cal = &cal, .catalog_file = "data/catalog/demo.ini"};
    assert_int_equal(demo_seed_with(s, &o, NULL), -1);
    o.cases = DEMO_CASES_MAX + 1;
    assert_int_equal(demo_seed_with(s, &o, NULL), -1);
    o.cases = 10;
    o.today = (gdate){2026, 2, 30};
    assert_int_equal(demo_seed_with(s, &o, NULL), -1);
    o.today = (gdate){2024, 1, 1}; /* no working day before it in the calendar */
    assert_int_equal(demo_seed_with(s, &o, NULL), -1);
    assert_non_null(strstr(store_errmsg(s), "no working day before"));
    assert_int_equal(num("SELECT count(*) FROM events"), 0);
    o.today = TODAY;
    o.catalog_file = "/nonexistent/demo.ini";
    assert_int_equal(demo_seed_with(s, &o, NULL), -1);
    assert_non_null(strstr(store_errmsg(s), "/nonexistent/demo.ini"));
    assert_int_equal(num("SELECT count(*) FROM events"), 0);
    assert_int_equal(num("SELECT count(*) FROM staff"), 0);
    assert_int_equal(num("SELECT count(*) FROM catalog_item"), 0);
    assert_false(demo_is_demo(s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(seeded_cases_pass_the_audit_and_rebuild_to_the_same_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(applicants_numbers_and_dates_are_valid, setup, teardown),
        cmocka_unit_test_setup_teardown(due_dates_come_from_the_calendar, setup, teardown),
        cmocka_unit_test_setup_teardown(the_paths_are_varied, setup, teardown),
        cmocka_unit_test_setup_teardown(the_same_seed_gives_the_same_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(the_demo_staff_log_in_with_the_documented_pins, setup, teardown),
        cmocka_unit_test_setup_teardown(a_past_month_of_duty_and_attendance_is_seeded_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_real_terminals_database_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_demo_database_can_be_seeded_again, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_requests_change_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
