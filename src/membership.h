/* membership.h - who sits in which body, under its composition rule.
 *
 * Owns: adding and ending memberships and per-agenda invitees, and the
 * enforcement of a body's composition rule (its seats, from the report).
 * A member organisation takes the first seat it fits that still has room;
 * when it fits seats that are all full, or fits no seat of an exhaustive
 * composition, the addition is refused with a Dutch explanation that
 * cites the rule and its lines in the report. Invitees (genodigden) take
 * no seat and are allowed where the rule is flexible (flexibiliteit). */
#ifndef KOERS_MEMBERSHIP_H
#define KOERS_MEMBERSHIP_H

#include <jansson.h>
#include <sqlite3.h>

#include "audit.h"
#include "fault.h"
#include "input.h"

extern const struct input_field membership_fields[];

json_t *membership_list(sqlite3 *db, const char *body_code);
json_t *membership_get(sqlite3 *db, long long id);
/* Add a member or invitee to the body; returns the membership id or -1. */
long long membership_add(sqlite3 *db, const struct actor *who,
                         const char *body_code, json_t *in, struct fault *f);
/* End a membership (kept as history with an end date). */
int membership_end(sqlite3 *db, const struct actor *who,
                   const char *body_code, long long id, struct fault *f);

#endif
