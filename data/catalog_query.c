/* catalog_query.c - reading the imported catalogue: the version in use, the
 * list for `guichet catalog list`, one item with its materials for the
 * screens, and the search a clerk types into.
 *
 * Search reads code, name and stored initials of every item with one
 * prepared statement (a catalogue holds a few hundred items) and matches in
 * C: exact code, code prefix, pinyin-initials prefix, name substring,
 * initials further in - in that order of rank; code prefixes sort by code,
 * other ranks by the earlier match, then the shorter name, then the code. */
#include "data/catalog.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/store_db.h"

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* --- version ------------------------------------------------------------------ */

int catalog_current_version(store *s, catalog_version_info *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_prepare(s, "SELECT id, file, sha256, items, materials, imported_at "
                                        "FROM catalog_version ORDER BY id DESC LIMIT 1");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        copy_text(out->file, sizeof out->file, col_text(st, 1));
        copy_text(out->sha256, sizeof out->sha256, col_text(st, 2));
        out->items = sqlite3_column_int(st, 3);
        out->materials = sqlite3_column_int(st, 4);
        copy_text(out->imported_at, sizeof out->imported_at, col_text(st, 5));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? 1 : store_fail_sql(s, "reading the catalogue version");
}

/* --- list ------------------------------------------------------------------------ */

int catalog_list(store *s, catalog_row_fn fn, void *ctx)
{
    sqlite3_stmt *st = store_prepare(s,
        "SELECT i.code, i.name, i.kind, i.department, i.class, i.promised_days, i.statutory_days, "
        "(SELECT count(*) FROM catalog_material m WHERE m.item = i.code) "
        "FROM catalog_item i ORDER BY i.code COLLATE NOCASE");
    if (!st)
        return -1;
    int count = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        catalog_row row = {
            .code = col_text(st, 0), .name = col_text(st, 1), .kind = col_text(st, 2),
            .department = col_text(st, 3), .cls = case_class_from_name(col_text(st, 4)),
            .promised_days = sqlite3_column_int(st, 5), .statutory_days = sqlite3_column_int(st, 6),
            .materials = sqlite3_column_int(st, 7),
        };
        count++;
        if (fn && fn(&row, ctx) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? count : store_fail_sql(s, "listing the catalogue");
}

/* --- one item ------------------------------------------------------------------------ */

/* Item columns in the order of the SELECT in catalog_get; NULL marks a non-text column. */
static char **item_slot(catalog_item *it, int col)
{
    char **slots[] = {
        &it->code, &it->name, &it->initials, &it->kind, &it->department, &it->authority, NULL,
        &it->basis, &it->conditions, &it->object, NULL, NULL, &it->result, &it->fee, &it->fee_basis,
        &it->procedure, &it->handling, &it->review, &it->scope, &it->booking, &it->place, &it->hours,
        &it->contact, &it->complaint, &it->special, &it->note, &it->aliases,
    };
    return col < (int)(sizeof slots / sizeof slots[0]) ? slots[col] : NULL;
}

#define ITEM_COLUMNS 28

static int fill_item(sqlite3_stmt *st, catalog_item *it)
{
    memset(it, 0, sizeof *it);
    for (int c = 0; c < ITEM_COLUMNS - 1; c++) {
        char **slot = item_slot(it, c);
        if (slot && !(*slot = strdup(col_text(st, c))))
            return -1;
    }
    it->cls = case_class_from_name(col_text(st, 6));
    it->statutory_days = sqlite3_column_int(st, 10);
    it->promised_days = sqlite3_column_int(st, 11);
    it->version = sqlite3_column_int64(st, ITEM_COLUMNS - 1);
    return 0;
}

static int fill_material(sqlite3_stmt *st, catalog_material *m)
{
    memset(m, 0, sizeof *m);
    m->n = sqlite3_column_int(st, 0);
    m->form = catalog_form_from_name(col_text(st, 2));
    m->copies = sqlite3_column_int(st, 3);
    m->kind = strcmp(col_text(st, 4), "essential") == 0 ? CK_ESSENTIAL : CK_AUXILIARY;
    m->deferrable = sqlite3_column_int(st, 5) != 0;
    m->name = strdup(col_text(st, 1));
    m->note = strdup(col_text(st, 6));
    m->source = strdup(col_text(st, 7));
    return m->name && m->note && m->source ? 0 : -1;
}

static int get_materials(store *s, const char *code, catalog_materials *mats)
{
    memset(mats, 0, sizeof *mats);
    sqlite3_stmt *st = store_prepare(s, "SELECT n, name, form, copies, kind, can_defer, note, source "
                                        "FROM catalog_material WHERE item = ?1 ORDER BY n");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        catalog_material *v = realloc(mats->v, (mats->n + 1) * sizeof *v);
        if (v)
            mats->v = v;
        if (!v || fill_material(st, &v[mats->n++]) != 0) {
            sqlite3_finalize(st);
            catalog_materials_free(mats);
            return store_fail(s, "out of memory reading materials");
        }
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return 0;
    catalog_materials_free(mats);
    return store_fail_sql(s, "reading materials");
}

int catalog_get(store *s, const char *code, catalog_item *item, catalog_materials *mats)
{
    memset(item, 0, sizeof *item);
    if (mats)
        memset(mats, 0, sizeof *mats);
    sqlite3_stmt *st = store_prepare(s,
        "SELECT code, name, initials, kind, department, authority, class, basis, conditions, object, "
        "statutory_days, promised_days, result, fee, fee_basis, procedure, handling, review, scope, booking, "
        "place, hours, contact, complaint, special, note, aliases, version FROM catalog_item WHERE code = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code ? code : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    int filled = rc == SQLITE_ROW ? fill_item(st, item) : 1;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail_sql(s, "reading an item");
    if (filled != 0) {
        catalog_item_free(item);
        return filled < 0 ? store_fail(s, "out of memory reading an item") : 1;
    }
    if (mats && get_materials(s, item->code, mats) != 0) {
        catalog_item_free(item);
        return -1;
    }
    return 0;
}

void catalog_item_free(catalog_item *item)
{
    if (!item)
        return;
    for (int c = 0; c < ITEM_COLUMNS - 1; c++) {
        char **slot = item_slot(item, c);
        if (slot)
            free(*slot);
    }
    memset(item, 0, sizeof *item);
}

void catalog_materials_free(catalog_materials *mats)
{
    if (!mats)
        return;
    for (size_t i = 0; i < mats->n; i++) {
        free(mats->v[i].name);
        free(mats->v[i].note);
        free(mats->v[i].source);
    }
    free(mats->v);
    memset(mats, 0, sizeof *mats);
}

size_t catalog_materials_to_ck(const catalog_materials *mats, ck_material *out, size_t cap)
{
    size_t n = 0;
    for (; mats && n < mats->n && n < cap; n++)
        out[n] = (ck_material){mats->v[n].n, mats->v[n].name, mats->v[n].kind, mats->v[n].deferrable};
    return n;
}

/* --- search ---------------------------------------------------------------------------- */

typedef struct {
    catalog_hit hit;
    size_t at;       /* where the match starts (characters for initials, bytes for names) */
    size_t name_len;
} candidate;

static void ascii_lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

/* The query trimmed of blanks into buf; its length. */
static size_t trim_query(const char *q, char *buf, size_t cap)
{
    while (*q == ' ' || *q == '\t')
        q++;
    size_t n = strlen(q);
    while (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\t' || q[n - 1] == '\n' || q[n - 1] == '\r'))
        n--;
    if (n >= cap)
        return 0;
    memcpy(buf, q, n);
    buf[n] = '\0';
    return n;
}

/* The best pinyin match of the query over the name's sets and each alias's (space-separated). */
static pinyin_match match_initials(const char *initials, const char *alias_initials, const char *query,
                                   size_t *at)
{
    pinyin_match best = pinyin_match_query(initials, query, at);
    char one[PINYIN_SETS_MAX];
    for (const char *p = alias_initials; best != PINYIN_PREFIX && *p;) {
        size_t n = strcspn(p, " ");
        size_t alias_at = 0;
        copy_text(one, n + 1 < sizeof one ? n + 1 : sizeof one, p);
        pinyin_match m = pinyin_match_query(one, query, &alias_at);
        if (m != PINYIN_NO_MATCH && (best == PINYIN_NO_MATCH || m < best || (m == best && alias_at < *at)))
            best = m, *at = alias_at;
        p += n + (p[n] == ' ');
    }
    return best;
}

/* Where the lowered query occurs in the lowered name or aliases (byte offset), or -1. */
static long find_text(const char *name, const char *aliases, const char *lowered)
{
    char buf[4 * CATALOG_NAME_MAX + 1];
    const char *texts[2] = {name, aliases};
    for (int i = 0; i < 2; i++) {
        copy_text(buf, sizeof buf, texts[i]);
        ascii_lower(buf);
        const char *hit = strstr(buf, lowered);
        if (hit)
            return (long)(hit - buf);
    }
    return -1;
}

/* The columns of one item that search reads. */
typedef struct {
    const char *code, *name, *initials, *aliases, *alias_initials;
} item_keys;

/* How one item matches the query (lowered: the query in ASCII lowercase); false when it does not. */
static bool match_item(const item_keys *k, const char *query, const char *lowered, candidate *c)
{
    size_t qn = strlen(query), at = 0;
    if (strcasecmp(k->code, query) == 0) {
        c->hit.match = CATALOG_MATCH_CODE;
    } else if (strncasecmp(k->code, query, qn) == 0) {
        c->hit.match = CATALOG_MATCH_CODE_PREFIX;
    } else {
        pinyin_match pm = match_initials(k->initials, k->alias_initials, query, &at);
        long text_at = find_text(k->name, k->aliases, lowered);
        if (pm == PINYIN_PREFIX) {
            c->hit.match = CATALOG_MATCH_INITIALS_PREFIX;
        } else if (text_at >= 0) {
            c->hit.match = CATALOG_MATCH_NAME;
            at = (size_t)text_at;
        } else if (pm == PINYIN_SUBSTRING) {
            c->hit.match = CATALOG_MATCH_INITIALS;
        } else {
            return false;
        }
    }
    c->at = at;
    c->name_len = strlen(k->name);
    copy_text(c->hit.code, sizeof c->hit.code, k->code);
    copy_text(c->hit.name, sizeof c->hit.name, k->name);
    return true;
}

static int candidate_cmp(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->hit.match != y->hit.match)
        return x->hit.match < y->hit.match ? -1 : 1;
    if (x->hit.match == CATALOG_MATCH_CODE_PREFIX) /* a run of codes reads best in code order */
        return strcasecmp(x->hit.code, y->hit.code);
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    if (x->name_len != y->name_len)
        return x->name_len < y->name_len ? -1 : 1;
    return strcasecmp(x->hit.code, y->hit.code);
}

/* Every matching item into *out (malloc'd); the count, or -1. */
static int collect_matches(store *s, const char *query, candidate **out)
{
    char lowered[256];
    copy_text(lowered, sizeof lowered, query);
    ascii_lower(lowered);
    sqlite3_stmt *st = store_prepare(s, "SELECT code, name, initials, class, aliases, alias_initials "
                                        "FROM catalog_item");
    if (!st)
        return -1;
    candidate *v = NULL;
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        candidate c;
        memset(&c, 0, sizeof c);
        item_keys k = {col_text(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 4), col_text(st, 5)};
        if (!match_item(&k, query, lowered, &c))
            continue;
        c.hit.cls = case_class_from_name(col_text(st, 3));
        candidate *bigger = realloc(v, ((size_t)n + 1) * sizeof *v);
        if (!bigger) {
            sqlite3_finalize(st);
            free(v);
            return store_fail(s, "out of memory searching the catalogue");
        }
        v = bigger;
        v[n++] = c;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(v);
        return store_fail_sql(s, "searching the catalogue");
    }
    *out = v;
    return n;
}

int catalog_search(store *s, const char *query, catalog_hit *hits, size_t max)
{
    char q[256];
    if (!query || trim_query(query, q, sizeof q) == 0 || max == 0)
        return 0;
    candidate *v = NULL;
    int n = collect_matches(s, q, &v);
    if (n < 0)
        return -1;
    if (n > 1)
        qsort(v, (size_t)n, sizeof *v, candidate_cmp);
    size_t k = (size_t)n < max ? (size_t)n : max;
    for (size_t i = 0; i < k; i++)
        hits[i] = v[i].hit;
    free(v);
    return (int)k;
}
