/* catalog_text.c - importing a catalogue that arrives as text rather than
 * as a file (the centre's centre.catalog change, data/sync_import.h): the
 * text goes to a private temporary file (iniparser reads only files), is
 * checked and written by the same importer as `guichet catalog import`,
 * inside the caller's transaction, and the file is removed. */
#include "data/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/catalog_import.h"
#include "data/pinyin.h"

/* One error in rep (the import did not run). */
static int report_only(catalog_report *rep, const char *name, const char *what)
{
    memset(rep, 0, sizeof *rep);
    rep->nerrors = 1;
    int w = snprintf(rep->errors[0], CATALOG_ERROR_LEN, "%.200s: ", name);
    snprintf(rep->errors[0] + w, CATALOG_ERROR_LEN - (size_t)w, "%.270s", what);
    return -1;
}

/* Write text into a new temporary file; its path in tmp; 0 or -1. */
static int write_temp(const char *text, size_t len, char *tmp, size_t tmplen)
{
    const char *dir = getenv("TMPDIR");
    snprintf(tmp, tmplen, "%s/guichet-catalog-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w <= 0) {
            close(fd);
            unlink(tmp);
            return -1;
        }
        done += (size_t)w;
    }
    return close(fd) == 0 ? 0 : (unlink(tmp), -1);
}

int catalog_import_text(store *s, const char *name, const char *text, size_t len, catalog_report *rep)
{
    if (len > CATALOG_FILE_MAX_BYTES)
        return report_only(rep, name, "the catalogue is larger than 4 MiB");
    char err[CATALOG_ERROR_LEN], tmp[512];
    pinyin_table *py = pinyin_load_default(err, sizeof err);
    if (!py)
        return report_only(rep, name, err);
    int rc = -1;
    if (write_temp(text, len, tmp, sizeof tmp) != 0) {
        report_only(rep, name, "cannot write a temporary file to check the catalogue");
    } else {
        rc = cimp_import(s, name, tmp, true, py, rep);
        unlink(tmp);
    }
    pinyin_free(py);
    return rc;
}
