/* srv_store.c - opening guichetd's SQLite file and migrating its schema, and
 * the transaction helpers.  Same durability as the client (data/store.c): WAL,
 * synchronous=FULL, a busy timeout so an admin verb can run beside the
 * daemon.  A file that is not SQLite, or SQLite without guichetd's
 * schema_version table, or newer than this program, is refused untouched. */
#include "server/srv_store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int srv_fail(srv_store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    return -1;
}

int srv_fail_sql(srv_store *s, const char *doing)
{
    return srv_fail(s, "%s: %s: %s", s->path, doing, sqlite3_errmsg(s->db));
}

sqlite3_stmt *srv_prepare(srv_store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        srv_fail_sql(s, "preparing a statement");
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

void srv_column_copy(sqlite3_stmt *st, int col, char *buf, size_t len)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(buf, len, "%s", t ? (const char *)t : "");
}

const char *srv_store_errmsg(const srv_store *s)
{
    return s ? s->err : "";
}

static int exec(srv_store *s, const char *sql, const char *doing)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return srv_fail_sql(s, doing);
    return 0;
}

int srv_store_begin(srv_store *s)
{
    return exec(s, "BEGIN IMMEDIATE", "starting a write transaction");
}

int srv_store_begin_read(srv_store *s)
{
    return exec(s, "BEGIN", "starting a read transaction");
}

int srv_store_commit(srv_store *s)
{
    if (exec(s, "COMMIT", "committing") == 0)
        return 0;
    srv_store_rollback(s);
    return -1;
}

void srv_store_rollback(srv_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* --- before SQLite touches the file ------------------------------------- */

/* Refuse a path that exists but is not a regular SQLite file; create a new one 0600. */
static int prepare_file(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            return -1;
        }
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            snprintf(err, errlen, "%s: cannot create the database: %s", path, strerror(errno));
            return -1;
        }
        close(fd);
        return 0;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        return -1;
    }
    if (st.st_size == 0)
        return 0;
    char head[16] = {0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    if (got < sizeof head || memcmp(head, "SQLite format 3", 16) != 0) {
        snprintf(err, errlen, "%s: not a guichetd database (not an SQLite file); it was left untouched", path);
        return -1;
    }
    return 0;
}

/* --- schema version ------------------------------------------------------- */

static int query_int(srv_store *s, const char *sql, int *out)
{
    sqlite3_stmt *st = srv_prepare(s, sql);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : srv_fail_sql(s, "reading the schema");
}

static int current_version(srv_store *s, int *version)
{
    int tables = 0, has_version = 0;
    if (query_int(s, "SELECT count(*) FROM sqlite_schema", &tables) != 0)
        return srv_fail(s, "%s: not a guichetd database (%s); it was left untouched", s->path,
                        sqlite3_errmsg(s->db));
    if (query_int(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'",
                  &has_version) != 0)
        return -1;
    if (!has_version) {
        *version = 0;
        if (tables > 0)
            return srv_fail(s, "%s: an SQLite database, but not guichetd's; it was left untouched", s->path);
        return 0;
    }
    return query_int(s, "SELECT coalesce(max(version), 0) FROM schema_version", version);
}

static int apply_migration(srv_store *s, const srv_migration *m)
{
    if (srv_store_begin(s) != 0)
        return -1;
    if (exec(s, "CREATE TABLE IF NOT EXISTS schema_version (\n"
                "  version    INTEGER PRIMARY KEY,\n"
                "  name       TEXT NOT NULL,\n"
                "  applied_at TEXT NOT NULL\n"
                ")", "creating schema_version") != 0 ||
        exec(s, m->sql, m->name) != 0)
        goto fail;
    sqlite3_stmt *st = srv_prepare(s, "INSERT INTO schema_version(version, name, applied_at) "
                                      "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    if (!st)
        goto fail;
    sqlite3_bind_int(st, 1, m->version);
    sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        srv_fail_sql(s, "recording the schema version");
        goto fail;
    }
    return srv_store_commit(s);
fail:
    srv_store_rollback(s);
    char why[SRV_ERR_LEN];
    snprintf(why, sizeof why, "%s", s->err);
    return srv_fail(s, "%s: migration %d (%s) failed: %s", s->path, m->version, m->name, why);
}

static int migrate(srv_store *s)
{
    int version = 0, n = 0;
    const srv_migration *all = srv_migrations_all(&n);
    if (current_version(s, &version) != 0)
        return -1;
    if (version > all[n - 1].version)
        return srv_fail(s, "%s: schema version %d is newer than this guichetd knows (%d); "
                           "the file was left untouched", s->path, version, all[n - 1].version);
    for (int i = 0; i < n; i++)
        if (all[i].version > version && apply_migration(s, &all[i]) != 0)
            return -1;
    return 0;
}

int srv_store_schema_version(srv_store *s)
{
    int v = 0;
    return query_int(s, "SELECT coalesce(max(version), 0) FROM schema_version", &v) == 0 ? v : -1;
}

/* --- open ------------------------------------------------------------------ */

static int set_pragmas(srv_store *s)
{
    sqlite3_stmt *st = srv_prepare(s, "PRAGMA journal_mode = WAL");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    int wal = rc == SQLITE_ROW && sqlite3_column_text(st, 0) &&
              strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    if (!wal)
        return srv_fail(s, "%s: cannot switch to WAL mode: %s", s->path, sqlite3_errmsg(s->db));
    return exec(s, "PRAGMA synchronous = FULL", "setting synchronous");
}

srv_store *srv_store_open(const char *path, char *err, size_t errlen)
{
    if (prepare_file(path, err, errlen) != 0)
        return NULL;
    srv_store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(s->path, sizeof s->path, "%s", path);
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
    int ok = rc == SQLITE_OK;
    if (ok)
        sqlite3_busy_timeout(s->db, 5000);
    else
        srv_fail(s, "%s: cannot open: %s", path, s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
    int version_now = 0;
    ok = ok && current_version(s, &version_now) == 0; /* read-only check first */
    ok = ok && set_pragmas(s) == 0 && migrate(s) == 0;
    if (!ok) {
        snprintf(err, errlen, "%s", s->err);
        srv_store_close(s);
        return NULL;
    }
    return s;
}

void srv_store_close(srv_store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s);
}
