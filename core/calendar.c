/* calendar.c - the working-day calendar: parsing the holiday file's text
 * (docs/calendar.md) and counting working days.
 *
 * Working days: 行政许可法 第八十二条 "本法规定的行政机关实施行政许可的期限
 * 以工作日计算，不含法定节假日"; the holidays and the make-up working days
 * (调休) of each year are those of the State Council's notice
 * (国务院办公厅关于XXXX年部分节假日安排的通知), kept as data in cn.ini. */
#include "core/calendar.h"
#include "core/msgfmt.h"

#include <string.h>

#include "core/i18n.h"

/* ---- small text helpers -------------------------------------------------- */

typedef struct {
    const char *p;
    size_t n;
} span;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static span trim(span s)
{
    while (s.n > 0 && is_blank(s.p[0])) {
        s.p++;
        s.n--;
    }
    while (s.n > 0 && is_blank(s.p[s.n - 1]))
        s.n--;
    return s;
}

static bool span_is(span s, const char *word)
{
    size_t n = strlen(word);
    return s.n == n && memcmp(s.p, word, n) == 0;
}

static const char *span_find(span s, char c)
{
    return s.n ? memchr(s.p, c, s.n) : NULL;
}

/* Copy s into dst (size cap) without cutting a UTF-8 character in two. */
static void copy_utf8(char *dst, size_t cap, const char *src, size_t n)
{
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* ---- years ---------------------------------------------------------------- */

static const cal_year *find_year(const calendar *cal, int y)
{
    int lo = 0, hi = cal->nyears - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (cal->years[mid].year == y)
            return &cal->years[mid];
        if (cal->years[mid].year < y)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

static int day_of_year(gdate d)
{
    gdate jan1 = {d.y, 1, 1};
    return date_diff_days(jan1, d);
}

void cal_init(calendar *cal)
{
    memset(cal, 0, sizeof *cal);
}

bool cal_has_year(const calendar *cal, int y)
{
    return find_year(cal, y) != NULL;
}

int cal_years(const calendar *cal, int *out, int max)
{
    for (int i = 0; i < cal->nyears && i < max; i++)
        out[i] = cal->years[i].year;
    return cal->nyears;
}

const char *cal_source(const calendar *cal, int y)
{
    const cal_year *cy = find_year(cal, y);
    return cy ? cy->source : NULL;
}

/* ---- parser ------------------------------------------------------------------ */

enum { KEY_SOURCE, KEY_HOLIDAYS, KEY_WORKDAYS, KEY_COUNT, KEY_NONE = -1 };

static const char *const key_names[KEY_COUNT] = {"source", "holidays", "workdays"};

typedef struct {
    calendar *cal;
    cal_error *err;
    int line;
    cal_year *sec;     /* the section being read; NULL before the first */
    unsigned seen;     /* keys already met in this section (bit per KEY_*) */
    int cont_key;      /* list key continued on the next line, or KEY_NONE */
    int cont_line;     /* the line whose list ended with "," */
} parser;

static cal_parse_code fail_at(parser *p, int line, cal_parse_code code, span tok)
{
    p->err->code = code;
    p->err->line = line;
    p->err->year = p->sec ? p->sec->year : 0;
    copy_utf8(p->err->token, sizeof p->err->token, tok.p, tok.n);
    return code;
}

static cal_parse_code fail(parser *p, cal_parse_code code, span tok)
{
    return fail_at(p, p->line, code, tok);
}

static cal_parse_code fail_date(parser *p, cal_parse_code code, gdate d)
{
    char buf[DATE_STR_LEN];
    span s = {date_format(d, buf), 10};
    return fail(p, code, s);
}

/* "[2026]": open a new year, keeping the years sorted. */
static cal_parse_code parse_section(parser *p, span line)
{
    if (line.p[line.n - 1] != ']')
        return fail(p, CAL_PARSE_BAD_SECTION, line);
    span in = trim((span){line.p + 1, line.n - 2});
    int y = 0;
    bool digits = in.n == 4;
    for (size_t i = 0; digits && i < in.n; i++) {
        digits = in.p[i] >= '0' && in.p[i] <= '9';
        y = y * 10 + (in.p[i] - '0');
    }
    if (!digits || y < 1)
        return fail(p, CAL_PARSE_BAD_SECTION, line);
    p->sec = NULL; /* error tokens below carry no section year */
    if (find_year(p->cal, y))
        return fail(p, CAL_PARSE_DUP_SECTION, in);
    if (p->cal->nyears >= CAL_MAX_YEARS)
        return fail(p, CAL_PARSE_TOO_MANY_YEARS, in);
    int at = p->cal->nyears;
    while (at > 0 && p->cal->years[at - 1].year > y)
        at--;
    memmove(&p->cal->years[at + 1], &p->cal->years[at],
            (size_t)(p->cal->nyears - at) * sizeof p->cal->years[0]);
    memset(&p->cal->years[at], 0, sizeof p->cal->years[0]);
    p->cal->years[at].year = y;
    p->cal->nyears++;
    p->sec = &p->cal->years[at];
    p->seen = 0;
    return CAL_PARSE_OK;
}

/* One YYYY-MM-DD of the current section's year. */
static cal_parse_code parse_date(parser *p, span s, gdate *out)
{
    static const char shape[] = "dddd-dd-dd";
    bool ok = s.n == 10;
    for (size_t i = 0; ok && i < 10; i++)
        ok = shape[i] == 'd' ? (s.p[i] >= '0' && s.p[i] <= '9') : s.p[i] == '-';
    if (!ok)
        return fail(p, CAL_PARSE_BAD_DATE_SHAPE, s);
    char buf[11];
    memcpy(buf, s.p, 10);
    buf[10] = '\0';
    if (date_parse(buf, out) != 0)
        return fail(p, CAL_PARSE_NOT_REAL_DATE, s);
    if (out->y != p->sec->year)
        return fail(p, CAL_PARSE_WRONG_YEAR, s);
    return CAL_PARSE_OK;
}

/* Mark one day as kind; a day may be listed once and be only one kind. */
static cal_parse_code mark_day(parser *p, gdate d, cal_day_kind kind)
{
    unsigned char *slot = &p->sec->day[day_of_year(d)];
    if (*slot == kind)
        return fail_date(p, CAL_PARSE_DUP_DATE, d);
    if (*slot != CAL_DAY_PLAIN)
        return fail_date(p, CAL_PARSE_HOLIDAY_AND_WORKDAY, d);
    /* A make-up working day replaces a weekend day; on Monday-Friday it is a typo. */
    if (kind == CAL_DAY_WORKDAY && !date_is_weekend(d))
        return fail_date(p, CAL_PARSE_WORKDAY_NOT_WEEKEND, d);
    *slot = (unsigned char)kind;
    return CAL_PARSE_OK;
}

/* "2026-02-15..2026-02-23" or "2026-01-04". */
static cal_parse_code parse_item(parser *p, span item, cal_day_kind kind)
{
    gdate from, to;
    cal_parse_code rc;
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < item.n; i++)
        if (item.p[i] == '.' && item.p[i + 1] == '.') {
            dots = item.p + i;
            break;
        }
    if (!dots) {
        if ((rc = parse_date(p, item, &from)) != CAL_PARSE_OK)
            return rc;
        return mark_day(p, from, kind);
    }
    span a = trim((span){item.p, (size_t)(dots - item.p)});
    span b = trim((span){dots + 2, item.n - (size_t)(dots - item.p) - 2});
    if (a.n == 0 || b.n == 0)
        return fail(p, CAL_PARSE_BAD_DATE_SHAPE, item);
    if ((rc = parse_date(p, a, &from)) != CAL_PARSE_OK || (rc = parse_date(p, b, &to)) != CAL_PARSE_OK)
        return rc;
    if (date_cmp(to, from) < 0)
        return fail(p, CAL_PARSE_RANGE_REVERSED, item);
    for (gdate d = from; date_cmp(d, to) <= 0; d = date_add_days(d, 1))
        if ((rc = mark_day(p, d, kind)) != CAL_PARSE_OK)
            return rc;
    return CAL_PARSE_OK;
}

/* A comma-separated list of dates and ranges; a trailing "," continues it on the next line. */
static cal_parse_code parse_list(parser *p, span value, int key)
{
    cal_day_kind kind = key == KEY_HOLIDAYS ? CAL_DAY_HOLIDAY : CAL_DAY_WORKDAY;
    span whole = value;
    p->cont_key = KEY_NONE;
    if (value.n == 0)
        return CAL_PARSE_OK;
    if (value.p[value.n - 1] == ',') {
        p->cont_key = key;
        p->cont_line = p->line;
        value.n--;
    }
    for (;;) {
        const char *comma = span_find(value, ',');
        size_t len = comma ? (size_t)(comma - value.p) : value.n;
        span item = trim((span){value.p, len});
        if (item.n == 0)
            return fail(p, CAL_PARSE_EMPTY_ITEM, whole);
        cal_parse_code rc = parse_item(p, item, kind);
        if (rc != CAL_PARSE_OK)
            return rc;
        if (!comma)
            return CAL_PARSE_OK;
        value = (span){comma + 1, value.n - len - 1};
    }
}

static int key_index(span key)
{
    for (int k = 0; k < KEY_COUNT; k++)
        if (span_is(key, key_names[k]))
            return k;
    return KEY_NONE;
}

/* "key = value" inside a section. */
static cal_parse_code parse_key_line(parser *p, span line)
{
    const char *eq = span_find(line, '=');
    if (!eq)
        return fail(p, CAL_PARSE_BAD_LINE, line);
    span key = trim((span){line.p, (size_t)(eq - line.p)});
    span value = trim((span){eq + 1, line.n - (size_t)(eq - line.p) - 1});
    if (!p->sec)
        return fail(p, CAL_PARSE_KEY_OUTSIDE, key.n ? key : line);
    int k = key_index(key);
    if (k == KEY_NONE)
        return fail(p, CAL_PARSE_UNKNOWN_KEY, key.n ? key : line);
    if (p->seen & (1u << k))
        return fail(p, CAL_PARSE_DUP_KEY, key);
    p->seen |= 1u << k;
    if (k != KEY_SOURCE)
        return parse_list(p, value, k);
    if (value.n >= sizeof p->sec->source)
        return fail(p, CAL_PARSE_SOURCE_TOO_LONG, key);
    memcpy(p->sec->source, value.p, value.n);
    p->sec->source[value.n] = '\0';
    return CAL_PARSE_OK;
}

/* A list ended with "," but the next line is no continuation (or there is none). */
static cal_parse_code dangling_comma(parser *p)
{
    const char *key = key_names[p->cont_key];
    return fail_at(p, p->cont_line, CAL_PARSE_DANGLING_COMMA, (span){key, strlen(key)});
}

static cal_parse_code parse_line(parser *p, span raw)
{
    if (memchr(raw.p, '\0', raw.n))
        return fail(p, CAL_PARSE_NUL_BYTE, (span){"", 0});
    if (p->line == 1 && raw.n >= 3 && memcmp(raw.p, "\xEF\xBB\xBF", 3) == 0) {
        raw.p += 3; /* a UTF-8 byte-order mark left by a Windows editor */
        raw.n -= 3;
    }
    span line = trim(raw);
    if (line.n == 0 || line.p[0] == ';' || line.p[0] == '#')
        return CAL_PARSE_OK;
    if (p->cont_key != KEY_NONE) {
        if (line.p[0] == '[' || span_find(line, '='))
            return dangling_comma(p);
        return parse_list(p, line, p->cont_key);
    }
    if (line.p[0] == '[')
        return parse_section(p, line);
    return parse_key_line(p, line);
}

static void copy_filename(cal_error *err, const char *filename)
{
    const char *f = filename ? filename : "";
    size_t n = strlen(f);
    if (n >= sizeof err->file) /* keep the end: the file's own name matters most */
        f += n - (sizeof err->file - 1);
    while (((unsigned char)*f & 0xC0) == 0x80)
        f++;
    copy_utf8(err->file, sizeof err->file, f, strlen(f));
}

cal_parse_code cal_parse(calendar *cal, const char *text, size_t len, const char *filename, cal_error *err)
{
    parser p = {cal, err, 0, NULL, 0, KEY_NONE, 0};
    cal_parse_code rc = CAL_PARSE_OK;
    memset(err, 0, sizeof *err);
    copy_filename(err, filename);
    cal_init(cal);
    size_t at = 0;
    while (rc == CAL_PARSE_OK && at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
        p.line++;
        rc = parse_line(&p, (span){text + at, n});
        at += n + 1;
    }
    if (rc == CAL_PARSE_OK && p.cont_key != KEY_NONE)
        rc = dangling_comma(&p);
    if (rc == CAL_PARSE_OK && cal->nyears == 0)
        rc = fail_at(&p, 0, CAL_PARSE_NO_YEARS, (span){"", 0});
    if (rc != CAL_PARSE_OK)
        cal_init(cal);
    return rc;
}

/* ---- messages --------------------------------------------------------------------- */

const char *cal_parse_reason(cal_parse_code code)
{
    switch (code) {
    case CAL_PARSE_OK: return N_("no error");
    case CAL_PARSE_NO_YEARS: return N_("no year section such as [2026] in the file");
    case CAL_PARSE_BAD_SECTION: return N_("%s is not a year section (write [YYYY], e.g. [2026])");
    case CAL_PARSE_DUP_SECTION: return N_("year [%s] appears twice");
    case CAL_PARSE_TOO_MANY_YEARS: return N_("too many year sections: [%s] is one more than the 64 allowed");
    case CAL_PARSE_BAD_LINE: return N_("'%s' is not a comment, a [YYYY] section or key = value");
    case CAL_PARSE_NUL_BYTE: return N_("the line contains a NUL byte (is this a text file?)");
    case CAL_PARSE_KEY_OUTSIDE: return N_("key '%s' comes before the first [YYYY] section");
    case CAL_PARSE_UNKNOWN_KEY: return N_("unknown key '%s' (known: source, holidays, workdays)");
    case CAL_PARSE_DUP_KEY: return N_("key '%s' appears twice in the same year");
    case CAL_PARSE_SOURCE_TOO_LONG: return N_("the %s line is longer than 511 bytes");
    case CAL_PARSE_EMPTY_ITEM: return N_("empty entry in the list '%s' (two commas in a row?)");
    case CAL_PARSE_DANGLING_COMMA: return N_("the %s list ends with a comma but no date follows");
    case CAL_PARSE_BAD_DATE_SHAPE: return N_("'%s' is not a date (write YYYY-MM-DD, ranges as YYYY-MM-DD..YYYY-MM-DD)");
    case CAL_PARSE_NOT_REAL_DATE: return N_("%s is not a real date");
    case CAL_PARSE_WRONG_YEAR: return N_("%s is not in the year of its section [%d]");
    case CAL_PARSE_RANGE_REVERSED: return N_("range %s ends before it starts");
    case CAL_PARSE_DUP_DATE: return N_("%s is listed twice");
    case CAL_PARSE_HOLIDAY_AND_WORKDAY: return N_("%s is listed both as a holiday and as a make-up working day");
    case CAL_PARSE_WORKDAY_NOT_WEEKEND: return N_("%s is a weekday; a make-up working day must be a Saturday or Sunday");
    }
    return N_("unknown calendar file error");
}

const char *cal_status_reason(cal_status st)
{
    switch (st) {
    case CAL_OK: return N_("no error");
    case CAL_NOT_LOADED: return N_("calendar for %d not loaded");
    case CAL_BAD_DATE: return N_("not a real date");
    case CAL_BAD_COUNT: return N_("the number of working days must not be negative");
    }
    return N_("unknown calendar error");
}

char *cal_error_format(const cal_error *err, const char *fmt, char *buf, size_t len)
{
    return msgfmt_located(buf, len, err->file, err->line, fmt ? fmt : cal_parse_reason(err->code), err->token,
                          err->year);
}

/* ---- arithmetic -------------------------------------------------------------------- */

static cal_status not_loaded(int y, int *missing_year)
{
    if (missing_year)
        *missing_year = y;
    return CAL_NOT_LOADED;
}

/* Working day or not; the date is known to be valid. */
static cal_status workday(const calendar *cal, gdate d, bool *out, int *missing_year)
{
    const cal_year *cy = find_year(cal, d.y);
    if (!cy)
        return not_loaded(d.y, missing_year);
    switch (cy->day[day_of_year(d)]) {
    case CAL_DAY_HOLIDAY: *out = false; break;
    case CAL_DAY_WORKDAY: *out = true; break;
    default: *out = !date_is_weekend(d); break;
    }
    return CAL_OK;
}

static bool valid(gdate d)
{
    return date_valid(d.y, d.m, d.d);
}

cal_status cal_is_workday(const calendar *cal, gdate d, bool *is_work, int *missing_year)
{
    if (!valid(d))
        return CAL_BAD_DATE;
    return workday(cal, d, is_work, missing_year);
}

cal_status cal_add_workdays(const calendar *cal, gdate d, int n, gdate *out, int *missing_year)
{
    if (!valid(d))
        return CAL_BAD_DATE;
    if (n < 0)
        return CAL_BAD_COUNT;
    if (!find_year(cal, d.y)) /* the starting day must be covered too: no guess at all */
        return not_loaded(d.y, missing_year);
    /* Counting starts the next day (民法典 第二百零一条 "开始的当日不计入，自下一日
     * 开始计算"): accepted Monday with 1 working day, due Tuesday.  The loop
     * ends: every step either counts a day or meets a year not loaded. */
    while (n > 0) {
        bool w;
        d = date_add_days(d, 1);
        cal_status st = workday(cal, d, &w, missing_year);
        if (st != CAL_OK)
            return st;
        if (w)
            n--;
    }
    *out = d;
    return CAL_OK;
}

/* Working days in (a, b], a <= b. */
static cal_status count_after(const calendar *cal, gdate a, gdate b, int *count, int *missing_year)
{
    int n = 0;
    if (!find_year(cal, a.y))
        return not_loaded(a.y, missing_year);
    for (gdate d = date_add_days(a, 1); date_cmp(d, b) <= 0; d = date_add_days(d, 1)) {
        bool w;
        cal_status st = workday(cal, d, &w, missing_year);
        if (st != CAL_OK)
            return st;
        n += w;
    }
    *count = n;
    return CAL_OK;
}

cal_status cal_workdays_between(const calendar *cal, gdate a, gdate b, int *count, int *missing_year)
{
    if (!valid(a) || !valid(b))
        return CAL_BAD_DATE;
    if (date_cmp(a, b) <= 0)
        return count_after(cal, a, b, count, missing_year);
    int n = 0;
    cal_status st = count_after(cal, b, a, &n, missing_year);
    if (st == CAL_OK)
        *count = -n;
    return st;
}
