/* sync_json.h - the JSON of POST /v1/events (docs/protocol.md): the batch
 * body built from outbox rows, the per-event results read back, and a
 * server error body put in words. */
#ifndef GUICHET_SYNC_JSON_H
#define GUICHET_SYNC_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "data/events.h"
#include "data/sync_store.h"

/* The batch body for rows[0..n) of terminal `terminal` (staff codes looked up in s); heap string, NULL + err. */
char *sync_json_batch(store *s, const char *terminal, const event_row *rows, size_t n, char *err, size_t errlen);
/* Read the 200 answer: out[i] is rows[i]'s result (ids point into rows or *keep); 0 when every row has one,
 * -1 + err otherwise.  *keep (free with sync_json_free) owns the reasons. */
int sync_json_results(const char *body, const event_row *rows, size_t n, sync_result *out, void **keep, char *err,
                      size_t errlen);
/* The "server_time" (Unix ms) of a 200 answer; 0 found, -1 when absent or not a whole number. */
int sync_json_server_time(const char *body, int64_t *ms);
/* The "your_last_seq" of a 200 push answer (docs/protocol.md); 0 found, -1 when absent or not a whole number >= 0. */
int sync_json_your_last_seq(const char *body, int64_t *seq);
/* Free what sync_json_results kept. */
void sync_json_free(void *keep);
/* A 4xx/5xx body {"error": {"code", "message", "where"}} as "code: message (where)", or the status alone. */
void sync_json_error_words(const char *body, long status, char *out, size_t len);

#endif
