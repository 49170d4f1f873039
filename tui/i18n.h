/* i18n.h - message translation for everything build/guichet shows.
 * Message ids are English; po/zh_CN.po carries the Chinese a clerk sees. */
#ifndef GUICHET_TUI_I18N_H
#define GUICHET_TUI_I18N_H

#include <libintl.h>

#include "core/i18n.h"

/* Translate a message id. */
#define _(s) gettext(s)

/* Set the locale from the environment and bind the "guichet" catalogue. */
void i18n_init(void);

#endif
