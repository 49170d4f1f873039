/* srv_gzip.h - inflating a request body sent with Content-Encoding: gzip
 * (zlib), with a limit on the inflated size so a small "zip bomb" cannot
 * make the server allocate more than a plain body could. */
#ifndef GUICHETD_SRV_GZIP_H
#define GUICHETD_SRV_GZIP_H

#include <stddef.h>

typedef enum {
    SRV_GZ_OK = 0,
    SRV_GZ_TOO_LARGE, /* more than max bytes once inflated */
    SRV_GZ_CORRUPT,   /* not one complete gzip stream (bad header, bad data, truncated, trailing bytes) */
    SRV_GZ_NOMEM,
} srv_gz;

/* Inflate one gzip stream of len bytes: SRV_GZ_OK with *out malloc'd (NUL-terminated, *outlen bytes). */
srv_gz srv_gunzip(const void *in, size_t len, size_t max, char **out, size_t *outlen);

#endif
