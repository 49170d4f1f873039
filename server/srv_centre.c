/* srv_centre.c - a centre change becomes an event: a fresh UUIDv7 (core/uuid7
 * with libsodium's random bytes), the centre's next own seq, staff 0 and
 * staff_code "centre", the payload dumped by jansson with JSON_COMPACT |
 * JSON_SORT_KEYS and its SHA-256, prev_hash = the previous centre event's
 * hash (64 zeros for the first) and the chain hash of docs/protocol.md. */
#include "server/srv_centre.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/uuid7.h"
#include "server/srv_auth.h"
#include "server/srv_store_int.h" /* srv_fail: a centre change is recorded as part of the store */

void srv_centre_hash(const char *prev_hash, const char *id, const char *type, const char *subject,
                     const char *payload_hash, char out[SRV_HASH_HEX + 1])
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    const char *parts[] = {prev_hash, id, type, subject ? subject : "", payload_hash};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (i > 0)
            crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
        crypto_hash_sha256_update(&st, (const unsigned char *)parts[i], strlen(parts[i]));
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(out, SRV_HASH_HEX + 1, h, sizeof h);
}

/* A new UUIDv7 at now; ids made by this process sort in creation order. */
static int new_id(int64_t now, char out[SRV_ID_LEN + 1])
{
    static uuid7_gen gen;
    static int started;
    if (!started) {
        uuid7_init(&gen);
        started = 1;
    }
    uint8_t rnd[UUID7_RANDOM_BYTES];
    randombytes_buf(rnd, sizeof rnd);
    return uuid7_next(&gen, now, rnd, out);
}

int srv_centre_record(srv_store *s, const char *type, const char *subject, const void *payload, int64_t now,
                      srv_centre_change *out)
{
    char *text = json_dumps((const json_t *)payload, JSON_COMPACT | JSON_SORT_KEYS);
    if (!text)
        return srv_fail(s, "centre change %s: the payload cannot be written as JSON", type);
    char prev[SRV_HASH_HEX + 1], payload_hash[SRV_HASH_HEX + 1], stored[SRV_HASH_HEX + 1];
    int64_t last = 0;
    int rc = -1;
    if (srv_centre_last(s, &last, prev) != 0)
        goto done;
    if (new_id(now, out->id) != 0) {
        srv_fail(s, "centre change %s: the clock is outside UUIDv7's range", type);
        goto done;
    }
    srv_sha256_hex(text, strlen(text), payload_hash);
    srv_centre_hash(prev, out->id, type, subject, payload_hash, out->hash);
    out->seq = last + 1;
    srv_event e = {.id = out->id, .seq = out->seq, .type = type, .subject = subject, .payload = text,
                   .payload_hash = payload_hash, .staff = 0, .staff_code = SRV_CENTRE_STAFF_CODE,
                   .created_at = now, .prev_hash = prev, .hash = out->hash};
    rc = srv_event_put(s, SRV_CENTRE_TERMINAL, &e, now, stored);
    if (rc == 1)
        rc = srv_fail(s, "centre change %s: id %s is already stored", type, out->id);
    if (rc == 0)
        out->server_seq = srv_event_last_insert(s);
done:
    free(text);
    return rc;
}
