/* keymap_file.c - reading a keymap file into memory (data/textfile.c) and
 * handing its text to keymap_parse(); the default file beside the program. */
#include "data/keymap_file.h"

#include <stdlib.h>

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

int keymap_default_path(char *buf, size_t len)
{
    return path_beside_exe("../keymaps/default.keys", buf, len);
}
