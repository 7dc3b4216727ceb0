/* cyclerule.h - reading and changing the rules of the yearly cycle.
 *
 * Owns: the beheerder's edits of table cycle_rule (how often a body
 * meets, in which months, the windows of "voor"/"na", the spreading, the
 * evaluation interval, the commitment threshold, whether a rule is
 * active). The planner and checker (cycle.h) read the rules; nothing in
 * C hard-codes them. Changes are permission-checked and audited. */
#ifndef KOERS_CYCLERULE_H
#define KOERS_CYCLERULE_H

#include <jansson.h>
#include <sqlite3.h>

#include "audit.h"
#include "fault.h"

json_t *cyclerule_list(sqlite3 *db);
json_t *cyclerule_get(sqlite3 *db, const char *code);
/* Partial update: n, drempel, maanden, vanafJaar, actief. */
int cyclerule_update(sqlite3 *db, const struct actor *who, const char *code,
                     json_t *in, struct fault *f);

#endif
