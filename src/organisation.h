/* organisation.h - the organisations of the network.
 *
 * Owns: the organisation register (ministries, branches, education,
 * unions, regions, support organisations): reading, creating and
 * changing them. Changes validate through input.h, check the caller's
 * permission, and write the change and its audit entry in one
 * transaction. JSON values are owned by the caller. */
#ifndef KOERS_ORGANISATION_H
#define KOERS_ORGANISATION_H

#include <jansson.h>
#include <sqlite3.h>

#include "audit.h"
#include "fault.h"
#include "input.h"

extern const struct input_field organisation_fields[];
extern const char *const organisation_types[];
extern const char *const organisation_domains[];

json_t *organisation_list(sqlite3 *db);
/* Detail with parent, member organisations and the bodies it sits in. */
json_t *organisation_get(sqlite3 *db, const char *code);
/* Create from a validated-or-not object; returns 0 and the new code. */
int organisation_create(sqlite3 *db, const struct actor *who, json_t *in,
                        struct fault *f);
int organisation_update(sqlite3 *db, const struct actor *who,
                        const char *code, json_t *in, struct fault *f);

#endif
