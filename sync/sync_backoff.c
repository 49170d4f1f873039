/* sync_backoff.c - exponential backoff with a cap, honouring Retry-After. */
#include "sync/sync_backoff.h"

long sync_backoff_seconds(int attempts, long retry_after_s)
{
    long wait = 1;
    for (int i = 1; i < attempts && wait < SYNC_BACKOFF_MAX_S; i++)
        wait *= 2;
    if (wait > SYNC_BACKOFF_MAX_S)
        wait = SYNC_BACKOFF_MAX_S;
    if (retry_after_s > SYNC_RETRY_AFTER_MAX_S)
        retry_after_s = SYNC_RETRY_AFTER_MAX_S;
    return retry_after_s > wait ? retry_after_s : wait;
}
