/* width.h - display width of UTF-8 text in terminal columns (Chinese is two). */
#ifndef GUICHET_TUI_WIDTH_H
#define GUICHET_TUI_WIDTH_H

#include <stdio.h>

/* Columns the UTF-8 string takes on screen (core/cwidth.h: Chinese is two). */
int text_width(const char *s);
/* Print s in exactly `columns` display columns: padded with spaces, or cut with ".." and a space. */
void print_padded(FILE *out, const char *s, int columns);

/* Print s wrapped to `width` columns, continuation lines indented by `indent` (the first line is not). */
void print_wrapped(FILE *out, const char *s, int indent, int width);

#endif
