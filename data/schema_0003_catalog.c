/* schema_0003_catalog.c - migration 3: the item catalogue (政务服务事项 and
 * their guides, docs/catalog.md).  One import is one catalogue version: the
 * items and materials tables always hold exactly the newest version, the
 * version table keeps the history (file, sha256, time).  Kept plain so the
 * sync issue can ship catalogue changes: items by code, materials by
 * (item, n).  Other tables refer to an item by its code as text, without a
 * foreign key, so a new catalogue never breaks an old case. */
#include "data/migrations.h"

const char schema_0003_catalog[] =
    "CREATE TABLE catalog_version (\n"
    "  id          INTEGER PRIMARY KEY,\n"
    "  file        TEXT NOT NULL,\n"
    "  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),\n"
    "  items       INTEGER NOT NULL CHECK (items >= 0),\n"
    "  materials   INTEGER NOT NULL CHECK (materials >= 0),\n"
    "  imported_at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE catalog_item (\n"
    "  code           TEXT PRIMARY KEY COLLATE NOCASE,\n"
    "  name           TEXT NOT NULL,\n"
    "  initials       TEXT NOT NULL,\n" /* per-character pinyin initial sets, core/pinyin.h */
    "  kind           TEXT NOT NULL,\n"
    "  department     TEXT NOT NULL,\n"
    "  authority      TEXT NOT NULL,\n"
    "  class          TEXT NOT NULL CHECK (class IN ('immediate','promised','referred','joint')),\n"
    "  basis          TEXT NOT NULL,\n"
    "  conditions     TEXT NOT NULL,\n"
    "  object         TEXT NOT NULL,\n"
    "  statutory_days INTEGER NOT NULL CHECK (statutory_days >= 0),\n"
    "  promised_days  INTEGER NOT NULL CHECK (promised_days >= 0 AND promised_days <= statutory_days),\n"
    "  result         TEXT NOT NULL,\n"
    "  fee            TEXT NOT NULL,\n"
    "  fee_basis      TEXT NOT NULL DEFAULT '',\n"
    "  procedure      TEXT NOT NULL,\n"
    "  handling       TEXT NOT NULL,\n"
    "  review         TEXT NOT NULL DEFAULT '',\n"
    "  scope          TEXT NOT NULL DEFAULT '',\n"
    "  booking        TEXT NOT NULL DEFAULT '',\n"
    "  place          TEXT NOT NULL,\n"
    "  hours          TEXT NOT NULL,\n"
    "  contact        TEXT NOT NULL,\n"
    "  complaint      TEXT NOT NULL,\n"
    "  special        TEXT NOT NULL DEFAULT '',\n"
    "  note           TEXT NOT NULL DEFAULT '',\n"
    "  aliases        TEXT NOT NULL DEFAULT '',\n" /* other names clerks use, '、'-separated */
    "  alias_initials TEXT NOT NULL DEFAULT '',\n" /* their initial sets, space-separated */
    "  version        INTEGER NOT NULL REFERENCES catalog_version(id)\n"
    ");\n"
    "CREATE TABLE catalog_material (\n"
    "  item       TEXT NOT NULL COLLATE NOCASE REFERENCES catalog_item(code) ON DELETE CASCADE,\n"
    "  n          INTEGER NOT NULL CHECK (n >= 1),\n"
    "  name       TEXT NOT NULL,\n"
    "  form       TEXT NOT NULL CHECK (form IN ('original','copy','electronic')),\n"
    "  copies     INTEGER NOT NULL CHECK (copies >= 0),\n"
    "  kind       TEXT NOT NULL CHECK (kind IN ('essential','auxiliary')),\n"
    "  can_defer  INTEGER NOT NULL CHECK (can_defer IN (0, 1) AND (can_defer = 0 OR kind = 'auxiliary')),\n" /* 容缺; DEFERRABLE is an SQL keyword */
    "  note       TEXT NOT NULL DEFAULT '',\n"
    "  source     TEXT NOT NULL DEFAULT '',\n"
    "  PRIMARY KEY (item, n)\n"
    ") WITHOUT ROWID;\n";
