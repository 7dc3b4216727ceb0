/* calendar.h - civil dates, weekdays and Dutch public holidays.
 *
 * Owns: date arithmetic for the meeting cycle. A day is a count of days
 * since 1970-01-01 in the proleptic Gregorian calendar (no time zones
 * here: meetings carry local wall-clock times in Europe/Amsterdam, see
 * meeting.h). Holidays are computed, not listed: Nieuwjaarsdag, Goede
 * Vrijdag, Eerste en Tweede Paasdag, Koningsdag (27 April, or 26 April
 * when the 27th is a Sunday), Bevrijdingsdag (5 May), Hemelvaartsdag,
 * Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag. */
#ifndef KOERS_CALENDAR_H
#define KOERS_CALENDAR_H

#include <stddef.h>

long cal_days(int y, int m, int d);
void cal_civil(long days, int *y, int *m, int *d);
/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int cal_weekday(long days);
/* Easter Sunday of a Gregorian year (1583..9999). */
long cal_easter(int year);
/* Dutch name of the public holiday on that day, or NULL. */
const char *cal_holiday(long days);
/* 1 when the day is Monday-Friday and not a public holiday. */
int cal_is_workday(long days);
/* Strict "YYYY-MM-DD" (a real date, years 1900-2200); 0 on success. */
int cal_parse_date(const char *s, long *days);
/* Strict "YYYY-MM-DDTHH:MM" (00:00-23:59); 0 on success. */
int cal_parse_datetime(const char *s, long *days, int *minute);
void cal_format_date(long days, char out[11]);
void cal_format_datetime(long days, int minute, char out[17]);
/* Dutch: "dinsdag 12 juni 2027". */
void cal_format_long(long days, char *out, size_t len);
/* Dutch month name, 1..12 ("juni"). */
const char *cal_month_name(int m);
const char *cal_weekday_name(int iso_weekday);

#endif
