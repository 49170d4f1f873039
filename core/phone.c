/* phone.c - validation and normalisation of contact telephone numbers
 * (see phone.h).
 *
 * Why: the guide and the one-time notice give the applicant a way to reach
 * the office and the office a way to reach the applicant (seed 001, 篇十三
 * §9 办事指南: 咨询方式, 监督投诉方式); a number the clerk records must be one
 * that reaches a person.
 *
 * Numbering (中华人民共和国电信网编码计划, MIIT; GB/T 13999 for landline
 * area codes):
 * - Mobile: 11 digits, first 1, second 3-9.  "+86", "86" (before a
 *   separated group or an 11-digit number) and spaces/hyphens are dropped.
 * - Landline: long-distance area code = "0" + 2 or 3 digits; the two-digit
 *   ones are 10 (Beijing) and 20-29 (the big cities; 26 is unassigned),
 *   every other code has 3 digits after the 0 (0571, 0898 ...).  So the
 *   split of "057188889999" is unambiguous.  Subscriber numbers: 7 or 8
 *   digits, not starting with 0 or 1; behind 010/02x always 8 digits
 *   (decision: every one of those cities has 8-digit numbers).  An
 *   extension follows "转" or a final "-" group once the subscriber
 *   number has at least 7 digits.  After "+86" a landline may drop its 0.
 * - Short service numbers are not personal numbers: the 12345 政务服务热线
 *   (seed 001, 篇五 四(一); seed 003, 安顺市12345政务服务便民热线管理办法
 *   实施细则), the "8890" platform (seed 001, 篇十三 §20), 110/119/120,
 *   1xxxx/95xxx/96xxx services and 400/800 business lines.  Decision: any
 *   3-5 digit number, a 6-digit one starting with 1 or 9, and 400/800 +
 *   7 digits are refused as service numbers, with or without area code. */
#include "core/phone.h"

#include <stdbool.h>
#include <string.h>

#include "core/i18n.h"

#define MAX_GROUPS 12
#define MAX_DIGITS 24

typedef enum { SEP_NONE, SEP_SPACE, SEP_HYPHEN, SEP_ZHUAN } sep_kind;

typedef struct {
    int start; /* index into tokens.d */
    int len;
    sep_kind sep; /* what came before this group */
} group;

typedef struct {
    char d[MAX_DIGITS + 2]; /* digits from index 1; d[0] free for an implicit 0 */
    int nd;
    group g[MAX_GROUPS];
    int ng;
    bool plus;  /* the value began with "+" */
    bool intl;  /* a country code 86 was removed */
    bool zhuan; /* the last group is an extension introduced by 转 */
} tokens;

static const char ZHUAN[] = "\xE8\xBD\xAC"; /* 转 in UTF-8 */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static phone_status bad_char(const char *s, size_t n, size_t i, phone_info *out)
{
    idtext_badchar_set(&out->bad, s, s + i, n - i);
    return PHONE_ERR_CHAR;
}

static phone_status add_digit(tokens *t, char c, sep_kind *pending)
{
    if (t->nd >= MAX_DIGITS)
        return PHONE_ERR_LENGTH;
    if (t->ng == 0 || *pending != SEP_NONE) {
        if (t->ng == MAX_GROUPS)
            return PHONE_ERR_LENGTH;
        group g = {t->nd + 1, 0, *pending};
        t->g[t->ng++] = g;
        *pending = SEP_NONE;
    }
    t->d[++t->nd] = c;
    t->g[t->ng - 1].len++;
    return PHONE_OK;
}

/* A separator may only follow a digit; "-" outranks a space, 转 both. */
static sep_kind merge_sep(sep_kind pending, sep_kind next)
{
    return next > pending ? next : pending;
}

/* The separator at s[i] and its byte length, or SEP_NONE. */
static sep_kind separator_at(const char *s, size_t n, size_t i, size_t *step)
{
    *step = 1;
    if (s[i] == ' ')
        return SEP_SPACE;
    if (s[i] == '-')
        return SEP_HYPHEN;
    if (n - i >= 3 && memcmp(s + i, ZHUAN, 3) == 0) {
        *step = 3;
        return SEP_ZHUAN;
    }
    return SEP_NONE;
}

/* Split the trimmed value into digit groups and the separators between:
 * a separator only after a digit, one 转 at most, nothing trailing. */
static phone_status tokenize(const char *s, size_t n, tokens *t, phone_info *out)
{
    size_t i = 0, sep_at = 0, step;
    sep_kind pending = SEP_NONE;
    if (s[0] == '+') {
        t->plus = true;
        i = 1;
    }
    for (; i < n; i += step) {
        step = 1;
        if (is_digit(s[i])) {
            phone_status st = add_digit(t, s[i], &pending);
            if (st != PHONE_OK)
                return st;
            continue;
        }
        sep_kind k = separator_at(s, n, i, &step);
        if (k == SEP_NONE || t->ng == 0 || (k == SEP_ZHUAN && t->zhuan))
            return bad_char(s, n, i, out);
        t->zhuan = t->zhuan || k == SEP_ZHUAN;
        if (pending == SEP_NONE)
            sep_at = i;
        pending = merge_sep(pending, k);
    }
    if (pending == SEP_ZHUAN)
        return PHONE_ERR_EXTENSION;
    if (pending != SEP_NONE || t->ng == 0)
        return bad_char(s, n, t->ng == 0 ? 0 : sep_at, out);
    if (t->zhuan && t->g[t->ng - 1].sep != SEP_ZHUAN)
        return PHONE_ERR_EXTENSION;
    return PHONE_OK;
}

static bool starts(const tokens *t, int gi, const char *prefix)
{
    size_t k = strlen(prefix);
    return t->g[gi].len >= (int)k && memcmp(t->d + t->g[gi].start, prefix, k) == 0;
}

static void drop_first_group(tokens *t)
{
    memmove(t->g, t->g + 1, (size_t)(t->ng - 1) * sizeof t->g[0]);
    t->ng--;
}

/* Remove a +86 / 86 country code; after it a landline may lack its 0. */
static phone_status strip_country(tokens *t)
{
    int total = t->nd;
    bool bare_86 = !t->plus && t->ng > 1 && t->g[0].len == 2 && starts(t, 0, "86");
    bool glued_86 = !t->plus && t->ng == 1 && total == 13 && starts(t, 0, "861");
    if (t->plus && !starts(t, 0, "86"))
        return PHONE_ERR_COUNTRY;
    if (!t->plus && !bare_86 && !glued_86)
        return PHONE_OK;
    t->intl = true;
    t->g[0].start += 2;
    t->g[0].len -= 2;
    if (t->g[0].len == 0)
        drop_first_group(t);
    if (t->ng == 0 || (t->ng == 1 && t->zhuan))
        return PHONE_ERR_LENGTH;
    const char *p = t->d + t->g[0].start;
    bool mobile = p[0] == '1' && !(t->g[0].len > 1 && p[1] == '0');
    if (p[0] != '0' && !mobile) { /* +86 571 ... -> 0571 ... */
        t->g[0].start--;
        t->g[0].len++;
        t->d[t->g[0].start] = '0';
    }
    return PHONE_OK;
}

/* Numbers that reach a service, not a person (see the top of this file). */
static bool is_service(const char *d, int n)
{
    if (n >= 3 && n <= 5)
        return true;
    if (n == 6 && (d[0] == '1' || d[0] == '9'))
        return true;
    return n == 10 && (memcmp(d, "400", 3) == 0 || memcmp(d, "800", 3) == 0);
}

static void copy_digits(char *dst, const char *src, int n)
{
    memcpy(dst, src, (size_t)n);
    dst[n] = '\0';
}

static phone_status check_mobile(const char *d, int n, const tokens *t, phone_info *out)
{
    out->kind = PHONE_KIND_MOBILE;
    if (t->zhuan)
        return PHONE_ERR_EXTENSION;
    if (n == 11) {
        if (d[1] < '3' || d[1] > '9')
            return PHONE_ERR_MOBILE_PREFIX;
        copy_digits(out->number, d, 11);
        return PHONE_OK;
    }
    if (!t->intl && is_service(d, n))
        return PHONE_ERR_SERVICE;
    return PHONE_ERR_LENGTH;
}

/* Digits after the 0 of the area code: 10 and 20-29 take 2, others 3. */
static phone_status area_length(const char *d, int n, int *alen)
{
    if (n < 3 || d[1] == '0' || (d[1] == '1' && d[2] != '0') || (d[1] == '2' && d[2] == '6'))
        return PHONE_ERR_AREA_CODE;
    *alen = (d[1] == '1' || d[1] == '2') ? 3 : 4;
    return n < *alen ? PHONE_ERR_AREA_CODE : PHONE_OK;
}

/* Groups after the area code make the subscriber number until it has 7
 * digits; one group left over after "-" (or any group after 转) is the
 * extension.  A group left over after a mere space is refused. */
static phone_status split_subscriber(const tokens *t, int nmain, int alen, int *sub_len,
                                     const group **ext)
{
    int k = 1;
    *sub_len = t->g[0].len - alen;
    while (k < nmain && (*sub_len < 7 || t->zhuan)) {
        *sub_len += t->g[k].len;
        k++;
    }
    *ext = NULL;
    if (t->zhuan)
        *ext = &t->g[t->ng - 1];
    else if (k == nmain - 1 && t->g[k].sep == SEP_HYPHEN)
        *ext = &t->g[k];
    else if (k < nmain)
        return PHONE_ERR_SUBSCRIBER;
    return PHONE_OK;
}

static phone_status check_subscriber(const char *sub, int len, int alen, bool has_ext)
{
    if (len == 0 || sub[0] == '0')
        return PHONE_ERR_SUBSCRIBER;
    if (!has_ext && is_service(sub, len))
        return PHONE_ERR_SERVICE;
    if (sub[0] == '1')
        return PHONE_ERR_SUBSCRIBER;
    if (alen == 3 ? len != 8 : (len < 7 || len > 8))
        return PHONE_ERR_SUBSCRIBER;
    return PHONE_OK;
}

static void write_landline(phone_info *out)
{
    char *p = out->number;
    size_t a = strlen(out->area), s = strlen(out->subscriber), e = strlen(out->extension);
    memcpy(p, out->area, a);
    p[a] = '-';
    memcpy(p + a + 1, out->subscriber, s);
    p += a + 1 + s;
    if (e > 0) {
        *p++ = '-';
        memcpy(p, out->extension, e);
        p += e;
    }
    *p = '\0';
}

static phone_status check_landline(const char *d, int n, const tokens *t, phone_info *out)
{
    int nmain = t->ng - (t->zhuan ? 1 : 0);
    int alen, sub_len;
    const group *ext;
    out->kind = PHONE_KIND_LANDLINE;
    phone_status st = area_length(d, n, &alen);
    if (st != PHONE_OK)
        return st;
    if (nmain > 1 && t->g[0].len <= 4 && t->g[0].len != alen)
        return PHONE_ERR_AREA_CODE; /* typed as "057-1..." or "0105-..." */
    copy_digits(out->area, d, alen);
    if ((st = split_subscriber(t, nmain, alen, &sub_len, &ext)) != PHONE_OK)
        return st;
    if ((st = check_subscriber(d + alen, sub_len, alen, ext != NULL)) != PHONE_OK)
        return st;
    copy_digits(out->subscriber, d + alen, sub_len);
    if (ext != NULL) {
        if (ext->len > 6)
            return PHONE_ERR_EXTENSION;
        copy_digits(out->extension, t->d + ext->start, ext->len);
    }
    write_landline(out);
    return PHONE_OK;
}

static phone_status classify(const tokens *t, phone_info *out)
{
    const char *d = t->d + t->g[0].start;
    int n = 0;
    for (int i = 0; i < t->ng - (t->zhuan ? 1 : 0); i++)
        n += t->g[i].len;
    if (d[0] == '1')
        return check_mobile(d, n, t, out);
    if (d[0] == '0')
        return check_landline(d, n, t, out);
    if (is_service(d, n))
        return PHONE_ERR_SERVICE;
    if (n == 7 || n == 8)
        return PHONE_ERR_NO_AREA_CODE;
    return PHONE_ERR_LENGTH;
}

phone_status phone_validate(const char *value, phone_info *out)
{
    memset(out, 0, sizeof *out);
    idtext_badchar_clear(&out->bad);
    size_t n;
    const char *s = idtext_trim(value, &n);
    if (n == 0)
        return PHONE_ERR_EMPTY;
    tokens t;
    memset(&t, 0, sizeof t);
    phone_status st = tokenize(s, n, &t, out);
    if (st != PHONE_OK)
        return st;
    if ((st = strip_country(&t)) != PHONE_OK)
        return st;
    st = classify(&t, out);
    if (st != PHONE_OK)
        out->number[0] = '\0';
    return st;
}

const char *phone_reason(phone_status st)
{
    switch (st) {
    case PHONE_OK:
        return N_("valid telephone number");
    case PHONE_ERR_EMPTY:
        return N_("no telephone number was entered");
    case PHONE_ERR_CHAR:
        return N_("a telephone number may contain only digits, spaces, hyphens, a leading + and 转 before an extension");
    case PHONE_ERR_LENGTH:
        return N_("wrong number of digits: a mobile number has 11 digits, a landline an area code and 7 or 8 digits");
    case PHONE_ERR_COUNTRY:
        return N_("only Chinese mainland numbers are accepted: after + the country code must be 86");
    case PHONE_ERR_MOBILE_PREFIX:
        return N_("not a mobile number: mobile numbers start with 13 to 19");
    case PHONE_ERR_AREA_CODE:
        return N_("bad area code: it is 0 followed by 2 digits (010, 020-029) or by 3 digits (such as 0571)");
    case PHONE_ERR_NO_AREA_CODE:
        return N_("a landline number needs its area code, such as 0571-88889999");
    case PHONE_ERR_SUBSCRIBER:
        return N_("bad subscriber number: 7 or 8 digits not starting with 0 or 1 (8 digits after 010 and 02x)");
    case PHONE_ERR_EXTENSION:
        return N_("bad extension: only a landline can have one, of 1 to 6 digits after - or 转");
    case PHONE_ERR_SERVICE:
        return N_("this is a service number (such as the 12345 hotline), not a personal telephone number");
    }
    return N_("invalid telephone number");
}
