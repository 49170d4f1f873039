/* app_sync.c - the sync agent in the background of the screen (DESIGN.md
 * "Sync": the screen never links libcurl; build/guichet-sync does the
 * network).  When [sync] server is set, [sync] autostart is on (the
 * default) and the file is not a demonstration file, the screen starts
 * guichet-sync (found beside guichet, as tui/verb_sync.c finds it) with the
 * same --config and --db, without --once, in its own process group, stdin
 * from /dev/null and its output appended to "<db>.sync.log" (beside the
 * database, 0600; started afresh past 1 MiB).  On Linux the agent is told
 * to stop when the screen dies (PR_SET_PDEATHSIG), so it outlives nothing;
 * on quitting it gets SIGTERM, a short wait, then SIGKILL.  A SIGCHLD
 * handler reaps it when it ends on its own: another agent already holds
 * "<db>.sync.lock" (that one serves the file: fine), or a bad
 * configuration.  Nothing here blocks the screen. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "data/paths.h"
#include "tui/app.h"
#include "tui/i18n.h"

#define SYNC_LOG_MAX (1024L * 1024L) /* the log is started afresh past this size */
#define SYNC_STOP_WAIT_MS 2000       /* SIGTERM, then this long before SIGKILL */
#define SYNC_FDS_CLOSED 1024         /* descriptors closed in the child before exec */

/* Why the agent is not running, or what it is doing. */
typedef enum {
    AG_NOT_SET = 0, /* [sync] server empty */
    AG_AUTOSTART_OFF,
    AG_DEMO,
    AG_MISSING,     /* no guichet-sync beside guichet */
    AG_START_FAILED,
    AG_RUNNING,
    AG_ENDED        /* it exited (status in ended_status) */
} agent_state;

static agent_state state;
static int start_errno;
static volatile sig_atomic_t agent_pid;      /* > 0 while ours runs (not reaped) */
static volatile sig_atomic_t ended_status;   /* the wait status once it ended */
static volatile sig_atomic_t ended;          /* set by the SIGCHLD handler when it reaped the agent */
static struct sigaction old_chld;
static bool handler_set;
static char lock_path[PATH_MAX + 16];
static char log_path[PATH_MAX + 16];

/* SIGCHLD: reap the agent only (other children - a print command - are their owners' to wait for). */
static void on_child(int sig)
{
    (void)sig;
    int saved = errno, st;
    pid_t p = (pid_t)agent_pid;
    if (p > 0 && waitpid(p, &st, WNOHANG) == p) {
        ended_status = st;
        agent_pid = 0;
        ended = 1;
    }
    errno = saved;
}

/* The log: appended to, or started afresh when it has grown past SYNC_LOG_MAX; -1 when it cannot open. */
static int open_log(void)
{
    struct stat sb;
    int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC;
    if (stat(log_path, &sb) == 0 && sb.st_size > SYNC_LOG_MAX)
        flags |= O_TRUNC;
    return open(log_path, flags, 0600);
}

/* In the child: own process group, stop with the parent, quiet descriptors, the parent's signal
 * mask back (SIGCHLD was blocked around the fork), then exec. */
static void child_exec(char *const args[], pid_t parent, int logfd, const sigset_t *mask)
{
    setpgid(0, 0);
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit(0); /* the screen already went */
#else
    (void)parent;
#endif
    int null = open("/dev/null", O_RDWR);
    if (null >= 0)
        dup2(null, STDIN_FILENO);
    int out = logfd >= 0 ? logfd : null;
    if (out >= 0) {
        dup2(out, STDOUT_FILENO);
        dup2(out, STDERR_FILENO);
    }
    for (int fd = 3; fd < SYNC_FDS_CLOSED; fd++)
        close(fd);
    signal(SIGCHLD, SIG_DFL);
    sigprocmask(SIG_SETMASK, mask, NULL);
    execv(args[0], args);
    _exit(127);
}

static void install_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_child;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigemptyset(&sa.sa_mask);
    handler_set = sigaction(SIGCHLD, &sa, &old_chld) == 0;
}

/* Fork and exec exe; state says how it went. */
static void spawn(const char *exe, const char *config_path, const char *db)
{
    char *args[8];
    int n = 0;
    args[n++] = (char *)exe;
    if (config_path) {
        args[n++] = (char *)"--config";
        args[n++] = (char *)config_path;
    }
    args[n++] = (char *)"--db";
    args[n++] = (char *)db;
    args[n] = NULL;
    int logfd = open_log();
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old); /* the handler must see agent_pid set */
    install_handler();
    fflush(NULL);
    pid_t parent = getpid(), pid = fork();
    if (pid == 0)
        child_exec(args, parent, logfd, &old);
    if (pid < 0) {
        start_errno = errno;
        state = AG_START_FAILED;
    } else {
        setpgid(pid, pid); /* also here: whichever runs first */
        agent_pid = pid;
        state = AG_RUNNING;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (logfd >= 0)
        close(logfd);
}

void app_sync_start(const gconfig *cfg, const char *config_path, const char *db, bool demo)
{
    char exe[PATH_MAX];
    snprintf(lock_path, sizeof lock_path, "%s.sync.lock", db);
    snprintf(log_path, sizeof log_path, "%s.sync.log", db);
    if (!cfg->sync_server[0])
        state = AG_NOT_SET;
    else if (!cfg->sync_autostart)
        state = AG_AUTOSTART_OFF;
    else if (demo)
        state = AG_DEMO;
    else if (path_beside_exe("guichet-sync", exe, sizeof exe) != 0 || access(exe, X_OK) != 0)
        state = AG_MISSING;
    else
        spawn(exe, config_path, db);
}

/* Milliseconds of a monotonic clock. */
static long long mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Wait for pid up to ms; true when it was reaped. */
static bool reap_within(pid_t pid, long ms)
{
    long long until = mono_ms() + ms;
    int st;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD))
            return true;
        if (mono_ms() >= until)
            return false;
        struct timespec tick = {0, 20 * 1000000L};
        nanosleep(&tick, NULL);
    }
}

void app_sync_stop(void)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t pid = (pid_t)agent_pid;
    agent_pid = 0;
    if (handler_set)
        sigaction(SIGCHLD, &old_chld, NULL);
    handler_set = false;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    if (!reap_within(pid, SYNC_STOP_WAIT_MS)) {
        kill(pid, SIGKILL); /* in the middle of a transfer: the file's transactions stay whole */
        waitpid(pid, NULL, 0);
    }
    state = AG_ENDED;
}

/* Another process holds the agent's lock on this file (an agent started elsewhere). */
static bool lock_held_elsewhere(void)
{
    int fd = open(lock_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool held = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd);
    return held;
}

/* The wait status of an ended agent in words. */
static void describe_end(char *buf, size_t len, term_role *role)
{
    int st = (int)ended_status;
    if (lock_held_elsewhere()) {
        snprintf(buf, len, "%s", _("Sync agent: another one already runs for this file (it serves it)"));
        *role = ROLE_OK;
    } else if (WIFEXITED(st)) {
        snprintf(buf, len, _("Sync agent: stopped (exit status %d); its messages are in %s"), WEXITSTATUS(st),
                 log_path);
        *role = ROLE_ALARM;
    } else {
        snprintf(buf, len, _("Sync agent: stopped by signal %d; its messages are in %s"),
                 WIFSIGNALED(st) ? WTERMSIG(st) : 0, log_path);
        *role = ROLE_ALARM;
    }
}

void app_sync_describe(char *buf, size_t len, term_role *role)
{
    *role = ROLE_DIM;
    if (state == AG_RUNNING && ended)
        state = AG_ENDED;
    switch (state) {
    case AG_NOT_SET: snprintf(buf, len, "%s", _("Sync is not set up on this terminal ([sync] server is empty)")); break;
    case AG_AUTOSTART_OFF:
        snprintf(buf, len, "%s",
                 lock_held_elsewhere() ? _("Sync agent: started outside the screen, running")
                                       : _("Sync agent: not started by the screen ([sync] autostart = false)"));
        break;
    case AG_DEMO: snprintf(buf, len, "%s", _("A demonstration file is never sent to the centre")); break;
    case AG_MISSING:
        snprintf(buf, len, "%s", _("Sync agent: guichet-sync is not installed beside guichet"));
        *role = ROLE_ALARM;
        break;
    case AG_START_FAILED:
        snprintf(buf, len, _("Sync agent: cannot start (%s)"), strerror(start_errno));
        *role = ROLE_ALARM;
        break;
    case AG_RUNNING:
        snprintf(buf, len, _("Sync agent: running (process %d)"), (int)agent_pid);
        *role = ROLE_OK;
        break;
    case AG_ENDED: describe_end(buf, len, role); break;
    }
}
