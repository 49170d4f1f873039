/* pinyin.c - reading data/pinyin/initials.txt into a core/pinyin table and
 * finding the default file (see pinyin.h). */
#include "data/pinyin.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/paths.h"
#include "data/textfile.h"

pinyin_table *pinyin_load(const char *path, char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    if (textfile_read(path, PINYIN_FILE_MAX_BYTES, &text, &len, err, errlen) != 0)
        return NULL;
    pinyin_table *t = malloc(sizeof *t);
    if (!t) {
        free(text);
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    pinyin_parse_error pe;
    if (pinyin_parse(t, text, len, &pe) != PINYIN_PARSE_OK) {
        if (pe.line > 0)
            snprintf(err, errlen, "%s:%d: %s", path, pe.line, pinyin_parse_reason(pe.status));
        else
            snprintf(err, errlen, "%s: %s", path, pinyin_parse_reason(pe.status));
        free(t);
        t = NULL;
    }
    free(text);
    return t;
}

void pinyin_free(pinyin_table *t)
{
    free(t);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Candidate i (0..2) into cand; -1 when that candidate does not apply. */
static int candidate(int i, char *cand, size_t len)
{
    const char *datadir = getenv("GUICHET_DATADIR");
    int w = -1;
    if (i == 0 && datadir && *datadir)
        w = snprintf(cand, len, "%s/pinyin/initials.txt", datadir);
    else if (i == 1)
        return path_beside_exe("../data/pinyin/initials.txt", cand, len);
    else if (i == 2)
        w = snprintf(cand, len, "%s", "/usr/share/guichet/pinyin/initials.txt");
    return w < 0 || (size_t)w >= len ? -1 : 0;
}

int pinyin_default_path(char *buf, size_t len, char *err, size_t errlen)
{
    char tried[3 * (PATH_MAX + 2)] = "";
    for (int i = 0; i < 3; i++) {
        char cand[PATH_MAX];
        if (candidate(i, cand, sizeof cand) != 0)
            continue;
        if (is_file(cand)) {
            if (strlen(cand) >= len)
                break;
            memcpy(buf, cand, strlen(cand) + 1);
            return 0;
        }
        if (tried[0])
            strcat(tried, ", ");
        strcat(tried, cand);
    }
    snprintf(err, errlen, "no pinyin initials file found; tried: %s (set GUICHET_DATADIR)", tried);
    return -1;
}

pinyin_table *pinyin_load_default(char *err, size_t errlen)
{
    char path[PATH_MAX];
    if (pinyin_default_path(path, sizeof path, err, errlen) != 0)
        return NULL;
    return pinyin_load(path, err, errlen);
}
