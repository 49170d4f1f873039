/* login.h - the log-in and lock screen: staff id and PIN (never echoed),
 * checked by data/staff.h (argon2id, lockout after repeated failures); the
 * same screen locks a session (idle or on request) and switches user on a
 * shared PC, where the other person's session stays open behind it. */
#ifndef GUICHET_TUI_LOGIN_H
#define GUICHET_TUI_LOGIN_H

#include "tui/app.h"

/* Empty the form; code (may be "") prefills the staff id (a locked session's owner). */
void login_reset(app *a, const char *code);

/* Draw the log-in screen over the whole terminal. */
void login_draw(app *a);

/* A key on the log-in screen. */
void login_key(app *a, const keys_event *ev);

#endif
