/* period.c - monitor periods and their codes (see period.h).
 *
 * A code is four digits of year, two letters of kind and two digits:
 * JJ00, HJ01-02, KW01-04, MM01-12, SJ09 or SJ10. Bounds and Dutch names
 * are derived, never stored elsewhere than in the period table. */
#include "period.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

#define PERIOD_YEAR_MIN 1900
#define PERIOD_YEAR_MAX 2199

static const char *const kind_codes[PERIOD_KIND_COUNT] = {
    "jaar", "studiejaar", "halfjaar", "kwartaal", "maand"
};

static const char *const month_names[12] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"
};

const char *period_kind_code(enum period_kind k)
{
    return (unsigned)k < PERIOD_KIND_COUNT ? kind_codes[k] : "";
}

int period_kind_parse(const char *code)
{
    int k;

    for (k = 0; code && k < PERIOD_KIND_COUNT; k++)
        if (strcmp(code, kind_codes[k]) == 0)
            return k;
    return -1;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
                                  30, 31 };

    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Fill starts/ends from the first month `m1` of year `y1` to the last
 * day of month `m2` of year `y2`. */
static void bounds(struct period *p, int y1, int m1, int y2, int m2)
{
    snprintf(p->starts, sizeof p->starts, "%04d-%02d-01", y1, m1);
    snprintf(p->ends, sizeof p->ends, "%04d-%02d-%02d", y2, m2,
             month_days(y2, m2));
}

int period_make(enum period_kind kind, int year, int num, struct period *p)
{
    static const char *const letters[PERIOD_KIND_COUNT] = {
        "JJ", "SJ", "HJ", "KW", "MM"
    };

    if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
        return -1;
    switch (kind) {
    case PERIOD_JAAR:
        if (num != 0)
            return -1;
        bounds(p, year, 1, year, 12);
        snprintf(p->name, sizeof p->name, "%d", year);
        break;
    case PERIOD_STUDIEJAAR:
        if (num != 9 && num != 10)
            return -1;
        bounds(p, year, num, year + 1, num - 1);
        snprintf(p->name, sizeof p->name, "studiejaar %d/%d", year,
                 year + 1);
        break;
    case PERIOD_HALFJAAR:
        if (num < 1 || num > 2)
            return -1;
        bounds(p, year, num * 6 - 5, year, num * 6);
        snprintf(p->name, sizeof p->name, "%de halfjaar %d", num, year);
        break;
    case PERIOD_KWARTAAL:
        if (num < 1 || num > 4)
            return -1;
        bounds(p, year, num * 3 - 2, year, num * 3);
        snprintf(p->name, sizeof p->name, "%de kwartaal %d", num, year);
        break;
    case PERIOD_MAAND:
        if (num < 1 || num > 12)
            return -1;
        bounds(p, year, num, year, num);
        snprintf(p->name, sizeof p->name, "%s %d", month_names[num - 1],
                 year);
        break;
    default:
        return -1;
    }
    p->kind = kind;
    p->year = year;
    p->num = num;
    snprintf(p->code, sizeof p->code, "%04d%s%02d", year, letters[kind],
             num);
    return 0;
}

int period_parse(const char *code, struct period *p)
{
    static const struct { const char *letters; enum period_kind kind; }
        kinds[] = {
            { "JJ", PERIOD_JAAR }, { "SJ", PERIOD_STUDIEJAAR },
            { "HJ", PERIOD_HALFJAAR }, { "KW", PERIOD_KWARTAAL },
            { "MM", PERIOD_MAAND },
        };
    const char *s = code;
    size_t n, i;
    int year = 0, num;

    if (s == NULL)
        return -1;
    while (*s == ' ')
        s++;
    n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n != 8)
        return -1;
    for (i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        year = year * 10 + (s[i] - '0');
    }
    if (s[6] < '0' || s[6] > '9' || s[7] < '0' || s[7] > '9')
        return -1;
    num = (s[6] - '0') * 10 + (s[7] - '0');
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (s[4] == kinds[i].letters[0] && s[5] == kinds[i].letters[1])
            return period_make(kinds[i].kind, year, num, p);
    return -1;
}

int period_ensure(sqlite3 *db, const struct period *p, sqlite3_int64 *id)
{
    sqlite3_stmt *st = store_prepare(db,
        "INSERT INTO period(code, kind, year, num, starts, ends, name) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT(code) DO NOTHING");
    int rc = -1;

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, p->code);
    store_bind_text(st, 2, period_kind_code(p->kind));
    store_bind_int(st, 3, p->year);
    store_bind_int(st, 4, p->num);
    store_bind_text(st, 5, p->starts);
    store_bind_text(st, 6, p->ends);
    store_bind_text(st, 7, p->name);
    if (store_exec_stmt(st) != 0)
        return -1;
    st = store_prepare(db, "SELECT id FROM period WHERE code = ?");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, p->code);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}
