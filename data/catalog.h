/* catalog.h - the item catalogue (政务服务事项 and their 办事指南): import
 * from the INI format of docs/catalog.md, all or nothing, every error with
 * file:line; the list for `guichet catalog list`; one item with its
 * materials for the screens; and the search a clerk types into (code,
 * name substring, pinyin initials such as "jhdj" for 结婚登记).
 * tui/ sees only this header: no SQL. */
#ifndef GUICHET_DATA_CATALOG_H
#define GUICHET_DATA_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/case.h"
#include "core/checklist.h"
#include "core/pinyin.h"
#include "data/store.h"

#define CATALOG_FILE_MAX_BYTES (4u * 1024u * 1024u) /* a catalogue of a few hundred items is < 1 MiB */
#define CATALOG_CODE_MAX 40        /* bytes of an item code: ASCII letters, digits, '-' and '_' */
#define CATALOG_NAME_MAX 200       /* bytes of an item name */
#define CATALOG_MAX_MATERIALS CK_MAX_MATERIALS
#define CATALOG_MAX_ALIASES 8      /* other names of an item (低保 for 最低生活保障审核确认) */
#define CATALOG_MAX_DAYS 3650      /* largest time limit accepted, in working days */
#define CATALOG_MAX_COPIES 99
#define CATALOG_MAX_ERRORS 20      /* errors listed in a report; more are counted */
#define CATALOG_ERROR_LEN 480

/* 原件 / 复印件 / 电子 */
typedef enum {
    CATALOG_FORM_ORIGINAL = 0,
    CATALOG_FORM_COPY,
    CATALOG_FORM_ELECTRONIC,
    CATALOG_FORM_COUNT
} catalog_form;

/* What an import did, or why it changed nothing. */
typedef struct {
    int items, materials;   /* imported (0 on failure) */
    long long version;      /* the new catalogue version's id (0 on failure) */
    char sha256[65];        /* of the file's bytes, hex */
    int nerrors;            /* errors listed in errors[] */
    int more_errors;        /* errors found beyond CATALOG_MAX_ERRORS */
    char errors[CATALOG_MAX_ERRORS][CATALOG_ERROR_LEN]; /* "FILE:LINE: what is wrong", English */
} catalog_report;

/* One catalogue version (an import). */
typedef struct {
    long long id;
    char file[1024];
    char sha256[65];
    int items, materials;
    char imported_at[32];   /* UTC, "YYYY-MM-DDTHH:MM:SS.SSSZ" */
} catalog_version_info;

/* One line of `guichet catalog list` (pointers valid during the callback only). */
typedef struct {
    const char *code, *name, *kind, *department;
    case_class cls;
    int promised_days, statutory_days; /* working days */
    int materials;
} catalog_row;

/* Called once per item, in code order; return non-zero to stop. */
typedef int (*catalog_row_fn)(const catalog_row *row, void *ctx);

/* An item's guide (办事指南); every string is owned by the item (catalog_item_free). */
typedef struct {
    char *code, *name, *initials, *kind, *department, *authority;
    case_class cls;
    char *basis, *conditions, *object;
    int statutory_days, promised_days; /* working days; promised_days of a referred item = the forwarding time */
    char *result, *fee, *fee_basis, *procedure, *handling, *review, *scope, *booking;
    char *place, *hours, *contact, *complaint, *special, *note;
    char *aliases;    /* other names clerks and applicants use, '、'-separated ("" when none) */
    long long version;
} catalog_item;

/* One required material (申请材料). */
typedef struct {
    int n;            /* 1, 2, 3 ... its number in the guide */
    char *name;
    catalog_form form;
    int copies;       /* 0 = shown for verification and handed back */
    ck_kind kind;     /* essential (主件) / auxiliary (副件) */
    bool deferrable;  /* 容缺 may defer it (auxiliary only) */
    char *note, *source;
} catalog_material;

/* An item's materials, in order (catalog_materials_free). */
typedef struct {
    catalog_material *v;
    size_t n;
} catalog_materials;

/* How a search hit matched, best first. */
typedef enum {
    CATALOG_MATCH_CODE = 0,        /* the query is the item code */
    CATALOG_MATCH_CODE_PREFIX,     /* the code starts with the query */
    CATALOG_MATCH_INITIALS_PREFIX, /* "jhdj" -> 结婚登记: initials of the name or an alias start with it */
    CATALOG_MATCH_NAME,            /* the name or an alias contains the query */
    CATALOG_MATCH_INITIALS,        /* the initials of the name or an alias contain the query further in */
} catalog_match;

/* One search hit. */
typedef struct {
    char code[CATALOG_CODE_MAX + 1];
    char name[CATALOG_NAME_MAX + 1];
    case_class cls;
    catalog_match match;
} catalog_hit;

/* Import a catalogue file with the default pinyin table: all or nothing; 0, or -1 with rep->errors. */
int catalog_import(store *s, const char *path, catalog_report *rep);
/* Import with a given pinyin table (loaded once by the caller). */
int catalog_import_with(store *s, const char *path, const pinyin_table *py, catalog_report *rep);
/* Import a catalogue given as text (the centre's centre.catalog), named `name` in errors, INSIDE the
 * caller's transaction (catalog_text.c): 0, or -1 with rep->errors (the caller rolls back). */
int catalog_import_text(store *s, const char *name, const char *text, size_t len, catalog_report *rep);
/* The catalogue version in use: 0, 1 when nothing was ever imported, -1 on error (store_errmsg). */
int catalog_current_version(store *s, catalog_version_info *out);
/* Call fn for each item in code order; the number of items visited, or -1 on error (store_errmsg). */
int catalog_list(store *s, catalog_row_fn fn, void *ctx);
/* One item (code compared without letter case) and its materials (mats may be NULL):
 * 0, 1 when there is no such item, -1 on error (store_errmsg).  Free both on 0. */
int catalog_get(store *s, const char *code, catalog_item *item, catalog_materials *mats);
/* Free what catalog_get filled (safe on a zeroed struct). */
void catalog_item_free(catalog_item *item);
/* Free what catalog_get filled (safe on a zeroed struct). */
void catalog_materials_free(catalog_materials *mats);
/* The materials as core/checklist.h wants them (names point into mats); how many were written. */
size_t catalog_materials_to_ck(const catalog_materials *mats, ck_material *out, size_t cap);
/* Search by code, name substring and pinyin initials, best first: the number of hits written
 * (at most max), or -1 on error (store_errmsg).  A blank query finds nothing. */
int catalog_search(store *s, const char *query, catalog_hit *hits, size_t max);
/* Stable ASCII id of a material form ("original", "copy", "electronic"); NULL if unknown. */
const char *catalog_form_name(catalog_form f);
/* The form whose name is `name` (ASCII id or 原件/复印件/电子); CATALOG_FORM_COUNT if none. */
catalog_form catalog_form_from_name(const char *name);

#endif
