/* srv_conf.c - guichetd's defaults and its ini file (iniparser): only the
 * [server] section and its six keys are allowed, every value is checked and
 * a bad one names the file and key; and reading the PEM files of --cert and
 * --key. */
#include "server/srv_conf.h"

#include <errno.h>
#include <iniparser/iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const keys[] = {"listen", "db", "cert", "key", "max_connections", "per_ip_connections"};
#define N_KEYS (sizeof keys / sizeof keys[0])

void srv_conf_defaults(srv_conf *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->listen, sizeof c->listen, "%s", SRV_DEFAULT_LISTEN);
    snprintf(c->db, sizeof c->db, "%s", SRV_DEFAULT_DB);
    c->max_connections = 64;
    c->per_ip_connections = 16;
}

static char parse_error[512];

/* iniparser reports syntax errors through this (the line number is in them). */
static int capture_error(const char *fmt, ...)
{
    if (parse_error[0])
        return 0; /* keep the first line: it names the file and line */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(parse_error, sizeof parse_error, fmt, ap);
    va_end(ap);
    for (char *p = parse_error; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return 0;
}

/* Only [server] and its known keys. */
static int check_keys(const dictionary *d, const char *path, char *err, size_t errlen)
{
    for (int s = 0; s < iniparser_getnsec(d); s++) {
        const char *sec = iniparser_getsecname(d, s);
        if (strcmp(sec, "server") != 0) {
            snprintf(err, errlen, "%s: unknown section [%s] (only [server])", path, sec);
            return -1;
        }
        int n = iniparser_getsecnkeys(d, sec);
        const char **found = n > 0 ? calloc((size_t)n, sizeof *found) : NULL;
        if (n > 0 && !found) {
            snprintf(err, errlen, "%s: out of memory", path);
            return -1;
        }
        if (n > 0)
            iniparser_getseckeys(d, sec, found);
        for (int k = 0; k < n; k++) {
            size_t i = 0;
            while (i < N_KEYS && strcmp(found[k] + strlen("server:"), keys[i]) != 0)
                i++;
            if (i == N_KEYS) {
                snprintf(err, errlen, "%s: unknown key '%s' (%s, %s, %s, %s, %s, %s)", path, found[k], keys[0],
                         keys[1], keys[2], keys[3], keys[4], keys[5]);
                free(found);
                return -1;
            }
        }
        free(found);
    }
    return 0;
}

static int copy_text(const dictionary *d, const char *key, char *dst, size_t len, const char *path, char *err,
                     size_t errlen)
{
    const char *v = iniparser_getstring(d, key, NULL);
    if (!v)
        return 0;
    if (strlen(v) >= len) {
        snprintf(err, errlen, "%s: %s is too long", path, key);
        return -1;
    }
    snprintf(dst, len, "%s", v);
    return 0;
}

static int copy_count(const dictionary *d, const char *key, unsigned *dst, const char *path, char *err,
                      size_t errlen)
{
    const char *v = iniparser_getstring(d, key, NULL);
    if (!v)
        return 0;
    char *end = NULL;
    errno = 0;
    unsigned long n = strtoul(v, &end, 10);
    if (errno || end == v || *end || v[0] == '-' || n < 1 || n > 10000) {
        snprintf(err, errlen, "%s: %s = \"%.40s\": a whole number from 1 to 10000 expected", path, key, v);
        return -1;
    }
    *dst = (unsigned)n;
    return 0;
}

int srv_conf_load(const char *path, srv_conf *c, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    fclose(f);
    parse_error[0] = '\0';
    iniparser_set_error_callback(capture_error);
    dictionary *d = iniparser_load(path);
    if (!d) {
        snprintf(err, errlen, "%s", parse_error[0] ? parse_error : path);
        return -1;
    }
    srv_conf n = *c;
    int rc = check_keys(d, path, err, errlen);
    if (rc == 0)
        rc = copy_text(d, "server:listen", n.listen, sizeof n.listen, path, err, errlen);
    if (rc == 0)
        rc = copy_text(d, "server:db", n.db, sizeof n.db, path, err, errlen);
    if (rc == 0)
        rc = copy_text(d, "server:cert", n.cert, sizeof n.cert, path, err, errlen);
    if (rc == 0)
        rc = copy_text(d, "server:key", n.key, sizeof n.key, path, err, errlen);
    if (rc == 0)
        rc = copy_count(d, "server:max_connections", &n.max_connections, path, err, errlen);
    if (rc == 0)
        rc = copy_count(d, "server:per_ip_connections", &n.per_ip_connections, path, err, errlen);
    iniparser_freedict(d);
    if (rc == 0)
        *c = n;
    return rc == 0 ? 0 : -1;
}

int srv_read_pem(const char *path, const char *what, char **text, char *err, size_t errlen)
{
    *text = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s %s: cannot read: %s", what, path, strerror(errno));
        return -1;
    }
    char *buf = malloc(SRV_PEM_MAX + 1);
    size_t n = buf ? fread(buf, 1, SRV_PEM_MAX, f) : 0;
    int bad = ferror(f) || !buf;
    fclose(f);
    if (bad || n == 0 || n >= SRV_PEM_MAX) {
        snprintf(err, errlen, "%s %s: %s", what, path, bad ? "read error" : n == 0 ? "empty" : "too large");
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    if (!strstr(buf, "-----BEGIN ")) {
        snprintf(err, errlen, "%s %s: not a PEM file (no -----BEGIN line)", what, path);
        free(buf);
        return -1;
    }
    *text = buf;
    return 0;
}
