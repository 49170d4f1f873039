/* srv_centre.h - recording a centre change as an event in guichetd's events
 * table (docs/protocol.md "Centre changes"): the centre's own terminal id
 * and staff 0, its own seq counter and hash chain, the payload as compact
 * JSON with sorted keys.  The admin verbs (srv_centre_admin.c) call it
 * inside the write transaction that also changes the centre's records. */
#ifndef GUICHETD_SRV_CENTRE_H
#define GUICHETD_SRV_CENTRE_H

#include <stdint.h>

#include "server/srv_store.h"

/* What srv_centre_record stored. */
typedef struct {
    char id[SRV_ID_LEN + 1];
    int64_t seq;        /* the centre's own seq */
    int64_t server_seq; /* the server sequence it got */
    char hash[SRV_HASH_HEX + 1];
} srv_centre_change;

/* The chain hash: SHA-256 hex of prev_hash "\n" id "\n" type "\n" (subject or "") "\n" payload_hash. */
void srv_centre_hash(const char *prev_hash, const char *id, const char *type, const char *subject,
                     const char *payload_hash, char out[SRV_HASH_HEX + 1]);
/* Store one centre event (payload: a jansson json_t object, not consumed) at `now` inside the caller's write
 * transaction; 0 (out filled) or -1 (srv_store_errmsg says why). */
int srv_centre_record(srv_store *s, const char *type, const char *subject, const void *payload, int64_t now,
                      srv_centre_change *out);

#endif
