/* cli_risk.c - `koers signalen` (cli_risk.h). */
#include "cli_risk.h"
#include "signal.h"
#include "sqljson.h"
#include "store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "gebruik: koers signalen --db BESTAND [--risico N] [--ook-gesloten]\n"
    "Werkt de signalen bij die uit de gegevens volgen en toont ze per\n"
    "risico van figuur 11: soort, sinds wanneer, melding. Met\n"
    "--ook-gesloten ook de opgeheven signalen. Afsluitcode 0: geen open\n"
    "signalen, 1: open signalen, 2: fout.\n";

static int fail(const char *what, const char *arg)
{
    fprintf(stderr, "koers: %s%s%s\n", what, arg ? " " : "", arg ? arg : "");
    return 2;
}

int cli_signalen(int argc, char **argv)
{
    const char *path = NULL, *risk = NULL;
    char err[256] = "";
    int closed = 0, i, rc = 2, open = 0;
    long nr = 0;
    sqlite3 *db = NULL;
    json_t *list = NULL, *s;
    size_t k;

    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--ook-gesloten") == 0) {
            closed = 1;
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc &&
                   path == NULL) {
            path = argv[++i];
        } else if (strcmp(argv[i], "--risico") == 0 && i + 1 < argc &&
                   risk == NULL) {
            risk = argv[++i];
        } else {
            fputs(usage, stderr);
            return fail("onbekende of dubbele optie", argv[i]);
        }
    }
    if (path == NULL) {
        fputs(usage, stderr);
        return fail("signalen heeft --db nodig", NULL);
    }
    if (risk) {
        char *end;

        nr = strtol(risk, &end, 10);
        if (*end != '\0' || nr < 1 || nr > 999)
            return fail("--risico is een risiconummer, niet", risk);
    }
    db = store_open(path, 0, err, sizeof err);
    if (db == NULL)
        return fail(err, NULL);
    if (store_check(db) != 0) {
        rc = fail("de store heeft een ander schemaversie:", path);
        goto cleanup;
    }
    if (signal_refresh(db) != 0) {
        rc = fail("de signalen konden niet worden bijgewerkt", NULL);
        goto cleanup;
    }
    list = signal_list(db, (int)nr, closed);
    if (list == NULL) {
        rc = fail("de signalen konden niet worden gelezen", NULL);
        goto cleanup;
    }
    json_array_foreach(list, k, s) {
        long long r = sqljson_int(s, "risico");

        open += sqljson_int(s, "open") != 0;
        if (r > 0)
            printf("risico %lld", r);
        else
            printf("geen risico");
        printf("\t%s\t%s %.10s%s%.10s\t%s\n", sqljson_str(s, "soort"),
               "sinds", sqljson_str(s, "sinds"),
               sqljson_int(s, "open") ? "" : " opgeheven ",
               sqljson_int(s, "open") ? "" : sqljson_str(s, "opgeheven"),
               sqljson_str(s, "melding"));
    }
    printf("%d open %s\n", open, open == 1 ? "signaal" : "signalen");
    rc = open > 0 ? 1 : 0;
cleanup:
    json_decref(list);
    store_close(db);
    return rc;
}
