/* prompt.c - reading a PIN from the terminal with echo off (termios on
 * /dev/tty, so it works even when stdout is redirected), or one line from
 * standard input for scripts.  The caller wipes the buffer after use. */
#include "tui/prompt.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Strip the newline; -1 if the line did not fit (the rest is drained). */
static int chomp(FILE *in, char *buf, size_t len)
{
    size_t n = strlen(buf);
    if (n > 0 && buf[n - 1] == '\n') {
        buf[n - 1] = '\0';
        if (n > 1 && buf[n - 2] == '\r')
            buf[n - 2] = '\0';
        return 0;
    }
    if (n + 1 < len)
        return 0; /* last line without a newline */
    int c;
    while ((c = fgetc(in)) != EOF && c != '\n')
        ;
    memset(buf, 0, len);
    return -1;
}

int prompt_secret(const char *prompt, char *buf, size_t len)
{
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
        return -1;
    struct termios old, quiet;
    int have_termios = tcgetattr(fileno(tty), &old) == 0;
    if (have_termios) {
        quiet = old;
        quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
        quiet.c_lflag |= ICANON;
        tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
    }
    fputs(prompt, tty);
    fflush(tty);
    int rc = fgets(buf, (int)len, tty) ? chomp(tty, buf, len) : -1;
    if (have_termios)
        tcsetattr(fileno(tty), TCSAFLUSH, &old);
    fputc('\n', tty);
    fclose(tty);
    return rc;
}

int prompt_stdin_line(char *buf, size_t len)
{
    if (!fgets(buf, (int)len, stdin))
        return -1;
    return chomp(stdin, buf, len);
}
