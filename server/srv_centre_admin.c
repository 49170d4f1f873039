/* srv_centre_admin.c - the centre's admin verbs: each checks its words (and
 * the PIN it reads) first, then in one write transaction changes windows,
 * staff or roster and records the centre event (srv_centre.c), so a refusal
 * stores nothing.  Prints `centre change SEQ: TYPE SUBJECT` on success. */
#include "server/srv_centre_admin.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/pin.h"
#include "server/srv_api.h"
#include "server/srv_auth.h"
#include "server/srv_centre.h"
#include "server/srv_centre_check.h"
#include "server/srv_json.h"

/* The terminal's PIN hash cost, copied from data/staff.h STAFF_PIN_OPSLIMIT and STAFF_PIN_MEMLIMIT
 * (guichetd does not include data/): terminals verify these hashes at log-in, so the cost must match. */
#define CENTRE_PIN_OPSLIMIT 3ULL
#define CENTRE_PIN_MEMLIMIT (16UL * 1024 * 1024)

static const char *const verbs[] = {"window", "staff", "roster", "catalog", "calendar", "case"};

bool srv_centre_is_verb(const char *word)
{
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(word, verbs[i]) == 0)
            return true;
    return false;
}

const char *srv_centre_usage(void)
{
    return "       guichetd [--db FILE] window add CODE NAME\n"
           "       guichetd [--db FILE] staff add CODE NAME ROLES [--windows W01,W02]   (PIN on stdin)\n"
           "       guichetd [--db FILE] staff pin CODE   (new PIN on stdin) | staff deactivate CODE | "
           "staff activate CODE\n"
           "       guichetd [--db FILE] roster set DAY WINDOW A B\n"
           "       guichetd [--db FILE] catalog import FILE | calendar import FILE\n"
           "       guichetd [--db FILE] case event CASE_ID TYPE PAYLOAD_JSON\n";
}

static bool is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

bool srv_centre_words_ok(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const char *v = argv[0], *sub = argv[1];
    if (is(v, "window"))
        return is(sub, "add") && argc == 4;
    if (is(v, "staff") && is(sub, "add"))
        return argc == 5 || (argc == 7 && is(argv[5], "--windows"));
    if (is(v, "staff"))
        return (is(sub, "pin") || is(sub, "deactivate") || is(sub, "activate")) && argc == 3;
    if (is(v, "roster"))
        return is(sub, "set") && argc == 6;
    if (is(v, "catalog") || is(v, "calendar"))
        return is(sub, "import") && argc == 3;
    return is(v, "case") && is(sub, "event") && argc == 5;
}

/* --- recording ------------------------------------------------------------ */

/* Inside the write transaction: check against the records, change them and build the event's payload
 * (*payload); 0, or -1 with err set. */
typedef int (*apply_fn)(srv_store *s, void *ctx, int64_t now, json_t **payload, char *err, size_t errlen);

/* Run apply and record the centre event in one transaction; 0 (the line printed on out) or 1 (err set). */
static int record(srv_store *s, const char *type, const char *subject, const char *label, apply_fn apply,
                  void *ctx, FILE *out, char *err, size_t errlen)
{
    int64_t now = srv_now_ms();
    srv_centre_change ch;
    json_t *payload = NULL;
    int rc = 0;
    if (srv_store_begin(s) != 0)
        rc = -1, snprintf(err, errlen, "%s", srv_store_errmsg(s));
    if (rc == 0 && apply(s, ctx, now, &payload, err, errlen) != 0)
        rc = -1;
    if (rc == 0 && !payload)
        rc = -1, snprintf(err, errlen, "out of memory");
    if (rc == 0 && (srv_centre_record(s, type, subject, payload, now, &ch) != 0 || srv_store_commit(s) != 0))
        rc = -1, snprintf(err, errlen, "%s", srv_store_errmsg(s));
    srv_store_rollback(s); /* nothing open after a commit; undoes everything otherwise */
    json_decref(payload);
    if (rc != 0)
        return 1;
    fprintf(out, "centre change %lld: %s %s\n", (long long)ch.seq, type, label);
    return 0;
}

static int store_failed(srv_store *s, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", srv_store_errmsg(s));
    return -1;
}

/* --- window add ------------------------------------------------------------ */

typedef struct {
    char code[SRV_WINDOW_CODE_BUF];
    char name[SRV_TEXT_NAME_BUF];
} window_in;

static int apply_window(srv_store *s, void *ctx, int64_t now, json_t **payload, char *err, size_t errlen)
{
    window_in *w = ctx;
    int rc = srv_window_add(s, w->code, w->name, now);
    if (rc < 0)
        return store_failed(s, err, errlen);
    if (rc == 1) {
        snprintf(err, errlen, "window %s already exists", w->code);
        return -1;
    }
    *payload = json_pack("{s:s, s:s}", "code", w->code, "name", w->name);
    return 0;
}

static int window_add(srv_store *s, char **argv, FILE *out, char *err, size_t errlen)
{
    window_in w;
    if (srv_check_window_code(argv[2], w.code, err, errlen) != 0 ||
        srv_check_name(argv[3], "window name", w.name, err, errlen) != 0)
        return 1;
    return record(s, "centre.window", w.code, w.code, apply_window, &w, out, err, errlen);
}

/* --- staff ------------------------------------------------------------------ */

static json_t *staff_payload(const srv_staff *st)
{
    json_t *w = json_array();
    for (int i = 0; w && i < st->n_windows; i++)
        json_array_append_new(w, json_string(st->windows[i]));
    return w ? json_pack("{s:b, s:s, s:s, s:I, s:s, s:s, s:o}", "active", st->active, "code", st->code, "name",
                         st->name, "num", (json_int_t)st->num, "pin_hash", st->pin_hash, "roles", st->roles,
                         "windows", w)
             : NULL;
}

/* Read the PIN, check it with core/pin.h's policy for this staff code and hash it into hash. */
static int take_pin(FILE *in, const char *code, char hash[128], char *err, size_t errlen)
{
    char pin[SRV_PIN_LINE];
    if (srv_read_pin(in, "PIN (6 digits): ", pin, err, errlen) != 0)
        return -1;
    pin_owner owner = {.staff_code = code};
    pin_status ps = pin_check(pin, &owner);
    int rc = -1;
    if (ps != PIN_OK)
        snprintf(err, errlen, "PIN for %s: %s", code, pin_reason(ps));
    else if (crypto_pwhash_str(hash, pin, strlen(pin), CENTRE_PIN_OPSLIMIT, CENTRE_PIN_MEMLIMIT) != 0)
        snprintf(err, errlen, "PIN for %s: hashing failed (out of memory?)", code);
    else
        rc = 0;
    sodium_memzero(pin, sizeof pin);
    return rc;
}

typedef enum { STAFF_ADD, STAFF_PIN, STAFF_DEACTIVATE, STAFF_ACTIVATE } staff_op;

typedef struct {
    staff_op op;
    srv_staff in; /* add: the new member; pin: code and pin_hash; else: code */
} staff_ctx;

/* 0 when staff `code` exists (into *out), -1 with err set otherwise. */
static int existing_staff(srv_store *s, const char *code, srv_staff *out, char *err, size_t errlen)
{
    int rc = srv_staff_get(s, code, out);
    if (rc < 0)
        return store_failed(s, err, errlen);
    if (rc == 1) {
        snprintf(err, errlen, "no staff member %s", code);
        return -1;
    }
    return 0;
}

static int apply_new_staff(srv_store *s, srv_staff *in, char *err, size_t errlen)
{
    srv_staff old;
    int rc = srv_staff_get(s, in->code, &old);
    if (rc < 0)
        return store_failed(s, err, errlen);
    if (rc == 0) {
        snprintf(err, errlen, "staff %s already exists (number %lld)", in->code, (long long)old.num);
        return -1;
    }
    for (int i = 0; i < in->n_windows; i++) {
        int known = srv_window_exists(s, in->windows[i]);
        if (known < 0)
            return store_failed(s, err, errlen);
        if (known == 0) {
            snprintf(err, errlen, "--windows: no window %s (add it first: guichetd window add %s NAME)",
                     in->windows[i], in->windows[i]);
            return -1;
        }
    }
    return srv_staff_next_num(s, &in->num) == 0 ? 0 : store_failed(s, err, errlen);
}

static int apply_staff(srv_store *s, void *ctx, int64_t now, json_t **payload, char *err, size_t errlen)
{
    staff_ctx *c = ctx;
    srv_staff st;
    if (c->op == STAFF_ADD) {
        if (apply_new_staff(s, &c->in, err, errlen) != 0)
            return -1;
        st = c->in;
    } else if (existing_staff(s, c->in.code, &st, err, errlen) != 0) {
        return -1;
    } else if (c->op == STAFF_PIN) {
        memcpy(st.pin_hash, c->in.pin_hash, sizeof st.pin_hash);
    } else if (st.active == (c->op == STAFF_ACTIVATE)) {
        snprintf(err, errlen, "staff %s is already %s", st.code, st.active ? "active" : "deactivated");
        return -1;
    } else {
        st.active = c->op == STAFF_ACTIVATE;
    }
    if (srv_staff_put(s, &st, now) != 0)
        return store_failed(s, err, errlen);
    *payload = staff_payload(&st);
    return 0;
}

static int staff_verb(srv_store *s, int argc, char **argv, FILE *pin_in, FILE *out, char *err, size_t errlen)
{
    staff_ctx c = {.op = is(argv[1], "add") ? STAFF_ADD : is(argv[1], "pin") ? STAFF_PIN
                       : is(argv[1], "deactivate") ? STAFF_DEACTIVATE : STAFF_ACTIVATE};
    c.in.active = 1;
    if (srv_check_staff_code(argv[2], c.in.code, err, errlen) != 0)
        return 1;
    if (c.op == STAFF_ADD &&
        (srv_check_name(argv[3], "staff name", c.in.name, err, errlen) != 0 ||
         srv_check_roles(argv[4], c.in.roles, sizeof c.in.roles, err, errlen) != 0 ||
         (argc == 7 && srv_check_window_list(argv[6], &c.in, err, errlen) != 0)))
        return 1;
    srv_staff old;
    int found = srv_staff_get(s, c.in.code, &old); /* before asking for a PIN; checked again when writing */
    if (found < 0) {
        store_failed(s, err, errlen);
        return 1;
    }
    if (found == 0 && c.op == STAFF_ADD) {
        snprintf(err, errlen, "staff %s already exists (number %lld)", c.in.code, (long long)old.num);
        return 1;
    }
    if (found == 1 && c.op != STAFF_ADD) {
        snprintf(err, errlen, "no staff member %s", c.in.code);
        return 1;
    }
    if ((c.op == STAFF_ADD || c.op == STAFF_PIN) && take_pin(pin_in, c.in.code, c.in.pin_hash, err, errlen) != 0)
        return 1;
    return record(s, "centre.staff", c.in.code, c.in.code, apply_staff, &c, out, err, errlen);
}

/* --- roster set ---------------------------------------------------------------- */

typedef struct {
    char day[DATE_STR_LEN];
    char window[SRV_WINDOW_CODE_BUF];
    char a[SRV_STAFF_CODE_BUF], b[SRV_STAFF_CODE_BUF];
} roster_in;

/* 0 when code is an active staff member serving window; -1 with err set otherwise. */
static int serves(srv_store *s, const char *code, const char *window, char *err, size_t errlen)
{
    srv_staff st;
    if (existing_staff(s, code, &st, err, errlen) != 0)
        return -1;
    if (!st.active) {
        snprintf(err, errlen, "staff %s is deactivated", code);
        return -1;
    }
    for (int i = 0; i < st.n_windows; i++)
        if (is(st.windows[i], window))
            return 0;
    snprintf(err, errlen, "staff %s does not serve window %s", code, window);
    return -1;
}

static int apply_roster(srv_store *s, void *ctx, int64_t now, json_t **payload, char *err, size_t errlen)
{
    roster_in *r = ctx;
    int known = srv_window_exists(s, r->window);
    if (known < 0)
        return store_failed(s, err, errlen);
    if (known == 0) {
        snprintf(err, errlen, "window %s: no such window", r->window);
        return -1;
    }
    if (serves(s, r->a, r->window, err, errlen) != 0 || serves(s, r->b, r->window, err, errlen) != 0)
        return -1;
    if (srv_roster_set(s, r->day, r->window, r->a, r->b, now) != 0)
        return store_failed(s, err, errlen);
    *payload = json_pack("{s:s, s:s, s:s, s:s}", "a", r->a, "b", r->b, "day", r->day, "window", r->window);
    return 0;
}

static int roster_set(srv_store *s, char **argv, FILE *out, char *err, size_t errlen)
{
    roster_in r;
    gdate d;
    if (date_parse(argv[2], &d) != 0) {
        snprintf(err, errlen, "day \"%.40s\": not a real date YYYY-MM-DD", argv[2]);
        return 1;
    }
    date_format(d, r.day);
    if (srv_check_window_code(argv[3], r.window, err, errlen) != 0 ||
        srv_check_staff_code(argv[4], r.a, err, errlen) != 0 || srv_check_staff_code(argv[5], r.b, err, errlen) != 0)
        return 1;
    if (is(r.a, r.b)) {
        snprintf(err, errlen, "roster: A and B must be two different people (both are %s)", r.a);
        return 1;
    }
    return record(s, "centre.roster", r.window, r.window, apply_roster, &r, out, err, errlen);
}

/* --- catalog, calendar and case events: no records to change -------------------- */

static int give_payload(srv_store *s, void *ctx, int64_t now, json_t **payload, char *err, size_t errlen)
{
    (void)s, (void)now, (void)err, (void)errlen;
    *payload = json_incref((json_t *)ctx);
    return 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static int file_import(srv_store *s, char **argv, FILE *out, char *err, size_t errlen)
{
    int calendar_file = is(argv[0], "calendar");
    char *text = NULL;
    size_t len = 0;
    if (srv_read_text_file(argv[2], &text, &len, err, errlen) != 0)
        return 1;
    const char *name = base_name(argv[2]);
    if (calendar_file) {
        calendar *cal = malloc(sizeof *cal);
        cal_error ce;
        if (!cal || cal_parse(cal, text, len, argv[2], &ce) != CAL_PARSE_OK) {
            if (cal)
                cal_error_format(&ce, NULL, err, errlen);
            else
                snprintf(err, errlen, "out of memory");
            free(cal);
            free(text);
            return 1;
        }
        free(cal);
    }
    char sha[SRV_HASH_HEX + 1];
    srv_sha256_hex(text, len, sha);
    json_t *payload = json_pack("{s:s, s:s, s:s%}", "name", name, "sha256", sha, "text", text, len);
    free(text);
    if (!payload) {
        snprintf(err, errlen, "%s: cannot be put in a JSON payload", argv[2]);
        return 1;
    }
    int rc = record(s, calendar_file ? "centre.calendar" : "centre.catalog", NULL, name, give_payload, payload,
                    out, err, errlen);
    json_decref(payload);
    return rc;
}

static int case_event(srv_store *s, char **argv, FILE *out, char *err, size_t errlen)
{
    const char *subject = argv[2], *type = argv[3];
    size_t bad = 0;
    if (!srv_utf8_ok(subject, strlen(subject), &bad) || !srv_text_valid(subject, SRV_SUBJECT_MAX)) {
        snprintf(err, errlen, "case id: 1 to 128 bytes of UTF-8 without control characters expected");
        return 1;
    }
    if (strncmp(type, "case.", 5) != 0 || !srv_type_valid(type)) {
        snprintf(err, errlen, "type \"%.48s\": a case event type case.NAME (a-z and _) expected", type);
        return 1;
    }
    json_error_t je;
    json_t *payload = json_loads(argv[4], JSON_REJECT_DUPLICATES, &je);
    if (!json_is_object(payload)) {
        if (payload)
            snprintf(err, errlen, "payload: must be a JSON object");
        else
            snprintf(err, errlen, "payload: not JSON (column %d: %s)", je.column, je.text);
        json_decref(payload);
        return 1;
    }
    char *text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
    size_t n = text ? strlen(text) : 0;
    free(text);
    if (n > SRV_PAYLOAD_MAX) {
        snprintf(err, errlen, "payload: %zu bytes, at most 65536", n);
        json_decref(payload);
        return 1;
    }
    int rc = record(s, type, subject, subject, give_payload, payload, out, err, errlen);
    json_decref(payload);
    return rc;
}

int srv_centre_run(srv_store *s, int argc, char **argv, FILE *pin_in, FILE *out, char *err, size_t errlen)
{
    err[0] = '\0';
    if (is(argv[0], "window"))
        return window_add(s, argv, out, err, errlen);
    if (is(argv[0], "staff"))
        return staff_verb(s, argc, argv, pin_in, out, err, errlen);
    if (is(argv[0], "roster"))
        return roster_set(s, argv, out, err, errlen);
    if (is(argv[0], "case"))
        return case_event(s, argv, out, err, errlen);
    return file_import(s, argv, out, err, errlen);
}
