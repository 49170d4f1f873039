/* uuid7.h - UUID version 7 (RFC 9562 §5.7) as text: 48 bits of Unix
 * milliseconds, then a 12-bit counter (RFC 9562 §6.2 method 1) in rand_a,
 * then 62 random bits, in the lowercase 8-4-4-4-12 form.
 *
 * Pure: the caller (data/events.c) passes the clock and the random bytes.
 * The generator keeps the last millisecond and counter so that ids made by
 * one process sort in creation order, even within one millisecond or when
 * the clock steps back.  Checking and comparing ids is core/case.h's
 * case_event_id_valid() / case_event_id_cmp(). */
#ifndef GUICHET_CORE_UUID7_H
#define GUICHET_CORE_UUID7_H

#include <stdint.h>

#define UUID7_LEN 36            /* 8-4-4-4-12 hex digits and dashes, without NUL */
#define UUID7_RANDOM_BYTES 10   /* random input per id: 2 seed the counter, 8 fill rand_b */
#define UUID7_MS_MAX 0xFFFFFFFFFFFFLL /* the largest 48-bit timestamp */

/* The state that keeps one process's ids monotonic. */
typedef struct {
    int64_t last_ms;  /* timestamp of the previous id, -1 before the first */
    uint16_t counter; /* 12-bit counter of the previous id */
} uuid7_gen;

/* Start a generator (no id made yet). */
void uuid7_init(uuid7_gen *g);
/* Write the id for (ms, rand_a, rand_b) into out (UUID7_LEN + 1 bytes); -1 if ms is outside 0..UUID7_MS_MAX. */
int uuid7_format(int64_t ms, uint16_t rand_a, const uint8_t rand_b[8], char *out);
/* The next id at clock `now_ms` from UUID7_RANDOM_BYTES random bytes; greater than every id g made before; 0 or -1. */
int uuid7_next(uuid7_gen *g, int64_t now_ms, const uint8_t rnd[UUID7_RANDOM_BYTES], char *out);
/* The Unix milliseconds of a valid UUIDv7 text id, -1 if it is not one. */
int64_t uuid7_ms(const char *id);

#endif
