/* keymap.c - the action and context tables, key names, the keymap file
 * parser (docs/keymaps.md) and lookups with the global fallback, and the
 * lines of the help screen.  Pure: no I/O, no allocation. */
#include "core/keymap.h"
#include "core/msgfmt.h"

#include <string.h>

#include "core/i18n.h"

/* ---- tables ------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    const char *desc;
} action_info;

/* Indexed by km_action; the order is the order of the help screen. */
static const action_info actions[KM_ACTION_COUNT] = {
    [KM_NONE] = {"none", NULL},
    [KM_INTAKE_NEW] = {"intake.new", N_("Receive a new application (收件)")},
    [KM_CASE_ACCEPT] = {"case.accept", N_("Accept the case (受理)")},
    [KM_CASE_SUPPLEMENT] = {"case.supplement", N_("Ask for all missing materials at once (补正)")},
    [KM_CASE_DEFER] = {"case.defer", N_("Accept with auxiliary materials to follow (容缺受理)")},
    [KM_CASE_REJECT] = {"case.reject", N_("Refuse the application with reason and basis (不予受理)")},
    [KM_NOTICE_PRINT] = {"notice.print", N_("Print the notice")},
    [KM_NOTICE_SAVE] = {"notice.save", N_("Save the notice as a text file")},
    [KM_GUIDE_FIND] = {"guide.find", N_("Find an item and show its guide (办事指南)")},
    [KM_ENQUIRY_LOG] = {"enquiry.log", N_("Log an enquiry (首问负责)")},
    [KM_ENQUIRY_HANDOVER] = {"enquiry.handover", N_("Hand the enquiry over to another window")},
    [KM_CASE_LIST] = {"case.list", N_("List cases")},
    [KM_CASE_SEARCH] = {"case.search", N_("Search cases")},
    [KM_EVALUATION_RECORD] = {"evaluation.record", N_("Let the applicant rate the service (好差评)")},
    [KM_HANDOFF_LEAVE] = {"handoff.leave", N_("Leave the window to the B post (交接)")},
    [KM_HANDOFF_RETURN] = {"handoff.return", N_("Take the window back from the B post")},
    [KM_ATTENDANCE_OPEN] = {"attendance.open", N_("Attendance: sign in, sign out, leave (考勤)")},
    [KM_SYNC_OPEN] = {"sync.open", N_("Sync with the centre: state, refused events, changes not applied")},
    [KM_DRILL_OPEN] = {"drill.open", N_("The drill panel: the queue of simulated applicants (演练)")},
    [KM_SUPERVISE_OPEN] = {"supervise.open", N_("Supervision: statistics, bad-review follow-ups, complaints (督查)")},
    [KM_SCREEN_LOCK] = {"screen.lock", N_("Lock the screen")},
    [KM_USER_SWITCH] = {"user.switch", N_("Switch user")},
    [KM_HELP] = {"help", N_("Show the keys of this screen")},
    [KM_QUIT] = {"quit", N_("Quit guichet")},
    [KM_LIST_UP] = {"list.up", N_("Previous line")},
    [KM_LIST_DOWN] = {"list.down", N_("Next line")},
    [KM_LIST_PAGE_UP] = {"list.page_up", N_("Previous page")},
    [KM_LIST_PAGE_DOWN] = {"list.page_down", N_("Next page")},
    [KM_LIST_HOME] = {"list.home", N_("First line")},
    [KM_LIST_END] = {"list.end", N_("Last line")},
    [KM_FORM_NEXT_FIELD] = {"form.next_field", N_("Next field")},
    [KM_FORM_PREV_FIELD] = {"form.prev_field", N_("Previous field")},
    [KM_FORM_SUBMIT] = {"form.submit", N_("Confirm and go on")},
    [KM_FORM_CANCEL] = {"form.cancel", N_("Cancel and go back")},
    [KM_CHECKLIST_PRESENT] = {"checklist.present", N_("Mark the material present")},
    [KM_CHECKLIST_MISSING] = {"checklist.missing", N_("Mark the material missing")},
    [KM_CHECKLIST_DEFECTIVE] = {"checklist.defective", N_("Mark the material defective, with a note")},
};

static const char *const contexts[KM_CTX_COUNT] = {
    [KM_CTX_GLOBAL] = "global",
    [KM_CTX_DASHBOARD] = "dashboard",
    [KM_CTX_LIST] = "list",
    [KM_CTX_FORM] = "form",
    [KM_CTX_CHECKLIST] = "checklist",
    [KM_CTX_DECISION] = "decision",
    [KM_CTX_NOTICE] = "notice",
};

/* Canonical names of the named keys, from KM_KEY_UP on. */
static const char *const named_keys[] = {
    "Up", "Down", "Left", "Right", "Home", "End", "PageUp", "PageDown",
    "Enter", "Tab", "BTab", "Esc", "Backspace", "Delete", "Insert",
};
#define NNAMED ((int)(sizeof named_keys / sizeof named_keys[0]))

/* Other spellings accepted in files. */
static const struct {
    const char *name;
    int key;
} key_aliases[] = {
    {"PgUp", KM_KEY_PAGE_UP}, {"PgDn", KM_KEY_PAGE_DOWN}, {"Return", KM_KEY_ENTER},
    {"Escape", KM_KEY_ESC},   {"C-i", KM_KEY_TAB},        {"C-m", KM_KEY_ENTER},
};

/* ---- small string helpers (no locale: ASCII only) --------------------------------- */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lower(*a) != lower(*b))
            return false;
    return *a == *b;
}

/* ---- key codes and names ------------------------------------------------------------ */

/* C-i and C-m are the very bytes of Tab and Enter: they exist only under those names. */
static bool is_key(int key)
{
    if (key >= 0x20 && key <= 0x7e)
        return true;
    if (key >= KM_KEY_CTRL('a') && key <= KM_KEY_CTRL('z'))
        return key != KM_KEY_CTRL('i') && key != KM_KEY_CTRL('m');
    if (key >= KM_KEY_F(1) && key <= KM_KEY_F(12))
        return true;
    if (key >= KM_KEY_UP && key < KM_KEY_UP + NNAMED)
        return true;
    return key >= KM_KEY_META('!') && key <= KM_KEY_META('~');
}

int keymap_key_parse(const char *name)
{
    if (!name || !name[0])
        return KM_KEY_NONE;
    size_t n = strlen(name);
    unsigned char c0 = (unsigned char)name[0];
    if (n == 1)
        return c0 > 0x20 && c0 < 0x7f ? c0 : KM_KEY_NONE;
    if (same_nocase(name, "Space"))
        return 0x20;
    for (size_t i = 0; i < sizeof key_aliases / sizeof key_aliases[0]; i++)
        if (same_nocase(name, key_aliases[i].name))
            return key_aliases[i].key;
    for (int i = 0; i < NNAMED; i++)
        if (same_nocase(name, named_keys[i]))
            return KM_KEY_UP + i;
    if (n == 3 && name[1] == '-') {
        char p = name[0], c = name[2];
        if (p == 'C' || p == 'c') {
            c = lower(c);
            return c >= 'a' && c <= 'z' && is_key(KM_KEY_CTRL(c)) ? KM_KEY_CTRL(c) : KM_KEY_NONE;
        }
        if (p == 'M' || p == 'm')
            return c > 0x20 && c < 0x7f ? KM_KEY_META(c) : KM_KEY_NONE;
    }
    if ((c0 == 'F' || c0 == 'f') && (n == 2 || n == 3) && name[1] >= '1' && name[1] <= '9') {
        int f = name[1] - '0';
        if (n == 3) {
            if (name[2] < '0' || name[2] > '9')
                return KM_KEY_NONE;
            f = f * 10 + (name[2] - '0');
        }
        return f <= 12 ? KM_KEY_F(f) : KM_KEY_NONE;
    }
    return KM_KEY_NONE;
}

const char *keymap_key_name(int key, char buf[KM_KEY_NAME_MAX])
{
    if (!is_key(key))
        return NULL;
    if (key == 0x20) {
        memcpy(buf, "Space", 6);
    } else if (key < 0x7f) {
        buf[0] = (char)key;
        buf[1] = '\0';
    } else if (key <= KM_KEY_CTRL('z')) {
        buf[0] = 'C';
        buf[1] = '-';
        buf[2] = (char)('a' + (key - KM_KEY_CTRL('a')));
        buf[3] = '\0';
    } else if (key <= KM_KEY_F(12)) {
        int f = key - KM_KEY_F(1) + 1, i = 0;
        buf[i++] = 'F';
        if (f >= 10)
            buf[i++] = '1';
        buf[i++] = (char)('0' + f % 10);
        buf[i] = '\0';
    } else if (key < KM_KEY_META(0)) {
        const char *s = named_keys[key - KM_KEY_UP];
        memcpy(buf, s, strlen(s) + 1);
    } else {
        buf[0] = 'M';
        buf[1] = '-';
        buf[2] = (char)(key & 0x7f);
        buf[3] = '\0';
    }
    return buf;
}

/* ---- actions and contexts ---------------------------------------------------------- */

const char *keymap_action_name(km_action act)
{
    return act > KM_NONE && act < KM_ACTION_COUNT ? actions[act].name : NULL;
}

const char *keymap_action_desc(km_action act)
{
    return act > KM_NONE && act < KM_ACTION_COUNT ? actions[act].desc : NULL;
}

int keymap_action_find(const char *name)
{
    for (int i = 0; i < KM_ACTION_COUNT; i++)
        if (strcmp(name, actions[i].name) == 0)
            return i;
    return -1;
}

const char *keymap_context_name(km_context ctx)
{
    return ctx >= 0 && ctx < KM_CTX_COUNT ? contexts[ctx] : NULL;
}

int keymap_context_find(const char *name)
{
    for (int i = 0; i < KM_CTX_COUNT; i++)
        if (strcmp(name, contexts[i]) == 0)
            return i;
    return -1;
}

/* ---- the keymap --------------------------------------------------------------------- */

void keymap_init(keymap *km)
{
    memset(km, 0, sizeof *km);
}

bool keymap_bind(keymap *km, km_context ctx, int key, km_action act)
{
    if (ctx < 0 || ctx >= KM_CTX_COUNT || !is_key(key) || act < KM_NONE || act >= KM_ACTION_COUNT)
        return false;
    km->action[ctx][key] = (unsigned char)act;
    return true;
}

km_action keymap_action_in(const keymap *km, km_context ctx, int key)
{
    if (ctx < 0 || ctx >= KM_CTX_COUNT || !is_key(key))
        return KM_NONE;
    return (km_action)km->action[ctx][key];
}

km_action keymap_action(const keymap *km, km_context ctx, int key)
{
    if (ctx < 0 || ctx >= KM_CTX_COUNT)
        return KM_NONE;
    km_action a = keymap_action_in(km, ctx, key);
    return a != KM_NONE ? a : keymap_action_in(km, KM_CTX_GLOBAL, key);
}

/* ---- help --------------------------------------------------------------------------- */

/* Keys in the order the help screen names them: F-keys, named keys, Ctrl, Alt, plain. */
static int key_at(int i)
{
    static const struct {
        int first, count;
    } ranges[] = {
        {KM_KEY_F(1), 12},
        {KM_KEY_UP, NNAMED},
        {KM_KEY_CTRL('a'), 26},
        {KM_KEY_META('!'), 0x7e - 0x21 + 1},
        {0x20, 0x7e - 0x20 + 1},
    };
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
        if (i < ranges[r].count)
            return ranges[r].first + i;
        i -= ranges[r].count;
    }
    return KM_KEY_NONE;
}

int keymap_keys_for(const keymap *km, km_context ctx, km_action act, char *buf, size_t len)
{
    size_t used = 0;
    int count = 0;
    if (len)
        buf[0] = '\0';
    if (act <= KM_NONE || act >= KM_ACTION_COUNT)
        return 0;
    for (int i = 0, key; (key = key_at(i)) != KM_KEY_NONE; i++) {
        if (!is_key(key) || keymap_action(km, ctx, key) != act)
            continue;
        char name[KM_KEY_NAME_MAX];
        keymap_key_name(key, name);
        size_t sep = count ? 3 : 0, n = strlen(name);
        if (used + sep + n + 1 > len) /* no room: name whole keys only */
            break;
        memcpy(buf + used, " / ", sep);
        memcpy(buf + used + sep, name, n + 1);
        used += sep + n;
        count++;
    }
    return count;
}

int keymap_help(const keymap *km, km_context ctx, keymap_help_fn fn, void *ud)
{
    int lines = 0;
    for (int a = KM_NONE + 1; a < KM_ACTION_COUNT; a++) {
        char keys[128];
        if (keymap_keys_for(km, ctx, (km_action)a, keys, sizeof keys) == 0)
            continue;
        fn(ud, keys, (km_action)a, actions[a].desc);
        lines++;
    }
    return lines;
}

/* ---- parsing ------------------------------------------------------------------------ */

/* Copy at most n bytes of s into dst (size cap), never splitting a UTF-8
 * character and replacing control bytes with '?' so an error line is safe to show. */
static void copy_text(char *dst, size_t cap, const char *s, size_t n)
{
    if (n > cap - 1) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    for (size_t i = 0; i < n; i++)
        dst[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
    dst[n] = '\0';
}

typedef struct {
    keymap_error *errors;
    int max, stored, total;
    const char *file;
} collector;

static void report(collector *c, km_error_code code, int line, const char *tok, size_t toklen, int other)
{
    c->total++;
    if (c->stored >= c->max)
        return;
    keymap_error *e = &c->errors[c->stored++];
    memset(e, 0, sizeof *e);
    e->code = code;
    e->line = line;
    e->other_line = other;
    size_t fl = strlen(c->file);
    const char *f = c->file;
    if (fl >= sizeof e->file) { /* keep the end: the file's own name matters most */
        f += fl - (sizeof e->file - 1);
        while (((unsigned char)*f & 0xc0) == 0x80)
            f++;
        fl = strlen(f);
    }
    copy_text(e->file, sizeof e->file, f, fl);
    copy_text(e->token, sizeof e->token, tok, toklen);
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* A word of a line: start and length. */
typedef struct {
    const char *s;
    size_t n;
} word;

/* Split [p, end) into at most max words; a word starting with '#' begins a comment. */
static int split(const char *p, const char *end, word *w, int max)
{
    int n = 0;
    for (;;) {
        while (p < end && blank(*p))
            p++;
        if (p == end || *p == '#')
            return n;
        const char *s = p;
        while (p < end && !blank(*p))
            p++;
        if (n < max)
            w[n] = (word){s, (size_t)(p - s)};
        n++;
    }
}

/* Copy a word into a NUL-terminated buffer; false if it does not fit (then it matches no name). */
static bool word_str(word w, char *buf, size_t cap)
{
    if (w.n >= cap)
        return false;
    memcpy(buf, w.s, w.n);
    buf[w.n] = '\0';
    return true;
}

/* One "[context]" line; returns the context, or -1 (the lines that follow apply nowhere). */
static int parse_section(collector *c, int lineno, const char *p, const char *end)
{
    const char *close = memchr(p, ']', (size_t)(end - p));
    const char *after = close ? close + 1 : end;
    while (after < end && blank(*after))
        after++;
    const char *in = p + 1, *in_end = close ? close : end;
    while (in < in_end && blank(*in))
        in++;
    while (in_end > in && blank(in_end[-1]))
        in_end--;
    if (!close || (after < end && *after != '#') || in == in_end) {
        const char *e = end;
        while (e > p && blank(e[-1]))
            e--;
        report(c, KM_ERR_BAD_SECTION, lineno, p, (size_t)(e - p), 0);
        return -1;
    }
    char name[32];
    int ctx = word_str((word){in, (size_t)(in_end - in)}, name, sizeof name) ? keymap_context_find(name) : -1;
    if (ctx < 0)
        report(c, KM_ERR_UNKNOWN_CONTEXT, lineno, in, (size_t)(in_end - in), 0);
    return ctx;
}

int keymap_parse(keymap *km, const char *text, size_t len, const char *filename,
                 keymap_error *errors, int max_errors, int *nerrors)
{
    collector c = {errors, max_errors > 0 && errors ? max_errors : 0, 0, 0, filename ? filename : ""};
    int first_line[KM_CTX_COUNT][KM_KEY_LIMIT]; /* where this file bound each key; 0: not yet */
    memset(first_line, 0, sizeof first_line);
    int ctx = KM_CTX_GLOBAL; /* lines before the first section are global */
    const char *p = text, *end = text + len;
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) /* a UTF-8 byte order mark */
        p += 3;
    for (int lineno = 1; p < end; lineno++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        const char *s = p;
        p = nl ? nl + 1 : end;
        if (memchr(s, '\0', (size_t)(eol - s))) {
            report(&c, KM_ERR_NUL_BYTE, lineno, "", 0, 0);
            continue;
        }
        while (s < eol && blank(*s))
            s++;
        if (s < eol && *s == '[') {
            ctx = parse_section(&c, lineno, s, eol);
            continue;
        }
        word w[3];
        int nw = split(s, eol, w, 3);
        if (nw == 0)
            continue;
        char name[KM_KEY_NAME_MAX + 16];
        int key = word_str(w[0], name, sizeof name) ? keymap_key_parse(name) : KM_KEY_NONE;
        if (key == KM_KEY_NONE) {
            report(&c, KM_ERR_UNKNOWN_KEY, lineno, w[0].s, w[0].n, 0);
            continue;
        }
        if (nw < 2) {
            report(&c, KM_ERR_MISSING_ACTION, lineno, w[0].s, w[0].n, 0);
            continue;
        }
        char aname[64];
        int act = word_str(w[1], aname, sizeof aname) ? keymap_action_find(aname) : -1;
        if (act < 0) {
            report(&c, KM_ERR_UNKNOWN_ACTION, lineno, w[1].s, w[1].n, 0);
            continue;
        }
        if (nw > 2) {
            report(&c, KM_ERR_EXTRA_TEXT, lineno, w[2].s, w[2].n, 0);
            continue;
        }
        if (ctx < 0) /* under an unknown or malformed section: checked, applied nowhere */
            continue;
        if (first_line[ctx][key]) {
            report(&c, KM_ERR_DUPLICATE_KEY, lineno, w[0].s, w[0].n, first_line[ctx][key]);
            continue;
        }
        first_line[ctx][key] = lineno;
        km->action[ctx][key] = (unsigned char)act;
    }
    if (nerrors)
        *nerrors = c.stored;
    return c.total;
}

/* ---- error messages ----------------------------------------------------------------- */

const char *keymap_error_reason(km_error_code code)
{
    switch (code) {
    case KM_ERR_BAD_SECTION: return N_("\"%s\" is not a section: write [context]");
    case KM_ERR_UNKNOWN_CONTEXT: return N_("unknown context [%s]");
    case KM_ERR_UNKNOWN_KEY: return N_("unknown key name \"%s\"");
    case KM_ERR_MISSING_ACTION: return N_("no action after the key \"%s\"");
    case KM_ERR_UNKNOWN_ACTION: return N_("unknown action \"%s\"");
    case KM_ERR_EXTRA_TEXT: return N_("unexpected \"%s\" after the action");
    case KM_ERR_DUPLICATE_KEY: return N_("the key \"%s\" is already bound in this context on line %d");
    case KM_ERR_NUL_BYTE: return N_("the line contains a NUL byte (is this a text file?)");
    }
    return N_("unknown keymap file error");
}

char *keymap_error_format(const keymap_error *err, const char *fmt, char *buf, size_t len)
{
    return msgfmt_located(buf, len, err->file, err->line, fmt ? fmt : keymap_error_reason(err->code), err->token,
                          err->other_line);
}
