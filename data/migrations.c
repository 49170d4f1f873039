/* migrations.c - the list of numbered schema migrations. */
#include "data/migrations.h"

static const migration list[] = {
    {1, "base", schema_0001_base},
};

const migration *migrations_all(int *n)
{
    *n = (int)(sizeof list / sizeof list[0]);
    return list;
}
