/* config.c - reading config.ini with iniparser.
 *
 * Strict on purpose: an unknown section or key is an error naming it, so a
 * typo ("calender") is reported instead of silently ignored.  iniparser's
 * syntax errors carry the line number; they are captured through its error
 * callback and passed on. */
#include "data/config.h"

#include <iniparser/iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The keys this version understands ("section:key", lowercase as iniparser stores them). */
static const char *const known_keys[] = {
    "paths:calendar",     "paths:db",          "paths:keymap",          "paths:save_dir",
    "centre:code",        "centre:name",       "centre:address",        "centre:phone",
    "centre:complaint",   "centre:hours",      "terminal:code",         "terminal:window",
    "screen:idle_lock_minutes", "screen:due_soon_days", "screen:colours", "screen:esc_delay_ms",
    "print:command",
    "hours:summer_morning_start", "hours:summer_morning_end", "hours:summer_afternoon_start",
    "hours:summer_afternoon_end", "hours:winter_morning_start", "hours:winter_morning_end",
    "hours:winter_afternoon_start", "hours:winter_afternoon_end", "hours:summer_from", "hours:winter_from",
    "hours:grace_minutes", "attendance:leader_days_per_month", "attendance:clock_skew_minutes",
    "supervision:followup_days", "supervision:soon_days", "supervision:unrated_days",
    "sync:server", "sync:token_file", "sync:ca_file", "sync:interval_seconds", "sync:proxy", "sync:pinned_pubkey",
    "sync:autostart",
};

static char parse_error[512];

static int capture_error(const char *fmt, ...)
{
    size_t used = strlen(parse_error);
    va_list ap;
    va_start(ap, fmt);
    if (used < sizeof parse_error - 1)
        vsnprintf(parse_error + used, sizeof parse_error - used, fmt, ap);
    va_end(ap);
    return 0;
}

void config_defaults(gconfig *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->idle_lock_minutes = 5;
    cfg->due_soon_days = 1;
    cfg->colours = CONFIG_COLOURS_AUTO;
    cfg->esc_delay_ms = 100;
    snprintf(cfg->print_command, sizeof cfg->print_command, "lp");
    /* A typical township schedule (config.ini.example): each centre sets its own. */
    cfg->hours = (sched_config){
        .summer = {8 * 60 + 30, 12 * 60, 14 * 60 + 30, 18 * 60},
        .winter = {8 * 60 + 30, 12 * 60, 14 * 60, 17 * 60 + 30},
        .summer_from = {5, 1},
        .winter_from = {10, 1},
        .grace_minutes = 5,
    };
    cfg->leader_days_per_month = 1;
    cfg->clock_skew_minutes = 5;
    cfg->followup_days = 5; /* core/supervise.h SV_FOLLOWUP_DAYS_DEFAULT */
    cfg->soon_days = 2;
    cfg->unrated_days = 0;
    cfg->sync_interval_seconds = 60;
    cfg->sync_autostart = 1;
}

static int key_known(const char *key)
{
    for (size_t i = 0; i < sizeof known_keys / sizeof known_keys[0]; i++)
        if (strcmp(known_keys[i], key) == 0)
            return 1;
    return 0;
}

/* Every key of every section must be one we know. */
static int check_keys(const dictionary *d, const char *path, char *err, size_t errlen)
{
    for (int s = 0; s < iniparser_getnsec(d); s++) {
        const char *sec = iniparser_getsecname(d, s);
        int n = iniparser_getsecnkeys(d, sec);
        if (n <= 0)
            continue;
        const char **keys = calloc((size_t)n, sizeof *keys);
        if (!keys) {
            snprintf(err, errlen, "%s: out of memory", path);
            return -1;
        }
        iniparser_getseckeys(d, sec, keys);
        for (int k = 0; k < n; k++) {
            if (!key_known(keys[k])) {
                snprintf(err, errlen, "%s: unknown key '%s'", path, keys[k]);
                free(keys);
                return -1;
            }
        }
        free(keys);
    }
    return 0;
}

static void one_line(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
}

/* Copy a path-valued key (when present) into dst, a PATH_MAX buffer. */
static int copy_path(const dictionary *d, const char *key, char *dst, const char *file, char *err, size_t errlen)
{
    const char *v = iniparser_getstring(d, key, NULL);
    if (!v)
        return 0;
    if (strlen(v) >= PATH_MAX) {
        snprintf(err, errlen, "%s: %s is too long", file, key);
        return -1;
    }
    snprintf(dst, PATH_MAX, "%s", v);
    return 0;
}

/* Copy a text-valued key (when present) into dst (CONFIG_TEXT_MAX bytes): one line, printable. */
static int copy_text(const dictionary *d, const char *key, char *dst, const char *file, char *err, size_t errlen)
{
    const char *v = iniparser_getstring(d, key, NULL);
    if (!v)
        return 0;
    if (strlen(v) >= CONFIG_TEXT_MAX) {
        snprintf(err, errlen, "%s: %s is longer than %d bytes", file, key, CONFIG_TEXT_MAX - 1);
        return -1;
    }
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 0x20 || *p == 0x7f) {
            snprintf(err, errlen, "%s: %s holds a control character", file, key);
            return -1;
        }
    snprintf(dst, CONFIG_TEXT_MAX, "%s", v);
    return 0;
}

/* Read an integer key (when present) in [lo, hi] into *dst. */
static int copy_int(const dictionary *d, const char *key, int lo, int hi, int *dst, const char *file, char *err,
                    size_t errlen)
{
    const char *v = iniparser_getstring(d, key, NULL);
    if (!v)
        return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi) {
        snprintf(err, errlen, "%s: %s must be a whole number from %d to %d, not '%s'", file, key, lo, hi, v);
        return -1;
    }
    *dst = (int)n;
    return 0;
}

/* [screen] colours: auto, on or off. */
static int copy_colours(const dictionary *d, config_colours *dst, const char *file, char *err, size_t errlen)
{
    const char *v = iniparser_getstring(d, "screen:colours", NULL);
    if (!v)
        return 0;
    static const char *const names[] = {"auto", "on", "off"};
    for (int i = 0; i < 3; i++)
        if (strcmp(v, names[i]) == 0) {
            *dst = (config_colours)i;
            return 0;
        }
    snprintf(err, errlen, "%s: screen:colours must be auto, on or off, not '%s'", file, v);
    return -1;
}

/* A yes/no key (when present): true/yes/on/1 or false/no/off/0 into *dst as 1 or 0. */
static int copy_bool(const dictionary *d, const char *key, int *dst, const char *file, char *err, size_t errlen)
{
    const char *v = iniparser_getstring(d, key, NULL);
    if (!v)
        return 0;
    static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0"};
    for (int i = 0; i < 4; i++)
        if (strcmp(v, yes[i]) == 0 || strcmp(v, no[i]) == 0) {
            *dst = strcmp(v, yes[i]) == 0;
            return 0;
        }
    snprintf(err, errlen, "%s: %s must be true or false, not '%s'", file, key, v);
    return -1;
}

/* An HH:MM key of [hours] (when present) into minutes since midnight. */
static int copy_hhmm(const dictionary *d, const char *key, int *dst, const char *file, char *err, size_t errlen)
{
    const char *v = iniparser_getstring(d, key, NULL);
    if (!v)
        return 0;
    if (sched_parse_hhmm(v, dst) != 0) {
        snprintf(err, errlen, "%s: %s must be a time HH:MM from 00:00 to 24:00, not '%s'", file, key, v);
        return -1;
    }
    return 0;
}

/* An MM-DD key of [hours] (when present). */
static int copy_monthday(const dictionary *d, const char *key, sched_monthday *dst, const char *file, char *err,
                         size_t errlen)
{
    const char *v = iniparser_getstring(d, key, NULL);
    if (!v)
        return 0;
    if (sched_parse_monthday(v, dst) != 0) {
        snprintf(err, errlen, "%s: %s must be a day of the year MM-DD (05-01), not '%s'", file, key, v);
        return -1;
    }
    return 0;
}

/* [hours]: both seasons' sessions, the switch days and the grace, checked together by core/schedule.h. */
static int read_hours(const dictionary *d, sched_config *h, const char *f, char *err, size_t n)
{
    struct { const char *key; int *dst; } times[] = {
        {"hours:summer_morning_start", &h->summer.morning_start},
        {"hours:summer_morning_end", &h->summer.morning_end},
        {"hours:summer_afternoon_start", &h->summer.afternoon_start},
        {"hours:summer_afternoon_end", &h->summer.afternoon_end},
        {"hours:winter_morning_start", &h->winter.morning_start},
        {"hours:winter_morning_end", &h->winter.morning_end},
        {"hours:winter_afternoon_start", &h->winter.afternoon_start},
        {"hours:winter_afternoon_end", &h->winter.afternoon_end},
    };
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++)
        if (copy_hhmm(d, times[i].key, times[i].dst, f, err, n) != 0)
            return -1;
    if (copy_monthday(d, "hours:summer_from", &h->summer_from, f, err, n) != 0 ||
        copy_monthday(d, "hours:winter_from", &h->winter_from, f, err, n) != 0 ||
        copy_int(d, "hours:grace_minutes", 0, SCHED_GRACE_MAX, &h->grace_minutes, f, err, n) != 0)
        return -1;
    const char *bad = NULL;
    sched_status st = sched_check(h, &bad);
    if (st != SCHED_OK) {
        snprintf(err, n, "%s: hours:%s: %s", f, bad ? bad : "?", sched_reason(st));
        return -1;
    }
    return 0;
}

/* Every key into cfg, stopping at the first bad value. */
static int read_values(const dictionary *d, gconfig *c, const char *f, char *err, size_t n)
{
    struct { const char *key; char *dst; } paths[] = {
        {"paths:calendar", c->calendar}, {"paths:db", c->db}, {"paths:keymap", c->keymap},
        {"paths:save_dir", c->save_dir}, {"sync:token_file", c->sync_token_file},
        {"sync:ca_file", c->sync_ca_file},
    };
    struct { const char *key; char *dst; } texts[] = {
        {"centre:code", c->centre_code},     {"centre:name", c->centre_name},
        {"centre:address", c->centre_address}, {"centre:phone", c->centre_phone},
        {"centre:complaint", c->centre_complaint}, {"centre:hours", c->centre_hours},
        {"terminal:code", c->terminal_code}, {"terminal:window", c->window},
        {"print:command", c->print_command}, {"sync:server", c->sync_server},
        {"sync:proxy", c->sync_proxy},       {"sync:pinned_pubkey", c->sync_pinned_pubkey},
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        if (copy_path(d, paths[i].key, paths[i].dst, f, err, n) != 0)
            return -1;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (copy_text(d, texts[i].key, texts[i].dst, f, err, n) != 0)
            return -1;
    if (copy_int(d, "screen:idle_lock_minutes", 0, 240, &c->idle_lock_minutes, f, err, n) != 0 ||
        copy_int(d, "screen:due_soon_days", 0, 30, &c->due_soon_days, f, err, n) != 0 ||
        copy_int(d, "screen:esc_delay_ms", 1, 2000, &c->esc_delay_ms, f, err, n) != 0 ||
        copy_int(d, "attendance:leader_days_per_month", 0, 31, &c->leader_days_per_month, f, err, n) != 0 ||
        copy_int(d, "attendance:clock_skew_minutes", 1, 120, &c->clock_skew_minutes, f, err, n) != 0 ||
        copy_int(d, "supervision:followup_days", 5, 15, &c->followup_days, f, err, n) != 0 ||
        copy_int(d, "supervision:soon_days", 0, 30, &c->soon_days, f, err, n) != 0 ||
        copy_int(d, "supervision:unrated_days", 0, 365, &c->unrated_days, f, err, n) != 0 ||
        copy_int(d, "sync:interval_seconds", 1, 86400, &c->sync_interval_seconds, f, err, n) != 0 ||
        copy_bool(d, "sync:autostart", &c->sync_autostart, f, err, n) != 0 ||
        read_hours(d, &c->hours, f, err, n) != 0)
        return -1;
    return copy_colours(d, &c->colours, f, err, n);
}

int config_load(const char *path, gconfig *cfg, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    fclose(f);
    parse_error[0] = '\0';
    iniparser_set_error_callback(capture_error);
    dictionary *d = iniparser_load(path);
    if (!d) {
        one_line(parse_error);
        snprintf(err, errlen, "%s", parse_error[0] ? parse_error : path);
        return -1;
    }
    int rc = check_keys(d, path, err, errlen);
    if (rc == 0)
        rc = read_values(d, cfg, path, err, errlen);
    iniparser_freedict(d);
    return rc;
}

int config_default_path(char *buf, size_t len)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg && *xdg)
        n = snprintf(buf, len, "%s/guichet/config.ini", xdg);
    else if (home && *home)
        n = snprintf(buf, len, "%s/.config/guichet/config.ini", home);
    else
        return -1;
    if (n < 0 || (size_t)n >= len)
        return -1;
    struct stat st;
    return stat(buf, &st) == 0 ? 0 : -1;
}
