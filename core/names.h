/* names.h - stable ASCII names for enum values (as stored and exported):
 * the one lookup every module's *_from_name() uses. */
#ifndef GUICHET_CORE_NAMES_H
#define GUICHET_CORE_NAMES_H

/* Index of name in a table of n names; n when absent or name is NULL. */
int names_index(const char *const *names, int n, const char *name);

#endif
