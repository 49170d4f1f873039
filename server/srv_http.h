/* srv_http.h - guichetd's HTTP front (libmicrohttpd): routes /v1/events,
 * /v1/changes and /v1/health to srv_api, limits bodies (4 MiB, enforced
 * while reading, and again after inflating a gzip body) and connections (in
 * all and per client address), serves HTTPS when given a certificate and
 * key (GnuTLS inside libmicrohttpd), and logs one line per request. */
#ifndef GUICHETD_SRV_HTTP_H
#define GUICHETD_SRV_HTTP_H

#include <stdio.h>

#include "server/srv_store.h"

#define SRV_CONN_MAX 64         /* simultaneous connections (default) */
#define SRV_CONN_PER_IP 16      /* simultaneous connections from one address (default) */
#define SRV_CONN_TIMEOUT_S 30   /* an idle connection is closed after this */

typedef struct srv_http srv_http;

/* How to serve. */
typedef struct {
    const char *host;             /* an IPv4 address */
    unsigned port;                /* 0: any free port */
    const char *cert_pem;         /* PEM text of the certificate (chain); NULL with key_pem NULL: plain HTTP */
    const char *key_pem;          /* PEM text of its private key */
    unsigned max_connections;     /* 0: SRV_CONN_MAX */
    unsigned per_ip_connections;  /* 0: SRV_CONN_PER_IP */
} srv_http_opts;

/* Serve `store` as opts say; NULL + message on failure.  log receives one line per request (NULL: no log). */
srv_http *srv_http_start_opts(const srv_http_opts *opts, srv_store *store, FILE *log, char *err, size_t errlen);
/* Plain HTTP on an IPv4 address and port (0: any free port) with the default limits; as srv_http_start_opts. */
srv_http *srv_http_start(const char *host, unsigned port, srv_store *store, FILE *log, char *err, size_t errlen);
/* The port actually bound. */
unsigned srv_http_port(const srv_http *h);
/* Stop accepting, let requests in flight finish (at most a few seconds), stop and free. */
void srv_http_stop(srv_http *h);

#endif
