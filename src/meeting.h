/* meeting.h - meetings of the bodies: planning, invitees, agenda,
 * minutes, decisions, action items and attendance.
 *
 * Owns: the meeting tables. Every change checks the caller's permission
 * (vergadering.plannen / vergadering.vastleggen; a netwerkmanager only
 * for the kerngroep in its scope), validates through input.h, and is
 * written with its audit entry in one transaction. A decision of a body
 * that meets before another (kerngroep -> koersoverleg) or of a body that
 * another follows (koersoverleg -> DG-overleg) is proposed on the next
 * agenda of that other body (agenda.h): the flows of the report are
 * derived from the bodies' frequency rules ("voor" / "na"). */
#ifndef KOERS_MEETING_H
#define KOERS_MEETING_H

#include <jansson.h>
#include <sqlite3.h>

#include "audit.h"
#include "fault.h"

/* Meetings between from and to ("YYYY-MM-DD", inclusive; NULL = open),
 * of one body (code) or all (NULL), in time order. */
json_t *meeting_list(sqlite3 *db, const char *body_code, const char *from,
                     const char *to);
/* Everything about one meeting, with the composition check. */
json_t *meeting_get(sqlite3 *db, long long id);

long long meeting_create(sqlite3 *db, const struct actor *who, json_t *in,
                         struct fault *f);
/* The same inside the caller's transaction (for saving a whole plan). */
long long meeting_create_tx(sqlite3 *db, const struct actor *who,
                            json_t *in, struct fault *f);
/* Reschedule or rename: begin, einde, locatie, titel (partial). */
int meeting_update(sqlite3 *db, const struct actor *who, long long id,
                   json_t *in, struct fault *f);
int meeting_cancel(sqlite3 *db, const struct actor *who, long long id,
                   struct fault *f);
/* An invitee for this agenda only: {organisatie, persoon}. */
long long meeting_invite(sqlite3 *db, const struct actor *who, long long id,
                         json_t *in, struct fault *f);
/* A manual agenda item {titel, omschrijving}. */
long long meeting_agenda_add(sqlite3 *db, const struct actor *who,
                             long long id, json_t *in, struct fault *f);
/* Accept or drop a proposed item: {status: geagendeerd | afgevoerd}. */
int meeting_agenda_status(sqlite3 *db, const struct actor *who,
                          long long id, long long item, json_t *in,
                          struct fault *f);
/* Minutes in Markdown {verslag}. */
int meeting_minutes(sqlite3 *db, const struct actor *who, long long id,
                    json_t *in, struct fault *f);
long long meeting_decision_add(sqlite3 *db, const struct actor *who,
                               long long id, json_t *in, struct fault *f);
long long meeting_action_add(sqlite3 *db, const struct actor *who,
                             long long id, json_t *in, struct fault *f);
int meeting_action_status(sqlite3 *db, const struct actor *who,
                          long long action, json_t *in, struct fault *f);
/* Attendance {aanwezigheid: [{genodigde, status, vervangenDoor}]},
 * all-or-nothing. */
int meeting_attendance(sqlite3 *db, const struct actor *who, long long id,
                       json_t *in, struct fault *f);
/* Open action items past their deadline (for the secretaris). */
json_t *meeting_overdue_actions(sqlite3 *db, const char *today);

#endif
