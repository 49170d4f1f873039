/* test_sync_push.c - guichet-sync's push pass (sync/sync_push.h) against a
 * tiny HTTP responder on 127.0.0.1 (a thread that reads each request, keeps
 * it, and writes a canned answer or drops the connection): the batch's
 * headers and fields, applied and duplicate acknowledged, rejected filed in
 * sync_rejected and acknowledged, a 503 and a refused connection leaving the
 * outbox with attempts + 1 and the error, a dropped answer retried under the
 * same Idempotency-Key, a 401 stopping with the server's words, a demo file
 * refused without a connection, the meta keys, the backoff, and bodies over
 * 1 KiB sent gzip'd (the responder inflates them back). */
#define _GNU_SOURCE /* strcasestr */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include "data/events.h"
#include "data/staff.h"
#include "data/sync_store.h"
#include "sync/sync_backoff.h"
#include "sync/sync_http.h"
#include "sync/sync_push.h"
#include "tests/unit/sync_fixture.h"

#define NF(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_CONN 4
#define REQ_MAX (1 << 20)

/* What the responder does with one connection. */
typedef enum { ANSWER_RESULTS, ANSWER_CANNED, DROP } conn_mode;

typedef struct {
    conn_mode mode;
    const char *const *statuses; /* ANSWER_RESULTS: the status of each event in order */
    const char *canned;          /* ANSWER_CANNED: the whole HTTP answer */
} conn_plan;

typedef struct {
    int fd;
    int port;
    int nconn;
    conn_plan plan[MAX_CONN];
    char *req[MAX_CONN]; /* each request as received (heap) */
    pthread_t th;
} responder;

static char dir[64];
static char path[128];
static store *s;
static staff_id clerk;
static responder srv;
static char url[64];

/* ---- the responder --------------------------------------------------------------------- */

/* A request whose body came gzip'd, with the body inflated back (the headers kept); NULL when it is not gzip. */
static char *inflated(const char *buf, size_t head, size_t got)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    char *out = calloc(1, REQ_MAX * 4 + 1);
    if (!out || inflateInit2(&z, 15 + 16) != Z_OK) {
        free(out);
        return NULL;
    }
    memcpy(out, buf, head);
    z.next_in = (Bytef *)(uintptr_t)(buf + head);
    z.avail_in = (uInt)(got - head);
    z.next_out = (Bytef *)out + head;
    z.avail_out = (uInt)(REQ_MAX * 4 - head);
    int rc = inflate(&z, Z_FINISH);
    inflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

/* Read one whole request (headers and Content-Length body) into a heap string (a gzip'd body inflated). */
static char *read_request(int c)
{
    char *buf = calloc(1, REQ_MAX + 1);
    size_t got = 0, need = 0;
    while (buf && got < REQ_MAX) {
        ssize_t n = read(c, buf + got, REQ_MAX - got);
        if (n <= 0)
            break;
        got += (size_t)n;
        char *end = strstr(buf, "\r\n\r\n");
        if (end && !need) {
            char *cl = strcasestr(buf, "\r\nContent-Length:");
            need = (size_t)(end + 4 - buf) + (cl ? strtoul(cl + 17, NULL, 10) : 0);
        }
        if (need && got >= need)
            break;
    }
    char *end = buf ? strstr(buf, "\r\n\r\n") : NULL;
    if (end && strcasestr(buf, "\r\nContent-Encoding: gzip\r\n")) {
        char *plain = inflated(buf, (size_t)(end + 4 - buf), got);
        free(buf);
        buf = plain ? plain : strdup("bad gzip");
    }
    return buf;
}

/* The 200 answer giving each event of the request the planned status. */
static char *results_answer(const char *req, const char *const *statuses)
{
    const char *body = strstr(req, "\r\n\r\n");
    json_t *root = json_loads(body ? body + 4 : "", 0, NULL);
    json_t *res = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(root, "events"), i, e) {
        json_array_append_new(res, json_pack("{s:O, s:s, s:s}", "id", json_object_get(e, "id"), "status",
                                             statuses[i], "reason", strcmp(statuses[i], "rejected") == 0
                                                                        ? "conflict: another payload" : ""));
    }
    json_t *ans = json_pack("{s:o, s:I}", "results", res, "server_time", (json_int_t)1763900000123);
    char *text = json_dumps(ans, JSON_COMPACT);
    json_decref(ans);
    json_decref(root);
    char *http = malloc(strlen(text) + 200);
    sprintf(http, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                  "Connection: close\r\n\r\n%s", strlen(text), text);
    free(text);
    return http;
}

static void *serve(void *arg)
{
    responder *r = arg;
    for (int k = 0; k < r->nconn; k++) {
        int c = accept(r->fd, NULL, NULL);
        if (c < 0)
            break;
        r->req[k] = read_request(c);
        const conn_plan *p = &r->plan[k];
        if (p->mode != DROP) {
            char *ans = p->mode == ANSWER_RESULTS ? results_answer(r->req[k], p->statuses) : strdup(p->canned);
            ssize_t w = write(c, ans, strlen(ans));
            (void)w;
            free(ans);
        }
        close(c);
    }
    return NULL;
}

/* Start listening on an ephemeral port for the planned connections. */
static void serve_start(const conn_plan *plan, int nconn)
{
    memset(&srv, 0, sizeof srv);
    srv.fd = sx_listen(&srv.port);
    srv.nconn = nconn;
    memcpy(srv.plan, plan, (size_t)nconn * sizeof *plan);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/", srv.port);
    assert_int_equal(pthread_create(&srv.th, NULL, serve, &srv), 0);
}

static void serve_stop(void)
{
    pthread_join(srv.th, NULL);
    close(srv.fd);
}

static void serve_free(void)
{
    for (int k = 0; k < MAX_CONN; k++)
        free(srv.req[k]);
}

/* The value of header `name` in request k (static buffer), NULL when absent. */
static const char *header(int k, const char *name)
{
    static char v[256];
    char pat[64];
    snprintf(pat, sizeof pat, "\r\n%s: ", name);
    const char *p = strcasestr(srv.req[k], pat);
    if (!p)
        return NULL;
    p += strlen(pat);
    size_t n = strcspn(p, "\r\n");
    snprintf(v, sizeof v, "%.*s", (int)n, p);
    return v;
}

/* ---- the store ----------------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    s = sx_store_new("sync", dir, sizeof dir, path, sizeof path);
    return s && sx_add_clerk(s, &clerk) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(s);
    return fx_rm_dir(dir);
}

/* Record n case.received events; out (may be NULL) receives them. */
static void record(int n, event_out *out)
{
    static int made;
    for (int i = 0; i < n; i++)
        sx_record_case(s, clerk, ++made, out ? &out[i] : NULL);
}

static int64_t queued(void)
{
    int64_t n = -1;
    assert_int_equal(outbox_count(s, &n), 0);
    return n;
}

static sync_pass_rc pass(sync_report *rep)
{
    sync_conf c = {url, "0123456789abcdef", NULL, 0, NULL, NULL, NULL};
    return sync_push_pass(s, &c, rep);
}

static int meta(const char *key, char *buf, size_t len)
{
    return sync_meta_get(s, key, buf, len);
}

/* ---- tests ---------------------------------------------------------------------------------- */

static void batch_carries_headers_and_fields(void **state)
{
    (void)state;
    event_out out[2];
    record(2, out);
    static const char *const ok[] = {"applied", "applied"};
    conn_plan plan[] = {{ANSWER_RESULTS, ok, NULL}};
    serve_start(plan, 1);
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_DONE);
    serve_stop();
    assert_non_null(strstr(srv.req[0], "POST /v1/events HTTP/1.1\r\n"));
    assert_string_equal(header(0, "Authorization"), "Bearer 0123456789abcdef");
    assert_string_equal(header(0, "Content-Type"), "application/json");
    const char *key = header(0, "Idempotency-Key");
    assert_non_null(key);
    assert_int_equal(strlen(key), UUID7_LEN);
    assert_true(uuid7_ms(key) > 0);

    json_t *root = json_loads(strstr(srv.req[0], "\r\n\r\n") + 4, 0, NULL);
    assert_non_null(root);
    char terminal[EVENT_TERMINAL_MAX + 1];
    assert_int_equal(events_terminal_id(s, terminal, sizeof terminal), 0);
    assert_string_equal(json_string_value(json_object_get(root, "terminal")), terminal);
    json_t *evs = json_object_get(root, "events");
    assert_int_equal(json_array_size(evs), 2);
    event_row row;
    assert_int_equal(events_get(s, out[0].id, &row), 0);
    json_t *e = json_array_get(evs, 0);
    assert_string_equal(json_string_value(json_object_get(e, "id")), out[0].id);
    assert_int_equal(json_integer_value(json_object_get(e, "seq")), out[0].seq);
    assert_string_equal(json_string_value(json_object_get(e, "type")), "case.received");
    assert_string_equal(json_string_value(json_object_get(e, "subject")), row.subject);
    assert_true(row.has_subject);
    assert_string_equal(json_string_value(json_object_get(e, "payload")), row.payload); /* the stored string */
    char h[EV_HASH_HEX + 1];
    assert_int_equal(events_sha256_hex(row.payload, strlen(row.payload), h), 0);
    assert_string_equal(json_string_value(json_object_get(e, "payload_hash")), h);
    assert_int_equal(json_integer_value(json_object_get(e, "staff")), clerk);
    assert_string_equal(json_string_value(json_object_get(e, "staff_code")), "sync-a");
    assert_int_equal(json_integer_value(json_object_get(e, "created_at")), out[0].created_at);
    assert_string_equal(json_string_value(json_object_get(e, "prev_hash")), row.prev_hash);
    assert_string_equal(json_string_value(json_object_get(e, "hash")), out[0].hash);
    event_row_free(&row);
    json_decref(root);
    serve_free();
}

static void bodies_over_1_kib_go_gzipd(void **state)
{
    (void)state;
    record(1, NULL);
    static const char *const one[] = {"applied"};
    conn_plan plan[] = {{ANSWER_RESULTS, one, NULL}};
    serve_start(plan, 1);
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_DONE);
    serve_stop();
    assert_null(header(0, "Content-Encoding")); /* one event: under 1 KiB, sent as it is */
    serve_free();

    record(20, NULL);
    static const char *const ok[20] = {"applied", "applied", "applied", "applied", "applied", "applied", "applied",
                                       "applied", "applied", "applied", "applied", "applied", "applied", "applied",
                                       "applied", "applied", "applied", "applied", "applied", "applied"};
    plan[0].statuses = ok;
    serve_start(plan, 1);
    assert_int_equal(pass(&rep), SYNC_PASS_DONE);
    serve_stop();
    assert_string_equal(header(0, "Content-Encoding"), "gzip");
    assert_string_equal(header(0, "Content-Type"), "application/json");
    assert_int_equal(rep.applied, 20); /* the responder inflated the body and answered each event */
    assert_int_equal(queued(), 0);
    serve_free();
}

static void applied_and_duplicate_are_acknowledged_and_meta_written(void **state)
{
    (void)state;
    record(3, NULL);
    char v[600];
    assert_int_equal(sync_meta_set(s, SYNC_META_LAST_ERROR, "earlier failure"), 0);
    static const char *const st[] = {"applied", "duplicate", "applied"};
    conn_plan plan[] = {{ANSWER_RESULTS, st, NULL}};
    serve_start(plan, 1);
    sync_report rep;
    int64_t before = events_now_ms();
    assert_int_equal(pass(&rep), SYNC_PASS_DONE);
    serve_stop();
    assert_int_equal(queued(), 0);
    assert_int_equal(rep.applied, 2);
    assert_int_equal(rep.duplicate, 1);
    assert_int_equal(meta(SYNC_META_LAST_OK, v, sizeof v), 0);
    assert_true(strtoll(v, NULL, 10) >= before);
    assert_int_equal(meta(SYNC_META_LAST_ERROR, v, sizeof v), 1);
    assert_int_equal(meta(SYNC_META_BATCH_KEY, v, sizeof v), 1);
    /* The canned answer's server_time is 1763900000123: the offset is that minus our clock at the
     * middle of the exchange, so it lies between server_time - after and server_time - before. */
    int64_t after = events_now_ms();
    assert_int_equal(meta(SYNC_META_CLOCK_OFFSET, v, sizeof v), 0);
    long long off = strtoll(v, NULL, 10);
    assert_true(off >= 1763900000123LL - after && off <= 1763900000123LL - before);
    serve_free();
}

static int count_cb(const sync_rejected_row *r, void *ctx)
{
    assert_string_equal(r->reason, "conflict: another payload");
    assert_string_equal(r->type, "case.received");
    *(int64_t *)ctx = r->seq;
    return 0;
}

static void rejected_is_filed_and_acknowledged(void **state)
{
    (void)state;
    event_out out[3];
    record(3, out);
    static const char *const st[] = {"applied", "rejected", "applied"};
    conn_plan plan[] = {{ANSWER_RESULTS, st, NULL}};
    serve_start(plan, 1);
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_DONE);
    serve_stop();
    assert_int_equal(queued(), 0);
    assert_int_equal(rep.rejected, 1);
    int64_t n = 0, seq = 0;
    assert_int_equal(sync_rejected_count(s, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(sync_rejected_list(s, count_cb, &seq), 0);
    assert_int_equal(seq, out[1].seq);
    serve_free();
}

static void busy_server_leaves_the_outbox_with_an_attempt(void **state)
{
    (void)state;
    record(2, NULL);
    conn_plan plan[] = {{ANSWER_CANNED, NULL,
                         "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 7\r\n"
                         "Content-Length: 61\r\nConnection: close\r\n\r\n"
                         "{\"error\": {\"code\": \"busy\", \"message\": \"try again later\"}}    "}};
    serve_start(plan, 1);
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_RETRY);
    serve_stop();
    assert_int_equal(queued(), 2);
    assert_int_equal(rep.wait_s, 7); /* Retry-After beats the first backoff step (1 s) */
    event_row *rows;
    size_t n;
    assert_int_equal(outbox_batch(s, 10, &rows, &n), 0);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].attempts, 1);
        assert_non_null(rows[i].last_error);
        assert_non_null(strstr(rows[i].last_error, "503"));
        assert_non_null(strstr(rows[i].last_error, "try again later"));
    }
    event_rows_free(rows, n);
    char v[600];
    assert_int_equal(meta(SYNC_META_LAST_ERROR, v, sizeof v), 0);
    assert_non_null(strstr(v, "busy"));
    assert_int_equal(meta(SYNC_META_LAST_OK, v, sizeof v), 1);
    serve_free();
}

static void refused_connection_is_put_in_words(void **state)
{
    (void)state;
    record(1, NULL);
    conn_plan none[] = {{DROP, NULL, NULL}};
    serve_start(none, 0); /* a port nobody listens on once closed */
    serve_stop();
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_RETRY);
    char expect[64];
    snprintf(expect, sizeof expect, "cannot reach 127.0.0.1:%d: connection refused", srv.port);
    assert_string_equal(rep.message, expect);
    char v[600];
    assert_int_equal(meta(SYNC_META_LAST_ERROR, v, sizeof v), 0);
    assert_string_equal(v, expect);
    assert_int_equal(queued(), 1);
    serve_free();
}

static void dropped_answer_is_retried_under_the_same_key(void **state)
{
    (void)state;
    record(2, NULL);
    static const char *const ok[] = {"duplicate", "duplicate"};
    conn_plan plan[] = {{DROP, NULL, NULL}, {ANSWER_RESULTS, ok, NULL}};
    serve_start(plan, 2);
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_RETRY); /* the server committed, the answer was lost */
    assert_int_equal(queued(), 2);
    char v[8192];
    assert_int_equal(meta(SYNC_META_BATCH_KEY, v, sizeof v), 0);
    record(1, NULL); /* a new event while waiting must not join the replayed batch */
    assert_int_equal(pass(&rep), SYNC_PASS_RETRY); /* the third event's own batch finds no listener */
    serve_stop();
    char first[128];
    snprintf(first, sizeof first, "%s", header(0, "Idempotency-Key"));
    assert_string_equal(header(1, "Idempotency-Key"), first);
    assert_memory_equal(v, first, UUID7_LEN);
    assert_string_equal(strstr(srv.req[0], "\r\n\r\n"), strstr(srv.req[1], "\r\n\r\n")); /* same body */
    assert_int_equal(rep.duplicate, 2);
    assert_int_equal(queued(), 1);
    serve_free();
}

static void other_4xx_stops_with_the_servers_words(void **state)
{
    (void)state;
    record(1, NULL);
    conn_plan plan[] = {{ANSWER_CANNED, NULL,
                         "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: 84\r\n"
                         "Connection: close\r\n\r\n"
                         "{\"error\":{\"code\":\"forbidden\",\"message\":\"token bound to another\",\"where\":\"terminal\"}}"}};
    serve_start(plan, 1);
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_STOP);
    serve_stop();
    assert_non_null(strstr(rep.message, "HTTP 403: forbidden: token bound to another (terminal)"));
    assert_int_equal(queued(), 1);
    serve_free();
}

static void demo_file_is_refused(void **state)
{
    (void)state;
    record(1, NULL);
    assert_int_equal(sync_meta_set(s, "demo", "seed=1"), 0);
    snprintf(url, sizeof url, "http://127.0.0.1:1/"); /* never contacted */
    sync_report rep;
    assert_int_equal(pass(&rep), SYNC_PASS_REFUSED);
    assert_int_equal(queued(), 1);
    event_row *rows;
    size_t n;
    assert_int_equal(outbox_batch(s, 10, &rows, &n), 0);
    assert_int_equal(rows[0].attempts, 0);
    event_rows_free(rows, n);
}

static void empty_outbox_is_done(void **state)
{
    (void)state;
    sync_report rep;
    snprintf(url, sizeof url, "http://127.0.0.1:1/");
    assert_int_equal(pass(&rep), SYNC_PASS_DONE);
    assert_int_equal(rep.batches, 0);
}

static void backoff_doubles_caps_and_honours_retry_after(void **state)
{
    (void)state;
    assert_int_equal(sync_backoff_seconds(1, -1), 1);
    assert_int_equal(sync_backoff_seconds(2, -1), 2);
    assert_int_equal(sync_backoff_seconds(5, -1), 16);
    assert_int_equal(sync_backoff_seconds(10, -1), 512);
    assert_int_equal(sync_backoff_seconds(11, -1), 600);
    assert_int_equal(sync_backoff_seconds(1000, -1), 600);
    assert_int_equal(sync_backoff_seconds(1, 30), 30);
    assert_int_equal(sync_backoff_seconds(12, 30), 600);
    assert_int_equal(sync_backoff_seconds(1, 99999), 3600);
}

int main(void)
{
    if (sync_http_global_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(batch_carries_headers_and_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(bodies_over_1_kib_go_gzipd, setup, teardown),
        cmocka_unit_test_setup_teardown(applied_and_duplicate_are_acknowledged_and_meta_written, setup, teardown),
        cmocka_unit_test_setup_teardown(rejected_is_filed_and_acknowledged, setup, teardown),
        cmocka_unit_test_setup_teardown(busy_server_leaves_the_outbox_with_an_attempt, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_connection_is_put_in_words, setup, teardown),
        cmocka_unit_test_setup_teardown(dropped_answer_is_retried_under_the_same_key, setup, teardown),
        cmocka_unit_test_setup_teardown(other_4xx_stops_with_the_servers_words, setup, teardown),
        cmocka_unit_test_setup_teardown(demo_file_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_outbox_is_done, setup, teardown),
        cmocka_unit_test(backoff_doubles_caps_and_honours_retry_after),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sync_http_global_cleanup();
    return rc;
}
