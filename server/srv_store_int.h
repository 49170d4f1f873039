/* srv_store_int.h - what the srv_store*.c files share: the store struct,
 * the migration list and small statement helpers (srv_centre.c uses srv_fail
 * too, as it writes centre events).  Not for srv_http/admin. */
#ifndef GUICHETD_SRV_STORE_INT_H
#define GUICHETD_SRV_STORE_INT_H

#include <sqlite3.h>

#include "server/srv_store.h"

struct srv_store {
    sqlite3 *db;
    char path[1024];
    char err[SRV_ERR_LEN];
};

/* One numbered schema migration (never edited once shipped: a change is a new number). */
typedef struct {
    int version;
    const char *name;
    const char *sql;
} srv_migration;

/* The migrations, oldest first; *n receives how many. */
const srv_migration *srv_migrations_all(int *n);
/* Record a printf-style message as the store's error; returns -1. */
int srv_fail(srv_store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Record "path: doing: sqlite message"; returns -1. */
int srv_fail_sql(srv_store *s, const char *doing);
/* Prepare a literal statement; NULL (message recorded) on failure. */
sqlite3_stmt *srv_prepare(srv_store *s, const char *sql);
/* Copy column `col` as text into buf (empty for NULL). */
void srv_column_copy(sqlite3_stmt *st, int col, char *buf, size_t len);

#endif
