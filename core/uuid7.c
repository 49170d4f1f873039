/* uuid7.c - UUIDv7 text ids with a monotonic counter (RFC 9562 §5.7, §6.2).
 *
 * Layout (RFC 9562 §5.7): unix_ts_ms (48) | ver=0111 (4) | rand_a (12) |
 * var=10 (2) | rand_b (62).  rand_a holds a counter (§6.2 method 1,
 * "Fixed Bit-Length Dedicated Counter"): in a new millisecond it is seeded
 * from random bits with its top bit cleared (the "counter rollover guard"
 * of §6.2, leaving at least 2048 increments); within the same millisecond
 * it is incremented.  When it would overflow, or when the clock went back,
 * the previous timestamp is kept or moved one millisecond ahead, as §6.2
 * allows, so ids from one generator strictly increase. */
#include "core/uuid7.h"

#include <stddef.h>

#include "core/case.h"

#define COUNTER_MAX 0x0FFF
#define COUNTER_SEED_MASK 0x07FF

void uuid7_init(uuid7_gen *g)
{
    g->last_ms = -1;
    g->counter = 0;
}

static void put_hex(char *out, const uint8_t *bytes, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[bytes[i] >> 4];
        out[2 * i + 1] = hex[bytes[i] & 0x0F];
    }
}

int uuid7_format(int64_t ms, uint16_t rand_a, const uint8_t rand_b[8], char *out)
{
    if (ms < 0 || ms > UUID7_MS_MAX || !rand_b || !out)
        return -1;
    uint8_t b[16];
    for (int i = 0; i < 6; i++)
        b[i] = (uint8_t)((uint64_t)ms >> (8 * (5 - i)));
    b[6] = (uint8_t)(0x70 | ((rand_a >> 8) & 0x0F));
    b[7] = (uint8_t)(rand_a & 0xFF);
    b[8] = (uint8_t)(0x80 | (rand_b[0] & 0x3F));
    for (int i = 1; i < 8; i++)
        b[8 + i] = rand_b[i];
    /* 8-4-4-4-12: byte groups 4, 2, 2, 2, 6. */
    static const int group[5] = {4, 2, 2, 2, 6};
    size_t at = 0, pos = 0;
    for (int g = 0; g < 5; g++) {
        if (g > 0)
            out[pos++] = '-';
        put_hex(out + pos, b + at, (size_t)group[g]);
        pos += 2 * (size_t)group[g];
        at += (size_t)group[g];
    }
    out[pos] = '\0';
    return 0;
}

int uuid7_next(uuid7_gen *g, int64_t now_ms, const uint8_t rnd[UUID7_RANDOM_BYTES], char *out)
{
    if (!g || !rnd || !out || now_ms < 0 || now_ms > UUID7_MS_MAX)
        return -1;
    int64_t ms = now_ms;
    uint16_t counter = (uint16_t)(((rnd[0] << 8) | rnd[1]) & COUNTER_SEED_MASK);
    if (g->last_ms >= 0 && ms <= g->last_ms) {
        /* Same millisecond, or the clock went back: continue after the previous id. */
        ms = g->last_ms;
        if (g->counter < COUNTER_MAX) {
            counter = (uint16_t)(g->counter + 1);
        } else if (ms < UUID7_MS_MAX) {
            ms++; /* counter exhausted: borrow the next millisecond, freshly seeded */
        } else {
            return -1;
        }
    }
    if (uuid7_format(ms, counter, rnd + 2, out) != 0)
        return -1;
    g->last_ms = ms;
    g->counter = counter;
    return 0;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int64_t uuid7_ms(const char *id)
{
    if (!case_event_id_valid(id))
        return -1;
    int64_t ms = 0;
    for (int i = 0; i < 13; i++) {
        if (i == 8)
            continue; /* the dash between the first two groups */
        ms = (ms << 4) | hex_value(id[i]);
    }
    return ms;
}
