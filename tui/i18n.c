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

void i18n_init(void)
{
    setlocale(LC_ALL, "");
    char dir[PATH_MAX];
    if (path_locale_dir(dir, sizeof dir) == 0) /* data/paths.c: shared with build/guichet-sync */
        bindtextdomain("guichet", dir);
    bind_textdomain_codeset("guichet", "UTF-8");
    textdomain("guichet");
}
