/* idcard.c - validation of 公民身份号码 (see idcard.h).
 *
 * Why the window checks it: the applicants of a service centre are natural
 * persons, legal persons and other organisations (seed 001, 篇十三 附件1
 * "相关解释与要求" 3. 服务对象); a natural person is identified by the
 * 公民身份号码 on the 居民身份证, "由公安机关按照公民身份号码国家标准编制"
 * (中华人民共和国居民身份证法 第三条).
 *
 * The number (GB 11643-1999 公民身份号码, clauses 地址码 / 出生日期码 /
 * 顺序码 / 校验码): 6-digit address code (GB/T 2260), 8-digit birth date
 * YYYYMMDD, 3-digit sequence code (odd for men, even for women), 1 check
 * character by ISO 7064:1983 MOD 11-2, where a value of 10 is written "X".
 * First-generation cards carried 15 digits (GB 11643-1989): address code,
 * YYMMDD (century 19 implied), sequence code, no check character.
 *
 * Decisions (not settled by the standard):
 * - A lower-case "x" is accepted and normalised to "X": clerks type it so.
 * - Address codes 81, 82 and 83 are accepted and flagged residence_permit:
 *   the 港澳台居民居住证 carries a 公民身份号码 whose address code is 810000
 *   (Hong Kong), 820000 (Macao) or 830000 (Taiwan) (港澳台居民居住证申领发放
 *   办法, 国办发〔2018〕81号); 83 is not in GB/T 2260, 71 is (kept, GB/T 2260).
 * - Numbers starting with 9 (e.g. 91...) are refused as unknown province:
 *   no GB/T 2260 code starts with 9; such 18-digit values are foreign
 *   permanent residence ID numbers (外国人永久居留身份证, first digit 9) or
 *   unified social credit codes, neither of which is a 居民身份证号码.
 * - Birth dates before 1900-01-01 are refused (no living holder), later than
 *   "today" (passed in, core reads no clock) too; born today is accepted. */
#include "core/idcard.h"

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"
#include "core/region.h"

/* ISO 7064 MOD 11-2 as tabulated in GB 11643-1999 校验码: weight of digit i
 * is 2^(17-i) mod 11, and the check for sum mod 11 = 0..10 is below. */
static const int WEIGHTS[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char CHECK_MAP[] = "10X98765432";

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int two_digits(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

char idcard_check_char(const char *d17)
{
    if (d17 == NULL)
        return '\0';
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (!is_digit(d17[i]))
            return '\0';
        sum += (d17[i] - '0') * WEIGHTS[i];
    }
    return CHECK_MAP[sum % 11];
}

static void info_clear(idcard_info *out)
{
    memset(out, 0, sizeof *out);
    idtext_badchar_clear(&out->bad);
}

static bool is_x(char c)
{
    return c == 'X' || c == 'x';
}

/* Only digits and X (either case); where an X may stand is checked once the
 * length is known, so "...002X1" is reported as too long, not as a bad X. */
static idcard_status scan_chars(const char *s, size_t n, idcard_info *out)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]) && !is_x(s[i])) {
            idtext_badchar_set(&out->bad, s, s + i, n - i);
            return IDCARD_ERR_CHAR;
        }
    }
    return IDCARD_OK;
}

/* An X only as the 18th character (never in a 15-digit number). */
static idcard_status check_x_place(const char *s, size_t n, idcard_info *out)
{
    size_t digits_only = (n == IDCARD_LEN) ? n - 1 : n;
    for (size_t i = 0; i < digits_only; i++) {
        if (is_x(s[i])) {
            idtext_badchar_set(&out->bad, s, s + i, n - i);
            return IDCARD_ERR_CHAR;
        }
    }
    return IDCARD_OK;
}

/* Province-level part of the address code: GB/T 2260, plus 83 (see top). */
static bool province_ok(const char *d)
{
    return region_province_known(d) || (d[0] == '8' && d[1] == '3');
}

static bool is_permit_code(const char *d)
{
    return d[0] == '8' && (d[1] == '1' || d[1] == '2' || d[1] == '3');
}

/* Birth date checks of GB 11643-1999 出生日期码 on the 17-digit body. */
static idcard_status check_birth(const char *d17, const gdate *today, idcard_info *out)
{
    int y = two_digits(d17 + 6) * 100 + two_digits(d17 + 8);
    int m = two_digits(d17 + 10);
    int d = two_digits(d17 + 12);
    if (!date_valid(y, m, d))
        return IDCARD_ERR_DATE_IMPOSSIBLE;
    gdate birth = {y, m, d};
    out->birth = birth;
    if (today != NULL && date_cmp(birth, *today) > 0)
        return IDCARD_ERR_DATE_FUTURE;
    if (y < 1900)
        return IDCARD_ERR_DATE_TOO_OLD;
    return IDCARD_OK;
}

/* Checks shared by both forms, on the 17-digit body (legacy already upgraded). */
static idcard_status check_body(const char *d17, const gdate *today, idcard_info *out)
{
    memcpy(out->region, d17, 6);
    out->region[6] = '\0';
    if (!province_ok(d17))
        return IDCARD_ERR_PROVINCE;
    out->residence_permit = is_permit_code(d17);
    idcard_status st = check_birth(d17, today, out);
    if (st != IDCARD_OK)
        return st;
    out->sex = ((d17[16] - '0') % 2 == 1) ? IDCARD_MALE : IDCARD_FEMALE;
    out->expected_check = idcard_check_char(d17);
    return IDCARD_OK;
}

/* The whole validation; today == NULL skips the "not in the future" check. */
static idcard_status parse(const char *value, const gdate *today, idcard_info *out)
{
    info_clear(out);
    size_t n;
    const char *s = idtext_trim(value, &n);
    if (n == 0)
        return IDCARD_ERR_EMPTY;
    out->length = (int)idtext_char_count(s, n);
    idcard_status st = scan_chars(s, n, out);
    if (st != IDCARD_OK)
        return st;
    if (n != IDCARD_LEN && n != IDCARD_LEGACY_LEN)
        return IDCARD_ERR_LENGTH;
    if ((st = check_x_place(s, n, out)) != IDCARD_OK)
        return st;
    char d17[18];
    if (n == IDCARD_LEGACY_LEN) {
        out->legacy = true;
        memcpy(d17, s, 6);
        memcpy(d17 + 6, "19", 2);
        memcpy(d17 + 8, s + 6, 9);
    } else {
        memcpy(d17, s, 17);
    }
    d17[17] = '\0';
    st = check_body(d17, today, out);
    if (st != IDCARD_OK)
        return st;
    if (!out->legacy && (is_x(s[17]) ? 'X' : s[17]) != out->expected_check)
        return IDCARD_ERR_CHECK;
    memcpy(out->number, d17, 17);
    out->number[17] = out->expected_check;
    out->number[18] = '\0';
    return IDCARD_OK;
}

idcard_status idcard_validate(const char *value, gdate today, idcard_info *out)
{
    return parse(value, &today, out);
}

idcard_status idcard_upgrade15(const char *id15, char out[IDCARD_LEN + 1])
{
    idcard_info info;
    out[0] = '\0';
    idcard_status st = parse(id15, NULL, &info);
    if (st == IDCARD_OK && !info.legacy)
        return IDCARD_ERR_LENGTH;
    if (st == IDCARD_OK)
        memcpy(out, info.number, IDCARD_LEN + 1);
    return st;
}

const char *idcard_reason(idcard_status st)
{
    switch (st) {
    case IDCARD_OK:
        return N_("valid ID card number");
    case IDCARD_ERR_EMPTY:
        return N_("no ID card number was entered");
    case IDCARD_ERR_CHAR:
        return N_("an ID card number may contain only digits, and X as its last character");
    case IDCARD_ERR_LENGTH:
        return N_("an ID card number has 18 characters (15 digits on an old first-generation card)");
    case IDCARD_ERR_PROVINCE:
        return N_("the first two digits are not a province-level region code (GB/T 2260)");
    case IDCARD_ERR_DATE_IMPOSSIBLE:
        return N_("the birth date in the number is not a real calendar date");
    case IDCARD_ERR_DATE_FUTURE:
        return N_("the birth date in the number is later than today");
    case IDCARD_ERR_DATE_TOO_OLD:
        return N_("the birth date in the number is before 1900-01-01");
    case IDCARD_ERR_CHECK:
        return N_("the check character (the last one) does not match the first 17 digits: a digit was probably mistyped");
    }
    return N_("invalid ID card number");
}

const char *idcard_sex_token(idcard_sex sex)
{
    return sex == IDCARD_MALE ? "male" : "female";
}
