/* msgfmt.h - "FILE:LINE: problem" messages built without stdio: the message
 * id (translated by the caller, or English) may hold one %s, one %d and %%. */
#ifndef GUICHET_CORE_MSGFMT_H
#define GUICHET_CORE_MSGFMT_H

#include <stddef.h>

/* Write "FILE:LINE: " (each part only when given: file non-empty, line > 0) then fmt with
 * %s replaced by s and %d by d into buf (len bytes, always NUL-terminated, cut if short); returns buf. */
char *msgfmt_located(char *buf, size_t len, const char *file, int line, const char *fmt, const char *s, int d);

#endif
