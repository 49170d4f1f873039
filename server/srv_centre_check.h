/* srv_centre_check.h - checking and normalising what the centre's admin
 * verbs are given, before anything is stored: window codes, staff codes,
 * names, role words, window lists, text files (UTF-8, size) and a PIN line
 * read from a stream.  Each returns 0, or -1 with a one-line English reason
 * in err naming what and where. */
#ifndef GUICHETD_SRV_CENTRE_CHECK_H
#define GUICHETD_SRV_CENTRE_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "server/srv_store.h"

#define SRV_CENTRE_FILE_MAX (1024u * 1024u) /* bytes of an imported catalogue or calendar */
#define SRV_PIN_LINE 64                     /* bytes kept of a PIN line */

/* A window code: 1..8 of A-Z 0-9 - (not first), lowercase letters uppercased. */
int srv_check_window_code(const char *in, char out[SRV_WINDOW_CODE_BUF], char *err, size_t errlen);
/* A staff code as data/staff.h: 2..16 of a-z 0-9 . _ - (a letter or digit first), uppercase lowered. */
int srv_check_staff_code(const char *in, char out[SRV_STAFF_CODE_BUF], char *err, size_t errlen);
/* A name: UTF-8, no control characters, outer blanks trimmed, 1..32 characters; what names it in err. */
int srv_check_name(const char *in, const char *what, char out[SRV_TEXT_NAME_BUF], char *err, size_t errlen);
/* Role words as data/staff.h staff_roles_parse (clerk, approver, supervisor, trainer), written back in that order. */
int srv_check_roles(const char *in, char *out, size_t outlen, char *err, size_t errlen);
/* A comma-separated list of window codes (normalised, no repeats, at most SRV_WINDOWS_MAX) into st. */
int srv_check_window_list(const char *in, srv_staff *st, char *err, size_t errlen);
/* True when len bytes are UTF-8 without NUL; otherwise *bad is the 1-based byte offset of the first fault. */
int srv_utf8_ok(const char *s, size_t len, size_t *bad);
/* Read a whole text file (UTF-8, no NUL, 1..SRV_CENTRE_FILE_MAX bytes): 0 (*text malloc'd, NUL-terminated) or -1. */
int srv_read_text_file(const char *path, char **text, size_t *len, char *err, size_t errlen);
/* Read one line (the PIN) from in, without its line end; prompts on stderr without echo when in is a terminal. */
int srv_read_pin(FILE *in, const char *prompt, char out[SRV_PIN_LINE], char *err, size_t errlen);

#endif
