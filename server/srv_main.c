/* srv_main.c - guichetd's entry: `guichetd [--listen ADDR:PORT] [--db FILE]`
 * serves protocol v1 until SIGTERM or SIGINT (then it stops accepting,
 * finishes the requests in flight, closes the store and exits 0);
 * `guichetd [--db FILE] VERB ...` runs an admin verb (srv_admin.c).
 * A bad argument prints the usage and exits 2. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/srv_admin.h"
#include "server/srv_auth.h"
#include "server/srv_http.h"
#include "server/srv_store.h"

#define DEFAULT_LISTEN "127.0.0.1:8750"
#define DEFAULT_DB "guichetd.db"

static void usage(void)
{
    fprintf(stderr,
            "usage: guichetd [--listen ADDR:PORT] [--db FILE]      serve (default %s, %s)\n"
            "       guichetd [--db FILE] terminal add NAME | terminal list | terminal revoke NAME | stats\n",
            DEFAULT_LISTEN, DEFAULT_DB);
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

static int serve(const char *listen, const char *db)
{
    char host[64];
    unsigned port = 0;
    if (split_listen(listen, host, sizeof host, &port) != 0) {
        fprintf(stderr, "guichetd: --listen %s: expected ADDR:PORT such as %s\n", listen, DEFAULT_LISTEN);
        usage();
        return 2;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* before the server thread starts: only sigwait sees them */
    signal(SIGPIPE, SIG_IGN);
    if (srv_auth_init() != 0) {
        fprintf(stderr, "guichetd: libsodium cannot start\n");
        return 1;
    }
    char err[SRV_ERR_LEN];
    srv_store *s = srv_store_open(db, err, sizeof err);
    if (!s) {
        fprintf(stderr, "guichetd: %s\n", err);
        return 1;
    }
    srv_http *h = srv_http_start(host, port, s, stderr, err, sizeof err);
    if (!h) {
        fprintf(stderr, "guichetd: %s\n", err);
        srv_store_close(s);
        return 1;
    }
    fprintf(stderr, "guichetd: listening on %s:%u, database %s\n", host, srv_http_port(h), db);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "guichetd: signal %d: finishing requests in flight, then stopping\n", sig);
    srv_http_stop(h);
    srv_store_close(s);
    fprintf(stderr, "guichetd: stopped\n");
    return 0;
}

int main(int argc, char **argv)
{
    const char *db = DEFAULT_DB, *listen = NULL;
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            usage();
            return 0;
        }
        if (i + 1 >= argc || (strcmp(argv[i], "--db") != 0 && strcmp(argv[i], "--listen") != 0)) {
            fprintf(stderr, "guichetd: %s: unknown option or missing value\n", argv[i]);
            usage();
            return 2;
        }
        if (strcmp(argv[i], "--db") == 0)
            db = argv[++i];
        else
            listen = argv[++i];
    }
    if (i == argc)
        return serve(listen ? listen : DEFAULT_LISTEN, db);
    if (listen || !srv_admin_is_verb(argv[i])) {
        fprintf(stderr, "guichetd: %s: unknown verb\n", argv[i]);
        usage();
        return 2;
    }
    return srv_admin_run(db, argc - i, argv + i);
}
