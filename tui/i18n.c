/* i18n.c - locale set-up: where the compiled message catalogues are.
 *
 * Catalogues are looked for, in order, in $GUICHET_LOCALEDIR, in
 * <directory of the executable>/locale (the build tree: build/locale), and in
 * the system's /usr/share/locale.  The language follows the environment
 * (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): zh_CN.UTF-8 gives Chinese, LANG=C
 * gives the English message ids. */
#include "tui/i18n.h"

#include "data/paths.h"

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

void i18n_init(void)
{
    setlocale(LC_ALL, "");
    const char *dir = getenv("GUICHET_LOCALEDIR");
    char local[PATH_MAX];
    if (!(dir && *dir) && path_beside_exe("locale", local, sizeof local) == 0 && is_dir(local))
        dir = local;
    if (dir && *dir)
        bindtextdomain("guichet", dir);
    bind_textdomain_codeset("guichet", "UTF-8");
    textdomain("guichet");
}
