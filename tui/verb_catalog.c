/* verb_catalog.c - `guichet catalog import FILE | list | search QUERY`: the
 * items and their guides (data/catalog.h, format in docs/catalog.md).
 * An import is all or nothing: on any error every problem is printed as
 * FILE:LINE: what, and the catalogue in use stays as it was (exit 1). */
#include <stdio.h>

#include "data/catalog.h"
#include "tui/i18n.h"
#include "tui/verbs.h"
#include "tui/width.h"

int verb_catalog_import(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    static catalog_report rep;
    int rc = catalog_import(s, argv[0], &rep);
    if (rc != 0) {
        for (int i = 0; i < rep.nerrors; i++)
            fprintf(stderr, "%s\n", rep.errors[i]);
        if (rep.more_errors)
            fprintf(stderr, _("... and %d more errors\n"), rep.more_errors);
        fprintf(stderr, "%s\n", _("nothing was imported; the catalogue in use is unchanged"));
    } else {
        printf(_("imported %d items and %d materials from %s (catalogue version %lld)\n"), rep.items,
               rep.materials, argv[0], rep.version);
    }
    store_close(s);
    return rc == 0 ? VERB_OK : VERB_FAIL;
}

static int print_row(const catalog_row *r, void *arg)
{
    (void)arg;
    print_padded(stdout, r->code, 10);
    print_padded(stdout, r->name, 34);
    print_padded(stdout, _(case_class_label(r->cls)), 10);
    printf(_("%3d/%-3d days  %2d materials\n"), r->promised_days, r->statutory_days, r->materials);
    return 0;
}

int verb_catalog_list(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    catalog_version_info v;
    int found = catalog_current_version(s, &v);
    int rc = VERB_OK;
    if (found == 1) {
        printf("%s\n", _("no catalogue imported yet: guichet catalog import FILE"));
    } else if (found != 0) {
        fprintf(stderr, "%s\n", store_errmsg(s));
        rc = VERB_FAIL;
    } else {
        printf(_("catalogue version %lld: %s, %d items, imported %s\n"), v.id, v.file, v.items, v.imported_at);
        if (catalog_list(s, print_row, NULL) < 0) {
            fprintf(stderr, "%s\n", store_errmsg(s));
            rc = VERB_FAIL;
        }
    }
    store_close(s);
    return rc;
}

int verb_catalog_search(verb_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    store *s = verb_open_store(ctx);
    if (!s)
        return VERB_FAIL;
    catalog_hit hits[20];
    int n = catalog_search(s, argv[0], hits, 20);
    if (n < 0)
        fprintf(stderr, "%s\n", store_errmsg(s));
    else if (n == 0)
        printf(_("no item matches \"%s\"\n"), argv[0]);
    for (int i = 0; i < n; i++) {
        print_padded(stdout, hits[i].code, 10);
        print_padded(stdout, hits[i].name, 34);
        printf("%s\n", _(case_class_label(hits[i].cls)));
    }
    store_close(s);
    return n < 0 ? VERB_FAIL : n == 0 ? VERB_FAIL : VERB_OK;
}
