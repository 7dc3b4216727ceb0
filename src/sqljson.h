/* sqljson.h - query results as JSON values.
 *
 * Owns: turning rows into jansson objects, so that domain modules return
 * one data structure that both the HTML pages and the API render. Column
 * names become keys; a dotted name ("bron.van") builds a nested object,
 * and a nested object whose members are all NULL becomes null. Integer
 * columns become integers, REAL numbers, NULL null, the rest strings.
 * Parameters are bound from a type string: 's' text (NULL allowed), 'i'
 * long long. The caller owns the returned value. sqljson_str and
 * sqljson_int read one member back for rendering, with a neutral value
 * for what is missing. */
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
/* String member `key` of o; "" when o is not an object or the member is
 * missing, null or not a string. Borrowed: valid as long as o. */
const char *sqljson_str(json_t *o, const char *key);
/* Integer member `key` of o; 0 when missing or not an integer. */
long long sqljson_int(json_t *o, const char *key);

#endif
