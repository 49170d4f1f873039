/* prompt.h - asking the person at the terminal for a secret (a PIN) without echo. */
#ifndef GUICHET_TUI_PROMPT_H
#define GUICHET_TUI_PROMPT_H

#include <stddef.h>

/* Show prompt on /dev/tty and read one line with echo off into buf; 0, or -1 (no terminal, EOF). */
int prompt_secret(const char *prompt, char *buf, size_t len);
/* Read one line from standard input into buf (for --pin-stdin); 0, or -1 on EOF or overlong line. */
int prompt_stdin_line(char *buf, size_t len);

#endif
