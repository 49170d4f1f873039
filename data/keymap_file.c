/* keymap_file.c - reading a keymap file into memory (data/textfile.c) and
 * handing its text to keymap_parse(); the default file beside the program. */
#include "data/keymap_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "data/paths.h"
#include "data/textfile.h"

int keymap_file_load(keymap *km, const char *path, keymap_error *errors, int max_errors, int *nerrors,
                     char *msg, size_t msglen)
{
    char *text = NULL;
    size_t len = 0;
    if (nerrors)
        *nerrors = 0;
    if (textfile_read(path, (size_t)KEYMAP_FILE_MAX_BYTES, &text, &len, msg, msglen) != 0)
        return -1;
    int bad = keymap_parse(km, text, len, path, errors, max_errors, nerrors);
    free(text);
    return bad;
}

/* The first that exists of: $GUICHET_DATADIR/../keymaps (the source tree's data/ given to tests),
 * <exe dir>/../keymaps (build/guichet), <exe dir>/../../keymaps (build/asan/guichet),
 * /usr/share/guichet/keymaps; else the path beside the executable (the error names it). */
int keymap_default_path(char *buf, size_t len)
{
    static const char *const beside[] = {"../keymaps/default.keys", "../../keymaps/default.keys"};
    struct stat st;
    const char *dd = getenv("GUICHET_DATADIR");
    if (dd && *dd) {
        int w = snprintf(buf, len, "%s/../keymaps/default.keys", dd);
        if (w > 0 && (size_t)w < len && stat(buf, &st) == 0)
            return 0;
    }
    for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++)
        if (path_beside_exe(beside[i], buf, len) == 0 && stat(buf, &st) == 0)
            return 0;
    if (stat("/usr/share/guichet/keymaps/default.keys", &st) == 0) {
        snprintf(buf, len, "%s", "/usr/share/guichet/keymaps/default.keys");
        return 0;
    }
    return path_beside_exe(beside[0], buf, len);
}
