/* srv_centre_store.c - the centre's own records in guichetd's store: windows,
 * staff (centre-wide numbers, PIN hashes, the windows each may serve, kept
 * as a JSON array of codes), the roster, and the tail of the centre's event
 * chain (its last own seq and hash).  Checks live in srv_centre_admin.c. */
#include "server/srv_store_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int srv_window_add(srv_store *s, const char *code, const char *name, int64_t now)
{
    sqlite3_stmt *st = srv_prepare(s, "INSERT INTO windows(code, name, created) VALUES (?1, ?2, ?3) "
                                      "ON CONFLICT DO NOTHING");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return srv_fail_sql(s, "adding a window");
    return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int srv_window_exists(srv_store *s, const char *code)
{
    sqlite3_stmt *st = srv_prepare(s, "SELECT 1 FROM windows WHERE code = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "reading a window");
}

/* The JSON array text of window codes into st->windows; -1 when it is not one. */
static int windows_from_json(const char *text, srv_staff *st)
{
    json_t *a = json_loads(text ? text : "", 0, NULL);
    st->n_windows = 0;
    if (!json_is_array(a) || json_array_size(a) > SRV_WINDOWS_MAX) {
        json_decref(a);
        return -1;
    }
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
        snprintf(st->windows[st->n_windows++], SRV_WINDOW_CODE_BUF, "%s", json_is_string(v) ? json_string_value(v)
                                                                                             : "");
    }
    json_decref(a);
    return 0;
}

int srv_staff_get(srv_store *s, const char *code, srv_staff *out)
{
    sqlite3_stmt *st = srv_prepare(s, "SELECT num, code, name, roles, windows, pin_hash, active FROM staff "
                                      "WHERE code = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int bad = 0;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->num = sqlite3_column_int64(st, 0);
        srv_column_copy(st, 1, out->code, sizeof out->code);
        srv_column_copy(st, 2, out->name, sizeof out->name);
        srv_column_copy(st, 3, out->roles, sizeof out->roles);
        bad = windows_from_json((const char *)sqlite3_column_text(st, 4), out);
        srv_column_copy(st, 5, out->pin_hash, sizeof out->pin_hash);
        out->active = sqlite3_column_int(st, 6);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return bad ? srv_fail(s, "%s: staff %s: the windows column is not a JSON array", s->path, code) : 0;
    return rc == SQLITE_DONE ? 1 : srv_fail_sql(s, "reading a staff member");
}

int srv_staff_next_num(srv_store *s, int64_t *num)
{
    sqlite3_stmt *st = srv_prepare(s, "SELECT coalesce(max(num), 0) + 1 FROM staff");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    *num = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : srv_fail_sql(s, "numbering a staff member");
}

int srv_staff_put(srv_store *s, const srv_staff *in, int64_t now)
{
    json_t *a = json_array();
    for (int i = 0; a && i < in->n_windows; i++)
        json_array_append_new(a, json_string(in->windows[i]));
    char *windows = a ? json_dumps(a, JSON_COMPACT) : NULL;
    json_decref(a);
    if (!windows)
        return srv_fail(s, "out of memory");
    sqlite3_stmt *st = srv_prepare(s,
        "INSERT INTO staff(num, code, name, roles, windows, pin_hash, active, updated) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(num) DO UPDATE SET code = excluded.code, "
        "name = excluded.name, roles = excluded.roles, windows = excluded.windows, pin_hash = excluded.pin_hash, "
        "active = excluded.active, updated = excluded.updated");
    if (!st) {
        free(windows);
        return -1;
    }
    sqlite3_bind_int64(st, 1, in->num);
    sqlite3_bind_text(st, 2, in->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, in->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, in->roles, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, windows, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, in->pin_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, in->active ? 1 : 0);
    sqlite3_bind_int64(st, 8, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    free(windows);
    return rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "storing a staff member");
}

int srv_roster_set(srv_store *s, const char *day, const char *window, const char *a, const char *b, int64_t now)
{
    sqlite3_stmt *st = srv_prepare(s,
        "INSERT INTO roster(day, window, a, b, updated) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(day, window) DO UPDATE SET a = excluded.a, b = excluded.b, updated = excluded.updated");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, window, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, b, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "setting the roster");
}

int srv_centre_last(srv_store *s, int64_t *seq, char hash[SRV_HASH_HEX + 1])
{
    sqlite3_stmt *st = srv_prepare(s, "SELECT terminal_seq, hash FROM events WHERE terminal = ?1 "
                                      "ORDER BY terminal_seq DESC LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, SRV_CENTRE_TERMINAL, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *seq = 0;
    memset(hash, '0', SRV_HASH_HEX);
    hash[SRV_HASH_HEX] = '\0';
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(st, 0);
        srv_column_copy(st, 1, hash, SRV_HASH_HEX + 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "reading the centre's last change");
}
