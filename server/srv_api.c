/* srv_api.c - protocol v1's endpoints as functions (docs/protocol.md):
 * push stores each event once by id inside one write transaction together
 * with the batch's answer (kept forever under its idempotency key, replayed
 * byte for byte); pull reads a snapshot after the cursor's server seq,
 * leaving out the asking terminal's own events (centre events go to every
 * terminal); both answer your_last_seq.  A cursor names a seq and the last
 * 12 hex digits of the id stored there, so a replaced or restored database
 * is noticed (409 resync).  Health counts events. */
#include "server/srv_api.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/srv_auth.h"
#include "server/srv_json.h"

int64_t srv_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void srv_reply_free(srv_reply *r)
{
    free(r->body);
    r->body = NULL;
}

static void reply_json(srv_reply *r, int status, json_t *root)
{
    r->status = status;
    r->body = root ? json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    if (!r->body) {
        r->status = 500;
        r->body = strdup("{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}");
    }
}

void srv_api_error(srv_reply *r, int status, const char *code, const char *where, const char *message)
{
    srv_error e;
    srv_error_set(&e, status, code, where, message);
    r->status = status;
    r->body = srv_error_body(&e);
}

static void store_error(srv_reply *r, srv_store *s)
{
    fprintf(stderr, "guichetd: %s\n", srv_store_errmsg(s));
    srv_api_error(r, 500, "internal", "", "the server's store failed; nothing was changed");
}

int srv_api_auth(srv_store *s, const char *authorization, int64_t now, srv_terminal *t, srv_reply *r)
{
    int rc = srv_auth_check(s, authorization, t);
    /* last_seen is written at most once a minute: a write is an fsync
     * (synchronous=FULL), and an idle terminal polls; bench/README.md. */
    if (rc == 0 && (now - t->last_seen < SRV_SEEN_EVERY_MS || srv_terminal_seen(s, t->row, now) == 0))
        return 0;
    if (rc == 1)
        srv_api_error(r, 401, "unauthorized", "Authorization",
                      "a valid terminal token is required (Authorization: Bearer TOKEN)");
    else
        store_error(r, s);
    return -1;
}

/* --- push ----------------------------------------------------------------- */

/* One result object for an event. */
static json_t *result_for(srv_store *s, const char *terminal_id, const srv_push_event *pe, int64_t now)
{
    const char *status = "applied";
    char reason[200] = "";
    char stored[SRV_HASH_HEX + 1] = "";
    if (pe->reason[0]) {
        status = "rejected";
        snprintf(reason, sizeof reason, "%s", pe->reason);
    } else {
        int rc = srv_event_put(s, terminal_id, &pe->ev, now, stored);
        if (rc < 0)
            return NULL;
        if (rc == 1 && strcmp(stored, pe->ev.payload_hash) == 0) {
            status = "duplicate";
        } else if (rc == 1) {
            status = "rejected";
            snprintf(reason, sizeof reason, "conflict: id already stored with payload_hash %.64s", stored);
        }
    }
    json_t *o = json_pack("{s:s, s:s}", "id", pe->ev.id, "status", status);
    if (o && reason[0])
        json_object_set_new(o, "reason", json_string(reason));
    return o;
}

/* Store the events and the answer; 0 (answer malloc'd) or -1 (store error, transaction left to roll back). */
static int apply_batch(srv_store *s, const srv_terminal *t, const char *key, const srv_push *p, int64_t now,
                       char **answer)
{
    json_t *results = json_array();
    for (size_t i = 0; results && i < p->n; i++) {
        json_t *one = result_for(s, t->terminal_id, &p->events[i], now);
        if (!one || json_array_append_new(results, one) != 0) {
            json_decref(results);
            return -1;
        }
    }
    int64_t last = 0;
    if (srv_terminal_last_seq(s, t->terminal_id, &last) != 0) {
        json_decref(results);
        return -1;
    }
    json_t *root = results ? json_pack("{s:o, s:I, s:I}", "results", results, "server_time", (json_int_t)now,
                                       "your_last_seq", (json_int_t)last)
                           : NULL;
    *answer = root ? json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    if (!*answer)
        return -1;
    if (srv_batch_put(s, key, t->row, *answer) != 0) {
        free(*answer);
        *answer = NULL;
        return -1;
    }
    return 0;
}

void srv_api_push(srv_store *s, srv_terminal *t, const char *key, const char *body, size_t len, int64_t now,
                  srv_reply *r)
{
    if (!key || !srv_uuid_valid(key, false)) {
        srv_api_error(r, 400, "bad_idempotency_key", "Idempotency-Key",
                      "an Idempotency-Key header with a lowercase UUID is required");
        return;
    }
    srv_push p;
    srv_error err;
    if (srv_push_parse(body, len, &p, &err) != 0) {
        r->status = err.status;
        r->body = srv_error_body(&err);
        return;
    }
    if (strcmp(p.terminal, SRV_CENTRE_TERMINAL) == 0) {
        srv_api_error(r, 403, "wrong_terminal", "terminal", "this terminal id is the centre's: a terminal cannot "
                                                            "push as the centre");
        srv_push_free(&p);
        return;
    }
    if (srv_store_begin(s) != 0) {
        store_error(r, s);
        srv_push_free(&p);
        return;
    }
    int64_t owner = 0;
    char *answer = NULL;
    int found = srv_batch_get(s, key, &owner, &answer);
    int bound = found == 1 ? srv_terminal_bind(s, t, p.terminal) : 0;
    if (found < 0 || bound < 0) {
        store_error(r, s);
    } else if (found == 0 && owner == t->row) {
        r->status = 200;
        r->body = answer;
        answer = NULL;
    } else if (found == 0) {
        srv_api_error(r, 422, "idempotency_key_reused", "Idempotency-Key",
                      "this Idempotency-Key was used by another terminal");
    } else if (bound == 1) {
        srv_api_error(r, 403, "wrong_terminal", "terminal",
                      "this token belongs to another terminal id");
    } else if (apply_batch(s, t, key, &p, now, &answer) != 0 || srv_store_commit(s) != 0) {
        store_error(r, s);
    } else {
        r->status = 200;
        r->body = answer;
        answer = NULL;
    }
    srv_store_rollback(s); /* nothing open after a commit; undoes everything otherwise */
    free(answer);
    srv_push_free(&p);
}

/* --- pull ------------------------------------------------------------------ */

#define CURSOR_TAIL 12 /* hex digits of the id at the cursor's seq */

/* "v1." + a decimal seq without leading zeros, then (seq > 0) "." + the last 12 hex digits of the id stored at
 * that seq (into tail); the seq, or -1 when malformed. */
static int64_t cursor_seq(const char *cursor, char tail[CURSOR_TAIL + 1])
{
    tail[0] = '\0';
    if (!cursor)
        return 0;
    if (strncmp(cursor, "v1.", 3) != 0)
        return -1;
    const char *d = cursor + 3;
    size_t n = strcspn(d, ".");
    if (n == 0 || n > 18 || (d[0] == '0' && n > 1))
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] < '0' || d[i] > '9')
            return -1;
        v = v * 10 + (d[i] - '0');
    }
    if (v == 0)
        return d[n] == '\0' ? 0 : -1;
    if (d[n] != '.' || !srv_hex_valid(d + n + 1, CURSOR_TAIL))
        return -1;
    memcpy(tail, d + n + 1, CURSOR_TAIL + 1);
    return v;
}

/* The cursor for seq whose event has this id ("v1.0" for seq 0). */
static void cursor_make(int64_t seq, const char *id, char *out, size_t len)
{
    size_t n = strlen(id);
    if (seq <= 0 || n < CURSOR_TAIL)
        snprintf(out, len, "v1.0");
    else
        snprintf(out, len, "v1.%lld.%s", (long long)seq, id + n - CURSOR_TAIL);
}

/* 0 when the cursor names an event this database holds (or the start), 1 when it does not, -1 on a store error. */
static int cursor_known(srv_store *s, int64_t after, const char *tail, int64_t max_seq)
{
    if (after == 0)
        return 0;
    if (after < 0 || after > max_seq)
        return 1;
    char id[SRV_ID_LEN + 1];
    int rc = srv_event_id_at(s, after, id);
    if (rc != 0)
        return rc;
    return strcmp(id + SRV_ID_LEN - CURSOR_TAIL, tail) == 0 ? 0 : 1;
}

/* 1..SRV_LIMIT_MAX, the default when absent, -1 when bad. */
static int parse_limit(const char *limit)
{
    if (!limit)
        return SRV_LIMIT_DEFAULT;
    size_t n = strlen(limit);
    if (n == 0 || n > 4)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (limit[i] < '0' || limit[i] > '9')
            return -1;
        v = v * 10 + (limit[i] - '0');
    }
    return v >= 1 && v <= SRV_LIMIT_MAX ? v : -1;
}

typedef struct {
    json_t *changes;
    int limit, seen;
    int64_t last_seq;             /* server seq of the last change put in the answer */
    char last_id[SRV_ID_LEN + 1]; /* and its id */
} feed;

static int add_change(void *ctx, int64_t server_seq, const char *terminal_id, const srv_event *e)
{
    feed *f = ctx;
    if (++f->seen > f->limit)
        return 0; /* the extra row only says there is more */
    json_t *ev = json_pack("{s:s, s:I, s:s, s:s?, s:s, s:s, s:I, s:s, s:I, s:s, s:s, s:s}",
                           "id", e->id, "seq", (json_int_t)e->seq, "type", e->type, "subject", e->subject,
                           "payload", e->payload, "payload_hash", e->payload_hash, "staff", (json_int_t)e->staff,
                           "staff_code", e->staff_code, "created_at", (json_int_t)e->created_at,
                           "prev_hash", e->prev_hash, "hash", e->hash, "terminal", terminal_id);
    json_t *c = ev ? json_pack("{s:s, s:o}", "kind", "event", "event", ev) : NULL;
    if (!c || json_array_append_new(f->changes, c) != 0)
        return -1;
    f->last_seq = server_seq;
    snprintf(f->last_id, sizeof f->last_id, "%s", e->id);
    return 0;
}

void srv_api_changes(srv_store *s, const srv_terminal *t, const char *cursor, const char *limit, int64_t now,
                     srv_reply *r)
{
    int n = parse_limit(limit);
    if (n < 0) {
        srv_api_error(r, 400, "bad_request", "limit", "limit must be a whole number from 1 to 1000");
        return;
    }
    char tail[CURSOR_TAIL + 1], max_id[SRV_ID_LEN + 1];
    int64_t after = cursor_seq(cursor, tail), max_seq = 0, mine = 0;
    feed f = {.changes = json_array(), .limit = n};
    int ok = f.changes && srv_store_begin_read(s) == 0 && srv_events_last(s, &max_seq, max_id) == 0;
    int known = ok ? cursor_known(s, after, tail, max_seq) : 0;
    if (ok && known == 1) {
        srv_store_rollback(s);
        json_decref(f.changes);
        srv_api_error(r, 409, "resync", "cursor", "unknown cursor: start again without a cursor");
        return;
    }
    ok = ok && known == 0 &&
         srv_events_after(s, after, t->terminal_id[0] ? t->terminal_id : NULL, n + 1, add_change, &f) == 0 &&
         (!t->terminal_id[0] || srv_terminal_last_seq(s, t->terminal_id, &mine) == 0);
    srv_store_rollback(s); /* a read snapshot: nothing to commit */
    if (!ok) {
        json_decref(f.changes);
        store_error(r, s);
        return;
    }
    int more = f.seen > n;
    char next[48];
    if (more)
        cursor_make(f.last_seq, f.last_id, next, sizeof next);
    else
        cursor_make(max_seq, max_id, next, sizeof next);
    reply_json(r, 200, json_pack("{s:o, s:s, s:b, s:I, s:I}", "changes", f.changes, "next_cursor", next,
                                 "has_more", more, "server_time", (json_int_t)now, "your_last_seq",
                                 (json_int_t)mine));
}

/* --- health ------------------------------------------------------------------ */

void srv_api_health(srv_store *s, int64_t now, srv_reply *r)
{
    int64_t n = 0;
    if (srv_events_count(s, &n) != 0) {
        store_error(r, s);
        return;
    }
    reply_json(r, 200, json_pack("{s:s, s:I, s:I}", "status", "ok", "server_time", (json_int_t)now,
                                 "events", (json_int_t)n));
}
