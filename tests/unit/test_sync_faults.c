/* test_sync_faults.c - guichet-sync's push pass (sync/sync_push.h) when the
 * network or the centre misbehaves (issue 6), on loopback only, each side
 * with its own SQLite file and the real guichetd (server/srv_http.h) in this
 * process:
 *
 * - a proxy thread between the two that forwards each request to guichetd and
 *   then, by plan, loses the answer after the centre committed (closes the
 *   terminal's socket without a byte), cuts the answer half way, closes before
 *   forwarding the request, or hands the answer on slowly but whole;
 * - a fake centre thread answering 500, then 503 with Retry-After: 7, then
 *   503 with a Retry-After beyond the cap.
 *
 * After each fault, and after the pass that recovers: every event is on the
 * server exactly once (counted by id), each with the terminal's payload and
 * chain hashes, every event of the terminal is there, and the outbox is empty
 * after a good pass.  Events that failed keep their batch key (meta
 * sync_batch_key) and count their attempts; the retry carries the same
 * Idempotency-Key, so the centre answers what it stored the first time.
 *
 * The client's time limits are fixed in sync/sync_http.c (under 1 byte/s for
 * 30 s is a failure), so a centre that accepts and never answers takes 30 s:
 * that case runs only with GUICHET_TEST_SLOW=1 (skipped otherwise); the
 * slow case of every run is a slow but complete answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "data/events.h"
#include "data/staff.h"
#include "data/sync_store.h"
#include "server/srv_api.h"
#include "server/srv_auth.h"
#include "server/srv_http.h"
#include "server/srv_store.h"
#include "sync/sync_http.h"
#include "sync/sync_push.h"
#include "tests/unit/sync_fixture.h"

#define NF(a) (sizeof(a) / sizeof((a)[0]))
#define MSG_MAX (2u * 1024u * 1024u) /* bytes of one HTTP message the test threads handle */
#define PLAN_MAX 8
#define KEYS_MAX 16
#define KEY_LEN 36

/* ---- a few bytes of HTTP over raw sockets ---------------------------------------------------- */

/* One HTTP message: head (request or status line and headers) and Content-Length body. */
typedef struct {
    char *buf;
    size_t len;  /* bytes read */
    size_t head; /* bytes of the head, blank line included; 0 until seen */
    size_t body; /* Content-Length */
} http_msg;

static size_t find_blank_line(const char *p, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++)
        if (memcmp(p + i, "\r\n\r\n", 4) == 0)
            return i + 4;
    return 0;
}

/* The value of header `name` (lowercase, with the colon) in the head of m into out; true when present. */
static bool header_value(const http_msg *m, const char *name, char *out, size_t len)
{
    size_t nlen = strlen(name);
    for (size_t i = 0; i + nlen < m->head; i++) {
        if ((i == 0 || m->buf[i - 1] == '\n') && strncasecmp(m->buf + i, name, nlen) == 0) {
            size_t j = i + nlen, k = 0;
            while (j < m->head && m->buf[j] == ' ')
                j++;
            while (j < m->head && m->buf[j] != '\r' && k + 1 < len)
                out[k++] = m->buf[j++];
            out[k] = '\0';
            return true;
        }
    }
    return false;
}

/* Read one whole message from fd into m; 0, or -1 at end of stream, error or overflow. */
static int read_msg(int fd, http_msg *m)
{
    m->len = m->head = m->body = 0;
    for (;;) {
        if (!m->head && (m->head = find_blank_line(m->buf, m->len)) != 0) {
            char v[32];
            m->body = header_value(m, "content-length:", v, sizeof v) ? strtoul(v, NULL, 10) : 0;
        }
        if (m->head && m->len >= m->head + m->body)
            return 0;
        if (m->len == MSG_MAX)
            return -1;
        ssize_t r = recv(fd, m->buf + m->len, MSG_MAX - m->len, 0);
        if (r <= 0)
            return -1;
        m->len += (size_t)r;
    }
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* A TCP connection to 127.0.0.1:port; the socket or -1. */
static int connect_local(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0)
        return fd;
    if (fd >= 0)
        close(fd);
    return -1;
}

/* ---- the test's own little servers: the proxy and the fake centre ----------------------------- */

/* What the proxy does to one push (POST /v1/events); other requests always pass through. */
typedef enum {
    FWD_PASS = 0,      /* forward the request, hand the answer back */
    FWD_LOSE_ANSWER,   /* forward the request, read the centre's whole answer, close without a byte */
    FWD_CUT_ANSWER,    /* forward, then hand back the head and half the body, and close */
    FWD_LOSE_REQUEST,  /* close as soon as the request is read: the centre never sees it */
    FWD_SLOW_ANSWER    /* forward, then wait 1.5 s and hand the answer back 64 bytes every 20 ms */
} fwd_fault;

typedef struct front front;
/* Handle one request read on client socket c; true to keep the connection for another. */
typedef bool (*front_fn)(front *f, int c, const http_msg *req);

/* A listening thread on 127.0.0.1 (a free port) serving one connection at a time. */
struct front {
    int lfd;
    unsigned port;
    pthread_t thread;
    volatile int stop;
    front_fn handle;
    unsigned upstream;                 /* proxy: guichetd's port */
    fwd_fault plan[PLAN_MAX];          /* proxy: what to do to the 1st, 2nd ... push */
    const char *answers[PLAN_MAX];     /* fake centre: the whole answer to the 1st, 2nd ... request */
    pthread_mutex_t lock;
    int requests;                      /* pushes (proxy) or requests (fake centre) seen */
    char keys[KEYS_MAX][KEY_LEN + 1];  /* their Idempotency-Keys */
};

/* Count a request and keep its Idempotency-Key; returns its number (0, 1, ...). */
static int front_note(front *f, const http_msg *req)
{
    pthread_mutex_lock(&f->lock);
    int i = f->requests++;
    if (i < KEYS_MAX && !header_value(req, "idempotency-key:", f->keys[i], sizeof f->keys[i]))
        f->keys[i][0] = '\0';
    pthread_mutex_unlock(&f->lock);
    return i;
}

static void serve_connection(front *f, int c)
{
    http_msg m = {.buf = malloc(MSG_MAX)};
    struct timeval tv = {5, 0}; /* a client that goes quiet is let go */
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (m.buf && !f->stop && read_msg(c, &m) == 0 && f->handle(f, c, &m))
        ;
    free(m.buf);
}

static void *front_run(void *arg)
{
    front *f = arg;
    while (!f->stop) {
        struct pollfd p = {f->lfd, POLLIN, 0};
        if (poll(&p, 1, 50) <= 0)
            continue;
        int c = accept(f->lfd, NULL, NULL);
        if (c < 0)
            continue;
        serve_connection(f, c);
        close(c);
    }
    return NULL;
}

static int front_start(front *f, front_fn handle)
{
    f->handle = handle;
    f->stop = 0;
    pthread_mutex_init(&f->lock, NULL);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    f->lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (f->lfd < 0 || bind(f->lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(f->lfd, 8) != 0 ||
        getsockname(f->lfd, (struct sockaddr *)&a, &alen) != 0)
        return -1;
    f->port = ntohs(a.sin_port);
    return pthread_create(&f->thread, NULL, front_run, f) == 0 ? 0 : -1;
}

static void front_stop(front *f)
{
    f->stop = 1;
    pthread_join(f->thread, NULL);
    close(f->lfd);
    pthread_mutex_destroy(&f->lock);
}

static int front_requests(front *f)
{
    pthread_mutex_lock(&f->lock);
    int n = f->requests;
    pthread_mutex_unlock(&f->lock);
    return n;
}

/* Send req to guichetd and read its whole answer into ans; 0 or -1. */
static int ask_upstream(unsigned port, const http_msg *req, http_msg *ans)
{
    int u = connect_local(port);
    if (u < 0)
        return -1;
    int rc = send_all(u, req->buf, req->head + req->body) == 0 && read_msg(u, ans) == 0 ? 0 : -1;
    close(u);
    return rc;
}

/* Hand the answer back 64 bytes at a time after a pause: slow, but far above the client's 1 byte/s. */
static bool hand_back_slowly(int c, const http_msg *ans)
{
    sleep_ms(1500);
    for (size_t off = 0; off < ans->len; off += 64) {
        size_t n = ans->len - off < 64 ? ans->len - off : 64;
        if (send_all(c, ans->buf + off, n) != 0)
            return false;
        sleep_ms(20);
    }
    return true;
}

static bool proxy_handle(front *f, int c, const http_msg *req)
{
    fwd_fault fault = FWD_PASS;
    if (strncmp(req->buf, "POST /v1/events ", 16) == 0) {
        int i = front_note(f, req);
        fault = i < PLAN_MAX ? f->plan[i] : FWD_PASS;
    }
    if (fault == FWD_LOSE_REQUEST)
        return false;
    http_msg ans = {.buf = malloc(MSG_MAX)};
    bool keep = false;
    if (ans.buf && ask_upstream(f->upstream, req, &ans) == 0) {
        if (fault == FWD_PASS)
            keep = send_all(c, ans.buf, ans.len) == 0;
        else if (fault == FWD_CUT_ANSWER)
            send_all(c, ans.buf, ans.head + ans.body / 2);
        else if (fault == FWD_SLOW_ANSWER)
            keep = hand_back_slowly(c, &ans);
        /* FWD_LOSE_ANSWER: the centre has committed and answered; the terminal hears nothing */
    }
    free(ans.buf);
    return keep;
}

/* Say nothing on c until the client hangs up (or the test stops). */
static void stay_silent(front *f, int c)
{
    char sink[512];
    while (!f->stop) {
        struct pollfd p = {c, POLLIN, 0};
        if (poll(&p, 1, 100) > 0 && recv(c, sink, sizeof sink, 0) <= 0)
            return;
    }
}

static bool fake_centre_handle(front *f, int c, const http_msg *req)
{
    int i = front_note(f, req);
    const char *a = i < PLAN_MAX ? f->answers[i] : NULL;
    if (a)
        send_all(c, a, strlen(a));
    else
        stay_silent(f, c);
    return false; /* every canned answer says Connection: close */
}

/* ---- the terminal and the centre ----------------------------------------------------------- */

static char dir[64], client_path[128], server_path[128];
static store *cs;     /* the terminal's file */
static srv_store *ss; /* guichetd's file */
static srv_http *srv;
static unsigned port; /* guichetd's */
static staff_id clerk;
static char token[SRV_TOKEN_HEX + 1];
static int made;      /* events recorded so far */

static int setup(void **state)
{
    (void)state;
    char e[STORE_ERR_LEN], err[SRV_ERR_LEN];
    snprintf(dir, sizeof dir, "/tmp/guichet-faults-XXXXXX");
    if (!mkdtemp(dir) || srv_auth_init() != 0)
        return -1;
    snprintf(client_path, sizeof client_path, "%s/t.db", dir);
    snprintf(server_path, sizeof server_path, "%s/s.db", dir);
    cs = store_open(client_path, e, sizeof e);
    if (!cs || sx_add_clerk(cs, &clerk) != 0)
        return -1;
    made = 0;
    ss = srv_store_open(server_path, err, sizeof err);
    if (!ss || sx_terminal_add(ss, "w01", token) != 0)
        return -1;
    srv = sx_http_start(ss, &port);
    if (!srv || port == 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    srv_http_stop(srv);
    srv_store_close(ss);
    store_close(cs);
    return fx_rm_dir(dir);
}

/* Record n case.received events on the terminal. */
static void record(int n)
{
    for (int i = 0; i < n; i++)
        sx_record_case(cs, clerk, ++made, NULL);
}

static int64_t queued(void)
{
    int64_t n = -1;
    assert_int_equal(outbox_count(cs, &n), 0);
    return n;
}

/* One push pass to the centre at 127.0.0.1:to, batches of batch_max (0: the default). */
static sync_pass_rc pass_to(unsigned to, size_t batch_max, sync_report *rep)
{
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u", to);
    sync_conf c = {.server = url, .token = token, .batch_max = batch_max};
    return sync_push_pass(cs, &c, rep);
}

/* The integer of a one-row, one-column query on db (?1 bound to text when given). */
static int64_t query_int(sqlite3 *db, const char *sql, const char *text)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (text)
        sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The server holds `expect` events, each id once, each the terminal's own with the same payload and chain
 * hashes, and no event of the terminal is missing there.  Read through a connection of its own. */
static void server_holds_each_once(int64_t expect)
{
    char terminal[EVENT_TERMINAL_MAX + 1];
    assert_int_equal(events_terminal_id(cs, terminal, sizeof terminal), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(client_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "ATTACH DATABASE ?1 AS srv", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, server_path, -1, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    assert_int_equal(query_int(db, "SELECT count(*) FROM srv.events", NULL), expect);
    assert_int_equal(query_int(db, "SELECT count(DISTINCT id) FROM srv.events", NULL), expect);
    assert_int_equal(query_int(db, "SELECT count(*) FROM events WHERE terminal_id = ?1", terminal), made);
    assert_int_equal(query_int(db,
                               "SELECT count(*) FROM events e WHERE e.terminal_id = ?1 AND NOT EXISTS "
                               "(SELECT 1 FROM srv.events s WHERE s.id = e.id AND s.terminal = e.terminal_id "
                               "AND s.payload_hash = e.payload_hash AND s.hash = e.hash "
                               "AND s.prev_hash = e.prev_hash AND s.terminal_seq = e.seq)",
                               terminal),
                     made - expect);
    assert_int_equal(query_int(db, "SELECT count(*) FROM srv.events s WHERE NOT EXISTS "
                                   "(SELECT 1 FROM events e WHERE e.id = s.id)", NULL), 0);
    sqlite3_close(db);
}

/* Batches the server keeps answers for. */
static int64_t server_batches(void)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(server_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    int64_t n = query_int(db, "SELECT count(*) FROM batches", NULL);
    sqlite3_close(db);
    return n;
}

/* Whether the server kept an answer under this key. */
static bool server_has_batch(const char *key)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(server_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    int64_t n = query_int(db, "SELECT count(*) FROM batches WHERE idempotency_key = ?1", key);
    sqlite3_close(db);
    return n == 1;
}

/* The key in meta sync_batch_key (its uuid part) into key; false when there is none. */
static bool kept_key(char key[KEY_LEN + 1])
{
    char v[16384];
    int rc = sync_meta_get(cs, SYNC_META_BATCH_KEY, v, sizeof v);
    assert_true(rc == 0 || rc == 1);
    if (rc == 1)
        return false;
    assert_true(strlen(v) > KEY_LEN && v[KEY_LEN] == ' ');
    memcpy(key, v, KEY_LEN);
    key[KEY_LEN] = '\0';
    return true;
}

/* Every event in the outbox was tried `attempts` times and carries an error naming `words`. */
static void outbox_tried(int attempts, const char *words)
{
    event_row *rows;
    size_t n;
    assert_int_equal(outbox_batch(cs, 1000, &rows, &n), 0);
    assert_int_equal((int64_t)n, queued());
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].attempts, attempts);
        assert_non_null(rows[i].last_error);
        assert_non_null(strstr(rows[i].last_error, words));
    }
    event_rows_free(rows, n);
}

/* Start the proxy in front of guichetd with a plan for the first pushes. */
static void proxy_start(front *p, const fwd_fault *plan, size_t n)
{
    memset(p, 0, sizeof *p);
    p->upstream = port;
    for (size_t i = 0; i < n && i < PLAN_MAX; i++)
        p->plan[i] = plan[i];
    assert_int_equal(front_start(p, proxy_handle), 0);
}

/* ---- the faults ------------------------------------------------------------------------------ */

/* The centre committed the batch and answered; the connection dropped before the terminal read a byte. */
static void answer_lost_after_commit_then_the_retry_gets_the_stored_answer(void **state)
{
    (void)state;
    front p;
    const fwd_fault plan[] = {FWD_LOSE_ANSWER};
    proxy_start(&p, plan, NF(plan));
    record(150);
    sync_report rep;
    assert_int_equal(pass_to(p.port, 0, &rep), SYNC_PASS_RETRY);
    assert_int_equal(rep.applied + rep.duplicate + rep.rejected, 0);
    assert_true(rep.wait_s >= 1);
    assert_int_equal(queued(), 150);           /* nothing acknowledged on the terminal ... */
    server_holds_each_once(150);               /* ... though the centre stored every event */
    outbox_tried(1, "127.0.0.1");
    char key[KEY_LEN + 1];
    assert_true(kept_key(key));                /* the key is kept for the retry */
    assert_string_equal(key, p.keys[0]);
    assert_true(server_has_batch(key));

    assert_int_equal(pass_to(p.port, 0, &rep), SYNC_PASS_DONE);
    assert_int_equal(front_requests(&p), 2);
    assert_string_equal(p.keys[1], key);       /* the same Idempotency-Key ... */
    assert_int_equal(rep.applied, 150);        /* ... so the stored answer came back: "applied" */
    assert_int_equal(rep.duplicate, 0);
    assert_int_equal(rep.rejected, 0);
    assert_int_equal(queued(), 0);
    assert_false(kept_key(key));
    assert_int_equal(server_batches(), 1);
    server_holds_each_once(150);
    front_stop(&p);
}

/* Batches of 50: the first is answered, the second's answer is lost; the retry resends the second under
 * its key, then the third goes fresh. */
static void answer_lost_on_the_second_batch(void **state)
{
    (void)state;
    front p;
    const fwd_fault plan[] = {FWD_PASS, FWD_LOSE_ANSWER};
    proxy_start(&p, plan, NF(plan));
    record(120);
    sync_report rep;
    assert_int_equal(pass_to(p.port, 50, &rep), SYNC_PASS_RETRY);
    assert_int_equal(rep.batches, 2);
    assert_int_equal(rep.applied, 50);
    assert_int_equal(queued(), 70);
    server_holds_each_once(100);
    char key[KEY_LEN + 1];
    assert_true(kept_key(key));
    assert_string_equal(key, p.keys[1]);

    assert_int_equal(pass_to(p.port, 50, &rep), SYNC_PASS_DONE);
    assert_int_equal(rep.batches, 2);
    assert_int_equal(rep.applied, 70); /* 50 from the stored answer, 20 new */
    assert_int_equal(rep.duplicate, 0);
    assert_int_equal(front_requests(&p), 4);
    assert_string_equal(p.keys[2], key);
    assert_string_not_equal(p.keys[3], key);
    assert_int_equal(queued(), 0);
    assert_int_equal(server_batches(), 3);
    server_holds_each_once(120);
    front_stop(&p);
}

/* The answer stops half way through its body: no results are applied from a partial answer. */
static void answer_cut_half_way(void **state)
{
    (void)state;
    front p;
    const fwd_fault plan[] = {FWD_CUT_ANSWER};
    proxy_start(&p, plan, NF(plan));
    record(40);
    sync_report rep;
    assert_int_equal(pass_to(p.port, 0, &rep), SYNC_PASS_RETRY);
    assert_int_equal(rep.applied, 0);
    assert_int_equal(queued(), 40);
    server_holds_each_once(40);
    outbox_tried(1, "127.0.0.1");
    assert_int_equal(pass_to(p.port, 0, &rep), SYNC_PASS_DONE);
    assert_string_equal(p.keys[0], p.keys[1]);
    assert_int_equal(rep.applied, 40);
    assert_int_equal(queued(), 0);
    server_holds_each_once(40);
    front_stop(&p);
}

/* The connection drops before the centre sees the request: the retry stores the events for the first time. */
static void request_lost_before_the_centre(void **state)
{
    (void)state;
    front p;
    const fwd_fault plan[] = {FWD_LOSE_REQUEST, FWD_LOSE_REQUEST};
    proxy_start(&p, plan, NF(plan));
    record(30);
    sync_report rep;
    assert_int_equal(pass_to(p.port, 0, &rep), SYNC_PASS_RETRY);
    assert_int_equal(pass_to(p.port, 0, &rep), SYNC_PASS_RETRY);
    assert_int_equal(rep.wait_s, 2); /* the second failure of the same events: 2 s */
    outbox_tried(2, "127.0.0.1");
    server_holds_each_once(0);
    assert_int_equal(server_batches(), 0);
    assert_int_equal(pass_to(p.port, 0, &rep), SYNC_PASS_DONE);
    assert_int_equal(front_requests(&p), 3);
    assert_string_equal(p.keys[0], p.keys[2]);
    assert_int_equal(rep.applied, 30);
    assert_int_equal(queued(), 0);
    server_holds_each_once(30);
    front_stop(&p);
}

/* A slow answer (1.5 s before the first byte, then 64 bytes every 20 ms) is still an answer. */
static void slow_but_complete_answer(void **state)
{
    (void)state;
    front p;
    const fwd_fault plan[] = {FWD_SLOW_ANSWER, FWD_SLOW_ANSWER};
    proxy_start(&p, plan, NF(plan));
    record(25);
    sync_report rep;
    assert_int_equal(pass_to(p.port, 10, &rep), SYNC_PASS_DONE);
    assert_int_equal(rep.batches, 3);
    assert_int_equal(rep.applied, 25);
    assert_string_equal(rep.message, "");
    assert_int_equal(queued(), 0);
    server_holds_each_once(25);
    front_stop(&p);
}

static const char answer_500[] =
    "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: 63\r\n"
    "Connection: close\r\n\r\n{\"error\":{\"code\":\"internal\",\"message\":\"the store failed here\"}}";
static const char answer_503[] =
    "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
static const char answer_503_long[] =
    "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 86400\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

/* A centre answering 500, then 503 Retry-After: 7, then 503 Retry-After: a day; then the real one. */
static void centre_failing_500_then_503_with_retry_after(void **state)
{
    (void)state;
    front f;
    memset(&f, 0, sizeof f);
    f.answers[0] = answer_500;
    f.answers[1] = answer_503;
    f.answers[2] = answer_503_long;
    assert_int_equal(front_start(&f, fake_centre_handle), 0);
    record(60);
    char key[KEY_LEN + 1];
    sync_report rep;

    assert_int_equal(pass_to(f.port, 0, &rep), SYNC_PASS_RETRY);
    assert_int_equal(rep.batches, 1);
    assert_int_equal(rep.wait_s, 1); /* first failure: 1 s */
    assert_non_null(strstr(rep.message, "internal"));
    assert_int_equal(rep.applied + rep.duplicate + rep.rejected, 0);
    outbox_tried(1, "internal");
    assert_true(kept_key(key));
    assert_string_equal(key, f.keys[0]);

    assert_int_equal(pass_to(f.port, 0, &rep), SYNC_PASS_RETRY);
    assert_int_equal(rep.wait_s, 7); /* Retry-After: 7 beats the backoff's 2 s */
    assert_non_null(strstr(rep.message, "503"));
    outbox_tried(2, "503");

    assert_int_equal(pass_to(f.port, 0, &rep), SYNC_PASS_RETRY);
    assert_int_equal(rep.wait_s, 3600); /* a day is read as an hour */
    outbox_tried(3, "503");
    assert_int_equal(queued(), 60); /* nothing acknowledged */
    char v[600];
    assert_int_equal(sync_meta_get(cs, SYNC_META_LAST_ERROR, v, sizeof v), 0);
    assert_non_null(strstr(v, "503"));
    assert_int_equal(front_requests(&f), 3);
    assert_string_equal(f.keys[1], key);
    assert_string_equal(f.keys[2], key);
    front_stop(&f);
    server_holds_each_once(0);

    assert_int_equal(pass_to(port, 0, &rep), SYNC_PASS_DONE); /* the real centre, the same key */
    assert_int_equal(rep.applied, 60);
    assert_int_equal(queued(), 0);
    assert_true(server_has_batch(key));
    assert_int_equal(sync_meta_get(cs, SYNC_META_LAST_ERROR, v, sizeof v), 1);
    server_holds_each_once(60);
}

/* A centre that accepts the request and never answers: the client gives up after its low-speed limit
 * (under 1 byte/s for 30 s, fixed in sync/sync_http.c), so this runs only with GUICHET_TEST_SLOW=1. */
static void centre_silent_until_the_client_gives_up(void **state)
{
    (void)state;
    if (!getenv("GUICHET_TEST_SLOW"))
        skip();
    front f;
    memset(&f, 0, sizeof f); /* answers[0] NULL: silence */
    assert_int_equal(front_start(&f, fake_centre_handle), 0);
    record(10);
    sync_report rep;
    assert_int_equal(pass_to(f.port, 0, &rep), SYNC_PASS_RETRY);
    assert_non_null(strstr(rep.message, "no answer from"));
    assert_int_equal(rep.applied, 0);
    outbox_tried(1, "no answer from");
    assert_int_equal(queued(), 10);
    front_stop(&f);
    assert_int_equal(pass_to(port, 0, &rep), SYNC_PASS_DONE);
    assert_int_equal(rep.applied, 10);
    server_holds_each_once(10);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    if (sync_http_global_init() != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(answer_lost_after_commit_then_the_retry_gets_the_stored_answer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(answer_lost_on_the_second_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(answer_cut_half_way, setup, teardown),
        cmocka_unit_test_setup_teardown(request_lost_before_the_centre, setup, teardown),
        cmocka_unit_test_setup_teardown(slow_but_complete_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(centre_failing_500_then_503_with_retry_after, setup, teardown),
        cmocka_unit_test_setup_teardown(centre_silent_until_the_client_gives_up, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sync_http_global_cleanup();
    return rc;
}
