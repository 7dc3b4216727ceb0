/* budget.h - the governance budget (report L2711-L2716: about EUR 2.5
 * million a year, monitoring excluded; L1958-L1964: multi-year financing
 * of PTvT and the regions).
 *
 * Owns: the budget_line table: per year and category (boegbeeld,
 * secretaris, netwerkmanagers, ptvt, werkbudget, regio) the planned,
 * committed (verplicht) and spent (besteed) amounts in euros with at
 * most two decimals, and a note. Amounts are handled in whole cents
 * (long long) and stored as REAL values that are exact to the cent.
 * Seeded from data/seed/begroting.json (the split over the categories is
 * Koers's assumption, the note of each line says why). Changes need
 * ACT_BEGROTING_BEHEREN on the object "ezk" (so a ministerie account
 * with scope ezk may) and are audited; committed or spent above planned
 * is allowed and shown (overschreden).
 *
 * JSON values returned are owned by the caller (json_decref). */
#ifndef KOERS_BUDGET_H
#define KOERS_BUDGET_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "audit.h"
#include "fault.h"

#define BUDGET_CATEGORIES 6
#define BUDGET_AMOUNT_MAX 100000000000LL   /* cents: EUR 1 billion */
#define BUDGET_NOTE_MAX 1000

/* The categories in display order (NULL-terminated) and their labels. */
extern const char *const budget_categories[];
extern const char *const budget_category_labels[];
/* The label of a category code, or NULL when unknown. */
const char *budget_category_label(const char *code);

/* At `koers init`: the lines of data/seed/begroting.json for each of its
 * years. One transaction; an unknown category, a negative amount or a
 * missing field aborts with a message naming the file and entry. */
int budget_seed_load(sqlite3 *db, const char *data_dir, char *err,
                     size_t errlen);

/* Parse a Dutch or plain amount into cents: "250.000", "1.234,56",
 * "1234.5", "€ 12,50". At most two decimals, not negative, at most
 * BUDGET_AMOUNT_MAX. 0, or -1 with a Dutch reason in f (naming `label`). */
int budget_parse_amount(const char *s, const char *label, long long *cents,
                        struct fault *f);
/* A JSON number into cents under the same rules. */
int budget_json_amount(json_t *v, const char *label, long long *cents,
                       struct fault *f);

/* The lines, ordered by year and category order; year 0: all years:
 * [{jaar, categorie, naam, gepland, verplicht, besteed, toelichting,
 * overschreden: {verplicht, besteed} (booleans), gewijzigd}]. NULL on a
 * store error. */
json_t *budget_lines(sqlite3 *db, int year);
/* One line, or NULL. */
json_t *budget_line_get(sqlite3 *db, int year, const char *category);
/* The years that have lines, ascending: [2024, 2025, ...]. */
json_t *budget_years(sqlite3 *db);

/* Set (create or replace) the line (year, category) from in: gepland,
 * verplicht, besteed (numbers, required), toelichting (text, optional).
 * *created is 1 when the line is new. 0, or -1 with f; nothing stored
 * then. */
int budget_line_put(sqlite3 *db, const struct actor *who, int year,
                    const char *category, json_t *in, int *created,
                    struct fault *f);

/* Totals in cents over the years from..to (inclusive), for the budget
 * page and the evaluation. */
struct budget_totals {
    long long planned, committed, spent;
    int lines;
};
int budget_totals_get(sqlite3 *db, int from, int to, struct budget_totals *t);
/* Per year from..to: [{jaar, gepland, verplicht, besteed}] in euros;
 * category NULL: all, else only that category (the multi-year view of
 * ptvt and regio). NULL on a store error. */
json_t *budget_per_year(sqlite3 *db, int from, int to, const char *category);

#endif
