/* verb_sync.h - `guichet sync [--once] [--rejected]`: hand over to the sync
 * agent guichet-sync beside this executable (the screen never links libcurl). */
#ifndef GUICHET_TUI_VERB_SYNC_H
#define GUICHET_TUI_VERB_SYNC_H

/* Exec guichet-sync with --config/--db passed through and argv (the verb's own options); returns only on failure (2). */
int verb_sync_exec(const char *config_path, const char *db, int argc, char **argv);

#endif
