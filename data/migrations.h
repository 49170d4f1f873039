/* migrations.h - the numbered schema migrations, oldest first.  Each lives in
 * its own data/schema_NNNN_*.c file as one SQL string; a migration is never
 * edited once shipped: a change is a new number. */
#ifndef GUICHET_DATA_MIGRATIONS_H
#define GUICHET_DATA_MIGRATIONS_H

typedef struct {
    int version;     /* 1, 2, 3 ... without gaps */
    const char *name;
    const char *sql; /* applied in one transaction with the version bump */
} migration;

/* The migrations, in order; *n receives how many. */
const migration *migrations_all(int *n);

extern const char schema_0001_base[];
extern const char schema_0002_events[];
extern const char schema_0003_catalog[];
extern const char schema_0004_staff[];
extern const char schema_0005_cases[];
extern const char schema_0006_caseview[];
extern const char schema_0007_duty[];
extern const char schema_0008_open[];
extern const char schema_0009_sync[];
extern const char schema_0010_pull[];
extern const char schema_0011_drill[];
extern const char schema_0012_supervise[];

#endif
