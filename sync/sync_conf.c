/* sync_conf.c - checking guichet-sync's [sync] settings and reading the
 * terminal token from its private file. */
#include "sync/sync_conf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sync/sync_i18n.h"

int sync_conf_check(const gconfig *cfg, char *err, size_t errlen)
{
    if (!cfg->sync_server[0]) {
        snprintf(err, errlen, "%s", _("no centre configured: set [sync] server in the config file"));
        return -1;
    }
    if (strncmp(cfg->sync_server, "https://", 8) != 0 && strncmp(cfg->sync_server, "http://", 7) != 0) {
        snprintf(err, errlen, _("[sync] server must start with https:// (or http://), not '%s'"), cfg->sync_server);
        return -1;
    }
    if (!cfg->sync_token_file[0]) {
        snprintf(err, errlen, "%s", _("no terminal token: set [sync] token_file in the config file"));
        return -1;
    }
    return 0;
}

/* Keep the first line of buf, without trailing blanks; 0 when it is printable ASCII without spaces, else -1. */
static int token_line(char *buf)
{
    buf[strcspn(buf, "\r\n")] = '\0';
    size_t n = strlen(buf);
    while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
        buf[--n] = '\0';
    for (const unsigned char *p = (const unsigned char *)buf; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f)
            return -1;
    return n > 0 ? 0 : -1;
}

int sync_conf_token(const char *path, char *buf, size_t len, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(err, errlen, _("%s: cannot read the terminal token: %s"), path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode) || (st.st_mode & 077) != 0) {
        snprintf(err, errlen, _("%s: the token file must be a file readable by its owner only (chmod 600)"), path);
        close(fd);
        return -1;
    }
    ssize_t got = read(fd, buf, len - 1);
    close(fd);
    buf[got > 0 ? got : 0] = '\0';
    if (got <= 0 || (size_t)got >= len - 1 || token_line(buf) != 0) {
        snprintf(err, errlen, _("%s: the token file must hold the terminal token on one line"), path);
        buf[0] = '\0';
        return -1;
    }
    return 0;
}
