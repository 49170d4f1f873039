/* srv_admin.h - guichetd's administration verbs on its store:
 * terminal add NAME | terminal list | terminal revoke NAME | stats. */
#ifndef GUICHETD_SRV_ADMIN_H
#define GUICHETD_SRV_ADMIN_H

#include <stdbool.h>

/* True when argv[0] names an admin verb. */
bool srv_admin_is_verb(const char *word);
/* Run the verb in argv on the database at db; returns the exit status (0 ok, 1 refused or failed, 2 usage). */
int srv_admin_run(const char *db, int argc, char **argv);

#endif
