/* overview.h - the secretaris's one overview of what needs doing.
 *
 * Owns: gathering, for a given day, the upcoming meetings, the agendas to
 * prepare (meetings in the next four weeks without an agreed agenda, or
 * with proposals still to decide), the minutes not yet written (past
 * meetings without minutes), the overdue action items, the commitment
 * signals and the violations of the cycle rules in the current year. */
#ifndef KOERS_OVERVIEW_H
#define KOERS_OVERVIEW_H

#include <jansson.h>
#include <sqlite3.h>

/* today: "YYYY-MM-DD". Caller owns the result. */
json_t *overview_secretaris(sqlite3 *db, const char *today);

#endif
