/* test_overlap.c - unit tests for overlap.h: the sparse count against the
 * naive reference on random memberships, the measures, the scope cells,
 * the derived relation (with the report's own examples) and the network
 * picture on a real store with the gremia of data/seed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "overlap.h"
#include "seed.h"

static const char *data_dir(void)
{
    const char *e = getenv("KOERS_DATA");

    return e && e[0] ? e : "data";
}

/* Random sparse memberships (no duplicates): the inverted index gives
 * exactly the pairs of the all-pairs merge. */
static void sparse_equals_naive(void **state)
{
    enum { NG = 300, NO = 2000, PER = 12 };
    unsigned *g = malloc(NG * PER * sizeof *g), *o = malloc(NG * PER *
                                                            sizeof *o);
    struct overlap_input in = { NG, NO, 0, g, o };
    struct overlap_result a, b;
    unsigned seed = 12345;
    size_t i, k;

    (void)state;
    for (i = 0; i < NG; i++) {
        for (k = 0; k < PER; k++) {
            size_t j;
            unsigned org;
            int dup;

            do {
                seed = seed * 1103515245u + 12345u;
                org = (seed >> 8) % (i % 3 ? NO : 50);
                dup = 0;
                for (j = in.nmembers - k; j < in.nmembers; j++)
                    if (o[j] == org)
                        dup = 1;
            } while (dup);
            g[in.nmembers] = (unsigned)i;
            o[in.nmembers++] = org;
        }
    }
    assert_int_equal(overlap_count(&in, &a), 0);
    assert_int_equal(overlap_count_naive(&in, &b), 0);
    assert_true(a.npairs > 100);
    assert_int_equal(a.npairs, b.npairs);
    for (i = 0; i < a.npairs; i++) {
        assert_int_equal(a.pairs[i].a, b.pairs[i].a);
        assert_int_equal(a.pairs[i].b, b.pairs[i].b);
        assert_int_equal(a.pairs[i].shared, b.pairs[i].shared);
    }
    for (i = 0; i < NG; i++)
        assert_int_equal(a.size[i], PER);
    overlap_result_free(&a);
    overlap_result_free(&b);
    /* an index out of range is refused */
    g[0] = NG;
    assert_int_equal(overlap_count(&in, &a), -1);
    free(g);
    free(o);
}

static void measures(void **state)
{
    (void)state;
    /* Techniekpact 23 and Taakgroep 19 members, 12 shared */
    assert_true(fabs(overlap_coefficient(12, 23, 19) - 12.0 / 19) < 1e-12);
    assert_true(fabs(overlap_jaccard(12, 23, 19) - 12.0 / 30) < 1e-12);
    assert_true(overlap_coefficient(0, 0, 5) == 0.0);
    assert_true(overlap_jaccard(0, 0, 0) == 0.0);
    /* cells: P1 techniek vs P1+P2 beide */
    assert_int_equal(overlap_cells(1, "techniek"), 1u);
    assert_int_equal(overlap_cells(1, "ict"), 2u);
    assert_int_equal(overlap_cells(2, "beide"), 12u);
    assert_int_equal(overlap_cells(2, NULL), 12u);
    assert_int_equal(overlap_cells(0, "ict"), 0u);
    assert_true(fabs(overlap_goal(1u, 1u | 2u | 4u | 8u) - 0.25) < 1e-12);
    assert_true(overlap_goal(0, 0) == 0.0);
    assert_true(fabs(overlap_score(0.5, 1.0) - 0.5) < 1e-12);
    assert_true(fabs(overlap_score(0.5, 0.0) - 0.25) < 1e-12);
}

static void derived_relation(void **state)
{
    const char *techniekpact[] = { "overlappend", "overlappend" };
    const char *ai[] = { "specifieker", "specifieker", "specifieker" };
    const char *topsectoren[] = { "breder", "breder", "breder" };
    const char *sto[] = { "overlappend" };

    (void)state;
    assert_string_equal(overlap_derive_relation(techniekpact, 2),
                        "overlappend");
    assert_string_equal(overlap_derive_relation(ai, 3), "specifieker");
    assert_string_equal(overlap_derive_relation(topsectoren, 3), "breder");
    assert_string_equal(overlap_derive_relation(sto, 1), "specifieker");
    assert_string_equal(overlap_derive_relation(NULL, 0), "niet specifiek");
}

/* The seeded store: derived relations agree with Bijlage I where the
 * report gives pillars; the network picture draws the pairs. */
static void store_analysis(void **state)
{
    struct store_fixture fx;
    struct overlap_analysis a;
    struct buf b;
    char err[512];
    sqlite3_stmt *st;

    (void)state;
    assert_int_equal(fixture_open(&fx, "/tmp/koers-ovl-XXXXXX", err,
                                  sizeof err), 0);
    assert_int_equal(seed_load(fx.db, data_dir(), err, sizeof err), 0);
    assert_int_equal(overlap_analyse(fx.db, NULL, &a), 0);
    assert_int_equal(a.ng, 31);
    assert_int_equal(a.res.npairs, 0);
    overlap_analysis_free(&a);
    /* three members for 1 and 3, two shared */
    assert_int_equal(sqlite3_exec(fx.db,
        "INSERT INTO gremium_member(gremium_nr, organisation_id, since) "
        "SELECT g, o.id, '2020-01-01' FROM (SELECT 1 AS g UNION SELECT 3) "
        "JOIN organisation o WHERE o.code IN ('ocw', 'szw'); "
        "INSERT INTO gremium_member(gremium_nr, organisation_id, since, "
        "until) SELECT 1, id, '2020-01-01', '2022-01-01' FROM organisation "
        "WHERE code = 'fnv';", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(overlap_analyse(fx.db, "2021-01-01", &a), 0);
    assert_int_equal(a.res.npairs, 1);
    assert_int_equal(a.res.pairs[0].shared, 2);
    assert_int_equal(a.res.size[0], 3);   /* fnv still a member then */
    buf_init(&b, 1 << 20);
    assert_int_equal(overlap_network_svg(&b, &a, 1, "T <&>", "D"), 0);
    assert_non_null(strstr(buf_str(&b), "T &lt;&amp;&gt;"));
    assert_non_null(strstr(buf_str(&b), "<line "));
    buf_free(&b);
    overlap_analysis_free(&a);
    assert_int_equal(overlap_analyse(fx.db, "2023-01-01", &a), 0);
    assert_int_equal(a.res.size[0], 2);   /* fnv ended */
    overlap_analysis_free(&a);
    /* Techniekpact has P1, P2 overlapping: derived overlappend */
    st = store_prepare(fx.db, "SELECT count(*) FROM gremium_pillar WHERE "
                              "gremium_nr = 1 AND relation = 'overlappend'");
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 2);
    sqlite3_finalize(st);
    assert_int_equal(fixture_close(&fx), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sparse_equals_naive),
        cmocka_unit_test(measures),
        cmocka_unit_test(derived_relation),
        cmocka_unit_test(store_analysis),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
