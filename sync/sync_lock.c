/* sync_lock.c - the "<db>.sync.lock" file and its flock (see sync_lock.h). */
#include "sync/sync_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "sync/sync_i18n.h"

/* The pid written in the lock file by its holder; 0 when unreadable. */
static long holder_pid(int fd)
{
    char buf[32];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    return strtol(buf, NULL, 10);
}

int sync_lock_take(const char *db_path, int *fd, char *err, size_t errlen)
{
    char path[PATH_MAX + 16];
    *fd = -1;
    if (snprintf(path, sizeof path, "%s.sync.lock", db_path) >= (int)sizeof path) {
        snprintf(err, errlen, _("%s: the path is too long for its lock file"), db_path);
        return -1;
    }
    int f = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (f < 0) {
        snprintf(err, errlen, _("%s: cannot open the lock file: %s"), path, strerror(errno));
        return -1;
    }
    if (flock(f, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        if (e == EWOULDBLOCK)
            snprintf(err, errlen, _("another guichet-sync (pid %ld) is syncing %s"), holder_pid(f), db_path);
        else
            snprintf(err, errlen, _("%s: cannot lock: %s"), path, strerror(e));
        close(f);
        return e == EWOULDBLOCK ? 1 : -1;
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(f, 0) != 0 || pwrite(f, pid, (size_t)n, 0) != n) {
        snprintf(err, errlen, _("%s: cannot write the pid: %s"), path, strerror(errno));
        close(f);
        return -1;
    }
    *fd = f;
    return 0;
}

void sync_lock_release(int fd)
{
    if (fd >= 0)
        close(fd);
}
