/* drill_result.c - a drill's result for the trainee and the trainer: the
 * text form (each applicant's score, what was expected and recorded, each
 * deduction in words, the total), the CSV form (UTF-8 with a BOM, one line
 * per applicant, a fixed header), both written next to each other and never
 * over an existing file; and `guichet drill report`, which reads result CSVs
 * back (header checked, errors naming file:line) and prints one line per
 * result in a table that fits 80 columns with Chinese names (core/cwidth). */
#include "data/drill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/cwidth.h"
#include "core/i18n.h"
#include "data/drill_int.h"

#define CSV_HEADER                                                                                                  \
    "trainee,scenario_file,scenario_title,started,ended,applicant,name,item,expected,recorded,score,deductions,"    \
    "total"
#define CSV_FIELDS 13
#define CSV_LINE_MAX 4096
#define REPORT_WIDTH 80

static const char *tr_id(const char *(*tr)(const char *), const char *msgid)
{
    return tr ? tr(msgid) : msgid;
}

/* Local time of ms as "YYYY-MM-DD HH:MM:SS" (or with fmt). */
static void stamp(int64_t ms, const char *fmt, char *buf, size_t len)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    if (!localtime_r(&t, &tm) || !strftime(buf, len, fmt, &tm))
        snprintf(buf, len, "?");
}

/* ---- text ------------------------------------------------------------------------------------- */

static const char *outcome_word(const char *(*tr)(const char *), const drill_actual *act)
{
    if (!act->seen)
        return tr_id(tr, N_("nothing recorded"));
    if (!act->decided)
        return tr_id(tr, N_("no decision"));
    return tr_id(tr, ck_outcome_label(act->outcome));
}

static void print_line(const drill_line *l, size_t i, FILE *f, const char *(*tr)(const char *))
{
    fprintf(f, "%zu. %s (%s)  ", i + 1, l->a->name, l->a->item);
    fprintf(f, tr_id(tr, N_("score %d")), l->score.score);
    fputc('\n', f);
    fputs("   ", f);
    fprintf(f, tr_id(tr, N_("expected: %s; recorded: %s")), tr_id(tr, ck_outcome_label(l->expect.outcome)),
            outcome_word(tr, &l->actual));
    fputc('\n', f);
    if (l->a->ineligible) {
        fputs("   ", f);
        fprintf(f, tr_id(tr, N_("not eligible: %s")), l->a->ineligible_why);
        fputc('\n', f);
    }
    for (size_t k = 0; k < l->score.nd; k++) {
        const drill_deduction *d = &l->score.d[k];
        fprintf(f, "   -%d  %s", d->points, tr_id(tr, drill_deduction_reason(d->kind)));
        if (d->material > 0) {
            fputs(" (", f);
            fprintf(f, tr_id(tr, N_("material %d")), d->material);
            fputc(')', f);
        }
        fputc('\n', f);
    }
}

void drill_result_print(const drill_result *res, FILE *f, const char *(*tr)(const char *))
{
    char a[32], b[32];
    stamp(res->started_ms, "%Y-%m-%d %H:%M:%S", a, sizeof a);
    stamp(res->ended_ms, "%Y-%m-%d %H:%M:%S", b, sizeof b);
    fprintf(f, "%s: %s\n", tr_id(tr, N_("Drill")), res->scenario_title);
    fprintf(f, "%s: %s\n", tr_id(tr, N_("Scenario file")), res->scenario_file);
    fprintf(f, "%s: %s\n", tr_id(tr, N_("Trainee")), res->trainee);
    fprintf(f, "%s: %s - %s\n\n", tr_id(tr, N_("Time")), a, b);
    for (size_t i = 0; i < res->n; i++)
        print_line(&res->lines[i], i, f, tr);
    fputc('\n', f);
    fprintf(f, tr_id(tr, N_("Total: %d")), res->total);
    fputc('\n', f);
}

/* ---- CSV -------------------------------------------------------------------------------------- */

/* One field, quoted when it holds a comma, a quote or a line break. */
static void csv_field(FILE *f, const char *v, bool last)
{
    if (strpbrk(v, ",\"\r\n")) {
        fputc('"', f);
        for (const char *p = v; *p; p++) {
            if (*p == '"')
                fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    } else
        fputs(v, f);
    fputs(last ? "\r\n" : ",", f);
}

/* "outcome:40;left_out:15:3" */
static void deductions_text(const drill_score *sc, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < sc->nd && used < len; k++) {
        const drill_deduction *d = &sc->d[k];
        int w = d->material > 0 ? snprintf(buf + used, len - used, "%s%s:%d:%d", k ? ";" : "",
                                           drill_deduction_name(d->kind), d->points, d->material)
                                : snprintf(buf + used, len - used, "%s%s:%d", k ? ";" : "",
                                           drill_deduction_name(d->kind), d->points);
        used += w > 0 ? (size_t)w : 0;
    }
}

static void write_csv(const drill_result *res, FILE *f)
{
    char a[32], b[32], num[16], tot[16], ded[1024];
    stamp(res->started_ms, "%Y-%m-%d %H:%M:%S", a, sizeof a);
    stamp(res->ended_ms, "%Y-%m-%d %H:%M:%S", b, sizeof b);
    snprintf(tot, sizeof tot, "%d", res->total);
    fputs("\xEF\xBB\xBF" CSV_HEADER "\r\n", f);
    for (size_t i = 0; i < res->n; i++) {
        const drill_line *l = &res->lines[i];
        const char *rec = !l->actual.seen ? "none" : !l->actual.decided ? "undecided"
                                                                        : ck_outcome_name(l->actual.outcome);
        snprintf(num, sizeof num, "%d", l->score.score);
        deductions_text(&l->score, ded, sizeof ded);
        const char *v[CSV_FIELDS] = {res->trainee, res->scenario_file, res->scenario_title, a, b, l->a->key,
                                     l->a->name, l->a->item, ck_outcome_name(l->expect.outcome), rec, num, ded, tot};
        for (int k = 0; k < CSV_FIELDS; k++)
            csv_field(f, v[k], k == CSV_FIELDS - 1);
    }
}

/* Create path exclusively (never over an existing file): the stream, or NULL with errno. */
static FILE *create_excl(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "w");
    if (!f)
        close(fd);
    return f;
}

/* Finish writing f; 0 or -1 (the file is removed on failure). */
static int finish(FILE *f, const char *path, char *err, size_t errlen)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        unlink(path);
        return snprintf(err, errlen, "drill: cannot write %s", path), -1;
    }
    return 0;
}

/* The base name drill-<trainee>-<scenario>-<YYYYMMDD-HHMMSS> (without suffix and extension). */
static void base_name(const drill_result *res, char *buf, size_t len)
{
    char who[DRILL_NAME_MAX], sc[128], when[32];
    drill_file_safe(res->trainee, who, sizeof who);
    drill_file_safe(res->scenario_file, sc, sizeof sc);
    size_t n = strlen(sc);
    if (n > 4 && !strcmp(sc + n - 4, ".ini"))
        sc[n - 4] = '\0';
    stamp(res->ended_ms, "%Y%m%d-%H%M%S", when, sizeof when);
    snprintf(buf, len, "drill-%s-%s-%s", who, sc, when);
}

int drill_result_write(const drill_result *res, const char *dir, const char *(*tr)(const char *), char *txt,
                       size_t txtlen, char *csv, size_t csvlen, char *err, size_t errlen)
{
    char base[400], p1[1400], p2[1400], suffix[8] = "";
    base_name(res, base, sizeof base);
    for (int k = 1; k <= 999; k++) {
        if (k > 1)
            snprintf(suffix, sizeof suffix, "-%d", k);
        snprintf(p1, sizeof p1, "%s/%s%s.txt", dir && *dir ? dir : ".", base, suffix);
        snprintf(p2, sizeof p2, "%s/%s%s.csv", dir && *dir ? dir : ".", base, suffix);
        FILE *ft = create_excl(p1);
        if (!ft && errno == EEXIST)
            continue;
        if (!ft)
            return snprintf(err, errlen, "drill: cannot create %s: %s", p1, strerror(errno)), -1;
        FILE *fc = create_excl(p2);
        if (!fc) {
            int e = errno;
            fclose(ft);
            unlink(p1);
            if (e == EEXIST)
                continue;
            return snprintf(err, errlen, "drill: cannot create %s: %s", p2, strerror(e)), -1;
        }
        drill_result_print(res, ft, tr);
        write_csv(res, fc);
        if (finish(ft, p1, err, errlen) != 0) {
            fclose(fc);
            unlink(p2);
            return -1;
        }
        if (finish(fc, p2, err, errlen) != 0) {
            unlink(p1);
            return -1;
        }
        snprintf(txt, txtlen, "%s", p1);
        snprintf(csv, csvlen, "%s", p2);
        return 0;
    }
    return snprintf(err, errlen, "drill: %s/%s.txt and 998 others exist already", dir, base), -1;
}

/* ---- reading results back -------------------------------------------------------------------- */

/* One result as the report shows it. */
typedef struct {
    char trainee[DRILL_NAME_MAX];
    char title[DRILL_TEXT_MAX];
    char file[256];
    int scores[DRILL_APPLICANTS_MAX];
    size_t n;
    int total;
} report_row;

/* Split one CSV line (no line break) into fields (in place); the number of fields, or -1 when a quote is open. */
static int csv_split(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        char *out = p, *start = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p)
                    return -1;
                if (*p == '"' && p[1] == '"') {
                    *out++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else
                    *out++ = *p++;
            }
        } else
            while (*p && *p != ',')
                *out++ = *p++;
        char end = *p;
        if (n < max)
            fields[n] = start;
        n++;
        if (end == ',') {
            *out = '\0';
            p++;
        } else {
            *out = '\0';
            return end ? -1 : n;
        }
    }
}

/* A number 0..100, or -1. */
static int score_value(const char *v)
{
    char *end;
    long n = strtol(v, &end, 10);
    return end != v && !*end && n >= 0 && n <= 100 ? (int)n : -1;
}

/* One data line into row; 0 or -1 + err. */
static int read_row(const char *file, int lineno, char *line, report_row *row, char *err, size_t errlen)
{
    char *fl[CSV_FIELDS];
    int nf = csv_split(line, fl, CSV_FIELDS);
    if (nf != CSV_FIELDS)
        return snprintf(err, errlen, "%s:%d: expected %d fields, found %d", file, lineno, CSV_FIELDS, nf < 0 ? 0 : nf),
               -1;
    int score = score_value(fl[10]), total = score_value(fl[12]);
    if (score < 0 || total < 0)
        return snprintf(err, errlen, "%s:%d: a score is not a whole number from 0 to 100", file, lineno), -1;
    if (row->n == 0) {
        snprintf(row->trainee, sizeof row->trainee, "%s", fl[0]);
        snprintf(row->file, sizeof row->file, "%s", fl[1]);
        snprintf(row->title, sizeof row->title, "%s", fl[2]);
        row->total = total;
    } else if (strcmp(row->trainee, fl[0]) || strcmp(row->file, fl[1]) || row->total != total)
        return snprintf(err, errlen, "%s:%d: a line of another result (trainee, scenario or total differs)", file,
                        lineno),
               -1;
    if (row->n >= DRILL_APPLICANTS_MAX)
        return snprintf(err, errlen, "%s:%d: more than %d applicants", file, lineno, DRILL_APPLICANTS_MAX), -1;
    row->scores[row->n++] = score;
    return 0;
}

static void chomp(char *line)
{
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
}

/* Read one result CSV into row; 0 or -1 + err naming file:line. */
static int read_result(const char *file, report_row *row, char *err, size_t errlen)
{
    memset(row, 0, sizeof *row);
    FILE *f = fopen(file, "r");
    if (!f)
        return snprintf(err, errlen, "%s: cannot be read: %s", file, strerror(errno)), -1;
    char *line = malloc(CSV_LINE_MAX);
    int lineno = 0, rc = line ? 0 : (snprintf(err, errlen, "out of memory"), -1);
    while (rc == 0 && fgets(line, CSV_LINE_MAX, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            rc = (snprintf(err, errlen, "%s:%d: line too long", file, lineno), -1);
            break;
        }
        chomp(line);
        char *p = line;
        if (lineno == 1) {
            if (!strncmp(p, "\xEF\xBB\xBF", 3))
                p += 3;
            if (strcmp(p, CSV_HEADER))
                rc = (snprintf(err, errlen, "%s:1: not a drill result (the header line should be \"%s\")", file,
                               CSV_HEADER), -1);
            continue;
        }
        if (*p)
            rc = read_row(file, lineno, p, row, err, errlen);
    }
    if (rc == 0 && lineno == 0)
        rc = (snprintf(err, errlen, "%s:1: empty file (not a drill result)", file), -1);
    else if (rc == 0 && row->n == 0)
        rc = (snprintf(err, errlen, "%s:%d: no applicant lines", file, lineno), -1);
    free(line);
    fclose(f);
    return rc;
}

/* ---- the table ------------------------------------------------------------------------------- */

/* Columns taken by a UTF-8 string (invalid bytes count 1). */
static int text_width(const char *s, size_t nbytes)
{
    int w = 0;
    for (size_t i = 0; i < nbytes && s[i];) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
        if (len > 1) {
            cp = c & (0xff >> (len + 1));
            for (size_t k = 1; k < len; k++)
                cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3f);
        }
        int cw = cwidth(cp);
        w += cw < 0 ? 1 : cw;
        i += len;
    }
    return w;
}

/* Print s in exactly cols columns: cut (with "..") when too wide, padded with blanks. */
static void put_cell(FILE *f, const char *s, int cols)
{
    int full = text_width(s, strlen(s));
    size_t i = 0;
    int used = 0;
    if (full > cols) {
        while (s[i]) {
            size_t len = 1;
            while (s[i + len] && ((unsigned char)s[i + len] & 0xc0) == 0x80)
                len++;
            int cw = text_width(s + i, len);
            if (used + cw > cols - 2)
                break;
            used += cw;
            i += len;
        }
        fwrite(s, 1, i, f);
        fputs("..", f);
        used += 2;
    } else {
        fputs(s, f);
        used = full;
    }
    for (; used < cols; used++)
        fputc(' ', f);
}

enum { COL_TRAINEE = 14, COL_TITLE = 30, COL_TOTAL = 5, COL_GAP = 1 };
#define COL_SCORES (REPORT_WIDTH - COL_TRAINEE - COL_TITLE - COL_TOTAL - 3 * COL_GAP - 1)
#define SCORES_PER_LINE (COL_SCORES / 4)

static void print_row(FILE *f, const report_row *r)
{
    char tot[8];
    snprintf(tot, sizeof tot, "%5d", r->total);
    put_cell(f, r->trainee, COL_TRAINEE);
    fputc(' ', f);
    put_cell(f, r->title[0] ? r->title : r->file, COL_TITLE);
    fputc(' ', f);
    fputs(tot, f);
    fputc(' ', f);
    for (size_t i = 0; i < r->n; i++) {
        if (i > 0 && i % SCORES_PER_LINE == 0) {
            fputc('\n', f);
            for (int k = 0; k < COL_TRAINEE + COL_TITLE + COL_TOTAL + 3 * COL_GAP; k++)
                fputc(' ', f);
        }
        fprintf(f, "%s%3d", i % SCORES_PER_LINE ? " " : "", r->scores[i]);
    }
    fputc('\n', f);
}

static void print_table(FILE *f, const report_row *rows, size_t n, const char *(*tr)(const char *))
{
    put_cell(f, tr_id(tr, N_("Trainee")), COL_TRAINEE);
    fputc(' ', f);
    put_cell(f, tr_id(tr, N_("Drill")), COL_TITLE);
    fputc(' ', f);
    int tw = text_width(tr_id(tr, N_("Total")), strlen(tr_id(tr, N_("Total"))));
    for (int k = tw; k < COL_TOTAL; k++)
        fputc(' ', f);
    fputs(tr_id(tr, N_("Total")), f);
    fputc(' ', f);
    fputs(tr_id(tr, N_("Scores in queue order")), f);
    fputc('\n', f);
    for (int k = 0; k < REPORT_WIDTH - 1; k++)
        fputc('-', f);
    fputc('\n', f);
    for (size_t i = 0; i < n; i++)
        print_row(f, &rows[i]);
}

static void print_csv(FILE *f, const report_row *rows, size_t n)
{
    fputs("trainee,scenario_file,scenario_title,total,scores\r\n", f);
    for (size_t i = 0; i < n; i++) {
        char tot[8], sc[DRILL_APPLICANTS_MAX * 4 + 1] = "";
        snprintf(tot, sizeof tot, "%d", rows[i].total);
        for (size_t k = 0; k < rows[i].n; k++)
            snprintf(sc + strlen(sc), sizeof sc - strlen(sc), "%s%d", k ? ";" : "", rows[i].scores[k]);
        csv_field(f, rows[i].trainee, false);
        csv_field(f, rows[i].file, false);
        csv_field(f, rows[i].title, false);
        csv_field(f, tot, false);
        csv_field(f, sc, true);
    }
}

int drill_report_tr(const char *const *files, size_t n, bool csv, FILE *f, const char *(*tr)(const char *),
                    char *err, size_t errlen)
{
    if (n == 0)
        return snprintf(err, errlen, "drill report: no result files given"), -1;
    report_row *rows = calloc(n, sizeof *rows);
    if (!rows)
        return snprintf(err, errlen, "out of memory"), -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = read_result(files[i], &rows[i], err, errlen);
    if (rc == 0 && csv)
        print_csv(f, rows, n);
    else if (rc == 0)
        print_table(f, rows, n, tr);
    free(rows);
    return rc;
}

int drill_report(const char *const *files, size_t n, bool csv, FILE *f, char *err, size_t errlen)
{
    return drill_report_tr(files, n, csv, f, NULL, err, errlen);
}
