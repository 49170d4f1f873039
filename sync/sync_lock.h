/* sync_lock.h - one guichet-sync per database: an exclusive flock on
 * "<db>.sync.lock", held for the life of the process (the kernel lets go
 * when it ends, however it ends), with the holder's pid written in the file
 * so a second agent can say who runs. */
#ifndef GUICHET_SYNC_LOCK_H
#define GUICHET_SYNC_LOCK_H

#include <stddef.h>

/* Take the lock of database db_path: 0 (*fd holds it; keep it open), 1 another process holds it (err names its
 * pid and the file), -1 it cannot be made (err says why). */
int sync_lock_take(const char *db_path, int *fd, char *err, size_t errlen);
/* Let the lock go (fd < 0 is fine). */
void sync_lock_release(int fd);

#endif
