/* names.c - looking up an enum value by its stable ASCII name. */
#include "core/names.h"

#include <string.h>

int names_index(const char *const *names, int n, const char *name)
{
    if (!name)
        return n;
    for (int i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], name) == 0)
            return i;
    return n;
}
