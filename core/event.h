/* event.h - the pure side of the event log: an event's payload as a list of
 * typed fields, its canonical text (JSON with keys sorted, no spaces, UTF-8
 * checked: the same fields always give the same bytes, so the payload hash
 * and the audit chain are reproducible), reading a payload back, the checks
 * on an event's type and subject, and the canonical content the audit chain
 * hashes (docs/storage.md).  Hashing itself is data/'s (libsodium). */
#ifndef GUICHET_CORE_EVENT_H
#define GUICHET_CORE_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EV_PAYLOAD_MAX 16384 /* bytes of canonical payload, without NUL */
#define EV_FIELDS_MAX 32     /* fields in one payload */
#define EV_INTS_MAX 256      /* integers in all the arrays of one payload */
#define EV_KEY_MAX 32        /* bytes of a field name */
#define EV_TYPE_MAX 48       /* bytes of an event type such as "case.received" */
#define EV_SUBJECT_MAX 128   /* bytes of a subject (case number, window, staff id) */
#define EV_HASH_HEX 64       /* a SHA-256 in lowercase hex */

/* What a field holds. */
typedef enum {
    EVF_STR = 0, /* a UTF-8 string */
    EVF_INT,     /* a signed 64-bit integer */
    EVF_BOOL,    /* true or false */
    EVF_INTS     /* an array of integers (e.g. the material numbers a notice lists) */
} evf_type;

/* One payload field.  Keys are 1..EV_KEY_MAX characters of a-z, 0-9 and '_'. */
typedef struct {
    const char *key;
    evf_type type;
    const char *str;       /* EVF_STR */
    int64_t num;           /* EVF_INT; EVF_BOOL: 0 or 1 */
    const int64_t *ints;   /* EVF_INTS */
    size_t nints;
} ev_field;

/* A payload read back: fields point into the doc's own buffers. */
typedef struct {
    ev_field fields[EV_FIELDS_MAX];
    size_t nfields;
    char text[EV_PAYLOAD_MAX + 1]; /* decoded strings, NUL-terminated */
    int64_t ints[EV_INTS_MAX];
} ev_doc;

typedef enum {
    EV_OK = 0,
    EV_E_NULL,        /* a required pointer is missing */
    EV_E_KEY,         /* a field name is empty, too long or not a-z 0-9 _ */
    EV_E_DUP_KEY,     /* two fields with the same name */
    EV_E_TOO_MANY,    /* more than EV_FIELDS_MAX fields or EV_INTS_MAX integers */
    EV_E_UTF8,        /* a string is not valid UTF-8 */
    EV_E_FIELD_TYPE,  /* a field type that does not exist, or a bool not 0/1 */
    EV_E_TOO_LONG,    /* the payload would exceed EV_PAYLOAD_MAX (or the caller's buffer) */
    EV_E_SYNTAX,      /* a payload that is not a flat JSON object of the supported kinds */
    EV_E_TYPE,        /* an event type not of the form "family.name" (a-z, 0-9, _) */
    EV_E_SUBJECT,     /* a subject empty, too long, not UTF-8 or with control characters */
    EV_STATUS_COUNT
} ev_status;

/* The record the audit chain hashes: every column of an event but seq and hash. */
typedef struct {
    const char *id;           /* UUIDv7 */
    const char *type;
    const char *subject;      /* NULL when the event has none */
    const char *payload;      /* canonical JSON */
    const char *payload_hash; /* hex SHA-256 of payload */
    int64_t staff_id;         /* 0 when the event has none */
    const char *terminal_id;
    int64_t created_at;       /* terminal clock, Unix milliseconds */
    const char *prev_hash;    /* hex SHA-256 of the previous event, 64 zeros for the first */
} ev_record;

/* A string field. */
ev_field ev_str(const char *key, const char *value);
/* An integer field. */
ev_field ev_int(const char *key, int64_t value);
/* A boolean field. */
ev_field ev_bool(const char *key, bool value);
/* An integer-array field (values are not copied). */
ev_field ev_ints(const char *key, const int64_t *values, size_t n);

/* Write the canonical JSON of n fields (keys sorted) into buf (cap bytes with NUL); *len gets its length. */
ev_status ev_encode(const ev_field *fields, size_t n, char *buf, size_t cap, size_t *len);
/* Read a flat JSON object (strings, integers, booleans, integer arrays) into *doc. */
ev_status ev_decode(const char *json, ev_doc *doc);
/* True when json decodes and is already in canonical form. */
bool ev_is_canonical(const char *json);
/* The field named key, or NULL. */
const ev_field *ev_get(const ev_doc *doc, const char *key);
/* The string field named key, or NULL when absent or not a string. */
const char *ev_get_str(const ev_doc *doc, const char *key);
/* The integer field named key into *out; false when absent or not an integer. */
bool ev_get_int(const ev_doc *doc, const char *key, int64_t *out);
/* The boolean field named key; `dflt` when absent or not a boolean. */
bool ev_get_bool(const ev_doc *doc, const char *key, bool dflt);

/* True when s is valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
bool ev_utf8_valid(const char *s);
/* Check an event type ("case.received": family and name of a-z, 0-9, _). */
ev_status ev_type_check(const char *type);
/* Check a subject (NULL is allowed: no subject). */
ev_status ev_subject_check(const char *subject);
/* Write the canonical chain content of r into buf; returns its length, or the length needed when cap is too small. */
size_t ev_chain_content(const ev_record *r, char *buf, size_t cap);
/* English message id (N_) saying what is wrong. */
const char *ev_reason(ev_status st);

#endif
