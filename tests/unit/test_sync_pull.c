/* test_sync_pull.c - reading GET /v1/changes answers (sync/sync_pull_json.h)
 * against canned answers: a good page with an event and a centre change read
 * field by field, then bodies that are not JSON, hold duplicate keys, lack a
 * field, or give a field the wrong type, each refused whole with the place
 * named.  The pull loop (sync/sync_pull.h) against a tiny responder thread on
 * 127.0.0.1 answering canned pages: the cursor and limit in the URL, a
 * malformed page applying nothing and leaving the cursor where the last good
 * page put it, a 409 dropping the cursor once (twice is a retry), a 401
 * stopping with the centre's words.  And two small pieces of the agent: the
 * gzip of request bodies (sync_http_gzip, inflated back with zlib) and the
 * one-agent-per-database lock (sync/sync_lock.h); the [sync] proxy and
 * pinned_pubkey keys of config.ini. */
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
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include "data/config.h"
#include "data/events.h"
#include "data/store.h"
#include "data/sync_store.h"
#include "sync/sync_http.h"
#include "sync/sync_lock.h"
#include "sync/sync_pull.h"
#include "sync/sync_pull_json.h"
#include "tests/unit/sync_fixture.h"

#define NF(a) (sizeof(a) / sizeof((a)[0]))
#define H64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define Z64 "0000000000000000000000000000000000000000000000000000000000000000"

static const char good[] =
    "{\"changes\":["
    "{\"kind\":\"event\",\"event\":{\"id\":\"01890a5d-ac96-774b-bcce-b302099a8057\",\"seq\":17,"
    "\"type\":\"case.received\",\"subject\":\"S-1\",\"payload\":\"{\\\"a\\\":1}\",\"payload_hash\":\"" H64 "\","
    "\"staff\":3,\"staff_code\":\"demo-a\",\"created_at\":1763900000000,\"prev_hash\":\"" Z64 "\",\"hash\":\"" H64 "\","
    "\"terminal\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}},"
    "{\"kind\":\"event\",\"event\":{\"id\":\"01890a5d-ac96-774b-bcce-b302099a8058\",\"seq\":1,"
    "\"type\":\"centre.catalog\",\"subject\":null,\"payload\":\"{\\\"name\\\":\\\"目录.ini\\\"}\","
    "\"payload_hash\":\"" H64 "\",\"staff\":0,\"staff_code\":\"centre\",\"created_at\":1763900000001,"
    "\"prev_hash\":\"" Z64 "\",\"hash\":\"" H64 "\",\"terminal\":\"00000000000000000000000000000000\"}}],"
    "\"next_cursor\":\"v1.42.6f1c0a9b22d4\",\"has_more\":true,\"server_time\":1763900000123,\"your_last_seq\":118}";

static char err[400];

/* Parse text; the return code (the page is freed again). */
static int parse(const char *text)
{
    sync_pull_page p;
    err[0] = '\0';
    int rc = sync_pull_parse(text, strlen(text), &p, err, sizeof err);
    if (rc != 0) {
        assert_null(p.keep);
        assert_int_equal(p.n, 0);
    }
    sync_pull_page_free(&p);
    return rc;
}

/* The good answer with one change: `edit` applied to the first event (or the root when ev is 0); heap text. */
static char *edited(int ev, const char *key, json_t *value)
{
    json_t *root = json_loads(good, 0, NULL);
    assert_non_null(root);
    json_t *obj = ev ? json_object_get(json_array_get(json_object_get(root, "changes"), 0), "event") : root;
    if (value)
        json_object_set_new(obj, key, value);
    else
        json_object_del(obj, key);
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    return text;
}

/* Parse the edited answer: refused, with where and what in the message. */
static void refused(int ev, const char *key, json_t *value, const char *where, const char *what)
{
    char *text = edited(ev, key, value);
    assert_int_equal(parse(text), -1);
    free(text);
    char want[120];
    snprintf(want, sizeof want, "%s: %s", where, what);
    if (!strstr(err, want))
        fail_msg("wanted \"%s\" in \"%s\"", want, err);
}

static void good_page_is_read_field_by_field(void **state)
{
    (void)state;
    sync_pull_page p;
    assert_int_equal(sync_pull_parse(good, strlen(good), &p, err, sizeof err), 0);
    assert_int_equal(p.n, 2);
    assert_string_equal(p.next_cursor, "v1.42.6f1c0a9b22d4");
    assert_true(p.has_more);
    assert_int_equal(p.server_time, 1763900000123);
    assert_int_equal(p.your_last_seq, 118);
    const sync_change *c = &p.changes[0];
    assert_string_equal(c->id, "01890a5d-ac96-774b-bcce-b302099a8057");
    assert_int_equal(c->seq, 17);
    assert_string_equal(c->type, "case.received");
    assert_string_equal(c->subject, "S-1");
    assert_string_equal(c->payload, "{\"a\":1}");
    assert_string_equal(c->payload_hash, H64);
    assert_int_equal(c->staff, 3);
    assert_string_equal(c->staff_code, "demo-a");
    assert_int_equal(c->created_at, 1763900000000);
    assert_string_equal(c->prev_hash, Z64);
    assert_string_equal(c->hash, H64);
    assert_string_equal(c->terminal, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    c = &p.changes[1];
    assert_null(c->subject);
    assert_int_equal(c->staff, 0);
    assert_string_equal(c->type, "centre.catalog");
    assert_string_equal(c->payload, "{\"name\":\"目录.ini\"}");
    assert_string_equal(c->terminal, "00000000000000000000000000000000");
    sync_pull_page_free(&p);
    assert_null(p.keep);
}

static void last_empty_page_and_unknown_fields_are_fine(void **state)
{
    (void)state;
    const char *last = "{\"changes\":[],\"next_cursor\":\"v1.0\",\"has_more\":false,\"server_time\":5,"
                       "\"your_last_seq\":0,\"later\":\"a field of a later v1 server\"}";
    sync_pull_page p;
    assert_int_equal(sync_pull_parse(last, strlen(last), &p, err, sizeof err), 0);
    assert_int_equal(p.n, 0);
    assert_false(p.has_more);
    assert_int_equal(p.your_last_seq, 0);
    assert_string_equal(p.next_cursor, "v1.0");
    sync_pull_page_free(&p);
}

static void malformed_bodies_are_refused_with_the_place(void **state)
{
    (void)state;
    assert_int_equal(parse("{\"changes\":["), -1);
    assert_non_null(strstr(err, "not JSON"));
    assert_non_null(strstr(err, "line 1"));
    assert_int_equal(parse(""), -1);
    assert_int_equal(parse("[1,2]"), -1);
    assert_non_null(strstr(err, "body: not an object"));
    assert_int_equal(parse("{\"changes\":[],\"changes\":[],\"next_cursor\":\"v1.0\",\"has_more\":false,"
                           "\"server_time\":5,\"your_last_seq\":0}"), -1); /* duplicate key */
    assert_non_null(strstr(err, "changes"));
    assert_int_equal(parse("{\"changes\":[7],\"next_cursor\":\"v1.0\",\"has_more\":false,\"server_time\":5,"
                           "\"your_last_seq\":0}"), -1);
    assert_non_null(strstr(err, "changes[0]: not an object"));
}

static void every_missing_field_is_named(void **state)
{
    (void)state;
    static const char *const ev[] = {"id", "seq", "type", "subject", "payload", "payload_hash", "staff",
                                     "staff_code", "created_at", "prev_hash", "hash", "terminal"};
    for (size_t i = 0; i < NF(ev); i++) {
        char where[64];
        snprintf(where, sizeof where, "changes[0].event.%s", ev[i]);
        refused(1, ev[i], NULL, where, "missing");
    }
    static const char *const top[] = {"changes", "next_cursor", "has_more", "server_time", "your_last_seq"};
    for (size_t i = 0; i < NF(top); i++)
        refused(0, top[i], NULL, top[i], "missing");
}

static void wrong_types_are_named(void **state)
{
    (void)state;
    refused(1, "seq", json_string("17"), "changes[0].event.seq", "not a whole number");
    refused(1, "seq", json_real(17.5), "changes[0].event.seq", "not a whole number");
    refused(1, "seq", json_integer(0), "changes[0].event.seq", "below 1");
    refused(1, "staff", json_integer(-1), "changes[0].event.staff", "negative");
    refused(1, "created_at", json_null(), "changes[0].event.created_at", "not a whole number");
    refused(1, "id", json_integer(5), "changes[0].event.id", "not a string");
    refused(1, "id", json_string(""), "changes[0].event.id", "empty");
    refused(1, "subject", json_integer(5), "changes[0].event.subject", "not a string");
    refused(1, "payload", json_object(), "changes[0].event.payload", "not a string");
    refused(1, "terminal", json_string("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "changes[0].event.terminal",
            "not 32 lowercase hex digits");
    refused(0, "has_more", json_string("true"), "has_more", "not true or false");
    refused(0, "has_more", json_integer(1), "has_more", "not true or false");
    refused(0, "changes", json_object(), "changes", "not a list");
    refused(0, "next_cursor", json_integer(42), "next_cursor", "not a string");
    refused(0, "server_time", json_string("now"), "server_time", "not a whole number");
    refused(0, "your_last_seq", json_integer(-1), "your_last_seq", "negative");
    refused(0, "changes", json_array(), "has_more", "true with no change in the page");

    char *text = edited(1, "hash", json_stringn("ab\0cd", 5)); /* a NUL inside a string: jansson refuses it */
    assert_int_equal(parse(text), -1);
    free(text);
    assert_non_null(strstr(err, "not JSON"));
    text = edited(0, "changes", json_pack("[{s:s, s:{}}]", "kind", "snapshot", "event"));
    assert_int_equal(parse(text), -1);
    free(text);
    assert_non_null(strstr(err, "changes[0].kind: not \"event\""));
    text = edited(0, "changes", json_pack("[{s:s}]", "kind", "event"));
    assert_int_equal(parse(text), -1);
    free(text);
    assert_non_null(strstr(err, "changes[0].event: missing"));
}

static void big_bodies_gzip_and_inflate_back(void **state)
{
    (void)state;
    size_t n = 5000;
    char *body = malloc(n);
    for (size_t i = 0; i < n; i++)
        body[i] = "{\"events\":[]}"[i % 13];
    char *z;
    size_t zlen;
    assert_int_equal(sync_http_gzip(body, n, &z, &zlen), 0);
    assert_true(zlen < n);
    assert_int_equal((unsigned char)z[0], 0x1f); /* the gzip magic */
    assert_int_equal((unsigned char)z[1], 0x8b);
    char *back = malloc(n + 16);
    z_stream s;
    memset(&s, 0, sizeof s);
    assert_int_equal(inflateInit2(&s, 15 + 16), Z_OK);
    s.next_in = (Bytef *)z;
    s.avail_in = (uInt)zlen;
    s.next_out = (Bytef *)back;
    s.avail_out = (uInt)(n + 16);
    assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
    assert_int_equal(s.total_out, n);
    assert_memory_equal(back, body, n);
    inflateEnd(&s);
    free(back);
    free(z);
    free(body);
}

static void a_second_agent_on_the_same_file_is_refused_with_the_pid(void **state)
{
    (void)state;
    char ldir[64] = "/tmp/guichet-lock-XXXXXX", db[128], lock[160];
    assert_non_null(mkdtemp(ldir));
    snprintf(db, sizeof db, "%s/t.db", ldir);
    int a, b;
    assert_int_equal(sync_lock_take(db, &a, err, sizeof err), 0);
    assert_true(a >= 0);
    assert_int_equal(sync_lock_take(db, &b, err, sizeof err), 1); /* another open file: flock conflicts */
    assert_int_equal(b, -1);
    char want[200];
    snprintf(want, sizeof want, "another guichet-sync (pid %ld) is syncing %s", (long)getpid(), db);
    assert_string_equal(err, want);
    sync_lock_release(a);
    assert_int_equal(sync_lock_take(db, &b, err, sizeof err), 0); /* free again once the first lets go */
    sync_lock_release(b);
    snprintf(lock, sizeof lock, "%s.sync.lock", db);
    assert_int_equal(unlink(lock), 0);
    assert_int_equal(rmdir(ldir), 0);
}

/* ---- the pull loop against canned pages ---------------------------------------------------------- */

#define MAX_CONN 4

typedef struct {
    int fd, port, nconn;
    const char *answer[MAX_CONN]; /* the whole HTTP answer of each connection */
    char line[MAX_CONN][512];     /* each request's first line */
    pthread_t th;
} responder;

static responder rs;

static void *serve(void *arg)
{
    responder *r = arg;
    for (int k = 0; k < r->nconn; k++) {
        int c = accept(r->fd, NULL, NULL);
        if (c < 0)
            break;
        char buf[8192];
        size_t got = 0;
        while (got < sizeof buf - 1) { /* a GET: the headers are the whole request */
            ssize_t n = read(c, buf + got, sizeof buf - 1 - got);
            if (n <= 0)
                break;
            got += (size_t)n;
            buf[got] = '\0';
            if (strstr(buf, "\r\n\r\n"))
                break;
        }
        buf[got] = '\0';
        snprintf(r->line[k], sizeof r->line[k], "%.*s", (int)strcspn(buf, "\r\n"), buf);
        ssize_t w = write(c, r->answer[k], strlen(r->answer[k]));
        (void)w;
        close(c);
    }
    return NULL;
}

/* An HTTP answer (heap) with this status line and JSON body. */
static char *http(const char *status, const char *body)
{
    char *a = malloc(strlen(body) + 200);
    sprintf(a, "HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
            status, strlen(body), body);
    return a;
}

static void serve_start(int nconn, char **answers)
{
    memset(&rs, 0, sizeof rs);
    rs.fd = sx_listen(&rs.port);
    rs.nconn = nconn;
    for (int k = 0; k < nconn; k++)
        rs.answer[k] = answers[k];
    assert_int_equal(pthread_create(&rs.th, NULL, serve, &rs), 0);
}

static void serve_stop(char **answers)
{
    pthread_join(rs.th, NULL);
    close(rs.fd);
    for (int k = 0; k < rs.nconn; k++)
        free(answers[k]);
}

static char dir[64], path[128], url[64];
static store *st;

static int setup(void **state)
{
    (void)state;
    st = sx_store_new("pull", dir, sizeof dir, path, sizeof path);
    return st ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    return fx_rm_dir(dir);
}

static sync_pass_rc pull(sync_report *rep)
{
    snprintf(url, sizeof url, "http://127.0.0.1:%d/", rs.port);
    sync_conf c = {url, "0123456789abcdef", NULL, 0, NULL, NULL, NULL};
    memset(rep, 0, sizeof *rep);
    rep->your_last_seq = -1;
    return sync_pull_pass(st, &c, rep);
}

/* A page holding one foreign event (its payload hash right) with this cursor and has_more (heap JSON). */
static char *one_event_page(const char *cursor, int more)
{
    const char *payload = "{\"note\":\"来自另一窗口\"}";
    char ph[EV_HASH_HEX + 1];
    assert_int_equal(events_sha256_hex(payload, strlen(payload), ph), 0);
    json_t *ev = json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:i, s:s, s:I, s:s, s:s, s:s}", "id",
                           "01890a5d-ac96-774b-bcce-b302099a8057", "seq", 1, "type", "note.added", "subject", "X-1",
                           "payload", payload, "payload_hash", ph, "staff", 1, "staff_code", "other", "created_at",
                           (json_int_t)1763900000000, "prev_hash", Z64, "hash", H64, "terminal",
                           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    json_t *root = json_pack("{s:[{s:s, s:o}], s:s, s:b, s:I, s:i}", "changes", "kind", "event", "event", ev,
                             "next_cursor", cursor, "has_more", more, "server_time", (json_int_t)1763900000123,
                             "your_last_seq", 0);
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    return text;
}

static int64_t events_here(void)
{
    int64_t n = -1;
    assert_int_equal(events_count(st, &n), 0);
    return n;
}

static void a_malformed_page_applies_nothing_and_keeps_the_cursor(void **state)
{
    (void)state;
    int64_t before = events_here();
    char *page = one_event_page("v1.5.aaaaaaaaaaaa", 1), *bad = one_event_page("v1.6.bbbbbbbbbbbb", 0);
    char *missing = strstr(bad, ",\"your_last_seq\":0"); /* the second page lacks your_last_seq */
    assert_non_null(missing);
    memmove(missing, missing + strlen(",\"your_last_seq\":0"), strlen(missing + strlen(",\"your_last_seq\":0")) + 1);
    char *answers[] = {http("200 OK", page), http("200 OK", bad)};
    free(page);
    free(bad);
    serve_start(2, answers);
    sync_report rep;
    assert_int_equal(pull(&rep), SYNC_PASS_RETRY);
    serve_stop(answers);
    assert_non_null(strstr(rs.line[0], "GET /v1/changes?limit=200 HTTP/1.1"));
    assert_non_null(strstr(rs.line[1], "GET /v1/changes?limit=200&cursor=v1.5.aaaaaaaaaaaa HTTP/1.1"));
    assert_non_null(strstr(rep.message, "your_last_seq: missing"));
    assert_true(rep.wait_s >= 1);
    assert_int_equal(rep.pages, 1);
    assert_int_equal(rep.stored + rep.unapplied, 1); /* the first page only */
    assert_int_equal(events_here(), before + 1);
    assert_false(rep.pulled_all);
    char v[256];
    assert_int_equal(sync_meta_get(st, SYNC_META_CURSOR, v, sizeof v), 0);
    assert_string_equal(v, "v1.5.aaaaaaaaaaaa");
    assert_int_equal(sync_meta_get(st, SYNC_META_CLOCK_OFFSET, v, sizeof v), 0);
}

static void a_409_drops_the_cursor_and_starts_again_once(void **state)
{
    (void)state;
    assert_int_equal(sync_meta_set(st, SYNC_META_CURSOR, "v1.99.cccccccccccc"), 0);
    const char *resync = "{\"error\":{\"code\":\"resync\",\"message\":\"unknown cursor\",\"where\":\"cursor\"}}";
    char *answers[] = {http("409 Conflict", resync), one_event_page("v1.7.dddddddddddd", 0)};
    char *page = answers[1];
    answers[1] = http("200 OK", page);
    free(page);
    serve_start(2, answers);
    sync_report rep;
    assert_int_equal(pull(&rep), SYNC_PASS_DONE);
    serve_stop(answers);
    assert_non_null(strstr(rs.line[0], "cursor=v1.99.cccccccccccc"));
    assert_null(strstr(rs.line[1], "cursor="));
    assert_int_equal(rep.resyncs, 1);
    assert_true(rep.pulled_all);
    char v[256];
    assert_int_equal(sync_meta_get(st, SYNC_META_CURSOR, v, sizeof v), 0);
    assert_string_equal(v, "v1.7.dddddddddddd");

    char *twice[] = {http("409 Conflict", resync), http("409 Conflict", resync)};
    serve_start(2, twice);
    assert_int_equal(pull(&rep), SYNC_PASS_RETRY);
    serve_stop(twice);
    assert_non_null(strstr(rep.message, "twice"));
    assert_int_equal(sync_meta_get(st, SYNC_META_CURSOR, v, sizeof v), 1); /* dropped: the next pass starts over */
}

static void a_401_stops_with_the_centres_words(void **state)
{
    (void)state;
    char *answers[] = {http("401 Unauthorized", "{\"error\":{\"code\":\"unauthorized\",\"message\":\"unknown token\"}}")};
    serve_start(1, answers);
    sync_report rep;
    assert_int_equal(pull(&rep), SYNC_PASS_STOP);
    serve_stop(answers);
    assert_non_null(strstr(rep.message, "HTTP 401: unauthorized: unknown token"));
    assert_false(rep.pulled_all);
}

static void the_configured_proxy_carries_the_request(void **state)
{
    (void)state;
    char *answers[] = {http("200 OK", "{\"changes\":[],\"next_cursor\":\"v1.0\",\"has_more\":false,"
                                      "\"server_time\":5,\"your_last_seq\":0}")};
    serve_start(1, answers);
    char proxy[64];
    snprintf(proxy, sizeof proxy, "http://127.0.0.1:%d", rs.port);
    sync_conf c = {"http://centre.invalid:8750", "0123456789abcdef", NULL, 0, proxy, NULL, NULL};
    sync_report rep;
    memset(&rep, 0, sizeof rep);
    assert_int_equal(sync_pull_pass(st, &c, &rep), SYNC_PASS_DONE); /* the name never resolved: the proxy answered */
    serve_stop(answers);
    assert_string_equal(rs.line[0], "GET http://centre.invalid:8750/v1/changes?limit=200 HTTP/1.1");
    assert_true(rep.pulled_all);
}

static void proxy_and_pinned_key_are_read_from_the_config(void **state)
{
    (void)state;
    char file[] = "/tmp/guichet-syncconf-XXXXXX";
    int fd = mkstemp(file);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("[sync]\nserver = https://10.0.0.5:8750\nproxy = http://proxy.example:3128\n"
          "pinned_pubkey = sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", f);
    fclose(f);
    gconfig cfg;
    config_defaults(&cfg);
    assert_string_equal(cfg.sync_proxy, "");
    assert_string_equal(cfg.sync_pinned_pubkey, "");
    assert_int_equal(config_load(file, &cfg, err, sizeof err), 0);
    assert_string_equal(cfg.sync_proxy, "http://proxy.example:3128");
    assert_string_equal(cfg.sync_pinned_pubkey, "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    config_defaults(&cfg);
    assert_int_equal(config_load("config.ini.example", &cfg, err, sizeof err), 0); /* both there, empty */
    assert_string_equal(cfg.sync_proxy, "");
    assert_string_equal(cfg.sync_pinned_pubkey, "");
    unlink(file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_page_is_read_field_by_field),
        cmocka_unit_test(last_empty_page_and_unknown_fields_are_fine),
        cmocka_unit_test(malformed_bodies_are_refused_with_the_place),
        cmocka_unit_test(every_missing_field_is_named),
        cmocka_unit_test(wrong_types_are_named),
        cmocka_unit_test(big_bodies_gzip_and_inflate_back),
        cmocka_unit_test(a_second_agent_on_the_same_file_is_refused_with_the_pid),
        cmocka_unit_test(proxy_and_pinned_key_are_read_from_the_config),
        cmocka_unit_test_setup_teardown(a_malformed_page_applies_nothing_and_keeps_the_cursor, setup, teardown),
        cmocka_unit_test_setup_teardown(a_409_drops_the_cursor_and_starts_again_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_401_stops_with_the_centres_words, setup, teardown),
        cmocka_unit_test_setup_teardown(the_configured_proxy_carries_the_request, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
