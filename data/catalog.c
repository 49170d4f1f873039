/* catalog.c - importing a catalogue file (docs/catalog.md) into the store.
 *
 * All or nothing: the file is read, checked for encoding, parsed by
 * iniparser (syntax errors carry its line number), indexed line by line by
 * catalog_scan.c (iniparser keeps no line numbers), then every section and
 * key is checked; only a file without a single error is written, in one
 * transaction that replaces the whole catalogue and records a version row
 * (file, sha256, time).  Every error says FILE:LINE: what is wrong; up to
 * CATALOG_MAX_ERRORS are listed, in file order, so a file can be fixed in
 * one pass.  Here: the entry points, reading and error reporting; the checks
 * are in catalog_check.c, the transaction in catalog_write.c. */
#include "data/catalog.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/catalog_import.h"
#include "data/ini_load.h"
#include "data/pinyin.h"
#include "data/textfile.h"

/* --- errors ------------------------------------------------------------------------- */

void cimp_report(importer *im, int line, const char *fmt, ...)
{
    catalog_report *r = im->rep;
    im->errors++;
    if (r->nerrors >= CATALOG_MAX_ERRORS) {
        r->more_errors++;
        return;
    }
    char *out = r->errors[r->nerrors++];
    int w = line > 0 ? snprintf(out, CATALOG_ERROR_LEN, "%s:%d: ", im->path, line)
                     : snprintf(out, CATALOG_ERROR_LEN, "%s: ", im->path);
    if (w < 0 || w >= CATALOG_ERROR_LEN)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + w, CATALOG_ERROR_LEN - (size_t)w, fmt, ap);
    va_end(ap);
}

/* --- reading ------------------------------------------------------------------------------ */

/* What iniparser says while the file is loaded (data/ini_load.h; one import at a time). */
static char ini_message[1024];

/* Turn iniparser's "iniparser: syntax error in FILE (LINE):\n-> TEXT" into FILE:LINE: ... */
static void report_ini_failure(importer *im)
{
    int line = 0;
    char *nl = strchr(ini_message, '\n');
    char *end = nl ? nl : ini_message + strlen(ini_message);
    for (char *p = end; p > ini_message; p--) {
        if (*p == '(' && sscanf(p, "(%d)", &line) == 1)
            break;
    }
    char *arrow = strstr(ini_message, "-> ");
    char text[200] = "";
    if (arrow) {
        snprintf(text, sizeof text, "%s", arrow + 3);
        text[strcspn(text, "\n")] = '\0';
    }
    if (strstr(ini_message, "too long"))
        cimp_report(im, line, "line too long for the INI reader (at most %d bytes)", CSCAN_LINE_MAX);
    else if (strstr(ini_message, "syntax error"))
        cimp_report(im, line, "syntax error: '%s' is neither [section], key = value, nor a comment", text);
    else
        cimp_report(im, line, "cannot be read as INI: %s", ini_message[0] ? ini_message : "unknown error");
}

static void sha256_hex(const char *text, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)text, len);
    for (size_t i = 0; i < sizeof h; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* Read, hash, check the encoding, index and parse the file; 0 when there is a dictionary to check. */
static int load(importer *im, char **text)
{
    size_t len = 0;
    char msg[CATALOG_ERROR_LEN];
    const char *file = im->file ? im->file : im->path;
    if (textfile_read(file, CATALOG_FILE_MAX_BYTES, text, &len, msg, sizeof msg) != 0) {
        im->errors++;
        snprintf(im->rep->errors[im->rep->nerrors++], CATALOG_ERROR_LEN, "%s", msg);
        return -1;
    }
    sha256_hex(*text, len, im->rep->sha256);
    int line = cscan_encoding(*text, len, msg, sizeof msg);
    if (line > 0) {
        cimp_report(im, line, "%s", msg);
        return -1;
    }
    if (cscan_build(&im->scan, *text, len) != 0) {
        cimp_report(im, 0, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < im->scan.nkeys; i++)
        if (im->scan.keys[i].too_long)
            cimp_report(im, im->scan.keys[i].line, "line too long: a key and its value may hold at most %d bytes "
                   "(about %d Chinese characters)", CSCAN_LINE_MAX, CSCAN_LINE_MAX / 3);
    if (im->errors)
        return -1;
    im->d = ini_load_capture(file, ini_message, sizeof ini_message);
    if (!im->d) {
        report_ini_failure(im);
        return -1;
    }
    return 0;
}

/* The line an error names ("PATH:LINE: ..."), 0 for a file-level error. */
static int error_line(const importer *im, const char *msg)
{
    size_t plen = strlen(im->path);
    if (strncmp(msg, im->path, plen) != 0 || msg[plen] != ':')
        return 0;
    return atoi(msg + plen + 1);
}

/* List the errors in file order (stable), so a file is fixed top to bottom. */
static void sort_errors(importer *im)
{
    catalog_report *r = im->rep;
    char tmp[CATALOG_ERROR_LEN];
    for (int i = 1; i < r->nerrors; i++) {
        int line = error_line(im, r->errors[i]), j = i;
        memcpy(tmp, r->errors[i], sizeof tmp);
        for (; j > 0 && error_line(im, r->errors[j - 1]) > line; j--)
            memcpy(r->errors[j], r->errors[j - 1], sizeof tmp);
        memcpy(r->errors[j], tmp, sizeof tmp);
    }
}

static void importer_free(importer *im)
{
    if (im->d)
        iniparser_freedict(im->d);
    cscan_free(&im->scan);
    free(im->items);
    free(im->mats);
}

int catalog_import_with(store *s, const char *path, const pinyin_table *py, catalog_report *rep)
{
    return cimp_import(s, path, NULL, false, py, rep);
}

int cimp_import(store *s, const char *path, const char *file, bool nested, const pinyin_table *py,
                catalog_report *rep)
{
    memset(rep, 0, sizeof *rep);
    importer im = {.path = path, .file = file, .nested = nested, .rep = rep, .defaults_sec = -1};
    char *text = NULL;
    int rc = -1;
    if (sodium_init() < 0) {
        cimp_report(&im, 0, "libsodium cannot start");
    } else if (load(&im, &text) == 0 && cimp_check(&im) == 0 && im.errors == 0) {
        rc = cimp_write(s, &im, py);
        if (rc != 0)
            cimp_report(&im, 0, "nothing was imported: %s", store_errmsg(s));
    } else if (im.errors == 0) {
        cimp_report(&im, 0, "out of memory");
    }
    if (rc != 0)
        sort_errors(&im);
    importer_free(&im);
    free(text);
    return rc;
}

int catalog_import(store *s, const char *path, catalog_report *rep)
{
    char err[CATALOG_ERROR_LEN];
    pinyin_table *py = pinyin_load_default(err, sizeof err);
    if (!py) {
        memset(rep, 0, sizeof *rep);
        rep->nerrors = 1;
        snprintf(rep->errors[0], CATALOG_ERROR_LEN, "%s", err);
        return -1;
    }
    int rc = catalog_import_with(s, path, py, rep);
    pinyin_free(py);
    return rc;
}
