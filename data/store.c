/* store.c - opening the terminal's SQLite file and migrating its schema.
 *
 * Durability (docs/storage.md): WAL with synchronous=FULL, so a commit the
 * clerk was told about (a case number on screen, a printed notice) survives
 * kill -9 and power loss; busy_timeout lets a second process (guichet-sync,
 * an admin verb) wait for the lock instead of failing; foreign keys on.
 *
 * A file that is not SQLite, or is SQLite but not guichet's, or has a schema
 * newer than this program knows, is refused with a message and left as it
 * was: nothing is written before those checks pass. */
#include "data/store_db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/migrations.h"

struct store {
    sqlite3 *db;
    char path[1024];
    char err[STORE_ERR_LEN];
};

sqlite3 *store_db(store *s)
{
    return s->db;
}

const char *store_errmsg(store *s)
{
    return s ? s->err : "";
}

int store_fail(store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    return -1;
}

int store_fail_sql(store *s, const char *doing)
{
    return store_fail(s, "%s: %s: %s", s->path, doing, sqlite3_errmsg(s->db));
}

sqlite3_stmt *store_prepare(store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        store_fail_sql(s, "preparing a statement");
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

int store_exists(store *s, const char *sql, const char *key, const char *doing)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, doing);
}

static int exec(store *s, const char *sql, const char *doing)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_sql(s, doing);
    return 0;
}

int store_begin(store *s)
{
    return exec(s, "BEGIN IMMEDIATE", "starting a write transaction");
}

int store_commit(store *s)
{
    if (exec(s, "COMMIT", "committing") == 0)
        return 0;
    store_rollback(s);
    return -1;
}

void store_rollback(store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* --- before SQLite touches the file ------------------------------------- */

static const char sqlite_magic[16] = "SQLite format 3";

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
    if (got < sizeof head || memcmp(head, sqlite_magic, sizeof head) != 0) {
        snprintf(err, errlen, "%s: not a guichet database (not an SQLite file); it was left untouched", path);
        return -1;
    }
    return 0;
}

/* --- schema version ------------------------------------------------------- */

static int query_int(store *s, const char *sql, int *out)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_sql(s, "reading the schema");
}

/* 0 for a new empty file; -1 (with message) for a database that is not guichet's. */
static int current_version(store *s, int *version)
{
    int tables = 0, has_version_table = 0;
    if (query_int(s, "SELECT count(*) FROM sqlite_schema", &tables) != 0)
        return store_fail(s, "%s: not a guichet database (%s); it was left untouched", s->path,
                          sqlite3_errmsg(s->db));
    if (query_int(s, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='schema_version'",
                  &has_version_table) != 0)
        return -1;
    if (!has_version_table) {
        *version = 0;
        if (tables > 0)
            return store_fail(s, "%s: an SQLite database, but not guichet's (no schema_version table); "
                                 "it was left untouched", s->path);
        return 0;
    }
    return query_int(s, "SELECT coalesce(max(version), 0) FROM schema_version", version);
}

static int apply_migration(store *s, const migration *m)
{
    if (store_begin(s) != 0)
        return -1;
    if (exec(s, "CREATE TABLE IF NOT EXISTS schema_version (\n"
                "  version    INTEGER PRIMARY KEY,\n"
                "  name       TEXT NOT NULL,\n"
                "  applied_at TEXT NOT NULL\n"
                ")", "creating schema_version") != 0 ||
        exec(s, m->sql, m->name) != 0)
        goto fail;
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO schema_version(version, name, applied_at) "
                                        "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    if (!st)
        goto fail;
    sqlite3_bind_int(st, 1, m->version);
    sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail_sql(s, "recording the schema version");
        goto fail;
    }
    return store_commit(s);
fail:
    store_rollback(s);
    char why[STORE_ERR_LEN];
    snprintf(why, sizeof why, "%s", s->err);
    return store_fail(s, "%s: migration %d (%s) failed: %s", s->path, m->version, m->name, why);
}

static int migrate(store *s, int target)
{
    int version = 0, n = 0;
    const migration *all = migrations_all(&n);
    if (current_version(s, &version) != 0)
        return -1;
    if (version > all[n - 1].version)
        return store_fail(s, "%s: schema version %d is newer than this guichet knows (%d): "
                             "use a newer guichet; the file was left untouched",
                          s->path, version, all[n - 1].version);
    for (int i = 0; i < n; i++)
        if (all[i].version > version && all[i].version <= target && apply_migration(s, &all[i]) != 0)
            return -1;
    return 0;
}

int store_schema_latest(void)
{
    int n = 0;
    const migration *all = migrations_all(&n);
    return all[n - 1].version;
}

int store_schema_version(store *s)
{
    int v = 0;
    return query_int(s, "SELECT coalesce(max(version), 0) FROM schema_version", &v) == 0 ? v : -1;
}

/* --- open ------------------------------------------------------------------ */

static int set_pragmas(store *s)
{
    if (exec(s, "PRAGMA foreign_keys = ON", "enabling foreign keys") != 0)
        return -1;
    sqlite3_stmt *st = store_prepare(s, "PRAGMA journal_mode = WAL");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    int wal = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    if (!wal)
        return store_fail(s, "%s: cannot switch to WAL mode: %s", s->path, sqlite3_errmsg(s->db));
    return exec(s, "PRAGMA synchronous = FULL", "setting synchronous");
}

store *store_open_at(const char *path, int version, char *err, size_t errlen)
{
    if (prepare_file(path, err, errlen) != 0)
        return NULL;
    store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(s->path, sizeof s->path, "%s", path);
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL);
    int ok = rc == SQLITE_OK;
    if (ok) /* before the first read: another process (guichet-sync) may hold the lock */
        sqlite3_busy_timeout(s->db, 5000);
    if (!ok)
        store_fail(s, "%s: cannot open: %s", path, s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
    /* The version check comes first: it only reads, so a foreign or newer file stays as it was. */
    int version_now = 0;
    ok = ok && current_version(s, &version_now) == 0;
    ok = ok && set_pragmas(s) == 0 && migrate(s, version) == 0;
    if (!ok) {
        snprintf(err, errlen, "%s", s->err);
        store_close(s);
        return NULL;
    }
    return s;
}

store *store_open(const char *path, char *err, size_t errlen)
{
    return store_open_at(path, store_schema_latest(), err, errlen);
}

void store_close(store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s);
}

/* mkdir -p with mode 0700 for each directory created. */
static int make_dir(const char *path, char *err, size_t errlen)
{
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; ; p++) {
        char c = *p;
        if (c != '/' && c != '\0')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0700) != 0 && errno != EEXIST) {
            snprintf(err, errlen, "%s: cannot create the data directory: %s", tmp, strerror(errno));
            return -1;
        }
        *p = c;
        if (c == '\0')
            return 0;
    }
}

int store_default_path(char *buf, size_t len, char *err, size_t errlen)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char base[1024];
    if (xdg && *xdg)
        snprintf(base, sizeof base, "%s", xdg);
    else if (home && *home)
        snprintf(base, sizeof base, "%s/.local/share", home);
    else {
        snprintf(err, errlen, "neither XDG_DATA_HOME nor HOME is set: give --db FILE");
        return -1;
    }
    char dir[1100];
    snprintf(dir, sizeof dir, "%s/guichet", base);
    if (make_dir(dir, err, errlen) != 0)
        return -1;
    int n = snprintf(buf, len, "%s/guichet.db", dir);
    if (n < 0 || (size_t)n >= len) {
        snprintf(err, errlen, "%s: path too long", dir);
        return -1;
    }
    return 0;
}
