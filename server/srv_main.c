/* srv_main.c - guichetd's entry:
 *   guichetd [--config FILE] [--listen ADDR:PORT] [--db FILE] [--cert FILE --key FILE]
 * serves protocol v1 (HTTPS with a certificate and key) until SIGTERM or
 * SIGINT (then it stops accepting, finishes the requests in flight, closes
 * the store and exits 0);
 *   guichetd [--config FILE] [--db FILE] VERB ...
 * runs an admin verb (srv_admin.c).  Options on the command line win over
 * the config file.  A bad argument prints the usage and exits 2. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/srv_admin.h"
#include "server/srv_auth.h"
#include "server/srv_conf.h"
#include "server/srv_http.h"
#include "server/srv_store.h"

static void usage(void)
{
    fprintf(stderr,
            "usage: guichetd [--config FILE] [--listen ADDR:PORT] [--db FILE] [--cert FILE --key FILE]\n"
            "                serve (default %s, %s; HTTPS with --cert and --key)\n"
            "       guichetd [--config FILE] [--db FILE] terminal add NAME | terminal list | terminal revoke NAME "
            "| stats\n"
            "       guichetd [--db FILE] window | staff | roster | catalog | calendar | case ...  (centre changes; "
            "see docs/protocol.md)\n",
            SRV_DEFAULT_LISTEN, SRV_DEFAULT_DB);
}

/* "1.2.3.4:PORT" into host and port (0..65535); -1 when malformed. */
static int split_listen(const char *spec, char *host, size_t hostlen, unsigned *port)
{
    const char *colon = strrchr(spec, ':');
    if (!colon || colon == spec || (size_t)(colon - spec) >= hostlen || colon[1] == '\0' || strlen(colon + 1) > 5)
        return -1;
    unsigned v = 0;
    for (const char *p = colon + 1; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (unsigned)(*p - '0');
    }
    if (v > 65535)
        return -1;
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = '\0';
    *port = v;
    return 0;
}

/* Read the certificate and key named in c (none: plain HTTP); 0, or 1 with the reason printed. */
static int load_tls(const srv_conf *c, char **cert, char **key)
{
    char err[SRV_ERR_LEN];
    *cert = *key = NULL;
    if (!c->cert[0] && !c->key[0])
        return 0;
    if (!c->cert[0] || !c->key[0]) {
        fprintf(stderr, "guichetd: HTTPS needs both --cert FILE and --key FILE\n");
        return 1;
    }
    if (srv_read_pem(c->cert, "--cert", cert, err, sizeof err) != 0 ||
        srv_read_pem(c->key, "--key", key, err, sizeof err) != 0) {
        fprintf(stderr, "guichetd: %s\n", err);
        free(*cert);
        *cert = NULL;
        return 1;
    }
    return 0;
}

static void free_key(char *key)
{
    if (key)
        memset(key, 0, strlen(key));
    free(key);
}

static int serve(const srv_conf *c)
{
    char host[64];
    srv_http_opts o = {.host = host, .max_connections = c->max_connections,
                       .per_ip_connections = c->per_ip_connections};
    if (split_listen(c->listen, host, sizeof host, &o.port) != 0) {
        fprintf(stderr, "guichetd: listen %s: expected ADDR:PORT such as %s\n", c->listen, SRV_DEFAULT_LISTEN);
        usage();
        return 2;
    }
    char *cert = NULL, *key = NULL;
    if (load_tls(c, &cert, &key) != 0)
        return 1;
    o.cert_pem = cert;
    o.key_pem = key;
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* before the server thread starts: only sigwait sees them */
    signal(SIGPIPE, SIG_IGN);
    char err[SRV_ERR_LEN];
    srv_store *s = NULL;
    srv_http *h = NULL;
    int rc = 1;
    if (srv_auth_init() != 0)
        fprintf(stderr, "guichetd: libsodium cannot start\n");
    else if (!(s = srv_store_open(c->db, err, sizeof err)))
        fprintf(stderr, "guichetd: %s\n", err);
    else if (!(h = srv_http_start_opts(&o, s, stderr, err, sizeof err)))
        fprintf(stderr, "guichetd: %s\n", err);
    free(cert);
    free_key(key); /* the daemon keeps its own copies */
    if (h) {
        fprintf(stderr, "guichetd: listening on %s:%u (%s), database %s\n", host, srv_http_port(h),
                o.cert_pem ? "https" : "http", c->db);
        int sig = 0;
        sigwait(&stop, &sig);
        fprintf(stderr, "guichetd: signal %d: finishing requests in flight, then stopping\n", sig);
        srv_http_stop(h);
        fprintf(stderr, "guichetd: stopped\n");
        rc = 0;
    }
    srv_store_close(s);
    return rc;
}

/* The options that take a value. */
typedef struct {
    const char *config, *listen, *db, *cert, *key;
} options;

static const char **option_slot(options *op, const char *name)
{
    if (strcmp(name, "--config") == 0)
        return &op->config;
    if (strcmp(name, "--listen") == 0)
        return &op->listen;
    if (strcmp(name, "--db") == 0)
        return &op->db;
    if (strcmp(name, "--cert") == 0)
        return &op->cert;
    if (strcmp(name, "--key") == 0)
        return &op->key;
    return NULL;
}

static void put(char *dst, size_t len, const char *v)
{
    if (v)
        snprintf(dst, len, "%s", v);
}

int main(int argc, char **argv)
{
    options op = {0};
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            usage();
            return 0;
        }
        const char **slot = option_slot(&op, argv[i]);
        if (!slot || i + 1 >= argc) {
            fprintf(stderr, "guichetd: %s: unknown option or missing value\n", argv[i]);
            usage();
            return 2;
        }
        *slot = argv[++i];
    }
    srv_conf c;
    srv_conf_defaults(&c);
    char err[SRV_ERR_LEN];
    if (op.config && srv_conf_load(op.config, &c, err, sizeof err) != 0) {
        fprintf(stderr, "guichetd: %s\n", err);
        return 2;
    }
    put(c.listen, sizeof c.listen, op.listen);
    put(c.db, sizeof c.db, op.db);
    put(c.cert, sizeof c.cert, op.cert);
    put(c.key, sizeof c.key, op.key);
    if (i == argc)
        return serve(&c);
    if (op.listen || op.cert || op.key || !srv_admin_is_verb(argv[i])) {
        fprintf(stderr, "guichetd: %s: unknown verb%s\n", argv[i],
                srv_admin_is_verb(argv[i]) ? " with --listen/--cert/--key (those are for serving)" : "");
        usage();
        return 2;
    }
    return srv_admin_run(c.db, argc - i, argv + i);
}
