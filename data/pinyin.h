/* pinyin.h - loading the pinyin initials table (data/pinyin/initials.txt,
 * generated from Debian's pinyin-data; see docs/catalog.md) from disk, and
 * finding the default file.  The text is parsed by core/pinyin.c; the table
 * is read once per catalogue import, never per keystroke: search uses the
 * initials stored with each item. */
#ifndef GUICHET_DATA_PINYIN_H
#define GUICHET_DATA_PINYIN_H

#include <stddef.h>

#include "core/pinyin.h"

#define PINYIN_FILE_MAX_BYTES (4u * 1024u * 1024u) /* the shipped file is about 300 KiB */

/* Read and parse an initials file into a new table (free with pinyin_free); NULL + message on failure. */
pinyin_table *pinyin_load(const char *path, char *err, size_t errlen);
/* Free a table from pinyin_load (NULL is fine). */
void pinyin_free(pinyin_table *t);
/* The default file: $GUICHET_DATADIR/pinyin/initials.txt, <exe dir>/../data/pinyin/initials.txt,
 * /usr/share/guichet/pinyin/initials.txt (the first that exists); 0, or -1 + message listing them. */
int pinyin_default_path(char *buf, size_t len, char *err, size_t errlen);
/* Load the default file. */
pinyin_table *pinyin_load_default(char *err, size_t errlen);

#endif
