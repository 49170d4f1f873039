/* cwidth.h - how many terminal columns a Unicode code point takes, without
 * wcwidth() or the locale: 2 for East Asian Wide and Fullwidth characters
 * (Chinese text), 0 for combining marks and zero-width characters, -1 for
 * control characters, 1 for everything else.  The screens use it for all
 * their width arithmetic. */
#ifndef GUICHET_CORE_CWIDTH_H
#define GUICHET_CORE_CWIDTH_H

#include <stdint.h>

/* Columns taken by cp: -1 for C0/C1 controls and DEL, 0 for combining marks
 * (U+0300-036F) and zero-width U+200B-200F, 2 for East Asian Wide/Fullwidth
 * ranges, 1 otherwise. */
int cwidth(uint32_t cp);

#endif
