/* sync_key.c - the batch's Idempotency-Key kept in meta sync_batch_key as
 * "<uuid> <seq>,<seq>,..." (see sync_key.h for why). */
#include "sync/sync_key.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/sync_store.h"
#include "sync/sync_i18n.h"

#define KEY_VALUE_MAX (UUID7_LEN + 2 + SYNC_BATCH_MAX * 21)

/* Write msg into err; returns -1. */
static int fail(char *err, size_t errlen, const char *msg)
{
    snprintf(err, errlen, "%s", msg);
    return -1;
}

/* Whether the stored "<uuid> seqs" covers exactly the first rows; *k = how many. */
static bool covers_prefix(const char *v, const event_row *rows, size_t n, size_t *k)
{
    const char *p = v + UUID7_LEN;
    if (strlen(v) <= UUID7_LEN + 1 || *p != ' ')
        return false;
    p++;
    size_t i = 0;
    while (*p) {
        char *end;
        long long seq = strtoll(p, &end, 10);
        if (end == p || i >= n || rows[i].seq != seq)
            return false;
        i++;
        p = *end == ',' ? end + 1 : end;
        if (*end && *end != ',')
            return false;
    }
    *k = i;
    return i > 0;
}

/* A new UUIDv7 from the clock and libsodium's random bytes. */
static int new_key(char key[UUID7_LEN + 1], char *err, size_t errlen)
{
    static uuid7_gen gen;
    static bool started;
    uint8_t rnd[UUID7_RANDOM_BYTES];
    if (sodium_init() < 0)
        return fail(err, errlen, _("libsodium cannot start"));
    if (!started) {
        uuid7_init(&gen);
        started = true;
    }
    randombytes_buf(rnd, sizeof rnd);
    if (uuid7_next(&gen, events_now_ms(), rnd, key) != 0)
        return fail(err, errlen, _("the clock is outside the range of a UUIDv7"));
    return 0;
}

int sync_key_choose(store *s, const event_row *rows, size_t *n, char key[UUID7_LEN + 1], bool *fresh, char *err,
                    size_t errlen)
{
    char *v = malloc(KEY_VALUE_MAX);
    if (!v)
        return fail(err, errlen, _("out of memory reading the batch key"));
    int rc = sync_meta_get(s, SYNC_META_BATCH_KEY, v, KEY_VALUE_MAX);
    size_t k = 0;
    if (rc == 0 && covers_prefix(v, rows, *n, &k)) {
        memcpy(key, v, UUID7_LEN);
        key[UUID7_LEN] = '\0';
        *n = k;
        *fresh = false;
        free(v);
        return 0;
    }
    free(v);
    if (rc < 0)
        return fail(err, errlen, store_errmsg(s));
    *fresh = true;
    return new_key(key, err, errlen);
}

int sync_key_save(store *s, const char *key, const event_row *rows, size_t n, char *err, size_t errlen)
{
    char *v = malloc(KEY_VALUE_MAX);
    if (!v)
        return fail(err, errlen, _("out of memory saving the batch key"));
    size_t used = (size_t)snprintf(v, KEY_VALUE_MAX, "%s ", key);
    for (size_t i = 0; i < n && used < KEY_VALUE_MAX; i++)
        used += (size_t)snprintf(v + used, KEY_VALUE_MAX - used, i ? ",%" PRId64 : "%" PRId64, rows[i].seq);
    int rc = sync_meta_set(s, SYNC_META_BATCH_KEY, v);
    free(v);
    return rc == 0 ? 0 : fail(err, errlen, store_errmsg(s));
}
