/* keymap_file.h - reading a keymap file (keymaps/default.keys, or a site's
 * own; format in docs/keymaps.md) from disk into a keymap, and where the
 * default file is.  The text itself is parsed by core/keymap.c. */
#ifndef GUICHET_DATA_KEYMAP_FILE_H
#define GUICHET_DATA_KEYMAP_FILE_H

#include <stddef.h>

#include "core/keymap.h"

#define KEYMAP_FILE_MAX_BYTES (256L * 1024L) /* a keymap file is a few KiB; refuse more */

/* Read path and parse it over km (good lines apply, bad ones are collected as in keymap_parse):
 * returns the number of bad lines, or -1 when the file cannot be read (km unchanged, msg says why). */
int keymap_file_load(keymap *km, const char *path, keymap_error *errors, int max_errors, int *nerrors,
                     char *msg, size_t msglen);
/* Write the default file's path, <exe dir>/../keymaps/default.keys, into buf; 0, or -1 if unknown. */
int keymap_default_path(char *buf, size_t len);

#endif
