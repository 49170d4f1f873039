/* test_drill.c - the file side of drills (data/drill.h): scenario files
 * refused with "FILE: [section] key: what" for each kind of mistake, a good
 * scenario read with its fields (and a catalogue relative to it), the
 * throw-away database (meta 'drill', the trainee logs in, the roster of each
 * drill day, nothing left behind by drill_close), the queue's progress, a run
 * recorded through data/desk.h (a perfect applicant and a flawed one) read
 * back and scored, the result files (BOM, header, never overwritten) and the
 * report combining two results in 80 columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/idcard.h"
#include "data/calendar_file.h"
#include "data/cases.h"
#include "data/desk.h"
#include "data/drill.h"
#include "data/events.h"
#include "data/roster.h"
#include "data/staff.h"
#include "data/store_db.h"

static char tmp[64];
static char err[DRILL_ERR_LEN];
static calendar cal;
static char id_a1[19] = "11010519491231002X";
static char id_a2[19], id_a2_form[19];

/* A valid ID number from 17 digits. */
static void make_id(const char *d17, char out[19])
{
    snprintf(out, 19, "%s%c", d17, idcard_check_char(d17));
}

static int setup(void **state)
{
    (void)state;
    char cwd[PATH_MAX], datadir[PATH_MAX + 8];
    if (!getcwd(cwd, sizeof cwd))
        return -1;
    snprintf(datadir, sizeof datadir, "%s/data", cwd);
    setenv("GUICHET_DATADIR", datadir, 1);
    calfile_error ce;
    if (calfile_load("data/calendar/cn.ini", &cal, &ce) != CALFILE_OK)
        return -1;
    snprintf(tmp, sizeof tmp, "/tmp/guichet-drilltest-XXXXXX");
    if (!mkdtemp(tmp))
        return -1;
    setenv("TMPDIR", tmp, 1);
    make_id("11010519800101001", id_a2);
    make_id("11010519800101002", id_a2_form);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unsetenv("TMPDIR");
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- scenario files --------------------------------------------------------------------------- */

static const char *HEAD = "[drill]\n"
                          "title = 低保申请：收入证明缺失\n"
                          "start = 2026-03-02\n"
                          "window = W01\n"
                          "%s"
                          "\n[trainee]\ncode = xueyuan\nname = 学员\npin = 583914\n"
                          "\n[b_post]\ncode = jiaolian\nname = 教练\npin = 729461\n";

/* Applicant a1 (perfect in the run) and a2 (flawed). */
static void applicants(char *buf, size_t len)
{
    snprintf(buf, len,
             "\n[applicant.a1]\nname = 张秀英\nid_card = %s\nitem = MZ-01\n"
             "says = 我想申请低保。\n"
             "bring.1 = 申请书，签了字\nbring.2 = 身份证\nbring.4 = 授权书\nbring.5 = 残疾人证复印件\n"
             "bring.6 = 银行卡复印件\n"
             "return_day = 3\nreturn_bring = 3\n"
             "\n[applicant.a2]\nname = 李明\nid_card = %s\nid_form = %s\nitem = mz-01\n"
             "bring.1 = 申请书\nbring.2 = 身份证\nbring.3 = 收入申报表\nbring.4 = 授权书\n"
             "handoff_after = yes\ntarget_seconds = 120\n",
             id_a1, id_a2, id_a2_form);
}

/* Write text to tmp/name; the path. */
static const char *write_file(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* The good scenario with `extra` in [drill] and `tail` after the applicants; its path. */
static const char *scenario(const char *name, const char *extra, const char *tail)
{
    static char text[8192];
    char apps[4096];
    applicants(apps, sizeof apps);
    int n = snprintf(text, sizeof text, HEAD, extra);
    snprintf(text + n, sizeof text - (size_t)n, "%s%s", apps, tail);
    return write_file(name, text);
}

/* Replace the first `from` in the good scenario by `to`; its path. */
static const char *scenario_with(const char *from, const char *to)
{
    static char text[8192];
    char apps[4096], full[8192];
    applicants(apps, sizeof apps);
    int n = snprintf(full, sizeof full, HEAD, "");
    snprintf(full + n, sizeof full - (size_t)n, "%s", apps);
    char *at = strstr(full, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - full), full, to, at + strlen(from));
    return write_file("bad.ini", text);
}

/* Loading fails with a one-line message starting with the file and containing part. */
static void refused_(int line, const char *path, const char *part)
{
    drill_scenario *sc = calloc(1, sizeof *sc);
    int rc = drill_scenario_load(path, sc, err, sizeof err);
    free(sc);
    if (rc != -1)
        fail_msg("line %d: accepted, expected \"%s\"", line, part);
    if (strncmp(err, path, strlen(path)) || !strstr(err, part) || strchr(err, '\n'))
        fail_msg("line %d: message \"%s\" lacks \"%s\" (or the file name, or is on several lines)", line, err, part);
}
#define REFUSED(path, part) refused_(__LINE__, (path), (part))

static void each_mistake_names_its_section_and_key(void **state)
{
    (void)state;
    REFUSED(scenario_with("says = ", "colour = red\nsays = "), "[applicant.a1] colour: unknown key");
    REFUSED(scenario_with("item = MZ-01", "item = ZZ-99"), "[applicant.a1] item: unknown item code ZZ-99");
    REFUSED(scenario_with("bring.5 =", "bring.9 ="), "[applicant.a1] bring.9: item MZ-01 has no material 9");
    REFUSED(scenario_with("return_bring = 3", "return_bring = 3, 12"), "[applicant.a1] return_bring: item MZ-01 has no material 12");
    REFUSED(scenario_with("start = 2026-03-02", "start = 2026-02-30"), "[drill] start: '2026-02-30' is not a real date");
    REFUSED(scenario_with(id_a1, "110105194912310021"), "[applicant.a1] id_card:");
    REFUSED(scenario_with(id_a2_form, "123"), "[applicant.a2] id_form: '123' is not 18");
    REFUSED(scenario_with("name = 李明", "name = 张秀英"), "[applicant.a2] name: 张秀英 is already the name");
    REFUSED(scenario_with("says = ", "day = 0\nsays = "), "[applicant.a1] day: day 0 is before");
    REFUSED(scenario_with("return_day = 3", "day = 3\nreturn_day = 3"), "[applicant.a1] return_day: day 3 is not after");
    REFUSED(scenario_with("pin = 583914", "pin = 123456"), "[trainee] pin:");
    REFUSED(scenario_with("code = jiaolian", "code = xueyuan"), "[b_post] code:");
    REFUSED(scenario_with("window = W01", "window = W 1"), "[drill] window:");
    REFUSED(scenario_with("handoff_after = yes", "handoff_after = perhaps"), "[applicant.a2] handoff_after:");
    REFUSED(scenario_with("[b_post]", "[extra]\nx = 1\n[b_post]"), "[extra] -: unknown section");
    REFUSED(scenario_with("title = 低保申请：收入证明缺失\n", ""), "[drill] title: missing");
    /* no applicants */
    char text[2048];
    snprintf(text, sizeof text, HEAD, "");
    REFUSED(write_file("empty.ini", text), "[applicant.*] name: no applicants");
    /* more than DRILL_APPLICANTS_MAX */
    static char many[32768];
    int n = snprintf(many, sizeof many, HEAD, "");
    for (int i = 0; i <= DRILL_APPLICANTS_MAX; i++)
        n += snprintf(many + n, sizeof many - (size_t)n, "[applicant.p%d]\nname = 人%d\nid_card = %s\nitem = MZ-01\n", i,
                      i, id_a1);
    REFUSED(write_file("many.ini", many), "[applicant.p24] name: more than 24 applicants");
    /* a file that is not there */
    drill_scenario sc;
    assert_int_equal(drill_scenario_load("/nonexistent/x.ini", &sc, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/x.ini"));
}

static void a_good_scenario_is_read_in_queue_order(void **state)
{
    (void)state;
    drill_scenario *sc = calloc(1, sizeof *sc);
    assert_int_equal(drill_scenario_load(scenario("good.ini", "", ""), sc, err, sizeof err), 0);
    assert_string_equal(sc->title, "低保申请：收入证明缺失");
    assert_string_equal(sc->catalog, "");
    assert_int_equal(sc->start.y, 2026);
    assert_int_equal(sc->start.m, 3);
    assert_int_equal(sc->start.d, 2);
    assert_string_equal(sc->window, "W01");
    assert_string_equal(sc->trainee_code, "xueyuan");
    assert_string_equal(sc->b_name, "教练");
    assert_int_equal(sc->napplicants, 2);
    const drill_applicant *a1 = &sc->applicants[0], *a2 = &sc->applicants[1];
    assert_string_equal(a1->key, "a1");
    assert_string_equal(a1->name, "张秀英");
    assert_string_equal(a1->item, "MZ-01");
    assert_int_equal(a1->day, 1);
    assert_int_equal(a1->nbrought, 5);
    assert_int_equal(a1->brought[2].index, 4);
    assert_string_equal(a1->brought[2].said, "授权书");
    assert_int_equal(a1->brought[2].status, CK_PRESENT);
    assert_int_equal(a1->return_day, 3);
    assert_int_equal(a1->nreturn, 1);
    assert_int_equal(a1->return_brings[0], 3);
    assert_int_equal(a1->target_seconds, 300);
    assert_false(a1->handoff_after);
    assert_string_equal(a2->item, "MZ-01"); /* upper-cased */
    assert_string_equal(a2->id_form, id_a2_form);
    assert_true(a2->handoff_after);
    assert_int_equal(a2->target_seconds, 120);
    gdate d3 = drill_day_date(sc, 3);
    assert_int_equal(d3.d, 4);
    free(sc);

    /* defective material, an ineligible request, and a catalogue relative to the scenario's folder */
    char link[128], target[PATH_MAX];
    snprintf(link, sizeof link, "%s/cat", tmp);
    snprintf(target, sizeof target, "%s/catalog", getenv("GUICHET_DATADIR"));
    assert_int_equal(symlink(target, link), 0);
    sc = calloc(1, sizeof *sc);
    const char *p = scenario("rel.ini", "catalog = cat/demo.ini\n",
                             "\n[applicant.a3]\nname = 王五\nid_card = 11010519491231002X\nitem = MZ-01\nday = 2\n"
                             "defective.6 = 银行卡复印件，卡号看不清\nineligible = 户籍不在本镇\n");
    assert_int_equal(drill_scenario_load(p, sc, err, sizeof err), 0);
    assert_string_equal(sc->catalog, "cat/demo.ini");
    assert_int_equal(sc->napplicants, 3);
    assert_int_equal(sc->applicants[2].brought[0].status, CK_DEFECTIVE);
    assert_true(sc->applicants[2].ineligible);
    assert_string_equal(sc->applicants[2].ineligible_why, "户籍不在本镇");
    free(sc);
    REFUSED(scenario("rel2.ini", "catalog = nowhere/demo.ini\n", ""), "[drill] catalog: cannot read the catalogue");
}

/* ---- the database ------------------------------------------------------------------------------ */

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static drill_run *open_run(const char *name)
{
    drill_run *r = calloc(1, sizeof *r);
    assert_non_null(r);
    if (drill_run_init(r, scenario(name, "", ""), NULL, err, sizeof err) != 0 || drill_open(r, &cal, err, sizeof err) != 0)
        fail_msg("%s", err);
    return r;
}

static void open_makes_a_marked_file_and_close_removes_it(void **state)
{
    (void)state;
    drill_run *r = open_run("open.ini");
    assert_true(drill_is_drill(r->s));
    assert_non_null(strstr(r->dir, tmp)); /* under $TMPDIR */
    assert_true(exists(r->db_path));
    const char *v = NULL;
    sqlite3_stmt *st = store_prepare(r->s, "SELECT value FROM meta WHERE key = 'drill'");
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = (const char *)sqlite3_column_text(st, 0);
    assert_string_equal(v, r->scenario_path);
    sqlite3_finalize(st);
    staff_verify sv;
    assert_int_equal(staff_verify_pin(r->s, "xueyuan", "583914", events_now_ms(), &sv), STAFF_PIN_OK);
    assert_int_equal(staff_verify_pin(r->s, "jiaolian", "729461", events_now_ms(), &sv), STAFF_PIN_OK);
    roster_line rl;
    char e[STORE_ERR_LEN];
    assert_int_equal(roster_for(r->s, "2026-03-04", "W01", &rl, e, sizeof e), STAFF_OK); /* day 3: a1's return */
    assert_string_equal(rl.a.code, "xueyuan");
    assert_string_equal(rl.b.code, "jiaolian");
    assert_int_equal(roster_for(r->s, "2026-03-05", "W01", &rl, e, sizeof e), STAFF_E_NOT_FOUND);
    char dir[1024], db[1100];
    snprintf(dir, sizeof dir, "%s", r->dir);
    snprintf(db, sizeof db, "%s", r->db_path);
    drill_close(r);
    drill_close(r); /* idempotent */
    assert_false(exists(db));
    assert_false(exists(dir));
    free(r);
    /* a store that is no drill */
    char p[128];
    snprintf(p, sizeof p, "%s/plain.db", tmp);
    store *s = store_open(p, e, sizeof e);
    assert_non_null(s);
    assert_false(drill_is_drill(s));
    store_close(s);
}

static void progress_keeps_calls_and_done(void **state)
{
    (void)state;
    drill_run *r = open_run("progress.ini");
    drill_progress p;
    assert_int_equal(drill_progress_get(r, 0, &p), 0);
    assert_int_equal(p.called_ms, 0);
    assert_int_equal(drill_call(r, 0, false, 1000), 0);
    assert_int_equal(drill_call(r, 0, false, 1500), 0); /* the first call's time stays */
    assert_int_equal(drill_done(r, 0, 2000), 0);
    assert_int_equal(drill_call(r, 1, true, 2500), -1); /* a2 never comes back */
    assert_int_equal(drill_call(r, 5, false, 2500), -1); /* no such applicant */
    assert_int_equal(drill_call(r, 0, true, 3000), 0);
    assert_int_equal(drill_progress_get(r, 0, &p), 0);
    assert_int_equal(p.called_ms, 1000);
    assert_int_equal(p.done_ms, 2000);
    assert_true(p.returned);
    assert_int_equal(drill_progress_get(r, 1, &p), 0);
    assert_int_equal(p.called_ms, 0);
    assert_false(p.returned);
    drill_close(r);
    free(r);
}

/* ---- a run recorded through data/desk.h -------------------------------------------------------- */

static void pause_ms(void)
{
    usleep(3000); /* calls and events in different milliseconds: the read-back orders them by time */
}

static void all_present(ck_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        e[i] = (ck_entry){CK_PRESENT, NULL};
}

/* a1 perfect (补正 naming material 3, back on day 3 and accepted); a2 flawed (补正 instead of 容缺,
 * material 6 left out, the form's ID recorded, no handoff). */
static void record_run(drill_run *r)
{
    staff_rec me;
    char e[STORE_ERR_LEN];
    assert_int_equal(staff_get(r->s, "xueyuan", &me, e, sizeof e), STAFF_OK);
    desk_who day1 = {me.num, "W01", drill_day_date(&r->sc, 1), &cal};
    desk_who day3 = {me.num, "W01", drill_day_date(&r->sc, 3), &cal};
    ck_entry ent[6];
    desk_result res;
    char c1[CASENUM_LEN], c2[CASENUM_LEN];

    assert_int_equal(drill_call(r, 0, false, events_now_ms()), 0);
    pause_ms();
    all_present(ent, 6);
    ent[2] = (ck_entry){CK_MISSING, NULL};
    assert_int_equal(cases_new_number(r->s, day1.today, c1), 0);
    desk_intake in = {.case_id = c1, .applicant = {.name = "张秀英", .id = id_a1}, .item = "MZ-01", .entries = ent,
                      .nentries = 6, .outcome = CK_SUPPLEMENT};
    if (desk_receive(r->s, &day1, &in, &res, err, sizeof err) != 0)
        fail_msg("%s", err);
    pause_ms();
    assert_int_equal(drill_done(r, 0, events_now_ms()), 0);

    assert_int_equal(drill_call(r, 1, false, events_now_ms()), 0);
    pause_ms();
    all_present(ent, 6);
    ent[4] = (ck_entry){CK_MISSING, NULL}; /* 6 ticked present by mistake */
    assert_int_equal(cases_new_number(r->s, day1.today, c2), 0);
    in = (desk_intake){.case_id = c2, .applicant = {.name = "李明", .id = id_a2_form}, .item = "MZ-01", .entries = ent,
                       .nentries = 6, .outcome = CK_SUPPLEMENT};
    if (desk_receive(r->s, &day1, &in, &res, err, sizeof err) != 0)
        fail_msg("%s", err);
    pause_ms();
    assert_int_equal(drill_done(r, 1, events_now_ms()), 0);

    assert_int_equal(drill_call(r, 0, true, events_now_ms()), 0);
    pause_ms();
    all_present(ent, 6);
    if (desk_resume(r->s, &day3, c1, ent, 6, &res, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(res.status, CASE_ACCEPTED);
}

static void a_recorded_run_is_read_back_and_scored(void **state)
{
    (void)state;
    drill_run *r = open_run("run.ini");
    record_run(r);
    drill_result *res = calloc(1, sizeof *res);
    if (drill_score_run(r, &cal, res, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(res->n, 2);
    assert_string_equal(res->trainee, "学员");
    assert_string_equal(res->scenario_file, "run.ini");
    const drill_line *l1 = &res->lines[0], *l2 = &res->lines[1];
    assert_true(l1->actual.seen);
    assert_int_equal(l1->expect.outcome, CK_SUPPLEMENT);
    assert_int_equal(l1->actual.outcome, CK_SUPPLEMENT);
    assert_int_equal(l1->actual.nnamed, 1);
    assert_int_equal(l1->actual.named[0], 3);
    assert_true(l1->actual.return_done);
    assert_string_equal(l1->actual.id_recorded, id_a1);
    assert_true(l1->actual.seconds >= 0 && l1->actual.seconds < 300);
    assert_int_equal(l1->score.score, 100);
    assert_int_equal(l1->score.nd, 0);

    assert_int_equal(l2->expect.outcome, CK_DEFER);
    assert_int_equal(l2->expect.nnamed, 2);
    assert_true(l2->expect.id_trap);
    assert_int_equal(l2->actual.outcome, CK_SUPPLEMENT);
    assert_int_equal(l2->actual.nnamed, 1);
    assert_int_equal(l2->actual.named[0], 5);
    assert_string_equal(l2->actual.id_recorded, id_a2_form);
    assert_false(l2->actual.handoff_done);
    /* 40 outcome + 15 material 6 left out + 20 ID + 20 no handoff */
    assert_int_equal(l2->score.nd, 4);
    assert_int_equal(l2->score.d[0].kind, DRILL_D_OUTCOME);
    assert_int_equal(l2->score.d[1].kind, DRILL_D_LEFT_OUT);
    assert_int_equal(l2->score.d[1].material, 6);
    assert_int_equal(l2->score.d[2].kind, DRILL_D_ID_NOT_CAUGHT);
    assert_int_equal(l2->score.d[3].kind, DRILL_D_NO_HANDOFF);
    assert_int_equal(l2->score.score, 5);
    assert_int_equal(res->total, 53); /* (100 + 5) / 2 rounded half up */
    drill_close(r);
    free(r);
    free(res);
}

static void an_applicant_never_called_has_no_case(void **state)
{
    (void)state;
    drill_run *r = open_run("none.ini");
    drill_result *res = calloc(1, sizeof *res);
    assert_int_equal(drill_score_run(r, &cal, res, err, sizeof err), 0);
    assert_false(res->lines[0].actual.seen);
    assert_int_equal(res->lines[0].score.score, 0);
    assert_int_equal(res->lines[0].score.d[0].kind, DRILL_D_NO_CASE);
    assert_int_equal(res->total, 0);
    drill_close(r);
    free(r);
    free(res);
}

/* ---- result files and the report --------------------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[16384];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* A scored run (recorded or not); the result points into the run's scenario: close it after use. */
static drill_run *scored(const char *name, drill_result *res, bool run)
{
    drill_run *r = open_run(name);
    if (run)
        record_run(r);
    if (drill_score_run(r, &cal, res, err, sizeof err) != 0)
        fail_msg("%s", err);
    return r;
}

static void close_run(drill_run *r)
{
    drill_close(r);
    free(r);
}

static void result_files_have_a_bom_a_header_and_are_never_overwritten(void **state)
{
    (void)state;
    drill_result *res = calloc(1, sizeof *res);
    drill_run *r = scored("result.ini", res, true);
    char out[128], t1[1400], c1[1400], t2[1400], c2[1400];
    snprintf(out, sizeof out, "%s/out", tmp);
    assert_int_equal(mkdir(out, 0755), 0);
    assert_int_equal(drill_result_write(res, out, NULL, t1, sizeof t1, c1, sizeof c1, err, sizeof err), 0);
    assert_int_equal(drill_result_write(res, out, NULL, t2, sizeof t2, c2, sizeof c2, err, sizeof err), 0);
    assert_string_not_equal(t1, t2);
    assert_string_not_equal(c1, c2);
    assert_non_null(strstr(t1, "/drill-学员-result-"));
    assert_non_null(strstr(t2, "-2.txt"));
    assert_non_null(strstr(c2, "-2.csv"));
    const char *csv = slurp(c1);
    assert_memory_equal(csv, "\xEF\xBB\xBFtrainee,scenario_file,", 24);
    assert_non_null(strstr(csv, "\r\n学员,result.ini,低保申请：收入证明缺失,"));
    assert_non_null(strstr(csv, ",a2,李明,MZ-01,defer,supplement,5,outcome:40;left_out:15:6;id_not_caught:20;no_handoff:20,53\r\n"));
    const char *txt = slurp(t1);
    assert_non_null(strstr(txt, "Trainee: 学员"));
    assert_non_null(strstr(txt, "Total: 53"));
    assert_non_null(strstr(txt, "(material 6)"));
    assert_int_equal(drill_result_write(res, "/nonexistent-dir", NULL, t2, sizeof t2, c2, sizeof c2, err, sizeof err), -1);
    close_run(r);
    free(res);
}

static void the_report_combines_results_in_80_columns(void **state)
{
    (void)state;
    drill_result *res = calloc(1, sizeof *res);
    char out[128], t1[1400], c1[1400], t2[1400], c2[1400];
    snprintf(out, sizeof out, "%s/rep", tmp);
    assert_int_equal(mkdir(out, 0755), 0);
    drill_run *r = scored("rep.ini", res, true);
    assert_int_equal(drill_result_write(res, out, NULL, t1, sizeof t1, c1, sizeof c1, err, sizeof err), 0);
    close_run(r);
    r = scored("rep.ini", res, false);
    snprintf(res->trainee, sizeof res->trainee, "%s", "欧阳慕容长名字学员");
    assert_int_equal(drill_result_write(res, out, NULL, t2, sizeof t2, c2, sizeof c2, err, sizeof err), 0);
    close_run(r);
    const char *files[] = {c1, c2};
    char rep[128];
    snprintf(rep, sizeof rep, "%s/report.txt", tmp);
    FILE *f = fopen(rep, "w");
    assert_int_equal(drill_report(files, 2, false, f, err, sizeof err), 0);
    fclose(f);
    const char *text = slurp(rep);
    assert_non_null(strstr(text, "学员"));
    assert_non_null(strstr(text, "   53 100   5"));
    assert_non_null(strstr(text, "    0   0   0"));
    /* every line fits 80 columns (Chinese characters take two) */
    FILE *g = fopen(rep, "r");
    char line[512];
    int lines = 0;
    while (fgets(line, sizeof line, g)) {
        int cols = 0;
        for (const unsigned char *p = (const unsigned char *)line; *p && *p != '\n'; p++)
            cols += (*p & 0xc0) == 0x80 ? 0 : *p >= 0xe0 ? 2 : 1;
        assert_true(cols <= 80);
        lines++;
    }
    fclose(g);
    assert_int_equal(lines, 4);
    snprintf(rep, sizeof rep, "%s/report.csv", tmp);
    f = fopen(rep, "w");
    assert_int_equal(drill_report(files, 2, true, f, err, sizeof err), 0);
    fclose(f);
    assert_non_null(strstr(slurp(rep), "学员,rep.ini,低保申请：收入证明缺失,53,100;5\r\n"));

    /* a file that is not a result, and a broken line */
    const char *bad[] = {c1, write_file("not.csv", "name,score\r\nx,1\r\n")};
    f = fopen("/dev/null", "w");
    assert_int_equal(drill_report(bad, 2, false, f, err, sizeof err), -1);
    assert_non_null(strstr(err, "not.csv:1: not a drill result"));
    char broken[4096];
    snprintf(broken, sizeof broken, "%s", slurp(c1));
    strcat(broken, "学员,rep.ini,x,a,b,a9,n,MZ-01,accept,accept,abc,,53\r\n");
    const char *bad2[] = {write_file("broken.csv", broken)};
    assert_int_equal(drill_report(bad2, 1, false, f, err, sizeof err), -1);
    assert_non_null(strstr(err, "broken.csv:4: a score is not a whole number"));
    fclose(f);
    free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(each_mistake_names_its_section_and_key, setup, teardown),
        cmocka_unit_test_setup_teardown(a_good_scenario_is_read_in_queue_order, setup, teardown),
        cmocka_unit_test_setup_teardown(open_makes_a_marked_file_and_close_removes_it, setup, teardown),
        cmocka_unit_test_setup_teardown(progress_keeps_calls_and_done, setup, teardown),
        cmocka_unit_test_setup_teardown(a_recorded_run_is_read_back_and_scored, setup, teardown),
        cmocka_unit_test_setup_teardown(an_applicant_never_called_has_no_case, setup, teardown),
        cmocka_unit_test_setup_teardown(result_files_have_a_bom_a_header_and_are_never_overwritten, setup, teardown),
        cmocka_unit_test_setup_teardown(the_report_combines_results_in_80_columns, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
