/* staff_err.h - inside data/ only: how staff.c and roster.c report a refusal
 * (a staff_rc plus a one-line message in the caller's buffer). */
#ifndef GUICHET_DATA_STAFF_ERR_H
#define GUICHET_DATA_STAFF_ERR_H

#include "data/staff.h"

/* Write the printf-style message into err (when given) and return rc. */
staff_rc staff_fail(char *err, size_t errlen, staff_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Roll back the open transaction and report the store's last error as STAFF_E_DB. */
staff_rc staff_db_fail(store *s, char *err, size_t errlen);

#endif
