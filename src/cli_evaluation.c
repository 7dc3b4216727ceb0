/* cli_evaluation.c - `koers evaluatie` (see cli_evaluation.h).
 *
 * Owns: argument parsing, writing the output files (all or nothing per
 * file: written to a temporary name next to it, then renamed) and the
 * exit codes. The figures come from evaluation.h, the PDF from pdf.h and
 * the HTML from ui_evaluation.c, so the files hold what the web page and
 * its PDF download show. */
#include "cli_evaluation.h"
#include "buf.h"
#include "evaluation.h"
#include "pdf.h"
#include "store.h"
#include "ui.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CLI_OUT_MAX (64 * 1024 * 1024)

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line "koers: reason" on stderr; returns 2. */
static int fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fputs("koers: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 2;
}

/* Write data to path through a temporary file and a rename. */
static int write_file(const char *path, const char *data, size_t len)
{
    char tmp[4096];
    FILE *fp;
    int ok;

    if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >=
        (int)sizeof tmp)
        return -1;
    fp = fopen(tmp, "wb");
    if (fp == NULL)
        return -1;
    ok = fwrite(data, 1, len, fp) == len;
    ok = fclose(fp) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

int cli_evaluation(int argc, char **argv)
{
    const char *db_path = NULL, *van = NULL, *tot = NULL, *pdf = NULL;
    const char *html = NULL;
    struct eval_period p;
    struct fault f = { 0 };
    json_t *ev = NULL, *doc = NULL;
    sqlite3 *db = NULL;
    struct buf out;
    char err[256];
    int i, rc = 2;

    buf_init(&out, CLI_OUT_MAX);
    for (i = 2; i < argc; i++) {
        const char **slot = strcmp(argv[i], "--db") == 0 ? &db_path
                          : strcmp(argv[i], "--van") == 0 ? &van
                          : strcmp(argv[i], "--tot") == 0 ? &tot
                          : strcmp(argv[i], "--pdf") == 0 ? &pdf
                          : strcmp(argv[i], "--html") == 0 ? &html : NULL;

        if (slot == NULL) {
            rc = fail("onbekende optie '%s' (zie koers --help)", argv[i]);
            goto cleanup;
        }
        if (i + 1 >= argc) {
            rc = fail("%s verwacht een waarde", argv[i]);
            goto cleanup;
        }
        *slot = argv[++i];
    }
    if (db_path == NULL) {
        rc = fail("%s", "geef de store met --db BESTAND");
        goto cleanup;
    }
    if (evaluation_period(van, tot, &p, &f) != 0) {
        rc = fail("%s", f.msg);
        goto cleanup;
    }
    db = store_open(db_path, 0, err, sizeof err);
    if (db == NULL || store_check(db) != 0) {
        rc = fail("kan de store %s niet openen%s%s", db_path,
                  db ? "" : ": ", db ? "" : err);
        goto cleanup;
    }
    ev = evaluation_gather(db, &p, &f);
    if (ev == NULL) {
        rc = fail("%s", f.msg);
        goto cleanup;
    }
    if (pdf == NULL && html == NULL) {
        char *s = json_dumps(ev, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

        if (s == NULL) {
            rc = fail("%s", "onvoldoende geheugen");
            goto cleanup;
        }
        puts(s);
        free(s);
        rc = 0;
        goto cleanup;
    }
    doc = evaluation_document(ev);
    if (doc == NULL) {
        rc = fail("%s", "onvoldoende geheugen");
        goto cleanup;
    }
    if (pdf) {
        if (pdf_render(doc, &out, err, sizeof err) != 0) {
            rc = fail("de PDF kon niet worden gemaakt (%s)", err);
            goto cleanup;
        }
        if (write_file(pdf, out.data, out.len) != 0) {
            rc = fail("kan %s niet schrijven", pdf);
            goto cleanup;
        }
        printf("PDF geschreven: %s (%zu bytes)\n", pdf, out.len);
        buf_reset(&out);
    }
    if (html) {
        if (ui_evaluation_html_file(doc, &out) != 0) {
            rc = fail("%s", "de HTML kon niet worden gemaakt");
            goto cleanup;
        }
        if (write_file(html, out.data, out.len) != 0) {
            rc = fail("kan %s niet schrijven", html);
            goto cleanup;
        }
        printf("HTML geschreven: %s (%zu bytes)\n", html, out.len);
    }
    rc = 0;
cleanup:
    json_decref(doc);
    json_decref(ev);
    buf_free(&out);
    store_close(db);
    return rc;
}
