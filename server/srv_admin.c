/* srv_admin.c - the administration verbs: `terminal add NAME` (prints the
 * new token once; only its SHA-256 is stored), `terminal list` (never shows a
 * token), `terminal revoke NAME` (its token is refused from then on) and
 * `stats` (events per type, per terminal, last seen); the centre's verbs
 * (window, staff, roster, catalog, calendar, case) are srv_centre_admin.c.
 * Output on stdout, one-line reasons on stderr. */
#include "server/srv_admin.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/srv_api.h"
#include "server/srv_auth.h"
#include "server/srv_centre_admin.h"
#include "server/srv_store.h"

bool srv_admin_is_verb(const char *word)
{
    return strcmp(word, "terminal") == 0 || strcmp(word, "stats") == 0 || srv_centre_is_verb(word);
}

static void usage(void)
{
    fprintf(stderr, "usage: guichetd [--db FILE] terminal add NAME | terminal list | terminal revoke NAME | stats\n%s",
            srv_centre_usage());
}

/* 1..SRV_NAME_MAX of a-z, 0-9, '-' and '_'. */
static bool name_valid(const char *n)
{
    size_t len = strlen(n);
    if (len == 0 || len > SRV_NAME_MAX)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= '0' && n[i] <= '9') || n[i] == '-' || n[i] == '_'))
            return false;
    return true;
}

/* Unix ms as "YYYY-MM-DD HH:MM UTC", or "-" for 0. */
static const char *when(int64_t ms, char *buf, size_t len)
{
    if (ms <= 0)
        return "-";
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

static int terminal_add(srv_store *s, const char *name)
{
    if (!name_valid(name)) {
        fprintf(stderr, "guichetd: terminal name \"%s\": use 1 to 32 of a-z, 0-9, - and _\n", name);
        return 2;
    }
    char token[SRV_TOKEN_HEX + 1], hash[SRV_HASH_HEX + 1];
    srv_token_new(token, hash);
    int rc = srv_terminal_add(s, name, hash, srv_now_ms());
    if (rc < 0) {
        fprintf(stderr, "guichetd: %s\n", srv_store_errmsg(s));
        return 1;
    }
    if (rc == 1) {
        fprintf(stderr, "guichetd: terminal %s already exists\n", name);
        return 1;
    }
    /* The token alone on stdout, so `guichetd terminal add w03 > w03.token` makes the terminal's token file. */
    fprintf(stderr, "terminal %s added; its token (shown only now, the server keeps only its hash):\n", name);
    printf("%s\n", token);
    return 0;
}

static int print_terminal(void *ctx, const srv_terminal *t)
{
    (void)ctx;
    char a[40], b[40];
    printf("%-16s %-32s %-20s %-20s %s\n", t->name, t->terminal_id[0] ? t->terminal_id : "-",
           when(t->created, a, sizeof a), when(t->last_seen, b, sizeof b), t->revoked ? "revoked" : "active");
    return 0;
}

static int terminal_list(srv_store *s)
{
    printf("%-16s %-32s %-20s %-20s %s\n", "NAME", "TERMINAL ID", "CREATED", "LAST SEEN", "STATUS");
    if (srv_terminals_each(s, print_terminal, NULL) != 0) {
        fprintf(stderr, "guichetd: %s\n", srv_store_errmsg(s));
        return 1;
    }
    return 0;
}

static int terminal_revoke(srv_store *s, const char *name)
{
    int rc = srv_terminal_revoke(s, name, srv_now_ms());
    if (rc < 0)
        fprintf(stderr, "guichetd: %s\n", srv_store_errmsg(s));
    else if (rc == 1)
        fprintf(stderr, "guichetd: no active terminal named %s\n", name);
    else
        printf("terminal %s revoked: its token is refused from now on\n", name);
    return rc == 0 ? 0 : 1;
}

static int print_stat(void *ctx, const char *label, int64_t count, int64_t last_seen)
{
    char buf[40];
    if (ctx)
        printf("  %-32s %8lld  last seen %s\n", label, (long long)count, when(last_seen, buf, sizeof buf));
    else
        printf("  %-32s %8lld\n", label, (long long)count);
    return 0;
}

static int stats(srv_store *s)
{
    int64_t total = 0;
    int by_terminal = 1;
    if (srv_events_count(s, &total) != 0)
        goto fail;
    printf("events: %lld\nby type:\n", (long long)total);
    if (srv_stats_each(s, SRV_STAT_BY_TYPE, print_stat, NULL) != 0)
        goto fail;
    printf("by terminal:\n");
    if (srv_stats_each(s, SRV_STAT_BY_TERMINAL, print_stat, &by_terminal) != 0)
        goto fail;
    return 0;
fail:
    fprintf(stderr, "guichetd: %s\n", srv_store_errmsg(s));
    return 1;
}

/* 0 when argv is a known verb with the right number of words, else 2. */
static int check_words(int argc, char **argv)
{
    if (argc == 1 && strcmp(argv[0], "stats") == 0)
        return 0;
    if (argc == 2 && strcmp(argv[0], "terminal") == 0 && strcmp(argv[1], "list") == 0)
        return 0;
    if (argc == 3 && strcmp(argv[0], "terminal") == 0 &&
        (strcmp(argv[1], "add") == 0 || strcmp(argv[1], "revoke") == 0))
        return 0;
    return srv_centre_is_verb(argv[0]) && srv_centre_words_ok(argc, argv) ? 0 : 2;
}

int srv_admin_run(const char *db, int argc, char **argv)
{
    if (check_words(argc, argv) != 0) {
        usage();
        return 2;
    }
    if (srv_auth_init() != 0) {
        fprintf(stderr, "guichetd: libsodium cannot start\n");
        return 1;
    }
    char err[SRV_ERR_LEN];
    srv_store *s = srv_store_open(db, err, sizeof err);
    if (!s) {
        fprintf(stderr, "guichetd: %s\n", err);
        return 1;
    }
    int rc;
    char why[SRV_ERR_LEN];
    if (srv_centre_is_verb(argv[0])) {
        rc = srv_centre_run(s, argc, argv, stdin, stdout, why, sizeof why);
        if (rc != 0)
            fprintf(stderr, "guichetd: %s\n", why);
    } else if (strcmp(argv[0], "stats") == 0)
        rc = stats(s);
    else if (strcmp(argv[1], "list") == 0)
        rc = terminal_list(s);
    else if (strcmp(argv[1], "add") == 0)
        rc = terminal_add(s, argv[2]);
    else
        rc = terminal_revoke(s, argv[2]);
    srv_store_close(s);
    return rc;
}
