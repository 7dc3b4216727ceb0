/* bench_monitor.c - the C side of the monitor benchmark (bench/monitor.sh).
 *
 * Subcommands, each printing one machine-readable line the script reads:
 *   setup ROWS            SQL (on stdout) that registers the benchmark's
 *                         gemeenten, their links to a province and an
 *                         arbeidsmarktregio, a dimension with its items and
 *                         one 'som' indicator, sized so that the file of
 *                         `gen` holds about ROWS observations
 *   gen FILE ROWS         the koers-lang CSV (indicator, regio, periode,
 *                         uitsplitsing, waarde, status) of that indicator:
 *                         400 gemeenten x 25 years x N items, N = ROWS /
 *                         10,000 (at least 1), in file order gemeente,
 *                         item, year; prints "rows N"
 *   rollup DB             times rollup_indicator over the whole indicator
 *                         as in a fresh import (its computed rows deleted
 *                         first, not timed), inside a transaction that is
 *                         rolled back (the store is unchanged); prints
 *                         "rollup SECONDS SOURCE_ROWS COMPUTED_ROWS"
 *   series DB REPS        times REPS reads of the pre-computed national
 *                         series (mon_series, NL01, total) and prints
 *                         "series SECONDS_PER_READ POINTS FIRST_VALUE"
 * A fixed formula gives the values, so every run writes the same file.
 * Prints figures, asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fault.h"
#include "monitor.h"
#include "rollup.h"
#include "store.h"

#define BENCH_CODE "bench-eerstejaars"
#define BENCH_DIM "bench-sector"
#define BENCH_GEMEENTEN 400
#define BENCH_YEAR0 2000
#define BENCH_YEARS 25
#define BENCH_MAX_ITEMS 100000

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Items of the dimension for about `rows` observations. */
static long items_for(long rows)
{
    long n = rows / ((long)BENCH_GEMEENTEN * BENCH_YEARS);

    if (n < 1)
        n = 1;
    if (n > BENCH_MAX_ITEMS)
        n = BENCH_MAX_ITEMS;
    return n;
}

static int cmd_setup(long rows)
{
    long items = items_for(rows), i;

    printf("BEGIN;\n");
    /* gemeente codes GM5000.. are not used by CBS */
    for (i = 0; i < BENCH_GEMEENTEN; i++) {
        printf("INSERT OR IGNORE INTO region(code, name, kind) VALUES "
               "('GM%04ld', 'Benchgemeente %ld', 'gemeente');\n",
               5000 + i, i + 1);
        printf("INSERT OR IGNORE INTO region_link(child, parent, year_from, "
               "year_to, source) VALUES ('GM%04ld', 'PV%02ld', 1900, 9999, "
               "'bench'), ('GM%04ld', 'AM%02ld', 1900, 9999, 'bench');\n",
               5000 + i, 20 + i % 12, 5000 + i, 1 + i % 35);
    }
    printf("INSERT OR IGNORE INTO monitor_dimension(code, name, ord) VALUES "
           "('%s', 'Benchsector', 99);\n", BENCH_DIM);
    printf("WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i "
           "WHERE n < %ld) INSERT OR IGNORE INTO monitor_dimension_item("
           "dimension_code, code, name, ord) SELECT '%s', printf('s%%05d', "
           "n), printf('Sector %%d', n), n FROM i;\n", items, BENCH_DIM);
    printf("INSERT OR IGNORE INTO indicator(code, name, definition, unit, "
           "source, domain, direction, aggregation, period_kind, ord) VALUES "
           "('%s', 'Eerstejaars (benchmark)', 'Synthetische reeks voor make "
           "bench.', 'studenten', 'bench/bench_monitor.c', 'techniek', "
           "'hoger', 'som', 'jaar', 9999);\n", BENCH_CODE);
    printf("INSERT OR IGNORE INTO indicator_dimension(indicator_id, "
           "dimension_code) SELECT id, '%s' FROM indicator WHERE code = "
           "'%s';\n", BENCH_DIM, BENCH_CODE);
    printf("COMMIT;\n");
    return 0;
}

static int cmd_gen(const char *path, long rows)
{
    long items = items_for(rows), g, it, y, n = 0;
    FILE *f = fopen(path, "w");
    static char buf[1 << 20];

    if (f == NULL) {
        perror(path);
        return 1;
    }
    setvbuf(f, buf, _IOFBF, sizeof buf);
    fputs("indicator,regio,periode,uitsplitsing,waarde,status\n", f);
    for (g = 0; g < BENCH_GEMEENTEN; g++)
        for (it = 1; it <= items; it++)
            for (y = 0; y < BENCH_YEARS; y++) {
                long v = (g * 7919 + it * 104729 + y * 31) % 997;

                fprintf(f, "%s,GM%04ld,%ldJJ00,%s=s%05ld,%ld,%s\n",
                        BENCH_CODE, 5000 + g, BENCH_YEAR0 + y, BENCH_DIM,
                        it, v, y == BENCH_YEARS - 1 ? "voorlopig"
                                                    : "definitief");
                n++;
            }
    if (fclose(f) != 0) {
        perror(path);
        return 1;
    }
    printf("rows %ld\n", n);
    return 0;
}

static sqlite3 *open_db(const char *path)
{
    char err[256];
    sqlite3 *db = store_open(path, 0, err, sizeof err);

    if (db == NULL)
        fprintf(stderr, "bench_monitor: %s\n", err);
    return db;
}

static int cmd_rollup(const char *path)
{
    sqlite3 *db = open_db(path);
    sqlite3_stmt *del;
    struct rollup_stats st;
    struct fault f = { 0 };
    long long id;
    double t0, t1;
    int rc = 1;

    if (db == NULL)
        return 1;
    id = store_count(db, "SELECT id FROM indicator WHERE code = ?1",
                     BENCH_CODE);
    if (id <= 0 || store_begin(db) != 0) {
        fprintf(stderr, "bench_monitor: no indicator %s\n", BENCH_CODE);
        goto cleanup;
    }
    /* as in a fresh import: no computed rows yet */
    del = store_prepare(db, "DELETE FROM observation WHERE indicator_id = "
                            "?1 AND origin <> 0");
    if (del == NULL) {
        store_rollback(db);
        goto cleanup;
    }
    sqlite3_bind_int64(del, 1, id);
    if (store_exec_stmt(del) != 0) {
        store_rollback(db);
        goto cleanup;
    }
    t0 = now_s();
    if (rollup_indicator(db, id, 0, &st, &f) != 0) {
        fprintf(stderr, "bench_monitor: rollup: %s\n", f.msg);
        store_rollback(db);
        goto cleanup;
    }
    t1 = now_s();
    store_rollback(db);
    printf("rollup %.3f %lld %lld\n", t1 - t0, st.source_rows,
           st.computed_rows);
    rc = 0;
cleanup:
    store_close(db);
    return rc;
}

static int cmd_series(const char *path, long reps)
{
    sqlite3 *db = open_db(path);
    struct mon_point *pts = NULL;
    long long id;
    long i, n = 0;
    double t0, t1, first = 0;
    int rc = 1;

    if (db == NULL)
        return 1;
    id = store_count(db, "SELECT id FROM indicator WHERE code = ?1",
                     BENCH_CODE);
    if (id <= 0) {
        fprintf(stderr, "bench_monitor: no indicator %s\n", BENCH_CODE);
        goto cleanup;
    }
    t0 = now_s();
    for (i = 0; i < reps; i++) {
        free(pts);
        n = mon_series(db, id, "NL01", "", &pts);
        if (n < 0) {
            fprintf(stderr, "bench_monitor: series failed\n");
            goto cleanup;
        }
    }
    t1 = now_s();
    if (n > 0)
        first = pts[0].value;
    printf("series %.9f %ld %.0f\n", (t1 - t0) / (double)reps, n, first);
    rc = 0;
cleanup:
    free(pts);
    store_close(db);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "setup") == 0)
        return cmd_setup(atol(argv[2]));
    if (argc == 4 && strcmp(argv[1], "gen") == 0)
        return cmd_gen(argv[2], atol(argv[3]));
    if (argc == 3 && strcmp(argv[1], "rollup") == 0)
        return cmd_rollup(argv[2]);
    if (argc == 4 && strcmp(argv[1], "series") == 0)
        return cmd_series(argv[2], atol(argv[3]) > 0 ? atol(argv[3]) : 1);
    fprintf(stderr, "usage: bench_monitor setup ROWS | gen FILE ROWS | "
                    "rollup DB | series DB REPS\n");
    return 2;
}
