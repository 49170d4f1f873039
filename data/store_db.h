/* store_db.h - inside data/ only: the SQLite handle behind a store, and the
 * transaction and statement helpers every data/ module uses.  tui/ never
 * includes this file. */
#ifndef GUICHET_DATA_STORE_DB_H
#define GUICHET_DATA_STORE_DB_H

#include <sqlite3.h>
#include <stdarg.h>

#include "data/store.h"

/* The SQLite connection of a store. */
sqlite3 *store_db(store *s);
/* BEGIN IMMEDIATE (a write transaction that waits for the lock, never upgrades); 0 or -1 + errmsg. */
int store_begin(store *s);
/* COMMIT; 0 or -1 + errmsg (the transaction is rolled back on failure). */
int store_commit(store *s);
/* ROLLBACK (safe to call when no transaction is open). */
void store_rollback(store *s);
/* Record a printf-style message as the store's last error; returns -1. */
int store_fail(store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Record the connection's SQLite error prefixed by what was being done; returns -1. */
int store_fail_sql(store *s, const char *doing);
/* Prepare a statement (reported through store_fail_sql on failure); NULL on failure. */
sqlite3_stmt *store_prepare(store *s, const char *sql);

/* Run a one-parameter query: 1 when it returns a row, 0 when none, -1 (store_fail_sql with `doing`) on error. */
int store_exists(store *s, const char *sql, const char *key, const char *doing);

#endif
