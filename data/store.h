/* store.h - the terminal's SQLite file: open or create it, bring its schema
 * up to date through numbered migrations, and run write transactions.
 * This header is what tui/ sees: no SQL, no sqlite3.h (see store_db.h). */
#ifndef GUICHET_DATA_STORE_H
#define GUICHET_DATA_STORE_H

#include <stddef.h>

typedef struct store store;

#define STORE_ERR_LEN 512

/* Open (creating with mode 0600 when absent) and migrate to the newest schema; NULL + message on failure. */
store *store_open(const char *path, char *err, size_t errlen);
/* Open without migrating past `version` (tests of migrations from older versions). */
store *store_open_at(const char *path, int version, char *err, size_t errlen);
/* Close the store (NULL is fine). */
void store_close(store *s);
/* The schema version the file is at. */
int store_schema_version(store *s);
/* The newest schema version this program knows. */
int store_schema_latest(void);
/* The default database path ($XDG_DATA_HOME or ~/.local/share)/guichet/guichet.db, creating the directory 0700. */
int store_default_path(char *buf, size_t len, char *err, size_t errlen);
/* The last error message of this store (empty when none). */
const char *store_errmsg(store *s);

#endif
