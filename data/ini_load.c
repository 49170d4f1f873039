/* ini_load.c - iniparser_load with iniparser's error message captured (data/ini_load.h): the
 * process-wide error callback appends to the buffer of the load in progress. */
#include "data/ini_load.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char *sink;     /* the buffer of the load in progress */
static size_t sinklen; /* its size */

static int capture_ini_error(const char *fmt, ...)
{
    size_t used = strlen(sink);
    va_list ap;
    va_start(ap, fmt);
    if (used < sinklen - 1)
        vsnprintf(sink + used, sinklen - used, fmt, ap);
    va_end(ap);
    return 0;
}

dictionary *ini_load_capture(const char *path, char *msg, size_t msglen)
{
    msg[0] = '\0';
    sink = msg;
    sinklen = msglen;
    iniparser_set_error_callback(capture_ini_error);
    dictionary *d = iniparser_load(path);
    iniparser_set_error_callback(NULL);
    sink = NULL;
    sinklen = 0;
    return d;
}
