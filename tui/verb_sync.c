/* verb_sync.c - `guichet sync [--once] [--rejected]`: replace this process
 * with build/guichet-sync found beside the running binary (data/paths.h),
 * passing --config and --db through.  The agent's exit code is the verb's. */
#include "tui/verb_sync.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "data/paths.h"
#include "tui/i18n.h"
#include "tui/verbs.h"

#define SYNC_ARGS_MAX 8

int verb_sync_exec(const char *config_path, const char *db, int argc, char **argv)
{
    char exe[PATH_MAX];
    char *args[SYNC_ARGS_MAX + 1];
    int n = 0;
    if (path_beside_exe("guichet-sync", exe, sizeof exe) != 0 || access(exe, X_OK) != 0) {
        fprintf(stderr, _("guichet-sync is not installed beside guichet: cannot sync\n"));
        return VERB_USAGE;
    }
    args[n++] = exe;
    if (config_path) {
        args[n++] = (char *)"--config";
        args[n++] = (char *)config_path;
    }
    if (db) {
        args[n++] = (char *)"--db";
        args[n++] = (char *)db;
    }
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "--once") != 0 && strcmp(argv[i], "--rejected") != 0) || n >= SYNC_ARGS_MAX) {
            fprintf(stderr, _("usage: guichet sync [--once] [--rejected]\n"));
            return VERB_USAGE;
        }
        args[n++] = argv[i];
    }
    args[n] = NULL;
    fflush(NULL);
    execv(exe, args);
    fprintf(stderr, _("cannot start %s\n"), exe);
    return VERB_USAGE;
}
