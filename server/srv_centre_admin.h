/* srv_centre_admin.h - the centre's admin verbs (docs/protocol.md "Centre
 * changes"): window add, staff add|pin|deactivate|activate, roster set,
 * catalog import, calendar import and case event.  Each checks everything,
 * then in one write transaction changes the centre's records and stores the
 * centre event; bad input stores nothing. */
#ifndef GUICHETD_SRV_CENTRE_ADMIN_H
#define GUICHETD_SRV_CENTRE_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "server/srv_store.h"

/* True when word starts a centre verb (window, staff, roster, catalog, calendar, case). */
bool srv_centre_is_verb(const char *word);
/* True when argv has the words and count of a centre verb (the values are checked when it runs). */
bool srv_centre_words_ok(int argc, char **argv);
/* The usage lines of the centre verbs. */
const char *srv_centre_usage(void);
/* Run a centre verb; a PIN is read from pin_in, the one-line result goes to out.
 * 0 done, 1 refused or failed (err holds the one-line reason). */
int srv_centre_run(srv_store *s, int argc, char **argv, FILE *pin_in, FILE *out, char *err, size_t errlen);

#endif
