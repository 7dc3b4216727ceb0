/* bench_cycle.c - how long planning and checking ten years takes.
 *
 * Creates a seeded store in a temporary directory, loads the cycle rules,
 * then repeats: plan ten consecutive years for all bodies and check the
 * whole decade against every rule. Prints the time per decade and, as a
 * reference measured in the same run, the time of loading the rules from
 * SQLite once (the cost every request pays before planning). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cycle.h"
#include "seed.h"
#include "store.h"

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    char dir[] = "/tmp/koers-bench-XXXXXX", path[128], err[512];
    const char *data = argc > 1 ? argv[1] : "data";
    struct cycle_rules rules = { 0 };
    int rounds = 50, i, y, total_meetings = 0;
    long violations = 0;
    double t0, t_rules, t_decade;
    sqlite3 *db;

    if (mkdtemp(dir) == NULL)
        return 1;
    snprintf(path, sizeof path, "%s/k.db", dir);
    db = store_open(path, 1, err, sizeof err);
    if (db == NULL || store_create_schema(db) != 0 ||
        seed_load(db, data, err, sizeof err) != 0) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    t0 = now_ms();
    for (i = 0; i < rounds; i++) {
        cycle_rules_free(&rules);
        if (cycle_rules_load(db, &rules) != 0)
            return 1;
    }
    t_rules = (now_ms() - t0) / rounds;
    t0 = now_ms();
    for (i = 0; i < rounds; i++) {
        struct cycle_meeting *all = NULL;
        struct cycle_violation *v = NULL;
        size_t n = 0;

        for (y = 2027; y < 2037; y++) {
            struct cycle_meeting *m = NULL, *grown;
            size_t k = 0;

            if (cycle_plan(&rules, y, &m, &k) != 0)
                return 1;
            grown = realloc(all, (n + k + 1) * sizeof *all);
            if (grown == NULL)
                return 1;
            all = grown;
            memcpy(all + n, m, k * sizeof *m);
            n += k;
            free(m);
        }
        violations = cycle_check(&rules, all, n, 2027, 2036, &v);
        total_meetings = (int)n;
        free(v);
        free(all);
    }
    t_decade = (now_ms() - t0) / rounds;
    printf("plan + check 2027-2036 (%d meetings, %zu rules, %ld "
           "violations): %.3f ms per decade\n", total_meetings,
           rules.nrules, violations, t_decade);
    printf("reference: loading the rules from SQLite: %.3f ms; ratio "
           "%.1f\n", t_rules, t_decade / t_rules);
    cycle_rules_free(&rules);
    store_close(db);
    snprintf(err, sizeof err, "rm -rf %s", dir);
    if (system(err) != 0)
        return 1;
    return violations == 0 ? 0 : 2;
}
