/* catalog_check.c - every check of a catalogue file before anything is
 * written: sections ([defaults], [item.CODE], [material.CODE.N]) once each,
 * keys known (with a "did you mean"), once per section, not empty and not
 * cut by ';' or '#'; item values typed (numbers, class, kind, telephone,
 * aliases) and consistent (promised <= statutory, 即办件 promised 0); materials
 * numbered 1..n without gaps, attached to an item, 容缺 only on auxiliary
 * materials of non-immediate items (core/checklist.h's own rule included).
 * Each error names the line it is about. */
#include "data/catalog_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const field_def cimp_item_fields[NITEM] = {
    {"name", true, T_TEXT},         {"kind", true, T_KIND},          {"department", true, T_TEXT},
    {"authority", true, T_TEXT},    {"class", true, T_CLASS},        {"basis", true, T_TEXT},
    {"conditions", true, T_TEXT},   {"object", true, T_TEXT},        {"statutory_days", true, T_DAYS},
    {"promised_days", true, T_DAYS}, {"result", true, T_TEXT},       {"fee", true, T_TEXT},
    {"fee_basis", false, T_TEXT},   {"procedure", true, T_TEXT},     {"handling", true, T_TEXT},
    {"review", false, T_TEXT},      {"scope", false, T_TEXT},        {"booking", false, T_TEXT},
    {"place", true, T_TEXT},        {"hours", true, T_TEXT},         {"contact", true, T_PHONE},
    {"complaint", true, T_TEXT},    {"special", false, T_TEXT},      {"note", false, T_TEXT},
    {"aliases", false, T_ALIASES},
};

const field_def cimp_mat_fields[NMAT] = {
    {"name", true, T_TEXT},   {"form", true, T_FORM},        {"copies", true, T_COPIES},
    {"kind", true, T_MKIND},  {"deferrable", false, T_YESNO}, {"note", false, T_TEXT},
    {"source", false, T_TEXT},
};

/* 政务服务事项类型 (the "6+1" kinds of 依申请 items, the other powers, and 公共服务). */
static const char *const item_kinds[] = {
    "行政许可", "行政给付", "行政确认", "行政征收", "行政奖励", "行政裁决", "行政检查",
    "行政处罚", "行政强制", "其他行政权力", "公共服务",
};

static const char *const class_zh[CASE_CLASS_COUNT] = {"即办件", "承诺件", "上报件", "联办件"};

/* --- small checks ------------------------------------------------------------------ */

static bool code_valid(const char *b, size_t n)
{
    if (n == 0 || n > CATALOG_CODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = b[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_'))
            return false;
    }
    return true;
}

/* A whole number 0..max written with digits only; -1 otherwise. */
static int parse_count(const char *v, int max)
{
    if (!v || !*v || strlen(v) > 5)
        return -1;
    int n = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        n = n * 10 + (*p - '0');
    }
    return n <= max ? n : -1;
}

static int index_of(const char *const *names, int n, const char *v)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], v) == 0)
            return i;
    return -1;
}

/* Edit distance, for "did you mean" on unknown keys (short ASCII keys only). */
static int distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 31 || lb > 31)
        return 99;
    int row[32];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static int field_index(const field_def *defs, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(defs[i].key, key) == 0)
            return i;
    return -1;
}

static void report_unknown_key(importer *im, const cscan_key *k, const field_def *defs, int n, const char *where)
{
    const char *best = NULL;
    int bestd = 3;
    for (int i = 0; i < n; i++) {
        int dd = distance(k->key, defs[i].key);
        if (dd < bestd)
            bestd = dd, best = defs[i].key;
    }
    if (best)
        cimp_report(im, k->line, "%s: unknown key '%s' (did you mean '%s'?)", where, k->key, best);
    else
        cimp_report(im, k->line, "%s: unknown key '%s' (docs/catalog.md lists the keys)", where, k->key);
}

/* --- sections ---------------------------------------------------------------------- */

enum { SEC_UNKNOWN, SEC_DEFAULTS, SEC_ITEM, SEC_MATERIAL };

/* Classify a section; for items and materials *code / *codelen point at the code as written, *n the number. */
static int section_type(const cscan_section *sec, const char **code, size_t *codelen, int *n)
{
    const char *name = sec->name;
    if (strcmp(sec->lower, "defaults") == 0)
        return SEC_DEFAULTS;
    if (strncmp(sec->lower, "item.", 5) == 0) {
        *code = name + 5;
        *codelen = strlen(name + 5);
        return SEC_ITEM;
    }
    if (strncmp(sec->lower, "material.", 9) == 0) {
        const char *dot = strrchr(name + 9, '.');
        *code = name + 9;
        *codelen = dot ? (size_t)(dot - (name + 9)) : strlen(name + 9);
        *n = dot ? parse_count(dot + 1, CATALOG_MAX_MATERIALS) : -1;
        if (dot && dot[1] == '0')
            *n = -1; /* "01" or "0" */
        return SEC_MATERIAL;
    }
    return SEC_UNKNOWN;
}

static const char *section_label(const cscan_section *sec)
{
    return sec->name;
}

/* Each section name once (iniparser would merge a repeated one silently). */
static void check_duplicate_sections(importer *im)
{
    for (size_t i = 0; i < im->scan.nsections; i++) {
        const cscan_section *sec = &im->scan.sections[i];
        int first = cscan_find_section(&im->scan, sec->lower, 0);
        if (first < 0 || (size_t)first == i)
            continue;
        const char *code;
        size_t len;
        int n = 0;
        if (section_type(sec, &code, &len, &n) == SEC_ITEM)
            cimp_report(im, sec->line, "duplicate item code '%.*s' (first at line %d; codes ignore letter case)",
                   (int)len, code, im->scan.sections[first].line);
        else
            cimp_report(im, sec->line, "section [%s] appears twice (first at line %d)", section_label(sec),
                   im->scan.sections[first].line);
    }
}

/* Key lines: inside a section, once per section, not cut by a comment character, not too long. */
static void check_key_lines(importer *im)
{
    for (size_t i = 0; i < im->scan.nkeys; i++) {
        const cscan_key *k = &im->scan.keys[i];
        if (k->section < 0) {
            cimp_report(im, k->line, "key '%s' is outside any section: start with [defaults] or [item.CODE]", k->key);
            continue;
        }
        int first = cscan_find_key(&im->scan, k->section, k->key, 0);
        if (first >= 0 && (size_t)first != i)
            cimp_report(im, k->line, "[%s]: key '%s' appears twice (first at line %d)",
                   section_label(&im->scan.sections[k->section]), k->key, im->scan.keys[first].line);
        if (k->cut)
            cimp_report(im, k->line, "[%s]: the value of '%s' holds ';' or '#', which starts a comment in INI: "
                                "put the value in double quotes or use the full-width '；' or '＃'",
                   section_label(&im->scan.sections[k->section]), k->key);
    }
}

/* The iniparser value of key `key` in section index sec (NULL when absent). */
static const char *value_of(importer *im, int sec, const char *key)
{
    char full[2 * CSCAN_NAME_MAX + 2];
    snprintf(full, sizeof full, "%s:%s", im->scan.sections[sec].lower, key);
    return iniparser_getstring(im->d, full, NULL);
}

/* Unknown and empty keys of one section. */
static void check_section_keys(importer *im, int sec, const field_def *defs, int n, const char *where,
                               bool defaults)
{
    const cscan_section *section = &im->scan.sections[sec];
    for (size_t i = section->key_first; i < section->key_first + section->nkeys; i++) {
        const cscan_key *k = &im->scan.keys[i];
        if (k->too_long)
            continue;
        if (field_index(defs, n, k->key) < 0) {
            report_unknown_key(im, k, defs, n, where);
            continue;
        }
        if (defaults && (strcmp(k->key, "name") == 0 || strcmp(k->key, "aliases") == 0)) {
            cimp_report(im, k->line, "%s: '%s' cannot have a default: give it in each item", where, k->key);
            continue;
        }
        const char *v = value_of(im, sec, k->key);
        if (!v || !*v)
            cimp_report(im, k->line, "%s: empty value for '%s'", where, k->key);
    }
}

/* --- items -------------------------------------------------------------------------- */

static int item_index(const importer *im, const char *code, size_t len)
{
    for (size_t i = 0; i < im->nitems; i++)
        if (strlen(im->items[i].code) == len && strncasecmp(im->items[i].code, code, len) == 0)
            return (int)i;
    return -1;
}

/* A field's value: the item's own key, else [defaults]. */
static fval field_value(importer *im, int sec, const char *key)
{
    fval v = {NULL, 0, false};
    int k = cscan_find_key(&im->scan, sec, key, 0);
    if (k >= 0) {
        v.value = value_of(im, sec, key);
        v.line = im->scan.keys[k].line;
        return v;
    }
    if (im->defaults_sec >= 0 && (k = cscan_find_key(&im->scan, im->defaults_sec, key, 0)) >= 0) {
        v.value = value_of(im, im->defaults_sec, key);
        v.line = im->scan.keys[k].line;
        v.from_defaults = true;
    }
    return v;
}

/* The next alias of a list separated by '、', '，' or ','; its bytes in *b.. *e (trimmed); NULL at the end. */
const char *cimp_next_alias(const char *p, const char **b, const char **e)
{
    static const char *const seps[] = {"\xE3\x80\x81", "\xEF\xBC\x8C", ","}; /* 、 ， , */
    if (*p) {
        const char *end = p + strlen(p), *next = end;
        for (int i = 0; i < 3; i++) {
            const char *hit = strstr(p, seps[i]);
            if (hit && hit < end)
                end = hit, next = hit + strlen(seps[i]);
        }
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        const char *q = end;
        while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
            q--;
        *b = p;
        *e = q;
        return next;
    }
    return NULL;
}

/* Aliases: at most CATALOG_MAX_ALIASES, none empty or longer than a name. */
static void check_aliases(importer *im, const fval *v, const char *who)
{
    const char *b, *e, *p = v->value;
    int n = 0;
    while ((p = cimp_next_alias(p, &b, &e)) != NULL) {
        n++;
        if (e == b)
            cimp_report(im, v->line, "%s: aliases: an empty alias (separate aliases with '、')", who);
        else if ((size_t)(e - b) > CATALOG_NAME_MAX)
            cimp_report(im, v->line, "%s: aliases: an alias longer than %d bytes", who, CATALOG_NAME_MAX);
    }
    if (n > CATALOG_MAX_ALIASES)
        cimp_report(im, v->line, "%s: aliases: %d aliases, at most %d", who, n, CATALOG_MAX_ALIASES);
}

/* The initial sets of each alias, separated by spaces. */
int cimp_encode_aliases(const pinyin_table *py, const char *aliases, char *out, size_t cap)
{
    const char *b, *e, *p = aliases ? aliases : "";
    size_t used = 0;
    out[0] = '\0';
    while ((p = cimp_next_alias(p, &b, &e)) != NULL) {
        char one[CATALOG_NAME_MAX + 1], sets[PINYIN_SETS_MAX];
        snprintf(one, sizeof one, "%.*s", (int)(e - b), b);
        if (pinyin_encode(py, one, sets, sizeof sets) != 0)
            return -1;
        if (!sets[0])
            continue;
        int w = snprintf(out + used, cap - used, "%s%s", used ? " " : "", sets);
        if (w < 0 || (size_t)w >= cap - used)
            return -1;
        used += (size_t)w;
    }
    return 0;
}

static case_class parse_class(const char *v)
{
    for (int c = 0; c < CASE_CLASS_COUNT; c++)
        if (strcmp(v, class_zh[c]) == 0)
            return (case_class)c;
    return case_class_from_name(v);
}

/* Check one typed item value; `who` names the item in messages. */
static void check_item_value(importer *im, pitem *it, int f, const char *who)
{
    const fval *v = &it->f[f];
    const char *key = cimp_item_fields[f].key, *from = v->from_defaults ? " (from [defaults])" : "";
    switch (cimp_item_fields[f].type) {
    case T_DAYS: {
        int n = parse_count(v->value, CATALOG_MAX_DAYS);
        if (n < 0)
            cimp_report(im, v->line, "%s: %s '%s' is not a number of working days (0 to %d)%s", who, key, v->value,
                   CATALOG_MAX_DAYS, from);
        *(f == IF_STATUTORY ? &it->statutory : &it->promised) = n;
        break;
    }
    case T_CLASS:
        it->cls = parse_class(v->value);
        if (it->cls == CASE_CLASS_COUNT)
            cimp_report(im, v->line, "%s: class '%s' is not one of immediate, promised, referred, joint "
                                "(即办件, 承诺件, 上报件, 联办件)%s", who, v->value, from);
        break;
    case T_KIND:
        if (index_of(item_kinds, (int)(sizeof item_kinds / sizeof item_kinds[0]), v->value) < 0)
            cimp_report(im, v->line, "%s: kind '%s' is not an item kind (行政许可, 行政给付, 行政确认, 行政征收, "
                                "行政奖励, 行政裁决, 行政检查, 行政处罚, 行政强制, 其他行政权力, 公共服务)%s",
                   who, v->value, from);
        break;
    case T_ALIASES:
        check_aliases(im, v, who);
        break;
    case T_PHONE: {
        phone_info pi;
        phone_status st = phone_validate(v->value, &pi);
        if (st != PHONE_OK)
            cimp_report(im, v->line, "%s: contact '%s' is not a telephone number: %s%s", who, v->value,
                   phone_reason(st), from);
        else
            snprintf(it->contact, sizeof it->contact, "%s", pi.number);
        break;
    }
    default:
        break;
    }
}

static bool fee_is_free(const char *fee)
{
    return strcmp(fee, "不收费") == 0 || strcmp(fee, "免费") == 0;
}

/* Time limits and class agree (seed 001 篇四 (七): 即办件 done on the spot). */
static void check_item_limits(importer *im, pitem *it, const char *who)
{
    const fval *p = &it->f[IF_PROMISED];
    if (it->promised < 0 || it->statutory < 0 || it->cls == CASE_CLASS_COUNT)
        return;
    if (it->cls == CASE_CLASS_IMMEDIATE && it->promised != 0)
        cimp_report(im, p->line, "%s: an immediate item (即办件) is done on the spot: promised_days must be 0, not %d",
               who, it->promised);
    else if (it->cls != CASE_CLASS_IMMEDIATE && it->promised == 0)
        cimp_report(im, p->line, "%s: a %s item needs promised_days of at least 1 (0 is for immediate items)", who,
               case_class_name(it->cls));
    if (it->promised > it->statutory)
        cimp_report(im, p->line, "%s: promised_days %d is more than statutory_days %d", who, it->promised,
               it->statutory);
}

static void check_item(importer *im, pitem *it)
{
    char who[CATALOG_CODE_MAX + 16];
    int line = im->scan.sections[it->sec].line;
    snprintf(who, sizeof who, "item '%s'", it->code);
    check_section_keys(im, it->sec, cimp_item_fields, NITEM, who, false);
    it->statutory = it->promised = -1;
    it->cls = CASE_CLASS_COUNT;
    bool complete = true; /* every required value present and non-empty (empties are reported already) */
    for (int f = 0; f < NITEM; f++) {
        it->f[f] = field_value(im, it->sec, cimp_item_fields[f].key);
        if (it->f[f].value && *it->f[f].value) {
            check_item_value(im, it, f, who);
            continue;
        }
        if (!it->f[f].value && cimp_item_fields[f].required)
            cimp_report(im, line, "%s: required key '%s' is missing", who, cimp_item_fields[f].key);
        complete = complete && !cimp_item_fields[f].required;
    }
    if (!complete)
        return;
    if (strlen(it->f[IF_NAME].value) > CATALOG_NAME_MAX)
        cimp_report(im, it->f[IF_NAME].line, "%s: name longer than %d bytes", who, CATALOG_NAME_MAX);
    if (!fee_is_free(it->f[IF_FEE].value) && !it->f[IF_FEE_BASIS].value)
        cimp_report(im, it->f[IF_FEE].line, "%s: fee '%s' needs a fee_basis (write fee = 不收费 when free)", who,
               it->f[IF_FEE].value);
    check_item_limits(im, it, who);
}

/* --- materials ------------------------------------------------------------------------ */

static const char *const form_names[CATALOG_FORM_COUNT] = {"original", "copy", "electronic"};
static const char *const form_zh[CATALOG_FORM_COUNT] = {"原件", "复印件", "电子"};

const char *catalog_form_name(catalog_form f)
{
    return (int)f >= 0 && f < CATALOG_FORM_COUNT ? form_names[f] : NULL;
}

catalog_form catalog_form_from_name(const char *name)
{
    if (!name)
        return CATALOG_FORM_COUNT;
    for (int f = 0; f < CATALOG_FORM_COUNT; f++)
        if (strcmp(name, form_names[f]) == 0 || strcmp(name, form_zh[f]) == 0)
            return (catalog_form)f;
    return strcmp(name, "电子材料") == 0 ? CATALOG_FORM_ELECTRONIC : CATALOG_FORM_COUNT;
}

static int parse_mkind(const char *v)
{
    if (strcmp(v, "essential") == 0 || strcmp(v, "主件") == 0)
        return CK_ESSENTIAL;
    if (strcmp(v, "auxiliary") == 0 || strcmp(v, "副件") == 0)
        return CK_AUXILIARY;
    return -1;
}

static int parse_yesno(const char *v)
{
    if (strcmp(v, "yes") == 0 || strcmp(v, "是") == 0)
        return 1;
    if (strcmp(v, "no") == 0 || strcmp(v, "否") == 0)
        return 0;
    return -1;
}

static void check_mat_value(importer *im, pmat *m, int f, const char *who)
{
    const fval *v = &m->f[f];
    int x;
    switch (cimp_mat_fields[f].type) {
    case T_FORM:
        if ((m->form = catalog_form_from_name(v->value)) == CATALOG_FORM_COUNT)
            cimp_report(im, v->line, "%s: form '%s' is not original, copy or electronic (原件, 复印件, 电子)", who,
                   v->value);
        break;
    case T_COPIES:
        if ((m->copies = parse_count(v->value, CATALOG_MAX_COPIES)) < 0)
            cimp_report(im, v->line, "%s: copies '%s' is not a number (0 to %d)", who, v->value, CATALOG_MAX_COPIES);
        break;
    case T_MKIND:
        if ((x = parse_mkind(v->value)) < 0)
            cimp_report(im, v->line, "%s: kind '%s' is not essential or auxiliary (主件, 副件)", who, v->value);
        m->kind = x < 0 ? CK_KIND_COUNT : (ck_kind)x;
        break;
    case T_YESNO:
        if ((x = parse_yesno(v->value)) < 0)
            cimp_report(im, v->line, "%s: deferrable '%s' is not yes or no", who, v->value);
        m->deferrable = x == 1;
        break;
    default:
        break;
    }
}

/* Check one [material.CODE.N] section and attach it to its item. */
static void check_material(importer *im, pmat *m, const char *code, size_t codelen)
{
    const cscan_section *sec = &im->scan.sections[m->sec];
    char who[CATALOG_CODE_MAX + 48];
    snprintf(who, sizeof who, "item '%.*s' material %d", (int)codelen, code, m->n);
    m->item = item_index(im, code, codelen);
    if (m->item < 0) {
        cimp_report(im, sec->line, "[%s]: there is no [item.%.*s] in this file", sec->name, (int)codelen, code);
        return;
    }
    check_section_keys(im, m->sec, cimp_mat_fields, NMAT, who, false);
    m->kind = CK_KIND_COUNT;
    for (int f = 0; f < NMAT; f++) {
        int k = cscan_find_key(&im->scan, m->sec, cimp_mat_fields[f].key, 0);
        m->f[f].value = k >= 0 ? value_of(im, m->sec, cimp_mat_fields[f].key) : NULL;
        m->f[f].line = k >= 0 ? im->scan.keys[k].line : sec->line;
        if (!m->f[f].value && cimp_mat_fields[f].required)
            cimp_report(im, sec->line, "%s: required key '%s' is missing", who, cimp_mat_fields[f].key);
        else if (m->f[f].value && *m->f[f].value)
            check_mat_value(im, m, f, who);
    }
    pitem *it = &im->items[m->item];
    if (it->mat[m->n] < 0)
        it->mat[m->n] = (int)(m - im->mats);
}

/* Materials numbered 1..k without gaps, at least one; 容缺 only where allowed. */
static void check_item_materials(importer *im, pitem *it)
{
    int top = 0;
    for (int n = 1; n <= CATALOG_MAX_MATERIALS; n++)
        if (it->mat[n] >= 0)
            top = n;
    if (top == 0) {
        cimp_report(im, im->scan.sections[it->sec].line, "item '%s': no material: add [material.%s.1]", it->code,
               it->code);
        return;
    }
    for (int n = 1; n < top; n++) {
        if (it->mat[n] >= 0)
            continue;
        int after = n + 1;
        while (it->mat[after] < 0)
            after++;
        cimp_report(im, im->scan.sections[im->mats[it->mat[after]].sec].line,
               "item '%s': material %d is missing: materials are numbered 1, 2, 3 ... without gaps", it->code, n);
        return;
    }
    for (int n = 1; n <= top; n++) {
        const pmat *m = &im->mats[it->mat[n]];
        if (m->deferrable && it->cls == CASE_CLASS_IMMEDIATE)
            cimp_report(im, m->f[MF_DEFERRABLE].line, "item '%s' material %d: an immediate item (即办件) never takes "
                   "容缺受理, so no material of it may be deferrable", it->code, n);
    }
}

/* core/checklist.h's own checks of the list (an essential material marked deferrable ...). */
static void check_item_checklist(importer *im, pitem *it)
{
    ck_material mats[CATALOG_MAX_MATERIALS];
    ck_entry entries[CATALOG_MAX_MATERIALS];
    int idx[CATALOG_MAX_MATERIALS];
    size_t n = 0;
    for (int k = 1; k <= CATALOG_MAX_MATERIALS && it->mat[k] >= 0; k++) {
        const pmat *m = &im->mats[it->mat[k]];
        if (m->kind == CK_KIND_COUNT || !m->f[MF_NAME].value)
            return; /* already reported */
        mats[n] = (ck_material){k, m->f[MF_NAME].value, m->kind, m->deferrable};
        entries[n] = (ck_entry){CK_PRESENT, NULL};
        idx[n++] = it->mat[k];
    }
    if (n == 0 || it->cls == CASE_CLASS_COUNT)
        return;
    ck_decision dec;
    ck_status st = ck_decide(mats, n, entries, n, it->cls, &dec);
    if (st == CK_OK)
        return;
    if (dec.bad >= n) {
        cimp_report(im, im->scan.sections[it->sec].line, "item '%s': %s", it->code, ck_status_reason(st));
        return;
    }
    const pmat *bad = &im->mats[idx[dec.bad]];
    int line = st == CK_E_ESSENTIAL_DEFERRABLE ? bad->f[MF_DEFERRABLE].line : im->scan.sections[bad->sec].line;
    cimp_report(im, line, "item '%s' material %d: %s", it->code, bad->n, ck_status_reason(st));
}

/* --- the structure of the file -------------------------------------------------------- */

static int add_item(importer *im, int sec, const char *code)
{
    pitem *v = realloc(im->items, (im->nitems + 1) * sizeof *v);
    if (!v)
        return -1;
    im->items = v;
    pitem *it = &v[im->nitems++];
    memset(it, 0, sizeof *it);
    it->sec = sec;
    it->code = code;
    for (int n = 0; n <= CATALOG_MAX_MATERIALS; n++)
        it->mat[n] = -1;
    return 0;
}

static int add_mat(importer *im, int sec, int n)
{
    pmat *v = realloc(im->mats, (im->nmats + 1) * sizeof *v);
    if (!v)
        return -1;
    im->mats = v;
    pmat *m = &v[im->nmats++];
    memset(m, 0, sizeof *m);
    m->sec = sec;
    m->n = n;
    m->item = -1;
    return 0;
}

/* Sort sections into defaults, items and materials; report the ones that are neither. */
static int collect_sections(importer *im)
{
    im->defaults_sec = cscan_find_section(&im->scan, "defaults", 0);
    for (size_t i = 0; i < im->scan.nsections; i++) {
        const cscan_section *sec = &im->scan.sections[i];
        const char *code = NULL;
        size_t len = 0;
        int n = 0, type = section_type(sec, &code, &len, &n);
        int first = cscan_find_section(&im->scan, sec->lower, 0);
        if (first >= 0 && (size_t)first != i)
            continue; /* reported as a duplicate */
        if (type == SEC_UNKNOWN || sec->too_long) {
            cimp_report(im, sec->line, "unknown section [%s]: expected [defaults], [item.CODE] or [material.CODE.N]",
                   sec->name);
        } else if (type != SEC_DEFAULTS && !code_valid(code, len)) {
            cimp_report(im, sec->line, "[%s]: item code '%.*s' must be 1 to %d letters, digits, '-' or '_'", sec->name,
                   (int)len, code, CATALOG_CODE_MAX);
        } else if (type == SEC_MATERIAL && n < 1) {
            cimp_report(im, sec->line, "[%s]: a material section is [material.CODE.N] with N from 1 to %d", sec->name,
                   CATALOG_MAX_MATERIALS);
        } else if (type == SEC_ITEM) {
            if (add_item(im, (int)i, code) != 0)
                return -1;
        } else if (type == SEC_MATERIAL) {
            if (add_mat(im, (int)i, n) != 0)
                return -1;
        }
    }
    return 0;
}

int cimp_check(importer *im)
{
    check_duplicate_sections(im);
    check_key_lines(im);
    if (collect_sections(im) != 0)
        return -1;
    if (im->defaults_sec >= 0)
        check_section_keys(im, im->defaults_sec, cimp_item_fields, NITEM, "[defaults]", true);
    for (size_t i = 0; i < im->nitems; i++)
        check_item(im, &im->items[i]);
    for (size_t i = 0; i < im->nmats; i++) {
        const char *code = NULL;
        size_t len = 0;
        int n = 0;
        section_type(&im->scan.sections[im->mats[i].sec], &code, &len, &n);
        check_material(im, &im->mats[i], code, len);
    }
    for (size_t i = 0; i < im->nitems; i++) {
        check_item_materials(im, &im->items[i]);
        check_item_checklist(im, &im->items[i]);
    }
    if (im->nitems == 0 && im->errors == 0)
        cimp_report(im, 0, "no item: a catalogue needs at least one [item.CODE] section");
    return 0;
}

