/* bench_screen.c - the clerk's screen as a terminal sees it.  The real binary
 * (build/guichet, or $GUICHET_BIN) runs in a pseudo-terminal of 80x24 made by
 * forkpty(), fed keys through the pty's master side like a keyboard, and
 * every byte it writes to the terminal is read back and timed.  Prints
 * figures, asserts nothing (bench/README.md says how to read them):
 *
 * 1. start-up: fork to the first byte, to the login prompt seen in the bytes
 *    (the English msgid or its zh_CN translation from po/zh_CN.po), and to
 *    the frame complete (the last byte before 50 ms of quiet); peak RSS from
 *    wait4() after F10 (the login screen quits at once when no session is
 *    open).  The same for a BARE reference: this executable run as
 *    `bench_screen --bare` (setlocale, initscr, one line, wait for F10,
 *    endwin), linked with the same libraries.  Median of BENCH_RUNS runs.
 * 2. the dashboard: from the PIN's Enter to its frame complete (its title in
 *    the bytes, then quiet), argon2id in it (timed alone beside it), and the
 *    peak RSS of a session that reached it.
 * 3. bytes written per keystroke while typing 20 characters (ASCII and
 *    Chinese) into the intake form's name field, one write per character,
 *    waiting for quiet after each; with the bytes of whole frames beside.
 * 4. CPU instructions per keystroke with valgrind's callgrind when it is
 *    installed: the same session typing 0 and then 100 keys,
 *    (Ir_100 - Ir_0) / 100.
 *
 * The child's environment is fixed and small: LANG=zh_CN.UTF-8 (C.UTF-8 when
 * that locale is missing), TERM=xterm-256color, GUICHET_TODAY = the first day
 * of the demo roster (the day the database was seeded; $GUICHET_TODAY wins),
 * HOME and XDG_* in a fresh temporary directory so no user config is read.
 *
 *   BENCH_SIZES=100000,1000000   databases (BENCH_DIR/cases-N.db, made like bench_store does when absent)
 *   BENCH_DIR=/tmp/guichet-bench where the databases live (shared with bench_store)
 *   BENCH_RUNS=20                runs behind each median
 *   GUICHET_BIN=build/guichet    the binary under test
 *   BENCH_KEEP=1                 keep the temporary HOME with the callgrind files (for callgrind_annotate)
 *   GUICHET_DATADIR=data         calendar, catalogue, pinyin table (for the seed and the child) */
#include <curses.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "data/demo.h"
#include "data/staff.h"
#include "data/store.h"

#define MAX_SIZES 8
#define QUIET_MS 50             /* a frame is complete after this much silence */
#define TYPED 20                /* characters typed for the bytes-per-key figure */
#define CG_KEYS 100             /* keystrokes of the callgrind session */
#define CG_QUIET_MS 150         /* quiet under valgrind (about 50 times slower) */
#define CG_TIMEOUT_MS 180000

#define KEY_F2_SEQ "\033OQ"     /* xterm-256color's kf2 */
#define KEY_F10_SEQ "\033[21~"  /* kf10 */
#define KEY_BS_SEQ "\177"       /* kbs */
#define LOGIN_KEYS DEMO_STAFF_A "\r" DEMO_PIN_A
/* Text that shows a screen is being drawn (its queries done): msgids, looked up in po/zh_CN.po too. */
#define LOGIN_PROMPT "Type your staff id and PIN, then Enter." /* tui/login.c */
#define DASH_TITLE "Dashboard"                                 /* tui/scr_dashboard.c */
#define INTAKE_TITLE "Intake %s"                               /* tui/scr_intake.c: up to the '%' */
#define BARE_LINE "guichet bench: 裸程序 bare reference (ncursesw, SQLite, libsodium, iniparser)"

extern char **environ;

/* What the clerk types into the name field: 5 Chinese characters, 15 ASCII, 25 columns (the box has 30). */
static const char *const name_keys[TYPED] = {
    "王", "小", "明", " ", "W", "a", "n", "g", " ", "X", "i", "a", "o", "m", "i", "n", "g", " ", "李", "娜",
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- the bare reference: `bench_screen --bare` ---------------------------------------------- */

static int bare_main(void)
{
    setlocale(LC_ALL, "");
    initscr();
    raw();
    noecho();
    keypad(stdscr, TRUE);
    mvaddstr(0, 0, BARE_LINE);
    mvprintw(1, 0, "SQLite %s", sqlite3_libversion());
    refresh();
    for (int k; (k = getch()) != KEY_F(10) && k != ERR;)
        ;
    endwin();
    return 0;
}

/* ---- the child's environment ---------------------------------------------------------------- */

static char env_buf[10][PATH_MAX + 32];
static char *child_envp[11];

static void env_set(int i, const char *name, const char *value)
{
    snprintf(env_buf[i], sizeof env_buf[i], "%s=%s", name, value);
    child_envp[i] = env_buf[i];
}

/* LANG, TERM, today, data directory and a HOME of its own for every child; PATH for valgrind. */
static void make_env(const char *home, const char *lang, const char *today)
{
    char dir[PATH_MAX], sub[PATH_MAX + 16];
    const char *datadir = getenv("GUICHET_DATADIR");
    if (!realpath(datadir && *datadir ? datadir : "data", dir))
        snprintf(dir, sizeof dir, "%s", datadir && *datadir ? datadir : "data");
    const char *path = getenv("PATH");
    env_set(0, "LANG", lang);
    env_set(1, "TERM", "xterm-256color");
    env_set(2, "GUICHET_TODAY", today);
    env_set(3, "GUICHET_DATADIR", dir);
    env_set(4, "HOME", home);
    snprintf(sub, sizeof sub, "%s/.config", home);
    env_set(5, "XDG_CONFIG_HOME", sub);
    snprintf(sub, sizeof sub, "%s/.local/share", home);
    env_set(6, "XDG_DATA_HOME", sub);
    snprintf(sub, sizeof sub, "%s/.cache", home);
    env_set(7, "XDG_CACHE_HOME", sub);
    env_set(8, "PATH", path ? path : "/usr/bin:/bin");
    const char *localedir = getenv("GUICHET_LOCALEDIR");
    if (localedir)
        env_set(9, "GUICHET_LOCALEDIR", localedir);
}

static const char *child_lang(void)
{
    locale_t l = newlocale(LC_ALL_MASK, "zh_CN.UTF-8", (locale_t)0);
    if (!l)
        return "C.UTF-8";
    freelocale(l);
    return "zh_CN.UTF-8";
}

/* ---- a session on a pty --------------------------------------------------------------------- */

typedef struct {
    pid_t pid;
    int fd;        /* the master side: read what the program writes, write what the clerk types */
    double t_fork; /* now_ms() just before forkpty */
} session;

/* What came out of the terminal after an instant `since`; times in ms after it, -1 when not seen. */
typedef struct {
    double first, marker, last;
    size_t bytes;
} burst;

static int session_start(session *s, char *const argv[])
{
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    s->t_fork = now_ms();
    s->pid = forkpty(&s->fd, NULL, NULL, &ws);
    if (s->pid < 0) {
        perror("forkpty");
        s->pid = -1;
        return -1;
    }
    if (s->pid == 0) {
        environ = child_envp;
        execvp(argv[0], argv);
        _exit(127);
    }
    return 0;
}

/* Write keys to the terminal; the instant they were sent. */
static double session_send(session *s, const char *keys)
{
    double t = now_ms();
    if (write(s->fd, keys, strlen(keys)) != (ssize_t)strlen(keys))
        perror("write to the pty");
    return t;
}

/* Append a chunk to the bytes seen so far (seen, *len); true when they hold one of the markers. */
static bool marker_seen(char *seen, size_t size, size_t *len, const char *chunk, size_t n, const char *const *markers)
{
    size_t take = n < size - 1 - *len ? n : size - 1 - *len;
    memcpy(seen + *len, chunk, take);
    seen[*len += take] = '\0';
    for (int i = 0; markers[i]; i++)
        if (*markers[i] && strstr(seen, markers[i]))
            return true;
    return false;
}

/* Read the terminal until quiet_ms pass without a byte after the first one (and after a marker when
 * markers are given); 0, or -1 when timeout_ms pass first or the program closes the terminal before. */
static int session_await(session *s, double since, const char *const *markers, int quiet_ms, int timeout_ms,
                         burst *b)
{
    static char seen[1 << 16];
    size_t len = 0;
    *b = (burst){-1, -1, -1, 0};
    double deadline = now_ms() + timeout_ms;
    for (;;) {
        double now = now_ms();
        bool ready = b->first >= 0 && (!markers || b->marker >= 0);
        double left = ready ? since + b->last + quiet_ms - now : deadline - now;
        if (ready && left <= 0)
            return 0;
        if (now >= deadline)
            return -1;
        struct pollfd p = {s->fd, POLLIN, 0};
        int r = poll(&p, 1, (int)(left < deadline - now ? left : deadline - now) + 1);
        if (r <= 0)
            continue;
        char chunk[4096];
        ssize_t n = read(s->fd, chunk, sizeof chunk);
        if (n <= 0)
            return ready ? 0 : -1;
        double t = now_ms() - since;
        b->first = b->first < 0 ? t : b->first;
        b->last = t;
        b->bytes += (size_t)n;
        if (markers && b->marker < 0 && marker_seen(seen, sizeof seen, &len, chunk, (size_t)n, markers))
            b->marker = t;
    }
}

/* Send keys (NULL: SIGTERM), read the terminal until the program closes it, reap it (*ru: its usage). */
static void session_end(session *s, const char *keys, int timeout_ms, struct rusage *ru)
{
    if (s->pid <= 0) /* never started: nothing to end (and never kill(-1, ...)) */
        return;
    if (keys)
        session_send(s, keys);
    else
        kill(s->pid, SIGTERM);
    double deadline = now_ms() + timeout_ms;
    char chunk[4096];
    for (;;) {
        struct pollfd p = {s->fd, POLLIN, 0};
        if (now_ms() > deadline) {
            fprintf(stderr, "  the program did not quit: killed\n");
            kill(s->pid, SIGKILL);
            break;
        }
        if (poll(&p, 1, 100) > 0 && read(s->fd, chunk, sizeof chunk) <= 0)
            break;
    }
    int st = 0;
    struct rusage dummy;
    wait4(s->pid, &st, 0, ru ? ru : &dummy);
    close(s->fd);
}

/* ---- the databases ---------------------------------------------------------------------------- */

/* Cases in an existing demo database, or -1 when it is not one (bench_store.c does the same). */
static long existing_cases(const char *path)
{
    sqlite3 *db;
    long n = -1;
    if (access(path, F_OK) != 0 || sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM cases) FROM meta WHERE key = 'demo'", -1, &st, NULL) ==
        SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

/* The day the demo seed took as today: the first day of its roster ("" when none). */
static void seed_today(const char *path, char day[DATE_STR_LEN])
{
    sqlite3 *db;
    sqlite3_stmt *st;
    day[0] = '\0';
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT min(day) FROM roster", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(day, DATE_STR_LEN, "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
}

/* Seed n cases into a fresh file with demo_seed, as bench_store does; in a child process, so that
 * this process stays small (a forked child's pages count in its ru_maxrss until it execs). */
static int seed(const char *path, long n)
{
    pid_t pid = fork();
    if (pid == 0) {
        const char *const sides[] = {"", "-wal", "-shm"};
        char file[PATH_MAX + 8], err[STORE_ERR_LEN];
        for (int i = 0; i < 3; i++) {
            snprintf(file, sizeof file, "%s%s", path, sides[i]);
            unlink(file);
        }
        store *s = store_open(path, err, sizeof err);
        if (!s) {
            fprintf(stderr, "%s\n", err);
            _exit(1);
        }
        fprintf(stderr, "seeding %s with %ld cases (bench_store's databases; 1 000 000 take about 8 minutes) ...\n",
                path, n);
        int rc = demo_seed(s, n, 1, NULL, NULL);
        if (rc != 0)
            fprintf(stderr, "demo seed: %s\n", store_errmsg(s));
        store_close(s);
        sqlite3 *db;
        if (rc == 0 && sqlite3_open(path, &db) == SQLITE_OK)
            sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
        _exit(rc == 0 ? 0 : 1);
    }
    int st = 0;
    return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* ---- screen text in both languages ----------------------------------------------------------- */

/* The one-line msgstr of msgid in a .po file into out ("" when missing or untranslated). */
static void po_lookup(const char *po, const char *msgid, char *out, size_t len)
{
    char want[512], line[1024];
    FILE *f = fopen(po, "r");
    snprintf(want, sizeof want, "msgid \"%s\"\n", msgid);
    out[0] = '\0';
    bool found = false;
    while (f && fgets(line, sizeof line, f)) {
        if (found && strncmp(line, "msgstr \"", 8) == 0) {
            snprintf(out, len, "%s", line + 8);
            char *q = strrchr(out, '"');
            if (q)
                *q = '\0';
            break;
        }
        found = strcmp(line, want) == 0;
    }
    if (f)
        fclose(f);
}

/* Markers for a msgid: its English text and its zh_CN translation, each cut at the first '%'. */
typedef struct {
    char text[2][1024];
    const char *m[3]; /* the two texts, NULL-terminated, for session_await */
} screen_text;

static void markers_of(const char *msgid, screen_text *mk)
{
    snprintf(mk->text[0], sizeof mk->text[0], "%s", msgid);
    po_lookup("po/zh_CN.po", msgid, mk->text[1], sizeof mk->text[1]);
    for (int i = 0; i < 2; i++) {
        char *pct = strchr(mk->text[i], '%');
        if (pct)
            *pct = '\0';
        mk->m[i] = mk->text[i];
    }
    mk->m[2] = NULL;
}

/* ---- what is measured ------------------------------------------------------------------------- */

/* Median ms of crypto_pwhash_str_verify on a PIN hashed with staff.h's cost, as a log-in does; in a
 * child process, so that argon2id's 16 MiB do not stay in this one (see seed); -1 on failure. */
static double argon2id_ms(int runs)
{
    int fds[2];
    double ms = -1;
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        char hash[crypto_pwhash_STRBYTES];
        double t[runs];
        if (sodium_init() < 0 ||
            crypto_pwhash_str(hash, DEMO_PIN_A, strlen(DEMO_PIN_A), STAFF_PIN_OPSLIMIT, STAFF_PIN_MEMLIMIT) != 0)
            _exit(1);
        for (int i = 0; i < runs; i++) {
            double t0 = now_ms();
            if (crypto_pwhash_str_verify(hash, DEMO_PIN_A, strlen(DEMO_PIN_A)) != 0)
                _exit(1);
            t[i] = now_ms() - t0;
        }
        ms = median(t, runs);
        _exit(write(fds[1], &ms, sizeof ms) == sizeof ms ? 0 : 1);
    }
    close(fds[1]);
    if (pid < 0 || read(fds[0], &ms, sizeof ms) != sizeof ms)
        ms = -1;
    close(fds[0]);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    return ms;
}

typedef struct {
    const char *bin, *db;
    screen_text login, dash, intake;
    int runs;
} target;

typedef struct {
    double first, prompt, frame, rss_mib; /* medians; ms after fork; MiB */
    int ok;                               /* runs that reached the frame */
} start_row;

static double rss_mib(const struct rusage *ru)
{
    return (double)ru->ru_maxrss / 1024.0; /* kB on Linux */
}

/* Start `argv` BENCH_RUNS times: the first frame (marked by markers), then quit_keys and wait4. */
static void measure_start(char *const argv[], const char *const *markers, const char *quit_keys, int runs,
                          start_row *row)
{
    double first[runs], prompt[runs], frame[runs], rss[runs];
    int n = 0;
    for (int i = 0; i < runs; i++) {
        session s;
        burst b;
        struct rusage ru;
        if (session_start(&s, argv) != 0)
            return;
        int rc = session_await(&s, s.t_fork, markers, QUIET_MS, 10000, &b);
        session_end(&s, quit_keys, 10000, &ru);
        if (rc != 0) {
            fprintf(stderr, "  %s: run %d drew no frame in 10 s (%zu bytes)\n", argv[0], i + 1, b.bytes);
            continue;
        }
        first[n] = b.first, prompt[n] = b.marker, frame[n] = b.last, rss[n] = rss_mib(&ru);
        n++;
    }
    row->ok = n;
    if (n > 0) {
        row->first = median(first, n), row->prompt = median(prompt, n);
        row->frame = median(frame, n), row->rss_mib = median(rss, n);
    }
}

/* Start the program and log in as demo-a: the login frame, the id and the PIN typed, Enter sent;
 * *dash gets the dashboard's burst (times after Enter).  0 or -1 (the session is left to end). */
static int login(session *s, char *const argv[], const target *t, int quiet_ms, int timeout_ms, burst *dash)
{
    burst b;
    if (session_start(s, argv) != 0)
        return -1;
    if (session_await(s, s->t_fork, t->login.m, quiet_ms, timeout_ms, &b) != 0)
        return -1;
    session_send(s, LOGIN_KEYS);
    if (session_await(s, now_ms(), NULL, quiet_ms, timeout_ms, &b) != 0)
        return -1;
    double enter = session_send(s, "\r");
    if (session_await(s, enter, t->dash.m, quiet_ms, timeout_ms, dash) != 0)
        return -1;
    /* The dashboard comes with the offer to take duty at the window (AB岗, when demo-a is on the
     * day's roster and the window is closed): decline it with Esc, the same way every run, and let
     * the Esc delay pass so the next key is not read as Alt+key.  Esc alone does nothing on the
     * dashboard, so this holds whether or not the offer was made. */
    session_send(s, "\033");
    usleep(250 * 1000);
    session_await(s, now_ms(), NULL, quiet_ms, timeout_ms < 2000 ? timeout_ms : 2000, &b); /* its redraw, if any */
    return 0;
}

typedef struct {
    double frame, rss_mib; /* medians: ms from Enter to the dashboard drawn; MiB */
    size_t bytes;
    int ok;
} dash_row;

static void measure_dashboard(const target *t, dash_row *row)
{
    char *argv[] = {(char *)t->bin, "--db", (char *)t->db, NULL};
    double frame[t->runs], rss[t->runs];
    int n = 0;
    for (int i = 0; i < t->runs; i++) {
        session s;
        burst b;
        struct rusage ru;
        int rc = login(&s, argv, t, QUIET_MS, 10000, &b);
        /* F10, y to "Quit guichet?", and y again to the warning that quitting on duty leaves the window
         * unattended (asked only when demo-a holds the window; otherwise the program is gone). */
        session_end(&s, KEY_F10_SEQ "yy", 10000, &ru);
        if (rc != 0)
            continue;
        frame[n] = b.last, rss[n] = rss_mib(&ru), row->bytes = b.bytes;
        n++;
    }
    row->ok = n;
    if (n > 0)
        row->frame = median(frame, n), row->rss_mib = median(rss, n);
}

typedef struct {
    size_t intake_bytes, key_bytes[TYPED], key_max;
    double key_mean, intake_ms;
    int ok;
} typing_row;

/* Log in, F2 (intake), then the 20 characters into the name field one by one. */
static void measure_typing(const target *t, typing_row *row)
{
    char *argv[] = {(char *)t->bin, "--db", (char *)t->db, NULL};
    session s;
    burst b;
    memset(row, 0, sizeof *row);
    if (login(&s, argv, t, QUIET_MS, 10000, &b) == 0) {
        double sent = session_send(&s, KEY_F2_SEQ);
        if (session_await(&s, sent, t->intake.m, QUIET_MS, 10000, &b) == 0) {
            row->intake_bytes = b.bytes, row->intake_ms = b.last;
            size_t total = 0;
            int i = 0;
            for (; i < TYPED; i++) {
                sent = session_send(&s, name_keys[i]);
                if (session_await(&s, sent, NULL, QUIET_MS, 10000, &b) != 0)
                    break;
                row->key_bytes[i] = b.bytes;
                row->key_max = b.bytes > row->key_max ? b.bytes : row->key_max;
                total += b.bytes;
            }
            row->ok = i == TYPED;
            row->key_mean = (double)total / TYPED;
        }
    }
    session_end(&s, NULL, 10000, NULL);
}

/* The instructions (Ir) of a callgrind output file: its "totals:" or "summary:" line; -1 when none. */
static long long callgrind_ir(const char *file)
{
    char line[512];
    long long ir = -1;
    FILE *f = fopen(file, "r");
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "totals:", 7) == 0 || strncmp(line, "summary:", 8) == 0)
            ir = strtoll(strchr(line, ':') + 1, NULL, 10);
    if (f)
        fclose(f);
    return ir;
}

/* The callgrind session: log in, F2, then `keys` keystrokes into the name field - the 20 characters,
 * 20 Backspaces, again and again (the field holds 60 characters) - and SIGTERM; its Ir or -1. */
static long long callgrind_run(const target *t, const char *tmp, int keys)
{
    char out[PATH_MAX + 64], log[PATH_MAX + 64], file[PATH_MAX + 32];
    snprintf(file, sizeof file, "%s/callgrind-%d.out", tmp, keys);
    snprintf(out, sizeof out, "--callgrind-out-file=%s", file);
    snprintf(log, sizeof log, "--log-file=%s/valgrind-%d.log", tmp, keys);
    char *argv[] = {"valgrind", "--tool=callgrind", out, log, (char *)t->bin, "--db", (char *)t->db, NULL};
    session s;
    burst b;
    int rc = login(&s, argv, t, CG_QUIET_MS, CG_TIMEOUT_MS, &b);
    if (rc == 0)
        rc = session_await(&s, session_send(&s, KEY_F2_SEQ), t->intake.m, CG_QUIET_MS, CG_TIMEOUT_MS, &b);
    for (int i = 0; i < keys && rc == 0; i++) {
        const char *key = i % (2 * TYPED) < TYPED ? name_keys[i % TYPED] : KEY_BS_SEQ;
        rc = session_await(&s, session_send(&s, key), NULL, CG_QUIET_MS, CG_TIMEOUT_MS, &b);
    }
    session_end(&s, NULL, CG_TIMEOUT_MS, NULL);
    return rc == 0 ? callgrind_ir(file) : -1;
}

static bool have_valgrind(void)
{
    return system("valgrind --version >/dev/null 2>&1") == 0;
}

/* ---- output ----------------------------------------------------------------------------------- */

static void print_start(const char *what, const start_row *r)
{
    if (r->ok == 0) {
        printf("  %-18s no frame (the program did not draw it within 10 s)\n", what);
        return;
    }
    printf("  %-18s first byte %.1f ms, prompt %.1f ms, frame complete %.1f ms  (after fork; median of %d)\n", what,
           r->first, r->prompt, r->frame, r->ok);
    printf("  %-18s %.1f MiB  (ru_maxrss from wait4 after F10; median of %d)\n", "peak RSS", r->rss_mib, r->ok);
}

static const char *bench_dir(void)
{
    const char *dir = getenv("BENCH_DIR");
    return dir && *dir ? dir : "/tmp/guichet-bench";
}

/* BENCH_DIR/cases-N.db into path, seeded first when it is not a demo database of n cases; 0 or -1. */
static int database(long n, char path[PATH_MAX])
{
    snprintf(path, PATH_MAX, "%s/cases-%ld.db", bench_dir(), n);
    return existing_cases(path) == n || seed(path, n) == 0 ? 0 : -1;
}

static int bench_size(const target *t0, const char *tmp, long n, bool valgrind, double argon2)
{
    char db[PATH_MAX];
    if (database(n, db) != 0)
        return -1;
    target t = *t0;
    t.db = db;
    printf("\n%ld cases: %s\n", n, db);
    char *argv[] = {(char *)t.bin, "--db", db, NULL};
    start_row login_row = {0};
    measure_start(argv, t.login.m, KEY_F10_SEQ, t.runs, &login_row);
    print_start("login screen", &login_row);

    dash_row d = {0};
    measure_dashboard(&t, &d);
    if (d.ok)
        printf("  %-18s %.1f ms from the PIN's Enter to the frame complete, argon2id (%.1f ms alone) in it; %zu bytes\n"
               "  %-18s %.1f MiB  (ru_maxrss, a session that reached the dashboard; median of %d)\n",
               "dashboard", d.frame, argon2, d.bytes, "peak RSS", d.rss_mib, d.ok);
    else
        printf("  %-18s not reached (log-in failed?)\n", "dashboard");

    typing_row ty;
    measure_typing(&t, &ty);
    if (ty.ok) {
        printf("  %-18s %.1f ms from F2 to the frame complete; %zu bytes\n", "intake form", ty.intake_ms,
               ty.intake_bytes);
        printf("  %-18s mean %.1f, max %zu bytes per key (%d characters into the name field:", "typing", ty.key_mean,
               ty.key_max, TYPED);
        for (int i = 0; i < TYPED; i++)
            printf(" %s=%zu", strcmp(name_keys[i], " ") ? name_keys[i] : "_", ty.key_bytes[i]);
        printf(")\n");
    } else
        printf("  %-18s not measured (the intake form did not answer)\n", "typing");

    if (!valgrind) {
        printf("  %-18s skipped: valgrind is not installed\n", "instructions/key");
        return 0;
    }
    fprintf(stderr, "callgrind: two sessions of about half a minute each ...\n");
    long long ir0 = callgrind_run(&t, tmp, 0), irk = callgrind_run(&t, tmp, CG_KEYS);
    if (ir0 < 0 || irk < 0)
        printf("  %-18s not measured (the callgrind session failed)\n", "instructions/key");
    else
        printf("  %-18s %.0f  (callgrind Ir: %lld with %d keys - %lld with none, / %d)\n", "instructions/key",
               (double)(irk - ir0) / CG_KEYS, irk, CG_KEYS, ir0, CG_KEYS);
    return 0;
}

/* ---- main ------------------------------------------------------------------------------------- */

static int parse_sizes(long sizes[MAX_SIZES])
{
    const char *env = getenv("BENCH_SIZES");
    char buf[256];
    snprintf(buf, sizeof buf, "%s", env && *env ? env : "100000,1000000");
    int n = 0;
    for (char *tok = strtok(buf, ", "); tok && n < MAX_SIZES; tok = strtok(NULL, ", ")) {
        char *end;
        long v = strtol(tok, &end, 10);
        if (*end || v < 1 || v > DEMO_CASES_MAX) {
            fprintf(stderr, "BENCH_SIZES: \"%s\" is not a number of cases (1..%ld)\n", tok, DEMO_CASES_MAX);
            return -1;
        }
        sizes[n++] = v;
    }
    return n;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int run(const long *sizes, int nsizes, const char *tmp)
{
    const char *bin = getenv("GUICHET_BIN"), *runs = getenv("BENCH_RUNS"), *fixed = getenv("GUICHET_TODAY");
    static char self[PATH_MAX];
    static target t;
    t.bin = bin && *bin ? bin : "build/guichet";
    t.runs = runs && atoi(runs) > 0 ? atoi(runs) : 20;
    markers_of(LOGIN_PROMPT, &t.login);
    markers_of(DASH_TITLE, &t.dash);
    markers_of(INTAKE_TITLE, &t.intake);
    if (access(t.bin, X_OK) != 0) {
        fprintf(stderr, "%s: not found (run make, or set GUICHET_BIN)\n", t.bin);
        return 1;
    }
    char today[DATE_STR_LEN], db[PATH_MAX];
    if (mkdir(bench_dir(), 0700) != 0 && errno != EEXIST) {
        perror(bench_dir());
        return 1;
    }
    if (database(sizes[0], db) != 0)
        return 1;
    seed_today(db, today);
    make_env(tmp, child_lang(), fixed && *fixed ? fixed : today);
    printf("bench_screen: %s in an 80x24 pty (%s, TERM=xterm-256color, %s; quiet = %d ms)\n", t.bin,
           child_envp[0], child_envp[2], QUIET_MS);
    printf("  screens known by \"%s\" / \"%s\", \"%s\" / \"%s\", \"%s\" / \"%s\"\n", t.login.m[0], t.login.m[1],
           t.dash.m[0], t.dash.m[1], t.intake.m[0], t.intake.m[1]);

    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    self[len > 0 ? len : 0] = '\0';
    char *bare_argv[] = {self, "--bare", NULL};
    const char *bare_marker[] = {BARE_LINE, NULL};
    start_row bare = {0};
    measure_start(bare_argv, bare_marker, KEY_F10_SEQ, t.runs, &bare);
    printf("\nbare reference: initscr, one line, endwin (this program as --bare, same libraries)\n");
    print_start("first frame", &bare);
    bool valgrind = have_valgrind();
    double argon2 = argon2id_ms(t.runs);
    for (int i = 0; i < nsizes; i++)
        if (bench_size(&t, tmp, sizes[i], valgrind, argon2) != 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--bare") == 0)
        return bare_main();
    long sizes[MAX_SIZES];
    int nsizes = parse_sizes(sizes);
    if (nsizes <= 0)
        return 2;
    if (!getenv("GUICHET_DATADIR"))
        setenv("GUICHET_DATADIR", "data", 1);
    char tmp[] = "/tmp/guichet-bench-screen-XXXXXX";
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    int rc = run(sizes, nsizes, tmp);
    const char *keep = getenv("BENCH_KEEP");
    if (keep && *keep)
        fprintf(stderr, "kept %s (callgrind-0.out, callgrind-%d.out: callgrind_annotate them)\n", tmp, CG_KEYS);
    else
        nftw(tmp, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    return rc;
}
