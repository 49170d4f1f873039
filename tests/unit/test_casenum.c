/* test_casenum.c - case numbers: format, parse, and what is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/casenum.h"

static casenum_parts parts(const char *centre, const char *terminal, int y, int m, int d, int seq)
{
    casenum_parts p;
    memset(&p, 0, sizeof p);
    strcpy(p.centre, centre);
    strcpy(p.terminal, terminal);
    p.day = (gdate){y, m, d};
    p.seq = seq;
    return p;
}

static void formats_the_documented_shape(void **state)
{
    (void)state;
    char buf[CASENUM_LEN];
    casenum_parts p = parts("511425", "T03", 2026, 11, 23, 7);
    assert_int_equal(casenum_format(&p, buf), CASENUM_OK);
    assert_string_equal(buf, "511425-T03-20261123-0007");
    p = parts("ABCDEFGHIJKL", "ZZZZZZ", 2026, 12, 31, 9999);
    assert_int_equal(casenum_format(&p, buf), CASENUM_OK);
    assert_string_equal(buf, "ABCDEFGHIJKL-ZZZZZZ-20261231-9999");
    assert_int_equal(strlen(buf) + 1, CASENUM_LEN);
}

static void parse_round_trips_and_accepts_lowercase(void **state)
{
    (void)state;
    casenum_parts p;
    assert_int_equal(casenum_parse("511425-t03-20261123-0007", &p), CASENUM_OK);
    assert_string_equal(p.centre, "511425");
    assert_string_equal(p.terminal, "T03");
    assert_int_equal(p.day.y, 2026);
    assert_int_equal(p.day.m, 11);
    assert_int_equal(p.day.d, 23);
    assert_int_equal(p.seq, 7);
    char buf[CASENUM_LEN];
    assert_int_equal(casenum_format(&p, buf), CASENUM_OK);
    assert_string_equal(buf, "511425-T03-20261123-0007");
}

static void bad_parts_are_refused_with_their_reason(void **state)
{
    (void)state;
    char buf[CASENUM_LEN];
    casenum_parts p = parts("", "T03", 2026, 11, 23, 1);
    assert_int_equal(casenum_format(&p, buf), CASENUM_BAD_CENTRE);
    p = parts("5114 25", "T03", 2026, 11, 23, 1);
    assert_int_equal(casenum_format(&p, buf), CASENUM_BAD_CENTRE);
    p = parts("511425", "T-3", 2026, 11, 23, 1);
    assert_int_equal(casenum_format(&p, buf), CASENUM_BAD_TERMINAL);
    p = parts("511425", "T03", 2026, 2, 29, 1);
    assert_int_equal(casenum_format(&p, buf), CASENUM_BAD_DATE);
    p = parts("511425", "T03", 2026, 11, 23, 0);
    assert_int_equal(casenum_format(&p, buf), CASENUM_BAD_SEQ);
    p = parts("511425", "T03", 2026, 11, 23, 10000);
    assert_int_equal(casenum_format(&p, buf), CASENUM_BAD_SEQ);
}

static void malformed_numbers_are_refused(void **state)
{
    (void)state;
    casenum_parts p;
    assert_int_equal(casenum_parse("511425-T03-20261123", &p), CASENUM_BAD_SHAPE);
    assert_int_equal(casenum_parse("511425-T03-2026112-00071", &p), CASENUM_BAD_SHAPE);
    assert_int_equal(casenum_parse("511425-T03-20261123-007", &p), CASENUM_BAD_SHAPE);
    assert_int_equal(casenum_parse("511425-T03-2026a123-0007", &p), CASENUM_BAD_SHAPE);
    assert_int_equal(casenum_parse("511425-T03-20260230-0007", &p), CASENUM_BAD_DATE);
    assert_int_equal(casenum_parse("511425-T03-20261123-0000", &p), CASENUM_BAD_SEQ);
    assert_int_equal(casenum_parse("511425-TOOLONG7-20261123-0001", &p), CASENUM_BAD_SHAPE);
    assert_int_equal(casenum_parse("", &p), CASENUM_BAD_SHAPE);
    assert_int_equal(casenum_parse(NULL, &p), CASENUM_BAD_SHAPE);
    assert_non_null(strstr(casenum_reason(CASENUM_BAD_SHAPE), "511425-T03-20261123-0007"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_the_documented_shape),
        cmocka_unit_test(parse_round_trips_and_accepts_lowercase),
        cmocka_unit_test(bad_parts_are_refused_with_their_reason),
        cmocka_unit_test(malformed_numbers_are_refused),
    };
    return cmocka_run_group_tests_name("casenum", tests, NULL, NULL);
}
