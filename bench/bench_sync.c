/* bench_sync.c - sync on loopback with the real guichetd in this process
 * (server/srv_http.h on 127.0.0.1, a free port), each side with its own
 * SQLite file in a temporary directory: the push throughput of
 * sync_push_pass for 10 000 events in batches of 200 and of 500, a fresh
 * terminal pulling them all (sync_pull_pass), and the bytes of one
 * GET /v1/changes when nothing changed (request and answer, headers
 * included).  Prints figures, asserts nothing (bench/README.md "sync bench";
 * bench/bench_sync.sh measures guichetd's requests per second with wrk).
 *
 *   BENCH_SYNC_EVENTS=10000     events pushed per run
 *   BENCH_SYNC_BATCHES=200,500  batch sizes, one run each */
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "data/events.h"
#include "data/staff.h"
#include "data/store.h"
#include "server/srv_api.h"
#include "server/srv_auth.h"
#include "server/srv_http.h"
#include "server/srv_store.h"
#include "sync/sync_http.h"
#include "sync/sync_pull.h"
#include "sync/sync_push.h"

#define MAX_BATCHES 8
#define FILL_CHUNK 50

/* One run's two sides. */
typedef struct {
    char dir[64];
    store *cs;
    srv_store *ss;
    srv_http *srv;
    char url[64];
    char token[SRV_TOKEN_HEX + 1];
} side;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bench_sync: %s: %s\n", what, why);
    exit(1);
}

/* A terminal file at dir/name with one clerk; its staff number in *clerk. */
static store *terminal_open(const char *dir, const char *name, staff_id *clerk)
{
    char path[128], e[STORE_ERR_LEN];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    store *s = store_open(path, e, sizeof e);
    if (!s)
        die(path, e);
    staff_in in = {.code = "bench-a", .name = "基准甲", .roles = STAFF_ROLE_CLERK};
    staff_rec rec;
    if (staff_add(s, &in, "583914", e, sizeof e) != STAFF_OK || staff_get(s, "bench-a", &rec, e, sizeof e) != STAFF_OK)
        die("adding the clerk", e);
    *clerk = rec.num;
    return s;
}

/* A new terminal token on the server, named name. */
static void server_token(srv_store *ss, const char *name, char token[SRV_TOKEN_HEX + 1])
{
    char hash[SRV_HASH_HEX + 1];
    srv_token_new(token, hash);
    if (srv_terminal_add(ss, name, hash, srv_now_ms()) != 0)
        die("adding a terminal", srv_store_errmsg(ss));
}

static void side_open(side *x, staff_id *clerk)
{
    char err[SRV_ERR_LEN], path[128];
    snprintf(x->dir, sizeof x->dir, "/tmp/guichet-bench-sync-XXXXXX");
    if (!mkdtemp(x->dir))
        die("mkdtemp", "cannot make a temporary directory");
    x->cs = terminal_open(x->dir, "t.db", clerk);
    snprintf(path, sizeof path, "%s/s.db", x->dir);
    if (!(x->ss = srv_store_open(path, err, sizeof err)))
        die(path, err);
    server_token(x->ss, "w01", x->token);
    if (!(x->srv = srv_http_start("127.0.0.1", 0, x->ss, NULL, err, sizeof err)))
        die("starting guichetd", err);
    snprintf(x->url, sizeof x->url, "http://127.0.0.1:%u", srv_http_port(x->srv));
}

static void side_close(side *x)
{
    srv_http_stop(x->srv);
    srv_store_close(x->ss);
    store_close(x->cs);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_sync: could not remove %s\n", x->dir);
}

/* Record n case.received events (FILL_CHUNK per transaction); not timed as part of the push. */
static void fill(store *s, staff_id clerk, long n)
{
    event_writer *w = events_writer_open(s);
    if (!w)
        die("opening a writer", store_errmsg(s));
    char ids[FILL_CHUNK][32];
    for (long done = 0; done < n;) {
        event_in in[FILL_CHUNK];
        ev_field f[FILL_CHUNK][5];
        size_t k = 0;
        for (; k < FILL_CHUNK && done < n; k++, done++) {
            snprintf(ids[k], sizeof ids[k], "B-%06ld", done + 1);
            f[k][0] = ev_str("date", "2026-11-23");
            f[k][1] = ev_str("item", "JH-001");
            f[k][2] = ev_str("class", "immediate");
            f[k][3] = ev_str("applicant_name", "张三");
            f[k][4] = ev_str("window", "W01");
            in[k] = (event_in){"case.received", ids[k], clerk, f[k], 5};
        }
        if (events_writer_append(w, in, k, NULL) != 0)
            die("recording events", store_errmsg(s));
    }
    events_writer_close(w);
}

/* Push n events in batches of batch_max and print the figures; the side is left open for the pull. */
static void push_run(side *x, long n, size_t batch_max)
{
    staff_id clerk;
    side_open(x, &clerk);
    double t0 = now_ms();
    fill(x->cs, clerk, n);
    double filled = now_ms() - t0;
    sync_conf c = {.server = x->url, .token = x->token, .batch_max = batch_max};
    sync_report rep;
    t0 = now_ms();
    sync_pass_rc rc = sync_push_pass(x->cs, &c, &rep);
    double ms = now_ms() - t0;
    int64_t held = -1;
    srv_events_count(x->ss, &held);
    printf("push      batch %3zu: %ld events in %ld batches, %.0f ms, %.0f events/s, %.1f ms per batch "
           "(rc %d, applied %ld, server holds %lld; recording them took %.0f ms)\n",
           batch_max, n, rep.batches, ms, n / (ms / 1e3), rep.batches ? ms / (double)rep.batches : 0.0, (int)rc,
           rep.applied, (long long)held, filled);
    fflush(stdout);
}

/* A fresh terminal (w02) pulls everything from x's server. */
static void pull_run(side *x, long n)
{
    staff_id clerk;
    store *fresh = terminal_open(x->dir, "fresh.db", &clerk);
    char token[SRV_TOKEN_HEX + 1];
    server_token(x->ss, "w02", token);
    sync_conf c = {.server = x->url, .token = token};
    sync_report rep;
    memset(&rep, 0, sizeof rep);
    double t0 = now_ms();
    sync_pass_rc rc = sync_pull_pass(fresh, &c, &rep);
    double ms = now_ms() - t0;
    printf("pull      fresh terminal: %ld events in %ld pages of up to %d, %.0f ms, %.0f events/s "
           "(rc %d, stored %ld, unapplied %ld)\n",
           n, rep.pages, SYNC_PULL_LIMIT, ms, n / (ms / 1e3), (int)rc, rep.stored, rep.unapplied);
    store_close(fresh);
}

/* Collect a body for json parsing. */
typedef struct {
    char buf[65536];
    size_t len;
} sink;

static size_t on_body(char *p, size_t size, size_t nmemb, void *ud)
{
    sink *k = ud;
    size_t n = size * nmemb;
    if (k->len + n >= sizeof k->buf)
        return 0;
    memcpy(k->buf + k->len, p, n);
    k->len += n;
    k->buf[k->len] = '\0';
    return n;
}

/* GET url with the token as guichet-sync sends it; the body into k, the byte counts into the pointers. */
static long get_changes(const char *url, const char *token, sink *k, long *req_bytes, long *head_bytes,
                        curl_off_t *body_bytes)
{
    char auth[200];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    struct curl_slist *h = curl_slist_append(NULL, "Expect:");
    h = curl_slist_append(h, auth);
    CURL *c = curl_easy_init();
    k->len = 0;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "guichet-sync/1");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, k);
    long status = 0;
    if (curl_easy_perform(c) == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, req_bytes);
        curl_easy_getinfo(c, CURLINFO_HEADER_SIZE, head_bytes);
        curl_easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, body_bytes);
    }
    curl_easy_cleanup(c);
    curl_slist_free_all(h);
    return status;
}

/* The bytes of one GET /v1/changes with an up-to-date cursor (nothing changed since). */
static void idle_pull_bytes(side *x)
{
    static sink k;
    char url[300];
    long req = 0, head = 0;
    curl_off_t body = 0;
    snprintf(url, sizeof url, "%s/v1/changes?limit=%d", x->url, SYNC_PULL_LIMIT);
    if (get_changes(url, x->token, &k, &req, &head, &body) != 200)
        die("GET /v1/changes", k.buf);
    json_t *root = json_loadb(k.buf, k.len, 0, NULL);
    const char *cursor = json_string_value(json_object_get(root, "next_cursor"));
    if (!cursor)
        die("GET /v1/changes", "no next_cursor");
    snprintf(url, sizeof url, "%s/v1/changes?limit=%d&cursor=%s", x->url, SYNC_PULL_LIMIT, cursor);
    json_decref(root);
    long status = get_changes(url, x->token, &k, &req, &head, &body);
    printf("idle pull one GET /v1/changes, up-to-date cursor: status %ld, request %ld bytes, answer %ld bytes "
           "(headers %ld + body %lld), %ld bytes in all\n       answer body: %s\n",
           status, req, head + (long)body, head, (long long)body, req + head + (long)body, k.buf);
}

/* "200,500" into sizes; how many. */
static int parse_batches(const char *spec, size_t *sizes)
{
    int n = 0;
    for (const char *p = spec; *p && n < MAX_BATCHES;) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p || v < 1 || v > 500)
            die("BENCH_SYNC_BATCHES", "expected sizes 1..500, comma-separated");
        sizes[n++] = (size_t)v;
        p = *end == ',' ? end + 1 : end;
    }
    return n;
}

int main(void)
{
    const char *ev = getenv("BENCH_SYNC_EVENTS"), *bs = getenv("BENCH_SYNC_BATCHES");
    long n = ev ? strtol(ev, NULL, 10) : 10000;
    size_t sizes[MAX_BATCHES];
    int nsizes = parse_batches(bs ? bs : "200,500", sizes);
    if (n < 1 || srv_auth_init() != 0 || sync_http_global_init() != 0)
        die("starting", "bad BENCH_SYNC_EVENTS, or libsodium/libcurl cannot start");
    printf("bench_sync: %ld events per run, loopback, guichetd in-process (one request at a time)\n", n);
    for (int i = 0; i < nsizes; i++) {
        side x;
        push_run(&x, n, sizes[i]);
        if (i == 0) {
            idle_pull_bytes(&x);
            pull_run(&x, n);
        }
        side_close(&x);
    }
    sync_http_global_cleanup();
    return 0;
}
