/* period.h - monitor periods: calendar year, studiejaar, half year,
 * quarter and month, and the CBS period codes that name them.
 *
 * Owns: parsing and formatting of period codes and their calendar bounds,
 * and the period table (insert-or-get). Codes are the CBS StatLine codes
 * 2016JJ00 (year), 2016HJ01 (first half), 2016KW02 (second quarter),
 * 2016MM03 (March), plus Koers's studiejaar codes 2016SJ10 (school year
 * 2016/2017 starting 1 October, DUO's reference date) and 2016SJ09 (starting
 * 1 September). CBS appends spaces and sometimes a suffix ("2016JJ00  ");
 * surrounding spaces are ignored, anything else is refused. */
#ifndef KOERS_PERIOD_H
#define KOERS_PERIOD_H

#include <sqlite3.h>

enum period_kind {
    PERIOD_JAAR,
    PERIOD_STUDIEJAAR,
    PERIOD_HALFJAAR,
    PERIOD_KWARTAAL,
    PERIOD_MAAND,
    PERIOD_KIND_COUNT
};

struct period {
    enum period_kind kind;
    int year;          /* calendar year the period starts in */
    int num;           /* 0 (year), 1-2, 1-4, 1-12, or 9/10 (SJ start) */
    char code[16];     /* canonical code, e.g. "2016KW02" */
    char starts[11];   /* first day, YYYY-MM-DD */
    char ends[11];     /* last day, YYYY-MM-DD */
    char name[48];     /* Dutch: "2016", "studiejaar 2016/2017",
                          "1e halfjaar 2016", "2e kwartaal 2016",
                          "maart 2016" */
};

/* "jaar", "studiejaar", "halfjaar", "kwartaal", "maand". */
const char *period_kind_code(enum period_kind k);
/* -1 when unknown. */
int period_kind_parse(const char *code);

/* Parse a code (see above). 0 on success, -1 when invalid (p untouched
 * apart from scratch). Years 1900-2199. */
int period_parse(const char *code, struct period *p);
/* Build a period from its parts; -1 when out of range. */
int period_make(enum period_kind kind, int year, int num, struct period *p);

/* The id of the period in the store, inserting it when new. 0 on success,
 * -1 on a store error. */
int period_ensure(sqlite3 *db, const struct period *p, sqlite3_int64 *id);

#endif
