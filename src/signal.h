/* signal.h - signals computed from the data, attached to the risks of
 * figure 11 (report L2141-L2191), with since when they fire.
 *
 * Owns: the signal table. A signal is identified by (kind, subject): kind
 * names the rule ("inzet-daalt", "gremium-overlap", "knelpunt-stil",
 * "netwerkmanager-vacant", "druk-kerngroep", "dekking-accounthouder",
 * "zetel-onbezet", ...), subject the thing it is about as a stable key
 * ("organisatie:ezk", "gremium:32", "knelpunt:17", "overleg:kerngroep-p1",
 * "regio:PV25"). Raising an open signal again only updates its message and
 * last_seen; first_seen keeps since when it fires. Clearing closes it
 * (cleared_at); a later raise opens a new row. All run inside or outside a
 * caller's transaction (they do not begin one). */
#ifndef KOERS_SIGNAL_H
#define KOERS_SIGNAL_H

#include <jansson.h>
#include <sqlite3.h>

/* Open (or refresh) the signal (kind, subject) for risk risk_nr (0: none)
 * with a Dutch message carrying its evidence. 0 on success, -1 on a store
 * error. */
int signal_raise(sqlite3 *db, const char *kind, int risk_nr,
                 const char *subject, const char *message);

/* As signal_raise, with since when the rule fires (an ISO date or
 * timestamp read from the evidence, e.g. when a knelpunt arrived at its
 * table); NULL or "" means now. Only used when a new row opens: an open
 * signal keeps its first_seen. */
int signal_raise_at(sqlite3 *db, const char *kind, int risk_nr,
                    const char *subject, const char *since,
                    const char *message);

/* Close the open signal (kind, subject), if any. 0 / -1. */
int signal_clear(sqlite3 *db, const char *kind, const char *subject);

/* Recompute every signal whose rule reads the data (attendance, knelpunten
 * at a table too long, vacant netwerkmanager seats, open pressure notes,
 * coverage of provinces by accounthouders, boegbeeld and secretaris
 * seats): raise those that fire, clear those of the same kinds that no
 * longer do. Signals raised by events (a new overlapping gremium) are left
 * alone. One transaction. 0 / -1. */
int signal_refresh(sqlite3 *db);

/* The signals as JSON (id, soort, risico, onderwerp, melding, sinds,
 * laatstGezien, opgeheven, open): of risk risk_nr (0: all), the open
 * ones, or with with_closed also the history; open first. NULL on a
 * store error; the caller owns the array. */
json_t *signal_list(sqlite3 *db, int risk_nr, int with_closed);

/* For a reader who is not logged in: replace, in a signal_list array, the
 * messages that quote what only logged-in users may see (the text of
 * pressure notes; the title of a knelpunt that is not public, whose
 * subject becomes "knelpunt"). */
void signal_redact(sqlite3 *db, json_t *list);

#endif
