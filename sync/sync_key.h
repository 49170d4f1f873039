/* sync_key.h - the Idempotency-Key of the batch in flight: a UUIDv7 made once
 * per batch and kept in meta sync_batch_key with the seqs it covers BEFORE
 * the batch is sent, so a retry (after a timeout, a dropped connection or a
 * crash between send and answer) resends the same events under the same key
 * and the centre answers with what it stored the first time. */
#ifndef GUICHET_SYNC_KEY_H
#define GUICHET_SYNC_KEY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/uuid7.h"
#include "data/events.h"

#define SYNC_BATCH_MAX 500 /* events in one batch (the protocol's limit) */

/* The key for the oldest rows: the stored one when its seqs are exactly rows[0..k) (then *n = k, *fresh = false),
 * else a new UUIDv7 (*fresh = true, not stored yet); 0, or -1 + err. */
int sync_key_choose(store *s, const event_row *rows, size_t *n, char key[UUID7_LEN + 1], bool *fresh, char *err,
                    size_t errlen);
/* Keep key with the seqs of rows[0..n) in meta sync_batch_key; 0 or -1 + err. */
int sync_key_save(store *s, const char *key, const event_row *rows, size_t n, char *err, size_t errlen);

#endif
