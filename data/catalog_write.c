/* catalog_write.c - writing a checked catalogue: one transaction that clears
 * the old items and materials, records the version (file, sha256, time) and
 * inserts every item with its pinyin initials and every material.  Any
 * failure rolls the whole transaction back. */
#include "data/catalog_import.h"

#include <stdio.h>
#include <string.h>

#include "data/store_db.h"

/* --- writing -------------------------------------------------------------------------------- */

static int step_done(store *s, sqlite3_stmt *st, const char *doing)
{
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail_sql(s, doing);
}

static int run(store *s, const char *sql, const char *doing)
{
    sqlite3_stmt *st = store_prepare(s, sql);
    return st ? step_done(s, st, doing) : -1;
}

static int insert_version(store *s, importer *im, long long *id)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO catalog_version(file, sha256, items, materials, imported_at) "
                                        "VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, im->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, im->rep->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, (int)im->nitems);
    sqlite3_bind_int(st, 4, (int)im->nmats);
    if (step_done(s, st, "recording the catalogue version") != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(store_db(s));
    return 0;
}

static int insert_item(store *s, const pitem *it, const char *initials, const char *alias_initials,
                       long long version)
{
    sqlite3_stmt *st = store_prepare(s,
        "INSERT INTO catalog_item(code, name, kind, department, authority, class, basis, conditions, object, "
        "statutory_days, promised_days, result, fee, fee_basis, procedure, handling, review, scope, booking, "
        "place, hours, contact, complaint, special, note, aliases, initials, alias_initials, version) VALUES (?1, "
        "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, "
        "?24, ?25, ?26, ?27, ?28, ?29)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, it->code, -1, SQLITE_STATIC);
    for (int f = 0; f < NITEM; f++) {
        int p = f + 2;
        if (f == IF_STATUTORY || f == IF_PROMISED)
            sqlite3_bind_int(st, p, f == IF_STATUTORY ? it->statutory : it->promised);
        else if (f == IF_CLASS)
            sqlite3_bind_text(st, p, case_class_name(it->cls), -1, SQLITE_STATIC);
        else if (f == IF_CONTACT)
            sqlite3_bind_text(st, p, it->contact, -1, SQLITE_STATIC);
        else
            sqlite3_bind_text(st, p, it->f[f].value ? it->f[f].value : "", -1, SQLITE_STATIC);
    }
    sqlite3_bind_text(st, NITEM + 2, initials, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, NITEM + 3, alias_initials, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, NITEM + 4, version);
    return step_done(s, st, "storing a catalogue item");
}

static int insert_material(store *s, const pitem *it, const pmat *m)
{
    sqlite3_stmt *st = store_prepare(s, "INSERT INTO catalog_material(item, n, name, form, copies, kind, "
                                        "can_defer, note, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, it->code, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, m->n);
    sqlite3_bind_text(st, 3, m->f[MF_NAME].value, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, catalog_form_name(m->form), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, m->copies);
    sqlite3_bind_text(st, 6, m->kind == CK_ESSENTIAL ? "essential" : "auxiliary", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, m->deferrable);
    sqlite3_bind_text(st, 8, m->f[MF_NOTE].value ? m->f[MF_NOTE].value : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, m->f[MF_SOURCE].value ? m->f[MF_SOURCE].value : "", -1, SQLITE_STATIC);
    return step_done(s, st, "storing a material");
}

static int insert_items(store *s, importer *im, const pinyin_table *py, long long version)
{
    char initials[PINYIN_SETS_MAX], alias_initials[CATALOG_MAX_ALIASES * PINYIN_SETS_MAX];
    for (size_t i = 0; i < im->nitems; i++) {
        const pitem *it = &im->items[i];
        if (pinyin_encode(py, it->f[IF_NAME].value, initials, sizeof initials) != 0 ||
            cimp_encode_aliases(py, it->f[IF_ALIASES].value, alias_initials, sizeof alias_initials) != 0)
            return store_fail(s, "%s: item '%s': cannot compute the pinyin initials of its names", im->path,
                              it->code);
        if (insert_item(s, it, initials, alias_initials, version) != 0)
            return -1;
    }
    for (size_t i = 0; i < im->nmats; i++)
        if (insert_material(s, &im->items[im->mats[i].item], &im->mats[i]) != 0)
            return -1;
    return 0;
}

/* Replace the catalogue in one transaction. */
int cimp_write(store *s, importer *im, const pinyin_table *py)
{
    long long version = 0;
    if (!im->nested && store_begin(s) != 0)
        return -1;
    if (run(s, "DELETE FROM catalog_material", "clearing the old materials") != 0 ||
        run(s, "DELETE FROM catalog_item", "clearing the old items") != 0 ||
        insert_version(s, im, &version) != 0 || insert_items(s, im, py, version) != 0) {
        if (!im->nested)
            store_rollback(s);
        return -1;
    }
    if (!im->nested && store_commit(s) != 0)
        return -1;
    im->rep->version = version;
    im->rep->items = (int)im->nitems;
    im->rep->materials = (int)im->nmats;
    return 0;
}

