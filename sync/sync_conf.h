/* sync_conf.h - guichet-sync's settings: the [sync] keys of config.ini
 * (server, token_file, ca_file, proxy, pinned_pubkey, interval_seconds),
 * the database path, and the terminal token read from its file, which must
 * be private (0600). */
#ifndef GUICHET_SYNC_CONF_H
#define GUICHET_SYNC_CONF_H

#include <limits.h>
#include <stddef.h>

#include "data/config.h"

#define SYNC_TOKEN_MAX 256 /* bytes of a terminal token */

/* Read the token from path into buf: one line of printable ASCII, the file readable by its owner only; 0 or -1 + err. */
int sync_conf_token(const char *path, char *buf, size_t len, char *err, size_t errlen);
/* Check that [sync] names a server (http:// or https://) and a token file; 0 or -1 + err. */
int sync_conf_check(const gconfig *cfg, char *err, size_t errlen);

#endif
