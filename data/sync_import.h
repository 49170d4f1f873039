/* sync_import.h - what the pull side of guichet-sync (sync/sync_pull.c) does
 * to the terminal's file, with no SQL outside data/:
 *
 * - events other terminals recorded (and case events the centre's back
 *   office recorded) are stored in the events table as they came, with
 *   their own terminal id, staff number and chain hashes, outside this
 *   terminal's audit chain and never in its outbox; the projections take
 *   them, case status merging forward only (core/case.h case_project: the
 *   same set of events gives the same case whatever the arrival order).  A
 *   foreign event the projections refuse is still stored, and listed in
 *   sync_unapplied with the reason: a fact from elsewhere is never dropped.
 * - centre-managed data (type "centre.*" from the centre's terminal id,
 *   docs/protocol.md "Centre changes") is applied to the windows, staff,
 *   roster, catalogue and calendar tables and remembered in centre_changes
 *   by id, so applying it again changes nothing.
 * - the cursor (meta sync_cursor) is stored in the same transaction.
 *
 * Migration 10 (schema_0010_pull.c) makes the tables. */
#ifndef GUICHET_DATA_SYNC_IMPORT_H
#define GUICHET_DATA_SYNC_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "data/store.h"

#define SYNC_META_CURSOR "sync_cursor"    /* the next_cursor of the last pull applied; absent: from the start */
#define SYNC_META_LAST_PULL "sync_last_pull_ms" /* Unix ms of the last pull that reached has_more = false */
#define SYNC_CENTRE_TERMINAL "00000000000000000000000000000000" /* the centre's own terminal id */

/* One change of GET /v1/changes: an event as pushed, plus the terminal that pushed it.
 * Strings are NUL-terminated; subject may be NULL. */
typedef struct {
    const char *id;
    int64_t seq;             /* the pushing terminal's own sequence */
    const char *type;
    const char *subject;
    const char *payload;     /* canonical JSON text */
    const char *payload_hash;
    int64_t staff;           /* centre-wide staff number; 0 for the centre */
    const char *staff_code;
    int64_t created_at;
    const char *prev_hash;
    const char *hash;
    const char *terminal;    /* 32 hex: who pushed it (SYNC_CENTRE_TERMINAL for the centre) */
} sync_change;

/* What an import did. */
typedef struct {
    long stored;    /* foreign events stored and projected */
    long unapplied; /* foreign events stored but refused by the projections (sync_unapplied) */
    long known;     /* ids already here (this terminal's own, or pulled before): nothing done */
    long centre;    /* centre changes applied */
    long refused;   /* centre changes that could not be applied (sync_unapplied, reason given) */
} sync_import_report;

/* One row of sync_unapplied, as listed for the supervisor. */
typedef struct {
    const char *id;       /* the event or centre change id */
    const char *type;
    const char *subject;  /* may be "" */
    const char *terminal; /* who sent it */
    const char *reason;   /* why it was not applied, in English */
    int64_t at_ms;        /* when it was pulled */
} sync_unapplied_row;

typedef int (*sync_unapplied_cb)(const sync_unapplied_row *r, void *ctx);

/* In one transaction: import c[0..n) and set meta sync_cursor = next_cursor (and sync_last_pull_ms = now_ms
 * when done is non-zero); 0, or -1 with store_errmsg (nothing changed). */
int sync_import(store *s, const sync_change *c, size_t n, const char *next_cursor, int done, int64_t now_ms,
                sync_import_report *rep);
/* The server holds this terminal's events only up to its own seq server_last (a server restored from an older
 * backup): put the later acknowledged ones (not rejected) back into the outbox; *requeued how many; 0 or -1. */
int sync_requeue_after(store *s, int64_t server_last, int64_t *requeued);
/* Call cb for every unapplied change, oldest first (cb non-zero stops); 0 or -1. */
int sync_unapplied_list(store *s, sync_unapplied_cb cb, void *ctx);
/* How many unapplied changes there are; 0 or -1. */
int sync_unapplied_count(store *s, int64_t *n);
/* The calendar the centre sent (centre.calendar), parsed into cal: 0 loaded, 1 none received, -1 error
 * (store_errmsg; cal unchanged). */
int sync_centre_calendar(store *s, calendar *cal);

#endif
