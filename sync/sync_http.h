/* sync_http.h - one HTTP exchange with the centre over libcurl: a JSON POST
 * with the terminal's bearer token and an Idempotency-Key, TLS verified,
 * bounded in time (connect 10 s, under 1 byte/s for 30 s is a failure), the
 * proxy taken from the environment as libcurl does.  A failure to get an
 * answer is put in words ("cannot reach 10.0.0.5:8750: connection refused"). */
#ifndef GUICHET_SYNC_HTTP_H
#define GUICHET_SYNC_HTTP_H

#include <stddef.h>

#define SYNC_HTTP_ERR_LEN 512
#define SYNC_HTTP_ANSWER_MAX (4L * 1024 * 1024) /* bytes of an answer body we accept */

/* What to send. */
typedef struct {
    const char *url;      /* full URL: https://host:port/v1/events */
    const char *token;    /* the terminal token (Authorization: Bearer) */
    const char *idem_key; /* Idempotency-Key; NULL: none */
    const char *ca_file;  /* CA bundle; NULL or "": libcurl's default */
    const char *body;     /* JSON */
    size_t body_len;
} sync_http_req;

/* What came back. */
typedef struct {
    long status;        /* HTTP status; 0 when no answer came */
    char *body;         /* heap, NUL-terminated (may be empty); free with sync_http_answer_free */
    size_t len;
    long retry_after_s; /* Retry-After in seconds, -1 when absent */
    char host[300];     /* "host:port" of the URL, for messages */
    char error[SYNC_HTTP_ERR_LEN]; /* when status is 0: why, in words */
} sync_http_answer;

/* Start libcurl once per process (before threads); 0 or -1. */
int sync_http_global_init(void);
/* Release libcurl at exit. */
void sync_http_global_cleanup(void);
/* POST req; 0 when an answer came (any status), -1 when none did (ans->error says why). */
int sync_http_post(const sync_http_req *req, sync_http_answer *ans);
/* Free the answer's body. */
void sync_http_answer_free(sync_http_answer *ans);

#endif
