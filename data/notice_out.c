/* notice_out.c - a laid-out document leaves the terminal: through the print
 * command ([print] command, run by /bin/sh with the text on its standard
 * input) or as a UTF-8 text file that never overwrites an earlier one
 * ("-2", "-3" ... added before ".txt") and is on the disk when we return. */
#include "data/notice_doc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SAVE_MAX_TRIES 999 /* "name-999.txt" is the last name tried */

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* Write all of buf to fd (retrying short writes and EINTR); 0, or -1 with errno. */
static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* ---- printing ------------------------------------------------------------------------------ */

/* The child: the pipe's read end as stdin, then the command through the shell. */
static void run_child(int fds[2], const char *command)
{
    close(fds[1]);
    if (fds[0] != STDIN_FILENO) {
        if (dup2(fds[0], STDIN_FILENO) < 0)
            _exit(127);
        close(fds[0]);
    }
    execl("/bin/sh", "sh", "-c", command, (char *)NULL);
    _exit(127);
}

/* Wait for the child; its exit status, or -1 (killed by a signal: *sig) or -2 (waitpid failed). */
static int wait_child(pid_t pid, int *sig)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -2;
    if (WIFSIGNALED(status)) {
        *sig = WTERMSIG(status);
        return -1;
    }
    return WEXITSTATUS(status);
}

int notice_print(const char *command, const char *text, size_t len, char *err, size_t errlen)
{
    if (!command || !*command)
        return fail(err, errlen, "no print command is configured ([print] command)");
    if (!text && len > 0)
        return fail(err, errlen, "nothing to print");
    int fds[2];
    if (pipe(fds) != 0)
        return fail(err, errlen, "print command '%s': cannot start: %s", command, strerror(errno));
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(fds[0]), close(fds[1]);
        return fail(err, errlen, "print command '%s': cannot start: %s", command, strerror(e));
    }
    if (pid == 0)
        run_child(fds, command);
    close(fds[0]);
    /* A command that stops reading must not kill the clerk's program: EPIPE instead of SIGPIPE. */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old);
    int wrote = write_all(fds[1], text, len);
    int werr = errno;
    close(fds[1]);
    sigaction(SIGPIPE, &old, NULL);
    int sig = 0, status = wait_child(pid, &sig);
    if (status == -2)
        return fail(err, errlen, "print command '%s': cannot wait for it: %s", command, strerror(errno));
    if (status == -1)
        return fail(err, errlen, "print command '%s' was killed by signal %d", command, sig);
    if (status == 127)
        return fail(err, errlen, "print command '%s' cannot start (exit status 127: not found?)", command);
    if (status != 0)
        return fail(err, errlen, "print command '%s' exited with status %d", command, status);
    if (wrote != 0)
        return fail(err, errlen, "print command '%s' did not read the whole notice: %s", command, strerror(werr));
    return 0;
}

/* ---- saving -------------------------------------------------------------------------------- */

/* The n-th candidate path: dir/name, then dir/stem-n.txt (or dir/name-n without ".txt"). */
static int candidate(char *path, size_t pathlen, const char *dir, const char *name, int n)
{
    size_t len = strlen(name);
    bool txt = len > 4 && strcmp(name + len - 4, ".txt") == 0;
    int stem = (int)(txt ? len - 4 : len);
    int w = n == 1 ? snprintf(path, pathlen, "%s/%s", dir, name)
                   : snprintf(path, pathlen, "%s/%.*s-%d%s", dir, stem, name, n, txt ? ".txt" : "");
    return w > 0 && (size_t)w < pathlen ? 0 : -1;
}

/* A file name of its own: no '/', not "." or "..", not empty. */
static bool plain_name(const char *name)
{
    return name && *name && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* Make the new directory entry durable too (best effort: some file systems refuse). */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* Write, fsync and close fd; on failure the file is removed. */
static int finish(int fd, const char *path, const char *text, size_t len, char *err, size_t errlen)
{
    const char *what = "writing";
    int ok = write_all(fd, text, len) == 0;
    if (ok && !(ok = fsync(fd) == 0))
        what = "syncing";
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = 0, e = errno;
        what = "closing";
    }
    if (ok)
        return 0;
    unlink(path);
    return fail(err, errlen, "%s %s: %s", what, path, strerror(e));
}

int notice_save(const char *dir, const char *name, const char *text, size_t len, char *path, size_t pathlen,
                char *err, size_t errlen)
{
    if (!dir || !*dir || !path || pathlen == 0)
        return fail(err, errlen, "no directory to save the notice in");
    if (!plain_name(name))
        return fail(err, errlen, "'%s' is not a file name", name ? name : "");
    if (!text && len > 0)
        return fail(err, errlen, "nothing to save");
    path[0] = '\0';
    for (int n = 1; n <= SAVE_MAX_TRIES; n++) {
        if (candidate(path, pathlen, dir, name, n) != 0)
            return fail(err, errlen, "the path %s/%s is too long", dir, name);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            return fail(err, errlen, "cannot create %s: %s", path, strerror(errno));
        if (finish(fd, path, text, len, err, errlen) != 0)
            return -1;
        sync_dir(dir);
        return 0;
    }
    return fail(err, errlen, "%s: %d files named like %s already exist", dir, SAVE_MAX_TRIES, name);
}
