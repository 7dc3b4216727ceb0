/* test_rollup.c - unit tests for rollup.h against a real SQLite store in
 * a fresh temporary directory per test (monfixture.h). Each test builds its
 * own small hierarchy:
 *
 *   NL01 <- PV20 <- GM0001, GM0002     PV20 -> TP01 (landsdeel)
 *        <- PV21 <- GM0003             PV21 -> TP02
 *        <- AM01 <- GM0001             (AM01 also lies in NL01, so NL01
 *                                       must count GM0001 once)
 *   GM0004 lies in PV20 until 2017 and in PV21 from 2018.
 *
 * and checks the sums at every level and over every subset of the
 * disaggregation, the shadowing by imported values, ratios recomputed
 * from their parts (never averaged), year-versioned links, definitief,
 * idempotence and the refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "monfixture.h"
#include "rollup.h"
#include "store.h"

static void sql(sqlite3 *db, const char *s)
{
    char *err = NULL;

    if (sqlite3_exec(db, s, NULL, NULL, &err) != SQLITE_OK) {
        print_error("sql: %s\n%s\n", err ? err : "?", s);
        sqlite3_free(err);
        fail();
    }
}

static const char hierarchy[] =
    "INSERT INTO region(code, name, kind) VALUES "
    " ('NL01','Nederland','land'),"
    " ('PV20','Groningen','provincie'), ('PV21','Fryslân','provincie'),"
    " ('TP01','Noord','landsdeel'), ('TP02','Oost','landsdeel'),"
    " ('AM01','Groningen AM','arbeidsmarktregio'),"
    " ('GM0001','Een','gemeente'), ('GM0002','Twee','gemeente'),"
    " ('GM0003','Drie','gemeente'), ('GM0004','Vier','gemeente');"
    "INSERT INTO region_link(child, parent, year_from, year_to, source) "
    "VALUES ('PV20','NL01',1900,2199,'t'), ('PV21','NL01',1900,2199,'t'),"
    " ('PV20','TP01',1900,2199,'t'), ('PV21','TP02',1900,2199,'t'),"
    " ('AM01','NL01',1900,2199,'t'),"
    " ('GM0001','PV20',1900,2199,'t'), ('GM0002','PV20',1900,2199,'t'),"
    " ('GM0003','PV21',1900,2199,'t'), ('GM0001','AM01',1900,2199,'t'),"
    " ('GM0004','PV20',1900,2017,'t'), ('GM0004','PV21',2018,2199,'t');"
    "INSERT INTO period(code, kind, year, num, starts, ends, name) VALUES "
    " ('2017JJ00','jaar',2017,0,'2017-01-01','2017-12-31','2017'),"
    " ('2018JJ00','jaar',2018,0,'2018-01-01','2018-12-31','2018');"
    "INSERT INTO monitor_dimension(code, name, ord) VALUES "
    " ('geslacht','Geslacht',1), ('niveau','Niveau',2);"
    "INSERT INTO indicator(code, name, definition, unit, source, domain, "
    " direction, aggregation, period_kind) VALUES "
    " ('inschr','Inschrijvingen','d','aantal','s','techniek','hoger',"
    "  'som','jaar'),"
    " ('index','Index','d','index','s','techniek','hoger','geen','jaar');"
    "INSERT INTO indicator(code, name, definition, unit, source, domain, "
    " direction, aggregation, period_kind, num_code, num_filter, den_code, "
    " den_filter, factor) VALUES "
    " ('aandeel','Aandeel vrouwen','d','%','s','techniek','hoger','ratio',"
    "  'jaar','inschr','geslacht=vrouw','inschr','',100);"
    "INSERT INTO import_batch(source_code, file_name, file_sha256) "
    "VALUES ('t','t.csv','0');";

static int setup(void **state)
{
    return monfixture_open(state, "/tmp/koers-rollup-XXXXXX", hierarchy);
}

static sqlite3_int64 ind_id(sqlite3 *db, const char *code)
{
    return store_count(db, "SELECT id FROM indicator WHERE code = ?1", code);
}

/* An imported (origin 0) row. */
static void obs(sqlite3 *db, const char *ind, const char *region,
                const char *key, const char *period, double v, int def)
{
    sqlite3_stmt *st;

    st = store_prepare(db, "INSERT OR IGNORE INTO disaggregation(key) "
                           "VALUES (?1)");
    store_bind_text(st, 1, key);
    assert_int_equal(store_exec_stmt(st), 0);
    st = store_prepare(db,
        "INSERT INTO observation(indicator_id, region_id, disagg_id, "
        "period_id, value, definitief, origin, batch_id) VALUES ("
        "(SELECT id FROM indicator WHERE code = ?1),"
        "(SELECT id FROM region WHERE code = ?2),"
        "(SELECT id FROM disaggregation WHERE key = ?3),"
        "(SELECT id FROM period WHERE code = ?4), ?5, ?6, 0, 1)");
    store_bind_text(st, 1, ind);
    store_bind_text(st, 2, region);
    store_bind_text(st, 3, key);
    store_bind_text(st, 4, period);
    sqlite3_bind_double(st, 5, v);
    sqlite3_bind_int(st, 6, def);
    assert_int_equal(store_exec_stmt(st), 0);
}

/* The stored cell: 1 found (value, origin, definitief filled), 0 none. */
static int cell(sqlite3 *db, const char *ind, const char *region,
                const char *key, const char *period, double *v, int *origin,
                int *def)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT o.value, o.origin, o.definitief FROM observation o "
        "JOIN indicator i ON i.id = o.indicator_id "
        "JOIN region r ON r.id = o.region_id "
        "JOIN disaggregation d ON d.id = o.disagg_id "
        "JOIN period p ON p.id = o.period_id "
        "WHERE i.code = ?1 AND r.code = ?2 AND d.key = ?3 AND p.code = ?4");
    int found;

    assert_non_null(st);
    store_bind_text(st, 1, ind);
    store_bind_text(st, 2, region);
    store_bind_text(st, 3, key);
    store_bind_text(st, 4, period);
    found = sqlite3_step(st) == SQLITE_ROW;
    if (found) {
        *v = sqlite3_column_double(st, 0);
        if (origin)
            *origin = sqlite3_column_int(st, 1);
        if (def)
            *def = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    return found;
}

/* Assert a cell's value and origin. */
static void expect(sqlite3 *db, const char *ind, const char *region,
                   const char *key, const char *period, double want,
                   int want_origin)
{
    double v = NAN;
    int origin = -1;

    if (!cell(db, ind, region, key, period, &v, &origin, NULL)) {
        print_error("no cell %s %s '%s' %s\n", ind, region, key, period);
        fail();
    }
    if (fabs(v - want) > 1e-9 || origin != want_origin) {
        print_error("%s %s '%s' %s: %g (origin %d), want %g (origin %d)\n",
                    ind, region, key, period, v, origin, want, want_origin);
        fail();
    }
}

static void expect_none(sqlite3 *db, const char *ind, const char *region,
                        const char *key, const char *period)
{
    double v;

    if (cell(db, ind, region, key, period, &v, NULL, NULL)) {
        print_error("unexpected cell %s %s '%s' %s = %g\n", ind, region,
                    key, period, v);
        fail();
    }
}

/* Roll up indicator ind in a transaction, stamping batch; committed on
 * success, rolled back on failure. Returns rollup_indicator's result. */
static int run_batch(sqlite3 *db, const char *ind, sqlite3_int64 batch,
                     struct rollup_stats *st, struct fault *f)
{
    int rc;

    assert_int_equal(store_begin(db), 0);
    rc = rollup_indicator(db, ind_id(db, ind), batch, st, f);
    if (rc == 0)
        assert_int_equal(store_commit(db), 0);
    else
        store_rollback(db);
    return rc;
}

/* The same with batch 2, as most tests do. */
static int run(sqlite3 *db, const char *ind, struct rollup_stats *st,
               struct fault *f)
{
    return run_batch(db, ind, 2, st, f);
}

/* Assert that a cell exists and is definitief (1) or voorlopig (0). */
static void expect_def(sqlite3 *db, const char *ind, const char *region,
                       const char *period, int want)
{
    double v;
    int def = -1;

    assert_true(cell(db, ind, region, "", period, &v, NULL, &def));
    assert_int_equal(def, want);
}

/* GM0001 in 2018: one woman and three men. */
static void one_gemeente_by_gender(sqlite3 *db)
{
    obs(db, "inschr", "GM0001", "geslacht=vrouw", "2018JJ00", 1, 1);
    obs(db, "inschr", "GM0001", "geslacht=man", "2018JJ00", 3, 1);
}

/* Two dimensions at three gemeenten in 2018. */
static void two_dims(sqlite3 *db)
{
    obs(db, "inschr", "GM0001", "geslacht=man;niveau=3", "2018JJ00", 1, 1);
    obs(db, "inschr", "GM0001", "geslacht=man;niveau=4", "2018JJ00", 2, 1);
    obs(db, "inschr", "GM0001", "geslacht=vrouw;niveau=3", "2018JJ00", 4, 1);
    obs(db, "inschr", "GM0001", "geslacht=vrouw;niveau=4", "2018JJ00", 8, 1);
    obs(db, "inschr", "GM0002", "geslacht=man;niveau=4", "2018JJ00", 16, 1);
    obs(db, "inschr", "GM0002", "geslacht=vrouw;niveau=4", "2018JJ00", 32, 1);
    obs(db, "inschr", "GM0003", "geslacht=vrouw;niveau=3", "2018JJ00", 64, 1);
}

static void test_sums_every_level(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct rollup_stats st;
    struct fault f = { 0 };

    two_dims(db);
    assert_int_equal(run(db, "inschr", &st, &f), 0);
    assert_int_equal(st.source_rows, 7);
    /* a gemeente: its own subsets */
    expect(db, "inschr", "GM0001", "", "2018JJ00", 15, 1);
    expect(db, "inschr", "GM0001", "geslacht=vrouw", "2018JJ00", 12, 1);
    expect(db, "inschr", "GM0001", "niveau=4", "2018JJ00", 10, 1);
    expect(db, "inschr", "GM0001", "geslacht=man;niveau=3", "2018JJ00", 1, 0);
    /* the province: both gemeenten, every subset */
    expect(db, "inschr", "PV20", "geslacht=vrouw;niveau=4", "2018JJ00", 40, 1);
    expect(db, "inschr", "PV20", "geslacht=man", "2018JJ00", 19, 1);
    expect(db, "inschr", "PV20", "niveau=3", "2018JJ00", 5, 1);
    expect(db, "inschr", "PV20", "", "2018JJ00", 63, 1);
    expect(db, "inschr", "PV21", "", "2018JJ00", 64, 1);
    /* landsdeel and arbeidsmarktregio */
    expect(db, "inschr", "TP01", "", "2018JJ00", 63, 1);
    expect(db, "inschr", "TP02", "geslacht=vrouw", "2018JJ00", 64, 1);
    expect(db, "inschr", "AM01", "", "2018JJ00", 15, 1);
    expect(db, "inschr", "AM01", "niveau=4", "2018JJ00", 10, 1);
    /* Nederland counts GM0001 once, though it lies in PV20 and AM01 */
    expect(db, "inschr", "NL01", "", "2018JJ00", 127, 1);
    expect(db, "inschr", "NL01", "geslacht=vrouw", "2018JJ00", 108, 1);
    expect(db, "inschr", "NL01", "geslacht=vrouw;niveau=3", "2018JJ00", 68, 1);
    /* nothing where nothing lies below */
    expect_none(db, "inschr", "GM0004", "", "2018JJ00");
    expect_none(db, "inschr", "NL01", "", "2017JJ00");
    /* imported rows untouched; the new keys exist */
    assert_int_equal(store_count(db, "SELECT count(*) FROM observation "
                                     "WHERE origin = 0", NULL), 7);
    assert_int_equal(store_count(db, "SELECT count(*) FROM disaggregation "
                                     "WHERE key IN ('', 'geslacht=man', "
                                     "'geslacht=vrouw', 'niveau=3', "
                                     "'niveau=4')", NULL), 5);
    assert_int_equal(store_count(db, "SELECT count(*) FROM observation "
                                     "WHERE origin = 1 AND batch_id <> 2",
                                 NULL), 0);
    /* the stats count the ratio cells too */
    assert_int_equal(st.computed_rows,
                     store_count(db, "SELECT count(*) FROM observation "
                                     "WHERE origin IN (1, 2)", NULL));
}

/* A source that publishes its own totals is believed, and its breakdown
 * is not counted a second time. */
static void test_imported_shadows(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };

    obs(db, "inschr", "GM0001", "geslacht=man", "2018JJ00", 1, 1);
    obs(db, "inschr", "GM0001", "geslacht=vrouw", "2018JJ00", 2, 1);
    obs(db, "inschr", "GM0002", "geslacht=man", "2018JJ00", 4, 1);
    /* the province publishes its own total (different from the sum) */
    obs(db, "inschr", "PV20", "", "2018JJ00", 100, 1);
    /* a gemeente with a total next to its breakdown */
    obs(db, "inschr", "GM0003", "", "2018JJ00", 10, 1);
    obs(db, "inschr", "GM0003", "geslacht=man", "2018JJ00", 4, 1);
    obs(db, "inschr", "GM0003", "geslacht=vrouw", "2018JJ00", 6, 1);
    assert_int_equal(run(db, "inschr", NULL, &f), 0);

    expect(db, "inschr", "PV20", "", "2018JJ00", 100, 0);
    expect(db, "inschr", "PV20", "geslacht=man", "2018JJ00", 5, 1);
    expect(db, "inschr", "GM0003", "", "2018JJ00", 10, 0);
    expect(db, "inschr", "PV21", "", "2018JJ00", 10, 1);
    expect(db, "inschr", "PV21", "geslacht=vrouw", "2018JJ00", 6, 1);
    /* Nederland: the province's own total, not its gemeenten again */
    expect(db, "inschr", "NL01", "", "2018JJ00", 110, 1);
    expect(db, "inschr", "TP01", "", "2018JJ00", 100, 1);
    expect(db, "inschr", "NL01", "geslacht=man", "2018JJ00", 9, 1);
    /* AM01 holds only GM0001 */
    expect(db, "inschr", "AM01", "", "2018JJ00", 3, 1);
}

/* hbo-aandeel-vrouwen style: num[geslacht=vrouw] / den * 100 in every
 * cell, from the summed parts. */
static void test_ratio_recomputed(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct rollup_stats st;
    struct fault f = { 0 };

    one_gemeente_by_gender(db);
    obs(db, "inschr", "GM0003", "geslacht=vrouw", "2018JJ00", 3, 1);
    obs(db, "inschr", "GM0003", "geslacht=man", "2018JJ00", 1, 0);
    obs(db, "inschr", "GM0002", "geslacht=man", "2018JJ00", 0, 1);
    obs(db, "inschr", "GM0002", "geslacht=vrouw", "2018JJ00", 0, 1);
    assert_int_equal(run(db, "inschr", &st, &f), 0);

    expect(db, "aandeel", "GM0001", "", "2018JJ00", 25, 2);
    expect(db, "aandeel", "PV20", "", "2018JJ00", 25, 2);
    expect(db, "aandeel", "PV21", "", "2018JJ00", 75, 2);
    /* 4 / 8, not the mean of 25 % and 75 % taken some other way */
    expect(db, "aandeel", "NL01", "", "2018JJ00", 50, 2);
    expect(db, "aandeel", "AM01", "", "2018JJ00", 25, 2);
    /* zero denominator: no cell */
    expect_none(db, "aandeel", "GM0002", "", "2018JJ00");
    /* no ratio per gender: K may not hold the numerator's dimension */
    assert_int_equal(store_count(db, "SELECT count(*) FROM observation o "
                                     "JOIN disaggregation d ON d.id = "
                                     "o.disagg_id WHERE o.origin = 2 AND "
                                     "d.key <> ''", NULL), 0);
    /* a voorlopig part makes the ratio voorlopig */
    expect_def(db, "aandeel", "PV21", "2018JJ00", 0);
    expect_def(db, "aandeel", "PV20", "2018JJ00", 1);
    expect_def(db, "inschr", "NL01", "2018JJ00", 0);
    /* recomputing the ratio alone gives the same cells, writing none */
    assert_int_equal(run(db, "aandeel", &st, &f), 0);
    expect(db, "aandeel", "NL01", "", "2018JJ00", 50, 2);
    assert_int_equal(st.computed_rows, 0);
}

/* A ratio over a further dimension: K ranges over the denominator's keys
 * without the numerator's dimension, so a share of women per niveau. */
static void test_ratio_per_dimension(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };

    two_dims(db);
    assert_int_equal(run(db, "inschr", NULL, &f), 0);
    expect(db, "aandeel", "GM0001", "", "2018JJ00", 100.0 * 12 / 15, 2);
    expect(db, "aandeel", "GM0001", "niveau=4", "2018JJ00", 80, 2);
    expect(db, "aandeel", "PV20", "niveau=4", "2018JJ00", 100.0 * 40 / 58, 2);
    expect(db, "aandeel", "NL01", "", "2018JJ00", 100.0 * 108 / 127, 2);
    expect_none(db, "aandeel", "NL01", "geslacht=vrouw", "2018JJ00");
}

/* A gemeente that moved province in 2018 counts in the old province for
 * 2017 and in the new one from 2018. */
static void test_links_by_year(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };

    obs(db, "inschr", "GM0004", "", "2017JJ00", 5, 1);
    obs(db, "inschr", "GM0004", "", "2018JJ00", 7, 1);
    obs(db, "inschr", "GM0001", "", "2017JJ00", 1, 1);
    assert_int_equal(run(db, "inschr", NULL, &f), 0);
    expect(db, "inschr", "PV20", "", "2017JJ00", 6, 1);
    expect_none(db, "inschr", "PV21", "", "2017JJ00");
    expect(db, "inschr", "PV21", "", "2018JJ00", 7, 1);
    expect_none(db, "inschr", "PV20", "", "2018JJ00");
    expect(db, "inschr", "TP01", "", "2017JJ00", 6, 1);
    expect(db, "inschr", "TP02", "", "2018JJ00", 7, 1);
    expect(db, "inschr", "NL01", "", "2017JJ00", 6, 1);
    expect(db, "inschr", "NL01", "", "2018JJ00", 7, 1);
}

static long long total(sqlite3 *db)
{
    return store_count(db, "SELECT count(*) FROM observation", NULL);
}

/* sum(value * origin-weighted hash) as a fingerprint of every cell */
static double fingerprint(sqlite3 *db)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT total(value * (1 + region_id * 7 + disagg_id * 13 + "
        "period_id * 17 + origin * 19 + definitief * 23)) FROM observation");
    double v;

    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Recomputing changes nothing (not even the batch of a cell); a changed
 * source value is picked up, and a cell nothing feeds any more goes;
 * rollup_all gives the same cube. */
static void test_idempotent(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct rollup_stats st1, st2;
    struct fault f = { 0 };
    long long n1;
    double fp1;

    two_dims(db);
    assert_int_equal(run(db, "inschr", &st1, &f), 0);
    assert_true(st1.computed_rows > 0);
    n1 = total(db);
    fp1 = fingerprint(db);
    assert_int_equal(run_batch(db, "inschr", 3, &st2, &f), 0);
    assert_int_equal(total(db), n1);
    assert_true(fingerprint(db) == fp1);
    assert_int_equal(st2.computed_rows, 0);
    assert_int_equal(store_count(db, "SELECT count(*) FROM observation "
                                     "WHERE batch_id = 3", NULL), 0);

    assert_int_equal(store_begin(db), 0);
    assert_int_equal(rollup_all(db, 3, &st2, &f), 0);
    assert_int_equal(store_commit(db), 0);
    assert_int_equal(total(db), n1);
    assert_true(fingerprint(db) == fp1);
    assert_int_equal(st2.source_rows, 7);
    assert_int_equal(st2.computed_rows, 0);

    /* one source value changes: only the cells it feeds are rewritten,
     * stamped with the new batch */
    sql(db, "UPDATE observation SET value = 1001 WHERE origin = 0 AND "
            "value = 1");
    assert_int_equal(run_batch(db, "inschr", 4, &st2, &f), 0);
    expect(db, "inschr", "NL01", "", "2018JJ00", 1127, 1);
    expect(db, "inschr", "GM0001", "geslacht=man", "2018JJ00", 1003, 1);
    expect(db, "inschr", "PV21", "", "2018JJ00", 64, 1);
    assert_int_equal(total(db), n1);
    assert_int_equal(st2.computed_rows,
                     store_count(db, "SELECT count(*) FROM observation "
                                     "WHERE batch_id = 4", NULL));
    /* GM0001 man;3 feeds 4 subsets x 5 regions (itself, PV20, AM01,
     * TP01, NL01) less itself; and the share of women in the 5 totals
     * plus the niveau=3 shares of the same regions */
    assert_int_equal(store_count(db, "SELECT count(*) FROM observation "
                                     "WHERE batch_id = 4 AND origin = 1",
                                 NULL), 19);

    /* GM0003 goes: PV21 and TP02 have nothing below them any more */
    sql(db, "DELETE FROM observation WHERE origin = 0 AND region_id = "
            "(SELECT id FROM region WHERE code = 'GM0003')");
    assert_int_equal(run(db, "inschr", NULL, &f), 0);
    expect_none(db, "inschr", "PV21", "", "2018JJ00");
    expect_none(db, "inschr", "TP02", "geslacht=vrouw", "2018JJ00");
    expect_none(db, "aandeel", "PV21", "", "2018JJ00");
    expect_none(db, "inschr", "GM0003", "", "2018JJ00");
    expect(db, "inschr", "NL01", "", "2018JJ00", 1063, 1);
}

/* An imported value of a ratio shadows the derived one; the other cells
 * are still derived. */
static void test_ratio_shadowed(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };

    one_gemeente_by_gender(db);
    assert_int_equal(run(db, "inschr", NULL, &f), 0);
    expect(db, "aandeel", "NL01", "", "2018JJ00", 25, 2);
    obs(db, "aandeel", "NL01", "", "2017JJ00", 33, 1);
    sql(db, "UPDATE observation SET value = 40, origin = 0 WHERE "
            "indicator_id = (SELECT id FROM indicator WHERE code = "
            "'aandeel') AND region_id = (SELECT id FROM region WHERE code "
            "= 'NL01')");
    assert_int_equal(run(db, "aandeel", NULL, &f), 0);
    expect(db, "aandeel", "NL01", "", "2018JJ00", 40, 0);
    expect(db, "aandeel", "NL01", "", "2017JJ00", 40, 0);
    expect(db, "aandeel", "PV20", "", "2018JJ00", 25, 2);
}

static void test_definitief(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };

    obs(db, "inschr", "GM0001", "", "2018JJ00", 1, 1);
    obs(db, "inschr", "GM0003", "", "2018JJ00", 2, 0);
    assert_int_equal(run(db, "inschr", NULL, &f), 0);
    expect_def(db, "inschr", "PV20", "2018JJ00", 1);
    expect_def(db, "inschr", "PV21", "2018JJ00", 0);
    expect_def(db, "inschr", "NL01", "2018JJ00", 0);
    expect(db, "inschr", "NL01", "", "2018JJ00", 3, 1);
}

/* 'geen' is never rolled up; unknown indicators and malformed keys are
 * refused with a reason. */
static void test_refusals(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };

    obs(db, "index", "GM0001", "", "2018JJ00", 1, 1);
    assert_int_equal(run(db, "index", NULL, &f), 0);
    assert_int_equal(store_count(db, "SELECT count(*) FROM observation",
                                 NULL), 1);

    assert_int_equal(store_begin(db), 0);
    assert_int_equal(rollup_indicator(db, 999, 2, NULL, &f), -1);
    store_rollback(db);
    assert_int_equal(f.kind, FAULT_NOTFOUND);

    memset(&f, 0, sizeof f);
    obs(db, "inschr", "GM0001", "niveau=4;geslacht=man", "2018JJ00", 1, 1);
    assert_int_equal(run(db, "inschr", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "niveau=4;geslacht=man"));

    memset(&f, 0, sizeof f);
    sql(db, "DELETE FROM observation");
    obs(db, "inschr", "GM0001", "geslacht", "2018JJ00", 1, 1);
    assert_int_equal(run(db, "inschr", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    /* the store is as before: the caller rolled back */
    assert_int_equal(store_count(db, "SELECT count(*) FROM observation",
                                 NULL), 1);
}

/* A ratio of a ratio is computed after the ratio it is built on. */
static void test_ratio_of_ratio(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };

    /* 'dubbel' = aandeel / inschr[''] ... a contrived chain whose first
     * id sorts before its part, so order by id would be wrong */
    sql(db, "UPDATE indicator SET code = 'aandeel2' WHERE code = 'aandeel'");
    sql(db, "INSERT INTO indicator(id, code, name, definition, unit, "
            "source, domain, direction, aggregation, period_kind, "
            "num_code, num_filter, den_code, den_filter, factor) VALUES "
            "(0, 'dubbel', 'd', 'd', '-', 's', 'techniek', 'hoger', "
            "'ratio', 'jaar', 'aandeel2', '', 'inschr', '', 1)");
    one_gemeente_by_gender(db);
    assert_int_equal(run(db, "inschr", NULL, &f), 0);
    expect(db, "aandeel2", "NL01", "", "2018JJ00", 25, 2);
    expect(db, "dubbel", "NL01", "", "2018JJ00", 25.0 / 4, 2);
}


/* A CBS-like table: Nederland, a province and its gemeenten all
 * imported. The province's own total feeds the landsdeel, its gemeenten
 * are not counted again; Nederland's own value stays. */
static void test_levels_imported(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };

    obs(db, "inschr", "GM0001", "", "2018JJ00", 1, 1);
    obs(db, "inschr", "GM0002", "", "2018JJ00", 2, 1);
    obs(db, "inschr", "GM0003", "", "2018JJ00", 4, 1);
    obs(db, "inschr", "PV20", "", "2018JJ00", 3, 1);
    obs(db, "inschr", "NL01", "", "2018JJ00", 100, 1);
    assert_int_equal(run(db, "inschr", NULL, &f), 0);
    expect(db, "inschr", "NL01", "", "2018JJ00", 100, 0);
    expect(db, "inschr", "PV20", "", "2018JJ00", 3, 0);
    expect(db, "inschr", "PV21", "", "2018JJ00", 4, 1);
    expect(db, "inschr", "TP01", "", "2018JJ00", 3, 1);
    expect(db, "inschr", "TP02", "", "2018JJ00", 4, 1);
    expect(db, "inschr", "AM01", "", "2018JJ00", 1, 1);
    assert_int_equal(store_count(db, "SELECT count(*) FROM observation "
                                     "WHERE origin = 1", NULL), 4);
}

/* Random data at gemeente level: every computed total equals the SQL
 * sum over the gemeenten that lie in the region in the period's year
 * (the numbers a user checks against the source file). */
static void test_matches_sql_sums(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };
    static const char *const gm[] = { "GM0001", "GM0002", "GM0003",
                                      "GM0004" };
    static const char *const per[] = { "2017JJ00", "2018JJ00" };
    static const char *const keys[] = { "geslacht=man;niveau=3",
        "geslacht=man;niveau=4", "geslacht=vrouw;niveau=3",
        "geslacht=vrouw;niveau=4" };
    unsigned seed = 12345;
    sqlite3_stmt *st;
    size_t g, p, k;
    int checked = 0;

    for (g = 0; g < 4; g++)
        for (p = 0; p < 2; p++)
            for (k = 0; k < 4; k++) {
                seed = seed * 1103515245u + 12345u;
                if ((seed >> 16) % 5 == 0)
                    continue;       /* some cells missing */
                obs(db, "inschr", gm[g], keys[k], per[p],
                    (double)((seed >> 8) % 1000), 1);
            }
    assert_int_equal(run(db, "inschr", NULL, &f), 0);
    /* expected: direct links, plus NL01 and the landsdelen through the
     * province of that year; compared for the total and one subset */
    st = store_prepare(db,
        "WITH src AS (SELECT r.code AS gm, p.code AS per, p.year AS y, "
        "  d.key AS key, o.value AS v FROM observation o "
        "  JOIN region r ON r.id = o.region_id "
        "  JOIN period p ON p.id = o.period_id "
        "  JOIN disaggregation d ON d.id = o.disagg_id WHERE o.origin = 0), "
        "anc AS (SELECT l.child, l.parent, l.year_from, l.year_to "
        "  FROM region_link l UNION "
        "  SELECT a.child, b.parent, max(a.year_from, b.year_from), "
        "  min(a.year_to, b.year_to) FROM region_link a JOIN region_link b "
        "  ON b.child = a.parent), "
        "want AS (SELECT anc.parent AS region, src.per, sel.key AS key, "
        "  sum(src.v) AS v FROM src JOIN anc ON anc.child = src.gm "
        "  AND src.y BETWEEN anc.year_from AND anc.year_to "
        "  JOIN (SELECT '' AS key UNION ALL SELECT 'geslacht=vrouw') sel "
        "  ON sel.key = '' OR instr(src.key, sel.key) > 0 "
        "  GROUP BY 1, 2, 3) "
        "SELECT want.region, want.per, want.key, want.v, o.value "
        "FROM want JOIN region r ON r.code = want.region "
        "JOIN period p ON p.code = want.per "
        "JOIN disaggregation d ON d.key = want.key "
        "LEFT JOIN observation o ON o.region_id = r.id "
        "AND o.period_id = p.id AND o.disagg_id = d.id "
        "AND o.indicator_id = (SELECT id FROM indicator "
        "WHERE code = 'inschr')");
    assert_non_null(st);
    while (sqlite3_step(st) == SQLITE_ROW) {
        double want = sqlite3_column_double(st, 3);

        if (sqlite3_column_type(st, 4) == SQLITE_NULL
            || fabs(sqlite3_column_double(st, 4) - want) > 1e-9) {
            print_error("%s %s '%s': want %g, got %s\n",
                        sqlite3_column_text(st, 0),
                        sqlite3_column_text(st, 1),
                        sqlite3_column_text(st, 2), want,
                        sqlite3_column_text(st, 4));
            sqlite3_finalize(st);
            fail();
        }
        checked++;
    }
    sqlite3_finalize(st);
    /* PV20, PV21, TP01, TP02, AM01, NL01 in both years, two keys */
    assert_int_equal(checked, 24);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sums_every_level, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_imported_shadows, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_ratio_recomputed, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_ratio_per_dimension, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_links_by_year, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_idempotent, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_ratio_shadowed, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_definitief, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_refusals, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_ratio_of_ratio, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_levels_imported, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_matches_sql_sums, setup,
                                        monfixture_close),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
