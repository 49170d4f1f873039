/* srv_gzip.c - one gzip stream inflated with zlib (windowBits 16 + 15: gzip
 * only), growing the output buffer as needed but never beyond max + 1 bytes;
 * trailing bytes after the stream, or a stream that ends early, are corrupt. */
#include "server/srv_gzip.h"

#include <stdlib.h>
#include <zlib.h>

srv_gz srv_gunzip(const void *in, size_t len, size_t max, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    z_stream z = {0};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return SRV_GZ_NOMEM;
    size_t cap = len * 4 < 65536 ? 65536 : len * 4;
    if (cap > max + 1)
        cap = max + 1;
    char *buf = malloc(cap + 1);
    srv_gz rc = buf ? SRV_GZ_CORRUPT : SRV_GZ_NOMEM;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)len;
    int zr = Z_OK;
    while (buf && zr == Z_OK) {
        if (z.total_out == cap) {
            if (cap > max) { /* max + 1 bytes inflated and still going */
                rc = SRV_GZ_TOO_LARGE;
                break;
            }
            size_t grown = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *b = realloc(buf, grown + 1);
            if (!b) {
                rc = SRV_GZ_NOMEM;
                break;
            }
            buf = b;
            cap = grown;
        }
        z.next_out = (Bytef *)buf + z.total_out;
        z.avail_out = (uInt)(cap - z.total_out);
        zr = inflate(&z, Z_NO_FLUSH);
        if (zr == Z_BUF_ERROR && z.avail_out > 0)
            break; /* no progress possible: the input ended inside the stream */
        if (zr == Z_BUF_ERROR)
            zr = Z_OK;
    }
    if (buf && zr == Z_STREAM_END) {
        if (z.total_out > max)
            rc = SRV_GZ_TOO_LARGE;
        else if (z.avail_in == 0)
            rc = SRV_GZ_OK;
    }
    if (rc == SRV_GZ_OK) {
        buf[z.total_out] = '\0';
        *out = buf;
        *outlen = z.total_out;
    } else {
        free(buf);
    }
    inflateEnd(&z);
    return rc;
}
