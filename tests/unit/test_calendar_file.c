/* test_calendar_file.c - the shipped data/calendar/cn.ini (tests run from the
 * source tree root) checked against the State Council notices, and the
 * loader's handling of missing, broken, oversized and default files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/calendar.h"
#include "core/deadline.h"
#include "data/calendar_file.h"

#define SHIPPED "data/calendar/cn.ini"

static calendar cal;
static calfile_error err; /* several KiB: kept off the stack */

static gdate D(int y, int m, int d)
{
    gdate g = {y, m, d};
    return g;
}

static int load_shipped(void **state)
{
    (void)state;
    char msg[512];
    if (calfile_load(SHIPPED, &cal, &err) != CALFILE_OK) {
        fprintf(stderr, "%s\n", calfile_message(&err, NULL, msg, sizeof msg));
        return -1;
    }
    return 0;
}

static bool work(gdate d)
{
    bool w = false;
    assert_int_equal(cal_is_workday(&cal, d, &w, NULL), CAL_OK);
    return w;
}

static void assert_date(gdate got, gdate want)
{
    char a[DATE_STR_LEN], b[DATE_STR_LEN];
    assert_string_equal(date_format(got, a), date_format(want, b));
}

static gdate add(gdate d, int n)
{
    gdate out = {0, 0, 0};
    assert_int_equal(cal_add_workdays(&cal, d, n, &out, NULL), CAL_OK);
    return out;
}

/* Count the days of year y the file lists as kind. */
static int listed(int y, cal_day_kind kind)
{
    int n = 0;
    for (int i = 0; i < cal.nyears; i++)
        if (cal.years[i].year == y)
            for (int d = 0; d < 366; d++)
                n += cal.years[i].day[d] == kind;
    return n;
}

/* ---- the shipped file ------------------------------------------------------- */

static void ships_2024_2025_2026_with_their_notices(void **state)
{
    (void)state;
    int years[8];
    assert_int_equal(cal_years(&cal, years, 8), 3);
    assert_int_equal(years[0], 2024);
    assert_int_equal(years[1], 2025);
    assert_int_equal(years[2], 2026);
    assert_non_null(strstr(cal_source(&cal, 2024), "国办发明电〔2023〕7号"));
    assert_non_null(strstr(cal_source(&cal, 2025), "国办发明电〔2024〕12号"));
    assert_non_null(strstr(cal_source(&cal, 2026), "国务院办公厅关于2026年部分节假日安排的通知"));
}

static void day_counts_match_the_notices(void **state)
{
    (void)state;
    /* 2024: 1 + 8 + 3 + 5 + 1 + 3 + 7 days off; 8 make-up days. */
    assert_int_equal(listed(2024, CAL_DAY_HOLIDAY), 28);
    assert_int_equal(listed(2024, CAL_DAY_WORKDAY), 8);
    /* 2025: 1 + 8 + 3 + 5 + 3 + 8; 5 make-up days. */
    assert_int_equal(listed(2025, CAL_DAY_HOLIDAY), 28);
    assert_int_equal(listed(2025, CAL_DAY_WORKDAY), 5);
    /* 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7; 6 make-up days. */
    assert_int_equal(listed(2026, CAL_DAY_HOLIDAY), 33);
    assert_int_equal(listed(2026, CAL_DAY_WORKDAY), 6);
}

static void spring_festival_2026(void **state)
{
    (void)state;
    assert_true(work(D(2026, 2, 14)));  /* Saturday, 上班 */
    assert_true(work(D(2026, 2, 28)));  /* Saturday, 上班 */
    assert_false(work(D(2026, 2, 16))); /* Monday, 春节 */
    assert_false(work(D(2026, 2, 23))); /* Monday, 正月初七, last day off */
    assert_true(work(D(2026, 2, 24)));
    /* Friday 13th + 2: the make-up Saturday, then the 24th after the holiday */
    assert_date(add(D(2026, 2, 13), 2), D(2026, 2, 24));
}

static void new_year_and_national_day_2026(void **state)
{
    (void)state;
    assert_true(work(D(2026, 1, 4)));   /* Sunday, 元旦 调休 */
    assert_false(work(D(2026, 1, 2)));  /* Friday, 元旦 */
    assert_true(work(D(2026, 9, 20)));  /* Sunday, 国庆 调休 */
    assert_false(work(D(2026, 9, 25))); /* Friday, 中秋 */
    assert_true(work(D(2026, 10, 10))); /* Saturday, 上班 */
    assert_false(work(D(2026, 10, 7))); /* Wednesday, 国庆 */
    assert_false(work(D(2026, 11, 22))); /* an ordinary Sunday */
    assert_true(work(D(2026, 5, 9)));   /* Saturday, 劳动节 调休 */
}

static void national_day_week_deadline_2026(void **state)
{
    (void)state;
    /* Accepted Tuesday 2026-09-29, 5 working days: 30 Sep (1), 1-7 Oct off,
     * 8 (2), 9 (3), Saturday 10 (4, make-up), 12 (5). */
    assert_date(add(D(2026, 9, 29), 5), D(2026, 10, 12));
    dl_case c = {.accepted = D(2026, 9, 29), .limit = 5};
    gdate due;
    assert_int_equal(dl_due(&cal, &c, &due, NULL), DL_OK);
    assert_date(due, D(2026, 10, 12));
}

static void years_2024_and_2025(void **state)
{
    (void)state;
    assert_false(work(D(2025, 1, 1)));  /* Wednesday, 元旦, 不调休 */
    assert_true(work(D(2025, 1, 2)));
    assert_true(work(D(2025, 1, 26)));  /* Sunday, 上班 */
    assert_false(work(D(2025, 10, 8))); /* Wednesday, 国庆+中秋 8 days */
    assert_true(work(D(2025, 10, 11))); /* Saturday, 上班 */
    assert_true(work(D(2024, 2, 9)));   /* 除夕 2024: only "encouraged" to rest, a working day */
    assert_true(work(D(2024, 5, 11)));  /* Saturday, 上班 */
    assert_false(work(D(2024, 6, 10))); /* Monday, 端午 */
    /* across the year end: Tuesday 2024-12-31 + 1 skips 元旦 2025 */
    assert_date(add(D(2024, 12, 31), 1), D(2025, 1, 2));
}

static void year_2027_is_not_loaded(void **state)
{
    (void)state;
    bool w;
    gdate out;
    int missing = 0;
    char msg[64];
    assert_int_equal(cal_is_workday(&cal, D(2027, 1, 4), &w, &missing), CAL_NOT_LOADED);
    assert_int_equal(missing, 2027);
    snprintf(msg, sizeof msg, cal_status_reason(CAL_NOT_LOADED), missing);
    assert_string_equal(msg, "calendar for 2027 not loaded");
    missing = 0;
    assert_int_equal(cal_add_workdays(&cal, D(2026, 12, 28), 10, &out, &missing), CAL_NOT_LOADED);
    assert_int_equal(missing, 2027);
    missing = 0;
    assert_int_equal(cal_is_workday(&cal, D(2023, 12, 29), &w, &missing), CAL_NOT_LOADED);
    assert_int_equal(missing, 2023);
}

/* ---- the loader ------------------------------------------------------------------ */

static char tmpdir[64];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int make_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/guichet-calfile-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    char path[128];
    const char *names[] = {"bad.ini", "big.ini", "calendar/cn.ini"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/calendar", tmpdir);
    rmdir(path);
    return rmdir(tmpdir);
}

static void broken_file_names_file_and_line_and_keeps_the_calendar(void **state)
{
    (void)state;
    char path[128], msg[512], want[256];
    snprintf(path, sizeof path, "%s/bad.ini", tmpdir);
    write_file(path, "[2026]\nholidays = 2026-02-30\nworkdays =\n");
    assert_int_equal(calfile_load(path, &cal, &err), CALFILE_PARSE);
    assert_int_equal(err.parse.line, 2);
    snprintf(want, sizeof want, "%s:2: 2026-02-30 is not a real date", path);
    assert_string_equal(calfile_message(&err, NULL, msg, sizeof msg), want);
    assert_true(cal_has_year(&cal, 2024)); /* the loaded calendar is untouched */
    assert_true(cal_has_year(&cal, 2026));
}

static const char *shout(const char *msgid)
{
    return strcmp(msgid, "%s is not a real date") == 0 ? "%s 不是真实日期" : msgid;
}

static void messages_go_through_the_translator(void **state)
{
    (void)state;
    char path[128], msg[512], want[256];
    snprintf(path, sizeof path, "%s/bad.ini", tmpdir);
    write_file(path, "[2026]\nholidays = 2026-02-30\n");
    assert_int_equal(calfile_load(path, &cal, &err), CALFILE_PARSE);
    snprintf(want, sizeof want, "%s:2: 2026-02-30 不是真实日期", path);
    assert_string_equal(calfile_message(&err, shout, msg, sizeof msg), want);
}

static void missing_file_is_named(void **state)
{
    (void)state;
    char msg[512];
    assert_int_equal(calfile_load("data/calendar/nope.ini", &cal, &err), CALFILE_OPEN);
    assert_string_equal(calfile_message(&err, NULL, msg, sizeof msg),
                        "data/calendar/nope.ini: cannot open the calendar file (No such file or directory)");
    assert_true(cal_has_year(&cal, 2025));
}

static void oversized_file_is_refused(void **state)
{
    (void)state;
    char path[128], msg[512];
    snprintf(path, sizeof path, "%s/big.ini", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("[2026]\n", f);
    assert_int_equal(ftruncate(fileno(f), CALFILE_MAX_BYTES + 1), 0);
    fclose(f);
    assert_int_equal(calfile_load(path, &cal, &err), CALFILE_TOO_LARGE);
    assert_non_null(strstr(calfile_message(&err, NULL, msg, sizeof msg), "larger than 1 MiB"));
    assert_non_null(strstr(msg, path));
}

static void a_directory_is_a_read_error(void **state)
{
    (void)state;
    char msg[512];
    assert_int_equal(calfile_load("data/calendar", &cal, &err), CALFILE_READ);
    assert_string_equal(calfile_message(&err, NULL, msg, sizeof msg),
                        "data/calendar: cannot read the calendar file (Is a directory)");
    assert_true(cal_has_year(&cal, 2026));
}

static void default_path_uses_guichet_datadir(void **state)
{
    (void)state;
    char cwd[512], dir[600], path[PATH_MAX], want[700];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(dir, sizeof dir, "%s/data", cwd);
    setenv("GUICHET_DATADIR", dir, 1);
    assert_int_equal(calfile_default_path(path, sizeof path, &err), CALFILE_OK);
    snprintf(want, sizeof want, "%s/data/calendar/cn.ini", cwd);
    assert_string_equal(path, want);
    calendar *fresh = malloc(sizeof *fresh);
    assert_non_null(fresh);
    assert_int_equal(calfile_load_default(fresh, &err), CALFILE_OK);
    assert_true(cal_has_year(fresh, 2026));
    free(fresh);
    unsetenv("GUICHET_DATADIR");
}

static void default_path_reports_every_place_tried(void **state)
{
    (void)state;
    char msg[sizeof err.tried + 128], path[PATH_MAX], beside[PATH_MAX + 64], want[PATH_MAX * 3];
    if (access("/usr/share/guichet/calendar/cn.ini", F_OK) == 0)
        skip(); /* an installed copy would be found; nothing to report */
    char empty[128];
    snprintf(empty, sizeof empty, "%s/empty", tmpdir);
    setenv("GUICHET_DATADIR", empty, 1);
    /* the test binary lives in <build>/tests/, so <exe dir>/../data is <build>/data: absent */
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    assert_true(n > 0);
    path[n] = '\0';
    *strrchr(path, '/') = '\0';
    snprintf(beside, sizeof beside, "%s/../data/calendar/cn.ini", path);
    assert_int_equal(calfile_default_path(path, sizeof path, &err), CALFILE_NOT_FOUND);
    assert_int_equal(err.ntried, 3);
    snprintf(want, sizeof want, "no calendar file found; tried: %s/calendar/cn.ini, %s, %s", empty, beside,
             "/usr/share/guichet/calendar/cn.ini");
    assert_string_equal(calfile_message(&err, NULL, msg, sizeof msg), want);
    assert_int_equal(calfile_load_default(&cal, &err), CALFILE_NOT_FOUND);
    assert_true(cal_has_year(&cal, 2024)); /* still the calendar loaded before */
    unsetenv("GUICHET_DATADIR");
}

static void datadir_with_its_own_calendar_wins(void **state)
{
    (void)state;
    char dir[128], path[160];
    snprintf(dir, sizeof dir, "%s/calendar", tmpdir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/cn.ini", dir);
    write_file(path, "[2030]\n");
    setenv("GUICHET_DATADIR", tmpdir, 1);
    calendar *site = malloc(sizeof *site);
    assert_non_null(site);
    assert_int_equal(calfile_load_default(site, &err), CALFILE_OK);
    assert_true(cal_has_year(site, 2030));
    assert_false(cal_has_year(site, 2026));
    free(site);
    unsetenv("GUICHET_DATADIR");
}

int main(void)
{
    const struct CMUnitTest shipped[] = {
        cmocka_unit_test(ships_2024_2025_2026_with_their_notices),
        cmocka_unit_test(day_counts_match_the_notices),
        cmocka_unit_test(spring_festival_2026),
        cmocka_unit_test(new_year_and_national_day_2026),
        cmocka_unit_test(national_day_week_deadline_2026),
        cmocka_unit_test(years_2024_and_2025),
        cmocka_unit_test(year_2027_is_not_loaded),
    };
    const struct CMUnitTest loader[] = {
        cmocka_unit_test_setup(broken_file_names_file_and_line_and_keeps_the_calendar, load_shipped),
        cmocka_unit_test(messages_go_through_the_translator),
        cmocka_unit_test_setup(missing_file_is_named, load_shipped),
        cmocka_unit_test(oversized_file_is_refused),
        cmocka_unit_test_setup(a_directory_is_a_read_error, load_shipped),
        cmocka_unit_test(default_path_uses_guichet_datadir),
        cmocka_unit_test_setup(default_path_reports_every_place_tried, load_shipped),
        cmocka_unit_test(datadir_with_its_own_calendar_wins),
    };
    int failed = cmocka_run_group_tests_name("calendar file (shipped cn.ini)", shipped, load_shipped, NULL);
    failed += cmocka_run_group_tests_name("calendar file loader", loader, make_tmpdir, remove_tmpdir);
    return failed;
}
