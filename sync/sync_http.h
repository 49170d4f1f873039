/* sync_http.h - one HTTP exchange with the centre over libcurl: a JSON POST
 * (gzip'd over SYNC_HTTP_GZIP_MIN bytes, Content-Encoding: gzip) or a GET,
 * with the terminal's bearer token (and an Idempotency-Key on a POST), TLS
 * verified (optional CA file, optional pinned public key), bounded in time
 * (connect 10 s, under 1 byte/s for 30 s is a failure), through [sync] proxy
 * or, when it is empty, the proxy libcurl takes from the environment.  A
 * failure to get an answer is put in words ("cannot reach 10.0.0.5:8750:
 * connection refused"). */
#ifndef GUICHET_SYNC_HTTP_H
#define GUICHET_SYNC_HTTP_H

#include <stddef.h>

#define SYNC_HTTP_ERR_LEN 512
#define SYNC_HTTP_ANSWER_MAX (4L * 1024 * 1024) /* bytes of an answer body we accept */
#define SYNC_HTTP_GZIP_MIN 1024 /* a POST body longer than this goes gzip'd (docs/protocol.md) */

/* What to send. */
typedef struct {
    const char *url;      /* full URL: https://host:port/v1/events */
    const char *token;    /* the terminal token (Authorization: Bearer) */
    const char *idem_key; /* Idempotency-Key; NULL: none */
    const char *ca_file;  /* CA bundle; NULL or "": libcurl's default */
    const char *body;     /* JSON (POST only) */
    size_t body_len;
    const char *proxy;         /* CURLOPT_PROXY; NULL or "": libcurl's environment rules */
    const char *pinned_pubkey; /* CURLOPT_PINNEDPUBLICKEY; NULL or "": none */
} sync_http_req;

/* What came back. */
typedef struct {
    long status;        /* HTTP status; 0 when no answer came */
    char *body;         /* heap, NUL-terminated (may be empty); free with sync_http_answer_free */
    size_t len;
    long retry_after_s; /* Retry-After in seconds, -1 when absent */
    char host[300];     /* "host:port" of the URL, for messages */
    char error[SYNC_HTTP_ERR_LEN]; /* when status is 0: why, in words */
    int gzipped;        /* the request body went gzip'd */
} sync_http_answer;

/* Start libcurl once per process (before threads); 0 or -1. */
int sync_http_global_init(void);
/* Release libcurl at exit. */
void sync_http_global_cleanup(void);
/* POST req; 0 when an answer came (any status), -1 when none did (ans->error says why). */
int sync_http_post(const sync_http_req *req, sync_http_answer *ans);
/* GET req->url (no body); 0 when an answer came (any status), -1 when none did (ans->error says why). */
int sync_http_get(const sync_http_req *req, sync_http_answer *ans);
/* gzip (RFC 1952) of data[0..len) into a heap buffer (*out, *out_len); 0 or -1 (out of memory). */
int sync_http_gzip(const char *data, size_t len, char **out, size_t *out_len);
/* Free the answer's body. */
void sync_http_answer_free(sync_http_answer *ans);

#endif
