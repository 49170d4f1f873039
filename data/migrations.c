/* migrations.c - the list of numbered schema migrations. */
#include "data/migrations.h"

static const migration list[] = {
    {1, "base", schema_0001_base},
    {2, "events", schema_0002_events},
    {3, "catalog", schema_0003_catalog},
    {4, "staff", schema_0004_staff},
    {5, "cases", schema_0005_cases},
    {6, "caseview", schema_0006_caseview},
    {7, "duty", schema_0007_duty},
    {8, "open", schema_0008_open},
    {9, "sync", schema_0009_sync},
    {10, "pull", schema_0010_pull},
    {11, "drill", schema_0011_drill},
    {12, "supervise", schema_0012_supervise},
};

const migration *migrations_all(int *n)
{
    *n = (int)(sizeof list / sizeof list[0]);
    return list;
}
