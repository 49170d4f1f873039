/* schema_0009_sync.c - migration 9: the sync agent's dead letters.
 *
 * - sync_rejected: events the centre refused (status "rejected" in the answer
 *   to POST /v1/events, docs/protocol.md), with its reason and when.  The
 *   agent acknowledges such an event in the same transaction, so one bad
 *   event never blocks the rest of the outbox, and lists these rows with
 *   `guichet-sync --rejected`: never silently dropped. */
#include "data/migrations.h"

const char schema_0009_sync[] =
    "CREATE TABLE sync_rejected (\n"
    "  event_seq INTEGER PRIMARY KEY REFERENCES events(seq),\n"
    "  event_id  TEXT NOT NULL,\n"
    "  reason    TEXT NOT NULL,\n"
    "  at_ms     INTEGER NOT NULL\n"
    ");\n";
