/* commitment.h - attendance as the test of commitment (report L2639-L2641).
 *
 * Owns: attendance rates per organisation and per body over time, and the
 * signal that attendance declines structurally. "Structural" is defined by
 * the cycle rule of kind 'inzet' (data, editable: n and a threshold): over
 * the organisation's last n meetings of a body at which attendance was
 * recorded, the attendance rate is below the threshold percentage AND it
 * is declining: either the least-squares trend within those n meetings is
 * negative, or the rate is lower than over the n meetings before them (an
 * organisation that stopped coming altogether has a flat trend of zeros,
 * but a lower rate than before). Present counts 1, represented by a
 * replacement 0.5 (someone came, but not the member), absent 0. */
#ifndef KOERS_COMMITMENT_H
#define KOERS_COMMITMENT_H

#include <jansson.h>
#include <sqlite3.h>

/* Rates per (body, organisation) with the series of the last meetings;
 * filter by organisation code or body code (NULL = all). */
json_t *commitment_rates(sqlite3 *db, const char *org_code,
                         const char *body_code);
/* The signals that fire now, with the rule (text and source) that defines
 * them; filters as above. */
json_t *commitment_signals(sqlite3 *db, const char *org_code,
                           const char *body_code);
/* The rule in words, for the UI ("over de laatste 4 vergaderingen ..."). */
json_t *commitment_rule(sqlite3 *db);

#endif
