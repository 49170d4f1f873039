/* i18n.h - marking user-facing strings in core/ for translation.
 * core/ does no I/O and never calls gettext itself: it returns English
 * message ids marked with N_(), and the caller (tui/, the verbs) passes them
 * through gettext() before showing them.  xgettext collects N_ strings. */
#ifndef GUICHET_CORE_I18N_H
#define GUICHET_CORE_I18N_H

/* Mark a string literal as a message id without translating it here. */
#define N_(s) (s)

#endif
