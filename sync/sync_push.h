/* sync_push.h - one push pass of guichet-sync: send the outbox to the centre
 * (POST /v1/events, docs/protocol.md) in batches until it is empty or an
 * exchange fails, apply the answers (applied and duplicate acknowledged,
 * rejected filed in sync_rejected and acknowledged), record failures on the
 * events (attempts, last error) and the pass's outcome in meta
 * (sync_last_ok_ms or sync_last_error, which the dashboard shows). */
#ifndef GUICHET_SYNC_PUSH_H
#define GUICHET_SYNC_PUSH_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "data/store.h"

#define SYNC_MSG_LEN 600
#define SYNC_BATCH_DEFAULT 200 /* events per batch unless told */
#define SYNC_BODY_MAX (4L * 1024 * 1024) /* the protocol's body limit */

/* Where and how to send. */
typedef struct {
    const char *server;  /* the centre's base URL: https://host:port */
    const char *token;   /* this terminal's token */
    const char *ca_file; /* NULL or "": the system's CA certificates */
    size_t batch_max;    /* 1..SYNC_BATCH_MAX; 0: SYNC_BATCH_DEFAULT */
    const char *proxy;         /* [sync] proxy; NULL or "": libcurl's environment rules */
    const char *pinned_pubkey; /* [sync] pinned_pubkey; NULL or "": none */
    const volatile sig_atomic_t *stop; /* non-zero asks the pass to end after the current exchange; may be NULL */
} sync_conf;

/* How a pass ended. */
typedef enum {
    SYNC_PASS_DONE = 0, /* the outbox is empty */
    SYNC_PASS_RETRY,    /* no answer, or 408/429/5xx: events remain; try again after wait_s */
    SYNC_PASS_STOP,     /* the centre refused the request (another 4xx): message says why */
    SYNC_PASS_ERROR,    /* the terminal's file failed */
    SYNC_PASS_REFUSED,  /* a demonstration file: never sent */
    SYNC_PASS_STOPPED   /* *stop was set: the pass ended after the current exchange */
} sync_pass_rc;

/* What a pass did. */
typedef struct {
    long batches, applied, duplicate, rejected;
    long gzipped;               /* batches whose body went gzip'd */
    int64_t your_last_seq;      /* the centre's your_last_seq from the last answer that had it; -1: none */
    long pages;                 /* pull: pages taken (sync_pull.h) */
    long stored, unapplied, known, centre, refused; /* pull: what sync_import did (data/sync_import.h) */
    long resyncs;               /* pull: 409 resync answers obeyed */
    long requeued;              /* events put back into the outbox for a restored centre (sync_pass.h) */
    int pulled_all;             /* pull: the last page said has_more = false */
    long wait_s;                /* SYNC_PASS_RETRY: seconds to wait (backoff, Retry-After) */
    char message[SYNC_MSG_LEN]; /* the failure in words; "" when DONE */
} sync_report;

/* Run one push pass over s (every field of rep reset first); the outcome is also left in meta. */
sync_pass_rc sync_push_pass(store *s, const sync_conf *c, sync_report *rep);

#endif
