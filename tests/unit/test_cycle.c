/* test_cycle.c - unit tests for cycle.h: the rules seeded from
 * data/seed/cyclusregels.json, the planner and the checker, against a real
 * store in a fresh temporary directory per test (fixture.h). The data
 * directory is KOERS_DATA when set, else "data" (make runs the tests from
 * the repository root). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "calendar.h"
#include "cycle.h"
#include "fixture.h"
#include "seed.h"
#include "store.h"

struct fixture {
    struct store_fixture st;
    struct cycle_rules rules;
};

static const char *data_dir(void)
{
    const char *e = getenv("KOERS_DATA");

    return e && e[0] ? e : "data";
}

/* A seeded store with the cycle rules; seed_load may or may not call
 * cycle_seed itself, so seed the rules here when it did not. */
static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    char err[512] = "";

    if (fx == NULL)
        return -1;
    if (fixture_open(&fx->st, "/tmp/koers-cycle-XXXXXX", err,
                     sizeof err) != 0 ||
        seed_load(fx->st.db, data_dir(), err, sizeof err) != 0)
        goto fail;
    if (store_count(fx->st.db, "SELECT count(*) FROM cycle_rule",
                    NULL) == 0) {
        if (store_begin(fx->st.db) != 0)
            goto fail;
        if (cycle_seed(fx->st.db, data_dir(), err, sizeof err) != 0) {
            store_rollback(fx->st.db);
            goto fail;
        }
        if (store_commit(fx->st.db) != 0)
            goto fail;
    }
    if (cycle_rules_load(fx->st.db, &fx->rules) != 0)
        goto fail;
    *state = fx;
    return 0;
fail:
    print_error("setup: %s\n", err);
    if (fx->st.db)             /* fixture_open cleans up after itself */
        fixture_close(&fx->st);
    free(fx);
    return -1;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    cycle_rules_free(&fx->rules);
    fixture_close(&fx->st);
    free(fx);
    return 0;
}

/* The plans of years y0..y1 concatenated; caller frees. */
static struct cycle_meeting *plan_years(const struct cycle_rules *r, int y0,
                                        int y1, size_t *n)
{
    struct cycle_meeting *all = NULL;
    int y;

    *n = 0;
    for (y = y0; y <= y1; y++) {
        struct cycle_meeting *p = NULL, *grown;
        size_t np = 0;

        assert_int_equal(cycle_plan(r, y, &p, &np), 0);
        grown = realloc(all, (*n + np + 1) * sizeof *all);
        assert_non_null(grown);
        all = grown;
        if (np)
            memcpy(all + *n, p, np * sizeof *p);
        *n += np;
        free(p);
    }
    return all;
}

/* Add one meeting to a heap array (grown by one). */
static struct cycle_meeting *add(struct cycle_meeting *m, size_t *n,
                                 const char *body, long day, int start,
                                 int end)
{
    struct cycle_meeting *g = realloc(m, (*n + 1) * sizeof *g);

    assert_non_null(g);
    memset(&g[*n], 0, sizeof g[*n]);
    snprintf(g[*n].body, sizeof g[*n].body, "%s", body);
    g[*n].day = day;
    g[*n].start_min = start;
    g[*n].end_min = end;
    (*n)++;
    return g;
}

/* Index of the k-th (0-based) meeting of body in year y, or -1. */
static long nth(const struct cycle_meeting *m, size_t n, const char *body,
                int y, int k)
{
    size_t i;

    for (i = 0; i < n; i++) {
        int yy, mm, dd;

        cal_civil(m[i].day, &yy, &mm, &dd);
        if (yy == y && strcmp(m[i].body, body) == 0 && k-- == 0)
            return (long)i;
    }
    return -1;
}

static int count_in_year(const struct cycle_meeting *m, size_t n,
                         const char *body, int y)
{
    int c = 0;

    while (nth(m, n, body, y, c) >= 0)
        c++;
    return c;
}

static void dump(const struct cycle_violation *v, long n)
{
    long i;

    for (i = 0; i < n; i++)
        print_message("  [%s] %s\n", v[i].rule, v[i].message);
}

/* Run the checker and expect exactly `want` violations. */
static struct cycle_violation *check(const struct cycle_rules *r,
                                     const struct cycle_meeting *m, size_t n,
                                     int y0, int y1, long want)
{
    struct cycle_violation *v = NULL;
    long got = cycle_check(r, m, n, y0, y1, &v);

    if (got != want)
        dump(v, got);
    assert_int_equal(got, want);
    return v;
}

static long find_rule(const struct cycle_violation *v, long n,
                      const char *rule)
{
    long i;

    for (i = 0; i < n; i++)
        if (strcmp(v[i].rule, rule) == 0)
            return i;
    return -1;
}

/* ------------------------------------------------------------------ */

static void test_rules_loaded(void **state)
{
    struct fixture *fx = *state;
    const struct cycle_rules *r = &fx->rules;
    size_t i;
    int sourced = 0;

    assert_true(r->nrules >= 20);
    assert_true(r->nbodies >= 8);
    assert_string_equal(r->bodies[0].code, "koersoverleg");
    assert_string_equal(cycle_body_name(r, "evaluatie"),
                        "Evaluatie van de governance");
    assert_string_equal(cycle_body_name(r, "kerngroep-p2"),
                        "Kerngroep pijler 2");
    assert_string_equal(cycle_body_name(r, "onbekend"), "onbekend");
    for (i = 0; i < r->nrules; i++) {
        const struct cycle_rule *ru = &r->rules[i];

        assert_true(ru->description[0] != '\0');
        if (ru->section[0]) {
            sourced++;
            assert_true(ru->src_from >= 1 && ru->src_to >= ru->src_from);
        }
        if (strcmp(ru->code, "informatiebijeenkomst-maanden") == 0)
            assert_int_equal(ru->months, (1u << 5) | (1u << 12));
        if (strcmp(ru->code, "kerngroep-p2-voor-koersoverleg") == 0) {
            assert_int_equal(ru->kind, CYCLE_VOOR);
            assert_string_equal(ru->other, "koersoverleg");
            assert_int_equal(ru->n, 42);
            assert_int_equal(ru->src_from, 2633);
        }
        if (strcmp(ru->code, "evaluatie-governance") == 0) {
            assert_int_equal(ru->year_from, 2025);
            assert_int_equal(ru->n, 2);
        }
    }
    assert_true(sourced >= 18);
}

/* (a) ten consecutive years pass, each with the previous year as context,
 * and all ten together. */
static void test_plan_ten_years(void **state)
{
    struct fixture *fx = *state;
    const struct cycle_rules *r = &fx->rules;
    struct cycle_meeting *all;
    struct cycle_violation *v;
    size_t n;
    int y;

    for (y = 2027; y <= 2036; y++) {
        all = plan_years(r, y - 1, y, &n);
        v = check(r, all, n, y, y, 0);
        assert_int_equal(count_in_year(all, n, "koersoverleg", y), 3);
        assert_int_equal(count_in_year(all, n, "kerngroep-p1", y), 3);
        assert_int_equal(count_in_year(all, n, "kerngroep-p2", y), 3);
        assert_int_equal(count_in_year(all, n, "kerngroep-p3", y), 3);
        assert_int_equal(count_in_year(all, n, "dg-overleg", y), 2);
        assert_int_equal(count_in_year(all, n, "informatiebijeenkomst", y), 2);
        assert_int_equal(count_in_year(all, n, "evaluatie", y),
                         (y - 2025) % 2 == 0 ? 1 : 0);
        assert_int_equal(count_in_year(all, n, "ser", y), 0);
        assert_int_equal(count_in_year(all, n, "bovenregionaal-overleg", y),
                         0);
        free(v);
        free(all);
    }
    all = plan_years(r, 2026, 2036, &n);
    v = check(r, all, n, 2027, 2036, 0);
    free(v);
    free(all);
}

/* Every year the planner accepts passes, including years before 1970
 * (negative day numbers) and leap years around 2100 and 2200. */
static void test_plan_all_years(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *all;
    struct cycle_violation *v;
    size_t n;
    int y;

    for (y = 1901; y <= 2200; y++) {
        all = plan_years(&fx->rules, y - 1, y, &n);
        v = check(&fx->rules, all, n, y, y, 0);
        free(v);
        free(all);
    }
    assert_int_equal(cycle_plan(&fx->rules, 1899, &all, &n), -1);
    assert_int_equal(cycle_plan(&fx->rules, 2201, &all, &n), -1);
}

/* Five koersoverleggen a year: each kerngroep then meets five times too,
 * because each koersoverleg needs its kerngroepen first. */
static void test_plan_five_koersoverleggen(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *all;
    struct cycle_violation *v;
    size_t n;

    assert_int_equal(sqlite3_exec(fx->st.db, "UPDATE cycle_rule SET n = 5 "
        "WHERE code = 'koersoverleg-min-per-jaar'", NULL, NULL, NULL),
        SQLITE_OK);
    cycle_rules_free(&fx->rules);
    assert_int_equal(cycle_rules_load(fx->st.db, &fx->rules), 0);
    all = plan_years(&fx->rules, 2026, 2036, &n);
    assert_int_equal(count_in_year(all, n, "koersoverleg", 2031), 5);
    assert_int_equal(count_in_year(all, n, "kerngroep-p3", 2031), 5);
    assert_int_equal(count_in_year(all, n, "dg-overleg", 2031), 2);
    v = check(&fx->rules, all, n, 2027, 2036, 0);
    free(v);
    free(all);
}

/* The plan is deterministic. */
static void test_plan_deterministic(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *a, *b;
    size_t na, nb;

    a = plan_years(&fx->rules, 2030, 2030, &na);
    b = plan_years(&fx->rules, 2030, 2030, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na * sizeof *a);
    free(a);
    free(b);
}

/* (b) every planned meeting is on a workday, inside its year, with a
 * sensible time, and in the order the report sets. */
static void test_plan_workdays(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *all;
    size_t n, i;
    int y;

    for (y = 2025; y <= 2040; y++) {
        all = plan_years(&fx->rules, y, y, &n);
        for (i = 0; i < n; i++) {
            int yy, mm, dd;

            cal_civil(all[i].day, &yy, &mm, &dd);
            assert_int_equal(yy, y);
            assert_true(cal_is_workday(all[i].day));
            assert_true(all[i].start_min >= 8 * 60);
            assert_true(all[i].end_min > all[i].start_min);
            assert_true(all[i].end_min <= 18 * 60);
            assert_int_equal(all[i].cancelled, 0);
            if (i > 0)
                assert_true(all[i - 1].day <= all[i].day);
            if (strcmp(all[i].body, "informatiebijeenkomst") == 0) {
                assert_true(mm == 5 || mm == 12);
                if (mm == 12)
                    assert_true(dd <= 20);      /* not near Christmas */
            }
            if (strcmp(all[i].body, "evaluatie") == 0)
                assert_true((mm == 11 && dd >= 15) || (mm == 12 && dd <= 15));
        }
        free(all);
    }
}

/* (c) a kerngroep meeting moved to the day after its koersoverleg. */
static void test_kerngroep_after_koersoverleg(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *all;
    struct cycle_violation *v;
    size_t n;
    long k, kg;
    char when[64];

    all = plan_years(&fx->rules, 2026, 2027, &n);
    k = nth(all, n, "koersoverleg", 2027, 1);
    kg = nth(all, n, "kerngroep-p2", 2027, 1);
    assert_true(k >= 0 && kg >= 0);
    assert_true(all[kg].day < all[k].day);
    all[kg].day = all[k].day + 1;
    assert_true(cal_is_workday(all[kg].day));
    v = check(&fx->rules, all, n, 2027, 2027, 1);
    assert_string_equal(v[0].rule, "kerngroep-p2-voor-koersoverleg");
    assert_string_equal(v[0].body, "kerngroep-p2");
    assert_int_equal(v[0].day, all[k].day);
    assert_int_equal(v[0].year, 2027);
    cal_format_long(all[k].day, when, sizeof when);
    assert_non_null(strstr(v[0].message, "Kerngroep pijler 2 vergadert niet "
                                         "in de 6 weken vóór het "
                                         "koersoverleg van "));
    assert_non_null(strstr(v[0].message, when));
    assert_non_null(strstr(v[0].message, "(regel "
                                         "kerngroep-p2-voor-koersoverleg: "));
    assert_non_null(strstr(v[0].message, "rapport §6.3 Implementatie 2025, "
                                         "regel 2633)"));
    free(v);
    free(all);
}

/* (d) one DG-overleg deleted, or cancelled. */
static void test_dg_missing(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *all;
    struct cycle_violation *v;
    size_t n;
    long d;

    all = plan_years(&fx->rules, 2026, 2027, &n);
    d = nth(all, n, "dg-overleg", 2027, 0);
    assert_true(d >= 0);
    all[d].cancelled = 1;
    v = check(&fx->rules, all, n, 2027, 2027, 1);
    assert_string_equal(v[0].rule, "dg-overleg-min-per-jaar");
    assert_non_null(strstr(v[0].message, "DG-overleg 2027: 1 van de 2 "
                                         "vereiste vergaderingen"));
    assert_non_null(strstr(v[0].message, "regels 1838–1839"));
    assert_int_equal(v[0].day, 0);
    free(v);
    memmove(&all[d], &all[d + 1], (n - (size_t)d - 1) * sizeof *all);
    n--;
    v = check(&fx->rules, all, n, 2027, 2027, 1);
    assert_non_null(strstr(v[0].message, "1 van de 2"));
    free(v);
    free(all);
}

/* (e) a meeting on a Saturday and one on Koningsdag. */
static void test_weekend_and_holiday(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *all;
    struct cycle_violation *v;
    size_t n;
    long got;

    all = plan_years(&fx->rules, 2026, 2027, &n);
    /* the bovenregionaal overleg has no frequency rule of its own */
    all = add(all, &n, "bovenregionaal-overleg", cal_days(2027, 4, 3),
              600, 720);
    all = add(all, &n, "bovenregionaal-overleg", cal_days(2027, 4, 27),
              600, 720);
    v = check(&fx->rules, all, n, 2027, 2027, 2);
    assert_string_equal(v[0].rule, "geen-weekend");
    assert_int_equal(v[0].day, cal_days(2027, 4, 3));
    assert_non_null(strstr(v[0].message, "Bovenregionaal overleg op "
                                         "zaterdag 3 april 2027: geen "
                                         "vergaderingen in het weekend"));
    assert_non_null(strstr(v[0].message, "geen bron in het rapport"));
    assert_string_equal(v[1].rule, "geen-feestdag");
    assert_non_null(strstr(v[1].message, "dinsdag 27 april 2027 "
                                         "(Koningsdag)"));
    free(v);
    /* a meeting on Tweede Paasdag 2027 (29 March) */
    free(all);
    all = plan_years(&fx->rules, 2026, 2027, &n);
    all = add(all, &n, "bovenregionaal-overleg", cal_days(2027, 3, 29),
              600, 720);
    v = check(&fx->rules, all, n, 2027, 2027, 1);
    assert_non_null(strstr(v[0].message, "(Tweede Paasdag)"));
    free(v);
    free(all);
    /* outside the range checked, nothing is reported: a meeting on
     * Saturday 26 December 2026 (Tweede Kerstdag) when checking 2027 */
    all = NULL;
    n = 0;
    all = add(all, &n, "bovenregionaal-overleg", cal_days(2026, 12, 26),
              600, 720);
    v = NULL;
    got = cycle_check(&fx->rules, all, n, 2027, 2027, &v);
    assert_true(got > 0);                       /* the year's counts */
    assert_int_equal(find_rule(v, got, "geen-weekend"), -1);
    assert_int_equal(find_rule(v, got, "geen-feestdag"), -1);
    free(v);
    v = NULL;
    got = cycle_check(&fx->rules, all, n, 2026, 2026, &v);
    assert_true(find_rule(v, got, "geen-weekend") >= 0);
    assert_true(find_rule(v, got, "geen-feestdag") >= 0);
    free(v);
    free(all);
}

/* (f) the beheerder raises the DG-overleg to three a year. */
static void test_dg_three(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *all;
    struct cycle_violation *v;
    size_t n;
    int y;

    assert_int_equal(sqlite3_exec(fx->st.db, "UPDATE cycle_rule SET n = 3 "
        "WHERE code IN ('dg-overleg-min-per-jaar', 'dg-overleg-max-per-jaar')",
        NULL, NULL, NULL), SQLITE_OK);
    cycle_rules_free(&fx->rules);
    assert_int_equal(cycle_rules_load(fx->st.db, &fx->rules), 0);
    all = plan_years(&fx->rules, 2026, 2036, &n);
    for (y = 2026; y <= 2036; y++)
        assert_int_equal(count_in_year(all, n, "dg-overleg", y), 3);
    v = check(&fx->rules, all, n, 2027, 2036, 0);
    free(v);
    free(all);
    /* and the old plan (two a year) now falls short */
    assert_int_equal(sqlite3_exec(fx->st.db, "UPDATE cycle_rule SET n = 2 "
        "WHERE code = 'dg-overleg-max-per-jaar'", NULL, NULL, NULL),
        SQLITE_OK);
    cycle_rules_free(&fx->rules);
    assert_int_equal(cycle_rules_load(fx->st.db, &fx->rules), 0);
    all = plan_years(&fx->rules, 2027, 2027, &n);
    assert_int_equal(count_in_year(all, n, "dg-overleg", 2027), 2);
    v = check(&fx->rules, all, n, 2027, 2027, 1);
    assert_non_null(strstr(v[0].message, "2 van de 3"));
    free(v);
    free(all);
}

/* (g) two meetings of one body that overlap in time. */
static void test_overlap(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *all = NULL;
    struct cycle_violation *v;
    size_t n = 0;
    long day = cal_days(2027, 9, 14);                   /* a Tuesday */

    all = add(all, &n, "bovenregionaal-overleg", day, 10 * 60, 12 * 60);
    all = add(all, &n, "bovenregionaal-overleg", day, 12 * 60, 13 * 60);
    all = add(all, &n, "ser", day, 11 * 60, 12 * 60);  /* other body */
    /* back to back, or at the same time for another body, is fine */
    v = NULL;
    {
        long got = cycle_check(&fx->rules, all, n, 2027, 2027, &v);

        assert_true(got > 0);                   /* the year's counts */
        assert_int_equal(find_rule(v, got, "overlap"), -1);
        free(v);
    }
    all = add(all, &n, "bovenregionaal-overleg", day, 11 * 60 + 30, 14 * 60);
    v = NULL;
    {
        long got = cycle_check(&fx->rules, all, n, 2027, 2027, &v);
        long i = find_rule(v, got, "overlap"), j;

        assert_true(i >= 0);
        assert_int_equal(v[i].day, day);
        assert_string_equal(v[i].body, "bovenregionaal-overleg");
        assert_non_null(strstr(v[i].message, "twee vergaderingen "
                                             "overlappen"));
        /* 10:00-12:00 with 11:30-14:00, and 12:00-13:00 with 11:30-14:00 */
        for (j = i + 1; j < got && strcmp(v[j].rule, "overlap") == 0; j++)
            ;
        assert_int_equal(j - i, 2);
        free(v);
    }
    /* a cancelled meeting overlaps nothing */
    all[n - 1].cancelled = 1;
    v = NULL;
    {
        long got = cycle_check(&fx->rules, all, n, 2027, 2027, &v);

        assert_int_equal(find_rule(v, got, "overlap"), -1);
        free(v);
    }
    free(all);
}

/* Counts, months, order and spreading, one at a time. */
static void test_other_rules(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *all;
    struct cycle_violation *v;
    size_t n;
    long i, k, got;

    /* a third DG-overleg, right after the second koersoverleg */
    all = plan_years(&fx->rules, 2026, 2027, &n);
    k = nth(all, n, "koersoverleg", 2027, 1);
    all = add(all, &n, "dg-overleg", all[k].day + 21, 14 * 60, 15 * 60 + 30);
    assert_true(cal_is_workday(all[n - 1].day));
    v = check(&fx->rules, all, n, 2027, 2027, 1);
    assert_string_equal(v[0].rule, "dg-overleg-max-per-jaar");
    assert_non_null(strstr(v[0].message, "DG-overleg 2027: 3 vergaderingen, "
                                         "meer dan de toegestane 2"));
    free(v);
    free(all);

    /* the December informatiebijeenkomst moved to November */
    all = plan_years(&fx->rules, 2026, 2027, &n);
    i = nth(all, n, "informatiebijeenkomst", 2027, 1);
    all[i].day = cal_days(2027, 11, 17);
    v = check(&fx->rules, all, n, 2027, 2027, 1);
    assert_string_equal(v[0].rule, "informatiebijeenkomst-maanden");
    assert_non_null(strstr(v[0].message, "Informatiebijeenkomst 2027: geen "
                                         "bijeenkomst in december"));
    free(v);
    free(all);

    /* a DG-overleg too long after its koersoverleg */
    all = plan_years(&fx->rules, 2026, 2027, &n);
    i = nth(all, n, "dg-overleg", 2027, 0);
    k = nth(all, n, "koersoverleg", 2027, 0);
    all[i].day = all[k].day + 49;             /* 7 weeks, same weekday */
    assert_true(cal_is_workday(all[i].day));
    v = check(&fx->rules, all, n, 2027, 2027, 1);
    assert_string_equal(v[0].rule, "dg-overleg-na-koersoverleg");
    assert_non_null(strstr(v[0].message, "DG-overleg op "));
    assert_non_null(strstr(v[0].message, ": geen koersoverleg in de 6 weken "
                                         "ervoor"));
    free(v);
    free(all);

    /* an extra kerngroep meeting two weeks after the previous one */
    all = plan_years(&fx->rules, 2026, 2027, &n);
    i = nth(all, n, "kerngroep-p3", 2027, 0);
    all = add(all, &n, "kerngroep-p3", all[i].day + 14, 600, 720);
    v = check(&fx->rules, all, n, 2027, 2027, 1);
    assert_string_equal(v[0].rule, "kerngroep-p3-spreiding");
    assert_non_null(strstr(v[0].message, "14 dagen na de vorige "
                                         "vergadering"));
    free(v);
    free(all);

    /* no evaluation in 2027 (an evaluation year), none needed in 2028 */
    all = plan_years(&fx->rules, 2026, 2028, &n);
    i = nth(all, n, "evaluatie", 2027, 0);
    assert_true(i >= 0);
    all[i].cancelled = 1;
    v = check(&fx->rules, all, n, 2027, 2028, 1);
    assert_string_equal(v[0].rule, "evaluatie-governance");
    assert_int_equal(v[0].year, 2027);
    assert_non_null(strstr(v[0].message, "Evaluatie van de governance 2027: "
                                         "geen evaluatie"));
    free(v);
    free(all);

    /* an empty calendar: sorted, and every year-rule reported */
    v = NULL;
    got = cycle_check(&fx->rules, NULL, 0, 2027, 2027, &v);
    assert_true(got >= 8);
    for (i = 1; i < got; i++)
        assert_true(v[i - 1].day <= v[i].day || v[i].day == 0 ||
                    v[i - 1].day == 0);
    free(v);
    /* bad ranges */
    v = NULL;
    assert_int_equal(cycle_check(&fx->rules, NULL, 0, 2028, 2027, &v), -1);
    free(v);
}

/* A koersoverleg in early January needs the kerngroepen of December; the
 * previous year is context only. */
static void test_year_boundary(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *m = NULL;
    struct cycle_violation *v = NULL;
    size_t n = 0;
    long got, i;

    m = add(m, &n, "koersoverleg", cal_days(2027, 1, 12), 600, 720);
    m = add(m, &n, "kerngroep-p1", cal_days(2026, 12, 15), 600, 720);
    m = add(m, &n, "kerngroep-p2", cal_days(2026, 12, 16), 600, 720);
    /* kerngroep-p3 has none; and a Saturday in 2026 is not reported */
    m = add(m, &n, "bovenregionaal-overleg", cal_days(2026, 12, 19), 600,
            720);
    got = cycle_check(&fx->rules, m, n, 2027, 2027, &v);
    assert_true(got > 0);
    assert_int_equal(find_rule(v, got, "kerngroep-p1-voor-koersoverleg"), -1);
    assert_int_equal(find_rule(v, got, "kerngroep-p2-voor-koersoverleg"), -1);
    i = find_rule(v, got, "kerngroep-p3-voor-koersoverleg");
    assert_true(i >= 0);
    assert_int_equal(v[i].day, cal_days(2027, 1, 12));
    assert_int_equal(find_rule(v, got, "geen-weekend"), -1);
    for (i = 0; i < got; i++)
        assert_int_equal(v[i].year, 2027);
    free(v);
    free(m);
}

/* Rules that cannot all hold still give a plan, and the checker says so. */
static void test_impossible_rules(void **state)
{
    struct fixture *fx = *state;
    struct cycle_meeting *all;
    struct cycle_violation *v = NULL;
    size_t n;
    long got;

    assert_int_equal(sqlite3_exec(fx->st.db,
        "UPDATE cycle_rule SET n = 3 WHERE code = "
        "'kerngroep-p1-voor-koersoverleg';"
        "UPDATE cycle_rule SET n = 200 WHERE code = 'kerngroep-p1-spreiding';"
        "UPDATE cycle_rule SET n = 40 WHERE code = "
        "'koersoverleg-min-per-jaar';", NULL, NULL, NULL), SQLITE_OK);
    cycle_rules_free(&fx->rules);
    assert_int_equal(cycle_rules_load(fx->st.db, &fx->rules), 0);
    all = plan_years(&fx->rules, 2027, 2027, &n);
    assert_int_equal(count_in_year(all, n, "koersoverleg", 2027), 40);
    got = cycle_check(&fx->rules, all, n, 2027, 2027, &v);
    assert_true(got > 0);
    assert_true(find_rule(v, got, "kerngroep-p1-spreiding") >= 0 ||
                find_rule(v, got, "kerngroep-p1-voor-koersoverleg") >= 0);
    free(v);
    free(all);
}

/* cycle_seed refuses malformed entries and names them. */
static void write_rules(const char *dir, const char *json)
{
    char p[256];
    FILE *f;

    snprintf(p, sizeof p, "%s/seed", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/seed/cyclusregels.json", dir);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs(json, f);
    fclose(f);
}

static void expect_seed_error(struct fixture *fx, const char *json,
                              const char *want)
{
    char err[512] = "";

    write_rules(fx->st.dir, json);
    assert_int_equal(store_begin(fx->st.db), 0);
    assert_int_equal(cycle_seed(fx->st.db, fx->st.dir, err, sizeof err), -1);
    store_rollback(fx->st.db);
    if (strstr(err, want) == NULL)
        print_error("got: %s\n", err);
    assert_non_null(strstr(err, want));
}

#define RULE(code, soort, overleg, n, bron) \
    "{\"regels\": [{\"code\": \"" code "\", \"soort\": \"" soort "\", " \
    "\"overleg\": " overleg ", \"ander\": null, \"n\": " n ", " \
    "\"maanden\": [], \"vanafJaar\": null, \"drempel\": null, " \
    "\"omschrijving\": \"Test.\", \"bron\": " bron "}]}"

static void test_seed_strict(void **state)
{
    struct fixture *fx = *state;
    char p[256], err[512] = "";
    long long before = store_count(fx->st.db,
                                   "SELECT count(*) FROM cycle_rule", NULL);

    expect_seed_error(fx, RULE("t-1", "vaak", "\"koersoverleg\"", "3",
                               "null"), "entry 1 (t-1): unknown soort");
    expect_seed_error(fx, RULE("t-2", "min_per_jaar", "\"geen-orgaan\"", "3",
                               "null"), "entry 1 (t-2): overleg is not a "
                                        "known body code");
    expect_seed_error(fx, RULE("t-3", "min_per_jaar", "\"koersoverleg\"",
                               "3", "{\"sectie\": \"x\", \"van\": 9, "
                                    "\"tot\": 2}"), "entry 1 (t-3): bron");
    expect_seed_error(fx, RULE("t-4", "min_per_jaar", "\"koersoverleg\"",
                               "3", "{\"sectie\": \"x\", \"van\": 9, "
                                    "\"tot\": 99999999}"),
                      "entry 1 (t-4): bron");
    expect_seed_error(fx, RULE("t-5", "min_per_jaar", "\"koersoverleg\"",
                               "null", "null"), "entry 1 (t-5): needs");
    expect_seed_error(fx, RULE("koersoverleg-min-per-jaar", "min_per_jaar",
                               "\"koersoverleg\"", "3", "null"),
                      "duplicate code");
    expect_seed_error(fx, "{\"regels\": [{\"code\": \"t-6\"}]}",
                      "entry 1 (t-6): missing key");
    expect_seed_error(fx, "{\"regels\": {}}", "\"regels\"");
    expect_seed_error(fx, "{\"regels\": [], \"regels\": []}", "line 1");
    assert_int_equal(store_count(fx->st.db, "SELECT count(*) FROM cycle_rule",
                                 NULL), before);
    /* a well-formed file is accepted inside the caller's transaction */
    write_rules(fx->st.dir, RULE("t-ok", "max_per_jaar", "\"ser\"", "4",
                              "{\"sectie\": \"5.4.4\", \"van\": 1880, "
                              "\"tot\": 1882}"));
    assert_int_equal(store_begin(fx->st.db), 0);
    assert_int_equal(cycle_seed(fx->st.db, fx->st.dir, err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st.db), 0);
    assert_int_equal(store_count(fx->st.db, "SELECT count(*) FROM cycle_rule "
                                 "WHERE code = 't-ok' AND n = 4 AND "
                                 "src_from = 1880", NULL), 1);
    snprintf(p, sizeof p, "%s/seed/cyclusregels.json", fx->st.dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/seed", fx->st.dir);
    rmdir(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rules_loaded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_ten_years, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_all_years, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_five_koersoverleggen, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_plan_deterministic, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_plan_workdays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kerngroep_after_koersoverleg,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_dg_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weekend_and_holiday, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dg_three, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overlap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_year_boundary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_impossible_rules, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_seed_strict, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
