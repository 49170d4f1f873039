/* i18n.c - locale set-up: where the compiled message catalogues are.
 *
 * Catalogues are looked for, in order, in $GUICHET_LOCALEDIR, in
 * <directory of the executable>/locale (the build tree: build/locale), and in
 * the system's /usr/share/locale.  The language follows the environment
 * (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): zh_CN.UTF-8 gives Chinese, LANG=C
 * gives the English message ids. */
#include "tui/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Fill buf with <dir of /proc/self/exe>/locale; 0 on success. */
static int exe_locale_dir(char *buf, size_t len)
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
    size_t need = strlen(exe) + sizeof "/locale";
    if (need > len)
        return -1;
    memcpy(buf, exe, strlen(exe));
    memcpy(buf + strlen(exe), "/locale", sizeof "/locale");
    return 0;
}

void i18n_init(void)
{
    setlocale(LC_ALL, "");
    const char *dir = getenv("GUICHET_LOCALEDIR");
    char local[PATH_MAX];
    if (!(dir && *dir) && exe_locale_dir(local, sizeof local) == 0 && is_dir(local))
        dir = local;
    if (dir && *dir)
        bindtextdomain("guichet", dir);
    bind_textdomain_codeset("guichet", "UTF-8");
    textdomain("guichet");
}
