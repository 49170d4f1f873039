/* textfile.h - reading a whole small text file (the catalogue, the pinyin
 * table) into memory with a size cap, with a message naming the file. */
#ifndef GUICHET_DATA_TEXTFILE_H
#define GUICHET_DATA_TEXTFILE_H

#include <stddef.h>
#include <stdio.h>

/* Read an open stream to its end into a malloc'd NUL-terminated buffer: 0, -1 read error (errno), -2 over max. */
int textfile_read_stream(FILE *f, size_t max, char **text, size_t *len);
/* Read path (at most max bytes) into a malloc'd NUL-terminated buffer; 0, or -1 + message. */
int textfile_read(const char *path, size_t max, char **text, size_t *len, char *err, size_t errlen);

#endif
