/* ident.c - deciding whether a typed identifier is an ID card number or a
 * unified social credit code, and validating it as such (see ident.h).
 *
 * The applicants of a service centre are natural persons (公民身份号码) and
 * legal persons or other organisations (统一社会信用代码) (seed 001, 篇十三
 * 附件1 "相关解释与要求" 3. 服务对象); the verb `guichet id check` takes either
 * (DESIGN.md §5).  How the kind is decided, after trimming:
 * - an ASCII letter other than X/x anywhere: a USCC (an ID number has no
 *   other letter);
 * - 18 characters otherwise (digits, maybe X): an ID card number, unless it
 *   fails as one and passes as a USCC (all-digit USCCs exist, e.g. Huawei's
 *   914403001922038216, and some hold an X, e.g. 91152201078371135X and
 *   9115220107837941X1); if it passes as neither, the USCC reason is given
 *   when it starts with 9 (no province code starts with 9, while 9 is the
 *   工商 authority code), the ID card reason otherwise;
 * - anything else (15 digits, wrong length, illegal characters): an ID card
 *   number, whose reasons (length "18, or 15 for an old card", illegal
 *   character with its position) are then the most helpful. */
#include "core/ident.h"

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"
#include "core/idtext.h"

static bool is_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A letter that an ID card number can never hold: any but X. */
static bool has_uscc_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_letter(s[i]) && s[i] != 'X' && s[i] != 'x')
            return true;
    return false;
}

static ident_status as_idcard(const char *value, gdate today, ident_result *out)
{
    out->kind = IDENT_KIND_IDCARD;
    out->idcard = idcard_validate(value, today, &out->id);
    if (out->idcard != IDCARD_OK)
        return IDENT_ERR_IDCARD;
    out->birth = out->id.birth;
    out->sex = out->id.sex;
    return IDENT_OK;
}

static ident_status as_uscc(const char *value, ident_result *out)
{
    out->kind = IDENT_KIND_USCC;
    out->uscc = uscc_validate(value, &out->org);
    return out->uscc == USCC_OK ? IDENT_OK : IDENT_ERR_USCC;
}

/* 18 characters, no letter but X: whichever kind it passes as. */
static ident_status as_either(const char *s, const char *value, gdate today, ident_result *out)
{
    if (as_idcard(value, today, out) == IDENT_OK)
        return IDENT_OK;
    idcard_status id_st = out->idcard;
    if (as_uscc(value, out) == IDENT_OK || s[0] == '9')
        return out->uscc == USCC_OK ? IDENT_OK : IDENT_ERR_USCC;
    out->kind = IDENT_KIND_IDCARD;
    out->idcard = id_st;
    return IDENT_ERR_IDCARD;
}

static ident_status decide(const char *value, gdate today, ident_result *out)
{
    size_t n;
    const char *s = idtext_trim(value, &n);
    if (n == 0)
        return IDENT_ERR_EMPTY;
    if (has_uscc_letter(s, n))
        return as_uscc(value, out);
    if (n == IDCARD_LEN)
        return as_either(s, value, today, out);
    return as_idcard(value, today, out);
}

ident_status ident_check(const char *value, gdate today, ident_result *out)
{
    memset(out, 0, sizeof *out);
    idtext_badchar_clear(&out->id.bad);
    idtext_badchar_clear(&out->org.bad);
    out->idcard = IDCARD_ERR_EMPTY;
    out->uscc = USCC_ERR_EMPTY;
    out->status = decide(value, today, out);
    return out->status;
}

const char *ident_reason(const ident_result *r)
{
    switch (r->status) {
    case IDENT_OK:
        return r->kind == IDENT_KIND_USCC ? uscc_reason(USCC_OK) : idcard_reason(IDCARD_OK);
    case IDENT_ERR_EMPTY:
        return N_("nothing was entered: type an ID card number or a unified social credit code");
    case IDENT_ERR_IDCARD:
        return idcard_reason(r->idcard);
    case IDENT_ERR_USCC:
        return uscc_reason(r->uscc);
    }
    return N_("not a valid ID card number or unified social credit code");
}

const char *ident_kind_token(ident_kind kind)
{
    switch (kind) {
    case IDENT_KIND_IDCARD:
        return "id";
    case IDENT_KIND_USCC:
        return "uscc";
    case IDENT_KIND_NONE:
        break;
    }
    return "";
}
