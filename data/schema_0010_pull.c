/* schema_0010_pull.c - migration 10: what pulling from the centre keeps
 * (data/sync_import.h, docs/storage.md §12).
 *
 * - sync_unapplied: changes pulled but not applied, with the reason: foreign
 *   events the projections refused (stored in events all the same), events
 *   whose payload does not match its payload_hash (not stored), centre
 *   changes that could not be applied.  `final` = 1 marks a foreign event
 *   refused for its own content: a case fold leaves it out for good.
 * - centre_changes: every centre change applied, by id (a second pull of the
 *   same change is skipped).
 * - centre_files: the last catalogue and calendar texts the centre sent
 *   (kind 'catalog' or 'calendar'). */
#include "data/migrations.h"

const char schema_0010_pull[] =
    "CREATE TABLE sync_unapplied (\n"
    "  id       TEXT PRIMARY KEY,            -- the event or centre change id\n"
    "  type     TEXT NOT NULL,\n"
    "  subject  TEXT,\n"
    "  terminal TEXT NOT NULL,               -- who sent it (32 zeros: the centre)\n"
    "  reason   TEXT NOT NULL,               -- English\n"
    "  at_ms    INTEGER NOT NULL,            -- when it was pulled\n"
    "  final    INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1))\n"
    ");\n"
    "CREATE TABLE centre_changes (\n"
    "  id         TEXT PRIMARY KEY,\n"
    "  type       TEXT NOT NULL,\n"
    "  subject    TEXT,\n"
    "  payload    TEXT NOT NULL,\n"
    "  applied_at INTEGER NOT NULL\n"
    ");\n"
    "CREATE TABLE centre_files (\n"
    "  kind      TEXT PRIMARY KEY CHECK (kind IN ('catalog', 'calendar')),\n"
    "  name      TEXT NOT NULL,\n"
    "  text      TEXT NOT NULL,\n"
    "  sha256    TEXT NOT NULL,\n"
    "  change_id TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX events_terminal ON events(terminal_id, seq);\n";
