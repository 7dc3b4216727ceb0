/* test_monjson.c - unit tests for monjson.h against a real store: the
 * chart series in time order (also when period ids are not), with its
 * target path and status, errors that name the parameter, an empty
 * series for a valid key without data, the JSON-stat dataset's shape and
 * values, observations with filters, and the parsing of a target from
 * JSON. Each test gets the small cube of monfixture.h (the one
 * test_monitor.c uses) in a fresh temporary store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "buf.h"
#include "monfixture.h"
#include "monjson.h"
#include "store.h"

static int setup(void **state)
{
    return monfixture_open(state, "/tmp/koers-monjson-XXXXXX",
                           monfixture_cube());
}

/* The series as parsed JSON (NULL on failure, f filled). */
static json_t *series(sqlite3 *db, const char *ind, const char *region,
                      const char *disagg, struct fault *f)
{
    struct buf b;
    json_t *j = NULL;

    buf_init(&b, 1 << 20);
    buf_puts(&b, "");
    if (monjson_series(db, ind, region, disagg, &b, f) == 0)
        j = json_loads(buf_str(&b), 0, NULL);
    else
        assert_int_equal(b.len, 0);   /* nothing half written */
    buf_free(&b);
    return j;
}

static void test_series_in_time_order(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };
    json_t *j, *pts;

    /* NL01 total: period ids 1, 2, 3 are 2017, 2015, 2016 */
    j = series(db, "studenten", "NL01", "", &f);
    assert_non_null(j);
    pts = json_object_get(j, "punten");
    assert_int_equal(json_array_size(pts), 3);
    assert_string_equal(json_string_value(json_object_get(
        json_array_get(pts, 0), "periode")), "2015SJ10");
    assert_string_equal(json_string_value(json_object_get(
        json_array_get(pts, 2), "periode")), "2017SJ10");
    assert_int_equal(json_integer_value(json_object_get(
        json_array_get(pts, 2), "waarde")), 130);
    assert_string_equal(json_string_value(json_object_get(
        json_array_get(pts, 2), "status")), "voorlopig");
    assert_string_equal(json_string_value(json_object_get(
        json_array_get(pts, 2), "oorsprong")), "opgeteld");
    assert_string_equal(json_string_value(json_object_get(json_object_get(
        j, "regio"), "naam")), "Nederland");
    assert_string_equal(json_string_value(json_object_get(json_object_get(
        j, "uitsplitsing"), "naam")), "totaal");
    assert_true(json_is_null(json_object_get(j, "streefwaarde")));
    json_decref(j);

    /* vrouw: ids 2, 3 in order (the fast path) */
    j = series(db, "studenten", "NL01", "geslacht=vrouw", &f);
    pts = json_object_get(j, "punten");
    assert_int_equal(json_array_size(pts), 2);
    assert_int_equal(json_integer_value(json_object_get(
        json_array_get(pts, 1), "waarde")), 40);
    assert_string_equal(json_string_value(json_object_get(json_object_get(
        j, "uitsplitsing"), "naam")), "vrouw");
    json_decref(j);

    /* NULL region and key: NL01, total */
    j = series(db, "uitval", NULL, NULL, &f);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "punten")), 2);
    assert_true(json_number_value(json_object_get(json_array_get(
        json_object_get(j, "punten"), 1), "waarde")) == 7.25);
    json_decref(j);
}

static void test_series_errors_and_empty(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };
    json_t *j;

    assert_null(series(db, "onbekend", "NL01", "", &f));
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_true(strncmp(f.msg, "indicator", 9) == 0);
    assert_null(series(db, "studenten", "PV99", "", &f));
    assert_true(strncmp(f.msg, "regio", 5) == 0);
    assert_null(series(db, "studenten", "NL01", "geslacht=x", &f));
    assert_true(strncmp(f.msg, "uitsplitsing", 12) == 0);
    /* a key of another indicator's dimension */
    assert_null(series(db, "uitval", "NL01", "geslacht=vrouw", &f));
    assert_true(strncmp(f.msg, "uitsplitsing", 12) == 0);
    /* valid but without data: empty, with the label */
    j = series(db, "studenten", "PV21", "geslacht=vrouw;niveau=4", &f);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "punten")), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(
        j, "uitsplitsing"), "naam")), "vrouw, mbo niveau 4");
    json_decref(j);
}

static void test_series_target(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };
    json_t *j, *t, *pad;

    assert_int_equal(sqlite3_exec(db, "INSERT INTO target(indicator_id, "
        "region_code, disagg_key, baseline_year, baseline_value, "
        "target_year, target_value) VALUES (1,'NL01','',2015,100,2019,"
        "180)", NULL, NULL, NULL), SQLITE_OK);
    j = series(db, "studenten", "NL01", "", &f);
    t = json_object_get(j, "streefwaarde");
    assert_true(json_is_object(t));
    pad = json_object_get(t, "pad");
    assert_int_equal(json_array_size(pad), 5);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(
        pad, 2), "waarde")), 140);
    /* newest 130 in 2017 against 140: behind 10 <= a quarter of 40 */
    assert_string_equal(json_string_value(json_object_get(t, "status")),
                        "risico");
    json_decref(j);
    /* another cell has no target */
    j = series(db, "studenten", "PV20", "", &f);
    assert_true(json_is_null(json_object_get(j, "streefwaarde")));
    json_decref(j);
}

static void test_jsonstat(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct fault f = { 0 };
    struct buf b;
    json_t *j, *v, *idx;

    buf_init(&b, 1 << 20);
    assert_int_equal(monjson_jsonstat(db, "studenten", NULL, "provincie",
                                      &b, &f), 0);
    j = json_loads(buf_str(&b), 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "version")),
                        "2.0");
    /* PV20 and PV22 have data (2016, total only); the periods and keys
     * are those of the indicator, so slices of one cube line up */
    v = json_object_get(j, "size");
    assert_int_equal(json_integer_value(json_array_get(v, 1)), 2);
    assert_int_equal(json_integer_value(json_array_get(v, 2)), 3);
    assert_int_equal(json_integer_value(json_array_get(v, 3)), 2);
    idx = json_object_get(json_object_get(json_object_get(json_object_get(
        j, "dimension"), "regio"), "category"), "index");
    assert_string_equal(json_string_value(json_array_get(idx, 1)), "PV22");
    v = json_object_get(j, "value");
    assert_int_equal(json_array_size(v), 12);
    /* row-major: (region * 3 + period) * 2 + key; 2016SJ10 is period 1 */
    assert_int_equal(json_integer_value(json_array_get(v, 2)), 70);
    assert_int_equal(json_integer_value(json_array_get(v, 8)), 50);
    assert_true(json_is_null(json_array_get(v, 0)));
    json_decref(j);

    /* the whole cube: NL01 first; voorlopig marked */
    buf_reset(&b);
    assert_int_equal(monjson_jsonstat(db, "studenten", NULL, NULL, &b, &f),
                     0);
    j = json_loads(buf_str(&b), 0, NULL);
    assert_non_null(j);
    v = json_object_get(j, "size");
    /* NL01, PV20, PV22, GM0001 x 3 periods x 2 keys */
    assert_int_equal(json_integer_value(json_array_get(v, 1)), 4);
    assert_int_equal(json_array_size(json_object_get(j, "value")), 24);
    /* NL01 2017SJ10 total is cell (0*3+2)*2+0 = 4 */
    assert_int_equal(json_integer_value(json_array_get(json_object_get(
        j, "value"), 4)), 130);
    assert_string_equal(json_string_value(json_object_get(json_object_get(
        j, "status"), "4")), "v");
    assert_true(json_is_null(json_array_get(json_object_get(j, "value"),
                                            5)));
    json_decref(j);

    buf_reset(&b);
    assert_int_equal(monjson_jsonstat(db, "onbekend", NULL, NULL, &b, &f),
                     -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
    assert_int_equal(monjson_jsonstat(db, "studenten", "XX01", NULL, &b,
                                      &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(monjson_jsonstat(db, "studenten", NULL, "dorp", &b,
                                      &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    buf_free(&b);
}

static void test_observations(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct monjson_obs_filter flt = { "studenten", NULL, NULL, NULL, -1 };
    struct fault f = { 0 };
    long long total = 0;
    json_t *j;

    j = monjson_observations(db, &flt, 0, 100, &total, &f);
    assert_int_equal(total, 8);
    assert_int_equal(json_array_size(j), 8);
    json_decref(j);
    flt.origin = 0;
    j = monjson_observations(db, &flt, 0, 100, &total, &f);
    assert_int_equal(total, 2);   /* the two imported rows */
    json_decref(j);
    flt.origin = -1;
    flt.region = "NL01";
    flt.disagg = "";
    j = monjson_observations(db, &flt, 1, 1, &total, &f);
    assert_int_equal(total, 3);
    assert_int_equal(json_array_size(j), 1);
    json_decref(j);
    /* a valid key without a row: nothing, not an error */
    flt.disagg = "geslacht=man;niveau=4";
    j = monjson_observations(db, &flt, 0, 10, &total, &f);
    assert_non_null(j);
    assert_int_equal(total, 0);
    json_decref(j);
    flt.disagg = NULL;
    flt.period = "2099JJ00";
    assert_null(monjson_observations(db, &flt, 0, 10, &total, &f));
    assert_true(strncmp(f.msg, "periode", 7) == 0);
}

static void test_target_parse(void **state)
{
    sqlite3 *db = monfixture_db(state);
    struct mon_target t;
    struct fault f = { 0 };
    sqlite3_int64 ind = 0;
    json_t *in;

    in = json_loads("{\"indicator\":\"studenten\",\"basisjaar\":2015,"
                    "\"basiswaarde\":1.5,\"doeljaar\":2020,"
                    "\"doelwaarde\":3,\"doel\":null}", 0, NULL);
    assert_int_equal(monjson_target_parse(db, in, &ind, &t, &f), 0);
    assert_int_equal(ind, 1);
    assert_string_equal(t.region, "NL01");
    assert_string_equal(t.disagg, "");
    assert_true(t.baseline_value == 1.5 && t.target_value == 3);
    assert_int_equal(t.goal_id, 0);
    json_decref(in);
    /* the indicator of an existing target may not change */
    in = json_loads("{\"indicator\":\"uitval\",\"basisjaar\":2015,"
                    "\"basiswaarde\":1,\"doeljaar\":2020,"
                    "\"doelwaarde\":3}", 0, NULL);
    assert_int_equal(monjson_target_parse(db, in, &ind, &t, &f), -1);
    json_decref(in);
    ind = 0;
    in = json_loads("{\"basisjaar\":2015,\"basiswaarde\":1,"
                    "\"doeljaar\":2020,\"doelwaarde\":3}", 0, NULL);
    assert_int_equal(monjson_target_parse(db, in, &ind, &t, &f), -1);
    assert_non_null(strstr(f.msg, "indicator"));
    json_decref(in);
    in = json_loads("{\"indicator\":\"studenten\",\"basisjaar\":\"2015\","
                    "\"basiswaarde\":1,\"doeljaar\":2020,"
                    "\"doelwaarde\":3}", 0, NULL);
    assert_int_equal(monjson_target_parse(db, in, &ind, &t, &f), -1);
    assert_non_null(strstr(f.msg, "basisjaar"));
    json_decref(in);
    in = json_loads("{\"indicator\":\"studenten\",\"regio\":"
                    "\"ABCDEFGHIJKLMNOP\",\"basisjaar\":2015,"
                    "\"basiswaarde\":1,\"doeljaar\":2020,"
                    "\"doelwaarde\":3}", 0, NULL);
    assert_int_equal(monjson_target_parse(db, in, &ind, &t, &f), -1);
    assert_non_null(strstr(f.msg, "regio"));
    json_decref(in);
}

static void test_put_str_escapes(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 256);
    monjson_put_str(&b, "a\"b\\c\n\x01\xc3\xa9");
    assert_string_equal(buf_str(&b), "\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\"");
    buf_reset(&b);
    monjson_put_num(&b, -12);
    buf_puts(&b, " ");
    monjson_put_num(&b, 0.5);
    buf_puts(&b, " ");
    monjson_put_num(&b, 1.0 / 0.0);
    buf_puts(&b, " ");
    monjson_put_num(&b, 100.0 / 3.0);
    buf_puts(&b, " ");
    monjson_put_num(&b, 0.1);
    assert_string_equal(buf_str(&b),
                        "-12 0.5 null 33.333333333333336 0.1");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_series_in_time_order, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_series_errors_and_empty, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_series_target, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_jsonstat, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_observations, setup,
                                        monfixture_close),
        cmocka_unit_test_setup_teardown(test_target_parse, setup,
                                        monfixture_close),
        cmocka_unit_test(test_put_str_escapes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
