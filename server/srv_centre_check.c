/* srv_centre_check.c - checks and normalisation of the centre admin verbs'
 * input (the same rules as the terminal's data/staff.c, which guichetd does
 * not link: codes, names, roles and window lists), reading an imported text
 * file whole, and reading a PIN line from stdin (no echo on a terminal). */
#include "server/srv_centre_check.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "core/pinyin.h"

#define NAME_CHARS_MAX 32

/* A message with one text and one number (fmt uses %s then %zu, in that order); returns -1. */
static int fail(char *err, size_t errlen, const char *fmt, const char *a, size_t n)
{
    snprintf(err, errlen, fmt, a, n);
    return -1;
}

/* Outer ASCII blanks off: the start and *len of what is left. */
static const char *trim(const char *s, size_t *len)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

int srv_check_window_code(const char *in, char out[SRV_WINDOW_CODE_BUF], char *err, size_t errlen)
{
    size_t n = strlen(in);
    if (n < 1 || n > SRV_WINDOW_CODE_BUF - 1) {
        snprintf(err, errlen, "window code \"%.40s\": 1 to 8 characters expected", in);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        char c = in[i] >= 'a' && in[i] <= 'z' ? (char)(in[i] - 'a' + 'A') : in[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == '-' && i > 0)))
            return fail(err, errlen, "window code \"%s\": character %zu is not allowed (use A-Z, 0-9 and -)", in,
                        i + 1);
        out[i] = c;
    }
    out[n] = '\0';
    return 0;
}

static int code_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

int srv_check_staff_code(const char *in, char out[SRV_STAFF_CODE_BUF], char *err, size_t errlen)
{
    size_t n = strlen(in);
    if (n < 2 || n > SRV_STAFF_CODE_BUF - 1) {
        snprintf(err, errlen, "staff code \"%.40s\": 2 to 16 characters expected", in);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        char c = in[i] >= 'A' && in[i] <= 'Z' ? (char)(in[i] - 'A' + 'a') : in[i];
        if (!code_char(c) || (i == 0 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))))
            return fail(err, errlen, "staff code \"%s\": character %zu is not allowed (use a-z, 0-9 and . _ -, "
                                     "starting with a letter or digit)", in, i + 1);
        out[i] = c;
    }
    out[n] = '\0';
    return 0;
}

int srv_utf8_ok(const char *s, size_t len, size_t *bad)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = s[i] ? pinyin_utf8_decode(s + i, len - i, &cp) : 0;
        if (n == 0) {
            *bad = i + 1;
            return 0;
        }
        i += n;
    }
    return 1;
}

int srv_check_name(const char *in, const char *what, char out[SRV_TEXT_NAME_BUF], char *err, size_t errlen)
{
    size_t len, chars = 0;
    const char *t = trim(in, &len);
    if (len == 0) {
        snprintf(err, errlen, "%s is empty", what);
        return -1;
    }
    for (size_t i = 0; i < len; chars++) {
        uint32_t cp;
        size_t n = pinyin_utf8_decode(t + i, len - i, &cp);
        if (n == 0)
            return fail(err, errlen, "%s is not valid UTF-8 (byte %zu)", what, i + 1);
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
            return fail(err, errlen, "%s contains a control character (byte %zu)", what, i + 1);
        i += n;
    }
    if (chars > NAME_CHARS_MAX || len >= SRV_TEXT_NAME_BUF)
        return fail(err, errlen, "%s is too long: %zu characters, at most 32", what, chars);
    memcpy(out, t, len);
    out[len] = '\0';
    return 0;
}

static const char *const role_names[] = {"clerk", "approver", "supervisor", "trainer"};
#define N_ROLES 4

int srv_check_roles(const char *in, char *out, size_t outlen, char *err, size_t errlen)
{
    unsigned bits = 0;
    for (const char *p = in;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        while (n > 0 && *p == ' ')
            p++, n--;
        while (n > 0 && p[n - 1] == ' ')
            n--;
        int i = 0;
        while (i < N_ROLES && !(strlen(role_names[i]) == n && strncmp(role_names[i], p, n) == 0))
            i++;
        if (i == N_ROLES) {
            snprintf(err, errlen, "roles: unknown role \"%.*s\" (clerk, approver, supervisor, trainer)",
                     (int)(n > 40 ? 40 : n), p);
            return -1;
        }
        bits |= 1u << i;
        if (!comma)
            break;
        p = comma + 1;
    }
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < N_ROLES; i++)
        if (bits & (1u << i))
            used += (size_t)snprintf(out + used, outlen - used, "%s%s", used ? "," : "", role_names[i]);
    return 0;
}

int srv_check_window_list(const char *in, srv_staff *st, char *err, size_t errlen)
{
    st->n_windows = 0;
    for (const char *p = in;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char word[SRV_WINDOW_CODE_BUF + 8], code[SRV_WINDOW_CODE_BUF];
        snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), p);
        if (n >= sizeof word || srv_check_window_code(word, code, err, errlen) != 0) {
            if (n >= sizeof word)
                snprintf(err, errlen, "--windows: \"%.*s\" is not a window code", (int)(n > 40 ? 40 : n), p);
            return -1;
        }
        for (int i = 0; i < st->n_windows; i++)
            if (strcmp(st->windows[i], code) == 0) {
                snprintf(err, errlen, "--windows: %s is listed twice", code);
                return -1;
            }
        if (st->n_windows == SRV_WINDOWS_MAX) {
            snprintf(err, errlen, "--windows: more than %d windows", SRV_WINDOWS_MAX);
            return -1;
        }
        snprintf(st->windows[st->n_windows++], SRV_WINDOW_CODE_BUF, "%s", code);
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

int srv_read_text_file(const char *path, char **text, size_t *len, char *err, size_t errlen)
{
    *text = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    char *buf = malloc(SRV_CENTRE_FILE_MAX + 2);
    size_t n = buf ? fread(buf, 1, SRV_CENTRE_FILE_MAX + 1, f) : 0;
    int read_error = ferror(f);
    fclose(f);
    size_t bad = 0;
    if (!buf || read_error) {
        snprintf(err, errlen, "%s: %s", path, buf ? "read error" : "out of memory");
    } else if (n == 0) {
        snprintf(err, errlen, "%s: the file is empty", path);
    } else if (n > SRV_CENTRE_FILE_MAX) {
        snprintf(err, errlen, "%s: larger than 1 MiB", path);
    } else if (!srv_utf8_ok(buf, n, &bad)) {
        snprintf(err, errlen, "%s: not UTF-8 text (byte %zu)", path, bad);
    } else {
        buf[n] = '\0';
        *text = buf;
        *len = n;
        return 0;
    }
    free(buf);
    return -1;
}

int srv_read_pin(FILE *in, const char *prompt, char out[SRV_PIN_LINE], char *err, size_t errlen)
{
    struct termios old, quiet;
    int tty = isatty(fileno(in)) && tcgetattr(fileno(in), &old) == 0;
    if (tty) {
        fprintf(stderr, "%s", prompt);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fileno(in), TCSAFLUSH, &quiet);
    }
    char line[SRV_PIN_LINE + 2];
    char *got = fgets(line, sizeof line, in);
    if (tty) {
        tcsetattr(fileno(in), TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!got) {
        snprintf(err, errlen, "PIN: nothing on standard input (one line expected)");
        return -1;
    }
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    if (n >= SRV_PIN_LINE) {
        snprintf(err, errlen, "PIN: the line on standard input is too long");
        return -1;
    }
    memcpy(out, line, n + 1);
    explicit_bzero(line, sizeof line);
    return 0;
}
