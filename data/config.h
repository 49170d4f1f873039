/* config.h - the client's configuration file (INI, see config.ini.example). */
#ifndef GUICHET_DATA_CONFIG_H
#define GUICHET_DATA_CONFIG_H

#include <limits.h>
#include <stddef.h>

typedef struct {
    char calendar[PATH_MAX]; /* [paths] calendar: holiday file; "" = the default search */
    char db[PATH_MAX];       /* [paths] db: the database; "" = $XDG_DATA_HOME/guichet/guichet.db */
} gconfig;

/* Fill cfg with the defaults of config.ini.example. */
void config_defaults(gconfig *cfg);
/* Read FILE over the values already in cfg; 0 on success, -1 with a message naming file, line or key. */
int config_load(const char *path, gconfig *cfg, char *err, size_t errlen);
/* The default config path ($XDG_CONFIG_HOME or ~/.config)/guichet/config.ini into buf; 0 if it exists. */
int config_default_path(char *buf, size_t len);

#endif
