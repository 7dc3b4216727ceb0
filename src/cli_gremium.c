/* cli_gremium.c - `koers gremia importeer` (see cli_gremium.h). */
#include "cli_gremium.h"
#include "audit.h"
#include "gremium.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "koers: gebruik: koers gremia importeer --db BESTAND "
                    "LEDEN.csv\n");
    return 2;
}

/* The whole file into memory (at most GREMIUM_IMPORT_MAX_BYTES + 1
 * bytes, so an oversized file is refused by the import). NULL on error. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    size_t cap = GREMIUM_IMPORT_MAX_BYTES + 1, n;
    char *data;

    if (fp == NULL)
        return NULL;
    data = malloc(cap);
    if (data == NULL) {
        fclose(fp);
        return NULL;
    }
    n = fread(data, 1, cap, fp);
    if (ferror(fp)) {
        fclose(fp);
        free(data);
        return NULL;
    }
    fclose(fp);
    *len = n;
    return data;
}

int cli_gremia(int argc, char **argv)
{
    const char *db_path = NULL, *file = NULL;
    struct gremium_import *res = NULL;
    struct fault f = { 0 };
    struct actor cli;
    sqlite3 *db = NULL;
    char err[256], *data = NULL;
    size_t len = 0;
    int i, rc = 1;

    if (argc < 3 || strcmp(argv[2], "importeer") != 0)
        return usage();
    for (i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db_path = argv[++i];
        else if (argv[i][0] == '-' || file)
            return usage();
        else
            file = argv[i];
    }
    if (db_path == NULL || file == NULL)
        return usage();
    data = slurp(file, &len);
    if (data == NULL) {
        fprintf(stderr, "koers: kan %s niet lezen\n", file);
        return 1;
    }
    db = store_open(db_path, 0, err, sizeof err);
    res = calloc(1, sizeof *res);
    if (db == NULL || res == NULL || store_check(db) != 0) {
        fprintf(stderr, "koers: kan de store %s niet openen%s%s\n", db_path,
                db ? "" : ": ", db ? "" : err);
        goto cleanup;
    }
    audit_actor_cli(&cli);
    if (gremium_import_csv(db, &cli, data, len, res, &f) != 0) {
        fprintf(stderr, "koers: %s\n", f.msg);
        for (i = 0; i < res->nerrors; i++)
            fprintf(stderr, "koers: %s\n", res->errors[i]);
        if (res->more_errors)
            fprintf(stderr, "koers: ... en meer fouten\n");
        goto cleanup;
    }
    printf("%s: %lld regels, %lld nieuwe lidmaatschappen, %lld ongewijzigd, "
           "%lld gremia bijgewerkt, %lld met een waarschuwing voor "
           "versnippering (risico 7).\n", file, res->rows, res->added,
           res->unchanged, res->gremia, res->warnings);
    rc = 0;
cleanup:
    free(res);
    free(data);
    store_close(db);
    return rc;
}
