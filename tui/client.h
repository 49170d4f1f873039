/* client.h - the full-screen client's start-up (`guichet` without a verb). */
#ifndef GUICHET_TUI_CLIENT_H
#define GUICHET_TUI_CLIENT_H

#include "tui/verbs.h"

/* Start the screen on ctx's configuration and database; the process exit code. */
int client_run(verb_ctx *ctx);

#endif
