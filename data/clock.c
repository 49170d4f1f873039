/* clock.c - reading the terminal's local date (core/ takes dates as arguments). */
#include "data/clock.h"

#include <time.h>

gdate clock_local_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return (gdate){1970, 1, 1};
    return (gdate){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}
