/* calendar_file.c - reading the working-day calendar file into memory (plain
 * stdio, at most CALFILE_MAX_BYTES) and handing its text to cal_parse();
 * finding the default file.  A failed load leaves the caller's calendar as
 * it was, so a broken file never replaces a good calendar. */
#include "data/calendar_file.h"
#include "data/paths.h"
#include "data/textfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"

static calfile_status fail(calfile_error *err, calfile_status st, int sys_errno)
{
    err->status = st;
    err->sys_errno = sys_errno;
    return st;
}

static void set_path(calfile_error *err, const char *path)
{
    snprintf(err->path, sizeof err->path, "%s", path);
}

/* Read the whole file (at most CALFILE_MAX_BYTES) into a malloc'd buffer. */
static calfile_status read_all(FILE *f, char **text, size_t *len, calfile_error *err)
{
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > CALFILE_MAX_BYTES)
        return fail(err, CALFILE_TOO_LARGE, 0);
    errno = 0;
    int rc = textfile_read_stream(f, (size_t)CALFILE_MAX_BYTES, text, len);
    if (rc == -2)
        return fail(err, CALFILE_TOO_LARGE, 0);
    if (rc != 0)
        return fail(err, CALFILE_READ, errno ? errno : ENOMEM);
    return CALFILE_OK;
}

calfile_status calfile_load(const char *path, calendar *cal, calfile_error *err)
{
    memset(err, 0, sizeof *err);
    set_path(err, path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, CALFILE_OPEN, errno);
    char *text = NULL;
    size_t len = 0;
    calfile_status st = read_all(f, &text, &len, err);
    fclose(f);
    if (st != CALFILE_OK)
        return st;
    calendar *fresh = malloc(sizeof *fresh);
    if (!fresh) {
        free(text);
        return fail(err, CALFILE_READ, ENOMEM);
    }
    if (cal_parse(fresh, text, len, path, &err->parse) != CAL_PARSE_OK)
        st = fail(err, CALFILE_PARSE, 0);
    else
        *cal = *fresh;
    free(fresh);
    free(text);
    return st;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

calfile_status calfile_default_path(char *path, size_t len, calfile_error *err)
{
    memset(err, 0, sizeof *err);
    const char *datadir = getenv("GUICHET_DATADIR");
    char cand[PATH_MAX];
    for (int i = 0; i < CALFILE_CANDIDATES; i++) {
        int ok = -1;
        if (i == 0 && datadir && *datadir) {
            int w = snprintf(cand, sizeof cand, "%s/calendar/cn.ini", datadir);
            ok = w < 0 || (size_t)w >= sizeof cand ? -1 : 0;
        } else if (i == 1) {
            ok = path_beside_exe("../data/calendar/cn.ini", cand, sizeof cand);
        } else if (i == 2) {
            ok = snprintf(cand, sizeof cand, "%s", "/usr/share/guichet/calendar/cn.ini") > 0 ? 0 : -1;
        }
        if (ok != 0)
            continue;
        snprintf(err->tried[err->ntried++], sizeof err->tried[0], "%s", cand);
        if (is_file(cand)) {
            if (strlen(cand) >= len)
                return fail(err, CALFILE_NOT_FOUND, ENAMETOOLONG);
            memcpy(path, cand, strlen(cand) + 1);
            return CALFILE_OK;
        }
    }
    return fail(err, CALFILE_NOT_FOUND, 0);
}

calfile_status calfile_load_default(calendar *cal, calfile_error *err)
{
    char path[PATH_MAX];
    calfile_status st = calfile_default_path(path, sizeof path, err);
    if (st != CALFILE_OK)
        return st;
    return calfile_load(path, cal, err);
}

const char *calfile_reason(calfile_status st)
{
    switch (st) {
    case CALFILE_OK: return N_("no error");
    case CALFILE_NOT_FOUND: return N_("no calendar file found; tried: %s");
    case CALFILE_OPEN: return N_("%s: cannot open the calendar file");
    case CALFILE_TOO_LARGE: return N_("%s: larger than 1 MiB, this is not a calendar file");
    case CALFILE_READ: return N_("%s: cannot read the calendar file");
    case CALFILE_PARSE: return N_("%s: the calendar file has an error");
    }
    return N_("unknown calendar file error");
}

static const char *identity(const char *s)
{
    return s;
}

char *calfile_message(const calfile_error *err, const char *(*tr)(const char *msgid), char *buf, size_t len)
{
    if (!tr)
        tr = identity;
    if (len == 0)
        return buf;
    if (err->status == CALFILE_PARSE)
        return cal_error_format(&err->parse, tr(cal_parse_reason(err->parse.code)), buf, len);
    char what[CALFILE_CANDIDATES * (PATH_MAX + 2)];
    what[0] = '\0';
    if (err->status == CALFILE_NOT_FOUND) {
        for (int i = 0; i < err->ntried; i++) {
            strcat(what, i ? ", " : "");
            strcat(what, err->tried[i]);
        }
    } else {
        snprintf(what, sizeof what, "%s", err->path);
    }
    int w = snprintf(buf, len, tr(calfile_reason(err->status)), what);
    if (w >= 0 && (size_t)w < len && err->sys_errno)
        snprintf(buf + w, len - (size_t)w, " (%s)", strerror(err->sys_errno));
    return buf;
}
