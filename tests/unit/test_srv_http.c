/* test_srv_http.c - guichetd's HTTP server started in this process on
 * 127.0.0.1 (a free port) and spoken to with plain sockets: health, push
 * (applied, replayed key = same bytes, new key = duplicate, changed payload =
 * conflict), malformed JSON (400 naming where, nothing stored), tokens (401),
 * oversize bodies (413 from Content-Length and while reading), pull from
 * another terminal, a bad cursor (409), gzip bodies (inflated; corrupt 400,
 * over 4 MiB inflated 413, another encoding 415) and the per-request log line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include "server/srv_api.h"
#include "server/srv_auth.h"
#include "server/srv_http.h"
#include "server/srv_store.h"

#define TERM_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ZERO64 "0000000000000000000000000000000000000000000000000000000000000000"
#define KEY1 "0190a000-0000-7000-8000-000000000001"
#define KEY2 "0190a000-0000-7000-8000-000000000002"
#define KEY3 "0190a000-0000-7000-8000-000000000003"
#define EV1 "01890a5d-ac96-774b-bcce-b302099a8057"

static char dir[64], path[128], logpath[128];
static srv_store *st;
static srv_http *srv;
static FILE *log_file;
static char tok_a[SRV_TOKEN_HEX + 1], tok_b[SRV_TOKEN_HEX + 1];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/guichetd-http-XXXXXX");
    if (!mkdtemp(dir) || srv_auth_init() != 0)
        return -1;
    snprintf(path, sizeof path, "%s/s.db", dir);
    snprintf(logpath, sizeof logpath, "%s/log", dir);
    char err[SRV_ERR_LEN], hash[SRV_HASH_HEX + 1];
    st = srv_store_open(path, err, sizeof err);
    if (!st)
        return -1;
    srv_token_new(tok_a, hash);
    if (srv_terminal_add(st, "w03", hash, 1) != 0)
        return -1;
    srv_token_new(tok_b, hash);
    if (srv_terminal_add(st, "w04", hash, 1) != 0)
        return -1;
    log_file = fopen(logpath, "w");
    srv = srv_http_start("127.0.0.1", 0, st, log_file, err, sizeof err);
    return srv && srv_http_port(srv) != 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    srv_http_stop(srv);
    srv_store_close(st);
    fclose(log_file);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int connect_server(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)srv_http_port(srv))};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

static void send_all(int fd, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, data, n, MSG_NOSIGNAL);
        if (w <= 0)
            return; /* the server may answer and close before reading everything */
        data += w;
        n -= (size_t)w;
    }
}

/* Read the whole answer (the request said Connection: close); status, body copied into body. */
static int read_answer(int fd, char *body, size_t cap)
{
    static char buf[1 << 20];
    size_t got = 0;
    ssize_t r;
    while (got + 1 < sizeof buf && (r = recv(fd, buf + got, sizeof buf - 1 - got, 0)) > 0)
        got += (size_t)r;
    buf[got] = '\0';
    close(fd);
    int status = 0;
    if (sscanf(buf, "HTTP/1.1 %d", &status) != 1)
        return -1;
    const char *b = strstr(buf, "\r\n\r\n");
    snprintf(body, cap, "%s", b ? b + 4 : "");
    return status;
}

/* One request; token NULL = no Authorization, key NULL = no Idempotency-Key. */
static int request(const char *method, const char *target, const char *token, const char *key, const char *data,
                   char *body, size_t cap)
{
    int fd = connect_server();
    char head[1024];
    int n = snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n", method, target);
    if (token)
        n += snprintf(head + n, sizeof head - (size_t)n, "Authorization: Bearer %s\r\n", token);
    if (key)
        n += snprintf(head + n, sizeof head - (size_t)n, "Idempotency-Key: %s\r\n", key);
    if (data)
        n += snprintf(head + n, sizeof head - (size_t)n, "Content-Type: application/json\r\nContent-Length: %zu\r\n",
                      strlen(data));
    snprintf(head + n, sizeof head - (size_t)n, "\r\n");
    send_all(fd, head, strlen(head));
    if (data)
        send_all(fd, data, strlen(data));
    return read_answer(fd, body, cap);
}

/* A batch of one event with payload {"n":N} (and its real hash). */
static void batch(char *out, size_t cap, int n)
{
    char payload[32], hash[SRV_HASH_HEX + 1];
    snprintf(payload, sizeof payload, "{\"n\":%d}", n);
    srv_sha256_hex(payload, strlen(payload), hash);
    snprintf(out, cap,
             "{\"terminal\":\"%s\",\"events\":[{\"id\":\"%s\",\"seq\":1,\"type\":\"case.accepted\",\"subject\":\"S-1\","
             "\"payload\":\"{\\\"n\\\":%d}\",\"payload_hash\":\"%s\",\"staff\":3,\"staff_code\":\"demo-a\","
             "\"created_at\":1763900000000,\"prev_hash\":\"%s\",\"hash\":\"%s\"}]}",
             TERM_A, EV1, n, hash, ZERO64, ZERO64);
}

static int64_t stored_events(void)
{
    int64_t n = -1;
    assert_int_equal(srv_events_count(st, &n), 0);
    return n;
}

static void test_health(void **state)
{
    (void)state;
    char body[512];
    assert_int_equal(request("GET", "/v1/health", NULL, NULL, NULL, body, sizeof body), 200);
    assert_non_null(strstr(body, "\"status\":\"ok\""));
    assert_non_null(strstr(body, "\"events\":0"));
    assert_int_equal(request("GET", "/v1/nothing", NULL, NULL, NULL, body, sizeof body), 404);
    assert_int_equal(request("DELETE", "/v1/health", NULL, NULL, NULL, body, sizeof body), 405);
}

static void test_push_applied_replayed_duplicate_conflict(void **state)
{
    (void)state;
    char data[2048], first[1024], again[1024], body[1024];
    batch(data, sizeof data, 1);
    assert_int_equal(request("POST", "/v1/events", tok_a, KEY1, data, first, sizeof first), 200);
    assert_non_null(strstr(first, "{\"id\":\"" EV1 "\",\"status\":\"applied\"}"));
    assert_non_null(strstr(first, "\"your_last_seq\":1}"));
    assert_int_equal(request("POST", "/v1/events", tok_a, KEY1, data, again, sizeof again), 200);
    assert_string_equal(first, again);
    assert_int_equal(request("POST", "/v1/events", tok_a, KEY2, data, body, sizeof body), 200);
    assert_non_null(strstr(body, "\"status\":\"duplicate\""));
    batch(data, sizeof data, 2);
    assert_int_equal(request("POST", "/v1/events", tok_a, KEY3, data, body, sizeof body), 200);
    assert_non_null(strstr(body, "\"status\":\"rejected\",\"reason\":\"conflict: "));
    assert_int_equal(stored_events(), 1);
    /* the stored payload is still the first one */
    assert_int_equal(request("GET", "/v1/changes", tok_b, NULL, NULL, body, sizeof body), 200);
    assert_non_null(strstr(body, "{\\\"n\\\":1}"));
    assert_null(strstr(body, "{\\\"n\\\":2}"));
}

static void test_malformed_json_names_where(void **state)
{
    (void)state;
    char body[1024];
    assert_int_equal(request("POST", "/v1/events", tok_a, KEY1, "{\"terminal\": \"" TERM_A "\", \"events\": [",
                             body, sizeof body), 400);
    assert_non_null(strstr(body, "\"code\":\"bad_json\""));
    assert_non_null(strstr(body, "\"where\":\"body line 1 column"));
    assert_int_equal(request("POST", "/v1/events", tok_a, KEY1,
                             "{\"terminal\":\"" TERM_A "\",\"events\":[{\"id\":7}]}", body, sizeof body), 400);
    assert_non_null(strstr(body, "\"where\":\"events[0].id\""));
    assert_int_equal(stored_events(), 0);
    /* the key was not spent on a refused body */
    char data[2048];
    batch(data, sizeof data, 1);
    assert_int_equal(request("POST", "/v1/events", tok_a, KEY1, data, body, sizeof body), 200);
    assert_non_null(strstr(body, "\"applied\""));
}

static void test_tokens_required(void **state)
{
    (void)state;
    char data[2048], body[1024], wrong[SRV_TOKEN_HEX + 1];
    batch(data, sizeof data, 1);
    assert_int_equal(request("POST", "/v1/events", NULL, KEY1, data, body, sizeof body), 401);
    assert_non_null(strstr(body, "\"unauthorized\""));
    memset(wrong, 'a', SRV_TOKEN_HEX);
    wrong[SRV_TOKEN_HEX] = '\0';
    assert_int_equal(request("POST", "/v1/events", wrong, KEY1, data, body, sizeof body), 401);
    assert_int_equal(request("GET", "/v1/changes", wrong, NULL, NULL, body, sizeof body), 401);
    assert_int_equal(srv_terminal_revoke(st, "w03", 5), 0);
    assert_int_equal(request("POST", "/v1/events", tok_a, KEY1, data, body, sizeof body), 401);
    assert_int_equal(stored_events(), 0);
}

static void test_oversize_body_refused(void **state)
{
    (void)state;
    char body[1024];
    /* announced too big: refused before reading */
    int fd = connect_server();
    char head[512];
    snprintf(head, sizeof head,
             "POST /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer %s\r\n"
             "Idempotency-Key: " KEY1 "\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n",
             tok_a);
    send_all(fd, head, strlen(head));
    assert_int_equal(read_answer(fd, body, sizeof body), 413);
    assert_non_null(strstr(body, "\"body_too_large\""));
    /* chunked, no length: refused once 4 MiB have been read */
    fd = connect_server();
    snprintf(head, sizeof head,
             "POST /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer %s\r\n"
             "Idempotency-Key: " KEY1 "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
             tok_a);
    send_all(fd, head, strlen(head));
    static char chunk[65536 + 16];
    int n = snprintf(chunk, sizeof chunk, "10000\r\n");
    memset(chunk + n, ' ', 65536);
    memcpy(chunk + n + 65536, "\r\n", 2);
    for (int i = 0; i < 65; i++)
        send_all(fd, chunk, (size_t)n + 65536 + 2);
    send_all(fd, "0\r\n\r\n", 5);
    assert_int_equal(read_answer(fd, body, sizeof body), 413);
    assert_int_equal(stored_events(), 0);
}

static void test_pull_from_another_terminal(void **state)
{
    (void)state;
    char data[2048], body[4096];
    batch(data, sizeof data, 1);
    assert_int_equal(request("POST", "/v1/events", tok_a, KEY1, data, body, sizeof body), 200);
    assert_int_equal(request("GET", "/v1/changes?limit=10", tok_b, NULL, NULL, body, sizeof body), 200);
    assert_non_null(strstr(body, "\"kind\":\"event\""));
    assert_non_null(strstr(body, "\"id\":\"" EV1 "\""));
    assert_non_null(strstr(body, "\"terminal\":\"" TERM_A "\""));
    assert_non_null(strstr(body, "\"next_cursor\":\"v1.1.b302099a8057\",\"has_more\":false"));
    /* the pushing terminal does not get its own event back */
    assert_int_equal(request("GET", "/v1/changes", tok_a, NULL, NULL, body, sizeof body), 200);
    assert_non_null(strstr(body, "\"changes\":[]"));
    assert_int_equal(request("GET", "/v1/changes?cursor=v1.1.b302099a8057", tok_b, NULL, NULL, body, sizeof body), 200);
    assert_non_null(strstr(body, "\"changes\":[]"));
    assert_int_equal(request("GET", "/v1/changes?cursor=v1.99", tok_b, NULL, NULL, body, sizeof body), 409);
    assert_non_null(strstr(body, "\"code\":\"resync\""));
    assert_int_equal(request("GET", "/v1/changes?cursor=bogus", tok_b, NULL, NULL, body, sizeof body), 409);
    assert_int_equal(request("GET", "/v1/changes?limit=0", tok_b, NULL, NULL, body, sizeof body), 400);
}

static void test_one_log_line_per_request(void **state)
{
    (void)state;
    char body[512];
    assert_int_equal(request("GET", "/v1/health", NULL, NULL, NULL, body, sizeof body), 200);
    assert_int_equal(request("GET", "/v1/changes", tok_b, NULL, NULL, body, sizeof body), 200);
    srv_http_stop(srv); /* every request completed and logged */
    srv = NULL;
    fflush(log_file);
    FILE *f = fopen(logpath, "r");
    assert_non_null(f);
    char line[512];
    int lines = 0, health = 0, changes = 0;
    while (fgets(line, sizeof line, f)) {
        lines++;
        health += strstr(line, "method=GET path=/v1/health status=200 terminal=- ms=") != NULL;
        changes += strstr(line, "method=GET path=/v1/changes status=200 terminal=w04 ms=") != NULL;
    }
    fclose(f);
    assert_int_equal(lines, 2);
    assert_int_equal(health, 1);
    assert_int_equal(changes, 1);
}


/* gzip of n bytes (malloc'd, *zlen bytes). */
static unsigned char *gzip_of(const void *data, size_t n, size_t *zlen)
{
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)n) + 64;
    unsigned char *out = malloc(cap);
    assert_non_null(out);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *zlen = z.total_out;
    deflateEnd(&z);
    return out;
}

/* A push with a binary body and a Content-Encoding; the status, body copied. */
static int push_encoded(const char *encoding, const void *data, size_t n, const char *key, char *body, size_t cap)
{
    int fd = connect_server();
    char head[1024];
    snprintf(head, sizeof head,
             "POST /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer %s\r\n"
             "Idempotency-Key: %s\r\nContent-Type: application/json\r\nContent-Encoding: %s\r\n"
             "Content-Length: %zu\r\n\r\n", tok_a, key, encoding, n);
    send_all(fd, head, strlen(head));
    send_all(fd, data, n);
    return read_answer(fd, body, cap);
}

static void test_gzip_bodies(void **state)
{
    (void)state;
    char data[2048], body[1024];
    batch(data, sizeof data, 1);
    size_t zn = 0;
    unsigned char *z = gzip_of(data, strlen(data), &zn);
    assert_int_equal(push_encoded("gzip", z, zn, KEY1, body, sizeof body), 200);
    assert_non_null(strstr(body, "{\"id\":\"" EV1 "\",\"status\":\"applied\"}"));
    assert_non_null(strstr(body, "\"your_last_seq\":1}"));
    assert_int_equal(stored_events(), 1);
    /* cut short, or a flipped byte in the data: 400 bad_gzip, and the key is not spent */
    assert_int_equal(push_encoded("gzip", z, zn / 2, KEY2, body, sizeof body), 400);
    assert_non_null(strstr(body, "\"code\":\"bad_gzip\""));
    z[zn / 2] ^= 0x55;
    assert_int_equal(push_encoded("gzip", z, zn, KEY2, body, sizeof body), 400);
    assert_non_null(strstr(body, "\"bad_gzip\""));
    assert_int_equal(push_encoded("gzip", data, strlen(data), KEY2, body, sizeof body), 400); /* not gzip at all */
    free(z);
    /* another encoding */
    assert_int_equal(push_encoded("br", data, strlen(data), KEY2, body, sizeof body), 415);
    assert_non_null(strstr(body, "\"where\":\"Content-Encoding\""));
    /* a bomb: 5 MiB of spaces compress to a few KiB, refused once 4 MiB are inflated */
    size_t big = 5u * 1024 * 1024;
    char *spaces = malloc(big);
    assert_non_null(spaces);
    memset(spaces, ' ', big);
    z = gzip_of(spaces, big, &zn);
    free(spaces);
    assert_true(zn < 64 * 1024);
    assert_int_equal(push_encoded("gzip", z, zn, KEY2, body, sizeof body), 413);
    assert_non_null(strstr(body, "\"code\":\"body_too_large\""));
    free(z);
    /* the same key then works with a good body: nothing was spent or stored */
    assert_int_equal(stored_events(), 1);
    batch(data, sizeof data, 1);
    assert_int_equal(request("POST", "/v1/events", tok_a, KEY2, data, body, sizeof body), 200);
    assert_non_null(strstr(body, "\"duplicate\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_health, setup, teardown),
        cmocka_unit_test_setup_teardown(test_push_applied_replayed_duplicate_conflict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_json_names_where, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tokens_required, setup, teardown),
        cmocka_unit_test_setup_teardown(test_oversize_body_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pull_from_another_terminal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gzip_bodies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_log_line_per_request, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
