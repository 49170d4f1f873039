/* srv_json.h - reading a push body (POST /v1/events) strictly with jansson:
 * the shape (every field present, of its JSON type, no unknown field, the
 * limits) is checked first and a failure names where it is, so nothing is
 * stored; then each event's values are checked and a bad event carries the
 * reason it will be answered "rejected" with.  Also the JSON error body. */
#ifndef GUICHETD_SRV_JSON_H
#define GUICHETD_SRV_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "server/srv_store.h"

#define SRV_BODY_MAX (4u * 1024u * 1024u) /* bytes of a request body */
#define SRV_BATCH_MAX 500                 /* events in one push */
#define SRV_PAYLOAD_MAX (64u * 1024u)     /* bytes of one event payload */
#define SRV_SUBJECT_MAX 128               /* bytes of a subject */
#define SRV_TYPE_MAX 48                   /* bytes of an event type */
#define SRV_STAFF_CODE_MAX 64             /* bytes of a staff code */

/* An error answer: HTTP status, a machine code, a message and where in the request. */
typedef struct {
    int status;
    char code[32];
    char message[200];
    char where[64];
} srv_error;

/* One pushed event; reason is non-empty when its values are bad (answered "rejected"). */
typedef struct {
    srv_event ev;
    char reason[160];
} srv_push_event;

/* A parsed push body; strings point into the parsed document. */
typedef struct {
    void *doc;            /* the jansson root, freed by srv_push_free */
    const char *terminal; /* the terminal id the body claims */
    size_t n;
    srv_push_event *events;
} srv_push;

/* Parse and check a push body: 0 (out filled) or -1 (err filled, status 400 or 413). */
int srv_push_parse(const char *body, size_t len, srv_push *out, srv_error *err);
/* Free what srv_push_parse allocated. */
void srv_push_free(srv_push *p);
/* Fill an error. */
void srv_error_set(srv_error *e, int status, const char *code, const char *where, const char *message);
/* The error as a JSON body {"error": {...}} (malloc'd; NULL when out of memory). */
char *srv_error_body(const srv_error *e);
/* True for a lowercase 8-4-4-4-12 UUID; with v7, also version 7 and variant 10. */
bool srv_uuid_valid(const char *s, bool v7);
/* True for an event type family.name ([a-z_] on both sides of one dot), at most SRV_TYPE_MAX bytes. */
bool srv_type_valid(const char *t);
/* True for 1..max bytes without control characters (UTF-8 is checked elsewhere). */
bool srv_text_valid(const char *s, size_t max);
/* True for exactly n lowercase hex digits. */
bool srv_hex_valid(const char *s, size_t n);

#endif
