/* verb_staff.c - `guichet staff add|list`, `window add|list`, `roster set|show`:
 * the people of the centre, its windows, and the A/B roster per date
 * (data/staff.h, data/roster.h).  A PIN is asked twice without echo, or read
 * once from standard input with --pin-stdin; it is never printed or stored in
 * clear.  Exit 0 on success, 1 when the store refuses, 2 on bad arguments. */
#include <stdio.h>
#include <string.h>

#include "data/events.h"
#include "data/roster.h"
#include "data/staff.h"
#include "tui/i18n.h"
#include "tui/prompt.h"
#include "tui/verbs.h"

#define PIN_LINE 64

typedef struct {
    const char *code, *name, *roles, *birth;
    const char *windows[STAFF_WINDOWS_MAX];
    int n_windows;
    int pin_stdin;
} staff_add_args;

/* Options after ID NAME: --role R[,R] --window W (repeatable) --birth DATE --pin-stdin. */
static int parse_staff_add(int argc, char **argv, staff_add_args *a)
{
    memset(a, 0, sizeof *a);
    a->code = argv[0];
    a->name = argv[1];
    for (int i = 2; i < argc; i++) {
        const char *opt = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(opt, "--pin-stdin") == 0)
            a->pin_stdin = 1;
        else if (strcmp(opt, "--role") == 0 && has_value)
            a->roles = argv[++i];
        else if (strcmp(opt, "--birth") == 0 && has_value)
            a->birth = argv[++i];
        else if (strcmp(opt, "--window") == 0 && has_value && a->n_windows < STAFF_WINDOWS_MAX)
            a->windows[a->n_windows++] = argv[++i];
        else {
            fprintf(stderr, _("staff add: unexpected argument: %s\n"), opt);
            return -1;
        }
    }
    if (!a->roles) {
        fprintf(stderr, "%s\n", _("staff add: --role is required (clerk, approver, supervisor, trainer)"));
        return -1;
    }
    return 0;
}

/* Ask for the new PIN twice (up to three tries), checking the policy at once. */
static int ask_new_pin(const pin_owner *owner, char *pin)
{
    char again[PIN_LINE];
    for (int tries = 0; tries < 3; tries++) {
        if (prompt_secret(_("New PIN (6 digits): "), pin, PIN_LINE) != 0) {
            fprintf(stderr, "%s\n", _("no terminal to ask for the PIN: use --pin-stdin"));
            return -1;
        }
        pin_status st = pin_check(pin, owner);
        if (st == PIN_OK) {
            if (prompt_secret(_("The same PIN again: "), again, sizeof again) != 0)
                return -1;
            st = pin_match(pin, again);
            explicit_bzero(again, sizeof again);
        }
        if (st == PIN_OK)
            return 0;
        fprintf(stderr, "%s\n", _(pin_reason(st)));
    }
    explicit_bzero(pin, PIN_LINE);
    return -1;
}

static int read_pin(const staff_add_args *a, const pin_owner *owner, char *pin)
{
    if (!a->pin_stdin)
        return ask_new_pin(owner, pin);
    if (prompt_stdin_line(pin, PIN_LINE) != 0) {
        fprintf(stderr, "%s\n", _("--pin-stdin: no PIN on standard input"));
        return -1;
    }
    return 0;
}

int verb_staff_add(verb_ctx *ctx, int argc, char **argv)
{
    staff_add_args a;
    staff_in in;
    char err[STORE_ERR_LEN], pin[PIN_LINE];
    memset(&in, 0, sizeof in);
    if (parse_staff_add(argc, argv, &a) != 0)
        return VERB_USAGE;
    if (staff_roles_parse(a.roles, &in.roles, err, sizeof err) != 0 ||
        (a.birth && date_parse(a.birth, &in.birth) != 0)) {
        fprintf(stderr, "%s\n", a.birth && in.roles ? _("--birth: not a date (YYYY-MM-DD)") : err);
        return VERB_USAGE;
    }
    in.code = a.code;
    in.name = a.name;
    in.n_windows = a.n_windows;
    memcpy(in.windows, a.windows, sizeof in.windows);
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    pin_owner owner = {a.code, in.birth};
    int rc = VERB_FAIL;
    if (read_pin(&a, &owner, pin) == 0) {
        staff_rc r = staff_add(s, &in, pin, err, sizeof err);
        if (r == STAFF_OK) {
            printf(_("staff %s added\n"), a.code);
            rc = VERB_OK;
        } else {
            fprintf(stderr, "%s\n", r == STAFF_E_PIN ? _(err) : err);
        }
    }
    explicit_bzero(pin, sizeof pin);
    store_close(s);
    return rc;
}

static int print_staff(const staff_rec *r, void *arg)
{
    int64_t now = *(const int64_t *)arg;
    char roles[STAFF_ROLES_BUF];
    printf("%-16s %s\t%s\t", r->code, r->name, staff_roles_format(r->roles, roles, sizeof roles));
    for (int i = 0; i < r->n_windows; i++)
        printf("%s%s", i ? "," : "", r->windows[i]);
    printf("\t%s%s\n", r->active ? _("active") : _("inactive"),
           pin_is_locked(&r->lock, now) ? _(", locked") : "");
    return 0;
}

int verb_staff_list(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    char err[STORE_ERR_LEN];
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    int64_t now = events_now_ms();
    staff_rc r = staff_list(s, print_staff, &now, err, sizeof err);
    if (r != STAFF_OK)
        fprintf(stderr, "%s\n", err);
    store_close(s);
    return r == STAFF_OK ? VERB_OK : VERB_FAIL;
}

int verb_window_add(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    char err[STORE_ERR_LEN];
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    staff_rc r = window_add(s, argv[0], argv[1], err, sizeof err);
    if (r == STAFF_OK)
        printf(_("window %s added\n"), argv[0]);
    else
        fprintf(stderr, "%s\n", err);
    store_close(s);
    return r == STAFF_OK ? VERB_OK : VERB_FAIL;
}

static int print_window(const window_rec *w, void *arg)
{
    (void)arg;
    printf("%-8s %s\n", w->code, w->name);
    return 0;
}

int verb_window_list(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    char err[STORE_ERR_LEN];
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    staff_rc r = window_list(s, print_window, NULL, err, sizeof err);
    if (r != STAFF_OK)
        fprintf(stderr, "%s\n", err);
    store_close(s);
    return r == STAFF_OK ? VERB_OK : VERB_FAIL;
}

int verb_roster_set(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    char err[STORE_ERR_LEN];
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    staff_rc r = roster_set(s, argv[0], argv[1], argv[2], argv[3], NULL, events_now_ms(), err, sizeof err);
    if (r == STAFF_OK)
        printf(_("roster %s %s: A %s, B %s\n"), argv[0], argv[1], argv[2], argv[3]);
    else
        fprintf(stderr, "%s\n", err);
    store_close(s);
    return r == STAFF_OK ? VERB_OK : VERB_FAIL;
}

static int print_roster(const roster_line *l, void *arg)
{
    int *count = arg;
    ++*count;
    printf("%s %-8s %s\tA %s %s%s\tB %s %s%s\n", l->day, l->window, l->window_name, l->a.code, l->a.name,
           l->a.active ? "" : _(" (inactive)"), l->b.code, l->b.name, l->b.active ? "" : _(" (inactive)"));
    return 0;
}

int verb_roster_show(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    char err[STORE_ERR_LEN];
    gdate day;
    if (date_parse(argv[0], &day) != 0) {
        fprintf(stderr, _("not a date: %s (expected YYYY-MM-DD, a real day)\n"), argv[0]);
        return VERB_USAGE;
    }
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    int count = 0;
    staff_rc r = roster_show(s, argv[0], print_roster, &count, err, sizeof err);
    if (r != STAFF_OK)
        fprintf(stderr, "%s\n", err);
    else if (count == 0)
        printf(_("no roster for %s\n"), argv[0]);
    store_close(s);
    return r == STAFF_OK ? VERB_OK : VERB_FAIL;
}
