/* desk.c - the desk's messages (English message ids formatted through the
 * client's translator), the checks of what the clerk typed (the signer, a
 * case number, free texts, the applicant: 居民身份证 / 统一社会信用代码 by
 * core/ident.h, telephone by core/phone.h) and the names of the ratings.
 * The actions themselves are in desk_intake.c and desk_case.c. */
#include "data/desk.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/ident.h"
#include "data/desk_int.h"

/* ---- messages --------------------------------------------------------------------- */

static const char *(*translator)(const char *msgid);

void desk_set_translator(const char *(*tr)(const char *msgid))
{
    translator = tr;
}

const char *desk_tr(const char *msgid)
{
    const char *t = translator && msgid ? translator(msgid) : NULL;
    return t ? t : msgid;
}

int desk_say(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, desk_tr(fmt), ap);
    va_end(ap);
    return -1;
}

bool desk_blank(const char *v)
{
    for (; v && *v; v++)
        if (*v != ' ' && *v != '\t' && *v != '\n' && *v != '\r')
            return false;
    return true;
}

static bool has_control(const char *v)
{
    for (; *v; v++)
        if ((unsigned char)*v < 0x20 || *v == 0x7f)
            return true;
    return false;
}

int desk_text(const char *what, const char *v, size_t max, bool required, char *err, size_t errlen)
{
    if (desk_blank(v))
        return required ? desk_say(err, errlen, N_("%s is required"), desk_tr(what)) : 0;
    if (strlen(v) > max)
        return desk_say(err, errlen, N_("%s is longer than %d bytes"), desk_tr(what), (int)max);
    if (!ev_utf8_valid(v) || has_control(v))
        return desk_say(err, errlen, N_("%s holds characters that are not text (a control character or bad UTF-8)"),
                        desk_tr(what));
    return 0;
}

int desk_who_check(const desk_who *who, char *err, size_t errlen)
{
    if (!who || who->staff < 1)
        return desk_say(err, errlen, N_("nobody is logged in: every action is signed by a staff member"));
    if (desk_blank(who->window) || strlen(who->window) > 63)
        return desk_say(err, errlen, N_("no window is set: every action is recorded at a window"));
    if (!date_valid(who->today.y, who->today.m, who->today.d))
        return desk_say(err, errlen, N_("the terminal's date is not a real date"));
    return 0;
}

int desk_case_number(const char *in, char out[CASENUM_LEN], char *err, size_t errlen)
{
    casenum_parts p;
    casenum_status st = casenum_parse(in ? in : "", &p);
    if (st != CASENUM_OK)
        return desk_say(err, errlen, N_("case number %s: %s"), in ? in : "", desk_tr(casenum_reason(st)));
    casenum_format(&p, out);
    return 0;
}

/* ---- the applicant ------------------------------------------------------------------- */

/* Copy v without its outer blanks into out (cap bytes). */
static void trimmed(const char *v, char *out, size_t cap)
{
    while (*v == ' ' || *v == '\t')
        v++;
    size_t n = strlen(v);
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r'))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, v, n);
    out[n] = '\0';
}

/* A required name (what names the field), trimmed into out. */
static int name_of(const char *what, const char *v, char out[DESK_NAME_MAX + 1], char *err, size_t errlen)
{
    if (desk_text(what, v, DESK_NAME_MAX, true, err, errlen) != 0)
        return -1;
    trimmed(v, out, DESK_NAME_MAX + 1);
    return 0;
}

/* A person's 居民身份证号码: always refused when it fails (the reason from core/ident.h). */
static int person_id(const char *v, gdate today, desk_person *out, char *err, size_t errlen)
{
    ident_result ir;
    ident_check(v, today, &ir);
    if (ir.status == IDENT_OK && ir.kind == IDENT_KIND_IDCARD) {
        snprintf(out->id, sizeof out->id, "%s", ir.id.number);
        return 0;
    }
    if (ir.status == IDENT_OK)
        return desk_say(err, errlen,
                        N_("ID number: this is a unified social credit code; an organisation applies as an organisation"));
    idcard_info info;
    idcard_status st = ir.kind == IDENT_KIND_IDCARD ? ir.idcard : idcard_validate(v, today, &info);
    const idcard_info *id = ir.kind == IDENT_KIND_IDCARD ? &ir.id : &info;
    const char *why = ir.kind == IDENT_KIND_IDCARD ? ident_reason(&ir) : idcard_reason(st);
    if (st == IDCARD_ERR_CHECK && id->expected_check)
        return desk_say(err, errlen, N_("ID number: %s (the check character should be %c)"), desk_tr(why),
                        id->expected_check);
    return desk_say(err, errlen, N_("ID number: %s"), desk_tr(why));
}

/* An organisation's code kept by override: trimmed, upper case, printable ASCII that fits. */
static bool kept_as_typed(const char *v, char out[DESK_ID_MAX + 1])
{
    char t[DESK_ID_MAX + 2];
    trimmed(v, t, sizeof t);
    if (strlen(t) > DESK_ID_MAX)
        return false;
    for (size_t i = 0; t[i]; i++) {
        if (t[i] <= ' ' || t[i] > '~')
            return false;
        out[i] = t[i] >= 'a' && t[i] <= 'z' ? (char)(t[i] - 'a' + 'A') : t[i];
    }
    out[strlen(t)] = '\0';
    return true;
}

/* An organisation's 统一社会信用代码: one that fails its check is kept only with the clerk's reason. */
static int organisation_id(const desk_applicant *a, desk_person *out, char *err, size_t errlen)
{
    uscc_info u;
    uscc_status st = uscc_validate(a->id, &u);
    if (st == USCC_OK) {
        snprintf(out->id, sizeof out->id, "%s", u.code);
        return 0;
    }
    if (!desk_blank(a->id_override) && kept_as_typed(a->id, out->id)) {
        out->id_invalid = true;
        return desk_text(N_("the reason for keeping the code"), a->id_override, DESK_REASON_MAX, true, err, errlen);
    }
    if (st == USCC_ERR_CHECK && u.expected_check)
        return desk_say(err, errlen, N_("unified social credit code: %s (the check character should be %c)"),
                        desk_tr(uscc_reason(st)), u.expected_check);
    return desk_say(err, errlen, N_("unified social credit code: %s"), desk_tr(uscc_reason(st)));
}

int desk_phone_norm(const char *phone, char out[PHONE_NORM_MAX], char *err, size_t errlen)
{
    out[0] = '\0';
    if (desk_blank(phone))
        return 0;
    phone_info pi;
    phone_status st = phone_validate(phone, &pi);
    if (st != PHONE_OK)
        return desk_say(err, errlen, N_("telephone: %s"), desk_tr(phone_reason(st)));
    snprintf(out, PHONE_NORM_MAX, "%s", pi.number);
    return 0;
}

int desk_applicant_norm(const desk_applicant *a, gdate today, desk_person *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!a)
        return desk_say(err, errlen, N_("the applicant is missing"));
    if (!a->organisation) {
        if (name_of(N_("the applicant's name"), a->name, out->name, err, errlen) != 0)
            return -1;
        if (!desk_blank(a->id) && person_id(a->id, today, out, err, errlen) != 0)
            return -1;
    } else {
        if (name_of(N_("the organisation's name"), a->name, out->name, err, errlen) != 0 ||
            name_of(N_("the legal representative"), a->legal_rep, out->legal_rep, err, errlen) != 0)
            return -1;
        if (!desk_blank(a->id) && organisation_id(a, out, err, errlen) != 0)
            return -1;
    }
    return desk_phone_norm(a->phone, out->phone, err, errlen);
}

int desk_applicant_check(const desk_applicant *a, gdate today, char *err, size_t errlen)
{
    desk_person p;
    return desk_applicant_norm(a, today, &p, err, errlen);
}

/* ---- ratings (好差评, seed 001 篇十三 §26; seed 003) ------------------------------------- */

static const char *const rating_names[] = {"very_satisfied", "satisfied", "basically_satisfied", "dissatisfied",
                                           "very_dissatisfied"};
static const char *const rating_labels[] = {N_("very satisfied"), N_("satisfied"), N_("basically satisfied"),
                                            N_("dissatisfied"), N_("very dissatisfied")};

const char *desk_rating_name(desk_rating r)
{
    return r >= DESK_RATE_VERY_SATISFIED && r <= DESK_RATE_VERY_DISSATISFIED ? rating_names[r - 1] : NULL;
}

const char *desk_rating_label(desk_rating r)
{
    return r >= DESK_RATE_VERY_SATISFIED && r <= DESK_RATE_VERY_DISSATISFIED ? rating_labels[r - 1] : NULL;
}
