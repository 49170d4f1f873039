/* srv_http.h - guichetd's HTTP front (libmicrohttpd): routes /v1/events,
 * /v1/changes and /v1/health to srv_api, limits bodies (4 MiB, enforced
 * while reading) and connections, and logs one line per request. */
#ifndef GUICHETD_SRV_HTTP_H
#define GUICHETD_SRV_HTTP_H

#include <stdio.h>

#include "server/srv_store.h"

#define SRV_CONN_MAX 64         /* simultaneous connections */
#define SRV_CONN_TIMEOUT_S 30   /* an idle connection is closed after this */

typedef struct srv_http srv_http;

/* Listen on an IPv4 address and port (0: any free port) and serve `store`; NULL + message on failure.
 * log receives one line per request (NULL: no log). */
srv_http *srv_http_start(const char *host, unsigned port, srv_store *store, FILE *log, char *err, size_t errlen);
/* The port actually bound. */
unsigned srv_http_port(const srv_http *h);
/* Stop accepting, let requests in flight finish (at most a few seconds), stop and free. */
void srv_http_stop(srv_http *h);

#endif
