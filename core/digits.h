/* digits.h - fixed-width decimal fields, as in dates and case numbers. */
#ifndef GUICHET_CORE_DIGITS_H
#define GUICHET_CORE_DIGITS_H

/* The value of exactly n decimal digits at s; -1 if any is not 0-9. */
int digits_value(const char *s, int n);
/* Write v as exactly n decimal digits (zero-padded, high digits dropped) at p; no NUL. */
void digits_put(char *p, unsigned v, int n);

#endif
