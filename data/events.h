/* events.h - the terminal's event log: appending events (each with its
 * UUIDv7, payload hash, audit-chain hash, outbox row and projection update,
 * all in one BEGIN IMMEDIATE transaction), reading them back, and the
 * outbox the sync agent drains.  No SQL here: tui/ may include this file.
 *
 * A verb records one clerk action like this:
 *
 *     ev_field f[] = {ev_str("date", "2026-11-23"), ev_str("due", "2026-12-21")};
 *     event_in in = {"case.accepted", "511425-T03-20261123-0007", staff, f, 2};
 *     event_out out;
 *     if (events_append(s, &in, &out) != 0)
 *         fail(store_errmsg(s));      // nothing was written
 *
 * and several events that belong to one action (a lifecycle step and its
 * printed notice) with events_append_many().  Event types and their payload
 * fields are listed in docs/storage.md. */
#ifndef GUICHET_DATA_EVENTS_H
#define GUICHET_DATA_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/uuid7.h"
#include "data/store.h"

#define EVENT_TERMINAL_MAX 64 /* bytes of a terminal id (this terminal's: 32 hex digits) */
#define EVENT_BATCH_MAX 80    /* events one events_append_many() call may record (an intake of an item
                                 * with CK_MAX_MATERIALS materials: received, 64 checks, decision, notice) */

/* An event to record. */
typedef struct {
    const char *type;       /* "case.received", ... (docs/storage.md) */
    const char *subject;    /* case number, window id, staff id in decimal; NULL when none */
    int32_t staff_id;       /* the staff member logged in, >= 1 */
    const ev_field *fields; /* the payload (encoded canonically here) */
    size_t nfields;
} event_in;

/* What was recorded. */
typedef struct {
    int64_t seq;                 /* commit order on this terminal */
    char id[UUID7_LEN + 1];      /* the UUIDv7 */
    int64_t created_at;          /* terminal clock, Unix ms */
    char hash[EV_HASH_HEX + 1];  /* its audit-chain hash */
} event_out;

/* A stored event as read back (with its outbox state when read from the outbox). */
typedef struct {
    int64_t seq;
    char id[UUID7_LEN + 1];
    char type[EV_TYPE_MAX + 1];
    bool has_subject;
    char subject[EV_SUBJECT_MAX + 1];
    char *payload;                     /* heap: canonical JSON; free with event_row_free */
    char payload_hash[EV_HASH_HEX + 1];
    int32_t staff_id;                  /* 0 when none */
    char terminal_id[EVENT_TERMINAL_MAX + 1];
    int64_t created_at;
    char prev_hash[EV_HASH_HEX + 1];
    char hash[EV_HASH_HEX + 1];
    int attempts;                      /* outbox: sending attempts so far */
    char *last_error;                  /* outbox: heap, NULL when none */
    int64_t last_attempt_at;           /* outbox: Unix ms, -1 when never tried */
} event_row;

/* A writer keeps its prepared statements between appends (bulk loads, the
 * demo seeder, benchmarks); events_append() makes a short-lived one. */
typedef struct event_writer event_writer;

/* Record one event and apply it to the projections in one transaction; 0, or -1 with store_errmsg (nothing written). */
int events_append(store *s, const event_in *in, event_out *out);
/* Record n (1..EVENT_BATCH_MAX) events as one transaction: all or none; out receives n results (may be NULL). */
int events_append_many(store *s, const event_in *in, size_t n, event_out *out);
/* Open a writer on s (close it before store_close); NULL with store_errmsg on failure. */
event_writer *events_writer_open(store *s);
/* events_append_many through a writer's cached statements. */
int events_writer_append(event_writer *w, const event_in *in, size_t n, event_out *out);
/* Finalise a writer's statements and free it (NULL is fine). */
void events_writer_close(event_writer *w);

/* Read the event with this id; 0 found, 1 not found, -1 error. */
int events_get(store *s, const char *id, event_row *out);
/* How many events the log holds; 0 or -1. */
int events_count(store *s, int64_t *n);
/* This terminal's id (32 hex digits, made by migration 2) into buf; 0 or -1. */
int events_terminal_id(store *s, char *buf, size_t len);
/* Free the heap parts of one row. */
void event_row_free(event_row *r);
/* Free an array of rows from outbox_batch. */
void event_rows_free(event_row *rows, size_t n);

/* Up to max unacknowledged events, oldest first, into a new array (*rows, *n; free with event_rows_free); 0 or -1. */
int outbox_batch(store *s, size_t max, event_row **rows, size_t *n);
/* Record a sending attempt of event seq: attempts + 1, error (NULL clears it), at_ms; 0, 1 if not in the outbox, -1. */
int outbox_attempt(store *s, int64_t seq, const char *error, int64_t at_ms);
/* The centre acknowledged event seq: remove it from the outbox; 0, 1 if it was not there (already acknowledged), -1. */
int outbox_ack(store *s, int64_t seq);
/* How many events wait in the outbox; 0 or -1. */
int outbox_count(store *s, int64_t *n);

/* The terminal clock in Unix milliseconds (CLOCK_REALTIME). */
int64_t events_now_ms(void);
/* Hex SHA-256 of n bytes into out (EV_HASH_HEX + 1 bytes); 0, or -1 if libsodium cannot start. */
int events_sha256_hex(const void *data, size_t n, char *out);
/* The audit-chain hash of a record: SHA-256 of its canonical chain content (core/event.h); 0 or -1. */
int events_chain_hash(const ev_record *r, char *out);

#endif
