/* sync_i18n.c - locale set-up of build/guichet-sync, as tui/i18n.c does it
 * for the screen: the catalogue directory comes from data/paths.c
 * (path_locale_dir: $GUICHET_LOCALEDIR, else build/locale beside the binary),
 * the language from the environment the screen started the agent with. */
#include "sync/sync_i18n.h"

#include <limits.h>
#include <locale.h>

#include "data/paths.h"

void sync_i18n_init(void)
{
    setlocale(LC_ALL, "");
    char dir[PATH_MAX];
    if (path_locale_dir(dir, sizeof dir) == 0)
        bindtextdomain("guichet", dir);
    bind_textdomain_codeset("guichet", "UTF-8");
    textdomain("guichet");
}
