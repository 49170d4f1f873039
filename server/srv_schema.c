/* srv_schema.c - guichetd's numbered schema migrations.  Migration 1: the
 * terminals (token kept only as its SHA-256), the events (immutable, unique
 * by id, numbered by server_seq in the committing transaction) and the
 * answers of push batches kept forever by idempotency key.  Migration 2: the
 * centre's own records that its admin verbs check against (windows, staff
 * with centre-wide numbers and PIN hashes, the roster); every change to them
 * is also a centre event in `events` (docs/protocol.md "Centre changes"). */
#include "server/srv_store_int.h"

static const char schema_0001_sync[] =
    "CREATE TABLE terminals (\n"
    "  name         TEXT NOT NULL UNIQUE,\n"
    "  token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),\n"
    "  terminal_id  TEXT UNIQUE CHECK (terminal_id IS NULL OR length(terminal_id) = 32),\n"
    "  created      INTEGER NOT NULL,\n"
    "  revoked      INTEGER,\n"
    "  last_seen    INTEGER\n"
    ");\n"
    "CREATE TABLE events (\n"
    "  server_seq   INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  id           TEXT NOT NULL UNIQUE CHECK (length(id) = 36),\n"
    "  terminal     TEXT NOT NULL,\n"
    "  type         TEXT NOT NULL,\n"
    "  subject      TEXT,\n"
    "  payload      TEXT NOT NULL,\n"
    "  payload_hash TEXT NOT NULL CHECK (length(payload_hash) = 64),\n"
    "  staff        INTEGER NOT NULL,\n"
    "  staff_code   TEXT NOT NULL,\n"
    "  created_at   INTEGER NOT NULL,\n"
    "  terminal_seq INTEGER NOT NULL,\n"
    "  prev_hash    TEXT NOT NULL,\n"
    "  hash         TEXT NOT NULL,\n"
    "  received_at  INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX events_terminal ON events(terminal, server_seq);\n"
    "CREATE INDEX events_type ON events(type);\n"
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN\n"
    "  SELECT RAISE(ABORT, 'events are immutable');\n"
    "END;\n"
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN\n"
    "  SELECT RAISE(ABORT, 'events are never deleted');\n"
    "END;\n"
    "CREATE TABLE batches (\n"
    "  idempotency_key TEXT PRIMARY KEY,\n"
    "  terminal        INTEGER NOT NULL,\n"
    "  answer          TEXT NOT NULL\n"
    ");\n";

static const char schema_0002_centre[] =
    "CREATE TABLE windows (\n"
    "  code    TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 8),\n"
    "  name    TEXT NOT NULL,\n"
    "  created INTEGER NOT NULL\n"
    ");\n"
    "CREATE TABLE staff (\n"
    "  num      INTEGER PRIMARY KEY CHECK (num > 0),\n"
    "  code     TEXT NOT NULL UNIQUE,\n"
    "  name     TEXT NOT NULL,\n"
    "  roles    TEXT NOT NULL,\n"
    "  windows  TEXT NOT NULL,\n" /* a JSON array of window codes */
    "  pin_hash TEXT NOT NULL,\n"
    "  active   INTEGER NOT NULL CHECK (active IN (0, 1)),\n"
    "  updated  INTEGER NOT NULL\n"
    ");\n"
    "CREATE TABLE roster (\n"
    "  day     TEXT NOT NULL CHECK (length(day) = 10),\n"
    "  window  TEXT NOT NULL REFERENCES windows(code),\n"
    "  a       TEXT NOT NULL REFERENCES staff(code),\n"
    "  b       TEXT NOT NULL REFERENCES staff(code),\n"
    "  updated INTEGER NOT NULL,\n"
    "  PRIMARY KEY (day, window)\n"
    ");\n";

static const srv_migration list[] = {
    {1, "sync", schema_0001_sync},
    {2, "centre", schema_0002_centre},
};

const srv_migration *srv_migrations_all(int *n)
{
    *n = (int)(sizeof list / sizeof list[0]);
    return list;
}
