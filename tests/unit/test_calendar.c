/* test_calendar.c - unit tests for calendar.h: day counts, weekdays,
 * Easter, Dutch public holidays, strict parsing and formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "calendar.h"

static void assert_date(long days, int y, int m, int d)
{
    int yy, mm, dd;

    cal_civil(days, &yy, &mm, &dd);
    assert_int_equal(yy, y);
    assert_int_equal(mm, m);
    assert_int_equal(dd, d);
}

static void test_days(void **state)
{
    (void)state;
    assert_int_equal(cal_days(1970, 1, 1), 0);
    assert_int_equal(cal_days(1970, 1, 2), 1);
    assert_int_equal(cal_days(1969, 12, 31), -1);
    assert_int_equal(cal_days(2000, 3, 1), 11017);
    assert_int_equal(cal_days(2024, 2, 29) + 1, cal_days(2024, 3, 1));
    assert_int_equal(cal_days(2023, 2, 28) + 1, cal_days(2023, 3, 1));
    assert_int_equal(cal_days(2100, 2, 28) + 1, cal_days(2100, 3, 1));
    assert_date(0, 1970, 1, 1);
    assert_date(-1, 1969, 12, 31);
    assert_date(11017, 2000, 3, 1);
}

/* Every day from 1900 to 2200 survives days -> civil -> days. */
static void test_days_roundtrip(void **state)
{
    long d, from = cal_days(1900, 1, 1), to = cal_days(2200, 12, 31);
    int y, m, dd;

    (void)state;
    for (d = from; d <= to; d++) {
        cal_civil(d, &y, &m, &dd);
        assert_int_equal(cal_days(y, m, dd), d);
    }
    assert_int_equal(to - from + 1, 301L * 365 + 73);  /* 73 leap years */
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(cal_weekday(cal_days(1970, 1, 1)), 4);    /* Thursday */
    assert_int_equal(cal_weekday(cal_days(1969, 12, 29)), 1);  /* Monday */
    assert_int_equal(cal_weekday(cal_days(2023, 10, 30)), 1);  /* report */
    assert_int_equal(cal_weekday(cal_days(2024, 2, 29)), 4);
    assert_int_equal(cal_weekday(cal_days(2027, 4, 3)), 6);    /* Saturday */
    assert_int_equal(cal_weekday(cal_days(2027, 4, 4)), 7);    /* Sunday */
    assert_int_equal(cal_weekday(cal_days(2000, 1, 1)), 6);
    assert_string_equal(cal_weekday_name(1), "maandag");
    assert_string_equal(cal_weekday_name(7), "zondag");
    assert_string_equal(cal_weekday_name(0), "");
    assert_string_equal(cal_month_name(1), "januari");
    assert_string_equal(cal_month_name(6), "juni");
    assert_string_equal(cal_month_name(12), "december");
    assert_string_equal(cal_month_name(13), "");
}

static void test_easter(void **state)
{
    (void)state;
    assert_int_equal(cal_easter(2024), cal_days(2024, 3, 31));
    assert_int_equal(cal_easter(2025), cal_days(2025, 4, 20));
    assert_int_equal(cal_easter(2026), cal_days(2026, 4, 5));
    assert_int_equal(cal_easter(2027), cal_days(2027, 3, 28));
    assert_int_equal(cal_easter(2038), cal_days(2038, 4, 25));
    assert_int_equal(cal_easter(2008), cal_days(2008, 3, 23));
    assert_int_equal(cal_easter(1818), cal_days(1818, 3, 22));  /* earliest */
    assert_int_equal(cal_easter(1943), cal_days(1943, 4, 25));  /* latest */
}

static void assert_holiday(int y, int m, int d, const char *name)
{
    const char *h = cal_holiday(cal_days(y, m, d));

    if (name == NULL) {
        assert_null(h);
        return;
    }
    assert_non_null(h);
    assert_string_equal(h, name);
}

static void test_holidays(void **state)
{
    (void)state;
    /* Koningsdag: 27 April, or 26 April when the 27th is a Sunday */
    assert_holiday(2025, 4, 26, "Koningsdag");
    assert_holiday(2025, 4, 27, NULL);
    assert_holiday(2026, 4, 27, "Koningsdag");
    assert_holiday(2026, 4, 26, NULL);
    assert_holiday(2027, 4, 27, "Koningsdag");
    /* Easter-based, 2027 */
    assert_holiday(2027, 3, 26, "Goede Vrijdag");
    assert_holiday(2027, 3, 28, "Eerste Paasdag");
    assert_holiday(2027, 3, 29, "Tweede Paasdag");
    assert_holiday(2027, 5, 6, "Hemelvaartsdag");
    assert_holiday(2027, 5, 16, "Eerste Pinksterdag");
    assert_holiday(2027, 5, 17, "Tweede Pinksterdag");
    /* fixed dates; Bevrijdingsdag every year (a Koers decision) */
    assert_holiday(2027, 1, 1, "Nieuwjaarsdag");
    assert_holiday(2027, 5, 5, "Bevrijdingsdag");
    assert_holiday(2026, 5, 5, "Bevrijdingsdag");
    assert_holiday(2027, 12, 25, "Eerste Kerstdag");
    assert_holiday(2027, 12, 26, "Tweede Kerstdag");
    assert_holiday(2027, 12, 24, NULL);
    assert_holiday(2027, 12, 31, NULL);
    assert_holiday(2027, 6, 12, NULL);
    /* 2024 for good measure */
    assert_holiday(2024, 4, 1, "Tweede Paasdag");
    assert_holiday(2024, 5, 9, "Hemelvaartsdag");
    assert_holiday(2024, 5, 20, "Tweede Pinksterdag");
}

static void test_workday(void **state)
{
    (void)state;
    assert_true(cal_is_workday(cal_days(2027, 6, 15)));    /* Tuesday */
    assert_false(cal_is_workday(cal_days(2027, 6, 12)));   /* Saturday */
    assert_false(cal_is_workday(cal_days(2027, 6, 13)));   /* Sunday */
    assert_false(cal_is_workday(cal_days(2027, 4, 27)));   /* Koningsdag */
    assert_false(cal_is_workday(cal_days(2027, 5, 6)));    /* Hemelvaart */
    assert_true(cal_is_workday(cal_days(2027, 5, 7)));     /* Friday after */
}

static void test_parse_date(void **state)
{
    long d;

    (void)state;
    assert_int_equal(cal_parse_date("2024-02-29", &d), 0);
    assert_int_equal(d, cal_days(2024, 2, 29));
    assert_int_equal(cal_parse_date("1900-01-01", &d), 0);
    assert_int_equal(cal_parse_date("2200-12-31", &d), 0);
    assert_int_equal(cal_parse_date("2023-02-29", &d), -1);
    assert_int_equal(cal_parse_date("2100-02-29", &d), -1);
    assert_int_equal(cal_parse_date("2024-13-01", &d), -1);
    assert_int_equal(cal_parse_date("2024-00-10", &d), -1);
    assert_int_equal(cal_parse_date("2024-04-31", &d), -1);
    assert_int_equal(cal_parse_date("2024-01-00", &d), -1);
    assert_int_equal(cal_parse_date("2024-1-01", &d), -1);
    assert_int_equal(cal_parse_date("2024-01-1", &d), -1);
    assert_int_equal(cal_parse_date("2024-01-01 ", &d), -1);
    assert_int_equal(cal_parse_date(" 2024-01-01", &d), -1);
    assert_int_equal(cal_parse_date("2024/01/01", &d), -1);
    assert_int_equal(cal_parse_date("+024-01-01", &d), -1);
    assert_int_equal(cal_parse_date("1899-12-31", &d), -1);
    assert_int_equal(cal_parse_date("2201-01-01", &d), -1);
    assert_int_equal(cal_parse_date("", &d), -1);
    assert_int_equal(cal_parse_date(NULL, &d), -1);
}

static void test_parse_datetime(void **state)
{
    long d;
    int min;

    (void)state;
    assert_int_equal(cal_parse_datetime("2027-06-12T09:30", &d, &min), 0);
    assert_int_equal(d, cal_days(2027, 6, 12));
    assert_int_equal(min, 9 * 60 + 30);
    assert_int_equal(cal_parse_datetime("2027-06-12T00:00", &d, &min), 0);
    assert_int_equal(min, 0);
    assert_int_equal(cal_parse_datetime("2027-06-12T23:59", &d, &min), 0);
    assert_int_equal(min, 23 * 60 + 59);
    assert_int_equal(cal_parse_datetime("2024-01-01T24:00", &d, &min), -1);
    assert_int_equal(cal_parse_datetime("2024-01-01T12:60", &d, &min), -1);
    assert_int_equal(cal_parse_datetime("2024-01-01 12:00", &d, &min), -1);
    assert_int_equal(cal_parse_datetime("2024-01-01T1:00", &d, &min), -1);
    assert_int_equal(cal_parse_datetime("2024-01-01T12:00:00", &d, &min), -1);
    assert_int_equal(cal_parse_datetime("2023-02-29T12:00", &d, &min), -1);
    assert_int_equal(cal_parse_datetime("2024-01-01", &d, &min), -1);
    assert_int_equal(cal_parse_datetime(NULL, &d, &min), -1);
}

static void test_format(void **state)
{
    char s[11], t[17], l[64];
    long d;
    int min;

    (void)state;
    cal_format_date(cal_days(2027, 6, 15), s);
    assert_string_equal(s, "2027-06-15");
    cal_format_datetime(cal_days(2027, 6, 12), 9 * 60 + 30, t);
    assert_string_equal(t, "2027-06-12T09:30");
    cal_format_long(cal_days(2027, 6, 15), l, sizeof l);
    assert_string_equal(l, "dinsdag 15 juni 2027");
    cal_format_long(cal_days(2027, 4, 3), l, sizeof l);
    assert_string_equal(l, "zaterdag 3 april 2027");
    /* round trips */
    assert_int_equal(cal_parse_date("2024-02-29", &d), 0);
    cal_format_date(d, s);
    assert_string_equal(s, "2024-02-29");
    assert_int_equal(cal_parse_datetime("1999-12-31T23:59", &d, &min), 0);
    cal_format_datetime(d, min, t);
    assert_string_equal(t, "1999-12-31T23:59");
    for (d = cal_days(2020, 1, 1); d < cal_days(2031, 1, 1); d += 13) {
        long back;

        cal_format_date(d, s);
        assert_int_equal(cal_parse_date(s, &back), 0);
        assert_int_equal(back, d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_days_roundtrip),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_easter),
        cmocka_unit_test(test_holidays),
        cmocka_unit_test(test_workday),
        cmocka_unit_test(test_parse_date),
        cmocka_unit_test(test_parse_datetime),
        cmocka_unit_test(test_format),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
