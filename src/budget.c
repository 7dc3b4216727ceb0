/* budget.c - the governance budget per year and category (see
 * budget.h). */
#include "budget.h"
#include "domain.h"
#include "input.h"
#include "perm.h"
#include "seed.h"
#include "sqljson.h"
#include "store.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const budget_categories[] = { "boegbeeld", "secretaris",
    "netwerkmanagers", "ptvt", "werkbudget", "regio", NULL };
const char *const budget_category_labels[] = { "Boegbeeld", "Secretaris",
    "Netwerkmanagers", "Ondersteuning PTvT", "Werkbudget",
    "Ondersteuning regio", NULL };

const char *budget_category_label(const char *code)
{
    size_t i;

    for (i = 0; code && budget_categories[i]; i++)
        if (strcmp(code, budget_categories[i]) == 0)
            return budget_category_labels[i];
    return NULL;
}

/* The position of category in budget_categories, for ORDER BY. */
#define CATEGORY_ORDER(col) \
    "CASE " col " WHEN 'boegbeeld' THEN 1 WHEN 'secretaris' THEN 2 " \
    "WHEN 'netwerkmanagers' THEN 3 WHEN 'ptvt' THEN 4 WHEN 'werkbudget' " \
    "THEN 5 ELSE 6 END"

/* Cents as the stored REAL (exact to the cent after rounding back). */
static double euros(long long cents)
{
    return (double)cents / 100.0;
}

/* ------------------------------------------------------------------ */
/* Amounts                                                             */

/* Cents of the digits in s[0..n) read as an integer; -1 when one is not a
 * digit or the value passes BUDGET_AMOUNT_MAX. */
static long long digits_value(const char *s, size_t n)
{
    long long v = 0;
    size_t i;

    if (n == 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
        if (v > BUDGET_AMOUNT_MAX)
            return -1;
    }
    return v;
}

/* 1 when s[0..n) is digits in groups of three separated by sep, the
 * first group of 1 to 3 digits ("1.234.567"). */
static int grouped(const char *s, size_t n, char sep)
{
    size_t i, run = 0, groups = 0;

    for (i = 0; i < n; i++) {
        if (s[i] == sep) {
            if (run == 0 || run > 3 || (groups > 0 && run != 3))
                return 0;
            groups++;
            run = 0;
        } else if (isdigit((unsigned char)s[i])) {
            run++;
        } else {
            return 0;
        }
    }
    return groups > 0 && run == 3;
}

int budget_parse_amount(const char *s, const char *label, long long *cents,
                        struct fault *f)
{
    char clean[64];
    size_t n = 0, intlen, declen = 0;
    const char *dec = NULL, *p;
    long long whole, frac = 0;
    char *q;

    if (s == NULL || !domain_has_text(s)) {
        fault_set(f, FAULT_INVALID, "%s is verplicht.", label);
        return -1;
    }
    /* drop spaces and a euro sign */
    for (p = s; *p; p++) {
        if (*p == ' ')
            continue;
        if (strncmp(p, "\xe2\x82\xac", 3) == 0) {
            p += 2;
            continue;
        }
        if (n + 1 >= sizeof clean)
            goto bad;
        clean[n++] = *p;
    }
    clean[n] = '\0';
    if (clean[0] == '-') {
        fault_set(f, FAULT_INVALID, "%s kan niet negatief zijn.", label);
        return -1;
    }
    /* the decimal separator: a comma; else a point that does not group
     * thousands ("1.250" is twelve hundred fifty, "12.5" twelve and a
     * half) */
    q = strchr(clean, ',');
    if (q) {
        if (strchr(q + 1, ',') || strchr(q + 1, '.'))
            goto bad;
        dec = q + 1;
        intlen = (size_t)(q - clean);
    } else {
        q = strrchr(clean, '.');
        intlen = strlen(clean);
        if (q && !grouped(clean, intlen, '.')) {
            if (strchr(clean, '.') != q)
                goto bad;
            dec = q + 1;
            intlen = (size_t)(q - clean);
        }
    }
    if (dec) {
        declen = strlen(dec);
        if (declen == 0)
            goto bad;
        if (declen > 2) {
            fault_set(f, FAULT_INVALID, "%s: hoogstens twee decimalen "
                      "(centen), niet \"%s\".", label, s);
            return -1;
        }
        frac = digits_value(dec, declen);
        if (frac < 0)
            goto bad;
        if (declen == 1)
            frac *= 10;
    }
    if (memchr(clean, '.', intlen)) {
        if (!grouped(clean, intlen, '.'))
            goto bad;
        /* remove the grouping points */
        {
            char digits[64];
            size_t i, k = 0;

            for (i = 0; i < intlen; i++)
                if (clean[i] != '.')
                    digits[k++] = clean[i];
            whole = digits_value(digits, k);
        }
    } else {
        whole = digits_value(clean, intlen);
    }
    if (whole < 0 || whole > BUDGET_AMOUNT_MAX / 100)
        goto bad;
    *cents = whole * 100 + frac;
    return 0;
bad:
    fault_set(f, FAULT_INVALID, "%s: geen bedrag in euro's: \"%.40s\". "
              "Schrijf bijvoorbeeld 250.000 of 1.234,56 (hoogstens twee "
              "decimalen, niet negatief, tot 1 miljard).", label, s);
    return -1;
}

int budget_json_amount(json_t *v, const char *label, long long *cents,
                       struct fault *f)
{
    double d, c;

    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);

        if (i < 0) {
            fault_set(f, FAULT_INVALID, "%s kan niet negatief zijn.", label);
            return -1;
        }
        if (i > BUDGET_AMOUNT_MAX / 100)
            goto too_big;
        *cents = (long long)i * 100;
        return 0;
    }
    if (!json_is_real(v)) {
        fault_set(f, FAULT_INVALID, "%s: verwacht een bedrag in euro's als "
                  "getal, zoals 250000 of 1234.56.", label);
        return -1;
    }
    d = json_real_value(v);
    if (!isfinite(d) || d < 0) {
        fault_set(f, FAULT_INVALID, "%s kan niet negatief zijn.", label);
        return -1;
    }
    if (d > (double)(BUDGET_AMOUNT_MAX / 100))
        goto too_big;
    c = d * 100.0;
    if (fabs(c - round(c)) > 1e-6 * fmax(1.0, c)) {
        fault_set(f, FAULT_INVALID, "%s: hoogstens twee decimalen (centen), "
                  "niet %.6g.", label, d);
        return -1;
    }
    *cents = (long long)llround(c);
    return 0;
too_big:
    fault_set(f, FAULT_INVALID, "%s: hoogstens 1 miljard euro.", label);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

#define LINE_COLS \
    "year AS jaar, category AS categorie, round(planned, 2) AS gepland, " \
    "round(committed, 2) AS verplicht, round(spent, 2) AS besteed, " \
    "note AS toelichting, committed > planned AS \"overschreden.verplicht\"," \
    " spent > planned AS \"overschreden.besteed\", updated_at AS gewijzigd"

/* Add naam and turn the overschreden flags into booleans. */
static void finish_line(json_t *o)
{
    json_t *x = json_object_get(o, "overschreden");

    json_object_set_new(o, "naam", json_string(budget_category_label(
        sqljson_str(o, "categorie")) ? budget_category_label(sqljson_str(
        o, "categorie")) : sqljson_str(o, "categorie")));
    if (json_is_object(x)) {
        domain_set_bool(x, "verplicht");
        domain_set_bool(x, "besteed");
    } else {
        json_object_set_new(o, "overschreden", json_pack("{s:b, s:b}",
                            "verplicht", 0, "besteed", 0));
    }
}

json_t *budget_lines(sqlite3 *db, int year)
{
    json_t *a, *o;
    size_t i;

    a = sqljson_rows(db, "SELECT " LINE_COLS " FROM budget_line WHERE "
                         "? = 0 OR year = ? ORDER BY year, "
                         CATEGORY_ORDER("category"), "ii", (long long)year,
                     (long long)year);
    json_array_foreach(a, i, o)
        finish_line(o);
    return a;
}

json_t *budget_line_get(sqlite3 *db, int year, const char *category)
{
    json_t *o = sqljson_row(db, "SELECT " LINE_COLS " FROM budget_line "
                                "WHERE year = ? AND category = ?", "is",
                            (long long)year, category);

    if (o)
        finish_line(o);
    return o;
}

json_t *budget_years(sqlite3 *db)
{
    json_t *rows = sqljson_rows(db, "SELECT DISTINCT year AS jaar FROM "
                                    "budget_line ORDER BY year", NULL);
    json_t *out, *o;
    size_t i;

    if (rows == NULL)
        return NULL;
    out = json_array();
    json_array_foreach(rows, i, o)
        json_array_append_new(out, json_integer(sqljson_int(o, "jaar")));
    json_decref(rows);
    return out;
}

int budget_totals_get(sqlite3 *db, int from, int to, struct budget_totals *t)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT coalesce(sum(CAST(round(planned * 100) AS INTEGER)), 0), "
        "coalesce(sum(CAST(round(committed * 100) AS INTEGER)), 0), "
        "coalesce(sum(CAST(round(spent * 100) AS INTEGER)), 0), count(*) "
        "FROM budget_line WHERE year BETWEEN ? AND ?");
    int rc = -1;

    memset(t, 0, sizeof *t);
    if (st == NULL)
        return -1;
    store_bind_int(st, 1, from);
    store_bind_int(st, 2, to);
    if (sqlite3_step(st) == SQLITE_ROW) {
        t->planned = sqlite3_column_int64(st, 0);
        t->committed = sqlite3_column_int64(st, 1);
        t->spent = sqlite3_column_int64(st, 2);
        t->lines = sqlite3_column_int(st, 3);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

json_t *budget_per_year(sqlite3 *db, int from, int to, const char *category)
{
    return sqljson_rows(db,
        "SELECT year AS jaar, "
        "sum(CAST(round(planned * 100) AS INTEGER)) / 100.0 AS gepland, "
        "sum(CAST(round(committed * 100) AS INTEGER)) / 100.0 AS verplicht, "
        "sum(CAST(round(spent * 100) AS INTEGER)) / 100.0 AS besteed "
        "FROM budget_line WHERE year BETWEEN ? AND ? AND (? IS NULL OR "
        "category = ?) GROUP BY year ORDER BY year", "iiss", (long long)from,
        (long long)to, category, category);
}

/* ------------------------------------------------------------------ */
/* Changing                                                            */

static const struct input_field note_field[] = {
    { "toelichting", "Toelichting", IN_LONGTEXT, 0, BUDGET_NOTE_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const char *const amount_keys[] = { "gepland", "verplicht",
                                           "besteed", NULL };
static const char *const amount_labels[] = { "Gepland", "Verplicht",
                                             "Besteed", NULL };

/* The amounts of in into cents[3]; unknown keys refused. */
static int check_line(json_t *in, long long cents[3], struct fault *f)
{
    json_t *rest, *v;
    const char *k;
    size_t i;
    int rc;

    if (!json_is_object(in)) {
        fault_set(f, FAULT_INVALID, "Verwacht een object met velden.");
        return -1;
    }
    for (i = 0; amount_keys[i]; i++) {
        v = json_object_get(in, amount_keys[i]);
        if (v == NULL || json_is_null(v)) {
            fault_set(f, FAULT_INVALID, "%s is verplicht (een bedrag in "
                      "euro's; 0 als er niets is).", amount_labels[i]);
            return -1;
        }
        if (budget_json_amount(v, amount_labels[i], &cents[i], f) != 0)
            return -1;
    }
    rest = json_object();
    json_object_foreach(in, k, v) {
        int amount = 0;

        for (i = 0; amount_keys[i]; i++)
            if (strcmp(k, amount_keys[i]) == 0)
                amount = 1;
        if (!amount)
            json_object_set(rest, k, v);
    }
    rc = input_check(rest, note_field, 0, f);
    json_decref(rest);
    return rc;
}

int budget_line_put(sqlite3 *db, const struct actor *who, int year,
                    const char *category, json_t *in, int *created,
                    struct fault *f)
{
    long long cents[3], old[3] = { 0, 0, 0 };
    sqlite3_stmt *st;
    char idtxt[48], detail[512];
    const char *note;
    int exists;

    *created = 0;
    snprintf(idtxt, sizeof idtxt, "%d/%s", year,
             category ? category : "");
    if (category == NULL || budget_category_label(category) == NULL) {
        fault_set(f, FAULT_NOTFOUND, "Onbekende begrotingspost \"%.40s\"; "
                  "posten zijn boegbeeld, secretaris, netwerkmanagers, "
                  "ptvt, werkbudget en regio.", category ? category : "");
        return -1;
    }
    if (year < 2000 || year > 2100) {
        fault_set(f, FAULT_INVALID, "Het jaar ligt tussen 2000 en 2100.");
        return -1;
    }
    if (!perm_allowed(who->role, who->scope, ACT_BEGROTING_BEHEREN, "ezk")) {
        if (who->role == ROLE_NONE)
            fault_set(f, FAULT_FORBIDDEN, "Log in om de begroting bij te "
                      "werken.");
        else
            fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s%s%s) mag de begroting "
                      "niet bijwerken; dat mogen de beheerder, de secretaris "
                      "en EZK (een ministerie-account met scope ezk), dat de "
                      "middelen vrijmaakt (rapport, regels 2711–2716).",
                      perm_role_label(who->role), who->scope[0] ? ", " : "",
                      who->scope);
        audit_write(db, who, "begroting.beheren", "begrotingspost", idtxt,
                    "geweigerd", f->msg);
        return -1;
    }
    if (check_line(in, cents, f) != 0)
        return -1;
    note = input_str(in, "toelichting");
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "SELECT CAST(round(planned * 100) AS INTEGER), "
                           "CAST(round(committed * 100) AS INTEGER), "
                           "CAST(round(spent * 100) AS INTEGER) FROM "
                           "budget_line WHERE year = ? AND category = ?");
    store_bind_int(st, 1, year);
    store_bind_text(st, 2, category);
    exists = st && sqlite3_step(st) == SQLITE_ROW;
    if (exists) {
        old[0] = sqlite3_column_int64(st, 0);
        old[1] = sqlite3_column_int64(st, 1);
        old[2] = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    st = store_prepare(db, "INSERT INTO budget_line(year, category, planned, "
                           "committed, spent, note, updated_at) VALUES "
                           "(?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ',"
                           "'now')) ON CONFLICT(year, category) DO UPDATE "
                           "SET planned = excluded.planned, committed = "
                           "excluded.committed, spent = excluded.spent, "
                           "note = excluded.note, updated_at = "
                           "excluded.updated_at");
    store_bind_int(st, 1, year);
    store_bind_text(st, 2, category);
    if (st) {
        sqlite3_bind_double(st, 3, euros(cents[0]));
        sqlite3_bind_double(st, 4, euros(cents[1]));
        sqlite3_bind_double(st, 5, euros(cents[2]));
    }
    store_bind_text(st, 6, note ? note : "");
    snprintf(detail, sizeof detail, "%s: gepland %.2f -> %.2f, verplicht "
             "%.2f -> %.2f, besteed %.2f -> %.2f",
             exists ? "gewijzigd" : "nieuw", euros(old[0]), euros(cents[0]),
             euros(old[1]), euros(cents[1]), euros(old[2]), euros(cents[2]));
    if (store_exec_stmt(st) != 0 ||
        audit_write(db, who, "begroting.beheren", "begrotingspost", idtxt,
                    "gelukt", detail) != 0 || store_commit(db) != 0)
        return domain_store_failed(db, f);
    *created = !exists;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Seed                                                                */

/* The lines of begroting.json's root, inside seed_json_tx. */
static int seed_lines(sqlite3 *db, json_t *root, const char *path,
                      char *err, size_t errlen)
{
    json_t *years, *lines, *y, *l;
    size_t i, j;

    years = json_object_get(root, "jaren");
    lines = json_object_get(root, "posten");
    if (!json_is_array(years) || !json_is_array(lines)) {
        snprintf(err, errlen, "%s: needs arrays jaren and posten", path);
        return -1;
    }
    json_array_foreach(lines, j, l) {
        const char *cat = json_string_value(json_object_get(l, "categorie"));
        json_t *amount = json_object_get(l, "geplandPerJaar");
        struct fault f = { 0 };
        long long cents;

        if (budget_category_label(cat) == NULL ||
            budget_json_amount(amount, "geplandPerJaar", &cents, &f) != 0 ||
            !json_is_string(json_object_get(l, "toelichting"))) {
            snprintf(err, errlen, "%s: post %zu: needs a known categorie, "
                     "geplandPerJaar (euros, >= 0) and toelichting %s", path,
                     j + 1, f.msg);
            return -1;
        }
        json_array_foreach(years, i, y) {
            sqlite3_stmt *st;

            if (!json_is_integer(y) || json_integer_value(y) < 2000 ||
                json_integer_value(y) > 2100) {
                snprintf(err, errlen, "%s: jaar %zu is not a year", path,
                         i + 1);
                return -1;
            }
            st = store_prepare(db, "INSERT INTO budget_line(year, category, "
                                   "planned, note) VALUES (?, ?, ?, ?)");
            store_bind_int(st, 1, json_integer_value(y));
            store_bind_text(st, 2, cat);
            if (st)
                sqlite3_bind_double(st, 3, euros(cents));
            store_bind_text(st, 4, json_string_value(json_object_get(
                l, "toelichting")));
            if (store_exec_stmt(st) != 0) {
                snprintf(err, errlen, "%s: post %zu: duplicate categorie",
                         path, j + 1);
                return -1;
            }
        }
    }
    return 0;
}

int budget_seed_load(sqlite3 *db, const char *data_dir, char *err,
                     size_t errlen)
{
    return seed_json_tx(db, data_dir, "begroting.json", seed_lines, err,
                        errlen);
}
