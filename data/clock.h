/* clock.h - the terminal's clock: today's local date. */
#ifndef GUICHET_DATA_CLOCK_H
#define GUICHET_DATA_CLOCK_H

#include "core/date.h"

/* Today's date on the terminal's local clock (1970-01-01 if the clock cannot be read). */
gdate clock_local_today(void);

#endif
