/* sync_push.c - the push pass: batches from the outbox, their
 * Idempotency-Key (sync_key.c), the exchange (sync_http.c), and what each
 * answer does to the outbox (see sync_push.h). */
#include "sync/sync_push.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/demo.h"
#include "data/drill.h"
#include "data/events.h"
#include "data/sync_store.h"
#include "sync/sync_backoff.h"
#include "sync/sync_http.h"
#include "sync/sync_i18n.h"
#include "sync/sync_json.h"
#include "sync/sync_key.h"

/* One batch on its way: its rows, key and body. */
typedef struct {
    event_row *rows;
    size_t fetched; /* rows read from the outbox (freed) */
    size_t n;       /* rows sent: the first n */
    char key[UUID7_LEN + 1];
    char *body;
} batch;

static sync_pass_rc local_error(store *s, sync_report *rep, const char *what)
{
    snprintf(rep->message, sizeof rep->message, "%s: %s", _(what), store_errmsg(s));
    return SYNC_PASS_ERROR;
}

/* The failure of a whole batch: attempts + 1 and the error on each event, meta sync_last_error. */
static sync_pass_rc batch_failed(store *s, const batch *b, sync_pass_rc rc, long retry_after, sync_report *rep)
{
    int64_t seqs[SYNC_BATCH_MAX];
    for (size_t i = 0; i < b->n; i++)
        seqs[i] = b->rows[i].seq;
    if (sync_record_failure(s, seqs, b->n, rep->message, events_now_ms()) != 0)
        return local_error(s, rep, N_("recording a failed attempt"));
    rep->wait_s = sync_backoff_seconds(b->rows[0].attempts + 1, retry_after);
    return rc;
}

/* The rows, key and body of the next batch; 0 (b->n == 0 when the outbox is empty) or a pass rc. */
static sync_pass_rc make_batch(store *s, size_t max, batch *b, sync_report *rep)
{
    char terminal[EVENT_TERMINAL_MAX + 1], err[400];
    bool fresh;
    if (outbox_batch(s, max, &b->rows, &b->n) != 0)
        return local_error(s, rep, N_("reading the outbox"));
    b->fetched = b->n;
    if (b->n == 0)
        return SYNC_PASS_DONE;
    if (events_terminal_id(s, terminal, sizeof terminal) != 0)
        return local_error(s, rep, N_("reading the terminal id"));
    if (sync_key_choose(s, b->rows, &b->n, b->key, &fresh, err, sizeof err) != 0) {
        snprintf(rep->message, sizeof rep->message, _("choosing the batch key: %s"), err);
        return SYNC_PASS_ERROR;
    }
    for (;;) {
        if (!(b->body = sync_json_batch(s, terminal, b->rows, b->n, err, sizeof err))) {
            snprintf(rep->message, sizeof rep->message, "%s", err);
            return SYNC_PASS_ERROR;
        }
        if (strlen(b->body) <= (size_t)SYNC_BODY_MAX || b->n == 1 || !fresh)
            break;
        free(b->body); /* over the protocol's 4 MiB: send fewer events */
        b->body = NULL;
        b->n /= 2;
    }
    if (fresh && sync_key_save(s, b->key, b->rows, b->n, err, sizeof err) != 0) {
        snprintf(rep->message, sizeof rep->message, _("saving the batch key: %s"), err);
        return SYNC_PASS_ERROR;
    }
    return SYNC_PASS_DONE;
}

/* A 200 answer: apply every event's result in one transaction. */
static sync_pass_rc answered(store *s, const batch *b, const sync_http_answer *a, sync_report *rep)
{
    sync_result res[SYNC_BATCH_MAX];
    void *keep = NULL;
    char err[400];
    if (sync_json_results(a->body, b->rows, b->n, res, &keep, err, sizeof err) != 0) {
        sync_json_free(keep);
        snprintf(rep->message, sizeof rep->message, "%.300s (%.250s)", err, a->host);
        sync_meta_del(s, SYNC_META_BATCH_KEY); /* the next try is a new batch: ids make it safe */
        return batch_failed(s, b, SYNC_PASS_RETRY, -1, rep);
    }
    int rc = sync_apply_results(s, res, b->n, events_now_ms());
    int64_t last;
    if (rc == 0 && sync_json_your_last_seq(a->body, &last) == 0)
        rep->your_last_seq = last;
    for (size_t i = 0; rc == 0 && i < b->n; i++)
        *(res[i].status == SYNC_APPLIED ? &rep->applied
                                        : res[i].status == SYNC_DUPLICATE ? &rep->duplicate : &rep->rejected) += 1;
    sync_json_free(keep);
    return rc == 0 ? SYNC_PASS_DONE : local_error(s, rep, N_("applying the centre's answer"));
}

/* The centre's clock minus ours, from the answer's server_time taken at the middle of the exchange,
 * kept in meta for the punch clock check (data/duty_attend.c) and the dashboard's warning
 * (docs/storage.md §11).  An answer without it changes nothing. */
static void keep_clock_offset(store *s, const sync_http_answer *a, int64_t sent_ms, int64_t got_ms)
{
    int64_t server_ms;
    char v[32];
    if (sync_json_server_time(a->body, &server_ms) != 0)
        return;
    snprintf(v, sizeof v, "%lld", (long long)(server_ms - (sent_ms + got_ms) / 2));
    sync_meta_set(s, SYNC_META_CLOCK_OFFSET, v);
}

/* Send one batch and act on the answer. */
static sync_pass_rc send_batch(store *s, const sync_conf *c, const batch *b, sync_report *rep)
{
    char url[1200];
    size_t len = strlen(c->server);
    while (len > 0 && c->server[len - 1] == '/')
        len--;
    snprintf(url, sizeof url, "%.*s/v1/events", (int)len, c->server);
    sync_http_req req = {url, c->token, b->key, c->ca_file, b->body, strlen(b->body), c->proxy, c->pinned_pubkey};
    sync_http_answer a;
    sync_pass_rc rc;
    char words[400];
    int64_t sent_ms = events_now_ms();
    int got = sync_http_post(&req, &a);
    rep->gzipped += a.gzipped;
    if (got != 0) {
        snprintf(rep->message, sizeof rep->message, "%s", a.error);
        rc = batch_failed(s, b, SYNC_PASS_RETRY, -1, rep);
    } else if (a.status == 200) {
        keep_clock_offset(s, &a, sent_ms, events_now_ms());
        rc = answered(s, b, &a, rep);
    } else {
        bool later = a.status == 408 || a.status == 429 || a.status >= 500;
        sync_json_error_words(a.body, a.status, words, sizeof words);
        snprintf(rep->message, sizeof rep->message, later ? _("the centre (%.150s) is busy or failing: %.400s")
                                                          : _("the centre (%s) refused the events: %s"), a.host, words);
        rc = batch_failed(s, b, later ? SYNC_PASS_RETRY : SYNC_PASS_STOP, a.retry_after_s, rep);
    }
    sync_http_answer_free(&a);
    return rc;
}

/* Batches until the outbox is empty or one fails. */
static sync_pass_rc push_all(store *s, const sync_conf *c, sync_report *rep)
{
    size_t max = c->batch_max >= 1 && c->batch_max <= SYNC_BATCH_MAX ? c->batch_max : SYNC_BATCH_DEFAULT;
    for (;;) {
        batch b = {0};
        sync_pass_rc rc = make_batch(s, max, &b, rep);
        bool empty = b.fetched == 0;
        if (rc == SYNC_PASS_DONE && !empty) {
            rep->batches++;
            rc = send_batch(s, c, &b, rep);
        }
        free(b.body);
        event_rows_free(b.rows, b.fetched);
        if (rc != SYNC_PASS_DONE || empty)
            return rc;
        if (c->stop && *c->stop) {
            snprintf(rep->message, sizeof rep->message, "%s", _("stopped before the outbox was empty"));
            return SYNC_PASS_STOPPED;
        }
    }
}

sync_pass_rc sync_push_pass(store *s, const sync_conf *c, sync_report *rep)
{
    memset(rep, 0, sizeof *rep);
    rep->your_last_seq = -1;
    if (demo_is_demo(s)) {
        snprintf(rep->message, sizeof rep->message, "%s",
                 _("this is a demonstration file: its events are never sent to the centre"));
        return SYNC_PASS_REFUSED;
    }
    if (drill_is_drill(s)) { /* issue 7: a drill can never sync, here as well as in sync_main.c */
        snprintf(rep->message, sizeof rep->message, "%s",
                 _("this is a drill file: its events are never sent to the centre"));
        return SYNC_PASS_REFUSED;
    }
    sync_pass_rc rc = push_all(s, c, rep);
    if (rc == SYNC_PASS_DONE && sync_mark_ok(s, events_now_ms()) != 0)
        return local_error(s, rep, N_("recording the successful sync"));
    if (rc == SYNC_PASS_ERROR)
        sync_meta_set(s, SYNC_META_LAST_ERROR, rep->message);
    return rc;
}
