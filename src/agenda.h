/* agenda.h - the one interface through which anything lands on an agenda.
 *
 * Owns: agenda items. Manual items are added by whoever prepares the
 * meeting; other modules (kerngroep decisions now, knelpunten and
 * verzoeken later) propose items for a body with agenda_propose, which
 * puts them on that body's first meeting after a given moment, or keeps
 * them waiting until such a meeting is planned. A proposal for the same
 * source reference is made only once. */
#ifndef KOERS_AGENDA_H
#define KOERS_AGENDA_H

#include <jansson.h>
#include <sqlite3.h>

#include "fault.h"

/* Sources, as stored: "handmatig", "kerngroep", "koersoverleg",
 * "knelpunt", "verzoek", "consultatie", "ser". */

/* Propose an item for body_code on its first non-cancelled meeting that
 * starts after `after` ("YYYY-MM-DDTHH:MM"); without one, the item waits
 * for the next meeting to be planned. Runs inside the caller's
 * transaction. Returns the item id, or -1 with f filled. */
long long agenda_propose(sqlite3 *db, const char *body_code,
                         const char *after, const char *source,
                         const char *source_ref, const char *title,
                         const char *description, struct fault *f);
/* Withdraw (status afgevoerd) the proposals of `source` whose reference
 * starts with ref_prefix and that are still waiting: not yet accepted, and
 * on no meeting or on a meeting that starts after `now`. Used when the
 * subject moved on to another table. Inside the caller's transaction. */
int agenda_withdraw(sqlite3 *db, const char *source, const char *ref_prefix,
                    const char *now);
/* Give a newly planned meeting the items waiting for its body. */
int agenda_adopt_pending(sqlite3 *db, long long meeting_id);
/* Items of a meeting in order. */
json_t *agenda_items(sqlite3 *db, long long meeting_id);

#endif
