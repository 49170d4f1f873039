/* srv_terminals.c - the terminals table: adding and revoking a terminal,
 * finding one by its token hash, binding it to its terminal id on first
 * push, last-seen times, and listing. */
#include "server/srv_store_int.h"

#include <stdio.h>
#include <string.h>

int srv_terminal_add(srv_store *s, const char *name, const char *token_sha256, int64_t now)
{
    sqlite3_stmt *st = srv_prepare(s, "INSERT INTO terminals(name, token_sha256, created) VALUES (?1, ?2, ?3) "
                                      "ON CONFLICT DO NOTHING");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, token_sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return srv_fail_sql(s, "adding a terminal");
    return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int srv_terminal_revoke(srv_store *s, const char *name, int64_t now)
{
    sqlite3_stmt *st = srv_prepare(s, "UPDATE terminals SET revoked = ?2 WHERE name = ?1 AND revoked IS NULL");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return srv_fail_sql(s, "revoking a terminal");
    return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

static void read_terminal(sqlite3_stmt *st, srv_terminal *t)
{
    memset(t, 0, sizeof *t);
    t->row = sqlite3_column_int64(st, 0);
    srv_column_copy(st, 1, t->name, sizeof t->name);
    srv_column_copy(st, 2, t->terminal_id, sizeof t->terminal_id);
    srv_column_copy(st, 3, t->token_sha256, sizeof t->token_sha256);
    t->created = sqlite3_column_int64(st, 4);
    t->revoked = sqlite3_column_int64(st, 5);
    t->last_seen = sqlite3_column_int64(st, 6);
}

int srv_terminal_by_token(srv_store *s, const char *token_sha256, srv_terminal *out)
{
    sqlite3_stmt *st = srv_prepare(s, "SELECT rowid, name, terminal_id, token_sha256, created, revoked, last_seen "
                                      "FROM terminals WHERE token_sha256 = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, token_sha256, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_terminal(st, out);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? 1 : srv_fail_sql(s, "finding a terminal");
}

int srv_terminal_bind(srv_store *s, srv_terminal *t, const char *terminal_id)
{
    if (t->terminal_id[0])
        return strcmp(t->terminal_id, terminal_id) == 0 ? 0 : 1;
    sqlite3_stmt *st = srv_prepare(s, "UPDATE terminals SET terminal_id = ?2 WHERE rowid = ?1 AND terminal_id IS NULL "
                                      "AND NOT EXISTS (SELECT 1 FROM terminals WHERE terminal_id = ?2)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, t->row);
    sqlite3_bind_text(st, 2, terminal_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return srv_fail_sql(s, "binding a terminal id");
    if (sqlite3_changes(s->db) != 1)
        return 1;
    snprintf(t->terminal_id, sizeof t->terminal_id, "%s", terminal_id);
    return 0;
}

int srv_terminal_seen(srv_store *s, int64_t row, int64_t now)
{
    sqlite3_stmt *st = srv_prepare(s, "UPDATE terminals SET last_seen = ?2 WHERE rowid = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, row);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "recording last seen");
}

int srv_terminals_each(srv_store *s, srv_terminal_fn fn, void *ctx)
{
    sqlite3_stmt *st = srv_prepare(s, "SELECT rowid, name, terminal_id, token_sha256, created, revoked, last_seen "
                                      "FROM terminals ORDER BY name");
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        srv_terminal t;
        read_terminal(st, &t);
        if (fn(ctx, &t) != 0) {
            sqlite3_finalize(st);
            return -1;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "listing terminals");
}
