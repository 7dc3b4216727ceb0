/* calendar.c - civil dates, weekdays and Dutch public holidays (see
 * calendar.h).
 *
 * Owns: the day count (days since 1970-01-01, proleptic Gregorian), the
 * holiday table of the Netherlands as Koers uses it, and the strict text
 * forms of dates and times. No time zones and no locale: names are Dutch
 * literals, numbers are ASCII. */
#include "calendar.h"

#include <stdio.h>
#include <string.h>

static const char *const month_names[12] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"
};

static const char *const weekday_names[7] = {
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
    "zondag"
};

/* Days since 1970-01-01 of a civil date; Howard Hinnant's
 * days_from_civil ("chrono-Compatible Low-Level Date Algorithms"). Valid
 * for any year; the caller supplies a real date. */
long cal_days(int y, int m, int d)
{
    long yy = (long)y - (m <= 2 ? 1 : 0);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;                                /* [0, 399] */
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;         /* [0, 146096] */

    return era * 146097 + doe - 719468;
}

/* The inverse: Hinnant's civil_from_days. */
void cal_civil(long days, int *y, int *m, int *d)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp < 10 ? mp + 3 : mp - 9;

    *y = (int)(yoe + era * 400 + (mm <= 2 ? 1 : 0));
    *m = (int)mm;
    *d = (int)dd;
}

/* 1970-01-01 was a Thursday (ISO 4). */
int cal_weekday(long days)
{
    long r = (days % 7 + 7) % 7;      /* 0 = Thursday */

    return (int)((r + 3) % 7) + 1;
}

/* Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/
 * Butcher). Outside 1583..9999 the Gregorian rule still yields a date;
 * callers in Koers stay in 1900..2200. */
long cal_easter(int year)
{
    int a = year % 19, b = year / 100, c = year % 100;
    int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int mm = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * mm + 114) / 31;
    int day = (h + l - 7 * mm + 114) % 31 + 1;

    return cal_days(year, month, day);
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_len(int y, int m)
{
    static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
                                 30, 31 };

    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* The public holidays Koers keeps free of meetings. Decisions:
 * - Bevrijdingsdag (5 May) counts every year, not only every fifth year
 *   as in many collective agreements: many organisations are closed or
 *   half-staffed that day, so Koers never plans a meeting on it.
 * - Goede Vrijdag counts too, for the same reason (many government and
 *   education bodies are closed).
 * - Koningsdag is 27 April, or Saturday 26 April when the 27th is a
 *   Sunday. The rule is applied to every year: Koers plans forward, and
 *   the pre-2014 Koninginnedag (30 April) is not modelled. */
const char *cal_holiday(long days)
{
    int y, m, d;
    long easter;

    cal_civil(days, &y, &m, &d);
    if (m == 1 && d == 1)
        return "Nieuwjaarsdag";
    if (m == 12 && d == 25)
        return "Eerste Kerstdag";
    if (m == 12 && d == 26)
        return "Tweede Kerstdag";
    if (m == 5 && d == 5)
        return "Bevrijdingsdag";
    if (m == 4 && (d == 26 || d == 27)) {
        int sunday27 = cal_weekday(cal_days(y, 4, 27)) == 7;

        if ((d == 27 && !sunday27) || (d == 26 && sunday27))
            return "Koningsdag";
    }
    easter = cal_easter(y);
    if (days == easter - 2)
        return "Goede Vrijdag";
    if (days == easter)
        return "Eerste Paasdag";
    if (days == easter + 1)
        return "Tweede Paasdag";
    if (days == easter + 39)
        return "Hemelvaartsdag";
    if (days == easter + 49)
        return "Eerste Pinksterdag";
    if (days == easter + 50)
        return "Tweede Pinksterdag";
    return NULL;
}

int cal_is_workday(long days)
{
    return cal_weekday(days) <= 5 && cal_holiday(days) == NULL;
}

/* n decimal digits at s, no sign, no spaces; -1 when any is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0, i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Parse exactly "YYYY-MM-DD" at s (no terminator check). */
static int parse_ymd(const char *s, long *days)
{
    int y, m, d;

    if (s[4] != '-' || s[7] != '-')
        return -1;
    y = digits(s, 4);
    m = digits(s + 5, 2);
    d = digits(s + 8, 2);
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
        d > month_len(y, m))
        return -1;
    *days = cal_days(y, m, d);
    return 0;
}

int cal_parse_date(const char *s, long *days)
{
    if (s == NULL || strlen(s) != 10)
        return -1;
    return parse_ymd(s, days);
}

int cal_parse_datetime(const char *s, long *days, int *minute)
{
    int hh, mi;

    if (s == NULL || strlen(s) != 16 || s[10] != 'T' || s[13] != ':')
        return -1;
    hh = digits(s + 11, 2);
    mi = digits(s + 14, 2);
    if (hh < 0 || hh > 23 || mi < 0 || mi > 59)
        return -1;
    if (parse_ymd(s, days) != 0)
        return -1;
    *minute = hh * 60 + mi;
    return 0;
}

void cal_format_date(long days, char out[11])
{
    int y, m, d;

    cal_civil(days, &y, &m, &d);
    /* years outside 0..9999 do not fit; Koers never formats them */
    if (y < 0 || y > 9999) {
        memcpy(out, "0000-00-00", 11);
        return;
    }
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

void cal_format_datetime(long days, int minute, char out[17])
{
    char date[11];

    if (minute < 0 || minute >= 24 * 60)
        minute = 0;
    cal_format_date(days, date);
    snprintf(out, 17, "%sT%02d:%02d", date, minute / 60, minute % 60);
}

void cal_format_long(long days, char *out, size_t len)
{
    int y, m, d;

    cal_civil(days, &y, &m, &d);
    snprintf(out, len, "%s %d %s %d", cal_weekday_name(cal_weekday(days)), d,
             cal_month_name(m), y);
}

const char *cal_month_name(int m)
{
    return m >= 1 && m <= 12 ? month_names[m - 1] : "";
}

const char *cal_weekday_name(int iso_weekday)
{
    return iso_weekday >= 1 && iso_weekday <= 7 ?
           weekday_names[iso_weekday - 1] : "";
}
