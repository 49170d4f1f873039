/* test_project.c - projections through core's rules: a realistic day and a
 * half at a township window (cases through their lifecycle, a 补正 round
 * with a 一次性告知 breach, a 容缺 acceptance, a 不予受理, a referred case
 * decided by the centre, notices, enquiries, evaluations, punches, an AB岗
 * handoff), the values it leaves in each table, the refusals that change
 * nothing, and a rebuild from the events that gives the same tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case.h"
#include "data/events.h"
#include "data/project.h"
#include "data/store.h"

#define NF(arr) (sizeof(arr) / sizeof((arr)[0]))
#define F(...) (const ev_field[]){__VA_ARGS__}, NF(((const ev_field[]){__VA_ARGS__}))

static char dir[64];
static char path[128];
static char err[STORE_ERR_LEN];
static store *s;

static const char *const CA = "511425-T03-20261123-0001"; /* 结婚登记, 即办件 */
static const char *const CB = "511425-T03-20261123-0002"; /* 最低生活保障, 补正 twice */
static const char *const CC = "511425-T03-20261124-0001"; /* 容缺受理 */
static const char *const CD = "511425-T03-20261124-0002"; /* 不予受理 */
static const char *const CE = "511425-T03-20261124-0003"; /* 上报件, decided by the centre */

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/guichet-project-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    s = store_open(path, err, sizeof err);
    return s ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(s);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Record one event, which must be accepted. */
static void ok_(int line, const char *type, const char *subject, int32_t staff, const ev_field *f, size_t n)
{
    event_in in = {type, subject, staff, f, n};
    event_out out;
    if (events_append(s, &in, &out) != 0)
        fail_msg("line %d: %s %s refused: %s", line, type, subject ? subject : "", store_errmsg(s));
}
#define OK(type, subject, staff, ...) ok_(__LINE__, type, subject, staff, F(__VA_ARGS__))

/* Record one event, which must be refused with `why` in the message and nothing written. */
static void no_(int line, const char *why, const char *type, const char *subject, int32_t staff, const ev_field *f,
                size_t n)
{
    int64_t before, after;
    assert_int_equal(events_count(s, &before), 0);
    event_in in = {type, subject, staff, f, n};
    event_out out;
    if (events_append(s, &in, &out) == 0)
        fail_msg("line %d: %s %s was accepted", line, type, subject ? subject : "");
    if (!strstr(store_errmsg(s), why))
        fail_msg("line %d: expected \"%s\" in: %s", line, why, store_errmsg(s));
    assert_int_equal(events_count(s, &after), 0);
    assert_int_equal(after, before);
}
#define NO(why, type, subject, staff, ...) no_(__LINE__, why, type, subject, staff, F(__VA_ARGS__))

static void receive(const char *id, const char *date, const char *item, const char *cls, const char *name)
{
    OK("case.received", id, 3, ev_str("date", date), ev_str("item", item), ev_str("class", cls),
       ev_str("applicant_name", name), ev_str("window", "W01"));
}

static void tick(const char *id, const char *date, int idx, const char *name, const char *kind, const char *status,
                 bool deferrable, const char *note)
{
    ev_field f[7] = {ev_str("date", date), ev_int("index", idx), ev_str("name", name), ev_str("kind", kind),
                     ev_str("status", status), ev_bool("deferrable", deferrable)};
    size_t n = 6;
    if (note)
        f[n++] = ev_str("note", note);
    ok_(__LINE__, "material.checked", id, 3, f, n);
}

/* A step and its printed notice, as one clerk action (events_append_many). */
static void step_with_notice(const char *type, const char *id, const ev_field *sf, size_t sn, const ev_field *nf,
                             size_t nn)
{
    event_in in[2] = {{type, id, 3, sf, sn}, {"notice.issued", id, 3, nf, nn}};
    event_out out[2];
    if (events_append_many(s, in, 2, out) != 0)
        fail_msg("%s %s with its notice refused: %s", type, id, store_errmsg(s));
    assert_int_equal(out[1].seq, out[0].seq + 1);
}

/* ---- the scenario ------------------------------------------------------------------------- */

/* 结婚登记: identity cards and the signed declaration (婚姻登记条例 2025), done on the spot. */
static void case_a_immediate(void)
{
    OK("case.received", CA, 3, ev_str("date", "2026-11-23"), ev_str("item", "JH-001"), ev_str("class", "immediate"),
       ev_str("applicant_name", "张三"), ev_str("applicant_id", "11010519491231002X"),
       ev_str("applicant_phone", "13800138000"), ev_str("window", "W01"), ev_str("due", "2026-11-23"));
    tick(CA, "2026-11-23", 1, "居民身份证", "essential", "present", false, NULL);
    tick(CA, "2026-11-23", 2, "本人签字的声明", "essential", "present", false, NULL);
    OK("case.accepted", CA, 3, ev_str("date", "2026-11-23"));
    OK("case.approved", CA, 3, ev_str("date", "2026-11-23"));
    OK("case.delivered", CA, 3, ev_str("date", "2026-11-23"));
    OK("evaluation.given", CA, 3, ev_str("date", "2026-11-23"), ev_str("rating", "very_satisfied"));
}

/* 低保: two materials wrong at intake, a second 补正 naming a third one (一次性告知 breach). */
static void case_b_supplement(void)
{
    static const int64_t first[] = {2, 3}, second[] = {4};
    receive(CB, "2026-11-23", "DB-001", "promised", "李四");
    tick(CB, "2026-11-23", 1, "户口簿", "essential", "present", false, NULL);
    tick(CB, "2026-11-23", 2, "家庭收入证明", "auxiliary", "missing", false, NULL);
    tick(CB, "2026-11-23", 3, "居民身份证复印件", "essential", "defective", false, "复印件不清晰");
    step_with_notice("case.supplement_requested", CB, F(ev_str("date", "2026-11-23")),
                     F(ev_str("date", "2026-11-23"), ev_str("kind", "supplement"), ev_ints("materials", first, 2)));
    OK("notice.issued", CB, 3, ev_str("date", "2026-11-24"), ev_str("kind", "supplement"),
       ev_ints("materials", first, 2), ev_bool("reprint", true));
    tick(CB, "2026-11-25", 4, "房产情况说明", "auxiliary", "missing", false, NULL);
    step_with_notice("case.supplement_requested", CB, F(ev_str("date", "2026-11-25")),
                     F(ev_str("date", "2026-11-25"), ev_str("kind", "supplement"), ev_ints("materials", second, 1)));
    for (int i = 2; i <= 4; i++)
        tick(CB, "2026-11-27", i, i == 2 ? "家庭收入证明" : i == 3 ? "居民身份证复印件" : "房产情况说明",
             i == 3 ? "essential" : "auxiliary", "present", false, NULL);
    OK("case.materials_completed", CB, 3, ev_str("date", "2026-11-27"));
    step_with_notice("case.accepted", CB, F(ev_str("date", "2026-11-27"), ev_str("due", "2026-12-25")),
                     F(ev_str("date", "2026-11-27"), ev_str("kind", "acceptance")));
    OK("case.review_started", CB, 5, ev_str("date", "2026-11-30"));
    OK("case.approved", CB, 5, ev_str("date", "2026-12-10"));
    OK("case.delivered", CB, 3, ev_str("date", "2026-12-11"));
    OK("case.archived", CB, 3, ev_str("date", "2026-12-11"));
    OK("evaluation.given", CB, 3, ev_str("date", "2026-12-11"), ev_str("rating", "satisfied"),
       ev_str("comment", "跑了两次"));
}

/* 容缺受理: the auxiliary material comes during review; approval only after it. */
static void case_c_deferred(void)
{
    static const int64_t deferred[] = {2};
    receive(CC, "2026-11-24", "NY-003", "promised", "王五");
    tick(CC, "2026-11-24", 1, "申请表", "essential", "present", false, NULL);
    tick(CC, "2026-11-24", 2, "村委会证明", "auxiliary", "missing", true, NULL);
    step_with_notice("case.accepted_deferred", CC,
                     F(ev_str("date", "2026-11-24"), ev_str("deadline", "2026-12-08"), ev_str("due", "2026-12-22")),
                     F(ev_str("date", "2026-11-24"), ev_str("kind", "deferral"), ev_ints("materials", deferred, 1),
                       ev_str("deadline", "2026-12-08")));
    OK("case.review_started", CC, 5, ev_str("date", "2026-11-25"));
    tick(CC, "2026-11-28", 2, "村委会证明", "auxiliary", "present", true, NULL);
    OK("case.materials_completed", CC, 3, ev_str("date", "2026-11-28"));
    OK("case.approved", CC, 5, ev_str("date", "2026-12-01"));
}

/* 不予受理 with reason and legal basis, its notice, and an evaluation of the refusal. */
static void case_d_rejected(void)
{
    receive(CD, "2026-11-24", "JH-001", "immediate", "赵六");
    step_with_notice("case.rejected", CD,
                     F(ev_str("date", "2026-11-24"), ev_str("reason", "申请事项依法不属于本机关职权范围"),
                       ev_str("basis", "《中华人民共和国行政许可法》第三十二条第一款第（二）项")),
                     F(ev_str("date", "2026-11-24"), ev_str("kind", "rejection")));
    OK("evaluation.given", CD, 3, ev_str("date", "2026-11-24"), ev_str("rating", "dissatisfied"),
       ev_str("followup_due", "2026-12-01"));
}

/* 上报件: forwarded, decided by the higher level (a status from the centre), delivered. */
static void case_e_referred(void)
{
    receive(CE, "2026-11-24", "LY-010", "referred", "钱七");
    OK("case.accepted", CE, 3, ev_str("date", "2026-11-24"), ev_str("due", "2026-12-08"));
    OK("case.referred", CE, 3, ev_str("date", "2026-11-25"));
    OK("case.status_from_centre", CE, 3, ev_str("date", "2026-12-05"), ev_str("target", "approved"));
    OK("case.delivered", CE, 3, ev_str("date", "2026-12-06"));
}

static void people_and_windows(void)
{
    OK("enquiry.logged", NULL, 3, ev_str("date", "2026-11-23"), ev_str("window", "W01"),
       ev_str("question", "结婚登记需要带什么材料？"), ev_str("item", "JH-001"), ev_str("outcome", "answered"));
    OK("enquiry.logged", NULL, 4, ev_str("date", "2026-11-23"), ev_str("window", "W01"),
       ev_str("question", "新农合缴费在哪里办？"), ev_str("outcome", "referred"), ev_str("referred_to", "W03"),
       ev_str("applicant_phone", "13912345678"));
    OK("attendance.punched", "3", 3, ev_str("date", "2026-11-23"), ev_int("minute", 530), ev_str("kind", "sign_in"));
    OK("attendance.punched", "4", 4, ev_str("date", "2026-11-23"), ev_int("minute", 545), ev_str("kind", "sign_in"),
       ev_bool("clock_suspect", true), ev_str("window", "W01"));
    OK("attendance.punched", "9", 9, ev_str("date", "2026-11-23"), ev_int("minute", 600),
       ev_str("kind", "leader_in"));
    OK("attendance.punched", "3", 3, ev_str("date", "2026-11-23"), ev_int("minute", 1052),
       ev_str("kind", "sign_out"));
}

/* The people the duty events name: 3 and 4 clerks, 5 a supervisor, 9 a leader (rows only: no PIN used). */
static void staff_rows(void)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO staff(num, code, name, roles, pin_hash) VALUES "
                                      "(3, 'c3', '张', 1, '$argon2id$x'), (4, 'c4', '李', 1, '$argon2id$x'), "
                                      "(5, 's5', '王', 6, '$argon2id$x'), (9, 'l9', '刘', 2, '$argon2id$x')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
}

/* 请假 decided by the supervisor, a leader's planned day, a corrected punch, a case reassigned. */
static void leave_and_corrections(void)
{
    OK("leave.requested", "4", 4, ev_str("kind", "annual"), ev_str("start_day", "2026-11-26"),
       ev_int("start_minute", 0), ev_str("end_day", "2026-11-27"), ev_int("end_minute", 1440),
       ev_str("reason", "探亲"));
    NO("overlaps", "leave.requested", "4", 4, ev_str("kind", "sick"), ev_str("start_day", "2026-11-27"),
       ev_int("start_minute", 540), ev_str("end_day", "2026-11-27"), ev_int("end_minute", 600),
       ev_str("reason", "看病"));
    int64_t n = 0;
    assert_int_equal(events_count(s, &n), 0);
    event_row r;
    char id[UUID7_LEN + 1];
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT leave_id FROM leaves", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_int_equal(events_get(s, id, &r), 0);
    event_row_free(&r);
    /* Roles are judged by data/duty*.c when the action is taken; the projection (and so a rebuild)
     * needs only what never changes: not one's own leave, a decider on file. */
    NO("own leave", "leave.decided", id, 4, ev_bool("approve", true));
    NO("unknown", "leave.decided", id, 99, ev_bool("approve", true));
    OK("leave.decided", id, 5, ev_bool("approve", true), ev_str("note", "同意"));
    OK("leader.day_planned", "9", 5, ev_str("date", "2026-11-23"));
    NO("already planned", "leader.day_planned", "9", 5, ev_str("date", "2026-11-23"));
    OK("attendance.corrected", "4", 5, ev_str("date", "2026-11-23"), ev_int("minute", 1050),
       ev_str("kind", "sign_out"), ev_str("reason", "忘记签退, 有监控为证"));
    NO("unknown", "attendance.corrected", "4", 99, ev_str("date", "2026-11-23"), ev_int("minute", 1050),
       ev_str("kind", "sign_out"), ev_str("reason", "x"));
    OK("case.reassigned", CC, 3, ev_str("date", "2026-12-01"), ev_int("to", 4), ev_int("from", 3),
       ev_str("reason", "handoff"));
}

static void duty_day(const char *date)
{
    OK("duty.day_started", "W01", 3, ev_str("date", date), ev_int("a", 3), ev_int("b", 4), ev_bool("workday", true),
       ev_int("morning_start", 540), ev_int("morning_end", 720), ev_int("afternoon_start", 840),
       ev_int("afternoon_end", 1050), ev_int("grace", 5));
}

/* AB岗: A opens, asks to leave for a meeting, B confirms with their own PIN, A takes the window back. */
static void handoff_round(void)
{
    duty_day("2026-11-23");
    OK("duty.handoff", "W01", 3, ev_str("date", "2026-11-23"), ev_int("minute", 535), ev_str("kind", "open"),
       ev_int("actor", 3));
    OK("duty.handoff", "W01", 3, ev_str("date", "2026-11-23"), ev_int("minute", 600), ev_str("kind", "request"),
       ev_int("actor", 3), ev_str("reason", "meeting"), ev_int("expected_return", 660));
    OK("duty.handoff", "W01", 4, ev_str("date", "2026-11-23"), ev_int("minute", 602), ev_str("kind", "confirm"),
       ev_int("actor", 4));
    OK("duty.handoff", "W01", 3, ev_str("date", "2026-11-23"), ev_int("minute", 650), ev_str("kind", "take_back"),
       ev_int("actor", 3), ev_int("confirmer", 4));
    duty_day("2026-11-24");
    OK("duty.handoff", "W01", 4, ev_str("date", "2026-11-24"), ev_int("minute", 538), ev_str("kind", "open"),
       ev_int("actor", 4));
}

/* 差评整改 of CD (anonymous: no call-back) and two complaints (issue 8). */
static void supervision_round(void)
{
    const char *P1 = "TS-20261124-001", *P2 = "TS-20261124-002";
    NO("anonymous review", "followup.step", CD, 3, ev_str("date", "2026-11-25"), ev_str("step", "called_back"),
       ev_str("note", "回访"));
    OK("followup.step", CD, 3, ev_str("date", "2026-11-25"), ev_str("step", "verified"), ev_str("note", "核实"));
    NO("already recorded", "followup.step", CD, 3, ev_str("date", "2026-11-25"), ev_str("step", "verified"),
       ev_str("note", "核实"));
    NO("no follow-up", "followup.step", CA, 3, ev_str("date", "2026-11-25"), ev_str("step", "verified"),
       ev_str("note", "x"));
    OK("evaluation.appealed", CD, 3, ev_str("date", "2026-11-25"), ev_str("reason", "malicious"),
       ev_str("note", "恶意差评"));
    OK("evaluation.appeal_decided", CD, 5, ev_str("date", "2026-11-26"), ev_bool("upheld", false),
       ev_str("note", "理由不足"));
    OK("followup.step", CD, 3, ev_str("date", "2026-11-26"), ev_str("step", "rectified"), ev_str("note", "整改"));
    OK("followup.step", CD, 3, ev_str("date", "2026-11-27"), ev_str("step", "answered"), ev_str("note", "答复"));
    NO("closed", "followup.step", CD, 3, ev_str("date", "2026-11-27"), ev_str("step", "rectified"),
       ev_str("note", "x"));
    NO("a complaint about a clerk needs", "complaint.registered", P1, 3, ev_str("date", "2026-11-24"),
       ev_str("due", "2026-11-27"), ev_str("channel", "window"), ev_str("about", "clerk"), ev_str("text", "态度差"));
    OK("complaint.registered", P1, 3, ev_str("date", "2026-11-24"), ev_str("due", "2026-11-27"),
       ev_str("channel", "window"), ev_str("about", "case"), ev_str("window", "W01"), ev_int("clerk", 3),
       ev_str("case", CD), ev_str("complainant", "李明"), ev_str("phone", "13900139000"), ev_str("text", "不予受理无理"));
    OK("complaint.extended", P1, 3, ev_str("date", "2026-11-26"), ev_str("due", "2026-12-10"),
       ev_str("reason", "需调查"));
    NO("extended only once", "complaint.extended", P1, 3, ev_str("date", "2026-11-26"), ev_str("due", "2026-12-11"),
       ev_str("reason", "再延"));
    OK("complaint.concluded", P1, 5, ev_str("date", "2026-12-01"), ev_str("finding", "unlawful"),
       ev_str("outcome", "已纠正"), ev_str("notified_by", "letter"));
    OK("complaint.registered", P2, 3, ev_str("date", "2026-11-24"), ev_str("due", "2026-11-27"),
       ev_str("channel", "box"), ev_str("about", "window"), ev_str("window", "W02"), ev_str("text", "排队太久"));
    OK("complaint.excluded", P2, 3, ev_str("date", "2026-11-25"), ev_str("reason", "litigation"));
    NO("is closed (excluded)", "complaint.concluded", P2, 5, ev_str("date", "2026-12-01"),
       ev_str("finding", "other"), ev_str("outcome", "x"), ev_str("notified_by", "sms"));
}

static void scenario(void)
{
    staff_rows();
    case_a_immediate();
    case_b_supplement();
    people_and_windows();
    handoff_round();
    case_c_deferred();
    case_d_rejected();
    case_e_referred();
    leave_and_corrections();
    supervision_round();
}

/* ---- dumping the projections -------------------------------------------------------------- */

/* Every projection table, every column, in primary-key order. */
static const struct {
    const char *table;
    const char *sql;
} dumps[] = {
    {"cases", "SELECT * FROM cases ORDER BY case_id"},
    {"case_materials", "SELECT * FROM case_materials ORDER BY case_id, idx"},
    {"notices", "SELECT * FROM notices ORDER BY event_seq"},
    {"enquiries", "SELECT * FROM enquiries ORDER BY event_seq"},
    {"evaluations", "SELECT * FROM evaluations ORDER BY case_id"},
    {"attendance", "SELECT * FROM attendance ORDER BY event_seq"},
    {"handoffs", "SELECT * FROM handoffs ORDER BY event_seq"},
    {"duty", "SELECT * FROM duty ORDER BY window_id"},
    {"duty_days", "SELECT * FROM duty_days ORDER BY window_id, day"},
    {"leaves", "SELECT * FROM leaves ORDER BY leave_id"},
    {"leader_days", "SELECT * FROM leader_days ORDER BY staff_id, day"},
    {"followups", "SELECT * FROM followups ORDER BY case_id"},
    {"complaints", "SELECT * FROM complaints ORDER BY id"},
};

static void append_text(char **buf, size_t *len, size_t *cap, const char *t)
{
    size_t n = strlen(t);
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = realloc(*buf, *cap);
        assert_non_null(*buf);
    }
    memcpy(*buf + *len, t, n + 1);
    *len += n;
}

/* The text of every projection row; *rows[i] gets table i's row count. */
static char *dump_all(const char *file, int rows[NF(dumps)])
{
    size_t n;
    const char *const *tables = project_tables(&n);
    assert_int_equal(n, NF(dumps)); /* a new projection table must be added to the dump */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    append_text(&buf, &len, &cap, "");
    for (size_t t = 0; t < n; t++) {
        assert_string_equal(tables[t], dumps[t].table);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, dumps[t].sql, -1, &st, NULL), SQLITE_OK);
        append_text(&buf, &len, &cap, dumps[t].table);
        append_text(&buf, &len, &cap, ":\n");
        rows[t] = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            rows[t]++;
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                char tag[8];
                snprintf(tag, sizeof tag, "%d=", sqlite3_column_type(st, c));
                append_text(&buf, &len, &cap, tag);
                const char *v = (const char *)sqlite3_column_text(st, c);
                append_text(&buf, &len, &cap, v ? v : "");
                append_text(&buf, &len, &cap, "|");
            }
            append_text(&buf, &len, &cap, "\n");
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return buf;
}

/* One value from the file. */
static char *value(const char *sql)
{
    static char out[512];
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    int rc = sqlite3_step(st);
    const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    snprintf(out, sizeof out, "%s", v ? v : "(null)");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

/* ---- tests ---------------------------------------------------------------------------------- */

static void rebuild_gives_the_same_tables(void **state)
{
    (void)state;
    scenario();
    int before_rows[NF(dumps)], after_rows[NF(dumps)];
    char *before = dump_all(path, before_rows);
    for (size_t t = 0; t < NF(dumps); t++)
        if (before_rows[t] == 0)
            fail_msg("the scenario leaves %s empty: the comparison would prove nothing", dumps[t].table);
    assert_int_equal(project_rebuild(s), 0);
    char *after = dump_all(path, after_rows);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* A projection emptied behind guichet's back comes back from the events. */
static void rebuild_restores_wiped_tables(void **state)
{
    (void)state;
    scenario();
    int rows[NF(dumps)];
    char *before = dump_all(path, rows);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DELETE FROM cases; DELETE FROM duty; UPDATE notices SET breaches = 9",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char *damaged = dump_all(path, rows);
    assert_string_not_equal(before, damaged);
    assert_int_equal(project_rebuild(s), 0);
    char *after = dump_all(path, rows);
    assert_string_equal(before, after);
    free(before);
    free(damaged);
    free(after);
}

static void cases_follow_core_rules(void **state)
{
    (void)state;
    scenario();
    project_case c;
    assert_int_equal(project_case_get(s, CA, &c), 0);
    assert_int_equal(c.status, CASE_DELIVERED);
    assert_true(c.first_visit); /* 即办件 concluded the day it was received */
    assert_string_equal(c.due, "2026-11-23");
    assert_int_equal(c.clerk, 3);
    assert_int_equal(project_case_get(s, CB, &c), 0);
    assert_int_equal(c.status, CASE_ARCHIVED);
    assert_int_equal(c.supplements, 2);
    assert_false(c.first_visit);
    assert_string_equal(c.accepted, "2026-11-27");
    assert_string_equal(c.due, "2026-12-25");
    assert_string_equal(c.ended, "2026-12-11");
    assert_string_equal(value("SELECT clock_restart FROM cases WHERE case_id = '511425-T03-20261123-0002'"),
                        "2026-11-27");
    assert_int_equal(project_case_get(s, CC, &c), 0);
    assert_int_equal(c.status, CASE_APPROVED);
    assert_true(c.deferred);
    assert_string_equal(value("SELECT deferred_deadline || ' ' || deferred_completed FROM cases "
                              "WHERE case_id = '511425-T03-20261124-0001'"), "2026-12-08 2026-11-28");
    assert_int_equal(project_case_get(s, CD, &c), 0);
    assert_int_equal(c.status, CASE_REJECTED);
    assert_string_equal(value("SELECT basis FROM cases WHERE case_id = '511425-T03-20261124-0002'"),
                        "《中华人民共和国行政许可法》第三十二条第一款第（二）项");
    assert_int_equal(project_case_get(s, CE, &c), 0);
    assert_int_equal(c.status, CASE_DELIVERED);
    assert_string_equal(c.concluded, "2026-12-05");
    assert_int_equal(project_case_get(s, "511425-T03-20261124-0099", &c), 1);
    assert_string_equal(value("SELECT applicant_id || ' ' || applicant_phone FROM cases "
                              "WHERE case_id = '511425-T03-20261123-0001'"), "11010519491231002X 13800138000");
}

static void notices_materials_and_the_one_time_rule(void **state)
{
    (void)state;
    scenario();
    assert_string_equal(value("SELECT group_concat(kind || ':' || materials || ':' || reprint || ':' || breaches, ' ') "
                              "FROM (SELECT * FROM notices WHERE case_id = '511425-T03-20261123-0002' "
                              "ORDER BY event_seq)"),
                        "supplement:[2,3]:0:0 supplement:[2,3]:1:0 supplement:[4]:0:1 acceptance:[]:0:0");
    assert_string_equal(value("SELECT kind || ' ' || deadline FROM notices WHERE case_id = '511425-T03-20261124-0001'"),
                        "deferral 2026-12-08");
    assert_string_equal(value("SELECT status || ' ' || coalesce(note, '-') FROM case_materials "
                              "WHERE case_id = '511425-T03-20261123-0002' AND idx = 3"), "present -");
    assert_string_equal(value("SELECT count(*) FROM case_materials"), "8");
    assert_string_equal(value("SELECT may_defer FROM case_materials WHERE case_id = '511425-T03-20261124-0001' "
                              "AND idx = 2"), "1");
}

static void evaluations_enquiries_attendance_and_duty(void **state)
{
    (void)state;
    scenario();
    assert_string_equal(value("SELECT group_concat(rating, ',') FROM (SELECT rating FROM evaluations ORDER BY case_id)"),
                        "very_satisfied,satisfied,dissatisfied");
    assert_string_equal(value("SELECT outcome || ' ' || referred_to FROM enquiries WHERE outcome = 'referred'"),
                        "referred W03");
    assert_string_equal(value("SELECT count(*) || ' ' || sum(clock_suspect) FROM attendance"), "5 1");
    /* The supervisor's correction adds a punch that says who added it and why. */
    assert_string_equal(value("SELECT corrected_by || ' ' || kind || ' ' || minute FROM attendance "
                              "WHERE corrected_by > 0"), "5 sign_out 1050");
    assert_string_equal(value("SELECT state || ' ' || decided_by FROM leaves"), "approved 5");
    assert_string_equal(value("SELECT clerk FROM cases WHERE case_id = '511425-T03-20261124-0001'"), "4");
    assert_string_equal(value("SELECT count(*) FROM duty_days"), "2");
    assert_string_equal(value("SELECT group_concat(kind, ',') FROM (SELECT kind FROM handoffs "
                              "WHERE day = '2026-11-23' ORDER BY event_seq)"), "open,request,confirm,take_back");
    /* The duty row holds the newest day: B opened the window on the 24th. */
    assert_string_equal(value("SELECT day || ' ' || state || ' ' || on_duty || ' ' || a_away FROM duty "
                              "WHERE window_id = 'W01'"), "2026-11-24 staffed 4 0");
}

/* core/case.h refusals: the message says why; nothing is written (no_ checks the log). */
static void illegal_and_out_of_order_case_events_are_refused(void **state)
{
    (void)state;
    receive(CA, "2026-11-23", "JH-001", "immediate", "张三");
    receive(CB, "2026-11-23", "DB-001", "promised", "李四");
    NO("not allowed for the case's class", "case.accepted_deferred", CA, 3, ev_str("date", "2026-11-23"),
       ev_str("deadline", "2026-11-30"));
    NO("out of order", "case.approved", CB, 3, ev_str("date", "2026-11-23"));
    NO("out of order", "case.materials_completed", CB, 3, ev_str("date", "2026-11-23"));
    OK("case.accepted", CB, 3, ev_str("date", "2026-11-24"));
    NO("dated before", "case.review_started", CB, 3, ev_str("date", "2026-11-23"));
    NO("already gone past", "case.supplement_requested", CB, 3, ev_str("date", "2026-11-24"));
    NO("already taken", "case.received", CA, 3, ev_str("date", "2026-11-23"), ev_str("item", "JH-001"),
       ev_str("class", "immediate"), ev_str("applicant_name", "张三"), ev_str("window", "W01"));
    NO("no such case", "case.accepted", "511425-T03-20261123-0404", 3, ev_str("date", "2026-11-23"));
    NO("a real date", "case.review_started", CB, 3, ev_str("date", "2026-02-30"));
    NO("legal basis", "case.rejected", CA, 3, ev_str("date", "2026-11-23"), ev_str("reason", "材料不全"));
    NO("reason", "case.returned", CA, 3, ev_str("date", "2026-11-23"));
    NO("target", "case.status_from_centre", CB, 3, ev_str("date", "2026-11-25"), ev_str("target", "lost"));
    NO("must be after today", "case.accepted_deferred", CB, 3, ev_str("date", "2026-11-24"),
       ev_str("deadline", "2026-11-24"));
    NO("\"class\"", "case.received", "C-X", 3, ev_str("date", "2026-11-23"), ev_str("item", "JH-001"),
       ev_str("class", "urgent"), ev_str("applicant_name", "某"), ev_str("window", "W01"));
    NO("applicant_id", "case.received", "C-X", 3, ev_str("date", "2026-11-23"), ev_str("item", "JH-001"),
       ev_str("class", "immediate"), ev_str("applicant_name", "某"), ev_str("window", "W01"),
       ev_str("applicant_id", "110105194912310021"));
    NO("applicant_phone", "case.received", "C-X", 3, ev_str("date", "2026-11-23"), ev_str("item", "JH-001"),
       ev_str("class", "immediate"), ev_str("applicant_name", "某"), ev_str("window", "W01"),
       ev_str("applicant_phone", "12345"));
    NO("needs a subject", "case.accepted", NULL, 3, ev_str("date", "2026-11-23"));
    project_case c;
    assert_int_equal(project_case_get(s, CB, &c), 0);
    assert_int_equal(c.status, CASE_ACCEPTED);
}

static void notices_checklist_and_evaluations_are_checked(void **state)
{
    (void)state;
    static const int64_t one[] = {1}, nine[] = {9};
    receive(CB, "2026-11-23", "DB-001", "promised", "李四");
    tick(CB, "2026-11-23", 1, "户口簿", "essential", "present", false, NULL);
    NO("needs a note", "material.checked", CB, 3, ev_str("date", "2026-11-23"), ev_int("index", 2),
       ev_str("name", "收入证明"), ev_str("kind", "auxiliary"), ev_str("status", "defective"));
    NO("deferr", "material.checked", CB, 3, ev_str("date", "2026-11-23"), ev_int("index", 2),
       ev_str("name", "身份证"), ev_str("kind", "essential"), ev_str("status", "missing"), ev_bool("deferrable", true));
    NO("one of: present, missing, defective", "material.checked", CB, 3, ev_str("date", "2026-11-23"),
       ev_int("index", 2), ev_str("name", "收入证明"), ev_str("kind", "auxiliary"), ev_str("status", "lost"));
    NO("has not been accepted", "notice.issued", CB, 3, ev_str("date", "2026-11-23"), ev_str("kind", "acceptance"));
    OK("case.supplement_requested", CB, 3, ev_str("date", "2026-11-23"));
    NO("marked present", "notice.issued", CB, 3, ev_str("date", "2026-11-23"), ev_str("kind", "supplement"),
       ev_ints("materials", one, 1));
    NO("not on the case's checklist", "notice.issued", CB, 3, ev_str("date", "2026-11-23"),
       ev_str("kind", "supplement"), ev_ints("materials", nine, 1));
    NO("must list the materials", "notice.issued", CB, 3, ev_str("date", "2026-11-23"), ev_str("kind", "supplement"));
    NO("not done yet", "evaluation.given", CB, 3, ev_str("date", "2026-11-23"), ev_str("rating", "satisfied"));
    receive(CA, "2026-11-23", "JH-001", "immediate", "张三");
    OK("case.rejected", CA, 3, ev_str("date", "2026-11-23"), ev_str("reason", "不属于受理范围"),
       ev_str("basis", "《行政许可法》第三十二条"));
    NO("can no longer change", "material.checked", CA, 3, ev_str("date", "2026-11-23"), ev_int("index", 1),
       ev_str("name", "身份证"), ev_str("kind", "essential"), ev_str("status", "present"));
    OK("evaluation.given", CA, 3, ev_str("date", "2026-11-23"), ev_str("rating", "basically_satisfied"));
    NO("already evaluated on 2026-11-23", "evaluation.given", CA, 3, ev_str("date", "2026-11-24"),
       ev_str("rating", "very_satisfied"));
    NO("one of: very_satisfied", "evaluation.given", CA, 3, ev_str("date", "2026-11-24"), ev_str("rating", "ok"));
}

/* core/handoff.h refusals, and the day that must be started first. */
static void handoffs_follow_the_ab_rules(void **state)
{
    (void)state;
    NO("has not been started", "duty.handoff", "W01", 3, ev_str("date", "2026-11-23"), ev_int("minute", 535),
       ev_str("kind", "open"), ev_int("actor", 3));
    NO("two different", "duty.day_started", "W01", 3, ev_str("date", "2026-11-23"), ev_int("a", 3), ev_int("b", 3),
       ev_int("morning_start", 540), ev_int("morning_end", 720), ev_int("afternoon_start", 840),
       ev_int("afternoon_end", 1050), ev_int("grace", 5));
    duty_day("2026-11-23");
    NO("already started", "duty.day_started", "W01", 3, ev_str("date", "2026-11-23"), ev_int("a", 3), ev_int("b", 4),
       ev_int("morning_start", 540), ev_int("morning_end", 720), ev_int("afternoon_start", 840),
       ev_int("afternoon_end", 1050), ev_int("grace", 5));
    OK("duty.handoff", "W01", 3, ev_str("date", "2026-11-23"), ev_int("minute", 535), ev_str("kind", "open"),
       ev_int("actor", 3));
    OK("duty.handoff", "W01", 3, ev_str("date", "2026-11-23"), ev_int("minute", 600), ev_str("kind", "request"),
       ev_int("actor", 3), ev_str("reason", "toilet"));
    NO("own handoff", "duty.handoff", "W01", 3, ev_str("date", "2026-11-23"), ev_int("minute", 601),
       ev_str("kind", "confirm"), ev_int("actor", 3));
    NO("roster", "duty.handoff", "W01", 8, ev_str("date", "2026-11-23"), ev_int("minute", 601),
       ev_str("kind", "confirm"), ev_int("actor", 8));
    NO("\"reason\"", "duty.handoff", "W01", 3, ev_str("date", "2026-11-23"), ev_int("minute", 601),
       ev_str("kind", "request"), ev_int("actor", 3), ev_str("reason", "nap"));
    OK("duty.handoff", "W01", 4, ev_str("date", "2026-11-23"), ev_int("minute", 603), ev_str("kind", "confirm"),
       ev_int("actor", 4));
    NO("earlier than", "duty.handoff", "W01", 3, ev_str("date", "2026-11-23"), ev_int("minute", 590),
       ev_str("kind", "take_back"), ev_int("actor", 3), ev_int("confirmer", 4));
    NO("subject must be the staff id", "attendance.punched", "W01", 3, ev_str("date", "2026-11-23"),
       ev_int("minute", 530), ev_str("kind", "sign_in"));
    NO("from 0 to 1440", "attendance.punched", "3", 3, ev_str("date", "2026-11-23"), ev_int("minute", 1500),
       ev_str("kind", "sign_in"));
    NO("referred_to", "enquiry.logged", NULL, 3, ev_str("date", "2026-11-23"), ev_str("window", "W01"),
       ev_str("question", "社保卡在哪里办？"), ev_str("outcome", "referred"));
    assert_string_equal(value("SELECT state || ' ' || on_duty || ' ' || a_away FROM duty"), "staffed 4 1");
}

/* Rebuild stops, names the event and changes nothing when an event no longer projects. */
static void rebuild_refuses_a_log_that_does_not_replay(void **state)
{
    (void)state;
    scenario();
    int rows[NF(dumps)];
    char *before = dump_all(path, rows);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TRIGGER events_no_update; UPDATE events SET type = 'case.archived' "
                                      "WHERE seq = (SELECT min(seq) FROM events WHERE type = 'case.approved')",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(project_rebuild(s), -1);
    assert_non_null(strstr(store_errmsg(s), "rebuild stopped at event seq"));
    assert_non_null(strstr(store_errmsg(s), "out of order"));
    char *after = dump_all(path, rows);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* A case.reassigned in a case's history is not a lifecycle step: the next step still folds. */
static void a_reassigned_case_takes_further_steps(void **state)
{
    (void)state;
    scenario();
    OK("case.delivered", CC, 4, ev_str("date", "2026-12-02"));
    project_case pc;
    assert_int_equal(project_case_get(s, CC, &pc), 0);
    assert_int_equal(pc.status, CASE_DELIVERED);
    assert_string_equal(pc.delivered, "2026-12-02");
    assert_int_equal(pc.clerk, 4);
    assert_string_equal(pc.due, "2026-12-22");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rebuild_gives_the_same_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(rebuild_restores_wiped_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(cases_follow_core_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(notices_materials_and_the_one_time_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(evaluations_enquiries_attendance_and_duty, setup, teardown),
        cmocka_unit_test_setup_teardown(illegal_and_out_of_order_case_events_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(notices_checklist_and_evaluations_are_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(handoffs_follow_the_ab_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(rebuild_refuses_a_log_that_does_not_replay, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reassigned_case_takes_further_steps, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
