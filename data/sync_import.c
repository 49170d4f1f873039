/* sync_import.c - applying one page of GET /v1/changes to the terminal's
 * file in one BEGIN IMMEDIATE transaction, with the cursor (data/sync_import.h).
 *
 * Each change is, in this order: known (this terminal's own, or an id the
 * events or centre_changes already hold: skipped); refused when its payload
 * does not match its payload_hash (listed in sync_unapplied, not stored); a
 * centre change (sync_import_centre.c); or a foreign event, stored with its
 * own terminal id, staff, hashes and time under the next local seq, never
 * queued in the outbox and outside this terminal's chain (meta chain_head is
 * not touched), then projected inside a savepoint: a refusal undoes the
 * projection only, and the event is listed in sync_unapplied. */
#include "data/sync_import.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/event.h"
#include "data/events.h"
#include "data/project.h"
#include "data/store_db.h"
#include "data/sync_import_int.h"
#include "data/sync_store.h"

/* One import: the store, its projections and this terminal's id. */
typedef struct {
    store *s;
    project_ctx *proj;
    char terminal[EVENT_TERMINAL_MAX + 1];
    int64_t now_ms;
    sync_import_report *rep;
} importer_run;

/* Run SQL without parameters; 0 or -1. */
static int exec_sql(store *s, const char *text, const char *doing)
{
    return sqlite3_exec(store_db(s), text, NULL, NULL, NULL) == SQLITE_OK ? 0 : store_fail_sql(s, doing);
}

static bool is_hex(const char *h, size_t len)
{
    if (!h || strlen(h) != len)
        return false;
    for (const char *p = h; *p; p++)
        if (!isxdigit((unsigned char)*p))
            return false;
    return true;
}

int sync_unapplied_put(store *s, const sync_change *c, const char *reason, bool final, int64_t now_ms)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT OR REPLACE INTO sync_unapplied(id, type, subject, terminal, reason, "
                                        "at_ms, final) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, c->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, c->type ? c->type : "", -1, SQLITE_TRANSIENT);
    if (c->subject)
        sqlite3_bind_text(st, 3, c->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, c->terminal ? c->terminal : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, now_ms);
    sqlite3_bind_int(st, 7, final ? 1 : 0);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "listing a change that was not applied");
}

/* 1 when the id is already an event or an applied centre change here, 0 when new, -1. */
static int is_known(store *s, const char *id)
{
    return store_exists(s, "SELECT 1 FROM events WHERE id = ?1 UNION ALL SELECT 1 FROM centre_changes WHERE id = ?1",
                        id, "looking up a pulled change");
}

/* What is wrong with the shape of a change before it may be stored; NULL when nothing. */
static const char *shape_problem(const sync_change *c)
{
    if (!c->type || ev_type_check(c->type) != EV_OK)
        return "the type is not a valid event type";
    if (strlen(c->id) != UUID7_LEN)
        return "the id is not a 36-character UUID";
    if (ev_subject_check(c->subject) != EV_OK)
        return "the subject is not valid";
    if (!is_hex(c->terminal, 32))
        return "the terminal id is not 32 hex digits";
    if (!is_hex(c->prev_hash, EV_HASH_HEX) || !is_hex(c->hash, EV_HASH_HEX))
        return "prev_hash and hash must be 64 hex digits";
    if (c->staff < 0 || c->staff > INT32_MAX)
        return "the staff number is out of range";
    return NULL;
}

/* 0 when the payload's SHA-256 is its payload_hash, 1 when not, -1. */
static int payload_mismatch(store *s, const sync_change *c)
{
    char h[EV_HASH_HEX + 1];
    if (events_sha256_hex(c->payload, strlen(c->payload), h) != 0)
        return store_fail(s, "cannot hash a pulled payload (libsodium failed to start)");
    if (!c->payload_hash || strlen(c->payload_hash) != EV_HASH_HEX)
        return 1;
    for (int i = 0; i < EV_HASH_HEX; i++)
        if (h[i] != tolower((unsigned char)c->payload_hash[i]))
            return 1;
    return 0;
}

/* Store a foreign event under the next local seq (after the highest seq and this terminal's head). */
static int insert_foreign(store *s, const sync_change *c, int64_t *seq)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT max(coalesce((SELECT max(seq) FROM events), 0), "
                                        "coalesce((SELECT CAST(substr(value, 1, instr(value, ':') - 1) AS INTEGER) "
                                        "FROM meta WHERE key = 'chain_head'), 0)) + 1");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    *seq = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return store_fail_sql(s, "choosing the seq of a pulled event");
    st = store_prepare(s, "INSERT INTO events(seq, id, type, subject, payload, payload_hash, staff_id, terminal_id, "
                          "created_at, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, lower(?6), ?7, ?8, ?9, ?10, ?11)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, *seq);
    sqlite3_bind_text(st, 2, c->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, c->type, -1, SQLITE_TRANSIENT);
    if (c->subject)
        sqlite3_bind_text(st, 4, c->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, c->payload, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, c->payload_hash, -1, SQLITE_TRANSIENT);
    if (c->staff > 0)
        sqlite3_bind_int64(st, 7, c->staff);
    sqlite3_bind_text(st, 8, c->terminal, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 9, c->created_at);
    sqlite3_bind_text(st, 10, c->prev_hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 11, c->hash, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "storing a pulled event");
}

/* Store and project one foreign event; 0 or -1 (store error). */
static int import_event(importer_run *r, const sync_change *c)
{
    int64_t seq;
    if (insert_foreign(r->s, c, &seq) != 0 || exec_sql(r->s, "SAVEPOINT sync_event", "starting a savepoint") != 0)
        return -1;
    project_event pe = {seq, c->id, c->type, c->subject, c->payload, (int32_t)c->staff, c->created_at};
    if (project_apply(r->proj, &pe) == 0) {
        r->rep->stored++;
        return exec_sql(r->s, "RELEASE sync_event", "ending a savepoint");
    }
    char why[SYNC_WHY_LEN];
    snprintf(why, sizeof why, "%s", store_errmsg(r->s));
    bool final = project_refusal_is_final(r->proj);
    if (exec_sql(r->s, "ROLLBACK TO sync_event", "undoing a refused event") != 0 ||
        exec_sql(r->s, "RELEASE sync_event", "ending a savepoint") != 0)
        return -1;
    r->rep->unapplied++;
    return sync_unapplied_put(r->s, c, why, final, r->now_ms);
}

/* Remember an applied centre change by id. */
static int remember_centre(store *s, const sync_change *c, int64_t now_ms)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO centre_changes(id, type, subject, payload, applied_at) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, c->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, c->type, -1, SQLITE_TRANSIENT);
    if (c->subject)
        sqlite3_bind_text(st, 3, c->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, c->payload, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, now_ms);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_sql(s, "remembering a centre change");
    st = store_prepare(s, "DELETE FROM sync_unapplied WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, c->id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, "clearing an old refusal");
}

/* Apply one centre change inside a savepoint; a refusal is undone and listed. */
static int import_centre(importer_run *r, const sync_change *c)
{
    char why[SYNC_WHY_LEN] = "";
    if (exec_sql(r->s, "SAVEPOINT sync_centre", "starting a savepoint") != 0)
        return -1;
    int rc = sync_centre_apply(r->s, c, r->now_ms, why, sizeof why);
    if (rc == 0 && remember_centre(r->s, c, r->now_ms) != 0)
        rc = -1;
    if (rc == 0) {
        r->rep->centre++;
        return exec_sql(r->s, "RELEASE sync_centre", "ending a savepoint");
    }
    if (rc < 0)
        return -1;
    if (exec_sql(r->s, "ROLLBACK TO sync_centre", "undoing a refused centre change") != 0 ||
        exec_sql(r->s, "RELEASE sync_centre", "ending a savepoint") != 0)
        return -1;
    r->rep->refused++;
    return sync_unapplied_put(r->s, c, why, false, r->now_ms);
}

/* One change of the page; 0 or -1 (store error: the page is rolled back). */
static int import_one(importer_run *r, const sync_change *c, size_t i)
{
    if (!c->id || !c->id[0] || !c->payload || !c->terminal)
        return store_fail(r->s, "change %zu of the page has no id, payload or terminal", i + 1);
    int known = strcmp(c->terminal, r->terminal) == 0 ? 1 : is_known(r->s, c->id);
    if (known != 0) {
        r->rep->known += known > 0;
        return known < 0 ? -1 : 0;
    }
    int bad = payload_mismatch(r->s, c);
    if (bad < 0)
        return -1;
    if (bad) {
        r->rep->refused++;
        return sync_unapplied_put(r->s, c, "the payload does not match its payload_hash: not stored", true, r->now_ms);
    }
    bool centre = strcmp(c->terminal, SYNC_CENTRE_TERMINAL) == 0;
    if (centre && c->type && strncmp(c->type, "centre.", 7) == 0)
        return import_centre(r, c);
    const char *shape = shape_problem(c);
    if (shape) {
        r->rep->refused++;
        return sync_unapplied_put(r->s, c, shape, true, r->now_ms);
    }
    return import_event(r, c);
}

/* The page and the cursor, inside the open transaction. */
static int import_page(importer_run *r, const sync_change *c, size_t n, const char *next_cursor, int done)
{
    if (events_terminal_id(r->s, r->terminal, sizeof r->terminal) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (import_one(r, &c[i], i) != 0)
            return -1;
    if (sync_meta_set(r->s, SYNC_META_CURSOR, next_cursor) != 0)
        return -1;
    if (!done)
        return 0;
    char ms[24];
    snprintf(ms, sizeof ms, "%" PRId64, r->now_ms);
    return sync_meta_set(r->s, SYNC_META_LAST_PULL, ms);
}

int sync_import(store *s, const sync_change *c, size_t n, const char *next_cursor, int done, int64_t now_ms,
                sync_import_report *rep)
{
    sync_import_report scratch;
    if (!rep)
        rep = &scratch;
    memset(rep, 0, sizeof *rep);
    if ((n > 0 && !c) || !next_cursor || !next_cursor[0])
        return store_fail(s, "sync_import: a page needs its changes and a next_cursor; nothing was changed");
    importer_run r = {s, project_ctx_new(s), "", now_ms, rep};
    if (!r.proj)
        return -1;
    int rc = store_begin(s);
    if (rc == 0 && import_page(&r, c, n, next_cursor, done) != 0)
        rc = -1;
    project_ctx_free(r.proj);
    if (rc != 0) {
        char why[STORE_ERR_LEN];
        snprintf(why, sizeof why, "%s", store_errmsg(s));
        store_rollback(s);
        memset(rep, 0, sizeof *rep);
        return store_fail(s, "%s; nothing of this page was applied", why);
    }
    if (store_commit(s) != 0) {
        memset(rep, 0, sizeof *rep);
        return -1;
    }
    return 0;
}
