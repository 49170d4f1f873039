/* catalog_import.h - inside data/ only: what a catalogue import holds while
 * it checks a file (the keys of the format, the values found with their
 * lines, the items and materials), shared by catalog.c (reading, entry
 * points), catalog_check.c (every check) and catalog_write.c (the one
 * transaction that replaces the catalogue). */
#ifndef GUICHET_DATA_CATALOG_IMPORT_H
#define GUICHET_DATA_CATALOG_IMPORT_H

#include <iniparser/iniparser.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/phone.h"
#include "data/catalog.h"
#include "data/catalog_scan.h"

/* --- the keys of the format ------------------------------------------------- */

enum { T_TEXT, T_DAYS, T_CLASS, T_KIND, T_PHONE, T_ALIASES, T_FORM, T_COPIES, T_MKIND, T_YESNO };

typedef struct {
    const char *key;
    bool required;
    int type;
} field_def;

/* Item keys, in the column order of the INSERT in catalog_write.c. */
enum {
    IF_NAME, IF_KIND, IF_DEPARTMENT, IF_AUTHORITY, IF_CLASS, IF_BASIS, IF_CONDITIONS, IF_OBJECT,
    IF_STATUTORY, IF_PROMISED, IF_RESULT, IF_FEE, IF_FEE_BASIS, IF_PROCEDURE, IF_HANDLING, IF_REVIEW,
    IF_SCOPE, IF_BOOKING, IF_PLACE, IF_HOURS, IF_CONTACT, IF_COMPLAINT, IF_SPECIAL, IF_NOTE, IF_ALIASES, NITEM
};

/* Material keys. */
enum { MF_NAME, MF_FORM, MF_COPIES, MF_KIND, MF_DEFERRABLE, MF_NOTE, MF_SOURCE, NMAT };

/* --- what the import holds while it checks ------------------------------------ */

typedef struct {
    const char *value; /* from iniparser; NULL when absent */
    int line;
    bool from_defaults;
} fval;

typedef struct {
    int sec;          /* index of its section in the scan */
    const char *code; /* as written in the header */
    fval f[NITEM];
    case_class cls;
    int statutory, promised;
    char contact[PHONE_NORM_MAX];
    int mat[CATALOG_MAX_MATERIALS + 1]; /* index in mats of material n, -1 when absent */
} pitem;

typedef struct {
    int sec, item, n;
    fval f[NMAT];
    catalog_form form;
    int copies;
    ck_kind kind;
    bool deferrable;
} pmat;

typedef struct {
    const char *path;   /* the name errors and the version row give */
    const char *file;   /* where the bytes are read from (NULL: path) */
    bool nested;        /* the caller holds the transaction (catalog_import_text) */
    catalog_report *rep;
    int errors;
    dictionary *d;
    cscan scan;
    int defaults_sec;
    pitem *items;
    size_t nitems;
    pmat *mats;
    size_t nmats;
} importer;

/* The item and material keys of the format, indexed by IF_* and MF_*. */
extern const field_def cimp_item_fields[NITEM];
extern const field_def cimp_mat_fields[NMAT];

/* Record an error at a line of the file (0: the file as a whole); counts past the listed ones. */
void cimp_report(importer *im, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Check the indexed, parsed file: every error is reported; 0, or -1 when out of memory. */
int cimp_check(importer *im);
/* The next alias of a list separated by '、', '，' or ','; its trimmed bytes in *b..*e; NULL at the end. */
const char *cimp_next_alias(const char *p, const char **b, const char **e);
/* The initial sets of each alias, separated by spaces; 0, or -1 when they do not fit. */
int cimp_encode_aliases(const pinyin_table *py, const char *aliases, char *out, size_t cap);
/* Read, check and write the file at `file` under the name `path`; nested: inside the caller's
 * transaction.  0, or -1 with the errors in rep. */
int cimp_import(store *s, const char *path, const char *file, bool nested, const pinyin_table *py,
                catalog_report *rep);
/* Replace the catalogue with the checked file in one transaction (or inside the caller's when
 * im->nested); 0, or -1 (store_errmsg). */
int cimp_write(store *s, importer *im, const pinyin_table *py);

#endif
