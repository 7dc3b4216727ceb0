/* person.h - people in the network (representatives, netwerkmanagers).
 *
 * Owns: the person register: name, organisation, function, e-mail.
 * Changes check the caller's permission and are audited in the same
 * transaction. JSON values are owned by the caller. */
#ifndef KOERS_PERSON_H
#define KOERS_PERSON_H

#include <jansson.h>
#include <sqlite3.h>

#include "audit.h"
#include "fault.h"
#include "input.h"

extern const struct input_field person_fields[];

json_t *person_list(sqlite3 *db);
json_t *person_get(sqlite3 *db, long long id);
/* Returns the new id, or -1 with f filled. */
long long person_create(sqlite3 *db, const struct actor *who, json_t *in,
                        struct fault *f);
int person_update(sqlite3 *db, const struct actor *who, long long id,
                  json_t *in, struct fault *f);

#endif
