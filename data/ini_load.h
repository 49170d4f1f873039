/* ini_load.h - iniparser_load with iniparser's error message captured into the caller's buffer
 * (iniparser reports errors through one process-wide callback; one load at a time). */
#ifndef GUICHET_DATA_INI_LOAD_H
#define GUICHET_DATA_INI_LOAD_H

#include <iniparser/iniparser.h>
#include <stddef.h>

/* Load the INI file at path; what iniparser says on the way goes to msg (msglen bytes, "" when
 * nothing, cut to fit).  The dictionary (iniparser_freedict), or NULL when the file cannot be read. */
dictionary *ini_load_capture(const char *path, char *msg, size_t msglen);

#endif
