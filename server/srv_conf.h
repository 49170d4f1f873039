/* srv_conf.h - guichetd's settings: the defaults, the optional --config
 * FILE (ini, section [server]: listen, db, cert, key, max_connections,
 * per_ip_connections; options on the command line win), and reading a PEM
 * file for HTTPS. */
#ifndef GUICHETD_SRV_CONF_H
#define GUICHETD_SRV_CONF_H

#include <stddef.h>

#define SRV_DEFAULT_LISTEN "127.0.0.1:8750"
#define SRV_DEFAULT_DB "guichetd.db"
#define SRV_PEM_MAX (256u * 1024u) /* bytes of a certificate or key file */

typedef struct {
    char listen[64];
    char db[1024];
    char cert[1024];              /* "" = plain HTTP */
    char key[1024];
    unsigned max_connections;     /* 1..10000 */
    unsigned per_ip_connections;  /* 1..10000 */
} srv_conf;

/* The defaults (127.0.0.1:8750, guichetd.db, no TLS, 64 connections, 16 per address). */
void srv_conf_defaults(srv_conf *c);
/* Read an ini file over *c (keys absent keep their value); 0, or -1 with "FILE: what" in err (c unchanged). */
int srv_conf_load(const char *path, srv_conf *c, char *err, size_t errlen);
/* Read a PEM file whole: 0 (*text malloc'd, NUL-terminated) or -1 with err naming the file. */
int srv_read_pem(const char *path, const char *what, char **text, char *err, size_t errlen);

#endif
