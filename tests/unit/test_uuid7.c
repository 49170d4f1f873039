/* test_uuid7.c - UUIDv7 text ids (RFC 9562): layout, the RFC's example,
 * and the monotonic counter that keeps one process's ids in creation order
 * within a millisecond, across counter overflow and when the clock steps back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/case.h"
#include "core/uuid7.h"

/* Deterministic "random" bytes for the generator. */
static void fill(uint8_t *rnd, unsigned seed)
{
    for (int i = 0; i < UUID7_RANDOM_BYTES; i++) {
        seed = seed * 1103515245u + 12345u;
        rnd[i] = (uint8_t)(seed >> 16);
    }
}

/* RFC 9562 Appendix A.6: 017F22E2-79B0-7CC3-98C4-DC0C0C07398F. */
static void formats_the_rfc_example(void **state)
{
    (void)state;
    const uint8_t rand_b[8] = {0x18, 0xC4, 0xDC, 0x0C, 0x0C, 0x07, 0x39, 0x8F};
    char id[UUID7_LEN + 1];
    assert_int_equal(uuid7_format(0x017F22E279B0LL, 0xCC3, rand_b, id), 0);
    assert_string_equal(id, "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
    assert_true(case_event_id_valid(id));
    assert_int_equal(uuid7_ms(id), 0x017F22E279B0LL);
}

/* Version 7 and variant 10 whatever the random bytes are; lowercase, 36 characters. */
static void version_and_variant_bits_are_fixed(void **state)
{
    (void)state;
    uint8_t ones[8], zeros[8] = {0};
    memset(ones, 0xFF, sizeof ones);
    char a[UUID7_LEN + 1], b[UUID7_LEN + 1];
    assert_int_equal(uuid7_format(1, 0xFFFF, ones, a), 0);
    assert_int_equal(uuid7_format(0, 0, zeros, b), 0);
    assert_string_equal(a, "00000000-0001-7fff-bfff-ffffffffffff");
    assert_string_equal(b, "00000000-0000-7000-8000-000000000000");
    assert_int_equal((int)strlen(a), UUID7_LEN);
    assert_true(case_event_id_valid(a));
    assert_true(case_event_id_valid(b));
}

static void timestamps_outside_48_bits_are_refused(void **state)
{
    (void)state;
    uint8_t rnd[UUID7_RANDOM_BYTES] = {0};
    char id[UUID7_LEN + 1];
    uuid7_gen g;
    uuid7_init(&g);
    assert_int_equal(uuid7_format(-1, 0, rnd, id), -1);
    assert_int_equal(uuid7_format(UUID7_MS_MAX + 1, 0, rnd, id), -1);
    assert_int_equal(uuid7_next(&g, -5, rnd, id), -1);
    assert_int_equal(uuid7_next(&g, UUID7_MS_MAX, rnd, id), 0);
    assert_int_equal(uuid7_ms(id), UUID7_MS_MAX);
}

/* 5000 ids in one millisecond: each greater than the one before, as text and as core compares them. */
static void same_millisecond_ids_sort_in_creation_order(void **state)
{
    (void)state;
    uuid7_gen g;
    uuid7_init(&g);
    char prev[UUID7_LEN + 1], id[UUID7_LEN + 1];
    uint8_t rnd[UUID7_RANDOM_BYTES];
    const int64_t now = 1763900000000LL; /* 2025-11-23 */
    fill(rnd, 1);
    assert_int_equal(uuid7_next(&g, now, rnd, prev), 0);
    assert_int_equal(uuid7_ms(prev), now);
    for (unsigned i = 2; i <= 5000; i++) {
        fill(rnd, i);
        assert_int_equal(uuid7_next(&g, now, rnd, id), 0);
        assert_true(case_event_id_valid(id));
        if (strcmp(prev, id) >= 0 || case_event_id_cmp(prev, id) >= 0)
            fail_msg("id %u (%s) does not sort after %s", i, id, prev);
        memcpy(prev, id, sizeof id);
    }
    /* 5000 > 2048 guaranteed counter steps: the generator borrowed milliseconds ahead. */
    assert_true(uuid7_ms(id) > now);
}

/* The counter starts at a random value with its top bit clear (RFC 9562 §6.2 rollover guard). */
static void counter_is_seeded_below_half(void **state)
{
    (void)state;
    uuid7_gen g;
    uuid7_init(&g);
    uint8_t rnd[UUID7_RANDOM_BYTES];
    memset(rnd, 0xFF, sizeof rnd);
    char id[UUID7_LEN + 1];
    assert_int_equal(uuid7_next(&g, 1000, rnd, id), 0);
    assert_int_equal(g.counter, 0x07FF);
    assert_memory_equal(id + 14, "77ff", 4);
    assert_int_equal(uuid7_next(&g, 1000, rnd, id), 0);
    assert_int_equal(g.counter, 0x0800);
}

/* The clock steps back (NTP correction): ids keep increasing, on the previous timestamp. */
static void clock_going_back_keeps_order(void **state)
{
    (void)state;
    uuid7_gen g;
    uuid7_init(&g);
    uint8_t rnd[UUID7_RANDOM_BYTES];
    char a[UUID7_LEN + 1], b[UUID7_LEN + 1], c[UUID7_LEN + 1];
    fill(rnd, 7);
    assert_int_equal(uuid7_next(&g, 2000000, rnd, a), 0);
    fill(rnd, 8);
    assert_int_equal(uuid7_next(&g, 1000000, rnd, b), 0);
    assert_true(strcmp(a, b) < 0);
    assert_int_equal(uuid7_ms(b), 2000000);
    fill(rnd, 9);
    assert_int_equal(uuid7_next(&g, 2000001, rnd, c), 0);
    assert_true(strcmp(b, c) < 0);
    assert_int_equal(uuid7_ms(c), 2000001);
}

/* A new millisecond takes fresh random bits: different random input, different ids. */
static void random_bits_make_ids_unique(void **state)
{
    (void)state;
    uuid7_gen g1, g2;
    uuid7_init(&g1);
    uuid7_init(&g2);
    uint8_t r1[UUID7_RANDOM_BYTES], r2[UUID7_RANDOM_BYTES];
    fill(r1, 100);
    fill(r2, 200);
    char a[UUID7_LEN + 1], b[UUID7_LEN + 1];
    assert_int_equal(uuid7_next(&g1, 5000, r1, a), 0);
    assert_int_equal(uuid7_next(&g2, 5000, r2, b), 0);
    assert_string_not_equal(a, b);
    assert_memory_equal(a, b, 13); /* same millisecond prefix */
}

static void ms_of_a_non_uuid7_is_minus_one(void **state)
{
    (void)state;
    assert_int_equal(uuid7_ms("not an id"), -1);
    assert_int_equal(uuid7_ms("017f22e2-79b0-4cc3-98c4-dc0c0c07398f"), -1); /* version 4 */
    assert_int_equal(uuid7_ms(NULL), -1);
    assert_int_equal(uuid7_ms("017F22E2-79B0-7CC3-98C4-DC0C0C07398F"), 0x017F22E279B0LL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_the_rfc_example),
        cmocka_unit_test(version_and_variant_bits_are_fixed),
        cmocka_unit_test(timestamps_outside_48_bits_are_refused),
        cmocka_unit_test(same_millisecond_ids_sort_in_creation_order),
        cmocka_unit_test(counter_is_seeded_below_half),
        cmocka_unit_test(clock_going_back_keeps_order),
        cmocka_unit_test(random_bits_make_ids_unique),
        cmocka_unit_test(ms_of_a_non_uuid7_is_minus_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
