/* srv_store.h - guichetd's own SQLite store (never the client's data/):
 * terminals and their token hashes, the events every terminal pushed (kept
 * forever, one row per event id, numbered by a server sequence), and the
 * answers of push batches by idempotency key.  docs/protocol.md says how
 * these are used; this header is the only way the rest of server/ reaches SQL. */
#ifndef GUICHETD_SRV_STORE_H
#define GUICHETD_SRV_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct srv_store srv_store;

#define SRV_ERR_LEN 512
#define SRV_NAME_MAX 32      /* bytes of a terminal name */
#define SRV_TERMINAL_HEX 32  /* a terminal id: 16 bytes in lowercase hex */
#define SRV_HASH_HEX 64      /* a SHA-256 in lowercase hex */
#define SRV_ID_LEN 36        /* an event id: a UUID in 8-4-4-4-12 form */

/* The centre's own pseudo terminal id and staff code (docs/protocol.md "Centre changes"). */
#define SRV_CENTRE_TERMINAL "00000000000000000000000000000000"
#define SRV_CENTRE_STAFF_CODE "centre"

#define SRV_STAFF_CODE_BUF 17   /* a staff code: 2..16 of a-z 0-9 . _ - (as data/staff.h) */
#define SRV_WINDOW_CODE_BUF 9   /* a window code: 1..8 of A-Z 0-9 - */
#define SRV_TEXT_NAME_BUF 129   /* a name: 1..32 UTF-8 characters */
#define SRV_WINDOWS_MAX 16      /* windows one staff member may serve (as data/staff.h) */

/* A terminal as the server knows it. */
typedef struct {
    int64_t row;                          /* rowid in terminals */
    char name[SRV_NAME_MAX + 1];
    char terminal_id[SRV_TERMINAL_HEX + 1]; /* empty until its first push binds it */
    char token_sha256[SRV_HASH_HEX + 1];
    int64_t created, revoked, last_seen;  /* Unix ms; revoked and last_seen 0 when not */
} srv_terminal;

/* One event as pushed by a terminal (strings are NUL-terminated; subject may be NULL). */
typedef struct {
    const char *id;           /* UUIDv7, lowercase */
    int64_t seq;              /* the terminal's own sequence number */
    const char *type;
    const char *subject;
    const char *payload;      /* canonical JSON text, stored as received */
    const char *payload_hash; /* SHA-256 hex of payload */
    int64_t staff;
    const char *staff_code;
    int64_t created_at;       /* terminal clock, Unix ms */
    const char *prev_hash;
    const char *hash;
} srv_event;

/* A staff member of the centre, as the admin verbs keep it. */
typedef struct {
    int64_t num;                        /* centre-wide number, > 0 */
    char code[SRV_STAFF_CODE_BUF];
    char name[SRV_TEXT_NAME_BUF];
    char roles[40];                     /* "clerk,supervisor" */
    char windows[SRV_WINDOWS_MAX][SRV_WINDOW_CODE_BUF];
    int n_windows;
    char pin_hash[128];                 /* crypto_pwhash_str text */
    int active;                         /* 1 active, 0 deactivated */
} srv_staff;

/* Called once per stored event by srv_events_after. */
typedef int (*srv_event_fn)(void *ctx, int64_t server_seq, const char *terminal_id, const srv_event *e);
/* Called once per terminal by srv_terminals_each. */
typedef int (*srv_terminal_fn)(void *ctx, const srv_terminal *t);
/* Called once per row of a statistic: a label, a count and (per terminal) the last-seen time. */
typedef int (*srv_stat_fn)(void *ctx, const char *label, int64_t count, int64_t last_seen);

/* Which statistic srv_stats_each reports. */
typedef enum { SRV_STAT_BY_TYPE, SRV_STAT_BY_TERMINAL } srv_stat;

/* Open (creating 0600 when absent) and migrate; NULL + message on failure (a foreign file is left untouched). */
srv_store *srv_store_open(const char *path, char *err, size_t errlen);
/* Close the store (NULL is fine). */
void srv_store_close(srv_store *s);
/* The last error message (what and where). */
const char *srv_store_errmsg(const srv_store *s);
/* The schema version of the open file. */
int srv_store_schema_version(srv_store *s);
/* BEGIN IMMEDIATE: one writer at a time, the sequence is assigned inside. */
int srv_store_begin(srv_store *s);
/* BEGIN (deferred): a consistent snapshot for reading. */
int srv_store_begin_read(srv_store *s);
/* COMMIT (rolls back on failure). */
int srv_store_commit(srv_store *s);
/* ROLLBACK if a transaction is open. */
void srv_store_rollback(srv_store *s);

/* Add a terminal: 0 added, 1 the name is taken, -1 error. */
int srv_terminal_add(srv_store *s, const char *name, const char *token_sha256, int64_t now);
/* Revoke a terminal by name: 0 revoked, 1 unknown or already revoked, -1 error. */
int srv_terminal_revoke(srv_store *s, const char *name, int64_t now);
/* Find the terminal with this token hash: 0 found, 1 none, -1 error. */
int srv_terminal_by_token(srv_store *s, const char *token_sha256, srv_terminal *out);
/* Bind a terminal row to its terminal id on first push: 0 bound, 1 the id belongs to another terminal, -1 error. */
int srv_terminal_bind(srv_store *s, srv_terminal *t, const char *terminal_id);
/* Record that a terminal was just seen. */
int srv_terminal_seen(srv_store *s, int64_t row, int64_t now);
/* Every terminal, by name. */
int srv_terminals_each(srv_store *s, srv_terminal_fn fn, void *ctx);

/* Store an event once by id: 0 applied (a new server seq), 1 the id exists (its hash in stored_hash), -1 error. */
int srv_event_put(srv_store *s, const char *terminal_id, const srv_event *e, int64_t now,
                  char stored_hash[SRV_HASH_HEX + 1]);
/* How many events are stored. */
int srv_events_count(srv_store *s, int64_t *n);
/* The highest server seq (0 when none). */
int srv_events_max_seq(srv_store *s, int64_t *seq);
/* Up to `limit` events after server seq `after` not from terminal `exclude` (NULL: none excluded), in seq order. */
int srv_events_after(srv_store *s, int64_t after, const char *exclude, int limit, srv_event_fn fn, void *ctx);

/* The highest server seq and the id stored there (id "" and seq 0 when none). */
int srv_events_last(srv_store *s, int64_t *seq, char id[SRV_ID_LEN + 1]);
/* The id of the event at server seq: 0 found, 1 none, -1 error. */
int srv_event_id_at(srv_store *s, int64_t seq, char id[SRV_ID_LEN + 1]);
/* The highest terminal seq among the events a terminal pushed (0 when none). */
int srv_terminal_last_seq(srv_store *s, const char *terminal_id, int64_t *seq);
/* The server seq of the row srv_event_put just applied. */
int64_t srv_event_last_insert(srv_store *s);

/* The stored answer of a batch: 0 found (*answer malloc'd, *terminal_row set), 1 none, -1 error. */
int srv_batch_get(srv_store *s, const char *key, int64_t *terminal_row, char **answer);
/* Keep a batch's answer forever under its key. */
int srv_batch_put(srv_store *s, const char *key, int64_t terminal_row, const char *answer);

/* --- the centre's records (srv_centre_store.c) --- */

/* Add a window: 0 added, 1 the code is taken, -1 error. */
int srv_window_add(srv_store *s, const char *code, const char *name, int64_t now);
/* Whether a window exists: 1 yes, 0 no, -1 error. */
int srv_window_exists(srv_store *s, const char *code);
/* Find a staff member by code: 0 found, 1 none, -1 error. */
int srv_staff_get(srv_store *s, const char *code, srv_staff *out);
/* The number the next staff member gets (max + 1, from 1). */
int srv_staff_next_num(srv_store *s, int64_t *num);
/* Insert or replace (by num) a staff member. */
int srv_staff_put(srv_store *s, const srv_staff *st, int64_t now);
/* Set the roster of one window on one day (replacing what was there). */
int srv_roster_set(srv_store *s, const char *day, const char *window, const char *a, const char *b, int64_t now);
/* The last centre event's own seq and hash (0 and 64 zeros when there is none yet). */
int srv_centre_last(srv_store *s, int64_t *seq, char hash[SRV_HASH_HEX + 1]);

/* Counts of events by type or by terminal (terminals without events included). */
int srv_stats_each(srv_store *s, srv_stat which, srv_stat_fn fn, void *ctx);

#endif
