/* sync_backoff.h - how long guichet-sync waits after a failed exchange:
 * 1 s, doubling with each failure of the same event, at most 10 minutes,
 * and never less than the centre's Retry-After. */
#ifndef GUICHET_SYNC_BACKOFF_H
#define GUICHET_SYNC_BACKOFF_H

#define SYNC_BACKOFF_MAX_S 600L          /* 10 minutes */
#define SYNC_RETRY_AFTER_MAX_S 3600L     /* a Retry-After beyond an hour is read as an hour */

/* Seconds to wait after the attempts-th failure (1, 2, ...) when the centre said Retry-After (-1: did not). */
long sync_backoff_seconds(int attempts, long retry_after_s);

#endif
