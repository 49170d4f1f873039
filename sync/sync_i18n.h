/* sync_i18n.h - message translation for build/guichet-sync: the same
 * "guichet" text domain and catalogues as the screen (tui/i18n.h), so the
 * words it prints and keeps in meta sync_last_error follow the clerk's locale.
 * The centre's own reasons are passed on as the centre sent them. */
#ifndef GUICHET_SYNC_I18N_H
#define GUICHET_SYNC_I18N_H

#include <libintl.h>

#include "core/i18n.h"

/* Translate a message id. */
#define _(s) gettext(s)

/* Set the locale from the environment and bind the "guichet" catalogue (data/paths.h finds it). */
void sync_i18n_init(void);

#endif
