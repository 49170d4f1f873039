/* drill_scenario.c - reading a drill scenario file (INI, docs/drills.md) into
 * core/drill.h's drill_scenario, and checking it: known sections and keys,
 * real dates, valid staff ids, PINs that pass core/pin.h, a valid ID number
 * on each applicant's card, item codes and material indices that the
 * scenario's catalogue holds.  Every problem is reported as
 * "FILE: [section] key: what"; a bad file fills nothing. */
#include "data/drill.h"

#include <iniparser/iniparser.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/idcard.h"
#include "core/pin.h"
#include "data/demo.h"
#include "data/drill_int.h"
#include "data/ini_load.h"
#include "data/staff.h"

#define DRILL_DAY_MAX 366 /* the last drill day a scenario may name */

/* A reading in progress. */
typedef struct {
    const char *file;
    dictionary *d;   /* the scenario */
    dictionary *cat; /* its catalogue */
    char *err;
    size_t errlen;
} reader;

/* "FILE: [section] key: what"; returns -1. */
static int bad(reader *r, const char *sec, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int bad(reader *r, const char *sec, const char *key, const char *fmt, ...)
{
    char what[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(r->err, r->errlen, "%s: [%s] %s: %s", r->file, sec, key, what);
    return -1;
}

/* What iniparser says while a file is loaded (data/ini_load.h). */
static char ini_message[512];

static dictionary *load_ini(const char *path)
{
    return ini_load_capture(path, ini_message, sizeof ini_message);
}

/* The value of sec:key, NULL when absent. */
static const char *val(reader *r, const char *sec, const char *key)
{
    char k[128];
    snprintf(k, sizeof k, "%s:%s", sec, key);
    return iniparser_getstring(r->d, k, NULL);
}

/* Copy a text value (required: present and not blank) into out. */
static int text(reader *r, const char *sec, const char *key, bool required, char *out, size_t outlen)
{
    const char *v = val(r, sec, key);
    out[0] = '\0';
    if (!v || !*v)
        return required ? bad(r, sec, key, "missing (required)") : 0;
    if (strlen(v) >= outlen)
        return bad(r, sec, key, "too long (at most %zu bytes)", outlen - 1);
    memcpy(out, v, strlen(v) + 1);
    return 0;
}

/* A whole number lo..hi; def when absent. */
static int number(reader *r, const char *sec, const char *key, int lo, int hi, int def, int *out)
{
    const char *v = val(r, sec, key);
    *out = def;
    if (!v || !*v)
        return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < lo || n > hi)
        return bad(r, sec, key, "'%s' is not a whole number from %d to %d", v, lo, hi);
    *out = (int)n;
    return 0;
}

/* yes/no (true/false, 1/0); false when absent. */
static int yes_no(reader *r, const char *sec, const char *key, bool *out)
{
    const char *v = val(r, sec, key);
    *out = false;
    if (!v || !*v)
        return 0;
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
        *out = true;
    else if (strcmp(v, "no") && strcmp(v, "false") && strcmp(v, "0"))
        return bad(r, sec, key, "'%s' is neither yes nor no", v);
    return 0;
}

/* ---- the catalogue ----------------------------------------------------------------------------- */

int drill_catalog_path(const char *scenario_path, const drill_scenario *sc, char *buf, size_t len, char *err,
                       size_t errlen)
{
    if (!sc->catalog[0])
        return demo_catalog_default_path(buf, len, err, errlen);
    if (sc->catalog[0] == '/') {
        if ((size_t)snprintf(buf, len, "%s", sc->catalog) >= len)
            return snprintf(err, errlen, "the catalogue path is too long"), -1;
        return 0;
    }
    const char *slash = strrchr(scenario_path, '/');
    int dirlen = slash ? (int)(slash - scenario_path) : 1;
    const char *dir = slash ? scenario_path : ".";
    if ((size_t)snprintf(buf, len, "%.*s/%s", dirlen, dir, sc->catalog) >= len)
        return snprintf(err, errlen, "the catalogue path is too long"), -1;
    return 0;
}

void drill_file_safe(const char *name, char *out, size_t outlen)
{
    size_t n = 0, whole = 0; /* whole: bytes up to the last complete character */
    const unsigned char *p = (const unsigned char *)name;
    for (; *p && n + 1 < outlen; p++) {
        out[n++] = (*p < 0x21 || *p == '/' || *p == '\\' || *p == 0x7f) ? '_' : (char)*p;
        if ((p[1] & 0xc0) != 0x80)
            whole = n;
    }
    out[*p ? whole : n] = '\0'; /* never cut a UTF-8 sequence in two */
}

/* Whether the catalogue has item code (and, with index > 0, its material index). */
static bool cat_has(reader *r, const char *code, int index)
{
    char k[128], low[DRILL_CODE_MAX];
    size_t i = 0;
    for (; code[i] && i + 1 < sizeof low; i++)
        low[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] + 32 : code[i]);
    low[i] = '\0';
    if (index > 0)
        snprintf(k, sizeof k, "material.%s.%d", low, index);
    else
        snprintf(k, sizeof k, "item.%s", low);
    return iniparser_find_entry(r->cat, k) != 0;
}

/* ---- sections ----------------------------------------------------------------------------------- */

/* Only the keys listed (or, with prefixes, keys starting with one of them followed by digits). */
static int known_keys(reader *r, const char *sec, const char *const *keys, const char *const *prefixes)
{
    int n = iniparser_getsecnkeys(r->d, sec);
    if (n <= 0)
        return 0;
    const char **ks = calloc((size_t)n, sizeof *ks);
    if (!ks)
        return bad(r, sec, "-", "out of memory");
    iniparser_getseckeys(r->d, sec, ks);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        const char *k = strchr(ks[i], ':') ? strchr(ks[i], ':') + 1 : ks[i];
        bool ok = false;
        for (size_t j = 0; keys[j] && !ok; j++)
            ok = !strcmp(k, keys[j]);
        for (size_t j = 0; prefixes && prefixes[j] && !ok; j++) {
            size_t pl = strlen(prefixes[j]);
            ok = !strncmp(k, prefixes[j], pl) && k[pl] && strspn(k + pl, "0123456789") == strlen(k + pl);
        }
        if (!ok)
            rc = bad(r, sec, k, "unknown key");
    }
    free(ks);
    return rc;
}

static int read_drill(reader *r, drill_scenario *sc)
{
    static const char *const keys[] = {"title", "catalog", "start", "window", NULL};
    char start[32], e[STORE_ERR_LEN];
    if (known_keys(r, "drill", keys, NULL) || text(r, "drill", "title", true, sc->title, sizeof sc->title) ||
        text(r, "drill", "catalog", false, sc->catalog, sizeof sc->catalog) ||
        text(r, "drill", "start", true, start, sizeof start))
        return -1;
    if (date_parse(start, &sc->start) != 0)
        return bad(r, "drill", "start", "'%s' is not a real date (YYYY-MM-DD)", start);
    const char *w = val(r, "drill", "window");
    if (!w || !*w)
        return bad(r, "drill", "window", "missing (required)");
    if (window_code_norm(w, sc->window, sizeof sc->window, e, sizeof e) != STAFF_OK)
        return bad(r, "drill", "window", "%s", e);
    return 0;
}

/* [trainee] or [b_post]: code, name, pin. */
static int read_person(reader *r, const char *sec, char *code, size_t codelen, char *name, size_t namelen,
                       char *pin, size_t pinlen)
{
    static const char *const keys[] = {"code", "name", "pin", NULL};
    char e[STORE_ERR_LEN];
    if (iniparser_find_entry(r->d, sec) == 0)
        return bad(r, sec, "code", "the section is missing");
    if (known_keys(r, sec, keys, NULL))
        return -1;
    const char *c = val(r, sec, "code");
    if (!c || !*c)
        return bad(r, sec, "code", "missing (required)");
    if (staff_code_norm(c, code, codelen, e, sizeof e) != STAFF_OK)
        return bad(r, sec, "code", "%s", e);
    const char *nm = val(r, sec, "name");
    if (!nm || !*nm)
        return bad(r, sec, "name", "missing (required)");
    if (staff_text_norm(nm, STAFF_NAME_MAX, "name", name, namelen, e, sizeof e) != STAFF_OK)
        return bad(r, sec, "name", "%s", e);
    if (text(r, sec, "pin", true, pin, pinlen))
        return -1;
    pin_status ps = pin_check(pin, &(pin_owner){code, {0, 0, 0}});
    if (ps != PIN_OK)
        return bad(r, sec, "pin", "%s", pin_reason(ps));
    return 0;
}

/* "3" or "3, 5": material indices of the applicant's item. */
static int index_list(reader *r, const char *sec, const char *key, const char *item, int *out, size_t *n)
{
    const char *v = val(r, sec, key);
    *n = 0;
    if (!v || !*v)
        return 0;
    const char *p = v;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        char *end;
        long k = strtol(p, &end, 10);
        if (end == p || k < 1 || k > 999)
            return bad(r, sec, key, "'%s' is not a list of material numbers (\"3\" or \"3, 5\")", v);
        if (!cat_has(r, item, (int)k))
            return bad(r, sec, key, "item %s has no material %ld", item, k);
        if (*n >= CK_MAX_MATERIALS)
            return bad(r, sec, key, "too many materials");
        out[(*n)++] = (int)k;
        p = end;
        while (*p == ' ')
            p++;
        if (*p && *p != ',')
            return bad(r, sec, key, "'%s' is not a list of material numbers (\"3\" or \"3, 5\")", v);
    }
    return 0;
}

/* bring.N and defective.N: what the applicant hands over, in their words. */
static int read_brought(reader *r, const char *sec, drill_applicant *a)
{
    int nk = iniparser_getsecnkeys(r->d, sec);
    const char **ks = nk > 0 ? calloc((size_t)nk, sizeof *ks) : NULL;
    if (nk > 0 && !ks)
        return bad(r, sec, "-", "out of memory");
    if (ks)
        iniparser_getseckeys(r->d, sec, ks);
    int rc = 0;
    for (int i = 0; i < nk && rc == 0; i++) {
        const char *k = strchr(ks[i], ':') + 1;
        bool def = !strncmp(k, "defective.", 10);
        if (!def && strncmp(k, "bring.", 6))
            continue;
        int idx = atoi(strchr(k, '.') + 1);
        const char *said = iniparser_getstring(r->d, ks[i], "");
        if (idx < 1 || !cat_has(r, a->item, idx))
            rc = bad(r, sec, k, "item %s has no material %d", a->item, idx);
        else if (!*said)
            rc = bad(r, sec, k, "say how the applicant describes the material (empty)");
        else if (strlen(said) >= DRILL_TEXT_MAX)
            rc = bad(r, sec, k, "too long (at most %d bytes)", DRILL_TEXT_MAX - 1);
        for (size_t j = 0; rc == 0 && j < a->nbrought; j++)
            if (a->brought[j].index == idx)
                rc = bad(r, sec, k, "material %d is already handed over in this section", idx);
        if (rc == 0 && a->nbrought >= CK_MAX_MATERIALS)
            rc = bad(r, sec, k, "too many materials");
        if (rc == 0) {
            drill_brought *b = &a->brought[a->nbrought++];
            b->index = idx;
            b->status = def ? CK_DEFECTIVE : CK_PRESENT;
            memcpy(b->said, said, strlen(said) + 1);
        }
    }
    free(ks);
    /* in the guide's order */
    for (size_t i = 1; i < a->nbrought; i++)
        for (size_t j = i; j > 0 && a->brought[j - 1].index > a->brought[j].index; j--) {
            drill_brought t = a->brought[j];
            a->brought[j] = a->brought[j - 1];
            a->brought[j - 1] = t;
        }
    return rc;
}

static int read_ids(reader *r, const char *sec, const drill_scenario *sc, drill_applicant *a)
{
    if (text(r, sec, "id_card", true, a->id_card, sizeof a->id_card))
        return -1;
    idcard_info info;
    idcard_status st = idcard_validate(a->id_card, sc->start, &info);
    if (st != IDCARD_OK)
        return bad(r, sec, "id_card", "'%s': %s (the card's number must be valid)", a->id_card, idcard_reason(st));
    snprintf(a->id_card, sizeof a->id_card, "%s", info.number);
    const char *f = val(r, sec, "id_form");
    if (f && *f && strlen(f) != 18)
        return bad(r, sec, "id_form", "'%s' is not 18 characters", f);
    if (f && *f)
        memcpy(a->id_form, f, 19);
    return text(r, sec, "phone", false, a->phone, sizeof a->phone);
}

static int read_applicant(reader *r, const char *sec, const drill_scenario *sc, drill_applicant *a)
{
    static const char *const keys[] = {"name",       "id_card",      "id_form",       "phone",          "item",
                                       "says",       "day",          "ineligible",    "return_day",     "return_bring",
                                       "handoff_after", "target_seconds", NULL};
    static const char *const prefixes[] = {"bring.", "defective.", NULL};
    memset(a, 0, sizeof *a);
    snprintf(a->key, sizeof a->key, "%s", sec + strlen("applicant."));
    if (!a->key[0])
        return bad(r, sec, "name", "an applicant section needs an id after the dot ([applicant.a1])");
    if (known_keys(r, sec, keys, prefixes) || text(r, sec, "name", true, a->name, sizeof a->name) ||
        read_ids(r, sec, sc, a) || text(r, sec, "item", true, a->item, sizeof a->item))
        return -1;
    for (char *p = a->item; *p; p++)
        *p = (char)((*p >= 'a' && *p <= 'z') ? *p - 32 : *p);
    if (!cat_has(r, a->item, 0))
        return bad(r, sec, "item", "unknown item code %s in the catalogue", a->item);
    if (text(r, sec, "says", false, a->says, sizeof a->says) ||
        number(r, sec, "day", INT_MIN, DRILL_DAY_MAX, 1, &a->day) || read_brought(r, sec, a) ||
        text(r, sec, "ineligible", false, a->ineligible_why, sizeof a->ineligible_why) ||
        number(r, sec, "return_day", INT_MIN, DRILL_DAY_MAX, 0, &a->return_day) ||
        index_list(r, sec, "return_bring", a->item, a->return_brings, &a->nreturn) ||
        yes_no(r, sec, "handoff_after", &a->handoff_after) ||
        number(r, sec, "target_seconds", 1, 86400, 300, &a->target_seconds))
        return -1;
    if (a->day < 1)
        return bad(r, sec, "day", "day %d is before the first drill day (1)", a->day);
    a->ineligible = a->ineligible_why[0] != '\0';
    if (val(r, sec, "return_day") && a->return_day <= a->day)
        return bad(r, sec, "return_day", "day %d is not after the first visit (day %d)", a->return_day, a->day);
    if (a->nreturn && !a->return_day)
        return bad(r, sec, "return_bring", "materials brought back without a return_day");
    return 0;
}

/* The [applicant.*] sections in file order; duplicate names refused. */
static int read_queue(reader *r, drill_scenario *sc)
{
    int ns = iniparser_getnsec(r->d);
    for (int i = 0; i < ns; i++) {
        const char *sec = iniparser_getsecname(r->d, i);
        if (!strcmp(sec, "drill") || !strcmp(sec, "trainee") || !strcmp(sec, "b_post"))
            continue;
        if (strncmp(sec, "applicant.", 10))
            return bad(r, sec, "-", "unknown section (expected [drill], [trainee], [b_post], [applicant.ID])");
        if (sc->napplicants >= DRILL_APPLICANTS_MAX)
            return bad(r, sec, "name", "more than %d applicants in one scenario", DRILL_APPLICANTS_MAX);
        drill_applicant *a = &sc->applicants[sc->napplicants];
        if (read_applicant(r, sec, sc, a))
            return -1;
        for (size_t j = 0; j < sc->napplicants; j++)
            if (!strcmp(sc->applicants[j].name, a->name))
                return bad(r, sec, "name", "%s is already the name of [applicant.%s]", a->name,
                           sc->applicants[j].key);
        sc->napplicants++;
    }
    if (sc->napplicants == 0)
        return bad(r, "applicant.*", "name", "no applicants: the queue needs at least one [applicant.ID] section");
    return 0;
}

static int read_all(reader *r, const char *path, drill_scenario *sc)
{
    if (iniparser_find_entry(r->d, "drill") == 0)
        return bad(r, "drill", "title", "the section is missing");
    if (read_drill(r, sc) ||
        read_person(r, "trainee", sc->trainee_code, sizeof sc->trainee_code, sc->trainee_name,
                    sizeof sc->trainee_name, sc->trainee_pin, sizeof sc->trainee_pin) ||
        read_person(r, "b_post", sc->b_code, sizeof sc->b_code, sc->b_name, sizeof sc->b_name, sc->b_pin,
                    sizeof sc->b_pin))
        return -1;
    if (!strcmp(sc->trainee_code, sc->b_code))
        return bad(r, "b_post", "code", "the B post must be someone other than the trainee (%s)", sc->b_code);
    char cat[PATH_MAX], e[DRILL_ERR_LEN];
    if (drill_catalog_path(path, sc, cat, sizeof cat, e, sizeof e) != 0)
        return bad(r, "drill", "catalog", "%s", e);
    if (!(r->cat = load_ini(cat)))
        return bad(r, "drill", "catalog", "cannot read the catalogue %s", cat);
    return read_queue(r, sc);
}

int drill_scenario_load(const char *path, drill_scenario *sc, char *err, size_t errlen)
{
    reader r = {path, NULL, NULL, err, errlen};
    if (!path || !sc) {
        snprintf(err, errlen, "no scenario file given");
        return -1;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot be read", path);
        return -1;
    }
    fclose(f);
    if (!(r.d = load_ini(path))) {
        char *nl = strchr(ini_message, '\n');
        if (nl)
            *nl = ' ';
        ini_message[strcspn(ini_message, "\n")] = '\0';
        snprintf(err, errlen, "%s: cannot be read as INI: %s", path, ini_message[0] ? ini_message : "syntax error");
        return -1;
    }
    drill_scenario *tmp = calloc(1, sizeof *tmp);
    int rc = tmp ? read_all(&r, path, tmp) : bad(&r, "drill", "-", "out of memory");
    if (rc == 0)
        *sc = *tmp;
    free(tmp);
    iniparser_freedict(r.d);
    if (r.cat)
        iniparser_freedict(r.cat);
    return rc;
}

gdate drill_day_date(const drill_scenario *sc, int day)
{
    return date_add_days(sc->start, day > 1 ? day - 1 : 0);
}
