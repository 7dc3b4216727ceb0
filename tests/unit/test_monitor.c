/* test_monitor.c - unit tests for monitor.h against a real store: series
 * in period order, cross sections with the regions that have no value
 * (and a gemeente's lifetime), the periods and disaggregation keys with
 * data, disaggregation labels, the linear target path, the three statuses
 * in both directions, and the target writes (permission, validation,
 * duplicates, audit, nothing changed on a refusal). Each test gets the
 * small cube of monfixture.h in a fresh temporary store. */
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

#include "audit.h"
#include "fault.h"
#include "monfixture.h"
#include "monitor.h"
#include "store.h"

static int setup(void **state)
{
    return monfixture_open(state, "/tmp/koers-monitor-XXXXXX",
                           monfixture_cube());
}

static struct actor actor(enum perm_role role)
{
    struct actor a;

    memset(&a, 0, sizeof a);
    a.role = role;
    snprintf(a.name, sizeof a.name, "%s", perm_role_code(role));
    snprintf(a.origin, sizeof a.origin, "test");
    return a;
}

static long long count(sqlite3 *db, const char *sql)
{
    return store_count(db, sql, NULL);
}

/* ------------------------------------------------------------------ */

static void test_indicator_get(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct mon_indicator ind;

    assert_int_equal(mon_indicator_get(db, "studenten", &ind), 1);
    assert_int_equal(ind.id, 1);
    assert_string_equal(ind.name, "Studenten");
    assert_string_equal(ind.aggregation, "som");
    assert_string_equal(ind.direction, "hoger");
    assert_string_equal(ind.period_kind, "studiejaar");
    assert_string_equal(ind.pillar, "");
    assert_string_equal(ind.num_code, "");
    assert_int_equal(mon_indicator_get(db, "bestaat-niet", &ind), 0);
    assert_int_equal(ind.id, 0);
}

static void test_series_in_period_order(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct mon_point *p = NULL;
    long n;

    n = mon_series(db, 1, "NL01", "", &p);
    assert_int_equal(n, 3);
    /* stored as ids 1, 2, 3 = 2017, 2015, 2016: read by start date */
    assert_string_equal(p[0].period, "2015SJ10");
    assert_string_equal(p[0].period_name, "studiejaar 2015/2016");
    assert_int_equal(p[0].year, 2015);
    assert_true(p[0].value == 100);
    assert_string_equal(p[1].period, "2016SJ10");
    assert_true(p[1].value == 120);
    assert_int_equal(p[1].origin, 0);
    assert_string_equal(p[2].period, "2017SJ10");
    assert_true(p[2].value == 130);
    assert_int_equal(p[2].definitief, 0);
    assert_int_equal(p[2].origin, 1);
    free(p);

    n = mon_series(db, 1, "NL01", "geslacht=vrouw", &p);
    assert_int_equal(n, 2);
    assert_true(p[0].value == 30 && p[1].value == 40);
    free(p);

    /* unknown codes: no rows, not an error */
    assert_int_equal(mon_series(db, 1, "PV99", "", &p), 0);
    assert_null(p);
    assert_int_equal(mon_series(db, 1, "NL01", "geslacht=x", &p), 0);
    assert_null(p);
    assert_int_equal(mon_series(db, 1, "PV21", "", &p), 0);
    free(p);
    assert_int_equal(mon_series(db, 99, "NL01", "", &p), 0);
    free(p);
}

static void test_cross_section_includes_regions_without_value(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct mon_cell *c = NULL;
    long n;

    n = mon_cross_section(db, 1, "provincie", "2016SJ10", "", &c);
    assert_int_equal(n, 3);
    assert_string_equal(c[0].region, "PV20");
    assert_string_equal(c[0].name, "Groningen");
    assert_true(c[0].has_value && c[0].value == 70);
    assert_string_equal(c[1].region, "PV21");
    assert_false(c[1].has_value);
    assert_string_equal(c[2].region, "PV22");
    assert_true(c[2].has_value && c[2].value == 50);
    free(c);

    /* a period without data: every province, none with a value */
    n = mon_cross_section(db, 1, "provincie", "2015SJ10", "", &c);
    assert_int_equal(n, 3);
    assert_false(c[0].has_value || c[1].has_value || c[2].has_value);
    free(c);

    /* gemeenten: in 2016 GM0001 (with data) existed, GM0002 did not */
    n = mon_cross_section(db, 1, "gemeente", "2016SJ10", "", &c);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].region, "GM0001");
    assert_true(c[0].value == 12);
    free(c);
    /* in 2020 only the successor exists */
    n = mon_cross_section(db, 2, "gemeente", "2020JJ00", "", &c);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].region, "GM0002");
    assert_false(c[0].has_value);
    free(c);

    n = mon_cross_section(db, 1, "landsdeel", "2016SJ10", "", &c);
    assert_int_equal(n, 0);
    free(c);
}

static void test_periods_and_disaggs(void **state)
{
    sqlite3 *db = monfixture_db(state);
    char **s = NULL;
    long n;

    n = mon_periods(db, 1, &s);
    assert_int_equal(n, 3);
    assert_string_equal(s[0], "2015SJ10");
    assert_string_equal(s[1], "2016SJ10");
    assert_string_equal(s[2], "2017SJ10");
    mon_strings_free(s, n);

    /* 2020JJ00 is stored but holds no value of uitval */
    n = mon_periods(db, 2, &s);
    assert_int_equal(n, 2);
    assert_string_equal(s[0], "2016JJ00");
    assert_string_equal(s[1], "2018JJ00");
    mon_strings_free(s, n);

    n = mon_disaggs(db, 1, &s);
    assert_int_equal(n, 2);
    assert_string_equal(s[0], "");
    assert_string_equal(s[1], "geslacht=vrouw");
    mon_strings_free(s, n);

    assert_int_equal(mon_periods(db, 99, &s), 0);
    mon_strings_free(s, 0);
    mon_strings_free(NULL, 0);
}

static void test_disagg_label(void **state)
{
    sqlite3 *db = monfixture_db(state);
    char out[64];

    mon_disagg_label(db, "", out, sizeof out);
    assert_string_equal(out, "totaal");
    mon_disagg_label(db, "geslacht=vrouw", out, sizeof out);
    assert_string_equal(out, "vrouw");
    mon_disagg_label(db, "geslacht=vrouw;niveau=4", out, sizeof out);
    assert_string_equal(out, "vrouw, mbo niveau 4");
    /* an unknown item shows its code */
    mon_disagg_label(db, "geslacht=x", out, sizeof out);
    assert_string_equal(out, "x");
    /* cut to the buffer, still terminated */
    mon_disagg_label(db, "geslacht=vrouw;niveau=4", out, 8);
    assert_true(strlen(out) < 8);
}

/* ------------------------------------------------------------------ */

static struct mon_target target(int by, double bv, int ty, double tv)
{
    struct mon_target t;

    memset(&t, 0, sizeof t);
    snprintf(t.region, sizeof t.region, "NL01");
    t.baseline_year = by;
    t.baseline_value = bv;
    t.target_year = ty;
    t.target_value = tv;
    return t;
}

static void test_target_path(void **state)
{
    struct mon_target t = target(2020, 100, 2030, 200);

    (void)state;
    assert_true(mon_target_path(&t, 2015) == 100);
    assert_true(mon_target_path(&t, 2020) == 100);
    assert_true(fabs(mon_target_path(&t, 2025) - 150) < 1e-9);
    assert_true(fabs(mon_target_path(&t, 2023) - 130) < 1e-9);
    assert_true(mon_target_path(&t, 2030) == 200);
    assert_true(mon_target_path(&t, 2040) == 200);
}

static void test_status_higher_is_better(void **state)
{
    /* path in 2024: 140, planned change 40, a quarter of it 10 */
    struct mon_target t = target(2020, 100, 2030, 200);

    (void)state;
    assert_int_equal(mon_target_status(&t, "hoger", 2024, 140),
                     MON_OP_KOERS);
    assert_int_equal(mon_target_status(&t, "hoger", 2024, 180),
                     MON_OP_KOERS);
    assert_int_equal(mon_target_status(&t, "hoger", 2024, 130),
                     MON_RISICO);
    assert_int_equal(mon_target_status(&t, "hoger", 2024, 135),
                     MON_RISICO);
    assert_int_equal(mon_target_status(&t, "hoger", 2024, 129.9),
                     MON_UIT_KOERS);
    /* in the baseline year nothing is planned yet: 5% of 100 */
    assert_int_equal(mon_target_status(&t, "hoger", 2020, 95),
                     MON_RISICO);
    assert_int_equal(mon_target_status(&t, "hoger", 2020, 94),
                     MON_UIT_KOERS);
    assert_int_equal(mon_target_status(&t, "hoger", 2024, NAN), MON_GEEN);
}

static void test_status_lower_is_better(void **state)
{
    /* from 20 % to 10 %: path in 2025 is 15, planned change 5, a quarter
     * of it 1.25 */
    struct mon_target t = target(2020, 20, 2030, 10);

    (void)state;
    assert_int_equal(mon_target_status(&t, "lager", 2025, 15),
                     MON_OP_KOERS);
    assert_int_equal(mon_target_status(&t, "lager", 2025, 12),
                     MON_OP_KOERS);
    assert_int_equal(mon_target_status(&t, "lager", 2025, 16.25),
                     MON_RISICO);
    assert_int_equal(mon_target_status(&t, "lager", 2025, 16.5),
                     MON_UIT_KOERS);
    /* after the target year the path stays at the target, and the whole
     * change (10) was planned: a quarter of it is 2.5 */
    assert_int_equal(mon_target_status(&t, "lager", 2035, 12.5),
                     MON_RISICO);
    assert_int_equal(mon_target_status(&t, "lager", 2035, 12.6),
                     MON_UIT_KOERS);
    /* before the baseline year nothing is planned: 5% of 20 */
    assert_int_equal(mon_target_status(&t, "lager", 2018, 21),
                     MON_RISICO);
    assert_int_equal(mon_target_status(&t, "lager", 2018, 21.1),
                     MON_UIT_KOERS);
    /* a neutral indicator follows the way its target moves */
    assert_int_equal(mon_target_status(&t, "neutraal", 2025, 16.5),
                     MON_UIT_KOERS);
    assert_int_equal(mon_target_status(&t, "neutraal", 2025, 14),
                     MON_OP_KOERS);
    assert_string_equal(mon_status_code(MON_UIT_KOERS), "uit-koers");
    assert_string_equal(mon_status_label(MON_OP_KOERS), "op koers");
    assert_string_equal(mon_status_code(MON_GEEN), "geen");
}

static void test_target_save_and_status(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct actor sec = actor(ROLE_SECRETARIS);
    struct mon_target t = target(2015, 100, 2019, 180), got;
    struct mon_indicator ind;
    struct fault f = { 0 };
    sqlite3_int64 id, owner = 0;

    assert_int_equal(mon_indicator_get(db, "studenten", &ind), 1);
    assert_int_equal(mon_indicator_status(db, &ind), MON_GEEN);
    snprintf(t.note, sizeof t.note, "Uit het actieplan");
    id = mon_target_save(db, &sec, 1, &t, &f);
    assert_true(id > 0);
    assert_int_equal(mon_target_get(db, 1, "NL01", "", &got), 1);
    assert_int_equal(got.id, id);
    assert_int_equal(got.target_year, 2019);
    assert_true(got.target_value == 180);
    assert_string_equal(got.note, "Uit het actieplan");
    assert_int_equal(mon_target_by_id(db, id, &owner, &got), 1);
    assert_int_equal(owner, 1);
    /* newest value 130 in 2017; path 140, a quarter of 40 is 10 */
    assert_int_equal(mon_indicator_status(db, &ind), MON_RISICO);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE action = "
                               "'streefwaarde.vastleggen' AND result = "
                               "'gelukt'"), 1);

    /* a second target for the same cell is a conflict */
    memset(&f, 0, sizeof f);
    assert_int_equal(mon_target_save(db, &sec, 1, &t, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);

    /* the same cell for vrouw is another target */
    snprintf(t.disagg, sizeof t.disagg, "geslacht=vrouw");
    assert_true(mon_target_save(db, &sec, 1, &t, &f) > id);

    /* update: lower the target, now op koers */
    got.target_value = 120;
    memset(&f, 0, sizeof f);
    assert_int_equal(mon_target_save(db, &sec, 1, &got, &f), id);
    assert_int_equal(mon_indicator_status(db, &ind), MON_OP_KOERS);
    /* moving it onto the vrouw target is a conflict */
    snprintf(got.disagg, sizeof got.disagg, "geslacht=vrouw");
    assert_int_equal(mon_target_save(db, &sec, 1, &got, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    /* an id of another indicator does not exist there */
    snprintf(got.disagg, sizeof got.disagg, "%s", "");
    assert_int_equal(mon_target_save(db, &sec, 2, &got, &f), -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
    /* unknown indicator */
    got.id = 0;
    assert_int_equal(mon_target_save(db, &sec, 99, &got, &f), -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);

    assert_int_equal(mon_target_delete(db, &sec, id, &f), 0);
    assert_int_equal(mon_target_get(db, 1, "NL01", "", &got), 0);
    assert_int_equal(mon_target_delete(db, &sec, id, &f), -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE action = "
                               "'streefwaarde.verwijderen'"), 1);
}

/* Every refusal leaves the target table as it was. */
static void test_target_refusals(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct actor sec = actor(ROLE_SECRETARIS), dln = actor(ROLE_DEELNEMER);
    struct actor anon = actor(ROLE_NONE);
    struct mon_target t = target(2015, 100, 2019, 180), bad;
    struct fault f = { 0 };
    sqlite3_int64 id;
    static const char *const bad_keys[] = {
        "geslacht", "=vrouw", "geslacht=", "geslacht=onbekend",
        "regio=PV20", "niveau=4;geslacht=vrouw", "geslacht=vrouw;",
        "geslacht=vrouw;geslacht=man", "geslacht=vrouw=man", NULL
    };
    size_t i;

    assert_int_equal(mon_target_save(db, &dln, 1, &t, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(mon_target_save(db, &anon, 1, &t, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE action = "
                               "'streefwaarde.vastleggen' AND result = "
                               "'geweigerd'"), 2);

    bad = t;
    snprintf(bad.region, sizeof bad.region, "PV99");
    assert_int_equal(mon_target_save(db, &sec, 1, &bad, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "PV99"));

    for (i = 0; bad_keys[i]; i++) {
        bad = t;
        snprintf(bad.disagg, sizeof bad.disagg, "%s", bad_keys[i]);
        memset(&f, 0, sizeof f);
        assert_int_equal(mon_target_save(db, &sec, 1, &bad, &f), -1);
        assert_int_equal(f.kind, FAULT_INVALID);
    }
    /* a key of both dimensions in order is fine */
    bad = t;
    snprintf(bad.disagg, sizeof bad.disagg, "geslacht=vrouw;niveau=4");
    assert_int_equal(mon_disagg_check(db, 1, bad.disagg, &f), 1);
    /* uitval has no dimensions */
    assert_int_equal(mon_disagg_check(db, 2, "geslacht=vrouw", &f), 0);

    bad = t;
    bad.target_year = 2015;
    assert_int_equal(mon_target_save(db, &sec, 1, &bad, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "doeljaar"));
    bad = t;
    bad.baseline_year = 1800;
    assert_int_equal(mon_target_save(db, &sec, 1, &bad, &f), -1);
    bad = t;
    bad.target_value = INFINITY;
    assert_int_equal(mon_target_save(db, &sec, 1, &bad, &f), -1);
    bad = t;
    bad.target_value = NAN;
    assert_int_equal(mon_target_save(db, &sec, 1, &bad, &f), -1);
    bad = t;
    bad.goal_id = 42;
    assert_int_equal(mon_target_save(db, &sec, 1, &bad, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    bad = t;
    snprintf(bad.note, sizeof bad.note, "bel\007");
    assert_int_equal(mon_target_save(db, &sec, 1, &bad, &f), -1);
    assert_int_equal(count(db, "SELECT count(*) FROM target"), 0);

    id = mon_target_save(db, &sec, 1, &t, &f);
    assert_true(id > 0);
    assert_int_equal(mon_target_delete(db, &dln, id, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(count(db, "SELECT count(*) FROM target"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_indicator_get, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_series_in_period_order, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(
            test_cross_section_includes_regions_without_value, setup,
            monfixture_close),
        cmocka_unit_test_setup_teardown(test_periods_and_disaggs, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_disagg_label, setup,
                                        monfixture_close),
        cmocka_unit_test(test_target_path),
        cmocka_unit_test(test_status_higher_is_better),
        cmocka_unit_test(test_status_lower_is_better),
        cmocka_unit_test_setup_teardown(test_target_save_and_status, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_target_refusals, setup,
                                        monfixture_close),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
