/* body.h - the bodies (overleggen) of the governance.
 *
 * Owns: reading a body with its role, responsibilities, chair, frequency
 * rule, composition rule (seats with how many are filled), who is always
 * present, and its current members and invitees. The composition rule is
 * enforced in membership.c. JSON values are owned by the caller. */
#ifndef KOERS_BODY_H
#define KOERS_BODY_H

#include <jansson.h>
#include <sqlite3.h>

json_t *body_list(sqlite3 *db);
/* Full detail of one body by code; NULL when unknown. */
json_t *body_get(sqlite3 *db, const char *code);
/* Bodies an organisation sits in (active memberships). */
json_t *body_of_organisation(sqlite3 *db, long long org_id);

#endif
