/* sqljson.h - query results as JSON values.
 *
 * Owns: turning rows into jansson objects, so that domain modules return
 * one data structure that both the HTML pages and the API render. Column
 * names become keys; a dotted name ("bron.van") builds a nested object,
 * and a nested object whose members are all NULL becomes null. Integer
 * columns become integers, REAL numbers, NULL null, the rest strings.
 * Parameters are bound from a type string: 's' text (NULL allowed), 'i'
 * long long. The caller owns the returned value. */
#ifndef KOERS_SQLJSON_H
#define KOERS_SQLJSON_H

#include <jansson.h>
#include <sqlite3.h>

/* Select list for a report citation from columns src_section, src_from,
 * src_to with table prefix p ("" or "b."), nested as "bron". */
#define SQLJSON_BRON(p) p "src_section AS \"bron.sectie\", " p "src_from " \
    "AS \"bron.van\", " p "src_to AS \"bron.tot\""

/* All rows as an array; NULL on SQL error. */
json_t *sqljson_rows(sqlite3 *db, const char *sql, const char *types, ...);
/* First row as an object; NULL when there is no row or on error. */
json_t *sqljson_row(sqlite3 *db, const char *sql, const char *types, ...);

#endif
