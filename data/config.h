/* config.h - the client's configuration file (INI, see config.ini.example). */
#ifndef GUICHET_DATA_CONFIG_H
#define GUICHET_DATA_CONFIG_H

#include <limits.h>
#include <stddef.h>

#include "core/schedule.h"

#define CONFIG_TEXT_MAX 256 /* bytes of a text value (names, addresses, commands) */

/* [screen] colours */
typedef enum {
    CONFIG_COLOURS_AUTO = 0, /* colours when the terminal has them and NO_COLOR is not set */
    CONFIG_COLOURS_ON,
    CONFIG_COLOURS_OFF
} config_colours;

typedef struct {
    char calendar[PATH_MAX]; /* [paths] calendar: holiday file; "" = the default search */
    char db[PATH_MAX];       /* [paths] db: the database; "" = $XDG_DATA_HOME/guichet/guichet.db */
    char keymap[PATH_MAX];   /* [paths] keymap: the site's key file read over the defaults; "" = none */
    char save_dir[PATH_MAX]; /* [paths] save_dir: where notices are saved as text; "" = $HOME */

    char centre_code[CONFIG_TEXT_MAX];    /* [centre] code: the centre code in case numbers; "" = keep the file's */
    char centre_name[CONFIG_TEXT_MAX];    /* [centre] name, printed on notices */
    char centre_address[CONFIG_TEXT_MAX]; /* [centre] address */
    char centre_phone[CONFIG_TEXT_MAX];   /* [centre] phone: the enquiry line */
    char centre_complaint[CONFIG_TEXT_MAX]; /* [centre] complaint: the complaint line */
    char centre_hours[CONFIG_TEXT_MAX];   /* [centre] hours: opening hours */

    char terminal_code[CONFIG_TEXT_MAX];  /* [terminal] code: in case numbers; "" = keep the file's */
    char window[CONFIG_TEXT_MAX];         /* [terminal] window: the window this terminal serves; "" = the clerk's first */

    int idle_lock_minutes;   /* [screen] idle_lock_minutes: 0 = never; default 5 */
    int due_soon_days;       /* [screen] due_soon_days: working days left that count as due soon; default 1 */
    config_colours colours;  /* [screen] colours: auto, on, off */
    int esc_delay_ms;        /* [screen] esc_delay_ms: how long Esc waits for a sequence; default 100 */

    char print_command[CONFIG_TEXT_MAX]; /* [print] command: reads the notice on stdin; default "lp" */

    sched_config hours;      /* [hours] summer_/winter_ morning_start ... afternoon_end, summer_from,
                              * winter_from, grace_minutes (core/schedule.h checks them) */
    int leader_days_per_month; /* [attendance] leader_days_per_month: on-site days a leader owes a month; default 1 */
    int clock_skew_minutes;  /* [attendance] clock_skew_minutes: a punch this far from the centre's time is flagged; default 5 */

    int followup_days;       /* [supervision] followup_days: working days to close a bad-review follow-up, 5..15; default 5 */
    int soon_days;           /* [supervision] soon_days: "due soon" on the dashboard within this many working days; default 2 */
    int unrated_days;        /* [supervision] unrated_days: > 0: delivered this many days ago, never rated, counts
                              * as 基本满意; 0 (default): off */

    char sync_server[CONFIG_TEXT_MAX]; /* [sync] server: the centre's URL (https://host:port); "" = not configured */
    char sync_token_file[PATH_MAX];    /* [sync] token_file: file (mode 0600) holding this terminal's token */
    char sync_ca_file[PATH_MAX];       /* [sync] ca_file: CA certificates to verify the centre; "" = the system's */
    int sync_interval_seconds;         /* [sync] interval_seconds: between passes of guichet-sync; default 60 */
    int sync_autostart;                /* [sync] autostart: the screen starts guichet-sync (1, default) or not (0) */
    char sync_proxy[CONFIG_TEXT_MAX];  /* [sync] proxy: CURLOPT_PROXY (http://host:port); "" = https_proxy / no_proxy */
    char sync_pinned_pubkey[CONFIG_TEXT_MAX]; /* [sync] pinned_pubkey: CURLOPT_PINNEDPUBLICKEY (sha256//...); "" = none */
} gconfig;

/* Fill cfg with the defaults of config.ini.example. */
void config_defaults(gconfig *cfg);

/* Read FILE over the values already in cfg; 0 on success, -1 with a message naming file, line or key. */
int config_load(const char *path, gconfig *cfg, char *err, size_t errlen);

/* The default config path ($XDG_CONFIG_HOME or ~/.config)/guichet/config.ini into buf; 0 if it exists. */
int config_default_path(char *buf, size_t len);

#endif
