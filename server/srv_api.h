/* srv_api.h - the three endpoints of protocol v1 (docs/protocol.md) as plain
 * functions from request values to (status, JSON body), independent of HTTP:
 * authentication, push (POST /v1/events), pull (GET /v1/changes) and health. */
#ifndef GUICHETD_SRV_API_H
#define GUICHETD_SRV_API_H

#include <stddef.h>
#include <stdint.h>

#include "server/srv_store.h"

#define SRV_LIMIT_DEFAULT 200
#define SRV_LIMIT_MAX 1000
#define SRV_SEEN_EVERY_MS 60000 /* a terminal's last_seen is rewritten at most this often */

/* An answer: HTTP status and a malloc'd JSON body. */
typedef struct {
    int status;
    char *body;
} srv_reply;

/* The current Unix time in milliseconds. */
int64_t srv_now_ms(void);
/* Check the Authorization value: 0 (t filled, last_seen recorded) or -1 (r holds the 401/500 answer). */
int srv_api_auth(srv_store *s, const char *authorization, int64_t now, srv_terminal *t, srv_reply *r);
/* POST /v1/events for an authenticated terminal. */
void srv_api_push(srv_store *s, srv_terminal *t, const char *key, const char *body, size_t len, int64_t now,
                  srv_reply *r);
/* GET /v1/changes for an authenticated terminal (cursor and limit NULL when absent). */
void srv_api_changes(srv_store *s, const srv_terminal *t, const char *cursor, const char *limit, int64_t now,
                     srv_reply *r);
/* GET /v1/health. */
void srv_api_health(srv_store *s, int64_t now, srv_reply *r);
/* Set r to an error answer. */
void srv_api_error(srv_reply *r, int status, const char *code, const char *where, const char *message);
/* Free the body. */
void srv_reply_free(srv_reply *r);

#endif
