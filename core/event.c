/* event.c - payload fields, their canonical JSON, reading a payload back,
 * and the canonical content of an event for the audit chain.
 *
 * Canonical JSON here: one object, keys in byte order, no whitespace,
 * integers in plain decimal, booleans as true/false, strings with only '"',
 * '\\' and control characters escaped (\b \f \n \r \t, else \u00XX), all
 * other characters as their UTF-8 bytes.  SQLite's json_extract() reads it. */
#include "core/event.h"

#include <string.h>

#include "core/i18n.h"

/* ---- constructors ------------------------------------------------------------ */

ev_field ev_str(const char *key, const char *value)
{
    return (ev_field){.key = key, .type = EVF_STR, .str = value};
}

ev_field ev_int(const char *key, int64_t value)
{
    return (ev_field){.key = key, .type = EVF_INT, .num = value};
}

ev_field ev_bool(const char *key, bool value)
{
    return (ev_field){.key = key, .type = EVF_BOOL, .num = value ? 1 : 0};
}

ev_field ev_ints(const char *key, const int64_t *values, size_t n)
{
    return (ev_field){.key = key, .type = EVF_INTS, .ints = values, .nints = n};
}

/* ---- UTF-8 and names ----------------------------------------------------------- */

/* Length of the UTF-8 sequence at s, 0 if invalid (RFC 3629 table). */
static size_t utf8_seq(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; /* no overlong */
        if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F; /* nothing past U+10FFFF */
    } else
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

bool ev_utf8_valid(const char *s)
{
    if (!s)
        return false;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = utf8_seq(p);
        if (n == 0)
            return false;
        p += n;
    }
    return true;
}

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static bool key_ok(const char *key)
{
    if (!key || !*key || strlen(key) > EV_KEY_MAX)
        return false;
    for (const char *p = key; *p; p++)
        if (!name_char(*p))
            return false;
    return true;
}

ev_status ev_type_check(const char *type)
{
    if (!type)
        return EV_E_NULL;
    size_t len = strlen(type);
    const char *dot = strchr(type, '.');
    if (len == 0 || len > EV_TYPE_MAX || !dot || dot == type || dot[1] == '\0' || strchr(dot + 1, '.'))
        return EV_E_TYPE;
    for (const char *p = type; *p; p++)
        if (p != dot && !name_char(*p))
            return EV_E_TYPE;
    return EV_OK;
}

ev_status ev_subject_check(const char *subject)
{
    if (!subject)
        return EV_OK;
    size_t len = strlen(subject);
    if (len == 0 || len > EV_SUBJECT_MAX || !ev_utf8_valid(subject))
        return EV_E_SUBJECT;
    for (const unsigned char *p = (const unsigned char *)subject; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return EV_E_SUBJECT;
    return EV_OK;
}

/* ---- encoding ------------------------------------------------------------------ */

typedef struct {
    char *buf;
    size_t cap, len;
    bool overflow;
    bool count_only; /* measure: only len moves */
} out_buf;

static void put(out_buf *o, const char *s, size_t n)
{
    if (o->count_only) {
        o->len += n;
        return;
    }
    if (o->overflow || o->len + n + 1 > o->cap) {
        o->overflow = true;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void put_s(out_buf *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_int(out_buf *o, int64_t v)
{
    char tmp[24];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[sizeof tmp - 1 - n++] = '-';
    put(o, tmp + sizeof tmp - n, n);
}

static void put_json_string(out_buf *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    put(o, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default: break;
        }
        if (esc) {
            put_s(o, esc);
        } else if (*p < 0x20) {
            char u[7] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 0x0F], '\0'};
            put(o, u, 6);
        } else {
            put(o, (const char *)p, 1);
        }
    }
    put(o, "\"", 1);
}

static ev_status field_check(const ev_field *f, size_t *total_ints)
{
    if (!key_ok(f->key))
        return EV_E_KEY;
    switch (f->type) {
    case EVF_STR:
        if (!f->str)
            return EV_E_NULL;
        return ev_utf8_valid(f->str) ? EV_OK : EV_E_UTF8;
    case EVF_INT:
        return EV_OK;
    case EVF_BOOL:
        return f->num == 0 || f->num == 1 ? EV_OK : EV_E_FIELD_TYPE;
    case EVF_INTS:
        if (f->nints > 0 && !f->ints)
            return EV_E_NULL;
        *total_ints += f->nints;
        return *total_ints <= EV_INTS_MAX ? EV_OK : EV_E_TOO_MANY;
    default:
        return EV_E_FIELD_TYPE;
    }
}

static void put_value(out_buf *o, const ev_field *f)
{
    switch (f->type) {
    case EVF_STR:
        put_json_string(o, f->str);
        break;
    case EVF_INT:
        put_int(o, f->num);
        break;
    case EVF_BOOL:
        put_s(o, f->num ? "true" : "false");
        break;
    case EVF_INTS:
        put(o, "[", 1);
        for (size_t i = 0; i < f->nints; i++) {
            if (i > 0)
                put(o, ",", 1);
            put_int(o, f->ints[i]);
        }
        put(o, "]", 1);
        break;
    }
}

/* Sort field indexes by key (insertion sort: n <= EV_FIELDS_MAX). */
static void sort_by_key(const ev_field *fields, size_t n, size_t *idx)
{
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (size_t i = 1; i < n; i++) {
        size_t cur = idx[i], j = i;
        while (j > 0 && strcmp(fields[idx[j - 1]].key, fields[cur].key) > 0) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = cur;
    }
}

ev_status ev_encode(const ev_field *fields, size_t n, char *buf, size_t cap, size_t *len)
{
    if ((n > 0 && !fields) || !buf || cap == 0)
        return EV_E_NULL;
    if (n > EV_FIELDS_MAX)
        return EV_E_TOO_MANY;
    size_t total_ints = 0;
    for (size_t i = 0; i < n; i++) {
        ev_status st = field_check(&fields[i], &total_ints);
        if (st != EV_OK)
            return st;
    }
    size_t idx[EV_FIELDS_MAX];
    sort_by_key(fields, n, idx);
    for (size_t i = 1; i < n; i++)
        if (strcmp(fields[idx[i - 1]].key, fields[idx[i]].key) == 0)
            return EV_E_DUP_KEY;
    if (cap > EV_PAYLOAD_MAX + 1)
        cap = EV_PAYLOAD_MAX + 1;
    out_buf o = {buf, cap, 0, false, false};
    buf[0] = '\0';
    put(&o, "{", 1);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            put(&o, ",", 1);
        put_json_string(&o, fields[idx[i]].key);
        put(&o, ":", 1);
        put_value(&o, &fields[idx[i]]);
    }
    put(&o, "}", 1);
    if (o.overflow) {
        buf[0] = '\0';
        return EV_E_TOO_LONG;
    }
    if (len)
        *len = o.len;
    return EV_OK;
}

/* ---- decoding ------------------------------------------------------------------ */

typedef struct {
    const char *p;
    ev_doc *doc;
    size_t text_len; /* bytes used in doc->text */
    size_t nints;    /* integers used in doc->ints */
} reader;

static void skip_ws(reader *r)
{
    while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
        r->p++;
}

static bool text_put(reader *r, const char *s, size_t n)
{
    if (r->text_len + n >= sizeof r->doc->text)
        return false;
    memcpy(r->doc->text + r->text_len, s, n);
    r->text_len += n;
    return true;
}

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A \uXXXX escape (with its surrogate pair) as UTF-8. */
static ev_status read_unicode(reader *r)
{
    int cp = hex4(r->p);
    if (cp < 0)
        return EV_E_SYNTAX;
    r->p += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        int lo = r->p[0] == '\\' && r->p[1] == 'u' ? hex4(r->p + 2) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return EV_E_UTF8;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        r->p += 6;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return EV_E_UTF8;
    }
    if (cp == 0)
        return EV_E_UTF8; /* a NUL cannot live in a C string */
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return text_put(r, u, n) ? EV_OK : EV_E_TOO_LONG;
}

static ev_status read_escape(reader *r)
{
    static const char from[] = "\"\\/bfnrt";
    static const char to[] = "\"\\/\b\f\n\r\t";
    char c = *r->p++;
    if (c == 'u')
        return read_unicode(r);
    const char *at = c ? strchr(from, c) : NULL;
    if (!at)
        return EV_E_SYNTAX;
    return text_put(r, &to[at - from], 1) ? EV_OK : EV_E_TOO_LONG;
}

/* A JSON string into doc->text; *out points at it. */
static ev_status read_string(reader *r, const char **out)
{
    if (*r->p != '"')
        return EV_E_SYNTAX;
    r->p++;
    size_t start = r->text_len;
    while (*r->p != '"') {
        unsigned char c = (unsigned char)*r->p;
        ev_status st = EV_OK;
        if (c == '\0' || c < 0x20)
            return EV_E_SYNTAX;
        if (c == '\\') {
            r->p++;
            st = read_escape(r);
        } else {
            size_t n = utf8_seq((const unsigned char *)r->p);
            if (n == 0)
                return EV_E_UTF8;
            st = text_put(r, r->p, n) ? EV_OK : EV_E_TOO_LONG;
            r->p += n;
        }
        if (st != EV_OK)
            return st;
    }
    r->p++;
    if (!text_put(r, "", 1))
        return EV_E_TOO_LONG;
    *out = r->doc->text + start;
    return EV_OK;
}

/* An integer without fraction or exponent, in int64 range. */
static ev_status read_int(reader *r, int64_t *out)
{
    bool neg = *r->p == '-';
    if (neg)
        r->p++;
    if (*r->p < '0' || *r->p > '9' || (r->p[0] == '0' && r->p[1] >= '0' && r->p[1] <= '9'))
        return EV_E_SYNTAX;
    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    while (*r->p >= '0' && *r->p <= '9') {
        uint64_t d = (uint64_t)(*r->p++ - '0');
        if (v > (limit - d) / 10)
            return EV_E_SYNTAX;
        v = v * 10 + d;
    }
    if (*r->p == '.' || *r->p == 'e' || *r->p == 'E')
        return EV_E_SYNTAX;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return EV_OK;
}

static ev_status read_int_array(reader *r, ev_field *f)
{
    r->p++; /* '[' */
    f->type = EVF_INTS;
    f->ints = r->doc->ints + r->nints;
    f->nints = 0;
    skip_ws(r);
    if (*r->p == ']') {
        r->p++;
        return EV_OK;
    }
    for (;;) {
        skip_ws(r);
        if (r->nints >= EV_INTS_MAX)
            return EV_E_TOO_MANY;
        ev_status st = read_int(r, &r->doc->ints[r->nints]);
        if (st != EV_OK)
            return st;
        r->nints++;
        f->nints++;
        skip_ws(r);
        if (*r->p == ']') {
            r->p++;
            return EV_OK;
        }
        if (*r->p++ != ',')
            return EV_E_SYNTAX;
    }
}

static ev_status read_value(reader *r, ev_field *f)
{
    if (*r->p == '"') {
        f->type = EVF_STR;
        return read_string(r, &f->str);
    }
    if (*r->p == '[')
        return read_int_array(r, f);
    if (strncmp(r->p, "true", 4) == 0 || strncmp(r->p, "false", 5) == 0) {
        f->type = EVF_BOOL;
        f->num = *r->p == 't';
        r->p += f->num ? 4 : 5;
        return EV_OK;
    }
    f->type = EVF_INT;
    return read_int(r, &f->num);
}

static ev_status read_member(reader *r)
{
    ev_doc *d = r->doc;
    if (d->nfields >= EV_FIELDS_MAX)
        return EV_E_TOO_MANY;
    ev_field *f = &d->fields[d->nfields];
    *f = (ev_field){0};
    skip_ws(r);
    ev_status st = read_string(r, &f->key);
    if (st != EV_OK)
        return st;
    if (!key_ok(f->key))
        return EV_E_KEY;
    if (ev_get(d, f->key))
        return EV_E_DUP_KEY;
    skip_ws(r);
    if (*r->p++ != ':')
        return EV_E_SYNTAX;
    skip_ws(r);
    st = read_value(r, f);
    if (st == EV_OK)
        d->nfields++;
    return st;
}

ev_status ev_decode(const char *json, ev_doc *doc)
{
    if (!json || !doc)
        return EV_E_NULL;
    doc->nfields = 0;
    if (strlen(json) > EV_PAYLOAD_MAX)
        return EV_E_TOO_LONG;
    reader r = {json, doc, 0, 0};
    skip_ws(&r);
    if (*r.p++ != '{')
        return EV_E_SYNTAX;
    skip_ws(&r);
    if (*r.p == '}') {
        r.p++;
    } else {
        for (;;) {
            ev_status st = read_member(&r);
            if (st != EV_OK)
                return st;
            skip_ws(&r);
            char c = *r.p++;
            if (c == '}')
                break;
            if (c != ',')
                return EV_E_SYNTAX;
        }
    }
    skip_ws(&r);
    return *r.p == '\0' ? EV_OK : EV_E_SYNTAX;
}

bool ev_is_canonical(const char *json)
{
    ev_doc d;
    char buf[EV_PAYLOAD_MAX + 1];
    size_t len = 0;
    if (ev_decode(json, &d) != EV_OK || ev_encode(d.fields, d.nfields, buf, sizeof buf, &len) != EV_OK)
        return false;
    return strcmp(buf, json) == 0;
}

const ev_field *ev_get(const ev_doc *doc, const char *key)
{
    if (!doc || !key)
        return NULL;
    for (size_t i = 0; i < doc->nfields; i++)
        if (strcmp(doc->fields[i].key, key) == 0)
            return &doc->fields[i];
    return NULL;
}

const char *ev_get_str(const ev_doc *doc, const char *key)
{
    const ev_field *f = ev_get(doc, key);
    return f && f->type == EVF_STR ? f->str : NULL;
}

bool ev_get_int(const ev_doc *doc, const char *key, int64_t *out)
{
    const ev_field *f = ev_get(doc, key);
    if (!f || f->type != EVF_INT)
        return false;
    *out = f->num;
    return true;
}

bool ev_get_bool(const ev_doc *doc, const char *key, bool dflt)
{
    const ev_field *f = ev_get(doc, key);
    return f && f->type == EVF_BOOL ? f->num != 0 : dflt;
}

/* ---- the audit chain's content ------------------------------------------------- */

/* A netstring "<len>:<bytes>," (https://cr.yp.to/proto/netstrings.txt); "~," for NULL. */
static void put_net(out_buf *o, const char *s)
{
    if (!s) {
        put(o, "~,", 2);
        return;
    }
    size_t n = strlen(s);
    put_int(o, (int64_t)n);
    put(o, ":", 1);
    put(o, s, n);
    put(o, ",", 1);
}

static void put_net_int(out_buf *o, int64_t v, bool present)
{
    if (!present) {
        put(o, "~,", 2);
        return;
    }
    char tmp[24];
    out_buf t = {tmp, sizeof tmp, 0, false, false};
    put_int(&t, v);
    put_net(o, tmp);
}

/* prev_hash first (hash = SHA-256(prev_hash || content)), then a version tag, then the columns. */
static void put_content(out_buf *o, const ev_record *r)
{
    put_net(o, r->prev_hash);
    put_net(o, "guichet-event-1");
    put_net(o, r->id);
    put_net(o, r->type);
    put_net(o, r->subject);
    put_net(o, r->payload);
    put_net(o, r->payload_hash);
    put_net_int(o, r->staff_id, r->staff_id != 0);
    put_net(o, r->terminal_id);
    put_net_int(o, r->created_at, true);
}

size_t ev_chain_content(const ev_record *r, char *buf, size_t cap)
{
    if (!r)
        return 0;
    out_buf count = {NULL, 0, 0, false, true};
    put_content(&count, r);
    if (!buf || count.len + 1 > cap)
        return count.len;
    out_buf o = {buf, cap, 0, false, false};
    put_content(&o, r);
    return o.len;
}

const char *ev_reason(ev_status st)
{
    switch (st) {
    case EV_OK:
        return N_("ok");
    case EV_E_NULL:
        return N_("a required value is missing");
    case EV_E_KEY:
        return N_("a payload field name is empty, too long, or not made of a-z, 0-9 and _");
    case EV_E_DUP_KEY:
        return N_("two payload fields have the same name");
    case EV_E_TOO_MANY:
        return N_("the payload has too many fields or numbers");
    case EV_E_UTF8:
        return N_("a text is not valid UTF-8");
    case EV_E_FIELD_TYPE:
        return N_("a payload field has an unknown type");
    case EV_E_TOO_LONG:
        return N_("the payload is too long");
    case EV_E_SYNTAX:
        return N_("the payload is not a flat JSON object of texts, integers, booleans and integer lists");
    case EV_E_TYPE:
        return N_("the event type is not of the form family.name");
    case EV_E_SUBJECT:
        return N_("the event subject is empty, too long, or holds control characters");
    case EV_STATUS_COUNT:
    default:
        return N_("unknown event error");
    }
}
