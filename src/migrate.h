/* migrate.h - bringing a store of an older schema version up to date.
 *
 * Owns: `koers migreer`. A store of schema version MIGRATE_OLDEST up to
 * STORE_SCHEMA_VERSION - 1 is rebuilt, never altered in place: with the
 * old file exclusively locked (so no server uses it), a backup F.vN.bak
 * is written (VACUUM INTO), a fresh store of the current schema is made
 * in a temporary file beside F, every table's rows are copied for the
 * columns both schemas have (foreign keys off, tables in dependency
 * order), what the newer versions seed and the old store lacks is added
 * only where the new tables are empty (monitor catalogue, plan months and
 * dependencies, budget, the report's gremium dates and domains, risk
 * owners), foreign keys and integrity are checked, and only then is the
 * new file renamed over F. Any failure leaves F as it was and removes the
 * temporary file and the backup this run made. */
#ifndef KOERS_MIGRATE_H
#define KOERS_MIGRATE_H

#include <limits.h>
#include <stddef.h>

/* The oldest schema version this binary can migrate from. */
#define MIGRATE_OLDEST 4
#define MIGRATE_MAX_TABLES 128

struct migrate_table {
    char name[64];
    long long rows;       /* rows copied from the old store */
    int is_new;           /* the old store did not have the table */
};

struct migrate_report {
    int from_version;                 /* schema version found in F */
    char backup[PATH_MAX];            /* the backup written */
    size_t ntables;
    struct migrate_table tables[MIGRATE_MAX_TABLES];
    char seeded[1024];                /* Dutch list of what was added */
};

/* Migrate the store at path, reading seed files from data_dir (the
 * directory holding seed/ and monitor/). Returns 0 when migrated, 1 when
 * the store already has the current version (nothing written), -1 with a
 * Dutch reason in err (F untouched). */
int migrate_run(const char *path, const char *data_dir,
                struct migrate_report *rep, char *err, size_t errlen);

/* `koers migreer --db F [--data MAP]`: exit code 0 or 1, with the Dutch
 * summary on stdout or "koers: reason" on stderr. */
int migrate_cli(int argc, char **argv);

#endif
