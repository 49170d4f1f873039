/* calendar_file.h - loading the working-day calendar file (data/calendar/cn.ini,
 * format in docs/calendar.md) from disk, and finding the default one.  The
 * text itself is parsed by core/calendar.c (cal_parse). */
#ifndef GUICHET_DATA_CALENDAR_FILE_H
#define GUICHET_DATA_CALENDAR_FILE_H

#include <limits.h>
#include <stddef.h>

#include "core/calendar.h"

#define CALFILE_MAX_BYTES (1024L * 1024L) /* a calendar file is a few KiB; refuse more than 1 MiB */
#define CALFILE_CANDIDATES 3              /* places the default file is looked for */

typedef enum {
    CALFILE_OK = 0,
    CALFILE_NOT_FOUND, /* no default calendar file in any candidate place */
    CALFILE_OPEN,      /* the file cannot be opened (errno in sys_errno) */
    CALFILE_TOO_LARGE, /* over CALFILE_MAX_BYTES */
    CALFILE_READ,      /* a read error (errno in sys_errno) */
    CALFILE_PARSE,     /* the text is wrong: see parse (file, line, problem) */
} calfile_status;

/* Everything needed to say what went wrong, in any language. */
typedef struct {
    calfile_status status;
    int sys_errno;
    char path[PATH_MAX];                             /* the file concerned */
    cal_error parse;                                 /* CALFILE_PARSE */
    int ntried;                                      /* CALFILE_NOT_FOUND: places looked at */
    char tried[CALFILE_CANDIDATES][PATH_MAX];
} calfile_error;

/* Read path and parse it into cal; on failure cal is left unchanged and err says why. */
calfile_status calfile_load(const char *path, calendar *cal, calfile_error *err);
/* The default file: $GUICHET_DATADIR/calendar/cn.ini, <exe dir>/../data/calendar/cn.ini, /usr/share/guichet/calendar/cn.ini. */
calfile_status calfile_default_path(char *path, size_t len, calfile_error *err);
/* Load the default file (calfile_default_path, then calfile_load). */
calfile_status calfile_load_default(calendar *cal, calfile_error *err);
/* The message id (N_) for a status; "%s" is the path (for NOT_FOUND: the places tried). */
const char *calfile_reason(calfile_status st);
/* One line saying what went wrong; tr translates message ids (NULL: English). Returns buf. */
char *calfile_message(const calfile_error *err, const char *(*tr)(const char *msgid), char *buf, size_t len);

#endif
