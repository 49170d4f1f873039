/* paths.c - finding files beside the running executable (/proc/self/exe), so
 * build/guichet finds build/locale and data/ without being installed. */
#include "data/paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int path_beside_exe(const char *rel, char *buf, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    int w = snprintf(buf, len, "%s/%s", exe, rel);
    return w < 0 || (size_t)w >= len ? -1 : 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Moved here from tui/i18n.c so build/guichet-sync (which never links tui/) finds the same catalogues. */
int path_locale_dir(char *buf, size_t len)
{
    const char *dir = getenv("GUICHET_LOCALEDIR");
    if (dir && *dir) {
        int w = snprintf(buf, len, "%s", dir);
        return w < 0 || (size_t)w >= len ? -1 : 0;
    }
    return path_beside_exe("locale", buf, len) == 0 && is_dir(buf) ? 0 : -1;
}
