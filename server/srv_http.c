/* srv_http.c - the HTTP layer of guichetd on libmicrohttpd: one internal
 * polling thread serves every connection, so requests are handled one at a
 * time (the store is used from that thread only: SQLite has one writer at a
 * time anyway, and a push is one write transaction); connections limited in
 * all and per client address; HTTPS when given a certificate and key;
 * bodies over SRV_BODY_MAX refused with 413 from Content-Length, while
 * reading, or once a gzip body is inflated (Content-Encoding: gzip; another
 * encoding is 415, a corrupt stream 400 bad_gzip); token checked before any
 * body is read; JSON error bodies; one log line per request:
 *   TIME method=M path=P status=S terminal=NAME ms=N */
#include "server/srv_http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "server/srv_api.h"
#include "server/srv_gzip.h"
#include "server/srv_json.h"

struct srv_http {
    struct MHD_Daemon *daemon;
    srv_store *store;
    FILE *log;
    unsigned port;
    char *cert, *key; /* copies of the PEM texts while the daemon runs (NULL: plain HTTP) */
    atomic_int in_flight;
};

typedef enum { ROUTE_NONE, ROUTE_EVENTS, ROUTE_CHANGES, ROUTE_HEALTH } route;

/* One request's state between libmicrohttpd's calls. */
typedef struct {
    route where;
    int64_t start_ms;
    int status;         /* 0 until a response is queued */
    int too_big;
    int gzip;           /* the body came with Content-Encoding: gzip */
    char method[8];
    char path[64];
    char terminal[SRV_NAME_MAX + 1];
    srv_terminal t;
    char *body;
    size_t len, cap;
} request;

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Copy text for the log: printable ASCII only, at most len - 1 bytes. */
static void copy_printable(char *dst, size_t len, const char *src)
{
    size_t i = 0;
    for (; src && src[i] && i + 1 < len; i++)
        dst[i] = (src[i] > 0x20 && src[i] < 0x7f) ? src[i] : '?';
    dst[i] = '\0';
}

static enum MHD_Result send_reply(struct MHD_Connection *c, request *rq, srv_reply *r)
{
    if (!r->body) {
        r->status = 500;
        r->body = strdup("{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}");
    }
    size_t n = r->body ? strlen(r->body) : 0;
    struct MHD_Response *resp = MHD_create_response_from_buffer(n, r->body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        srv_reply_free(r);
        return MHD_NO;
    }
    r->body = NULL; /* owned by the response now */
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    rq->status = r->status;
    return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *c, request *rq, int status, const char *code,
                                  const char *where, const char *message)
{
    srv_reply r = {0};
    srv_api_error(&r, status, code, where, message);
    return send_reply(c, rq, &r);
}

static route route_of(const char *url)
{
    if (strcmp(url, "/v1/events") == 0)
        return ROUTE_EVENTS;
    if (strcmp(url, "/v1/changes") == 0)
        return ROUTE_CHANGES;
    if (strcmp(url, "/v1/health") == 0)
        return ROUTE_HEALTH;
    return ROUTE_NONE;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* The first call: route, method, size, content type and token, before any body is read. */
static enum MHD_Result first_call(srv_http *h, struct MHD_Connection *c, request *rq, const char *method)
{
    if (rq->where == ROUTE_NONE)
        return send_error(c, rq, 404, "not_found", "path", "no such endpoint (see docs/protocol.md)");
    const char *want = rq->where == ROUTE_EVENTS ? "POST" : "GET";
    if (strcmp(method, want) != 0)
        return send_error(c, rq, 405, "method_not_allowed", "method", "method not allowed on this endpoint");
    if (rq->where == ROUTE_HEALTH)
        return MHD_YES;
    if (rq->where == ROUTE_EVENTS) {
        const char *cl = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > SRV_BODY_MAX)
            return send_error(c, rq, 413, "body_too_large", "body", "a request body is at most 4 MiB");
        const char *ct = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
        if (!ct || strncmp(ct, "application/json", 16) != 0)
            return send_error(c, rq, 415, "unsupported_media_type", "Content-Type",
                              "the body must be application/json");
        const char *ce = header(c, MHD_HTTP_HEADER_CONTENT_ENCODING);
        if (ce && strcasecmp(ce, "gzip") == 0)
            rq->gzip = 1;
        else if (ce && strcasecmp(ce, "identity") != 0)
            return send_error(c, rq, 415, "unsupported_media_type", "Content-Encoding",
                              "a body is sent plain or with Content-Encoding: gzip");
    }
    srv_reply r = {0};
    if (srv_api_auth(h->store, header(c, MHD_HTTP_HEADER_AUTHORIZATION), srv_now_ms(), &rq->t, &r) != 0)
        return send_reply(c, rq, &r);
    snprintf(rq->terminal, sizeof rq->terminal, "%s", rq->t.name);
    return MHD_YES;
}

/* Keep a piece of the body, or drop it once the total is over the limit. */
static void take_body(request *rq, const char *data, size_t n)
{
    if (rq->too_big || n > SRV_BODY_MAX - rq->len) {
        rq->too_big = 1;
        return;
    }
    if (rq->len + n + 1 > rq->cap) {
        size_t cap = rq->cap ? rq->cap : 16384;
        while (cap < rq->len + n + 1)
            cap *= 2;
        char *b = realloc(rq->body, cap);
        if (!b) {
            rq->too_big = 1;
            return;
        }
        rq->body = b;
        rq->cap = cap;
    }
    memcpy(rq->body + rq->len, data, n);
    rq->len += n;
    rq->body[rq->len] = '\0';
}

/* Replace a gzip body by its inflated text; 0, or -1 when an error answer was queued (*result set). */
static int inflate_body(struct MHD_Connection *c, request *rq, enum MHD_Result *result)
{
    char *plain = NULL;
    size_t n = 0;
    srv_gz gz = srv_gunzip(rq->body ? rq->body : "", rq->len, SRV_BODY_MAX, &plain, &n);
    if (gz == SRV_GZ_OK) {
        free(rq->body);
        rq->body = plain;
        rq->len = n;
        return 0;
    }
    if (gz == SRV_GZ_TOO_LARGE)
        *result = send_error(c, rq, 413, "body_too_large", "body", "a request body is at most 4 MiB once inflated");
    else if (gz == SRV_GZ_CORRUPT)
        *result = send_error(c, rq, 400, "bad_gzip", "body", "the body is not a complete gzip stream");
    else
        *result = send_error(c, rq, 500, "internal", "", "out of memory");
    return -1;
}

static enum MHD_Result dispatch(srv_http *h, struct MHD_Connection *c, request *rq)
{
    srv_reply r = {0};
    int64_t now = srv_now_ms();
    if (rq->where == ROUTE_HEALTH) {
        srv_api_health(h->store, now, &r);
    } else if (rq->where == ROUTE_CHANGES) {
        srv_api_changes(h->store, &rq->t, MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "cursor"),
                        MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit"), now, &r);
    } else if (rq->too_big) {
        return send_error(c, rq, 413, "body_too_large", "body", "a request body is at most 4 MiB");
    } else {
        enum MHD_Result result;
        if (rq->gzip && inflate_body(c, rq, &result) != 0)
            return result;
        srv_api_push(h->store, &rq->t, header(c, "Idempotency-Key"), rq->body ? rq->body : "", rq->len, now, &r);
    }
    return send_reply(c, rq, &r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state)
{
    (void)version;
    srv_http *h = cls;
    request *rq = *state;
    if (!rq) {
        rq = calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        *state = rq;
        atomic_fetch_add(&h->in_flight, 1);
        rq->start_ms = mono_ms();
        rq->where = route_of(url);
        copy_printable(rq->method, sizeof rq->method, method);
        copy_printable(rq->path, sizeof rq->path, url);
        return first_call(h, c, rq, method);
    }
    if (rq->status != 0) { /* answered early: drop whatever else arrives */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size > 0) {
        take_body(rq, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    return dispatch(h, c, rq);
}

static void log_line(FILE *log, const request *rq)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    char status[8] = "-";
    if (rq->status)
        snprintf(status, sizeof status, "%d", rq->status);
    fprintf(log, "%s.%03ldZ method=%s path=%s status=%s terminal=%s ms=%lld\n", when, ts.tv_nsec / 1000000,
            rq->method, rq->path, status, rq->terminal[0] ? rq->terminal : "-",
            (long long)(mono_ms() - rq->start_ms));
    fflush(log);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **state, enum MHD_RequestTerminationCode why)
{
    (void)c;
    (void)why;
    srv_http *h = cls;
    request *rq = *state;
    if (!rq)
        return;
    if (h->log)
        log_line(h->log, rq);
    free(rq->body);
    free(rq);
    *state = NULL;
    atomic_fetch_sub(&h->in_flight, 1);
}

/* Keep copies of the PEM texts; 0, or -1 with err set. */
static int take_tls(srv_http *h, const srv_http_opts *o, char *err, size_t errlen)
{
    if (!o->cert_pem && !o->key_pem)
        return 0;
    if (!o->cert_pem || !o->key_pem) {
        snprintf(err, errlen, "HTTPS needs both a certificate and its key");
        return -1;
    }
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
        snprintf(err, errlen, "this libmicrohttpd was built without TLS");
        return -1;
    }
    h->cert = strdup(o->cert_pem);
    h->key = strdup(o->key_pem);
    if (!h->cert || !h->key) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

static void free_http(srv_http *h)
{
    if (h->key)
        memset(h->key, 0, strlen(h->key));
    free(h->cert);
    free(h->key);
    free(h);
}

srv_http *srv_http_start_opts(const srv_http_opts *o, srv_store *store, FILE *log, char *err, size_t errlen)
{
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)o->port)};
    if (o->port > 65535 || inet_pton(AF_INET, o->host, &addr.sin_addr) != 1) {
        snprintf(err, errlen, "%s:%u: not an IPv4 address and port", o->host, o->port);
        return NULL;
    }
    srv_http *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    h->store = store;
    h->log = log;
    atomic_init(&h->in_flight, 0);
    if (take_tls(h, o, err, errlen) != 0) {
        free_http(h);
        return NULL;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_AUTO | (h->cert ? MHD_USE_TLS : 0);
    struct MHD_OptionItem tls[] = {
        {h->cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, h->cert},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, h->key},
        {MHD_OPTION_END, 0, NULL},
    };
    h->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, h,
                                 MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                                 MHD_OPTION_CONNECTION_LIMIT, o->max_connections ? o->max_connections : SRV_CONN_MAX,
                                 MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                                 o->per_ip_connections ? o->per_ip_connections : SRV_CONN_PER_IP,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SRV_CONN_TIMEOUT_S,
                                 MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
                                 MHD_OPTION_ARRAY, tls,
                                 MHD_OPTION_END);
    if (!h->daemon) {
        snprintf(err, errlen, "%s:%u: cannot listen (address in use or not allowed%s?)", o->host, o->port,
                 h->cert ? ", or the certificate and key do not load or do not match" : "");
        free_http(h);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
    h->port = info ? info->port : o->port;
    return h;
}

srv_http *srv_http_start(const char *host, unsigned port, srv_store *store, FILE *log, char *err, size_t errlen)
{
    srv_http_opts o = {.host = host, .port = port};
    return srv_http_start_opts(&o, store, log, err, errlen);
}

unsigned srv_http_port(const srv_http *h)
{
    return h->port;
}

void srv_http_stop(srv_http *h)
{
    if (!h)
        return;
    MHD_socket fd = MHD_quiesce_daemon(h->daemon);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    for (int i = 0; i < 200 && atomic_load(&h->in_flight) > 0; i++) /* at most 10 s */
        usleep(50 * 1000);
    MHD_stop_daemon(h->daemon);
    free_http(h);
}
