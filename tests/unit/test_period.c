/* test_period.c - unit tests for period.h: every kind of CBS period code
 * and Koers's studiejaar codes, their bounds (leap years, school years
 * over the turn of the year), Dutch names, padded codes as CBS writes
 * them, refusals, and period_ensure against a real store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "period.h"
#include "store.h"

static void check(const char *code, enum period_kind kind, int year, int num,
                  const char *canon, const char *starts, const char *ends,
                  const char *name)
{
    struct period p;

    assert_int_equal(period_parse(code, &p), 0);
    assert_int_equal(p.kind, kind);
    assert_int_equal(p.year, year);
    assert_int_equal(p.num, num);
    assert_string_equal(p.code, canon);
    assert_string_equal(p.starts, starts);
    assert_string_equal(p.ends, ends);
    assert_string_equal(p.name, name);
}

static void test_every_kind(void **state)
{
    (void)state;
    check("2016JJ00", PERIOD_JAAR, 2016, 0, "2016JJ00", "2016-01-01",
          "2016-12-31", "2016");
    check("2016HJ01", PERIOD_HALFJAAR, 2016, 1, "2016HJ01", "2016-01-01",
          "2016-06-30", "1e halfjaar 2016");
    check("2016HJ02", PERIOD_HALFJAAR, 2016, 2, "2016HJ02", "2016-07-01",
          "2016-12-31", "2e halfjaar 2016");
    check("2016KW02", PERIOD_KWARTAAL, 2016, 2, "2016KW02", "2016-04-01",
          "2016-06-30", "2e kwartaal 2016");
    check("2016KW04", PERIOD_KWARTAAL, 2016, 4, "2016KW04", "2016-10-01",
          "2016-12-31", "4e kwartaal 2016");
    check("2016MM03", PERIOD_MAAND, 2016, 3, "2016MM03", "2016-03-01",
          "2016-03-31", "maart 2016");
    check("2016MM02", PERIOD_MAAND, 2016, 2, "2016MM02", "2016-02-01",
          "2016-02-29", "februari 2016");
    check("2019MM02", PERIOD_MAAND, 2019, 2, "2019MM02", "2019-02-01",
          "2019-02-28", "februari 2019");
    check("1900MM02", PERIOD_MAAND, 1900, 2, "1900MM02", "1900-02-01",
          "1900-02-28", "februari 1900");
    check("2000MM02", PERIOD_MAAND, 2000, 2, "2000MM02", "2000-02-01",
          "2000-02-29", "februari 2000");
    check("2016SJ10", PERIOD_STUDIEJAAR, 2016, 10, "2016SJ10", "2016-10-01",
          "2017-09-30", "studiejaar 2016/2017");
    check("2016SJ09", PERIOD_STUDIEJAAR, 2016, 9, "2016SJ09", "2016-09-01",
          "2017-08-31", "studiejaar 2016/2017");
    check("2015MM12", PERIOD_MAAND, 2015, 12, "2015MM12", "2015-12-01",
          "2015-12-31", "december 2015");
}

/* CBS pads its keys with spaces ("NL01  ", "2016JJ00  "). */
static void test_padded(void **state)
{
    (void)state;
    check("  2016JJ00  ", PERIOD_JAAR, 2016, 0, "2016JJ00", "2016-01-01",
          "2016-12-31", "2016");
}

static void test_refused(void **state)
{
    static const char *const bad[] = {
        "", "2016", "2016JJ01", "2016HJ00", "2016HJ03", "2016KW00",
        "2016KW05", "2016MM00", "2016MM13", "2016SJ08", "2016SJ11",
        "2016XX01", "2016jj00", "1899JJ00", "2200JJ00", "20a6JJ00",
        "2016JJ0", "2016JJ000", "2016JJ00x", "2016 JJ00", "2016JJ00\t",
        "２016JJ00", NULL };
    struct period p;
    size_t i;

    (void)state;
    for (i = 0; bad[i]; i++)
        if (period_parse(bad[i], &p) == 0)
            fail_msg("accepted '%s'", bad[i]);
    assert_int_equal(period_parse(NULL, &p), -1);
    assert_int_equal(period_make(PERIOD_JAAR, 2016, 1, &p), -1);
    assert_int_equal(period_make(PERIOD_KIND_COUNT, 2016, 0, &p), -1);
    assert_int_equal(period_make(PERIOD_MAAND, 2199, 12, &p), 0);
    assert_string_equal(p.ends, "2199-12-31");
}

static void test_kind_codes(void **state)
{
    int k;

    (void)state;
    for (k = 0; k < PERIOD_KIND_COUNT; k++)
        assert_int_equal(period_kind_parse(period_kind_code(
                             (enum period_kind)k)), k);
    assert_int_equal(period_kind_parse("week"), -1);
    assert_int_equal(period_kind_parse(NULL), -1);
    assert_string_equal(period_kind_code(PERIOD_STUDIEJAAR), "studiejaar");
}

static void test_ensure(void **state)
{
    struct store_fixture fx;
    struct period p, q;
    sqlite3_int64 a = 0, b = 0, c = 0;
    char err[256];

    (void)state;
    assert_int_equal(fixture_open(&fx, "/tmp/koers-period-XXXXXX", err,
                                  sizeof err), 0);
    assert_int_equal(period_parse("2017SJ10", &p), 0);
    assert_int_equal(period_parse("2017JJ00", &q), 0);
    assert_int_equal(period_ensure(fx.db, &p, &a), 0);
    assert_int_equal(period_ensure(fx.db, &p, &b), 0);
    assert_int_equal(period_ensure(fx.db, &q, &c), 0);
    assert_true(a > 0);
    assert_int_equal(a, b);
    assert_true(c != a);
    assert_int_equal(store_count(fx.db, "SELECT count(*) FROM period WHERE "
                                 "code = '2017SJ10' AND kind = 'studiejaar' "
                                 "AND starts = '2017-10-01' AND ends = "
                                 "'2018-09-30' AND name = 'studiejaar "
                                 "2017/2018' AND num = 10 AND year = 2017",
                                 NULL), 1);
    assert_int_equal(fixture_close(&fx), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_kind),
        cmocka_unit_test(test_padded),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_kind_codes),
        cmocka_unit_test(test_ensure),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
