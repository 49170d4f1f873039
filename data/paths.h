/* paths.h - where guichet's files are, relative to the running executable. */
#ifndef GUICHET_DATA_PATHS_H
#define GUICHET_DATA_PATHS_H

#include <stddef.h>

/* Write "<directory of the running executable>/<rel>" into buf; 0 on success, -1 if unknown or too long. */
int path_beside_exe(const char *rel, char *buf, size_t len);

/* The message catalogue directory into buf: $GUICHET_LOCALEDIR, else <executable's directory>/locale when it
 * exists (the build tree); 0, or -1 when neither (gettext's own default then applies). */
int path_locale_dir(char *buf, size_t len);

#endif
