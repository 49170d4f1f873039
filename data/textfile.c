/* textfile.c - reading a whole small text file into memory (see textfile.h). */
#include "data/textfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int fail(char *err, size_t errlen, const char *path, const char *what, int e)
{
    if (e)
        snprintf(err, errlen, "%s: %s: %s", path, what, strerror(e));
    else
        snprintf(err, errlen, "%s: %s", path, what);
    return -1;
}

int textfile_read_stream(FILE *f, size_t max, char **text, size_t *len)
{
    size_t cap = 65536, used = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return -1;
    for (;;) {
        if (used == cap) {
            if (cap > max) {
                free(buf);
                return -2;
            }
            char *bigger = realloc(buf, cap * 2 + 1);
            if (!bigger) {
                free(buf);
                return -1;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t n = fread(buf + used, 1, cap - used, f);
        used += n;
        if (n == 0)
            break;
    }
    if (ferror(f) || used > max) {
        free(buf);
        return ferror(f) ? -1 : -2;
    }
    buf[used] = '\0';
    *text = buf;
    *len = used;
    return 0;
}

int textfile_read(const char *path, size_t max, char **text, size_t *len, char *err, size_t errlen)
{
    *text = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, errlen, path, "cannot open", errno);
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return fail(err, errlen, path, "is a directory, not a file", 0);
    }
    errno = 0;
    int rc = textfile_read_stream(f, max, text, len);
    int e = errno;
    fclose(f);
    if (rc == -2) {
        char what[64];
        snprintf(what, sizeof what, "larger than %zu bytes", max);
        return fail(err, errlen, path, what, 0);
    }
    if (rc != 0)
        return fail(err, errlen, path, "cannot read", e ? e : EIO);
    return 0;
}
