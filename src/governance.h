/* governance.h - the fixed frame of the report: pillars, levels, roles.
 *
 * Owns: reading the pillars (P1-P4), the three levels (afstemming,
 * landelijke sturing, uitvoering) and the roles of figure 9 with their
 * responsibilities and core tasks. Values are JSON (see sqljson.h) that
 * the caller owns; NULL means not found or a store error. */
#ifndef KOERS_GOVERNANCE_H
#define KOERS_GOVERNANCE_H

#include <jansson.h>
#include <sqlite3.h>

json_t *governance_pillars(sqlite3 *db);
json_t *governance_levels(sqlite3 *db);
json_t *governance_roles(sqlite3 *db);
json_t *governance_role(sqlite3 *db, const char *code);
/* Report lines [from, to] as [{nr, tekst}]; clamps to the report. */
json_t *governance_report_lines(sqlite3 *db, long long from, long long to);
long long governance_report_size(sqlite3 *db);

#endif
