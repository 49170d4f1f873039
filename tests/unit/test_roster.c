/* test_roster.c - windows and the A/B roster per date: adding windows,
 * setting, showing and replacing a window's pair (with its history), and
 * the refusals: same person twice, inactive, unknown or not-allowed staff,
 * unknown window, a date that is not a real date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/handoff.h"
#include "data/roster.h"
#include "data/staff.h"

#define T0 1780000000000LL

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];
static store *db;

static int add_staff(const char *code, const char *name, unsigned roles, const char *w1, const char *w2)
{
    staff_in in;
    memset(&in, 0, sizeof in);
    in.code = code;
    in.name = name;
    in.roles = roles;
    if (w1)
        in.windows[in.n_windows++] = w1;
    if (w2)
        in.windows[in.n_windows++] = w2;
    return staff_add(db, &in, "482915", err, sizeof err) == STAFF_OK ? 0 : -1;
}

static int teardown(void **state);

/* cmocka skips teardown when setup fails: say why and clean up here. */
static int setup_failed(void)
{
    print_error("setup: %s\n", err);
    teardown(NULL);
    return -1;
}

/* Windows W01, W02 and W03; clerks wangfang and zhaomin (W01, W02), lisi (W01),
 * chenjing (W03 only); supervisor lizhang (no window). */
static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/guichet-roster-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    db = store_open(path, err, sizeof err);
    if (!db)
        return setup_failed();
    if (window_add(db, "W01", "民政综合窗口", err, sizeof err) != STAFF_OK ||
        window_add(db, "W02", "社保医保窗口", err, sizeof err) != STAFF_OK ||
        window_add(db, "W03", "不动产登记窗口", err, sizeof err) != STAFF_OK ||
        add_staff("wangfang", "王芳", STAFF_ROLE_CLERK, "W01", "W02") != 0 ||
        add_staff("zhaomin", "赵敏", STAFF_ROLE_CLERK, "W01", "W02") != 0 ||
        add_staff("lisi", "李四", STAFF_ROLE_CLERK, "W01", NULL) != 0 ||
        add_staff("chenjing", "陈静", STAFF_ROLE_CLERK, "W03", NULL) != 0 ||
        add_staff("lizhang", "李站长", STAFF_ROLE_SUPERVISOR, NULL, NULL) != 0)
        return setup_failed();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    db = NULL;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static staff_id num_of(const char *code)
{
    staff_rec r;
    assert_int_equal(staff_get(db, code, &r, err, sizeof err), STAFF_OK);
    return r.num;
}

typedef struct {
    int n;
    roster_line lines[4];
} lines;

static int collect(const roster_line *r, void *ctx)
{
    lines *l = ctx;
    if (l->n < 4)
        l->lines[l->n] = *r;
    l->n++;
    return 0;
}

static int history_count(const char *day, const char *window)
{
    lines h = {0};
    assert_int_equal(roster_history(db, day, window, collect, &h, err, sizeof err), STAFF_OK);
    return h.n;
}

/* --- windows ---------------------------------------------------------------------- */

typedef struct {
    int n;
    window_rec w[4];
} wins;

static int collect_window(const window_rec *w, void *ctx)
{
    wins *v = ctx;
    if (v->n < 4)
        v->w[v->n] = *w;
    v->n++;
    return 0;
}

static void windows_are_added_listed_and_checked(void **state)
{
    (void)state;
    window_rec w;
    assert_int_equal(window_get(db, "w02", &w, err, sizeof err), STAFF_OK);
    assert_string_equal(w.code, "W02");
    assert_string_equal(w.name, "社保医保窗口");
    assert_int_equal(window_add(db, "w01", "重复", err, sizeof err), STAFF_E_EXISTS);
    assert_non_null(strstr(err, "W01"));
    assert_int_equal(window_add(db, "W 4", "窗口", err, sizeof err), STAFF_E_INPUT);
    assert_int_equal(window_add(db, "W123456789", "窗口", err, sizeof err), STAFF_E_INPUT);
    assert_int_equal(window_add(db, "-W4", "窗口", err, sizeof err), STAFF_E_INPUT);
    assert_int_equal(window_add(db, "W04", "  ", err, sizeof err), STAFF_E_INPUT);
    assert_non_null(strstr(err, "window name"));
    assert_int_equal(window_add(db, "W04", "\xff", err, sizeof err), STAFF_E_INPUT);
    assert_int_equal(window_get(db, "W09", &w, err, sizeof err), STAFF_E_NOT_FOUND);
    assert_int_equal(window_add(db, "w-04", "综合受理窗口", err, sizeof err), STAFF_OK);
    wins v = {0};
    assert_int_equal(window_list(db, collect_window, &v, err, sizeof err), STAFF_OK);
    assert_int_equal(v.n, 4);
    assert_string_equal(v.w[0].code, "W-04");
    assert_string_equal(v.w[1].code, "W01");
    assert_string_equal(v.w[3].code, "W03");
}

/* --- setting and reading ------------------------------------------------------------ */

static void set_then_show_and_fetch(void **state)
{
    (void)state;
    assert_int_equal(roster_set(db, "2026-06-01", "w01", "WangFang", "zhaomin", NULL, T0, err, sizeof err), STAFF_OK);
    assert_int_equal(roster_set(db, "2026-06-01", "W03", "chenjing", "lisi", NULL, T0, err, sizeof err),
                     STAFF_E_NOT_ALLOWED); /* lisi may not serve W03 */
    assert_int_equal(roster_set(db, "2026-06-01", "W02", "zhaomin", "wangfang", "lizhang", T0 + 1, err, sizeof err),
                     STAFF_OK);
    assert_int_equal(roster_set(db, "2026-06-02", "W01", "lisi", "wangfang", NULL, T0, err, sizeof err), STAFF_OK);

    lines l = {0};
    assert_int_equal(roster_show(db, "2026-06-01", collect, &l, err, sizeof err), STAFF_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.lines[0].window, "W01");
    assert_string_equal(l.lines[0].window_name, "民政综合窗口");
    assert_string_equal(l.lines[0].a.code, "wangfang");
    assert_string_equal(l.lines[0].a.name, "王芳");
    assert_string_equal(l.lines[0].b.code, "zhaomin");
    assert_string_equal(l.lines[0].set_by, "");
    assert_int_equal(l.lines[0].updated_at, T0);
    assert_string_equal(l.lines[1].window, "W02");
    assert_string_equal(l.lines[1].a.code, "zhaomin");
    assert_string_equal(l.lines[1].set_by, "lizhang");

    roster_line r;
    assert_int_equal(roster_for(db, "2026-06-01", "W01", &r, err, sizeof err), STAFF_OK);
    assert_int_equal(r.a.num, num_of("wangfang"));
    assert_int_equal(r.b.num, num_of("zhaomin"));
    assert_true(r.a.active && r.b.active);
    assert_string_equal(r.day, "2026-06-01");
    assert_int_equal(roster_for(db, "2026-06-03", "W01", &r, err, sizeof err), STAFF_E_NOT_FOUND);
    assert_non_null(strstr(err, "2026-06-03"));
    assert_int_equal(roster_for(db, "2026-06-01", "W03", &r, err, sizeof err), STAFF_E_NOT_FOUND);
}

static void roster_numbers_start_a_handoff_day(void **state)
{
    (void)state;
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "wangfang", "zhaomin", NULL, T0, err, sizeof err), STAFF_OK);
    roster_line r;
    assert_int_equal(roster_for(db, "2026-06-01", "W01", &r, err, sizeof err), STAFF_OK);
    sched_day day = {true, true, 5, {{540, 720}, {870, 1050}}};
    handoff_state st;
    assert_int_equal(handoff_init(&st, r.a.num, r.b.num, &day), HO_OK);
    assert_true(handoff_on_roster(&st, num_of("wangfang")));
    assert_false(handoff_on_roster(&st, num_of("lisi")));
}

static void setting_again_replaces_and_keeps_history(void **state)
{
    (void)state;
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "wangfang", "zhaomin", NULL, T0, err, sizeof err), STAFF_OK);
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "wangfang", "lisi", "lizhang", T0 + 60000, err, sizeof err),
                     STAFF_OK);
    lines l = {0};
    assert_int_equal(roster_show(db, "2026-06-01", collect, &l, err, sizeof err), STAFF_OK);
    assert_int_equal(l.n, 1); /* one pair per window per date */
    assert_string_equal(l.lines[0].b.code, "lisi");
    assert_string_equal(l.lines[0].set_by, "lizhang");
    assert_int_equal(l.lines[0].updated_at, T0 + 60000);
    lines h = {0};
    assert_int_equal(roster_history(db, "2026-06-01", "w01", collect, &h, err, sizeof err), STAFF_OK);
    assert_int_equal(h.n, 2);
    assert_string_equal(h.lines[0].b.code, "zhaomin");
    assert_string_equal(h.lines[0].set_by, "");
    assert_int_equal(h.lines[0].updated_at, T0);
    assert_string_equal(h.lines[1].b.code, "lisi");
}

static void same_person_twice_is_refused(void **state)
{
    (void)state;
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "wangfang", "WANGFANG", NULL, T0, err, sizeof err),
                     STAFF_E_INPUT);
    assert_non_null(strstr(err, "two different people"));
    assert_int_equal(history_count("2026-06-01", "W01"), 0);
}

static void inactive_unknown_or_not_allowed_staff_is_refused(void **state)
{
    (void)state;
    assert_int_equal(staff_deactivate(db, "zhaomin", err, sizeof err), STAFF_OK);
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "wangfang", "zhaomin", NULL, T0, err, sizeof err),
                     STAFF_E_INACTIVE);
    assert_non_null(strstr(err, "B post"));
    assert_non_null(strstr(err, "zhaomin"));
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "ghost", "wangfang", NULL, T0, err, sizeof err),
                     STAFF_E_NOT_FOUND);
    assert_non_null(strstr(err, "ghost"));
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "wangfang", "chenjing", NULL, T0, err, sizeof err),
                     STAFF_E_NOT_ALLOWED);
    assert_non_null(strstr(err, "W01"));
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "wang fang", "lisi", NULL, T0, err, sizeof err),
                     STAFF_E_INPUT);
    assert_int_equal(history_count("2026-06-01", "W01"), 0);
}

static void unknown_window_or_setter_is_refused(void **state)
{
    (void)state;
    assert_int_equal(roster_set(db, "2026-06-01", "W09", "wangfang", "zhaomin", NULL, T0, err, sizeof err),
                     STAFF_E_NOT_FOUND);
    assert_non_null(strstr(err, "W09"));
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "wangfang", "zhaomin", "lisi", T0, err, sizeof err),
                     STAFF_E_NOT_ALLOWED); /* a clerk does not set the roster */
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "wangfang", "zhaomin", "ghost", T0, err, sizeof err),
                     STAFF_E_NOT_FOUND);
    assert_int_equal(history_count("2026-06-01", "W01"), 0);
}

static void dates_must_be_real(void **state)
{
    (void)state;
    const char *bad[] = {"2026-02-30", "2026-13-01", "2025-02-29", "20260601", "2026-6-1", "", "tomorrow"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(roster_set(db, bad[i], "W01", "wangfang", "zhaomin", NULL, T0, err, sizeof err),
                         STAFF_E_INPUT);
        assert_non_null(strstr(err, "not a real date"));
    }
    assert_int_equal(roster_set(db, NULL, "W01", "wangfang", "zhaomin", NULL, T0, err, sizeof err), STAFF_E_INPUT);
    lines l = {0};
    assert_int_equal(roster_show(db, "2026-02-30", collect, &l, err, sizeof err), STAFF_E_INPUT);
    roster_line r;
    assert_int_equal(roster_for(db, "2026-02-30", "W01", &r, err, sizeof err), STAFF_E_INPUT);
    assert_int_equal(roster_set(db, "2024-02-29", "W01", "wangfang", "zhaomin", NULL, T0, err, sizeof err), STAFF_OK);
}

static void a_later_deactivation_shows_on_the_roster(void **state)
{
    (void)state;
    assert_int_equal(roster_set(db, "2026-06-01", "W01", "wangfang", "zhaomin", NULL, T0, err, sizeof err), STAFF_OK);
    assert_int_equal(staff_deactivate(db, "zhaomin", err, sizeof err), STAFF_OK);
    store_close(db);
    db = store_open(path, err, sizeof err);
    assert_non_null(db);
    roster_line r;
    assert_int_equal(roster_for(db, "2026-06-01", "W01", &r, err, sizeof err), STAFF_OK);
    assert_true(r.a.active);
    assert_false(r.b.active);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(windows_are_added_listed_and_checked),
        T(set_then_show_and_fetch),
        T(roster_numbers_start_a_handoff_day),
        T(setting_again_replaces_and_keeps_history),
        T(same_person_twice_is_refused),
        T(inactive_unknown_or_not_allowed_staff_is_refused),
        T(unknown_window_or_setter_is_refused),
        T(dates_must_be_real),
        T(a_later_deactivation_shows_on_the_roster),
    };
    return cmocka_run_group_tests_name("roster", tests, NULL, NULL);
}
