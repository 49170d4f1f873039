/* events.c - appending to the event log (id, payload hash, chain hash,
 * outbox row and projections in one BEGIN IMMEDIATE transaction), reading
 * events back, and the outbox.
 *
 * The chain head (last seq and hash) lives in meta 'chain_head' as
 * "SEQ:HASH" and is read and written inside the append transaction, so two
 * processes appending at once still form one chain; the next event takes
 * seq = head + 1 (explicitly, so a deleted last row leaves a visible gap),
 * or the highest seq + 1 when events pulled from other terminals came after
 * the head (they are outside this terminal's chain: data/sync_import.h).
 * Ids come from core/uuid7.c with this process's clock and libsodium's
 * random bytes. */
#include "data/events.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "data/project.h"
#include "data/store_db.h"

/* ---- ids, clock, hashes --------------------------------------------------- */

static uuid7_gen id_gen;
static bool id_gen_ready;

static int sodium_ready(void)
{
    static int state; /* 0 not tried, 1 ready, -1 failed */
    if (state == 0)
        state = sodium_init() >= 0 ? 1 : -1;
    return state == 1 ? 0 : -1;
}

int64_t events_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int new_id(char *out, int64_t now_ms)
{
    if (sodium_ready() != 0)
        return -1;
    if (!id_gen_ready) {
        uuid7_init(&id_gen);
        id_gen_ready = true;
    }
    uint8_t rnd[UUID7_RANDOM_BYTES];
    randombytes_buf(rnd, sizeof rnd);
    return uuid7_next(&id_gen, now_ms, rnd, out);
}

static void to_hex(const unsigned char *b, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[b[i] >> 4];
        out[2 * i + 1] = hex[b[i] & 0x0F];
    }
    out[2 * n] = '\0';
}

int events_sha256_hex(const void *data, size_t n, char *out)
{
    if (sodium_ready() != 0)
        return -1;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)data, (unsigned long long)n);
    to_hex(h, sizeof h, out);
    return 0;
}

int events_chain_hash(const ev_record *r, char *out)
{
    size_t need = ev_chain_content(r, NULL, 0);
    char *buf = malloc(need + 1);
    if (!buf)
        return -1;
    ev_chain_content(r, buf, need + 1);
    int rc = events_sha256_hex(buf, need, out);
    free(buf);
    return rc;
}

/* ---- the writer ------------------------------------------------------------- */

enum { W_HEAD, W_TERMINAL, W_INSERT, W_OUTBOX, W_SET_HEAD, W_MAX_SEQ, W_COUNT };

static const char *const writer_sql[W_COUNT] = {
    [W_HEAD] = "SELECT value FROM meta WHERE key = 'chain_head'",
    [W_TERMINAL] = "SELECT value FROM meta WHERE key = 'terminal_id'",
    [W_INSERT] = "INSERT INTO events(seq, id, type, subject, payload, payload_hash, staff_id, terminal_id, "
                 "created_at, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [W_OUTBOX] = "INSERT INTO outbox(event_seq) VALUES (?1)",
    [W_SET_HEAD] = "UPDATE meta SET value = ?1 WHERE key = 'chain_head'",
    [W_MAX_SEQ] = "SELECT coalesce(max(seq), 0) FROM events",
};

struct event_writer {
    store *s;
    sqlite3_stmt *st[W_COUNT];
    project_ctx *proj;
    char terminal[EVENT_TERMINAL_MAX + 1];
    char payload[EV_PAYLOAD_MAX + 1];
};

/* The head of the chain: what the next event links to. */
typedef struct {
    int64_t seq;
    char hash[EV_HASH_HEX + 1];
} chain_head;

event_writer *events_writer_open(store *s)
{
    event_writer *w = calloc(1, sizeof *w);
    if (!w) {
        store_fail(s, "out of memory");
        return NULL;
    }
    w->s = s;
    w->proj = project_ctx_new(s);
    if (!w->proj) {
        free(w);
        return NULL;
    }
    return w;
}

void events_writer_close(event_writer *w)
{
    if (!w)
        return;
    for (int i = 0; i < W_COUNT; i++)
        sqlite3_finalize(w->st[i]);
    project_ctx_free(w->proj);
    free(w);
}

/* The cached statement q, reset and ready to bind. */
static sqlite3_stmt *wstmt(event_writer *w, int q)
{
    if (!w->st[q])
        w->st[q] = store_prepare(w->s, writer_sql[q]);
    else {
        sqlite3_reset(w->st[q]);
        sqlite3_clear_bindings(w->st[q]);
    }
    return w->st[q];
}

/* Run a statement that returns one text value into buf; 0, 1 when there is no row, -1. */
static int step_text(event_writer *w, sqlite3_stmt *st, char *buf, size_t len, const char *doing)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        return 1;
    if (rc != SQLITE_ROW)
        return store_fail_sql(w->s, doing);
    const char *v = (const char *)sqlite3_column_text(st, 0);
    snprintf(buf, len, "%s", v ? v : "");
    sqlite3_reset(st);
    return 0;
}

static bool is_hex64(const char *h)
{
    if (strlen(h) != EV_HASH_HEX)
        return false;
    for (const char *p = h; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

static int read_head(event_writer *w, chain_head *h)
{
    char v[128];
    sqlite3_stmt *st = wstmt(w, W_HEAD);
    int rc = st ? step_text(w, st, v, sizeof v, "reading the chain head") : -1;
    if (rc < 0)
        return -1;
    char *colon = rc == 0 ? strchr(v, ':') : NULL;
    char *end = NULL;
    long long seq = colon ? strtoll(v, &end, 10) : -1;
    if (!colon || end != colon || seq < 0 || !is_hex64(colon + 1))
        return store_fail(w->s, "the audit chain head in meta is missing or damaged (\"%s\"): "
                                "run `guichet audit verify`; nothing was recorded", rc == 0 ? v : "");
    h->seq = seq;
    snprintf(h->hash, sizeof h->hash, "%s", colon + 1);
    return 0;
}

/* Events pulled from other terminals (data/sync_import.h) take seqs too: the next event goes after
 * the highest seq in the log when that is beyond this terminal's own head. */
static int skip_foreign(event_writer *w, chain_head *h)
{
    sqlite3_stmt *st = wstmt(w, W_MAX_SEQ);
    if (!st)
        return -1;
    if (sqlite3_step(st) != SQLITE_ROW)
        return store_fail_sql(w->s, "reading the last seq");
    int64_t top = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (top > h->seq)
        h->seq = top;
    return 0;
}

static int read_terminal(event_writer *w)
{
    if (w->terminal[0])
        return 0;
    sqlite3_stmt *st = wstmt(w, W_TERMINAL);
    int rc = st ? step_text(w, st, w->terminal, sizeof w->terminal, "reading the terminal id") : -1;
    if (rc == 1 || (rc == 0 && !w->terminal[0]))
        return store_fail(w->s, "this database has no terminal id in meta: it is damaged");
    return rc;
}

static int write_head(event_writer *w, const chain_head *h)
{
    char v[128];
    snprintf(v, sizeof v, "%" PRId64 ":%s", h->seq, h->hash);
    sqlite3_stmt *st = wstmt(w, W_SET_HEAD);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail_sql(w->s, "moving the chain head");
    return 0;
}

/* What can be checked before taking the write lock. */
static int check_input(store *s, const event_in *in)
{
    if (!in || !in->type)
        return store_fail(s, "an event needs a type");
    if (ev_type_check(in->type) != EV_OK || !project_type_known(in->type))
        return store_fail(s, "unknown event type \"%s\" (docs/storage.md lists them)", in->type);
    if (ev_subject_check(in->subject) != EV_OK)
        return store_fail(s, "%s: %s", in->type, ev_reason(EV_E_SUBJECT));
    if (in->staff_id < 1)
        return store_fail(s, "%s: an event must be signed by a staff member (staff id >= 1)", in->type);
    if (in->nfields > 0 && !in->fields)
        return store_fail(s, "%s: the payload fields are missing", in->type);
    return 0;
}

static int insert_event(event_writer *w, const ev_record *r, int64_t seq, const char *hash)
{
    sqlite3_stmt *st = wstmt(w, W_INSERT);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_text(st, 2, r->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->type, -1, SQLITE_STATIC);
    if (r->subject)
        sqlite3_bind_text(st, 4, r->subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, r->payload, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, r->payload_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, r->staff_id);
    sqlite3_bind_text(st, 8, r->terminal_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, r->created_at);
    sqlite3_bind_text(st, 10, r->prev_hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, hash, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail_sql(w->s, "writing the event");
    st = wstmt(w, W_OUTBOX);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, seq);
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_fail_sql(w->s, "queueing the event in the outbox");
    return 0;
}

/* Record one event after the head; moves the head on success. */
static int append_one(event_writer *w, const event_in *in, chain_head *head, event_out *out)
{
    size_t len = 0;
    ev_status es = ev_encode(in->fields, in->nfields, w->payload, sizeof w->payload, &len);
    if (es != EV_OK)
        return store_fail(w->s, "%s: payload: %s", in->type, ev_reason(es));
    ev_record r = {.type = in->type, .subject = in->subject, .payload = w->payload,
                   .staff_id = in->staff_id, .terminal_id = w->terminal, .prev_hash = head->hash};
    char id[UUID7_LEN + 1], phash[EV_HASH_HEX + 1], hash[EV_HASH_HEX + 1];
    r.created_at = events_now_ms();
    if (new_id(id, r.created_at) != 0 || events_sha256_hex(w->payload, len, phash) != 0)
        return store_fail(w->s, "cannot make an event id or hash (libsodium failed to start)");
    r.id = id;
    r.payload_hash = phash;
    if (events_chain_hash(&r, hash) != 0)
        return store_fail(w->s, "out of memory hashing the event");
    int64_t seq = head->seq + 1;
    if (insert_event(w, &r, seq, hash) != 0)
        return -1;
    project_event pe = {seq, id, in->type, in->subject, w->payload, in->staff_id, r.created_at};
    if (project_apply(w->proj, &pe) != 0)
        return -1;
    head->seq = seq;
    memcpy(head->hash, hash, sizeof head->hash);
    if (out) {
        out->seq = seq;
        memcpy(out->id, id, sizeof out->id);
        out->created_at = r.created_at;
        memcpy(out->hash, hash, sizeof out->hash);
    }
    return 0;
}

int events_writer_append(event_writer *w, const event_in *in, size_t n, event_out *out)
{
    store *s = w->s;
    if (n == 0 || n > EVENT_BATCH_MAX || !in)
        return store_fail(s, "between 1 and %d events may be recorded at once", EVENT_BATCH_MAX);
    for (size_t i = 0; i < n; i++)
        if (check_input(s, &in[i]) != 0)
            return -1;
    if (store_begin(s) != 0)
        return -1;
    chain_head head;
    int rc = read_head(w, &head) == 0 && skip_foreign(w, &head) == 0 && read_terminal(w) == 0 ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = append_one(w, &in[i], &head, out ? &out[i] : NULL);
    if (rc == 0)
        rc = write_head(w, &head);
    for (int q = 0; q < W_COUNT; q++)
        if (w->st[q])
            sqlite3_reset(w->st[q]);
    if (rc != 0) {
        char why[STORE_ERR_LEN];
        snprintf(why, sizeof why, "%s", store_errmsg(s));
        store_rollback(s);
        return store_fail(s, "%s; nothing was recorded", why);
    }
    return store_commit(s);
}

int events_append_many(store *s, const event_in *in, size_t n, event_out *out)
{
    event_writer *w = events_writer_open(s);
    if (!w)
        return -1;
    int rc = events_writer_append(w, in, n, out);
    events_writer_close(w);
    return rc;
}

int events_append(store *s, const event_in *in, event_out *out)
{
    return events_append_many(s, in, 1, out);
}

/* ---- reading ---------------------------------------------------------------------- */

#define ROW_COLUMNS "e.seq, e.id, e.type, e.subject, e.payload, e.payload_hash, e.staff_id, " \
                    "e.terminal_id, e.created_at, e.prev_hash, e.hash"

static void copy_col(sqlite3_stmt *st, int col, char *buf, size_t len)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    snprintf(buf, len, "%s", v ? v : "");
}

static char *dup_col(sqlite3_stmt *st, int col)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    if (!v)
        return NULL;
    size_t n = strlen(v);
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, v, n + 1);
    return p;
}

/* Fill r from a row of ROW_COLUMNS (then, optionally, the outbox columns at 11..13). */
static int row_from(sqlite3_stmt *st, event_row *r, bool with_outbox)
{
    memset(r, 0, sizeof *r);
    r->seq = sqlite3_column_int64(st, 0);
    copy_col(st, 1, r->id, sizeof r->id);
    copy_col(st, 2, r->type, sizeof r->type);
    r->has_subject = sqlite3_column_type(st, 3) != SQLITE_NULL;
    copy_col(st, 3, r->subject, sizeof r->subject);
    r->payload = dup_col(st, 4);
    copy_col(st, 5, r->payload_hash, sizeof r->payload_hash);
    r->staff_id = (int32_t)sqlite3_column_int64(st, 6);
    copy_col(st, 7, r->terminal_id, sizeof r->terminal_id);
    r->created_at = sqlite3_column_int64(st, 8);
    copy_col(st, 9, r->prev_hash, sizeof r->prev_hash);
    copy_col(st, 10, r->hash, sizeof r->hash);
    r->last_attempt_at = -1;
    if (with_outbox) {
        r->attempts = sqlite3_column_int(st, 11);
        r->last_error = dup_col(st, 12);
        if (sqlite3_column_type(st, 13) != SQLITE_NULL)
            r->last_attempt_at = sqlite3_column_int64(st, 13);
    }
    return r->payload ? 0 : -1;
}

void event_row_free(event_row *r)
{
    if (!r)
        return;
    free(r->payload);
    free(r->last_error);
    r->payload = NULL;
    r->last_error = NULL;
}

void event_rows_free(event_row *rows, size_t n)
{
    if (!rows)
        return;
    for (size_t i = 0; i < n; i++)
        event_row_free(&rows[i]);
    free(rows);
}

int events_get(store *s, const char *id, event_row *out)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT " ROW_COLUMNS " FROM events e WHERE e.id = lower(?1)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, id ? id : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), ret;
    if (rc == SQLITE_ROW)
        ret = row_from(st, out, false) == 0 ? 0 : store_fail(s, "out of memory");
    else if (rc == SQLITE_DONE)
        ret = 1;
    else
        ret = store_fail_sql(s, "reading an event");
    sqlite3_finalize(st);
    return ret;
}

static int count_of(store *s, const char *sql, int64_t *n, const char *doing)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail_sql(s, doing);
}

int events_count(store *s, int64_t *n)
{
    return count_of(s, "SELECT count(*) FROM events", n, "counting events");
}

int outbox_count(store *s, int64_t *n)
{
    return count_of(s, "SELECT count(*) FROM outbox", n, "counting the outbox");
}

int events_terminal_id(store *s, char *buf, size_t len)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT value FROM meta WHERE key = 'terminal_id'");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        copy_col(st, 0, buf, len);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? store_fail(s, "this database has no terminal id") : store_fail_sql(s, "reading the terminal id");
}

/* ---- the outbox -------------------------------------------------------------------- */

int outbox_batch(store *s, size_t max, event_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    if (max == 0)
        return 0;
    sqlite3_stmt *st = store_prepare(s, "SELECT " ROW_COLUMNS ", o.attempts, o.last_error, o.last_attempt_at "
                                        "FROM outbox o JOIN events e ON e.seq = o.event_seq "
                                        "ORDER BY o.event_seq LIMIT ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)max);
    event_row *out = calloc(max, sizeof *out);
    int rc = out ? SQLITE_ROW : SQLITE_NOMEM, ret = 0;
    size_t got = 0;
    while (out && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (row_from(st, &out[got++], true) != 0) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    if (rc != SQLITE_DONE) {
        ret = rc == SQLITE_NOMEM ? store_fail(s, "out of memory reading the outbox")
                                 : store_fail_sql(s, "reading the outbox");
        event_rows_free(out, got);
    } else {
        *rows = out;
        *n = got;
    }
    sqlite3_finalize(st);
    return ret;
}

/* Run a one-row change; 0 when a row changed, 1 when none did, -1 on error. */
static int change_one(store *s, sqlite3_stmt *st, const char *doing)
{
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, doing);
    return sqlite3_changes(store_db(s)) > 0 ? 0 : 1;
}

int outbox_attempt(store *s, int64_t seq, const char *error, int64_t at_ms)
{
    sqlite3_stmt *st = store_prepare(s, "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, "
                                        "last_attempt_at = ?3 WHERE event_seq = ?1");
    if (st) {
        sqlite3_bind_int64(st, 1, seq);
        if (error)
            sqlite3_bind_text(st, 2, error, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, at_ms);
    }
    return change_one(s, st, "recording a sending attempt");
}

int outbox_ack(store *s, int64_t seq)
{
    sqlite3_stmt *st = store_prepare(s, "DELETE FROM outbox WHERE event_seq = ?1");
    if (st)
        sqlite3_bind_int64(st, 1, seq);
    return change_one(s, st, "acknowledging an event");
}
