/* calendar.h - the working-day calendar (工作日): which days a service window
 * counts.  A working day is a Monday-Friday that is not a public holiday, or
 * a Saturday/Sunday the State Council declares a make-up working day (调休).
 * The holidays are DATA: cal_parse() reads the text of data/calendar/cn.ini
 * (format in docs/calendar.md) from memory, so the rules stay testable here
 * and the file I/O stays in data/calendar_file.c.
 *
 * Nothing is guessed: a date in a year the file has no [YYYY] section for is
 * CAL_NOT_LOADED with that year, never "probably a normal year". */
#ifndef GUICHET_CORE_CALENDAR_H
#define GUICHET_CORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

#define CAL_MAX_YEARS 64   /* years one calendar holds */
#define CAL_SOURCE_MAX 512 /* bytes of a section's source line, NUL included */
#define CAL_TOKEN_MAX 96   /* bytes of the offending text kept in a parse error */
#define CAL_FILE_MAX 256   /* bytes of the file name kept in a parse error */

/* What the file says about one day. */
typedef enum {
    CAL_DAY_PLAIN = 0,   /* not listed: Monday-Friday work, Saturday/Sunday rest */
    CAL_DAY_HOLIDAY = 1, /* listed in holidays: rest */
    CAL_DAY_WORKDAY = 2, /* listed in workdays: a make-up working day */
} cal_day_kind;

/* One loaded year: a [YYYY] section of the file. */
typedef struct {
    int year;
    unsigned char day[366];      /* cal_day_kind, indexed by day of year (0 = 1 January) */
    char source[CAL_SOURCE_MAX]; /* the notice the dates come from ("" when not given) */
} cal_year;

/* A whole calendar: fixed size, no allocation; years sorted ascending. */
typedef struct {
    int nyears;
    cal_year years[CAL_MAX_YEARS];
} calendar;

/* Result of a question asked of the calendar. */
typedef enum {
    CAL_OK = 0,
    CAL_NOT_LOADED, /* a date lies in a year the calendar has no section for */
    CAL_BAD_DATE,   /* a date argument is not a real date */
    CAL_BAD_COUNT,  /* a negative number of working days */
} cal_status;

/* Why cal_parse() refused the text; cal_parse_reason() gives the message. */
typedef enum {
    CAL_PARSE_OK = 0,
    CAL_PARSE_NO_YEARS,          /* no [YYYY] section at all */
    CAL_PARSE_BAD_SECTION,       /* [..] that is not a year */
    CAL_PARSE_DUP_SECTION,       /* the same year twice */
    CAL_PARSE_TOO_MANY_YEARS,    /* more than CAL_MAX_YEARS sections */
    CAL_PARSE_BAD_LINE,          /* neither comment, section nor key = value */
    CAL_PARSE_NUL_BYTE,          /* a NUL byte: not a text file */
    CAL_PARSE_KEY_OUTSIDE,       /* key = value before the first section */
    CAL_PARSE_UNKNOWN_KEY,       /* a key other than source, holidays, workdays */
    CAL_PARSE_DUP_KEY,           /* the same key twice in one section */
    CAL_PARSE_SOURCE_TOO_LONG,   /* source longer than CAL_SOURCE_MAX - 1 bytes */
    CAL_PARSE_EMPTY_ITEM,        /* ",," or a list that is only a comma */
    CAL_PARSE_DANGLING_COMMA,    /* a list ends with "," but no dates follow */
    CAL_PARSE_BAD_DATE_SHAPE,    /* not YYYY-MM-DD */
    CAL_PARSE_NOT_REAL_DATE,     /* YYYY-MM-DD that does not exist (2026-02-30) */
    CAL_PARSE_WRONG_YEAR,        /* a date outside its section's year */
    CAL_PARSE_RANGE_REVERSED,    /* A..B with B before A */
    CAL_PARSE_DUP_DATE,          /* a day listed twice in the same list */
    CAL_PARSE_HOLIDAY_AND_WORKDAY, /* a day both a holiday and a make-up working day */
    CAL_PARSE_WORKDAY_NOT_WEEKEND, /* a make-up working day on Monday-Friday */
} cal_parse_code;

/* Where and why parsing stopped: "FILE:LINE: problem". */
typedef struct {
    cal_parse_code code;
    int line;                  /* 1-based; 0 when the problem is the whole file */
    int year;                  /* the section's year, for CAL_PARSE_WRONG_YEAR */
    char file[CAL_FILE_MAX];   /* the name given to cal_parse() */
    char token[CAL_TOKEN_MAX]; /* the offending text (a date, a key, a line) */
} cal_error;

/* Empty the calendar (no year loaded). */
void cal_init(calendar *cal);
/* Parse the file's text (len bytes, NUL not needed); on error *cal is empty and *err says file, line, problem. */
cal_parse_code cal_parse(calendar *cal, const char *text, size_t len, const char *filename, cal_error *err);
/* The message id (N_) for a parse error; "%s" stands for err->token, "%d" for err->year. */
const char *cal_parse_reason(cal_parse_code code);
/* Write "FILE:LINE: problem" into buf using fmt (a translated cal_parse_reason, or NULL for English); returns buf. */
char *cal_error_format(const cal_error *err, const char *fmt, char *buf, size_t len);
/* The message id (N_) for a query status; CAL_NOT_LOADED's "%d" stands for the missing year. */
const char *cal_status_reason(cal_status st);

/* True when the calendar has a section for year y. */
bool cal_has_year(const calendar *cal, int y);
/* Copy up to max loaded years, ascending, into out; returns how many are loaded. */
int cal_years(const calendar *cal, int *out, int max);
/* The source line of year y's section; NULL when y is not loaded. */
const char *cal_source(const calendar *cal, int y);

/* Is d a working day?  CAL_NOT_LOADED sets *missing_year (may be NULL). */
cal_status cal_is_workday(const calendar *cal, gdate d, bool *is_work, int *missing_year);
/* The n-th working day after d (counting starts the next day; n = 0 gives d); n >= 0, d's year loaded. */
cal_status cal_add_workdays(const calendar *cal, gdate d, int n, gdate *out, int *missing_year);
/* Working days after a up to and including b; negative (minus those after b up to a) when b < a. */
cal_status cal_workdays_between(const calendar *cal, gdate a, gdate b, int *count, int *missing_year);

#endif
