/* notice.c - the documents of core/notice.h laid out as plain text lines:
 * a centred title, labelled fields wrapped with a hanging indent, the body
 * the rule requires, numbered material lines, the centre's contact, the date
 * and the signature lines.  Widths are display columns (core/cwidth.h): a
 * Chinese character takes two, a line may break between any two wide
 * characters and at spaces in Latin text, never inside a character, and no
 * line is wider than the width asked for.  Every word printed is a message
 * id passed through the caller's translate function; values go into
 * "{name}" placeholders so a translation may put them in any order. */
#include "core/notice.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/cwidth.h"
#include "core/i18n.h"
#include "core/pinyin.h"

#define TEXT_MAX 8192 /* bytes of one composed paragraph or material line (longer is cut) */
#define SIGN_GAP 10   /* spaces between a signature label and its date label */

/* ---- output ------------------------------------------------------------------------------ */

/* Where the text goes: len counts every byte, also those that did not fit. */
typedef struct {
    char *buf;
    size_t cap, len;
    int width;
    notice_tr tr;
} lay;

static void put(lay *L, const char *s, size_t n)
{
    if (L->len < L->cap) {
        size_t room = L->cap - L->len;
        memcpy(L->buf + L->len, s, n < room ? n : room);
    }
    L->len += n;
}

static void pad(lay *L, int n)
{
    for (int i = 0; i < n; i++)
        put(L, " ", 1);
}

static void nl(lay *L)
{
    put(L, "\n", 1);
}

static const char *T(const lay *L, const char *msgid)
{
    const char *s = L->tr ? L->tr(msgid) : msgid;
    return s ? s : msgid;
}

static bool given(const char *s)
{
    return s && *s;
}

/* ---- characters -------------------------------------------------------------------------- */

enum { CH_BAD, CH_NL, CH_SPACE, CH_ZERO, CH_NARROW, CH_WIDE };

typedef struct {
    size_t len; /* bytes */
    int cols;
    int cls;
} chr;

/* One character at s: an undecodable byte is one column (written '?'); tabs and other
 * controls are one column of space; '\n' breaks the line. */
static chr ch_at(const char *s, size_t avail)
{
    uint32_t cp;
    size_t n = pinyin_utf8_decode(s, avail, &cp);
    if (n == 0)
        return (chr){1, 1, CH_BAD};
    if (cp == '\n')
        return (chr){1, 0, CH_NL};
    int w = cwidth(cp);
    if (cp == ' ' || w < 0)
        return (chr){n, 1, CH_SPACE};
    return (chr){n, w, w == 0 ? CH_ZERO : w == 2 ? CH_WIDE : CH_NARROW};
}

/* Write n bytes of s as they will be measured: bad bytes as '?', controls as spaces. */
static void put_clean(lay *L, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        chr c = ch_at(s + i, n - i);
        if (c.cls == CH_BAD)
            put(L, "?", 1);
        else if (c.cls == CH_SPACE || c.cls == CH_NL)
            put(L, " ", 1);
        else
            put(L, s + i, c.len);
        i += c.len;
    }
}

/* Columns s takes on one line. */
static int text_cols(const char *s)
{
    int cols = 0;
    for (size_t i = 0, n = strlen(s); i < n;) {
        chr c = ch_at(s + i, n - i);
        cols += c.cols;
        i += c.len;
    }
    return cols;
}

/* ---- wrapping ---------------------------------------------------------------------------- */

/* A unit of wrapping: a run of spaces, a line break, one wide character (with the zero-width
 * marks after it), or a word of narrow characters. */
typedef struct {
    size_t end;
    int cols;
    int cls;
} unit;

static unit unit_at(const char *s, size_t n, size_t pos)
{
    chr c = ch_at(s + pos, n - pos);
    unit u = {pos + c.len, c.cols, c.cls};
    if (c.cls == CH_NL)
        return u;
    if (c.cls != CH_SPACE && c.cls != CH_WIDE)
        u.cls = CH_NARROW;
    while (u.end < n) {
        chr d = ch_at(s + u.end, n - u.end);
        bool joins = u.cls == CH_SPACE ? d.cls == CH_SPACE
                     : u.cls == CH_WIDE ? d.cls == CH_ZERO
                                        : d.cls != CH_SPACE && d.cls != CH_NL && d.cls != CH_WIDE;
        if (!joins)
            break;
        u.end += d.len;
        u.cols += d.cols;
    }
    return u;
}

enum { A_LEFT, A_CENTRE, A_RIGHT };

/* How the lines of one block are placed. */
typedef struct {
    int align;
    const char *first; /* A_LEFT: written before the first line (a label, a number, an indent) */
    int hang;          /* A_LEFT: spaces before the other lines */
} shape;

static void line_out(lay *L, const shape *sh, const char *s, size_t n, int cols, int lineno)
{
    if (sh->align != A_LEFT)
        pad(L, sh->align == A_CENTRE ? (L->width - cols) / 2 : L->width - cols);
    else if (lineno == 0)
        put_clean(L, sh->first, strlen(sh->first));
    else if (n > 0)
        pad(L, sh->hang);
    put_clean(L, s, n);
    nl(L);
}

/* The bytes of a word that fit in avail columns (at least one character); *cols gets their width. */
static size_t split_word(const char *s, size_t end, size_t pos, int avail, int *cols)
{
    size_t cut = pos;
    int w = 0;
    while (cut < end) {
        chr c = ch_at(s + cut, end - cut);
        if (w + c.cols > avail && cut > pos)
            break;
        w += c.cols;
        cut += c.len;
    }
    *cols = w;
    return cut;
}

/* 禁则 of Chinese typesetting: punctuation that may not begin a line, and openings that may not end one. */
static bool in_set(const char *s, size_t avail, const uint32_t *set)
{
    uint32_t cp;
    if (pinyin_utf8_decode(s, avail, &cp) == 0)
        return false;
    for (; *set; set++)
        if (*set == cp)
            return true;
    return false;
}

static bool no_line_start(const char *s, size_t avail)
{
    static const uint32_t set[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300B, 0x300D,
                                   0x300F, 0x3011, 0x3015, 0x3009, 0x201D, 0x2019, 0x2026, 0xFF05, ',', '.', ';',
                                   ':', '?', '!', ')', ']', '}', 0};
    return in_set(s, avail, set);
}

static bool no_line_end(const char *s, size_t avail)
{
    static const uint32_t set[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0x201C, 0x2018, '(',
                                   '[', '{', 0};
    return in_set(s, avail, set);
}

/* A line being filled: bytes start..end of the text, cols wide; the last unit starts at last,
 * and the line before it ends at prev_end, prev_cols wide. */
typedef struct {
    bool open;
    size_t start, end, last, prev_end;
    int cols, prev_cols, pend;
} fill_line;

/* Lay s out in lines of first_avail columns (the first) and rest_avail (the others), both >= 2.
 * A line breaks at spaces or between wide characters; a word wider than the line is cut by
 * characters; closing punctuation does not begin a line nor an opening end one when the line
 * has another unit to move down with it. */
static void wrap(lay *L, const shape *sh, const char *s, int first_avail, int rest_avail)
{
    size_t n = strlen(s), pos = 0;
    int lineno = 0, avail = first_avail;
    fill_line ln = {0};
    while (pos < n) {
        unit u = unit_at(s, n, pos);
        int need = u.cols + (ln.open ? ln.pend : 0);
        if (u.cls == CH_SPACE) {
            ln.pend += ln.open ? u.cols : 0;
            pos = u.end;
        } else if (u.cls != CH_NL && ln.cols + need <= avail) {
            ln.prev_end = ln.open ? ln.end : pos;
            ln.prev_cols = ln.cols;
            ln.start = ln.open ? ln.start : pos;
            ln.last = pos;
            ln.open = true;
            ln.end = pos = u.end;
            ln.cols += need;
            ln.pend = 0;
        } else if (ln.open || u.cls == CH_NL) {
            /* the unit goes on the next line (a line break is consumed here) */
            bool back = u.cls != CH_NL && ln.last > ln.start &&
                        (no_line_start(s + pos, n - pos) || no_line_end(s + ln.last, n - ln.last));
            if (back)
                line_out(L, sh, s + ln.start, ln.prev_end - ln.start, ln.prev_cols, lineno++);
            else
                line_out(L, sh, s + ln.start, ln.open ? ln.end - ln.start : 0, ln.cols, lineno++);
            pos = back ? ln.last : u.cls == CH_NL ? u.end : pos;
            ln = (fill_line){0};
            avail = rest_avail;
        } else {
            /* a word wider than a whole line: cut it by characters */
            int cols;
            size_t cut = split_word(s, u.end, pos, avail, &cols);
            line_out(L, sh, s + pos, cut - pos, cols, lineno++);
            pos = cut;
            avail = rest_avail;
        }
    }
    if (ln.open)
        line_out(L, sh, s + ln.start, ln.end - ln.start, ln.cols, lineno);
}

/* Text after `first` (a label or number, at most width - 2 columns), other lines `hang` in. */
static void block(lay *L, const char *first, int hang, const char *text)
{
    shape sh = {A_LEFT, first, hang};
    wrap(L, &sh, text, L->width - text_cols(first), L->width - hang);
}

/* Text centred or right-aligned, wrapped when it is wider than the page. */
static void aligned(lay *L, int align, const char *text)
{
    shape sh = {align, "", 0};
    wrap(L, &sh, text, L->width, L->width);
}

/* A paragraph whose first line is indented by two Chinese characters. */
static void paragraph(lay *L, const char *text)
{
    if (given(text))
        block(L, "    ", 0, text);
}

/* "Label: value", the value's other lines under its first; left out when the value is empty. */
static void field(lay *L, const char *label_id, const char *value)
{
    if (!given(value))
        return;
    const char *label = T(L, label_id);
    int lw = text_cols(label);
    if (lw <= L->width / 2) {
        block(L, label, lw, value);
        return;
    }
    block(L, "", 0, label); /* a label too wide to hang under: on its own line */
    block(L, "    ", 4, value);
}

/* ---- composing text ---------------------------------------------------------------------- */

/* Append n bytes of s to out (cap bytes, NUL-terminated), cut before a partial character. */
static void app(char *out, size_t cap, size_t *at, const char *s, size_t n)
{
    if (*at + 1 >= cap)
        return;
    if (n > cap - 1 - *at) {
        n = cap - 1 - *at;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out + *at, s, n);
    *at += n;
    out[*at] = '\0';
}

static void app_s(char *out, size_t cap, size_t *at, const char *s)
{
    app(out, cap, at, s, strlen(s));
}

typedef struct {
    const char *key, *val;
} kv;

/* Append tmpl with each "{key}" replaced by its value (unknown placeholders stay as they are). */
static void fill(char *out, size_t cap, size_t *at, const char *tmpl, const kv *v, size_t nv)
{
    for (const char *p = tmpl; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        size_t i = 0;
        while (close && i < nv && !(strlen(v[i].key) == (size_t)(close - p - 1) &&
                                    strncmp(p + 1, v[i].key, (size_t)(close - p - 1)) == 0))
            i++;
        if (close && i < nv) {
            app_s(out, cap, at, v[i].val ? v[i].val : "");
            p = close + 1;
        } else {
            app(out, cap, at, p, 1);
            p++;
        }
    }
}

/* One value into a template, as a new string in out. */
static const char *fill1(char *out, size_t cap, const char *tmpl, const char *key, const char *val)
{
    size_t at = 0;
    out[0] = '\0';
    fill(out, cap, &at, tmpl, &(kv){key, val}, 1);
    return out;
}

static bool is_iso_date(const char *s)
{
    static const char shape_[] = "dddd-dd-dd";
    for (size_t i = 0; i < sizeof shape_ - 1; i++)
        if (shape_[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != '-')
            return false;
    return s[10] == '\0';
}

/* A YYYY-MM-DD date as the translation writes dates ("2026年11月3日"); other text as it is. */
static const char *nice_date(const lay *L, const char *iso, char *out, size_t cap)
{
    if (!given(iso) || !is_iso_date(iso))
        return iso;
    char y[5], mm[3], dd[3];
    memcpy(y, iso, 4), y[4] = '\0';
    memcpy(mm, iso + 5, 2), mm[2] = '\0';
    memcpy(dd, iso + 8, 2), dd[2] = '\0';
    kv v[] = {{"y", y}, {"mm", mm}, {"dd", dd}, {"m", mm + (mm[0] == '0')}, {"d", dd + (dd[0] == '0')}};
    size_t at = 0;
    out[0] = '\0';
    /* TRANSLATORS: a date; {y} year, {mm} {dd} with two digits, {m} {d} without a leading zero. */
    fill(out, cap, &at, T(L, N_("{y}-{mm}-{dd}")), v, sizeof v / sizeof v[0]);
    return out;
}

/* How the body names the item: its name, else its code, else "this service". */
static const char *item_ref(const lay *L, const notice_doc *d)
{
    /* TRANSLATORS: stands for the item's name in "your application for {item}" when it is unknown. */
    return given(d->item_name) ? d->item_name : given(d->item_code) ? d->item_code : T(L, N_("this service"));
}

/* ---- the parts of a document ------------------------------------------------------------- */

const char *notice_title(notice_kind k)
{
    switch (k) {
    case NOTICE_ACCEPTANCE: return N_("Acceptance notice");
    case NOTICE_SUPPLEMENT: return N_("Notice to supplement materials");
    case NOTICE_REJECTION: return N_("Notice of non-acceptance");
    case NOTICE_DEFERRAL: return N_("Deferred acceptance commitment");
    case NOTICE_ONE_TIME: return N_("One-time notice of what to bring");
    case NOTICE_KIND_COUNT: break;
    }
    return NULL;
}

const char *notice_kind_name(notice_kind k)
{
    static const char *const names[NOTICE_KIND_COUNT] = {"acceptance", "supplement", "rejection", "deferral",
                                                         "one_time"};
    return (unsigned)k < NOTICE_KIND_COUNT ? names[k] : NULL;
}

/* The centre's name, the title (centred by columns) and the reprint mark beside it. */
static void heading(lay *L, const notice_doc *d)
{
    if (given(d->centre_name))
        aligned(L, A_CENTRE, d->centre_name);
    const char *title = T(L, notice_title(d->kind));
    /* TRANSLATORS: printed beside the title of a document printed again. */
    const char *mark = T(L, N_("(reprint)"));
    int tw = text_cols(title), mw = text_cols(mark), lead = (L->width - tw) / 2;
    if (d->reprint && tw <= L->width && lead + tw + 2 + mw <= L->width) {
        pad(L, lead);
        put_clean(L, title, strlen(title));
        pad(L, 2);
        put_clean(L, mark, strlen(mark));
        nl(L);
    } else {
        aligned(L, A_CENTRE, title);
        if (d->reprint)
            aligned(L, A_RIGHT, mark);
    }
    nl(L);
}

/* Who and what: the case and applicant, and the item for a case document. */
static void case_fields(lay *L, const notice_doc *d)
{
    char day[64];
    size_t before = L->len;
    field(L, N_("Case number: "), d->case_id);
    field(L, N_("Applicant: "), d->applicant);
    field(L, N_("ID number: "), d->applicant_id);
    if (d->kind != NOTICE_ONE_TIME) {
        field(L, N_("Item: "), d->item_name);
        field(L, N_("Item code: "), d->item_code);
        field(L, N_("Item type: "), d->item_kind);
        field(L, N_("Department: "), d->department);
        field(L, N_("Received on: "), nice_date(L, d->received, day, sizeof day));
    }
    if (L->len != before)
        nl(L);
}

/* "1. 居民身份证 原件 1份（缺）": asks = a 补正 / 容缺 list (missing or what is wrong), else the note. */
static void material_line(lay *L, const notice_material *m, bool asks)
{
    char num[24], text[TEXT_MAX], tmp[64];
    size_t at = 0;
    text[0] = '\0';
    snprintf(num, sizeof num, "%d. ", m->n);
    app_s(text, sizeof text, &at, given(m->name) ? m->name : "?");
    if (given(m->form)) {
        app_s(text, sizeof text, &at, " ");
        app_s(text, sizeof text, &at, m->form);
    }
    const char *back = T(L, N_("shown and handed back"));
    bool said = !asks && given(m->note) && strncmp(m->note, back, strlen(back)) == 0; /* the note says it */
    if (m->copies > 0) {
        snprintf(tmp, sizeof tmp, "%d", m->copies);
        app_s(text, sizeof text, &at, " ");
        fill(text, sizeof text, &at, T(L, N_("copies: {n}")), &(kv){"n", tmp}, 1);
    } else if (m->copies == 0 && !said) {
        app_s(text, sizeof text, &at, " ");
        app_s(text, sizeof text, &at, back);
    }
    const char *tmpl = NULL;
    if (asks && m->missing)
        tmpl = N_(" (missing)");
    else if (asks)
        tmpl = given(m->note) ? N_(" (not in the legal form: {note})") : N_(" (not in the legal form)");
    else if (given(m->note))
        tmpl = N_(" ({note})");
    if (tmpl)
        fill(text, sizeof text, &at, T(L, tmpl), &(kv){"note", m->note}, 1);
    int nw = text_cols(num);
    block(L, num, nw <= L->width / 2 ? nw : 0, text);
}

static void material_list(lay *L, const notice_doc *d, bool asks)
{
    for (size_t i = 0; d->materials && i < d->nmaterials; i++)
        material_line(L, &d->materials[i], asks);
}

/* 受理通知书 (seed 001 篇十三 §10(4)): accepted, the promised date, special procedures noted. */
static void body_acceptance(lay *L, const notice_doc *d)
{
    char p[TEXT_MAX], day[64];
    size_t at = 0;
    p[0] = '\0';
    fill(p, sizeof p, &at,
         T(L, N_("Your application for {item} has been examined: the materials are complete and in the legal "
                 "form, and it is accepted.")),
         &(kv){"item", item_ref(L, d)}, 1);
    if (given(d->due))
        fill(p, sizeof p, &at, T(L, N_(" It will be concluded by {due}.")),
             &(kv){"due", nice_date(L, d->due, day, sizeof day)}, 1);
    paragraph(L, p);
    /* "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审等特别程序的，应在《受理通知书》上注明"
     * (seed 001 篇十三 §10(4)). */
    if (given(d->special))
        paragraph(L, fill1(p, sizeof p, T(L, N_("After acceptance the law requires these special procedures: "
                                                "{special}")),
                           "special", d->special));
    paragraph(L, T(L, N_("Please keep this notice and bring it, with your identity document, to collect the "
                         "result.")));
}

/* 补正材料通知书: the complete list at once (seed 001 篇十三 §10(4); 行政许可法 第三十二条第一款第四项). */
static void body_supplement(lay *L, const notice_doc *d)
{
    char p[TEXT_MAX], n[24];
    paragraph(L, fill1(p, sizeof p,
                       T(L, N_("The materials you submitted for {item} are incomplete or not in the legal form. "
                               "Under article 32 of the Administrative Licensing Law you are told at once "
                               "everything to supplement; please supplement all of the following materials:")),
                       "item", item_ref(L, d)));
    material_list(L, d, true);
    snprintf(n, sizeof n, "%zu", d->nmaterials);
    if (d->nmaterials > 0)
        paragraph(L, fill1(p, sizeof p, T(L, N_("{n} materials in all.")), "n", n));
    /* 补办件: the time limit counts again from the day the materials are complete (seed 001 篇四 (七)). */
    paragraph(L, T(L, N_("Please bring all of them to this window. The time limit counts from the day the "
                         "materials are complete.")));
}

/* 不予受理通知书: "应说明理由和依据" (seed 001 篇十三 §10(4)); the remedies: 行政复议法 第二十条
 * (60 days), 行政诉讼法 第四十六条 (6 months). */
static void body_rejection(lay *L, const notice_doc *d)
{
    char p[TEXT_MAX];
    size_t at = 0;
    p[0] = '\0';
    kv v[] = {{"item", item_ref(L, d)}, {"basis", d->basis}, {"reason", d->reason}};
    fill(p, sizeof p, &at,
         T(L, given(d->basis) ? N_("Your application for {item} has been examined and, under {basis}, it is "
                                   "decided not to accept it.")
                              : N_("Your application for {item} has been examined and it is decided not to "
                                   "accept it.")),
         v, 3);
    if (given(d->reason))
        fill(p, sizeof p, &at, T(L, N_(" Reason: {reason}")), v, 3);
    paragraph(L, p);
    paragraph(L, T(L, N_("If you disagree with this decision, you may apply for administrative reconsideration "
                         "within 60 days of receiving this notice, or bring an administrative lawsuit in a "
                         "people's court within 6 months.")));
}

/* 容缺受理承诺书 (seed 001 篇四 (十)5): what to bring, by when, what happens if late; signed. */
static void body_deferral(lay *L, const notice_doc *d)
{
    char p[TEXT_MAX], day[64];
    paragraph(L, fill1(p, sizeof p,
                       T(L, N_("Your application for {item}: the essential materials are complete and in the "
                               "legal form; the following auxiliary materials are still missing, and the "
                               "application is accepted on the applicant's commitment to bring them:")),
                       "item", item_ref(L, d)));
    material_list(L, d, true);
    /* TRANSLATORS: stands for the deadline in the commitment when it is not known. */
    const char *by = given(d->deadline) ? nice_date(L, d->deadline, day, sizeof day) : T(L, N_("the agreed day"));
    paragraph(L, fill1(p, sizeof p,
                       T(L, N_("I (the applicant) undertake to bring all the materials above by {deadline} and "
                               "answer for the truth of what I submit. If they are not complete by then, the "
                               "application is treated as withdrawn, handling stops, and I bear the "
                               "consequences.")),
                       "deadline", by));
}

/* The limits of the guide: statutory and promised working days, or done on the spot. */
static void time_limits(lay *L, const notice_doc *d)
{
    char v[128], n[24];
    if (d->immediate) {
        field(L, N_("Time limit: "), T(L, N_("done on the spot (immediate item)")));
        return;
    }
    snprintf(n, sizeof n, "%d", d->statutory_days);
    if (d->statutory_days > 0)
        field(L, N_("Statutory time limit: "), fill1(v, sizeof v, T(L, N_("{n} working days")), "n", n));
    snprintf(n, sizeof n, "%d", d->promised_days);
    if (d->promised_days > 0)
        field(L, N_("Promised time limit: "), fill1(v, sizeof v, T(L, N_("{n} working days")), "n", n));
}

/* 一次性告知单: the guide's elements (seed 001 篇十三 §9; 篇四 (六) 一次性告知制). */
static void body_one_time(lay *L, const notice_doc *d)
{
    char p[TEXT_MAX];
    paragraph(L, fill1(p, sizeof p,
                       T(L, N_("You asked about {item}. Everything needed to apply for it is set out below, all "
                               "at once:")),
                       "item", item_ref(L, d)));
    nl(L);
    field(L, N_("Item name: "), d->item_name);
    field(L, N_("Item code: "), d->item_code);
    field(L, N_("Item type: "), d->item_kind);
    field(L, N_("Department: "), d->department);
    field(L, N_("Legal basis: "), d->basis_law);
    field(L, N_("Conditions: "), d->conditions);
    if (d->materials && d->nmaterials > 0) {
        block(L, "", 0, T(L, N_("Materials: ")));
        material_list(L, d, false);
    }
    field(L, N_("Procedure: "), d->procedure);
    time_limits(L, d);
    field(L, N_("Fee: "), d->fee);
    field(L, N_("Fee basis: "), d->fee_basis);
    field(L, N_("Place: "), d->place);
    field(L, N_("Hours: "), d->hours);
    field(L, N_("Enquiries: "), d->contact);
    field(L, N_("Complaints: "), d->complaint);
    nl(L);
    paragraph(L, T(L, N_("Please bring the materials above. When they are complete and in the legal form, the "
                         "application is accepted on the spot.")));
}

/* Window, clerk and the centre's contact, then the centre and the date at the right. */
static void footer(lay *L, const notice_doc *d)
{
    char day[64];
    nl(L);
    field(L, N_("Window: "), d->window);
    field(L, N_("Clerk: "), d->clerk);
    field(L, N_("Address: "), d->centre_address);
    field(L, N_("Enquiry line: "), d->centre_phone);
    field(L, N_("Complaint line: "), d->centre_complaint);
    field(L, N_("Opening hours: "), d->centre_hours);
    if (given(d->centre_name) || given(d->date)) {
        nl(L);
        if (given(d->centre_name))
            aligned(L, A_RIGHT, d->centre_name);
        if (given(d->date))
            aligned(L, A_RIGHT, nice_date(L, d->date, day, sizeof day));
    }
}

/* "申请人（签字）：          日期：" on one line when it fits, else on two. */
static void sign_line(lay *L, const char *who_id)
{
    const char *who = T(L, who_id), *date = T(L, N_("Date: "));
    int ww = text_cols(who), dw = text_cols(date);
    if (ww + SIGN_GAP + dw <= L->width) {
        size_t dl = strlen(date);
        while (dl > 0 && date[dl - 1] == ' ')
            dl--; /* nothing trails at the end of the line */
        put_clean(L, who, strlen(who));
        pad(L, SIGN_GAP);
        put_clean(L, date, dl);
        nl(L);
    } else {
        block(L, "", 0, who);
        block(L, "", 0, date);
    }
}

/* The applicant signs the 容缺 commitment (seed 001 篇四 (十)5) and the receipt of the others
 * (an acceptance notice is simply handed over). */
static void signatures(lay *L, const notice_doc *d)
{
    if (d->kind == NOTICE_ACCEPTANCE)
        return;
    nl(L);
    if (d->kind == NOTICE_DEFERRAL) {
        sign_line(L, N_("Applicant (signature): "));
        nl(L);
        sign_line(L, N_("Clerk (signature): "));
    } else {
        sign_line(L, N_("Received by the applicant (signature): "));
    }
}

long notice_render(const notice_doc *doc, int width, notice_tr tr, char *buf, size_t cap)
{
    if (!doc || width < 20 || (unsigned)doc->kind >= NOTICE_KIND_COUNT || (!buf && cap > 0))
        return -1;
    lay L = {buf, cap, 0, width, tr};
    heading(&L, doc);
    case_fields(&L, doc);
    switch (doc->kind) {
    case NOTICE_ACCEPTANCE: body_acceptance(&L, doc); break;
    case NOTICE_SUPPLEMENT: body_supplement(&L, doc); break;
    case NOTICE_REJECTION: body_rejection(&L, doc); break;
    case NOTICE_DEFERRAL: body_deferral(&L, doc); break;
    case NOTICE_ONE_TIME: body_one_time(&L, doc); break;
    case NOTICE_KIND_COUNT: break;
    }
    footer(&L, doc);
    signatures(&L, doc);
    if (cap > 0)
        buf[L.len < cap ? L.len : cap - 1] = '\0';
    return (long)L.len;
}
