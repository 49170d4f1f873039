/* test_calendar.c - the working-day calendar: parsing the cn.ini text (good
 * text, and every error with its line number) and working-day arithmetic on
 * small hand-made calendars. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/calendar.h"

static calendar cal; /* 56 KiB: kept off the stack */

static gdate D(int y, int m, int d)
{
    gdate g = {y, m, d};
    return g;
}

static cal_parse_code parse(const char *text, cal_error *err)
{
    return cal_parse(&cal, text, strlen(text), "cn.ini", err);
}

/* Parse text that must fail; check the code and the full message. */
static void expect_error(const char *text, cal_parse_code code, const char *message)
{
    cal_error err;
    char buf[256];
    assert_int_equal(parse(text, &err), code);
    assert_int_equal(err.code, code);
    assert_string_equal(cal_error_format(&err, NULL, buf, sizeof buf), message);
    assert_int_equal(cal_years(&cal, NULL, 0), 0); /* a refused text leaves no year loaded */
}

static void load(const char *text)
{
    cal_error err;
    char buf[256];
    cal_parse_code rc = parse(text, &err);
    if (rc != CAL_PARSE_OK)
        fail_msg("%s", cal_error_format(&err, NULL, buf, sizeof buf));
}

static bool work(gdate d)
{
    bool w = false;
    assert_int_equal(cal_is_workday(&cal, d, &w, NULL), CAL_OK);
    return w;
}

static gdate add(gdate d, int n)
{
    gdate out = {0, 0, 0};
    assert_int_equal(cal_add_workdays(&cal, d, n, &out, NULL), CAL_OK);
    return out;
}

static void assert_date(gdate got, gdate want)
{
    char a[DATE_STR_LEN], b[DATE_STR_LEN];
    assert_string_equal(date_format(got, a), date_format(want, b));
}

/* ---- parsing good text --------------------------------------------------- */

static void parses_sections_lists_ranges_and_continuations(void **state)
{
    (void)state;
    load("; comment\n"
         "# another comment\n"
         "\n"
         "[2026]\n"
         "source   = 国务院办公厅关于2026年部分节假日安排的通知\n"
         "holidays = 2026-01-01..2026-01-03,\n"
         "; a comment inside a continued list\n"
         "           2026-02-15 .. 2026-02-23 , 2026-06-19\n"
         "workdays = 2026-01-04, 2026-02-14\n"
         "[2025]\n"
         "holidays =\n"
         "workdays =\n");
    int years[4];
    assert_int_equal(cal_years(&cal, years, 4), 2);
    assert_int_equal(years[0], 2025); /* sorted, whatever the file order */
    assert_int_equal(years[1], 2026);
    assert_string_equal(cal_source(&cal, 2026), "国务院办公厅关于2026年部分节假日安排的通知");
    assert_string_equal(cal_source(&cal, 2025), "");
    assert_null(cal_source(&cal, 2024));
    assert_false(work(D(2026, 1, 2)));  /* Friday in a range */
    assert_true(work(D(2026, 1, 4)));   /* Sunday, make-up working day */
    assert_false(work(D(2026, 2, 15))); /* range written with spaces around ".." */
    assert_false(work(D(2026, 2, 23)));
    assert_true(work(D(2026, 2, 24)));
    assert_false(work(D(2026, 6, 19))); /* single date after a range on a continued line */
    assert_true(work(D(2025, 1, 1)));   /* [2025] with empty lists: a plain Wednesday */
}

static void section_without_keys_still_loads_its_year(void **state)
{
    (void)state;
    load("[2031]\n");
    assert_true(cal_has_year(&cal, 2031));
    assert_false(cal_has_year(&cal, 2030));
    assert_true(work(D(2031, 1, 1)));  /* a Wednesday, nothing listed */
    assert_false(work(D(2031, 1, 4))); /* a Saturday */
}

static void accepts_crlf_bom_and_single_day_range(void **state)
{
    (void)state;
    load("\xEF\xBB\xBF[2026]\r\nholidays = 2026-06-19..2026-06-19\r\nworkdays = 2026-09-20\r\n");
    assert_false(work(D(2026, 6, 19)));
    assert_true(work(D(2026, 9, 20)));
}

static void translated_format_keeps_file_line_and_token(void **state)
{
    (void)state;
    cal_error err;
    char buf[128];
    assert_int_equal(parse("[2026]\nholidays = 2026-02-30\n", &err), CAL_PARSE_NOT_REAL_DATE);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.token, "2026-02-30");
    assert_string_equal(cal_error_format(&err, "%s 不是真实日期", buf, sizeof buf),
                        "cn.ini:2: 2026-02-30 不是真实日期");
    /* a short buffer truncates but stays terminated */
    assert_string_equal(cal_error_format(&err, NULL, buf, 9), "cn.ini:2");
}

static void long_file_name_keeps_its_end(void **state)
{
    (void)state;
    char name[400];
    memset(name, 'd', sizeof name);
    memcpy(name + sizeof name - 8, "/cn.ini", 8);
    cal_error err;
    assert_int_equal(cal_parse(&cal, "[2026", 5, name, &err), CAL_PARSE_BAD_SECTION);
    size_t n = strlen(err.file);
    assert_true(n < CAL_FILE_MAX);
    assert_string_equal(err.file + n - 7, "/cn.ini");
}

/* ---- every parse error, with its line -------------------------------------- */

static void error_not_a_real_date_on_line_14(void **state)
{
    (void)state;
    /* The example of the brief: "cn.ini:14: 2026-02-30 is not a real date". */
    expect_error("; 1\n; 2\n; 3\n; 4\n; 5\n; 6\n; 7\n; 8\n; 9\n; 10\n; 11\n"
                 "[2026]\n"
                 "source = test\n"
                 "holidays = 2026-01-01, 2026-02-30\n",
                 CAL_PARSE_NOT_REAL_DATE, "cn.ini:14: 2026-02-30 is not a real date");
    expect_error("[2025]\nholidays = 2025-02-29\n", CAL_PARSE_NOT_REAL_DATE,
                 "cn.ini:2: 2025-02-29 is not a real date");
}

static void error_no_year_section(void **state)
{
    (void)state;
    expect_error("; nothing but a comment\n", CAL_PARSE_NO_YEARS,
                 "cn.ini: no year section such as [2026] in the file");
    expect_error("", CAL_PARSE_NO_YEARS, "cn.ini: no year section such as [2026] in the file");
}

static void error_bad_section(void **state)
{
    (void)state;
    expect_error("[2026]\n[26]\n", CAL_PARSE_BAD_SECTION,
                 "cn.ini:2: [26] is not a year section (write [YYYY], e.g. [2026])");
    expect_error("[2026\n", CAL_PARSE_BAD_SECTION,
                 "cn.ini:1: [2026 is not a year section (write [YYYY], e.g. [2026])");
    expect_error("\n[year]\n", CAL_PARSE_BAD_SECTION,
                 "cn.ini:2: [year] is not a year section (write [YYYY], e.g. [2026])");
    expect_error("[0000]\n", CAL_PARSE_BAD_SECTION,
                 "cn.ini:1: [0000] is not a year section (write [YYYY], e.g. [2026])");
}

static void error_duplicate_section(void **state)
{
    (void)state;
    expect_error("[2026]\n[2025]\n[2026]\n", CAL_PARSE_DUP_SECTION, "cn.ini:3: year [2026] appears twice");
}

static void error_too_many_years(void **state)
{
    (void)state;
    char text[65 * 8 + 1];
    size_t at = 0;
    for (int y = 2000; y < 2000 + CAL_MAX_YEARS + 1; y++)
        at += (size_t)snprintf(text + at, sizeof text - at, "[%d]\n", y);
    cal_error err;
    assert_int_equal(parse(text, &err), CAL_PARSE_TOO_MANY_YEARS);
    assert_int_equal(err.line, CAL_MAX_YEARS + 1);
    assert_string_equal(err.token, "2064");
    text[at - 7] = '\0'; /* drop the 65th: 64 years load */
    load(text);
    assert_int_equal(cal_years(&cal, NULL, 0), CAL_MAX_YEARS);
}

static void error_bad_line(void **state)
{
    (void)state;
    expect_error("[2026]\nholidays 2026-01-01\n", CAL_PARSE_BAD_LINE,
                 "cn.ini:2: 'holidays 2026-01-01' is not a comment, a [YYYY] section or key = value");
}

static void error_nul_byte(void **state)
{
    (void)state;
    cal_error err;
    static const char text[] = "[2026]\nworkdays =\nholi\0days =\n";
    assert_int_equal(cal_parse(&cal, text, sizeof text - 1, "cn.ini", &err), CAL_PARSE_NUL_BYTE);
    assert_int_equal(err.line, 3);
}

static void error_key_outside_section(void **state)
{
    (void)state;
    expect_error("holidays = 2026-01-01\n[2026]\n", CAL_PARSE_KEY_OUTSIDE,
                 "cn.ini:1: key 'holidays' comes before the first [YYYY] section");
}

static void error_unknown_key(void **state)
{
    (void)state;
    expect_error("[2026]\nworkdays =\nholiday = 2026-01-01\n", CAL_PARSE_UNKNOWN_KEY,
                 "cn.ini:3: unknown key 'holiday' (known: source, holidays, workdays)");
    expect_error("[2026]\nHolidays = 2026-01-01\n", CAL_PARSE_UNKNOWN_KEY,
                 "cn.ini:2: unknown key 'Holidays' (known: source, holidays, workdays)");
}

static void error_duplicate_key(void **state)
{
    (void)state;
    expect_error("[2026]\nworkdays = 2026-01-04\nworkdays = 2026-02-14\n", CAL_PARSE_DUP_KEY,
                 "cn.ini:3: key 'workdays' appears twice in the same year");
}

static void error_source_too_long(void **state)
{
    (void)state;
    char text[700];
    memset(text, 'x', sizeof text);
    memcpy(text, "[2026]\nsource = ", 16);
    text[sizeof text - 1] = '\0';
    expect_error(text, CAL_PARSE_SOURCE_TOO_LONG, "cn.ini:2: the source line is longer than 511 bytes");
}

static void error_empty_item(void **state)
{
    (void)state;
    expect_error("[2026]\nholidays = 2026-01-01,,2026-01-02\n", CAL_PARSE_EMPTY_ITEM,
                 "cn.ini:2: empty entry in the list '2026-01-01,,2026-01-02' (two commas in a row?)");
    expect_error("[2026]\nworkdays = ,\n", CAL_PARSE_EMPTY_ITEM,
                 "cn.ini:2: empty entry in the list ',' (two commas in a row?)");
}

static void error_dangling_comma(void **state)
{
    (void)state;
    expect_error("[2026]\nholidays = 2026-01-01,\n\n[2027]\n", CAL_PARSE_DANGLING_COMMA,
                 "cn.ini:2: the holidays list ends with a comma but no date follows");
    expect_error("[2026]\nholidays = 2026-01-01,\nworkdays = 2026-01-04\n", CAL_PARSE_DANGLING_COMMA,
                 "cn.ini:2: the holidays list ends with a comma but no date follows");
    expect_error("[2026]\nworkdays = 2026-01-04,\n; end\n", CAL_PARSE_DANGLING_COMMA,
                 "cn.ini:2: the workdays list ends with a comma but no date follows");
}

static void error_bad_date_shape(void **state)
{
    (void)state;
    expect_error("[2026]\nholidays = 2026-1-1\n", CAL_PARSE_BAD_DATE_SHAPE,
                 "cn.ini:2: '2026-1-1' is not a date (write YYYY-MM-DD, ranges as YYYY-MM-DD..YYYY-MM-DD)");
    expect_error("[2026]\nholidays = 2026-01-01，2026-01-02\n", CAL_PARSE_BAD_DATE_SHAPE,
                 "cn.ini:2: '2026-01-01，2026-01-02' is not a date (write YYYY-MM-DD, ranges as "
                 "YYYY-MM-DD..YYYY-MM-DD)");
    expect_error("[2026]\nholidays = 2026-02-15..\n", CAL_PARSE_BAD_DATE_SHAPE,
                 "cn.ini:2: '2026-02-15..' is not a date (write YYYY-MM-DD, ranges as YYYY-MM-DD..YYYY-MM-DD)");
}

static void error_date_outside_its_year(void **state)
{
    (void)state;
    expect_error("[2026]\nholidays = 2026-12-31..2027-01-01\n", CAL_PARSE_WRONG_YEAR,
                 "cn.ini:2: 2027-01-01 is not in the year of its section [2026]");
    expect_error("[2026]\nworkdays =\n[2027]\nworkdays = 2026-02-14\n", CAL_PARSE_WRONG_YEAR,
                 "cn.ini:4: 2026-02-14 is not in the year of its section [2027]");
}

static void error_range_reversed(void **state)
{
    (void)state;
    expect_error("[2026]\nholidays = 2026-02-23..2026-02-15\n", CAL_PARSE_RANGE_REVERSED,
                 "cn.ini:2: range 2026-02-23..2026-02-15 ends before it starts");
}

static void error_date_listed_twice(void **state)
{
    (void)state;
    expect_error("[2026]\nholidays = 2026-01-01..2026-01-03,\n  2026-01-03\n", CAL_PARSE_DUP_DATE,
                 "cn.ini:3: 2026-01-03 is listed twice");
    expect_error("[2026]\nholidays = 2026-10-01..2026-10-07, 2026-10-05..2026-10-08\n", CAL_PARSE_DUP_DATE,
                 "cn.ini:2: 2026-10-05 is listed twice");
}

static void error_holiday_that_is_also_a_workday(void **state)
{
    (void)state;
    expect_error("[2026]\nholidays = 2026-02-14..2026-02-15\nworkdays = 2026-02-14\n",
                 CAL_PARSE_HOLIDAY_AND_WORKDAY,
                 "cn.ini:3: 2026-02-14 is listed both as a holiday and as a make-up working day");
    /* the other order: the workdays line comes first */
    expect_error("[2026]\nworkdays = 2026-02-14\nholidays = 2026-02-14..2026-02-23\n",
                 CAL_PARSE_HOLIDAY_AND_WORKDAY,
                 "cn.ini:3: 2026-02-14 is listed both as a holiday and as a make-up working day");
}

static void error_makeup_day_on_a_weekday(void **state)
{
    (void)state;
    expect_error("[2026]\nworkdays = 2026-02-14, 2026-02-27\n", CAL_PARSE_WORKDAY_NOT_WEEKEND,
                 "cn.ini:2: 2026-02-27 is a weekday; a make-up working day must be a Saturday or Sunday");
}

static void every_code_has_a_specific_reason(void **state)
{
    (void)state;
    for (int c = CAL_PARSE_NO_YEARS; c <= CAL_PARSE_WORKDAY_NOT_WEEKEND; c++)
        assert_string_not_equal(cal_parse_reason((cal_parse_code)c), "unknown calendar file error");
}

/* ---- arithmetic on hand-made calendars ---------------------------------- */

static void monday_plus_one_is_tuesday_friday_plus_one_is_monday(void **state)
{
    (void)state;
    load("[2026]\n"); /* no special days: only weekends rest */
    assert_date(add(D(2026, 1, 5), 1), D(2026, 1, 6));  /* Monday -> Tuesday */
    assert_date(add(D(2026, 1, 9), 1), D(2026, 1, 12)); /* Friday -> Monday */
    assert_date(add(D(2026, 1, 10), 1), D(2026, 1, 12)); /* Saturday -> Monday */
    assert_date(add(D(2026, 1, 5), 5), D(2026, 1, 12));
    assert_date(add(D(2026, 1, 5), 0), D(2026, 1, 5));  /* n = 0: the same date */
    assert_date(add(D(2026, 1, 10), 0), D(2026, 1, 10)); /* even on a rest day */
}

static void holidays_skip_and_makeup_days_count(void **state)
{
    (void)state;
    load("[2026]\nholidays = 2026-03-10..2026-03-12\nworkdays = 2026-03-14\n");
    assert_true(work(D(2026, 3, 9)));   /* Monday */
    assert_false(work(D(2026, 3, 11))); /* Wednesday, holiday */
    assert_true(work(D(2026, 3, 14)));  /* Saturday, make-up */
    assert_false(work(D(2026, 3, 15))); /* Sunday */
    assert_false(work(D(2026, 3, 21))); /* an ordinary Saturday */
    assert_date(add(D(2026, 3, 9), 1), D(2026, 3, 13));
    assert_date(add(D(2026, 3, 9), 2), D(2026, 3, 14));
    assert_date(add(D(2026, 3, 9), 3), D(2026, 3, 16));
}

static void crosses_from_one_loaded_year_to_the_next(void **state)
{
    (void)state;
    load("[2025]\n[2026]\nholidays = 2026-01-01..2026-01-03\n");
    assert_date(add(D(2025, 12, 31), 1), D(2026, 1, 5)); /* Wednesday -> Monday after 元旦 */
}

static void year_not_loaded_is_an_error_carrying_the_year(void **state)
{
    (void)state;
    load("[2024]\n[2026]\n");
    bool w;
    gdate out;
    int missing = 0;
    assert_int_equal(cal_is_workday(&cal, D(2027, 1, 4), &w, &missing), CAL_NOT_LOADED);
    assert_int_equal(missing, 2027);
    char msg[64];
    snprintf(msg, sizeof msg, cal_status_reason(CAL_NOT_LOADED), missing);
    assert_string_equal(msg, "calendar for 2027 not loaded");
    /* running off the end of the last loaded year */
    missing = 0;
    assert_int_equal(cal_add_workdays(&cal, D(2026, 12, 28), 10, &out, &missing), CAL_NOT_LOADED);
    assert_int_equal(missing, 2027);
    /* a gap between loaded years is no guess either */
    missing = 0;
    assert_int_equal(cal_add_workdays(&cal, D(2024, 12, 30), 2, &out, &missing), CAL_NOT_LOADED);
    assert_int_equal(missing, 2025);
    /* the starting day must be covered, even for n = 0 */
    missing = 0;
    assert_int_equal(cal_add_workdays(&cal, D(2023, 12, 29), 0, &out, &missing), CAL_NOT_LOADED);
    assert_int_equal(missing, 2023);
    missing = 0;
    int n;
    assert_int_equal(cal_workdays_between(&cal, D(2024, 12, 1), D(2026, 1, 10), &n, &missing), CAL_NOT_LOADED);
    assert_int_equal(missing, 2025);
    /* a NULL missing_year is allowed */
    assert_int_equal(cal_is_workday(&cal, D(2030, 1, 1), &w, NULL), CAL_NOT_LOADED);
}

static void bad_arguments_are_refused(void **state)
{
    (void)state;
    load("[2026]\n");
    bool w;
    gdate out;
    int n;
    assert_int_equal(cal_is_workday(&cal, D(2026, 2, 30), &w, NULL), CAL_BAD_DATE);
    assert_int_equal(cal_add_workdays(&cal, D(2026, 13, 1), 1, &out, NULL), CAL_BAD_DATE);
    assert_int_equal(cal_add_workdays(&cal, D(2026, 1, 5), -1, &out, NULL), CAL_BAD_COUNT);
    assert_int_equal(cal_workdays_between(&cal, D(2026, 1, 5), D(2026, 4, 31), &n, NULL), CAL_BAD_DATE);
    /* a huge n stops at the end of the loaded years, it does not loop */
    int missing = 0;
    assert_int_equal(cal_add_workdays(&cal, D(2026, 1, 5), 1000000, &out, &missing), CAL_NOT_LOADED);
    assert_int_equal(missing, 2027);
}

static void workdays_between_counts_after_a_up_to_b(void **state)
{
    (void)state;
    load("[2026]\nholidays = 2026-03-10..2026-03-12\nworkdays = 2026-03-14\n");
    int n = -99;
    assert_int_equal(cal_workdays_between(&cal, D(2026, 3, 2), D(2026, 3, 6), &n, NULL), CAL_OK);
    assert_int_equal(n, 4); /* Tue..Fri: the Monday itself is not counted */
    assert_int_equal(cal_workdays_between(&cal, D(2026, 3, 6), D(2026, 3, 6), &n, NULL), CAL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(cal_workdays_between(&cal, D(2026, 3, 6), D(2026, 3, 2), &n, NULL), CAL_OK);
    assert_int_equal(n, -4); /* b before a: negative */
    assert_int_equal(cal_workdays_between(&cal, D(2026, 3, 9), D(2026, 3, 16), &n, NULL), CAL_OK);
    assert_int_equal(n, 3); /* 13 (Fri), 14 (make-up Sat), 16 (Mon) */
    /* the inverse of add: add(a, k) = b  =>  between(a, b) = k */
    for (int k = 1; k <= 40; k++) {
        gdate b = add(D(2026, 3, 4), k);
        assert_int_equal(cal_workdays_between(&cal, D(2026, 3, 4), b, &n, NULL), CAL_OK);
        assert_int_equal(n, k);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_sections_lists_ranges_and_continuations),
        cmocka_unit_test(section_without_keys_still_loads_its_year),
        cmocka_unit_test(accepts_crlf_bom_and_single_day_range),
        cmocka_unit_test(translated_format_keeps_file_line_and_token),
        cmocka_unit_test(long_file_name_keeps_its_end),
        cmocka_unit_test(error_not_a_real_date_on_line_14),
        cmocka_unit_test(error_no_year_section),
        cmocka_unit_test(error_bad_section),
        cmocka_unit_test(error_duplicate_section),
        cmocka_unit_test(error_too_many_years),
        cmocka_unit_test(error_bad_line),
        cmocka_unit_test(error_nul_byte),
        cmocka_unit_test(error_key_outside_section),
        cmocka_unit_test(error_unknown_key),
        cmocka_unit_test(error_duplicate_key),
        cmocka_unit_test(error_source_too_long),
        cmocka_unit_test(error_empty_item),
        cmocka_unit_test(error_dangling_comma),
        cmocka_unit_test(error_bad_date_shape),
        cmocka_unit_test(error_date_outside_its_year),
        cmocka_unit_test(error_range_reversed),
        cmocka_unit_test(error_date_listed_twice),
        cmocka_unit_test(error_holiday_that_is_also_a_workday),
        cmocka_unit_test(error_makeup_day_on_a_weekday),
        cmocka_unit_test(every_code_has_a_specific_reason),
        cmocka_unit_test(monday_plus_one_is_tuesday_friday_plus_one_is_monday),
        cmocka_unit_test(holidays_skip_and_makeup_days_count),
        cmocka_unit_test(crosses_from_one_loaded_year_to_the_next),
        cmocka_unit_test(year_not_loaded_is_an_error_carrying_the_year),
        cmocka_unit_test(bad_arguments_are_refused),
        cmocka_unit_test(workdays_between_counts_after_a_up_to_b),
    };
    return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
