/* srv_json.c - strict reading of a push body with jansson (UTF-8 checked by
 * jansson, duplicate keys refused, unknown fields refused, every error naming
 * where, e.g. "events[3].payload"), the per-event value checks that make an
 * event "rejected", and the JSON error body. */
#include "server/srv_json.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/srv_auth.h"

void srv_error_set(srv_error *e, int status, const char *code, const char *where, const char *message)
{
    e->status = status;
    snprintf(e->code, sizeof e->code, "%s", code);
    snprintf(e->where, sizeof e->where, "%s", where ? where : "");
    snprintf(e->message, sizeof e->message, "%s", message);
}

char *srv_error_body(const srv_error *e)
{
    json_t *inner = json_pack("{s:s, s:s}", "code", e->code, "message", e->message);
    if (inner && e->where[0])
        json_object_set_new(inner, "where", json_string(e->where));
    json_t *root = inner ? json_pack("{s:o}", "error", inner) : NULL;
    char *text = root ? json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    return text;
}

bool srv_hex_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false; /* also stops at a NUL before n digits */
    return s[n] == '\0';
}

bool srv_uuid_valid(const char *s, bool v7)
{
    for (int i = 0; i < 36; i++) {
        char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    if (s[36] != '\0')
        return false;
    return !v7 || (s[14] == '7' && strchr("89ab", s[19]) != NULL);
}

/* --- shape ---------------------------------------------------------------- */

typedef struct {
    const char *key;
    json_type type;   /* JSON_STRING, JSON_INTEGER; subject also null */
    bool nullable;
} field_spec;

static const field_spec event_fields[] = {
    {"id", JSON_STRING, false},           {"seq", JSON_INTEGER, false},
    {"type", JSON_STRING, false},         {"subject", JSON_STRING, true},
    {"payload", JSON_STRING, false},      {"payload_hash", JSON_STRING, false},
    {"staff", JSON_INTEGER, false},       {"staff_code", JSON_STRING, false},
    {"created_at", JSON_INTEGER, false},  {"prev_hash", JSON_STRING, false},
    {"hash", JSON_STRING, false},
};
#define N_EVENT_FIELDS (sizeof event_fields / sizeof event_fields[0])

static int shape_fail(srv_error *err, const char *where, const char *message)
{
    srv_error_set(err, 400, "bad_json", where, message);
    return -1;
}

static const field_spec *event_field(const char *key)
{
    for (size_t i = 0; i < N_EVENT_FIELDS; i++)
        if (strcmp(event_fields[i].key, key) == 0)
            return &event_fields[i];
    return NULL;
}

/* Every field present with its type, nothing else; strings within their limits. */
static int check_event_shape(json_t *ev, size_t i, srv_error *err)
{
    char where[64];
    snprintf(where, sizeof where, "events[%zu]", i);
    if (!json_is_object(ev))
        return shape_fail(err, where, "an event must be a JSON object");
    const char *key;
    json_t *val;
    json_object_foreach(ev, key, val) {
        if (!event_field(key)) {
            snprintf(where, sizeof where, "events[%zu].%.32s", i, key);
            return shape_fail(err, where, "unknown field");
        }
    }
    for (size_t f = 0; f < N_EVENT_FIELDS; f++) {
        const field_spec *fs = &event_fields[f];
        snprintf(where, sizeof where, "events[%zu].%s", i, fs->key);
        val = json_object_get(ev, fs->key);
        if (!val)
            return shape_fail(err, where, "missing field");
        if (json_is_null(val) && fs->nullable)
            continue;
        if (json_typeof(val) != fs->type)
            return shape_fail(err, where, fs->type == JSON_STRING ? "must be a string" : "must be an integer");
    }
    snprintf(where, sizeof where, "events[%zu].payload", i);
    if (json_string_length(json_object_get(ev, "payload")) > SRV_PAYLOAD_MAX) {
        srv_error_set(err, 413, "payload_too_large", where, "a payload is at most 65536 bytes");
        return -1;
    }
    return 0;
}

/* --- values ------------------------------------------------------------------- */

bool srv_type_valid(const char *t)
{
    size_t n = strlen(t), dots = 0, i;
    if (n == 0 || n > SRV_TYPE_MAX || t[0] == '.' || t[n - 1] == '.')
        return false;
    for (i = 0; i < n; i++) {
        if (t[i] == '.')
            dots++;
        else if (!((t[i] >= 'a' && t[i] <= 'z') || t[i] == '_'))
            return false;
    }
    return dots == 1;
}

bool srv_text_valid(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return true; /* UTF-8 was checked by jansson */
}

static bool payload_is_object(const char *payload)
{
    json_t *p = json_loads(payload, JSON_REJECT_DUPLICATES, NULL);
    bool ok = json_is_object(p);
    json_decref(p);
    return ok;
}

/* The reason an event with well-formed fields is rejected, or "" when it is fine. */
static void check_event_values(srv_push_event *pe)
{
    const srv_event *e = &pe->ev;
    const char *why = NULL;
    char hash[SRV_HASH_HEX + 1];
    if (!srv_uuid_valid(e->id, true))
        why = "id: not a lowercase UUIDv7";
    else if (e->seq < 1)
        why = "seq: must be at least 1";
    else if (!srv_type_valid(e->type))
        why = "type: not of the form family.name (a-z and _)";
    else if (e->subject && !srv_text_valid(e->subject, SRV_SUBJECT_MAX))
        why = "subject: empty, longer than 128 bytes or with control characters";
    else if (!payload_is_object(e->payload))
        why = "payload: not a JSON object";
    else if (!srv_hex_valid(e->payload_hash, SRV_HASH_HEX))
        why = "payload_hash: not 64 lowercase hex digits";
    else if (srv_sha256_hex(e->payload, strlen(e->payload), hash), strcmp(hash, e->payload_hash) != 0)
        why = "payload_hash: not the SHA-256 of the payload";
    else if (e->staff < 1)
        why = "staff: must be at least 1";
    else if (!srv_text_valid(e->staff_code, SRV_STAFF_CODE_MAX))
        why = "staff_code: empty, longer than 64 bytes or with control characters";
    else if (e->created_at < 0)
        why = "created_at: must not be negative";
    else if (!srv_hex_valid(e->prev_hash, SRV_HASH_HEX))
        why = "prev_hash: not 64 lowercase hex digits";
    else if (!srv_hex_valid(e->hash, SRV_HASH_HEX))
        why = "hash: not 64 lowercase hex digits";
    snprintf(pe->reason, sizeof pe->reason, "%s", why ? why : "");
}

static void read_event(json_t *ev, srv_push_event *pe)
{
    srv_event *e = &pe->ev;
    e->id = json_string_value(json_object_get(ev, "id"));
    e->seq = (int64_t)json_integer_value(json_object_get(ev, "seq"));
    e->type = json_string_value(json_object_get(ev, "type"));
    e->subject = json_string_value(json_object_get(ev, "subject")); /* NULL for null */
    e->payload = json_string_value(json_object_get(ev, "payload"));
    e->payload_hash = json_string_value(json_object_get(ev, "payload_hash"));
    e->staff = (int64_t)json_integer_value(json_object_get(ev, "staff"));
    e->staff_code = json_string_value(json_object_get(ev, "staff_code"));
    e->created_at = (int64_t)json_integer_value(json_object_get(ev, "created_at"));
    e->prev_hash = json_string_value(json_object_get(ev, "prev_hash"));
    e->hash = json_string_value(json_object_get(ev, "hash"));
    check_event_values(pe);
}

/* --- the body ------------------------------------------------------------------- */

static int check_top(json_t *root, srv_error *err)
{
    if (!json_is_object(root))
        return shape_fail(err, "body", "the body must be a JSON object");
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val) {
        if (strcmp(key, "terminal") != 0 && strcmp(key, "events") != 0)
            return shape_fail(err, key, "unknown field");
    }
    json_t *t = json_object_get(root, "terminal");
    if (!json_is_string(t))
        return shape_fail(err, "terminal", t ? "must be a string" : "missing field");
    if (!srv_hex_valid(json_string_value(t), SRV_TERMINAL_HEX))
        return shape_fail(err, "terminal", "a terminal id is 32 lowercase hex digits");
    json_t *evs = json_object_get(root, "events");
    if (!json_is_array(evs))
        return shape_fail(err, "events", evs ? "must be an array" : "missing field");
    if (json_array_size(evs) == 0)
        return shape_fail(err, "events", "at least one event");
    if (json_array_size(evs) > SRV_BATCH_MAX) {
        srv_error_set(err, 413, "too_many_events", "events", "at most 500 events in one batch");
        return -1;
    }
    return 0;
}

int srv_push_parse(const char *body, size_t len, srv_push *out, srv_error *err)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        char where[64];
        snprintf(where, sizeof where, "body line %d column %d", je.line, je.column);
        return shape_fail(err, where, je.text);
    }
    json_t *evs = json_object_get(root, "events");
    if (check_top(root, err) != 0)
        goto fail;
    for (size_t i = 0; i < json_array_size(evs); i++)
        if (check_event_shape(json_array_get(evs, i), i, err) != 0)
            goto fail;
    out->events = calloc(json_array_size(evs), sizeof *out->events);
    if (!out->events) {
        srv_error_set(err, 500, "internal", "", "out of memory");
        goto fail;
    }
    out->n = json_array_size(evs);
    for (size_t i = 0; i < out->n; i++)
        read_event(json_array_get(evs, i), &out->events[i]);
    out->doc = root;
    out->terminal = json_string_value(json_object_get(root, "terminal"));
    return 0;
fail:
    json_decref(root);
    return -1;
}

void srv_push_free(srv_push *p)
{
    free(p->events);
    json_decref((json_t *)p->doc);
    memset(p, 0, sizeof *p);
}
