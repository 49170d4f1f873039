/* ident_msg.h - the words for an ID card number or USCC that fails its
 * check (core/ident.h): the reason, then the detail that makes it specific
 * (which character, how many were typed, what check character was due);
 * shared by `guichet id check` and the intake form. */
#ifndef GUICHET_TUI_IDENT_MSG_H
#define GUICHET_TUI_IDENT_MSG_H

#include <stddef.h>

#include "core/ident.h"

/* The translated reason and detail of a failed check into buf; returns buf. */
char *ident_message(const ident_result *r, char *buf, size_t len);

#endif
